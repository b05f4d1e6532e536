/**
 * The national end-to-end measurement, run by `evaluate.bench.ts` in a child process so that its peak RSS
 * is the evaluation's own (not the generator's or the other measurements'):
 *
 *   node bench/run.mjs e2e <dataset.json> [runs]       (bundled as shipped; see bench/run.mjs)
 *   node --conditions=source --import tsx bench/national-e2e.ts <dataset.json> [runs]   (from sources)
 *
 * Each run reads the JSON text (not timed), then times JSON.parse + evaluateSync (validate, index, facts,
 * score, roll up; fast mode), as a CLI or server does with one request: the text is dropped once parsed,
 * so that it can be collected while the dataset is evaluated. `runs` timed runs after one warm-up run;
 * prints one JSON line with the medians and the process's peak RSS. Without a file it generates the
 * 63-province dataset itself once, its reports as columns, and keeps its text (then the peak includes both).
 */
import fs from 'node:fs';
import { evaluateSync } from '../packages/core/src/evaluate/evaluate.js';
import { toReportColumns } from '../packages/core/src/model/report-columns.js';
import type { Dataset } from '../packages/core/src/model/types.js';
import { benchCriteriaSet } from './criteria.js';
import { generateNational } from './national.js';
import { cpuMs, gc, median, nowMs } from './timing.js';

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const generated = file !== undefined && file !== '-' ? undefined : nationalText();
function nationalText(): string {
  const { reports, ...rest } = generateNational({ shape: '63', seed: 20250701 });
  return JSON.stringify({ ...rest, reportColumns: toReportColumns(reports ?? []) });
}
const load = (): string => generated ?? fs.readFileSync(file!, 'utf8');

const parse: number[] = [];
const evaluate: number[] = [];
const total: number[] = [];
const cpu: number[] = [];
let teams = 0;
let units = 0;

/**
 * One load + evaluation, in its own function: an interpreter frame keeps every local it ever held alive
 * until it returns, so a loop body would keep the previous run's dataset and result through the next run.
 */
function once(): { parse: number; evaluate: number; cpu: number } {
  let json: string | undefined = load();
  const c0 = cpuMs();
  const a = nowMs();
  const dataset = JSON.parse(json) as Dataset;
  json = undefined; // the text is garbage from here on, as in a request handler
  const b = nowMs();
  const result = evaluateSync(dataset, benchCriteriaSet, { period: '2025-01..2025-12', explain: false });
  const c = nowMs();
  const c1 = cpuMs();
  const error = result.problems.find((p) => p.severity === 'error');
  if (error !== undefined) throw new Error(`national dataset has an error: ${error.path} ${error.message.en}`);
  teams = result.subjects.length;
  units = result.rollup?.units.length ?? 0;
  return { parse: b - a, evaluate: c - b, cpu: c1 - c0 };
}

for (let run = 0; run <= runs; run++) {
  gc();
  const r = once();
  process.stderr.write(
    `${run === 0 ? 'warm-up end to end' : `end to end run ${run}`}: parse ${r.parse.toFixed(0)} ms + evaluateSync ${r.evaluate.toFixed(0)} ms (cpu ${r.cpu.toFixed(0)} ms)\n`,
  );
  if (run === 0) continue;
  parse.push(r.parse);
  evaluate.push(r.evaluate);
  total.push(r.parse + r.evaluate);
  cpu.push(r.cpu);
}
console.log(
  JSON.stringify({
    teams,
    rollupUnits: units,
    nationalEndToEndMs: median(total),
    parseMs: median(parse),
    evaluateMs: median(evaluate),
    cpuMs: median(cpu),
    runs: total,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
