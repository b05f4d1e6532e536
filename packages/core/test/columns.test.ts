import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Columns, vectorise } from '../src/evaluate/columns.js';
import { compileCriteriaSet, type FactRow } from '../src/evaluate/compile.js';
import { coreRegistry } from '../src/plugin/registry.js';
import { conditionTree, factValue, passSet } from './fixtures/conditions.js';

/**
 * Column-at-a-time verdicts (columns.ts) must equal the compiled closures' `test`, which the differential
 * test ties to json-rules-engine: on random trees over every core operator, random mixed-type fact
 * values (objects with paths, arrays, strings that parse as numbers, null, missing), and batches of rows.
 */
const FACTS = ['memberCount', 'leaderCount', 'affiliations', 'onlineGroup'] as const;
const tree = conditionTree(FACTS);

describe('column-at-a-time conditions', () => {
  it('give test(row) for every row of a batch, on random trees and values', () => {
    const registry = coreRegistry();
    fc.assert(
      fc.property(tree, fc.array(fc.tuple(...FACTS.map(() => factValue)), { minLength: 1, maxLength: 12 }), (when, batch) => {
        const compiled = compileCriteriaSet(passSet(when), registry, {}, '2025-12-31');
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
