import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { getPath, parsePath } from '../criteria/path.js';
import type { Registry } from '../plugin/registry.js';
import type { CompiledCondition, CompiledCriterion, CompiledSet, ConditionPlan, FactRow } from './compile.js';
import { JSON_RULES_ENGINE_BUILTINS } from './operators.js';
import { PluginFailure } from './failures.js';
import type { CheckFn, Verdict } from './run.js';
import type { ExplainedCondition } from './types.js';

/** json-rules-engine's pathResolver, replaced by our fixed dotted grammar: never JSONPath, never script. */
export function safePathResolver(value: object, path: string): unknown {
  return getPath(value, parsePath(path));
}

interface JreCondition {
  all?: JreCondition[];
  any?: JreCondition[];
  not?: JreCondition;
  fact?: string;
  operator?: string;
  value?: unknown;
  path?: string;
  factResult?: unknown;
  result?: boolean;
}

/** Our plan as json-rules-engine condition JSON (values already resolved from parameters). */
function toJre(plan: ConditionPlan): JreCondition {
  switch (plan.kind) {
    case 'fact':
      return { fact: plan.fact, operator: plan.operator, value: plan.value, ...(plan.path === undefined ? {} : { path: plan.path }) };
    case 'not':
      return { not: toJre(plan.child) };
    default:
      return { [plan.kind]: plan.children.map(toJre) };
  }
}

/**
 * json-rules-engine's evaluated condition tree, in our explanation shape. `plan` is the plan the tree was
 * made from (see {@link toJre}), walked alongside for what json-rules-engine does not keep: the name of the
 * parameter a leaf's value came from.
 */
function fromJre(c: JreCondition, plan: ConditionPlan | undefined): ExplainedCondition {
  // json-rules-engine's toJSON keeps `result` on leaves only; a group's verdict is derived from its children
  // exactly as the engine derives it (an empty all/any holds).
  const kids = plan !== undefined && (plan.kind === 'all' || plan.kind === 'any') ? plan.children : undefined;
  if (c.all !== undefined) {
    const all = c.all.map((x, i) => fromJre(x, kids?.[i]));
    return { all, result: all.every((x) => x.result) };
  }
  if (c.any !== undefined) {
    const any = c.any.map((x, i) => fromJre(x, kids?.[i]));
    return { any, result: any.length === 0 || any.some((x) => x.result) };
  }
  if (c.not !== undefined) {
    const not = fromJre(c.not, plan?.kind === 'not' ? plan.child : undefined);
    return { not, result: !not.result };
  }
  const result = c.result === true;
  const param = plan?.kind === 'fact' ? plan.param : undefined;
  // Keys in the order of the compiled engine's leaves.
  return {
    fact: c.fact!,
    ...(c.path === undefined ? {} : { path: c.path }),
    operator: c.operator!,
    expected: c.value ?? null,
    ...(param === undefined ? {} : { param }),
    actual: c.factResult ?? null,
    result,
  };
}

interface RuleEntry {
  readonly key: string;
  readonly condition: CompiledCondition;
  /** The root was a bare fact condition, wrapped in `all` because json-rules-engine needs a group. */
  readonly wrapped: boolean;
}

/**
 * The reference evaluator: every condition of a criterion runs through json-rules-engine (one Engine per
 * criterion, so one criterion that throws cannot take down the others). Slow; used to check the compiled
 * evaluator and when `engine: 'reference'` is asked for.
 */
export class ReferenceRunner {
  private readonly engines: Map<CompiledCriterion, { engine: Engine; rules: RuleEntry[] }> = new Map();

  constructor(compiled: CompiledSet, registry: Registry) {
    for (const cc of compiled.criteria) {
      const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: safePathResolver });
      const ops = new Set<string>();
      const rules: RuleEntry[] = [];
      const add = (key: string, condition: CompiledCondition): void => {
        collectOperators(condition.plan, ops);
        const wrapped = condition.plan.kind === 'fact';
        const root = (wrapped ? { all: [toJre(condition.plan)] } : toJre(condition.plan)) as TopLevelCondition;
        const rule: RuleProperties = { name: key, conditions: root, event: { type: key } };
        engine.addRule(rule);
        rules.push({ key, condition, wrapped });
      };
      if (cc.applicable !== undefined) add('applicable', cc.applicable);
      if (cc.scoring.type === 'pass') add('when', cc.scoring.when);
      if (cc.scoring.type === 'steps') for (const [i, s] of cc.scoring.steps.entries()) add(`step:${i}`, s.check);
      for (const id of ops) {
        if (JSON_RULES_ENGINE_BUILTINS.has(id)) continue;
        const reg = registry.operators.get(id)!;
        const { acceptsFact, evaluate } = reg.def;
        engine.addOperator(id, (a: unknown, b: unknown) => {
          try {
            return (acceptsFact === undefined || acceptsFact(a)) && evaluate(a, b);
          } catch (e) {
            throw reg.plugin === '@cnscd/core' ? e : new PluginFailure(reg.plugin, `operator "${id}"`, e);
          }
        });
      }
      this.engines.set(cc, { engine, rules });
    }
  }

  /** Run a criterion's rules for one subject; returns a check function over the recorded verdicts. */
  async check(cc: CompiledCriterion, compiled: CompiledSet, row: FactRow, explain: boolean): Promise<CheckFn> {
    const entry = this.engines.get(cc)!;
    if (entry.rules.length === 0) return () => ({ result: false });
    const facts: Record<string, unknown> = {};
    for (const slot of cc.slots) facts[compiled.factIds[slot]!] = row[slot];
    const { results, failureResults } = await entry.engine.run(facts);
    const verdicts = new Map<string, Verdict>();
    for (const rr of [...results, ...failureResults]) {
      if (!explain) {
        // Only the verdict is read: no condition tree to copy (toJSON) and convert.
        verdicts.set(String(rr.name), { result: rr.result === true });
        continue;
      }
      const entryRule = entry.rules.find((r) => r.key === rr.name)!;
      const json = (rr.toJSON(false) as unknown as { conditions: JreCondition }).conditions;
      const root = entryRule.wrapped ? json.all![0]! : json;
      const plan = entryRule.condition.plan;
      // json-rules-engine records the root group's verdict on the rule result, not on the root node.
      const node = entryRule.wrapped ? fromJre(root, plan) : { ...fromJre(root, plan), result: rr.result === true };
      verdicts.set(String(rr.name), { result: rr.result === true, node });
    }
    return (_condition, key) => verdicts.get(key) ?? { result: false };
  }
}

function collectOperators(plan: ConditionPlan, out: Set<string>): void {
  const stack: ConditionPlan[] = [plan];
  while (stack.length > 0) {
    const p = stack.pop()!;
    if (p.kind === 'fact') out.add(p.operator);
    else if (p.kind === 'not') stack.push(p.child);
    else stack.push(...p.children);
  }
}
