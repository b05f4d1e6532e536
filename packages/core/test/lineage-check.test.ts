import { describe, expect, it } from 'vitest';
import type { Dataset, OrgUnit, Team } from '../src/model/types.js';
import { validateDataset } from '../src/model/validate.js';

const P: OrgUnit = { id: 'P', name: 'Tỉnh', level: 'province' };
const D: OrgUnit = { id: 'D', name: 'Huyện', level: 'district', parentId: 'P', validTo: '2025-06-30' };
const C1: OrgUnit = { id: 'C1', name: 'Xã 1', level: 'commune', parentId: 'D', validTo: '2025-06-30', successors: [{ id: 'N', part: 'full' }] };
const N: OrgUnit = { id: 'N', name: 'Xã mới', level: 'commune', parentId: 'P', validFrom: '2025-07-01' };
const V: OrgUnit = { id: 'V', name: 'Thôn', level: 'village', parentId: 'N', parentHistory: [{ parentId: 'C1', until: '2025-06-30' }] };
const team: Team = { id: 'T', orgUnitId: 'V', level: 'village', establishedOn: '2022-01-01' };

const codes = (d: Dataset) => validateDataset(d).problems.map((p) => `${p.code} ${p.path}`);

describe('lineage checks', () => {
  it('accept a reform told with successors and parent history', () => {
    expect(codes({ orgUnits: [P, D, C1, N, V], teams: [team] })).toEqual([]);
  });

  it('refuse a successor that does not exist on the day after validTo', () => {
    const late = { ...N, validFrom: '2025-08-01' };
    const problems = validateDataset({ orgUnits: [P, D, C1, late, V], teams: [] }).problems;
    const p = problems.find((q) => q.code === 'SUCCESSOR_NOT_IN_FORCE')!;
    expect(p.path).toBe('/orgUnits/2/successors/0/id');
    expect(p.params).toEqual({ id: 'N', day: '2025-07-01' });
    expect(p.message.vi).toContain('2025-07-01');
  });

  it('refuse successors on a unit that never ends, and dangling links', () => {
    const { validTo: _drop, ...openUnit } = C1;
    expect(codes({ orgUnits: [P, D, openUnit, N], teams: [] })).toContain('SUCCESSOR_NOT_IN_FORCE /orgUnits/2/successors/0/id');
    const ghost = { ...C1, successors: [{ id: 'X', part: 'partial' as const }] };
    const lost = { ...V, parentHistory: [{ parentId: 'Y', until: '2025-06-30' }] };
    const moved = { ...team, orgUnitHistory: [{ orgUnitId: 'Z', until: '2024-01-01' }] };
    expect(codes({ orgUnits: [P, D, ghost, N, lost], teams: [moved] })).toEqual([
      'DANGLING_REFERENCE /orgUnits/2/successors/0/id',
      'DANGLING_REFERENCE /orgUnits/4/parentHistory/0/parentId',
      'DANGLING_REFERENCE /teams/0/orgUnitHistory/0/orgUnitId',
    ]);
  });

  it('refuse until dates out of order', () => {
    const v = {
      ...V,
      parentHistory: [
        { parentId: 'C1', until: '2025-06-30' },
        { parentId: 'D', until: '2025-06-30' },
      ],
    };
    const t = {
      ...team,
      orgUnitHistory: [
        { orgUnitId: 'V', until: '2024-05-01' },
        { orgUnitId: 'N', until: '2023-01-01' },
        { orgUnitId: 'N', until: '2023-02-30' },
      ],
    };
    expect(codes({ orgUnits: [P, D, C1, N, v], teams: [t] })).toEqual([
      'HISTORY_ORDER /orgUnits/4/parentHistory/1/until',
      'HISTORY_ORDER /teams/0/orgUnitHistory/1/until',
      'INVALID_DATE_RANGE /teams/0/orgUnitHistory/2/until',
    ]);
  });

  it('refuse a unit that is its own successor or ancestor through history', () => {
    const self = { ...C1, successors: [{ id: 'C1', part: 'full' as const }] };
    expect(codes({ orgUnits: [P, D, self, N], teams: [] })).toEqual(['LINEAGE_CYCLE /orgUnits/2/successors/0/id']);
    // N was once the parent of P, and P is N's parent now.
    const p2 = { ...P, parentId: 'X0', parentHistory: [{ parentId: 'N', until: '2024-01-01' }] };
    const x0: OrgUnit = { id: 'X0', name: 'Gốc', level: 'province' };
    const problems = validateDataset({ orgUnits: [p2, D, C1, N, x0], teams: [] }).problems.filter((p) => p.code === 'LINEAGE_CYCLE');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.params).toEqual({ cycle: ['N', 'P'] });
    // A successor chain that loops back: C1 → N → C1.
    const back = { ...N, validTo: '2025-12-31', successors: [{ id: 'C1', part: 'full' as const }] };
    expect(codes({ orgUnits: [P, D, C1, back], teams: [] })).toContain('LINEAGE_CYCLE /orgUnits/2');
  });

  it('take several units going fully into one as the normal case', () => {
    const C2: OrgUnit = { ...C1, id: 'C2', name: 'Xã 2' };
    const C3: OrgUnit = {
      ...C1,
      id: 'C3',
      name: 'Xã 3',
      successors: [
        { id: 'N', part: 'partial', share: 0.4 },
        { id: 'N2', part: 'partial', share: 0.6 },
      ],
    };
    const N2: OrgUnit = { ...N, id: 'N2', name: 'Xã mới 2' };
    expect(codes({ orgUnits: [P, D, C1, C2, C3, N, N2], teams: [] })).toEqual([]);
  });

  it('checks the schema of the new fields', () => {
    const bad = { ...C1, successors: [{ id: 'N', part: 'half' }] } as unknown as OrgUnit;
    expect(codes({ orgUnits: [P, D, bad, N], teams: [] })[0]).toMatch(/^SCHEMA_VIOLATION \/orgUnits\/2\/successors\/0\/part/);
  });
});
