import { describe, expect, it } from 'vitest';
import { withNationalReform } from '../../../bench/national-reform.js';
import { benchCriteriaSet } from '../../../bench/criteria.js';
import { generateNational } from '../../../bench/national.js';
import { evaluateSync } from '../src/index.js';
import { validateDataset } from '../src/model/validate.js';

/** The national network given the 2025 reform in lineage, as `npm run bench` measures it (placementOverheadRatio). */
describe("the benchmark's national reform", () => {
  it("is valid, places every team as of the end of 2025 and keeps each province's teams", () => {
    const plain = generateNational({ shape: '63', seed: 20250701, scale: 0.01 });
    const reformed = withNationalReform(plain, 3);
    expect(validateDataset(reformed).problems.filter((p) => p.severity === 'error')).toEqual([]);
    const options = { period: '2025-01..2025-12', explain: false } as const;
    const before = evaluateSync(plain, benchCriteriaSet, options).rollup!;
    const after = evaluateSync(reformed, benchCriteriaSet, options);
    expect(after.rollup!.unplaced).toBeUndefined();
    expect(after.problems.filter((p) => p.code === 'TEAM_UNPLACED')).toEqual([]);
    const provinces = (r: typeof before) => r.units.filter((u) => u.level === 'province').map((u) => [u.orgUnitId, u.teams, u.members]);
    expect(provinces(after.rollup!)).toEqual(provinces(before));
    // No district is left; the communes are the new ones: a third of each province's, rounded up.
    expect(after.rollup!.units.some((u) => u.level === 'district')).toBe(false);
    const perProvince = before.units.filter((u) => u.level === 'province').map((u) => u.units['commune']?.total ?? 0);
    expect(after.rollup!.units.filter((u) => u.level === 'commune')).toHaveLength(perProvince.reduce((s, n) => s + Math.ceil(n / 3), 0));
  });
});

describe("the benchmark's same-shape reform (placementOverheadRatio)", () => {
  it("gives the same roll-up as without lineage but for the communes' new ids", () => {
    const plain = generateNational({ shape: '63', seed: 20250701, scale: 0.01 });
    const reformed = withNationalReform(plain, 1);
    expect(validateDataset(reformed).problems.filter((p) => p.severity === 'error')).toEqual([]);
    const options = { period: '2025-01..2025-12', explain: false } as const;
    const strip = (id: string | null) => (id === null ? null : id.replace(/-N$/, ''));
    const view = (d: typeof plain) =>
      evaluateSync(d, benchCriteriaSet, options).rollup!.units.map((u) => ({
        id: strip(u.orgUnitId),
        parentId: strip(u.parentId),
        teams: u.teams,
        members: u.members,
        scored: u.scored,
        meanScore: u.meanScore,
      }));
    expect(view(reformed)).toEqual(view(plain));
  });
});
