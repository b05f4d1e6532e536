import {
  CnscdError,
  evaluate,
  type CriteriaSet,
  type CriterionStatus,
  type Dataset,
  type EngineKind,
  type EvaluationResult,
  type IsoDate,
  type LocalizedText,
  type Registry,
  type ResolvedCriteriaSet,
} from '@cnscd/core';
import { resolveBase as registryResolveBase } from './registry.js';

/**
 * What a golden case expects of one criterion; `null` in {@link ExpectedSubject.criteria} means "absent".
 *
 * @example
 * ```ts
 * const e: ExpectedCriterion = { points: 12.5, status: 'partial' };
 * ```
 */
export interface ExpectedCriterion {
  readonly points?: number;
  readonly status?: CriterionStatus;
}

/**
 * What a golden case expects of one subject (team or org unit).
 *
 * @example
 * ```ts
 * const s: ExpectedSubject = { id: 'team-thon-1', score: 97.5, maxScore: 100, percent: 97.5, rating: 'xuat-sac',
 *   criteria: { 'members-trained': { points: 12.5, status: 'partial' }, 'core-youth-union': null } };
 * ```
 */
export interface ExpectedSubject {
  /** Team id or org-unit id. */
  readonly id: string;
  readonly score: number;
  readonly maxScore: number;
  readonly percent: number;
  /** Rating tier id; `null` when no criterion applies. */
  readonly rating: string | null;
  /** Criteria to check (others are not checked); `null` asserts the criterion is not in the result. */
  readonly criteria?: Readonly<Record<string, ExpectedCriterion | null>>;
}

/**
 * A golden case: a small dataset, an evaluation period, and the result worked out by hand. `expected`
 * lists every subject the set scores (an extra scored subject is a difference).
 *
 * @example
 * ```ts
 * const c: GoldenCase = {
 *   description: { vi: 'Một tổ, một tháng', en: 'One team, one month' },
 *   workings: ['t1: 5 members in 4–9 → 15; …'],
 *   period: '2025-01',
 *   dataset: { orgUnits: [], teams: [] },
 *   expected: { subjects: [] },
 * };
 * ```
 */
export interface GoldenCase {
  readonly description: LocalizedText;
  /** The hand arithmetic behind `expected` (one string per subject, or one string). */
  readonly workings?: string | readonly string[];
  /** `"YYYY-MM..YYYY-MM"`, `"YYYY-MM"` or `"YYYY"`. */
  readonly period: string;
  /** Evaluation date; default the last day of the period. */
  readonly asOf?: IsoDate;
  readonly dataset: Dataset;
  readonly expected: { readonly subjects: readonly ExpectedSubject[] };
}

/**
 * A golden case shipped with a preset, named after its file (`cases/<name>.json`).
 *
 * @example
 * ```ts
 * const [first]: readonly PresetCase[] = presetCases('national-2023');
 * first?.name; // 'boundaries'
 * ```
 */
export interface PresetCase extends GoldenCase {
  readonly name: string;
}

/**
 * One difference between a golden case and the evaluation. `path` is a JSON pointer into the case file
 * (e.g. `/expected/subjects/1/criteria/team-size/points`), or `""` for the case as a whole.
 *
 * @example
 * ```ts
 * const d: CaseDiff = { path: '/expected/subjects/0/score', expected: 82.5, actual: 81.5,
 *   message: 'team-thon-3: score is 81.5, expected 82.5' };
 * ```
 */
export interface CaseDiff {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly message: string;
}

/**
 * Options of {@link runCase}.
 *
 * @example
 * ```ts
 * await runCase(preset, goldenCase, { engine: 'reference', registry: createRegistry([myPlugin]) });
 * ```
 */
export interface RunCaseOptions {
  /** Finds base sets for `extends`; default: the preset registry's {@link resolveBase}. */
  readonly resolveBase?: (id: string, versionRange?: string) => CriteriaSet | undefined;
  /** Plugins' facts, operators and scorers; default: the core only. */
  readonly registry?: Registry;
  /** Evaluator to run; default `compiled`. */
  readonly engine?: EngineKind;
  /**
   * Allowed absolute difference for score, maxScore and points; default 1e-9. Percent, derived from the
   * score, is allowed `tolerance × 100 / maxScore` when maxScore is below 100.
   */
  readonly tolerance?: number;
}

const esc = (s: string | number): string => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Evaluate a golden case against a criteria set and list the differences from what it expects (empty
 * when the case passes). Numbers are compared to within `tolerance`; ratings, statuses and the set of
 * scored subjects exactly. An input the evaluator rejects (`CRITERIA_SET_INVALID`, `DATASET_INVALID`,
 * `INVALID_PERIOD`) is returned as one difference at path `""`.
 *
 * @example
 * ```ts
 * import { getPreset, presetCases, runCase } from '@cnscd/criteria-presets';
 * const preset = getPreset('national-2023');
 * for (const c of presetCases('national-2023')) {
 *   const diffs = await runCase(preset, c);
 *   console.log(c.name, diffs.length === 0 ? 'ok' : diffs.map((d) => `${d.path}: ${d.message}`));
 * }
 * ```
 */
export async function runCase(preset: CriteriaSet | ResolvedCriteriaSet, goldenCase: GoldenCase, options: RunCaseOptions = {}): Promise<CaseDiff[]> {
  assertCaseShape(goldenCase);
  let result: EvaluationResult;
  try {
    result = await evaluate(goldenCase.dataset, preset, {
      period: goldenCase.period,
      ...(goldenCase.asOf === undefined ? {} : { asOf: goldenCase.asOf }),
      resolveBase: options.resolveBase ?? registryResolveBase,
      ...(options.registry === undefined ? {} : { registry: options.registry }),
      ...(options.engine === undefined ? {} : { engine: options.engine }),
      rollup: false,
    });
  } catch (e) {
    if (!(e instanceof CnscdError)) throw e;
    const errors = e.problems.filter((p) => p.severity === 'error').slice(0, 5);
    const detail = errors.map((p) => ` ${p.code} at ${p.path || '/'}: ${p.message.en}`).join(';');
    return [{ path: '', expected: 'an evaluation', actual: e.code, message: `${e.message}${detail === '' ? '' : ` —${detail}`}` }];
  }
  return compareResult(goldenCase, result, options.tolerance ?? 1e-9);
}

/**
 * Compare an evaluation result with a case's expectations (for callers that evaluate themselves, e.g. with
 * a shared result or a custom engine). Same rules as {@link runCase}.
 *
 * @example
 * ```ts
 * const result = await evaluate(c.dataset, preset, { period: c.period, resolveBase });
 * const diffs = compareResult(c, result);
 * ```
 */
export function compareResult(goldenCase: GoldenCase, result: EvaluationResult, tolerance = 1e-9): CaseDiff[] {
  const diffs: CaseDiff[] = [];
  const actualById = new Map(result.subjects.map((s) => [s.subject.id, s]));
  const expectedIds = new Set<string>();
  goldenCase.expected.subjects.forEach((exp, i) => {
    const base = `/expected/subjects/${i}`;
    expectedIds.add(exp.id);
    const act = actualById.get(exp.id);
    if (act === undefined) {
      diffs.push({ path: `${base}/id`, expected: exp.id, actual: undefined, message: `subject "${exp.id}" was not scored` });
      return;
    }
    // percent = score × 100 / maxScore, so a score known to `tolerance` gives a percent known to
    // tolerance × 100 / maxScore (the evaluator rounds points to 1e-9 before it divides).
    const percentTolerance = tolerance * Math.max(1, 100 / Math.max(exp.maxScore, Number.MIN_VALUE));
    for (const key of ['score', 'maxScore', 'percent'] as const) {
      if (!near(act[key], exp[key], key === 'percent' ? percentTolerance : tolerance)) {
        diffs.push({
          path: `${base}/${key}`,
          expected: exp[key],
          actual: act[key],
          message: `${exp.id}: ${key} is ${act[key]}, expected ${exp[key]}`,
        });
      }
    }
    const rating = act.rating?.id ?? null;
    if (rating !== exp.rating) {
      diffs.push({
        path: `${base}/rating`,
        expected: exp.rating,
        actual: rating,
        message: `${exp.id}: rating is ${String(rating)}, expected ${String(exp.rating)}`,
      });
    }
    for (const [cid, expC] of Object.entries(exp.criteria ?? {})) {
      const path = `${base}/criteria/${esc(cid)}`;
      const actC = act.criteria.find((c) => c.id === cid);
      if (expC === null) {
        if (actC !== undefined) diffs.push({ path, expected: null, actual: actC.status, message: `${exp.id}: criterion "${cid}" should be absent` });
        continue;
      }
      if (actC === undefined) {
        diffs.push({ path, expected: expC, actual: undefined, message: `${exp.id}: criterion "${cid}" is not in the result` });
        continue;
      }
      if (expC.points !== undefined && !near(actC.points, expC.points, tolerance)) {
        diffs.push({
          path: `${path}/points`,
          expected: expC.points,
          actual: actC.points,
          message: `${exp.id} / ${cid}: ${actC.points} points, expected ${expC.points}`,
        });
      }
      if (expC.status !== undefined && actC.status !== expC.status) {
        diffs.push({
          path: `${path}/status`,
          expected: expC.status,
          actual: actC.status,
          message: `${exp.id} / ${cid}: status ${actC.status}, expected ${expC.status}`,
        });
      }
    }
  });
  for (const s of result.subjects) {
    if (!expectedIds.has(s.subject.id)) {
      diffs.push({
        path: '/expected/subjects',
        expected: undefined,
        actual: s.subject.id,
        message: `subject "${s.subject.id}" was scored but the case does not list it`,
      });
    }
  }
  return diffs;
}

const near = (a: number, b: number, tol: number): boolean => Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= tol;

function assertCaseShape(c: unknown): asserts c is GoldenCase {
  const o = c as Partial<GoldenCase> | null;
  const problems: string[] = [];
  if (o === null || typeof o !== 'object') problems.push('a case must be an object');
  else {
    if (typeof o.period !== 'string') problems.push('"period" must be a string such as "2025-01..2025-12"');
    if (o.dataset === null || typeof o.dataset !== 'object') problems.push('"dataset" must be an object');
    if (!Array.isArray(o.expected?.subjects)) problems.push('"expected.subjects" must be an array');
  }
  if (problems.length > 0) throw new CnscdError('INVALID_ARGUMENT', `Not a golden case: ${problems.join('; ')}.`);
}
