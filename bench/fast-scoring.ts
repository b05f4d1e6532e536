/**
 * `node bench/run.mjs fast [scale]`: only the scoring passes of `npm run bench` (fast mode, json-logic-engine
 * `build()`, the hand-written function) on the national facts, in ~20 s instead of the whole bench's
 * minutes, to compare one change of fast mode with the previous version (build both, run them one after
 * the other, several times). Not part of `npm run bench`, whose figures stay the reference.
 *
 * Set up as the bench sets up its scoring section: the dataset, its JSON and its index are garbage once the
 * facts are computed (so the heap is small, ~90 MB, as there). That matters: with the dataset kept alive
 * (a ~1.2 GB heap) fast mode measured 0.75–0.99× json-logic-engine, against 1.03–1.14× here, because a
 * large heap lets the results each pass keeps be promoted with fewer collections.
 *
 * Each scorer is timed in one block, as the bench times it (a full GC, 5 warm-up passes, RUNS timed
 * passes, default 7), ROUNDS times (default 1); ONLY=fast,jsonLogic,hand picks the scorers and their
 * order. Prints one JSON line: medians per team (wall and CPU, µs), the ratio fast / json-logic-engine, and
 * the load average at the end. Fast mode's scores and ratings are checked equal to the hand-written
 * function's for every team when both run.
 */
import os from 'node:os';
import { Observations } from '../packages/core/src/evaluate/run.js';
import { SubjectScoring } from '../packages/core/src/evaluate/scoring.js';
import type { SubjectResult } from '../packages/core/src/evaluate/types.js';
import { toReportColumns } from '../packages/core/src/model/report-columns.js';
import type { Dataset } from '../packages/core/src/model/types.js';
import { benchCriteriaSet } from './criteria.js';
import { handParams, scoreTeamByHand, type HandResult } from './hand-written.js';
import { jsonLogicScorer } from './json-logic.js';
import { generateNational } from './national.js';
import { handFactsOf, prepareScoring } from './prepare.js';
import { cpuMs, gc, median, nowMs } from './timing.js';

const SCALE = Number(process.argv[2] ?? process.env['BENCH_SCALE'] ?? 1);
const RUNS = Number(process.env['RUNS'] ?? 7);
const ONLY = process.env['ONLY'];
// As npm run bench: the dataset, its JSON and its index are garbage once the facts are computed.
function inputs() {
  const { reports, ...rest } = generateNational({ shape: '63', seed: 20250701, scale: SCALE });
  const json = JSON.stringify({ ...rest, reportColumns: toReportColumns(reports ?? []) });
  const { index: _i, subjects: _s, ...kept } = prepareScoring(JSON.parse(json) as Dataset, benchCriteriaSet, '2025-01..2025-12');
  return kept;
}
const p = inputs();
gc();
const teams = p.rows.length;
const handFacts = p.rows.map((row) => handFactsOf(p.compiled, row));
const params = handParams(p.asOf);
const jl = jsonLogicScorer(params);
gc();
const fastOut: SubjectResult[] = new Array(teams);
const jlOut: HandResult[] = new Array(teams);
const handOut: HandResult[] = new Array(teams);
const fast = () => {
  const s = new SubjectScoring(p.compiled, p.registry, p.tiersDesc, new Observations(), false);
  const r = s.scoreMany(p.infos, p.rows);
  for (let i = 0; i < r.length; i++) fastOut[i] = r[i]!;
};
const logic = () => {
  for (let i = 0; i < teams; i++) jlOut[i] = jl(handFacts[i]!);
};
const hand = () => {
  for (let i = 0; i < teams; i++) handOut[i] = scoreTeamByHand(handFacts[i]!, params);
};
const fns: [string, () => void][] = [
  ['fast', fast],
  ['jsonLogic', logic],
  ['hand', hand],
];
// In ONLY's order when given.
const use = ONLY === undefined ? fns : ONLY.split(',').map((n) => fns.find(([m]) => m === n)!);
const wall: Record<string, number[]> = {};
const cpu: Record<string, number[]> = {};
// As npm run bench times them: one block per scorer (a full GC, 5 warm-up passes, RUNS timed), repeated ROUNDS times.
const ROUNDS = Number(process.env['ROUNDS'] ?? 1);
for (let round = 0; round < ROUNDS; round++) {
  for (const [n, f] of use) {
    gc();
    for (let w = 0; w < 5; w++) f();
    for (let r = 0; r < RUNS; r++) {
      const c0 = cpuMs();
      const t0 = nowMs();
      f();
      (wall[n] ??= []).push(nowMs() - t0);
      (cpu[n] ??= []).push(cpuMs() - c0);
    }
  }
}
for (let i = 0; i < teams; i++) {
  const f = fastOut[i];
  if (f !== undefined && handOut[i] !== undefined && (f.score !== handOut[i]!.score || f.rating?.id !== handOut[i]!.rating))
    throw new Error(`differs on ${i}`);
}
const out: Record<string, unknown> = { teams, scale: SCALE, load: os.loadavg()[0]?.toFixed(2) };
for (const [n] of use) {
  out[`${n}Us`] = +((median(wall[n]!) * 1000) / teams).toFixed(3);
  out[`${n}CpuUs`] = +((median(cpu[n]!) * 1000) / teams).toFixed(3);
}
if (out['fastUs'] !== undefined && out['jsonLogicUs'] !== undefined) {
  out['ratio'] = +((out['fastUs'] as number) / (out['jsonLogicUs'] as number)).toFixed(2);
  out['cpuRatio'] = +((out['fastCpuUs'] as number) / (out['jsonLogicCpuUs'] as number)).toFixed(2);
}
console.log(JSON.stringify(out));
