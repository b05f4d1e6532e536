import { describe, expect, it } from 'vitest';
import { evaluateSync, type CriteriaSet, type Dataset, type EvaluationResult } from '../src/index.js';
import { validateDataset } from '../src/model/validate.js';
import { minimalSet } from './criteria-fixtures.js';
import { C, H, TEAMS, afterDataset, beforeDataset, movedTeamsDataset, newParentsDataset, stableIdsDataset } from './reform-fixtures.js';

/**
 * Issue 18's four cases on a Bến Tre-shaped province (3 districts, 9 communes, 30 hamlets, 42 teams; see
 * reform-fixtures.ts; reform-ben-tre.test.ts runs the same cases on the 830-team shape). Expected counts are by hand.
 */
const run = (d: Dataset, period: string, extra: { asOf?: string; rollupAsOf?: string } = {}): EvaluationResult =>
  evaluateSync(d, minimalSet(), { period, explain: false, ...extra });
const unit = (r: EvaluationResult, id: string) => r.rollup!.units.find((u) => u.orgUnitId === id);
const unplaced = (r: EvaluationResult) => r.problems.filter((p) => p.code === 'TEAM_UNPLACED');
const rootsAndUnplaced = (r: EvaluationResult): number =>
  r.rollup!.units.filter((u) => u.parentId === null).reduce((s, u) => s + u.teams, 0) + (r.rollup!.unplaced ?? []).reduce((s, e) => s + e.teams, 0);

describe('issue 18: the 2025 reform', () => {
  it('case 1: a dataset before and one after each roll up all 42 teams', () => {
    expect(unit(run(beforeDataset(), '2024'), 'P')!.teams).toBe(TEAMS);
    const after = run(afterDataset(), '2026');
    expect(unit(after, 'P')!.teams).toBe(TEAMS);
    expect(unit(after, 'N1')!.teams).toBe(3 + 4 * 3); // 3 commune teams, 12 hamlets (C1–C3 have 4 each)
    expect(after.problems).toEqual([]);
  });

  it('case 2: stable ids evaluated as of 2026 - 0 at the province without lineage, 42 with full successors and no warning', () => {
    const legacy = run(stableIdsDataset({ lineage: false }), '2026');
    expect(unit(legacy, 'P')!.teams).toBe(0); // the behaviour the issue measured, unchanged without lineage
    // …but no longer silent: each unit rolled up as a root, and each team left out, says why.
    const codes = legacy.problems.map((p) => p.code);
    expect(codes.filter((c) => c === 'UNIT_PARENT_ENDED').length).toBeGreaterThan(0);
    expect(legacy.problems.find((p) => p.code === 'UNIT_PARENT_ENDED')).toMatchObject({
      path: expect.stringMatching(/^\/dataset\/orgUnits\/\d+\/parentId$/),
      params: { date: '2026-12-31' },
    });
    expect(new Set(codes)).toEqual(new Set(['UNIT_PARENT_ENDED', 'TEAM_UNIT_ENDED']));
    const r = run(stableIdsDataset({ lineage: true }), '2026');
    expect(validateDataset(stableIdsDataset({ lineage: true })).problems).toEqual([]);
    expect(unit(r, 'P')!.teams).toBe(TEAMS);
    expect(unit(r, 'P')!.units).toEqual({ commune: { total: 3, withTeam: 3 }, village: { total: 30, withTeam: 30 } });
    expect(unit(r, 'N3')!.teams).toBe(3 + 9); // C7–C9 and their 9 hamlets
    expect(unit(r, 'C1')).toBeUndefined();
    expect(r.subjects).toHaveLength(TEAMS);
    expect(r.problems).toEqual([]);
    expect(r.rollup!.unplaced).toBeUndefined();
    // As of 2024 the same dataset is the old hierarchy.
    const old = run(stableIdsDataset({ lineage: true }), '2024');
    expect(unit(old, 'P')!.teams).toBe(TEAMS);
    expect(unit(old, 'D1')!.teams).toBe(1 + 3 + 12);
  });

  it('case 3: hamlets with their new communes as parents, as of 2024 - 12 without parentHistory, 42 with it', () => {
    const told = run(newParentsDataset(false), '2024');
    expect(unit(told, 'P')!.teams).toBe(3 + 9);
    // The dataset has lineage elsewhere, so the 30 hamlet teams are not lost: unplaced, and said so.
    expect(unplaced(told)).toHaveLength(30);
    expect(rootsAndUnplaced(told)).toBe(TEAMS);
    const r = run(newParentsDataset(true), '2024');
    expect(unit(r, 'P')!.teams).toBe(TEAMS);
    expect(unit(r, 'C1')!.teams).toBe(1 + 4);
    expect(r.problems).toEqual([]);
    expect(unit(run(newParentsDataset(true), '2026'), 'N2')!.teams).toBe(3 + 9);
  });

  it('case 4: the whole of 2025 scores each team once - 84 results for 42 teams without history, 42 with it', () => {
    expect(run(movedTeamsDataset(false), '2025-01..2025-12').subjects).toHaveLength(2 * TEAMS);
    const d = movedTeamsDataset(true);
    expect(validateDataset(d).problems).toEqual([]);
    const r = run(d, '2025-01..2025-12');
    expect(r.subjects).toHaveLength(TEAMS);
    expect(new Set(r.subjects.map((s) => s.subject.id)).size).toBe(TEAMS);
    expect(unit(r, 'P')!.teams).toBe(TEAMS);
    expect(unit(r, 'P')!.scored).toBe(TEAMS);
    // Placed as of asOf (the period's end): the new communes.
    expect(unit(r, 'N1')!.teams).toBe(3 + 12);
    // As of mid-2025 the same teams sit in the old communes.
    const mid = run(d, '2025-01..2025-12', { asOf: '2025-06-30' });
    expect(unit(mid, 'C1')!.teams).toBe(1 + 4);
    expect(unit(mid, 'P')!.teams).toBe(TEAMS);
  });

  it('a partial link: the teams left with no way up are unplaced, warned about and still counted once', () => {
    const r = run(stableIdsDataset({ lineage: true, partial: true }), '2026');
    // C9 went partly into N3 and partly into N2: its team and its 3 hamlets' teams cannot be placed.
    expect(unit(r, 'P')!.teams).toBe(TEAMS - 4);
    expect(r.rollup!.unplaced).toEqual([
      expect.objectContaining({ orgUnitId: 'C9', level: 'commune', teams: 4, scored: 4, teamIds: ['T-C9', 'T-H28', 'T-H29', 'T-H30'] }),
    ]);
    // The hamlets that fell out with C9 are listed, each with its team (T-C9 serves C9 itself).
    expect(r.rollup!.unplaced![0]!.units).toEqual(
      ['H28', 'H29', 'H30'].map((h) => ({ orgUnitId: h, name: `Ấp ${h}`, level: 'village', teams: 1, members: 4 })),
    );
    expect(rootsAndUnplaced(r)).toBe(TEAMS);
    expect(r.subjects).toHaveLength(TEAMS);
    const warnings = unplaced(r);
    expect(warnings.map((w) => w.path)).toEqual(['/dataset/teams/11', '/dataset/teams/39', '/dataset/teams/40', '/dataset/teams/41']);
    expect(warnings[1]!.params).toEqual({ teamId: 'T-H28', orgUnitId: 'H28', endedUnitId: 'C9', level: 'commune', date: '2026-12-31' });
    expect(warnings[1]!.severity).toBe('warning');
    expect(warnings[1]!.message.vi).toContain('T-H28');
    // A hamlet that says where it went is placed.
    const d = stableIdsDataset({ lineage: true, partial: true });
    const told = {
      ...d,
      orgUnits: d.orgUnits.map((u) => (u.id === 'H28' ? { ...u, parentId: 'N2', parentHistory: [{ parentId: 'C9', until: '2025-06-30' }] } : u)),
    };
    const r2 = run(told, '2026');
    expect(unit(r2, 'P')!.teams).toBe(TEAMS - 3);
    expect(unit(r2, 'N2')!.teams).toBe(3 + 9 + 1);
    expect(unplaced(r2)).toHaveLength(3);
  });

  it('rollupAsOf: 2024 results on the 2026 communes, team counts and scores conserved', () => {
    const d = stableIdsDataset({ lineage: true });
    const past = run(d, '2024');
    const moved = run(d, '2024', { rollupAsOf: '2026-01-01' });
    expect(moved.subjects).toEqual(past.subjects);
    expect(moved.rollup!.asOf).toBe('2026-01-01');
    expect(unit(moved, 'C1')).toBeUndefined();
    expect(unit(moved, 'N1')!.teams).toBe(3 + 12);
    expect(unit(moved, 'P')!.teams).toBe(unit(past, 'P')!.teams);
    expect(unit(moved, 'P')!.scored).toBe(unit(past, 'P')!.scored);
    expect(unit(moved, 'P')!.meanScore).toBe(unit(past, 'P')!.meanScore);
    expect(unit(moved, 'N1')!.notComparable).toBeUndefined();
    // A partial link without share: the receiving units' area figures are not comparable; with shares they are.
    const partial = run(stableIdsDataset({ lineage: true, partial: true }), '2024', { rollupAsOf: '2026-01-01' });
    expect(rootsAndUnplaced(partial)).toBe(TEAMS);
    expect(unit(partial, 'N2')!.notComparable?.en).toMatch(/not comparable/);
    expect(unit(partial, 'P')!.notComparable).toBeUndefined(); // the province existed in 2024: its own figure is whole
    expect(unit(partial, 'N1')!.notComparable).toBeUndefined();
    const shared = run(stableIdsDataset({ lineage: true, partial: true, share: true }), '2024', { rollupAsOf: '2026-01-01' });
    expect(unit(shared, 'N2')!.notComparable).toBeUndefined();
  });
});

describe('level labels', () => {
  it('name both hierarchies in vi and en', async () => {
    const { levelsOn, LEVELS_BEFORE_REFORM, LEVELS_FROM_REFORM } = await import('../src/index.js');
    expect(levelsOn('2025-06-30')).toBe(LEVELS_BEFORE_REFORM);
    expect(levelsOn('2025-07-01').map((l) => l.id)).toEqual(['province', 'commune', 'village']);
    for (const l of [...LEVELS_BEFORE_REFORM, ...LEVELS_FROM_REFORM]) expect(l.label?.vi.length && l.label.en.length).toBeGreaterThan(0);
    expect(LEVELS_FROM_REFORM[1]!.label!.vi).toContain('Đặc khu');
    expect(LEVELS_BEFORE_REFORM[2]!.label!.vi).toContain('Thị trấn');
  });
});

/** Commune teams score 10 when the area they serve has at least `people` people. */
const largeArea = (people: number): CriteriaSet => ({
  ...minimalSet(),
  subject: { kind: 'team' as const, levels: ['commune'] },
  criteria: [
    {
      id: 'big',
      title: { vi: 'Địa bàn lớn', en: 'Large area' },
      group: 'coverage' as const,
      maxPoints: 10,
      scoring: { type: 'pass' as const, when: { all: [{ fact: 'area', path: 'population', operator: 'greaterThanInclusive', value: people }] } },
    },
  ],
});

describe('a team that moved', () => {
  it("whose unit ended whole into a successor reads the successor's area: T-C1 reads N1's 12 hamlets in 2026, C1's 4 in 2024", () => {
    // 100 people in each hamlet, reported on the hamlets only; N1 ← C1–C3 (4 hamlets each).
    const d: Dataset = {
      ...stableIdsDataset({ lineage: true }),
      indicators: H.map((h) => ({ orgUnitId: h, period: '2024', metrics: { population: 100 } })),
    };
    const set = largeArea(1000);
    const score = (period: string) => evaluateSync(d, set, { period, explain: false }).subjects.find((s) => s.subject.id === 'T-C1')!.score;
    expect(score('2024')).toBe(0); // C1: 400 people
    expect(score('2026')).toBe(10); // N1: 1,200 (C1 has no hamlets of its own any more)
  });

  it('reads the area of the unit it served on the evaluation date', () => {
    const d = movedTeamsDataset(true);
    const withIndicators = {
      ...d,
      indicators: [
        { orgUnitId: 'C1', period: '2025', metrics: { population: 1000 } },
        { orgUnitId: 'N1', period: '2025', metrics: { population: 5000 } },
      ],
    };
    const set = largeArea(3000);
    const score = (asOf: string) =>
      evaluateSync(withIndicators, set, { period: '2025', asOf, explain: false }).subjects.find((s) => s.subject.id === 'T-C1')!.score;
    expect(score('2025-06-30')).toBe(0); // C1: 1,000 people
    expect(score('2025-12-31')).toBe(10); // N1: 5,000 (its own row; the villages have none)
  });
});

describe('rollupAsOf: area indicators re-expressed on the 2026 communes (worked example, by hand)', () => {
  // Commune Ck reports, for 2024, 100·k households of which 10·k have a member proficient in the five
  // basic skills (10 % everywhere). The 2026 communes: N1 ← C1–C3, N2 ← C4–C6, N3 ← C7–C9.
  const withHouseholds = (d: Dataset): Dataset => ({
    ...d,
    indicators: C.map((c, k) => ({ orgUnitId: c, period: '2024', metrics: { households: 100 * (k + 1), householdsWithFiveSkills: 10 * (k + 1) } })),
  });
  const coverage = (r: EvaluationResult, id: string) => unit(r, id)!.coverage.householdsFiveSkills;

  it('full links carry each old commune whole: N3 = 700 + 800 + 900 households', () => {
    const r = run(withHouseholds(stableIdsDataset({ lineage: true })), '2024', { rollupAsOf: '2026-01-01' });
    expect(coverage(r, 'N1')).toEqual({ numerator: 60, denominator: 600, rate: 0.1 });
    expect(coverage(r, 'N3')).toEqual({ numerator: 240, denominator: 2400, rate: 0.1 });
    // The province existed in 2024: its own figure (the sum of its communes), the districts that went into it not added again.
    expect(coverage(r, 'P')).toEqual({ numerator: 450, denominator: 4500, rate: 0.1 });
    expect(r.rollup!.units.some((u) => u.notComparable !== undefined)).toBe(false);
  });

  it('shares split a commune exactly: C9 (900 households) gives 630 to N3 and 270 to N2', () => {
    const r = run(withHouseholds(stableIdsDataset({ lineage: true, partial: true, share: true })), '2024', { rollupAsOf: '2026-01-01' });
    expect(coverage(r, 'N2')).toEqual({ numerator: 40 + 50 + 60 + 27, denominator: 400 + 500 + 600 + 270, rate: 0.1 });
    expect(coverage(r, 'N3')).toEqual({ numerator: 70 + 80 + 63, denominator: 700 + 800 + 630, rate: 0.1 });
    expect(coverage(r, 'P')!.denominator).toBe(4500);
    expect(unit(r, 'N2')!.notComparable).toBeUndefined();
  });

  it('a partial link without share: N2 and N3 show no figure and say why; N1 and the province keep theirs', () => {
    const r = run(withHouseholds(stableIdsDataset({ lineage: true, partial: true })), '2024', { rollupAsOf: '2026-01-01' });
    for (const id of ['N2', 'N3']) {
      expect(coverage(r, id)).toEqual({ numerator: null, denominator: null, rate: null });
      expect(unit(r, id)!.notComparable!.vi).toContain('share');
    }
    expect(coverage(r, 'N1')).toEqual({ numerator: 60, denominator: 600, rate: 0.1 });
    expect(coverage(r, 'P')).toEqual({ numerator: 450, denominator: 4500, rate: 0.1 });
    expect(unit(r, 'P')!.notComparable).toBeUndefined();
  });

  it('team counts, members, scores and ratings move with their teams exactly', () => {
    const d = withHouseholds(stableIdsDataset({ lineage: true, partial: true, share: true }));
    const past = run(d, '2024');
    const moved = run(d, '2024', { rollupAsOf: '2026-01-01' });
    // N1: the teams of C1–C3 and of their 12 hamlets (4 members each); its score sums are theirs.
    const mine = new Set(['T-C1', 'T-C2', 'T-C3', ...H.slice(0, 12).map((h) => `T-${h}`)]);
    const theirs = past.subjects.filter((s) => mine.has(s.subject.id));
    expect(unit(moved, 'N1')).toMatchObject({ teams: 15, members: 60, scored: 15 });
    expect(unit(moved, 'N1')!.meanScore).toBeCloseTo(theirs.reduce((s, r) => s + r.score, 0) / 15, 9);
    const rated = (r: EvaluationResult, id: string) => Object.values(unit(r, id)!.ratings).reduce((a, b) => a + b, 0);
    // Shares split area figures, not teams: C9's 4 teams (16 members) are unplaced, listed beside the province.
    const out = moved.rollup!.unplaced!;
    expect(out.map((e) => [e.orgUnitId, e.teams, e.members])).toEqual([['C9', 4, 16]]);
    expect(unit(moved, 'P')!.teams + 4).toBe(unit(past, 'P')!.teams);
    expect(unit(moved, 'P')!.members + 16).toBe(unit(past, 'P')!.members);
    expect(rated(moved, 'P') + Object.values(out[0]!.ratings).reduce((a, b) => a + b, 0)).toBe(rated(past, 'P'));
    // With every link full, the province's figures are the 2024 ones exactly.
    const full = withHouseholds(stableIdsDataset({ lineage: true }));
    const again = run(full, '2024', { rollupAsOf: '2026-01-01' });
    const before = run(full, '2024');
    const pick = (r: EvaluationResult) => {
      const { teams, members, scored, meanScore, meanPercent, ratings } = unit(r, 'P')!;
      return { teams, members, scored, meanScore, meanPercent, ratings };
    };
    expect(pick(again)).toEqual(pick(before));
  });
});

describe('units that fall out', () => {
  it('are listed under the unit where their way broke, with the teams below them, even with no team at all', () => {
    const d = stableIdsDataset({ lineage: true, partial: true });
    // A hamlet of C9 gets a sub-hamlet (with a team), and C9's own team and H30's are disbanded.
    const withBelow: Dataset = {
      ...d,
      orgUnits: [...d.orgUnits, { id: 'H28a', name: 'Xóm H28a', level: 'village', parentId: 'H28' }],
      teams: [
        ...d.teams.map((t) => (t.id === 'T-C9' || t.id === 'T-H30' ? { ...t, disbandedOn: '2023-12-31' } : t)),
        { id: 'T-H28a', orgUnitId: 'H28a', level: 'village', establishedOn: '2022-05-01', members: [{ id: 'm1', role: 'leader' }] },
      ],
    };
    const r = run(withBelow, '2026');
    expect(r.rollup!.unplaced).toHaveLength(1);
    expect(r.rollup!.unplaced![0]).toMatchObject({ orgUnitId: 'C9', teams: 3, members: 4 + 4 + 1 });
    expect(r.rollup!.unplaced![0]!.units.map((u) => [u.orgUnitId, u.teams, u.members])).toEqual([
      ['H28', 2, 5],
      ['H28a', 1, 1],
      ['H29', 1, 4],
      ['H30', 0, 0],
    ]);
    // No team left below C9: the entry is still there, listing the hamlets, so nothing leaves silently.
    const empty: Dataset = { ...d, teams: d.teams.filter((t) => !['T-C9', 'T-H28', 'T-H29', 'T-H30'].includes(t.id)) };
    const e = run(empty, '2026').rollup!.unplaced!;
    expect(e.map((x) => [x.orgUnitId, x.teams, x.units.map((u) => u.orgUnitId)])).toEqual([['C9', 0, ['H28', 'H29', 'H30']]]);
  });
});

describe('successor shares', () => {
  it("of one unit adding up to more than 1 are refused at the unit's successors, in vi and en", () => {
    const d = stableIdsDataset({ lineage: true, partial: true, share: true });
    const bad = {
      ...d,
      orgUnits: d.orgUnits.map((u) =>
        u.id === 'C9'
          ? {
              ...u,
              successors: [
                { id: 'N3', part: 'partial' as const, share: 0.7 },
                { id: 'N2', part: 'partial' as const, share: 0.5 },
              ],
            }
          : u,
      ),
    };
    const found = validateDataset(bad).problems.filter((p) => p.code === 'SUCCESSOR_SHARES_OVER_ONE');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'error',
      path: `/orgUnits/${bad.orgUnits.findIndex((u) => u.id === 'C9')}/successors`,
      params: { unitId: 'C9', sum: 1.2 },
    });
    expect(found[0]!.message.vi).toContain('1,2');
    // 0.7 + 0.2 + 0.1 is 1.0000000000000002 in binary: still the whole unit, not more.
    const whole = {
      ...d,
      orgUnits: d.orgUnits.map((u) =>
        u.id === 'C9'
          ? {
              ...u,
              successors: [
                { id: 'N3', part: 'partial' as const, share: 0.7 },
                { id: 'N2', part: 'partial' as const, share: 0.2 },
                { id: 'N1', part: 'partial' as const, share: 0.1 },
              ],
            }
          : u,
      ),
    };
    expect(validateDataset(whole).problems).toEqual([]);
  });
});
