/** Date helpers on ISO strings; no Date objects so that results never depend on the machine's time zone. */

import { DATE_PATTERN, MONTH_PATTERN } from '../model/patterns.js';

const MONTH_RE = new RegExp(MONTH_PATTERN);
const DATE_RE = new RegExp(DATE_PATTERN);

export function isMonth(s: string): boolean {
  return MONTH_RE.test(s);
}

/** True for a real calendar date (rejects 2025-02-30). */
export function isDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  return Number(s.slice(8, 10)) <= daysInMonth(Number(s.slice(0, 4)), Number(s.slice(5, 7)));
}

export function daysInMonth(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** `YYYY-MM` → months since year 0, for arithmetic. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function monthFromIndex(i: number): string {
  const y = Math.floor(i / 12);
  const m = (i % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** The month of a date or month string. */
export function monthOf(dateOrMonth: string): string {
  return dateOrMonth.slice(0, 7);
}

/** The last day of a month, `YYYY-MM-DD`. */
export function endOfMonth(month: string): string {
  return `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;
}

/** Whole months from `from` to `to` (dates), 0 if `to` is earlier. */
export function wholeMonthsBetween(from: string, to: string): number {
  if (to < from) return 0;
  let months = monthIndex(monthOf(to)) - monthIndex(monthOf(from));
  if (Number(to.slice(8, 10)) < Number(from.slice(8, 10))) months -= 1;
  return Math.max(0, months);
}

/** The day after a real calendar date, `YYYY-MM-DD`. */
export function nextDay(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (d < daysInMonth(y, m)) return `${date.slice(0, 8)}${String(d + 1).padStart(2, '0')}`;
  if (m < 12) return `${date.slice(0, 5)}${String(m + 1).padStart(2, '0')}-01`;
  return `${String(y + 1).padStart(4, '0')}-01-01`;
}

/** The day before a real calendar date, `YYYY-MM-DD`. */
export function previousDay(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (d > 1) return `${date.slice(0, 8)}${String(d - 1).padStart(2, '0')}`;
  if (m > 1) return `${date.slice(0, 5)}${String(m - 1).padStart(2, '0')}-${daysInMonth(y, m - 1)}`;
  return `${String(y - 1).padStart(4, '0')}-12-31`;
}
