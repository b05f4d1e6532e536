import { CnscdError } from '../errors.js';
import { endOfMonth, isDate, isMonth } from '../internal/dates.js';
import type { Period } from '../plugin/types.js';

/**
 * Parse an evaluation period: `"2025-01..2025-12"`, a single month `"2025-06"`, a year `"2025"`, or
 * `{from, to}`. Throws `CnscdError('INVALID_PERIOD')` when malformed or reversed.
 *
 * @example
 * ```ts
 * parsePeriod('2025-01..2025-06'); // { from: '2025-01', to: '2025-06' }
 * parsePeriod('2025');             // { from: '2025-01', to: '2025-12' }
 * ```
 */
export function parsePeriod(input: Period | string): Period {
  let from: unknown;
  let to: unknown;
  if (typeof input === 'string') {
    const text = input.trim();
    if (/^\d{4}$/.test(text)) {
      from = `${text}-01`;
      to = `${text}-12`;
    } else if (text.includes('..')) {
      [from, to] = text.split('..', 2);
    } else {
      from = to = text;
    }
  } else if (input !== null && typeof input === 'object') {
    ({ from, to } = input);
  }
  if (typeof from !== 'string' || typeof to !== 'string' || !isMonth(from) || !isMonth(to)) {
    throw new CnscdError(
      'INVALID_PERIOD',
      `Period ${JSON.stringify(input)} is not "YYYY-MM..YYYY-MM", "YYYY-MM", "YYYY" or {from, to} with YYYY-MM months.`,
    );
  }
  if (to < from) throw new CnscdError('INVALID_PERIOD', `Period ends (${to}) before it starts (${from}).`);
  return { from, to };
}

/**
 * The evaluation date of a period: `asOf` when given (throws `CnscdError('INVALID_PERIOD')` unless it is a
 * real `YYYY-MM-DD` date), else the period's last day. This is the date a preset version is picked for
 * and parameters are resolved at.
 *
 * @example
 * ```ts
 * resolveAsOf(parsePeriod('2024-01..2024-02'));               // '2024-02-29'
 * resolveAsOf(parsePeriod('2025'), '2025-06-30');             // '2025-06-30'
 * ```
 */
export function resolveAsOf(period: Period, asOf?: string): string {
  if (asOf === undefined) return endOfMonth(period.to);
  if (!isDate(asOf)) throw new CnscdError('INVALID_PERIOD', `asOf ${JSON.stringify(asOf)} is not a YYYY-MM-DD date.`);
  return asOf;
}

/**
 * True for a real calendar date written `YYYY-MM-DD` (years 0000–9999): the dates `asOf` accepts. No
 * `Date` objects, so the answer never depends on the machine's time zone or on `Date`'s two-digit years.
 *
 * @example
 * ```ts
 * isCalendarDate('2024-02-29'); // true
 * isCalendarDate('2025-02-29'); // false: 2025 is not a leap year
 * isCalendarDate('2025-6-30');  // false: not YYYY-MM-DD
 * ```
 */
export function isCalendarDate(s: unknown): boolean {
  return typeof s === 'string' && isDate(s);
}
