import type { LocalizedText, Problem } from '../errors.js';
import type { CriteriaSet, CriterionGroup, ResolvedCriteriaSet } from '../criteria/types.js';
import type { IsoDate, YearMonth } from '../model/types.js';
import type { Registry } from '../plugin/registry.js';
import type { Period, SubjectKind } from '../plugin/types.js';

/** Which evaluator runs the conditions. Both give the same verdicts; `compiled` is much faster. */
export type EngineKind = 'compiled' | 'reference';

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Months evaluated, inclusive: `{from, to}` or `"2025-01..2025-12"` (a single `"2025-06"` is one month). */
  readonly period: Period | string;
  /** The evaluation date: membership, team and unit validity, parameters. Default: last day of the period. */
  readonly asOf?: IsoDate;
  /** Default `compiled`; `reference` runs json-rules-engine (slow, for checking). */
  readonly engine?: EngineKind;
  /** Record each condition's actual and expected values and a reason (default true). */
  readonly explain?: boolean;
  /**
   * Roll results up the hierarchy (default true); `levels` limits the levels reported. A level the dataset
   * does not declare is an `UNKNOWN_ROLLUP_LEVEL` error in `problems` (with the nearest level, if one is
   * close); the others are still reported.
   */
  readonly rollup?: boolean | { readonly levels?: readonly string[] };
  /**
   * Re-express the roll-up on the units of another date (issue 18): the teams active on `asOf` and their
   * results, placed as of this date — 2024 results on the 2026 communes, say. Team counts and scores move
   * with their teams exactly; area indicators move along `successors` (whole along a single `full`
   * link, times `share` where given); a unit that took in part of an ended unit without a `share` shows
   * no such figure and is marked `notComparable`. Default: the roll-up is on the units of `asOf`.
   */
  readonly rollupAsOf?: IsoDate;
  /** Plugins' facts, operators, scorers and metrics. Default: the core only. */
  readonly registry?: Registry;
  /** Finds base sets for `extends` (e.g. the preset registry's `resolveBase`). */
  readonly resolveBase?: (id: string, versionRange?: string) => CriteriaSet | undefined;
  /** Validate the dataset first (default true). Integrity problems are returned, not thrown. */
  readonly validate?: boolean;
}

/** A condition as evaluated, with what was compared. */
export type ExplainedCondition =
  | { readonly all: readonly ExplainedCondition[]; readonly result: boolean }
  | { readonly any: readonly ExplainedCondition[]; readonly result: boolean }
  | { readonly not: ExplainedCondition; readonly result: boolean }
  | {
      readonly fact: string;
      readonly path?: string;
      readonly operator: string;
      /** The value compared against, with parameters resolved. */
      readonly expected: unknown;
      /** The parameter the expected value came from, if any. */
      readonly param?: string;
      /** The fact's value (after `path`); `null` when the fact has no value. */
      readonly actual: unknown;
      readonly result: boolean;
    };

/** Outcome of one criterion for one subject. */
export type CriterionStatus = 'passed' | 'partial' | 'failed' | 'not-applicable' | 'error';

/** One criterion's result for one subject. */
export interface CriterionResult {
  readonly id: string;
  readonly title: LocalizedText;
  readonly group: CriterionGroup;
  readonly status: CriterionStatus;
  readonly points: number;
  readonly maxPoints: number;
  /** A one-line reason in Vietnamese and English (explain mode). */
  readonly reason?: LocalizedText;
  /** The condition tree with actual and expected values (explain mode, `pass` criteria and steps). */
  readonly explanation?: ExplainedCondition;
  /** Why the criterion applied or not (explain mode, when it has `applicableWhen`). */
  readonly applicability?: ExplainedCondition;
  /** What a ratio, steps or scorer criterion looked at (explain mode). */
  readonly detail?: Readonly<Record<string, unknown>>;
  /** Set when status is `error`. */
  readonly error?: { readonly code: string; readonly message: string; readonly plugin?: string };
}

/** A subject's identity in results. */
export interface SubjectInfo {
  readonly kind: SubjectKind;
  readonly id: string;
  /** The unit itself, or the unit the team serves. */
  readonly orgUnitId: string;
  readonly level: string;
}

/** A rating tier reached. */
export interface RatingRef {
  readonly id: string;
  readonly label: LocalizedText;
}

/** One subject's score. */
export interface SubjectResult {
  readonly subject: SubjectInfo;
  /** Points over applicable criteria that did not error. */
  readonly score: number;
  /** Max points over the same criteria. */
  readonly maxScore: number;
  /** `score / maxScore × 100`; 0 when maxScore is 0. */
  readonly percent: number;
  /** The best tier whose minPercent is reached; null when no criterion applied. */
  readonly rating: RatingRef | null;
  /** False when a criterion errored (it is left out of score and max). */
  readonly complete: boolean;
  readonly criteria: readonly CriterionResult[];
}

/** One org unit in the roll-up. */
export interface RollupUnit {
  readonly orgUnitId: string;
  readonly name: string;
  readonly level: string;
  readonly parentId: string | null;
  /** Teams active on the evaluation date serving the unit or a unit below. */
  readonly teams: number;
  readonly members: number;
  /** Units below, per level: how many, and how many have at least one team (e.g. villages covered). */
  readonly units: Readonly<Record<string, { readonly total: number; readonly withTeam: number }>>;
  /** Subjects of the evaluation inside the unit and their results. */
  readonly scored: number;
  readonly meanScore: number | null;
  readonly meanPercent: number | null;
  /** Rating id → subjects with that rating. */
  readonly ratings: Readonly<Record<string, number>>;
  /** Coverage rates as ratio of sums (numerator and denominator summed over the unit first). */
  readonly coverage: Readonly<
    Record<string, { readonly numerator: number | null; readonly denominator: number | null; readonly rate: number | null }>
  >;
  /** Rank by meanPercent among siblings of the same level (1 = best; ties share a rank); null when unscored. */
  readonly rank: number | null;
  /** How many siblings of the same level were ranked. */
  readonly rankOf: number;
  /**
   * Only in a roll-up re-expressed on another date (`rollupAsOf`): why the unit's area indicators
   * (coverage) cannot be compared — part of an ended unit went into it (or into a unit below it whose
   * figure it sums) and the dataset gives no `share`; those coverage entries are all null.
   * Team counts and scores move with their teams and stay comparable.
   */
  readonly notComparable?: LocalizedText;
}

/**
 * Teams that cannot be placed on the roll-up's date (issue 18): their unit, or a unit above it, ended
 * without a single `full` successor. One entry per ended unit where the way up broke, at that unit's level;
 * the teams are still scored and counted here, never dropped and never counted twice.
 */
export interface RollupUnplaced {
  /** The ended unit where the way up broke. */
  readonly orgUnitId: string;
  readonly name: string;
  /** The level where the teams fell out of the hierarchy (the ended unit's). */
  readonly level: string;
  readonly teams: number;
  readonly members: number;
  readonly scored: number;
  readonly meanScore: number | null;
  readonly meanPercent: number | null;
  readonly ratings: Readonly<Record<string, number>>;
  /** The unplaced teams, by id. */
  readonly teamIds: readonly string[];
  /**
   * The units in force on the date that fell out with this one (their way up breaks here: the villages of
   * a split commune), depth first, children by id; each with the unplaced teams in it and below it.
   * Teams serving the ended unit itself are in this entry's `teams` and in no unit of the list.
   */
  readonly units: readonly RollupUnplacedUnit[];
}

/** A unit in force whose way up breaks at an ended unit: listed in that unit's {@link RollupUnplaced} entry. */
export interface RollupUnplacedUnit {
  readonly orgUnitId: string;
  readonly name: string;
  readonly level: string;
  /** Unplaced teams serving the unit or a unit below it, and their active members. */
  readonly teams: number;
  readonly members: number;
}

/** Roll-ups up the hierarchy as of the evaluation date, in hierarchy order. */
export interface RollupResult {
  readonly units: readonly RollupUnit[];
  /** The date the units are those of: the evaluation date, or `rollupAsOf`. Present with lineage or `rollupAsOf`. */
  readonly asOf?: IsoDate;
  /** Unplaced teams (only when there are some); roots' `teams` plus these entries' make every active team. */
  readonly unplaced?: readonly RollupUnplaced[];
}

/** Summary over all subjects. */
export interface EvaluationSummary {
  readonly subjects: number;
  readonly meanPercent: number | null;
  readonly ratings: Readonly<Record<string, number>>;
  readonly criteriaErrors: number;
}

/** What {@link evaluate} returns. */
export interface EvaluationResult {
  readonly criteriaSet: {
    readonly id: string;
    readonly version: string;
    readonly title: LocalizedText;
    readonly lineage: readonly string[];
  };
  readonly period: Period;
  readonly asOf: IsoDate;
  readonly engine: EngineKind;
  readonly subjects: readonly SubjectResult[];
  readonly summary: EvaluationSummary;
  readonly rollup?: RollupResult;
  /**
   * Dataset, criteria-set and evaluation problems (warnings, and errors that were worked around). Paths
   * point into the scoring API's request body: `/dataset/…`, `/criteriaSet/…`, `/period` (a period the
   * dataset has no reports for: `NO_REPORTS_IN_PERIOD`, `PERIOD_OUTSIDE_DATA`), `/options/rollup/levels/…`
   * (`UNKNOWN_ROLLUP_LEVEL`).
   */
  readonly problems: readonly Problem[];
}

export type { Period, ResolvedCriteriaSet, YearMonth };
