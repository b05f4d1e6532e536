/**
 * Criteria-set inheritance (`extends`) and dated parameters.
 *
 * `resolveCriteriaSet` validates a set (with its whole `extends` chain) and returns the resolved view the
 * evaluator uses; {@link mergeCriteriaSet} is the pure merge of one set onto its already-resolved base;
 * {@link parameterValue} and {@link resolveParameters} read parameters at an evaluation date.
 *
 * (This module and `validate.ts` import each other: validation resolves the chain with the merge below,
 * and `resolveCriteriaSet` is validation that throws. Only functions cross the cycle, none is called while
 * the modules load, so ES module evaluation order does not matter.)
 */
import { CnscdError } from '../errors.js';
import { isDate } from '../internal/dates.js';
import type { Registry } from '../plugin/registry.js';
import type { ConditionValue, CriteriaSet, Criterion, ParameterDefinition, ResolvedCriteriaSet, SourceDocument, Subject } from './types.js';
import { validateCriteriaSet, type ResolveBase } from './validate.js';

/**
 * Options of {@link resolveCriteriaSet}.
 *
 * @example
 * ```ts
 * const options: ResolveCriteriaSetOptions = { registry, resolveBase: (id, range) => catalog.find(id, range) };
 * ```
 */
export interface ResolveCriteriaSetOptions {
  /** Finds a base set named in `extends` (id, semver range); without it a set with `extends` is invalid. */
  readonly resolveBase?: ResolveBase;
  /** The registry the set is checked against; default {@link coreRegistry}. */
  readonly registry?: Registry;
}

/** How many problems the thrown error's message lists (all are in `error.problems`). */
const PROBLEMS_IN_MESSAGE = 3;

/**
 * Validate a criteria set and return its resolved view (base sets applied, defaults filled in). Throws
 * `CnscdError('CRITERIA_SET_INVALID')` with every problem in `error.problems` when the set has errors;
 * warnings do not prevent resolution (use {@link validateCriteriaSet} to see them).
 *
 * @example
 * ```ts
 * const resolved = resolveCriteriaSet(child, {
 *   resolveBase: (id, range) => presets.find((p) => p.id === id && semver.satisfies(p.version, range ?? '*')),
 * });
 * resolved.lineage; // ['national-2023@2.0.0', 'thai-nguyen-2024@1.0.0']
 * ```
 */
export function resolveCriteriaSet(input: CriteriaSet, options: ResolveCriteriaSetOptions = {}): ResolvedCriteriaSet {
  const validation = validateCriteriaSet(input, options);
  if (validation.valid && validation.criteriaSet !== undefined) return validation.criteriaSet;
  const errors = validation.problems.filter((p) => p.severity === 'error');
  const listed = errors
    .slice(0, PROBLEMS_IN_MESSAGE)
    .map((p) => `${p.code} at ${p.path === '' ? '/' : p.path}: ${p.message.en}`)
    .join('; ');
  const more = errors.length > PROBLEMS_IN_MESSAGE ? `; and ${errors.length - PROBLEMS_IN_MESSAGE} more` : '';
  const id = typeof (input as { id?: unknown } | null)?.id === 'string' ? `"${(input as { id: string }).id}" ` : '';
  throw new CnscdError('CRITERIA_SET_INVALID', `Criteria set ${id}is invalid: ${listed}${more}`, {
    problems: validation.problems,
  });
}

/**
 * Apply `child` onto its resolved `base` (or, with no base, fill in the defaults of a root set). Pure; it
 * does not validate, so give it checked sets.
 *
 * - criteria: the base's order is kept, a child criterion with a base id replaces it in place, ids in
 *   `extends.remove` are dropped, other child criteria are appended in their order (a removed id that the
 *   child defines again is therefore moved to the end);
 * - parameters and `requires` merge by name, the child winning; ratings and subject: the child's if
 *   given, else the base's; sources: the base's then the child's, without repeating a document number;
 * - id, version, title, description, effective: the child's;
 * - totalPoints: the child's if given, else the base's only when the child neither adds, replaces nor
 *   removes a criterion;
 * - lineage: the base's lineage, then `id@version` of the child.
 *
 * @example
 * ```ts
 * const resolved = mergeCriteriaSet(mergeCriteriaSet(undefined, national), thaiNguyen);
 * resolved.criteria.map((c) => c.id);
 * ```
 */
export function mergeCriteriaSet(base: ResolvedCriteriaSet | undefined, child: CriteriaSet): ResolvedCriteriaSet {
  const childCriteria = child.criteria ?? [];
  const childById = new Map<string, Criterion>();
  for (const c of childCriteria) childById.set(c.id, c); // a repeated id: the last wins

  const criteria: Criterion[] = [];
  const placed = new Set<string>();
  const remove = new Set(child.extends?.remove ?? []);
  for (const c of base?.criteria ?? []) {
    if (remove.has(c.id)) continue;
    criteria.push(childById.get(c.id) ?? c);
    placed.add(c.id);
  }
  for (const c of childCriteria) {
    if (placed.has(c.id)) continue;
    criteria.push(childById.get(c.id)!);
    placed.add(c.id);
  }
  const changed = childCriteria.length > 0 || remove.size > 0;

  const totalPoints = child.totalPoints ?? (base !== undefined && !changed ? base.totalPoints : undefined);
  const subject = child.subject ?? base?.subject;
  const resolved: {
    -readonly [K in keyof ResolvedCriteriaSet]: ResolvedCriteriaSet[K];
  } = {
    id: child.id,
    version: child.version,
    title: child.title,
    sources: mergeSources(base?.sources ?? [], child.sources ?? []),
    // A root set without a subject is invalid and never returned by resolveCriteriaSet.
    subject: subject as Subject,
    requires: mergeRecords(base?.requires, child.requires),
    parameters: mergeRecords<ParameterDefinition>(base?.parameters, child.parameters),
    criteria,
    ratings: child.ratings ?? base?.ratings ?? [],
    lineage: [...(base?.lineage ?? []), `${child.id}@${child.version}`],
  };
  if (child.description !== undefined) resolved.description = child.description;
  if (child.effective !== undefined) resolved.effective = child.effective;
  if (totalPoints !== undefined) resolved.totalPoints = totalPoints;
  return resolved;
}

function mergeRecords<V>(base: Readonly<Record<string, V>> | undefined, child: Readonly<Record<string, V>> | undefined): Record<string, V> {
  const merged = new Map<string, V>(Object.entries(base ?? {}));
  for (const [k, v] of Object.entries(child ?? {})) merged.set(k, v);
  // fromEntries defines own properties, so even a "__proto__" key could not reach the prototype.
  return Object.fromEntries(merged);
}

function mergeSources(base: readonly SourceDocument[], child: readonly SourceDocument[]): SourceDocument[] {
  const seen = new Set<string>();
  const out: SourceDocument[] = [];
  for (const s of [...base, ...child]) {
    if (seen.has(s.number)) continue;
    seen.add(s.number);
    out.push(s);
  }
  return out;
}

/**
 * The value of parameter `name` on date `asOf` (`YYYY-MM-DD`): its constant `value`, or the value of the
 * latest schedule entry whose `from` is on or before `asOf`. `undefined` before the first entry and for
 * an unknown name. Throws `CnscdError('INVALID_ARGUMENT')` when `asOf` is not a calendar date.
 *
 * @example
 * ```ts
 * // parameters: { target: { schedule: [{ from: '2022-12-31', value: 0.2 }, { from: '2025-01-01', value: 0.7 }] } }
 * parameterValue(set, 'target', '2022-12-30'); // undefined
 * parameterValue(set, 'target', '2024-12-31'); // 0.2
 * parameterValue(set, 'target', '2025-01-01'); // 0.7
 * ```
 */
export function parameterValue(set: Pick<ResolvedCriteriaSet, 'parameters'>, name: string, asOf: string): ConditionValue | undefined {
  assertDate(asOf);
  return valueAt(set.parameters, name, asOf);
}

/**
 * Every parameter of `set` at date `asOf`, by name (see {@link parameterValue}).
 *
 * @example
 * ```ts
 * resolveParameters(set, '2025-06-30'); // { minMembers: 4, target: 0.7 }
 * ```
 */
export function resolveParameters(set: Pick<ResolvedCriteriaSet, 'parameters'>, asOf: string): Record<string, ConditionValue | undefined> {
  assertDate(asOf);
  const out = new Map<string, ConditionValue | undefined>();
  for (const name of Object.keys(set.parameters)) out.set(name, valueAt(set.parameters, name, asOf));
  return Object.fromEntries(out);
}

function assertDate(asOf: string): void {
  if (typeof asOf !== 'string' || !isDate(asOf)) {
    throw new CnscdError('INVALID_ARGUMENT', `asOf must be a calendar date YYYY-MM-DD, got ${JSON.stringify(asOf)}.`);
  }
}

function valueAt(parameters: Readonly<Record<string, ParameterDefinition>>, name: string, asOf: string): ConditionValue | undefined {
  if (!Object.hasOwn(parameters, name)) return undefined;
  const def = parameters[name]!;
  if (def.value !== undefined) return def.value;
  let best: { readonly from: string; readonly value: ConditionValue } | undefined;
  // ISO dates compare as strings; the schedule is validated ascending, but the scan does not rely on it.
  for (const entry of def.schedule ?? []) {
    if (entry.from <= asOf && (best === undefined || entry.from >= best.from)) best = entry;
  }
  return best?.value;
}
