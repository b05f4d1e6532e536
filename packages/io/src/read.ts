/** Reading: a workbook, a CSV file or a folder of CSV files → a dataset checked by core's `validateDataset`. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { validateDataset, type Dataset } from '@cnscd/core';
import { DatasetBuilder, type BuildOptions } from './internal/build.js';
import { csvRows, decodeCsv } from './internal/csv.js';
import { LIMITS } from './internal/limits.js';
import { inspectXlsx, xlsxSheets } from './internal/xlsx-read.js';
import { ioProblem, located, type IoProblem } from './problems.js';

/** How to read. */
export interface ImportOptions {
  /** A personal-data column is an error instead of a warning. */
  readonly strict?: boolean;
  /** Reports as objects (`reports`, default) or as columns (`reportColumns`, compact for a province or more). */
  readonly reports?: 'objects' | 'columns';
  /** The name problems give the file (default: its base name). */
  readonly file?: string;
}

/** What an import gives: the dataset read, every problem (reading and core's rules) pointed at its cell. */
export interface ImportResult {
  readonly dataset: Dataset;
  readonly problems: readonly IoProblem[];
  /** No problem of severity `error`. */
  readonly valid: boolean;
}

const EMPTY: Dataset = { orgUnits: [], teams: [] };

function refused(problems: IoProblem[]): ImportResult {
  return { dataset: EMPTY, problems, valid: false };
}

function finish(b: DatasetBuilder): ImportResult {
  // Reports asked for as columns were built as columns (and are checked as such: pointers /reportColumns/…).
  const dataset = b.finish();
  const readingErrors = b.problems.some((p) => p.severity === 'error');
  const checked = validateDataset(dataset, {
    ...(dataset.metrics ? { metrics: dataset.metrics } : {}),
    ...(dataset.ratios ? { ratios: dataset.ratios } : {}),
  });
  const problems: IoProblem[] = [...b.problems, ...checked.problems.map((p) => located(p, b.locate(p.path)))];
  return { dataset, problems, valid: !readingErrors && checked.valid };
}

async function sizeOk(path: string, file: string): Promise<IoProblem | undefined> {
  const st = await stat(path);
  if (st.size > LIMITS.maxFileBytes) {
    return ioProblem(
      'ARCHIVE_TOO_LARGE',
      { file },
      { vi: `tệp lớn hơn ${LIMITS.maxFileBytes / 2 ** 20} MiB`, en: `the file is larger than ${LIMITS.maxFileBytes / 2 ** 20} MiB` },
      { params: { bytes: st.size } },
    );
  }
  return undefined;
}

/**
 * Read an XLSX workbook (a path or its bytes). Macro-enabled workbooks, external links, zip bombs and
 * files that are not workbooks are refused with a problem; formulas are read as their saved values.
 *
 * @example
 * ```ts
 * const { dataset, valid, problems } = await readXlsx('to-cnscd-2025.xlsx');
 * ```
 */
export async function readXlsx(input: string | Buffer, options: ImportOptions = {}): Promise<ImportResult> {
  const file = options.file ?? (typeof input === 'string' ? basename(input) : 'workbook.xlsx');
  if (typeof input === 'string') {
    const big = await sizeOk(input, file);
    if (big) return refused([big]);
  }
  // A path is read from disk as each part is inflated; the workbook is never held whole.
  const inspected = await inspectXlsx(typeof input === 'string' ? { path: input } : input, file);
  if (inspected.archive === undefined) return refused(inspected.problems);
  const b = new DatasetBuilder(buildOptions(options));
  try {
    for await (const sheet of xlsxSheets(inspected.archive, file, b.problems)) await b.add(sheet);
  } catch (e) {
    // yauzl stops a part that inflates past the size the archive declares for it (a lying zip bomb).
    if (e instanceof Error && /^too many bytes in the stream/.test(e.message)) {
      return refused([
        ...b.problems,
        ioProblem(
          'ARCHIVE_TOO_LARGE',
          { file },
          {
            vi: 'một phần của tệp giải nén ra nhiều hơn kích thước nó khai báo (tệp hỏng hoặc "bom zip"); đã dừng đọc',
            en: 'a part of the file unpacks to more than the size it declares (a corrupt file or a zip bomb); reading stopped',
          },
        ),
      ]);
    }
    return refused([
      ...b.problems,
      ioProblem(
        'FILE_NOT_SPREADSHEET',
        { file },
        { vi: 'không đọc được sổ làm việc (tệp hỏng?)', en: 'the workbook cannot be read (a corrupt file?)' },
      ),
    ]);
  }
  return finish(b);
}

function buildOptions(o: ImportOptions): BuildOptions {
  return { ...(o.strict === undefined ? {} : { strict: o.strict }), ...(o.reports === undefined ? {} : { reports: o.reports }) };
}

async function addCsv(b: DatasetBuilder, bytes: Uint8Array, file: string): Promise<void> {
  const text = decodeCsv(bytes, file);
  if (!text.ok) {
    b.problems.push(text.problem);
    return;
  }
  const sink = b.open({ file });
  await csvRows(text.text, file, b.problems, sink === undefined ? () => undefined : (row) => sink.push(row));
  sink?.end();
}

/**
 * Read CSV text (one table; which one from `options.file`'s name or from its header row).
 *
 * @example
 * ```ts
 * await readCsvText(new TextEncoder().encode('Mã tổ;Tháng;Số hộ\nT1;03/2025;12\n'), { file: 'bao-cao.csv' });
 * ```
 */
export async function readCsvText(bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const b = new DatasetBuilder(buildOptions(options));
  await addCsv(b, bytes, options.file ?? 'data.csv');
  return finish(b);
}

/**
 * Read one CSV file (UTF-8 with or without BOM, or UTF-16; comma, semicolon or tab).
 *
 * @example
 * ```ts
 * const { dataset } = await readCsvFile('bao-cao-thang.csv');
 * ```
 */
export async function readCsvFile(path: string, options: ImportOptions = {}): Promise<ImportResult> {
  const file = options.file ?? basename(path);
  const big = await sizeOk(path, file);
  if (big) return refused([big]);
  const b = new DatasetBuilder(buildOptions(options));
  await addCsv(b, await readFile(path), file);
  return finish(b);
}

/**
 * Read a folder of CSV files, one table each (`don-vi.csv`, `to.csv`, `thanh-vien.csv`, `bao-cao.csv`...),
 * in name order. Other files are ignored.
 *
 * @example
 * ```ts
 * const { dataset, problems } = await readCsvFolder('du-lieu-2025/');
 * ```
 */
export async function readCsvFolder(dir: string, options: ImportOptions = {}): Promise<ImportResult> {
  const names = (await readdir(dir)).filter((n) => /\.(csv|tsv|txt)$/i.test(n)).sort();
  const b = new DatasetBuilder(buildOptions(options));
  // Tables that others refer to first, so that members find their teams whatever the file names.
  for (const name of names) {
    const path = join(dir, name);
    const big = await sizeOk(path, name);
    if (big) {
      b.problems.push(big);
      continue;
    }
    await addCsv(b, await readFile(path), name);
  }
  return finish(b);
}

/**
 * Read whatever a path names: a folder of CSV files, a `.csv` (or `.tsv`, `.txt`) file, or a workbook.
 *
 * @example
 * ```ts
 * const { dataset, valid } = await readSpreadsheet(process.argv[2]!);
 * ```
 */
export async function readSpreadsheet(path: string, options: ImportOptions = {}): Promise<ImportResult> {
  const st = await stat(path);
  if (st.isDirectory()) return readCsvFolder(path, options);
  if (/\.(csv|tsv|txt)$/i.test(path)) return readCsvFile(path, options);
  return readXlsx(path, options);
}
