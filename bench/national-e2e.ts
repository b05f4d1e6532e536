/**
 * The national end-to-end measurement, run by `evaluate.bench.ts` in a child process so that its peak RSS
 * is the evaluation's own (not the generator's or the other measurements'):
 *
 *   node --conditions=source --import tsx bench/national-e2e.ts <dataset.json> [runs]
 *
 * Reads the JSON text (not timed), then times JSON.parse + evaluateSync (validate, index, facts, score,
 * roll up; fast mode) `runs` times after one warm-up run, and prints one JSON line with the medians and
 * the process's peak RSS. Without a file it generates the 63-province dataset itself (then the peak
 * includes the generator).
 */
import fs from 'node:fs';
import { evaluateSync } from '../packages/core/src/evaluate/evaluate.js';
import type { Dataset } from '../packages/core/src/model/types.js';
import { benchCriteriaSet } from './criteria.js';
import { generateNational } from './national.js';
import { cpuMs, gc, median, nowMs } from './timing.js';

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
let json: string = file !== undefined && file !== '-' ? fs.readFileSync(file, 'utf8') : JSON.stringify(generateNational({ shape: '63', seed: 20250701 }));

const parse: number[] = [];
const evaluate: number[] = [];
const total: number[] = [];
const cpu: number[] = [];
let teams = 0;
let units = 0;
for (let run = 0; run <= runs; run++) {
  gc();
  const c0 = cpuMs();
  const a = nowMs();
  const dataset = JSON.parse(json) as Dataset;
  const b = nowMs();
  const result = evaluateSync(dataset, benchCriteriaSet, { period: '2025-01..2025-12', explain: false });
  const c = nowMs();
  const c1 = cpuMs();
  const error = result.problems.find((p) => p.severity === 'error');
  if (error !== undefined) throw new Error(`national dataset has an error: ${error.path} ${error.message.en}`);
  teams = result.subjects.length;
  units = result.rollup?.units.length ?? 0;
  process.stderr.write(`${run === 0 ? 'warm-up end to end' : `end to end run ${run}`}: parse ${(b - a).toFixed(0)} ms + evaluateSync ${(c - b).toFixed(0)} ms (cpu ${(c1 - c0).toFixed(0)} ms)\n`);
  if (run === 0) continue;
  parse.push(b - a);
  evaluate.push(c - b);
  total.push(c - a);
  cpu.push(c1 - c0);
}
json = '';
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
