/**
 * The compiled engine's scoring of subjects in batches, shared by `evaluateSync` / `evaluate` and the benchmark.
 *
 * Results are immutable values, so identical ones are built once and shared between subjects:
 *
 * - **fast mode**: a `pass` criterion has three possible results (passed, failed, not applicable), a
 *   `steps` criterion one per step; those are built once per compiled set (and so shared by its
 *   evaluations too; see {@link StaticPlan}). A `ratio` result depends only
 *   on its points and is kept in a small direct-mapped cache by points, from its second sighting on.
 * - **explain mode**: a criterion's whole explained result (condition trees, detail, reason in both
 *   languages) is a pure function of the fact values it reads, when it reads no failed fact and uses only
 *   the core's operators (a plugin operator is not assumed pure). It is kept per distinct tuple of those
 *   values when they are all primitives. Counts recur across teams (members, reports, trained members…),
 *   so most subjects reuse a result built for an earlier one.
 *
 * Memos live in one {@link SubjectScoring} (one evaluation) and are bounded per criterion
 * ({@link MEMO_LIMIT}); a value past the bound is scored afresh each time. Shared results are frozen, so a
 * caller that mutates one gets a TypeError instead of silently changing other subjects' results.
 */
import { clean } from '../internal/numbers.js';
import type { RatingTier } from '../criteria/types.js';
import type { Registry } from '../plugin/registry.js';
import { columnRead, Columns, vectorise, type ColumnRead, type VectorCondition } from './columns.js';
import { CORE_PLUGIN, type CompiledCriterion, type CompiledSet, type ConditionPlan, type FactRow } from './compile.js';
import { FactFailure, type Observations, ratedSubject, scoreCriterion, statusOf, type CheckFn } from './run.js';
import type { CriterionResult, ExplainedCondition, RatingRef, SubjectInfo, SubjectResult } from './types.js';

/** Distinct results kept per criterion and evaluation (explain mode, ~1–2 KB each). */
export const MEMO_LIMIT = 4096;
/** Lookups after which a criterion's memo is dropped if fewer than a quarter of them found a result. */
const MEMO_TRIAL = 1024;
/** Batches smaller than this are scored afresh in explain mode. */
const MEMO_MIN_BATCH = 32;

interface Entry {
  readonly result: CriterionResult;
  /** Scoring it recorded a missing value (replayed on every reuse, so warnings still count subjects). */
  readonly missing: boolean;
}

/** Fast mode: how a criterion is scored column by column (see columns.ts). */
type VectorPlan =
  | { readonly type: 'pass'; readonly applicable: VectorCondition | undefined; readonly when: VectorCondition }
  | { readonly type: 'ratio'; readonly applicable: VectorCondition | undefined; readonly read: ColumnRead }
  | {
      readonly type: 'steps';
      readonly applicable: VectorCondition | undefined;
      readonly read: ColumnRead;
      readonly steps: readonly VectorCondition[];
    };

/** A result's first four fields, copied from the criterion. */
type ResultBase = Pick<CriterionResult, 'id' | 'title' | 'group' | 'maxPoints'>;

/**
 * What scoring a criterion needs that depends on the compiled criterion alone: built once per compiled set
 * and mode (kept in `CompiledSet.scoringPlans`) and shared by every evaluation with that set. The results
 * in it are frozen, so sharing them between evaluations is as invisible as between subjects.
 */
export interface StaticPlan {
  readonly cc: CompiledCriterion;
  /**
   * The criterion's fields a result copies, in one object of a fixed shape: criteria come in several
   * shapes (with or without `applicableWhen`, `description`…), and reading those costs more.
   */
  readonly base: ResultBase;
  readonly notApplicable: CriterionResult;
  /** `pass` criteria that failed, and `ratio` criteria without a value. */
  readonly failed: CriterionResult;
  readonly passed: CriterionResult;
  /** `steps`: index 0 when no step is reached, i + 1 when step i is the highest reached. */
  readonly steps: readonly CriterionResult[];
  /** Fast mode: the column-at-a-time plan; undefined when scored row by row (plugin operators, scorers). */
  readonly vector: VectorPlan | undefined;
  /** Explain mode: the distinct fact values the criterion reads; undefined when it cannot be memoised. */
  readonly reads: readonly ColumnRead[] | undefined;
}

/** Per criterion and evaluation: the static plan's parts, and this evaluation's caches. */
interface CriterionPlan extends StaticPlan {
  /** Fast mode, `ratio`: results by points. */
  readonly byPoints: PointsCache;
  /** Explain mode: nested maps, one level per read, to an Entry (made on first use). */
  memo: Map<unknown, unknown> | undefined;
  /** Explain mode: entries in the memo. */
  size: number;
  /** Explain mode: lookups that found a result, and that did not. */
  hits: number;
  misses: number;
}

/** The static plans of a compiled set for one mode (see {@link StaticPlan}). */
function staticPlans(compiled: CompiledSet, explain: boolean): readonly StaticPlan[] {
  const cache = compiled.scoringPlans;
  const known = explain ? cache.explain : cache.fast;
  if (known !== undefined) return known;
  const plans = compiled.criteria.map((cc): StaticPlan => {
    const c = cc.criterion;
    const s = cc.scoring;
    const base: ResultBase = { id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints };
    return {
      cc,
      base,
      notApplicable: plain(base, 'not-applicable', 0),
      failed: plain(base, 'failed', 0),
      passed: plain(base, 'passed', c.maxPoints),
      steps:
        s.type === 'steps'
          ? [plain(base, statusOf(0, c.maxPoints), 0), ...s.steps.map((x) => plain(base, statusOf(x.points, c.maxPoints), x.points))]
          : [],
      vector: explain ? undefined : vectorPlan(cc),
      reads: explain ? memoReads(cc) : undefined,
    };
  });
  if (explain) cache.explain = plans;
  else cache.fast = plans;
  return plans;
}

/** A result without explanation, in `scoreCriterion`'s key order, for one subject. */
const fresh = (c: ResultBase, status: CriterionResult['status'], points: number): CriterionResult => ({
  id: c.id,
  title: c.title,
  group: c.group,
  maxPoints: c.maxPoints,
  status,
  points,
});

/** The same, frozen, to be shared by subjects. */
const plain = (c: ResultBase, status: CriterionResult['status'], points: number): CriterionResult => Object.freeze(fresh(c, status, points));

/** Subjects scored together: columns of fact values are read once per batch. */
export const BATCH_SIZE = 1024;

/**
 * Scores the subjects of one evaluation with the compiled plans, in batches: fast mode (points, status,
 * rating) criterion by criterion over columns of fact values, or explain mode (plus condition trees,
 * detail and reasons) with memoised results. Results equal `scoreCriterion`'s exactly.
 *
 * @example
 * ```ts
 * const scoring = new SubjectScoring(compiled, registry, tiersDesc, observations, false);
 * const results = scoring.scoreMany(infos, rows); // rows from computeFacts, same order as infos
 * ```
 */
export class SubjectScoring {
  private readonly plans: CriterionPlan[];
  private readonly tiersDesc: readonly RatingTier[];
  private readonly ratingRefs: readonly RatingRef[];
  /** A batch row's criteria before scoring: one null per criterion. */
  private readonly emptyRow: (CriterionResult | null)[];

  constructor(
    private readonly compiled: CompiledSet,
    private readonly registry: Registry,
    tiersDesc: readonly RatingTier[],
    private readonly observations: Observations,
    private readonly explain: boolean,
    /** Tuning, for tests: distinct results kept per criterion (0 turns the memo off), smallest memoised batch. */
    private readonly tuning: { readonly memoLimit?: number; readonly memoMinBatch?: number } = {},
  ) {
    this.tiersDesc = tiersDesc;
    this.ratingRefs = tiersDesc.map((t) => Object.freeze({ id: t.id, label: t.label }));
    this.emptyRow = compiled.criteria.map(() => null);
    this.plans = staticPlans(compiled, explain).map((s) => ({
      cc: s.cc,
      base: s.base,
      notApplicable: s.notApplicable,
      failed: s.failed,
      passed: s.passed,
      steps: s.steps,
      vector: s.vector,
      reads: s.reads,
      byPoints: new PointsCache(s.base),
      memo: undefined,
      size: 0,
      hits: 0,
      misses: 0,
    }));
  }

  /**
   * Score subjects from their fact rows (`computeFacts`; `rows[i]` is `infos[i]`'s), in batches of
   * {@link BATCH_SIZE}. The same results as scoring each subject alone with `scoreCriterion`.
   */
  scoreMany(infos: readonly SubjectInfo[], rows: readonly FactRow[]): SubjectResult[] {
    const out: SubjectResult[] = new Array(rows.length);
    for (let start = 0; start < rows.length; start += BATCH_SIZE) {
      const end = Math.min(rows.length, start + BATCH_SIZE);
      this.batch(infos.slice(start, end), rows.slice(start, end), out, start);
    }
    return out;
  }

  private batch(infos: readonly SubjectInfo[], rows: readonly FactRow[], out: SubjectResult[], offset: number): void {
    const n = rows.length;
    const plans = this.plans;
    const t: Totals = {
      criteria: new Array(n),
      score: new Float64Array(n),
      max: new Float64Array(n),
      applicable: new Int32Array(n),
      errors: new Uint8Array(n),
    };
    // Copies of one template: every row array has the same elements kind from the start, so the optimised
    // code is not thrown away when an allocation site learns a new kind (`new Array(k).fill` did that).
    const empty = this.emptyRow;
    for (let i = 0; i < n; i++) t.criteria[i] = empty.slice() as CriterionResult[]; // every slot is set below
    // Most rows have no failed fact (computeFacts marks those that do); the others are checked per criterion.
    const rowFailed = new Uint8Array(n);
    for (let i = 0; i < n; i++) rowFailed[i] = rows[i]!.failed === true ? 1 : 0;
    const cols = new Columns(rows);
    for (let k = 0; k < plans.length; k++) {
      const p = plans[k]!;
      const slots = p.cc.slots;
      // Called only for rows computeFacts marked failed (`rowFailed[i] === 1 && skip(i)`), so most rows pay
      // one byte read per criterion, not a call.
      const skip = (i: number): boolean => hasFailure(rows[i]!, slots);
      if (this.explain) {
        this.explainColumn(p, k, cols, rowFailed, skip, t);
        continue;
      }
      let done = false;
      if (p.vector !== undefined) {
        try {
          this.vectorColumn(p, p.vector, k, cols, rowFailed, skip, t);
          done = true;
        } catch {
          // Core operators do not throw, but a plugin fact's object could (a getter read by a path). Every
          // column and verdict is computed before vectorColumn records any row, so nothing was recorded:
          // score this criterion row by row, where the error is reported for the subjects it concerns.
        }
      }
      for (let i = 0; i < n; i++) {
        if (done && !(rowFailed[i] === 1 && skip(i))) continue;
        const row = rows[i]!;
        put(
          t,
          i,
          k,
          scoreCriterion(p.cc, row, (cond) => ({ result: cond.test(row) }), false, this.registry, this.compiled, this.observations),
        );
      }
    }
    for (let i = 0; i < n; i++) {
      out[offset + i] = ratedSubject(
        infos[i]!,
        t.criteria[i]!,
        t.score[i]!,
        t.max[i]!,
        t.applicable[i]!,
        t.errors[i] === 0,
        this.tiersDesc,
        this.ratingRefs,
      );
    }
  }

  /** Fast mode, one criterion over a batch; failed rows where `skip` holds are left to the caller. */
  private vectorColumn(p: CriterionPlan, v: VectorPlan, k: number, cols: Columns, failed: Uint8Array, skip: (i: number) => boolean, t: Totals): void {
    const n = cols.length;
    const c = p.cc.criterion;
    const app = v.applicable?.(cols);
    const { notApplicable, passed } = p;
    const notPassed = p.failed;
    switch (v.type) {
      case 'pass': {
        const ok = v.when(cols);
        for (let i = 0; i < n; i++) {
          if (failed[i] === 1 && skip(i)) continue;
          if (app !== undefined && app[i] === 0) t.criteria[i]![k] = notApplicable;
          else scored(t, i, k, ok[i] === 1 ? passed : notPassed, ok[i] === 1 ? c.maxPoints : 0, c.maxPoints);
        }
        return;
      }
      case 'ratio': {
        const s = p.cc.scoring as Extract<CompiledCriterion['scoring'], { type: 'ratio' }>;
        const col = cols.get(v.read);
        // ratioFraction inline (test/scoring-memo.test.ts compares with scoreCriterion), with the plan's
        // numbers read once: plans of several shapes meet here.
        const target = s.target;
        const floor = s.floor ?? Number.NEGATIVE_INFINITY;
        const max = c.maxPoints;
        for (let i = 0; i < n; i++) {
          if (failed[i] === 1 && skip(i)) continue;
          if (app !== undefined && app[i] === 0) {
            t.criteria[i]![k] = notApplicable;
            continue;
          }
          const actual = col[i];
          if (typeof actual !== 'number' || !Number.isFinite(actual)) {
            this.observations.missingValue(c.id, s.fact);
            scored(t, i, k, notPassed, 0, max);
            continue;
          }
          const points = clean((actual < floor ? 0 : Math.min(Math.max(actual / target, 0), 1)) * max);
          scored(t, i, k, p.byPoints.get(points), points, max);
        }
        return;
      }
      case 'steps': {
        const fact = (p.cc.scoring as Extract<CompiledCriterion['scoring'], { type: 'steps' }>).fact;
        const col = cols.get(v.read);
        const reached = v.steps.map((step) => step(cols));
        const results = p.steps;
        for (let i = 0; i < n; i++) {
          if (failed[i] === 1 && skip(i)) continue;
          if (app !== undefined && app[i] === 0) {
            t.criteria[i]![k] = notApplicable;
            continue;
          }
          // The highest step reached: the last j whose verdict holds.
          let top = reached.length - 1;
          while (top >= 0 && reached[top]![i] !== 1) top--;
          const actual = col[i];
          if (actual === undefined || actual === null) this.observations.missingValue(c.id, fact);
          const r = results[top + 1]!;
          scored(t, i, k, r, r.points, c.maxPoints);
        }
        return;
      }
    }
  }

  /** Explain mode, one criterion over a batch: memoised results where the values read allow, else afresh. */
  private explainColumn(p: CriterionPlan, k: number, cols: Columns, failed: Uint8Array, skip: (i: number) => boolean, t: Totals): void {
    const n = cols.length;
    // A criterion whose values rarely repeat (a coverage rate per village) gains nothing from the memo.
    // So does a small batch (one request about one commune): building and freezing entries costs more.
    const useful = n >= (this.tuning.memoMinBatch ?? MEMO_MIN_BATCH) && (p.hits + p.misses < MEMO_TRIAL || p.hits * 4 >= p.hits + p.misses);
    let values: (readonly unknown[])[] | undefined;
    try {
      values = useful ? p.reads?.map((r) => cols.get(r)) : undefined;
    } catch {
      // A plugin fact's object whose getter throws, read by a path: no memo for this batch. Each subject is
      // explained afresh, and scoreCriterion reports the error for the subjects it concerns.
      values = undefined;
    }
    for (let i = 0; i < n; i++) {
      const row = cols.rows[i]!;
      const memo = values === undefined || (failed[i] === 1 && skip(i)) ? undefined : this.memoised(p, values, i, row);
      put(t, i, k, memo ?? this.explained(p, row));
    }
  }

  /** Explain mode: the memoised result for row `i`'s values, or undefined (then score it afresh). */
  private memoised(p: CriterionPlan, values: readonly (readonly unknown[])[], i: number, row: FactRow): CriterionResult | undefined {
    const full = p.size >= (this.tuning.memoLimit ?? MEMO_LIMIT);
    let node = (p.memo ??= new Map<unknown, unknown>());
    const last = values.length - 1;
    for (let j = 0; j < last; j++) {
      const v = values[j]![i];
      if (!isKey(v)) return undefined;
      let next = node.get(v) as Map<unknown, unknown> | undefined;
      if (next === undefined) {
        if (full) return undefined;
        next = new Map();
        node.set(v, next);
      }
      node = next;
    }
    const v = last < 0 ? undefined : values[last]![i];
    if (!isKey(v)) return undefined;
    const hit = node.get(v) as Entry | undefined;
    if (hit !== undefined) {
      p.hits += 1;
      if (hit.missing) this.observations.missingValue(p.cc.criterion.id, scoredFact(p.cc));
      return hit.result;
    }
    p.misses += 1;
    if (full) return undefined;
    const before = this.observations.missingCount;
    const result = this.explained(p, row);
    // An error (a plugin fact inside a path, say) is not a function of the values read: never shared.
    if (result.status === 'error') return result;
    node.set(v, { result: freezeResult(result), missing: this.observations.missingCount !== before });
    p.size += 1;
    return result;
  }

  private explained(p: CriterionPlan, row: FactRow): CriterionResult {
    const check: CheckFn = (condition) => {
      const node = condition.explain(row);
      return { result: node.result, node };
    };
    return scoreCriterion(p.cc, row, check, true, this.registry, this.compiled, this.observations);
  }
}

/**
 * Fast-mode `ratio` results by points, shared: a direct-mapped cache (a Map keyed by doubles costs more
 * than building the object). Points take few values for most ratios (reporting rates are k/12, shares of
 * a few members); a colliding or new value replaces the slot's entry. A value is shared (and so frozen)
 * from its second sighting on: a coverage rate's points rarely repeat, and freezing an object that only
 * one subject will hold costs more than building it.
 */
class PointsCache {
  // Allocated on first use: an evaluation of a handful of subjects should not pay for 256 slots per criterion.
  private keys: Float64Array | undefined;
  private values: (CriterionResult | undefined)[] = [];

  constructor(private readonly base: ResultBase) {}

  get(points: number): CriterionResult {
    const b = this.base;
    // -0 equals 0 for ===; give it its own object, as scoring each subject afresh would.
    if (Object.is(points, -0)) return fresh(b, statusOf(points, b.maxPoints), points);
    const keys = (this.keys ??= new Float64Array(256).fill(Number.NaN));
    const h = (Math.floor(points * 8191) >>> 0) & 255;
    if (keys[h] !== points) {
      keys[h] = points;
      this.values[h] = undefined;
      return fresh(b, statusOf(points, b.maxPoints), points);
    }
    return (this.values[h] ??= plain(b, statusOf(points, b.maxPoints), points));
  }
}

/** A batch's results so far: per row, the criteria and the running sums `totalSubject` would make. */
interface Totals {
  readonly criteria: CriterionResult[][];
  readonly score: Float64Array;
  readonly max: Float64Array;
  readonly applicable: Int32Array;
  readonly errors: Uint8Array;
}

/** Record row i's result for criterion k, which counts (applicable, no error) with these points. */
function scored(t: Totals, i: number, k: number, r: CriterionResult, points: number, maxPoints: number): void {
  t.criteria[i]![k] = r;
  t.score[i]! += points;
  t.max[i]! += maxPoints;
  t.applicable[i]! += 1;
}

/** Record row i's result for criterion k, whatever its status (criteria are added in order, as totalSubject does). */
function put(t: Totals, i: number, k: number, r: CriterionResult): void {
  if (r.status === 'error') {
    t.criteria[i]![k] = r;
    t.errors[i] = 1;
  } else if (r.status === 'not-applicable') t.criteria[i]![k] = r;
  else scored(t, i, k, r, r.points, r.maxPoints);
}

/** The column-at-a-time plan of a criterion, or undefined when it must be scored row by row. */
function vectorPlan(cc: CompiledCriterion): VectorPlan | undefined {
  const s = cc.scoring;
  let applicable: VectorCondition | undefined;
  if (cc.applicable !== undefined) {
    applicable = vectorise(cc.applicable.plan);
    if (applicable === undefined) return undefined;
  }
  switch (s.type) {
    case 'pass': {
      const when = vectorise(s.when.plan);
      return when === undefined ? undefined : { type: 'pass', applicable, when };
    }
    case 'ratio':
      return { type: 'ratio', applicable, read: columnRead(s.slot, s.segments) };
    case 'steps': {
      const steps: VectorCondition[] = [];
      for (const step of s.steps) {
        const v = vectorise(step.check.plan);
        if (v === undefined) return undefined;
        steps.push(v);
      }
      return { type: 'steps', applicable, read: columnRead(s.slot, s.segments), steps };
    }
    case 'scorer':
      return undefined;
  }
}

/** The fact a ratio or steps criterion records as missing. */
function scoredFact(cc: CompiledCriterion): string {
  const s = cc.scoring;
  return s.type === 'ratio' || s.type === 'steps' ? s.fact : '';
}

function hasFailure(row: FactRow, slots: readonly number[]): boolean {
  for (let i = 0; i < slots.length; i++) if (row[slots[i]!] instanceof FactFailure) return true;
  return false;
}

/** A memo key: a primitive that Map compares exactly as the scoring would (not -0, which Map folds into 0). */
function isKey(v: unknown): boolean {
  switch (typeof v) {
    case 'number':
      return !Object.is(v, -0);
    case 'boolean':
    case 'undefined':
      return true;
    case 'string':
      return v.length <= 256;
    default:
      return v === null;
  }
}

/**
 * The distinct (fact, path) values a criterion reads, in a fixed order; undefined when its result is not
 * a function of them alone (a plugin scorer, or a plugin operator, which may not be pure).
 */
function memoReads(cc: CompiledCriterion): ColumnRead[] | undefined {
  const s = cc.scoring;
  if (s.type === 'scorer') return undefined;
  const reads = new Map<string, ColumnRead>();
  const add = (slot: number, segments: readonly string[] | undefined): void => {
    const read = columnRead(slot, segments);
    if (!reads.has(read.key)) reads.set(read.key, read);
  };
  const plans: ConditionPlan[] = [];
  if (cc.applicable !== undefined) plans.push(cc.applicable.plan);
  if (s.type === 'pass') plans.push(s.when.plan);
  if (s.type === 'steps') for (const step of s.steps) plans.push(step.check.plan);
  while (plans.length > 0) {
    const plan = plans.pop()!;
    if (plan.kind === 'fact') {
      if (plan.operatorPlugin !== CORE_PLUGIN) return undefined;
      add(plan.slot, plan.segments);
    } else if (plan.kind === 'not') plans.push(plan.child);
    else plans.push(...plan.children);
  }
  if (s.type === 'ratio' || s.type === 'steps') add(s.slot, s.segments);
  return [...reads.values()];
}

/** Freeze what scoring built (result, reason, detail, condition trees), not the set's own objects. */
function freezeResult(r: CriterionResult): CriterionResult {
  if (r.reason !== undefined) Object.freeze(r.reason);
  if (r.detail !== undefined) {
    const steps = r.detail['steps'];
    if (Array.isArray(steps)) {
      for (const x of steps) Object.freeze(x);
      Object.freeze(steps);
    }
    Object.freeze(r.detail);
  }
  const nodes: ExplainedCondition[] = [];
  if (r.explanation !== undefined) nodes.push(r.explanation);
  if (r.applicability !== undefined) nodes.push(r.applicability);
  while (nodes.length > 0) {
    const n = nodes.pop()!;
    Object.freeze(n);
    if ('all' in n) nodes.push(...Object.freeze(n.all));
    else if ('any' in n) nodes.push(...Object.freeze(n.any));
    else if ('not' in n) nodes.push(n.not);
  }
  return Object.freeze(r);
}
