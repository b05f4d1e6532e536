import { CnscdError, type LocalizedText } from '../errors.js';
import type { Condition, ConditionValue, Criterion, FactCondition, ParameterRef, ResolvedCriteriaSet } from '../criteria/types.js';
import { getPath, parsePath, pathGetter } from '../criteria/path.js';
import type { Registry } from '../plugin/registry.js';
import type { OperatorDefinition, ScorerDefinition } from '../plugin/types.js';
import type { ExplainedCondition } from './types.js';
import type { StaticPlan } from './scoring.js';
import { PluginFailure } from './failures.js';
import { decimal4 } from '../internal/numbers.js';
import { render } from '../messages/define.js';
import { formatNumber } from '../messages/format.js';
import { REASONS } from '../messages/reasons.js';
import { leafText, type LeafText } from './explain.js';
import { ReasonLabels, type ValueWriter } from './labels.js';

/** A fact table for one subject: fact values by slot. */
export type FactRow = unknown[] & {
  /** Set by `computeFacts` when some fact failed (a slot holds a `FactFailure`); scoring checks that row closely. */
  failed?: true;
};

/** A leaf condition with parameters resolved and its fact bound to a slot. */
export interface LeafPlan {
  readonly kind: 'fact';
  readonly fact: string;
  readonly slot: number;
  readonly path?: string;
  readonly segments?: readonly string[];
  readonly operator: string;
  readonly operatorDef: OperatorDefinition;
  readonly operatorPlugin: string;
  readonly value: unknown;
  readonly param?: string;
  /** The constant parts of the leaf's description in reasons, made once. */
  readonly text: LeafText;
}
export type ConditionPlan =
  | { readonly kind: 'all' | 'any'; readonly children: readonly ConditionPlan[] }
  | { readonly kind: 'not'; readonly child: ConditionPlan }
  | LeafPlan;

/**
 * A condition compiled to closures: `test` gives the verdict, `explain` records every comparison. Both
 * evaluate every comparison, as json-rules-engine does.
 */
export interface CompiledCondition {
  readonly plan: ConditionPlan;
  test(row: FactRow): boolean;
  explain(row: FactRow): ExplainedCondition;
}

/** Reads one fact value, path applied (see {@link readFact}). */
export type FactReader = (row: FactRow) => unknown;

/**
 * The parts of a ratio criterion's reason that are the same for every subject, formatted once. A reason
 * is `heads[status] + value(actual) + (mid | midBelowFloor) + points + tail`, e.g. "Đạt một phần: Tỷ lệ … = "
 * + "69,9%" + " so với mục tiêu 70% → " + "19,9714" + "/20 điểm": concatenations of shared pieces.
 */
export interface RatioText {
  /** The fact's name (with its path read through the catalog). */
  readonly name: LocalizedText;
  /** "<status>: <name> = ", by the result's status. */
  readonly heads: Readonly<Record<'passed' | 'partial' | 'failed', LocalizedText>>;
  /** " against a target of <target> → " ("% against …" for a share, whose value is written as digits). */
  readonly mid: LocalizedText;
  /** " against a target of <target> (below the floor <floor>) → "; `mid` when there is no floor. */
  readonly midBelowFloor: LocalizedText;
  /** "/<maxPoints> points". */
  readonly tail: LocalizedText;
  /** The whole reason when the subject has no value. */
  readonly noData: LocalizedText;
  /** The fact is a share (unit `ratio`): its value reads as a percentage. */
  readonly percent: boolean;
}

/** The constant pieces of a ratio criterion's reason (see {@link RatioText}). */
function ratioText(
  labels: ReasonLabels,
  fact: string,
  path: string | undefined,
  target: number,
  floor: number | undefined,
  maxPoints: number,
): RatioText {
  const name = labels.factName(fact, path);
  const value = labels.writer(fact);
  const t = ReasonLabels.both(value, target);
  const percent = labels.isShare(fact);
  // The actual value is written as plain digits per subject; a share's "%" opens the constant piece after it.
  const sign = (text: LocalizedText): LocalizedText => (percent ? { vi: `%${text.vi}`, en: `%${text.en}` } : text);
  const mid = sign(render(REASONS, 'ratioMid', { target: t }));
  const head = (status: 'passed' | 'partial' | 'failed'): LocalizedText => {
    const open = render(REASONS, 'verdict', { status });
    const h = render(REASONS, 'leafHead', { name });
    return { vi: open.vi + h.vi, en: open.en + h.en };
  };
  return {
    name,
    heads: { passed: head('passed'), partial: head('partial'), failed: head('failed') },
    mid,
    midBelowFloor: floor === undefined ? mid : sign(render(REASONS, 'ratioMid', { target: t, floor: ReasonLabels.both(value, floor) })),
    tail: render(REASONS, 'pointsTail', { max: ReasonLabels.both(pointsWriter, maxPoints) }),
    noData: render(REASONS, 'noData', { name }),
    percent,
  };
}

/** The constant pieces of a steps criterion's reason. */
export interface StepsText {
  readonly name: LocalizedText;
  readonly value: ValueWriter;
  /** Each step's threshold, written. */
  readonly mins: readonly LocalizedText[];
  readonly max: LocalizedText;
}

/** Points are plain numbers in every reason. */
export const pointsWriter: ValueWriter = (v, lang) => (typeof v === 'number' ? formatNumber(v, lang) : String(v));

// biome-ignore lint/suspicious/noExplicitAny: scorers with different option types meet here (options are checked against their schema)
type AnyScorer = ScorerDefinition<any>;

/** How a criterion scores, with thresholds resolved. */
export type ScoringPlan =
  | { readonly type: 'pass'; readonly when: CompiledCondition }
  | {
      readonly type: 'ratio';
      readonly slot: number;
      readonly fact: string;
      readonly path?: string;
      readonly segments?: readonly string[];
      readonly read: FactReader;
      readonly target: number;
      readonly floor?: number;
      readonly text: RatioText;
    }
  | {
      readonly type: 'steps';
      readonly slot: number;
      readonly fact: string;
      readonly path?: string;
      readonly segments?: readonly string[];
      readonly read: FactReader;
      readonly steps: readonly { readonly min: number; readonly points: number; readonly check: CompiledCondition }[];
      readonly text: StepsText;
    }
  | {
      readonly type: 'scorer';
      readonly scorer: AnyScorer;
      readonly plugin: string;
      readonly options: Readonly<Record<string, unknown>>;
      readonly slots: ReadonlyMap<string, number>;
    };

export interface CompiledCriterion {
  readonly criterion: Criterion;
  /** Slots of every fact the criterion reads (to mark it `error` when one of them failed). */
  readonly slots: readonly number[];
  readonly applicable?: CompiledCondition;
  readonly scoring: ScoringPlan;
}

/** A criteria set compiled for one evaluation date. Build once, run for every subject. */
export interface CompiledSet {
  readonly set: ResolvedCriteriaSet;
  readonly asOf: string;
  /** Fact ids by slot, dependencies before dependants. */
  readonly factIds: readonly string[];
  readonly slotOf: ReadonlyMap<string, number>;
  /** Per slot, the facts that fact declared in `dependsOn.facts` (the only ones it may read). */
  readonly dependsOn: readonly ReadonlySet<string>[];
  readonly criteria: readonly CompiledCriterion[];
  readonly params: Readonly<Record<string, ConditionValue | undefined>>;
  /** The labels reasons show for the set's facts, parameters and values (see `labels.ts`). */
  readonly labels: ReasonLabels;
  /**
   * What scoring builds from the criteria alone (shared results, column plans, memo keys), per mode, made
   * by the first evaluation that needs it and reused by the others (see `scoring.ts`).
   */
  readonly scoringPlans: { fast?: readonly StaticPlan[]; explain?: readonly StaticPlan[] };
}

/** The plugin name the core registers its own facts, operators and scorers under. */
export const CORE_PLUGIN = '@cnscd/core';

const isParamRef = (v: unknown): v is ParameterRef =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as ParameterRef).param === 'string';

/**
 * Compile a resolved set into closures. Nothing caller-supplied is ever turned into code: closures are
 * built from a fixed set of node kinds, operators come from the registry, paths are split into segments.
 */
export function compileCriteriaSet(
  set: ResolvedCriteriaSet,
  registry: Registry,
  params: Readonly<Record<string, ConditionValue | undefined>>,
  asOf: string,
): CompiledSet {
  const factIds: string[] = [];
  const slotOf = new Map<string, number>();
  const labels = new ReasonLabels(registry, set, asOf);
  const addFact = (id: string): number => {
    const existing = slotOf.get(id);
    if (existing !== undefined) return existing;
    const def = registry.facts.get(id);
    if (def === undefined) throw new CnscdError('INVALID_ARGUMENT', `Unknown fact "${id}"; validate the criteria set first.`);
    // Iterative dependency-first ordering (the registry guarantees no cycles).
    const stack: { id: string; i: number }[] = [{ id, i: 0 }];
    const onStack = new Set<string>([id]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const deps = registry.facts.get(top.id)?.def.dependsOn?.facts ?? [];
      if (top.i < deps.length) {
        const d = deps[top.i++]!;
        if (!slotOf.has(d) && !onStack.has(d)) {
          onStack.add(d);
          stack.push({ id: d, i: 0 });
        }
        continue;
      }
      stack.pop();
      if (!slotOf.has(top.id)) {
        slotOf.set(top.id, factIds.length);
        factIds.push(top.id);
      }
    }
    return slotOf.get(id)!;
  };

  const resolveValue = (v: unknown): { value: unknown; param?: string } => {
    if (isParamRef(v)) return { value: params[v.param], param: v.param };
    return { value: v };
  };
  const num = (v: number | ParameterRef, where: string): number => {
    const r = resolveValue(v).value;
    if (typeof r !== 'number' || !Number.isFinite(r)) {
      throw new CnscdError('PARAMETER_TYPE', `${where}: expected a number at ${asOf}, got ${JSON.stringify(r ?? null)}.`);
    }
    return r;
  };

  const compileCondition = (root: Condition, used: Set<number>): CompiledCondition => {
    const plan = buildPlan(root, (leaf) => {
      const slot = addFact(leaf.fact);
      used.add(slot);
      const op = registry.operators.get(leaf.operator);
      if (op === undefined) throw new CnscdError('INVALID_ARGUMENT', `Unknown operator "${leaf.operator}"; validate the criteria set first.`);
      const { value, param } = resolveValue(leaf.value);
      const base = { kind: 'fact' as const, fact: leaf.fact, slot, operator: leaf.operator, operatorDef: op.def, operatorPlugin: op.plugin, value };
      return {
        ...base,
        ...(leaf.path === undefined ? {} : { path: leaf.path, segments: parsePath(leaf.path) }),
        ...(param === undefined ? {} : { param }),
        text: leafText(labels, leaf.fact, leaf.path, leaf.operator, value ?? null, param),
      };
    });
    return closeOver(plan);
  };

  const criteria = set.criteria.map((criterion): CompiledCriterion => {
    const used = new Set<number>();
    const applicable = criterion.applicableWhen === undefined ? undefined : compileCondition(criterion.applicableWhen, used);
    const s = criterion.scoring;
    let scoring: ScoringPlan;
    const where = `criterion "${criterion.id}"`;
    switch (s.type) {
      case 'pass':
        scoring = { type: 'pass', when: compileCondition(s.when, used) };
        break;
      case 'ratio': {
        const slot = addFact(s.fact);
        used.add(slot);
        const segments = s.path === undefined ? undefined : parsePath(s.path);
        const target = num(s.target, where);
        const floor = s.floor === undefined ? undefined : num(s.floor, where);
        const text = ratioText(labels, s.fact, s.path, target, floor, criterion.maxPoints);
        scoring = {
          type: 'ratio',
          slot,
          fact: s.fact,
          target,
          read: factReader(slot, segments),
          ...(s.path === undefined ? {} : { path: s.path, segments: segments! }),
          ...(floor === undefined ? {} : { floor }),
          text,
        };
        break;
      }
      case 'steps': {
        const steps = s.steps.map((step) => {
          const min = num(step.min, where);
          const leaf: FactCondition = {
            fact: s.fact,
            operator: 'greaterThanInclusive',
            value: min,
            ...(s.path === undefined ? {} : { path: s.path }),
          };
          return { min, points: step.points, check: compileCondition(leaf, used) };
        });
        const slot = addFact(s.fact);
        const segments = s.path === undefined ? undefined : parsePath(s.path);
        scoring = {
          type: 'steps',
          slot,
          fact: s.fact,
          steps,
          read: factReader(slot, segments),
          ...(s.path === undefined ? {} : { path: s.path, segments: segments! }),
          text: {
            name: labels.factName(s.fact, s.path),
            value: labels.writer(s.fact),
            mins: steps.map((x) => ReasonLabels.both(labels.writer(s.fact), x.min)),
            max: ReasonLabels.both(pointsWriter, criterion.maxPoints),
          },
        };
        break;
      }
      case 'scorer': {
        const reg = registry.scorers.get(s.scorer);
        if (reg === undefined) throw new CnscdError('INVALID_ARGUMENT', `Unknown scorer "${s.scorer}"; validate the criteria set first.`);
        // Scorers see the same options for every subject: frozen so that one subject cannot change another's.
        const options = deepFreeze(structuredClone(s.options ?? {}));
        const declared = typeof reg.def.facts === 'function' ? reg.def.facts(options) : (reg.def.facts ?? []);
        const slots = new Map<string, number>();
        for (const f of declared) {
          const slot = addFact(f);
          used.add(slot);
          slots.set(f, slot);
        }
        scoring = { type: 'scorer', scorer: reg.def, plugin: reg.plugin, options, slots };
        break;
      }
    }
    return { criterion, slots: [...used].sort((a, b) => a - b), scoring, ...(applicable === undefined ? {} : { applicable }) };
  });

  const dependsOn = factIds.map((id) => new Set(registry.facts.get(id)?.def.dependsOn?.facts ?? []));
  return { set, asOf, factIds, slotOf, dependsOn, criteria, params, labels, scoringPlans: {} };
}

function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
      Object.freeze(v);
      for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return value;
}

/** Build a plan iteratively (trees are validated to depth ≤ 16, but never trust recursion on input). */
function buildPlan(root: Condition, leaf: (c: FactCondition) => LeafPlan): ConditionPlan {
  type Frame = { node: Condition; kids: ConditionPlan[]; items: readonly Condition[]; i: number; kind: 'all' | 'any' | 'not' };
  const toFrame = (node: Condition): Frame | LeafPlan => {
    if ('all' in node) return { node, kids: [], items: node.all, i: 0, kind: 'all' };
    if ('any' in node) return { node, kids: [], items: node.any, i: 0, kind: 'any' };
    if ('not' in node) return { node, kids: [], items: [node.not], i: 0, kind: 'not' };
    return leaf(node);
  };
  const first = toFrame(root);
  if (!('items' in first)) return first;
  const stack: Frame[] = [first];
  let done: ConditionPlan | undefined;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.i < top.items.length) {
      const next = toFrame(top.items[top.i++]!);
      if ('items' in next) stack.push(next);
      else top.kids.push(next);
      continue;
    }
    stack.pop();
    const built: ConditionPlan = top.kind === 'not' ? { kind: 'not', child: top.kids[0]! } : { kind: top.kind, children: top.kids };
    if (stack.length === 0) done = built;
    else stack[stack.length - 1]!.kids.push(built);
  }
  return done!;
}

/** Read a fact value, applying a path the way json-rules-engine does (a path on a non-object is ignored). */
export function readFact(row: FactRow, slot: number, segments: readonly string[] | undefined): unknown {
  const v = row[slot];
  if (segments === undefined) return v;
  return v !== null && typeof v === 'object' ? getPath(v, segments) : v;
}

/** {@link readFact} for a fixed slot and path, compiled once. */
export function factReader(slot: number, segments: readonly string[] | undefined): FactReader {
  if (segments === undefined) return (row) => row[slot];
  const get = pathGetter(segments);
  return (row) => {
    const v = row[slot];
    return v !== null && typeof v === 'object' ? get(v) : v;
  };
}

/** Turn a plan into closures (depth is bounded by validation, so recursion here is safe). */
function closeOver(plan: ConditionPlan): CompiledCondition {
  switch (plan.kind) {
    case 'fact': {
      const { slot, segments, value, operatorDef } = plan;
      let accepts = operatorDef.acceptsFact;
      let ev = operatorDef.evaluate;
      if (plan.operatorPlugin !== CORE_PLUGIN) {
        // A plugin's operator that throws must fail only the criteria using it, naming the plugin.
        const [rawAccepts, rawEv, who] = [accepts, ev, `operator "${plan.operator}"`];
        ev = (a, b) => {
          try {
            return rawEv(a, b);
          } catch (e) {
            throw new PluginFailure(plan.operatorPlugin, who, e);
          }
        };
        if (rawAccepts !== undefined) {
          accepts = (a) => {
            try {
              return rawAccepts(a);
            } catch (e) {
              throw new PluginFailure(plan.operatorPlugin, who, e);
            }
          };
        }
      }
      const get = factReader(slot, segments);
      // One literal per shape, keys in the documented order: `{a, ...b, c}` costs ~1 µs per object on V8 11.
      const { fact, path, operator, param } = plan;
      const expected = value ?? null;
      const node: (actual: unknown, result: boolean) => ExplainedCondition =
        path === undefined
          ? param === undefined
            ? (actual, result) => ({ fact, operator, expected, actual, result })
            : (actual, result) => ({ fact, operator, expected, param, actual, result })
          : param === undefined
            ? (actual, result) => ({ fact, path, operator, expected, actual, result })
            : (actual, result) => ({ fact, path, operator, expected, param, actual, result });
      const check =
        accepts === undefined ? (v: unknown): boolean => ev(v, value) === true : (v: unknown): boolean => accepts(v) && ev(v, value) === true;
      const test = (row: FactRow): boolean => check(get(row));
      return {
        plan,
        test,
        explain: (row) => {
          const actual = get(row);
          return node(actual ?? null, check(actual));
        },
      };
    }
    case 'not': {
      const child = closeOver(plan.child);
      return {
        plan,
        test: (row) => !child.test(row),
        explain: (row) => {
          const c = child.explain(row);
          return { not: c, result: !c.result };
        },
      };
    }
    default: {
      const kids = plan.children.map(closeOver);
      const isAll = plan.kind === 'all';
      // json-rules-engine: an empty all/any is true; a one-child group is that child. It evaluates every
      // condition of a group (no short-circuit), so a plugin operator that throws in any branch fails the
      // criterion: every child is tested here too, as `explain` does, so that both modes and both engines
      // give the same answer. (Only criteria that are not scored column by column come here.)
      const [a, b] = [kids[0]?.test, kids[1]?.test];
      // Two children (the common case) without a loop.
      const test =
        kids.length === 0
          ? () => true
          : kids.length === 2
            ? isAll
              ? (row: FactRow) => {
                  const x = a!(row);
                  return b!(row) && x;
                }
              : (row: FactRow) => {
                  const x = a!(row);
                  return b!(row) || x;
                }
            : (row: FactRow) => {
                let all = true;
                let any = false;
                for (let i = 0; i < kids.length; i++) {
                  if (kids[i]!.test(row)) any = true;
                  else all = false;
                }
                return isAll ? all : any;
              };
      return {
        plan,
        test,
        explain: (row) => {
          const children = kids.map((k) => k.explain(row));
          const result = children.length === 0 ? true : isAll ? children.every((c) => c.result) : children.some((c) => c.result);
          return isAll ? { all: children, result } : { any: children, result };
        },
      };
    }
  }
}

/** Number formatting for technical messages (problems, errors): up to 4 decimals, no exponent for everyday values. Reasons use `messages/format.ts`. */
export function fmt(v: unknown): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return String(v);
    return Number.isInteger(v) ? String(v) : decimal4(v);
  }
  if (v === undefined || v === null) return '—';
  if (Array.isArray(v)) return `[${v.map(fmt).join(', ')}]`;
  return typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
}

export type { LocalizedText };
