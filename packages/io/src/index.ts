/**
 * `@cnscd/io`: spreadsheets in and out. Reads rosters and monthly reports kept in Excel (XLSX) or CSV
 * into a cnscd dataset — every problem pointed at its cell — and writes templates and exports.
 * Keeps exceljs and csv-parse out of `@cnscd/core`.
 *
 * @example
 * ```ts
 * import { readSpreadsheet, exportWorkbook } from '@cnscd/io';
 * const { dataset, problems, valid } = await readSpreadsheet('bao-cao-2025.xlsx');
 * for (const p of problems) console.log(p.message.vi); // "Trang 'Báo cáo tháng', dòng 14, cột C (…): …"
 * ```
 */

// ── reading ────────────────────────────────────────────────────────────────────
export { readCsvFile, readCsvFolder, readCsvText, readSpreadsheet, readXlsx } from './read.js';
export type { ImportOptions, ImportResult } from './read.js';

// ── writing ────────────────────────────────────────────────────────────────────
export { exportWorkbook, templateWorkbook } from './internal/xlsx-write.js';
export type { Lang, TemplateOptions } from './internal/xlsx-write.js';
export { metricsReadBy } from './metrics.js';

// ── problems and limits ───────────────────────────────────────────────────────
export { IO_CODES, where } from './problems.js';
export type { IoCode, IoProblem, SourceLocation } from './problems.js';
export { LIMITS } from './internal/limits.js';
