import { describe, expect, it } from 'vitest';
import { createEvaluator, evaluate, evaluateSync, type CriterionResult, type SubjectResult } from '../src/index.js';
import { worked, workedSet } from './fixtures/worked.js';

const byId = (subjects: readonly SubjectResult[], id: string): SubjectResult => subjects.find((s) => s.subject.id === id)!;
const crit = (s: SubjectResult, id: string): CriterionResult => s.criteria.find((c) => c.id === id)!;

describe('worked example, checked by hand', () => {
  for (const engine of ['compiled', 'reference'] as const) {
    it(`scores T1 and T2 (${engine})`, async () => {
      const r = await evaluate(worked, workedSet, { period: '2025-01..2025-12', engine });
      expect(r.engine).toBe(engine);
      expect(r.asOf).toBe('2025-12-31');
      const t1 = byId(r.subjects, 'T1');
      // size: 5 members, 4 ≤ 5 ≤ 9 → 10
      expect(crit(t1, 'size')).toMatchObject({ status: 'passed', points: 10 });
      // reports: 10 of 12 months, ≥ 10 → 10
      expect(crit(t1, 'reports')).toMatchObject({ status: 'passed', points: 10 });
      // ops: V1 280/400 = 0.7; target at 2025-12-31 is 0.7 → 10
      expect(crit(t1, 'ops')).toMatchObject({ status: 'passed', points: 10 });
      // households: 10 × 10 = 100 → top step 10
      expect(crit(t1, 'households')).toMatchObject({ status: 'passed', points: 10 });
      expect(t1).toMatchObject({ score: 40, maxScore: 40, percent: 100, rating: { id: 'excellent' }, complete: true });

      const t2 = byId(r.subjects, 'T2');
      // size: 3 < 4 → 0
      expect(crit(t2, 'size')).toMatchObject({ status: 'failed', points: 0 });
      // reports: 6 months (Jul–Dec) < 10 → 0
      expect(crit(t2, 'reports')).toMatchObject({ status: 'failed', points: 0 });
      // ops: V2 300/600 = 0.5 / 0.7 = 0.714285714… × 10 = 7.142857143 (rounded to 1e-9)
      expect(crit(t2, 'ops').status).toBe('partial');
      expect(crit(t2, 'ops').points).toBeCloseTo(50 / 7, 8);
      // households: 6 × 5 = 30 → step ≥ 20 → 5
      expect(crit(t2, 'households')).toMatchObject({ status: 'partial', points: 5 });
      // 12.142857143 / 40 = 30.357142857 % → weak
      expect(t2.score).toBeCloseTo(5 + 50 / 7, 8);
      expect(t2.percent).toBeCloseTo(((5 + 50 / 7) * 100) / 40, 8);
      expect(t2.rating?.id).toBe('weak');
    });
  }

  it('explains each condition with actual and expected values, and says why in vi and en', () => {
    const r = evaluateSync(worked, workedSet, { period: '2025-01..2025-12' });
    const t2 = byId(r.subjects, 'T2');
    const size = crit(t2, 'size');
    expect(size.explanation).toEqual({
      all: [
        { fact: 'memberCount', operator: 'greaterThanInclusive', expected: 4, param: 'minMembers', actual: 3, result: false },
        { fact: 'memberCount', operator: 'lessThanInclusive', expected: 9, actual: 3, result: true },
      ],
      result: false,
    });
    // The parameter has no label in this set: the reason shows its value alone, never its name.
    expect(size.reason?.en).toBe('Not met: Members = 3, required ≥ 4');
    expect(size.reason?.vi).toBe('Chưa đạt: Số thành viên = 3, yêu cầu ≥ 4');
    // A path into activity is named by the metric's label; 5 of 10 points is partly met.
    expect(crit(t2, 'households').reason).toEqual({
      vi: 'Đạt một phần: Số hộ gia đình đã đến hướng dẫn = 30, đạt mốc ≥ 20 → 5/10 điểm',
      en: 'Partly met: Households visited = 30, reaches the step ≥ 20 → 5/10 points',
    });
    expect(crit(t2, 'ops').detail).toMatchObject({ actual: 0.5, target: 0.7 });
    // 0.5 / 0.7 × 10 = 7.142857… points, shown to 4 decimals; a share reads as a percentage, named by the ratio's label.
    expect(crit(t2, 'ops').reason).toEqual({
      vi: 'Đạt một phần: Tỷ lệ người trong độ tuổi lao động biết sử dụng dịch vụ công trực tuyến = 50% so với mục tiêu 70% → 7,1429/10 điểm',
      en: 'Partly met: Share of working-age people able to use online public services = 50% against a target of 70% → 7.1429/10 points',
    });
  });

  it('says when a ratio is below its floor', () => {
    // Same set with a floor of 0.6 on ops: T2's 0.5 is below it → 0 points; T1's 0.7 is not → 10.
    const set = { ...workedSet, criteria: workedSet.criteria!.map((c) => (c.id === 'ops' ? { ...c, scoring: { ...c.scoring, floor: 0.6 } } : c)) };
    const r = evaluateSync(worked, set, { period: '2025-01..2025-12' });
    expect(crit(byId(r.subjects, 'T2'), 'ops')).toMatchObject({
      status: 'failed',
      points: 0,
      detail: { actual: 0.5, target: 0.7, floor: 0.6, fraction: 0 },
      reason: {
        vi: 'Chưa đạt: Tỷ lệ người trong độ tuổi lao động biết sử dụng dịch vụ công trực tuyến = 50% so với mục tiêu 70% (dưới ngưỡng 60%) → 0/10 điểm',
        en: 'Not met: Share of working-age people able to use online public services = 50% against a target of 70% (below the floor 60%) → 0/10 points',
      },
    });
    expect(crit(byId(r.subjects, 'T1'), 'ops').reason?.en).toBe(
      'Met: Share of working-age people able to use online public services = 70% against a target of 70% → 10/10 points',
    );
  });

  it('fast mode gives the same points and ratings without explanations', () => {
    const slow = evaluateSync(worked, workedSet, { period: '2025', explain: true });
    const fast = evaluateSync(worked, workedSet, { period: '2025', explain: false });
    expect(fast.subjects.map((s) => [s.subject.id, s.score, s.rating?.id])).toEqual(slow.subjects.map((s) => [s.subject.id, s.score, s.rating?.id]));
    expect(fast.subjects[0]!.criteria[0]!.explanation).toBeUndefined();
    expect(fast.subjects[0]!.criteria[0]!.reason).toBeUndefined();
  });

  it('resolves dated parameters at the evaluation date', () => {
    // At 2024-12-31 the opsTarget is 0.2: T1's 0.7 caps at full points; T2 did not exist yet.
    const r = evaluateSync(worked, workedSet, { period: '2024-01..2024-12' });
    expect(r.subjects.map((s) => s.subject.id)).toEqual(['T1']);
    expect(crit(r.subjects[0]!, 'ops').detail).toMatchObject({ target: 0.2 });
  });

  it('rolls up: teams, villages covered, ratio-of-sums coverage, ranks', () => {
    const r = evaluateSync(worked, workedSet, { period: '2025' });
    const c1 = r.rollup!.units.find((u) => u.orgUnitId === 'C1')!;
    expect(c1).toMatchObject({ teams: 2, members: 8, scored: 2 });
    // 3 villages, 2 with a team
    expect(c1.units['village']).toEqual({ total: 3, withTeam: 2 });
    // (280 + 300) / (400 + 600) = 0.58 — not the mean of 0.7 and 0.5 (0.6)
    expect(c1.coverage['onlinePublicServices']).toEqual({ numerator: 580, denominator: 1000, rate: 0.58 });
    const p = r.rollup!.units.find((u) => u.orgUnitId === 'P')!;
    expect(p.teams).toBe(2);
    expect(p.units['commune']).toEqual({ total: 1, withTeam: 1 });
    const v1 = r.rollup!.units.find((u) => u.orgUnitId === 'V1')!;
    const v2 = r.rollup!.units.find((u) => u.orgUnitId === 'V2')!;
    const v3 = r.rollup!.units.find((u) => u.orgUnitId === 'V3')!;
    expect([v1.rank, v2.rank, v3.rank]).toEqual([1, 2, null]);
    expect(v1.rankOf).toBe(2);
    expect(r.rollup!.units.map((u) => u.orgUnitId)).toEqual(['P', 'D', 'C1', 'V1', 'V2', 'V3']);
    expect(r.summary.ratings).toEqual({ excellent: 1, good: 0, fair: 0, weak: 1 });
  });
});

describe('createEvaluator', () => {
  it('validates once and gives the same results as evaluate, for several dates', async () => {
    const evaluator = createEvaluator(workedSet);
    expect(evaluator.criteriaSet.lineage).toEqual(['worked-example@1.0.0']);
    for (const period of ['2024', '2025', '2025-01..2025-06']) {
      expect(evaluator.evaluateSync(worked, { period })).toEqual(evaluateSync(worked, workedSet, { period }));
      expect(await evaluator.evaluate(worked, { period, engine: 'reference' })).toEqual(
        await evaluate(worked, workedSet, { period, engine: 'reference' }),
      );
    }
  });

  it('gives the same results with either engine, explanations and reasons included (parameters named)', async () => {
    for (const period of ['2024', '2025', '2025-01..2025-06']) {
      for (const explain of [true, false]) {
        const { engine: compiledEngine, ...compiled } = evaluateSync(worked, workedSet, { period, explain });
        const { engine: referenceEngine, ...reference } = await evaluate(worked, workedSet, { period, explain, engine: 'reference' });
        expect([compiledEngine, referenceEngine]).toEqual(['compiled', 'reference']);
        expect(reference).toEqual(compiled);
      }
    }
    const size = evaluateSync(worked, workedSet, { period: '2025' }).subjects[0]!.criteria.find((c) => c.id === 'size')!;
    expect(size.explanation).toMatchObject({ all: [{ param: 'minMembers' }, { expected: 9 }] });
  });

  it('rejects an unusable set up front, with every problem', () => {
    const bad = { ...workedSet, criteria: [...workedSet.criteria!, { ...workedSet.criteria![0]!, maxPoints: -1 }] };
    expect(() => createEvaluator(bad)).toThrow(expect.objectContaining({ code: 'CRITERIA_SET_INVALID' }));
  });
});
