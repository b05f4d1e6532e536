import { describe, expect, it } from 'vitest';
import { evaluateSync, type Dataset, type EvaluationResult } from '../src/index.js';
import { validateDataset } from '../src/model/validate.js';
import { minimalSet } from './criteria-fixtures.js';
import { BEN_TRE } from './reform-fixtures.js';

/**
 * Issue 18's four cases, golden, on the Bến Tre-shaped province it measured: 9 districts, 157 communes,
 * 664 hamlets, 830 teams, 7,097 members; after 1 July 2025, 53 communes (three old ones each). The counts
 * are derived by hand from the shape in reform-fixtures.ts (generated, not the shared data).
 */
const { TEAMS, MEMBERS } = BEN_TRE;
const run = (d: Dataset, period: string, extra: { asOf?: string; rollupAsOf?: string } = {}): EvaluationResult =>
  evaluateSync(d, minimalSet(), { period, explain: false, ...extra });
const province = (r: EvaluationResult) => r.rollup!.units.find((u) => u.orgUnitId === 'P')!;
const warnings = (r: EvaluationResult, code: string) => r.problems.filter((p) => p.code === code);
const placedPlusUnplaced = (r: EvaluationResult): number => province(r).teams + (r.rollup!.unplaced ?? []).reduce((s, e) => s + e.teams, 0);

describe('issue 18 on the Bến Tre shape (830 teams)', () => {
  it('the shape is the one measured', () => {
    const d = BEN_TRE.beforeDataset();
    expect([TEAMS, MEMBERS]).toEqual([830, 7097]);
    expect(d.teams.reduce((s, t) => s + (t.members?.length ?? 0), 0)).toBe(7097);
    const count = (level: string) => d.orgUnits.filter((u) => u.level === level).length;
    expect([count('district'), count('commune'), count('village')]).toEqual([9, 157, 664]);
    expect(BEN_TRE.N).toHaveLength(53);
  });

  it('case 1: before and after datasets each roll up 830 teams and 7,097 members', () => {
    const before = run(BEN_TRE.beforeDataset(), '2024');
    expect(province(before)).toMatchObject({
      teams: 830,
      members: 7097,
      units: { district: { total: 9, withTeam: 9 }, commune: { total: 157, withTeam: 157 }, village: { total: 664, withTeam: 664 } },
    });
    const after = run(BEN_TRE.afterDataset(), '2026');
    expect(province(after)).toMatchObject({
      teams: 830,
      members: 7097,
      units: { commune: { total: 53, withTeam: 53 }, village: { total: 664, withTeam: 664 } },
    });
    expect(after.problems).toEqual([]);
  });

  it('case 2: stable ids as of 2026 - 0 without lineage (now with warnings), 830 with full successors and no warning', () => {
    const legacy = run(BEN_TRE.stableIdsDataset({ lineage: false }), '2026');
    expect(province(legacy).teams).toBe(0);
    expect(warnings(legacy, 'TEAM_UNIT_ENDED')).toHaveLength(9 + 157); // hamlets' units are still in force
    const d = BEN_TRE.stableIdsDataset({ lineage: true });
    expect(validateDataset(d).problems).toEqual([]);
    const r = run(d, '2026');
    expect(province(r)).toMatchObject({ teams: 830, members: 7097, scored: 830 });
    expect(r.problems).toEqual([]);
    expect(r.rollup!.unplaced).toBeUndefined();
    expect(province(run(d, '2024')).teams).toBe(830);
  });

  it('case 3: hamlets with their new communes as parents, as of 2024 - 166 placed and 664 explicitly unplaced without parentHistory, 830 with it', () => {
    const told = run(BEN_TRE.newParentsDataset(false), '2024');
    expect(province(told).teams).toBe(166);
    expect(warnings(told, 'TEAM_UNPLACED')).toHaveLength(664);
    expect(placedPlusUnplaced(told)).toBe(830);
    const r = run(BEN_TRE.newParentsDataset(true), '2024');
    expect(province(r).teams).toBe(830);
    expect(r.problems).toEqual([]);
  });

  it('case 4: the whole of 2025 - 1,660 results without history, 830 (each team once) with it', () => {
    expect(run(BEN_TRE.movedTeamsDataset(false), '2025-01..2025-12').subjects).toHaveLength(1660);
    const r = run(BEN_TRE.movedTeamsDataset(true), '2025-01..2025-12');
    expect(r.subjects).toHaveLength(830);
    expect(new Set(r.subjects.map((s) => s.subject.id)).size).toBe(830);
    expect(province(r)).toMatchObject({ teams: 830, scored: 830 });
  });

  it('partial links (15 communes split) and teams that say nothing more: 78 teams unplaced, listed and warned, none lost', () => {
    const r = run(BEN_TRE.stableIdsDataset({ lineage: true, partial: true }), '2026');
    // C010, C020, C030 have 5 hamlets each, C040…C150 4: 15 commune teams + 15 + 48 hamlet teams.
    expect(province(r).teams).toBe(830 - 78);
    const entries = r.rollup!.unplaced!;
    expect(entries.map((e) => e.orgUnitId)).toEqual(Array.from({ length: 15 }, (_, i) => `C${String(10 * (i + 1)).padStart(3, '0')}`));
    expect(entries.every((e) => e.level === 'commune')).toBe(true);
    expect(entries.map((e) => e.units.length)).toEqual([5, 5, 5, ...Array<number>(12).fill(4)]);
    expect(entries.reduce((s, e) => s + e.teams, 0)).toBe(78);
    // Members: commune teams and the hamlets of C010–C060 have 9, the later hamlets 8: 135 + 27·9 + 36·8.
    expect(entries.reduce((s, e) => s + e.members, 0)).toBe(666);
    expect(province(r).members).toBe(7097 - 666);
    expect(placedPlusUnplaced(r)).toBe(830);
    expect(r.subjects).toHaveLength(830);
    const unplaced = warnings(r, 'TEAM_UNPLACED');
    expect(unplaced).toHaveLength(78);
    expect(unplaced.every((w) => w.severity === 'warning' && w.params?.date === '2026-12-31')).toBe(true);
  });

  it('rollupAsOf: 2024 results on the 2026 communes keep 830 teams and 7,097 members', () => {
    const d = BEN_TRE.stableIdsDataset({ lineage: true });
    const past = run(d, '2024');
    const moved = run(d, '2024', { rollupAsOf: '2026-01-01' });
    expect(province(moved)).toMatchObject({ teams: 830, members: 7097, scored: 830, meanScore: province(past).meanScore });
    expect(moved.rollup!.units.filter((u) => u.level === 'commune')).toHaveLength(53);
    expect(moved.rollup!.units.filter((u) => u.level === 'district')).toHaveLength(0);
  });
});
