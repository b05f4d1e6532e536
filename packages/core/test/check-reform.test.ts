import { describe, expect, it } from 'vitest';
import { buildReformDataset, type Merges, type UnitNode } from '../../../bench/reform-lineage.js';
import { applyLineage } from '../src/dataset/lineage.js';
import { DatasetIndex } from '../src/evaluate/indexer.js';
import { parsePeriod } from '../src/evaluate/period.js';
import { validateDataset } from '../src/model/validate.js';
import { rollup } from '../src/rollup/rollup.js';

/** A hand-made miniature of ../shared/data/: two provinces, three districts, seven communes, merged into one province of three communes. */
const UNITS: UnitNode[] = [
  [
    '83',
    'Bến Tre',
    'Tỉnh',
    'Ben Tre',
    [
      [
        '829',
        'Thành phố Bến Tre',
        'Thành phố',
        'Ben Tre',
        [
          ['28756', 'Phường Phú Khương', 'Phường', ''],
          ['28757', 'Phường 8', 'Phường', ''],
          ['28758', 'Xã Sơn Đông', 'Xã', ''],
        ],
      ],
      [
        '831',
        'Châu Thành',
        'Huyện',
        'Chau Thanh',
        [
          ['28800', 'Thị trấn Châu Thành', 'Thị trấn', ''],
          ['28801', 'Xã Tam Phước', 'Xã', ''],
        ],
      ],
    ],
  ],
  [
    '86',
    'Vĩnh Long',
    'Tỉnh',
    'Vinh Long',
    [
      [
        '855',
        'Long Hồ',
        'Huyện',
        'Long Ho',
        [
          ['29600', 'Thị trấn Long Hồ', 'Thị trấn', ''],
          ['29601', 'Xã Phú Quới', 'Xã', ''],
        ],
      ],
    ],
  ],
];
const MERGES: Merges = {
  data: [
    {
      level1_id: '86',
      name: 'Tỉnh Vĩnh Long',
      merges: [
        { old_id: '83', type: 'full' },
        { old_id: '86', type: 'full' },
      ],
      level2s: [
        {
          level2_id: '28756',
          name: 'Phường An Hội',
          merges: [
            { old_id: '28756', type: 'full' },
            { old_id: '28757', type: 'full' },
            { old_id: '28758', type: 'partial' },
          ],
        },
        {
          level2_id: '28800',
          name: 'Xã Châu Thành',
          merges: [
            { old_id: '28800', type: 'full' },
            { old_id: '28801', type: 'full' },
            { old_id: '28758', type: 'partial' },
          ],
        },
        {
          level2_id: '29600',
          name: 'Xã Long Hồ',
          merges: [
            { old_id: '29600', type: 'full' },
            { old_id: '29601', type: 'full' },
          ],
        },
      ],
    },
  ],
};

describe('check:reform on a miniature of the real files', () => {
  it('builds a valid dataset with lineage and places every team or says it cannot', () => {
    const built = buildReformDataset(UNITS, MERGES);
    expect([built.oldCommunes, built.newCommunes, built.unknownRows]).toEqual([7, 3, 0]);
    expect(validateDataset(built.dataset).problems).toEqual([]);
    const period = parsePeriod('2025');
    const before = rollup(new DatasetIndex(built.dataset, period, '2025-03-01'), [], []);
    expect(before.units.filter((u) => u.parentId === null).map((u) => [u.orgUnitId, u.teams])).toEqual([
      ['o-83', 5],
      ['o-86', 2],
    ]);
    const after = rollup(new DatasetIndex(built.dataset, period, '2026-01-01'), [], []);
    expect(after.units.filter((u) => u.parentId === null).map((u) => [u.orgUnitId, u.teams])).toEqual([['n-86', 6]]);
    expect(after.units.find((u) => u.orgUnitId === 'n-28756')!.teams).toBe(2);
    // Sơn Đông was split between two new communes: its team is unplaced, at the commune level.
    expect(after.unplaced).toEqual([expect.objectContaining({ orgUnitId: 'o-28758', level: 'commune', teams: 1, teamIds: ['T-28758'] })]);
  });

  it('applyLineage: rows to successors and dates, unknown ids reported, continuing units untouched', () => {
    const units = [
      { id: 'C1', name: 'Xã 1', level: 'commune' },
      { id: 'C2', name: 'Xã 2', level: 'commune' },
      { id: 'N1', name: 'Xã mới', level: 'commune' },
    ];
    const { orgUnits, unknown } = applyLineage(units, [
      { old_id: 'C1', new_id: 'N1', part: 'full', effective: '2025-07-01' },
      { old_id: 'C2', new_id: 'N1', part: 'partial', effective: '2025-03-01', share: 0.5 },
      { old_id: 'C2', new_id: 'X9', part: 'partial', effective: '2025-07-01' },
      { old_id: 'N1', new_id: 'N1', part: 'full', effective: '2025-07-01' },
    ]);
    expect(orgUnits[0]).toEqual({ id: 'C1', name: 'Xã 1', level: 'commune', successors: [{ id: 'N1', part: 'full' }], validTo: '2025-06-30' });
    expect(orgUnits[1]).toMatchObject({ validTo: '2025-02-28', successors: [{ id: 'N1', part: 'partial', share: 0.5 }] });
    expect(orgUnits[2]).toEqual({ id: 'N1', name: 'Xã mới', level: 'commune', validFrom: '2025-07-01' });
    expect(unknown).toEqual([2]);
  });
});
