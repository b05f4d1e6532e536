import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '@cnscd/io';
import { runCli } from '../src/index.js';
import { collector } from './helpers.js';
import { csvFolder } from '../../io/test/fixtures/csv-folder.js';

const small = new URL('../../../examples/datasets/small.json', import.meta.url).pathname;

async function cli(argv: string[], cwd: string) {
  const stdout = collector();
  const stderr = collector();
  const code = await runCli(argv, { stdout, stderr, cwd, env: {} });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe('cnscd template / import / export / --data x.xlsx', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cnscd-io-'));

  it('export → import gives the dataset back; evaluate reads the workbook as it reads the JSON', async () => {
    expect((await cli(['export', small, '--format', 'xlsx', '-o', 'small.xlsx'], dir)).code).toBe(0);
    const imp = await cli(['import', 'small.xlsx', '-o', 'back.json'], dir);
    expect(imp.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'back.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(small, 'utf8')));
    const fromJson = await cli(['evaluate', '--preset', 'national-2024', '--data', small, '--format', 'json'], dir);
    const fromXlsx = await cli(['evaluate', '--preset', 'national-2024', '--data', 'small.xlsx', '--format', 'json'], dir);
    expect(fromXlsx.err).toBe(fromJson.err);
    expect(fromXlsx.code).toBe(fromJson.code);
    expect(fromXlsx.out).toBe(fromJson.out);
    expect((await cli(['validate', '--data', 'small.xlsx'], dir)).code).toBe(0);
    const fromCsv = await cli(
      ['evaluate', '--preset', 'national-2024', '--data', csvFolder(JSON.parse(readFileSync(small, 'utf8'))), '--format', 'json'],
      dir,
    );
    expect(fromCsv.out).toBe(fromJson.out);
  });

  it('template: a sheet per table with exactly the metrics the preset reads', async () => {
    const r = await cli(['template', '--preset', 'national-2024', '-o', 'tpl.xlsx'], dir);
    expect(r.code).toBe(0);
    const back = await readXlsx(join(dir, 'tpl.xlsx'));
    expect(back.valid).toBe(true);
    expect(back.dataset).toMatchObject({ orgUnits: [], teams: [], reports: [], indicators: [] });
  });

  it('a file that is not a workbook exits 1 with its problem; nothing written', async () => {
    writeFileSync(join(dir, 'fake.xlsx'), 'not a workbook');
    const r = await cli(['import', 'fake.xlsx', '-o', 'fake.json'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/FILE_NOT_SPREADSHEET/);
    const e = await cli(['evaluate', '--preset', 'national-2024', '--data', 'fake.xlsx'], dir);
    expect(e.code).toBe(1);
  });
});
