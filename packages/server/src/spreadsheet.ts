/**
 * Uploaded spreadsheets, one place for both routes that take them and for the evaluation workers, where
 * they are normally read (unpacking and reading a 50 MB workbook takes seconds):
 * - `POST /v1/imports`: {@link readUpload} answers the dataset read and its problems;
 * - `POST /v1/evaluations` with multipart/form-data: {@link uploadBody} turns the file and the form's
 *   fields into the evaluation request a JSON body would have been, and {@link withReadingWarnings} puts
 *   the reading's warnings (with their cells) into the answer.
 */
import { IO_CODES, readCsvText, readXlsx, type ImportResult, type IoCode, type IoProblem } from '@cnscd/io';
import { parseJsonBody } from './http/json-body.js';
import type { PreparedEvaluation } from './pipeline.js';
import { HttpProblem, item, type ProblemCode, type ProblemItem } from './problems.js';
import type { SpreadsheetAnswer } from './internal/runner.js';

const encoder = new TextEncoder();

/** The form fields `POST /v1/evaluations` reads beside the file; `criteriaSet` and `options` are JSON text. */
export const EVALUATION_FORM_FIELDS = ['preset', 'criteriaSet', 'period', 'asOf', 'options'] as const;

async function read(bytes: Uint8Array, file: string): Promise<ImportResult> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return /\.(csv|tsv|txt)$/i.test(file) ? readCsvText(buffer, { file }) : readXlsx(buffer, { file });
}

/**
 * Read `bytes` as a CSV file (by the name's extension) or an XLSX workbook: the JSON bytes of the 200
 * answer `{ valid, dataset, problems }` when there is no error, else the problems.
 *
 * @example
 * ```ts
 * const answer = await readUpload(bytes, 'bao-cao.csv');
 * if (!answer.valid) console.log(answer.problems.length);
 * ```
 */
export async function readUpload(bytes: Uint8Array, file: string): Promise<SpreadsheetAnswer> {
  const result = await read(bytes, file);
  if (result.problems.some((p) => p.severity === 'error')) return { valid: false, problems: result.problems };
  return { valid: true, json: encoder.encode(JSON.stringify(result)) };
}

/**
 * The problem document for a spreadsheet with errors: the status of its first error (415 not a
 * spreadsheet or macro-enabled, 413 too large, 400 unreadable CSV, 422 cells or rules), every problem
 * kept with its `source` cell; `prefix` is put before each pointer (`/dataset` for an evaluation).
 *
 * @example
 * ```ts
 * if (!answer.valid) throw spreadsheetRefusal(answer.problems);
 * ```
 */
export function spreadsheetRefusal(problems: readonly IoProblem[], prefix = ''): HttpProblem {
  const firstError = problems.find((p) => p.severity === 'error');
  const status = firstError !== undefined && firstError.code in IO_CODES ? IO_CODES[firstError.code as IoCode].httpStatus : 422;
  const code: ProblemCode =
    status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 413 ? 'INPUT_TOO_LARGE' : status === 400 ? 'BAD_REQUEST' : 'DATASET_INVALID';
  const items = (prefix === '' ? problems : problems.map((p) => ({ ...p, path: prefix + p.path }))) as unknown as ProblemItem[];
  return new HttpProblem(code, `The spreadsheet was not read: ${firstError?.message.en ?? ''}`, items, { status });
}

/**
 * The evaluation request a multipart form stands for: the dataset read from the file, and the fields
 * (`preset`, `period`, `asOf` as text; `criteriaSet` and `options` as JSON text, parsed with the JSON
 * body's bounds; `period` as JSON text too when it starts with `{`). Throws the {@link HttpProblem} to
 * answer: a field that is not JSON (400 at its pointer), no file (400), a spreadsheet with errors (see
 * {@link spreadsheetRefusal}; pointers under `/dataset`). Also answers the reading's warnings.
 *
 * @example
 * ```ts
 * const { body, warnings } = await uploadBody(bytes, 'to-2025.xlsx', { preset: 'national-2024', period: '2025' }, 64);
 * ```
 */
export async function uploadBody(
  file: { readonly bytes: Uint8Array; readonly name: string } | undefined,
  fields: Readonly<Record<string, string>>,
  maxDepth: number,
): Promise<{ body: Record<string, unknown>; warnings: readonly IoProblem[] }> {
  const body: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(fields)) {
    const json = name === 'criteriaSet' || name === 'options' || (name === 'period' && text.trimStart().startsWith('{'));
    if (!json) {
      body[name] = text;
      continue;
    }
    try {
      body[name] = parseJsonBody(text, { maxDepth: maxDepth - 1 });
    } catch (e) {
      if (!(e instanceof HttpProblem)) throw e;
      const problems = e.problems.map((p) => ({ ...p, path: `/${name}${p.path}` }));
      throw new HttpProblem(e.code, `The form field ${name} is not JSON: ${problems[0]?.message.en ?? e.message}`, problems, { status: e.status });
    }
  }
  if (file === undefined) {
    throw new HttpProblem(
      'BAD_REQUEST',
      'The form has no file; send the dataset as the field file (.xlsx or .csv).',
      [
        item('BAD_REQUEST', '/dataset', {
          vi: 'Thiếu tệp dữ liệu (trường file: .xlsx hoặc .csv).',
          en: 'The form has no file (field file: .xlsx or .csv).',
        }),
      ],
      { status: 400 },
    );
  }
  const result = await read(file.bytes, file.name);
  if (result.problems.some((p) => p.severity === 'error')) throw spreadsheetRefusal(result.problems, '/dataset');
  body['dataset'] = result.dataset;
  return { body, warnings: result.problems };
}

/**
 * A prepared evaluation with the spreadsheet's warnings: core's dataset warnings are replaced by the same
 * warnings pointed at their cells, and the reading's own (a personal-data column not read, a hidden sheet,
 * an unknown column) come first. Nothing is dropped.
 *
 * @example
 * ```ts
 * const prepared = withReadingWarnings(prepareEvaluation(ctx, body), warnings);
 * ```
 */
export function withReadingWarnings(prepared: PreparedEvaluation, warnings: readonly IoProblem[]): PreparedEvaluation {
  if (warnings.length === 0) return prepared;
  const located = new Map<string, IoProblem>();
  const reading: ProblemItem[] = [];
  for (const w of warnings) {
    const rebased = { ...w, path: `/dataset${w.path}` };
    if (w.code in IO_CODES) reading.push(rebased as unknown as ProblemItem);
    else located.set(`${w.code} ${rebased.path}`, rebased);
  }
  const merged = prepared.warnings.map((p) => (located.get(`${p.code} ${p.path}`) as unknown as ProblemItem | undefined) ?? p);
  return { ...prepared, warnings: [...reading, ...merged] };
}
