import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AFFILIATIONS,
  TASKS,
  type ActivityReport,
  type Affiliation,
  type AreaIndicator,
  type Dataset,
  type Member,
  type MetricDefinition,
  type OrgUnit,
  type Team,
} from '../src/model/types.js';
import { CORE_FACTS } from '../src/evaluate/facts.js';
import { DatasetIndex, MetricCatalog } from '../src/evaluate/indexer.js';
import { computeFacts, Observations } from '../src/evaluate/run.js';
import { FactFailure } from '../src/evaluate/failures.js';
import { parsePeriod, resolveAsOf } from '../src/evaluate/period.js';
import { monthFromIndex, monthIndex } from '../src/internal/dates.js';
import type { CompiledSet } from '../src/evaluate/compile.js';
import type { Registry } from '../src/plugin/registry.js';
import type { FactDefinition, SubjectRef } from '../src/plugin/types.js';
import { DatasetIndex as ReferenceIndex } from './fixtures/reference/indexer.js';
import { CORE_FACTS as REFERENCE_FACTS } from './fixtures/reference/facts.js';
import { computeFacts as referenceComputeFacts } from './fixtures/reference/run.js';

/**
 * The indexer and the core facts were rewritten for speed (typed-array accumulation, slots instead of
 * maps, shared templates). This test runs the rewrite and a copy of the code before it
 * (test/fixtures/reference) on the same untidy datasets — duplicate ids, cycles, member-level and
 * duplicate reports, months outside the period, fractional values, yearly and monthly indicators, custom
 * metrics with every time aggregation — and requires every fact and every public lookup to be identical:
 * same values, same key order, undefined kept apart from 0 and -0 from 0.
 */

/** A canonical text of a value: key order, undefined, -0 and failures all show. */
function canon(x: unknown): string {
  if (x === undefined) return 'undefined';
  if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
  if (x instanceof FactFailure) return `FactFailure(${x.fact}: ${x.message})`;
  if (Array.isArray(x)) return `[${x.map(canon).join(',')}]`;
  if (x !== null && typeof x === 'object') {
    if (Object.getPrototypeOf(x) !== Object.prototype) return `<not a plain object>`;
    return `{${Object.keys(x)
      .map((k) => `${JSON.stringify(k)}:${canon((x as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(x);
}

const MONTHS = [
  '2024-10',
  '2024-12',
  '2025-01',
  '2025-02',
  '2025-03',
  '2025-05',
  '2025-06',
  '2025-08',
  '2025-09',
  '2025-12',
  '2026-01',
  '2025-13',
  '2025-00',
  '2025-1',
  '2025/02',
];
const DATES = [
  '2024-06-15',
  '2024-12-31',
  '2025-01-01',
  '2025-02-28',
  '2025-03-01',
  '2025-05-20',
  '2025-07-31',
  '2025-08-01',
  '2025-12-31',
  '2026-02-01',
];
const VALUES = [0, -0, 1, 2, 3, 7, 40, 0.1, 0.2, 0.7, 12.5, 1e-9];
const ACTIVITY_KEYS = [
  'householdsVisited',
  'guidedPublicServices',
  'vneidLevel2Activations',
  'paymentAccountsOpened',
  'guidedCyberSafety',
  'simCardsRegistered',
  'xLast',
  'xMax',
  'xMean',
  'xNone',
  'notAMetric',
];
const AREA_KEYS = [
  'population',
  'workingAgePopulation',
  'workingAgeOnlinePublicServiceUsers',
  'adults',
  'adultsWithSmartphone',
  'households',
  'xArea',
  'xAreaNone',
  'notAMetric',
];
const INDICATOR_PERIODS = ['2024', '2025', '2025-03', '2025-06', '2025-12', '2026-01', '2026'];
const CUSTOM_METRICS: MetricDefinition[] = [
  { id: 'xLast', label: { vi: 'x', en: 'x' }, unit: 'x', kind: 'activity', overTime: 'last', upHierarchy: 'sum', task: 'onlineShopping' },
  { id: 'xMax', label: { vi: 'x', en: 'x' }, unit: 'x', kind: 'activity', overTime: 'max', upHierarchy: 'sum' },
  { id: 'xMean', label: { vi: 'x', en: 'x' }, unit: 'x', kind: 'activity', overTime: 'mean', upHierarchy: 'none', task: 'cyberSafety' },
  { id: 'xNone', label: { vi: 'x', en: 'x' }, unit: 'x', kind: 'activity', overTime: 'sum', upHierarchy: 'none', task: 'publicServices' },
  { id: 'xArea', label: { vi: 'x', en: 'x' }, unit: 'x', kind: 'area', overTime: 'last', upHierarchy: 'sum' },
  { id: 'xAreaNone', label: { vi: 'x', en: 'x' }, unit: 'x', kind: 'area', overTime: 'last', upHierarchy: 'none' },
];

const metricsOf = (keys: readonly string[]) =>
  fc
    .tuple(fc.shuffledSubarray([...keys]), fc.array(fc.constantFrom(...VALUES), { minLength: keys.length, maxLength: keys.length }))
    .map(([ks, vs]) => Object.fromEntries(ks.map((k, i) => [k, vs[i]!])) as Record<string, number>);

/** An untidy but well-typed dataset (what a tolerant evaluation must handle the same way). */
const untidyDataset: fc.Arbitrary<Dataset> = fc
  .record(
    {
      communes: fc.integer({ min: 1, max: 3 }),
      villagesPer: fc.integer({ min: 1, max: 3 }),
      oddUnits: fc.subarray(['duplicate', 'expired', 'cycle', 'orphan', 'self', 'future'] as const),
      teams: fc.array(
        fc.record(
          {
            unit: fc.nat(),
            established: fc.constantFrom(...DATES),
            disbanded: fc.option(fc.constantFrom('2025-04-30', '2025-10-15', '2024-12-31'), { nil: undefined }),
            onlineGroup: fc.option(fc.boolean(), { nil: undefined }),
            members: fc.option(
              fc.array(
                fc.record(
                  {
                    role: fc.constantFrom('leader', 'deputy', 'member'),
                    // Now and then a value outside AFFILIATIONS (unvalidated data): counted as `+= 1` always did.
                    affs: fc.option(
                      fc.array(
                        fc.oneof(
                          { weight: 20, arbitrary: fc.constantFrom(...AFFILIATIONS) },
                          { weight: 1, arbitrary: fc.constant('notAnAffiliation' as Affiliation) },
                        ),
                        { maxLength: 4 },
                      ),
                      { nil: undefined },
                    ),
                    trainings: fc.constantFrom(undefined, [], ['k1'], ['k1', 'k2']),
                    joined: fc.option(fc.constantFrom(...DATES), { nil: undefined }),
                    left: fc.option(fc.constantFrom(...DATES), { nil: undefined }),
                  },
                  { noNullPrototype: true },
                ),
                { maxLength: 6 },
              ),
              { nil: undefined },
            ),
            duplicate: fc.boolean(),
          },
          { noNullPrototype: true },
        ),
        { maxLength: 6 },
      ),
      reports: fc.array(
        fc.record(
          {
            team: fc.nat(),
            // Mostly team-level reports, so that a team often reports a month twice.
            member: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.nat() }),
            month: fc.constantFrom(...MONTHS),
            metrics: metricsOf(ACTIVITY_KEYS),
          },
          { noNullPrototype: true },
        ),
        { maxLength: 40 },
      ),
      indicators: fc.array(
        fc.record({ unit: fc.nat(), period: fc.constantFrom(...INDICATOR_PERIODS), metrics: metricsOf(AREA_KEYS) }, { noNullPrototype: true }),
        { maxLength: 12 },
      ),
      custom: fc.boolean(),
    },
    { noNullPrototype: true },
  )
  .map((s): Dataset => {
    const orgUnits: OrgUnit[] = [{ id: 'P', name: 'P', level: 'province' }];
    for (let c = 0; c < s.communes; c++) {
      orgUnits.push({ id: `C${c}`, name: `C${c}`, level: 'commune', parentId: 'P' });
      for (let v = 0; v < s.villagesPer; v++) orgUnits.push({ id: `C${c}V${v}`, name: `C${c}V${v}`, level: 'village', parentId: `C${c}` });
    }
    for (const odd of s.oddUnits) {
      if (odd === 'duplicate') orgUnits.push({ id: 'C0', name: 'again', level: 'commune', parentId: 'C0V0' });
      if (odd === 'expired') orgUnits.push({ id: 'E', name: 'E', level: 'village', parentId: 'C0', validTo: '2025-03-31' });
      if (odd === 'future') orgUnits.push({ id: 'F', name: 'F', level: 'commune', parentId: 'P', validFrom: '2026-06-01' });
      if (odd === 'cycle')
        orgUnits.push({ id: 'X', name: 'X', level: 'village', parentId: 'Y' }, { id: 'Y', name: 'Y', level: 'village', parentId: 'X' });
      if (odd === 'orphan') orgUnits.push({ id: 'O', name: 'O', level: 'village', parentId: 'nowhere' });
      if (odd === 'self') orgUnits.push({ id: 'S', name: 'S', level: 'village', parentId: 'S' });
    }
    const unitIds = [...orgUnits.map((u) => u.id), 'unknown-unit'];
    const teams: Team[] = [];
    s.teams.forEach((t, i) => {
      const members: Member[] | undefined = t.members?.map((m, j) => ({
        id: `T${i}m${j}`,
        role: m.role,
        ...(m.affs === undefined ? {} : { affiliations: m.affs }),
        ...(m.trainings === undefined ? {} : { trainings: m.trainings }),
        ...(m.joined === undefined ? {} : { joinedOn: m.joined }),
        ...(m.left === undefined ? {} : { leftOn: m.left }),
      }));
      const team: Team = {
        id: `T${i}`,
        orgUnitId: unitIds[t.unit % unitIds.length]!,
        level: 'village',
        establishedOn: t.established,
        ...(t.disbanded === undefined ? {} : { disbandedOn: t.disbanded }),
        ...(t.onlineGroup === undefined ? {} : { onlineGroup: t.onlineGroup }),
        ...(members === undefined ? {} : { members }),
      };
      teams.push(team);
      // A second record with the same id: the first one wins everywhere.
      if (t.duplicate) teams.push({ ...team, establishedOn: '2024-01-01', members: [] });
    });
    const teamIds = [...teams.map((t) => t.id), 'unknown-team'];
    const reports: ActivityReport[] = s.reports.map((r) => {
      const teamId = teamIds[r.team % teamIds.length]!;
      const members = teams.find((t) => t.id === teamId)?.members ?? [];
      const memberId = r.member === undefined ? undefined : (members[r.member % (members.length + 1)]?.id ?? 'unknown-member');
      return { teamId, ...(memberId === undefined ? {} : { memberId }), month: r.month, metrics: r.metrics };
    });
    const indicators: AreaIndicator[] = s.indicators.map((x) => ({
      orgUnitId: unitIds[x.unit % unitIds.length]!,
      period: x.period,
      metrics: x.metrics,
    }));
    return {
      orgUnits,
      teams,
      reports,
      indicators,
      ...(s.custom
        ? { metrics: CUSTOM_METRICS, ratios: [{ id: 'xRatio', label: { vi: 'x', en: 'x' }, numerator: 'xArea', denominator: 'population' }] }
        : {}),
    };
  });

const PERIODS: readonly [string, string | undefined][] = [
  ['2025-01..2025-12', undefined],
  ['2025-03..2025-08', undefined],
  ['2024-11..2025-02', undefined],
  ['2025-01..2025-12', '2025-06-15'],
];

/** A compiled set computing every core fact for one kind of subject, in catalog (dependency) order. */
function allFacts(facts: readonly FactDefinition<unknown>[], kind: 'team' | 'orgUnit'): { compiled: CompiledSet; registry: Registry } {
  const defs = facts.filter((f) => f.subjects.includes(kind));
  const factIds = defs.map((f) => f.id);
  const compiled = {
    factIds,
    slotOf: new Map(factIds.map((id, i) => [id, i])),
    dependsOn: defs.map((f) => new Set(f.dependsOn?.facts ?? [])),
  } as unknown as CompiledSet;
  const registry = { facts: new Map(defs.map((def) => [def.id, { def, plugin: 'core' }])) } as unknown as Registry;
  return { compiled, registry };
}

/** Everything the rewrite and the reference must agree on, for one dataset, period and evaluation date. */
function describeIndex(
  ds: Dataset,
  periodText: string,
  asOfText: string | undefined,
  impl: 'new' | 'reference',
  catalogArg: 'plain' | 'catalog',
): string[] {
  const period = parsePeriod(periodText);
  const asOf = resolveAsOf(period, asOfText);
  const index =
    impl === 'reference'
      ? (new ReferenceIndex(ds, period, asOf) as unknown as DatasetIndex)
      : catalogArg === 'catalog'
        ? new DatasetIndex(ds, period, asOf, new MetricCatalog())
        : new DatasetIndex(ds, period, asOf);
  const facts = impl === 'reference' ? REFERENCE_FACTS : CORE_FACTS;
  const compute = impl === 'reference' ? referenceComputeFacts : computeFacts;
  const out: string[] = [];
  const observations = new Observations();
  const team = allFacts(facts, 'team');
  // Every team record, duplicates included, in dataset order and then again in reverse (memos by id).
  const teamRecords = [...ds.teams, ...[...ds.teams].reverse()];
  for (const t of teamRecords) {
    const subject: SubjectRef = { kind: 'team', id: t.id, team: t, orgUnit: index.units.get(t.orgUnitId) };
    out.push(`team ${t.id}: ${canon(compute(team.compiled, team.registry, index, subject, period, observations))}`);
  }
  const unit = allFacts(facts, 'orgUnit');
  const units = [...ds.orgUnits, { id: 'unknown-unit', name: '?', level: 'village' }, { id: 'never-mentioned', name: '?', level: 'commune' }];
  for (const u of units) {
    const subject: SubjectRef = { kind: 'orgUnit', id: u.id, orgUnit: u };
    out.push(`unit ${u.id}: ${canon(compute(unit.compiled, unit.registry, index, subject, period, observations))}`);
  }
  out.push(`problems ${canon(observations.problems(new Map()))}`);
  // The public lookups, read directly (as plugins and the roll-up do).
  const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id).join(',');
  out.push(`activeUnits ${ids(index.activeUnits())} roots ${ids(index.roots())}`);
  for (const u of units) {
    out.push(
      `lookups ${u.id}: children ${ids(index.children(u.id))} descendants ${ids(index.descendants(u.id))} teamsAt ${ids(index.teamsAt(u.id))} ` +
        `subtree ${ids(index.teamsInSubtree(u.id))} area ${canon(index.area(u.id))} coverage ${canon(index.coverage(index.area(u.id)))}`,
    );
  }
  for (const t of teamRecords) {
    const a = index.teamActivity(t);
    out.push(
      `activity ${t.id}: ${canon({ ...a })} members ${ids(index.activeMembers(t))} tasks ${canon(index.tasks(a.totals))} ` +
        `active ${index.teamActive(t)} inPeriod ${index.teamInPeriod(t)}`,
    );
  }
  out.push(`activityOfTeams ${canon(index.activityOfTeams(ds.teams))} none ${canon(index.activityOfTeams([]))}`);
  out.push(`tasks of partial totals ${canon(index.tasks({ guidedPublicServices: 2.5, xLast: 1 }))} ${canon(index.tasks({}))}`);
  out.push(`tasks of odd totals ${canon(index.tasks({ guidedPublicServices: -0, simCardsRegistered: 0.1, guidedCyberSafety: 0.2 }))}`);
  out.push(`tasks of a string ${canon(index.tasks({ guidedPublicServices: 1, eHealthRecords: '3' as unknown as number }))}`);
  out.push(`metrics ${canon(index.activityMetricIds)} ${canon(index.areaMetricIds)} levels ${canon(index.levels)}`);
  return out;
}

describe('indexer and core facts: the rewrite agrees with the reference implementation', () => {
  it("reads a month's position in the period from its characters exactly as a map of the period's months would", () => {
    const month = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.stringMatching(/^[0-9]{4}-[0-9]{2}$/),
      fc
        .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }))
        .map(([y, m]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`),
    );
    const periods = fc.constantFrom('2025-01..2025-12', '2024-11..2025-02', '0999-12..1000-01', '2025-06');
    fc.assert(
      fc.property(periods, month, (text, m) => {
        const period = parsePeriod(text);
        const index = new DatasetIndex({ orgUnits: [], teams: [] }, period, resolveAsOf(period, undefined));
        const months: string[] = [];
        for (let i = monthIndex(period.from); i <= monthIndex(period.to); i++) months.push(monthFromIndex(i));
        const expected = new Map(months.map((x, i) => [x, i])).get(m);
        expect((index as unknown as { monthPosition(m: unknown): number | undefined }).monthPosition(m)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('on untidy datasets, for every fact, lookup, period and evaluation date', () => {
    fc.assert(
      fc.property(untidyDataset, fc.constantFrom(...PERIODS), fc.constantFrom('plain', 'catalog' as const), (ds, [period, asOf], catalogArg) => {
        const expected = describeIndex(ds, period, asOf, 'reference', 'plain');
        const actual = describeIndex(ds, period, asOf, 'new', catalogArg);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the key order of object facts: catalog order, AFFILIATIONS and TASKS', () => {
    const period = parsePeriod('2025');
    const index = new DatasetIndex({ orgUnits: [], teams: [] }, period, resolveAsOf(period, undefined));
    const team: Team = {
      id: 't',
      orgUnitId: 'u',
      level: 'village',
      establishedOn: '2024-01-01',
      members: [{ id: 'm', role: 'leader', affiliations: ['other', 'villageHead', 'other'] }],
    };
    const totals = index.teamActivity(team).totals;
    expect(Object.keys(totals)).toEqual(index.activityMetricIds);
    expect(Object.keys(index.tasks(totals))).toEqual([...TASKS]);
    expect(Object.keys(index.area('u'))).toEqual(index.areaMetricIds);
    expect(Object.keys(index.coverage(index.area('u')))).toEqual([...index.ratios.keys()]);
    const { compiled, registry } = allFacts(CORE_FACTS, 'team');
    const row = computeFacts(compiled, registry, index, { kind: 'team', id: 't', team, orgUnit: undefined }, period, new Observations());
    const affiliations = row[compiled.slotOf.get('affiliations')!] as Record<string, number>;
    expect(Object.keys(affiliations)).toEqual([...AFFILIATIONS]);
    expect(affiliations['other']).toBe(1); // listed twice, counted once
    expect(affiliations['villageHead']).toBe(1);
  });

  it('builds objects of the built-in catalog with its literals, and of any other catalog generically', () => {
    const builtin = new MetricCatalog();
    expect([builtin.makeTotals.name, builtin.makeArea.name, builtin.makeCoverage.name]).toEqual([
      'builtinActivityTotals',
      'builtinArea',
      'builtinCoverage',
    ]);
    const custom = new MetricCatalog(CUSTOM_METRICS, [{ id: 'xRatio', label: { vi: 'x', en: 'x' }, numerator: 'xArea', denominator: 'population' }]);
    expect([custom.makeTotals.name, custom.makeArea.name, custom.makeCoverage.name]).not.toContain('builtinActivityTotals');
    expect(builtin.builtinTasks).toBeDefined();
    expect(custom.builtinTasks).toBeUndefined();
    const values = custom.activityMetricIds.map((_, i) => i);
    expect(Object.entries(custom.makeTotals(values))).toEqual(custom.activityMetricIds.map((id, i) => [id, i]));
  });
});
