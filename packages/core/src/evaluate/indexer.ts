import { BUILTIN_METRICS, BUILTIN_RATIOS } from '../model/catalog.js';
import {
  DEFAULT_LEVELS,
  TASKS,
  type ActivityReport,
  type AreaIndicator,
  type Dataset,
  type Member,
  type MetricDefinition,
  type OrgUnit,
  type RatioDefinition,
  type Task,
  type Team,
} from '../model/types.js';
import { endOfMonth, monthFromIndex, monthIndex, monthOf } from '../internal/dates.js';
import type { Period } from '../plugin/types.js';

/** Activity of one team over the period, aggregated once and shared by every fact that needs it. */
export interface TeamActivity {
  /** Months of the period in which the team existed (up to the evaluation date). */
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
 * The metrics and ratios an evaluation knows (built-in, plugins', the dataset's), with the lookups the
 * indexer needs. Built once per evaluator and reused for every dataset that declares none of its own.
 */
export class MetricCatalog {
  readonly metrics = new Map<string, MetricDefinition>();
  readonly ratios = new Map<string, RatioDefinition>();
  readonly activityMetricIds: readonly string[];
  readonly areaMetricIds: readonly string[];
  readonly activitySlot: ReadonlyMap<string, number>;
  readonly activityOverTime: readonly string[];
  /** Builds a team's totals object; one shape for every team (key-by-key literals went to dictionary mode). */
  readonly totalsOf: (values: readonly number[]) => Record<string, number>;

  constructor(
    readonly extraMetrics: readonly MetricDefinition[] = [],
    readonly extraRatios: readonly RatioDefinition[] = [],
    dataset?: Pick<Dataset, 'metrics' | 'ratios'>,
  ) {
    for (const m of [...BUILTIN_METRICS, ...extraMetrics, ...(dataset?.metrics ?? [])]) if (!this.metrics.has(m.id)) this.metrics.set(m.id, m);
    for (const r of [...BUILTIN_RATIOS, ...extraRatios, ...(dataset?.ratios ?? [])]) if (!this.ratios.has(r.id)) this.ratios.set(r.id, r);
    const list = [...this.metrics.values()];
    this.activityMetricIds = list.filter((m) => m.kind === 'activity').map((m) => m.id);
    this.areaMetricIds = list.filter((m) => m.kind === 'area').map((m) => m.id);
    this.activitySlot = new Map(this.activityMetricIds.map((id, i) => [id, i]));
    this.activityOverTime = this.activityMetricIds.map((id) => this.metrics.get(id)!.overTime);
    const keys = this.activityMetricIds;
    this.totalsOf = (values) => {
      const o: Record<string, number> = {};
      for (let i = 0; i < keys.length; i++) o[keys[i]!] = values[i]!;
      return o;
    };
  }
}

/**
 * The dataset indexed once for one evaluation (period + evaluation date): lookups by id, children by
 * parent, reports grouped by team, indicators by unit, and memoised aggregates. Facts read it; they never
 * scan the raw arrays. Tolerates integrity errors (first record of a duplicate id wins; cycles are cut).
 */
export class DatasetIndex {
  readonly dataset: Dataset;
  readonly period: Period;
  readonly asOf: string;
  readonly levels: readonly string[];
  readonly levelRank: ReadonlyMap<string, number>;
  readonly units = new Map<string, OrgUnit>();
  readonly teams = new Map<string, Team>();
  readonly metrics: ReadonlyMap<string, MetricDefinition>;
  readonly ratios: ReadonlyMap<string, RatioDefinition>;
  readonly activityMetricIds: readonly string[];
  readonly areaMetricIds: readonly string[];
  private readonly childrenOf = new Map<string, OrgUnit[]>();
  private readonly teamsOf = new Map<string, Team[]>();
  private readonly reportsOf = new Map<string, ActivityReport[]>();
  private readonly indicatorsOf = new Map<string, AreaIndicator[]>();
  private readonly activityMemo = new Map<string, TeamActivity>();
  private readonly areaMemo = new Map<string, Readonly<Record<string, number | undefined>>>();
  private readonly subtreeTeamsMemo = new Map<string, readonly Team[]>();
  private readonly activeMembersMemo = new Map<string, readonly Member[]>();
  private readonly periodMonths: readonly string[];
  private readonly monthPos: ReadonlyMap<string, number>;
  private readonly monthFirst: readonly string[];
  private readonly monthLast: readonly string[];
  private readonly activityOverTime: readonly string[];
  private readonly scratch: { readonly sum: Float64Array; readonly count: Float64Array; readonly max: Float64Array; readonly lastV: Float64Array };
  private readonly totalsOf: (values: readonly number[]) => Record<string, number>;
  /** Activity metric id → its index in {@link activityMetricIds}. */
  private readonly activitySlot: ReadonlyMap<string, number>;

  constructor(
    dataset: Dataset,
    period: Period,
    asOf: string,
    extra: { metrics?: Iterable<MetricDefinition>; ratios?: Iterable<RatioDefinition> } | MetricCatalog = {},
  ) {
    this.dataset = dataset;
    this.period = period;
    this.asOf = asOf;
    this.levels = (dataset.levels ?? DEFAULT_LEVELS).map((l) => l.id);
    this.levelRank = new Map(this.levels.map((l, i) => [l, i]));
    // The catalog is the same for every dataset that declares no metrics of its own: reuse it.
    const catalog =
      extra instanceof MetricCatalog
        ? (dataset.metrics?.length ?? 0) + (dataset.ratios?.length ?? 0) === 0
          ? extra
          : new MetricCatalog(extra.extraMetrics, extra.extraRatios, dataset)
        : new MetricCatalog([...(extra.metrics ?? [])], [...(extra.ratios ?? [])], dataset);
    this.metrics = catalog.metrics;
    this.ratios = catalog.ratios;
    this.activityMetricIds = catalog.activityMetricIds;
    this.areaMetricIds = catalog.areaMetricIds;
    this.activitySlot = catalog.activitySlot;
    this.activityOverTime = catalog.activityOverTime;
    this.totalsOf = catalog.totalsOf;

    for (const u of dataset.orgUnits) if (!this.units.has(u.id)) this.units.set(u.id, u);
    for (const u of this.units.values()) {
      if (u.parentId == null || !this.units.has(u.parentId) || u.parentId === u.id) continue;
      push(this.childrenOf, u.parentId, u);
    }
    for (const list of this.childrenOf.values()) list.sort(byId);
    for (const t of dataset.teams) if (!this.teams.has(t.id)) this.teams.set(t.id, t);
    for (const t of this.teams.values()) push(this.teamsOf, t.orgUnitId, t);
    for (const list of this.teamsOf.values()) list.sort(byId);
    for (const r of dataset.reports ?? []) push(this.reportsOf, r.teamId, r);
    for (const i of dataset.indicators ?? []) push(this.indicatorsOf, i.orgUnitId, i);
    for (const list of this.indicatorsOf.values()) {
      list.sort((a, b) => (indicatorMonth(a.period) < indicatorMonth(b.period) ? -1 : indicatorMonth(a.period) > indicatorMonth(b.period) ? 1 : 0));
    }
    const months: string[] = [];
    for (let i = monthIndex(period.from); i <= monthIndex(period.to); i++) months.push(monthFromIndex(i));
    this.periodMonths = months;
    this.monthPos = new Map(months.map((m, i) => [m, i]));
    this.monthFirst = months.map((m) => `${m}-01`);
    this.monthLast = months.map(endOfMonth);
    const n = this.activityMetricIds.length;
    this.scratch = { sum: new Float64Array(n), count: new Float64Array(n), max: new Float64Array(n), lastV: new Float64Array(n) };
  }

  /** Org units valid on the evaluation date, in id order. */
  activeUnits(): OrgUnit[] {
    return [...this.units.values()].filter((u) => this.unitActive(u)).sort(byId);
  }

  unitActive(u: OrgUnit): boolean {
    return (u.validFrom === undefined || u.validFrom <= this.asOf) && (u.validTo === undefined || u.validTo >= this.asOf);
  }

  /** Children valid on the evaluation date, in id order. */
  children(unitId: string): OrgUnit[] {
    return (this.childrenOf.get(unitId) ?? []).filter((u) => this.unitActive(u));
  }

  /** Roots: units valid on the evaluation date whose parent is absent or not valid then. */
  roots(): OrgUnit[] {
    return this.activeUnits().filter((u) => {
      if (u.parentId == null || u.parentId === u.id) return true;
      const p = this.units.get(u.parentId);
      return p === undefined || !this.unitActive(p);
    });
  }

  /** Valid descendants of a unit (not the unit itself), iteratively, cutting cycles. */
  descendants(unitId: string): OrgUnit[] {
    const out: OrgUnit[] = [];
    const seen = new Set<string>([unitId]);
    const stack = [...this.children(unitId)].reverse();
    while (stack.length > 0) {
      const u = stack.pop()!;
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      out.push(u);
      const kids = this.children(u.id);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
    return out;
  }

  teamActive(t: Team): boolean {
    return t.establishedOn <= this.asOf && (t.disbandedOn === undefined || t.disbandedOn >= this.asOf);
  }

  /** Teams that existed during the period, up to the evaluation date. */
  teamInPeriod(t: Team): boolean {
    return t.establishedOn <= this.asOf && (t.disbandedOn === undefined || t.disbandedOn >= `${this.period.from}-01`);
  }

  /** Teams active on the evaluation date that serve exactly this unit. */
  teamsAt(unitId: string): Team[] {
    return (this.teamsOf.get(unitId) ?? []).filter((t) => this.teamActive(t));
  }

  /** Teams active on the evaluation date serving the unit or any valid descendant. */
  teamsInSubtree(unitId: string): readonly Team[] {
    let memo = this.subtreeTeamsMemo.get(unitId);
    if (memo === undefined) {
      const list = [...this.teamsAt(unitId)];
      for (const d of this.descendants(unitId)) list.push(...this.teamsAt(d.id));
      memo = list;
      this.subtreeTeamsMemo.set(unitId, memo);
    }
    return memo;
  }

  memberActive(m: Member, date: string = this.asOf): boolean {
    return (m.joinedOn === undefined || m.joinedOn <= date) && (m.leftOn === undefined || m.leftOn >= date);
  }

  /** Members active on the evaluation date (memoised: several facts read them). */
  activeMembers(t: Team): readonly Member[] {
    let memo = this.activeMembersMemo.get(t.id);
    if (memo === undefined) {
      memo = (t.members ?? []).filter((m) => this.memberActive(m));
      this.activeMembersMemo.set(t.id, memo);
    }
    return memo;
  }

  /**
   * A team's activity over the period. Per month, a team-level report is the team's figure; without one,
   * its members' reports are summed (so nothing is counted twice).
   */
  teamActivity(t: Team): TeamActivity {
    let memo = this.activityMemo.get(t.id);
    if (memo !== undefined) return memo;
    // Expected months as a range of period positions: no per-team sets or date strings.
    const start = monthOf(t.establishedOn);
    const end = t.disbandedOn === undefined ? monthOf(this.asOf) : minStr(monthOf(t.disbandedOn), monthOf(this.asOf));
    const months = this.periodMonths;
    let lo = 0;
    while (lo < months.length && months[lo]! < start) lo++;
    let hi = months.length - 1;
    while (hi >= 0 && months[hi]! > end) hi--;
    const span = Math.max(0, hi - lo + 1);
    const teamRows: (ActivityReport | undefined)[] = new Array(span);
    let memberRows: ActivityReport[][] | undefined;
    let memberSeen: Set<string> | undefined;
    for (const r of this.reportsOf.get(t.id) ?? []) {
      const pos = this.monthPos.get(r.month);
      if (pos === undefined || pos < lo || pos > hi) continue;
      const k = pos - lo;
      if (r.memberId === undefined) {
        if (teamRows[k] === undefined) teamRows[k] = r;
      } else {
        const key = `${r.memberId}\u0000${r.month}`;
        memberSeen ??= new Set();
        if (memberSeen.has(key)) continue;
        memberSeen.add(key);
        memberRows ??= Array.from({ length: span }, () => []);
        memberRows[k]!.push(r);
      }
    }
    // Expected member-months: members active at some point in the month.
    let memberMonthsExpected = 0;
    let memberMonthsReported = 0;
    for (const m of t.members ?? []) {
      for (let k = 0; k < span; k++) {
        const pos = lo + k;
        if ((m.joinedOn === undefined || m.joinedOn <= this.monthLast[pos]!) && (m.leftOn === undefined || m.leftOn >= this.monthFirst[pos]!)) {
          memberMonthsExpected += 1;
          if (memberSeen !== undefined && memberSeen.has(`${m.id}\u0000${months[pos]!}`)) memberMonthsReported += 1;
        }
      }
    }
    // One pass over each month's own metrics: sum, count, max and last per metric, then each metric's
    // time aggregation (a keyed read per catalog metric per month was megamorphic and slow).
    const ids = this.activityMetricIds;
    const slotOfMetric = this.activitySlot;
    const n = ids.length;
    // Scratch buffers reused across teams (allocating four typed arrays per team dominated this loop).
    const { sum, count, max, lastV } = this.scratch;
    sum.fill(0);
    count.fill(0);
    max.fill(0);
    lastV.fill(0);
    let monthsReported = 0;
    const add = (metrics: Readonly<Record<string, number>>): void => {
      for (const [k, v] of Object.entries(metrics)) {
        const i = slotOfMetric.get(k);
        if (i === undefined) continue;
        sum[i] = sum[i]! + v;
        count[i] = count[i]! + 1;
        if (v > max[i]!) max[i] = v;
        lastV[i] = v;
      }
    };
    for (let k = 0; k < span; k++) {
      const teamRow = teamRows[k];
      const rows = memberRows?.[k];
      if (teamRow === undefined && (rows === undefined || rows.length === 0)) continue;
      monthsReported += 1;
      if (teamRow !== undefined) {
        add(teamRow.metrics);
      } else {
        const monthSum: Record<string, number> = {};
        for (const r of rows!) for (const [key, v] of Object.entries(r.metrics)) monthSum[key] = (monthSum[key] ?? 0) + v;
        add(monthSum);
      }
    }
    const how = this.activityOverTime;
    const values: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const h = how[i];
      values[i] = h === 'last' ? lastV[i]! : h === 'max' ? max[i]! : h === 'mean' ? (count[i] === 0 ? 0 : sum[i]! / count[i]!) : sum[i]!;
    }
    const totals = this.totalsOf(values);
    memo = { monthsExpected: months.slice(lo, lo + span), monthsReported, memberMonthsExpected, memberMonthsReported, totals };
    this.activityMemo.set(t.id, memo);
    return memo;
  }

  /** Activity totals summed over teams (activity metrics aggregate up the hierarchy by sum). */
  activityOfTeams(teams: readonly Team[]): Record<string, number> {
    const totals: Record<string, number> = {};
    for (const id of this.activityMetricIds) totals[id] = 0;
    for (const t of teams) {
      const a = this.teamActivity(t).totals;
      for (const id of this.activityMetricIds) {
        if (this.metrics.get(id)!.upHierarchy === 'sum') totals[id] = totals[id]! + (a[id] ?? 0);
      }
    }
    return totals;
  }

  /**
   * Area metrics of a unit: its own latest value up to the end of the period for each metric, else the
   * sum over its valid children (recursively). Undefined when nobody reports the metric.
   */
  area(unitId: string): Readonly<Record<string, number | undefined>> {
    const memo = this.areaMemo.get(unitId);
    if (memo !== undefined) return memo;
    // Post-order over the subtree, iteratively, so deep hierarchies cannot overflow the stack.
    const order: string[] = [];
    const seen = new Set<string>();
    const stack = [unitId];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id) || this.areaMemo.has(id)) continue;
      seen.add(id);
      order.push(id);
      for (const c of this.children(id)) stack.push(c.id);
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const id = order[i]!;
      const own = this.ownArea(id);
      const kids = this.children(id);
      const result: Record<string, number | undefined> = {};
      for (const metric of this.areaMetricIds) {
        let v = own[metric];
        if (v === undefined && this.metrics.get(metric)!.upHierarchy === 'sum') {
          for (const c of kids) {
            const cv = this.areaMemo.get(c.id)?.[metric];
            if (cv !== undefined) v = (v ?? 0) + cv;
          }
        }
        result[metric] = v;
      }
      this.areaMemo.set(id, result);
    }
    return this.areaMemo.get(unitId)!;
  }

  private ownArea(unitId: string): Record<string, number> {
    const out: Record<string, number> = {};
    const limit = this.period.to;
    for (const row of this.indicatorsOf.get(unitId) ?? []) {
      if (indicatorMonth(row.period) > limit) break;
      for (const [k, v] of Object.entries(row.metrics)) out[k] = v; // rows are sorted: later wins
    }
    return out;
  }

  /** Coverage ratios (numerator / denominator) from area metrics; undefined without a positive denominator. */
  coverage(area: Readonly<Record<string, number | undefined>>): Record<string, number | undefined> {
    const out: Record<string, number | undefined> = {};
    for (const r of this.ratios.values()) {
      const n = area[r.numerator];
      const d = area[r.denominator];
      out[r.id] = n === undefined || d === undefined || d <= 0 ? undefined : n / d;
    }
    return out;
  }

  /** Totals per basic task from activity totals. */
  tasks(totals: Readonly<Record<string, number>>): Record<Task, number> {
    const out = Object.fromEntries(TASKS.map((t) => [t, 0])) as Record<Task, number>;
    for (const id of this.activityMetricIds) {
      const task = this.metrics.get(id)!.task;
      if (task !== undefined) out[task] += totals[id] ?? 0;
    }
    return out;
  }
}

/** A yearly indicator (`YYYY`) counts as of December of that year. */
export function indicatorMonth(period: string): string {
  return period.length === 4 ? `${period}-12` : period;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function minStr(a: string, b: string): string {
  return a < b ? a : b;
}
