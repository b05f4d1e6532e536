import { defineMetric, defineRatio } from '@cnscd/core';

/**
 * Accounts on Hue-S (Thừa Thiên Huế's citizen app) that a team helped residents create in a month. An
 * activity metric of the fifth basic task (other digital platforms chosen by the locality): reports may
 * carry it, it is summed over months and up the hierarchy, and the core `activity` and `tasks` facts pick
 * it up (`activity.hueSAccounts`, and it counts towards `tasks.localPlatforms`).
 *
 * @example
 * ```json
 * { "teamId": "to-thon-1", "month": "2025-03", "metrics": { "hueSAccounts": 14 } }
 * ```
 */
export const hueSAccounts = defineMetric({
  id: 'hueSAccounts',
  kind: 'activity',
  task: 'localPlatforms',
  unit: 'accounts',
  overTime: 'sum',
  upHierarchy: 'sum',
  label: { vi: 'Tài khoản Hue-S được tạo', en: 'Hue-S accounts created' },
});

/**
 * Residents of an area who use Hue-S: an area indicator (the latest value in the period; a unit without
 * its own figure gets the sum of its children's).
 *
 * @example
 * ```json
 * { "orgUnitId": "thon-1", "period": "2025-12", "metrics": { "hueSResidents": 420, "population": 600 } }
 * ```
 */
export const hueSResidents = defineMetric({
  id: 'hueSResidents',
  kind: 'area',
  unit: 'people',
  overTime: 'last',
  upHierarchy: 'sum',
  label: { vi: 'Người dân sử dụng Hue-S', en: 'Residents using Hue-S' },
});

/**
 * Hue-S adoption: `hueSResidents / population`. A plugin ratio joins the core `coverage` fact
 * (`coverage.hueSAdoption`) and the roll-ups, where it is a ratio of sums, never a mean of ratios.
 *
 * @example
 * ```json
 * { "type": "ratio", "fact": "coverage", "path": "hueSAdoption", "target": 0.6 }
 * ```
 */
export const hueSAdoption = defineRatio({
  id: 'hueSAdoption',
  numerator: 'hueSResidents',
  denominator: 'population',
  label: { vi: 'Tỷ lệ người dân sử dụng Hue-S', en: 'Share of residents using Hue-S' },
});
