/**
 * thai-nguyen-2025 gives proportional credit for the 70% target by default (cnscd's choice). The plan's own
 * reading — the milestone is met or it is not — is one parameter away: set `onlinePublicServicesFloor`
 * to the milestone schedule. This is the recipe of the preset's README, checked by hand on the
 * `coverage-just-below-target` case.
 */
import type { CriteriaSet } from '@cnscd/core';
import { expect, it } from 'vitest';
import { getPreset, presetCases, runCase, type GoldenCase } from '../src/index.js';

it("the plan's met/not-met reading: 69.9% scores 0, exactly 70% scores 20", async () => {
  const base = getPreset('thai-nguyen-2025');
  const milestone = base.parameters?.['onlinePublicServicesMilestone'];
  expect(milestone?.schedule).toBeDefined();
  const yesNo: CriteriaSet = {
    id: 'thai-nguyen-2025-yes-no',
    version: '1.0.0',
    title: { vi: 'Thái Nguyên, đọc mục tiêu theo đạt/không đạt', en: 'Thái Nguyên, met/not-met reading of the target' },
    extends: { id: 'thai-nguyen-2025', version: '^2' },
    parameters: { onlinePublicServicesFloor: { schedule: milestone!.schedule! } },
  };
  const source = presetCases('thai-nguyen-2025').find((c) => c.name === 'coverage-just-below-target');
  expect(source).toBeDefined();
  // By hand: team-xom-6 has 699/1000 = 0.699 < floor 0.70 → 0 (failed); the rest as in the case:
  // 15+10+10+18+15+15+0+10 = 93 of 125 → 74.4% → kha. team-xom-7: 0.70 is not below the floor 0.70 →
  // min(0.70/0.70, 1) × 20 = 20 (passed); 15+10+10+6+15+15+20+0 = 91 of 125 → 72.8% → kha.
  const c: GoldenCase = {
    description: { vi: 'Đạt/không đạt', en: 'Met/not met' },
    period: source!.period,
    dataset: source!.dataset,
    expected: {
      subjects: [
        {
          id: 'team-xom-6',
          score: 93,
          maxScore: 125,
          percent: 74.4,
          rating: 'kha',
          criteria: { 'online-public-services-coverage': { points: 0, status: 'failed' } },
        },
        {
          id: 'team-xom-7',
          score: 91,
          maxScore: 125,
          percent: 72.8,
          rating: 'kha',
          criteria: { 'online-public-services-coverage': { points: 20, status: 'passed' } },
        },
      ],
    },
  };
  expect(await runCase(yesNo, c)).toEqual([]);
});
