import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderScorecardXlsx } from '../src/index.js';
import { benTre, FORMULA, XSS } from './fixtures.js';

const { result } = benTre();

describe('renderScorecardXlsx', async () => {
  const bytes = await renderScorecardXlsx(result);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);

  it('has the four sheets, with frozen headers and filters', () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Xếp hạng tổ', 'Chi tiết tiêu chí', 'Vấn đề dữ liệu']);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
    }
  });

  it('writes headers in Vietnamese and numbers as numbers with Vietnamese formats', () => {
    const summary = wb.getWorksheet('Tổng hợp')!;
    expect(summary.getRow(1).getCell(3).value).toBe('Đơn vị');
    const province = result.rollup!.units[0]!;
    const row = summary.getRow(2);
    expect(row.getCell(3).value).toBe(province.name);
    expect(row.getCell(8).value).toBeCloseTo(province.meanPercent! / 100, 5);
    expect(row.getCell(8).numFmt).toBe('[$-42A]0.0%');
    expect(row.getCell(14).value).toBe(province.members);
    expect(row.getCell(14).numFmt).toBe('[$-42A]#,##0');

    const teams = wb.getWorksheet('Xếp hạng tổ')!;
    expect(teams.getRow(1).values).toContain('Xếp loại');
    expect(teams.rowCount).toBe(result.subjects.length + 1);
    expect(teams.getRow(2).getCell(1).value).toBe(1);
    const best = Math.max(...result.subjects.map((s) => s.percent));
    expect(teams.getRow(2).getCell(7).value).toBeCloseTo(best / 100, 5);

    const detail = wb.getWorksheet('Chi tiết tiêu chí')!;
    expect(detail.rowCount).toBe(result.subjects.reduce((n, s) => n + s.criteria.length, 0) + 1);
    const statuses = new Set(detail.getColumn(6).values.slice(2));
    expect([...statuses].every((s) => ['Đạt', 'Đạt một phần', 'Chưa đạt', 'Không áp dụng', 'Lỗi'].includes(String(s)))).toBe(true);
  });

  it('neutralises formulas and keeps text as text', () => {
    const summary = wb.getWorksheet('Tổng hợp')!;
    const names = summary.getColumn(3).values.map(String);
    expect(names).toContain(`'${FORMULA}`);
    expect(names).not.toContain(FORMULA);
    expect(names).toContain(XSS);
    summary.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });
});
