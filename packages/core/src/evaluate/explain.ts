import type { LocalizedText } from '../errors.js';
import type { Registry } from '../plugin/registry.js';
import { fmt } from './compile.js';
import type { ExplainedCondition } from './types.js';

type Leaf = Extract<ExplainedCondition, { fact: string }>;

/**
 * The leaves that decided a verdict: for a condition that failed, the comparisons that failed (under a
 * `not`, those that held); for one that held, those that held.
 */
export function decisiveLeaves(node: ExplainedCondition, limit = 3): Leaf[] {
  const out: Leaf[] = [];
  // Iterative walk; `want` is the leaf result that explains the parent's verdict.
  const stack: { node: ExplainedCondition; want: boolean }[] = [{ node, want: node.result }];
  while (stack.length > 0 && out.length < limit) {
    const { node: n, want } = stack.pop()!;
    if ('fact' in n) {
      if (n.result === want) out.push(n);
    } else if ('not' in n) {
      stack.push({ node: n.not, want: !want });
    } else {
      const kids = 'all' in n ? n.all : n.any;
      for (let i = kids.length - 1; i >= 0; i--) if (kids[i]!.result === want) stack.push({ node: kids[i]!, want });
    }
  }
  return out;
}

/** "Members = 3, required ≥ 4" in both languages. */
export function describeLeaf(leaf: Leaf, registry: Registry): LocalizedText {
  const fact = registry.facts.get(leaf.fact)?.def;
  const op = registry.operators.get(leaf.operator)?.def;
  const name = (lang: 'vi' | 'en'): string => (fact?.label[lang] ?? leaf.fact) + (leaf.path === undefined ? '' : ` › ${leaf.path}`);
  const param = leaf.param === undefined ? '' : ` (${leaf.param})`;
  if (leaf.operator === 'between' && Array.isArray(leaf.expected) && leaf.expected.length === 2) {
    const [lo, hi] = leaf.expected.map(fmt);
    return {
      vi: `${name('vi')} = ${fmt(leaf.actual)}, yêu cầu từ ${lo} đến ${hi}${param}`,
      en: `${name('en')} = ${fmt(leaf.actual)}, required between ${lo} and ${hi}${param}`,
    };
  }
  // Operators with a symbol read as "≥ 4"; others (plugins) by their label: "is within percent of [..]".
  const opText = (lang: 'vi' | 'en'): string => op?.symbol ?? op?.label[lang] ?? leaf.operator;
  return {
    vi: `${name('vi')} = ${fmt(leaf.actual)}, yêu cầu ${opText('vi')} ${fmt(leaf.expected)}${param}`,
    en: `${name('en')} = ${fmt(leaf.actual)}, required ${opText('en')} ${fmt(leaf.expected)}${param}`,
  };
}

/** Join leaf descriptions into one line per language. */
export function describeLeaves(leaves: readonly Leaf[], registry: Registry, joiner: LocalizedText): LocalizedText {
  const parts = leaves.map((l) => describeLeaf(l, registry));
  return { vi: parts.map((p) => p.vi).join(joiner.vi), en: parts.map((p) => p.en).join(joiner.en) };
}

/** The reason for a pass/fail condition. */
export function conditionReason(node: ExplainedCondition, registry: Registry): LocalizedText {
  const leaves = decisiveLeaves(node);
  const failedAny = !node.result && 'any' in node;
  const body = describeLeaves(leaves, registry, failedAny ? { vi: ' hoặc ', en: ' or ' } : { vi: '; ', en: '; ' });
  if (leaves.length === 0) {
    return node.result ? { vi: 'Đạt', en: 'Met' } : { vi: 'Không đạt', en: 'Not met' };
  }
  return node.result ? { vi: `Đạt: ${body.vi}`, en: `Met: ${body.en}` } : { vi: `Không đạt: ${body.vi}`, en: `Not met: ${body.en}` };
}

export function factName(registry: Registry, fact: string, path: string | undefined): LocalizedText {
  const def = registry.facts.get(fact)?.def;
  const suffix = path === undefined ? '' : ` › ${path}`;
  return { vi: (def?.label.vi ?? fact) + suffix, en: (def?.label.en ?? fact) + suffix };
}
