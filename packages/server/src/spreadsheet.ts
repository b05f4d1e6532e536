/**
 * Reading an uploaded spreadsheet for `POST /v1/imports`, shared by the route (when no worker can be used)
 * and the evaluation workers, where it normally runs: unpacking and reading a 50 MB workbook takes seconds.
 */
import { readCsvText, readXlsx } from '@cnscd/io';
import type { SpreadsheetAnswer } from './internal/runner.js';

const encoder = new TextEncoder();

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
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const result = /\.(csv|tsv|txt)$/i.test(file) ? await readCsvText(buffer, { file }) : await readXlsx(buffer, { file });
  if (result.problems.some((p) => p.severity === 'error')) return { valid: false, problems: result.problems };
  return { valid: true, json: encoder.encode(JSON.stringify(result)) };
}
