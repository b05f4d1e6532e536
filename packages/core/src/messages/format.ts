/**
 * Numbers, shares, yes/no and dates as a reader of each language writes them (docs/glossary.md, "Numbers"):
 * Vietnamese with a decimal comma and a thousands dot (12.131 thành viên; 1,35 thành viên/100 dân; 69,9%;
 * có / không; 31/12/2025), English with a decimal point and a thousands comma (12,131; 1.35; 69.9%; yes / no;
 * 2025-12-31). Every reason, table and scorecard formats through these, so the two never drift apart.
 *
 * @example
 * ```ts
 * formatNumber(12131, 'vi'); // '12.131'
 * formatNumber(1.35, 'vi'); // '1,35'
 * formatPercent(0.699, 'vi'); // '69,9%'
 * formatBoolean(true, 'vi'); // 'có'
 * formatDate('2025-12-31', 'vi'); // '31/12/2025'
 * ```
 */
import { decimal4 } from '../internal/numbers.js';
import type { Lang } from './define.js';

const SEPARATORS = { vi: { decimal: ',', thousands: '.' }, en: { decimal: '.', thousands: ',' } } as const;

/**
 * Put the language's separators into `decimal4`-style text ("-12131.5" → "-12.131,5" in vi). With
 * {@link numberText}, a hot path writes a number once and localises it per language.
 *
 * @example
 * ```ts
 * localise(numberText(12131.5), 'vi'); // '12.131,5'
 * ```
 */
export function localise(text: string, lang: Lang): string {
  const { decimal, thousands } = SEPARATORS[lang];
  const point = text.indexOf('.');
  const end = point < 0 ? text.length : point;
  const start = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  // Everyday values (below 1,000, no decimals in English) need no change: no allocation.
  if (end - start <= 3) return point < 0 || decimal === '.' ? text : `${text.slice(0, point)}${decimal}${text.slice(point + 1)}`;
  let whole = '';
  for (let i = end; i > start; i -= 3) whole = (i - 3 > start ? thousands + text.slice(i - 3, i) : text.slice(start, i)) + whole;
  return `${start === 1 ? '-' : ''}${whole}${point < 0 ? '' : decimal + text.slice(point + 1)}`;
}

/**
 * A number to at most 4 decimals (as reasons have always shown them), with the language's separators.
 * Non-finite values are written as they are (they never reach a reason from validated input).
 *
 * @example
 * ```ts
 * formatNumber(12131, 'vi'); // '12.131'
 * formatNumber(19.97142857, 'vi'); // '19,9714'
 * formatNumber(12131.5, 'en'); // '12,131.5'
 * ```
 */
export function formatNumber(x: number, lang: Lang): string {
  return localise(numberText(x), lang);
}

/**
 * A number to at most 4 decimals as plain text with a decimal point and no grouping, the same for both
 * languages before {@link localise} (non-finite values as `String` writes them).
 *
 * @example
 * ```ts
 * numberText(19.971428); // '19.9714'
 * ```
 */
export function numberText(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Number.isInteger(x) && x < 1e15 && x > -1e15 ? String(x) : decimal4(x);
}

/**
 * A share (0–1) as the plain text of its percentage to at most 2 decimals, without the sign (see
 * {@link numberText}).
 *
 * @example
 * ```ts
 * percentText(0.699); // '69.9'
 * ```
 */
export function percentText(fraction: number): string {
  return Number.isFinite(fraction) ? numberText(Math.round(fraction * 10000) / 100) : String(fraction);
}

/**
 * A share (0–1) as a percentage to at most 2 decimals.
 *
 * @example
 * ```ts
 * formatPercent(0.699, 'vi'); // '69,9%'
 * formatPercent(0.41666, 'en'); // '41.67%'
 * ```
 */
export function formatPercent(fraction: number, lang: Lang): string {
  if (!Number.isFinite(fraction)) return String(fraction);
  return `${localise(percentText(fraction), lang)}%`;
}

/**
 * có / không; yes / no.
 *
 * @example
 * ```ts
 * formatBoolean(false, 'vi'); // 'không'
 * ```
 */
export function formatBoolean(b: boolean, lang: Lang): string {
  return lang === 'vi' ? (b ? 'có' : 'không') : b ? 'yes' : 'no';
}

/**
 * `YYYY-MM-DD` as dd/mm/yyyy in Vietnamese; unchanged (ISO) in English. Other text is returned as it is.
 *
 * @example
 * ```ts
 * formatDate('2025-07-01', 'vi'); // '01/07/2025'
 * ```
 */
export function formatDate(iso: string, lang: Lang): string {
  if (lang === 'en' || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/**
 * `YYYY-MM` as mm/yyyy in Vietnamese; unchanged in English.
 *
 * @example
 * ```ts
 * formatMonth('2025-03', 'vi'); // '03/2025'
 * ```
 */
export function formatMonth(month: string, lang: Lang): string {
  if (lang === 'en' || !/^\d{4}-\d{2}$/.test(month)) return month;
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/**
 * A period of months; one month alone when from = to.
 *
 * @example
 * ```ts
 * formatPeriod({ from: '2025-01', to: '2025-12' }, 'vi'); // '01/2025–12/2025'
 * formatPeriod({ from: '2025-01', to: '2025-12' }, 'en'); // '2025-01..2025-12'
 * ```
 */
export function formatPeriod(period: { readonly from: string; readonly to: string }, lang: Lang): string {
  if (period.from === period.to) return formatMonth(period.from, lang);
  return lang === 'vi' ? `${formatMonth(period.from, lang)}–${formatMonth(period.to, lang)}` : `${period.from}..${period.to}`;
}
