import type { LocalizedText } from '../errors.js';
import type { IsoDate } from '../model/types.js';

/** A reference to a parameter of the criteria set, resolved at the evaluation date. */
export interface ParameterRef {
  readonly param: string;
}

/** A JSON value usable in a condition. */
export type ConditionValue = number | string | boolean | null | readonly (number | string | boolean | null)[];

/**
 * A leaf condition, in json-rules-engine's format: `fact` (with optional `path` in a safe dotted
 * grammar and `params`), `operator`, and `value` (a literal or a {@link ParameterRef}).
 */
export interface FactCondition {
  readonly fact: string;
  readonly operator: string;
  readonly value: ConditionValue | ParameterRef;
  /** Dotted path into an object fact, e.g. `youthUnion` or `$.byTask.onlinePayment`. No JSONPath. */
  readonly path?: string;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
}
export interface AllCondition {
  readonly all: readonly Condition[];
}
export interface AnyCondition {
  readonly any: readonly Condition[];
}
export interface NotCondition {
  readonly not: Condition;
}
/** A json-rules-engine condition tree (all / any / not / fact). */
export type Condition = AllCondition | AnyCondition | NotCondition | FactCondition;

/** Full points when the condition holds, none otherwise. */
export interface PassScoring {
  readonly type: 'pass';
  readonly when: Condition;
}

/** `min(actual / target, 1) × maxPoints` (the DTI "ratio × max points" shape). */
export interface RatioScoring {
  readonly type: 'ratio';
  readonly fact: string;
  readonly path?: string;
  readonly target: number | ParameterRef;
  /** Points when actual is below `floor` are 0 (default: no floor). */
  readonly floor?: number | ParameterRef;
}

/** The highest step whose threshold is met (DTI: 4/3/2/1 meetings → 20/15/10/5 points). */
export interface StepsScoring {
  readonly type: 'steps';
  readonly fact: string;
  readonly path?: string;
  /** Ascending thresholds; `points` ascending and at most `maxPoints`. */
  readonly steps: readonly { readonly min: number | ParameterRef; readonly points: number }[];
}

/** A scorer provided by the core or a plugin, with options checked against the scorer's JSON Schema. */
export interface ScorerScoring {
  readonly type: 'scorer';
  readonly scorer: string;
  readonly options?: Readonly<Record<string, unknown>>;
}

export type Scoring = PassScoring | RatioScoring | StepsScoring | ScorerScoring;

/** Groups criteria fall into; the five basic tasks each have their own. */
export const CRITERION_GROUPS = [
  'organisation',
  'reporting',
  'training',
  'publicServices',
  'onlineShopping',
  'onlinePayment',
  'cyberSafety',
  'localPlatforms',
  'coverage',
  'other',
] as const;
export type CriterionGroup = (typeof CRITERION_GROUPS)[number];

/** One criterion of a set. */
export interface Criterion {
  readonly id: string;
  readonly title: LocalizedText;
  readonly description?: LocalizedText;
  readonly group: CriterionGroup;
  readonly maxPoints: number;
  /** When present and false for a subject, the criterion is `not-applicable` and leaves the maximum. */
  readonly applicableWhen?: Condition;
  readonly scoring: Scoring;
}

/** A rating tier: the best tier whose `minPercent` the subject reaches. */
export interface RatingTier {
  readonly id: string;
  readonly label: LocalizedText;
  /** Inclusive lower bound, 0–100. Tiers together must start at 0. */
  readonly minPercent: number;
}

/** A parameter: a constant, or a schedule of values that take effect on dates. */
export interface ParameterDefinition {
  readonly label?: LocalizedText;
  readonly unit?: string;
  readonly value?: ConditionValue;
  /** Dated values in ascending `from` order; the latest `from` on or before the evaluation date applies. */
  readonly schedule?: readonly { readonly from: IsoDate; readonly value: ConditionValue }[];
}

/** A document a set is derived from. */
export interface SourceDocument {
  /** Document number, e.g. `793/BTTTT-THH`. */
  readonly number: string;
  readonly date?: IsoDate;
  readonly title?: LocalizedText;
  readonly url?: string;
}

/** What a set scores: teams (optionally only those at some levels) or org units of one level. */
export type Subject = { readonly kind: 'team'; readonly levels?: readonly string[] } | { readonly kind: 'orgUnit'; readonly level: string };

/** How a set builds on a base set. */
export interface ExtendsClause {
  readonly id: string;
  /** A semver range; absent: the newest version. */
  readonly version?: string;
  /** Criterion ids of the base to drop. */
  readonly remove?: readonly string[];
}

/**
 * A criteria set (bộ tiêu chí) as authored in JSON.
 *
 * @example
 * ```json
 * { "$schema": "https://cnscd.dev/schemas/criteria-set.schema.json",
 *   "id": "demo", "version": "1.0.0", "title": { "vi": "Thử", "en": "Demo" },
 *   "sources": [{ "number": "793/BTTTT-THH", "date": "2022-03-05" }],
 *   "subject": { "kind": "team" },
 *   "criteria": [{ "id": "size", "title": { "vi": "Quy mô", "en": "Size" }, "group": "organisation",
 *     "maxPoints": 10, "scoring": { "type": "pass",
 *       "when": { "all": [{ "fact": "memberCount", "operator": "greaterThanInclusive", "value": 4 }] } } }],
 *   "ratings": [{ "id": "pass", "label": { "vi": "Đạt", "en": "Pass" }, "minPercent": 50 },
 *               { "id": "fail", "label": { "vi": "Chưa đạt", "en": "Not yet" }, "minPercent": 0 }] }
 * ```
 */
export interface CriteriaSet {
  readonly $schema?: string;
  readonly id: string;
  /** Semantic version of this set. */
  readonly version: string;
  readonly title: LocalizedText;
  readonly description?: LocalizedText;
  readonly sources?: readonly SourceDocument[];
  readonly effective?: { readonly from: IsoDate; readonly to?: IsoDate };
  /** Required when the set does not extend another. */
  readonly subject?: Subject;
  /** Plugins required: name → semver range. */
  readonly requires?: Readonly<Record<string, string>>;
  readonly parameters?: Readonly<Record<string, ParameterDefinition>>;
  /** Criteria; with `extends`, a criterion whose id the base has replaces it, others are added. */
  readonly criteria?: readonly Criterion[];
  /** Rating tiers; with `extends`, absent means the base's. */
  readonly ratings?: readonly RatingTier[];
  /** If given, the sum of `maxPoints` must equal it. */
  readonly totalPoints?: number;
  readonly extends?: ExtendsClause;
}

/** A criteria set with `extends` applied: every field the evaluator needs is present. */
export interface ResolvedCriteriaSet {
  readonly id: string;
  readonly version: string;
  readonly title: LocalizedText;
  readonly description?: LocalizedText;
  readonly sources: readonly SourceDocument[];
  readonly effective?: { readonly from: IsoDate; readonly to?: IsoDate };
  readonly subject: Subject;
  readonly requires: Readonly<Record<string, string>>;
  readonly parameters: Readonly<Record<string, ParameterDefinition>>;
  readonly criteria: readonly Criterion[];
  readonly ratings: readonly RatingTier[];
  readonly totalPoints?: number;
  /** The chain of sets this one was built from, base first, e.g. `["national-2023@2.0.0", "national-2024@2.0.0"]`. */
  readonly lineage: readonly string[];
}
