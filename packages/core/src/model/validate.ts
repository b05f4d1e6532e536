/** Dataset validation moved to `dataset/validate/` (by stage); this path keeps working for importers. */
export * from '../dataset/validate/index.js';
export { isDateString, isIdString, isMetricIdString, isMonthString, isPeriodString } from '../dataset/validate/fast-path.js';
export { isRealDate } from '../dataset/validate/integrity/keys.js';
