/**
 * `newMembers` reads the dataset through `FactIndex` only: checked through the core (both engines, a
 * team and an org unit) and, for `joinedInPeriod`, with a hand-made object that has just the members of
 * the interface it reads.
 */
import { createRegistry, evaluate, type CriteriaSet, type Dataset, type FactIndex, type Member, type Team } from '@cnscd/core';
import { describe, expect, it } from 'vitest';
import examplePlugin, { joinedInPeriod } from '../src/index.js';

const registry = createRegistry([examplePlugin]);

const members: Member[] = [
  { id: 'm1', role: 'leader', joinedOn: '2023-05-01' }, // before the period
  { id: 'm2', role: 'member', joinedOn: '2025-01-01' }, // on its first day
  { id: 'm3', role: 'member', joinedOn: '2025-06-15' },
  { id: 'm4', role: 'member', joinedOn: '2025-03-01', leftOn: '2025-09-30' }, // left before the evaluation date
  { id: 'm5', role: 'member' }, // no date: not known to be new
];
const dataset: Dataset = {
  levels: [{ id: 'province' }, { id: 'commune' }, { id: 'village' }],
  orgUnits: [
    { id: 'C', name: 'Xã C', level: 'commune' },
    { id: 'V1', name: 'Thôn 1', level: 'village', parentId: 'C' },
    { id: 'V2', name: 'Thôn 2', level: 'village', parentId: 'C' },
  ],
  teams: [
    { id: 'T1', orgUnitId: 'V1', level: 'village', establishedOn: '2023-01-01', members },
    { id: 'T2', orgUnitId: 'V2', level: 'village', establishedOn: '2024-01-01', members: [{ id: 'n1', role: 'leader', joinedOn: '2025-02-01' }] },
  ],
};

const criteriaFor = (subject: NonNullable<CriteriaSet['subject']>): CriteriaSet => ({
  id: 'new-members',
  version: '1.0.0',
  title: { vi: 'Thành viên mới', en: 'New members' },
  subject,
  requires: { '@cnscd/example-plugin': '^1.0.0' },
  criteria: [
    {
      id: 'two-new',
      group: 'organisation',
      maxPoints: 10,
      title: { vi: 'Ít nhất 2 thành viên mới', en: 'At least 2 new members' },
      scoring: { type: 'pass', when: { fact: 'newMembers', operator: 'greaterThanInclusive', value: 2 } },
    },
  ],
  ratings: [{ id: 'all', label: { vi: 'Tất cả', en: 'All' }, minPercent: 0 }],
});

describe('newMembers through the core', () => {
  for (const engine of ['compiled', 'reference'] as const) {
    it(`counts a team's members who joined in the period and are still active (${engine})`, async () => {
      const r = await evaluate(dataset, criteriaFor({ kind: 'team' }), { period: '2025', asOf: '2025-12-31', engine, registry, rollup: false });
      const byId = new Map(r.subjects.map((s) => [s.subject.id, s.criteria[0]]));
      // T1: m2 and m3 (m1 joined before, m4 left, m5 has no date); T2: n1.
      expect(byId.get('T1')).toMatchObject({ status: 'passed', explanation: { actual: 2 } });
      expect(byId.get('T2')).toMatchObject({ status: 'failed', explanation: { actual: 1 } });
    });

    it(`sums the teams in and below an org unit (${engine})`, async () => {
      const r = await evaluate(dataset, criteriaFor({ kind: 'orgUnit', level: 'commune' }), {
        period: '2025',
        asOf: '2025-12-31',
        engine,
        registry,
        rollup: false,
      });
      expect(r.subjects.map((s) => [s.subject.id, s.criteria[0]?.explanation])).toEqual([['C', expect.objectContaining({ actual: 3 })]]);
    });
  }
});

describe('joinedInPeriod needs only the interface', () => {
  it('works on any object with the members of FactIndex it reads', () => {
    const team = dataset.teams[0]!;
    const index: Pick<FactIndex, 'period' | 'activeMembers'> = {
      period: { from: '2025-06', to: '2025-12' },
      activeMembers: (t: Team) => t.members ?? [],
    };
    // From June: m3 only (m4 joined in March; every member counts as active here).
    expect(joinedInPeriod(index as FactIndex, [team])).toBe(1);
  });
});
