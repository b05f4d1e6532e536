/** The registry API: lookup by id, version and date, resolution through `extends`, the generated index. */
import { CnscdError, evaluate, type CriteriaSet } from '@cnscd/core';
import { describe, expect, it } from 'vitest';
import { getPreset, listPresets, presetCases, presetInForce, resolveBase, resolvePreset, runCase, type GoldenCase } from '../src/index.js';
import { generatedIsCurrent } from '../scripts/generate.js';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof CnscdError ? e.code : `not a CnscdError: ${String(e)}`;
  }
  return undefined;
};

it('src/generated.ts is up to date with presets/ (run `npm run generate -w @cnscd/criteria-presets`)', () => {
  expect(generatedIsCurrent()).toBe(true);
});

describe('getPreset', () => {
  it('returns the raw set, extends unresolved', () => {
    const set = getPreset('national-2024');
    expect(set.extends).toEqual({ id: 'national-2023', version: '^2.0.0' });
    expect(set.criteria?.map((c) => c.id)).toEqual(['households-five-skills']);
  });

  it('selects by version range and by date', () => {
    expect(getPreset('national-2023', { version: '^2' }).version).toBe('2.0.0');
    expect(getPreset('national-2023', { version: '2.0.0', asOf: '2023-12-31' }).id).toBe('national-2023');
  });

  it('throws PRESET_NOT_FOUND for an unknown id, an unmatched range, or a date outside the effective dates', () => {
    expect(code(() => getPreset('hanoi-2030'))).toBe('PRESET_NOT_FOUND');
    expect(code(() => getPreset('national-2023', { version: '^1' }))).toBe('PRESET_NOT_FOUND'); // 1.x is no longer shipped
    expect(code(() => getPreset('national-2023', { asOf: '2025-01-01' }))).toBe('PRESET_NOT_FOUND');
    expect(code(() => presetCases('hanoi-2030'))).toBe('PRESET_NOT_FOUND');
  });
});

describe('presetInForce', () => {
  it('returns the version in force, or undefined', () => {
    expect(presetInForce('national-2023', '2024-08-07')?.version).toBe('2.0.0');
    expect(presetInForce('national-2023', '2024-08-08')).toBeUndefined();
    expect(presetInForce('national-2024', '2024-08-08')?.id).toBe('national-2024');
    expect(presetInForce('thai-nguyen-2025', '2022-04-30')).toBeUndefined();
    expect(presetInForce('nowhere', '2025-01-01')).toBeUndefined();
  });
});

describe('resolveBase', () => {
  it('finds the newest version satisfying a range', () => {
    expect(resolveBase('national-2023')?.version).toBe('2.0.0');
    expect(resolveBase('national-2023', '^2.0.0')?.id).toBe('national-2023');
    expect(resolveBase('national-2023', '>=3')).toBeUndefined();
    expect(resolveBase('unknown')).toBeUndefined();
  });
});

describe('resolvePreset', () => {
  it('national-2024 = national-2023 + the household criterion', () => {
    const set = resolvePreset('national-2024');
    expect(set.lineage).toEqual(['national-2023@2.0.0', 'national-2024@2.0.0']);
    expect(set.criteria).toHaveLength(12);
    expect(set.totalPoints).toBe(120);
    expect(set.subject).toEqual({ kind: 'team' });
    expect(set.ratings.map((r) => r.id)).toEqual(['xuat-sac', 'tot', 'kha', 'trung-binh', 'yeu']);
    // sources: the base's then the child's, a document number only once
    expect(set.sources.map((s) => s.number)).toEqual([
      '793/BTTTT-THH',
      'Đánh giá thí điểm của Bộ TT&TT (2023)',
      '2251/BTTTT-CĐSQG',
      '3240/BTTTT-CĐSQG',
    ]);
  });

  it('thai-nguyen-2025 drops core-youth-union and core-digital-business, replaces size and core, and overrides the size parameters', () => {
    const set = resolvePreset('thai-nguyen-2025');
    const ids = set.criteria.map((c) => c.id);
    expect(ids).not.toContain('core-youth-union');
    expect(ids).not.toContain('core-digital-business');
    expect(ids).not.toContain('online-group');
    expect(ids).toContain('core-mass-organisations');
    expect(set.criteria.find((c) => c.id === 'team-size')?.title.en).toBe('Team of 2 to 5 members');
    expect(set.parameters['minMembers']?.value).toBe(2);
    expect(set.parameters['maxMembers']?.value).toBe(5);
    expect(set.totalPoints).toBe(125);
  });
});

describe('listPresets', () => {
  it('reports the inherited subject of presets that extend another', () => {
    const byId = new Map(listPresets().map((p) => [p.id, p]));
    expect(byId.get('thai-nguyen-2025')?.subject).toEqual({ kind: 'team' });
    expect(byId.get('thai-nguyen-2025')?.extends?.id).toBe('national-2023');
    expect(byId.get('dti-team-density')?.subject).toEqual({ kind: 'orgUnit', level: 'commune' });
    expect(byId.get('ben-tre-2023')?.subject).toEqual({ kind: 'team', levels: ['district', 'commune', 'village'] });
    for (const p of listPresets()) expect(p.cases).toBeGreaterThanOrEqual(3);
  });
});

describe('extending a preset with another subject (the README recipe for provinces)', () => {
  it('dti-team-density scored for provinces: members and population summed over communes', async () => {
    const provinces: CriteriaSet = {
      id: 'dti-team-density-provinces',
      version: '1.0.0',
      title: { vi: 'Mật độ thành viên tổ CNSCĐ, cấp tỉnh', en: 'Team members per 100 residents, provinces' },
      extends: { id: 'dti-team-density', version: '^2' },
      subject: { kind: 'orgUnit', level: 'province' },
    };
    const communes = presetCases('dti-team-density').find((c) => c.name === 'two-communes');
    expect(communes).toBeDefined();
    // By hand: tinh-x has no population row → 400 + 300 = 700; members 6 + 4 + 4 + 15 = 29;
    // 29 / 700 × 100 = 4.142857… → 4.142857… / 5 = 0.828571… → × 9 = 7.457142… = 261/35 points; 4.14 > 5? no →
    // above-target 0 → 7.457142… of 10 → 74.571…% ≥ 72 → gan-dat.
    const goldenCase: GoldenCase = {
      description: { vi: 'Cấp tỉnh', en: 'Province level' },
      period: communes!.period,
      dataset: communes!.dataset,
      expected: {
        subjects: [
          {
            id: 'tinh-x',
            score: 261 / 35,
            maxScore: 10,
            percent: 2610 / 35,
            rating: 'gan-dat',
            criteria: {
              'members-per-100-residents': { points: 261 / 35, status: 'partial' },
              'members-per-100-residents-above-target': { points: 0, status: 'failed' },
            },
          },
        ],
      },
    };
    expect(await runCase(provinces, goldenCase)).toEqual([]);
    const result = await evaluate(communes!.dataset, provinces, { period: '2025', resolveBase, rollup: false });
    expect(result.criteriaSet.lineage).toEqual(['dti-team-density@2.0.0', 'dti-team-density-provinces@1.0.0']);
  });
});

describe('runCase', () => {
  it('reports an invalid criteria set as one difference instead of throwing', async () => {
    const broken = { ...getPreset('national-2023'), ratings: [] } as CriteriaSet;
    const diffs = await runCase(broken, presetCases('national-2023')[0]!);
    expect(diffs).toHaveLength(1);
    expect(diffs[0]?.actual).toBe('CRITERIA_SET_INVALID');
  });

  it('throws INVALID_ARGUMENT for something that is not a case', async () => {
    await expect(runCase(getPreset('national-2023'), {} as GoldenCase)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
