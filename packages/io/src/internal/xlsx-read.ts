/**
 * XLSX workbooks: the archive inspected first (macros, external links, zip bombs, files that are not
 * workbooks), then streamed sheet by sheet: each part is inflated by yauzl and parsed by saxes (the XML
 * parser exceljs itself uses), so a workbook is never held whole, only its shared strings. Formulas are
 * read as the values Excel saved with them and never evaluated.
 */
import { open as openFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import { ioProblem, type IoProblem } from '../problems.js';
import type { RawRow, RawSheet } from './build.js';
import type { Cell } from './cells.js';
import { LIMITS } from './limits.js';

const NOT_XLSX = {
  vi: 'tệp không phải bảng tính Excel .xlsx (có thể là tệp khác bị đổi đuôi, hoặc tệp .xls cũ); hãy mở bằng Excel và Lưu thành "Sổ làm việc Excel (*.xlsx)"',
  en: 'the file is not an Excel .xlsx workbook (perhaps another file renamed, or an old .xls); open it in Excel and Save As "Excel Workbook (*.xlsx)"',
};

/** An archive whose directory was read: its parts by name, to inflate in any order. */
export interface XlsxArchive {
  readonly zip: yauzl.ZipFile;
  readonly entries: ReadonlyMap<string, yauzl.Entry>;
}

/** A workbook's bytes, or its path (then read from disk as it is inflated, never whole). */
export type XlsxInput = Buffer | { readonly path: string };

async function startsLikeZip(input: XlsxInput): Promise<boolean> {
  if (Buffer.isBuffer(input)) return input.length >= 4 && input.readUInt32LE(0) === 0x04034b50;
  const fh = await openFile(input.path, 'r');
  try {
    const b = Buffer.alloc(4);
    const { bytesRead } = await fh.read(b, 0, 4, 0);
    return bytesRead === 4 && b.readUInt32LE(0) === 0x04034b50;
  } finally {
    await fh.close();
  }
}

function openZip(input: XlsxInput): Promise<yauzl.ZipFile> {
  const options = { lazyEntries: true, validateEntrySizes: true, autoClose: false };
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile): void => (err || !zip ? reject(err ?? new Error('zip')) : resolve(zip));
    if (Buffer.isBuffer(input)) yauzl.fromBuffer(input, options, done);
    else yauzl.open(input.path, options, done);
  });
}

/**
 * Inspect the archive's directory (nothing is unpacked): the problems that refuse the file, or the archive
 * open for {@link xlsxSheets} (close it with `archive.zip.close()`).
 */
export async function inspectXlsx(input: XlsxInput, file: string): Promise<{ problems: IoProblem[]; archive?: XlsxArchive }> {
  const r = (p: IoProblem[]): { problems: IoProblem[] } => ({ problems: p });
  const at = { file };
  if (/\.(xlsm|xltm|xlsb|xlam)$/i.test(file)) {
    return r([
      ioProblem('MACRO_WORKBOOK', at, {
        vi: 'sổ làm việc có macro bị từ chối; hãy Lưu thành .xlsx',
        en: 'macro-enabled workbooks are refused; save it as .xlsx',
      }),
    ]);
  }
  if (!(await startsLikeZip(input))) return r([ioProblem('FILE_NOT_SPREADSHEET', at, NOT_XLSX)]);
  let zipFile: yauzl.ZipFile | undefined;
  const entries = new Map<string, yauzl.Entry>();
  let names: string[];
  try {
    zipFile = await openZip(input);
    const zip = zipFile;
    names = await new Promise<string[]>((resolve, reject) => {
      {
        const out: string[] = [];
        let total = 0;
        zip.on('entry', (e: yauzl.Entry) => {
          out.push(e.fileName);
          entries.set(e.fileName, e);
          total += e.uncompressedSize;
          const ratio = e.compressedSize === 0 ? Infinity : e.uncompressedSize / e.compressedSize;
          if (
            out.length > LIMITS.maxZipEntries ||
            total > LIMITS.maxUnzippedBytes ||
            (/^xl\/worksheets\/[^/]+\.xml$/.test(e.fileName) && e.uncompressedSize > LIMITS.maxSheetXmlBytes) ||
            (e.uncompressedSize > 1024 * 1024 && ratio > LIMITS.maxCompressionRatio)
          ) {
            return reject(Object.assign(new Error('bomb'), { bomb: { entries: out.length, bytes: total } }));
          }
          zip.readEntry();
        });
        zip.on('end', () => resolve(out));
        zip.on('error', reject);
        zip.readEntry();
      }
    });
  } catch (e) {
    zipFile?.close();
    const bomb = (e as { bomb?: { entries: number; bytes: number } }).bomb;
    if (bomb) {
      return r([
        ioProblem(
          'ARCHIVE_TOO_LARGE',
          at,
          {
            vi: `tệp giải nén ra quá nhiều dữ liệu hoặc quá nhiều phần (giới hạn ${LIMITS.maxZipEntries} phần, ${LIMITS.maxUnzippedBytes / 2 ** 30} GiB, tỷ lệ nén ${LIMITS.maxCompressionRatio}:1)`,
            en: `the file unpacks to too much data or too many parts (limits ${LIMITS.maxZipEntries} parts, ${LIMITS.maxUnzippedBytes / 2 ** 30} GiB, compression ratio ${LIMITS.maxCompressionRatio}:1)`,
          },
          { params: bomb },
        ),
      ]);
    }
    return r([ioProblem('FILE_NOT_SPREADSHEET', at, NOT_XLSX)]);
  }
  const refuse = (p: IoProblem[]): { problems: IoProblem[] } => {
    zipFile?.close();
    return r(p);
  };
  if (names.some((n) => /vbaProject\.bin$/i.test(n) || /^xl\/macrosheets\//i.test(n))) {
    return refuse([
      ioProblem('MACRO_WORKBOOK', at, {
        vi: 'sổ làm việc có macro bị từ chối; hãy Lưu thành .xlsx',
        en: 'macro-enabled workbooks are refused; save it as .xlsx',
      }),
    ]);
  }
  if (!names.includes('xl/workbook.xml')) return refuse([ioProblem('FILE_NOT_SPREADSHEET', at, NOT_XLSX)]);
  if (names.some((n) => /^xl\/externalLinks\//i.test(n))) {
    return refuse([
      ioProblem('EXTERNAL_LINK', at, {
        vi: 'sổ làm việc liên kết tới tệp khác, giá trị có thể đã cũ; trong Excel chọn Dữ liệu → Sửa liên kết → Ngắt liên kết, rồi lưu',
        en: 'the workbook links to other files and its values may be stale; in Excel choose Data → Edit Links → Break Link, then save',
      }),
    ]);
  }
  return { problems: [], archive: { zip: zipFile!, entries } };
}

/** The text of a part, inflated and decoded as it streams. */
function partStream(archive: XlsxArchive, name: string): Promise<Readable | undefined> {
  const entry = archive.entries.get(name);
  if (entry === undefined) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    archive.zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('zip'));
      stream.setEncoding('utf8');
      resolve(stream);
    });
  });
}

type Handlers = {
  open?: (name: string, attributes: Record<string, string>) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
};

function parser(h: Handlers): SaxesParser<{ xmlns: false; position: false }> {
  const p = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  // Producers may prefix SpreadsheetML's names (`x:c`); the local name is what counts.
  const local = (n: string): string => {
    const i = n.indexOf(':');
    return i === -1 ? n : n.slice(i + 1);
  };
  if (h.open) {
    const open = h.open;
    p.on('opentag', (tag: SaxesTagPlain) => open(local(tag.name), tag.attributes));
  }
  if (h.text) p.on('text', h.text);
  if (h.close) {
    const close = h.close;
    p.on('closetag', (tag: SaxesTagPlain) => close(local(tag.name)));
  }
  return p;
}

/** Parse a small part whole (workbook, relationships, styles, shared strings). */
async function parsePart(archive: XlsxArchive, name: string, h: Handlers): Promise<boolean> {
  const stream = await partStream(archive, name);
  if (stream === undefined) return false;
  const p = parser(h);
  for await (const chunk of stream as AsyncIterable<string>) p.write(chunk);
  p.close();
  return true;
}

/** Built-in number formats that show dates or times (ECMA-376 §18.8.30). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** A custom number format that shows a date or time: y, m, d, h or s outside quotes and brackets (as exceljs decides). */
function isDateFormat(code: string): boolean {
  return /[ymdhs]/i.test(
    code
      .replace(/\[[^\]]*]/g, '')
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, ''),
  );
}

/** Excel's serial (days since 1899-12-30, or 1904-01-01) as a date, as exceljs converts it. */
function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round(((date1904 ? serial + 1462 : serial) - 25569) * 86_400_000));
}

/** `C12` → its 0-based column index. */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** The last row and column (0-based) of a range such as `A1:XFD1048576`. */
function rangeEnd(ref: string): { row: number; column: number } | undefined {
  const m = /^[A-Z]+\d+:([A-Z]+)(\d+)$|^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return undefined;
  const col = m[1] ?? m[3]!;
  return { row: Number(m[2] ?? m[4]), column: columnIndex(col) };
}

interface SheetRef {
  readonly name: string;
  readonly part: string;
  readonly hidden: boolean;
}

/** The workbook's sheets in order, whether dates count from 1904, and where shared strings and styles are. */
async function workbookParts(archive: XlsxArchive): Promise<{ sheets: SheetRef[]; date1904: boolean; sharedStrings?: string; styles?: string }> {
  const targets = new Map<string, { target: string; type: string }>();
  await parsePart(archive, 'xl/_rels/workbook.xml.rels', {
    open: (n, a) => {
      if (n === 'Relationship' && a['Id'] !== undefined && a['Target'] !== undefined)
        targets.set(a['Id'], { target: a['Target'], type: a['Type'] ?? '' });
    },
  });
  // Targets are relative to xl/, or absolute within the package.
  const resolve = (t: string): string => (t.startsWith('/') ? t.slice(1) : `xl/${t}`).replace(/\/[^/]+\/\.\.\//g, '/');
  const sheets: { name: string; id: string; hidden: boolean }[] = [];
  let date1904 = false;
  await parsePart(archive, 'xl/workbook.xml', {
    open: (n, a) => {
      if (n === 'sheet') sheets.push({ name: a['name'] ?? '', id: a['r:id'] ?? '', hidden: a['state'] === 'hidden' || a['state'] === 'veryHidden' });
      else if (n === 'workbookPr') date1904 = a['date1904'] === '1' || a['date1904'] === 'true';
    },
  });
  const byType = (suffix: string): string | undefined => {
    for (const t of targets.values()) if (t.type.endsWith(suffix)) return resolve(t.target);
    return undefined;
  };
  const shared = byType('/sharedStrings') ?? (archive.entries.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : undefined);
  const styles = byType('/styles') ?? (archive.entries.has('xl/styles.xml') ? 'xl/styles.xml' : undefined);
  return {
    // A sheet whose part is missing (a chart sheet, a broken link) is not a table.
    sheets: sheets.flatMap((x) => {
      const t = targets.get(x.id);
      return t?.type.endsWith('/worksheet') ? [{ name: x.name, part: resolve(t.target), hidden: x.hidden }] : [];
    }),
    date1904,
    ...(shared === undefined ? {} : { sharedStrings: shared }),
    ...(styles === undefined ? {} : { styles }),
  };
}

/** The shared strings, in order (rich text runs joined; phonetic runs left out). */
async function sharedStrings(archive: XlsxArchive, part: string | undefined): Promise<string[]> {
  const out: string[] = [];
  if (part === undefined) return out;
  let cur = '';
  let inT = false;
  let inPhonetic = false;
  await parsePart(archive, part, {
    open: (n) => {
      if (n === 't') inT = !inPhonetic;
      else if (n === 'si') cur = '';
      else if (n === 'rPh') inPhonetic = true;
    },
    text: (t) => {
      if (inT) cur += t;
    },
    close: (n) => {
      if (n === 't') inT = false;
      else if (n === 'rPh') inPhonetic = false;
      else if (n === 'si') out.push(cur);
    },
  });
  return out;
}

/** Which cell styles (index into cellXfs) show dates. */
async function dateStyles(archive: XlsxArchive, part: string | undefined): Promise<boolean[]> {
  const out: boolean[] = [];
  if (part === undefined) return out;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  await parsePart(archive, part, {
    open: (n, a) => {
      if (n === 'numFmt') custom.set(Number(a['numFmtId']), a['formatCode'] ?? '');
      else if (n === 'cellXfs') inCellXfs = true;
      else if (n === 'xf' && inCellXfs) {
        const id = Number(a['numFmtId'] ?? 0);
        const code = custom.get(id);
        out.push(code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id));
      }
    },
    close: (n) => {
      if (n === 'cellXfs') inCellXfs = false;
    },
  });
  return out;
}

/**
 * The rows of one sheet, streamed: its XML is inflated and parsed chunk by chunk, and each row is handed
 * over as soon as it is complete. Bounds: the declared dimension first, then each row and cell as read.
 */
async function* sheetRows(
  archive: XlsxArchive,
  ref: SheetRef,
  ctx: { file: string; problems: IoProblem[]; strings: readonly string[]; dates: readonly boolean[]; date1904: boolean },
): AsyncGenerator<RawRow> {
  const { file, problems, strings, dates, date1904 } = ctx;
  const sheet = ref.name;
  const stream = await partStream(archive, ref.part);
  if (stream === undefined) return;
  const ready: RawRow[] = [];
  let stop = false;
  let merges = 0;
  const mergeRefs: string[] = [];
  // The row being read.
  let rowNumber = 0;
  let cells: Cell[] = [];
  let anyValue = false;
  // The cell being read.
  let col = -1;
  let type = '';
  let style = 0;
  let hasFormula = false;
  let inValue = false;
  let inInline = false;
  let inInlinePhonetic = false;
  let value: string | undefined;
  const tooLarge = (what: 'rows' | 'columns', count: number, row?: number): void => {
    stop = true;
    const limit = what === 'rows' ? LIMITS.maxRows : LIMITS.maxColumns;
    const vi = what === 'rows' ? 'dòng' : 'cột';
    problems.push(
      ioProblem(
        'SHEET_TOO_LARGE',
        row === undefined ? { file, sheet } : { file, sheet, row },
        {
          vi: `trang có ${count} ${vi} trở lên, quá giới hạn ${limit}; trang không được đọc`,
          en: `the sheet has ${count} ${what} or more, over the limit of ${limit}; it was not read`,
        },
        { params: { limit, [what]: count } },
      ),
    );
  };
  const p = parser({
    open: (n, a) => {
      if (stop) return;
      switch (n) {
        case 'c': {
          const r = a['r'];
          col = r === undefined ? col + 1 : columnIndex(r);
          type = a['t'] ?? 'n';
          style = a['s'] === undefined ? 0 : Number(a['s']);
          hasFormula = false;
          value = undefined;
          if (col >= LIMITS.maxColumns) tooLarge('columns', col + 1, rowNumber);
          return;
        }
        case 'v':
          inValue = true;
          value = '';
          return;
        case 'f':
          hasFormula = true;
          return;
        case 'is':
          inInline = true;
          value = '';
          return;
        case 'rPh':
          inInlinePhonetic = true;
          return;
        case 'row': {
          const r = a['r'];
          rowNumber = r === undefined ? rowNumber + 1 : Number(r);
          cells = [];
          anyValue = false;
          col = -1;
          if (rowNumber > LIMITS.maxRows) tooLarge('rows', rowNumber);
          return;
        }
        case 'dimension': {
          const end = rangeEnd(a['ref'] ?? '');
          if (end !== undefined && end.row > LIMITS.maxRows) tooLarge('rows', end.row);
          else if (end !== undefined && end.column >= LIMITS.maxColumns) tooLarge('columns', end.column + 1);
          return;
        }
        case 'mergeCell':
          merges++;
          if (mergeRefs.length < 5 && a['ref'] !== undefined) mergeRefs.push(a['ref']);
          return;
      }
    },
    text: (t) => {
      if (inValue || (inInline && !inInlinePhonetic)) value += t;
    },
    close: (n) => {
      if (stop) return;
      switch (n) {
        case 'v':
          inValue = false;
          return;
        case 'is':
          inInline = false;
          return;
        case 'rPh':
          inInlinePhonetic = false;
          return;
        case 'c': {
          let cell: Cell = null;
          if (value === undefined) cell = hasFormula ? { formulaWithoutValue: true } : null;
          else if (type === 's') cell = strings[Number(value)] ?? null;
          else if (type === 'str' || type === 'inlineStr') cell = value;
          else if (type === 'b') cell = value === '1' || value === 'true';
          else if (type === 'e') cell = { error: value };
          else if (type === 'd') cell = value === '' ? null : new Date(value);
          else if (value !== '') {
            const num = Number(value);
            cell = dates[style] === true && Number.isFinite(num) ? serialToDate(num, date1904) : num;
          }
          if (cell !== null) {
            while (cells.length < col) cells.push(null);
            cells[col] = cell;
            anyValue = true;
          }
          return;
        }
        case 'row':
          if (anyValue) ready.push({ row: rowNumber, cells });
          return;
      }
    },
  });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      p.write(chunk);
      if (ready.length > 0) yield* ready.splice(0);
      if (stop) break;
    }
    if (!stop) p.close();
  } finally {
    stream.destroy();
  }
  if (stop) return;
  yield* ready.splice(0);
  if (merges > 0) {
    const shown = mergeRefs.join(', ') + (merges > mergeRefs.length ? ', …' : '');
    problems.push(
      ioProblem(
        'MERGED_CELLS',
        { file, sheet },
        {
          vi: `trang có ${merges} vùng ô gộp (${shown}); chỉ ô đầu của mỗi vùng có giá trị, các ô còn lại được đọc là trống — hãy bỏ gộp ô và điền đủ nếu không đúng ý`,
          en: `the sheet has ${merges} merged range(s) (${shown}); only the first cell of a range holds its value, the others read as empty — unmerge them and fill them in if that is not meant`,
        },
        { params: { ranges: merges } },
      ),
    );
  }
}

/**
 * The sheets of a workbook, in the workbook's order, each streamed row by row (see {@link sheetRows}).
 * Shared strings and styles are read first, whatever their place in the archive (exceljs 4.4's stream
 * reader takes parts in archive order and so could hand rows over before the strings they name).
 * Closes the archive when done.
 */
export async function* xlsxSheets(archive: XlsxArchive, file: string, problems: IoProblem[]): AsyncGenerator<RawSheet> {
  try {
    const wb = await workbookParts(archive);
    const strings = await sharedStrings(archive, wb.sharedStrings);
    const dates = await dateStyles(archive, wb.styles);
    for (const ref of wb.sheets) {
      yield { file, sheet: ref.name, hidden: ref.hidden, rows: sheetRows(archive, ref, { file, problems, strings, dates, date1904: wb.date1904 }) };
    }
  } finally {
    archive.zip.close();
  }
}
