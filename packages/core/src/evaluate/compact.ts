/**
 * The compact answer: what is the same for every subject is said once. Each subject of a full
 * {@link EvaluationResult} repeats every criterion's bilingual title, group and maximum (about 2.7 KB per
 * team of national-2024 without explanations, of which 0.7 KB is its own); the compact form puts the
 * criteria and the rating labels at the top and gives each subject only its ids, scores, one point and one
 * status per criterion, and, when there are any, what else its criteria carry (reasons, explanations,
 * details, errors, a maximum that differs). The roll-up's coverage names are said once too
 * (`rollup.coverageKeys`; each unit's coverage is `[numerator, denominator, rate]` in that order). Nothing is lost: {@link expandResult} gives back the full
 * result, equal to the one it came from.
 */
import type { LocalizedText } from '../errors.js';
import type { CriterionGroup } from '../criteria/types.js';
import type { CriterionResult, CriterionStatus, EvaluationResult, RatingRef, RollupResult, RollupUnit, SubjectInfo, SubjectResult } from './types.js';

/** A criterion as the compact answer describes it once. */
export interface CompactCriterion {
  readonly id: string;
  readonly title: LocalizedText;
  readonly group: CriterionGroup;
  readonly maxPoints: number;
}

/** What a subject's criterion carries beyond its points and status (explain mode, errors). */
export type CompactCriterionExtra = Partial<Omit<CriterionResult, 'id' | 'title' | 'group' | 'status' | 'points'>>;

/** One subject in the compact answer. `points[i]` and `statuses[i]` are those of `criteria[i]`. */
export interface CompactSubject {
  readonly subject: SubjectInfo;
  readonly score: number;
  readonly maxScore: number;
  readonly percent: number;
  /** The id of the rating reached (its label is in `ratings`), or null. */
  readonly rating: string | null;
  readonly complete: boolean;
  readonly points: readonly number[];
  readonly statuses: readonly CriterionStatus[];
  /** Criterion index → what that criterion carries besides; absent when nothing does. */
  readonly extras?: Readonly<Record<number, CompactCriterionExtra>>;
}

/** A coverage rate in the compact roll-up: `[numerator, denominator, rate]`. */
export type CompactCoverage = readonly [number | null, number | null, number | null];

/**
 * A roll-up unit in the compact answer: its `coverage` is one `[numerator, denominator, rate]` per name of
 * the roll-up's `coverageKeys`, in that order (an object, as in the full answer, for a unit whose coverage
 * names are not those).
 */
export interface CompactRollupUnit extends Omit<RollupUnit, 'coverage'> {
  readonly coverage: readonly CompactCoverage[] | RollupUnit['coverage'];
}

/** The compact roll-up: the coverage names said once (they are about 60% of a full unit's JSON). */
export interface CompactRollup extends Omit<RollupResult, 'units'> {
  readonly coverageKeys: readonly string[];
  readonly units: readonly CompactRollupUnit[];
}

/** The compact answer: {@link EvaluationResult} with the constant parts said once. */
export interface CompactEvaluationResult extends Omit<EvaluationResult, 'subjects' | 'rollup'> {
  readonly rollup?: CompactRollup;
  readonly shape: 'compact';
  /** The criteria, in the order of every subject's `points` and `statuses`. */
  readonly criteria: readonly CompactCriterion[];
  /** Every rating that a subject reached, with its label. */
  readonly ratings: readonly RatingRef[];
  readonly subjects: readonly CompactSubject[];
}

const CONSTANT = new Set(['id', 'title', 'group', 'status', 'points', 'maxPoints']);

function sameText(a: LocalizedText, b: LocalizedText): boolean {
  return a.vi === b.vi && a.en === b.en;
}

/**
 * The compact form of an evaluation result (see the module's comment). Subjects whose criteria are not
 * those of the first subject, in the same order and with the same titles and groups, are impossible from
 * {@link evaluate}; they make it throw rather than lose anything.
 *
 * @example
 * ```ts
 * const full = await evaluate(dataset, criteriaSet, { period: '2025', explain: false });
 * const compact = compactResult(full);
 * compact.criteria.map((c) => c.id); // ['team-size', 'core-members', …]
 * compact.subjects[0].points; // [15, 10, …]
 * ```
 */
export function compactResult(result: EvaluationResult): CompactEvaluationResult {
  const { head, subject } = compactParts(result);
  return { ...head, subjects: result.subjects.map((_, i) => subject(i)) };
}

/** The compact answer in two parts: see {@link compactParts}. */
export interface CompactParts {
  /** The compact answer without its subjects, in the key order of {@link compactResult}'s answer. */
  readonly head: Omit<CompactEvaluationResult, 'subjects'>;
  /** Subject `i` in compact form, made when asked (one at a time, for a writer that streams them). */
  readonly subject: (i: number) => CompactSubject;
}

/**
 * The compact answer's constant part, and its subjects one by one: for writers that stream a national
 * answer without holding its compact copy (74,000 subjects) beside the result.
 *
 * @example
 * ```ts
 * const { head, subject } = compactParts(result);
 * write(JSON.stringify(head));
 * for (let i = 0; i < result.subjects.length; i++) write(JSON.stringify(subject(i)));
 * ```
 */
export function compactParts(result: EvaluationResult): CompactParts {
  const { subjects, ...rest } = result;
  const { criteria, ratings } = constantParts(subjects);
  // The full answer's key order, the roll-up in its place.
  const head = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k === 'rollup' ? compactRollup(v as RollupResult) : v])) as Omit<
    CompactEvaluationResult,
    'shape' | 'subjects' | 'criteria' | 'ratings'
  >;
  return { head: { shape: 'compact', ...head, criteria, ratings }, subject: (i) => compactSubject(subjects[i]!, criteria) };
}

/** The roll-up with each unit's coverage as arrays in the order of `coverageKeys` (the first unit's names). */
function compactRollup(rollup: RollupResult): CompactRollup {
  const { units, ...rest } = rollup;
  const keys = Object.keys(units[0]?.coverage ?? {});
  const compactUnit = (u: RollupUnit): CompactRollupUnit => {
    const names = Object.keys(u.coverage);
    if (names.length !== keys.length || names.some((k, i) => k !== keys[i])) return u;
    const coverage = names.map((k): CompactCoverage => {
      const c = u.coverage[k]!;
      return [c.numerator, c.denominator, c.rate];
    });
    return { ...u, coverage };
  };
  return { ...rest, coverageKeys: keys, units: units.map(compactUnit) };
}

/** The full roll-up again from its compact form. */
function expandRollup(rollup: CompactRollup): RollupResult {
  const { coverageKeys, units, ...rest } = rollup;
  const expandUnit = (u: CompactRollupUnit): RollupUnit => {
    if (!Array.isArray(u.coverage)) return u as RollupUnit;
    // fromEntries defines each name as data, whatever it is.
    const coverage = Object.fromEntries(
      (u.coverage as readonly CompactCoverage[]).map(([numerator, denominator, rate], i) => [coverageKeys[i]!, { numerator, denominator, rate }]),
    );
    return { ...u, coverage };
  };
  return { ...rest, units: units.map(expandUnit) };
}

/** What the compact form says once: the criteria (those of the first subject) and every rating reached. */
function constantParts(subjects: readonly SubjectResult[]): { criteria: CompactCriterion[]; ratings: RatingRef[] } {
  const criteria = (subjects[0]?.criteria ?? []).map((c): CompactCriterion => ({ id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints }));
  const ratings = new Map<string, RatingRef>();
  for (const s of subjects) if (s.rating !== null && !ratings.has(s.rating.id)) ratings.set(s.rating.id, s.rating);
  return { criteria, ratings: [...ratings.values()] };
}

/**
 * One subject in compact form, against the criteria described once (for a writer that streams subjects
 * one by one, e.g. NDJSON).
 *
 * @example
 * ```ts
 * const line = JSON.stringify(compactSubject(full.subjects[0], compact.criteria));
 * ```
 */
export function compactSubject(s: SubjectResult, criteria: readonly CompactCriterion[]): CompactSubject {
  if (s.criteria.length !== criteria.length) throw new Error(`subject ${s.subject.id} has ${s.criteria.length} criteria, not ${criteria.length}`);
  const points: number[] = [];
  const statuses: CriterionStatus[] = [];
  let extras: Record<number, CompactCriterionExtra> | undefined;
  s.criteria.forEach((c, i) => {
    const known = criteria[i]!;
    if (c.id !== known.id || c.group !== known.group || !sameText(c.title, known.title)) {
      throw new Error(`subject ${s.subject.id}: criterion ${i} is ${c.id}, not ${known.id}`);
    }
    points.push(c.points);
    statuses.push(c.status);
    let extra: Record<string, unknown> | undefined;
    for (const key of Object.keys(c) as Array<keyof CriterionResult>) {
      if (CONSTANT.has(key)) continue;
      (extra ??= {})[key] = c[key];
    }
    if (c.maxPoints !== known.maxPoints) (extra ??= {}).maxPoints = c.maxPoints;
    if (extra !== undefined) (extras ??= {})[i] = extra as CompactCriterionExtra;
  });
  const base = {
    subject: s.subject,
    score: s.score,
    maxScore: s.maxScore,
    percent: s.percent,
    rating: s.rating?.id ?? null,
    complete: s.complete,
    points,
    statuses,
  };
  return extras === undefined ? base : { ...base, extras };
}

/**
 * The full result again from its compact form: equal to the result {@link compactResult} was given.
 *
 * @example
 * ```ts
 * expandResult(compactResult(full)); // deep-equal to full
 * ```
 */
export function expandResult(compact: CompactEvaluationResult): EvaluationResult {
  const { shape: _shape, criteria, ratings, subjects, rollup, ...rest } = compact;
  const labels = new Map(ratings.map((r) => [r.id, r]));
  const full: SubjectResult[] = subjects.map((s) => ({
    subject: s.subject,
    score: s.score,
    maxScore: s.maxScore,
    percent: s.percent,
    rating: s.rating === null ? null : (labels.get(s.rating) ?? { id: s.rating, label: { vi: s.rating, en: s.rating } }),
    complete: s.complete,
    criteria: criteria.map((c, i): CriterionResult => {
      const extra = s.extras?.[i];
      const { maxPoints, ...more } = extra ?? {};
      return { id: c.id, title: c.title, group: c.group, status: s.statuses[i]!, points: s.points[i]!, maxPoints: maxPoints ?? c.maxPoints, ...more };
    }),
  }));
  return rollup === undefined ? { ...rest, subjects: full } : { ...rest, subjects: full, rollup: expandRollup(rollup) };
}

/** The shape of an answer: `full` (every subject carries its criteria's titles) or `compact`. */
export type ResultShape = 'full' | 'compact';

/**
 * An evaluation result as NDJSON lines, each ending with `\n`: first everything but the subjects (with
 * `subjects` set to their count, and for the compact shape the criteria and ratings), then one subject
 * per line, so that a national result can be written, piped and read one team at a time.
 *
 * @example
 * ```ts
 * for (const line of resultLines(result, 'compact')) process.stdout.write(line);
 * ```
 */
export function* resultLines(result: EvaluationResult, shape: ResultShape = 'compact'): Generator<string> {
  const { subjects, ...rest } = result;
  if (shape === 'full') {
    yield JSON.stringify({ shape: 'full', ...rest, subjects: subjects.length }) + '\n';
    for (const s of subjects) yield JSON.stringify(s) + '\n';
    return;
  }
  const { head, subject } = compactParts(result);
  yield JSON.stringify({ ...head, subjects: subjects.length }) + '\n';
  for (let i = 0; i < subjects.length; i++) yield JSON.stringify(subject(i)) + '\n';
}
