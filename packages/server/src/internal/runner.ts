/**
 * Where evaluations run. The compiled engine is synchronous: a national dataset would hold the event loop
 * for seconds, starving health checks and every other request, and no timer could stop it. So large
 * requests are handled in a pool of worker threads: a body above `offThreadBytes` is sent there as it
 * came, unparsed, and the worker parses, checks, evaluates and serializes it, answering bytes (parsing
 * and checking 20 MB take seconds when every row is wrong); a smaller body whose dataset has more than
 * `workerThreshold` teams is checked here and evaluated there. warm workers are reused (a fresh one pays
 * for module loading, validator compilation and a cold JIT, about a second), a worker that passes the
 * deadline is terminated (503 `TIMED_OUT`) and replaced on demand, and requests wait in a short queue for a
 * free worker (the deadline counts from arrival); when the queue is full the answer is 503 `OVERLOADED`
 * rather than a wait behind minutes of work. Small datasets run inline: handing them to a thread would
 * cost more than evaluating them.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EvaluationResult, Plugin } from '@cnscd/core';
import type { IoProblem } from '@cnscd/io';
import { DEFAULTS } from '../config.js';
import { runEvaluation, type AnswerFormat, type PreparedEvaluation, type ScoringContext } from '../pipeline.js';
import { renderScorecard, type ScorecardRequest } from '../scorecard.js';
import { HttpProblem, item, type ProblemCode, type ProblemItem } from '../problems.js';

/** Options of {@link EvaluationRunner}. */
export interface RunnerOptions {
  readonly handlerTimeout: number;
  readonly workerThreshold: number;
  /** Plugins to load in workers (module ids/paths); plugin objects cannot cross threads, so they force inline runs. */
  readonly plugins: readonly (string | Plugin)[];
  readonly cwd: string;
  /** The province's own presets, which a worker handling a whole request loads too. */
  readonly presetsDir?: string | undefined;
  /** Nesting bound of request bodies, for a worker parsing one (default {@link DEFAULTS}.maxDepth). */
  readonly maxDepth?: number;
  /** Most workers at once (default: CPUs − 1, at least 1). */
  readonly maxWorkers?: number;
  /** Most large evaluations waiting for a worker (default 4 per worker); beyond, 503 `OVERLOADED`. */
  readonly maxQueue?: number;
}

/**
 * The answer to a whole request body: the bytes of the 200 answer (JSON, or the scorecard asked for), and
 * whether explanations were left out by default.
 */
export type BodyAnswer =
  | { readonly json: Uint8Array; readonly explanationsOmitted: boolean }
  /** A JSON or NDJSON evaluation answer, in the chunks the worker encoded (sent one after the other). */
  | { readonly chunks: readonly Uint8Array[]; readonly explanationsOmitted: boolean };

/** What a worker is started with. */
export interface WorkerInit {
  readonly plugins: readonly string[];
  readonly cwd: string;
  readonly presetsDir: string | undefined;
  readonly maxDepth: number;
}

/** One job sent to a worker: a prepared evaluation, or a whole request body to parse, check and evaluate. */
export type WorkerRequest =
  | { readonly id: number; readonly prepared: PreparedEvaluation; readonly scorecard?: ScorecardRequest }
  | {
      readonly id: number;
      readonly body: Uint8Array;
      readonly dryRun: boolean;
      readonly explainMaxTeams: number;
      readonly format: AnswerFormat;
      readonly scorecard?: ScorecardRequest;
    }
  | { readonly id: number; readonly spreadsheet: Uint8Array; readonly file: string }
  | {
      readonly id: number;
      /** A multipart evaluation request: the file (the dataset) and the form's text fields. */
      readonly form: {
        readonly file: { readonly bytes: Uint8Array; readonly name: string } | undefined;
        readonly fields: Readonly<Record<string, string>>;
      };
      readonly dryRun: boolean;
      readonly explainMaxTeams: number;
      readonly format: AnswerFormat;
      readonly scorecard?: ScorecardRequest;
    };

/** A spreadsheet read in a worker: the JSON bytes of the 200 answer, or the problems when it has errors. */
export type SpreadsheetAnswer =
  | { readonly valid: true; readonly json: Uint8Array }
  | { readonly valid: false; readonly problems: readonly IoProblem[] };

/** What a worker answers: a result, the answer's JSON bytes (for a body), or a problem. */
export type WorkerOutput =
  | { readonly ok: true; readonly result: EvaluationResult }
  | { readonly ok: true; readonly json: Uint8Array; readonly explanationsOmitted: boolean }
  | { readonly ok: true; readonly chunks: readonly Uint8Array[]; readonly explanationsOmitted: boolean }
  | { readonly ok: true; readonly spreadsheet: SpreadsheetAnswer }
  | { readonly ok: false; readonly code: string; readonly status: number; readonly message: string; readonly problems: readonly ProblemItem[] };

const fromSource = import.meta.url.endsWith('.ts');

/**
 * Start a worker. From the built package it is `eval-worker.js` next to this bundle. From TypeScript
 * sources (tests, tsx) the worker registers tsx's loader first: in Node 20, loader hooks of the main
 * thread do not reach worker threads, and tsx's `--import` entry registers only on the main thread.
 */
function spawnWorker(init: WorkerInit): Worker {
  if (!fromSource) return new Worker(new URL('./eval-worker.js', import.meta.url), { workerData: init });
  const tsxApi = new URL('./esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx'))).href;
  const entry = new URL('./eval-worker.ts', import.meta.url).href;
  const bootstrap = `(async () => { const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(entry)}); })();`;
  return new Worker(bootstrap, { eval: true, workerData: init, execArgv: ['--conditions=source'] });
}

interface Job {
  readonly id: number;
  readonly request: WorkerRequest;
  readonly resolve: (r: EvaluationResult | BodyAnswer | SpreadsheetAnswer) => void;
  readonly reject: (e: unknown) => void;
  timer?: NodeJS.Timeout;
  worker?: PooledWorker;
}

interface PooledWorker {
  readonly worker: Worker;
  job: Job | undefined;
}

/** How a body or a form is answered: {@link EvaluationRunner.runBody} and {@link EvaluationRunner.runForm} alike. */
interface AnswerOptions {
  readonly dryRun: boolean;
  readonly explainMaxTeams: number;
  readonly format: AnswerFormat;
  readonly scorecard?: ScorecardRequest | undefined;
}

/** The options as worker-request fields (an absent scorecard is left out, not sent as undefined). */
function answerFields(options: AnswerOptions): Omit<AnswerOptions, 'scorecard'> & { scorecard?: ScorecardRequest } {
  const { scorecard, ...rest } = options;
  return scorecard === undefined ? rest : { ...rest, scorecard };
}

/**
 * Runs prepared evaluations inline or in a pool of worker threads.
 *
 * @example
 * ```ts
 * const runner = new EvaluationRunner({ handlerTimeout: 30_000, workerThreshold: 500, plugins: [], cwd: '.' });
 * const result = await runner.run(ctx, prepared);
 * await runner.close();
 * ```
 */
export class EvaluationRunner {
  readonly #options: RunnerOptions;
  readonly #maxWorkers: number;
  readonly #maxQueue: number;
  readonly #init: WorkerInit | undefined;
  readonly #pool = new Set<PooledWorker>();
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: RunnerOptions) {
    this.#options = options;
    this.#maxWorkers = options.maxWorkers ?? Math.max(1, availableParallelism() - 1);
    this.#maxQueue = options.maxQueue ?? this.#maxWorkers * 4;
    this.#init = options.plugins.every((p) => typeof p === 'string')
      ? { plugins: options.plugins as string[], cwd: options.cwd, presetsDir: options.presetsDir, maxDepth: options.maxDepth ?? DEFAULTS.maxDepth }
      : undefined;
  }

  /** Workers evaluating now, and jobs waiting for one. */
  get load(): { readonly busy: number; readonly queued: number } {
    return { busy: [...this.#pool].filter((w) => w.job !== undefined).length, queued: this.#queue.length };
  }

  /** Whether a dataset of this many teams goes to a worker. */
  usesWorker(teams: number): boolean {
    return teams > this.#options.workerThreshold && this.#init !== undefined;
  }

  /** Whether whole request bodies can be handed to workers (not when plugins are objects, which cannot cross threads). */
  get takesBodies(): boolean {
    return this.#init !== undefined;
  }

  /**
   * Evaluate a prepared request: inline when its dataset is small, else in a worker.
   *
   * @example
   * ```ts
   * const result = await runner.run(ctx, prepareEvaluation(ctx, body));
   * ```
   */
  async run(ctx: ScoringContext, prepared: PreparedEvaluation): Promise<EvaluationResult> {
    if (!this.usesWorker(prepared.teams)) return runEvaluation(ctx, prepared);
    return (await this.#submit({ id: this.#nextId++, prepared })) as EvaluationResult;
  }

  /**
   * Evaluate a prepared request and render its scorecard (HTML or XLSX bytes): inline when the dataset is
   * small, else both in a worker, so that neither a large evaluation nor its rendering holds the event loop.
   *
   * @example
   * ```ts
   * const bytes = await runner.runScorecard(ctx, prepared, { format: 'html', lang: 'vi' });
   * ```
   */
  async runScorecard(ctx: ScoringContext, prepared: PreparedEvaluation, scorecard: ScorecardRequest): Promise<Uint8Array> {
    if (!this.usesWorker(prepared.teams)) return renderScorecard(await runEvaluation(ctx, prepared), prepared, scorecard);
    return ((await this.#submit({ id: this.#nextId++, prepared, scorecard })) as Extract<BodyAnswer, { json: Uint8Array }>).json;
  }

  /**
   * Handle a whole evaluation request in a worker: parse the body (UTF-8 JSON), check it as the route and
   * core do, evaluate it (or, with `dryRun`, only check it) and answer the JSON bytes of the 200 answer (an
   * evaluation's in chunks), or the scorecard's bytes when `scorecard` asks for one.
   * Throws the {@link HttpProblem} the route would have thrown. Only when {@link takesBodies}.
   *
   * @example
   * ```ts
   * const answer = await runner.runBody(rawBody, { dryRun: false, explainMaxTeams: 100, format: 'json' });
   * reply.type('application/json; charset=utf-8').send('chunks' in answer ? Readable.from(answer.chunks) : Buffer.from(answer.json));
   * ```
   */
  async runBody(body: Uint8Array, options: AnswerOptions): Promise<BodyAnswer> {
    return (await this.#submit({ id: this.#nextId++, body, ...answerFields(options) })) as BodyAnswer;
  }

  /**
   * Read a spreadsheet (`.xlsx`, or CSV by its name) in a worker: a 50 MB workbook takes seconds to unpack
   * and read, which must not hold the event loop. Only when {@link takesBodies}.
   *
   * @example
   * ```ts
   * const answer = await runner.readSpreadsheet(bytes, 'bao-cao.xlsx');
   * ```
   */
  async readSpreadsheet(spreadsheet: Uint8Array, file: string): Promise<SpreadsheetAnswer> {
    return (await this.#submit({ id: this.#nextId++, spreadsheet, file })) as SpreadsheetAnswer;
  }

  /**
   * Handle a whole multipart evaluation request in a worker: read the spreadsheet, check the fields as the
   * route checks a JSON body, evaluate, and answer the bytes as {@link runBody} does. Throws the
   * {@link HttpProblem} to answer (a spreadsheet's problems keep their cells). Only when {@link takesBodies}.
   *
   * @example
   * ```ts
   * const { json } = await runner.runForm({ file: { bytes, name: 'to.xlsx' }, fields: { preset: 'national-2024', period: '2025' } }, { dryRun: false, explainMaxTeams: 100, format: 'json' });
   * ```
   */
  async runForm(form: Extract<WorkerRequest, { form: unknown }>['form'], options: AnswerOptions): Promise<BodyAnswer> {
    return (await this.#submit({ id: this.#nextId++, form, ...answerFields(options) })) as BodyAnswer;
  }

  #submit(request: WorkerRequest): Promise<EvaluationResult | BodyAnswer | SpreadsheetAnswer> {
    if (this.#closed || this.#queue.length >= this.#maxQueue) {
      throw new HttpProblem(
        'OVERLOADED',
        `All ${this.#maxWorkers} evaluation workers are busy and ${this.#queue.length} large evaluations are waiting; retry later.`,
        [item('OVERLOADED', '', { vi: 'Hệ thống đang bận đánh giá các bộ dữ liệu lớn; hãy thử lại sau.', en: 'All evaluation workers are busy.' })],
        { headers: { 'retry-after': '5' } },
      );
    }
    const timeout = this.#options.handlerTimeout;
    return new Promise<EvaluationResult | BodyAnswer | SpreadsheetAnswer>((resolve, reject) => {
      const job: Job = { id: request.id, request, resolve, reject };
      // The deadline counts from arrival, waiting included.
      job.timer = setTimeout(() => {
        const error = new HttpProblem('TIMED_OUT', `The evaluation took longer than ${timeout} ms and was stopped.`, [
          item(
            'TIMED_OUT',
            '',
            { vi: `Đánh giá vượt quá ${timeout} ms và đã bị dừng.`, en: `The evaluation took longer than ${timeout} ms.` },
            { handlerTimeout: timeout },
          ),
        ]);
        if (job.worker !== undefined) {
          // The only way to stop synchronous work: end the thread. A fresh one is started when needed.
          this.#discard(job.worker, error);
        } else {
          this.#queue.splice(this.#queue.indexOf(job), 1);
          reject(error);
        }
      }, timeout);
      this.#queue.push(job);
      this.#dispatch();
    });
  }

  /** Hand waiting jobs to idle workers, starting workers up to the limit. */
  #dispatch(): void {
    while (this.#queue.length > 0) {
      const pooled = this.#acquire();
      if (pooled === undefined) return;
      const job = this.#queue.shift()!;
      job.worker = pooled;
      pooled.job = job;
      pooled.worker.postMessage(job.request);
    }
  }

  #acquire(): PooledWorker | undefined {
    for (const w of this.#pool) if (w.job === undefined) return w;
    if (this.#pool.size >= this.#maxWorkers || this.#init === undefined || this.#closed) return undefined;
    const pooled: PooledWorker = { worker: spawnWorker(this.#init), job: undefined };
    pooled.worker.on('message', (out: WorkerOutput & { id?: number; ready?: true }) => {
      const job = pooled.job;
      if (out.ready === true || job === undefined || out.id !== job.id) return;
      clearTimeout(job.timer);
      pooled.job = undefined;
      if (out.ok)
        job.resolve(
          'spreadsheet' in out
            ? out.spreadsheet
            : 'json' in out
              ? { json: out.json, explanationsOmitted: out.explanationsOmitted }
              : 'chunks' in out
                ? { chunks: out.chunks, explanationsOmitted: out.explanationsOmitted }
                : out.result,
        );
      else job.reject(new HttpProblem(out.code as ProblemCode, out.message, out.problems, { status: out.status }));
      this.#dispatch();
    });
    pooled.worker.on('error', (err) => this.#discard(pooled, err));
    pooled.worker.on('exit', (code) => this.#discard(pooled, new Error(`An evaluation worker exited with code ${code}.`)));
    this.#pool.add(pooled);
    return pooled;
  }

  /** Remove a worker from the pool, fail its job (if any) with `error`, stop the thread, and go on. */
  #discard(pooled: PooledWorker, error: unknown): void {
    if (!this.#pool.delete(pooled)) return;
    const job = pooled.job;
    pooled.job = undefined;
    if (job !== undefined) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    void pooled.worker.terminate();
    if (!this.#closed) this.#dispatch();
  }

  /** Stop every worker (on shutdown, after requests in flight got their answers or timed out). */
  async close(): Promise<void> {
    this.#closed = true;
    const stopping = new Error('The server is shutting down.');
    for (const job of this.#queue.splice(0)) {
      clearTimeout(job.timer);
      job.reject(stopping);
    }
    for (const w of [...this.#pool]) this.#discard(w, stopping);
  }
}
