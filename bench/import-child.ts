/**
 * One measured read for `npm run bench:import`, in its own process so that its peak RSS is its own:
 *
 *   node bench/out/import-child.js <kind> <path>
 *
 * kinds: `json-parse` (the file's text read first, then only `JSON.parse` timed), `csv-parse` (the CSV
 * files decoded and parsed by csv-parse, records dropped: the floor under an import), `csv-folder`
 * (`readCsvFolder`, reports as columns), `xlsx` / `xlsx-columns` (`readXlsx` from the path, reports as
 * objects / columns), `exceljs-stream` (exceljs's own streaming `WorkbookReader`, every row's values
 * touched), `exceljs-load` (exceljs's `xlsx.readFile`, the whole workbook in memory).
 * Prints one line of JSON: `{ kind, ms, peakRssMb, rows?, valid? }`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readCsvFolder, readXlsx } from '../packages/io/src/index.js';
import { csvRows, decodeCsv } from '../packages/io/src/internal/csv.js';

const [kind, path] = process.argv.slice(2) as [string, string];
const peak = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
let out: Record<string, unknown> = {};
let t0 = performance.now();
switch (kind) {
  case 'json-parse': {
    const text = readFileSync(path, 'utf8');
    t0 = performance.now();
    const d = JSON.parse(text) as { teams: unknown[] };
    out = { rows: d.teams.length };
    break;
  }
  case 'csv-folder': {
    const r = await readCsvFolder(path, { reports: 'columns' });
    out = { valid: r.valid, problems: r.problems.length };
    break;
  }
  case 'csv-parse': {
    // The floor under readCsvFolder: decoding and csv-parse alone, every record dropped.
    let records = 0;
    for (const name of readdirSync(path)
      .filter((n) => n.endsWith('.csv'))
      .sort()) {
      const text = decodeCsv(readFileSync(join(path, name)), name);
      if (!text.ok) throw new Error(name);
      await csvRows(text.text, name, [], () => void records++);
    }
    out = { rows: records };
    break;
  }
  case 'xlsx':
  case 'xlsx-columns': {
    const r = await readXlsx(path, kind === 'xlsx' ? {} : { reports: 'columns' });
    out = { valid: r.valid, problems: r.problems.length };
    break;
  }
  case 'exceljs-stream': {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      sharedStrings: 'cache',
      styles: 'cache',
      worksheets: 'emit',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    let rows = 0;
    let cells = 0;
    for await (const ws of reader) {
      for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
        rows++;
        for (const v of row.values as unknown[]) if (v !== undefined && v !== null) cells++;
      }
    }
    out = { rows, cells };
    break;
  }
  case 'exceljs-load': {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    let rows = 0;
    for (const ws of wb.worksheets) rows += ws.rowCount;
    out = { rows };
    break;
  }
  default:
    throw new Error(`unknown kind ${kind}`);
}
console.log(JSON.stringify({ kind, ms: Math.round(performance.now() - t0), peakRssMb: peak(), ...out }));
