/**
 * TEAM_LEVEL_MISMATCH: a team whose level is not the level of the org unit it serves is an error (see
 * src/model/level-check.ts for why the sources allow no such team).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../src/errors.js';
import { checkTeamLevels } from '../src/model/level-check.js';
import { validateDataset, validateFast, validateSlow } from '../src/model/validate.js';
import type { Dataset } from '../src/model/types.js';
import { smallDataset, type Writable } from './dataset-fixtures.js';

const mismatches = (d: unknown) => validateDataset(d).problems.filter((p) => p.code === 'TEAM_LEVEL_MISMATCH');

/** Bến Tre's three levels of teams, each on a unit of its own level (seed 001). */
function benTre(): Writable<Dataset> {
  return {
    orgUnits: [
      { id: 'P83', name: 'Tỉnh Bến Tre', level: 'province' },
      { id: 'D83-829', name: 'Huyện Châu Thành', level: 'district', parentId: 'P83' },
      { id: 'C83-28756', name: 'Xã Tân Thạch', level: 'commune', parentId: 'D83-829' },
      { id: 'V83-28756-01', name: 'Ấp 1', level: 'village', parentId: 'C83-28756' },
    ],
    teams: [
      { id: 'to-huyen', orgUnitId: 'D83-829', level: 'district', establishedOn: '2023-03-01' },
      { id: 'to-xa', orgUnitId: 'C83-28756', level: 'commune', establishedOn: '2023-03-01' },
      { id: 'to-ap-1', orgUnitId: 'V83-28756-01', level: 'village', establishedOn: '2023-03-01' },
    ],
  };
}

describe('TEAM_LEVEL_MISMATCH', () => {
  it('accepts district, commune and hamlet teams each serving a unit of its level (Bến Tre)', () => {
    const r = validateDataset(benTre());
    expect(r.problems).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('a commune-level team attached to a village is an error at the team’s level, naming both levels', () => {
    const d = benTre();
    d.teams[1]!.orgUnitId = 'V83-28756-01';
    const r = validateDataset(d);
    expect(r.valid).toBe(false);
    expect(r.problems).toEqual([
      {
        code: 'TEAM_LEVEL_MISMATCH',
        severity: 'error',
        path: '/teams/1/level',
        message: {
          vi: 'Cấp "commune" của tổ khác cấp "village" của đơn vị "V83-28756-01" mà tổ phục vụ',
          en: 'Level "commune" differs from level "village" of the org unit "V83-28756-01" the team serves',
        },
        params: { level: 'commune', unitLevel: 'village', orgUnitId: 'V83-28756-01' },
      },
    ]);
  });

  it('a village team on a district is one error per team, in team order', () => {
    const d = benTre();
    d.teams[2]!.orgUnitId = 'D83-829';
    d.teams[0]!.level = 'province';
    expect(mismatches(d).map((p) => [p.path, p.params])).toEqual([
      ['/teams/0/level', { level: 'province', unitLevel: 'district', orgUnitId: 'D83-829' }],
      ['/teams/2/level', { level: 'village', unitLevel: 'district', orgUnitId: 'D83-829' }],
    ]);
  });

  it('levels come from the dataset: a two-tier dataset (after July 2025) is checked against its own levels', () => {
    const d: Writable<Dataset> = {
      levels: [{ id: 'province' }, { id: 'commune' }, { id: 'village' }],
      orgUnits: [
        { id: 'P19', name: 'Tỉnh Thái Nguyên', level: 'province' },
        { id: 'C19-1', name: 'Xã Đại Từ', level: 'commune', parentId: 'P19' },
      ],
      teams: [
        { id: 't-1', orgUnitId: 'C19-1', level: 'commune', establishedOn: '2025-07-01' },
        { id: 't-2', orgUnitId: 'C19-1', level: 'village', establishedOn: '2025-07-01' },
      ],
    };
    expect(mismatches(d).map((p) => p.path)).toEqual(['/teams/1/level']);
  });

  it('says nothing more where another problem already names the fault (unknown level, missing unit)', () => {
    const r = validateDataset(
      (() => {
        const d = benTre();
        d.teams[0]!.level = 'huyen'; // UNKNOWN_LEVEL
        d.teams[1]!.orgUnitId = 'C83-nope'; // DANGLING_REFERENCE
        d.orgUnits[3]!.level = 'ap'; // UNKNOWN_LEVEL on the unit: its team's level cannot be compared
        return d;
      })(),
    );
    expect(r.problems.map((p) => [p.code, p.path])).toEqual([
      ['UNKNOWN_LEVEL', '/orgUnits/3/level'],
      ['UNKNOWN_LEVEL', '/teams/0/level'],
      ['DANGLING_REFERENCE', '/teams/1/orgUnitId'],
    ]);
  });

  it('compares with the first unit of a repeated id, as the evaluation does', () => {
    const d = benTre();
    d.orgUnits.push({ id: 'C83-28756', name: 'Xã Tân Thạch (bản sao)', level: 'village', parentId: 'D83-829' });
    const r = validateDataset(d);
    expect(r.problems.map((p) => p.code)).toEqual(['DUPLICATE_ID']);
  });

  it('the small dataset (village and commune teams of Đại Từ) has none; both validation paths agree', () => {
    const d = smallDataset();
    d.teams[1]!.orgUnitId = 'V19-05500-02';
    expect(validateFast(d, {})).toEqual(validateSlow(d, {}));
    expect(mismatches(d).map((p) => p.path)).toEqual(['/teams/1/level']);
  });

  it('property: teams on units of their own level never mismatch; moving one team to a unit of another level is exactly one error there', () => {
    const levels = ['province', 'district', 'commune', 'village'] as const;
    const arb = fc.record({
      unitLevels: fc.array(fc.constantFrom(...levels), { minLength: 1, maxLength: 12 }),
      teamUnits: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
      moved: fc.nat(),
      to: fc.nat(),
    });
    fc.assert(
      fc.property(arb, ({ unitLevels, teamUnits, moved, to }) => {
        const orgUnits = unitLevels.map((level, i) => ({ id: `u-${i}`, name: `Đơn vị ${i}`, level }));
        const teams = teamUnits.map((n, i) => {
          const u = n % orgUnits.length;
          return { id: `t-${i}`, orgUnitId: `u-${u}`, level: orgUnits[u]!.level, establishedOn: '2024-01-01' };
        });
        const d = { orgUnits, teams };
        expect(mismatches(d)).toEqual([]);
        const t = moved % teams.length;
        const target = to % orgUnits.length;
        teams[t] = { ...teams[t]!, orgUnitId: `u-${target}` };
        const found = mismatches(d);
        if (orgUnits[target]!.level === teams[t]!.level) expect(found).toEqual([]);
        else expect(found.map((p) => p.path)).toEqual([`/teams/${t}/level`]);
        expect(validateFast(d, {})).toEqual(validateSlow(d, {}));
        // Called on its own (no unit map from the validator), the check finds the same.
        const direct: Problem[] = [];
        checkTeamLevels(d, (p) => direct.push(p));
        expect(direct).toEqual(found);
      }),
      { numRuns: 300 },
    );
  });
});
