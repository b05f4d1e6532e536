import { describe, expect, it } from 'vitest';
import { generateNational, nationalTotals, allocate, type NationalShape } from '../../../bench/national.js';
import { mulberry32 } from '../../../examples/datasets/synthetic.js';
import { BUILTIN_METRICS } from '../src/model/catalog.js';
import { validateDataset } from '../src/model/validate.js';
import type { Dataset } from '../src/model/types.js';

/**
 * The synthetic national dataset behind `npm run bench`: exact national totals, both administrative maps,
 * determinism. Checked here on a 1% scale; the bench itself asserts the full-size counts.
 */

const SCALE = 0.01;
const shapes: readonly NationalShape[] = ['63', '34'];
const cache = new Map<string, Dataset>();
const gen = (shape: NationalShape, seed = 42, scale = SCALE): Dataset => {
  const key = `${shape}/${seed}/${scale}`;
  let ds = cache.get(key);
  if (ds === undefined) {
    ds = generateNational({ shape, seed, scale });
    cache.set(key, ds);
  }
  return ds;
};
const countLevel = (ds: Dataset, level: string): number => ds.orgUnits.filter((u) => u.level === level).length;
const memberTotal = (ds: Dataset): number => ds.teams.reduce((n, t) => n + (t.members?.length ?? 0), 0);

describe('national totals', () => {
  it('are the MIC 2023 figures at full scale, in both maps', () => {
    expect(nationalTotals('63')).toMatchObject({ provinces: 63, districts: 705, communes: 10_600, teams: 74_422, members: 348_362 });
    expect(nationalTotals('34')).toMatchObject({ provinces: 34, districts: 0, communes: 3_321, teams: 74_422, members: 348_362 });
    for (const shape of shapes) {
      const t = nationalTotals(shape);
      expect(t.villageTeams + t.communeTeams).toBe(74_422);
      expect(t.villages).toBeGreaterThanOrEqual(t.villageTeams);
    }
  });

  it('scale down proportionally, keeping 63/34 provinces', () => {
    expect(nationalTotals('63', SCALE)).toMatchObject({ provinces: 63, districts: 63, communes: 106, villages: 785, teams: 744, members: 3_484 });
    expect(nationalTotals('34', SCALE)).toMatchObject({ provinces: 34, districts: 0, communes: 34, villages: 785, teams: 744, members: 3_484 });
    expect(() => nationalTotals('63', 0)).toThrow(RangeError);
  });
});

describe.each(shapes)('generateNational, shape %s at 1%%', (shape) => {
  const totals = nationalTotals(shape, SCALE);

  it('has exactly the scaled totals', () => {
    const ds = gen(shape);
    expect(ds.teams).toHaveLength(744);
    expect(memberTotal(ds)).toBe(3_484);
    expect(countLevel(ds, 'province')).toBe(totals.provinces);
    expect(countLevel(ds, 'district')).toBe(totals.districts);
    expect(countLevel(ds, 'commune')).toBe(totals.communes);
    expect(countLevel(ds, 'village')).toBe(totals.villages);
    expect(ds.teams.filter((t) => t.level === 'commune')).toHaveLength(totals.communeTeams);
    expect(totals.communeTeams).toBeGreaterThan(0);
  });

  it('declares its levels and builds a tree of them', () => {
    const ds = gen(shape);
    const levels = ds.levels!.map((l) => l.id);
    expect(levels).toEqual(shape === '63' ? ['province', 'district', 'commune', 'village'] : ['province', 'commune', 'village']);
    const units = new Map(ds.orgUnits.map((u) => [u.id, u]));
    expect(units.size).toBe(ds.orgUnits.length);
    for (const u of ds.orgUnits) {
      if (u.level === 'province') {
        expect(u.parentId).toBeNull();
        continue;
      }
      const parent = units.get(u.parentId!);
      expect(parent, u.id).toBeDefined();
      expect(levels.indexOf(parent!.level)).toBe(levels.indexOf(u.level) - 1);
    }
    // Every province, district and commune has something below it.
    const withChildren = new Set(ds.orgUnits.map((u) => u.parentId));
    for (const u of ds.orgUnits) if (u.level !== 'village') expect(withChildren.has(u.id), u.id).toBe(true);
  });

  it('teams: one per served unit, 2–9 opaque members, one leader at most', () => {
    const ds = gen(shape);
    const units = new Map(ds.orgUnits.map((u) => [u.id, u]));
    const served = new Set<string>();
    const memberIds = new Set<string>();
    for (const t of ds.teams) {
      const unit = units.get(t.orgUnitId);
      expect(unit?.level, t.id).toBe(t.level);
      expect(served.has(t.orgUnitId)).toBe(false);
      served.add(t.orgUnitId);
      const members = t.members ?? [];
      expect(members.length).toBeGreaterThanOrEqual(t.level === 'commune' ? 5 : 2);
      expect(members.length).toBeLessThanOrEqual(9);
      expect(members.filter((m) => m.role === 'leader').length).toBeLessThanOrEqual(1);
      for (const m of members) {
        expect(m.id).toMatch(/^m\d{6}$/);
        expect(Object.keys(m).sort()).toEqual(expect.arrayContaining(['id', 'joinedOn', 'role']));
        expect(m.joinedOn! >= t.establishedOn).toBe(true);
        memberIds.add(m.id);
      }
    }
    expect(memberIds.size).toBe(3_484);
    const all = ds.teams.flatMap((t) => t.members ?? []);
    const trained = all.filter((m) => (m.trainings?.length ?? 0) > 0).length / all.length;
    expect(trained).toBeGreaterThan(0.7); // 255,545 of 348,362 trained in Sept 2022
    expect(trained).toBeLessThan(0.9);
    expect(all.some((m) => m.affiliations?.includes('youthUnion'))).toBe(true);
    expect(all.some((m) => m.affiliations?.includes('areaPolice'))).toBe(true);
  });

  it('reports: 2025 team-level months from the catalog, some missing; indicators per village', () => {
    const ds = gen(shape);
    const activity = new Set(BUILTIN_METRICS.filter((m) => m.kind === 'activity').map((m) => m.id));
    const area = new Set(BUILTIN_METRICS.filter((m) => m.kind === 'area').map((m) => m.id));
    const seen = new Set<string>();
    const bad: string[] = [];
    for (const r of ds.reports!) {
      const key = `${r.teamId}/${r.month}`;
      if (r.month < '2025-01' || r.month > '2025-12' || r.memberId !== undefined || seen.has(key)) bad.push(key);
      seen.add(key);
      for (const [k, v] of Object.entries(r.metrics)) if (!activity.has(k) || !Number.isInteger(v) || v <= 0) bad.push(`${key} ${k}=${v}`);
    }
    expect(bad).toEqual([]);
    expect(ds.reports!.length).toBeLessThan(ds.teams.length * 12);
    expect(ds.reports!.length).toBeGreaterThan(ds.teams.length * 8);
    const villages = new Set(ds.orgUnits.filter((u) => u.level === 'village').map((u) => u.id));
    for (const i of ds.indicators!) {
      expect(villages.has(i.orgUnitId)).toBe(true);
      expect(Object.keys(i.metrics).every((k) => area.has(k))).toBe(true);
      const m = i.metrics;
      expect(m['workingAgeOnlinePublicServiceUsers']!).toBeLessThanOrEqual(m['workingAgePopulation']!);
      expect(m['adults']!).toBeLessThan(m['population']!);
    }
    expect(ds.indicators!.length).toBeLessThanOrEqual(villages.size);
    expect(ds.indicators!.length).toBeGreaterThan(villages.size * 0.9);
  });

  it('is a valid dataset', () => {
    const v = validateDataset(gen(shape));
    expect(v.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(v.valid).toBe(true);
  });

  it('is deterministic: same seed, same dataset; another seed, another', () => {
    const a = JSON.stringify(gen(shape));
    expect(JSON.stringify(generateNational({ shape, seed: 42, scale: SCALE }))).toBe(a);
    expect(JSON.stringify(generateNational({ shape, seed: 43, scale: SCALE }))).not.toBe(a);
  });
});

describe('the two maps share villages, teams and reports', () => {
  it('only the hierarchy above villages (and commune teams’ communes) differs', () => {
    const a = gen('63');
    const b = gen('34');
    const villages = (ds: Dataset) => ds.orgUnits.filter((u) => u.level === 'village').map((u) => u.id);
    expect(villages(b)).toEqual(villages(a));
    const strip = (ds: Dataset) => ds.teams.map((t) => (t.level === 'commune' ? { ...t, orgUnitId: '' } : t));
    expect(strip(b)).toEqual(strip(a));
    expect(b.reports).toEqual(a.reports);
    expect(b.indicators).toEqual(a.indicators);
  });
});

describe('helpers', () => {
  it('allocate splits a total exactly within bounds', () => {
    const rng = mulberry32(9);
    const parts = allocate(
      rng,
      1000,
      Array.from({ length: 37 }, () => rng() + 0.1),
      2,
      40,
    );
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(parts.every((p) => p >= 2 && p <= 40)).toBe(true);
    expect(() => allocate(rng, 10, [1, 1], 6)).toThrow(RangeError);
  });
});
