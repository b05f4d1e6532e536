/**
 * `npm run bench:import`: importing spreadsheets, against the baselines the issue names, each read in a
 * child process of its own (bench/import-child.ts, bundled with esbuild as the packages ship, so that tsx's
 * transform does not slow our code) so that each peak RSS is that read's alone.
 *
 *   npm run bench:import [-- --scale 1] [--province-teams 3000] [--repeat 3] [--no-national-xlsx]
 *
 * - Province: the first 3,000 teams of the synthetic national dataset (their units, members, reports,
 *   indicators) as one workbook (`exportWorkbook`): `readXlsx` from its path against exceljs's own
 *   streaming read (`stream.xlsx.WorkbookReader`, every value touched) and its whole-workbook load;
 *   medians of `--repeat` runs, interleaved.
 * - National (74,422 teams, 348,362 members, 12 months of team reports): as a folder of CSV files, read
 *   with `readCsvFolder` (reports as columns), against `JSON.parse` of the same dataset as JSON text; and
 *   as one workbook (written with exceljs's streaming writer), `readXlsx` against exceljs's stream reader.
 *
 * Every import is checked (`validateDataset`), as a user's is. Prints a table, then one line of JSON.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ExcelJS from 'exceljs';
import type { Dataset } from '../packages/core/src/index.js';
import { exportWorkbook } from '../packages/io/src/index.js';
import { TABLE, headerText } from '../packages/io/src/internal/tables.js';
import { generateNational } from './national.js';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? def : Number(process.argv[i + 1]);
};
const scale = arg('scale', 1);
const provinceTeams = arg('province-teams', 3000);
const repeat = arg('repeat', 3);
const nationalXlsx = !process.argv.includes('--no-national-xlsx');

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, 'out');
mkdirSync(outdir, { recursive: true });
// Bundled as tsup bundles the packages: workspace packages from their sources, npm packages external.
await build({
  entryPoints: [join(here, 'import-child.ts')],
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['source'],
  logLevel: 'warning',
  plugins: [
    {
      name: 'external-npm',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('@cnscd/') ? undefined : { path: a.path, external: true }));
      },
    },
  ],
});
const child = join(outdir, 'import-child.js');

interface Measured {
  kind: string;
  ms: number;
  peakRssMb: number;
  valid?: boolean;
  rows?: number;
}
function measure(kind: string, path: string): Measured {
  const out = execFileSync(process.execPath, ['--max-old-space-size=4096', child, kind, path], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as Measured;
}

/** The dataset's tables as the template heads them (`Mã tổ (id)`), rows as cell values. */
function tables(d: Dataset): { id: keyof typeof TABLE; file: string; header: string[]; rows: Iterable<unknown[]> }[] {
  const h = (id: keyof typeof TABLE, fields: string[], metrics: string[] = []): string[] => [
    ...fields.map((f) => {
      const fd = TABLE[id].fields.find((x) => x.id === f)!;
      return headerText(fd.vi, fd.en, fd.id, 'vi');
    }),
    ...metrics,
  ];
  const reports = d.reports ?? [];
  const keys = [...new Set(reports.flatMap((r) => Object.keys(r.metrics)))];
  const ind = d.indicators ?? [];
  const ikeys = [...new Set(ind.flatMap((r) => Object.keys(r.metrics)))];
  return [
    {
      id: 'orgUnits',
      file: 'don-vi.csv',
      header: h('orgUnits', ['id', 'name', 'level', 'parentId', 'validFrom', 'validTo']),
      rows: d.orgUnits.map((u) => [u.id, u.name, u.level, u.parentId, u.validFrom, u.validTo]),
    },
    {
      id: 'teams',
      file: 'to.csv',
      header: h('teams', ['id', 'orgUnitId', 'level', 'establishedOn', 'disbandedOn', 'onlineGroup']),
      rows: d.teams.map((t) => [t.id, t.orgUnitId, t.level, t.establishedOn, t.disbandedOn, t.onlineGroup]),
    },
    {
      id: 'members',
      file: 'thanh-vien.csv',
      header: h('members', ['teamId', 'id', 'role', 'affiliations', 'birthYear', 'trainings', 'joinedOn', 'leftOn']),
      rows: d.teams.flatMap((t) =>
        (t.members ?? []).map((m) => [
          t.id,
          m.id,
          m.role,
          (m.affiliations ?? []).join(';'),
          m.birthYear,
          m.trainings?.join(';'),
          m.joinedOn,
          m.leftOn,
        ]),
      ),
    },
    {
      id: 'reports',
      file: 'bao-cao-thang.csv',
      header: h('reports', ['teamId', 'memberId', 'month'], keys),
      rows: reports.map((r) => [r.teamId, r.memberId, r.month, ...keys.map((k) => r.metrics[k])]),
    },
    {
      id: 'indicators',
      file: 'chi-tieu.csv',
      header: h('indicators', ['orgUnitId', 'period'], ikeys),
      rows: ind.map((r) => [r.orgUnitId, r.period, ...ikeys.map((k) => r.metrics[k])]),
    },
  ];
}

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeCsvFolder(d: Dataset, dir: string): void {
  for (const t of tables(d)) {
    const lines = [t.header.map(csvCell).join(',')];
    for (const r of t.rows) lines.push(r.map(csvCell).join(','));
    writeFileSync(join(dir, t.file), lines.join('\n') + '\n');
  }
}

/** The dataset as one workbook, written row by row with exceljs's streaming writer (shared strings, as Excel writes). */
async function writeWorkbook(d: Dataset, path: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  for (const t of tables(d)) {
    const ws = wb.addWorksheet(TABLE[t.id].vi);
    ws.addRow(t.header).commit();
    for (const r of t.rows) ws.addRow(r.map((v) => (v === undefined ? null : v))).commit();
    ws.commit();
  }
  await wb.commit();
}

/** The first `n` teams and what they need: their units and the units above, members, reports, indicators. */
function province(d: Dataset, n: number): Dataset {
  const teams = d.teams.slice(0, n);
  const ids = new Set(teams.map((t) => t.id));
  const byId = new Map(d.orgUnits.map((u) => [u.id, u]));
  const units = new Set<string>();
  for (const t of teams)
    for (let u = byId.get(t.orgUnitId); u && !units.has(u.id); u = u.parentId ? byId.get(u.parentId) : undefined) units.add(u.id);
  return {
    ...(d.window ? { window: d.window } : {}),
    ...(d.levels ? { levels: d.levels } : {}),
    orgUnits: d.orgUnits.filter((u) => units.has(u.id)),
    teams,
    reports: (d.reports ?? []).filter((r) => ids.has(r.teamId)),
    indicators: (d.indicators ?? []).filter((i) => units.has(i.orgUnitId)),
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: { step: string; ms: number; peakRssMb: number; note: string }[] = [];
const record = (step: string, runs: Measured[], note: string): Measured => {
  const ms = median(runs.map((r) => r.ms));
  const peakRssMb = Math.max(...runs.map((r) => r.peakRssMb));
  if (runs.some((r) => r.valid === false)) throw new Error(`${step}: the import was not valid`);
  rows.push({ step, ms, peakRssMb, note: runs.length > 1 ? `${note}; median of ${runs.length}` : note });
  return runs[0]!;
};

const dir = mkdtempSync(join(tmpdir(), 'cnscd-bench-import-'));
const loadStart = loadavg()[0]!;
try {
  const national = generateNational({ shape: '34', seed: 2025, scale });
  const prov = province(national, provinceTeams);
  const provPath = join(dir, 'province.xlsx');
  writeFileSync(provPath, await exportWorkbook(prov));
  const provMiB = (statSync(provPath).size / 2 ** 20).toFixed(1);

  const runs: Record<string, Measured[]> = { 'exceljs-stream': [], 'exceljs-load': [], xlsx: [], 'xlsx-columns': [] };
  for (let i = 0; i < repeat; i++) for (const k of Object.keys(runs)) runs[k]!.push(measure(k, provPath));
  const what = `${prov.teams.length} teams, ${prov.reports?.length} report rows, ${provMiB} MiB`;
  record('province: exceljs stream read', runs['exceljs-stream']!, what);
  record('province: exceljs load (whole)', runs['exceljs-load']!, what);
  record('province: readXlsx', runs['xlsx']!, 'reports as objects, checked');
  record('province: readXlsx (columns)', runs['xlsx-columns']!, 'reports as columns, checked');

  const jsonPath = join(dir, 'national.json');
  writeFileSync(jsonPath, JSON.stringify(national));
  const csvDir = join(dir, 'csv');
  mkdirSync(csvDir);
  writeCsvFolder(national, csvDir);
  const teams = national.teams.length;
  const reportRows = national.reports?.length ?? 0;
  record('national: JSON.parse', [measure('json-parse', jsonPath)], `${(statSync(jsonPath).size / 2 ** 20).toFixed(0)} MiB of JSON`);
  rmSync(jsonPath);
  record('national: csv-parse alone', [measure('csv-parse', csvDir)], 'the CSV files decoded and parsed, records dropped');
  record('national: readCsvFolder (columns)', [measure('csv-folder', csvDir)], `${teams} teams, ${reportRows} report rows, checked`);
  rmSync(csvDir, { recursive: true });
  if (nationalXlsx) {
    const xlsxPath = join(dir, 'national.xlsx');
    await writeWorkbook(national, xlsxPath);
    const mib = (statSync(xlsxPath).size / 2 ** 20).toFixed(0);
    record('national: exceljs stream read', [measure('exceljs-stream', xlsxPath)], `${mib} MiB workbook`);
    record('national: readXlsx (columns)', [measure('xlsx-columns', xlsxPath)], 'reports as columns, checked');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const ms = (s: string): number | undefined => rows.find((r) => r.step === s)?.ms;
const ratio = (a: string, b: string): number | null => {
  const x = ms(a);
  const y = ms(b);
  return x === undefined || y === undefined ? null : +(x / y).toFixed(2);
};
const ratios = {
  csvVsJsonParse: ratio('national: readCsvFolder (columns)', 'national: JSON.parse'),
  csvParseAloneVsJsonParse: ratio('national: csv-parse alone', 'national: JSON.parse'),
  provinceXlsxVsLibraryStream: ratio('province: readXlsx', 'province: exceljs stream read'),
  provinceXlsxColumnsVsLibraryStream: ratio('province: readXlsx (columns)', 'province: exceljs stream read'),
  nationalXlsxVsLibraryStream: ratio('national: readXlsx (columns)', 'national: exceljs stream read'),
};
const peakRssMb = Math.max(...rows.filter((r) => /readXlsx|readCsv/.test(r.step)).map((r) => r.peakRssMb));
const w = Math.max(...rows.map((r) => r.step.length));
console.log(`${'step'.padEnd(w)}  ${'ms'.padStart(7)}  ${'peak RSS MB'.padStart(11)}  note`);
for (const r of rows) console.log(`${r.step.padEnd(w)}  ${String(r.ms).padStart(7)}  ${String(r.peakRssMb).padStart(11)}  ${r.note}`);
console.log(
  `CSV / JSON.parse: ${ratios.csvVsJsonParse}×   province readXlsx / exceljs stream: ${ratios.provinceXlsxVsLibraryStream}×   national: ${ratios.nationalXlsxVsLibraryStream}×   largest import peak RSS: ${peakRssMb} MB`,
);
console.log(
  JSON.stringify({
    bench: 'import',
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    loadavg1: { start: +loadStart.toFixed(2), end: +loadavg()[0]!.toFixed(2) },
    scale,
    provinceTeams,
    repeat,
    steps: rows,
    ratios,
    peakRssMb,
  }),
);
