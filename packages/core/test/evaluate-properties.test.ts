import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benchCriteriaSet } from '../../../bench/criteria.js';
import { evaluate, evaluateSync, validateDataset, type Dataset, type EvaluationResult } from '../src/index.js';
import { shuffled, validDataset } from './fixtures/arbitraries.js';
import { workedSet } from './fixtures/worked.js';

const PERIOD = '2025-01..2025-12';

/** Schema-valid datasets with broken references, duplicate ids and parent cycles. */
const messyIds = fc.constantFrom('A', 'B', 'C', 'D', 'T1', 'T2', 'zz');
const messy = fc.record(
  {
    orgUnits: fc.array(
      fc.record(
        {
          id: messyIds,
          name: fc.constant('x'),
          level: fc.constantFrom('province', 'commune', 'village', 'hamlet'),
          parentId: fc.option(messyIds, { nil: undefined }),
        },
        { requiredKeys: ['id', 'name', 'level'], noNullPrototype: true },
      ),
      { maxLength: 6 },
    ),
    teams: fc.array(
      fc.record(
        {
          id: messyIds,
          orgUnitId: messyIds,
          level: fc.constantFrom('village', 'commune'),
          establishedOn: fc.constantFrom('2020-01-01', '2025-06-15', '2026-01-01'),
          disbandedOn: fc.option(fc.constantFrom('2019-01-01', '2025-03-01'), { nil: undefined }),
          members: fc.array(
            fc.record(
              { id: messyIds, role: fc.constantFrom('leader', 'member'), leftOn: fc.option(fc.constant('2025-02-01'), { nil: undefined }) },
              { requiredKeys: ['id', 'role'], noNullPrototype: true },
            ),
            { maxLength: 4 },
          ),
        },
        { requiredKeys: ['id', 'orgUnitId', 'level', 'establishedOn'], noNullPrototype: true },
      ),
      { maxLength: 5 },
    ),
    reports: fc.array(
      fc.record(
        {
          teamId: messyIds,
          memberId: fc.option(messyIds, { nil: undefined }),
          month: fc.constantFrom('2024-12', '2025-01', '2025-07'),
          metrics: fc.record({ householdsVisited: fc.nat(50) }, { noNullPrototype: true }),
        },
        { requiredKeys: ['teamId', 'month', 'metrics'], noNullPrototype: true },
      ),
      { maxLength: 8 },
    ),
    indicators: fc.array(
      fc.record(
        {
          orgUnitId: messyIds,
          period: fc.constantFrom('2025', '2025-06'),
          metrics: fc.record({ workingAgePopulation: fc.nat(100), workingAgeOnlinePublicServiceUsers: fc.nat(200) }, { noNullPrototype: true }),
        },
        { noNullPrototype: true },
      ),
      { maxLength: 4 },
    ),
  },
  { noNullPrototype: true },
) as fc.Arbitrary<Dataset>;

describe('evaluation invariants (fast-check)', () => {
  it('generated datasets are valid (guards the generator itself)', () => {
    fc.assert(
      fc.property(validDataset, (d) => {
        expect(validateDataset(d).problems.filter((p) => p.severity === 'error')).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('shuffled input gives identical output', () => {
    fc.assert(
      fc.property(validDataset, fc.integer(), (d, seed) => {
        const a = evaluateSync(d, workedSet, { period: PERIOD });
        const b = evaluateSync(shuffled(d, seed), workedSet, { period: PERIOD });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 150 },
    );
  });

  it('both engines give the same whole result, explained or not (the default engine can be swapped)', async () => {
    // The worked set (pass, ratio and steps criteria, parameters) and the 12-criterion bench set
    // (applicability, not/any trees, paths into activity, tasks and coverage).
    const sets = [workedSet, benchCriteriaSet];
    await fc.assert(
      fc.asyncProperty(
        validDataset,
        fc.constantFrom(...sets),
        fc.constantFrom(PERIOD, '2025-06', '2025-03..2025-09'),
        fc.boolean(),
        async (d, set, period, explain) => {
          const { engine: a, ...compiled } = evaluateSync(d, set, { period, explain });
          const { engine: b, ...reference } = await evaluate(d, set, { period, explain, engine: 'reference' });
          expect([a, b]).toEqual(['compiled', 'reference']);
          expect(reference).toEqual(compiled);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is deterministic: the same input twice gives the same output', () => {
    fc.assert(
      fc.property(validDataset, (d) => {
        expect(evaluateSync(d, workedSet, { period: PERIOD })).toEqual(evaluateSync(d, workedSet, { period: PERIOD }));
      }),
      { numRuns: 50 },
    );
  });

  it('more activity never lowers a score under "at least" criteria', () => {
    fc.assert(
      fc.property(validDataset, fc.integer({ min: 0, max: 200 }), fc.nat(), (d, extra, pick) => {
        const reports = d.reports ?? [];
        fc.pre(reports.length > 0);
        const i = pick % reports.length;
        const more: Dataset = {
          ...d,
          reports: reports.map((r, j) =>
            j === i ? { ...r, metrics: { ...r.metrics, householdsVisited: (r.metrics['householdsVisited'] ?? 0) + extra } } : r,
          ),
        };
        const before = evaluateSync(d, workedSet, { period: PERIOD, rollup: false });
        const after = evaluateSync(more, workedSet, { period: PERIOD, rollup: false });
        before.subjects.forEach((s, k) => {
          expect(after.subjects[k]!.score).toBeGreaterThanOrEqual(s.score);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('roll-up counts equal their own plus the sum of their children', () => {
    fc.assert(
      fc.property(validDataset, (d) => {
        const r = evaluateSync(d, workedSet, { period: PERIOD });
        const units = r.rollup!.units;
        for (const u of units) {
          const kids = units.filter((k) => k.parentId === u.orgUnitId);
          if (kids.length === 0) continue;
          const own = d.teams.filter((t) => t.orgUnitId === u.orgUnitId).length;
          expect(u.teams).toBe(own + kids.reduce((n, k) => n + k.teams, 0));
          const ownScored = r.subjects.filter((s) => s.subject.orgUnitId === u.orgUnitId).length;
          expect(u.scored).toBe(ownScored + kids.reduce((n, k) => n + k.scored, 0));
          for (const [tier, n] of Object.entries(u.ratings)) {
            const ownTier = r.subjects.filter((s) => s.subject.orgUnitId === u.orgUnitId && s.rating?.id === tier).length;
            expect(n).toBe(ownTier + kids.reduce((m, k) => m + (k.ratings[tier] ?? 0), 0));
          }
        }
        const root = units.find((u) => u.parentId === null)!;
        expect(root.teams).toBe(d.teams.length);
        expect(root.scored).toBe(r.subjects.length);
      }),
      { numRuns: 150 },
    );
  });

  it('a schema-valid dataset never makes evaluation throw, even with broken references and cycles', () => {
    fc.assert(
      fc.property(messy, (d) => {
        const v = validateDataset(d);
        fc.pre(v.dataset !== undefined); // schema-valid
        const r = evaluateSync(d, workedSet, { period: PERIOD });
        expect(r.subjects.every((s) => Number.isFinite(s.score))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on such a dataset, fast mode, explain mode and the reference engine agree', async () => {
    const lean = (r: EvaluationResult): unknown => ({
      ...r,
      subjects: r.subjects.map((s) => ({
        ...s,
        criteria: s.criteria.map(({ explanation: _e, applicability: _a, detail: _d, reason: _r, ...c }) => c),
      })),
    });
    await fc.assert(
      fc.asyncProperty(messy, fc.constantFrom(workedSet, benchCriteriaSet), async (d, set) => {
        fc.pre(validateDataset(d).dataset !== undefined);
        const fast = evaluateSync(d, set, { period: PERIOD, explain: false });
        const { engine: a, ...explained } = evaluateSync(d, set, { period: PERIOD });
        const { engine: b, ...reference } = await evaluate(d, set, { period: PERIOD, engine: 'reference' });
        expect([a, b]).toEqual(['compiled', 'reference']);
        expect(reference).toEqual(explained);
        expect(fast).toEqual(lean({ ...explained, engine: 'compiled' }));
      }),
      { numRuns: 300 },
    );
  });
});
