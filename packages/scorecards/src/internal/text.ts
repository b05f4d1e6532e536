/**
 * Words and numbers as an official reads them: escaping, vi/en labels, Vietnamese number writing.
 */
import { STATUS_LABELS as CORE_STATUS_LABELS, type CriterionStatus, type LocalizedText } from '@cnscd/core';

/** The languages a scorecard is written in. */
export type Lang = 'vi' | 'en';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escape text for HTML content and quoted attribute values.
 *
 * @example
 * ```ts
 * esc('<img src=x onerror=alert(1)>'); // '&lt;img src=x onerror=alert(1)&gt;'
 * ```
 */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** The text in `lang`, falling back to the other language. */
export function pick(text: LocalizedText | string | undefined, lang: Lang): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return (lang === 'vi' ? text.vi : text.en) || text.vi || text.en || '';
}

const formats = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}${digits}`;
  let f = formats.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    formats.set(key, f);
  }
  return f;
}

/**
 * A number as the reader writes it: `12.131` and `69,9` in Vietnamese, `12,131` and `69.9` in English.
 *
 * @example
 * ```ts
 * num(12131, 'vi'); // '12.131'
 * ```
 */
export function num(n: number | null | undefined, lang: Lang, digits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return nf(lang, digits).format(n);
}

/**
 * A percentage from 0–100: `69,9%`.
 *
 * @example
 * ```ts
 * pct(69.94, 'vi'); // '69,9%'
 * ```
 */
export function pct(n: number | null | undefined, lang: Lang, digits = 1): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '–' : `${num(n, lang, digits)}%`;
}

/**
 * The labels of a criterion's status (docs/glossary.md).
 *
 * @example
 * ```ts
 * STATUS_LABELS['not-applicable'].vi; // 'Không áp dụng'
 * ```
 */
export const STATUS_LABELS: Readonly<Record<CriterionStatus, LocalizedText>> = CORE_STATUS_LABELS;

/** The labels of problem severities. */
export const SEVERITY_LABELS: Readonly<Record<string, LocalizedText>> = {
  error: { vi: 'Lỗi', en: 'Error' },
  warning: { vi: 'Cảnh báo', en: 'Warning' },
  info: { vi: 'Thông tin', en: 'Information' },
};

/** Characters that make a spreadsheet read a text cell as a formula (with their full-width forms). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Text for a spreadsheet cell: one that a spreadsheet would run as a formula gets a leading apostrophe,
 * as the CLI's CSV does.
 *
 * @example
 * ```ts
 * cellText('=1+1'); // "'=1+1"
 * ```
 */
export function cellText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
