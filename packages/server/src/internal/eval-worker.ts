/**
 * Worker thread entry: evaluates one prepared request and posts the result back (see runner.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CnscdError, createRegistry, evaluate, type Problem } from '@cnscd/core';
import { loadPlugins } from '../plugins.js';
import { problemFromCore } from '../pipeline.js';
import { HttpProblem } from '../problems.js';
import type { WorkerInput, WorkerOutput } from './runner.js';

async function main(): Promise<WorkerOutput> {
  const { plugins, cwd, prepared } = workerData as WorkerInput;
  const registry = createRegistry(await loadPlugins(plugins, cwd));
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

parentPort?.postMessage(await main());
