/**
 * Cell values as the readers hand them over, and their conversion to a field's type. Never guesses: a
 * text number that could be read two ways ("1.234") is refused, not read.
 */
import type { LocalizedText } from '@cnscd/core';

/** A cell after the reader: text, a number, a boolean, a date (from a date-formatted cell), or a fault. */
export type Cell = string | number | boolean | Date | null | { readonly error: string } | { readonly formulaWithoutValue: true };

export type Converted<T> =
  | { ok: true; value: T }
  | { ok: false; code: 'INVALID_CELL' | 'AMBIGUOUS_NUMBER' | 'FORMULA_WITHOUT_VALUE'; message: LocalizedText };

const bad = (vi: string, en: string): Converted<never> => ({ ok: false, code: 'INVALID_CELL', message: { vi, en } });

export function isEmpty(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

function fault(cell: Cell): Converted<never> | undefined {
  if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) {
    if ('error' in cell) return bad(`ô chứa lỗi công thức ${cell.error}`, `the cell holds the formula error ${cell.error}`);
    return {
      ok: false,
      code: 'FORMULA_WITHOUT_VALUE',
      message: {
        vi: 'công thức chưa có giá trị đã lưu (cnscd không tính công thức); mở tệp bằng Excel và lưu lại',
        en: 'the formula has no saved value (cnscd never evaluates formulas); open the file in Excel and save it',
      },
    };
  }
  return undefined;
}

/** Text of a cell: ids, names, codes. An integer number reads as its digits. */
export function toText(cell: Cell): Converted<string> {
  const f = fault(cell);
  if (f) return f;
  if (typeof cell === 'string') return { ok: true, value: cell.trim() };
  if (typeof cell === 'number') {
    if (Number.isSafeInteger(cell)) return { ok: true, value: String(cell) };
    return bad('phải là chữ hoặc số nguyên, không phải số thập phân', 'must be text or a whole number, not a decimal');
  }
  if (typeof cell === 'boolean') return bad('phải là chữ, không phải đúng/sai', 'must be text, not true/false');
  return bad('phải là chữ, không phải ngày', 'must be text, not a date');
}

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const NOT_NUMBER = (): Converted<never> => bad('phải là một số (ví dụ 1234 hoặc 12,5)', 'must be a number (e.g. 1234 or 12.5)');

/**
 * A number: a number cell as it is; a text number in Vietnamese (`1.234.567`, `12,5`, `1.234,5`) or
 * English (`1,234,567`, `12.5`, `1,234.5`) form read exactly; `1.234` and `1,234` — a separator followed
 * by exactly three digits, once — refused as ambiguous.
 */
export function toNumber(cell: Cell): Converted<number> {
  const f = fault(cell);
  if (f) return f;
  if (typeof cell === 'number') return Number.isFinite(cell) ? { ok: true, value: cell } : NOT_NUMBER();
  if (typeof cell !== 'string') return NOT_NUMBER();
  // Most cells of a CSV file are plain whole numbers: read them without the patterns below.
  if (cell.length > 0 && cell.length < 16 && isDigits(cell)) return { ok: true, value: Number(cell) };
  const t = cell.trim().replace(/[\u00a0\u202f ]/g, (c) => (c === ' ' || c === '\u00a0' || c === '\u202f' ? ' ' : c));
  let s = t.replace(/^\+/, '');
  const neg = s.startsWith('-');
  if (neg) s = s.slice(1);
  let plain: string | undefined;
  if (/^\d+$/.test(s)) plain = s;
  else if (/^\d{1,3}( \d{3})+$/.test(s)) plain = s.replace(/ /g, '');
  else if (/^\d{1,3}(\.\d{3}){2,}$/.test(s)) plain = s.replace(/\./g, '');
  else if (/^\d{1,3}(,\d{3}){2,}$/.test(s)) plain = s.replace(/,/g, '');
  else if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s)) plain = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(,\d{3})+\.\d+$/.test(s)) plain = s.replace(/,/g, '');
  else if (/^\d{1,3}[.,]\d{3}$/.test(s) && !/^0[.,]/.test(s)) {
    return {
      ok: false,
      code: 'AMBIGUOUS_NUMBER',
      message: {
        vi: `"${t}" có thể là ${s.replace(/[.,]/, '')} hoặc ${s.replace(',', '.')}; hãy nhập dạng số, không dùng dấu phân cách hàng nghìn`,
        en: `"${t}" could mean ${s.replace(/[.,]/, '')} or ${s.replace(',', '.')}; type it as a number, without a thousands separator`,
      },
    };
  } else if (/^\d+[.,]\d+$/.test(s)) plain = s.replace(',', '.');
  if (plain === undefined) return NOT_NUMBER();
  const n = Number((neg ? '-' : '') + plain);
  return Number.isFinite(n) ? { ok: true, value: n } : NOT_NUMBER();
}

// Built once: a conversion that succeeds allocates no failure.
const NOT_DATE = bad('phải là ngày dạng dd/mm/yyyy (ví dụ 05/03/2025)', 'must be a date as dd/mm/yyyy (e.g. 05/03/2025)');
const NOT_MONTH = bad('phải là tháng dạng mm/yyyy (ví dụ 03/2025)', 'must be a month as mm/yyyy (e.g. 03/2025)');

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Excel's serial day (1900 system; serial 60 is the 29 Feb 1900 that never was). */
export function serialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return undefined;
  const day = Math.floor(serial);
  const ms = Date.UTC(1899, 11, 30) + day * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** A date: a date cell, a serial, `yyyy-mm-dd`, or `dd/mm/yyyy` (also with `-` or `.`), as `YYYY-MM-DD`. */
export function toDate(cell: Cell): Converted<string> {
  const f = fault(cell);
  if (f) return f;
  const no = NOT_DATE;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return no;
    return { ok: true, value: cell.toISOString().slice(0, 10) };
  }
  if (typeof cell === 'number') {
    const iso = Number.isInteger(cell) ? serialToIso(cell) : undefined;
    return iso === undefined ? no : { ok: true, value: iso };
  }
  if (typeof cell !== 'string') return no;
  const t = cell.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validYmd(y, mo, d) ? { ok: true, value: t } : no;
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validYmd(y, mo, d) ? { ok: true, value: `${y}-${pad(mo)}-${pad(d)}` } : no;
  }
  return no;
}

/** A month: `yyyy-mm`, `mm/yyyy`, `tháng 3/2025`, a date cell or serial (its month), as `YYYY-MM`. */
export function toMonth(cell: Cell): Converted<string> {
  const f = fault(cell);
  if (f) return f;
  const no = NOT_MONTH;
  if (cell instanceof Date || typeof cell === 'number') {
    const d = toDate(cell);
    return d.ok ? { ok: true, value: d.value.slice(0, 7) } : no;
  }
  if (typeof cell !== 'string') return no;
  // The form the template and exports write, `2025-03`: read without the patterns below.
  if (cell.length === 7 && cell.charCodeAt(4) === 45 && isDigits(cell.slice(0, 4)) && isDigits(cell.slice(5))) {
    const mo = Number(cell.slice(5));
    return mo >= 1 && mo <= 12 ? { ok: true, value: cell } : no;
  }
  const t = cell.trim().replace(/^(tháng|thang|month)\s*/i, '');
  let m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m) return Number(m[2]) >= 1 && Number(m[2]) <= 12 ? { ok: true, value: t } : no;
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) {
    const mo = Number(m[1]);
    return mo >= 1 && mo <= 12 ? { ok: true, value: `${m[2]}-${pad(mo)}` } : no;
  }
  const d = toDate(t);
  return d.ok ? { ok: true, value: d.value.slice(0, 7) } : no;
}

/** A period of indicators: a year (`2025`, text or number) or a month. */
export function toPeriod(cell: Cell): Converted<string> {
  if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 1900 && cell <= 2200) return { ok: true, value: String(cell) };
  if (typeof cell === 'string' && /^\s*\d{4}\s*$/.test(cell)) return { ok: true, value: cell.trim() };
  const m = toMonth(cell);
  return m.ok ? m : bad('phải là năm (2025) hoặc tháng (03/2025)', 'must be a year (2025) or a month (03/2025)');
}

const TRUE = new Set(['true', 'x', 'co', 'có', 'yes', 'y', '1', 'dung', 'đúng']);
const FALSE = new Set(['false', 'khong', 'không', 'no', 'n', '0', 'sai']);

export function toBool(cell: Cell): Converted<boolean> {
  const f = fault(cell);
  if (f) return f;
  if (typeof cell === 'boolean') return { ok: true, value: cell };
  if (typeof cell === 'number' && (cell === 0 || cell === 1)) return { ok: true, value: cell === 1 };
  if (typeof cell === 'string') {
    const t = cell.trim().toLowerCase();
    if (TRUE.has(t)) return { ok: true, value: true };
    if (FALSE.has(t)) return { ok: true, value: false };
  }
  return bad('phải là Có hoặc Không', 'must be Yes or No');
}

/** A list written in one cell, separated by `;` (or `,`). */
export function toList(cell: Cell): Converted<string[]> {
  const t = toText(cell);
  if (!t.ok) return t;
  return {
    ok: true,
    value: t.value
      .split(/[;,]/)
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  };
}
