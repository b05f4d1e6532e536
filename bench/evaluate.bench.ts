/**
 * `npm run bench`: the evaluator at national scale (74,422 teams, 348,362 members; see docs/performance.md).
 *
 * 1. National end to end: generate the 63-province dataset (not timed), JSON.stringify it, then time
 *    JSON.parse + evaluateSync (validate, index, facts, score, roll up), fast mode. Median of 3 after a
 *    warm-up run.
 * 2. Scoring only, on the same precomputed fact rows (compiled once, facts computed once): the compiled
 *    evaluator in fast and explain mode, json-rules-engine through ReferenceRunner (on a sample,
 *    extrapolated per team) and a hand-written function (bench/hand-written.ts). Median of several runs
 *    after a warm-up pass.
 *
 * Prints a table, then as the last line one JSON object with the figures. Environment: BENCH_SCALE (0–1,
 * default 1) for a quick run, BENCH_SEED (default 20250701).
 */
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { evaluateSync } from '../packages/core/src/evaluate/evaluate.js';
import type { CompiledCondition } from '../packages/core/src/evaluate/compile.js';
import { ReferenceRunner } from '../packages/core/src/evaluate/reference.js';
import { scoreCriterion, totalSubject, type CheckFn } from '../packages/core/src/evaluate/run.js';
import type { CriterionResult, SubjectResult } from '../packages/core/src/evaluate/types.js';
import type { Dataset } from '../packages/core/src/model/types.js';
import { benchCriteriaSet } from './criteria.js';
import { handParams, scoreTeamByHand, type HandResult } from './hand-written.js';
import { generateNational, nationalTotals } from './national.js';
import { handFactsOf, prepareScoring, type PreparedScoring } from './prepare.js';

const SCALE = Number(process.env['BENCH_SCALE'] ?? 1);
const SEED = Number(process.env['BENCH_SEED'] ?? 20250701);
const PERIOD = '2025-01..2025-12';
const E2E_RUNS = 3;
const SCORING_RUNS = 7;
const REFERENCE_RUNS = 3;
const REFERENCE_SAMPLE = 2_000;

// A full collection between runs keeps one run's garbage out of the next run's timing and memory.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Time `fn` `runs` times after `warmup` untimed runs; returns the median in ms. */
function timeSync(runs: number, warmup: number, fn: () => void): { ms: number; all: number[] } {
  for (let i = 0; i < warmup; i++) fn();
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = nowMs();
    fn();
    all.push(nowMs() - t0);
  }
  return { ms: median(all), all };
}

async function timeAsync(runs: number, warmup: number, fn: () => Promise<void>): Promise<{ ms: number; all: number[] }> {
  for (let i = 0; i < warmup; i++) await fn();
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = nowMs();
    await fn();
    all.push(nowMs() - t0);
  }
  return { ms: median(all), all };
}

function check(cond: boolean, message: string): void {
  if (!cond) throw new Error(`bench sanity check failed: ${message}`);
}

// ── 1. national end to end ───────────────────────────────────────────────────
function endToEnd(): { ms: number; parseMs: number; evaluateMs: number; jsonChars: number; reports: number; last: Dataset } {
  const totals = nationalTotals('63', SCALE);
  let t0 = nowMs();
  let generated: Dataset | undefined = generateNational({ shape: '63', seed: SEED, scale: SCALE });
  const members = generated.teams.reduce((n, t) => n + (t.members?.length ?? 0), 0);
  check(generated.teams.length === totals.teams, `teams ${generated.teams.length} ≠ ${totals.teams}`);
  check(members === totals.members, `members ${members} ≠ ${totals.members}`);
  const reports = generated.reports?.length ?? 0;
  log(`generated ${generated.teams.length} teams, ${members} members, ${reports} reports, ${generated.orgUnits.length} org units in ${(nowMs() - t0).toFixed(0)} ms`);
  t0 = nowMs();
  const json = JSON.stringify(generated);
  generated = undefined;
  log(`JSON: ${(json.length / 1e6).toFixed(1)} M characters, stringified in ${(nowMs() - t0).toFixed(0)} ms`);

  let last: Dataset | undefined;
  const parse: number[] = [];
  const evaluate: number[] = [];
  const total: number[] = [];
  for (let run = 0; run < E2E_RUNS + 1; run++) {
    last = undefined;
    gc();
    const a = nowMs();
    const dataset = JSON.parse(json) as Dataset;
    const b = nowMs();
    const result = evaluateSync(dataset, benchCriteriaSet, { period: PERIOD, explain: false });
    const c = nowMs();
    check(result.subjects.length === totals.teams, 'every team scored');
    check(result.problems.every((p) => p.severity !== 'error'), `no error problems: ${result.problems.find((p) => p.severity === 'error')?.message.en}`);
    check((result.rollup?.units.length ?? 0) > 0, 'rolled up');
    if (run === 0) {
      log(`warm-up end to end: parse ${(b - a).toFixed(0)} ms + evaluate ${(c - b).toFixed(0)} ms`);
    } else {
      parse.push(b - a);
      evaluate.push(c - b);
      total.push(c - a);
      log(`end to end run ${run}: parse ${(b - a).toFixed(0)} ms + evaluate ${(c - b).toFixed(0)} ms = ${(c - a).toFixed(0)} ms`);
    }
    last = dataset;
  }
  return { ms: median(total), parseMs: median(parse), evaluateMs: median(evaluate), jsonChars: json.length, reports, last: last! };
}

// ── 2. scoring on precomputed facts ──────────────────────────────────────────
function compiledPass(p: PreparedScoring, explain: boolean, sink: SubjectResult[]): void {
  const { compiled, registry, observations, rows, infos, tiersDesc } = p;
  // Exactly evaluateSync's per-subject loop, minus computeFacts.
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const fast: CheckFn = explain
      ? (condition: CompiledCondition) => {
          const node = condition.explain(row);
          return { result: node.result, node };
        }
      : (condition: CompiledCondition) => ({ result: condition.test(row) });
    const criteria: CriterionResult[] = compiled.criteria.map((cc) => scoreCriterion(cc, row, fast, explain, registry, compiled, observations));
    sink[i] = totalSubject(infos[i]!, criteria, tiersDesc);
  }
}

async function referencePass(p: PreparedScoring, runner: ReferenceRunner, n: number, sink: SubjectResult[]): Promise<void> {
  const { compiled, registry, observations, rows, infos, tiersDesc } = p;
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const criteria: CriterionResult[] = [];
    for (const cc of compiled.criteria) {
      const verdicts = await runner.check(cc, compiled, row, false);
      criteria.push(scoreCriterion(cc, row, verdicts, false, registry, compiled, observations));
    }
    sink[i] = totalSubject(infos[i]!, criteria, tiersDesc);
  }
}

async function scoring(dataset: Dataset) {
  let t0 = nowMs();
  const p = prepareScoring(dataset, benchCriteriaSet, PERIOD);
  const teams = p.rows.length;
  log(`facts: ${p.compiled.factIds.length} facts for ${teams} teams computed once in ${(nowMs() - t0).toFixed(0)} ms`);
  t0 = nowMs();
  const handFacts = p.rows.map((row) => handFactsOf(p.compiled, row));
  const params = handParams(p.asOf);

  const fastOut: SubjectResult[] = new Array(teams);
  const explainOut: SubjectResult[] = new Array(teams);
  const handOut: HandResult[] = new Array(teams);
  const n = Math.min(REFERENCE_SAMPLE, teams);
  const refOut: SubjectResult[] = new Array(n);

  const fast = timeSync(SCORING_RUNS, 2, () => compiledPass(p, false, fastOut));
  log(`compiled fast:    ${fast.all.map((x) => x.toFixed(1)).join(', ')} ms`);
  const explain = timeSync(SCORING_RUNS, 2, () => compiledPass(p, true, explainOut));
  log(`compiled explain: ${explain.all.map((x) => x.toFixed(1)).join(', ')} ms`);
  const hand = timeSync(SCORING_RUNS, 2, () => {
    for (let i = 0; i < teams; i++) handOut[i] = scoreTeamByHand(handFacts[i]!, params);
  });
  log(`hand-written:     ${hand.all.map((x) => x.toFixed(1)).join(', ')} ms`);
  const runner = new ReferenceRunner(p.compiled, p.registry);
  const reference = await timeAsync(REFERENCE_RUNS, 1, () => referencePass(p, runner, n, refOut));
  log(`reference (${n} teams): ${reference.all.map((x) => x.toFixed(0)).join(', ')} ms`);

  // The four must agree, or the comparison means nothing.
  for (let i = 0; i < teams; i++) {
    const f = fastOut[i]!;
    check(f.score === handOut[i]!.score && f.rating?.id === handOut[i]!.rating, `hand-written differs on ${f.subject.id}`);
    check(f.score === explainOut[i]!.score, `explain differs on ${f.subject.id}`);
    if (i < n) check(f.score === refOut[i]!.score, `reference differs on ${f.subject.id}`);
  }
  return {
    teams,
    criteria: p.compiled.criteria.length,
    compiledFastUsPerTeam: (fast.ms * 1000) / teams,
    compiledExplainUsPerTeam: (explain.ms * 1000) / teams,
    handWrittenUsPerTeam: (hand.ms * 1000) / teams,
    referenceUsPerTeam: (reference.ms * 1000) / n,
    referenceSampleTeams: n,
  };
}

async function main(): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  log(`cnscd bench — node ${process.version}, ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  log(`national dataset: shape 63, seed ${SEED}, scale ${SCALE}`);
  const started = nowMs();
  const e2e = endToEnd();
  const s = await scoring(e2e.last);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  const fmt = (x: number, d = 2): string => x.toFixed(d);
  const rows: [string, string, string][] = [
    ['compiled, fast', `${fmt(s.compiledFastUsPerTeam, 3)} µs/team`, `${fmt(s.referenceUsPerTeam / s.compiledFastUsPerTeam, 0)}× faster than reference, ${fmt(s.compiledFastUsPerTeam / s.handWrittenUsPerTeam, 1)}× hand-written`],
    ['compiled, explain', `${fmt(s.compiledExplainUsPerTeam, 3)} µs/team`, `${fmt(s.referenceUsPerTeam / s.compiledExplainUsPerTeam, 0)}× faster than reference`],
    ['json-rules-engine (reference)', `${fmt(s.referenceUsPerTeam, 1)} µs/team`, `sample of ${s.referenceSampleTeams} teams`],
    ['hand-written function', `${fmt(s.handWrittenUsPerTeam, 3)} µs/team`, ''],
    ['national end to end', `${fmt(e2e.ms, 0)} ms`, `JSON.parse ${fmt(e2e.parseMs, 0)} ms + evaluateSync ${fmt(e2e.evaluateMs, 0)} ms`],
    ['peak RSS', `${fmt(peakRssMb, 0)} MB`, 'whole process (maxRSS)'],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\n${s.teams} teams × ${s.criteria} criteria (${(e2e.jsonChars / 1e6).toFixed(0)} M-character JSON, ${e2e.reports} reports)`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
  console.log(`(bench took ${((nowMs() - started) / 1000).toFixed(0)} s)`);
  const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;
  console.log(
    JSON.stringify({
      teams: s.teams,
      criteria: s.criteria,
      compiledFastUsPerTeam: round(s.compiledFastUsPerTeam, 3),
      compiledExplainUsPerTeam: round(s.compiledExplainUsPerTeam, 3),
      referenceUsPerTeam: round(s.referenceUsPerTeam, 1),
      handWrittenUsPerTeam: round(s.handWrittenUsPerTeam, 3),
      nationalEndToEndMs: round(e2e.ms, 0),
      peakRssMb: round(peakRssMb, 0),
      parseMs: round(e2e.parseMs, 0),
      evaluateMs: round(e2e.evaluateMs, 0),
      fastVsReference: round(s.referenceUsPerTeam / s.compiledFastUsPerTeam, 0),
      explainVsReference: round(s.referenceUsPerTeam / s.compiledExplainUsPerTeam, 0),
      fastVsHandWritten: round(s.compiledFastUsPerTeam / s.handWrittenUsPerTeam, 2),
      referenceSampleTeams: s.referenceSampleTeams,
      members: nationalTotals('63', SCALE).members,
      reports: e2e.reports,
      jsonMChars: round(e2e.jsonChars / 1e6, 1),
      scale: SCALE,
      seed: SEED,
      node: process.version,
      cores: os.cpus().length,
      loadAvg1: round(os.loadavg()[0] ?? 0, 2),
    }),
  );
}

await main();
