/**
 * XLSX workbooks: the archive inspected first (macros, external links, zip bombs, files that are not
 * workbooks), then read as a stream with exceljs, sheet by sheet, row by row. Formulas are read as the
 * values Excel saved with them and never evaluated.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { ioProblem, type IoProblem } from '../problems.js';
import type { RawRow, RawSheet } from './build.js';
import type { Cell } from './cells.js';
import { LIMITS } from './limits.js';

const NOT_XLSX = {
  vi: 'tệp không phải bảng tính Excel .xlsx (có thể là tệp khác bị đổi đuôi, hoặc tệp .xls cũ); hãy mở bằng Excel và Lưu thành "Sổ làm việc Excel (*.xlsx)"',
  en: 'the file is not an Excel .xlsx workbook (perhaps another file renamed, or an old .xls); open it in Excel and Save As "Excel Workbook (*.xlsx)"',
};

/** A sheet's name and visibility, by the number of its part (`xl/worksheets/sheet3.xml` → `3`). */
export type SheetNames = Map<string, { name: string; state: string }>;

const SMALL_PART = 16 * 1024 * 1024;

function readSmall(zip: yauzl.ZipFile, e: yauzl.Entry): Promise<string> {
  return new Promise((resolve, reject) => {
    if (e.uncompressedSize > SMALL_PART) return reject(new Error('part too large'));
    zip.openReadStream(e, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('zip'));
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      stream.on('error', reject);
    });
  });
}

/** Sheet names from `xl/workbook.xml` and its relationships (exceljs's stream reader misses them when the
 *  workbook part comes after the sheets, as exceljs itself writes it). */
function sheetNames(workbookXml: string, relsXml: string): SheetNames {
  const targets = new Map<string, string>();
  const rels = new SaxesParser();
  rels.on('opentag', (t) => {
    if (t.name === 'Relationship' || t.name.endsWith(':Relationship')) targets.set(String(t.attributes['Id']), String(t.attributes['Target']));
  });
  rels.write(relsXml).close();
  const out: SheetNames = new Map();
  const wb = new SaxesParser();
  wb.on('opentag', (t) => {
    if (t.name !== 'sheet' && !t.name.endsWith(':sheet')) return;
    const rid = String(t.attributes['r:id'] ?? '');
    const n = /sheet(\d+)\.xml$/.exec(targets.get(rid) ?? '')?.[1];
    if (n !== undefined) out.set(n, { name: String(t.attributes['name'] ?? ''), state: String(t.attributes['state'] ?? 'visible') });
  });
  wb.write(workbookXml).close();
  return out;
}

/** Inspect the archive's directory: problems that refuse the file, or none, and the sheets' names. */
export async function inspectXlsx(buf: Buffer, file: string): Promise<{ problems: IoProblem[]; sheets: SheetNames }> {
  const problems = await inspect(buf, file);
  return problems;
}

async function inspect(buf: Buffer, file: string): Promise<{ problems: IoProblem[]; sheets: SheetNames }> {
  const none: SheetNames = new Map();
  const r = (p: IoProblem[]): { problems: IoProblem[]; sheets: SheetNames } => ({ problems: p, sheets: none });
  const at = { file };
  if (/\.(xlsm|xltm|xlsb|xlam)$/i.test(file)) {
    return r([ioProblem('MACRO_WORKBOOK', at, { vi: 'sổ làm việc có macro bị từ chối; hãy Lưu thành .xlsx', en: 'macro-enabled workbooks are refused; save it as .xlsx' })]);
  }
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) return r([ioProblem('FILE_NOT_SPREADSHEET', at, NOT_XLSX)]);
  let names: string[];
  const parts = new Map<string, string>();
  try {
    names = await new Promise<string[]>((resolve, reject) => {
      yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
        if (err || !zip) return reject(err ?? new Error('zip'));
        const out: string[] = [];
        let total = 0;
        zip.on('entry', (e: yauzl.Entry) => {
          out.push(e.fileName);
          total += e.uncompressedSize;
          const ratio = e.compressedSize === 0 ? Infinity : e.uncompressedSize / e.compressedSize;
          if (out.length > LIMITS.maxZipEntries || total > LIMITS.maxUnzippedBytes || (e.uncompressedSize > 1024 * 1024 && ratio > LIMITS.maxCompressionRatio)) {
            zip.close();
            return reject(Object.assign(new Error('bomb'), { bomb: { entries: out.length, bytes: total } }));
          }
          if (e.fileName === 'xl/workbook.xml' || e.fileName === 'xl/_rels/workbook.xml.rels') {
            readSmall(zip, e).then((t) => {
              parts.set(e.fileName, t);
              zip.readEntry();
            }, reject);
          } else zip.readEntry();
        });
        zip.on('end', () => resolve(out));
        zip.on('error', reject);
        zip.readEntry();
      });
    });
  } catch (e) {
    const bomb = (e as { bomb?: { entries: number; bytes: number } }).bomb;
    if (bomb) {
      return r([
        ioProblem('ARCHIVE_TOO_LARGE', at, {
          vi: `tệp giải nén ra quá nhiều dữ liệu hoặc quá nhiều phần (giới hạn ${LIMITS.maxZipEntries} phần, ${LIMITS.maxUnzippedBytes / 2 ** 30} GiB, tỷ lệ nén ${LIMITS.maxCompressionRatio}:1)`,
          en: `the file unpacks to too much data or too many parts (limits ${LIMITS.maxZipEntries} parts, ${LIMITS.maxUnzippedBytes / 2 ** 30} GiB, compression ratio ${LIMITS.maxCompressionRatio}:1)`,
        }, { params: bomb }),
      ]);
    }
    return r([ioProblem('FILE_NOT_SPREADSHEET', at, NOT_XLSX)]);
  }
  if (names.some((n) => /vbaProject\.bin$/i.test(n) || /^xl\/macrosheets\//i.test(n))) {
    return r([ioProblem('MACRO_WORKBOOK', at, { vi: 'sổ làm việc có macro bị từ chối; hãy Lưu thành .xlsx', en: 'macro-enabled workbooks are refused; save it as .xlsx' })]);
  }
  if (!names.includes('xl/workbook.xml')) return r([ioProblem('FILE_NOT_SPREADSHEET', at, NOT_XLSX)]);
  if (names.some((n) => /^xl\/externalLinks\//i.test(n))) {
    return r([
      ioProblem('EXTERNAL_LINK', at, {
        vi: 'sổ làm việc liên kết tới tệp khác, giá trị có thể đã cũ; trong Excel chọn Dữ liệu → Sửa liên kết → Ngắt liên kết, rồi lưu',
        en: 'the workbook links to other files and its values may be stale; in Excel choose Data → Edit Links → Break Link, then save',
      }),
    ]);
  }
  return { problems: [], sheets: sheetNames(parts.get('xl/workbook.xml') ?? '', parts.get('xl/_rels/workbook.xml.rels') ?? '') };
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      const r = o['result'];
      if (r === undefined || r === null) return { formulaWithoutValue: true };
      return toCell(r);
    }
    if ('error' in o) return { error: String(o['error']) };
    if (Array.isArray(o['richText'])) return (o['richText'] as { text?: string }[]).map((x) => x.text ?? '').join('');
    if ('text' in o) return toCell(o['text']);
  }
  return null;
}

/** The sheets of a workbook, read as a stream; each sheet must be read to its end before the next. */
export async function* xlsxSheets(buf: Buffer, file: string, names: SheetNames, problems: IoProblem[]): AsyncGenerator<RawSheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit',
  });
  // exceljs reads `model.sheets` while matching a sheet to its name; before `xl/workbook.xml` has been
  // read there is no model (a crash in 4.4), so give it an empty one and name the sheets ourselves.
  const r = reader as unknown as { model?: unknown };
  if (r.model === undefined) r.model = { sheets: [] };
  for await (const ws of reader) {
    const w = ws as unknown as AsyncIterable<{ number: number; values: unknown[] }> & { id: string | number; name: string; state?: string };
    const known = [...names.values()].find((x) => x.name === w.name) ?? names.get(String(w.id));
    const sheet = known?.name ?? w.name;
    const state = known?.state ?? w.state;
    async function* rows(): AsyncGenerator<RawRow> {
      let stop = false;
      for await (const row of w) {
        if (stop) continue; // drain the rest of the sheet without keeping it
        const values = row.values;
        if (row.number > LIMITS.maxRows) {
          problems.push(ioProblem('SHEET_TOO_LARGE', { file, sheet, row: row.number }, { vi: `trang có quá ${LIMITS.maxRows} dòng; phần sau không được đọc`, en: `the sheet has more than ${LIMITS.maxRows} rows; the rest was not read` }, { params: { limit: LIMITS.maxRows } }));
          stop = true;
          continue;
        }
        if (values.length - 1 > LIMITS.maxColumns) {
          problems.push(ioProblem('SHEET_TOO_LARGE', { file, sheet, row: row.number }, { vi: `dòng có quá ${LIMITS.maxColumns} cột; trang không được đọc tiếp`, en: `the row has more than ${LIMITS.maxColumns} columns; the rest of the sheet was not read` }, { params: { limit: LIMITS.maxColumns } }));
          stop = true;
          continue;
        }
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(toCell(values[i]));
        yield { row: row.number, cells };
      }
    }
    yield { file, sheet, hidden: state !== undefined && state !== 'visible', rows: rows() };
  }
}
