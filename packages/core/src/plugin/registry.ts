import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { linearAjvErrors } from '../problems/ajv-linear.js';
import semver from 'semver';
import { CnscdError } from '../errors.js';
import { TASKS, type MetricDefinition, type RatioDefinition } from '../model/types.js';
import { CORE_VERSION } from '../version.js';
import { corePlugin } from './core-plugin.js';
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
  // Draft 2020-12, like every schema of cnscd (prefixItems, $defs...).
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { process: linearAjvErrors } });

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
      throw new CnscdError(
        'PLUGIN_INCOMPATIBLE_CORE',
        `Plugin "${name}@${version}" needs @cnscd/core ${core}, but this is ${CORE_VERSION}.`,
      );
    }
    versions.set(name, version);

    for (const key of ['facts', 'operators', 'scorers', 'metrics', 'ratios'] as const) {
      const list = plugin[key];
      if (list !== undefined && !Array.isArray(list)) {
        throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": ${key} must be an array.`);
      }
      (list ?? []).forEach((d: unknown, i: number) => {
        if (d === null || typeof d !== 'object') {
          throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": ${key}[${i}] must be a definition object, got ${d === null ? 'null' : typeof d}.`);
        }
      });
    }
    const claim = <D extends { id: string }>(map: Map<string, Registered<D>>, kind: string, def: D): void => {
      if (typeof def.id !== 'string' || !ID_RE.test(def.id)) {
        throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": a ${kind} has an invalid id ${JSON.stringify(def?.id)}.`);
      }
      const existing = map.get(def.id);
      if (existing !== undefined) {
        throw new CnscdError(
          'PLUGIN_NAME_CLASH',
          `Plugin "${name}" defines ${kind} "${def.id}", already defined by "${existing.plugin}".`,
        );
      }
      map.set(def.id, { def, plugin: name });
    };

    for (const m of plugin.metrics ?? []) {
      const bad = checkEnums(m as unknown as Record<string, unknown>, METRIC_ENUMS);
      if (bad !== undefined) throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": metric "${m.id}": ${bad}.`);
      claim(metrics, 'metric', m);
    }
    for (const r of plugin.ratios ?? []) {
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
        try {
          operators.set(o.id, { def: o, plugin: name, validateValue: ajv.compile(o.valueSchema as object) });
        } catch (cause) {
          throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": operator "${o.id}" has an invalid valueSchema.`, { cause });
        }
      }
    }
    for (const s of plugin.scorers ?? []) {
      if (typeof s.score !== 'function') {
        throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": scorer "${s.id}" has no score function.`);
      }
      let validateOptions: ValidateFunction;
      try {
        validateOptions = ajv.compile(s.optionsSchema as object);
      } catch (cause) {
        throw new CnscdError('PLUGIN_INVALID', `Plugin "${name}": scorer "${s.id}" has an invalid optionsSchema.`, { cause });
      }
      // biome-ignore lint/suspicious/noExplicitAny: registered scorers have different option types
      claim(scorers as Map<string, Registered<ScorerDefinition<any>>>, 'scorer', s);
      scorers.set(s.id, { def: s, plugin: name, validateOptions });
    }
    const own = plugin.facts ?? [];
    for (const f of own) {
      const bad =
        checkEnums(f as unknown as Record<string, unknown>, FACT_ENUMS) ??
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
