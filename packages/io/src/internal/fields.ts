/**
 * One cell read as the field its column maps to: text, ids, dates, months, periods, numbers, fractions,
 * lists, and the coded values (levels, roles, affiliations, enums) by their Vietnamese or English labels.
 * A cell that cannot be read exactly is refused with the reason, never guessed.
 */
import { toBool, toDate, toList, toMonth, toNumber, toPeriod, toText, type Cell, type Converted } from './cells.js';
import { AFFILIATION_CODES, AFFILIATION_TEXT, codeOf, DEFAULT_LEVEL_TEXT, ROLE_CODES, ROLE_LABELS, type FieldDef } from './tables.js';

/** The value of `cell` for `field`, or why it cannot be read. */
export function convertField(field: FieldDef, cell: Cell): Converted<unknown> {
  switch (field.kind) {
    case 'id':
    case 'text':
      return toText(cell);
    case 'level': {
      const t = toText(cell);
      if (!t.ok) return t;
      return { ok: true, value: codeOf(t.value, Object.keys(DEFAULT_LEVEL_TEXT), DEFAULT_LEVEL_TEXT) ?? t.value };
    }
    case 'date':
      return toDate(cell);
    case 'month':
      return toMonth(cell);
    case 'period':
      return toPeriod(cell);
    case 'bool':
      return toBool(cell);
    case 'fraction': {
      const n = toNumber(cell);
      if (n.ok && !(n.value >= 0 && n.value <= 1))
        return {
          ok: false,
          code: 'INVALID_CELL',
          message: { vi: 'phải là tỷ lệ từ 0 đến 1 (ví dụ 0,6)', en: 'must be a fraction from 0 to 1 (e.g. 0.6)' },
        };
      return n;
    }
    case 'int': {
      const n = toNumber(cell);
      if (n.ok && !Number.isInteger(n.value))
        return { ok: false, code: 'INVALID_CELL', message: { vi: 'phải là số nguyên', en: 'must be a whole number' } };
      return n;
    }
    case 'list':
      return toList(cell);
    case 'role': {
      const t = toText(cell);
      if (!t.ok) return t;
      const code = codeOf(t.value, ROLE_CODES, ROLE_LABELS);
      return code !== undefined
        ? { ok: true, value: code }
        : {
            ok: false,
            code: 'INVALID_CELL',
            message: { vi: 'phải là Tổ trưởng, Tổ phó hoặc Thành viên', en: 'must be Leader, Deputy or Member' },
          };
    }
    case 'affiliations': {
      const l = toList(cell);
      if (!l.ok) return l;
      const out: string[] = [];
      for (const x of l.value) {
        const code = codeOf(x, AFFILIATION_CODES, AFFILIATION_TEXT);
        if (code === undefined) {
          return {
            ok: false,
            code: 'INVALID_CELL',
            message: {
              vi: `thành phần không có trong danh mục (${AFFILIATION_CODES.map((c) => AFFILIATION_TEXT[c]!.vi).join('; ')})`,
              en: `an affiliation not in the list (${AFFILIATION_CODES.join('; ')})`,
            },
          };
        }
        out.push(code);
      }
      return { ok: true, value: out };
    }
    case 'enum': {
      const t = toText(cell);
      if (!t.ok) return t;
      return field.values?.includes(t.value)
        ? t
        : {
            ok: false,
            code: 'INVALID_CELL',
            message: { vi: `phải là một trong ${field.values?.join(', ')}`, en: `must be one of ${field.values?.join(', ')}` },
          };
    }
  }
}
