/**
 * Numbers, shares, yes/no and dates as each language writes them (messages/format.ts), the labels that
 * replace identifiers (messages/labels.ts), worked examples checked by hand and a property against decimal4.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatBoolean,
  formatDate,
  formatMonth,
  formatNumber,
  formatPercent,
  formatPeriod,
  levelLabel,
  render,
  REASONS,
  STATUS_LABELS,
} from '../src/index.js';
import { decimal4 } from '../src/internal/numbers.js';

describe('formatNumber', () => {
  it('writes the glossary examples', () => {
    expect(formatNumber(12131, 'vi')).toBe('12.131');
    expect(formatNumber(12131, 'en')).toBe('12,131');
    expect(formatNumber(1.35, 'vi')).toBe('1,35');
    expect(formatNumber(1.35, 'en')).toBe('1.35');
    expect(formatNumber(19.971428571, 'vi')).toBe('19,9714');
    expect(formatNumber(-1234567.5, 'vi')).toBe('-1.234.567,5');
    expect(formatNumber(-1234567.5, 'en')).toBe('-1,234,567.5');
    expect(formatNumber(999, 'vi')).toBe('999');
    expect(formatNumber(1000, 'vi')).toBe('1.000');
    expect(formatNumber(0, 'vi')).toBe('0');
  });

  it('reads back as decimal4 once the separators are undone (any double)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e14, max: 1e14 }), (x) => {
        const plain = Number.isInteger(x) ? String(x) : decimal4(x);
        expect(formatNumber(x, 'vi').replace(/\./g, '').replace(',', '.')).toBe(plain);
        expect(formatNumber(x, 'en').replace(/,/g, '')).toBe(plain);
        // Thousands groups of three digits, the first of one to three.
        expect(formatNumber(x, 'vi')).toMatch(/^-?\d{1,3}(\.\d{3})*(,\d+)?$/);
      }),
      { numRuns: 2000, seed: 16 },
    );
  });
});

describe('formatPercent, formatBoolean, dates', () => {
  it('writes shares as percentages to two decimals', () => {
    expect(formatPercent(0.699, 'vi')).toBe('69,9%');
    expect(formatPercent(0.7, 'vi')).toBe('70%');
    expect(formatPercent(0.41666666, 'vi')).toBe('41,67%');
    expect(formatPercent(0.41666666, 'en')).toBe('41.67%');
    expect(formatPercent(1, 'en')).toBe('100%');
    expect(formatPercent(12.5, 'vi')).toBe('1.250%');
  });

  it('yes/no, dates and periods', () => {
    expect([formatBoolean(true, 'vi'), formatBoolean(false, 'vi'), formatBoolean(true, 'en')]).toEqual(['có', 'không', 'yes']);
    expect(formatDate('2025-07-01', 'vi')).toBe('01/07/2025');
    expect(formatDate('2025-07-01', 'en')).toBe('2025-07-01');
    expect(formatMonth('2025-03', 'vi')).toBe('03/2025');
    expect(formatPeriod({ from: '2025-01', to: '2025-12' }, 'vi')).toBe('01/2025–12/2025');
    expect(formatPeriod({ from: '2025-04', to: '2025-04' }, 'vi')).toBe('04/2025');
  });
});

describe('labels', () => {
  it('names levels as the hierarchy in force on the date names them', () => {
    expect(levelLabel('commune', '2025-06-30')?.vi).toBe('Xã/Phường/Thị trấn');
    expect(levelLabel('commune', '2025-07-01')?.vi).toBe('Xã/Phường/Đặc khu');
    expect(levelLabel('commune')?.vi).toBe('Xã/Phường/Thị trấn/Đặc khu');
    expect(levelLabel('village', '2026-01-01')?.vi).toBe('Thôn/Xóm/Ấp/Bản/Tổ dân phố/Khu phố');
    expect(levelLabel('district', '2026-01-01')?.vi).toBe('Huyện/Quận/Thị xã/Thành phố thuộc tỉnh');
    expect(levelLabel('village', '2026-01-01', [{ id: 'village', label: { vi: 'Bản', en: 'Upland village' } }])?.vi).toBe('Bản');
    expect(levelLabel('hamlet', '2026-01-01')).toBeUndefined();
  });

  it('never calls a not-applicable criterion failed, and says partly met', () => {
    expect(STATUS_LABELS['not-applicable'].vi).toBe('Không áp dụng');
    expect(STATUS_LABELS.partial).toEqual({ vi: 'Đạt một phần', en: 'Partly met' });
    const na = render(REASONS, 'verdict', { status: 'not-applicable' });
    expect(na.vi).not.toMatch(/đạt/i);
    expect(render(REASONS, 'noData', { name: { vi: 'Dân số', en: 'Population' } })).toEqual({
      vi: 'Chưa đạt: không có số liệu Dân số',
      en: 'Not met: no data for Population',
    });
  });
});
