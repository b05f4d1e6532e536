/**
 * The benchmark's 12 criteria (`bench/criteria.ts`) scored by a plain TypeScript function, as a careful
 * engineer would write it without any engine: typed facts in, points per criterion, score, percent and
 * rating out. It is the floor the compiled evaluator is compared with, so it must give the same numbers;
 * `packages/core/test/national-handwritten.test.ts` checks that against `evaluateSync`.
 *
 * It reads the same precomputed fact values as the engine (the same nested `affiliations`, `activity`,
 * `tasks` and `coverage` objects), so the comparison times scoring only.
 */
import { clean as round } from '../packages/core/src/internal/numbers.js';
import type { Affiliation, Task } from '../packages/core/src/model/types.js';

/** The facts the 12 criteria read, as the core fact catalog computes them. */
export interface HandFacts {
  readonly memberCount: number;
  readonly leaderCount: number;
  readonly deputyCount: number;
  readonly affiliations: Readonly<Record<Affiliation, number>>;
  readonly onlineGroup: boolean;
  readonly tasksActive: number;
  readonly activity: Readonly<Record<string, number>>;
  readonly monthsExpected: number;
  /** Undefined when no month was due. */
  readonly reportingRate: number | undefined;
  /** Undefined when the team has no active member. */
  readonly trainedMemberShare: number | undefined;
  readonly tasks: Readonly<Record<Task, number>>;
  readonly coverage: Readonly<Record<string, number | undefined>>;
}

/** Parameter values on the evaluation date. */
export interface HandParams {
  readonly minMembers: number;
  readonly reportingTarget: number;
  readonly vneidTarget: number;
  readonly opsTarget: number;
}

/** The set's parameters resolved by hand for an evaluation date (`YYYY-MM-DD`), schedules included. */
export function handParams(asOf: string): HandParams {
  return {
    minMembers: 4,
    reportingTarget: asOf >= '2025-07-01' ? 0.9 : 0.75,
    vneidTarget: 60,
    opsTarget: asOf >= '2025-01-01' ? 0.7 : 0.5,
  };
}

export interface HandResult {
  /** Points per criterion, in the set's order; 0 for a criterion that does not apply. */
  readonly points: readonly number[];
  /** False for each criterion that does not apply (only `reporting` can be). */
  readonly applicable: readonly boolean[];
  readonly score: number;
  readonly maxScore: number;
  readonly percent: number;
  readonly rating: 'excellent' | 'good' | 'fair' | 'weak' | null;
}

// `round`: the engine rounds results to 12 significant digits to remove float noise; the same helper here,
// so that the comparison times scoring, not two ways of rounding.

/** `min(actual / target, 1) × max`, 0 below the floor or when there is no value. */
function ratio(actual: number | undefined, target: number, max: number, floor?: number): number {
  if (actual === undefined || !Number.isFinite(actual)) return 0;
  if (floor !== undefined && actual < floor) return 0;
  return round(Math.min(Math.max(actual / target, 0), 1) * max);
}

/**
 * Score one team on the 12 benchmark criteria.
 *
 * @example
 * ```ts
 * const r = scoreTeamByHand(facts, handParams('2025-12-31'));
 * r.points; // [10, 8, 8, 4, 6, 9.4, 8, 12, 5.3, 6, 4, 12]
 * ```
 */
export function scoreTeamByHand(f: HandFacts, p: HandParams): HandResult {
  const a = f.affiliations;
  const pub = f.tasks.publicServices;
  const pay = f.activity['paymentAccountsOpened'] ?? 0;
  const cyber = f.tasks.cyberSafety;
  const visited = f.activity['householdsVisited'];
  const reportingApplies = f.monthsExpected >= 6;

  const points = [
    f.memberCount >= p.minMembers && f.memberCount <= 9 ? 10 : 0,
    f.leaderCount === 1 && f.deputyCount >= 1 ? 8 : 0,
    a.youthUnion >= 1 || a.areaPolice >= 1 || (a.villageHead >= 1 && a.womensUnion >= 1) ? 8 : 0,
    f.onlineGroup === true ? 4 : 0,
    // A missing figure fails `lessThan` (json-rules-engine semantics), so only a present one counts as low.
    !(f.tasksActive < 2 || (visited !== undefined && visited < 60)) ? 6 : 0,
    reportingApplies ? ratio(f.reportingRate, p.reportingTarget, 10) : 0,
    ratio(f.trainedMemberShare, 0.8, 8, 0.3),
    pub >= 300 ? 12 : pub >= 150 ? 8 : pub >= 60 ? 4 : 0,
    ratio(f.activity['vneidLevel2Activations'], p.vneidTarget, 8),
    pay >= 50 ? 8 : pay >= 25 ? 6 : pay >= 10 ? 3 : 0,
    cyber >= 120 ? 6 : cyber >= 60 ? 4 : cyber >= 20 ? 2 : 0,
    ratio(f.coverage['onlinePublicServices'], p.opsTarget, 12, 0.2),
  ];
  return handTotals(points, reportingApplies);
}

/** Score, maximum, percent and rating from the 12 criteria's points (shared with the json-logic-engine peer). */
export function handTotals(points: readonly number[], reportingApplies: boolean): HandResult {
  let score = 0;
  for (const x of points) score += x;
  score = round(score);
  const maxScore = reportingApplies ? 100 : 90;
  const percent = round((score * 100) / maxScore);
  const rating = percent + 1e-9 >= 90 ? 'excellent' : percent + 1e-9 >= 70 ? 'good' : percent + 1e-9 >= 50 ? 'fair' : 'weak';
  return {
    points,
    applicable: [true, true, true, true, true, reportingApplies, true, true, true, true, true, true],
    score,
    maxScore,
    percent,
    rating,
  };
}
