/**
 * The digital-family preset's golden cases, evaluated with the plugin in both engines: the compiled one
 * and json-rules-engine (reference). Expected numbers are worked out by hand in each case's `workings`.
 */
import { createRegistry, evaluate, type EngineKind, type EvaluationResult } from '@cnscd/core';
import { describe, expect, it } from 'vitest';
import examplePlugin from '../src/index.js';
import { loadCases, loadPreset, type GoldenCase } from './fixtures.js';

const registry = createRegistry([examplePlugin]);
const ENGINES: readonly EngineKind[] = ['compiled', 'reference'];
/** Hand-worked values carry 9 decimals; cases compare to within 1e-9, as @cnscd/criteria-presets does. */
const TOLERANCE = 1e-9;

const run = (c: GoldenCase, engine: EngineKind): Promise<EvaluationResult> =>
  evaluate(c.dataset, loadPreset(), {
    period: c.period,
    ...(c.asOf === undefined ? {} : { asOf: c.asOf }),
    engine,
    registry,
    rollup: false,
  });

const cases = loadCases();

it('ships at least three golden cases, each with its workings', () => {
  expect(cases.length).toBeGreaterThanOrEqual(3);
  for (const { goldenCase } of cases) {
    expect(goldenCase.workings?.length).toBeGreaterThan(0);
    expect(goldenCase.description.vi).not.toBe('');
    expect(goldenCase.description.en).not.toBe('');
  }
});

for (const { name, goldenCase } of cases) {
  describe(`golden case ${name}`, () => {
    for (const engine of ENGINES) {
      it(`matches the hand-worked result (${engine})`, async () => {
        const result = await run(goldenCase, engine);
        expect(result.engine).toBe(engine);
        expect(result.subjects.map((s) => s.subject.id).sort()).toEqual(goldenCase.expected.subjects.map((s) => s.id).sort());
        expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
        for (const exp of goldenCase.expected.subjects) {
          const act = result.subjects.find((s) => s.subject.id === exp.id)!;
          expect(Math.abs(act.score - exp.score), `${exp.id} score ${act.score}`).toBeLessThanOrEqual(TOLERANCE);
          expect(act.maxScore, `${exp.id} maxScore`).toBe(exp.maxScore);
          expect(Math.abs(act.percent - exp.percent), `${exp.id} percent ${act.percent}`).toBeLessThanOrEqual(TOLERANCE);
          expect(act.rating?.id ?? null, `${exp.id} rating`).toBe(exp.rating);
          expect(act.complete, `${exp.id} complete`).toBe(true);
          for (const [id, c] of Object.entries(exp.criteria ?? {})) {
            const actC = act.criteria.find((x) => x.id === id);
            expect(actC, `${exp.id} / ${id}`).toBeDefined();
            if (c.points !== undefined) {
              expect(Math.abs(actC!.points - c.points), `${exp.id} / ${id} points ${actC!.points}`).toBeLessThanOrEqual(TOLERANCE);
            }
            if (c.status !== undefined) expect(actC!.status, `${exp.id} / ${id} status`).toBe(c.status);
          }
        }
      });
    }

    it('gives the same result in both engines, explanations included', async () => {
      const [compiled, reference] = await Promise.all(ENGINES.map((e) => run(goldenCase, e)));
      expect(reference!.subjects).toEqual(compiled!.subjects);
      expect(reference!.problems).toEqual(compiled!.problems);
    });
  });
}

describe('explanations name what the plugin computed', () => {
  it('explains the plugin operator and the logistic scorer in both languages', async () => {
    const tiers = cases.find((c) => c.name === 'tiers')!.goldenCase;
    const result = await run(tiers, 'compiled');
    const t2 = result.subjects.find((s) => s.subject.id === 'to-thon-2')!;
    const near = t2.criteria.find((c) => c.id === 'households-near-universal')!;
    expect(near.explanation).toMatchObject({
      all: [{ fact: 'digitalHouseholdShare', operator: 'withinPercentOf', expected: [1, 5], actual: 0.95, result: true }],
      result: true,
    });
    // Operators without a symbol are read by their label.
    expect(near.reason?.en).toContain('within percent of [1, 5]');
    expect(near.reason?.vi).toContain('trong phạm vi % của [1; 5]');
    const curve = t2.criteria.find((c) => c.id === 'households-curve')!;
    expect(curve.detail).toEqual({
      fact: 'digitalHouseholdShare',
      actual: 0.95,
      midpoint: 0.7,
      steepness: 10,
      fraction: expect.closeTo(0.9241418199787566, 12),
    });
    expect(curve.reason).toEqual({
      vi: 'Tỷ lệ hộ có người thành thạo 5 kỹ năng số cơ bản = 0,95; đường cong logistic (điểm giữa 0,7, độ dốc 10) → 36,9657/40 điểm',
      en: 'Share of households with a member proficient in the five basic digital skills = 0.95; logistic curve (midpoint 0.7, steepness 10) → 36.9657/40 points',
    });
    const hueS = t2.criteria.find((c) => c.id === 'hue-s-accounts')!;
    expect(hueS.detail).toMatchObject({ fact: 'activity', path: 'hueSAccounts', actual: 60, fraction: 0.5 });
  });

  it('scores 0 with "no data" when the area has no household figures (no error, no crash)', async () => {
    const missing = cases.find((c) => c.name === 'commune-team-and-missing-data')!.goldenCase;
    for (const engine of ENGINES) {
      const result = await run(missing, engine);
      const t7 = result.subjects.find((s) => s.subject.id === 'to-thon-7')!;
      const curve = t7.criteria.find((c) => c.id === 'households-curve')!;
      expect(curve).toMatchObject({
        status: 'failed',
        points: 0,
        detail: { actual: null },
        reason: { en: 'Not met: no data for Share of households with a member proficient in the five basic digital skills → 0 points' },
      });
      const near = t7.criteria.find((c) => c.id === 'households-near-universal')!;
      expect(near.explanation).toMatchObject({ all: [{ actual: null, result: false }] });
      expect(result.summary.criteriaErrors).toBe(0);
    }
  });
});
