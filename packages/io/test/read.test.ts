import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportWorkbook, readCsvText, readXlsx } from '../src/index.js';
import { workbook } from './fixtures/workbook.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const small = JSON.parse(readFileSync(new URL('../../../examples/datasets/small.json', import.meta.url), 'utf8'));

const UNITS = 'Mã đơn vị;Tên đơn vị;Cấp\nP;Tỉnh;province\nX;Xã;commune\n';

describe('CSV', () => {
  it('reads Vietnamese headers without diacritics, semicolons and Vietnamese numbers', async () => {
    const r = await readCsvText(enc('ma to;thang;So ho gia dinh da den huong dan;peopleGuided\nT1;03/2025;1.234.567;12,5\n'), {
      file: 'bao-cao.csv',
    });
    expect(r.dataset.reports).toEqual([{ teamId: 'T1', month: '2025-03', metrics: { householdsVisited: 1234567, peopleGuided: 12.5 } }]);
  });

  it('refuses "1.234" rather than guess, pointing at the cell', async () => {
    const r = await readCsvText(enc('Mã tổ,Tháng,peopleGuided\nT1,2025-03,"1.234"\n'), { file: 'reports.csv' });
    const p = r.problems.find((x) => x.code === 'AMBIGUOUS_NUMBER');
    expect(p?.source).toEqual({ file: 'reports.csv', row: 2, column: 'C', header: 'peopleGuided' });
    expect(p?.message.vi).toMatch(/^Tệp 'reports.csv', dòng 2, cột C \(peopleGuided\): /);
    expect(r.valid).toBe(false);
  });

  it('numbers rows as a spreadsheet does, also after a cell that holds a line break', async () => {
    const r = await readCsvText(enc('Mã đơn vị,Tên đơn vị,Cấp,Hiệu lực từ ngày\nP,"Tỉnh\nmới",province,\n\nX,Xã,commune,31/02/2025\n'), {
      file: 'don-vi.csv',
    });
    expect(r.problems.map((p) => [p.code, p.source?.row, p.source?.column])).toEqual([['INVALID_CELL', 5, 'D']]);
  });

  it('reads UTF-16 with a BOM and UTF-8 with a BOM alike, refuses a legacy code page', async () => {
    const text = UNITS;
    const u16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    const u8 = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(text)]);
    const a = await readCsvText(u16, { file: 'don-vi.csv' });
    const b = await readCsvText(u8, { file: 'don-vi.csv' });
    expect(a.dataset.orgUnits).toHaveLength(2);
    expect(a.dataset).toEqual(b.dataset);
    const latin = new Uint8Array([...enc('Mã đơn vị;Tên đơn vị;Cấp\nP;T'), 0xea, 0x6e, ...enc(';province\n')]);
    const c = await readCsvText(latin, { file: 'don-vi.csv' });
    expect(c.problems.map((p) => p.code)).toEqual(['ENCODING_UNSUPPORTED']);
    expect(c.problems[0]!.message.vi).toMatch(/CSV UTF-8/);
  });

  it('skips personal-data columns with a warning naming the header only, never the value', async () => {
    const csv = 'Mã tổ;Mã thành viên;Vai trò;Họ và tên;Số điện thoại;CCCD\nT1;m-1;Tổ trưởng;Nguyễn Văn A;0912345678;079203012345\n';
    const r = await readCsvText(enc(csv), { file: 'thanh-vien.csv' });
    const personal = r.problems.filter((p) => p.code === 'PERSONAL_DATA_COLUMN');
    expect(personal.map((p) => p.source?.header)).toEqual(['Họ và tên', 'Số điện thoại', 'CCCD']);
    expect(personal.every((p) => p.severity === 'warning')).toBe(true);
    const all = JSON.stringify(r);
    for (const v of ['Nguyễn', '0912345678', '079203012345']) expect(all).not.toContain(v);
    const strict = await readCsvText(enc(csv), { file: 'thanh-vien.csv', strict: true });
    expect(strict.problems.filter((p) => p.code === 'PERSONAL_DATA_COLUMN').every((p) => p.severity === 'error')).toBe(true);
  });

  it('a member id that is a phone number is refused by core, at its cell, never echoed', async () => {
    const r = await readCsvText(enc('Mã tổ;Tháng;Mã thành viên;peopleGuided\nT1;2025-03;0912345678;3\n'), { file: 'bao-cao.csv' });
    const p = r.problems.find((x) => x.code === 'PERSONAL_DATA_VALUE');
    expect(p?.source).toMatchObject({ row: 2, column: 'C' });
    expect(JSON.stringify(r.problems)).not.toContain('0912345678');
  });
});

describe('XLSX cells', () => {
  it('reads date cells, serials and dd/mm/yyyy as ISO; a header below a title; formulas by saved value only', async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet('Tổ');
      ws.addRow(['DANH SÁCH TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG']);
      ws.addRow(['Mã tổ', 'Mã đơn vị phục vụ', 'Cấp', 'Ngày thành lập', 'Ngày giải thể']);
      ws.addRow(['T1', 'X', 'Xã/Phường', new Date(Date.UTC(2024, 2, 1)), '31/12/2025']);
      ws.addRow(['T2', 'X', 'commune', 45352, { formula: 'DATE(2026,1,1)', result: new Date(Date.UTC(2026, 0, 1)) }]);
      ws.addRow(['T3', 'X', 'commune', { formula: '1+1' }]);
    });
    const r = await readXlsx(buf, { file: 'to.xlsx' });
    expect(r.dataset.teams.map((t) => [t.id, t.level, t.establishedOn, t.disbandedOn])).toEqual([
      ['T1', 'commune', '2024-03-01', '2025-12-31'],
      ['T2', 'commune', '2024-03-01', '2026-01-01'],
    ]);
    const f = r.problems.find((p) => p.code === 'FORMULA_WITHOUT_VALUE');
    expect(f?.source).toMatchObject({ sheet: 'Tổ', row: 5, column: 'D', header: 'Ngày thành lập' });
  });

  it("points core's problems at the cell: 'Báo cáo tháng', row, column letter and header", async () => {
    const d = { ...small, reports: [...small.reports, { teamId: 'no-such-team', month: '2025-02', metrics: { peopleGuided: 3 } }] };
    const r = await readXlsx(await exportWorkbook(d), { file: 'x.xlsx' });
    const p = r.problems.find((x) => x.code === 'DANGLING_REFERENCE');
    expect(p?.source).toMatchObject({ file: 'x.xlsx', sheet: 'Báo cáo tháng', row: small.reports.length + 2, column: 'A', header: 'Mã tổ (teamId)' });
    expect(p?.message.vi).toMatch(new RegExp(`^Trang 'Báo cáo tháng', dòng ${small.reports.length + 2}, cột A \\(Mã tổ \\(teamId\\)\\): `));
  });
});

describe('hostile files', () => {
  it('a text file renamed .xlsx', async () => {
    const r = await readXlsx(Buffer.from('Mã tổ,Tháng\nT1,2025-01\n'), { file: 'renamed.xlsx' });
    expect(r.problems.map((p) => p.code)).toEqual(['FILE_NOT_SPREADSHEET']);
  });

  it('.xlsm refused by name', async () => {
    const r = await readXlsx(await exportWorkbook(small), { file: 'macro.xlsm' });
    expect(r.problems.map((p) => p.code)).toEqual(['MACRO_WORKBOOK']);
  });

  it('a sheet wider than the limit is refused within bounded memory', async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet('Báo cáo tháng');
      ws.addRow(['Mã tổ', 'Tháng']);
      ws.getCell(2, 16_384).value = 1;
    });
    const r = await readXlsx(buf, { file: 'wide.xlsx' });
    expect(r.problems.map((p) => p.code)).toContain('SHEET_TOO_LARGE');
    expect(r.valid).toBe(false);
  });
});
