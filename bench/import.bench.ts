/**
 * `npm run bench:import`: importing spreadsheets, against the baselines the issue names.
 *
 *   npm run bench:import [-- --scale 1] [--province-teams 3000]
 *
 * - CSV: the synthetic national dataset (74,422 teams, 348,362 members, 12 months of team reports) as a
 *   folder of CSV files, read with `readCsvFolder`, against `JSON.parse` of the same dataset as JSON.
 * - XLSX: a province (the first teams of the national dataset, 3,000 by default, their units, members,
 *   reports and indicators) as one workbook, read with `readXlsx`, against exceljs's own `xlsx.load` of
 *   the same bytes (the library's read that `readXlsx` wraps; see docs/spreadsheets.md for why not its
 *   stream reader). A national workbook is not measured: workbooks are loaded whole.
 *
 * Prints a table, then one line of JSON. Peak RSS is the process's (`maxRSS`), read after each step, so it
 * only grows; the steps run smallest first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Dataset } from '../packages/core/src/index.js';
import { exportWorkbook, readCsvFolder, readXlsx } from '../packages/io/src/index.js';
import { generateNational } from './national.js';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? def : Number(process.argv[i + 1]);
};
const scale = arg('scale', 1);
const provinceTeams = arg('province-teams', 3000);
const now = (): number => performance.now();
const rssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function writeCsv(path: string, header: string[], rows: Iterable<unknown[]>): void {
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  writeFileSync(path, lines.join('\n') + '\n');
}

/** The dataset as a folder of CSV files with the template's headers (ids beside). */
function csvFolder(d: Dataset): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnscd-bench-csv-'));
  writeCsv(join(dir, 'don-vi.csv'), ['Mã đơn vị (id)', 'Tên đơn vị (name)', 'Cấp (level)', 'Mã đơn vị cấp trên (parentId)', 'validFrom', 'validTo'],
    d.orgUnits.map((u) => [u.id, u.name, u.level, u.parentId, u.validFrom, u.validTo]));
  writeCsv(join(dir, 'to.csv'), ['Mã tổ (id)', 'orgUnitId', 'level', 'establishedOn', 'disbandedOn', 'onlineGroup'],
    d.teams.map((t) => [t.id, t.orgUnitId, t.level, t.establishedOn, t.disbandedOn, t.onlineGroup]));
  writeCsv(join(dir, 'thanh-vien.csv'), ['teamId', 'Mã thành viên (id)', 'role', 'affiliations', 'birthYear', 'trainings', 'joinedOn', 'leftOn'],
    d.teams.flatMap((t) => (t.members ?? []).map((m) => [t.id, m.id, m.role, (m.affiliations ?? []).join(';'), m.birthYear, m.trainings?.join(';'), m.joinedOn, m.leftOn])));
  const reports = d.reports ?? [];
  const keys = [...new Set(reports.flatMap((r) => Object.keys(r.metrics)))];
  writeCsv(join(dir, 'bao-cao-thang.csv'), ['teamId', 'memberId', 'month', ...keys], reports.map((r) => [r.teamId, r.memberId, r.month, ...keys.map((k) => r.metrics[k])]));
  const ind = d.indicators ?? [];
  const ikeys = [...new Set(ind.flatMap((r) => Object.keys(r.metrics)))];
  writeCsv(join(dir, 'chi-tieu.csv'), ['orgUnitId', 'period', ...ikeys], ind.map((r) => [r.orgUnitId, r.period, ...ikeys.map((k) => r.metrics[k])]));
  return dir;
}

/** The first `n` teams and what they need: their units and the units above, members, reports, indicators. */
function province(d: Dataset, n: number): Dataset {
  const teams = d.teams.slice(0, n);
  const ids = new Set(teams.map((t) => t.id));
  const byId = new Map(d.orgUnits.map((u) => [u.id, u]));
  const units = new Set<string>();
  for (const t of teams) for (let u = byId.get(t.orgUnitId); u && !units.has(u.id); u = u.parentId ? byId.get(u.parentId) : undefined) units.add(u.id);
  return {
    ...(d.window ? { window: d.window } : {}),
    ...(d.levels ? { levels: d.levels } : {}),
    orgUnits: d.orgUnits.filter((u) => units.has(u.id)),
    teams,
    reports: (d.reports ?? []).filter((r) => ids.has(r.teamId)),
    indicators: (d.indicators ?? []).filter((i) => units.has(i.orgUnitId)),
  };
}

const rows: { step: string; ms: number; rssMb: number; note: string }[] = [];
function step<T>(name: string, note: string, f: () => T): T;
function step<T>(name: string, note: string, f: () => Promise<T>): Promise<T>;
function step<T>(name: string, note: string, f: () => T | Promise<T>): T | Promise<T> {
  const t0 = now();
  const done = (v: T): T => {
    rows.push({ step: name, ms: Math.round(now() - t0), rssMb: rssMb(), note });
    return v;
  };
  const r = f();
  return r instanceof Promise ? r.then(done) : done(r);
}

const national = generateNational({ shape: '34', seed: 2025, scale });
const prov = province(national, provinceTeams);
const xlsx = await exportWorkbook(prov);
await step('exceljs xlsx.load (province)', `${prov.teams.length} teams, ${(xlsx.length / 2 ** 20).toFixed(1)} MiB`, async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  return wb.worksheets.length;
});
const provResult = await step('readXlsx (province)', `${prov.reports?.length} report rows`, () => readXlsx(xlsx));
if (!provResult.valid) throw new Error('the province workbook did not import cleanly');

const json = JSON.stringify(national);
step('JSON.parse (national)', `${(json.length / 2 ** 20).toFixed(0)} MiB of JSON`, () => JSON.parse(json) as unknown);
const dir = csvFolder(national);
const csvResult = await step('readCsvFolder (national)', `${national.teams.length} teams, ${national.reports?.length} report rows`, () => readCsvFolder(dir, { reports: 'columns' }));
rmSync(dir, { recursive: true, force: true });
if (!csvResult.valid) throw new Error('the national CSV folder did not import cleanly');

const ms = (s: string): number => rows.find((r) => r.step.startsWith(s))!.ms;
const ratios = {
  csvVsJsonParse: +(ms('readCsvFolder') / ms('JSON.parse')).toFixed(2),
  xlsxVsLibraryRead: +(ms('readXlsx') / ms('exceljs')).toFixed(2),
};
const w = Math.max(...rows.map((r) => r.step.length));
console.log(`${'step'.padEnd(w)}  ${'ms'.padStart(7)}  ${'peak RSS MB'.padStart(11)}  note`);
for (const r of rows) console.log(`${r.step.padEnd(w)}  ${String(r.ms).padStart(7)}  ${String(r.rssMb).padStart(11)}  ${r.note}`);
console.log(`CSV import / JSON.parse: ${ratios.csvVsJsonParse}×   readXlsx / exceljs load: ${ratios.xlsxVsLibraryRead}×`);
console.log(JSON.stringify({ bench: 'import', scale, provinceTeams: prov.teams.length, steps: rows, ratios, node: process.version }));
