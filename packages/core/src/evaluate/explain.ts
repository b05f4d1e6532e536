import type { LocalizedText } from '../errors.js';
import { render } from '../messages/define.js';
import { REASONS, type ReasonVerdict } from '../messages/reasons.js';
import { CORE_PLUGIN, type ConditionPlan } from './compile.js';
import { plainWriter, ReasonLabels, type ValueWriter } from './labels.js';
import type { ExplainedCondition } from './types.js';

type Leaf = Extract<ExplainedCondition, { fact: string }>;

/**
 * The constant parts of a leaf's description: "Số thành viên = " and ", yêu cầu ≥ 4 (Số thành viên tối
 * thiểu)"; the description is `head + value(actual) + tail`. Compiled leaves carry theirs (see
 * `LeafPlan.text`), made once.
 */
export interface LeafText {
  readonly head: LocalizedText;
  readonly tail: LocalizedText;
  /** Writes the fact's value (a share as a percentage, a level by its label…). */
  readonly value: ValueWriter;
}

/** Operators shown by their symbol; the others (∈, ∋ and plugins') by their label ("thuộc", "is one of"). */
const SYMBOLS: ReadonlySet<string> = new Set(['=', '≠', '<', '≤', '>', '≥']);

/** The constant parts of the description of a comparison (see {@link LeafText}). */
export function leafText(
  labels: ReasonLabels,
  fact: string,
  path: string | undefined,
  operator: string,
  expected: unknown,
  param: string | undefined,
): LeafText {
  const value = labels.writer(fact);
  const head = render(REASONS, 'leafHead', { name: labels.factName(fact, path) });
  const p = labels.paramLabel(param);
  const withParam = p === undefined ? {} : { param: p };
  if (operator === 'between' && Array.isArray(expected) && expected.length === 2) {
    const tail = render(REASONS, 'leafBetween', {
      lo: ReasonLabels.both(value, expected[0]),
      hi: ReasonLabels.both(value, expected[1]),
      ...withParam,
    });
    return { head, tail, value };
  }
  const op = labels.registry.operators.get(operator)?.def;
  const symbol = op?.symbol !== undefined && (SYMBOLS.has(op.symbol) || op.label === undefined) ? op.symbol : undefined;
  const opText = symbol !== undefined ? { vi: symbol, en: symbol } : (op?.label ?? { vi: operator, en: operator });
  // The core's list operators compare with alternatives; a plugin operator's array (e.g. [target, percent])
  // is its own notation, shown as numbers in brackets.
  const plugin = labels.registry.operators.get(operator)?.plugin !== CORE_PLUGIN;
  const written = Array.isArray(expected)
    ? !plugin && (operator === 'in' || operator === 'notIn')
      ? ReasonLabels.alternatives(value, expected)
      : ReasonLabels.both(plainWriter, expected)
    : ReasonLabels.both(plugin ? plainWriter : value, expected);
  const tail = render(REASONS, 'leafCompare', { op: opText, expected: written, ...withParam });
  return { head, tail, value };
}

/** The plan's text when the leaf says what the plan does (fact, path, operator, value and parameter). */
function planText(leaf: Leaf, plan: ConditionPlan | undefined): LeafText | undefined {
  return plan !== undefined &&
    plan.kind === 'fact' &&
    plan.fact === leaf.fact &&
    plan.path === leaf.path &&
    plan.operator === leaf.operator &&
    plan.param === leaf.param &&
    (plan.value ?? null) === leaf.expected
    ? plan.text
    : undefined;
}

/**
 * The leaves that decided a verdict: for a condition that failed, the comparisons that failed (under a
 * `not`, those that held); for one that held, those that held. With the condition's plan, each leaf's
 * {@link LeafText} is read from its plan, walked alongside (undefined where they differ).
 */
function decisiveLeaves(node: ExplainedCondition, plan: ConditionPlan | undefined, limit = 3): { leaves: Leaf[]; texts: (LeafText | undefined)[] } {
  const leaves: Leaf[] = [];
  const texts: (LeafText | undefined)[] = [];
  // Iterative walk; `want` is the leaf result that explains the parent's verdict.
  const stack: { node: ExplainedCondition; want: boolean; plan: ConditionPlan | undefined }[] = [{ node, want: node.result, plan }];
  while (stack.length > 0 && leaves.length < limit) {
    const { node: n, want, plan: p } = stack.pop()!;
    if ('fact' in n) {
      if (n.result === want) {
        leaves.push(n);
        texts.push(planText(n, p));
      }
    } else if ('not' in n) {
      stack.push({ node: n.not, want: !want, plan: p?.kind === 'not' ? p.child : undefined });
    } else {
      const kids = 'all' in n ? n.all : n.any;
      const planKids = p !== undefined && p.kind === ('all' in n ? 'all' : 'any') && p.children.length === kids.length ? p.children : undefined;
      for (let i = kids.length - 1; i >= 0; i--) if (kids[i]!.result === want) stack.push({ node: kids[i]!, want, plan: planKids?.[i] });
    }
  }
  return { leaves, texts };
}

const OPENINGS: Readonly<Record<ReasonVerdict, LocalizedText>> = {
  passed: render(REASONS, 'verdict', { status: 'passed' }),
  partial: render(REASONS, 'verdict', { status: 'partial' }),
  failed: render(REASONS, 'verdict', { status: 'failed' }),
  'not-applicable': render(REASONS, 'verdict', { status: 'not-applicable' }),
};
const JOIN_ALL = render(REASONS, 'join', { any: false });
const JOIN_ANY = render(REASONS, 'join', { any: true });

/**
 * The reason for a pass/fail condition: "Đạt: Số thành viên = 6, yêu cầu ≥ 4 (Số thành viên tối thiểu); …".
 * With `applicability`, the condition is a criterion's `applicableWhen` that did not hold, and the reason
 * says the criterion does not apply ("Không áp dụng: Cấp = …, yêu cầu = …"), never that it failed. Give the
 * condition's plan when the node was explained from it, so that the constant text is not made again.
 */
export function conditionReason(node: ExplainedCondition, labels: ReasonLabels, plan?: ConditionPlan, applicability = false): LocalizedText {
  const { leaves, texts } = decisiveLeaves(node, plan);
  const verdict: ReasonVerdict = applicability ? 'not-applicable' : node.result ? 'passed' : 'failed';
  if (leaves.length === 0) return render(REASONS, 'verdictOnly', { status: verdict });
  const join = !node.result && 'any' in node ? JOIN_ANY : JOIN_ALL;
  const opening = OPENINGS[verdict];
  let vi = opening.vi;
  let en = opening.en;
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i]!;
    const t = texts[i] ?? leafText(labels, leaf.fact, leaf.path, leaf.operator, leaf.expected, leaf.param);
    if (i > 0) {
      vi += join.vi;
      en += join.en;
    }
    vi += t.head.vi + t.value(leaf.actual, 'vi') + t.tail.vi;
    en += t.head.en + t.value(leaf.actual, 'en') + t.tail.en;
  }
  return { vi, en };
}
