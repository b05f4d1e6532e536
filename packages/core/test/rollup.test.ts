import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateNational, type NationalShape } from '../../../bench/national.js';
import { createEvaluator, evaluateSync, type Dataset, type RollupResult, type RollupUnit, type SubjectResult } from '../src/index.js';
import type { RatingTier } from '../src/criteria/types.js';
import { clean } from '../src/internal/numbers.js';
import { DatasetIndex } from '../src/evaluate/indexer.js';
import type { OrgUnit } from '../src/model/types.js';
import { rollup } from '../src/rollup/rollup.js';
import { workedSet } from './fixtures/worked.js';

/**
 * The roll-up keeps its sums in typed arrays by unit slot; these tests hold it to the straightforward
 * recursive version it replaced (below, kept as the reference): same units, values, key order, -0s.
 */

const PERIOD = '2025-01..2025-12';
const tiers = createEvaluator(workedSet).criteriaSet.ratings;

/** The previous implementation: per-unit accumulator objects merged up the tree, then ranks by group. */
function referenceRollup(
  index: DatasetIndex,
  results: readonly SubjectResult[],
  tiers: readonly RatingTier[],
  levels?: readonly string[],
): RollupResult {
  interface Acc {
    teams: number;
    members: number;
    scored: number;
    sumScore: number;
    sumPercent: number;
    ratings: Record<string, number>;
    units: Record<string, { total: number; withTeam: number }>;
  }
  const order: OrgUnit[] = [];
  const seen = new Set<string>();
  const stack = [...index.roots()].reverse();
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (seen.has(u.id)) continue;
    seen.add(u.id);
    order.push(u);
    const kids = index.children(u.id);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  const byUnit = new Map<string, SubjectResult[]>();
  for (const r of results) {
    const list = byUnit.get(r.subject.orgUnitId);
    if (list === undefined) byUnit.set(r.subject.orgUnitId, [r]);
    else list.push(r);
  }
  const acc = new Map<string, Acc>();
  for (let i = order.length - 1; i >= 0; i--) {
    const u = order[i]!;
    const a: Acc = { teams: 0, members: 0, scored: 0, sumScore: 0, sumPercent: 0, ratings: {}, units: {} };
    for (const t of tiers) a.ratings[t.id] = 0;
    for (const t of index.teamsAt(u.id)) {
      a.teams += 1;
      a.members += index.activeMembers(t).length;
    }
    for (const r of byUnit.get(u.id) ?? []) {
      a.scored += 1;
      a.sumScore += r.score;
      a.sumPercent += r.percent;
      if (r.rating !== null) a.ratings[r.rating.id] = (a.ratings[r.rating.id] ?? 0) + 1;
    }
    for (const c of index.children(u.id)) {
      const ca = acc.get(c.id);
      if (ca === undefined) continue;
      a.teams += ca.teams;
      a.members += ca.members;
      a.scored += ca.scored;
      a.sumScore += ca.sumScore;
      a.sumPercent += ca.sumPercent;
      for (const [k, v] of Object.entries(ca.ratings)) a.ratings[k] = (a.ratings[k] ?? 0) + v;
      for (const [lvl, v] of Object.entries(ca.units)) {
        const mine = (a.units[lvl] ??= { total: 0, withTeam: 0 });
        mine.total += v.total;
        mine.withTeam += v.withTeam;
      }
      const own = (a.units[c.level] ??= { total: 0, withTeam: 0 });
      own.total += 1;
      if (ca.teams > 0) own.withTeam += 1;
    }
    acc.set(u.id, a);
  }
  const units: RollupUnit[] = order.map((u) => {
    const a = acc.get(u.id)!;
    const area = index.area(u.id);
    const coverage: Record<string, { numerator: number | null; denominator: number | null; rate: number | null }> = {};
    for (const r of index.ratios.values()) {
      const n = area[r.numerator];
      const d = area[r.denominator];
      if (n === undefined && d === undefined) continue;
      coverage[r.id] = { numerator: n ?? null, denominator: d ?? null, rate: n !== undefined && d !== undefined && d > 0 ? clean(n / d) : null };
    }
    const parent = u.parentId != null && u.parentId !== u.id && index.units.has(u.parentId) ? u.parentId : null;
    return {
      orgUnitId: u.id,
      name: u.name,
      level: u.level,
      parentId: parent,
      teams: a.teams,
      members: a.members,
      units: a.units,
      scored: a.scored,
      meanScore: a.scored === 0 ? null : clean(a.sumScore / a.scored),
      meanPercent: a.scored === 0 ? null : clean(a.sumPercent / a.scored),
      ratings: a.ratings,
      coverage,
      rank: null,
      rankOf: 0,
    };
  });
  const groups = new Map<string, RollupUnit[]>();
  for (const u of units) {
    const key = `${u.parentId ?? ''}\u0000${u.level}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [u]);
    else g.push(u);
  }
  const ranked = new Map<string, { rank: number | null; rankOf: number }>();
  for (const g of groups.values()) {
    const scored = g.filter((u) => u.meanPercent !== null).sort((x, y) => y.meanPercent! - x.meanPercent!);
    scored.forEach((u, i) => {
      const prev = scored[i - 1];
      const rank = prev !== undefined && prev.meanPercent === u.meanPercent ? ranked.get(prev.orgUnitId)!.rank! : i + 1;
      ranked.set(u.orgUnitId, { rank, rankOf: scored.length });
    });
    for (const u of g) if (!ranked.has(u.orgUnitId)) ranked.set(u.orgUnitId, { rank: null, rankOf: scored.length });
  }
  const keep = levels === undefined ? undefined : new Set(levels);
  return { units: units.filter((u) => keep === undefined || keep.has(u.level)).map((u) => ({ ...u, ...ranked.get(u.orgUnitId)! })) };
}

/** Same JSON (so the same key order) and deeply, strictly equal (so the same -0s and nulls). */
function expectSame(actual: RollupResult | undefined, expected: RollupResult): void {
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  expect(isDeepStrictEqual(actual, expected)).toBe(true);
}

// Integer-like level ids ('1', '2') sort before the others in an object's keys: the tally must insert
// levels in the same order as the recursive merge for key order to match.
const LEVELS = ['province', 'district', 'commune', 'village', '2', '1'] as const;
/** Mostly absent, sometimes one of the given dates. */
const rarely = (...ds: string[]) => fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...ds) });
/** How a unit names its parent: mostly a unit listed before it (so trees form), else none, itself, any unit (cycles), or a missing one. */
const parentLink = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('earlier' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('none' as const, 'null' as const, 'self' as const, 'missing' as const), pick: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('any' as const), pick: fc.nat() }) },
);

/**
 * Schema-valid hierarchies with everything the integrity pass warns about: duplicate ids, dangling and
 * self parents, cycles, units and parents out of validity on the evaluation date (several roots, some
 * under the same missing or expired parent), levels in any order, teams and indicators anywhere.
 */
const messyDataset: fc.Arbitrary<Dataset> = fc
  .record(
    {
      orgUnits: fc.array(
        fc.record(
          {
            duplicate: fc.oneof({ weight: 15, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat() }),
            level: fc.constantFrom(...LEVELS),
            parent: parentLink,
            validFrom: rarely('2020-01-01', '2026-03-01'),
            validTo: rarely('2025-06-30', '2030-01-01'),
          },
          { noNullPrototype: true },
        ),
        { minLength: 1, maxLength: 40, size: 'medium' },
      ),
      teams: fc.array(
        fc.record(
          {
            unit: fc.nat(),
            established: fc.constantFrom('2023-01-01', '2025-04-01', '2025-09-15'),
            disbanded: rarely('2025-03-01', '2025-12-31', '2027-01-01'),
            members: fc.array(fc.record({ leader: fc.boolean(), left: rarely('2025-02-01', '2026-01-01') }, { noNullPrototype: true }), {
              maxLength: 6,
            }),
            months: fc.subarray(['2025-01', '2025-03', '2025-05', '2025-07', '2025-09', '2025-11']),
            visits: fc.integer({ min: 0, max: 30 }),
          },
          { noNullPrototype: true },
        ),
        { maxLength: 30, size: 'medium' },
      ),
      indicators: fc.array(
        fc.record(
          {
            unit: fc.nat(),
            period: fc.constantFrom('2024', '2025', '2025-06', '2026'),
            metrics: fc.record(
              {
                workingAgePopulation: fc.nat(500),
                workingAgeOnlinePublicServiceUsers: fc.nat(500),
                adults: fc.nat(300),
                adultsWithSmartphone: fc.nat(300),
              },
              { requiredKeys: [], noNullPrototype: true },
            ),
          },
          { noNullPrototype: true },
        ),
        { maxLength: 20, size: 'medium' },
      ),
    },
    { noNullPrototype: true },
  )
  .map(({ orgUnits, teams, indicators }): Dataset => {
    const n = orgUnits.length;
    const id = (i: number): string => `U${i}`;
    return {
      orgUnits: orgUnits.map((u, i) => {
        const p = u.parent;
        const parentId =
          p.kind === 'earlier'
            ? i === 0
              ? undefined
              : id(p.pick % i)
            : p.kind === 'none'
              ? undefined
              : p.kind === 'null'
                ? null
                : p.kind === 'self'
                  ? id(i)
                  : p.kind === 'missing'
                    ? 'nowhere'
                    : id(p.pick % n);
        return {
          id: u.duplicate === undefined ? id(i) : id(u.duplicate % n),
          name: `unit ${i}`,
          level: u.level,
          ...(parentId === undefined ? {} : { parentId }),
          ...(u.validFrom === undefined ? {} : { validFrom: u.validFrom }),
          ...(u.validTo === undefined ? {} : { validTo: u.validTo }),
        };
      }),
      teams: teams.map((t, i) => ({
        id: `T${i}`,
        orgUnitId: id(t.unit % (n + 1)),
        level: 'village',
        establishedOn: t.established,
        ...(t.disbanded === undefined ? {} : { disbandedOn: t.disbanded }),
        members: t.members.map((m, j) => ({
          id: `T${i}m${j}`,
          role: m.leader ? 'leader' : 'member',
          ...(m.left === undefined ? {} : { leftOn: m.left }),
        })),
      })),
      reports: teams.flatMap((t, i) => t.months.map((month) => ({ teamId: `T${i}`, month, metrics: { householdsVisited: t.visits } }))),
      indicators: indicators.map((x) => ({ orgUnitId: id(x.unit % (n + 1)), period: x.period, metrics: x.metrics })),
    };
  });

describe('roll-up', () => {
  it('agrees with the recursive reference on messy hierarchies (fast-check)', () => {
    fc.assert(
      fc.property(messyDataset, fc.option(fc.subarray([...LEVELS]), { nil: undefined }), (d, levels) => {
        const r = evaluateSync(d, workedSet, { period: PERIOD, validate: false, rollup: levels === undefined ? true : { levels } });
        expectSame(r.rollup, referenceRollup(new DatasetIndex(d, r.period, r.asOf), r.subjects, tiers, levels));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with the reference on a 1% synthetic country, in both maps', () => {
    for (const shape of ['63', '34'] as NationalShape[]) {
      const d = generateNational({ shape, seed: 7, scale: 0.01 });
      const r = evaluateSync(d, workedSet, { period: PERIOD, explain: false, validate: false });
      expect(r.rollup!.units.length).toBe(d.orgUnits.length);
      expectSame(r.rollup, referenceRollup(new DatasetIndex(d, r.period, r.asOf), r.subjects, tiers));
    }
  });

  it('counts a rating id that is not a tier after the tiers, as the reference does', () => {
    const d: Dataset = {
      orgUnits: [
        { id: 'P', name: 'P', level: 'province' },
        { id: 'V1', name: 'V1', level: 'village', parentId: 'P' },
        { id: 'V2', name: 'V2', level: 'village', parentId: 'P' },
      ],
      teams: [],
    };
    const r = evaluateSync(d, workedSet, { period: PERIOD, rollup: false });
    const result = (unit: string, rating: string | null, percent: number): SubjectResult => ({
      subject: { kind: 'team', id: `t-${unit}-${percent}`, orgUnitId: unit, level: 'village' },
      score: percent / 10,
      maxScore: 10,
      percent,
      rating: rating === null ? null : { id: rating, label: { vi: rating, en: rating } },
      complete: true,
      criteria: [],
    });
    const results = [result('V2', 'special', 50), result('V1', tiers[0]!.id, 80), result('V1', 'special', 80), result('P', null, 10)];
    const index = () => new DatasetIndex(d, r.period, r.asOf);
    const out = rollup(index(), results, tiers);
    expectSame(out, referenceRollup(index(), results, tiers));
    expect(Object.keys(out.units[0]!.ratings)).toEqual([...tiers.map((t) => t.id), 'special']);
    expect(out.units.find((u) => u.orgUnitId === 'V1')).toMatchObject({ rank: 1, rankOf: 2, meanPercent: 80 });
  });

  it('counts levels named like Object.prototype members as levels (the old merge skipped them)', () => {
    const d: Dataset = {
      levels: [{ id: 'province' }, { id: 'toString' }, { id: 'constructor' }],
      orgUnits: [
        { id: 'P', name: 'P', level: 'province' },
        { id: 'X', name: 'X', level: 'toString', parentId: 'P' },
        { id: 'Y1', name: 'Y1', level: 'constructor', parentId: 'X' },
        { id: 'Y2', name: 'Y2', level: 'constructor', parentId: 'X' },
      ],
      teams: [{ id: 'T', orgUnitId: 'Y2', level: 'constructor', establishedOn: '2024-01-01', members: [{ id: 'm', role: 'leader' }] }],
    };
    const r = evaluateSync(d, workedSet, { period: PERIOD });
    expect(r.rollup!.units.map((u) => [u.orgUnitId, u.units])).toEqual([
      ['P', { constructor: { total: 2, withTeam: 1 }, toString: { total: 1, withTeam: 1 } }],
      ['X', { constructor: { total: 2, withTeam: 1 } }],
      ['Y1', {}],
      ['Y2', {}],
    ]);
    expect(Object.keys(r.rollup!.units[0]!.units)).toEqual(['constructor', 'toString']);
    for (const shared of [Object.prototype, Object, Object.prototype.toString]) expect((shared as { total?: unknown }).total).toBeUndefined();
  });
});
