import type { LocalizedText } from '../errors.js';
import type { IsoDate, MetricDefinition, OrgUnit, RatioDefinition, Team, YearMonth } from '../model/types.js';
import type { FactIndex } from './fact-index.js';

/** The kinds of subject a criteria set can score. */
export type SubjectKind = 'team' | 'orgUnit';

/** The subject a fact is computed for. */
export type SubjectRef =
  | { readonly kind: 'team'; readonly id: string; readonly team: Team; readonly orgUnit: OrgUnit | undefined }
  | { readonly kind: 'orgUnit'; readonly id: string; readonly orgUnit: OrgUnit };

/** An evaluation period: whole months, inclusive. */
export interface Period {
  readonly from: YearMonth;
  readonly to: YearMonth;
}

/** What a fact function sees: the subject, the period, the evaluation date and the indexed dataset. */
export interface FactContext {
  readonly subject: SubjectRef;
  readonly period: Period;
  readonly asOf: IsoDate;
  /** The dataset indexed for this evaluation: what a fact may read (see {@link FactIndex}). */
  readonly index: FactIndex;
  /** The value of another fact for the same subject; it must be listed in `dependsOn.facts`. */
  fact(id: string): unknown;
}

/** The JSON types a value can have, for operator signatures and fact types. */
export type ValueType = 'number' | 'string' | 'boolean' | 'object' | 'array' | 'null';

/** Which keys a `path` into an object fact may start with, for authoring-time checks. */
export type PathKeys = 'metrics' | 'activityMetrics' | 'areaMetrics' | 'ratios' | 'levels' | 'tasks' | readonly string[];

/**
 * A fact: a named value computed per subject.
 *
 * @example
 * ```ts
 * const hueS = defineFact({
 *   id: 'hueSAccountsPerHousehold', type: 'number', subjects: ['team'], unit: 'ratio',
 *   label: { vi: 'Tài khoản Hue-S trên mỗi hộ', en: 'Hue-S accounts per household' },
 *   dependsOn: { facts: ['activity', 'area'] },
 *   compute: (ctx) => {
 *     const a = ctx.fact('activity') as Record<string, number>;
 *     const area = ctx.fact('area') as Record<string, number>;
 *     return area.households ? (a.hueSAccounts ?? 0) / area.households : undefined;
 *   },
 * });
 * ```
 */
export interface FactDefinition<V = unknown> {
  readonly id: string;
  readonly label: LocalizedText;
  readonly description?: LocalizedText;
  readonly unit?: string;
  readonly type: ValueType;
  readonly subjects: readonly SubjectKind[];
  readonly dependsOn?: { readonly facts?: readonly string[]; readonly metrics?: readonly string[] };
  /** For object facts: what a path's first segment may be. */
  readonly pathKeys?: PathKeys;
  /**
   * For object facts whose `pathKeys` is a list of the plugin's own keys: each key's label, so that reasons
   * name it as an official would ("Số hộ dùng Hue-S", not `hueS`). Keys from the catalog (metrics, ratios,
   * tasks, levels, affiliations) are labelled by the core.
   */
  readonly pathLabels?: Readonly<Record<string, LocalizedText>>;
  /** Pure: same context, same value. Return `undefined` when the value is unknown (no denominator...). */
  compute(ctx: FactContext): V;
}

/**
 * An operator comparing a fact value (left) with a condition value (right), with json-rules-engine's
 * semantics: `evaluate` is only called when `acceptsFact` (if given) accepts the fact value; otherwise
 * the condition is false.
 *
 * @example
 * ```ts
 * const withinPercentOf = defineOperator({
 *   id: 'withinPercentOf', label: { vi: 'trong khoảng % của', en: 'within percent of' }, symbol: '≈',
 *   factTypes: ['number'], valueTypes: ['array'],
 *   acceptsFact: (v) => typeof v === 'number',
 *   evaluate: (a, b) => { const [t, pct] = b as [number, number]; return Math.abs((a as number) - t) <= (t * pct) / 100; },
 * });
 * ```
 */
export interface OperatorDefinition {
  readonly id: string;
  readonly label: LocalizedText;
  /** Short symbol used in reasons (`≥`, `∈`...). */
  readonly symbol?: string;
  readonly factTypes?: readonly ValueType[];
  readonly valueTypes?: readonly ValueType[];
  /**
   * A JSON Schema for the condition's `value` (e.g. `[target, percent]`), compiled once; authoring-time
   * validation checks literal values and every scheduled value of a parameter used with this operator.
   */
  readonly valueSchema?: JsonSchema;
  acceptsFact?(factValue: unknown): boolean;
  evaluate(factValue: unknown, value: unknown): boolean;
}

/** What a scorer sees. */
export interface ScorerContext<O> {
  /** Frozen: the same object is shared by every subject. */
  readonly options: Readonly<O>;
  readonly maxPoints: number;
  /** A fact value of the subject (with an optional safe dotted path). */
  fact(id: string, path?: string): unknown;
  /** A parameter of the criteria set, resolved at the evaluation date. */
  param(name: string): unknown;
  /**
   * A fact's name as reasons show it, with its path read through the catalog (e.g. `activity` at
   * `hueSAccounts` → "Tài khoản Hue-S được tạo"): a scorer's own reason names facts by this, never by id.
   */
  factLabel(id: string, path?: string): LocalizedText;
}

/** What a scorer returns: points in [0, maxPoints] and, optionally, what it looked at. */
export interface ScorerOutcome {
  readonly points: number;
  readonly detail?: Readonly<Record<string, unknown>>;
  readonly reason?: LocalizedText;
  /** The fact the scorer needed but found without a value; reported once per criterion as a data warning. */
  readonly missing?: string;
}

/** A JSON Schema object (draft 2020-12 subset understood by ajv). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * A scorer: another way to award partial points, with options checked against `optionsSchema`.
 */
export interface ScorerDefinition<O = Record<string, unknown>> {
  readonly id: string;
  readonly label: LocalizedText;
  readonly optionsSchema: JsonSchema;
  /** Facts the scorer reads (checked at authoring time, computed before scoring). */
  readonly facts?: readonly string[] | ((options: O) => readonly string[]);
  score(ctx: ScorerContext<O>): number | ScorerOutcome;
}

/**
 * A plugin: named, versioned, with the core range it works with, and the definitions it adds.
 */
export interface Plugin {
  readonly name: string;
  readonly version: string;
  /** Semver range of @cnscd/core this plugin works with, e.g. `^1`. */
  readonly core: string;
  // biome-ignore lint/suspicious/noExplicitAny: a plugin's facts have different value types
  readonly facts?: readonly FactDefinition<any>[];
  readonly operators?: readonly OperatorDefinition[];
  // biome-ignore lint/suspicious/noExplicitAny: a plugin's scorers have different option types (contravariant in score)
  readonly scorers?: readonly ScorerDefinition<any>[];
  readonly metrics?: readonly MetricDefinition[];
  readonly ratios?: readonly RatioDefinition[];
}
