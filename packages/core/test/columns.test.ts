import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition, ResolvedCriteriaSet } from '../src/criteria/types.js';
import { Columns, vectorise } from '../src/evaluate/columns.js';
import { compileCriteriaSet, type FactRow } from '../src/evaluate/compile.js';
import { CORE_OPERATORS } from '../src/evaluate/operators.js';
import { coreRegistry } from '../src/plugin/registry.js';

/**
 * Column-at-a-time verdicts (columns.ts) must equal the compiled closures' `test`, which the differential
 * test ties to json-rules-engine: on random trees over every core operator, random mixed-type fact
 * values (objects with paths, arrays, strings that parse as numbers, null, missing), and batches of rows.
 */
const FACTS = ['memberCount', 'leaderCount', 'affiliations', 'onlineGroup'] as const;
// Small integers on both sides (facts and values), so that ties (where ≥ and > differ) are common.
const small = fc.integer({ min: -3, max: 3 });
const scalar = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('12', '12abc', 'abc', '', '0', ' 7 '),
  fc.boolean(),
  fc.constant(null),
);
const factValue: fc.Arbitrary<unknown> = fc.oneof(
  small,
  small,
  scalar,
  fc.constant(undefined),
  fc.array(scalar, { maxLength: 4 }),
  fc.record({ a: scalar, b: fc.record({ c: scalar }, { noNullPrototype: true }), list: fc.array(scalar, { maxLength: 3 }) }, { noNullPrototype: true }),
);
const value = fc.oneof(small, small, scalar, fc.array(scalar, { maxLength: 4 }), fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 3 })));
const leaf: fc.Arbitrary<Condition> = fc
  .record({
    fact: fc.constantFrom(...FACTS),
    operator: fc.constantFrom(...CORE_OPERATORS.map((o) => o.id)),
    value,
    path: fc.option(fc.constantFrom('a', 'b.c', '$.a', 'list.0', 'zz', 'toString', 'b.valueOf'), { nil: undefined }),
  })
  .map(({ fact, operator, value: v, path }) => {
    const val = (operator === 'in' || operator === 'notIn') && !Array.isArray(v) ? [v] : v;
    return (path === undefined ? { fact, operator, value: val } : { fact, operator, value: val, path }) as Condition;
  });
const tree = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie('node'), { maxLength: 4 }) }),
    fc.record({ any: fc.array(tie('node'), { maxLength: 4 }) }),
    fc.record({ not: tie('node') }),
  ),
})).node;

const setOf = (when: Condition): ResolvedCriteriaSet => ({
  id: 'cols', version: '1.0.0', title: { vi: 'c', en: 'c' }, sources: [], subject: { kind: 'team' }, requires: {}, parameters: {},
  criteria: [{ id: 'c', title: { vi: 'c', en: 'c' }, group: 'other', maxPoints: 1, scoring: { type: 'pass', when } }],
  ratings: [{ id: 'all', label: { vi: 'a', en: 'a' }, minPercent: 0 }],
  lineage: ['cols@1.0.0'],
});

describe('column-at-a-time conditions', () => {
  it('give test(row) for every row of a batch, on random trees and values', () => {
    const registry = coreRegistry();
    fc.assert(
      fc.property(tree, fc.array(fc.tuple(...FACTS.map(() => factValue)), { minLength: 1, maxLength: 12 }), (when, batch) => {
        const compiled = compileCriteriaSet(setOf(when), registry, {}, '2025-12-31');
        const rows: FactRow[] = batch.map((values) => compiled.factIds.map((id) => values[FACTS.indexOf(id as (typeof FACTS)[number])]));
        const cc = compiled.criteria[0]!;
        if (cc.scoring.type !== 'pass') throw new Error('unreachable');
        const vector = vectorise(cc.scoring.when.plan);
        expect(vector).toBeDefined();
        const got = [...vector!(new Columns(rows))];
        expect(got).toEqual(rows.map((row) => (cc.scoring.type === 'pass' && cc.scoring.when.test(row) ? 1 : 0)));
      }),
      { numRuns: 1500, seed: 20261122 },
    );
  });
});
