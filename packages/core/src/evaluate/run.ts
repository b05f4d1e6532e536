import { clean } from '../internal/numbers.js';
import { problem, type LocalizedText, type Problem } from '../errors.js';
import type { Registry } from '../plugin/registry.js';
import type { FactContext, Period, SubjectRef } from '../plugin/types.js';
import { fmt, pointsWriter, readFact, type CompiledCondition, type CompiledCriterion, type CompiledSet, type FactRow } from './compile.js';
import { conditionReason } from './explain.js';
import { ReasonLabels } from './labels.js';
import { render } from '../messages/define.js';
import { localise, numberText, percentText } from '../messages/format.js';
import { REASONS, type ReasonVerdict } from '../messages/reasons.js';
import { EVALUATION_MESSAGES } from '../messages/problems-evaluation.js';
import type { DatasetIndex } from './indexer.js';
import type { CriterionResult, ExplainedCondition, RatingRef, SubjectResult } from './types.js';
import type { RatingTier } from '../criteria/types.js';
import { parsePath } from '../criteria/path.js';
import { FactFailure, PluginFailure } from './failures.js';

export { FactFailure, PluginFailure };

/** What the observations' messages show for a criterion (its title) and a fact (its label). */
export interface ObservationNames {
  criterion(id: string): LocalizedText | undefined;
  fact(id: string): LocalizedText;
}

/** Counts data-quality observations across subjects so that each becomes one warning. */
export class Observations {
  private readonly notNumber = new Map<string, { plugin: string; count: number; example: unknown }>();
  private readonly noValue = new Map<string, { fact: string; count: number }>();
  private missingCalls = 0;

  /** How many missing values were recorded so far (lets a memo tell whether scoring recorded one). */
  get missingCount(): number {
    return this.missingCalls;
  }

  factNotNumber(fact: string, plugin: string, value: unknown): void {
    const o = this.notNumber.get(fact);
    if (o === undefined) this.notNumber.set(fact, { plugin, count: 1, example: value });
    else o.count += 1;
  }

  missingValue(criterionId: string, fact: string): void {
    this.missingCalls += 1;
    const o = this.noValue.get(criterionId);
    if (o === undefined) this.noValue.set(criterionId, { fact, count: 1 });
    else o.count += 1;
  }

  /** True when nothing was observed (then {@link problems} is empty). */
  get empty(): boolean {
    return this.notNumber.size === 0 && this.noValue.size === 0;
  }

  /**
   * One warning per fact and per criterion observed. `names` gives the criteria's titles and the facts'
   * labels that the messages show (without it, the ids stand in; the params hold the ids either way).
   */
  problems(criteriaIndex: ReadonlyMap<string, number>, names?: ObservationNames): Problem[] {
    const out: Problem[] = [];
    const fact = (id: string): LocalizedText => names?.fact(id) ?? { vi: id, en: id };
    for (const [id, o] of [...this.notNumber].sort(([a], [b]) => (a < b ? -1 : 1))) {
      out.push(
        problem('FACT_NOT_NUMBER', '', render(EVALUATION_MESSAGES, 'factNotNumber', { fact: fact(id), count: o.count, example: fmt(o.example) }), {
          fact: id,
          plugin: o.plugin,
          subjects: o.count,
        }),
      );
    }
    for (const [id, o] of [...this.noValue].sort(([a], [b]) => (a < b ? -1 : 1))) {
      out.push(
        problem(
          'MISSING_DENOMINATOR',
          `/criteria/${criteriaIndex.get(id) ?? 0}`,
          render(EVALUATION_MESSAGES, 'missingDenominator', {
            criterion: names?.criterion(id) ?? { vi: id, en: id },
            fact: fact(o.fact),
            count: o.count,
          }),
          { criterion: id, fact: o.fact, subjects: o.count },
        ),
      );
    }
    return out;
  }
}

/**
 * Compute the facts a compiled set reads, for one subject, in dependency order. A fact that throws
 * becomes a {@link FactFailure}; a number fact that returns NaN or a non-number is recorded and treated
 * as no value.
 */
export function computeFacts(
  compiled: CompiledSet,
  registry: Registry,
  index: DatasetIndex,
  subject: SubjectRef,
  period: Period,
  observations: Observations,
): FactRow {
  const row: FactRow = new Array(compiled.factIds.length);
  let current = 0;
  const ctx: FactContext = {
    subject,
    period,
    asOf: index.asOf,
    index,
    fact: (id) => {
      // Only declared dependencies: an undeclared read would depend on what else the set happens to compute.
      const slot = compiled.slotOf.get(id);
      if (slot === undefined || !compiled.dependsOn[current]!.has(id)) {
        throw new Error(`fact "${id}" was read without being declared in dependsOn.facts`);
      }
      const v = row[slot];
      if (v instanceof FactFailure) throw new Error(`depends on fact "${id}", which failed: ${v.message}`);
      return v;
    },
  };
  for (let i = 0; i < compiled.factIds.length; i++) {
    const id = compiled.factIds[i]!;
    const reg = registry.facts.get(id)!;
    current = i;
    let v: unknown;
    try {
      v = reg.def.compute(ctx);
    } catch (e) {
      row[i] = new FactFailure(id, reg.plugin, e instanceof Error ? e.message : String(e));
      row.failed = true;
      continue;
    }
    if (reg.def.type === 'number' && v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) {
      observations.factNotNumber(id, reg.plugin, v);
      v = undefined;
    }
    row[i] = v;
  }
  return row;
}

/** A condition verdict, with the explained tree in explain mode. */
export interface Verdict {
  readonly result: boolean;
  readonly node?: ExplainedCondition;
}

/** Evaluates a condition of a criterion: `key` is `applicable`, `when` or `step:<i>`. */
export type CheckFn = (condition: CompiledCondition, key: string) => Verdict;

const round = clean;

/** The share of a ratio criterion's points: actual / target in [0, 1], and 0 below the floor. */
export function ratioFraction(s: { readonly target: number; readonly floor?: number }, actual: number): number {
  return s.floor !== undefined && actual < s.floor ? 0 : Math.min(Math.max(actual / s.target, 0), 1);
}

/**
 * Score one criterion for one subject. Conditions are checked through `check` (the compiled closures, or
 * json-rules-engine's recorded verdicts); everything else is shared by both engines.
 */
export function scoreCriterion(
  cc: CompiledCriterion,
  row: FactRow,
  check: CheckFn,
  explain: boolean,
  /** Kept for callers; reasons read the compiled set's labels (which hold the registry). */
  _registry: Registry,
  compiled: CompiledSet,
  observations: Observations,
): CriterionResult {
  const c = cc.criterion;
  // Only computeFacts makes a FactFailure, and it marks the row (FactRow.failed).
  if (row.failed === true) {
    for (const slot of cc.slots) {
      const v = row[slot];
      if (v instanceof FactFailure) return errorResult(c, 'CRITERION_FAILED', `Fact "${v.fact}" failed: ${v.message}`, v.plugin);
    }
  }
  try {
    let applicability: ExplainedCondition | undefined;
    if (cc.applicable !== undefined) {
      const a = check(cc.applicable, 'applicable');
      applicability = a.node;
      if (!a.result) {
        return {
          id: c.id,
          title: c.title,
          group: c.group,
          maxPoints: c.maxPoints,
          status: 'not-applicable',
          points: 0,
          ...(explain && a.node !== undefined
            ? { applicability: a.node, reason: conditionReason(a.node, compiled.labels, cc.applicable.plan, true) }
            : {}),
        };
      }
    }
    const s = cc.scoring;
    switch (s.type) {
      case 'pass': {
        const v = check(s.when, 'when');
        const points = v.result ? c.maxPoints : 0;
        const status = v.result ? 'passed' : 'failed';
        // Literals with the keys in the documented order: a spread of optional parts costs ~1 µs per result.
        const node = explain ? v.node : undefined;
        if (node === undefined) {
          return explain && applicability !== undefined
            ? { id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints, status, points, applicability }
            : { id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints, status, points };
        }
        const reason = conditionReason(node, compiled.labels, s.when.plan);
        return applicability === undefined
          ? { id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints, status, points, explanation: node, reason }
          : { id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints, status, points, applicability, explanation: node, reason };
      }
      case 'ratio': {
        // The most frequent explained result that cannot be shared (rates are rarely equal): every object is
        // one literal with its keys in the documented order, and each number is formatted once.
        const actual = s.read(row);
        if (typeof actual !== 'number' || !Number.isFinite(actual)) {
          observations.missingValue(c.id, s.fact);
          if (!explain) return { id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints, status: 'failed', points: 0 };
          const detail =
            s.path === undefined ? { fact: s.fact, actual: null, target: s.target } : { fact: s.fact, path: s.path, actual: null, target: s.target };
          const reason = s.text.noData;
          return applicability === undefined
            ? { id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints, status: 'failed', points: 0, detail, reason }
            : { id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints, status: 'failed', points: 0, applicability, detail, reason };
        }
        const fraction = ratioFraction(s, actual);
        const points = round(fraction * c.maxPoints);
        const status = statusOf(points, c.maxPoints);
        if (!explain) return { id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints, status, points };
        const f = round(fraction);
        const detail =
          s.floor === undefined
            ? s.path === undefined
              ? { fact: s.fact, actual, target: s.target, fraction: f }
              : { fact: s.fact, path: s.path, actual, target: s.target, fraction: f }
            : s.path === undefined
              ? { fact: s.fact, actual, target: s.target, floor: s.floor, fraction: f }
              : { fact: s.fact, path: s.path, actual, target: s.target, floor: s.floor, fraction: f };
        const { tail } = s.text;
        const head = s.text.heads[status as 'passed' | 'partial' | 'failed'];
        const mid = s.floor !== undefined && actual < s.floor ? s.text.midBelowFloor : s.text.mid;
        // Shared constant pieces around the two numbers (see RatioText), each number written once and
        // localised per language: V8 keeps the result as a short rope until it is read, which costs a third
        // of building it flat with a join.
        const a = s.text.percent ? percentText(actual) : numberText(actual);
        const pts = numberText(points);
        const reason = {
          vi: head.vi + localise(a, 'vi') + mid.vi + localise(pts, 'vi') + tail.vi,
          en: head.en + localise(a, 'en') + mid.en + localise(pts, 'en') + tail.en,
        };
        return applicability === undefined
          ? { id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints, status, points, detail, reason }
          : { id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints, status, points, applicability, detail, reason };
      }
      case 'steps': {
        let reached = -1;
        const nodes: ExplainedCondition[] = [];
        s.steps.forEach((step, i) => {
          const v = check(step.check, `step:${i}`);
          if (v.node !== undefined) nodes.push(v.node);
          if (v.result) reached = i;
        });
        const actual = readFact(row, s.slot, s.segments);
        if (actual === undefined || actual === null) observations.missingValue(c.id, s.fact);
        const points = reached < 0 ? 0 : s.steps[reached]!.points;
        const status = statusOf(points, c.maxPoints);
        if (!explain) return { id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints, status, points };
        const t = s.text;
        const steps = s.steps.map((x) => ({ min: x.min, points: x.points }));
        const value = actual ?? null;
        const stepIndex = reached < 0 ? null : reached;
        const explanation = { any: nodes, result: reached >= 0 };
        const detail =
          s.path === undefined
            ? { fact: s.fact, actual: value, step: stepIndex, steps }
            : { fact: s.fact, path: s.path, actual: value, step: stepIndex, steps };
        const written = ReasonLabels.both(t.value, actual);
        const reason =
          reached < 0
            ? render(REASONS, 'stepsBelow', { name: t.name, actual: written, lowest: t.mins[0] ?? NONE })
            : render(REASONS, 'stepsReached', {
                status: verdictOf(status),
                name: t.name,
                actual: written,
                min: t.mins[reached]!,
                points: ReasonLabels.both(pointsWriter, points),
                max: t.max,
              });
        return applicability === undefined
          ? { id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints, status, points, explanation, detail, reason }
          : { id: c.id, title: c.title, group: c.group, maxPoints: c.maxPoints, status, points, applicability, explanation, detail, reason };
      }
      case 'scorer': {
        let out;
        try {
          out = s.scorer.score({
            options: s.options,
            maxPoints: c.maxPoints,
            fact: (id: string, path?: string) => {
              const slot = s.slots.get(id);
              if (slot === undefined) throw new Error(`scorer read fact "${id}" that it does not declare in facts`);
              return readFact(row, slot, path === undefined ? undefined : parsePath(path));
            },
            param: (name: string) => compiled.params[name],
            factLabel: (id: string, path?: string) => compiled.labels.factName(id, path),
          });
        } catch (e) {
          throw new PluginFailure(s.plugin, `scorer "${s.scorer.id}"`, e);
        }
        const raw = typeof out === 'number' ? out : out?.points;
        if (typeof raw !== 'number' || !Number.isFinite(raw)) {
          return errorResult(c, 'CRITERION_FAILED', `Scorer "${s.scorer.id}" returned ${fmt(raw)} instead of a number of points.`, s.plugin);
        }
        const points = round(Math.min(Math.max(raw, 0), c.maxPoints));
        if (typeof out === 'object' && typeof out.missing === 'string') observations.missingValue(c.id, out.missing);
        const detail = typeof out === 'object' ? out.detail : undefined;
        const reason = typeof out === 'object' ? out.reason : undefined;
        const label = s.scorer.label;
        return {
          id: c.id,
          title: c.title,
          group: c.group,
          maxPoints: c.maxPoints,
          status: statusOf(points, c.maxPoints),
          points,
          ...(explain && applicability !== undefined ? { applicability } : {}),
          ...(explain
            ? {
                ...(detail === undefined ? {} : { detail }),
                reason:
                  reason ??
                  render(REASONS, 'scorer', {
                    status: verdictOf(statusOf(points, c.maxPoints)),
                    label,
                    points: ReasonLabels.both(pointsWriter, points),
                    max: ReasonLabels.both(pointsWriter, c.maxPoints),
                  }),
              }
            : {}),
        };
      }
    }
  } catch (e) {
    const plugin = e instanceof PluginFailure ? e.plugin : undefined;
    return errorResult(c, 'CRITERION_FAILED', e instanceof Error ? e.message : String(e), plugin);
  }
}

function errorResult(
  base: Pick<CriterionResult, 'id' | 'title' | 'group' | 'maxPoints'>,
  code: string,
  message: string,
  plugin: string | undefined,
): CriterionResult {
  return {
    id: base.id,
    title: base.title,
    group: base.group,
    maxPoints: base.maxPoints,
    status: 'error',
    points: 0,
    reason: render(REASONS, 'evaluationError', {}),
    error: { code, message, ...(plugin === undefined || plugin === '@cnscd/core' ? {} : { plugin }) },
  };
}

/** A status as a reason's opening (an error has a reason of its own). */
const verdictOf = (status: CriterionResult['status']): ReasonVerdict => (status === 'error' ? 'failed' : status);
const NONE: LocalizedText = { vi: '—', en: '—' };

/** `passed` at full points, `failed` at none, `partial` in between. */
export function statusOf(points: number, max: number): CriterionResult['status'] {
  if (points >= max) return 'passed';
  if (points <= 0) return 'failed';
  return 'partial';
}

/**
 * Total a subject's criteria and rate it. `ratingRefs[i]`, when given, is the rating object for
 * `tiersDesc[i]`, shared by every subject that reaches that tier.
 */
export function totalSubject(
  subject: SubjectResult['subject'],
  criteria: readonly CriterionResult[],
  tiersDesc: readonly RatingTier[],
  ratingRefs?: readonly RatingRef[],
): SubjectResult {
  let score = 0;
  let maxScore = 0;
  let complete = true;
  let applicable = 0;
  for (const r of criteria) {
    if (r.status === 'error') complete = false;
    if (r.status === 'error' || r.status === 'not-applicable') continue;
    applicable += 1;
    score += r.points;
    maxScore += r.maxPoints;
  }
  return ratedSubject(subject, criteria, score, maxScore, applicable, complete, tiersDesc, ratingRefs);
}

/**
 * The end of {@link totalSubject}, for callers that summed the criteria themselves: `score` and
 * `maxScore` are the raw sums (in criterion order) over the `applicable` criteria that neither errored
 * nor were not applicable; `complete` is false when one errored.
 */
export function ratedSubject(
  subject: SubjectResult['subject'],
  criteria: readonly CriterionResult[],
  rawScore: number,
  rawMaxScore: number,
  applicable: number,
  complete: boolean,
  tiersDesc: readonly RatingTier[],
  ratingRefs?: readonly RatingRef[],
): SubjectResult {
  const score = round(rawScore);
  const maxScore = round(rawMaxScore);
  const percent = maxScore > 0 ? round((score * 100) / maxScore) : 0;
  let rating: RatingRef | null = null;
  if (applicable > 0) {
    for (let i = 0; i < tiersDesc.length; i++) {
      const t = tiersDesc[i]!;
      if (percent + 1e-9 < t.minPercent) continue;
      rating = ratingRefs?.[i] ?? { id: t.id, label: t.label };
      break;
    }
  }
  return { subject, score, maxScore, percent, rating, complete, criteria };
}
