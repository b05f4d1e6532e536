/** One test per hostile file: each gets a clear problem, never a crash, within bounded memory. */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { exportWorkbook, LIMITS, readXlsx } from '../src/index.js';

const small = JSON.parse(readFileSync(new URL('../../../examples/datasets/small.json', import.meta.url), 'utf8'));

async function alter(add: Record<string, string | Uint8Array>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await exportWorkbook(small));
  for (const [name, content] of Object.entries(add)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const codes = (r: { problems: readonly { code: string }[] }): string[] => r.problems.map((p) => p.code);

describe('hostile workbooks', () => {
  it('a macro project inside a file named .xlsx', async () => {
    const r = await readXlsx(await alter({ 'xl/vbaProject.bin': new Uint8Array([1, 2, 3]) }), { file: 'report.xlsx' });
    expect(codes(r)).toEqual(['MACRO_WORKBOOK']);
  });

  it('external links', async () => {
    const r = await readXlsx(await alter({ 'xl/externalLinks/externalLink1.xml': '<externalLink/>' }), { file: 'linked.xlsx' });
    expect(codes(r)).toEqual(['EXTERNAL_LINK']);
    expect(r.problems[0]!.message.vi).toMatch(/Ngắt liên kết/);
  });

  it('a zip bomb: a part that inflates far beyond its size', async () => {
    const r = await readXlsx(await alter({ 'xl/worksheets/sheet9.xml': ' '.repeat(8 * 1024 * 1024) }), { file: 'bomb.xlsx' });
    expect(codes(r)).toEqual(['ARCHIVE_TOO_LARGE']);
  });

  it('a zip bomb that lies: a part inflating past the size it declares is stopped there', async () => {
    const zip = await JSZip.loadAsync(await exportWorkbook(small));
    const name = 'xl/worksheets/sheet2.xml';
    zip.file(
      name,
      `<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Mã tổ</t></is></c></row>${' '.repeat(8 * 1024 * 1024)}</sheetData></worksheet>`,
    );
    const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    // Declare 1,000,000 bytes (under the bounds) in both the local header and the central directory.
    const needle = Buffer.from(name);
    let patched = 0;
    for (let i = buf.indexOf(needle); i !== -1; i = buf.indexOf(needle, i + 1)) {
      if (buf.readUInt32LE(i - 46) === 0x02014b50) buf.writeUInt32LE(1_000_000, i - 46 + 24);
      else if (buf.readUInt32LE(i - 30) === 0x04034b50) buf.writeUInt32LE(1_000_000, i - 30 + 22);
      else continue;
      patched++;
    }
    expect(patched).toBe(2);
    const r = await readXlsx(buf, { file: 'liar.xlsx' });
    expect(codes(r)).toContain('ARCHIVE_TOO_LARGE');
    expect(r.valid).toBe(false);
  });

  it('a zip bomb: too many parts', async () => {
    const zip = await JSZip.loadAsync(await exportWorkbook(small));
    for (let i = 0; i <= LIMITS.maxZipEntries; i++) zip.file(`xl/media/p${i}.txt`, '');
    const r = await readXlsx(await zip.generateAsync({ type: 'nodebuffer' }), { file: 'parts.xlsx' });
    expect(codes(r)).toEqual(['ARCHIVE_TOO_LARGE']);
  });

  it('a zip that is not a workbook (a renamed .docx or archive)', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    const r = await readXlsx(await zip.generateAsync({ type: 'nodebuffer' }), { file: 'letter.xlsx' });
    expect(codes(r)).toEqual(['FILE_NOT_SPREADSHEET']);
  });

  it('an old .xls (OLE compound file) renamed .xlsx', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
    const r = await readXlsx(ole, { file: 'old.xlsx' });
    expect(codes(r)).toEqual(['FILE_NOT_SPREADSHEET']);
    expect(r.problems[0]!.message.vi).toMatch(/Lưu thành/);
  });

  it('a sheet reaching row 1,048,576 is refused by its size, not read', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Báo cáo tháng');
    ws.addRow(['Mã tổ', 'Tháng', 'peopleGuided']);
    ws.getCell(1_048_576, 1).value = 'T1';
    const r = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()), { file: 'tall.xlsx' });
    expect(codes(r)).toContain('SHEET_TOO_LARGE');
    expect(r.valid).toBe(false);
  });

  it('a corrupt archive (truncated)', async () => {
    const buf = await exportWorkbook(small);
    const r = await readXlsx(buf.subarray(0, Math.floor(buf.length / 2)), { file: 'cut.xlsx' });
    expect(codes(r)).toEqual(['FILE_NOT_SPREADSHEET']);
  });
});
