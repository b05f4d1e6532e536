/**
 * Workbooks are streamed part by part (yauzl + saxes): what a streamed read must get right whatever order
 * or form the producer chose — shared strings after the sheets, inline strings, the 1904 date system,
 * hidden sheets, merged cells, a workbook read from disk.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { exportWorkbook, readSpreadsheet, readXlsx } from '../src/index.js';
import { workbook } from './fixtures/workbook.js';

const small = JSON.parse(readFileSync(new URL('../../../examples/datasets/small.json', import.meta.url), 'utf8'));

/** The archive rewritten with its parts in `order` (names matching first, in that order), the rest after. */
async function reorder(buf: Buffer, first: RegExp[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buf);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const rank = (n: string): number => {
    const i = first.findIndex((r) => r.test(n));
    return i === -1 ? first.length : i;
  };
  const out = new JSZip();
  for (const n of [...names].sort((a, b) => rank(a) - rank(b))) out.file(n, await zip.file(n)!.async('uint8array'));
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('streamed workbooks', () => {
  it('sheets stored before the shared strings and the workbook part (the order that broke exceljs’s stream reader)', async () => {
    const buf = await reorder(await exportWorkbook(small), [/^xl\/worksheets\//, /^xl\/sharedStrings\.xml$/, /^xl\/workbook\.xml$/]);
    const zip = await JSZip.loadAsync(buf);
    const names = Object.keys(zip.files);
    expect(names.findIndex((n) => n.startsWith('xl/worksheets/'))).toBeLessThan(names.indexOf('xl/sharedStrings.xml'));
    for (let i = 0; i < 5; i++) {
      const r = await readXlsx(buf, { file: 'reordered.xlsx' });
      expect(r.problems).toEqual([]);
      expect(r.dataset).toEqual(small);
    }
  });

  it('a workbook read from its path gives what its bytes give', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnscd-io-'));
    try {
      const path = join(dir, 'small.xlsx');
      writeFileSync(path, await exportWorkbook(small));
      const r = await readSpreadsheet(path);
      expect(r.problems).toEqual([]);
      expect(r.dataset).toEqual(small);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('inline strings and the 1904 date system', async () => {
    const buf = await workbook((wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('Tổ');
      ws.addRow(['Mã tổ', 'Mã đơn vị phục vụ', 'Cấp', 'Ngày thành lập']);
      ws.addRow(['T1', 'X', 'commune', new Date(Date.UTC(2024, 2, 1))]);
    });
    const zip = await JSZip.loadAsync(buf);
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    expect(xml).toMatch(/date1904="1"/);
    // T1 as an inline string instead of a shared one.
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    const index = [...strings.matchAll(/<si>.*?<\/si>/g)].findIndex((m) => m[0].includes('>T1<'));
    const inlined = sheet.replace(new RegExp(`<c r="A2"([^>]*) t="s"><v>${index}</v></c>`), '<c r="A2"$1 t="inlineStr"><is><t>T1</t></is></c>');
    expect(inlined).not.toBe(sheet);
    zip.file('xl/worksheets/sheet1.xml', inlined);
    const r = await readXlsx(await zip.generateAsync({ type: 'nodebuffer' }), { file: 'mac.xlsx' });
    expect(r.dataset.teams.map((t) => [t.id, t.establishedOn])).toEqual([['T1', '2024-03-01']]);
  });

  it('a hidden sheet is read with a warning; merged cells warn and read as empty beyond their first cell', async () => {
    const buf = await workbook((wb) => {
      const hidden = wb.addWorksheet('Tổ', { state: 'hidden' });
      hidden.addRow(['Mã tổ', 'Mã đơn vị phục vụ', 'Cấp', 'Ngày thành lập']);
      hidden.addRow(['T1', 'X', 'commune', '01/03/2024']);
      const ws = wb.addWorksheet('Thành viên');
      ws.addRow(['DANH SÁCH THÀNH VIÊN']);
      ws.mergeCells('A1:D1');
      ws.addRow(['Mã tổ', 'Mã thành viên', 'Vai trò']);
      ws.addRow(['T1', 'm-1', 'Tổ trưởng']);
      ws.addRow([null, 'm-2', 'Thành viên']);
      ws.mergeCells('A3:A4');
    });
    const r = await readXlsx(buf, { file: 'merged.xlsx' });
    expect(r.problems.find((p) => p.code === 'HIDDEN_SHEET')?.source).toEqual({ file: 'merged.xlsx', sheet: 'Tổ' });
    const merged = r.problems.find((p) => p.code === 'MERGED_CELLS');
    expect(merged).toMatchObject({ severity: 'warning', source: { sheet: 'Thành viên' }, params: { ranges: 2 } });
    expect(merged!.message.en).toContain('A3:A4');
    // The second member's team cell is the merged range's second cell: empty, so refused at its cell.
    expect(r.problems.find((p) => p.code === 'INVALID_CELL')?.source).toMatchObject({ sheet: 'Thành viên', row: 4, column: 'A' });
    expect(r.valid).toBe(false);
  });
});
