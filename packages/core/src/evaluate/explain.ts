import type { LocalizedText } from '../errors.js';
import type { Registry } from '../plugin/registry.js';
import { fmt, type ConditionPlan } from './compile.js';
import type { ExplainedCondition } from './types.js';

type Leaf = Extract<ExplainedCondition, { fact: string }>;

/**
 * The constant parts of a leaf's description: "Members = " and ", required ≥ 4 (minMembers)"; the
 * description is `head + actual + tail`. Compiled leaves carry theirs (see `LeafPlan.text`), made once.
 */
export interface LeafText {
  readonly head: LocalizedText;
  readonly tail: LocalizedText;
}

/** The constant parts of the description of a comparison (see {@link LeafText}). */
export function leafText(registry: Registry, fact: string, path: string | undefined, operator: string, expected: unknown, param: string | undefined): LeafText {
  const name = factName(registry, fact, path);
  const head = { vi: `${name.vi} = `, en: `${name.en} = ` };
  const p = param === undefined ? '' : ` (${param})`;
  if (operator === 'between' && Array.isArray(expected) && expected.length === 2) {
    const [lo, hi] = expected.map(fmt);
    return { head, tail: { vi: `, yêu cầu từ ${lo} đến ${hi}${p}`, en: `, required between ${lo} and ${hi}${p}` } };
  }
  // Operators with a symbol read as "≥ 4"; others (plugins) by their label: "is within percent of [..]".
  const op = registry.operators.get(operator)?.def;
  const e = fmt(expected);
  return {
    head,
    tail: { vi: `, yêu cầu ${op?.symbol ?? op?.label.vi ?? operator} ${e}${p}`, en: `, required ${op?.symbol ?? op?.label.en ?? operator} ${e}${p}` },
  };
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

/**
 * The reason for a pass/fail condition: "Met: Members = 6, required ≥ 4 (minMembers); …". Give the
 * condition's plan when the node was explained from it, so that the constant text is not made again.
 */
export function conditionReason(node: ExplainedCondition, registry: Registry, plan?: ConditionPlan): LocalizedText {
  const { leaves, texts } = decisiveLeaves(node, plan);
  if (leaves.length === 0) {
    return node.result ? { vi: 'Đạt', en: 'Met' } : { vi: 'Không đạt', en: 'Not met' };
  }
  const failedAny = !node.result && 'any' in node;
  const [joinVi, joinEn] = failedAny ? [' hoặc ', ' or '] : ['; ', '; '];
  let vi = node.result ? 'Đạt: ' : 'Không đạt: ';
  let en = node.result ? 'Met: ' : 'Not met: ';
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i]!;
    const t = texts[i] ?? leafText(registry, leaf.fact, leaf.path, leaf.operator, leaf.expected, leaf.param);
    const a = fmt(leaf.actual);
    if (i > 0) {
      vi += joinVi;
      en += joinEn;
    }
    vi += t.head.vi + a + t.tail.vi;
    en += t.head.en + a + t.tail.en;
  }
  return { vi, en };
}

export function factName(registry: Registry, fact: string, path: string | undefined): LocalizedText {
  const def = registry.facts.get(fact)?.def;
  const suffix = path === undefined ? '' : ` › ${path}`;
  return { vi: (def?.label.vi ?? fact) + suffix, en: (def?.label.en ?? fact) + suffix };
}
