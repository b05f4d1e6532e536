/**
 * `cnscd evaluate --format html|xlsx`: scorecards written to a file (or HTML to stdout), Vietnamese first.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { collector } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'cnscd-scorecard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = new URL('../../../examples/datasets/small.json', import.meta.url).pathname;

async function cli(argv: string[]) {
  const stdout = collector();
  const stderr = collector();
  const code = await runCli(argv, { stdout, stderr, cwd: dir, env: {} });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe('cnscd evaluate --format html|xlsx', () => {
  it('writes an HTML scorecard in Vietnamese, to a file or to stdout', async () => {
    const res = await cli(['evaluate', '--preset', 'national-2024', '--data', data, '--format', 'html', '-o', 'bang-diem.html']);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toBe('');
    const html = readFileSync(join(dir, 'bang-diem.html'), 'utf8');
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('3240/BTTTT-CĐSQG');
    expect(html).toContain('Lý do');
    const en = await cli(['evaluate', '--preset', 'national-2024', '--data', data, '--format', 'html', '--lang', 'en']);
    expect(en.out).toContain('<html lang="en">');
  });

  it('writes a workbook only to a file', async () => {
    const refused = await cli(['evaluate', '--preset', 'national-2024', '--data', data, '--format', 'xlsx']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('-o');
    const res = await cli(['evaluate', '--preset', 'national-2024', '--data', data, '--format', 'xlsx', '--output', 'bang-diem.xlsx']);
    expect(res.code, res.err).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, 'bang-diem.xlsx')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Xếp hạng tổ', 'Chi tiết tiêu chí', 'Vấn đề dữ liệu']);
    expect(wb.getWorksheet('Xếp hạng tổ')!.getRow(2).getCell(2).value).toBe('t-thon-1');
  });

  it('refuses -o and --unit where they do not apply', async () => {
    expect((await cli(['evaluate', '--preset', 'national-2024', '--data', data, '--format', 'json', '-o', 'x.json'])).code).toBe(2);
    expect((await cli(['evaluate', '--preset', 'national-2024', '--data', data, '--format', 'csv', '--unit', 'xa-a'])).code).toBe(2);
  });
});
