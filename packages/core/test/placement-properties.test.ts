import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DatasetIndex } from '../src/evaluate/indexer.js';
import { parsePeriod } from '../src/evaluate/period.js';
import type { Dataset, OrgUnit, Team } from '../src/model/types.js';
import { validateDataset } from '../src/model/validate.js';
import { rollup } from '../src/rollup/rollup.js';
import { LEVELS_BEFORE } from './reform-fixtures.js';

/**
 * Random hierarchies with a dated reform: old communes end on 2025-06-30 and go, fully or in part, into
 * new communes; villages and teams may carry their earlier parents and units. At every date, every team
 * active then is placed once (in a unit or under "unplaced"), the roll-up's roots and unplaced entries add
 * up to the teams, and a roll-up re-expressed on another date keeps the count.
 */
const END = '2025-06-30';
const DATES = ['2024-06-30', END, '2025-07-01', '2026-01-01'];

const shape = fc.record({
  old: fc.array(
    fc.record({
      links: fc.array(fc.record({ to: fc.nat(3), full: fc.boolean() }), { minLength: 0, maxLength: 2 }),
      villages: fc.array(fc.record({ moveTo: fc.option(fc.nat(3)), teams: fc.nat(2) }), { maxLength: 4 }),
      team: fc.boolean(),
      teamMovesTo: fc.option(fc.nat(3)),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  fresh: fc.integer({ min: 1, max: 4 }),
  provinces: fc.integer({ min: 1, max: 2 }),
});

type Shape = typeof shape extends fc.Arbitrary<infer S> ? S : never;

function build(s: Shape): Dataset {
  const units: OrgUnit[] = [];
  const teams: Team[] = [];
  for (let p = 0; p < s.provinces; p++) units.push({ id: `P${p}`, name: `Tỉnh ${p}`, level: 'province' });
  const fresh = (k: number): string => `N${k % s.fresh}`;
  for (let k = 0; k < s.fresh; k++)
    units.push({ id: fresh(k), name: `Xã mới ${k}`, level: 'commune', parentId: `P${k % s.provinces}`, validFrom: '2025-07-01' });
  s.old.forEach((c, i) => {
    const id = `C${i}`;
    // Successors: one full link is a merger; anything else (several, or partial) is ambiguous. Ids deduplicated.
    const seen = new Set<string>();
    const successors = c.links
      .filter((l) => !seen.has(fresh(l.to)) && seen.add(fresh(l.to)))
      .map((l) => ({ id: fresh(l.to), part: l.full ? ('full' as const) : ('partial' as const) }));
    units.push({
      id,
      name: `Xã ${i}`,
      level: 'commune',
      parentId: `P${i % s.provinces}`,
      validTo: END,
      ...(successors.length > 0 ? { successors } : {}),
    });
    if (c.team) {
      const move = c.teamMovesTo;
      teams.push({
        id: `T-${id}`,
        orgUnitId: move === null ? id : fresh(move),
        level: 'commune',
        establishedOn: '2022-01-01',
        ...(move === null ? {} : { orgUnitHistory: [{ orgUnitId: id, until: END }] }),
      });
    }
    c.villages.forEach((v, j) => {
      const vid = `V${i}-${j}`;
      units.push({
        id: vid,
        name: `Thôn ${i}-${j}`,
        level: 'village',
        ...(v.moveTo === null ? { parentId: id } : { parentId: fresh(v.moveTo), parentHistory: [{ parentId: id, until: END }] }),
      });
      for (let t = 0; t < v.teams; t++) teams.push({ id: `T-${vid}-${t}`, orgUnitId: vid, level: 'village', establishedOn: '2022-01-01' });
    });
  });
  return { levels: LEVELS_BEFORE, orgUnits: units, teams };
}

const period = parsePeriod('2024-01..2026-12');

function countPlaced(index: DatasetIndex, placeOn: DatasetIndex = index): { teams: number; counted: number } {
  const r = rollup(index, [], [], undefined, placeOn);
  const roots = r.units.filter((u) => placeOn.roots().some((root) => root.id === u.orgUnitId));
  const counted = roots.reduce((a, u) => a + u.teams, 0) + (r.unplaced ?? []).reduce((a, e) => a + e.teams, 0);
  // The units that fell out are listed once, under one entry, never also among the placed units, and
  // none holds more teams than its entry.
  const listed = (r.unplaced ?? []).flatMap((e) => e.units.map((u) => u.orgUnitId));
  expect(new Set(listed).size).toBe(listed.length);
  const placedIds = new Set(r.units.map((u) => u.orgUnitId));
  expect(listed.filter((id) => placedIds.has(id))).toEqual([]);
  for (const e of r.unplaced ?? []) for (const u of e.units) expect(u.teams).toBeLessThanOrEqual(e.teams);
  let teams = 0;
  for (const t of index.teams.values()) {
    if (!index.teamActive(t)) continue;
    teams++;
    // Each team is in exactly one place: a unit, or under one unplaced entry.
    const inUnit = placeOn.countedUnitId(t) !== undefined;
    const unplaced = placeOn.unplacedAt(t) !== undefined;
    expect(Number(inUnit) + Number(unplaced)).toBe(1);
  }
  return { teams, counted };
}

describe('placement properties', () => {
  it('random reforms: valid, every team placed once at every date, roll-up entries add up, rollupAsOf conserves', () => {
    fc.assert(
      fc.property(shape, fc.constantFrom(...DATES), fc.constantFrom(...DATES), (s, date, other) => {
        const d = build(s);
        expect(validateDataset(d).problems.filter((p) => p.severity === 'error')).toEqual([]);
        const index = new DatasetIndex(d, period, date);
        // Without lineage fields the old rule holds (a team whose unit ended is not counted): nothing to check.
        if (index.placement === undefined) return;
        const { teams, counted } = countPlaced(index);
        expect(counted).toBe(teams);
        const moved = countPlaced(index, new DatasetIndex(d, period, other));
        expect(moved.counted).toBe(teams);
      }),
      { numRuns: 300 },
    );
  });
});
