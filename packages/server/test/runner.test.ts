import { describe, expect, it } from 'vitest';
import { EvaluationRunner } from '../src/internal/runner.js';
import { createScoringContext, HttpProblem, prepareEvaluation } from '../src/index.js';
import { makeDataset } from './helpers.js';

describe('the worker pool', () => {
  it('queues up to its limit, refuses beyond with OVERLOADED, and matches inline results', async () => {
    const ctx = await createScoringContext();
    const prepared = prepareEvaluation(ctx, { dataset: makeDataset(20), preset: 'national-2024', period: '2025' });
    const runner = new EvaluationRunner({ handlerTimeout: 60_000, workerThreshold: 0, plugins: [], cwd: process.cwd(), maxWorkers: 1, maxQueue: 2 });
    try {
      const runs = [0, 1, 2].map(() => runner.run(ctx, prepared));
      expect(runner.load).toEqual({ busy: 1, queued: 2 });
      const refused = await runner.run(ctx, prepared).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(HttpProblem);
      expect((refused as HttpProblem).code).toBe('OVERLOADED');
      const results = await Promise.all(runs);
      const inline = await new EvaluationRunner({ handlerTimeout: 60_000, workerThreshold: 1e9, plugins: [], cwd: process.cwd() }).run(ctx, prepared);
      for (const r of results) expect(r).toEqual(inline);
      expect(runner.load).toEqual({ busy: 0, queued: 0 });
    } finally {
      await runner.close();
    }
  });

  it('times out waiting jobs too, and fails everything pending on close', async () => {
    const ctx = await createScoringContext();
    const prepared = prepareEvaluation(ctx, { dataset: makeDataset(5), preset: 'national-2024', period: '2025' });
    const runner = new EvaluationRunner({ handlerTimeout: 30, workerThreshold: 0, plugins: [], cwd: process.cwd(), maxWorkers: 1, maxQueue: 5 });
    const outcomes = await Promise.all(
      [0, 1, 2].map(() =>
        runner.run(ctx, prepared).then(
          () => 'ok',
          (e: unknown) => (e as HttpProblem).code,
        ),
      ),
    );
    expect(outcomes).toEqual(['TIMED_OUT', 'TIMED_OUT', 'TIMED_OUT']);
    const slow = new EvaluationRunner({ handlerTimeout: 60_000, workerThreshold: 0, plugins: [], cwd: process.cwd(), maxWorkers: 1 });
    const pending = [slow.run(ctx, prepared), slow.run(ctx, prepared)].map((p) =>
      p.then(
        () => 'ok',
        (e: unknown) => (e as Error).message,
      ),
    );
    await slow.close();
    expect(await Promise.all(pending)).toEqual(['The server is shutting down.', 'The server is shutting down.']);
  });
});
