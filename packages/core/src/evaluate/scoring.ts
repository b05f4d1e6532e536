/**
 * The compiled engine's per-subject scoring loop, shared by `evaluateSync` / `evaluate` and the benchmark.
 *
 * Results are immutable values, so identical ones are built once and shared between subjects:
 *
 * - **fast mode**: a `pass` criterion has three possible results (passed, failed, not applicable), a
 *   `steps` criterion one per step; those are built once per evaluation. A `ratio` result is built per
 *   subject (a Map keyed by a double costs more than the arithmetic).
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
import { factReader, type CompiledCriterion, type CompiledSet, type ConditionPlan, type FactReader, type FactRow } from './compile.js';
import { FactFailure, Observations, PluginFailure, errorResult, scoreCriterion, statusOf, totalSubject, type CheckFn } from './run.js';
import type { CriterionResult, ExplainedCondition, RatingRef, SubjectInfo, SubjectResult } from './types.js';

const CORE_PLUGIN = '@cnscd/core';

/** Distinct results kept per criterion and evaluation (explain mode ~1–2 KB each, fast mode ~100 B). */
export const MEMO_LIMIT = 4096;

interface Entry {
  readonly result: CriterionResult;
  /** Scoring it recorded a missing value (replayed on every reuse, so warnings still count subjects). */
  readonly missing: boolean;
}

/** Per criterion: the results built in advance, and the memo. */
interface CriterionPlan {
  readonly cc: CompiledCriterion;
  readonly notApplicable: CriterionResult;
  /** `pass` criteria that failed, and `ratio` criteria without a value. */
  readonly failed: CriterionResult;
  readonly passed: CriterionResult;
  /** `steps`: index 0 when no step is reached, i + 1 when step i is the highest reached. */
  readonly steps: readonly CriterionResult[];
  /** The distinct fact values the criterion reads; undefined when its results cannot be memoised. */
  readonly reads: readonly FactReader[] | undefined;
  /** Explain mode: nested maps, one level per read, to an Entry. */
  readonly memo: Map<unknown, unknown>;
  /** Explain mode: entries in the memo. */
  size: number;
  /** Fast mode: checks applicability and scores a criterion whose facts did not fail (not plugin scorers). */
  readonly fast: ((row: FactRow) => CriterionResult) | undefined;
}

/** A result without explanation, in `scoreCriterion`'s key order, frozen. */
const plain = (c: CompiledCriterion['criterion'], status: CriterionResult['status'], points: number): CriterionResult =>
  Object.freeze({ id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints, status, points });

/**
 * Scores subjects of one evaluation with the compiled closures: fast mode (points, status, rating) or
 * explain mode (plus condition trees, detail and reasons). Results equal `scoreCriterion`'s exactly.
 */
export class SubjectScoring {
  private readonly plans: CriterionPlan[];
  /** Every slot some criterion reads. */
  private readonly allSlots: readonly number[];
  private readonly tiersDesc: readonly RatingTier[];
  private readonly ratingRefs: readonly RatingRef[];

  constructor(
    private readonly compiled: CompiledSet,
    private readonly registry: Registry,
    tiersDesc: readonly RatingTier[],
    private readonly observations: Observations,
    private readonly explain: boolean,
    /** Distinct results kept per criterion (0 turns sharing of memoised results off; for tests). */
    private readonly memoLimit = MEMO_LIMIT,
  ) {
    this.tiersDesc = tiersDesc;
    this.allSlots = [...new Set(compiled.criteria.flatMap((cc) => cc.slots))];
    this.ratingRefs = tiersDesc.map((t) => Object.freeze({ id: t.id, label: t.label }));
    this.plans = compiled.criteria.map((cc) => {
      const c = cc.criterion;
      const s = cc.scoring;
      const p = {
        cc,
        notApplicable: plain(c, 'not-applicable', 0),
        failed: plain(c, 'failed', 0),
        passed: plain(c, 'passed', c.maxPoints),
        steps: s.type === 'steps' ? [plain(c, statusOf(0, c.maxPoints), 0), ...s.steps.map((x) => plain(c, statusOf(x.points, c.maxPoints), x.points))] : [],
        reads: explain ? memoReads(cc) : undefined,
        memo: new Map<unknown, unknown>(),
        size: 0,
      };
      return { ...p, fast: explain ? undefined : this.fastScorer(cc, p) };
    });
  }

  /** Score one subject from its fact row (`computeFacts`). */
  score(info: SubjectInfo, row: FactRow): SubjectResult {
    const plans = this.plans;
    const criteria: CriterionResult[] = new Array(plans.length);
    // Most rows have no failed fact: check once per row, then per criterion only when one failed.
    const rowFailed = hasFailure(row, this.allSlots);
    if (this.explain) {
      let check: CheckFn | undefined;
      for (let i = 0; i < plans.length; i++) {
        const p = plans[i]!;
        const memo = p.reads === undefined || (rowFailed && hasFailure(row, p.cc.slots)) ? undefined : this.memoised(p, row);
        if (memo !== undefined) {
          criteria[i] = memo;
          continue;
        }
        check ??= (condition) => {
          const node = condition.explain(row);
          return { result: node.result, node };
        };
        criteria[i] = this.explained(p, row, check);
      }
    } else {
      for (let i = 0; i < plans.length; i++) {
        const p = plans[i]!;
        const fast = p.fast;
        if (fast === undefined || (rowFailed && hasFailure(row, p.cc.slots))) {
          criteria[i] = scoreCriterion(p.cc, row, (cond) => ({ result: cond.test(row) }), false, this.registry, this.compiled, this.observations);
          continue;
        }
        try {
          criteria[i] = fast(row);
        } catch (e) {
          const plugin = e instanceof PluginFailure ? e.plugin : undefined;
          criteria[i] = errorResult(p.cc.criterion, 'CRITERION_FAILED', e instanceof Error ? e.message : String(e), plugin);
        }
      }
    }
    return totalSubject(info, criteria, this.tiersDesc, this.ratingRefs);
  }

  /**
   * Fast mode for a criterion whose facts did not fail: one closure per criterion, built once, that checks
   * applicability and scores; undefined for plugin scorers (they go through `scoreCriterion`).
   */
  private fastScorer(cc: CompiledCriterion, p: Omit<CriterionPlan, 'fast'>): ((row: FactRow) => CriterionResult) | undefined {
    const score = this.applicableScorer(cc, p);
    const applicable = cc.applicable;
    if (score === undefined || applicable === undefined) return score;
    const { notApplicable } = p;
    return (row) => (applicable.test(row) ? score(row) : notApplicable);
  }

  private applicableScorer(cc: CompiledCriterion, p: Omit<CriterionPlan, 'fast'>): ((row: FactRow) => CriterionResult) | undefined {
    const c = cc.criterion;
    const s = cc.scoring;
    const observations = this.observations;
    switch (s.type) {
      case 'pass': {
        const when = s.when;
        const { passed, failed } = p;
        return (row) => (when.test(row) ? passed : failed);
      }
      case 'ratio': {
        const { read, target, floor } = s;
        const { failed } = p;
        // Not memoised: computing is cheaper than a Map lookup keyed by a double.
        return (row) => {
          const actual = read(row);
          if (typeof actual !== 'number' || !Number.isFinite(actual)) {
            observations.missingValue(c.id, s.fact);
            return failed;
          }
          const fraction = floor !== undefined && actual < floor ? 0 : Math.min(Math.max(actual / target, 0), 1);
          const points = clean(fraction * c.maxPoints);
          return { id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints, status: statusOf(points, c.maxPoints), points };
        };
      }
      case 'steps': {
        const { read } = s;
        const results = p.steps;
        // Every step is one leaf comparing the same fact and path (compile.ts): read it once.
        const checks = s.steps.map((x) => x.check.testValue!);
        return (row) => {
          const actual = read(row);
          let reached = -1;
          for (let i = 0; i < checks.length; i++) if (checks[i]!(actual)) reached = i;
          if (actual === undefined || actual === null) observations.missingValue(c.id, s.fact);
          return results[reached + 1]!;
        };
      }
      case 'scorer':
        return undefined;
    }
  }

  /** Explain mode: the memoised result for the values this row holds, or undefined (then score it afresh). */
  private memoised(p: CriterionPlan, row: FactRow): CriterionResult | undefined {
    const reads = p.reads!;
    const full = p.size >= this.memoLimit;
    let node = p.memo;
    const last = reads.length - 1;
    for (let i = 0; i < last; i++) {
      const v = reads[i]!(row);
      if (!isKey(v)) return undefined;
      let next = node.get(v) as Map<unknown, unknown> | undefined;
      if (next === undefined) {
        if (full) return undefined;
        next = new Map();
        node.set(v, next);
      }
      node = next;
    }
    const v = last < 0 ? undefined : reads[last]!(row);
    if (!isKey(v)) return undefined;
    const hit = node.get(v) as Entry | undefined;
    if (hit !== undefined) {
      if (hit.missing) this.observations.missingValue(p.cc.criterion.id, scoredFact(p.cc));
      return hit.result;
    }
    if (full) return undefined;
    const before = this.observations.missingCount;
    const result = this.explained(p, row, (condition) => {
      const n = condition.explain(row);
      return { result: n.result, node: n };
    });
    // An error (a plugin fact inside a path, say) is not a function of the values read: never shared.
    if (result.status === 'error') return result;
    node.set(v, { result: freezeResult(result), missing: this.observations.missingCount !== before });
    p.size += 1;
    return result;
  }

  private explained(p: CriterionPlan, row: FactRow, check: CheckFn): CriterionResult {
    return scoreCriterion(p.cc, row, check, true, this.registry, this.compiled, this.observations);
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
function memoReads(cc: CompiledCriterion): FactReader[] | undefined {
  const s = cc.scoring;
  if (s.type === 'scorer') return undefined;
  const reads = new Map<string, FactReader>();
  const add = (slot: number, segments: readonly string[] | undefined): void => {
    const key = segments === undefined ? `${slot}` : `${slot}\u0000${segments.join('\u0000')}`;
    if (!reads.has(key)) reads.set(key, factReader(slot, segments));
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
