/**
 * Authoring-time validation of criteria sets.
 *
 * Everything is reported together, each problem with a JSON pointer into the document *as authored*:
 *
 * 1. an iterative pre-walk (never recursion, so a 10,000-deep condition cannot exhaust the stack): condition
 *    depth and size per criterion, forbidden keys anywhere, and the nesting of the whole document — a
 *    document deeper than {@link CRITERIA_SET_LIMITS}.documentDepth (or an object graph with a cycle, from
 *    code) stops here, before ajv, which recurses;
 * 2. the JSON Schema, with ajv's errors rewritten into our own bilingual messages: for a `oneOf` (a
 *    condition, a scoring, a subject, a value) only the errors of the shape the author evidently meant are
 *    kept, so `{"fact": "x", "operator": "equal"}` says "missing value" rather than listing four shapes;
 * 3. the `extends` chain: each base is fetched with `resolveBase`, checked by steps 1–2 (its problems carry
 *    `params.source: "id@version"`), and merged with {@link mergeCriteriaSet};
 * 4. semantic checks on the resolved set, against the plugin registry. A problem in a criterion, parameter,
 *    rating list... points into the set that the resolved item came from: into the document itself when
 *    it is its own, otherwise into the base with `params.source`.
 *
 * Path problems: a path outside the grammar (or with a forbidden segment) is `UNSAFE_PATH`; a well-formed
 * path that cannot name anything — on a fact that is not an object, or whose first key is not one of the
 * fact's `pathKeys` — is `UNKNOWN_FACT` (with `params.path`, `params.key` and a suggestion). When the keys
 * are metrics or ratios, which a dataset may declare beyond the catalog and the plugins, an unknown key is
 * a warning, not an error.
 *
 * Other choices: a `ratio`/`steps` fact that is not numeric (nor an object fact with a `path`), an operator
 * applied to a fact of a type it does not take, and a literal value of the wrong type for its operator
 * (`in` needs an array, `between` a `[min, max]` pair) are `SCHEMA_VIOLATION` with `params.reason`; the
 * same mismatch through a `{param}` is `PARAMETER_TYPE`, pointing at the parameter's value (each scheduled
 * value is checked) with `params.usedAt`. An `extends` chain longer than 16 sets is `INPUT_TOO_LARGE`. A
 * set without `ratings` is valid (it reports points and percent, no tier). When a base cannot be found,
 * checks that need it (parameters it may declare, totals, removals) are skipped. At most 1,000 problems
 * are returned; the last then counts the rest.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { linearAjvErrors } from '../problems/ajv-linear.js';
import { describeAjvError as describeSchemaError } from '../problems/ajv.js';
import { MAX_SCHEMA_PROBLEMS, capTotal, moreViolationsProblem } from '../problems/cap.js';
import { typeText, type PatternName } from '../messages/problems-schema.js';
import semver from 'semver';
import { hasErrors, pointer, problem } from '../errors.js';
import type { ErrorCode, LocalizedText, Problem, Severity } from '../errors.js';
import { isDate } from '../internal/dates.js';
import { suggest } from '../internal/suggest.js';
import { TASKS } from '../model/types.js';
import { coreRegistry, type Registered, type Registry } from '../plugin/registry.js';
import type { FactDefinition, OperatorDefinition, SubjectKind, ValueType } from '../plugin/types.js';
import { FORBIDDEN_KEYS, isSafePath } from './path.js';
import { mergeCriteriaSet } from './resolve.js';
import {
  CRITERIA_DATE_PATTERN,
  CRITERIA_ID_PATTERN,
  CRITERIA_SET_LIMITS,
  PLUGIN_NAME_PATTERN,
  SEMVER_PATTERN,
  criteriaSetSchema,
} from './schema.js';
import type { CriteriaSet, ResolvedCriteriaSet } from './types.js';

/**
 * Finds a base criteria set by id and (optional) semver range; `undefined` when there is none. The range
 * is passed only when `extends.version` gives one; the set returned must satisfy it.
 *
 * @example
 * ```ts
 * const resolveBase: ResolveBase = (id, range) =>
 *   presets.filter((p) => p.id === id && semver.satisfies(p.version, range ?? '*'))
 *     .sort((a, b) => semver.rcompare(a.version, b.version))[0];
 * ```
 */
export type ResolveBase = (id: string, versionRange?: string) => CriteriaSet | undefined;

/**
 * Options of {@link validateCriteriaSet}.
 *
 * @example
 * ```ts
 * const options: ValidateCriteriaSetOptions = { registry: createRegistry([hueS]), resolveBase };
 * ```
 */
export interface ValidateCriteriaSetOptions {
  /** The registry facts, operators, scorers and plugins are checked against; default {@link coreRegistry}. */
  readonly registry?: Registry;
  /** Finds base sets named in `extends`; without it, a set with `extends` gets `EXTENDS_NOT_FOUND`. */
  readonly resolveBase?: ResolveBase;
}

/**
 * The outcome of {@link validateCriteriaSet}.
 *
 * @example
 * ```ts
 * const v: CriteriaSetValidation = validateCriteriaSet(doc);
 * if (v.valid) console.log(v.criteriaSet!.lineage); else console.table(v.problems);
 * ```
 */
export interface CriteriaSetValidation {
  /** True when no problem has severity `error` (warnings may remain). */
  readonly valid: boolean;
  readonly problems: readonly Problem[];
  /** The resolved set (with `extends` applied), present when `valid`. */
  readonly criteriaSet?: ResolvedCriteriaSet;
}

const LIMITS = CRITERIA_SET_LIMITS;
/** Forbidden keys reported per document. */
const MAX_FORBIDDEN_KEY_PROBLEMS = 100;
/** Scorer-option errors reported per criterion. */
const MAX_OPTION_PROBLEMS = 20;
/** Problems returned in all; the rest are counted in one last problem. */
const MAX_PROBLEMS = 1_000;

/**
 * Check a criteria set as authored: shape, safety bounds, `extends`, and everything the registry can tell
 * (facts, operators, scorers, plugins), reporting every problem found. When there are no errors the result
 * carries the resolved set.
 *
 * @example
 * ```ts
 * const { valid, problems, criteriaSet } = validateCriteriaSet(JSON.parse(text), { registry });
 * if (!valid) for (const p of problems) console.log(p.code, p.path, p.message.vi);
 * // UNKNOWN_FACT /criteria/0/scoring/when/all/0/fact Không có dữ kiện "memberCout"; có phải "memberCount"?
 * ```
 */
export function validateCriteriaSet(input: unknown, options: ValidateCriteriaSetOptions = {}): CriteriaSetValidation {
  const registry = options.registry ?? coreRegistry();
  const problems: Problem[] = [];

  // 1–2: the document itself.
  if (!checkDocument(input, undefined, problems) || !isObj(input)) return finish(problems, undefined);

  // 3: the extends chain, child first.
  const chain: ChainLink[] = [{ raw: input, set: shape(input), source: undefined }];
  let complete = true;
  const seen = [chain[0]!.set.id];
  for (;;) {
    const link = chain[chain.length - 1]!;
    const ext = link.set.extends;
    if (ext === undefined) break;
    const at: Loc = { prefix: '/extends', source: link.source };
    complete = false;
    if (ext.version !== undefined && semver.validRange(ext.version) === null) {
      report(problems, 'SCHEMA_VIOLATION', at, ['version'], {
        vi: `"${ext.version}" không phải khoảng phiên bản semver (vd. "^1.0.0").`,
        en: `"${ext.version}" is not a semver range (e.g. "^1.0.0").`,
      }, { version: ext.version });
      break;
    }
    if (seen.includes(ext.id)) {
      const cycle = [...new Set(seen), ext.id];
      report(problems, 'EXTENDS_CYCLE', at, ['id'], {
        vi: `Các bộ tiêu chí kế thừa nhau thành vòng: ${cycle.join(' → ')}.`,
        en: `Criteria sets extend each other in a cycle: ${cycle.join(' → ')}.`,
      }, { cycle });
      break;
    }
    if (chain.length >= LIMITS.extendsDepth) {
      report(problems, 'INPUT_TOO_LARGE', at, [], {
        vi: `Chuỗi kế thừa dài quá ${LIMITS.extendsDepth} bộ tiêu chí.`,
        en: `The extends chain is longer than ${LIMITS.extendsDepth} sets.`,
      }, { limit: LIMITS.extendsDepth });
      break;
    }
    const base =
      options.resolveBase === undefined
        ? undefined
        : ext.version === undefined
          ? options.resolveBase(ext.id)
          : options.resolveBase(ext.id, ext.version);
    const wanted = ext.version === undefined ? `"${ext.id}"` : `"${ext.id}" ${ext.version}`;
    if (base === undefined) {
      report(problems, 'EXTENDS_NOT_FOUND', at, ['id'], {
        vi: `Không tìm thấy bộ tiêu chí gốc ${wanted}.`,
        en: `Base criteria set ${wanted} not found.`,
      }, { id: ext.id, ...(ext.version === undefined ? {} : { version: ext.version }), resolver: options.resolveBase !== undefined });
      break;
    }
    const baseVersion = isObj(base) ? own(base, 'version') : undefined;
    if (
      ext.version !== undefined &&
      (typeof baseVersion !== 'string' || !semver.satisfies(baseVersion, ext.version, { includePrerelease: true }))
    ) {
      report(problems, 'EXTENDS_NOT_FOUND', at, ['version'], {
        vi: `Bộ tiêu chí gốc "${ext.id}" tìm được có phiên bản ${String(baseVersion)}, không thỏa ${ext.version}.`,
        en: `The base set "${ext.id}" found has version ${String(baseVersion)}, which does not satisfy ${ext.version}.`,
      }, { id: ext.id, version: ext.version, found: baseVersion });
      break;
    }
    const baseSet = shape(base);
    const source = `${baseSet.id}@${baseSet.version}`;
    if (!checkDocument(base, source, problems) || !isObj(base)) break;
    seen.push(ext.id, baseSet.id); // both, in case a resolver answers with a set of another id
    chain.push({ raw: base, set: baseSet, source });
    complete = true;
  }

  // Merge root first; note removals of ids the base does not have.
  let resolved: ResolvedCriteriaSet | undefined;
  const start = complete ? chain.length - 1 : -1;
  for (let i = start; i >= 0; i--) {
    const link = chain[i]!;
    if (resolved !== undefined) {
      const baseIds = new Set(resolved.criteria.map((c) => c.id));
      const remove = rawArray(rawObj(link.raw, 'extends'), 'remove');
      remove.forEach((id, j) => {
        if (typeof id !== 'string' || baseIds.has(id)) return;
        const hint = suggest(id, baseIds);
        report(problems, 'REMOVE_UNKNOWN', { prefix: '/extends', source: link.source }, ['remove', j], {
          vi: `Bộ tiêu chí gốc không có tiêu chí "${id}" để bỏ${didYouMeanVi(hint)}`,
          en: `The base set has no criterion "${id}" to remove${didYouMeanEn(hint)}`,
        }, withSuggestion({ id }, hint));
      });
    }
    resolved = mergeCriteriaSet(resolved, link.set);
  }

  // 4: semantic checks. Without the whole chain, checks that need the base are skipped.
  for (const link of chain) checkAuthored(link, problems);
  const view = complete && resolved !== undefined ? resolved : mergeCriteriaSet(undefined, chain[0]!.set);
  new SemanticChecker(registry, chain, view, !complete, problems).run();

  return finish(problems, complete ? resolved : undefined);
}

function finish(problems: Problem[], resolved: ResolvedCriteriaSet | undefined): CriteriaSetValidation {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.code}\u0000${p.path}\u0000${p.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const valid = !hasErrors(unique);
  capTotal(unique, MAX_PROBLEMS, 'INPUT_TOO_LARGE', !valid);
  return valid && resolved !== undefined ? { valid, problems: unique, criteriaSet: resolved } : { valid, problems: unique };
}

// ─── helpers ──────────────────────────────────────────────────────────────────

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
/** An own property: `parameters.constructor` must not find Object's constructor. */
function own(o: Obj, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}
function rawObj(o: unknown, key: string): Obj | undefined {
  if (!isObj(o)) return undefined;
  const v = own(o, key);
  return isObj(v) ? v : undefined;
}
function rawArray(o: unknown, key: string): readonly unknown[] {
  if (!isObj(o)) return [];
  const v = own(o, key);
  return Array.isArray(v) ? v : [];
}
function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Where an item of the resolved set was authored: a pointer prefix, and the base it came from if any. */
interface Loc {
  readonly prefix: string;
  readonly source: string | undefined;
}

function report(
  problems: Problem[],
  code: ErrorCode,
  loc: Loc,
  suffix: ReadonlyArray<string | number>,
  message: LocalizedText,
  params?: Record<string, unknown>,
  severity?: Severity,
): void {
  const all = loc.source === undefined ? params : { ...params, source: loc.source };
  problems.push(problem(code, loc.prefix + pointer(...suffix), message, all, severity));
}

function withSuggestion(params: Record<string, unknown>, hint: string | undefined): Record<string, unknown> {
  return hint === undefined ? params : { ...params, suggestion: hint };
}
/** The end of a sentence: a full stop, or the suggestion as a question. */
function didYouMeanVi(hint: string | undefined): string {
  return hint === undefined ? '.' : `; có phải ý bạn là "${hint}"?`;
}
function didYouMeanEn(hint: string | undefined): string {
  return hint === undefined ? '.' : `; did you mean "${hint}"?`;
}

interface ChainLink {
  readonly raw: Obj;
  /** The document coerced to the CriteriaSet shape (malformed parts dropped), for merging. */
  readonly set: CriteriaSet;
  /** `id@version` of a base; undefined for the document being validated. */
  readonly source: string | undefined;
}

/**
 * Coerce a possibly malformed document to the `CriteriaSet` shape so that the merge and the semantic
 * checks can run next to schema violations. Items the merge cannot place (criteria without a string id)
 * are dropped; everything inside is still `unknown` to the checks.
 */
function shape(raw: unknown): CriteriaSet {
  const o = isObj(raw) ? raw : {};
  const out: Record<string, unknown> = {};
  const id = own(o, 'id');
  const version = own(o, 'version');
  out.id = typeof id === 'string' ? id : '';
  out.version = typeof version === 'string' ? version : '';
  out.title = own(o, 'title') ?? { vi: '', en: '' };
  for (const key of ['description', 'effective', 'subject', 'requires', 'parameters'] as const) {
    if (isObj(own(o, key))) out[key] = own(o, key);
  }
  if (typeof own(o, 'totalPoints') === 'number') out.totalPoints = own(o, 'totalPoints');
  if (Array.isArray(own(o, 'ratings'))) out.ratings = own(o, 'ratings');
  const sources = rawArray(o, 'sources').filter((s) => isObj(s) && typeof own(s, 'number') === 'string');
  if (sources.length > 0) out.sources = sources;
  if (Array.isArray(own(o, 'criteria'))) {
    out.criteria = rawArray(o, 'criteria').filter((c) => isObj(c) && typeof own(c, 'id') === 'string');
  }
  const ext = rawObj(o, 'extends');
  if (ext !== undefined && typeof own(ext, 'id') === 'string') {
    const clause: Record<string, unknown> = { id: own(ext, 'id') };
    if (typeof own(ext, 'version') === 'string') clause.version = own(ext, 'version');
    clause.remove = rawArray(ext, 'remove').filter((r) => typeof r === 'string');
    out.extends = clause;
  }
  return out as unknown as CriteriaSet;
}

/** Checks of one authored document that the merge would hide: repeated criterion ids, and its dates. */
function checkAuthored(link: ChainLink, problems: Problem[]): void {
  checkDates(link, problems);
  const first = new Map<string, number>();
  rawArray(link.raw, 'criteria').forEach((c, i) => {
    const id = isObj(c) ? own(c, 'id') : undefined;
    if (typeof id !== 'string') return;
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, i);
      return;
    }
    report(problems, 'DUPLICATE_CRITERION', { prefix: `/criteria/${i}`, source: link.source }, ['id'], {
      vi: `Mã tiêu chí "${id}" trùng với tiêu chí thứ ${earlier + 1}.`,
      en: `Criterion id "${id}" repeats criterion ${earlier + 1}.`,
    }, { id, first: `/criteria/${earlier}` });
  });
}

const DATE_SHAPE = new RegExp(CRITERIA_DATE_PATTERN);

/** Calendar validity of `effective` and source dates (the schema checks only their shape), and from ≤ to. */
function checkDates(link: ChainLink, problems: Problem[]): void {
  const calendar = (value: unknown, path: ReadonlyArray<string | number>): value is string => {
    if (typeof value !== 'string' || !DATE_SHAPE.test(value)) return false; // the schema says so
    if (isDate(value)) return true;
    report(problems, 'SCHEMA_VIOLATION', { prefix: '', source: link.source }, path, {
      vi: `"${value}" không phải ngày có thật.`,
      en: `"${value}" is not a calendar date.`,
    }, { date: value });
    return false;
  };
  const effective = rawObj(link.raw, 'effective');
  if (effective !== undefined) {
    const from = own(effective, 'from');
    const to = own(effective, 'to');
    if (calendar(from, ['effective', 'from']) && calendar(to, ['effective', 'to']) && to < from) {
      report(problems, 'INVALID_DATE_RANGE', { prefix: '/effective', source: link.source }, ['to'], {
        vi: `Ngày hết hiệu lực ${to} trước ngày bắt đầu ${from}.`,
        en: `The end date ${to} is before the start date ${from}.`,
      }, { from, to });
    }
  }
  rawArray(link.raw, 'sources').forEach((source, i) => {
    if (isObj(source)) calendar(own(source, 'date'), ['sources', i, 'date']);
  });
}

// ─── 1. pre-walk ──────────────────────────────────────────────────────────────

interface WalkNode {
  readonly value: unknown;
  readonly parent: WalkNode | undefined;
  readonly key: string | number;
  readonly depth: number;
}

/** Build a node's pointer only when reporting: a 10,000-deep document would make eager paths quadratic. */
function pointerOf(node: WalkNode): string {
  const segments: (string | number)[] = [];
  for (let n: WalkNode | undefined = node; n?.parent !== undefined; n = n.parent) segments.push(n.key);
  return pointer(...segments.reverse());
}

/**
 * Steps 1–2 on one document (the one validated, or a base when `source` is set). Returns false when the
 * document cannot be checked further (too deep, or a cyclic object graph).
 */
function checkDocument(doc: unknown, source: string | undefined, problems: Problem[]): boolean {
  const local: Problem[] = [];
  const usable = preWalk(doc, local);
  if (usable) checkSchema(doc, local);
  for (const p of local) {
    problems.push(source === undefined ? p : { ...p, params: { ...p.params, source } });
  }
  return usable;
}

function preWalk(doc: unknown, problems: Problem[]): boolean {
  // Condition trees, per criterion.
  const deepRoots: string[] = [];
  rawArray(doc, 'criteria').forEach((criterion, i) => {
    if (!isObj(criterion)) return;
    const roots: [string, unknown][] = [
      [pointer('criteria', i, 'applicableWhen'), own(criterion, 'applicableWhen')],
      [pointer('criteria', i, 'scoring', 'when'), own(rawObj(criterion, 'scoring') ?? {}, 'when')],
    ];
    let deep = false;
    let large = false;
    for (const [path, root] of roots) {
      if (root === undefined) continue;
      const m = measureCondition(root);
      if (m.tooDeep && !deep) {
        deep = true;
        deepRoots.push(path);
        problems.push(problem('CONDITION_TOO_DEEP', path, {
          vi: `Điều kiện lồng nhau sâu quá ${LIMITS.conditionDepth} mức.`,
          en: `The condition is nested deeper than ${LIMITS.conditionDepth} levels.`,
        }, { limit: LIMITS.conditionDepth }));
      }
      if (m.tooLarge && !large) {
        large = true;
        problems.push(problem('CONDITION_TOO_LARGE', path, {
          vi: `Điều kiện có hơn ${LIMITS.conditionNodes} nút.`,
          en: `The condition has more than ${LIMITS.conditionNodes} nodes.`,
        }, { limit: LIMITS.conditionNodes }));
      }
    }
  });

  // The whole document: forbidden keys, nesting, cycles (ajv's `type: number` already refuses NaN and ±∞). Sharing a sub-object (as
  // programs building sets do) is fine; only an object containing itself is not JSON.
  let usable = true;
  let forbidden = 0;
  let tooDeep: WalkNode | undefined;
  let containers = 0;
  const onPath = new Set<object>();
  const stack: (WalkNode | { readonly exit: object })[] = [{ value: doc, parent: undefined, key: '', depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if ('exit' in top) {
      onPath.delete(top.exit);
      continue;
    }
    const node = top;
    const v = node.value;
    if (v === null || typeof v !== 'object') continue;
    if (onPath.has(v)) {
      problems.push(problem('SCHEMA_VIOLATION', pointerOf(node), {
        vi: 'Tài liệu không phải JSON: một giá trị chứa chính nó.',
        en: 'Not a JSON document: a value contains itself.',
      }, { keyword: 'type' }));
      usable = false;
      break;
    }
    if (node.depth >= LIMITS.documentDepth) {
      tooDeep ??= node;
      usable = false;
      continue;
    }
    if (++containers > LIMITS.documentNodes) {
      // A bound on the whole document, so that the schema and the semantic checks (which word each
      // problem, with suggestions) have bounded work even when every condition is wrong.
      problems.push(problem('INPUT_TOO_LARGE', pointerOf(node), {
        vi: `Bộ tiêu chí có hơn ${LIMITS.documentNodes} đối tượng và mảng.`,
        en: `The criteria set has more than ${LIMITS.documentNodes} objects and arrays.`,
      }, { limit: LIMITS.documentNodes }));
      usable = false;
      break;
    }
    onPath.add(v);
    stack.push({ exit: v });
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], parent: node, key: i, depth: node.depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const child: WalkNode = { value: (v as Obj)[key], parent: node, key, depth: node.depth + 1 };
      if (FORBIDDEN_KEYS.has(key)) {
        if (forbidden++ < MAX_FORBIDDEN_KEY_PROBLEMS) {
          problems.push(problem('FORBIDDEN_KEY', pointerOf(child), {
            vi: `Không được dùng khóa "${key}".`,
            en: `The key "${key}" is not allowed.`,
          }, { key }));
        }
        continue;
      }
      stack.push(child);
    }
  }
  if (tooDeep !== undefined) {
    const path = pointerOf(tooDeep);
    if (!deepRoots.some((r) => path.startsWith(r + '/'))) {
      problems.push(problem('INPUT_TOO_LARGE', path, {
        vi: `Tài liệu lồng nhau sâu quá ${LIMITS.documentDepth} mức.`,
        en: `The document is nested deeper than ${LIMITS.documentDepth} levels.`,
      }, { limit: LIMITS.documentDepth }));
    }
  }
  return usable;
}

/** Depth and node count of a condition tree, iteratively; stops counting past the node limit. */
function measureCondition(root: unknown): { tooDeep: boolean; tooLarge: boolean } {
  let nodes = 0;
  let tooDeep = false;
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (++nodes > LIMITS.conditionNodes) return { tooDeep, tooLarge: true };
    if (depth > LIMITS.conditionDepth) tooDeep = true;
    if (!isObj(node)) continue;
    for (const key of ['all', 'any'] as const) {
      const list = own(node, key);
      if (Array.isArray(list)) for (const c of list) stack.push({ node: c, depth: depth + 1 });
    }
    const not = own(node, 'not');
    if (not !== undefined) stack.push({ node: not, depth: depth + 1 });
  }
  return { tooDeep, tooLarge: false };
}

// ─── 2. JSON Schema ───────────────────────────────────────────────────────────

let schemaValidator: ValidateFunction | undefined;
function compiledSchema(): ValidateFunction {
  schemaValidator ??= new Ajv2020({
    allErrors: true,
    verbose: true, // errors carry `data` and `parentSchema`, used to pick the intended oneOf branch
    strict: true,
    strictRequired: false, // `if: { not: { required: ['extends'] } }` names a property of the parent
    allowUnionTypes: true,
    code: { process: linearAjvErrors },
  }).compile(criteriaSetSchema);
  return schemaValidator;
}

/** The shape of a oneOf the author evidently meant, judged from the data. */
interface Branch {
  /** Properties of the branch; errors under other properties come from branches not meant. */
  readonly props?: ReadonlySet<string>;
  readonly required?: ReadonlySet<string>;
  /** An array branch: errors under any index belong to it. */
  readonly items?: true;
  /** The property that selects the branch (its `const` errors come from the other branches). */
  readonly discriminator?: string;
}
type Pick = { readonly branch: Branch } | { readonly invalid: { readonly suffix: string; readonly message: LocalizedText } };
type UnionSpec = (data: unknown) => Pick;

const set = (...keys: string[]): ReadonlySet<string> => new Set(keys);
const SCALAR: Branch = { props: set() };
const ITEMS: Branch = { items: true };
const PARAM_REF: Branch = { props: set('param'), required: set('param') };
const isScalar = (v: unknown): boolean => v === null || ['number', 'string', 'boolean'].includes(typeof v);

const CONDITION_BRANCHES = {
  all: { props: set('all'), required: set('all') },
  any: { props: set('any'), required: set('any') },
  not: { props: set('not'), required: set('not') },
  fact: { props: set('fact', 'operator', 'value', 'path', 'params'), required: set('fact', 'operator', 'value') },
} as const satisfies Record<string, Branch>;

const SCORING_BRANCHES: Readonly<Record<string, Branch>> = {
  pass: { props: set('type', 'when'), required: set('type', 'when'), discriminator: 'type' },
  ratio: { props: set('type', 'fact', 'path', 'target', 'floor'), required: set('type', 'fact', 'target'), discriminator: 'type' },
  steps: { props: set('type', 'fact', 'path', 'steps'), required: set('type', 'fact', 'steps'), discriminator: 'type' },
  scorer: { props: set('type', 'scorer', 'options'), required: set('type', 'scorer'), discriminator: 'type' },
};
const SUBJECT_BRANCHES: Readonly<Record<string, Branch>> = {
  team: { props: set('kind', 'levels'), required: set('kind'), discriminator: 'kind' },
  orgUnit: { props: set('kind', 'level'), required: set('kind', 'level'), discriminator: 'kind' },
};

function discriminated(
  branches: Readonly<Record<string, Branch>>,
  key: string,
  what: LocalizedText,
): UnionSpec {
  const names = Object.keys(branches);
  return (data) => {
    if (!isObj(data)) {
      return { invalid: { suffix: '', message: { vi: `${what.vi} phải là một đối tượng có "${key}".`, en: `${what.en} must be an object with "${key}".` } } };
    }
    const tag = own(data, key);
    if (tag === undefined) {
      return { invalid: { suffix: '/' + key, message: { vi: `Thiếu trường bắt buộc "${key}" (${names.join(', ')}).`, en: `Missing required field "${key}" (${names.join(', ')}).` } } };
    }
    if (typeof tag === 'string' && Object.hasOwn(branches, tag)) return { branch: branches[tag]! };
    const hint = typeof tag === 'string' ? suggest(tag, names) : undefined;
    return {
      invalid: {
        suffix: '/' + key,
        message: {
          vi: `${what.vi}: "${key}" phải là một trong ${names.join(', ')}${didYouMeanVi(hint)}`,
          en: `${what.en}: "${key}" must be one of ${names.join(', ')}${didYouMeanEn(hint)}`,
        },
      },
    };
  };
}

const VALUE_TEXT = {
  vi: 'một số, chuỗi, true/false, null hoặc mảng các giá trị đó (tối đa 1.000 phần tử)',
  en: 'a number, string, boolean, null, or an array of those (at most 1,000 items)',
};

/** oneOfs of the schema, keyed by the schema object that holds them (ajv reports it as `parentSchema`). */
const UNIONS = new Map<object, UnionSpec>([
  [
    criteriaSetSchema.$defs.condition,
    (data) => {
      if (!isObj(data)) {
        return {
          invalid: {
            suffix: '',
            message: {
              vi: 'Điều kiện phải là một đối tượng {"all": [...]}, {"any": [...]}, {"not": ...} hoặc {"fact", "operator", "value"}.',
              en: 'A condition must be an object {"all": [...]}, {"any": [...]}, {"not": ...} or {"fact", "operator", "value"}.',
            },
          },
        };
      }
      if (Object.hasOwn(data, 'all')) return { branch: CONDITION_BRANCHES.all };
      if (Object.hasOwn(data, 'any')) return { branch: CONDITION_BRANCHES.any };
      if (Object.hasOwn(data, 'not')) return { branch: CONDITION_BRANCHES.not };
      return { branch: CONDITION_BRANCHES.fact };
    },
  ],
  [criteriaSetSchema.$defs.scoring, discriminated(SCORING_BRANCHES, 'type', { vi: 'Cách tính điểm', en: 'Scoring' })],
  [criteriaSetSchema.$defs.subject, discriminated(SUBJECT_BRANCHES, 'kind', { vi: 'Đối tượng đánh giá', en: 'Subject' })],
  [
    criteriaSetSchema.$defs.value,
    (data) =>
      Array.isArray(data)
        ? { branch: ITEMS }
        : isScalar(data)
          ? { branch: SCALAR }
          : { invalid: { suffix: '', message: { vi: `Giá trị phải là ${VALUE_TEXT.vi}.`, en: `The value must be ${VALUE_TEXT.en}.` } } },
  ],
  [
    criteriaSetSchema.$defs.valueOrParam,
    (data) =>
      Array.isArray(data)
        ? { branch: ITEMS }
        : isObj(data)
          ? { branch: PARAM_REF }
          : isScalar(data)
            ? { branch: SCALAR }
            : { invalid: { suffix: '', message: { vi: `Giá trị phải là ${VALUE_TEXT.vi}, hoặc {"param": tên}.`, en: `The value must be ${VALUE_TEXT.en}, or {"param": name}.` } } },
  ],
  [criteriaSetSchema.$defs.numberOrParam, numberOrParam({ vi: 'một số', en: 'a number' })],
  [criteriaSetSchema.$defs.positiveNumberOrParam, numberOrParam({ vi: 'một số lớn hơn 0', en: 'a number above 0' })],
]);

function numberOrParam(what: LocalizedText): UnionSpec {
  return (data) =>
    typeof data === 'number'
      ? { branch: SCALAR }
      : isObj(data)
        ? { branch: PARAM_REF }
        : { invalid: { suffix: '', message: { vi: `Phải là ${what.vi} hoặc {"param": tên}.`, en: `Must be ${what.en} or {"param": name}.` } } };
}

function parentPointer(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}
function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function checkSchema(doc: unknown, problems: Problem[]): void {
  const validate = compiledSchema();
  if (validate(doc)) return;
  const errors = validate.errors ?? [];

  // Union nodes that failed, and the branch the data points to.
  const unions = new Map<string, Pick>();
  for (const e of errors) {
    const spec = e.keyword === 'oneOf' ? UNIONS.get(e.parentSchema as object) : undefined;
    if (spec !== undefined) unions.set(e.instancePath, spec(e.data));
  }
  const isUnionError = (e: ErrorObject): boolean => e.keyword === 'oneOf' && unions.has(e.instancePath) && UNIONS.has(e.parentSchema as object);

  /** An error is kept when, at every enclosing union, it belongs to the branch the data points to. */
  const kept = (e: ErrorObject): boolean => {
    const at = e.instancePath;
    for (let node = at; ; node = parentPointer(node)) {
      const pick = unions.get(node);
      if (pick !== undefined && !(node === at && isUnionError(e))) {
        if ('invalid' in pick) return false; // replaced by the union's own message
        const b = pick.branch;
        if (node === at) {
          if (e.keyword === 'type') return false;
          if (e.keyword === 'required' && !b.required?.has(String(e.params.missingProperty))) return false;
          if (e.keyword === 'additionalProperties' && b.props?.has(String(e.params.additionalProperty))) return false;
        } else if (!b.items) {
          const key = unescapeSegment(at.slice(node.length + 1).split('/')[0]!);
          if (key === b.discriminator || !b.props?.has(key)) return false;
        }
      }
      if (node === '') return true;
    }
  };

  const out: Problem[] = [];
  /** Pointers with a problem at or below them. */
  const covered = new Set<string>();
  const cover = (path: string): void => {
    for (let node = path; !covered.has(node); node = parentPointer(node)) {
      covered.add(node);
      if (node === '') break;
    }
  };
  const seen = new Set<string>();
  const keptUnions: [string, Pick][] = [];
  // Violations beyond those listed are only counted: wording one (with a suggestion) costs far more
  // than finding it, and a set with 100,000 faulty conditions must be answered quickly.
  let listed = 0;
  let unlisted = 0;
  for (const e of errors) {
    if (!kept(e)) continue;
    if (isUnionError(e)) {
      keptUnions.push([e.instancePath, unions.get(e.instancePath)!]);
      continue;
    }
    const key = `${e.instancePath}\u0000${e.keyword}\u0000${JSON.stringify(e.params)}\u0000${e.propertyName ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    cover(e.instancePath);
    if (!isReported(e)) continue;
    if (codeFor(e) === 'SCHEMA_VIOLATION' && listed >= MAX_SCHEMA_PROBLEMS - 1) {
      unlisted++;
      continue;
    }
    const p = schemaProblem(e)!;
    if (p.code === 'SCHEMA_VIOLATION') listed++;
    out.push(p);
  }
  for (const [path, pick] of keptUnions) {
    if (!('invalid' in pick)) continue;
    cover(path);
    out.push(problem('SCHEMA_VIOLATION', path + pick.invalid.suffix, pick.invalid.message, { keyword: 'oneOf' }));
  }
  // A union that failed although nothing under it was reported (should not happen): say so, generically.
  for (const [path, pick] of keptUnions) {
    if ('invalid' in pick) continue;
    if (!covered.has(path)) {
      out.push(problem('SCHEMA_VIOLATION', path, {
        vi: 'Không khớp với dạng nào được phép.',
        en: 'Does not match any of the allowed shapes.',
      }, { keyword: 'oneOf' }));
    }
  }

  let violations = 0;
  for (const p of out) {
    if (p.code === 'SCHEMA_VIOLATION' && ++violations > MAX_SCHEMA_PROBLEMS - 1) continue;
    problems.push(p);
  }
  // Those only counted came after every listed one.
  violations += unlisted;
  if (violations > MAX_SCHEMA_PROBLEMS - 1) {
    const more = violations - (MAX_SCHEMA_PROBLEMS - 1);
    problems.push(moreViolationsProblem(more));
  }
}

/** Names of the criteria schema's own patterns (the shared ones are known to the translator). */
const PATTERN_NAMES: ReadonlyMap<string, PatternName> = new Map<string, PatternName>([
  [CRITERIA_ID_PATTERN, 'criteriaId'],
  [SEMVER_PATTERN, 'semver'],
  [PLUGIN_NAME_PATTERN, 'pluginName'],
  ['^https?://', 'httpUrl'],
]);

/** Codes more specific than SCHEMA_VIOLATION for some schema rules. */
function codeFor(e: ErrorObject): ErrorCode {
  const path = e.instancePath;
  if (/^\/ratings\/\d+\/minPercent$/.test(path) && (e.keyword === 'minimum' || e.keyword === 'maximum')) return 'RATING_GAP';
  if (/^\/parameters\/[^/]+\/schedule$/.test(path) && e.keyword === 'minItems') return 'PARAMETER_SCHEDULE';
  if (/^\/parameters\/[^/]+\/schedule\/\d+\/from$/.test(path) && e.keyword === 'pattern') return 'PARAMETER_SCHEDULE';
  return 'SCHEMA_VIOLATION';
}

/** One ajv error as a problem with our own message, or undefined when another problem says it better. */
/** False for an error that another problem says better: {@link schemaProblem} gives none for it. */
function isReported(e: ErrorObject): boolean {
  if (e.keyword === 'if' || e.keyword === 'propertyNames') return false; // the inner error says what failed
  if (e.keyword === 'additionalProperties' && FORBIDDEN_KEYS.has(String(e.params.additionalProperty))) return false;
  return !(e.propertyName !== undefined && FORBIDDEN_KEYS.has(e.propertyName));
}

function schemaProblem(e: ErrorObject): Problem | undefined {
  if (!isReported(e)) return undefined;
  const described = describeAjvError(e);
  return problem(codeFor(e), described.path, described.message, described.params);
}

/**
 * An ajv error (ours or a scorer's options schema) as a pointer, a bilingual message (the shared
 * translator's) and this validator's params: the keyword, ajv's params, and a suggestion if any.
 */
function describeAjvError(e: ErrorObject, base = ''): { path: string; message: LocalizedText; params: Record<string, unknown> } {
  const d = describeSchemaError(e, { patterns: PATTERN_NAMES });
  const params: Record<string, unknown> = { keyword: e.keyword, ...(e.params as Record<string, unknown>) };
  if (d.suggestion !== undefined && (e.keyword === 'additionalProperties' || e.keyword === 'enum')) params.suggestion = d.suggestion;
  return { path: base + d.path, message: d.message, params };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

// ─── 4. semantic checks ───────────────────────────────────────────────────────

/** What a parameter or literal must be where it is used. */
interface Requirement {
  readonly types: readonly ValueType[];
  /** `[min, max]` of numbers with min ≤ max. */
  readonly range?: true;
  /** A number above 0. */
  readonly positive?: true;
  /** The operator's compiled `valueSchema`. */
  readonly schema?: ValidateFunction;
  readonly text: LocalizedText;
}

const NUMBER: Requirement = { types: ['number'], text: { vi: 'một số', en: 'a number' } };
const POSITIVE: Requirement = { types: ['number'], positive: true, text: { vi: 'một số lớn hơn 0', en: 'a number above 0' } };
/** Core operators that need an array even if a plugin-less registry described them loosely. */
const ARRAY_OPERATORS: ReadonlySet<string> = new Set(['in', 'notIn', 'between']);

function valueTypeOf(v: unknown): ValueType | 'other' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'number' || t === 'string' || t === 'boolean' || t === 'object' ? t : 'other';
}

/** Why `v` does not meet `req`, or undefined when it does. */
function unmet(v: unknown, req: Requirement): LocalizedText | undefined {
  const type = valueTypeOf(v);
  if (!(req.types as readonly string[]).includes(type)) {
    return { vi: `cần ${req.text.vi}, không phải ${typeText([type]).vi}`, en: `needs ${req.text.en}, not ${typeText([type]).en}` };
  }
  if (req.positive && !(isFiniteNumber(v) && v > 0)) {
    return { vi: `cần ${req.text.vi}`, en: `needs ${req.text.en}` };
  }
  if (req.range) {
    const ok = Array.isArray(v) && v.length === 2 && isFiniteNumber(v[0]) && isFiniteNumber(v[1]) && v[0] <= v[1];
    if (!ok) return { vi: `cần ${req.text.vi}`, en: `needs ${req.text.en}` };
  }
  if (req.schema !== undefined && !req.schema(v)) {
    const e = req.schema.errors?.[0];
    const where = e === undefined || e.instancePath === '' ? '' : ` (${e.instancePath})`;
    return {
      vi: `không khớp lược đồ giá trị của toán tử${where}: ${e?.message ?? ''}`.trim(),
      en: `does not match the operator's value schema${where}: ${e?.message ?? ''}`.trim(),
    };
  }
  return undefined;
}

function operatorRequirement(id: string, op: OperatorDefinition | undefined, schema?: ValidateFunction): Requirement | undefined {
  const base = operatorRequirementByType(id, op);
  if (schema === undefined) return base;
  return { ...(base ?? { types: ['number', 'string', 'boolean', 'null', 'array'], text: { vi: 'giá trị hợp lệ', en: 'a valid value' } }), schema };
}

function operatorRequirementByType(id: string, op: OperatorDefinition | undefined): Requirement | undefined {
  if (id === 'between') {
    return { types: ['array'], range: true, text: { vi: 'mảng [nhỏ nhất, lớn nhất] gồm 2 số, nhỏ nhất ≤ lớn nhất', en: 'an array [min, max] of 2 numbers with min ≤ max' } };
  }
  const types = op?.valueTypes ?? (ARRAY_OPERATORS.has(id) ? (['array'] as const) : undefined);
  if (types === undefined) return undefined;
  return { types, text: typeText(types) };
}

interface ParamUse {
  readonly name: string;
  readonly req: Requirement;
  readonly usedAt: string;
}

/** The semantic checks (step 4) on the resolved set, with pointers back to where each item was authored. */
class SemanticChecker {
  private readonly subjectKind: SubjectKind | undefined;
  private readonly paramUses: ParamUse[] = [];

  constructor(
    private readonly registry: Registry,
    private readonly chain: readonly ChainLink[],
    private readonly view: ResolvedCriteriaSet,
    /** The extends chain is broken: skip checks that need the base. */
    private readonly partial: boolean,
    private readonly problems: Problem[],
  ) {
    const kind = isObj(view.subject) ? own(view.subject, 'kind') : undefined;
    this.subjectKind = kind === 'team' || kind === 'orgUnit' ? kind : undefined;
  }

  run(): void {
    this.checkRequires();
    this.checkParameters();
    this.checkRatings();
    this.checkCriteria();
    this.checkParameterUses();
  }

  // ── where things came from ──

  /** The child-most set in the chain whose own `key` satisfies `has`. */
  private origin(has: (raw: Obj) => boolean): ChainLink {
    return this.chain.find((link) => has(link.raw)) ?? this.chain[0]!;
  }
  private locOf(prefix: string, link: ChainLink): Loc {
    return { prefix, source: link.source };
  }
  /** The criteria with this id, as authored in the child-most set that has one, with their locations. */
  private authored(id: string): [Obj, Loc][] {
    for (const link of this.chain) {
      const found: [Obj, Loc][] = [];
      rawArray(link.raw, 'criteria').forEach((c, i) => {
        if (isObj(c) && own(c, 'id') === id) found.push([c, this.locOf(`/criteria/${i}`, link)]);
      });
      if (found.length > 0) return found;
    }
    return [];
  }
  private parameterLoc(name: string): Loc {
    const link = this.origin((raw) => rawObj(raw, 'parameters') !== undefined && Object.hasOwn(rawObj(raw, 'parameters')!, name));
    return this.locOf(pointer('parameters', name), link);
  }

  /**
   * A "did you mean" for `name`, while the problems found may still be listed: past twice the listing's
   * length, problems are only counted, and a set with 20,000 misspelt facts must not pay for 20,000
   * edit-distance searches.
   */
  private suggest(name: string, candidates: Iterable<string>): string | undefined {
    return this.problems.length < 2 * MAX_PROBLEMS ? suggest(name, candidates) : undefined;
  }

  private emit(
    code: ErrorCode,
    loc: Loc,
    suffix: ReadonlyArray<string | number>,
    message: LocalizedText,
    params?: Record<string, unknown>,
    severity?: Severity,
  ): void {
    report(this.problems, code, loc, suffix, message, params, severity);
  }

  // ── requires ──

  private checkRequires(): void {
    for (const [name, range] of Object.entries(this.view.requires)) {
      if (typeof range !== 'string') continue;
      const link = this.origin((raw) => Object.hasOwn(rawObj(raw, 'requires') ?? {}, name));
      const loc = this.locOf(pointer('requires', name), link);
      if (semver.validRange(range) === null) {
        this.emit('SCHEMA_VIOLATION', loc, [], {
          vi: `"${range}" không phải khoảng phiên bản semver (vd. "^1.2.0").`,
          en: `"${range}" is not a semver range (e.g. "^1.2.0").`,
        }, { plugin: name, range });
        continue;
      }
      const version = this.registry.pluginVersion(name);
      if (version === undefined) {
        const hint = this.suggest(name, this.registry.plugins.map((p) => p.name));
        this.emit('MISSING_PLUGIN', loc, [], {
          vi: `Bộ tiêu chí cần plugin "${name}" ${range}, nhưng plugin này chưa được nạp${didYouMeanVi(hint)}`,
          en: `The set requires plugin "${name}" ${range}, which is not loaded${didYouMeanEn(hint)}`,
        }, withSuggestion({ plugin: name, range }, hint));
      } else if (!semver.satisfies(version, range, { includePrerelease: true })) {
        this.emit('INCOMPATIBLE_PLUGIN', loc, [], {
          vi: `Bộ tiêu chí cần plugin "${name}" ${range}, nhưng phiên bản đã nạp là ${version}.`,
          en: `The set requires plugin "${name}" ${range}, but version ${version} is loaded.`,
        }, { plugin: name, range, version });
      }
    }
  }

  // ── parameters ──

  private checkParameters(): void {
    for (const [name, def] of Object.entries(this.view.parameters as Readonly<Record<string, unknown>>)) {
      if (!isObj(def)) continue;
      const loc = this.parameterLoc(name);
      const hasValue = Object.hasOwn(def, 'value');
      const schedule = own(def, 'schedule');
      if (hasValue && schedule !== undefined) {
        this.emit('PARAMETER_SCHEDULE', loc, [], {
          vi: `Tham số "${name}" chỉ được có "value" hoặc "schedule", không cả hai.`,
          en: `Parameter "${name}" must have "value" or "schedule", not both.`,
        }, { parameter: name });
      } else if (!hasValue && schedule === undefined) {
        this.emit('PARAMETER_SCHEDULE', loc, [], {
          vi: `Tham số "${name}" cần "value" hoặc "schedule".`,
          en: `Parameter "${name}" needs "value" or "schedule".`,
        }, { parameter: name });
      }
      if (!Array.isArray(schedule)) continue;
      let previous: string | undefined;
      schedule.forEach((entry, k) => {
        const from = isObj(entry) ? own(entry, 'from') : undefined;
        if (typeof from !== 'string' || !DATE_SHAPE.test(from)) return; // the schema says so
        if (!isDate(from)) {
          this.emit('PARAMETER_SCHEDULE', loc, ['schedule', k, 'from'], {
            vi: `"${from}" không phải ngày có thật.`,
            en: `"${from}" is not a calendar date.`,
          }, { parameter: name, from });
          return;
        }
        if (previous !== undefined && from <= previous) {
          this.emit('PARAMETER_SCHEDULE', loc, ['schedule', k, 'from'], {
            vi: `Lộ trình của tham số "${name}" phải theo thứ tự ngày tăng dần, không trùng: ${from} không sau ${previous}.`,
            en: `The schedule of parameter "${name}" must be in strictly ascending date order: ${from} is not after ${previous}.`,
          }, { parameter: name, from, previous });
        }
        previous = from;
      });
    }
  }

  /** A `{param}` reference: report an undeclared name, remember the use for the type check. */
  private paramRef(value: unknown, loc: Loc, suffix: ReadonlyArray<string | number>, req: Requirement | undefined): boolean {
    if (!isObj(value) || typeof own(value, 'param') !== 'string') return false;
    const name = own(value, 'param') as string;
    if (!Object.hasOwn(this.view.parameters, name)) {
      if (!this.partial) {
        const hint = this.suggest(name, Object.keys(this.view.parameters));
        this.emit('UNKNOWN_PARAMETER', loc, [...suffix, 'param'], {
          vi: `Bộ tiêu chí không khai báo tham số "${name}"${didYouMeanVi(hint)}`,
          en: `The set declares no parameter "${name}"${didYouMeanEn(hint)}`,
        }, withSuggestion({ parameter: name }, hint));
      }
    } else if (req !== undefined) {
      this.paramUses.push({ name, req, usedAt: loc.prefix + pointer(...suffix) });
    }
    return true;
  }

  private checkParameterUses(): void {
    for (const use of this.paramUses) {
      const def = this.view.parameters[use.name] as unknown;
      if (!isObj(def)) continue;
      const loc = this.parameterLoc(use.name);
      const values: [ReadonlyArray<string | number>, unknown][] = [];
      if (Object.hasOwn(def, 'value')) values.push([['value'], own(def, 'value')]);
      rawArray(def, 'schedule').forEach((entry, k) => {
        if (isObj(entry) && Object.hasOwn(entry, 'value')) values.push([['schedule', k, 'value'], own(entry, 'value')]);
      });
      for (const [suffix, v] of values) {
        const why = unmet(v, use.req);
        if (why === undefined) continue;
        this.emit('PARAMETER_TYPE', loc, suffix, {
          vi: `Tham số "${use.name}" được dùng ở ${use.usedAt} nên ${why.vi}.`,
          en: `Parameter "${use.name}" is used at ${use.usedAt}, which ${why.en}.`,
        }, { parameter: use.name, usedAt: use.usedAt, expected: use.req.text.en });
      }
    }
  }

  // ── ratings ──

  private checkRatings(): void {
    const ratings = this.view.ratings as readonly unknown[];
    if (!Array.isArray(ratings) || ratings.length === 0) return;
    const link = this.origin((raw) => Array.isArray(own(raw, 'ratings')));
    const loc = this.locOf('/ratings', link);
    const ids = new Map<string, number>();
    const mins = new Map<number, number>();
    let hasZero = false;
    ratings.forEach((tier, k) => {
      if (!isObj(tier)) return;
      const id = own(tier, 'id');
      const min = own(tier, 'minPercent');
      if (typeof id === 'string') {
        const first = ids.get(id);
        if (first !== undefined) {
          this.emit('DUPLICATE_RATING', loc, [k, 'id'], {
            vi: `Mã xếp loại "${id}" trùng với mức thứ ${first + 1}.`,
            en: `Rating id "${id}" repeats tier ${first + 1}.`,
          }, { id, first: `${loc.prefix}/${first}` });
        } else ids.set(id, k);
      }
      if (isFiniteNumber(min)) {
        if (min === 0) hasZero = true;
        const first = mins.get(min);
        if (first !== undefined) {
          this.emit('DUPLICATE_RATING', loc, [k, 'minPercent'], {
            vi: `Ngưỡng ${min}% trùng với mức thứ ${first + 1}.`,
            en: `Threshold ${min}% repeats tier ${first + 1}.`,
          }, { minPercent: min, first: `${loc.prefix}/${first}` });
        } else mins.set(min, k);
      }
    });
    if (!hasZero) {
      this.emit('RATING_GAP', loc, [], {
        vi: 'Không có mức xếp loại nào bắt đầu từ 0%: điểm thấp sẽ không được xếp loại.',
        en: 'No rating tier starts at 0%: low scores would get no rating.',
      });
    }
  }

  // ── criteria ──

  private checkCriteria(): void {
    let sum = 0;
    if (this.view.criteria.length > LIMITS.criteria) {
      this.emit('INPUT_TOO_LARGE', { prefix: '/criteria', source: undefined }, [], {
        vi: `Bộ tiêu chí sau khi kế thừa có hơn ${LIMITS.criteria} tiêu chí.`,
        en: `The resolved set has more than ${LIMITS.criteria} criteria.`,
      }, { limit: LIMITS.criteria, count: this.view.criteria.length });
    }
    for (const resolved of this.view.criteria as readonly unknown[]) {
      if (!isObj(resolved)) continue;
      const maxPoints = own(resolved, 'maxPoints');
      if (isFiniteNumber(maxPoints)) sum += maxPoints;
      // Every criterion with this id in the set that provides it: a duplicate (already an error) must not
      // hide the problems of the one it shadows.
      for (const [c, loc] of this.authored(own(resolved, 'id') as string)) {
        const max = own(c, 'maxPoints');
        if (own(c, 'applicableWhen') !== undefined) this.checkCondition(own(c, 'applicableWhen'), loc, ['applicableWhen']);
        const scoring = own(c, 'scoring');
        if (isObj(scoring)) this.checkScoring(scoring, isFiniteNumber(max) ? max : undefined, loc);
      }
    }

    const total = this.view.totalPoints;
    if (!this.partial && isFiniteNumber(total) && Math.abs(total - sum) > 1e-9 * Math.max(1, total)) {
      const link = this.origin((raw) => own(raw, 'totalPoints') !== undefined);
      this.emit('POINTS_MISMATCH', this.locOf('/totalPoints', link), [], {
        vi: `Tổng điểm tối đa của các tiêu chí là ${sum}, khác totalPoints ${total}.`,
        en: `The criteria's maxPoints add up to ${sum}, not totalPoints ${total}.`,
      }, { totalPoints: total, sum });
    }
  }

  private checkScoring(scoring: Obj, maxPoints: number | undefined, loc: Loc): void {
    switch (own(scoring, 'type')) {
      case 'pass':
        if (own(scoring, 'when') !== undefined) this.checkCondition(own(scoring, 'when'), loc, ['scoring', 'when']);
        return;
      case 'ratio': {
        this.checkNumericFact(scoring, loc);
        const target = own(scoring, 'target');
        this.paramRef(target, loc, ['scoring', 'target'], POSITIVE);
        const floor = own(scoring, 'floor');
        if (floor !== undefined) this.paramRef(floor, loc, ['scoring', 'floor'], NUMBER);
        return;
      }
      case 'steps':
        this.checkNumericFact(scoring, loc);
        this.checkSteps(rawArray(scoring, 'steps'), maxPoints, loc);
        return;
      case 'scorer':
        this.checkScorer(scoring, loc);
        return;
      default:
        return; // the schema reports it
    }
  }

  private checkSteps(steps: readonly unknown[], maxPoints: number | undefined, loc: Loc): void {
    let previousMin: number | undefined;
    let previousPoints: number | undefined;
    steps.forEach((step, k) => {
      if (!isObj(step)) return;
      const rawMin = own(step, 'min');
      this.paramRef(rawMin, loc, ['scoring', 'steps', k, 'min'], NUMBER);
      const min = isFiniteNumber(rawMin) ? rawMin : this.constantNumber(rawMin);
      const points = own(step, 'points');
      if (min !== undefined) {
        if (previousMin !== undefined && min <= previousMin) {
          this.emit('STEPS_NOT_ORDERED', loc, ['scoring', 'steps', k, 'min'], {
            vi: `Ngưỡng các bậc phải tăng dần: ${min} không lớn hơn ${previousMin}.`,
            en: `Step thresholds must be strictly ascending: ${min} is not above ${previousMin}.`,
          }, { min, previous: previousMin });
        }
        previousMin = min;
      }
      if (!isFiniteNumber(points)) return;
      if (previousPoints !== undefined && points < previousPoints) {
        this.emit('STEPS_NOT_ORDERED', loc, ['scoring', 'steps', k, 'points'], {
          vi: `Điểm các bậc không được giảm: ${points} nhỏ hơn ${previousPoints}.`,
          en: `Step points must not decrease: ${points} is below ${previousPoints}.`,
        }, { points, previous: previousPoints });
      }
      previousPoints = points;
      if (maxPoints !== undefined && points > maxPoints) {
        this.emit('POINTS_MISMATCH', loc, ['scoring', 'steps', k, 'points'], {
          vi: `Bậc cho ${points} điểm, vượt điểm tối đa ${maxPoints} của tiêu chí.`,
          en: `The step gives ${points} points, more than the criterion's maxPoints ${maxPoints}.`,
        }, { points, maxPoints });
      } else if (maxPoints !== undefined && k === steps.length - 1 && points < maxPoints) {
        this.emit('POINTS_MISMATCH', loc, ['scoring', 'steps', k, 'points'], {
          vi: `Bậc cao nhất cho ${points} điểm, thấp hơn điểm tối đa ${maxPoints}: không ai đạt điểm tối đa.`,
          en: `The top step gives ${points} points, below maxPoints ${maxPoints}: no one can get full points.`,
        }, { points, maxPoints }, 'warning');
      }
    });
  }

  /** A `{param}` whose value is a constant number (for ordering steps); schedules are not compared. */
  private constantNumber(value: unknown): number | undefined {
    if (!isObj(value) || typeof own(value, 'param') !== 'string') return undefined;
    const def = own(this.view.parameters as Obj, own(value, 'param') as string);
    const v = isObj(def) ? own(def, 'value') : undefined;
    return isFiniteNumber(v) ? v : undefined;
  }

  private checkScorer(scoring: Obj, loc: Loc): void {
    const id = own(scoring, 'scorer');
    if (typeof id !== 'string') return;
    const scorer = this.registry.scorers.get(id);
    if (scorer === undefined) {
      const hint = this.suggest(id, this.registry.scorers.keys());
      this.emit('UNKNOWN_SCORER', loc, ['scoring', 'scorer'], {
        vi: `Không có bộ tính điểm "${id}"${didYouMeanVi(hint)}`,
        en: `No scorer "${id}"${didYouMeanEn(hint)}`,
      }, withSuggestion({ scorer: id }, hint));
      return;
    }
    const rawOptions = own(scoring, 'options');
    if (rawOptions !== undefined && !isObj(rawOptions)) return; // the schema reports it
    const options = rawOptions ?? {};
    if (!scorer.validateOptions(options)) {
      const base = loc.prefix + pointer('scoring', 'options');
      for (const e of (scorer.validateOptions.errors ?? []).slice(0, MAX_OPTION_PROBLEMS)) {
        const d = describeAjvError(e, base);
        this.problems.push(problem('INVALID_SCORER_OPTIONS', d.path, {
          vi: `Tùy chọn của bộ tính điểm "${id}": ${lowerFirst(d.message.vi)}`,
          en: `Options of scorer "${id}": ${lowerFirst(d.message.en)}`,
        }, loc.source === undefined ? { scorer: id, ...d.params } : { scorer: id, ...d.params, source: loc.source }));
      }
      return;
    }
    // Facts the scorer will read, pointed at the option that names them when there is one.
    let facts: readonly unknown[] = [];
    try {
      const declared = scorer.def.facts;
      facts = typeof declared === 'function' ? declared(options) : (declared ?? []);
    } catch {
      facts = [];
    }
    for (const fact of facts) {
      if (typeof fact !== 'string') continue;
      const key = Object.keys(options).find((k) => options[k] === fact);
      this.checkFactRef(fact, loc, key === undefined ? ['scoring', 'options'] : ['scoring', 'options', key]);
    }
    // By convention (the core `linear` scorer) `fact` + `path` options name a value inside an object fact.
    const path = own(options, 'path');
    if (typeof path === 'string') {
      const factId = own(options, 'fact');
      const fact = typeof factId === 'string' ? this.registry.facts.get(factId) : undefined;
      this.checkPath(fact, path, loc, ['scoring', 'options', 'path']);
    }
  }

  // ── facts, paths, conditions ──

  private checkFactRef(id: string, loc: Loc, suffix: ReadonlyArray<string | number>): Registered<FactDefinition<unknown>> | undefined {
    const fact = this.registry.facts.get(id);
    if (fact === undefined) {
      const hint = this.suggest(id, this.registry.facts.keys());
      this.emit('UNKNOWN_FACT', loc, suffix, {
        vi: `Không có dữ kiện "${id}"${didYouMeanVi(hint)}`,
        en: `No fact "${id}"${didYouMeanEn(hint)}`,
      }, withSuggestion({ fact: id }, hint));
      return undefined;
    }
    if (this.subjectKind !== undefined && !fact.def.subjects.includes(this.subjectKind)) {
      const kindText = this.subjectKind === 'team' ? { vi: 'tổ', en: 'teams' } : { vi: 'đơn vị hành chính', en: 'org units' };
      this.emit('FACT_NOT_FOR_SUBJECT', loc, suffix, {
        vi: `Dữ kiện "${id}" không được tính cho ${kindText.vi}, là đối tượng của bộ tiêu chí này.`,
        en: `Fact "${id}" is not computed for ${kindText.en}, which this set scores.`,
      }, { fact: id, subject: this.subjectKind, subjects: fact.def.subjects });
    }
    return fact;
  }

  private unsafePath(path: string, loc: Loc, suffix: ReadonlyArray<string | number>): void {
    this.emit('UNSAFE_PATH', loc, suffix, {
      vi: `Đường dẫn "${path}" không hợp lệ: chỉ dùng các khóa nối bằng dấu chấm (vd. "youthUnion" hoặc "$.a.b"), không dùng biểu thức JSONPath hay __proto__, constructor, prototype.`,
      en: `Path "${path}" is not allowed: use plain keys joined by dots (e.g. "youthUnion" or "$.a.b"); no JSONPath expressions, no __proto__, constructor or prototype.`,
    }, { path });
  }

  /** Check `path` on `fact`: grammar, object fact, first key among the fact's path keys. */
  private checkPath(fact: Registered<FactDefinition<unknown>> | undefined, path: string, loc: Loc, suffix: ReadonlyArray<string | number>): void {
    if (!isSafePath(path)) {
      this.unsafePath(path, loc, suffix);
      return;
    }
    if (fact === undefined) return;
    const id = fact.def.id;
    if (fact.def.type !== 'object') {
      this.emit('UNKNOWN_FACT', loc, suffix, {
        vi: `Dữ kiện "${id}" là ${typeText([fact.def.type]).vi}, không phải đối tượng, nên không dùng được đường dẫn "${path}".`,
        en: `Fact "${id}" is ${typeText([fact.def.type]).en}, not an object, so path "${path}" cannot apply.`,
      }, { fact: id, path, reason: 'notObject' });
      return;
    }
    const known = this.pathKeys(fact.def);
    if (known === undefined) return;
    const key = (path.startsWith('$.') ? path.slice(2) : path).split('.')[0]!;
    if (known.keys.includes(key)) return;
    const hint = this.suggest(key, known.keys);
    if (known.open) {
      // Datasets may declare metrics and ratios of their own, so an unknown one is only a warning.
      this.emit('UNKNOWN_FACT', loc, suffix, {
        vi: `Dữ kiện "${id}" không có khóa "${key}" trong danh mục và các plugin đã nạp; giá trị sẽ trống trừ khi bộ dữ liệu tự khai báo${didYouMeanVi(hint)}`,
        en: `Fact "${id}" has no key "${key}" in the catalog or the loaded plugins; it will be missing unless the dataset declares it${didYouMeanEn(hint)}`,
      }, withSuggestion({ fact: id, path, key }, hint), 'warning');
      return;
    }
    this.emit('UNKNOWN_FACT', loc, suffix, {
      vi: `Dữ kiện "${id}" không có khóa "${key}"${didYouMeanVi(hint)}`,
      en: `Fact "${id}" has no key "${key}"${didYouMeanEn(hint)}`,
    }, withSuggestion({ fact: id, path, key }, hint));
  }

  /**
   * The keys a path into `fact` may start with, and whether a dataset may add more (metrics and ratios);
   * undefined when they are data (levels) or not declared.
   */
  private pathKeys(fact: FactDefinition<unknown>): { readonly keys: readonly string[]; readonly open: boolean } | undefined {
    const keys = fact.pathKeys;
    if (keys === undefined) return undefined;
    if (typeof keys !== 'string') return { keys, open: false };
    const metrics = (kind?: 'activity' | 'area'): string[] =>
      [...this.registry.metrics.values()].filter((m) => kind === undefined || m.def.kind === kind).map((m) => m.def.id);
    switch (keys) {
      case 'activityMetrics':
        return { keys: metrics('activity'), open: true };
      case 'areaMetrics':
        return { keys: metrics('area'), open: true };
      case 'metrics':
        return { keys: metrics(), open: true };
      case 'ratios':
        return { keys: [...this.registry.ratios.keys()], open: true };
      case 'tasks':
        return { keys: TASKS, open: false };
      default:
        return undefined; // 'levels': levels are data, not known when authoring
    }
  }

  private checkNumericFact(scoring: Obj, loc: Loc): void {
    const id = own(scoring, 'fact');
    if (typeof id !== 'string') return;
    const fact = this.checkFactRef(id, loc, ['scoring', 'fact']);
    const path = own(scoring, 'path');
    if (typeof path === 'string') this.checkPath(fact, path, loc, ['scoring', 'path']);
    if (fact === undefined) return;
    const type = fact.def.type;
    if (type === 'number' || (type === 'object' && typeof path === 'string')) return;
    this.emit('SCHEMA_VIOLATION', loc, ['scoring', 'fact'], type === 'object'
      ? {
          vi: `Dữ kiện "${id}" là một đối tượng: cần "path" để chọn một số trong đó.`,
          en: `Fact "${id}" is an object: a "path" is needed to pick a number from it.`,
        }
      : {
          vi: `Cách tính điểm "${String(own(scoring, 'type'))}" cần dữ kiện số, nhưng "${id}" là ${typeText([type]).vi}.`,
          en: `Scoring "${String(own(scoring, 'type'))}" needs a numeric fact, but "${id}" is ${typeText([type]).en}.`,
        }, { fact: id, type, reason: 'factNotNumeric' });
  }

  private checkCondition(root: unknown, loc: Loc, rootSuffix: ReadonlyArray<string | number>): void {
    // Iterative and bounded: trees past the limits were reported by the pre-walk.
    const stack: { node: unknown; suffix: ReadonlyArray<string | number>; depth: number }[] = [
      { node: root, suffix: rootSuffix, depth: 1 },
    ];
    let nodes = 0;
    while (stack.length > 0 && nodes++ < LIMITS.conditionNodes) {
      const { node, suffix, depth } = stack.pop()!;
      if (!isObj(node) || depth > LIMITS.conditionDepth) continue;
      let group = false;
      for (const key of ['all', 'any'] as const) {
        const list = own(node, key);
        if (!Array.isArray(list)) continue;
        group = true;
        if (list.length === 0) {
          this.emit('EMPTY_GROUP', loc, [...suffix, key], {
            vi: `Nhóm "${key}" rỗng: json-rules-engine coi nó là đúng.`,
            en: `The "${key}" group is empty: json-rules-engine treats it as true.`,
          }, { group: key });
        }
        for (let i = list.length - 1; i >= 0; i--) stack.push({ node: list[i], suffix: [...suffix, key, i], depth: depth + 1 });
      }
      if (own(node, 'not') !== undefined) {
        group = true;
        stack.push({ node: own(node, 'not'), suffix: [...suffix, 'not'], depth: depth + 1 });
      }
      if (!group && typeof own(node, 'fact') === 'string') this.checkLeaf(node, loc, suffix);
    }
  }

  private checkLeaf(node: Obj, loc: Loc, suffix: ReadonlyArray<string | number>): void {
    const factId = own(node, 'fact') as string;
    const fact = this.checkFactRef(factId, loc, [...suffix, 'fact']);
    const path = own(node, 'path');
    if (typeof path === 'string') this.checkPath(fact, path, loc, [...suffix, 'path']);

    const opId = own(node, 'operator');
    if (typeof opId !== 'string') return;
    const op = this.registry.operators.get(opId)?.def;
    if (op === undefined) {
      const hint = this.suggest(opId, this.registry.operators.keys());
      this.emit('UNKNOWN_OPERATOR', loc, [...suffix, 'operator'], {
        vi: `Không có toán tử "${opId}"${didYouMeanVi(hint)}`,
        en: `No operator "${opId}"${didYouMeanEn(hint)}`,
      }, withSuggestion({ operator: opId }, hint));
    }
    // The fact's type is known only without a path (the values inside an object fact are not typed).
    const factType = path === undefined ? fact?.def.type : undefined;
    if (op?.factTypes !== undefined && factType !== undefined && !op.factTypes.includes(factType)) {
      this.emit('SCHEMA_VIOLATION', loc, [...suffix, 'operator'], {
        vi: `Toán tử "${opId}" cần dữ kiện là ${typeText(op.factTypes).vi}, nhưng "${factId}" là ${typeText([factType]).vi}.`,
        en: `Operator "${opId}" needs a fact that is ${typeText(op.factTypes).en}, but "${factId}" is ${typeText([factType]).en}.`,
      }, { operator: opId, fact: factId, factType, expected: op.factTypes, reason: 'operatorFactType' });
    }

    const value = own(node, 'value');
    const req = operatorRequirement(opId, op, this.registry.operators.get(opId)?.validateValue);
    if (this.paramRef(value, loc, [...suffix, 'value'], req) || req === undefined || value === undefined || isObj(value)) {
      return; // an object that is not {param} is a schema violation, already reported
    }
    const why = unmet(value, req);
    if (why !== undefined) {
      this.emit('SCHEMA_VIOLATION', loc, [...suffix, 'value'], {
        vi: `Toán tử "${opId}" ${why.vi}.`,
        en: `Operator "${opId}" ${why.en}.`,
      }, { operator: opId, expected: req.text.en, reason: 'operatorValue' });
    }
  }
}
