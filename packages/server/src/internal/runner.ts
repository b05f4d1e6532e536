/**
 * Where evaluations run. The compiled engine is synchronous: a national dataset would hold the event loop
 * for seconds, starving health checks and every other request, and no timer could stop it. So datasets
 * above a threshold are evaluated in a worker thread that is terminated at the deadline (503 `TIMED_OUT`);
 * at most `maxWorkers` run at once (beyond that, 503 `OVERLOADED`). Small ones run inline: a worker's
 * start-up would cost more than the evaluation.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EvaluationResult, Plugin } from '@cnscd/core';
import { runEvaluation, type PreparedEvaluation, type ScoringContext } from '../pipeline.js';
import { HttpProblem, item, type ProblemCode, type ProblemItem } from '../problems.js';

/** Options of {@link EvaluationRunner}. */
export interface RunnerOptions {
  readonly handlerTimeout: number;
  readonly workerThreshold: number;
  /** Plugins to load in workers (module ids/paths); plugin objects cannot cross threads, so they force inline runs. */
  readonly plugins: readonly (string | Plugin)[];
  readonly cwd: string;
  readonly maxWorkers?: number;
}

/** What the worker receives. */
export interface WorkerInput {
  readonly plugins: readonly string[];
  readonly cwd: string;
  readonly prepared: PreparedEvaluation;
}

/** What the worker answers. */
export type WorkerOutput =
  | { readonly ok: true; readonly result: EvaluationResult }
  | { readonly ok: false; readonly code: string; readonly status: number; readonly message: string; readonly problems: readonly ProblemItem[] };

const fromSource = import.meta.url.endsWith('.ts');

/**
 * Start the worker. From the built package it is `eval-worker.js` next to this bundle. From TypeScript
 * sources (tests, tsx) the worker registers tsx's loader first: in Node 20, loader hooks of the main
 * thread do not reach worker threads, and tsx's `--import` entry registers only on the main thread.
 */
function spawnWorker(input: WorkerInput): Worker {
  if (!fromSource) return new Worker(new URL('./eval-worker.js', import.meta.url), { workerData: input });
  const tsxApi = new URL('./esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx'))).href;
  const entry = new URL('./eval-worker.ts', import.meta.url).href;
  const bootstrap = `(async () => { const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(entry)}); })();`;
  return new Worker(bootstrap, { eval: true, workerData: input, execArgv: ['--conditions=source'] });
}

/**
 * Runs prepared evaluations inline or in worker threads.
 *
 * @example
 * ```ts
 * const runner = new EvaluationRunner({ handlerTimeout: 30_000, workerThreshold: 2_000, plugins: [], cwd: '.' });
 * const result = await runner.run(ctx, prepared);
 * await runner.close();
 * ```
 */
export class EvaluationRunner {
  readonly #options: RunnerOptions;
  readonly #workers = new Set<Worker>();
  readonly #maxWorkers: number;
  readonly #pluginIds: readonly string[] | undefined;

  constructor(options: RunnerOptions) {
    this.#options = options;
    this.#maxWorkers = options.maxWorkers ?? Math.max(1, availableParallelism() - 1);
    this.#pluginIds = options.plugins.every((p) => typeof p === 'string') ? (options.plugins as string[]) : undefined;
  }

  /** Evaluations running in workers now. */
  get busyWorkers(): number {
    return this.#workers.size;
  }

  /** Whether a dataset of this many teams goes to a worker. */
  usesWorker(teams: number): boolean {
    return teams > this.#options.workerThreshold && this.#pluginIds !== undefined;
  }

  async run(ctx: ScoringContext, prepared: PreparedEvaluation): Promise<EvaluationResult> {
    if (!this.usesWorker(prepared.teams)) return runEvaluation(ctx, prepared);
    if (this.#workers.size >= this.#maxWorkers) {
      throw new HttpProblem(
        'OVERLOADED',
        `All ${this.#maxWorkers} evaluation workers are busy with large datasets; retry later.`,
        [item('OVERLOADED', '', { vi: 'Hệ thống đang bận đánh giá các bộ dữ liệu lớn; hãy thử lại sau.', en: 'All evaluation workers are busy.' })],
        { headers: { 'retry-after': '5' } },
      );
    }
    return this.#inWorker(prepared);
  }

  #inWorker(prepared: PreparedEvaluation): Promise<EvaluationResult> {
    const input: WorkerInput = { plugins: this.#pluginIds ?? [], cwd: this.#options.cwd, prepared };
    const worker = spawnWorker(input);
    this.#workers.add(worker);
    const timeout = this.#options.handlerTimeout;
    return new Promise<EvaluationResult>((resolve, reject) => {
      let settled = false;
      const finish = (f: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.#workers.delete(worker);
        void worker.terminate();
        f();
      };
      const timer = setTimeout(() => {
        finish(() =>
          reject(
            new HttpProblem('TIMED_OUT', `The evaluation took longer than ${timeout} ms and was stopped.`, [
              item('TIMED_OUT', '', { vi: `Đánh giá vượt quá ${timeout} ms và đã bị dừng.`, en: `The evaluation took longer than ${timeout} ms.` }, { handlerTimeout: timeout }),
            ]),
          ),
        );
      }, timeout);
      worker.once('message', (out: WorkerOutput) =>
        finish(() => {
          if (out.ok) resolve(out.result);
          else reject(new HttpProblem(out.code as ProblemCode, out.message, out.problems, { status: out.status }));
        }),
      );
      worker.once('error', (err) => finish(() => reject(err)));
      worker.once('exit', (code) => finish(() => reject(new Error(`The evaluation worker exited with code ${code}.`))));
    });
  }

  /** Stop every worker (used on shutdown, after requests in flight got their answers or timed out). */
  async close(): Promise<void> {
    await Promise.all([...this.#workers].map((w) => w.terminate()));
    this.#workers.clear();
  }
}
