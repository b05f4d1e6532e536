/**
 * Worker thread entry (see runner.ts): loads the plugins once, then evaluates each prepared request it is
 * sent and posts the result back. The worker stays warm between requests (compiled validators, JIT).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CnscdError, createRegistry, evaluate, type Problem } from '@cnscd/core';
import { loadPlugins } from '../plugins.js';
import { problemFromCore } from '../pipeline.js';
import { HttpProblem } from '../problems.js';
import type { WorkerInit, WorkerOutput, WorkerRequest } from './runner.js';

const { plugins, cwd } = workerData as WorkerInit;
const registry = createRegistry(await loadPlugins(plugins, cwd));

async function run({ prepared }: WorkerRequest): Promise<WorkerOutput> {
  try {
    const result = await evaluate(prepared.dataset, prepared.criteriaSet, {
      period: prepared.period,
      ...(prepared.asOf === undefined ? {} : { asOf: prepared.asOf }),
      ...prepared.options,
      registry,
      validate: false,
    });
    const withWarnings =
      prepared.warnings.length === 0 ? result : { ...result, problems: [...(prepared.warnings as Problem[]), ...result.problems] };
    return { ok: true, result: withWarnings };
  } catch (e) {
    const p = e instanceof CnscdError ? problemFromCore(e) : e instanceof HttpProblem ? e : undefined;
    if (p === undefined) throw e;
    return { ok: false, code: p.code, status: p.status, message: p.message, problems: p.problems };
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  void run(request).then(
    (out) => parentPort?.postMessage({ id: request.id, ...out }),
    (e: unknown) => parentPort?.postMessage({ id: request.id, ok: false, code: 'INTERNAL_ERROR', status: 500, message: e instanceof Error ? e.message : String(e), problems: [] }),
  );
});
parentPort?.postMessage({ ready: true });
