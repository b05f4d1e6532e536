import type { Dataset, IsoDate, Member, MetricDefinition, OrgUnit, RatioDefinition, Task, Team } from '../model/types.js';
import type { Period } from './types.js';

/** Activity of one team over the period, aggregated once and shared by every fact that needs it. */
export interface TeamActivity {
  /**
   * Months of the period in which the team existed (up to the evaluation date). Teams with the same
   * months share one array: read it, never change it.
   */
  readonly monthsExpected: readonly string[];
  /** Distinct expected months with at least one report of the team or of a member. */
  readonly monthsReported: number;
  /** Member-level reports: (member, month) pairs reported and pairs expected. */
  readonly memberMonthsReported: number;
  readonly memberMonthsExpected: number;
  /** Activity metric id → value over the period (per the metric's time aggregation). */
  readonly totals: Readonly<Record<string, number>>;
}

/**
 * What a fact may read of the dataset, indexed once for one evaluation (`ctx.index`): the org units,
 * teams and members valid on the evaluation date, the teams' activity reports over the period, the
 * area indicators up to its end, and the metric catalog. This is the plugin contract: the class behind
 * it (how the core indexes a dataset) may change in any release; this interface changes only with a
 * major version.
 *
 * Everything returned is shared by every fact and subject of the evaluation: read it, never change it.
 * Lists of units and teams come in id order. A unit or team id the dataset does not know gives an empty
 * answer (no children, no teams, no figures), never an error.
 *
 * @example
 * ```ts
 * import { defineFact, type FactIndex, type Team } from '@cnscd/core';
 *
 * // Members of the teams who joined during the period and are still active on the evaluation date.
 * function joinedInPeriod(index: FactIndex, teams: readonly Team[]): number {
 *   const from = `${index.period.from}-01`;
 *   let n = 0;
 *   for (const t of teams) for (const m of index.activeMembers(t)) if (m.joinedOn !== undefined && m.joinedOn >= from) n += 1;
 *   return n;
 * }
 *
 * export const newMembers = defineFact({
 *   id: 'newMembers', type: 'number', subjects: ['team', 'orgUnit'],
 *   label: { vi: 'Thành viên mới trong kỳ', en: 'New members in the period' },
 *   compute: (ctx) =>
 *     joinedInPeriod(ctx.index, ctx.subject.kind === 'team' ? [ctx.subject.team] : ctx.index.teamsInSubtree(ctx.subject.id)),
 * });
 * ```
 */
export interface FactIndex {
  // ── the evaluation ──────────────────────────────────────────────────────────
  /** The dataset as given (`reports` and `reportColumns` are two forms of the reports: prefer {@link teamActivity}). */
  readonly dataset: Dataset;
  /** The period evaluated: whole months, inclusive. */
  readonly period: Period;
  /** The evaluation date: what is valid or active is judged on it. */
  readonly asOf: IsoDate;
  /** The dataset's level ids, from the top (e.g. `province`, `commune`, `village`). */
  readonly levels: readonly string[];
  /** Level id → its position in {@link levels} (0 at the top). */
  readonly levelRank: ReadonlyMap<string, number>;

  // ── the metric catalog (built-in, plugins', the dataset's) ──────────────────
  readonly metrics: ReadonlyMap<string, MetricDefinition>;
  readonly ratios: ReadonlyMap<string, RatioDefinition>;
  /** Ids of the metrics teams report monthly, in catalog order. */
  readonly activityMetricIds: readonly string[];
  /** Ids of the metrics reported per unit as area indicators, in catalog order. */
  readonly areaMetricIds: readonly string[];

  // ── org units ───────────────────────────────────────────────────────────────
  /** Every org unit by id (the first record of a duplicated id). */
  readonly units: ReadonlyMap<string, OrgUnit>;
  /** Whether a unit is valid on the evaluation date. */
  unitActive(u: OrgUnit): boolean;
  /** Units valid on the evaluation date. */
  activeUnits(): readonly OrgUnit[];
  /** Units at the top of the hierarchy on the evaluation date. */
  roots(): readonly OrgUnit[];
  /** A unit's children valid on the evaluation date. */
  children(unitId: string): readonly OrgUnit[];
  /** A unit's valid descendants, not the unit itself (cycles in bad data are cut). */
  descendants(unitId: string): readonly OrgUnit[];
  /** The unit a team counts under on the evaluation date (after mergers); undefined when it is unplaced. */
  countedUnitId(t: Team): string | undefined;
  /** The unit whose area figures a team reads on the evaluation date (with lineage, the unit it is placed in). */
  areaUnitId(t: Team): string;
  /** For an unplaced team, the ended unit where its way up broke; else undefined. */
  unplacedAt(t: Team): OrgUnit | undefined;
  /** For a valid but unplaced unit (or one below an unplaced unit), where its way up broke; else undefined. */
  unitUnplacedAt(unitId: string): OrgUnit | undefined;

  // ── teams and members ───────────────────────────────────────────────────────
  /** Every team by id (the first record of a duplicated id). */
  readonly teams: ReadonlyMap<string, Team>;
  /** Whether a team is active on the evaluation date. */
  teamActive(t: Team): boolean;
  /** Whether a team existed during the period, up to the evaluation date. */
  teamInPeriod(t: Team): boolean;
  /** Teams active on the evaluation date that serve exactly this unit. */
  teamsAt(unitId: string): readonly Team[];
  /** Teams active on the evaluation date that serve the unit or any of its valid descendants. */
  teamsInSubtree(unitId: string): readonly Team[];
  /** Whether a member is active on a date (the evaluation date by default). */
  memberActive(m: Member, date?: string): boolean;
  /** A team's members active on the evaluation date. */
  activeMembers(t: Team): readonly Member[];

  // ── activity reports of the period ─────────────────────────────────────────
  /** A team's activity over the period: a month's team report, else its members' reports summed. */
  teamActivity(t: Team): TeamActivity;
  /** Activity totals summed over teams (the metrics that sum up the hierarchy). */
  activityOfTeams(teams: readonly Team[]): Readonly<Record<string, number>>;
  /** Totals per basic task from activity totals. */
  tasks(totals: Readonly<Record<string, number>>): Readonly<Record<Task, number>>;

  // ── area indicators of the period ──────────────────────────────────────────
  /** A unit's area metrics: its own latest figures up to the end of the period, else its children's sums. */
  area(unitId: string): Readonly<Record<string, number | undefined>>;
  /** Coverage ratios (numerator / denominator) of area metrics; undefined without a positive denominator. */
  coverage(area: Readonly<Record<string, number | undefined>>): Readonly<Record<string, number | undefined>>;
}
