/**
 * `npm run bench`: the evaluator at national scale (74,422 teams, 348,362 members; see docs/performance.md).
 *
 * 1. National end to end: generate the 63-province dataset and JSON.stringify it (not timed), then, in a
 *    child process (bench/national-e2e.ts) so that its peak RSS is the evaluation's own, time JSON.parse +
 *    evaluateSync (validate, index, facts, score, roll up), fast mode. Median of 3 after a warm-up run.
 *    Three times: with the reports as columns (`reportColumns`, the form for national exports: the figure
 *    `nationalEndToEndMs`), then the same with every commune ended and taken over by a new one in lineage
 *    (bench/national-reform.ts, `merge: 1`: the same roll-up shape, every village and commune team placed
 *    through `successors`: `nationalEndToEndLineageMs`, and `placementOverheadRatio` over the first, also
 *    in CPU time), then with the reports as
 *    objects (`reports`: `nationalEndToEndObjectsMs`).
 * 2. Scoring only, on the same precomputed fact rows (compiled once, facts computed once for every team;
 *    the dataset and its index are dropped then, so that no measurement pays for collections tracing them):
 *    the compiled evaluator in fast mode and the hand-written function (bench/hand-written.ts) over all
 *    teams, and the floor under both (fast mode's results built with no evaluation); explain mode over a
 *    10,000-team sample and json-rules-engine through ReferenceRunner over a
 *    2,000-team sample (every k-th team, so all provinces are in), extrapolated per team. Median of
 *    several runs after five warm-up passes; CPU time is reported next to wall time because the machine may be
 *    shared.
 * 3. Peers and the CLI. json-logic-engine's build() on the same facts (bench/json-logic.ts), over all teams,
 *    its verdicts checked equal to fast mode's on the 2,000-team sample: `jsonLogicUsPerTeam`. The CLI as
 *    a user runs it (`cnscd evaluate --preset national-2024 --data <file> --format json > answer.json`, the
 *    bundle bench/run.mjs builds, reports as columns, the default compact answer), three runs in child
 *    processes: `cliEndToEndMs` (median wall, spawn to exit), `cliPeakRssMb` (the child's maxRSS,
 *    bench/cli-rss.mjs), `answerBytesPerTeam` (the answer file's bytes / teams).
 *
 * Prints a table, then as the last line one JSON object with the figures. Environment: BENCH_SCALE (0–1,
 * default 1) for a quick run, BENCH_SEED (default 20250701).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReferenceRunner } from '../packages/core/src/evaluate/reference.js';
import { Observations, scoreCriterion, totalSubject } from '../packages/core/src/evaluate/run.js';
import { SubjectScoring } from '../packages/core/src/evaluate/scoring.js';
import { cpuMs, gc, median, nowMs } from './timing.js';
import type { CriterionResult, SubjectResult } from '../packages/core/src/evaluate/types.js';
import { toReportColumns } from '../packages/core/src/model/report-columns.js';
import type { Dataset } from '../packages/core/src/model/types.js';
import { benchCriteriaSet } from './criteria.js';
import { handParams, scoreTeamByHand, type HandResult } from './hand-written.js';
import { jsonLogicScorer } from './json-logic.js';
import { generateNational, nationalTotals } from './national.js';
import { withNationalReform } from './national-reform.js';
import { handFactsOf, prepareScoring, type PreparedScoring } from './prepare.js';

const SCALE = Number(process.env['BENCH_SCALE'] ?? 1);
const SEED = Number(process.env['BENCH_SEED'] ?? 20250701);
const PERIOD = '2025-01..2025-12';
const E2E_RUNS = 3;
const SCORING_RUNS = 7;
const EXPLAIN_RUNS = 7;
const REFERENCE_RUNS = 5;
const EXPLAIN_SAMPLE = 10_000;
const REFERENCE_SAMPLE = 2_000;
/** Untimed passes before each measurement: the JIT settles (inlining, elements kinds learnt by allocation sites) over a few passes. */
const WARMUP = 5;

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

interface Timing {
  /** Median wall time (ms). */
  readonly ms: number;
  /** Median CPU time of the process (ms), robust to other processes on a shared machine. */
  readonly cpu: number;
  readonly all: readonly number[];
}

/**
 * Time `fn` `runs` times after `warmup` untimed runs; medians in ms. One full GC first, so that one
 * measurement's garbage is not collected during the next; none between runs (a full GC shrinks the young
 * generation, which would then make every run pay for regrowing it).
 */
async function time(runs: number, warmup: number, fn: () => void | Promise<void>): Promise<Timing> {
  gc();
  for (let i = 0; i < warmup; i++) await fn();
  const all: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = cpuMs();
    const t0 = nowMs();
    await fn();
    all.push(nowMs() - t0);
    cpu.push(cpuMs() - c0);
  }
  return { ms: median(all), cpu: median(cpu), all };
}

function check(cond: boolean, message: string): void {
  if (!cond) throw new Error(`bench sanity check failed: ${message}`);
}

// ── 1. national end to end ───────────────────────────────────────────────────
interface EndToEnd {
  readonly nationalEndToEndMs: number;
  readonly parseMs: number;
  readonly evaluateMs: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly teams: number;
}

/** The sizes of the two JSON files {@link writeNationalJson} writes. */
interface Written {
  readonly jsonChars: number;
  readonly objectsJsonChars: number;
  readonly reports: number;
}

/**
 * Generate the national dataset and write it as JSON twice: to `file` with its reports as columns, to
 * `objectsFile` as objects. Only counts are kept in memory.
 */
function writeNationalJson(file: string, objectsFile: string, lineageFile: string): Written {
  const totals = nationalTotals('63', SCALE);
  const t0 = nowMs();
  const generated = generateNational({ shape: '63', seed: SEED, scale: SCALE });
  const members = generated.teams.reduce((n, t) => n + (t.members?.length ?? 0), 0);
  check(generated.teams.length === totals.teams, `teams ${generated.teams.length} ≠ ${totals.teams}`);
  check(members === totals.members, `members ${members} ≠ ${totals.members}`);
  const reports = generated.reports?.length ?? 0;
  log(
    `generated ${generated.teams.length} teams, ${members} members, ${reports} reports, ${generated.orgUnits.length} org units in ${(nowMs() - t0).toFixed(0)} ms`,
  );
  const t1 = nowMs();
  let json = JSON.stringify(generated);
  const objectsJsonChars = json.length;
  writeDurably(objectsFile, json);
  const { reports: list, ...rest } = generated;
  const columns = { ...rest, reportColumns: toReportColumns(list ?? []) };
  json = JSON.stringify(columns);
  log(
    `JSON: ${(json.length / 1e6).toFixed(1)} M characters with the reports as columns, ${(objectsJsonChars / 1e6).toFixed(1)} M as objects; both made in ${(nowMs() - t1).toFixed(0)} ms`,
  );
  writeDurably(file, json);
  // The same, every commune taken over by a new one in lineage (placementOverheadRatio; bench/national-reform.ts).
  json = JSON.stringify(withNationalReform(columns, 1));
  writeDurably(lineageFile, json);
  return { jsonChars: json.length, objectsJsonChars, reports };
}

/**
 * Write and flush to disk: otherwise the kernel writes the ~380 MB back while the end-to-end child runs,
 * on one of the machine's two cores.
 */
function writeDurably(file: string, text: string): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Run bench/national-e2e.ts in a child process on the JSON file; its last stdout line is its figures. */
function endToEnd(file: string): EndToEnd {
  // Next to this file: national-e2e.js in the bundle bench/run.mjs builds, national-e2e.ts from sources.
  const self = fileURLToPath(import.meta.url);
  const child = path.join(path.dirname(self), `national-e2e${path.extname(self)}`);
  const r = spawnSync(process.execPath, [...process.execArgv, child, file, String(E2E_RUNS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  check(r.status === 0, `national-e2e.ts exited with ${r.status ?? r.signal}`);
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as EndToEnd;
}

// ── 3. the CLI, file in → file out ──────────────────────────────────────────
interface CliRun {
  readonly ms: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly answerBytes: number;
}

interface CliEndToEnd {
  /** Median wall time of the runs, ms. */
  readonly ms: number;
  readonly cpuMs: number;
  /** The largest peak RSS of the runs. */
  readonly peakRssMb: number;
  readonly answerBytes: number;
  readonly all: readonly number[];
}

/**
 * `cnscd evaluate --preset national-2024 --data <file> --format json > answer.json` as a user runs it:
 * the CLI bundle bench/run.mjs builds, in a child process, its answer (the default, compact) written to a
 * file. Wall time from spawn to exit; peak RSS and CPU time of the child (bench/cli-rss.mjs). `runs` runs.
 */
function cliEndToEnd(file: string, runs: number): CliEndToEnd {
  const self = fileURLToPath(import.meta.url);
  const cli = path.join(path.dirname(self), 'cli', 'cli.js');
  const wrapper = path.join(path.dirname(self), '..', 'cli-rss.mjs');
  check(fs.existsSync(cli), `${cli} is built by bench/run.mjs: run the bench with npm run bench`);
  const out = `${file}.answer.json`;
  const all: CliRun[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const fd = fs.openSync(out, 'w');
      let r;
      const t0 = nowMs();
      try {
        r = spawnSync(
          process.execPath,
          [wrapper, cli, 'evaluate', '--preset', 'national-2024', '--data', file, '--period', PERIOD, '--format', 'json'],
          {
            stdio: ['ignore', fd, 'pipe', 'pipe'],
            encoding: 'utf8',
            maxBuffer: 1 << 20,
          },
        );
      } finally {
        fs.closeSync(fd);
      }
      const ms = nowMs() - t0;
      check(r.status === 0, `the CLI exited with ${r.status ?? r.signal}: ${String(r.stderr).slice(0, 500)}`);
      const figures = JSON.parse(String(r.output[3] ?? '').trim()) as { maxRssMb: number; cpuMs: number };
      const answerBytes = fs.statSync(out).size;
      log(
        `CLI run ${i + 1}: ${ms.toFixed(0)} ms (cpu ${figures.cpuMs.toFixed(0)} ms), peak RSS ${figures.maxRssMb.toFixed(0)} MB, answer ${(answerBytes / 1e6).toFixed(1)} MB`,
      );
      all.push({ ms, cpuMs: figures.cpuMs, peakRssMb: figures.maxRssMb, answerBytes });
    }
    const answer = JSON.parse(fs.readFileSync(out, 'utf8')) as { shape?: string; subjects?: unknown[] };
    check(answer.shape === 'compact' && answer.subjects?.length === nationalTotals('63', SCALE).teams, 'the CLI answered every team, compact');
  } finally {
    fs.rmSync(out, { force: true });
  }
  return {
    ms: median(all.map((x) => x.ms)),
    cpuMs: median(all.map((x) => x.cpuMs)),
    peakRssMb: Math.max(...all.map((x) => x.peakRssMb)),
    answerBytes: all[0]!.answerBytes,
    all: all.map((x) => x.ms),
  };
}

// ── 2. scoring on precomputed facts ──────────────────────────────────────────
/** Every k-th index, `n` of them, so that a sample spans the whole country. */
function strideSample(total: number, n: number): number[] {
  if (n >= total) return Array.from({ length: total }, (_, i) => i);
  const step = total / n;
  return Array.from({ length: n }, (_, i) => Math.floor(i * step));
}

/**
 * evaluateSync's scoring (`SubjectScoring.scoreMany`, batch by batch, minus computeFacts), with a fresh scoring state per
 * pass: memos start empty, as in each evaluation.
 */
function compiledPass(p: ScoringInputs, explain: boolean, sample: readonly number[] | undefined, sink: SubjectResult[]): void {
  const { compiled, registry, rows, infos, tiersDesc } = p;
  const scoring = new SubjectScoring(compiled, registry, tiersDesc, new Observations(), explain);
  if (sample === undefined) {
    const results = scoring.scoreMany(infos, rows);
    for (let i = 0; i < results.length; i++) sink[i] = results[i]!;
    return;
  }
  const results = scoring.scoreMany(
    sample.map((i) => infos[i]!),
    sample.map((i) => rows[i]!),
  );
  sample.forEach((i, j) => {
    sink[i] = results[j]!;
  });
}

/**
 * The floor under any fast-mode scorer: each team's result as `scoreMany` returns it (a `SubjectResult`
 * and its array of 12 criterion results, the results themselves shared, as fast mode shares them), built
 * with no evaluation at all and kept alive as the other passes keep theirs. What 150× leaves for
 * evaluating the criteria is the reference's time / 150 minus this.
 */
function resultsFloorPass(p: ScoringInputs, shared: readonly CriterionResult[], sink: SubjectResult[]): void {
  const { infos } = p;
  const k = shared.length;
  for (let i = 0; i < infos.length; i++) {
    const criteria: CriterionResult[] = new Array(k);
    for (let j = 0; j < k; j++) criteria[j] = shared[j]!;
    sink[i] = { subject: infos[i]!, score: 0, maxScore: 100, percent: 0, rating: null, complete: true, criteria };
  }
}

async function referencePass(
  p: ScoringInputs,
  runner: ReferenceRunner,
  sample: readonly number[],
  explain: boolean,
  sink: SubjectResult[],
): Promise<void> {
  const { compiled, registry, observations, rows, infos, tiersDesc } = p;
  for (const i of sample) {
    const row = rows[i]!;
    const criteria: CriterionResult[] = [];
    for (const cc of compiled.criteria) {
      const verdicts = await runner.check(cc, compiled, row, explain);
      criteria.push(scoreCriterion(cc, row, verdicts, explain, registry, compiled, observations));
    }
    sink[i] = totalSubject(infos[i]!, criteria, tiersDesc);
  }
}

/** What the scoring passes read: the prepared scoring without the dataset and its index. */
type ScoringInputs = Omit<PreparedScoring, 'index' | 'subjects'>;

/**
 * Parse the dataset, compute every team's facts, and keep only what scoring reads. The dataset and its
 * index (about 1 GB of heap at national scale) are garbage once this returns, so the per-team passes are
 * not slowed by collections that trace them.
 */
function scoringInputs(file: string): ScoringInputs {
  const {
    index: _index,
    subjects: _subjects,
    ...inputs
  } = prepareScoring(JSON.parse(fs.readFileSync(file, 'utf8')) as Dataset, benchCriteriaSet, PERIOD);
  return inputs;
}

async function scoring(file: string) {
  let t0 = nowMs();
  const p = scoringInputs(file);
  const teams = p.rows.length;
  const parsedIn = nowMs() - t0;
  gc();
  log(
    `facts: ${p.compiled.factIds.length} facts for ${teams} teams computed once (with JSON.parse) in ${parsedIn.toFixed(0)} ms; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`,
  );
  t0 = nowMs();
  const handFacts = p.rows.map((row) => handFactsOf(p.compiled, row));
  const params = handParams(p.asOf);
  const explainSample = strideSample(teams, EXPLAIN_SAMPLE);
  const referenceSample = strideSample(teams, REFERENCE_SAMPLE);

  const fastOut: SubjectResult[] = new Array(teams);
  const handOut: HandResult[] = new Array(teams);
  const explainOut: SubjectResult[] = new Array(teams);
  const refOut: SubjectResult[] = new Array(teams);
  const ms = (t: Timing): string => t.all.map((x) => x.toFixed(0)).join(', ');

  const fast = await time(SCORING_RUNS, WARMUP, () => compiledPass(p, false, undefined, fastOut));
  log(`compiled fast (${teams} teams): ${ms(fast)} ms`);
  const hand = await time(SCORING_RUNS, WARMUP, () => {
    for (let i = 0; i < teams; i++) handOut[i] = scoreTeamByHand(handFacts[i]!, params);
  });
  log(`hand-written (${teams} teams): ${ms(hand)} ms`);
  const jsonLogic = jsonLogicScorer(params);
  const jsonLogicOut: HandResult[] = new Array(teams);
  const logic = await time(SCORING_RUNS, WARMUP, () => {
    for (let i = 0; i < teams; i++) jsonLogicOut[i] = jsonLogic(handFacts[i]!);
  });
  log(`json-logic-engine build() (${teams} teams): ${ms(logic)} ms`);
  // The fast pass built (and cached on the compiled set) one shared result per criterion and status.
  const shared = (p.compiled.scoringPlans.fast ?? []).map((plan) => plan.passed);
  check(shared.length === p.compiled.criteria.length, 'the fast pass left its shared results on the compiled set');
  const floorOut: SubjectResult[] = new Array(teams);
  const floor = await time(SCORING_RUNS, WARMUP, () => resultsFloorPass(p, shared, floorOut));
  log(`results alone, no evaluation (${teams} teams): ${ms(floor)} ms`);
  const explain = await time(EXPLAIN_RUNS, WARMUP, () => compiledPass(p, true, explainSample, explainOut));
  log(`compiled explain (${explainSample.length} teams): ${ms(explain)} ms`);
  const runner = new ReferenceRunner(p.compiled, p.registry);
  const reference = await time(REFERENCE_RUNS, WARMUP, () => referencePass(p, runner, referenceSample, false, refOut));
  log(`reference, fast (${referenceSample.length} teams): ${ms(reference)} ms`);
  const referenceExplain = await time(REFERENCE_RUNS, WARMUP, () => referencePass(p, runner, referenceSample, true, refOut));
  log(`reference, explain (${referenceSample.length} teams): ${ms(referenceExplain)} ms`);

  // The four must agree, or the comparison means nothing.
  for (let i = 0; i < teams; i++) {
    const f = fastOut[i]!;
    check(f.score === handOut[i]!.score && f.rating?.id === handOut[i]!.rating, `hand-written differs on ${f.subject.id}`);
  }
  // json-logic-engine: every criterion's points, the score and the rating, on the 2,000-team sample.
  for (const i of referenceSample) {
    const f = fastOut[i]!;
    const l = jsonLogicOut[i]!;
    f.criteria.forEach((c, j) => {
      check(c.points === l.points[j], `json-logic-engine differs on ${f.subject.id}, criterion ${c.id}: ${l.points[j]} ≠ ${c.points}`);
      check((c.status !== 'not-applicable') === l.applicable[j], `json-logic-engine differs on ${f.subject.id}: is ${c.id} applicable?`);
    });
    check(f.score === l.score && f.rating?.id === l.rating, `json-logic-engine differs on ${f.subject.id}`);
  }
  for (const i of explainSample) check(fastOut[i]!.score === explainOut[i]!.score, `explain differs on team ${i}`);
  for (const i of referenceSample) check(fastOut[i]!.score === refOut[i]!.score, `reference differs on team ${i}`);
  const per = (t: Timing, n: number) => ({ wall: (t.ms * 1000) / n, cpu: (t.cpu * 1000) / n });
  return {
    teams,
    criteria: p.compiled.criteria.length,
    fast: per(fast, teams),
    hand: per(hand, teams),
    jsonLogic: per(logic, teams),
    floor: per(floor, teams),
    explain: per(explain, explainSample.length),
    reference: per(reference, referenceSample.length),
    referenceExplain: per(referenceExplain, referenceSample.length),
    explainSampleTeams: explainSample.length,
    referenceSampleTeams: referenceSample.length,
  };
}

async function main(): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const loadStart = os.loadavg()[0] ?? 0;
  log(
    `cnscd bench — node ${process.version}, ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, load ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  log(`national dataset: shape 63, seed ${SEED}, scale ${SCALE}`);
  const started = nowMs();
  const file = path.join(os.tmpdir(), `cnscd-bench-national-${process.pid}.json`);
  const objectsFile = path.join(os.tmpdir(), `cnscd-bench-national-objects-${process.pid}.json`);
  const lineageFile = path.join(os.tmpdir(), `cnscd-bench-national-lineage-${process.pid}.json`);
  let e2e: EndToEnd;
  let e2eLineage: EndToEnd;
  let e2eObjects: EndToEnd;
  let cli: CliEndToEnd;
  let s: Awaited<ReturnType<typeof scoring>>;
  let written: Written;
  try {
    written = writeNationalJson(file, objectsFile, lineageFile);
    gc();
    e2e = endToEnd(file);
    check(e2e.teams === nationalTotals('63', SCALE).teams, 'end to end scored every team');
    e2eLineage = endToEnd(lineageFile);
    check(e2eLineage.teams === e2e.teams, 'end to end with lineage scored every team');
    e2eObjects = endToEnd(objectsFile);
    cli = cliEndToEnd(file, E2E_RUNS);
    check(e2eObjects.teams === e2e.teams, 'end to end with the reports as objects scored every team');
    // The scoring measurements reuse the same dataset, parsed here (not timed).
    s = await scoring(file);
  } finally {
    fs.rmSync(file, { force: true });
    fs.rmSync(objectsFile, { force: true });
    fs.rmSync(lineageFile, { force: true });
  }
  const { jsonChars, objectsJsonChars, reports } = written;
  const benchPeakRssMb = process.resourceUsage().maxRSS / 1024;

  const f = (x: number, d = 2): string => x.toFixed(d);
  const rows: [string, string, string][] = [
    [
      'compiled, fast',
      `${f(s.fast.wall, 3)} µs/team`,
      `${f(s.reference.wall / s.fast.wall, 1)}× faster than reference, ${f(s.fast.wall / s.hand.wall, 2)}× the hand-written time (cpu ${f(s.fast.cpu, 3)} µs, ${f(s.reference.cpu / s.fast.cpu, 1)}×)`,
    ],
    [
      'compiled, explain',
      `${f(s.explain.wall, 3)} µs/team`,
      `${f(s.reference.wall / s.explain.wall, 1)}× faster than reference, ${f(s.referenceExplain.wall / s.explain.wall, 1)}× reference in explain mode (cpu ${f(s.explain.cpu, 3)} µs, ${f(s.reference.cpu / s.explain.cpu, 1)}×; ${s.explainSampleTeams}-team sample)`,
    ],
    [
      'json-logic-engine build()',
      `${f(s.jsonLogic.wall, 3)} µs/team`,
      `cpu ${f(s.jsonLogic.cpu, 3)} µs; compiled fast mode takes ${f(s.fast.wall / s.jsonLogic.wall, 2)}× its time (cpu ${f(s.fast.cpu / s.jsonLogic.cpu, 2)}×)`,
    ],
    ['json-rules-engine (reference)', `${f(s.reference.wall, 1)} µs/team`, `cpu ${f(s.reference.cpu, 1)} µs; ${s.referenceSampleTeams}-team sample`],
    ['reference, explain mode', `${f(s.referenceExplain.wall, 1)} µs/team`, `cpu ${f(s.referenceExplain.cpu, 1)} µs`],
    [
      'hand-written function',
      `${f(s.hand.wall, 3)} µs/team`,
      `cpu ${f(s.hand.cpu, 3)} µs; ${f(s.reference.wall / s.hand.wall, 0)}× faster than reference`,
    ],
    [
      'results alone (floor)',
      `${f(s.floor.wall, 3)} µs/team`,
      `fast mode's results built with no evaluation; 150× the reference leaves ${f(s.reference.wall / 150 - s.floor.wall, 3)} µs/team to evaluate ${s.criteria} criteria`,
    ],
    [
      'national end to end',
      `${f(e2e.nationalEndToEndMs, 0)} ms`,
      `reports as columns: JSON.parse ${f(e2e.parseMs, 0)} ms + evaluateSync ${f(e2e.evaluateMs, 0)} ms (cpu ${f(e2e.cpuMs, 0)} ms)`,
    ],
    [
      'end to end, with the reform in lineage',
      `${f(e2eLineage.nationalEndToEndMs, 0)} ms`,
      `${f(e2eLineage.nationalEndToEndMs / e2e.nationalEndToEndMs, 3)}× the plain run (every village and commune team placed through successors of ~10,000 communes; JSON.parse ${f(e2eLineage.parseMs, 0)} ms + evaluateSync ${f(e2eLineage.evaluateMs, 0)} ms)`,
    ],
    ['peak RSS, end to end', `${f(e2e.peakRssMb, 0)} MB`, `maxRSS of the end-to-end process; whole bench ${f(benchPeakRssMb, 0)} MB`],
    [
      'CLI, file in → file out',
      `${f(cli.ms, 0)} ms`,
      `cnscd evaluate --format json (compact) > file: cpu ${f(cli.cpuMs, 0)} ms, peak RSS ${f(cli.peakRssMb, 0)} MB, answer ${f(cli.answerBytes / 1e6, 1)} MB = ${f(cli.answerBytes / s.teams, 0)} bytes/team (runs ${cli.all.map((x) => x.toFixed(0)).join(', ')} ms)`,
    ],
    [
      'end to end, reports as objects',
      `${f(e2eObjects.nationalEndToEndMs, 0)} ms`,
      `JSON.parse ${f(e2eObjects.parseMs, 0)} ms + evaluateSync ${f(e2eObjects.evaluateMs, 0)} ms (cpu ${f(e2eObjects.cpuMs, 0)} ms); peak RSS ${f(e2eObjects.peakRssMb, 0)} MB`,
    ],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(
    `\n${s.teams} teams × ${s.criteria} criteria (${reports} reports; JSON of ${(jsonChars / 1e6).toFixed(0)} M characters with them as columns, ${(objectsJsonChars / 1e6).toFixed(0)} M as objects)`,
  );
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
  console.log(`(bench took ${((nowMs() - started) / 1000).toFixed(0)} s; load average ${f(loadStart)} at start, ${f(os.loadavg()[0] ?? 0)} at end)`);
  const r = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;
  console.log(
    JSON.stringify({
      teams: s.teams,
      criteria: s.criteria,
      compiledFastUsPerTeam: r(s.fast.wall, 3),
      compiledExplainUsPerTeam: r(s.explain.wall, 3),
      referenceUsPerTeam: r(s.reference.wall, 1),
      handWrittenUsPerTeam: r(s.hand.wall, 3),
      jsonLogicUsPerTeam: r(s.jsonLogic.wall, 3),
      // Below 1: fast mode is faster than json-logic-engine's compiled rules; same run, same facts.
      fastVsJsonLogic: r(s.fast.wall / s.jsonLogic.wall, 2),
      cpuFastVsJsonLogic: r(s.fast.cpu / s.jsonLogic.cpu, 2),
      nationalEndToEndMs: r(e2e.nationalEndToEndMs, 0),
      peakRssMb: r(e2e.peakRssMb, 0),
      fastVsReference: r(s.reference.wall / s.fast.wall, 1),
      explainVsReference: r(s.reference.wall / s.explain.wall, 1),
      referenceExplainUsPerTeam: r(s.referenceExplain.wall, 1),
      explainVsReferenceExplain: r(s.referenceExplain.wall / s.explain.wall, 1),
      fastVsHandWritten: r(s.fast.wall / s.hand.wall, 2),
      handWrittenVsReference: r(s.reference.wall / s.hand.wall, 1),
      resultsFloorUsPerTeam: r(s.floor.wall, 3),
      fastBudgetUsPerTeam: r(s.reference.wall / 150, 3),
      cpuCompiledFastUsPerTeam: r(s.fast.cpu, 3),
      cpuCompiledExplainUsPerTeam: r(s.explain.cpu, 3),
      cpuReferenceUsPerTeam: r(s.reference.cpu, 1),
      cpuReferenceExplainUsPerTeam: r(s.referenceExplain.cpu, 1),
      cpuHandWrittenUsPerTeam: r(s.hand.cpu, 3),
      // Ratios of CPU times: the reference (a Promise per condition) loses more wall time than the others
      // when another process takes the second core, which inflates the wall ratios on a busy machine.
      cpuFastVsReference: r(s.reference.cpu / s.fast.cpu, 1),
      cpuExplainVsReference: r(s.reference.cpu / s.explain.cpu, 1),
      parseMs: r(e2e.parseMs, 0),
      evaluateMs: r(e2e.evaluateMs, 0),
      cpuEndToEndMs: r(e2e.cpuMs, 0),
      cliEndToEndMs: r(cli.ms, 0),
      cliCpuMs: r(cli.cpuMs, 0),
      cliPeakRssMb: r(cli.peakRssMb, 0),
      answerBytesPerTeam: r(cli.answerBytes / s.teams, 0),
      nationalEndToEndObjectsMs: r(e2eObjects.nationalEndToEndMs, 0),
      // Issue 18: the same end to end with the 2025 reform in lineage, over the plain run of this bench.
      nationalEndToEndLineageMs: r(e2eLineage.nationalEndToEndMs, 0),
      placementOverheadRatio: r(e2eLineage.nationalEndToEndMs / e2e.nationalEndToEndMs, 3),
      // The same in CPU time, steadier when the machine is shared.
      placementOverheadCpuRatio: r(e2eLineage.cpuMs / e2e.cpuMs, 3),
      parseObjectsMs: r(e2eObjects.parseMs, 0),
      evaluateObjectsMs: r(e2eObjects.evaluateMs, 0),
      peakRssObjectsMb: r(e2eObjects.peakRssMb, 0),
      benchPeakRssMb: r(benchPeakRssMb, 0),
      explainSampleTeams: s.explainSampleTeams,
      referenceSampleTeams: s.referenceSampleTeams,
      members: nationalTotals('63', SCALE).members,
      reports,
      jsonMChars: r(jsonChars / 1e6, 1),
      objectsJsonMChars: r(objectsJsonChars / 1e6, 1),
      scale: SCALE,
      seed: SEED,
      node: process.version,
      cores: os.cpus().length,
      loadAvgStart: r(loadStart, 2),
      loadAvgEnd: r(os.loadavg()[0] ?? 0, 2),
    }),
  );
}

await main();
