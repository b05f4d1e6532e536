import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../src/plugin/registry.js';
import { defineFact, definePlugin } from '../src/plugin/define.js';
import type { Condition } from '../src/criteria/types.js';
import { compileCriteriaSet, type FactRow } from '../src/evaluate/compile.js';
import { conditionReason } from '../src/evaluate/explain.js';
import { ReferenceRunner } from '../src/evaluate/reference.js';
import { CORE_OPERATORS } from '../src/evaluate/operators.js';
import { conditionTree, factValue, passSet } from './fixtures/conditions.js';

/**
 * Differential property test: for random condition trees (all/any/not, every built-in operator, missing
 * facts, mixed types, nested paths) and random fact values, the compiled engine's explained tree equals
 * json-rules-engine's, condition by condition — not just the final verdict.
 */

const FACTS = ['num', 'str', 'bool', 'obj', 'arr', 'missing'] as const;
const probe = definePlugin({
  name: 'differential-probe',
  version: '1.0.0',
  core: '^1',
  facts: FACTS.map((id) =>
    defineFact({ id, type: id === 'obj' ? 'object' : 'number', subjects: ['team'], label: { vi: id, en: id }, compute: () => undefined }),
  ),
});
const registry = createRegistry([probe]);
const OPERATORS = CORE_OPERATORS.map((o) => o.id);

const tree = conditionTree(FACTS);
const setOf = passSet;

describe('compiled engine agrees with json-rules-engine', () => {
  it('condition by condition, on random trees and random facts', async () => {
    await fc.assert(
      fc.asyncProperty(tree, fc.tuple(...FACTS.map(() => factValue)), async (when, values) => {
        const compiled = compileCriteriaSet(setOf(when), registry, {}, '2025-12-31');
        const row: FactRow = compiled.factIds.map((id) => (id === 'missing' ? undefined : values[FACTS.indexOf(id as (typeof FACTS)[number])]));
        const cc = compiled.criteria[0]!;
        if (cc.scoring.type !== 'pass') throw new Error('unreachable');
        const ours = cc.scoring.when.explain(row);
        expect(cc.scoring.when.test(row)).toBe(ours.result);
        const runner = new ReferenceRunner(compiled, registry);
        const check = await runner.check(cc, compiled, row, true);
        const theirs = check(cc.scoring.when, 'when');
        expect(ours).toEqual(theirs.node);
        expect(ours.result).toBe(theirs.result);
        // The reference's fast mode reads the verdict alone (no condition tree): the same verdict.
        const lean = (await runner.check(cc, compiled, row, false))(cc.scoring.when, 'when');
        expect(lean).toEqual({ result: ours.result });
        // Reasons read each leaf's constant text from the plan walked alongside the tree: the same text as
        // made from the explained leaves alone, for both engines' trees.
        const plan = cc.scoring.when.plan;
        expect(conditionReason(ours, compiled.labels, plan)).toEqual(conditionReason(ours, compiled.labels));
        expect(conditionReason(theirs.node!, compiled.labels, plan)).toEqual(conditionReason(theirs.node!, compiled.labels));
      }),
      { numRuns: 2000, seed: 20251122 },
    );
  }, 120_000);

  it('leaf by leaf, exhaustively, for every core operator on small values (ties included), with and without a path', async () => {
    const values: unknown[] = [-1, 0, 1, 2, 2.5, '2', '2abc', '', null, true, [2], undefined];
    const mismatches: string[] = [];
    for (const operator of OPERATORS) {
      for (const expected of [-1, 0, 1, 2, 2.5, [0, 2], [2]]) {
        if ((operator === 'in' || operator === 'notIn') && !Array.isArray(expected)) continue; // validation requires an array
        for (const path of [undefined, 'a']) {
          const when = (
            path === undefined ? { fact: 'num', operator, value: expected } : { fact: 'obj', operator, value: expected, path }
          ) as Condition;
          const compiled = compileCriteriaSet(setOf(when), registry, {}, '2025-12-31');
          const cc = compiled.criteria[0]!;
          if (cc.scoring.type !== 'pass') throw new Error('unreachable');
          const runner = new ReferenceRunner(compiled, registry);
          for (const v of values) {
            const row: FactRow = compiled.factIds.map(() => (path === undefined ? v : { a: v }));
            const theirs = (await runner.check(cc, compiled, row, true))(cc.scoring.when, 'when').result;
            const test = cc.scoring.when.test(row);
            const explained = cc.scoring.when.explain(row).result;
            if (test !== theirs || explained !== theirs)
              mismatches.push(
                `${JSON.stringify(v)} ${operator} ${JSON.stringify(expected)} path=${path}: test ${test}, explain ${explained}, json-rules-engine ${theirs}`,
              );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
