/**
 * national-2025-targets scores communes; its README's recipe scores provinces by extending it with another
 * subject. Checked by hand on the `targets-on-the-line` case, whose province has no figures of its own.
 */
import type { CriteriaSet } from '@cnscd/core';
import { expect, it } from 'vitest';
import { presetCases, runCase, type GoldenCase } from '../src/index.js';

it('the province recipe: figures summed over communes before dividing', async () => {
  const provinces: CriteriaSet = {
    id: 'national-2025-targets-provinces',
    version: '1.0.0',
    title: { vi: 'Chỉ tiêu xã hội số 2025, cấp tỉnh', en: 'Digital-society targets for 2025, provinces' },
    extends: { id: 'national-2025-targets', version: '^1' },
    subject: { kind: 'orgUnit', level: 'province' },
  };
  const source = presetCases('national-2025-targets').find((c) => c.name === 'targets-on-the-line');
  expect(source).toBeDefined();
  // By hand, tinh-x = xa-a + xa-b: smartphone (800 + 790) / 2,000 = 0.795 < 0.80 → 0; payment
  // (1,200 + 850) / (1,500 + 1,000) = 0.82 ≥ 0.80 → 10; skills (701 + 700) / 2,000 = 0.7005 > 0.70 → 10.
  // 20 of 30 → 66.666…% → dat-mot-phan.
  const c: GoldenCase = {
    description: { vi: 'Cấp tỉnh', en: 'Province level' },
    period: source!.period,
    dataset: source!.dataset,
    expected: {
      subjects: [
        {
          id: 'tinh-x',
          score: 20,
          maxScore: 30,
          percent: 200 / 3,
          rating: 'dat-mot-phan',
          criteria: {
            'adults-with-smartphone': { points: 0, status: 'failed' },
            'payment-account-15-plus': { points: 10, status: 'passed' },
            'basic-digital-skills-working-age': { points: 10, status: 'passed' },
          },
        },
      ],
    },
  };
  expect(await runCase(provinces, c)).toEqual([]);
});
