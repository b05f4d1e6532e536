import { ROOT, TEAM_NOT_COUNTED, hasLineage, placeTeam, placeUnits, type UnitPlacement } from '../dataset/placement.js';
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
import { reportFromColumns } from '../model/report-columns.js';
import type { Period } from '../plugin/types.js';

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

/** How an activity metric combines over months, as a small integer for the hot loop. */
const SUM = 0;
const LAST = 1;
const MAX = 2;
const MEAN = 3;

/**
 * Builds an object with these keys, in this order, from values by position. Facts are objects made once
 * per team (activity totals, tasks, coverage) or unit (area), so how they are built matters: an object
 * literal is one allocation with every field inside it, ~0.1 µs here, where a spread of a template or
 * key-by-key assignment cost ~0.6 µs per object. So the catalog's shapes that are known in advance (the
 * built-in metrics and ratios, see the literals at the end of this file) use a literal, and any other
 * catalog the generic builder.
 */
type RecordBuilder<V> = (values: ArrayLike<V>) => Record<string, V>;

function recordBuilder<V>(keys: readonly string[], literal: RecordBuilder<V>, sample: ArrayLike<V>): RecordBuilder<V> {
  const literalKeys = Object.keys(literal(sample));
  if (literalKeys.length === keys.length && literalKeys.every((k, i) => k === keys[i])) return literal;
  return (values) => {
    const o: Record<string, V> = {};
    for (let i = 0; i < keys.length; i++) o[keys[i]!] = values[i]!;
    return o;
  };
}

/**
 * The same number, as a small integer when it is one (not -0). V8 keeps a field that only ever held
 * small integers unboxed; a number read from a Float64Array is a heap number until the code is
 * optimised, and one stored in a literal's field would box that field in every object of its shape.
 */
function smallInt(v: number): number {
  return (v | 0) === v && (v !== 0 || 1 / v > 0) ? v | 0 : v;
}

/** A scratch array of tagged values (filled with null first, so that V8 never stores them as raw doubles). */
function taggedScratch(n: number): unknown[] {
  return new Array<unknown>(n).fill(null);
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
  /** Activity metric id → its index in {@link activityMetricIds}. */
  readonly activitySlot: ReadonlyMap<string, number>;
  /** Per activity slot: its time aggregation (SUM, LAST, MAX, MEAN). */
  readonly activityOverTime: Uint8Array;
  /** True when every activity metric sums over time (then only sums are kept). */
  readonly activitySumOnly: boolean;
  /** Per activity slot: 1 when it sums up the hierarchy. */
  readonly activityUpSum: Uint8Array;
  /** Per activity slot: the index of its task in TASKS, or -1. */
  readonly activityTask: Int8Array;
  /** False when some metric names a task outside TASKS (then `tasks` takes the general path). */
  readonly tasksKnown: boolean;
  /** Tasks from totals with named reads, for the built-in catalog (see builtinTasks); else undefined. */
  readonly builtinTasks: ((totals: Readonly<Record<string, number>>) => Record<Task, number> | undefined) | undefined;
  /** Area metric id → its index in {@link areaMetricIds}. */
  readonly areaSlot: ReadonlyMap<string, number>;
  /** Per area slot: 1 when it sums up the hierarchy. */
  readonly areaUpSum: Uint8Array;
  readonly ratioIds: readonly string[];
  readonly ratioNumerators: readonly string[];
  readonly ratioDenominators: readonly string[];
  /** Builders of activity totals, area metrics and coverage objects from values by slot. */
  readonly makeTotals: RecordBuilder<number>;
  readonly makeArea: RecordBuilder<number | undefined>;
  readonly makeCoverage: RecordBuilder<number | undefined>;

  constructor(
    readonly extraMetrics: readonly MetricDefinition[] = [],
    readonly extraRatios: readonly RatioDefinition[] = [],
    dataset?: Pick<Dataset, 'metrics' | 'ratios'>,
  ) {
    for (const m of [...BUILTIN_METRICS, ...extraMetrics, ...(dataset?.metrics ?? [])]) if (!this.metrics.has(m.id)) this.metrics.set(m.id, m);
    for (const r of [...BUILTIN_RATIOS, ...extraRatios, ...(dataset?.ratios ?? [])]) if (!this.ratios.has(r.id)) this.ratios.set(r.id, r);
    const list = [...this.metrics.values()];
    const activity = list.filter((m) => m.kind === 'activity');
    const area = list.filter((m) => m.kind === 'area');
    this.activityMetricIds = activity.map((m) => m.id);
    this.areaMetricIds = area.map((m) => m.id);
    this.activitySlot = new Map(this.activityMetricIds.map((id, i) => [id, i]));
    this.activityOverTime = Uint8Array.from(activity, (m) =>
      m.overTime === 'last' ? LAST : m.overTime === 'max' ? MAX : m.overTime === 'mean' ? MEAN : SUM,
    );
    this.activitySumOnly = this.activityOverTime.every((h) => h === SUM);
    this.activityUpSum = Uint8Array.from(activity, (m) => (m.upHierarchy === 'sum' ? 1 : 0));
    const tasks: readonly string[] = TASKS;
    this.activityTask = Int8Array.from(activity, (m) => (m.task === undefined ? -1 : tasks.indexOf(m.task)));
    this.tasksKnown = activity.every((m) => m.task === undefined || tasks.includes(m.task));
    this.areaSlot = new Map(this.areaMetricIds.map((id, i) => [id, i]));
    this.areaUpSum = Uint8Array.from(area, (m) => (m.upHierarchy === 'sum' ? 1 : 0));
    const ratios = [...this.ratios.values()];
    this.ratioIds = ratios.map((r) => r.id);
    this.ratioNumerators = ratios.map((r) => r.numerator);
    this.ratioDenominators = ratios.map((r) => r.denominator);
    const zeros = new Array<number>(64).fill(0);
    this.makeTotals = recordBuilder(this.activityMetricIds, builtinActivityTotals, zeros);
    this.makeArea = recordBuilder(this.areaMetricIds, builtinArea, zeros);
    this.makeCoverage = recordBuilder(this.ratioIds, builtinCoverage, zeros);
    // builtinTasks hard-codes the built-in metrics' tasks: use it only if it agrees with the catalog on
    // totals that tell every metric apart (powers of two).
    const probe = Object.fromEntries(this.activityMetricIds.map((id, i) => [id, 2 ** i]));
    const expected = Object.fromEntries(TASKS.map((t) => [t, 0]));
    for (const m of activity) if (m.task !== undefined) expected[m.task] = expected[m.task]! + probe[m.id]!;
    const got = this.makeTotals === builtinActivityTotals ? builtinTasks(probe) : undefined;
    this.builtinTasks = got !== undefined && TASKS.every((t) => got[t] === expected[t]) ? builtinTasks : undefined;
  }
}

const NO_UNITS: readonly OrgUnit[] = [];

/** Values grouped by slot in one flat array: `items[start[s]..start[s+1]]` are slot s's. */
interface Groups<V> {
  readonly start: Int32Array;
  readonly items: readonly V[];
}

/** Reports by team slot: `order[start[s]..start[s+1]]` are the indexes in `reports` of slot s's reports. */
interface ReportGroups {
  readonly start: Int32Array;
  readonly order: Int32Array;
}

/** What {@link DatasetIndex.sweepReports} found, per team slot. */
interface Sweep {
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
  private readonly catalog: MetricCatalog;
  /**
   * Every unit id the dataset mentions (units, teams' and indicators' units) → a dense slot; what is
   * known per unit lives in arrays by slot (one map instead of one per kind of lookup).
   */
  private readonly unitSlot = new Map<string, number>();
  private readonly childrenOf: (OrgUnit[] | undefined)[] = [];
  /**
   * Where units sit on the evaluation date, when the dataset has lineage (`successors`, `parentHistory`,
   * `orgUnitHistory`); undefined otherwise, and then parents are `parentId`s as they always were.
   */
  readonly placement: UnitPlacement | undefined;
  /** Per team slot (first records): {@link placeTeam}'s answer; only with a placement. */
  private readonly teamPlace: Int32Array | undefined;
  /** Teams (first record of each id) by unit slot, sorted by id; indicators by unit slot, by month. */
  private readonly teamsOf: Groups<Team>;
  private readonly indicatorsOf: Groups<AreaIndicator>;
  private readonly areaMemo: (Readonly<Record<string, number | undefined>> | undefined)[];
  /** Area of ids the dataset never mentions (asked for by a plugin, say). */
  private readonly areaOfUnknown = new Map<string, Readonly<Record<string, number | undefined>>>();
  /** Every team id the dataset mentions (teams, reports) → a dense slot, with per-slot arrays likewise. */
  private readonly teamSlot = new Map<string, number>();
  private readonly activityMemo: (TeamActivity | undefined)[];
  private readonly activeMembersMemo: (readonly Member[] | undefined)[];
  /** Memos of teams whose id the dataset never mentions. */
  private readonly activityOfUnknown = new Map<string, TeamActivity>();
  private readonly activeMembersOfUnknown = new Map<string, readonly Member[]>();
  /**
   * Report g is `reports[g]` for g < reports.length, else row g - reports.length of the dataset's
   * `reportColumns` (read through the column arrays below).
   */
  private readonly reports: readonly ActivityReport[];
  private readonly columnMonth: readonly string[];
  private readonly columnMember: readonly (string | null)[] | undefined;
  /** The metric columns, and the activity slot of each (-1: not an activity metric). */
  private readonly columnValues: readonly (readonly (number | null)[])[];
  private readonly columnSlot: Int32Array;
  /** The team slot of each report. */
  private readonly reportSlot: Int32Array;
  /** Reports grouped by team slot, made when a team first needs them (see {@link reportGroups}). */
  private groups: ReportGroups | undefined;
  /** Activity of most teams, from one pass over the reports (see {@link sweepReports}); false if none. */
  private sweep: Sweep | false | undefined;
  /** The expected months of the team last given to {@link setRange}, as period positions. */
  private rangeLo = 0;
  private rangeHi = -1;
  private readonly subtreeTeamsMemo = new Map<string, readonly Team[]>();
  /** First record of each team id, by slot, and the slot of the unit it serves. */
  private readonly teamList: readonly Team[];
  private readonly teamUnitSlot: Int32Array;
  /** The slot last looked up by {@link slotOfTeam}. */
  private lastTeamSlot = -1;
  /** The last team asked for, so that the facts of one team read their memo without a map lookup. */
  private lastActivityTeam: Team | undefined;
  private lastActivity: TeamActivity | undefined;
  private lastMembersTeam: Team | undefined;
  private lastMembers: readonly Member[] = [];
  private readonly periodMonths: readonly string[];
  private readonly periodStart: string;
  private readonly asOfMonth: string;
  /** monthIndex of the period's first month (positions count from it). */
  private readonly firstMonthIndex: number;
  private readonly monthFirst: readonly string[];
  private readonly monthLast: readonly string[];
  /** `monthsExpected` arrays by (first position, length): teams with the same months share one. */
  private readonly monthRuns = new Map<number, readonly string[]>();
  // Scratch buffers reused across teams and units (allocating them per team dominated these loops).
  // Plain arrays, not Float64Arrays: these are a few dozen slots, and a typed array of more than 64 bytes
  // gets a separately allocated backing store (~0.5 µs each, per index, a quarter of a one-team request's
  // index time).
  private readonly sum: number[];
  private readonly count: number[];
  private readonly max: number[];
  private readonly lastV: number[];
  /** Per period position of the current team: the index in `reports` of its team-level report, or -1. */
  private readonly rowAt: Int32Array;
  private readonly taskSum = new Float64Array(TASKS.length);
  private readonly areaOwn: unknown[];
  /** Keys by position of the indicator rows read last, and their area slots (-1: not an area metric). */
  private readonly areaRowKeys: string[] = [];
  private readonly areaRowSlots: number[] = [];
  /** The year of the period's last month, and whether "-12" sorts after the rest of it (see areaOfUnit). */
  private readonly limitYear: string | undefined;
  private readonly decemberAfterLimit: boolean;
  private memberMonthsReported = 0;
  private readonly totalValues: unknown[];
  private readonly areaValues: unknown[];
  private readonly coverageValues: unknown[];

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
  private unitSlotAfter(id: string, previous: number, units: readonly OrgUnit[]): number {
    const next = previous + 1;
    return next < units.length && units[next]!.id === id ? next : this.slotOfUnit(id);
  }

  /** The slot of a unit id, given one if the id is new (constructor only). */
  private slotOfUnit(id: string): number {
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
  private slotOfTeam(t: Team): number | undefined {
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
  private slotOfUnitId(unitId: string): number | undefined {
    const s = this.lastTeamSlot;
    if (s >= 0 && s < this.teamList.length && unitId === this.teamList[s]!.orgUnitId) return this.teamUnitSlot[s];
    return this.unitSlot.get(unitId);
  }

  /**
   * The position in the period of a report's month, or undefined when it is not one of the period's
   * months. Read from the characters: the period's months are exactly the `YYYY-MM` strings with a month
   * 01–12 whose index falls in the period (a map from those strings cost a hash per report).
   */
  private monthPosition(month: unknown): number | undefined {
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

  /** Org units valid on the evaluation date, in id order. */
  activeUnits(): OrgUnit[] {
    return [...this.units.values()].filter((u) => this.unitActive(u)).sort(byId);
  }

  unitActive(u: OrgUnit): boolean {
    return (u.validFrom === undefined || u.validFrom <= this.asOf) && (u.validTo === undefined || u.validTo >= this.asOf);
  }

  /** Children valid on the evaluation date, in id order. */
  children(unitId: string): OrgUnit[] {
    const s = this.unitSlot.get(unitId);
    const list = s === undefined ? undefined : this.childrenOf[s];
    return list === undefined ? [] : list.filter((u) => this.unitActive(u));
  }

  /**
   * Roots: units valid on the evaluation date whose parent is absent or not valid then. With lineage:
   * units placed without a parent (an unplaced unit is not a root; see {@link unitUnplacedAt}).
   */
  roots(): OrgUnit[] {
    const placement = this.placement;
    if (placement !== undefined) {
      const out: OrgUnit[] = [];
      for (let i = 0; i < placement.units.length; i++) if (placement.parent[i] === ROOT) out.push(placement.units[i]!);
      return out.sort(byId);
    }
    // Filtered before sorting: a country has ~90,000 units and a few dozen roots.
    return [...this.units.values()]
      .filter((u) => {
        if (!this.unitActive(u)) return false;
        if (u.parentId == null || u.parentId === u.id) return true;
        const p = this.units.get(u.parentId);
        return p === undefined || !this.unitActive(p);
      })
      .sort(byId);
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

  /**
   * The id of the unit a team counts under on the evaluation date: its `orgUnitId` without lineage; with
   * lineage, the unit it is placed in, or undefined when it is unplaced or its unit is not valid.
   */
  countedUnitId(t: Team): string | undefined {
    const place = this.teamPlace;
    if (place === undefined) return t.orgUnitId;
    const s = this.slotOfTeam(t);
    if (s === undefined || s >= place.length) return t.orgUnitId;
    const r = place[s]!;
    return r >= 0 ? this.placement!.units[r]!.id : undefined;
  }

  /** For an unplaced team, the ended unit where its way up broke (TEAM_UNPLACED); else undefined. */
  unplacedAt(t: Team): OrgUnit | undefined {
    const place = this.teamPlace;
    if (place === undefined) return undefined;
    const s = this.slotOfTeam(t);
    if (s === undefined || s >= place.length) return undefined;
    const r = place[s]!;
    return r <= -2 ? this.placement!.units[-r - 2] : undefined;
  }

  /** For a unit valid on the evaluation date but unplaced (or below an unplaced one), where the way broke. */
  unitUnplacedAt(unitId: string): OrgUnit | undefined {
    const placement = this.placement;
    if (placement === undefined) return undefined;
    const s = this.unitSlot.get(unitId);
    if (s === undefined || s >= placement.units.length) return undefined;
    const b = placement.brokeAt[s]!;
    return b >= 0 ? placement.units[b] : undefined;
  }

  teamActive(t: Team): boolean {
    return t.establishedOn <= this.asOf && (t.disbandedOn === undefined || t.disbandedOn >= this.asOf);
  }

  /** Teams that existed during the period, up to the evaluation date. */
  teamInPeriod(t: Team): boolean {
    return t.establishedOn <= this.asOf && (t.disbandedOn === undefined || t.disbandedOn >= this.periodStart);
  }

  /** Teams active on the evaluation date that serve exactly this unit. */
  teamsAt(unitId: string): Team[] {
    const s = this.unitSlot.get(unitId);
    const out: Team[] = [];
    if (s === undefined) return out;
    const { start, items } = this.teamsOf;
    for (let i = start[s]!, end = start[s + 1]!; i < end; i++) if (this.teamActive(items[i]!)) out.push(items[i]!);
    return out;
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

  /**
   * Members active on the evaluation date (memoised: several facts read them). When every member is
   * active this is the team's own `members` array, not a copy: read it, never change it.
   */
  activeMembers(t: Team): readonly Member[] {
    if (t === this.lastMembersTeam) return this.lastMembers;
    const s = this.slotOfTeam(t);
    let memo = s === undefined ? this.activeMembersOfUnknown.get(t.id) : this.activeMembersMemo[s];
    if (memo === undefined) {
      const all = t.members ?? [];
      let allActive = Array.isArray(all);
      for (let i = 0; allActive && i < all.length; i++) allActive = this.memberActive(all[i]!);
      memo = allActive ? all : all.filter((m) => this.memberActive(m));
      if (s === undefined) this.activeMembersOfUnknown.set(t.id, memo);
      else this.activeMembersMemo[s] = memo;
    }
    this.lastMembersTeam = t;
    this.lastMembers = memo;
    return memo;
  }

  /**
   * A team's activity over the period. Per month, a team-level report is the team's figure; without one,
   * its members' reports are summed (so nothing is counted twice).
   */
  teamActivity(t: Team): TeamActivity {
    if (t === this.lastActivityTeam) return this.lastActivity!;
    const s = this.slotOfTeam(t);
    let memo = s === undefined ? this.activityOfUnknown.get(t.id) : this.activityMemo[s];
    if (memo === undefined) {
      memo = this.computeActivity(t, s);
      if (s === undefined) this.activityOfUnknown.set(t.id, memo);
      else this.activityMemo[s] = memo;
    }
    this.lastActivityTeam = t;
    this.lastActivity = memo;
    return memo;
  }

  private computeActivity(t: Team, slot: number | undefined): TeamActivity {
    this.sweep ??= this.sweepReports();
    if (this.sweep !== false && slot !== undefined && slot < this.teamList.length && this.sweep.ok[slot] === 1 && this.teamList[slot] === t) {
      return this.activityFromSweep(t, slot, this.sweep);
    }
    // Expected months as a range of period positions: no per-team sets or date strings.
    this.setRange(t);
    const lo = this.rangeLo;
    const hi = this.rangeHi;
    const span = Math.max(0, hi - lo + 1);
    const reports = this.reports;
    const objectCount = reports.length;
    const rowAt = this.rowAt;
    rowAt.fill(-1, 0, span);
    let memberRows: number[][] | undefined;
    let memberSeen: Set<string> | undefined;
    if (slot !== undefined) {
      const { start, order } = this.reportGroups();
      for (let j = start[slot]!, to = start[slot + 1]!; j < to; j++) {
        const ri = order[j]!;
        const r = ri < objectCount ? reports[ri]! : undefined;
        const month = r !== undefined ? r.month : this.columnMonth[ri - objectCount];
        const pos = this.monthPosition(month);
        if (pos === undefined || pos < lo || pos > hi) continue;
        const k = pos - lo;
        const memberId = r !== undefined ? r.memberId : (this.columnMember?.[ri - objectCount] ?? undefined);
        if (memberId === undefined) {
          if (rowAt[k]! < 0) rowAt[k] = ri;
        } else {
          const key = `${memberId}\u0000${month}`;
          memberSeen ??= new Set();
          if (memberSeen.has(key)) continue;
          memberSeen.add(key);
          memberRows ??= Array.from({ length: span }, () => []);
          memberRows[k]!.push(ri);
        }
      }
    }
    const memberMonthsExpected = this.memberMonths(t, lo, hi, memberSeen);
    const memberMonthsReported = this.memberMonthsReported;
    // One pass over each month's own metrics: sum (and count, max and last when some metric needs them)
    // per metric slot, then each metric's time aggregation.
    const c = this.catalog;
    const sumOnly = c.activitySumOnly;
    const { sum, count, max, lastV } = this;
    sum.fill(0);
    if (!sumOnly) {
      count.fill(0);
      max.fill(0);
      lastV.fill(0);
    }
    let monthsReported = 0;
    const slotOf = c.activitySlot;
    for (let k = 0; k < span; k++) {
      const ri = rowAt[k]!;
      const rows = memberRows?.[k];
      if (ri < 0 && (rows === undefined || rows.length === 0)) continue;
      monthsReported += 1;
      if (ri >= objectCount) {
        this.addColumnRow(ri - objectCount, sumOnly);
      } else if (ri >= 0 && sumOnly) {
        // The common case, inline: sums only, over the month's team-level report.
        const metrics = reports[ri]!.metrics;
        if (metrics == null) Object.entries(metrics); // unvalidated data: throw the TypeError Object.entries threw
        for (const key in metrics) {
          const i = slotOf.get(key);
          if (i !== undefined) sum[i] = sum[i]! + metrics[key]!;
        }
      } else if (ri >= 0) {
        this.addMetrics(reports[ri]!.metrics, sumOnly);
      } else {
        const monthSum: Record<string, number> = {};
        for (const g of rows!) {
          const metrics = g < objectCount ? reports[g]!.metrics : reportFromColumns(this.dataset.reportColumns!, g - objectCount).metrics;
          for (const [key, v] of Object.entries(metrics)) monthSum[key] = (monthSum[key] ?? 0) + v;
        }
        this.addMetrics(monthSum, sumOnly);
      }
    }
    const how = c.activityOverTime;
    const values = this.totalValues;
    for (let i = 0; i < values.length; i++) {
      const h = how[i];
      values[i] = smallInt(h === SUM ? sum[i]! : h === LAST ? lastV[i]! : h === MAX ? max[i]! : count[i] === 0 ? 0 : sum[i]! / count[i]!);
    }
    const totals = c.makeTotals(values as number[]);
    return { monthsExpected: this.monthRun(lo, span), monthsReported, memberMonthsExpected, memberMonthsReported, totals };
  }

  /**
   * Expected member-months: members active at some point in the month. Both bounds move one way as the
   * month advances (joined by its last day, not left before its first), so each member is active over one
   * run of positions [a, b]: find its ends instead of testing every month. The pairs reported (with
   * `memberSeen`, member\0month keys) are left in memberMonthsReported.
   */
  private memberMonths(t: Team, lo: number, hi: number, memberSeen: ReadonlySet<string> | undefined): number {
    let expected = 0;
    let reported = 0;
    if (hi >= lo) {
      const months = this.periodMonths;
      const members = arrayOf(t.members ?? []);
      for (let i = 0; i < members.length; i++) {
        const m = members[i]!;
        let a = lo;
        if (m.joinedOn !== undefined) while (a <= hi && !(m.joinedOn <= this.monthLast[a]!)) a++;
        let b = hi;
        if (m.leftOn !== undefined) while (b >= a && !(m.leftOn >= this.monthFirst[b]!)) b--;
        if (b < a) continue;
        expected += b - a + 1;
        if (memberSeen !== undefined) {
          for (let pos = a; pos <= b; pos++) if (memberSeen.has(`${m.id}\u0000${months[pos]!}`)) reported += 1;
        }
      }
    }
    this.memberMonthsReported = reported;
    return expected;
  }

  /** The team's expected months as period positions, into rangeLo..rangeHi (empty when rangeHi < rangeLo). */
  private setRange(t: Team): void {
    const start = monthOf(t.establishedOn);
    const end = t.disbandedOn === undefined ? this.asOfMonth : minStr(monthOf(t.disbandedOn), this.asOfMonth);
    const months = this.periodMonths;
    let lo = 0;
    while (lo < months.length && months[lo]! < start) lo++;
    let hi = months.length - 1;
    while (hi >= 0 && months[hi]! > end) hi--;
    this.rangeLo = lo;
    this.rangeHi = hi;
  }

  /**
   * One pass over all reports, in dataset order, summing each team's team-level reports of its expected
   * months into a row of one array. Reading the reports in the order they sit in memory is what makes it
   * cheaper than team by team. It gives exactly the per-team result when the team's reports come in
   * month order (the sums then add in the same order) and none is a member's report in an expected month:
   * every other team is marked to take the per-team path, as are all teams when some metric does not sum
   * over time.
   */
  private sweepReports(): Sweep | false {
    const c = this.catalog;
    const teams = this.teamList;
    const nt = teams.length;
    const n = this.activityMetricIds.length;
    if (!c.activitySumOnly || nt === 0) return false;
    const lo = new Int32Array(nt);
    const hi = new Int32Array(nt);
    const ok = new Uint8Array(nt);
    const months = new Int32Array(nt);
    const last = new Int32Array(nt);
    for (let s = 0; s < nt; s++) {
      const t = teams[s]!;
      // Dates that are not strings throw on the per-team path; keep them there.
      if (typeof t.establishedOn !== 'string' || (t.disbandedOn !== undefined && typeof t.disbandedOn !== 'string')) continue;
      this.setRange(t);
      lo[s] = this.rangeLo;
      hi[s] = this.rangeHi;
      last[s] = -1;
      ok[s] = 1;
    }
    const sums = new Float64Array(nt * n);
    const reports = this.reports;
    const slots = this.reportSlot;
    const slotOf = c.activitySlot;
    try {
      for (let i = 0; i < reports.length; i++) {
        const s = slots[i]!;
        if (s >= nt || ok[s] !== 1) continue;
        const r = reports[i]!;
        const pos = this.monthPosition(r.month);
        if (pos === undefined || pos < lo[s]! || pos > hi[s]!) continue;
        const prev = last[s]!;
        if (r.memberId !== undefined || pos < prev) {
          ok[s] = 0; // a member's report, or months out of order: per team
          continue;
        }
        if (pos === prev) continue; // the month's first report counts
        const metrics = r.metrics;
        if (metrics == null) {
          ok[s] = 0; // the per-team path throws
          continue;
        }
        const base = s * n;
        for (const key in metrics) {
          const k = slotOf.get(key);
          if (k !== undefined) sums[base + k] = sums[base + k]! + metrics[key]!;
        }
        last[s] = pos;
        months[s] = months[s]! + 1;
      }
      // Then the rows of the columns, by the same rules: first which rows count (and where their sums go),
      // then each metric column from top to bottom. A (team, metric) sum adds its rows in row order either
      // way, so the figures are the same as row by row; reading one column at a time reads memory in order.
      const objectCount = reports.length;
      const monthColumn = this.columnMonth;
      const memberColumn = this.columnMember;
      const rows = monthColumn.length;
      const rowBase = rows === 0 ? undefined : new Int32Array(rows).fill(-1);
      for (let j = 0; j < rows; j++) {
        const s = slots[objectCount + j]!;
        if (s >= nt || ok[s] !== 1) continue;
        const pos = this.monthPosition(monthColumn[j]);
        if (pos === undefined || pos < lo[s]! || pos > hi[s]!) continue;
        const prev = last[s]!;
        if ((memberColumn !== undefined && memberColumn[j] != null) || pos < prev) {
          ok[s] = 0; // its rows may already be marked: the sums of a team not ok are never read
          continue;
        }
        if (pos === prev) continue;
        rowBase![j] = s * n;
        last[s] = pos;
        months[s] = months[s]! + 1;
      }
      const values = this.columnValues;
      const columnSlot = this.columnSlot;
      for (let c = 0; c < values.length && rowBase !== undefined; c++) {
        const k = columnSlot[c]!;
        if (k < 0) continue;
        const column = values[c]!;
        for (let j = 0; j < rows; j++) {
          const base = rowBase[j]!;
          if (base < 0) continue;
          const v = column[j];
          if (v != null) sums[base + k] = sums[base + k]! + v;
        }
      }
    } catch {
      return false; // a getter that throws, say: leave everything to the per-team path
    }
    let remaining = 0;
    for (let s = 0; s < nt; s++) remaining += ok[s]!;
    return { lo, hi, ok, months, sums, remaining };
  }

  private activityFromSweep(t: Team, slot: number, sweep: Sweep): TeamActivity {
    const lo = sweep.lo[slot]!;
    const hi = sweep.hi[slot]!;
    const memberMonthsExpected = this.memberMonths(t, lo, hi, undefined);
    const sums = sweep.sums!;
    const values = this.totalValues;
    for (let i = 0, base = slot * values.length; i < values.length; i++) values[i] = smallInt(sums[base + i]!);
    const totals = this.catalog.makeTotals(values as number[]);
    sweep.ok[slot] = 2;
    sweep.remaining -= 1;
    if (sweep.remaining === 0) sweep.sums = undefined; // every row read: let it go
    return {
      monthsExpected: this.monthRun(lo, Math.max(0, hi - lo + 1)),
      monthsReported: sweep.months[slot]!,
      memberMonthsExpected,
      memberMonthsReported: 0,
      totals,
    };
  }

  /** Reports grouped by team slot: a counting sort (stable, so dataset order within a team). */
  private reportGroups(): ReportGroups {
    if (this.groups === undefined) {
      const slots = this.reportSlot;
      const start = new Int32Array(this.teamSlot.size + 1);
      for (let i = 0; i < slots.length; i++) start[slots[i]! + 1] = start[slots[i]! + 1]! + 1;
      for (let s = 0; s < this.teamSlot.size; s++) start[s + 1] = start[s + 1]! + start[s]!;
      const next = start.slice(0, this.teamSlot.size);
      const order = new Int32Array(slots.length);
      for (let i = 0; i < slots.length; i++) {
        const s = slots[i]!;
        order[next[s]!] = i;
        next[s] = next[s]! + 1;
      }
      this.groups = { start, order };
    }
    return this.groups;
  }

  /** Adds one month's metrics to the scratch sums (a keyed read per catalog metric was megamorphic and slow). */
  private addMetrics(metrics: Readonly<Record<string, number>>, sumOnly: boolean): void {
    if (metrics == null) Object.entries(metrics); // unvalidated data: throw the TypeError Object.entries threw
    const slotOf = this.catalog.activitySlot;
    const sum = this.sum;
    if (sumOnly) {
      for (const k in metrics) {
        const i = slotOf.get(k);
        if (i !== undefined) sum[i] = sum[i]! + metrics[k]!;
      }
      return;
    }
    const { count, max, lastV } = this;
    for (const k in metrics) {
      const i = slotOf.get(k);
      if (i === undefined) continue;
      const v = metrics[k]!;
      sum[i] = sum[i]! + v;
      count[i] = count[i]! + 1;
      if (v > max[i]!) max[i] = v;
      lastV[i] = v;
    }
  }

  /** Adds row `j` of the columns to the scratch sums, as {@link addMetrics} adds a report's metrics. */
  private addColumnRow(j: number, sumOnly: boolean): void {
    const values = this.columnValues;
    const columnSlot = this.columnSlot;
    const { sum, count, max, lastV } = this;
    for (let c = 0; c < values.length; c++) {
      const i = columnSlot[c]!;
      const v = values[c]![j];
      if (i < 0 || v == null) continue;
      sum[i] = sum[i]! + v;
      if (sumOnly) continue;
      count[i] = count[i]! + 1;
      if (v > max[i]!) max[i] = v;
      lastV[i] = v;
    }
  }

  /** The period's months from position `lo`, `span` of them; one shared array per (lo, span). */
  private monthRun(lo: number, span: number): readonly string[] {
    const key = lo * (this.periodMonths.length + 1) + span;
    let run = this.monthRuns.get(key);
    if (run === undefined) {
      run = this.periodMonths.slice(lo, lo + span);
      this.monthRuns.set(key, run);
    }
    return run;
  }

  /** Activity totals summed over teams (activity metrics aggregate up the hierarchy by sum). */
  activityOfTeams(teams: readonly Team[]): Record<string, number> {
    const ids = this.activityMetricIds;
    const up = this.catalog.activityUpSum;
    // Not a shared scratch array: teamActivity below fills that one.
    const values = taggedScratch(ids.length) as number[];
    values.fill(0);
    for (const t of teams) {
      const a = this.teamActivity(t).totals;
      for (let i = 0; i < ids.length; i++) if (up[i] === 1) values[i] = values[i]! + (a[ids[i]!] ?? 0);
    }
    return this.catalog.makeTotals(values);
  }

  /**
   * Area metrics of a unit: its own latest value up to the end of the period for each metric, else the
   * sum over its valid children (recursively). Undefined when nobody reports the metric.
   */
  area(unitId: string): Readonly<Record<string, number | undefined>> {
    const slot = this.slotOfUnitId(unitId);
    if (slot === undefined) {
      // An id the dataset never mentions: no indicators, no children.
      let r = this.areaOfUnknown.get(unitId);
      if (r === undefined) {
        r = this.areaOfUnit(undefined, NO_UNITS);
        this.areaOfUnknown.set(unitId, r);
      }
      return r;
    }
    const memo = this.areaMemo[slot];
    if (memo !== undefined) return memo;
    if (this.childrenOf[slot] === undefined) {
      // A leaf (most units are villages): no traversal.
      const result = this.areaOfUnit(slot, NO_UNITS);
      this.areaMemo[slot] = result;
      return result;
    }
    // Post-order over the subtree, iteratively, so deep hierarchies cannot overflow the stack. Every id
    // reached is a child of a known unit, so it has a slot.
    const order: number[] = [];
    const seen = new Set<number>();
    const stack = [slot];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (seen.has(s) || this.areaMemo[s] !== undefined) continue;
      seen.add(s);
      order.push(s);
      for (const c of this.activeChildren(s)) stack.push(this.unitSlot.get(c.id)!);
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const s = order[i]!;
      this.areaMemo[s] = this.areaOfUnit(s, this.activeChildren(s));
    }
    return this.areaMemo[slot]!;
  }

  private activeChildren(slot: number): readonly OrgUnit[] {
    const list = this.childrenOf[slot];
    return list === undefined ? NO_UNITS : list.filter((u) => this.unitActive(u));
  }

  /** One unit's area metrics, its children's already memoised. */
  private areaOfUnit(unitSlot: number | undefined, kids: readonly OrgUnit[]): Record<string, number | undefined> {
    const c = this.catalog;
    const ids = this.areaMetricIds;
    const slotOf = c.areaSlot;
    const own = this.areaOwn;
    own.fill(undefined);
    const limit = this.period.to;
    const limitYear = this.limitYear;
    const keys = this.areaRowKeys;
    const keySlots = this.areaRowSlots;
    const { start, items } = this.indicatorsOf;
    for (let r = unitSlot === undefined ? 0 : start[unitSlot]!, end = unitSlot === undefined ? 0 : start[unitSlot + 1]!; r < end; r++) {
      const row = items[r]!;
      const p = row.period;
      // indicatorMonth(p) > limit, without building `${p}-12` for a yearly row: the year decides, or on
      // the same year "-12" against the rest of the limit.
      const after =
        typeof p === 'string' && p.length === 4 && limitYear !== undefined
          ? p > limitYear || (p === limitYear && this.decemberAfterLimit)
          : indicatorMonth(p) > limit;
      if (after) break;
      const metrics = row.metrics;
      if (metrics == null) Object.entries(metrics); // unvalidated data: throw the TypeError Object.entries threw
      // Rows mostly share one key order: remember each position's key and slot (one comparison instead
      // of a map lookup per key).
      let j = 0;
      for (const k in metrics) {
        let i: number;
        if (keys[j] === k) i = keySlots[j]!;
        else {
          i = slotOf.get(k) ?? -1;
          keys[j] = k;
          keySlots[j] = i;
        }
        if (i >= 0) own[i] = metrics[k]; // rows are sorted: later wins
        j += 1;
      }
    }
    const kidAreas = kids.length === 0 ? undefined : kids.map((k) => this.areaMemo[this.unitSlot.get(k.id)!]);
    const values = this.areaValues;
    for (let i = 0; i < ids.length; i++) {
      let v = own[i] as number | undefined;
      if (v === undefined && kidAreas !== undefined && c.areaUpSum[i] === 1) {
        const metric = ids[i]!;
        for (let k = 0; k < kidAreas.length; k++) {
          const cv = kidAreas[k]?.[metric];
          if (cv !== undefined) v = (v ?? 0) + cv;
        }
      }
      values[i] = v;
    }
    return c.makeArea(values as (number | undefined)[]);
  }

  /** Coverage ratios (numerator / denominator) from area metrics; undefined without a positive denominator. */
  coverage(area: Readonly<Record<string, number | undefined>>): Record<string, number | undefined> {
    const c = this.catalog;
    const values = this.coverageValues;
    for (let i = 0; i < values.length; i++) {
      const n = area[c.ratioNumerators[i]!];
      const d = area[c.ratioDenominators[i]!];
      values[i] = n === undefined || d === undefined || d <= 0 ? undefined : n / d;
    }
    return c.makeCoverage(values as (number | undefined)[]);
  }

  /** Totals per basic task from activity totals. */
  tasks(totals: Readonly<Record<string, number>>): Record<Task, number> {
    const c = this.catalog;
    const builtin = c.builtinTasks?.(totals);
    if (builtin !== undefined) return builtin;
    const ids = this.activityMetricIds;
    const acc = this.taskSum;
    acc.fill(0);
    let numbers = c.tasksKnown;
    for (let i = 0; numbers && i < ids.length; i++) {
      const task = c.activityTask[i]!;
      if (task < 0) continue;
      const v = totals[ids[i]!] ?? 0;
      if (typeof v !== 'number') numbers = false;
      else acc[task] = acc[task]! + v;
    }
    if (!numbers) {
      // Tasks outside TASKS or values that are not numbers: the general path, with `+=`'s own semantics.
      const out = Object.fromEntries(TASKS.map((t) => [t, 0])) as Record<Task, number>;
      for (const id of ids) {
        const task = this.metrics.get(id)!.task;
        if (task !== undefined) out[task] += totals[id] ?? 0;
      }
      return out;
    }
    // A literal, keys in TASKS order (checked by a test).
    return {
      publicServices: smallInt(acc[0]!),
      onlineShopping: smallInt(acc[1]!),
      onlinePayment: smallInt(acc[2]!),
      cyberSafety: smallInt(acc[3]!),
      localPlatforms: smallInt(acc[4]!),
    };
  }
}

/** A yearly indicator (`YYYY`) counts as of December of that year. */
export function indicatorMonth(period: string): string {
  return period.length === 4 ? `${period}-12` : period;
}

/** An array as is; any other iterable copied (a non-iterable throws, as the for…of it replaces did). */
function arrayOf<T>(items: Iterable<T>): readonly T[] {
  return Array.isArray(items) ? (items as readonly T[]) : [...items];
}

/** Groups values by their slot (a counting sort), each group then sorted by `compare` (a stable sort). */
function groupBySlot<V>(values: readonly V[], slotOf: Int32Array, slots: number, compare: (a: V, b: V) => number): Groups<V> {
  const start = new Int32Array(slots + 1);
  for (let i = 0; i < values.length; i++) start[slotOf[i]! + 1] = start[slotOf[i]! + 1]! + 1;
  for (let s = 0; s < slots; s++) start[s + 1] = start[s + 1]! + start[s]!;
  const next = start.slice(0, slots);
  const items = new Array<V>(values.length);
  for (let i = 0; i < values.length; i++) {
    const s = slotOf[i]!;
    items[next[s]!] = values[i]!;
    next[s] = next[s]! + 1;
  }
  for (let s = 0; s < slots; s++) {
    const from = start[s]!;
    const to = start[s + 1]!;
    if (to - from < 2) continue;
    const group = items.slice(from, to).sort(compare);
    for (let k = 0; k < group.length; k++) items[from + k] = group[k]!;
  }
  return { start, items };
}

function sortLists<V>(lists: readonly (V[] | undefined)[], compare: (a: V, b: V) => number): void {
  for (let i = 0; i < lists.length; i++) {
    const list = lists[i];
    if (list !== undefined && list.length > 1) list.sort(compare);
  }
}

function pushAt<V>(lists: (V[] | undefined)[], slot: number, value: V): void {
  while (lists.length < slot) lists.push(undefined); // stay a packed array
  const list = lists[slot];
  if (list === undefined) lists[slot] = [value];
  else list.push(value);
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function minStr(a: string, b: string): string {
  return a < b ? a : b;
}

// ── Literals for the built-in catalog's shapes (see recordBuilder) ────────────────────────────────────
// Keys in the order of BUILTIN_METRICS / BUILTIN_RATIOS; a catalog whose ids differ in any way is built
// by the generic builder instead (a test checks that the built-in catalog takes these).

function builtinActivityTotals(v: ArrayLike<number>): Record<string, number> {
  return {
    householdsVisited: v[0]!,
    peopleGuided: v[1]!,
    trainingSessionsHeld: v[2]!,
    trainingAttendees: v[3]!,
    guidedPublicServices: v[4]!,
    publicServiceAccountsCreated: v[5]!,
    onlineDossiersFiled: v[6]!,
    vneidInstalls: v[7]!,
    vneidLevel2Activations: v[8]!,
    vssidInstalls: v[9]!,
    eHealthRecords: v[10]!,
    guidedOnlineShopping: v[11]!,
    ecommerceAccountsOpened: v[12]!,
    digitalStoresOpened: v[13]!,
    guidedOnlinePayment: v[14]!,
    paymentAccountsOpened: v[15]!,
    cashlessMerchantsOnboarded: v[16]!,
    guidedCyberSafety: v[17]!,
    simCardsRegistered: v[18]!,
    guidedLocalPlatforms: v[19]!,
    localPlatformAccounts: v[20]!,
  };
}

function builtinArea(v: ArrayLike<number | undefined>): Record<string, number | undefined> {
  return {
    population: v[0],
    workingAgePopulation: v[1],
    adults: v[2],
    households: v[3],
    workingAgeOnlinePublicServiceUsers: v[4],
    adultsWithSmartphone: v[5],
    adultsUsingSmartDevice: v[6],
    adultsWithVneidLevel2: v[7],
    adultsMeetingDigitalKnowledgeStandard: v[8],
    adultsWithPaymentAccount: v[9],
    householdsWithFiveSkills: v[10],
    population15Plus: v[11],
    people15PlusWithPaymentAccount: v[12],
    workingAgeTrainedBasicDigitalSkills: v[13],
  };
}

function builtinCoverage(v: ArrayLike<number | undefined>): Record<string, number | undefined> {
  return {
    onlinePublicServices: v[0],
    smartphone: v[1],
    smartDeviceUse: v[2],
    vneidLevel2: v[3],
    digitalKnowledge: v[4],
    paymentAccount: v[5],
    householdsFiveSkills: v[6],
    paymentAccount15Plus: v[7],
    basicDigitalSkillsTraining: v[8],
  };
}

/**
 * Tasks of built-in activity totals: named reads (one hidden class, so fast) instead of a computed read
 * per metric, added in catalog order from 0 as the general path does. Undefined when a value is not a
 * number, which the general path handles with `+=`'s own semantics.
 */
function builtinTasks(t: Readonly<Record<string, number>>): Record<Task, number> | undefined {
  const ps1 = t['guidedPublicServices'] ?? 0;
  const ps2 = t['publicServiceAccountsCreated'] ?? 0;
  const ps3 = t['onlineDossiersFiled'] ?? 0;
  const ps4 = t['vneidInstalls'] ?? 0;
  const ps5 = t['vneidLevel2Activations'] ?? 0;
  const ps6 = t['vssidInstalls'] ?? 0;
  const ps7 = t['eHealthRecords'] ?? 0;
  const os1 = t['guidedOnlineShopping'] ?? 0;
  const os2 = t['ecommerceAccountsOpened'] ?? 0;
  const os3 = t['digitalStoresOpened'] ?? 0;
  const op1 = t['guidedOnlinePayment'] ?? 0;
  const op2 = t['paymentAccountsOpened'] ?? 0;
  const op3 = t['cashlessMerchantsOnboarded'] ?? 0;
  const cs1 = t['guidedCyberSafety'] ?? 0;
  const cs2 = t['simCardsRegistered'] ?? 0;
  const lp1 = t['guidedLocalPlatforms'] ?? 0;
  const lp2 = t['localPlatformAccounts'] ?? 0;
  if (
    typeof ps1 !== 'number' || typeof ps2 !== 'number' || typeof ps3 !== 'number' || typeof ps4 !== 'number' ||
    typeof ps5 !== 'number' || typeof ps6 !== 'number' || typeof ps7 !== 'number' || typeof os1 !== 'number' ||
    typeof os2 !== 'number' || typeof os3 !== 'number' || typeof op1 !== 'number' || typeof op2 !== 'number' ||
    typeof op3 !== 'number' || typeof cs1 !== 'number' || typeof cs2 !== 'number' || typeof lp1 !== 'number' ||
    typeof lp2 !== 'number'
  ) {
    return undefined;
  }
  return {
    publicServices: smallInt(0 + ps1 + ps2 + ps3 + ps4 + ps5 + ps6 + ps7),
    onlineShopping: smallInt(0 + os1 + os2 + os3),
    onlinePayment: smallInt(0 + op1 + op2 + op3),
    cyberSafety: smallInt(0 + cs1 + cs2),
    localPlatforms: smallInt(0 + lp1 + lp2),
  };
}
