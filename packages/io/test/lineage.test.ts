import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '@cnscd/core';
import { exportWorkbook, readCsvText, readXlsx, templateWorkbook } from '../src/index.js';
import { stableIdsDataset } from '../../core/test/reform-fixtures.js';

/** The lineage sheet ("Sáp nhập - Lineage"): old_id, new_id, part, effective[, share], one row per link. */
const units = [
  { id: 'P', name: 'Tỉnh', level: 'province' },
  { id: 'C1', name: 'Xã C1', level: 'commune', parentId: 'P' },
  { id: 'C2', name: 'Xã C2', level: 'commune', parentId: 'P' },
  { id: 'C3', name: 'Xã C3', level: 'commune', parentId: 'P', validTo: '2025-06-30' },
  { id: 'N1', name: 'Xã N1', level: 'commune', parentId: 'P', validFrom: '2025-07-01' },
  { id: 'N2', name: 'Xã N2', level: 'commune', parentId: 'P', validFrom: '2025-07-01' },
];

/** A workbook with the units sheet and a lineage sheet of the given rows (header in row 1). */
async function workbook(rows: unknown[][], sheet = 'Sáp nhập - Lineage'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const u = wb.addWorksheet('Đơn vị hành chính');
  u.addRow(['Mã đơn vị', 'Tên đơn vị', 'Cấp', 'Mã đơn vị cấp trên', 'Hiệu lực từ ngày', 'Hiệu lực đến ngày']);
  for (const x of units) u.addRow([x.id, x.name, x.level, x.parentId ?? null, x.validFrom ?? null, x.validTo ?? null]);
  const l = wb.addWorksheet(sheet);
  for (const r of rows) l.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const HEADER = ['old_id', 'new_id', 'part', 'effective', 'share'];

describe('lineage sheet import', () => {
  it("maps rows to successors and the old units' validTo (the day before effective)", async () => {
    const r = await readXlsx(
      await workbook([
        HEADER,
        ['C1', 'N1', 'full', '01/07/2025'],
        ['C2', 'N1', 'partial', '2025-07-01', '0,6'],
        ['C2', 'N2', 'partial', '2025-07-01', 0.4],
        ['C3', 'N2', 'full', '2025-07-01'],
      ]),
    );
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const by = (id: string) => r.dataset.orgUnits.find((u) => u.id === id)!;
    expect(by('C1')).toMatchObject({ validTo: '2025-06-30', successors: [{ id: 'N1', part: 'full' }] });
    expect(by('C2')).toMatchObject({
      validTo: '2025-06-30',
      successors: [
        { id: 'N1', part: 'partial', share: 0.6 },
        { id: 'N2', part: 'partial', share: 0.4 },
      ],
    });
    expect(by('C3').successors).toEqual([{ id: 'N2', part: 'full' }]);
    expect(by('N1').successors).toBeUndefined();
    expect(r.valid).toBe(true);
  });

  it('names the cell of every row it cannot apply: unknown ids, a conflicting validTo, a link twice, shares over 1', async () => {
    const r = await readXlsx(
      await workbook([
        HEADER,
        ['C9', 'N1', 'full', '2025-07-01'],
        ['C3', 'N1', 'full', '2025-08-01'],
        ['C1', 'N1', 'partial', '2025-07-01', 0.7],
        ['C1', 'N1', 'partial', '2025-07-01', 0.2],
        ['C1', 'N2', 'partial', '2025-07-01', 0.5],
        ['C2', 'N2', 'partial', '2025-07-01', 1.5],
      ]),
      { file: 'cai-cach.xlsx' },
    );
    const at = (code: string) =>
      r.problems.filter((p) => p.code === code).map((p) => [p.source?.sheet, p.source?.row, p.source?.column, p.source?.header]);
    expect(at('INVALID_CELL')).toEqual([
      ['Sáp nhập - Lineage', 7, 'E', 'share'], // 1.5 is not a fraction
      ['Sáp nhập - Lineage', 2, 'A', 'old_id'], // no unit C9
      ['Sáp nhập - Lineage', 3, 'D', 'effective'], // C3 ends on 2025-06-30: effective must be 2025-07-01
      ['Sáp nhập - Lineage', 5, 'B', 'new_id'], // C1 → N1 again
    ]);
    const conflict = r.problems.find((p) => p.source?.row === 3)!;
    expect(conflict.message.vi).toContain('2025-06-30');
    // C1's links 0.7 + 0.5: the dataset's rule, pointed back at the lineage row.
    const over = r.problems.find((p) => p.code === 'SUCCESSOR_SHARES_OVER_ONE')!;
    expect(over.source).toMatchObject({ sheet: 'Sáp nhập - Lineage', row: 4 });
    expect(r.valid).toBe(false);
  });

  it('reads a CSV file of links by its header, whatever its name', async () => {
    const text = 'old_id,new_id,part,effective\r\nC1,N1,full,2025-07-01\r\n';
    const r = await readCsvText(new TextEncoder().encode(text), { file: 'nghi-quyet-1685.csv' });
    expect(r.problems.find((p) => p.code === 'TABLE_NOT_RECOGNISED')).toBeUndefined();
    // No units in this file: the link names units it cannot find, at its cells.
    expect(r.problems.filter((p) => p.code === 'INVALID_CELL').map((p) => p.source?.column)).toEqual(['A', 'B']);
  });
});

describe('lineage sheet export', () => {
  it('export → import gives the reform back (shares, partial and full links)', async () => {
    const reform = stableIdsDataset({ lineage: true, partial: true, share: true });
    // (Members come back with `affiliations: []`, as every import writes them.)
    const d: Dataset = { ...reform, teams: reform.teams.map((t) => ({ ...t, members: (t.members ?? []).map((m) => ({ ...m, affiliations: [] })) })) };
    const back = await readXlsx(await exportWorkbook(d));
    expect(back.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(back.dataset).toEqual(d);
    const en = await readXlsx(await exportWorkbook(d, { lang: 'en' }));
    expect(en.dataset).toEqual(d);
  });

  it('the template has the sheet, a guide row above its header, and a dropdown for part', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await templateWorkbook({ activityMetrics: [], areaMetrics: [] })) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Sáp nhập - Lineage')!;
    expect(String(ws.getCell('A1').value)).toMatch(/^Mỗi dòng một liên kết/);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      'Mã đơn vị cũ (old_id)',
      'Mã đơn vị mới (new_id)',
      'Toàn bộ hay một phần (part)',
      'Ngày hiệu lực (effective)',
      'Tỷ lệ (0-1) (share)',
    ]);
    expect(ws.getCell('C3').dataValidation).toMatchObject({ type: 'list', formulae: ['"full,partial"'] });
    // Filled in and read back: the guide row is not a row of data.
    ws.addRow(['C1', 'N1', 'full', '2025-07-01']);
    const u = wb.getWorksheet('Đơn vị hành chính')!;
    for (const x of units) u.addRow([x.id, x.name, x.level, x.parentId ?? null, x.validFrom ?? null, x.validTo ?? null]);
    const r = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.dataset.orgUnits.find((x) => x.id === 'C1')!.successors).toEqual([{ id: 'N1', part: 'full' }]);
  });
});

describe('history sheets', () => {
  it('carry parentHistory and orgUnitHistory: export → import gives them back, problems at their cells', async () => {
    const { movedTeamsDataset } = await import('../../core/test/reform-fixtures.js');
    const moved = movedTeamsDataset(true);
    const d: Dataset = { ...moved, teams: moved.teams.map((t) => ({ ...t, members: (t.members ?? []).map((m) => ({ ...m, affiliations: [] })) })) };
    expect(d.orgUnits.some((u) => u.parentHistory !== undefined) && d.teams.some((t) => t.orgUnitHistory !== undefined)).toBe(true);
    const buf = await exportWorkbook(d);
    const back = await readXlsx(buf);
    expect(back.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(back.dataset).toEqual(d);
    // A history row naming a team that does not exist, and one out of date order, at their cells.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Đơn vị trước đây của tổ')!;
    ws.addRow(['T-nobody', 'C1', '2025-06-30']);
    ws.addRow(['T-C1', 'C1', '2024-01-01']);
    const r = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()), { file: 'x.xlsx' });
    const last = ws.rowCount;
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.source?.sheet, p.source?.row, p.source?.column])).toEqual([
      ['INVALID_CELL', 'Đơn vị trước đây của tổ', last - 1, 'A'],
      ['HISTORY_ORDER', 'Đơn vị trước đây của tổ', last, 'C'],
    ]);
  });
});
