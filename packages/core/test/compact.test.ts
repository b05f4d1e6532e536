import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benchCriteriaSet } from '../../../bench/criteria.js';
import { compactResult, evaluateSync, expandResult, resultLines, type EvaluationResult } from '../src/index.js';
import { generatedDataset } from './dataset-fixtures.js';
import { validDataset } from './fixtures/arbitraries.js';
import { workedSet } from './fixtures/worked.js';

/** The compact answer says the constant parts once and loses nothing. */

const sets = [benchCriteriaSet, workedSet] as const;

describe('compactResult', () => {
  it('expands back to the full result, explained or not, with or without roll-up (fast-check)', () => {
    fc.assert(
      fc.property(validDataset, fc.constantFrom(...sets), fc.boolean(), fc.boolean(), (dataset, set, explain, rollup) => {
        const full = evaluateSync(dataset, set, { period: '2025-01..2025-12', explain, rollup });
        const compact = compactResult(full);
        expect(expandResult(compact)).toEqual(full);
        // The same through JSON, as a client gets it.
        expect(expandResult(JSON.parse(JSON.stringify(compact)))).toEqual(JSON.parse(JSON.stringify(full)));
      }),
      { numRuns: 150 },
    );
  });

  it('says the roll-up coverage names once: each unit has [numerator, denominator, rate] in their order', () => {
    const full = evaluateSync(generatedDataset(40, 12), benchCriteriaSet, { period: '2025', explain: false, rollup: true });
    const compact = compactResult(full);
    const keys = compact.rollup!.coverageKeys;
    expect(keys.length).toBeGreaterThan(0);
    expect(keys).toEqual(Object.keys(full.rollup!.units[0]!.coverage));
    compact.rollup!.units.forEach((u, i) => {
      const f = full.rollup!.units[i]!;
      expect(u.coverage).toEqual(keys.map((k) => [f.coverage[k]!.numerator, f.coverage[k]!.denominator, f.coverage[k]!.rate]));
      expect({ ...u, coverage: undefined }).toEqual({ ...f, coverage: undefined });
    });
    // A unit whose coverage names differ keeps its object, and still expands to itself.
    const odd = {
      ...full,
      rollup: {
        ...full.rollup!,
        units: [
          ...full.rollup!.units,
          { ...full.rollup!.units[0]!, orgUnitId: 'x', coverage: { other: { numerator: 1, denominator: 2, rate: 0.5 } } },
        ],
      },
    };
    const c = compactResult(odd);
    expect(c.rollup!.units.at(-1)!.coverage).toEqual({ other: { numerator: 1, denominator: 2, rate: 0.5 } });
    expect(expandResult(c)).toEqual(odd);
    // The answer keeps the full answer's key order, the roll-up in its place.
    expect(Object.keys(compact)).toEqual(['shape', ...Object.keys(full).filter((k) => k !== 'subjects'), 'criteria', 'ratings', 'subjects']);
  });

  it('describes each criterion once and gives each subject only its own values', () => {
    const full: EvaluationResult = evaluateSync(generatedDataset(40, 12), benchCriteriaSet, { period: '2025', explain: false });
    const compact = compactResult(full);
    expect(compact.shape).toBe('compact');
    expect(compact.criteria.map((c) => c.id)).toEqual(full.subjects[0]!.criteria.map((c) => c.id));
    const s = compact.subjects[3]!;
    const f = full.subjects[3]!;
    expect(s.points).toEqual(f.criteria.map((c) => c.points));
    expect(s.statuses).toEqual(f.criteria.map((c) => c.status));
    expect(s.rating).toBe(f.rating?.id ?? null);
    expect(compact.ratings.map((r) => r.id).sort()).toEqual(
      [...new Set(full.subjects.flatMap((x) => (x.rating === null ? [] : [x.rating.id])))].sort(),
    );
    expect(JSON.stringify(s)).not.toContain('title');
    // Without explanations, a team's answer is a fraction of the full one.
    const perSubject = (r: { subjects: readonly unknown[] }) => JSON.stringify(r.subjects).length / r.subjects.length;
    expect(perSubject(compact)).toBeLessThan(perSubject(full) / 3);
  });

  it('keeps what a criterion carries in explain mode beside its point and status', () => {
    const full = evaluateSync(generatedDataset(5, 12), benchCriteriaSet, { period: '2025', explain: true });
    const compact = compactResult(full);
    const i = full.subjects[0]!.criteria.findIndex((c) => c.reason !== undefined);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(compact.subjects[0]!.extras?.[i]?.reason).toEqual(full.subjects[0]!.criteria[i]!.reason);
  });

  it('an empty result stays empty', () => {
    const full = evaluateSync({ orgUnits: [], teams: [] }, benchCriteriaSet, { period: '2025', explain: false });
    expect(compactResult(full)).toMatchObject({ criteria: [], subjects: [], ratings: [] });
    expect(expandResult(compactResult(full))).toEqual(full);
  });
});

describe('resultLines', () => {
  const full = evaluateSync(generatedDataset(12, 12), benchCriteriaSet, { period: '2025', explain: true, rollup: true });

  it('compact: the constant part first, then one subject per line; read back, the compact result', () => {
    const lines = [...resultLines(full, 'compact')];
    expect(lines).toHaveLength(1 + full.subjects.length);
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    const [head, ...rest] = lines.map((l) => JSON.parse(l));
    expect(head.subjects).toBe(full.subjects.length);
    expect({ ...head, subjects: rest }).toEqual(JSON.parse(JSON.stringify(compactResult(full))));
  });

  it('full: the same with each subject as the full result has it', () => {
    const [head, ...rest] = [...resultLines(full, 'full')].map((l) => JSON.parse(l));
    const { shape, ...withoutShape } = head;
    expect(shape).toBe('full');
    expect({ ...withoutShape, subjects: rest }).toEqual(JSON.parse(JSON.stringify(full)));
  });
});
