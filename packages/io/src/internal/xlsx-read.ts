/**
 * XLSX workbooks: the archive inspected first (macros, external links, zip bombs, files that are not
 * workbooks), then loaded with exceljs and read sheet by sheet. Formulas are read as the values Excel
 * saved with them and never evaluated.
 */
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { ioProblem, type IoProblem } from '../problems.js';
import type { RawRow, RawSheet } from './build.js';
import type { Cell } from './cells.js';
import { LIMITS } from './limits.js';

const NOT_XLSX = {
  vi: 'tệp không phải bảng tính Excel .xlsx (có thể là tệp khác bị đổi đuôi, hoặc tệp .xls cũ); hãy mở bằng Excel và Lưu thành "Sổ làm việc Excel (*.xlsx)"',
  en: 'the file is not an Excel .xlsx workbook (perhaps another file renamed, or an old .xls); open it in Excel and Save As "Excel Workbook (*.xlsx)"',
};

/** Inspect the archive's directory (nothing is unpacked): problems that refuse the file, or none. */
export async function inspectXlsx(buf: Buffer, file: string): Promise<IoProblem[]> {
  const r = (p: IoProblem[]): IoProblem[] => p;
  const at = { file };
  if (/\.(xlsm|xltm|xlsb|xlam)$/i.test(file)) {
    return r([ioProblem('MACRO_WORKBOOK', at, { vi: 'sổ làm việc có macro bị từ chối; hãy Lưu thành .xlsx', en: 'macro-enabled workbooks are refused; save it as .xlsx' })]);
  }
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) return r([ioProblem('FILE_NOT_SPREADSHEET', at, NOT_XLSX)]);
  let names: string[];
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
          if (out.length > LIMITS.maxZipEntries || total > LIMITS.maxUnzippedBytes || (/^xl\/worksheets\/[^/]+\.xml$/.test(e.fileName) && e.uncompressedSize > LIMITS.maxSheetXmlBytes) || (e.uncompressedSize > 1024 * 1024 && ratio > LIMITS.maxCompressionRatio)) {
            zip.close();
            return reject(Object.assign(new Error('bomb'), { bomb: { entries: out.length, bytes: total } }));
          }
          zip.readEntry();
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
  return [];
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

/**
 * The sheets of a workbook. exceljs's stream reader (4.4) sometimes hands over rows before the shared
 * strings are read, and then every text cell is empty (seen in 1 run of 7 on this machine), so the
 * workbook is loaded whole; memory is bounded by the archive checks above (at most
 * `LIMITS.maxSheetXmlBytes` of sheet XML), rows and columns by `LIMITS.maxRows`/`maxColumns`.
 */
export async function* xlsxSheets(buf: Buffer, file: string, problems: IoProblem[]): AsyncGenerator<RawSheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations', 'hyperlinks', 'conditionalFormatting', 'extLst', 'picture', 'drawing'] } as never);
  for (const ws of wb.worksheets) {
    const sheet = ws.name;
    const merges = ((ws as unknown as { model?: { merges?: string[] } }).model?.merges ?? []).length;
    if (merges > 0) {
      problems.push(ioProblem('MERGED_CELLS', { file, sheet }, {
        vi: `trang có ${merges} vùng ô gộp; mỗi ô trong vùng được đọc theo giá trị của ô đầu — hãy bỏ gộp ô nếu không đúng ý`,
        en: `the sheet has ${merges} merged range(s); every cell of a range reads as its first cell — unmerge them if that is not meant`,
      }, { params: { ranges: merges } }));
    }
    const rows = function* (): Generator<RawRow> {
      const count = ws.rowCount;
      const columns = ws.columnCount;
      if (count > LIMITS.maxRows) {
        problems.push(ioProblem('SHEET_TOO_LARGE', { file, sheet, row: count }, { vi: `trang có ${count} dòng, quá giới hạn ${LIMITS.maxRows}; trang không được đọc`, en: `the sheet has ${count} rows, over the limit of ${LIMITS.maxRows}; it was not read` }, { params: { limit: LIMITS.maxRows, rows: count } }));
        return;
      }
      if (columns > LIMITS.maxColumns) {
        problems.push(ioProblem('SHEET_TOO_LARGE', { file, sheet }, { vi: `trang có ${columns} cột, quá giới hạn ${LIMITS.maxColumns}; trang không được đọc`, en: `the sheet has ${columns} columns, over the limit of ${LIMITS.maxColumns}; it was not read` }, { params: { limit: LIMITS.maxColumns, columns } }));
        return;
      }
      const out: RawRow[] = [];
      ws.eachRow({ includeEmpty: false }, (row, number) => {
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(toCell(values[i]));
        out.push({ row: number, cells });
      });
      yield* out;
    };
    yield { file, sheet, hidden: ws.state !== undefined && ws.state !== 'visible', rows: rows() };
  }
}
