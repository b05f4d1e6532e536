/**
 * NO_REPORTS_IN_PERIOD and PERIOD_OUTSIDE_DATA: a period the dataset has no reports for is warned about,
 * never answered in silence (issue 15, item 3). Rules in src/evaluate/coverage.ts and docs/dataset.md.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createEvaluator,
  evaluate,
  evaluateSync,
  toReportColumns,
  type CriteriaSet,
  type Dataset,
  type EvaluationResult,
  type Problem,
} from '../src/index.js';
import { REPORT_FACTS, periodProblems } from '../src/evaluate/coverage.js';
import { DatasetIndex } from '../src/evaluate/indexer.js';
import { coreRegistry } from '../src/plugin/registry.js';
import type { FactContext, SubjectRef } from '../src/plugin/types.js';
import { minimalSet, passCriterion } from './criteria-fixtures.js';
import { shuffled, validDataset } from './fixtures/arbitraries.js';
import { worked, workedSet } from './fixtures/worked.js';

const PERIOD_CODES = new Set(['NO_REPORTS_IN_PERIOD', 'PERIOD_OUTSIDE_DATA']);
const periodWarnings = (r: EvaluationResult): Problem[] => r.problems.filter((p) => PERIOD_CODES.has(p.code));
const run = (d: Dataset, period: string, extra: { asOf?: string; set?: CriteriaSet } = {}): EvaluationResult =>
  evaluateSync(d, extra.set ?? workedSet, { period, explain: false, rollup: false, ...(extra.asOf === undefined ? {} : { asOf: extra.asOf }) });

/** The worked world (reports Jan–Dec 2025 from T1 and T2) with some changes. */
const with_ = (change: Partial<Dataset>): Dataset => ({ ...worked, ...change });

describe('NO_REPORTS_IN_PERIOD', () => {
  it('the issue’s case: --period 2030 on reports that end in 2025 is one warning at /period, and the scores are unchanged', () => {
    const r = run(worked, '2030');
    expect(periodWarnings(r)).toEqual([
      {
        code: 'NO_REPORTS_IN_PERIOD',
        severity: 'warning',
        path: '/period',
        message: {
          vi: 'Không tổ nào có báo cáo hoạt động trong kỳ 01/2030–12/2030; mọi tiêu chí về hoạt động chỉ thấy số 0. Báo cáo trong dữ liệu: 01/2025–12/2025.',
          en: "No team has an activity report in the period 2030-01–2030-12, so every activity criterion sees zeros. The dataset's reports run 2025-01–2025-12.",
        },
        params: { period: { from: '2030-01', to: '2030-12' }, reports: { from: '2025-01', to: '2025-12' } },
      },
    ]);
    // Only the warning is new: every team is still scored, its activity criteria on zeros.
    expect(r.subjects.map((s) => [s.subject.id, s.rating?.id, s.criteria.map((c) => `${c.id}:${c.status}`)])).toEqual([
      ['T1', 'fair', ['size:passed', 'reports:failed', 'ops:passed', 'households:failed']],
      ['T2', 'weak', ['size:failed', 'reports:failed', 'ops:partial', 'households:failed']],
    ]);
  });

  it('a period before the first report, while the teams existed, is warned too', () => {
    const [w] = periodWarnings(run(worked, '2024-07..2024-12'));
    expect(w?.code).toBe('NO_REPORTS_IN_PERIOD');
    expect(w?.params).toEqual({ period: { from: '2024-07', to: '2024-12' }, reports: { from: '2025-01', to: '2025-12' } });
  });

  it('a dataset with no reports at all, scored by a set that reads them, says so', () => {
    const [w, ...rest] = periodWarnings(run(with_({ reports: [] }), '2025'));
    expect(rest).toEqual([]);
    expect(w?.params).toEqual({ period: { from: '2025-01', to: '2025-12' }, reports: null });
    expect(w?.message.en).toMatch(/The dataset has no activity reports\.$/);
    expect(w?.message.vi).toMatch(/Dữ liệu không có báo cáo hoạt động nào\.$/);
  });

  it('a month between reported months that no team reported in is warned too: the period has no report', () => {
    const noMay = with_({ reports: worked.reports!.filter((x) => x.month !== '2025-05') });
    expect(periodWarnings(run(noMay, '2025-05')).map((p) => [p.code, p.params])).toEqual([
      ['NO_REPORTS_IN_PERIOD', { period: { from: '2025-05', to: '2025-05' }, reports: { from: '2025-01', to: '2025-12' } }],
    ]);
    expect(periodWarnings(run(noMay, '2025-04..2025-06'))).toEqual([]); // a gap inside a period with reports is each team's own record
  });

  it('no warning when no report was due: no team existed in the period', () => {
    expect(periodWarnings(run(worked, '2023'))).toEqual([]); // T1 was set up in June 2024, T2 in July 2025
  });

  it('no warning when the set reads no report (team composition only), whatever the period', () => {
    expect(periodWarnings(run(worked, '2030', { set: minimalSet() }))).toEqual([]);
    expect(periodWarnings(run(with_({ reports: [] }), '2025', { set: minimalSet() }))).toEqual([]);
  });

  it('a single activity fact is enough for the warning (here `tasksActive`, through its dependencies)', () => {
    const set: CriteriaSet = { ...minimalSet(), criteria: [passCriterion('tasks', 10, 'tasksActive')] };
    expect(periodWarnings(run(worked, '2030', { set })).map((p) => p.code)).toEqual(['NO_REPORTS_IN_PERIOD']);
  });
});

describe('PERIOD_OUTSIDE_DATA', () => {
  it('a period that runs past the last reported month names the months without data', () => {
    const r = run(worked, '2025-07..2026-06');
    expect(periodWarnings(r)).toEqual([
      {
        code: 'PERIOD_OUTSIDE_DATA',
        severity: 'warning',
        path: '/period',
        message: {
          vi: 'Kỳ đánh giá 07/2025–06/2026 vượt ra ngoài các tháng có báo cáo trong dữ liệu (01/2025–12/2025): 01/2026–06/2026 không có dữ liệu báo cáo dù đã có tổ hoạt động; các tiêu chí về hoạt động tính các tháng đó là 0.',
          en: "The period 2025-07–2026-06 runs beyond the months the dataset's reports cover (2025-01–2025-12): 2026-01–2026-06 has no report data although teams existed; activity criteria count those months as zero.",
        },
        params: {
          period: { from: '2025-07', to: '2026-06' },
          covered: { from: '2025-01', to: '2025-12' },
          source: 'reports',
          uncovered: [{ from: '2026-01', to: '2026-06' }],
        },
      },
    ]);
  });

  it('both ends: months before the first and after the last report', () => {
    const [w] = periodWarnings(run(with_({ reports: worked.reports!.filter((x) => x.month >= '2025-03' && x.month <= '2025-10') }), '2025'));
    expect(w?.params?.uncovered).toEqual([
      { from: '2025-01', to: '2025-02' },
      { from: '2025-11', to: '2025-12' },
    ]);
    expect(w?.message.en).toContain(': 2025-01–2025-02, 2025-11–2025-12 has no report data');
  });

  it('no warning for a period inside the reported months, nor for the months a team was not due', () => {
    expect(periodWarnings(run(worked, '2025'))).toEqual([]);
    expect(periodWarnings(run(worked, '2025-03..2025-05'))).toEqual([]);
    // Only T2 (set up 10 July 2025), reporting from July: January to June were due from no one.
    const t2Only = with_({ teams: [worked.teams[1]!], reports: worked.reports!.filter((x) => x.teamId === 'T2') });
    expect(periodWarnings(run(t2Only, '2025'))).toEqual([]);
    // Only T1, disbanded at the end of October: November and December were due from no one.
    const t1Only = with_({ teams: [{ ...worked.teams[0]!, disbandedOn: '2025-10-31' }], reports: worked.reports!.filter((x) => x.teamId === 'T1') });
    expect(periodWarnings(run(t1Only, '2025'))).toEqual([]);
  });

  it('months after the evaluation date are not due: asOf mid-year on reports to June is quiet', () => {
    const toJune = with_({ reports: worked.reports!.filter((x) => x.month <= '2025-06') });
    expect(periodWarnings(run(toJune, '2025', { asOf: '2025-06-30' }))).toEqual([]);
    expect(periodWarnings(run(toJune, '2025')).map((p) => p.params?.uncovered)).toEqual([[{ from: '2025-07', to: '2025-12' }]]);
  });

  it('a declared window is the dataset’s own word for its months: trusted over the reports', () => {
    const toJune = with_({ window: { from: '2025-01', to: '2025-12' }, reports: worked.reports!.filter((x) => x.month <= '2025-06') });
    expect(periodWarnings(run(toJune, '2025'))).toEqual([]);
    const [w] = periodWarnings(run(toJune, '2025-06..2026-03'));
    expect(w?.params).toEqual({
      period: { from: '2025-06', to: '2026-03' },
      covered: { from: '2025-01', to: '2025-12' },
      source: 'window',
      uncovered: [{ from: '2026-01', to: '2026-03' }],
    });
    expect(w?.message.en).toContain("beyond the dataset's window 2025-01–2025-12");
    expect(w?.message.vi).toContain('vượt ra ngoài kỳ báo cáo của dữ liệu 01/2025–12/2025');
  });
});

describe('period warnings reach every way of evaluating', () => {
  it('the same warnings from evaluate (both engines), evaluateSync and an evaluator, for objects and columns', async () => {
    const columns: Dataset = { ...worked, reports: [], reportColumns: toReportColumns(worked.reports!) };
    const expected = periodWarnings(run(worked, '2025-07..2026-06'));
    expect(expected).toHaveLength(1);
    for (const d of [worked, columns]) {
      for (const engine of ['compiled', 'reference'] as const) {
        expect(periodWarnings(await evaluate(d, workedSet, { period: '2025-07..2026-06', engine }))).toEqual(expected);
      }
      expect(periodWarnings(createEvaluator(workedSet).evaluateSync(d, { period: '2025-07..2026-06' }))).toEqual(expected);
    }
  });

  it('periodProblems reads the columns like the objects', () => {
    const { reports, ...rest } = worked;
    const columns: Dataset = { ...rest, reportColumns: toReportColumns(reports!) };
    const period = { from: '2024-07', to: '2024-12' };
    expect(periodProblems(columns, period, '2024-12-31')).toEqual(periodProblems(worked, period, '2024-12-31'));
  });
});

describe('properties', () => {
  const monthArb = fc.integer({ min: 0, max: 35 }).map((i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  const periodArb = fc.tuple(monthArb, monthArb).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
  const reportMonths = (d: Dataset): string[] => (d.reports ?? []).map((x) => x.month).sort();

  it('a period with a report never warns "no reports"; one without, while a team was due, always does (even between reported months); a period with a report inside the reported months warns nothing', () => {
    fc.assert(
      fc.property(validDataset, periodArb, (d, period) => {
        const months = reportMonths(d);
        const found = periodWarnings(run(d, `${period.from}..${period.to}`)).map((p) => p.code);
        const hasReport = months.some((m) => m >= period.from && m <= period.to);
        const due = d.teams.some((t) => t.establishedOn.slice(0, 7) <= period.to);
        if (hasReport) expect(found).not.toContain('NO_REPORTS_IN_PERIOD');
        else expect(found).toEqual(due ? ['NO_REPORTS_IN_PERIOD'] : []);
        if (hasReport && period.from >= months[0]! && period.to <= months.at(-1)!) expect(found).toEqual([]);
        expect(found.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  });

  it('the warnings do not depend on the order of teams and reports', () => {
    fc.assert(
      fc.property(validDataset, periodArb, fc.integer(), (d, period, seed) => {
        const p = `${period.from}..${period.to}`;
        expect(periodWarnings(run(shuffled(d, seed), p))).toEqual(periodWarnings(run(d, p)));
      }),
      { numRuns: 60 },
    );
  });
});

describe('REPORT_FACTS lists every core fact that reads reports', () => {
  it('each other core fact has the same value with and without the reports, for every subject of the worked world', () => {
    const registry = coreRegistry();
    const period = { from: '2025-01', to: '2025-12' };
    const asOf = '2025-12-31';
    // The worked reports and one member's report, so that member-level facts have something to read.
    const reports = [...worked.reports!, { teamId: 'T1', memberId: 'a1', month: '2025-03', metrics: { householdsVisited: 3 } }];
    const indexes = [new DatasetIndex({ ...worked, reports }, period, asOf), new DatasetIndex({ ...worked, reports: [] }, period, asOf)];
    const valueIn = (index: DatasetIndex, subject: SubjectRef, id: string): unknown => {
      const ctx: FactContext = { subject, period, asOf, index, fact: (dep) => valueIn(index, subject, dep) };
      return registry.facts.get(id)!.def.compute(ctx);
    };
    let compared = 0;
    for (const [id, reg] of registry.facts) {
      if (reg.plugin !== '@cnscd/core') continue;
      const subjects: SubjectRef[] = [];
      if (reg.def.subjects.includes('team')) {
        for (const team of worked.teams)
          subjects.push({ kind: 'team', id: team.id, team, orgUnit: worked.orgUnits.find((u) => u.id === team.orgUnitId) });
      }
      if (reg.def.subjects.includes('orgUnit')) for (const orgUnit of worked.orgUnits) subjects.push({ kind: 'orgUnit', id: orgUnit.id, orgUnit });
      const differs = subjects.some((s) => JSON.stringify(valueIn(indexes[0]!, s, id)) !== JSON.stringify(valueIn(indexes[1]!, s, id)));
      expect(differs, `fact "${id}" ${differs ? 'reads' : 'does not read'} reports`).toBe(REPORT_FACTS.has(id));
      compared += 1;
    }
    expect(compared).toBeGreaterThan(20);
  });
});
