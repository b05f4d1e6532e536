/** CSV files: the encoding checked (UTF-8 with or without BOM, UTF-16), the delimiter detected, csv-parse reads. */
import { once } from 'node:events';
import { Parser, type Options } from 'csv-parse';
import { ioProblem, type IoProblem } from '../problems.js';
import type { RawRow } from './build.js';
import { LIMITS } from './limits.js';

export type Decoded = { ok: true; text: string } | { ok: false; problem: IoProblem };

const RESAVE = {
  vi: 'tệp CSV không phải UTF-8 hay UTF-16; trong Excel chọn Lưu thành (Save As) → "CSV UTF-8 (Comma delimited)", hoặc mở bằng Notepad → Lưu thành → Mã hoá UTF-8',
  en: 'the CSV file is neither UTF-8 nor UTF-16; in Excel choose Save As → "CSV UTF-8 (Comma delimited)", or open it in Notepad → Save As → Encoding UTF-8',
};

/** The text of a CSV file, or a problem saying how to re-save it. Never guesses a legacy code page. */
export function decodeCsv(bytes: Uint8Array, file: string): Decoded {
  const refuse = (): Decoded => ({ ok: false, problem: ioProblem('ENCODING_UNSUPPORTED', { file }, RESAVE) });
  try {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)) };
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2)) };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2)) };
    // UTF-16 without a byte-order mark: ASCII text has a zero in every other byte.
    const n = Math.min(bytes.length, 4096) & ~1;
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) evenZero++;
      if (bytes[i + 1] === 0) oddZero++;
    }
    if (n > 0 && oddZero > n / 4) return { ok: true, text: new TextDecoder('utf-16le', { fatal: true }).decode(bytes) };
    if (n > 0 && evenZero > n / 4) return { ok: true, text: new TextDecoder('utf-16be', { fatal: true }).decode(bytes) };
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) return refuse();
    return { ok: true, text };
  } catch {
    return refuse();
  }
}

/** Tab, semicolon or comma: whichever the first line holds most of, outside quotes. */
export function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const line = (end === -1 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
  let best = ',';
  let most = 0;
  for (const d of ['\t', ';', ',']) {
    const c = line.split(d).length - 1;
    if (c > most) [best, most] = [d, c];
  }
  return best;
}

/**
 * csv-parse's parser with each record taken as it is parsed: its stream side (a buffer and an event per
 * record) and its `on_record` hook (which copies the parser's state into an info object per record, a
 * seventh of the whole import in a profile) are both left out.
 */
class RecordParser extends Parser {
  readonly #take: (record: string[]) => void;
  constructor(options: Options, take: (record: string[]) => void) {
    super(options);
    this.#take = take;
  }
  override push(record: unknown): boolean {
    if (record !== null) this.#take(record as string[]);
    return true;
  }
}

/**
 * Push the rows of a CSV text to `push`, numbered as a spreadsheet would show them, as csv-parse parses
 * them (no array of all records); problems go to `problems`.
 */
export async function csvRows(text: string, file: string, problems: IoProblem[], push: (row: RawRow) => void): Promise<void> {
  // The line a record starts on, as a spreadsheet numbers its rows (a quoted cell may span lines).
  let line = 1;
  let count = 0;
  let stop = false;
  const take = (record: string[]): void => {
    if (stop) return;
    const at = line;
    for (const field of record) if (field.includes('\n')) line += field.split('\n').length - 1;
    line++;
    if (++count > LIMITS.maxRows) {
      stop = true;
      problems.push(
        ioProblem(
          'SHEET_TOO_LARGE',
          { file },
          { vi: `tệp có quá ${LIMITS.maxRows} dòng`, en: `the file has more than ${LIMITS.maxRows} rows` },
          { params: { limit: LIMITS.maxRows } },
        ),
      );
      return;
    }
    if (record.length > LIMITS.maxColumns) {
      stop = true;
      problems.push(
        ioProblem(
          'SHEET_TOO_LARGE',
          { file, row: at },
          { vi: `dòng có quá ${LIMITS.maxColumns} cột`, en: `the row has more than ${LIMITS.maxColumns} columns` },
          { params: { limit: LIMITS.maxColumns } },
        ),
      );
      return;
    }
    push({ row: at, cells: record });
  };
  const parser = new RecordParser(
    { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: false, max_record_size: LIMITS.maxCsvRecordChars },
    take,
  );
  try {
    const done = once(parser, 'finish');
    parser.end(Buffer.from(text));
    await done;
  } catch (e) {
    const at = (e as { lines?: number }).lines;
    problems.push(
      ioProblem(
        'CSV_MALFORMED',
        at === undefined ? { file } : { file, row: at },
        {
          vi: 'không đọc được dạng CSV (thiếu dấu nháy đóng, hoặc một ô quá dài)',
          en: 'cannot be read as CSV (an unclosed quote, or a cell too long)',
        },
        { params: { reason: (e as { code?: string }).code ?? 'CSV' } },
      ),
    );
  }
}
