/**
 * The string patterns of the wire formats, written once: the dataset and criteria-set schemas, the
 * validators (and their hand-written fast path), the date helpers and the server's route schemas all use
 * these. Each is a JSON Schema `pattern` (an ECMAScript regex source, anchored).
 *
 * @example
 * ```ts
 * import { DATE_PATTERN, MONTH_PATTERN } from '@cnscd/core';
 * new RegExp(DATE_PATTERN).test('2025-07-01'); // true (the shape only: 2025-02-30 matches too)
 * new RegExp(MONTH_PATTERN).test('2025-13'); // false
 * ```
 */

const YEAR = '[0-9]{4}';
const MONTH = '(0[1-9]|1[0-2])';
const DAY = '(0[1-9]|[12][0-9]|3[01])';

/**
 * Opaque record ids: org units, teams, members, levels, courses; 1–64 characters. The length is part of
 * the pattern rather than `maxLength` because ajv counts `maxLength` in code points with a per-character
 * loop, which is measurable over a million ids.
 */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$';
/**
 * Metric and ratio ids. Stricter than record ids because criteria reach them through dotted fact paths
 * (`metrics.householdsVisited`); the plugin registry applies the same rule to plugin metrics. 1–64 characters.
 */
export const METRIC_ID_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,63}$';
/** `YYYY-MM-DD`; the shape only — impossible days such as 2025-02-30 are reported by the integrity checks. */
export const DATE_PATTERN = `^${YEAR}-${MONTH}-${DAY}$`;
/** `YYYY-MM`. */
export const MONTH_PATTERN = `^${YEAR}-${MONTH}$`;
/** `YYYY` or `YYYY-MM`: the period of an indicator row. */
export const PERIOD_PATTERN = `^${YEAR}(-${MONTH})?$`;
/** `YYYY`, `YYYY-MM` or `YYYY-MM..YYYY-MM`: the period an evaluation is asked for. */
export const PERIOD_RANGE_PATTERN = `^${YEAR}(-${MONTH}(\\.\\.${YEAR}-${MONTH})?)?$`;

/** What each shared pattern is, for messages that say "a date YYYY-MM-DD" rather than a regex. */
export type PatternKind = 'id' | 'metricId' | 'date' | 'month' | 'period' | 'periodRange';

/** The kind of each shared pattern, by its source. */
export const PATTERN_KINDS: ReadonlyMap<string, PatternKind> = new Map<string, PatternKind>([
  [ID_PATTERN, 'id'],
  [METRIC_ID_PATTERN, 'metricId'],
  [DATE_PATTERN, 'date'],
  [MONTH_PATTERN, 'month'],
  [PERIOD_PATTERN, 'period'],
  [PERIOD_RANGE_PATTERN, 'periodRange'],
]);
