import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benchCriteriaSet } from '../../../bench/criteria.js';
import { generateNational } from '../../../bench/national.js';
import {
  DatasetIndex,
  evaluate,
  evaluateSync,
  validateDataset,
  type ActivityReport,
  type Dataset,
  type EvaluationResult,
  type MetricDefinition,
} from '../src/index.js';
import { parsePeriod } from '../src/evaluate/period.js';
import { withReportColumns } from './dataset-fixtures.js';
import { validDataset } from './fixtures/arbitraries.js';
import { workedSet } from './fixtures/worked.js';

/**
 * Reports given as columns (`reportColumns`) are the same reports as objects: every evaluation, fact and
 * roll-up must come out the same whichever form, or mix of forms, a dataset uses. Only the pointers of
 * dataset problems differ (`/reportColumns/month/3` instead of `/reports/3/month`).
 */

const PERIOD = '2025-01..2025-12';

/**
 * The result without the dataset problems' pointers, which name the form (and so also their order, sorted
 * by pointer, and their messages and params, which quote them).
 */
function formless(r: EvaluationResult): unknown {
  const problems = r.problems.map(({ path: _p, message: _m, params: _q, ...p }) => JSON.stringify(p)).sort();
  return { ...r, problems };
}

/** A metric that does not sum over months: the index then reads every team's reports month by month. */
const LAST_VISITS: MetricDefinition = {
  id: 'lastVisits',
  label: { vi: 'Lượt thăm tháng cuối', en: 'Visits in the last month' },
  unit: 'visits',
  kind: 'activity',
  overTime: 'last',
  upHierarchy: 'sum',
};

/**
 * Valid hierarchies whose reports are untidy: members' reports beside team reports, months out of order,
 * repeated (team, member, month), months outside the period, teams nobody declared, a metric that does
 * not sum over time, and values of several metrics missing here and there.
 */
const untidy = fc
  .tuple(
    validDataset,
    fc.array(
      fc.record({
        team: fc.nat(7),
        member: fc.option(fc.nat(3), { nil: undefined }),
        month: fc.constantFrom('2024-12', '2025-01', '2025-02', '2025-06', '2025-07', '2025-12', '2026-01'),
        visits: fc.option(fc.nat(40), { nil: undefined }),
        guided: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
        last: fc.option(fc.nat(9), { nil: undefined }),
      }),
      { maxLength: 30 },
    ),
    fc.boolean(),
  )
  .map(([d, extra, declareLast]): Dataset => {
    const reports: ActivityReport[] = [...(d.reports ?? [])];
    for (const e of extra) {
      const team = d.teams[e.team];
      const teamId = team?.id ?? `ghost${e.team}`;
      const members = team?.members ?? [];
      const memberId = e.member === undefined || members.length === 0 ? undefined : members[e.member % members.length]!.id;
      const metrics: Record<string, number> = {};
      if (e.visits !== undefined) metrics['householdsVisited'] = e.visits;
      if (e.guided !== undefined) metrics['peopleGuided'] = e.guided;
      if (e.last !== undefined && declareLast) metrics['lastVisits'] = e.last;
      reports.push({ teamId, ...(memberId === undefined ? {} : { memberId }), month: e.month, metrics });
    }
    return { ...d, reports, ...(declareLast ? { metrics: [LAST_VISITS] } : {}) };
  });

describe('reports as columns evaluate exactly as reports as objects', () => {
  it('every team activity the index computes, for any split between the two forms', () => {
    fc.assert(
      fc.property(untidy, fc.nat(), fc.constantFrom(PERIOD, '2025-06', '2025-02..2025-07'), (d, at, period) => {
        const k = (d.reports ?? []).length === 0 ? 0 : at % ((d.reports ?? []).length + 1);
        const p = parsePeriod(period);
        const asOf = '2025-12-31';
        const a = new DatasetIndex(d, p, asOf);
        const b = new DatasetIndex(withReportColumns(d, k), p, asOf);
        const ghosts = [...new Set((d.reports ?? []).map((r) => r.teamId))].map((id) => ({
          id,
          orgUnitId: 'P',
          level: 'village',
          establishedOn: '2020-01-01',
        }));
        for (const t of [...d.teams, ...ghosts]) expect(b.teamActivity(t), t.id).toEqual(a.teamActivity(t));
      }),
      { numRuns: 400 },
    );
  });

  it('every evaluation, both engines, explained or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        untidy,
        fc.nat(),
        fc.constantFrom(workedSet, benchCriteriaSet),
        fc.boolean(),
        fc.boolean(),
        async (d, at, set, explain, reference) => {
          const k = at % ((d.reports ?? []).length + 1);
          const options = { period: PERIOD, explain, ...(reference ? { engine: 'reference' as const } : {}) };
          const a = await evaluate(d, set, options);
          const b = await evaluate(withReportColumns(d, k), set, options);
          expect(formless(b)).toEqual(formless(a));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('dataset problems are the same, at the pointers of the columns', () => {
    fc.assert(
      fc.property(untidy, (d) => {
        const objects = validateDataset(d).problems;
        const columns = validateDataset(withReportColumns(d, 0)).problems;
        expect(columns.map((p) => p.code).sort()).toEqual(objects.map((p) => p.code).sort());
        // /reports/7/month → /reportColumns/month/7; /reports/7 → /reportColumns/teamId/7.
        const moved = (path: string): string =>
          path
            .replace(/^\/reports\/(\d+)\/(teamId|memberId|month)$/, '/reportColumns/$2/$1')
            .replace(/^\/reports\/(\d+)$/, '/reportColumns/teamId/$1');
        expect(columns.map((p) => p.path).sort()).toEqual(objects.map((p) => moved(p.path)).sort());
      }),
      { numRuns: 200 },
    );
  });

  it('a 1% national dataset: the same scores, ratings and roll-up', () => {
    const d = generateNational({ shape: '63', seed: 11, scale: 0.01 });
    const a = evaluateSync(d, benchCriteriaSet, { period: PERIOD });
    const b = evaluateSync(withReportColumns(d, Math.floor((d.reports?.length ?? 0) / 3)), benchCriteriaSet, { period: PERIOD });
    expect(a.subjects.length).toBeGreaterThan(500);
    expect(formless(b)).toEqual(formless(a));
  });
});
