import { describe, expect, it } from 'vitest';
import { CnscdError, isCalendarDate, parsePeriod, resolveAsOf } from '../src/index.js';

describe('parsePeriod', () => {
  it('reads a range, a month and a year', () => {
    expect(parsePeriod('2025-01..2025-06')).toEqual({ from: '2025-01', to: '2025-06' });
    expect(parsePeriod('2025-06')).toEqual({ from: '2025-06', to: '2025-06' });
    expect(parsePeriod('2025')).toEqual({ from: '2025-01', to: '2025-12' });
    expect(parsePeriod({ from: '2024-07', to: '2025-06' })).toEqual({ from: '2024-07', to: '2025-06' });
  });

  it('rejects a malformed or reversed period with INVALID_PERIOD', () => {
    for (const bad of ['2025-13', '2025-06..2025-01', '25', '', { from: '2025-01' }]) {
      expect(() => parsePeriod(bad as never)).toThrow(expect.objectContaining({ code: 'INVALID_PERIOD' }) as unknown as Error);
    }
  });
});

describe('resolveAsOf', () => {
  it('is the last day of the period, leap years included', () => {
    expect(resolveAsOf(parsePeriod('2025'))).toBe('2025-12-31');
    expect(resolveAsOf(parsePeriod('2024-01..2024-02'))).toBe('2024-02-29');
    expect(resolveAsOf(parsePeriod('2100-02'))).toBe('2100-02-28'); // divisible by 100: not a leap year
    expect(resolveAsOf(parsePeriod('2000-02'))).toBe('2000-02-29'); // divisible by 400: a leap year
    expect(resolveAsOf(parsePeriod('2025-04'))).toBe('2025-04-30');
  });

  it('returns an explicit date, and rejects one that is not a real date', () => {
    expect(resolveAsOf(parsePeriod('2025'), '2025-06-30')).toBe('2025-06-30');
    expect(() => resolveAsOf(parsePeriod('2025'), '2025-02-29')).toThrow(CnscdError);
    expect(() => resolveAsOf(parsePeriod('2025'), '30/06/2025')).toThrow(expect.objectContaining({ code: 'INVALID_PERIOD' }) as unknown as Error);
  });
});

describe('isCalendarDate', () => {
  it('accepts real YYYY-MM-DD dates, leap days and years below 100 included', () => {
    for (const d of ['2025-01-31', '2024-02-29', '2000-02-29', '0050-06-15', '0000-01-01', '9999-12-31']) expect(isCalendarDate(d), d).toBe(true);
  });

  it('rejects impossible days, other shapes and non-strings', () => {
    for (const d of [
      '2025-02-29',
      '2100-02-29',
      '2025-04-31',
      '2025-13-01',
      '2025-00-10',
      '2025-06-00',
      '2025-6-30',
      '20250630',
      ' 2025-06-30',
      '2025-06-30T00:00',
      '',
      20250630,
      null,
      undefined,
    ]) {
      expect(isCalendarDate(d), String(d)).toBe(false);
    }
  });
});
