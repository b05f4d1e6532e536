/**
 * Problems of a spreadsheet: core's {@link Problem} (code, severity, JSON pointer, vi/en message) plus
 * where the officer finds it — file, sheet, row as Excel shows it, column letter and header.
 */
import type { CodeSpec, ErrorCode, LocalizedText, Problem, Severity } from '@cnscd/core';

/** Where in a spreadsheet a problem is. */
export interface SourceLocation {
  readonly file: string;
  /** The sheet of a workbook; absent for a CSV file. */
  readonly sheet?: string;
  /** The row as Excel shows it (1-based). */
  readonly row?: number;
  /** The column letter (`C`). */
  readonly column?: string;
  /** The column's header text as written in the file. */
  readonly header?: string;
}

/** Codes of problems found while reading a spreadsheet (core's codes are used for the dataset's rules). */
export const IO_CODES = {
  FILE_NOT_SPREADSHEET: {
    severity: 'error',
    httpStatus: 415,
    summary: 'The file is not an XLSX workbook or a CSV file (a renamed file, a corrupt archive).',
  },
  MACRO_WORKBOOK: { severity: 'error', httpStatus: 415, summary: 'A macro-enabled workbook (.xlsm, vbaProject) is refused; save it as .xlsx.' },
  EXTERNAL_LINK: {
    severity: 'error',
    httpStatus: 422,
    summary: 'The workbook links to other workbooks; its values could be stale. Break the links and save.',
  },
  ARCHIVE_TOO_LARGE: { severity: 'error', httpStatus: 413, summary: 'The workbook unpacks to too much data or too many parts (a zip bomb?).' },
  SHEET_TOO_LARGE: { severity: 'error', httpStatus: 413, summary: 'A sheet has more rows or columns than the import reads.' },
  ENCODING_UNSUPPORTED: { severity: 'error', httpStatus: 415, summary: 'A CSV file is not UTF-8 or UTF-16.' },
  CSV_MALFORMED: { severity: 'error', httpStatus: 400, summary: 'A CSV file cannot be read as CSV (an unclosed quote...).' },
  TABLE_NOT_RECOGNISED: {
    severity: 'warning',
    httpStatus: 422,
    summary: 'A sheet or file is neither named nor headed like a table of the dataset; it was skipped.',
  },
  MISSING_COLUMN: { severity: 'error', httpStatus: 422, summary: 'A table lacks a required column.' },
  DUPLICATE_COLUMN: { severity: 'error', httpStatus: 422, summary: 'Two columns of a table name the same field.' },
  UNKNOWN_COLUMN: { severity: 'warning', httpStatus: 422, summary: 'A column names no field or metric; it was skipped.' },
  PERSONAL_DATA_COLUMN: {
    severity: 'warning',
    httpStatus: 400,
    summary: 'A column whose header names personal data was not read (an error with `strict`).',
  },
  INVALID_CELL: { severity: 'error', httpStatus: 422, summary: 'A cell cannot be read as its column requires (a number, a date, a month, a code).' },
  AMBIGUOUS_NUMBER: { severity: 'error', httpStatus: 422, summary: 'A text number such as "1.234" could mean 1234 or 1.234; type it as a number.' },
  FORMULA_WITHOUT_VALUE: {
    severity: 'error',
    httpStatus: 422,
    summary: 'A formula cell has no saved value; formulas are never evaluated. Open and save the file in Excel.',
  },
  MERGED_CELLS: {
    severity: 'warning',
    httpStatus: 422,
    summary: 'Merged cells hold their value in the first cell only; the others were read as empty.',
  },
  HIDDEN_SHEET: { severity: 'warning', httpStatus: 422, summary: 'A hidden sheet was read like the others.' },
} as const satisfies Record<string, CodeSpec>;

export type IoCode = keyof typeof IO_CODES;

/** A problem found while reading a spreadsheet, or one of core's, pointed at its cell. */
export interface IoProblem {
  readonly code: IoCode | ErrorCode;
  readonly severity: Severity;
  readonly path: string;
  readonly message: LocalizedText;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly source?: SourceLocation;
}

/** "Trang 'Báo cáo tháng', dòng 14, cột C (Số hộ được hướng dẫn)" and its English. */
export function where(source: SourceLocation): LocalizedText {
  const vi: string[] = [];
  const en: string[] = [];
  if (source.sheet !== undefined) {
    vi.push(`Trang '${source.sheet}'`);
    en.push(`Sheet '${source.sheet}'`);
  } else {
    vi.push(`Tệp '${source.file}'`);
    en.push(`File '${source.file}'`);
  }
  if (source.row !== undefined) {
    vi.push(`dòng ${source.row}`);
    en.push(`row ${source.row}`);
  }
  if (source.column !== undefined) {
    const h = source.header === undefined || source.header === '' ? '' : ` (${source.header})`;
    vi.push(`cột ${source.column}${h}`);
    en.push(`column ${source.column}${h}`);
  }
  return { vi: vi.join(', '), en: en.join(', ') };
}

/** A problem at a cell, its message led by where the cell is. */
export function ioProblem(
  code: IoCode,
  source: SourceLocation,
  message: LocalizedText,
  options: { path?: string; params?: Record<string, unknown>; severity?: Severity } = {},
): IoProblem {
  const w = where(source);
  return {
    code,
    severity: options.severity ?? IO_CODES[code].severity,
    path: options.path ?? '',
    message: { vi: `${w.vi}: ${message.vi}`, en: `${w.en}: ${message.en}` },
    ...(options.params === undefined ? {} : { params: options.params }),
    source,
  };
}

/** Core's problem, pointed at its cell when the locator knows it. */
export function located(p: Problem, source: SourceLocation | undefined): IoProblem {
  if (source === undefined) return p;
  const w = where(source);
  return { ...p, message: { vi: `${w.vi}: ${p.message.vi}`, en: `${w.en}: ${p.message.en}` }, source };
}
