import { BUILTIN_METRICS, BUILTIN_RATIOS } from '../../model/catalog.js';
import { TASKS, type Dataset, type MetricDefinition, type RatioDefinition, type Task } from '../../model/types.js';
import {
  LAST,
  MAX,
  MEAN,
  SUM,
  builtinActivityTotals,
  builtinArea,
  builtinCoverage,
  builtinTasks,
  recordBuilder,
  type RecordBuilder,
} from './shapes.js';

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
