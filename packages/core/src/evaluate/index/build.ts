import { hasLineage, placeTeam, placeUnits, TEAM_NOT_COUNTED, type UnitPlacement } from '../../dataset/placement.js';
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
  type Team,
} from '../../model/types.js';
import { endOfMonth, monthFromIndex, monthIndex, monthOf } from '../../internal/dates.js';
import type { TeamActivity } from '../../plugin/fact-index.js';
import type { Period } from '../../plugin/types.js';
import { MetricCatalog } from './catalog.js';
import { byId, groupBySlot, indicatorMonth, pushAt, sortLists, type Groups, type ReportGroups } from './groups.js';
import { taggedScratch } from './shapes.js';

/** What {@link DatasetIndex.sweepReports} found, per team slot. */
export interface Sweep {
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  /** 1: the sweep has this team's activity; 2: it has been read; 0: the team takes the per-team path. */
  readonly ok: Uint8Array;
  /** Months reported. */
  readonly months: Int32Array;
  /** Per team slot, a row of sums per activity metric slot; dropped once every row has been read. */
  sums: Float64Array | undefined;
  remaining: number;
}

/**
 * The first layer of {@link DatasetIndex}: its state, how it is built from a dataset, and the slot
 * lookups every later layer uses (units.ts, teams.ts, sweep.ts, reports.ts, indicators.ts, one layer each).
 */
export class IndexBase {
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
  protected readonly catalog: MetricCatalog;
  /**
   * Every unit id the dataset mentions (units, teams' and indicators' units) → a dense slot; what is
   * known per unit lives in arrays by slot (one map instead of one per kind of lookup).
   */
  protected readonly unitSlot = new Map<string, number>();
  protected readonly childrenOf: (OrgUnit[] | undefined)[] = [];
  /**
   * Where units sit on the evaluation date, when the dataset has lineage (`successors`, `parentHistory`,
   * `orgUnitHistory`); undefined otherwise, and then parents are `parentId`s as they always were.
   */
  readonly placement: UnitPlacement | undefined;
  /** Per team slot (first records): {@link placeTeam}'s answer; only with a placement. */
  protected readonly teamPlace: Int32Array | undefined;
  /** Teams (first record of each id) by unit slot, sorted by id; indicators by unit slot, by month. */
  protected readonly teamsOf: Groups<Team>;
  protected readonly indicatorsOf: Groups<AreaIndicator>;
  protected readonly areaMemo: (Readonly<Record<string, number | undefined>> | undefined)[];
  /** Area of ids the dataset never mentions (asked for by a plugin, say). */
  protected readonly areaOfUnknown = new Map<string, Readonly<Record<string, number | undefined>>>();
  /** Every team id the dataset mentions (teams, reports) → a dense slot, with per-slot arrays likewise. */
  protected readonly teamSlot = new Map<string, number>();
  protected readonly activityMemo: (TeamActivity | undefined)[];
  protected readonly activeMembersMemo: (readonly Member[] | undefined)[];
  /** Memos of teams whose id the dataset never mentions. */
  protected readonly activityOfUnknown = new Map<string, TeamActivity>();
  protected readonly activeMembersOfUnknown = new Map<string, readonly Member[]>();
  /**
   * Report g is `reports[g]` for g < reports.length, else row g - reports.length of the dataset's
   * `reportColumns` (read through the column arrays below).
   */
  protected readonly reports: readonly ActivityReport[];
  protected readonly columnMonth: readonly string[];
  protected readonly columnMember: readonly (string | null)[] | undefined;
  /** The metric columns, and the activity slot of each (-1: not an activity metric). */
  protected readonly columnValues: readonly (readonly (number | null)[])[];
  protected readonly columnSlot: Int32Array;
  /** The team slot of each report. */
  protected readonly reportSlot: Int32Array;
  /** Reports grouped by team slot, made when a team first needs them (see {@link reportGroups}). */
  protected groups: ReportGroups | undefined;
  /** Activity of most teams, from one pass over the reports (see {@link sweepReports}); false if none. */
  protected sweep: Sweep | false | undefined;
  /** The expected months of the team last given to {@link setRange}, as period positions. */
  protected rangeLo = 0;
  protected rangeHi = -1;
  protected readonly subtreeTeamsMemo = new Map<string, readonly Team[]>();
  /** First record of each team id, by slot, and the slot of the unit it serves. */
  protected readonly teamList: readonly Team[];
  protected readonly teamUnitSlot: Int32Array;
  /** The slot last looked up by {@link slotOfTeam}. */
  protected lastTeamSlot = -1;
  /** The last team asked for, so that the facts of one team read their memo without a map lookup. */
  protected lastActivityTeam: Team | undefined;
  protected lastActivity: TeamActivity | undefined;
  protected lastMembersTeam: Team | undefined;
  protected lastMembers: readonly Member[] = [];
  protected readonly periodMonths: readonly string[];
  protected readonly periodStart: string;
  protected readonly asOfMonth: string;
  /** monthIndex of the period's first month (positions count from it). */
  protected readonly firstMonthIndex: number;
  protected readonly monthFirst: readonly string[];
  protected readonly monthLast: readonly string[];
  /** `monthsExpected` arrays by (first position, length): teams with the same months share one. */
  protected readonly monthRuns = new Map<number, readonly string[]>();
  // Scratch buffers reused across teams and units (allocating them per team dominated these loops).
  // Plain arrays, not Float64Arrays: these are a few dozen slots, and a typed array of more than 64 bytes
  // gets a separately allocated backing store (~0.5 µs each, per index, a quarter of a one-team request's
  // index time).
  protected readonly sum: number[];
  protected readonly count: number[];
  protected readonly max: number[];
  protected readonly lastV: number[];
  /** Per period position of the current team: the index in `reports` of its team-level report, or -1. */
  protected readonly rowAt: Int32Array;
  protected readonly taskSum = new Float64Array(TASKS.length);
  protected readonly areaOwn: unknown[];
  /** Keys by position of the indicator rows read last, and their area slots (-1: not an area metric). */
  protected readonly areaRowKeys: string[] = [];
  protected readonly areaRowSlots: number[] = [];
  /** The year of the period's last month, and whether "-12" sorts after the rest of it (see areaOfUnit). */
  protected readonly limitYear: string | undefined;
  protected readonly decemberAfterLimit: boolean;
  protected memberMonthsReported = 0;
  protected readonly totalValues: unknown[];
  protected readonly areaValues: unknown[];
  protected readonly coverageValues: unknown[];

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
    this.catalog = catalog;
    this.metrics = catalog.metrics;
    this.ratios = catalog.ratios;
    this.activityMetricIds = catalog.activityMetricIds;
    this.areaMetricIds = catalog.areaMetricIds;

    // Index loops throughout: these run once per record, and a for…of that is not optimised yet
    // allocates an iterator result per step.
    const units: OrgUnit[] = []; // first record of each id, in dataset order
    const allUnits = dataset.orgUnits;
    for (let i = 0; i < allUnits.length; i++) {
      const u = allUnits[i]!;
      if (this.units.has(u.id)) continue;
      this.units.set(u.id, u);
      this.unitSlot.set(u.id, units.length);
      units.push(u);
    }
    // Children by parent slot (every id in unitSlot is a unit's so far); siblings usually come together.
    // With lineage, by the parent each unit is placed under on the evaluation date (dataset/placement.ts).
    const placement = hasLineage(dataset) ? placeUnits(units, this.unitSlot, asOf) : undefined;
    this.placement = placement;
    if (placement !== undefined) {
      for (let i = 0; i < units.length; i++) if (placement.parent[i]! >= 0) pushAt(this.childrenOf, placement.parent[i]!, units[i]!);
    } else {
      let lastParentId: string | null | undefined;
      let lastParent: number | undefined;
      for (let i = 0; i < units.length; i++) {
        const u = units[i]!;
        if (u.parentId == null || u.parentId === u.id) continue;
        if (u.parentId !== lastParentId) {
          lastParentId = u.parentId;
          lastParent = this.unitSlot.get(u.parentId);
        }
        if (lastParent !== undefined) pushAt(this.childrenOf, lastParent, u);
      }
    }
    sortLists(this.childrenOf, byId);
    const teams: Team[] = [];
    const allTeams = dataset.teams;
    for (let i = 0; i < allTeams.length; i++) {
      const t = allTeams[i]!;
      if (this.teams.has(t.id)) continue;
      this.teams.set(t.id, t);
      this.teamSlot.set(t.id, teams.length);
      teams.push(t);
    }
    this.teamList = teams;
    this.teamUnitSlot = new Int32Array(teams.length);
    for (let i = 0, u = -1; i < teams.length; i++) {
      u = this.unitSlotAfter(teams[i]!.orgUnitId, u, units);
      this.teamUnitSlot[i] = u;
    }

    // The team slot of each report; ids only reports mention get slots after the teams'.
    const reports = dataset.reports ?? [];
    this.reports = reports;
    const columns = dataset.reportColumns;
    const columnTeam = columns?.teamId ?? [];
    this.columnMonth = columns?.month ?? [];
    this.columnMember = columns?.memberId;
    const columnIds = columns === undefined ? [] : Object.keys(columns.metrics);
    this.columnValues = columnIds.map((id) => columns!.metrics[id]!);
    this.columnSlot = Int32Array.from(columnIds, (id) => catalog.activitySlot.get(id) ?? -1);
    const objectCount = reports.length;
    this.reportSlot = new Int32Array(objectCount + columnTeam.length);
    let lastId: string | undefined;
    let s = -1;
    for (let i = 0; i < this.reportSlot.length; i++) {
      const id = i < objectCount ? reports[i]!.teamId : columnTeam[i - objectCount]!;
      // Reports usually come grouped by team, teams in dataset order: skip the lookup while the team does
      // not change, and try the next team before the map.
      if (id !== lastId || s < 0) {
        lastId = id;
        const known = s + 1 < teams.length && teams[s + 1]!.id === id ? s + 1 : this.teamSlot.get(id);
        if (known !== undefined) s = known;
        else {
          s = this.teamSlot.size;
          this.teamSlot.set(id, s);
        }
      }
      this.reportSlot[i] = s;
    }
    // Sized once: memos are filled in subject order, not slot order (a far write would make them sparse).
    this.activityMemo = new Array<TeamActivity | undefined>(this.teamSlot.size);
    this.activeMembersMemo = new Array<readonly Member[] | undefined>(this.teamSlot.size);

    const indicators = dataset.indicators ?? [];
    const indicatorUnit = new Int32Array(indicators.length);
    for (let i = 0, u = -1; i < indicators.length; i++) {
      u = this.unitSlotAfter(indicators[i]!.orgUnitId, u, units);
      indicatorUnit[i] = u;
    }
    // Flat groups by unit slot rather than an array per unit (most units have one team, one indicator row).
    // With lineage, teams group under the unit they are placed in; unplaced ones in one extra slot.
    if (placement !== undefined) {
      const place = new Int32Array(teams.length);
      const group = new Int32Array(teams.length);
      for (let i = 0; i < teams.length; i++) {
        const r = placeTeam(teams[i]!, placement);
        place[i] = r;
        group[i] = r >= 0 ? r : r === TEAM_NOT_COUNTED ? this.teamUnitSlot[i]! : this.unitSlot.size;
      }
      this.teamPlace = place;
      this.teamsOf = groupBySlot(teams, group, this.unitSlot.size + 1, byId);
    } else {
      this.teamPlace = undefined;
      this.teamsOf = groupBySlot(teams, this.teamUnitSlot, this.unitSlot.size, byId);
    }
    this.indicatorsOf = groupBySlot(indicators, indicatorUnit, this.unitSlot.size, (a, b) =>
      indicatorMonth(a.period) < indicatorMonth(b.period) ? -1 : indicatorMonth(a.period) > indicatorMonth(b.period) ? 1 : 0,
    );
    this.areaMemo = new Array<Readonly<Record<string, number | undefined>> | undefined>(this.unitSlot.size);
    const months: string[] = [];
    for (let i = monthIndex(period.from); i <= monthIndex(period.to); i++) months.push(monthFromIndex(i));
    this.periodMonths = months;
    this.periodStart = `${period.from}-01`;
    this.asOfMonth = monthOf(asOf);
    this.firstMonthIndex = monthIndex(period.from);
    this.limitYear = period.to.length >= 4 ? period.to.slice(0, 4) : undefined;
    this.decemberAfterLimit = '-12' > period.to.slice(4);
    this.monthFirst = months.map((m) => `${m}-01`);
    this.monthLast = months.map(endOfMonth);
    const n = this.activityMetricIds.length;
    this.sum = new Array<number>(n).fill(0);
    this.count = new Array<number>(n).fill(0);
    this.max = new Array<number>(n).fill(0);
    this.lastV = new Array<number>(n).fill(0);
    this.rowAt = new Int32Array(months.length);
    this.areaOwn = new Array<unknown>(this.areaMetricIds.length);
    this.totalValues = taggedScratch(n);
    this.areaValues = taggedScratch(this.areaMetricIds.length);
    this.coverageValues = taggedScratch(catalog.ratioIds.length);
  }

  /**
   * The slot of a unit id, given one if the id is new (constructor only). Records often come in unit
   * order, so the unit after the previous record's is tried before the map.
   */
  protected unitSlotAfter(id: string, previous: number, units: readonly OrgUnit[]): number {
    const next = previous + 1;
    return next < units.length && units[next]!.id === id ? next : this.slotOfUnit(id);
  }

  /** The slot of a unit id, given one if the id is new (constructor only). */
  protected slotOfUnit(id: string): number {
    let s = this.unitSlot.get(id);
    if (s === undefined) {
      s = this.unitSlot.size;
      this.unitSlot.set(id, s);
    }
    return s;
  }

  /**
   * The slot of a team's id. Subjects come in id order, which is usually the dataset's: the record last
   * looked up and the one after it are tried before the map (each is its id's first record, so its slot
   * is exact).
   */
  protected slotOfTeam(t: Team): number | undefined {
    const last = this.lastTeamSlot;
    if (last >= 0 && last < this.teamList.length && this.teamList[last] === t) return last;
    const next = last + 1;
    if (next < this.teamList.length && this.teamList[next] === t) {
      this.lastTeamSlot = next;
      return next;
    }
    const s = this.teamSlot.get(t.id);
    if (s !== undefined) this.lastTeamSlot = s;
    return s;
  }

  /** The slot of a unit id; the unit of the team last looked up is the usual one. */
  protected slotOfUnitId(unitId: string): number | undefined {
    const s = this.lastTeamSlot;
    if (s >= 0 && s < this.teamList.length && unitId === this.teamList[s]!.orgUnitId) return this.teamUnitSlot[s];
    return this.unitSlot.get(unitId);
  }

  /**
   * The position in the period of a report's month, or undefined when it is not one of the period's
   * months. Read from the characters: the period's months are exactly the `YYYY-MM` strings with a month
   * 01–12 whose index falls in the period (a map from those strings cost a hash per report).
   */
  protected monthPosition(month: unknown): number | undefined {
    if (typeof month !== 'string' || month.length !== 7 || month.charCodeAt(4) !== 45) return undefined;
    const y0 = month.charCodeAt(0) - 48;
    const y1 = month.charCodeAt(1) - 48;
    const y2 = month.charCodeAt(2) - 48;
    const y3 = month.charCodeAt(3) - 48;
    const m0 = month.charCodeAt(5) - 48;
    const m1 = month.charCodeAt(6) - 48;
    if ((y0 | y1 | y2 | y3 | m0 | m1) < 0 || y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9) return undefined;
    const m = m0 * 10 + m1;
    if (m < 1 || m > 12) return undefined;
    const pos = (y0 * 1000 + y1 * 100 + y2 * 10 + y3) * 12 + m - 1 - this.firstMonthIndex;
    return pos >= 0 && pos < this.periodMonths.length ? pos : undefined;
  }

  /** The period's months from position `lo`, `span` of them; one shared array per (lo, span). */
  protected monthRun(lo: number, span: number): readonly string[] {
    const key = lo * (this.periodMonths.length + 1) + span;
    let run = this.monthRuns.get(key);
    if (run === undefined) {
      run = this.periodMonths.slice(lo, lo + span);
      this.monthRuns.set(key, run);
    }
    return run;
  }
}
