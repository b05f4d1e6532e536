import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { createCoreSchemaValidators } from '../generated/core-schema-validators.js';
import { linearAjvErrors } from '../problems/ajv-linear.js';
import semver from 'semver';
import { CnscdError } from '../errors.js';
import { TASKS, type MetricDefinition, type RatioDefinition } from '../model/types.js';
import { CORE_VERSION } from '../version.js';
import { corePlugin, coreSchemaRoots } from './core-plugin.js';
import type { FactDefinition, OperatorDefinition, Plugin, ScorerDefinition } from './types.js';

/** A definition together with the plugin that provided it. */
export interface Registered<D> {
  readonly def: D;
  readonly plugin: string;
}

/** A registered operator, with its value schema (if any) compiled once. */
export interface RegisteredOperator extends Registered<OperatorDefinition> {
  readonly validateValue?: ValidateFunction;
}

/** A registered scorer, with its options schema compiled once. */
// biome-ignore lint/suspicious/noExplicitAny: registered scorers have different option types
export interface RegisteredScorer extends Registered<ScorerDefinition<any>> {
  readonly validateOptions: ValidateFunction;
}

/**
 * Everything the evaluator can use: the core's facts, operators, scorers and metrics, plus those of the
 * plugins it was built from. Build it once and reuse it; it is immutable.
 */
export interface Registry {
  readonly coreVersion: string;
  /** The core plugin first, then the plugins in the order given. */
  readonly plugins: readonly Plugin[];
  readonly facts: ReadonlyMap<string, Registered<FactDefinition<unknown>>>;
  readonly operators: ReadonlyMap<string, RegisteredOperator>;
  readonly scorers: ReadonlyMap<string, RegisteredScorer>;
  readonly metrics: ReadonlyMap<string, Registered<MetricDefinition>>;
  readonly ratios: ReadonlyMap<string, Registered<RatioDefinition>>;
  /** The version of a loaded plugin, or undefined. */
  pluginVersion(name: string): string | undefined;
}

let precompiled: ReadonlyMap<object, ValidateFunction> | undefined;

/**
 * The validator of a plugin schema. The core's own schemas are precompiled (`src/generated/`, by
 * `scripts/gen-validators.ts`) and found by identity; any other schema is compiled by ajv, which generates
 * code: where that is forbidden (a Content-Security-Policy without 'unsafe-eval', a `vm` context without
 * code generation from strings) the error says so instead of calling the schema invalid.
 */
function schemaCompiler(): (schema: object, what: string, key: string) => ValidateFunction {
  if (precompiled === undefined) {
    const roots = coreSchemaRoots();
    const validators: Readonly<Record<string, ValidateFunction | undefined>> = createCoreSchemaValidators(
      roots as Parameters<typeof createCoreSchemaValidators>[0],
    );
    precompiled = new Map(
      Object.entries(roots).map(([name, schema]) => {
        const v = validators[name];
        if (v === undefined) throw new Error(`no precompiled validator ${name}: run npm run validators -w @cnscd/core`);
        return [schema, v];
      }),
    );
  }
  const known = precompiled;
  let ajv: Ajv2020 | undefined;
  return (schema, what, key) => {
    const found = known.get(schema);
    if (found !== undefined) return found;
    if (schema === null || (typeof schema !== 'object' && typeof schema !== 'boolean')) {
      throw new CnscdError('PLUGIN_INVALID', `${what} has an invalid ${key}: a JSON Schema is an object or a boolean.`);
    }
    if (!canGenerateCode()) {
      throw new CnscdError(
        'PLUGIN_NEEDS_CODE_GENERATION',
        `${what}: its ${key} must be compiled to code when the registry is built, and this environment forbids ` +
          `generating code from strings (a Content-Security-Policy without 'unsafe-eval', or a context created with ` +
          `codeGeneration: { strings: false }). The core's own schemas are precompiled and work there; a plugin's ` +
          `schemas need code generation allowed.`,
      );
    }
    // Draft 2020-12, like every schema of cnscd (prefixItems, $defs...). The same options as the core's
    // precompiled scorer schemas (scripts/gen-validators.ts).
    ajv ??= new Ajv2020({ allErrors: true, strict: false, code: { process: linearAjvErrors } });
    try {
      return ajv.compile(schema);
    } catch (cause) {
      throw new CnscdError('PLUGIN_INVALID', `${what} has an invalid ${key}.`, { cause });
    }
  };
}

/**
 * Whether this environment lets code be generated from strings, as ajv's compiler does. Probed with an empty
 * function body: no caller text ever reaches the evaluator.
 */
function canGenerateCode(): boolean {
  try {
    return typeof new Function('') === 'function';
  } catch {
    return false;
  }
}

const NAME_RE = /^[a-z0-9@][a-z0-9._/-]*$/i;
const ID_RE = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Build a registry from plugins. Fails fast with a stable code on a malformed plugin
 * (`PLUGIN_INVALID`), a name used twice (`PLUGIN_NAME_CLASH`), a core version the plugin does not
 * support (`PLUGIN_INCOMPATIBLE_CORE`), or a fact depending on something missing or circular
 * (`PLUGIN_DEPENDENCY`).
 *
 * @example
 * ```ts
 * const registry = createRegistry([myPlugin]);
 * const result = await evaluate(dataset, criteriaSet, { period: '2025-01..2025-12', registry });
 * ```
 */
export function createRegistry(plugins: readonly Plugin[] = []): Registry {
  const all = [corePlugin, ...plugins];
  const facts = new Map<string, Registered<FactDefinition<unknown>>>();
  const operators = new Map<string, RegisteredOperator>();
  const scorers = new Map<string, RegisteredScorer>();
  const metrics = new Map<string, Registered<MetricDefinition>>();
  const ratios = new Map<string, Registered<RatioDefinition>>();
  const versions = new Map<string, string>();
  const compile = schemaCompiler();

  for (const plugin of all) {
    if (plugin === null || typeof plugin !== 'object') {
      throw new CnscdError('PLUGIN_INVALID', 'A plugin must be an object made with definePlugin().');
    }
    const { name, version, core } = plugin;
    if (typeof name !== 'string' || !NAME_RE.test(name)) {
      throw new CnscdError('PLUGIN_INVALID', `Plugin name ${JSON.stringify(name)} is not a valid package-like name.`);
    }
    if (typeof version !== 'string' || semver.valid(version) === null) {
      throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": version ${JSON.stringify(version)} is not a semver version.`);
    }
    if (typeof core !== 'string' || semver.validRange(core) === null) {
      throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": core ${JSON.stringify(core)} is not a semver range.`);
    }
    if (versions.has(name)) {
      throw new CnscdError('PLUGIN_NAME_CLASH', `Plugin "${name}" is loaded twice.`);
    }
    if (!semver.satisfies(CORE_VERSION, core, { includePrerelease: true })) {
      throw new CnscdError('PLUGIN_INCOMPATIBLE_CORE', `Plugin "${name}@${version}" needs @cnscd/core ${core}, but this is ${CORE_VERSION}.`);
    }
    versions.set(name, version);

    for (const key of ['facts', 'operators', 'scorers', 'metrics', 'ratios'] as const) {
      const list = plugin[key];
      if (list !== undefined && !Array.isArray(list)) {
        throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": ${key} must be an array.`);
      }
      (list ?? []).forEach((d: unknown, i: number) => {
        if (d === null || typeof d !== 'object') {
          throw new CnscdError(
            'PLUGIN_INVALID',
            `Plugin "${name}": ${key}[${i}] must be a definition object, got ${d === null ? 'null' : typeof d}.`,
          );
        }
      });
    }
    const claim = <D extends { id: string }>(map: Map<string, Registered<D>>, kind: string, def: D): void => {
      if (typeof def.id !== 'string' || !ID_RE.test(def.id)) {
        throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": a ${kind} has an invalid id ${JSON.stringify(def?.id)}.`);
      }
      const existing = map.get(def.id);
      if (existing !== undefined) {
        throw new CnscdError('PLUGIN_NAME_CLASH', `Plugin "${name}" defines ${kind} "${def.id}", already defined by "${existing.plugin}".`);
      }
      map.set(def.id, { def, plugin: name });
    };

    for (const m of plugin.metrics ?? []) {
      const bad = checkEnums(m as unknown as Record<string, unknown>, METRIC_ENUMS) ?? checkLabel(m.label);
      if (bad !== undefined) throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": metric "${m.id}": ${bad}.`);
      claim(metrics, 'metric', m);
    }
    for (const r of plugin.ratios ?? []) {
      const bad = checkLabel(r.label);
      if (bad !== undefined) throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": ratio "${r.id}": ${bad}.`);
      claim(ratios, 'ratio', r);
      for (const side of [r.numerator, r.denominator]) {
        if (!metrics.has(side)) {
          throw new CnscdError('PLUGIN_DEPENDENCY', `Plugin "${name}": ratio "${r.id}" uses unknown metric "${side}".`);
        }
      }
    }
    for (const o of plugin.operators ?? []) {
      if (typeof o.evaluate !== 'function') {
        throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": operator "${o.id}" has no evaluate function.`);
      }
      claim(operators, 'operator', o);
      if (o.valueSchema !== undefined) {
        operators.set(o.id, {
          def: o,
          plugin: name,
          validateValue: compile(o.valueSchema as object, `Plugin "${name}": operator "${o.id}"`, 'valueSchema'),
        });
      }
    }
    for (const s of plugin.scorers ?? []) {
      if (typeof s.score !== 'function') {
        throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": scorer "${s.id}" has no score function.`);
      }
      const validateOptions = compile(s.optionsSchema as object, `Plugin "${name}": scorer "${s.id}"`, 'optionsSchema');
      // biome-ignore lint/suspicious/noExplicitAny: registered scorers have different option types
      claim(scorers as Map<string, Registered<ScorerDefinition<any>>>, 'scorer', s);
      scorers.set(s.id, { def: s, plugin: name, validateOptions });
    }
    const own = plugin.facts ?? [];
    for (const f of own) {
      const bad =
        checkEnums(f as unknown as Record<string, unknown>, FACT_ENUMS) ??
        checkLabel(f.label, f.pathLabels) ??
        (Array.isArray(f.subjects) && f.subjects.length > 0 && f.subjects.every((x) => x === 'team' || x === 'orgUnit')
          ? undefined
          : `subjects must be a non-empty list of "team" and "orgUnit"`);
      if (bad !== undefined) throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": fact "${f.id}": ${bad}.`);
      if (typeof f.compute !== 'function') {
        throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": fact "${f.id}" has no compute function.`);
      }
      claim(facts, 'fact', f as FactDefinition<unknown>);
    }
    // Dependencies resolve against the core, earlier plugins and this plugin; no cycles.
    for (const f of own) {
      for (const m of f.dependsOn?.metrics ?? []) {
        if (!metrics.has(m)) {
          throw new CnscdError('PLUGIN_DEPENDENCY', `Plugin "${name}": fact "${f.id}" depends on unknown metric "${m}".`);
        }
      }
      for (const d of f.dependsOn?.facts ?? []) {
        if (!facts.has(d)) {
          throw new CnscdError('PLUGIN_DEPENDENCY', `Plugin "${name}": fact "${f.id}" depends on unknown fact "${d}".`);
        }
      }
    }
    const cycle = findFactCycle(facts);
    if (cycle !== undefined) {
      throw new CnscdError('PLUGIN_DEPENDENCY', `Facts depend on each other in a cycle: ${cycle.join(' → ')}.`);
    }
  }

  return {
    coreVersion: CORE_VERSION,
    plugins: all,
    facts,
    operators,
    scorers,
    metrics,
    ratios,
    pluginVersion: (n) => versions.get(n),
  };
}

const METRIC_ENUMS: Readonly<Record<string, { values: readonly string[]; optional?: boolean }>> = {
  kind: { values: ['activity', 'area'] },
  overTime: { values: ['sum', 'last', 'max', 'mean'] },
  upHierarchy: { values: ['sum', 'none'] },
  task: { values: TASKS, optional: true },
};
const FACT_ENUMS: Readonly<Record<string, { values: readonly string[]; optional?: boolean }>> = {
  type: { values: ['number', 'string', 'boolean', 'object', 'array', 'null'] },
};

/** The first enum-valued field that is missing or outside its values, described; undefined if all fit. */
function checkEnums(def: Record<string, unknown>, enums: typeof METRIC_ENUMS): string | undefined {
  for (const [field, { values, optional }] of Object.entries(enums)) {
    const v = def[field];
    if (v === undefined && optional === true) continue;
    if (typeof v !== 'string' || !values.includes(v)) {
      return `${field} must be one of ${values.map((x) => `"${x}"`).join(', ')}, got ${JSON.stringify(v ?? null)}`;
    }
  }
  return undefined;
}

/**
 * What is wrong with a definition's label (and its path keys' labels), or undefined: reasons show facts,
 * metrics and ratios by their labels, never by their ids, so each needs a Vietnamese and an English one.
 */
function checkLabel(label: unknown, pathLabels?: unknown): string | undefined {
  const bad = (l: unknown): boolean => {
    if (l === null || typeof l !== 'object') return true;
    const { vi, en } = l as { vi?: unknown; en?: unknown };
    return typeof vi !== 'string' || vi.trim() === '' || typeof en !== 'string' || en.trim() === '';
  };
  if (bad(label)) {
    return 'label must give the text officials read, in Vietnamese and English: { vi: "…", en: "…" }, both non-empty';
  }
  if (pathLabels !== undefined) {
    if (pathLabels === null || typeof pathLabels !== 'object') return 'pathLabels must map each path key to a label { vi, en }';
    for (const [key, l] of Object.entries(pathLabels)) {
      if (bad(l)) return `pathLabels.${key} must be a label { vi: "…", en: "…" }, both non-empty`;
    }
  }
  return undefined;
}

/** Iterative DFS over fact dependencies; returns one cycle if any. */
function findFactCycle(facts: ReadonlyMap<string, Registered<FactDefinition<unknown>>>): string[] | undefined {
  const state = new Map<string, 1 | 2>(); // 1 = on stack, 2 = done
  for (const start of facts.keys()) {
    if (state.has(start)) continue;
    const stack: { id: string; deps: readonly string[]; i: number }[] = [];
    const push = (id: string): void => {
      state.set(id, 1);
      stack.push({ id, deps: facts.get(id)?.def.dependsOn?.facts ?? [], i: 0 });
    };
    push(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.i >= top.deps.length) {
        state.set(top.id, 2);
        stack.pop();
        continue;
      }
      const next = top.deps[top.i++]!;
      const s = state.get(next);
      if (s === 1) {
        const from = stack.findIndex((e) => e.id === next);
        return [...stack.slice(from).map((e) => e.id), next];
      }
      if (s === undefined && facts.has(next)) push(next);
    }
  }
  return undefined;
}

let defaultRegistry: Registry | undefined;
/** The registry with only the core plugin (built once, then shared; it is immutable). */
export function coreRegistry(): Registry {
  defaultRegistry ??= createRegistry();
  return defaultRegistry;
}
