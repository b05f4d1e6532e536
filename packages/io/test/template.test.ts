import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { resolvePreset } from '@cnscd/criteria-presets';
import { metricsReadBy, readXlsx, templateWorkbook } from '../src/index.js';

describe('template workbook for a preset', () => {
  it('one sheet per table, the metrics the preset reads, dropdowns, frozen headers, widths', async () => {
    const { activity, area } = metricsReadBy(resolvePreset('national-2024'));
    expect(activity.length).toBeGreaterThan(0);
    expect(area.length).toBeGreaterThan(0);
    const buf = await templateWorkbook({ lang: 'vi', activityMetrics: activity, areaMetrics: area });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Hướng dẫn - Guide',
      'Đơn vị hành chính',
      'Sáp nhập - Lineage',
      'Tổ CNSCĐ',
      'Thành viên',
      'Báo cáo tháng',
      'Chỉ tiêu địa bàn',
    ]);
    const reports = wb.getWorksheet('Báo cáo tháng')!;
    const headers = (reports.getRow(1).values as unknown[]).slice(1) as string[];
    expect(headers.slice(0, 3)).toEqual(['Mã tổ (teamId)', 'Mã thành viên (memberId)', 'Tháng (month)']);
    expect(headers.slice(3).map((h) => /\((\w+)\)$/.exec(h)?.[1])).toEqual(activity);
    const indicators = wb.getWorksheet('Chỉ tiêu địa bàn')!;
    expect(((indicators.getRow(1).values as unknown[]).slice(3) as string[]).map((h) => /\((\w+)\)$/.exec(h)?.[1])).toEqual(area);
    const units = wb.getWorksheet('Đơn vị hành chính')!;
    expect((units.getRow(1).values as unknown[]).slice(1)).toContain('Hiệu lực từ ngày (validFrom)');
    expect(units.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(units.getColumn(2).width).toBeGreaterThan(10);
    // dropdowns: level of a unit, role of a member, month of a report
    expect(units.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ['"province,district,commune,village"'] });
    expect(wb.getWorksheet('Thành viên')!.getCell('C9').dataValidation).toMatchObject({ type: 'list', formulae: ['"leader,deputy,member"'] });
    expect(reports.getCell('C2').dataValidation?.type).toBe('custom');
    // and an empty template reads as an empty, valid dataset
    const back = await readXlsx(buf);
    expect(back.valid).toBe(true);
    expect(back.dataset).toEqual({ orgUnits: [], teams: [], reports: [], indicators: [] });
  });

  it('in English', async () => {
    const buf = await templateWorkbook({ lang: 'en', activityMetrics: ['peopleGuided'], areaMetrics: [] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Hướng dẫn - Guide',
      'Org units',
      'Lineage',
      'Teams',
      'Members',
      'Monthly reports',
      'Area indicators',
    ]);
    expect((wb.getWorksheet('Monthly reports')!.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Team id (teamId)',
      'Member id (memberId)',
      'Month (month)',
      'People guided (peopleGuided)',
    ]);
  });
});
