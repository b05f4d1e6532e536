/**
 * UNKNOWN_ROLLUP_LEVEL: a roll-up level the dataset does not have is an error with the nearest level,
 * never an empty roll-up in silence (issue 15, item 3).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateSync, rollupLevelProblems, type Dataset, type EvaluationResult } from '../src/index.js';
import { worked, workedSet } from './fixtures/worked.js';

const levelErrors = (r: EvaluationResult) => r.problems.filter((p) => p.code === 'UNKNOWN_ROLLUP_LEVEL');
const run = (d: Dataset, levels: readonly string[]) => evaluateSync(d, workedSet, { period: '2025', explain: false, rollup: { levels } });

describe('UNKNOWN_ROLLUP_LEVEL', () => {
  it('a misspelled level is an error at its pointer, naming the dataset’s levels and the nearest one', () => {
    const r = run(worked, ['comune']);
    expect(levelErrors(r)).toEqual([
      {
        code: 'UNKNOWN_ROLLUP_LEVEL',
        severity: 'error',
        path: '/options/rollup/levels/0',
        message: {
          vi: 'Cấp này không có trong danh sách cấp của dữ liệu: province, district, commune, village; có phải ý bạn là "commune"?',
          en: 'Not one of the dataset\'s levels: province, district, commune, village; did you mean "commune"?',
        },
        params: { levels: ['province', 'district', 'commune', 'village'], suggestion: 'commune' },
      },
    ]);
    // The roll-up is what it was (empty: no unit has that level); the error says why.
    expect(r.rollup).toEqual({ units: [] });
  });

  it('the known levels are still rolled up; each unknown one is named by its index, never quoted', () => {
    const r = run(worked, ['commune', 'Vilage', 'xã 0912345678']);
    expect(levelErrors(r).map((p) => [p.path, p.params?.suggestion])).toEqual([
      ['/options/rollup/levels/1', 'village'], // case-insensitive, one edit away
      ['/options/rollup/levels/2', undefined], // nothing close: the message lists the levels
    ]);
    for (const p of levelErrors(r)) expect(JSON.stringify(p)).not.toMatch(/Vilage|0912345678/);
    expect(r.rollup?.units.map((u) => u.orgUnitId)).toEqual(['C1']);
  });

  it('levels come from the dataset: "district" is unknown to a two-tier dataset (after July 2025)', () => {
    const twoTier: Dataset = {
      levels: [{ id: 'province' }, { id: 'commune' }, { id: 'village' }],
      orgUnits: [{ id: 'P', name: 'Tỉnh P', level: 'province' }],
      teams: [],
    };
    expect(rollupLevelProblems(twoTier, { levels: ['district', 'commune'] }).map((p) => [p.path, p.params])).toEqual([
      ['/options/rollup/levels/0', { levels: ['province', 'commune', 'village'] }],
    ]);
  });

  it('nothing to check for rollup true, false, or without levels; both engines report the same', async () => {
    for (const rollup of [true, false, {}, { levels: [] }] as const) expect(rollupLevelProblems(worked, rollup)).toEqual([]);
    expect(rollupLevelProblems(worked, undefined)).toEqual([]);
    const compiled = await evaluate(worked, workedSet, { period: '2025', rollup: { levels: ['huyen'] } });
    const reference = await evaluate(worked, workedSet, { period: '2025', rollup: { levels: ['huyen'] }, engine: 'reference' });
    expect(levelErrors(compiled)).toHaveLength(1);
    expect(levelErrors(reference)).toEqual(levelErrors(compiled));
  });

  it('property: declared levels never give the error; any other string always does, once per entry', () => {
    const declared = ['province', 'district', 'commune', 'village'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...declared), fc.string({ maxLength: 12 })), { maxLength: 6 }), (levels) => {
        const found = rollupLevelProblems(worked, { levels }).map((p) => p.path);
        const expected = levels.flatMap((l, i) => (declared.includes(l) ? [] : [`/options/rollup/levels/${i}`]));
        expect(found).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
