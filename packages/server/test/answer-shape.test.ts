import { gunzipSync } from 'node:zlib';
import { evaluateSync, expandResult, type CriteriaSet, type EvaluationResult } from '@cnscd/core';
import { getPreset, resolveBase } from '@cnscd/criteria-presets';
import { answerChunks, answerText } from '../src/pipeline.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDataset, testApp } from './helpers.js';

/**
 * `options.shape: 'compact'` and `Accept: application/x-ndjson`: the same result, each criterion described
 * once; the same answer whether the body is handled inline or in a worker thread.
 */

let inline: FastifyInstance;
let offThread: FastifyInstance;
beforeAll(async () => {
  inline = await testApp({ offThreadBytes: Number.POSITIVE_INFINITY });
  offThread = await testApp({ offThreadBytes: 0 });
});
afterAll(async () => {
  await inline.close();
  await offThread.close();
});

const body = (options: Record<string, unknown> = {}) => JSON.stringify({ dataset: makeDataset(8), preset: 'national-2024', period: '2025', options });
const post = (app: FastifyInstance, payload: string, accept?: string) =>
  app.inject({
    method: 'POST',
    url: '/v1/evaluations',
    payload,
    headers: { 'content-type': 'application/json', ...(accept === undefined ? {} : { accept }) },
  });

describe('the answer shape', () => {
  it('full by default; compact on request: the same result once expanded, a fraction of the size without explanations', async () => {
    for (const app of [inline, offThread]) {
      const full = await post(app, body());
      const compact = await post(app, body({ shape: 'compact' }));
      expect(full.statusCode).toBe(200);
      expect(compact.statusCode).toBe(200);
      const f = full.json() as EvaluationResult;
      const c = compact.json();
      expect(f.subjects[0]!.criteria[0]!.title).toBeDefined();
      expect(c.shape).toBe('compact');
      expect(expandResult(c)).toEqual(f);
      // Without explanations (the default above 100 teams), the compact answer is a fraction of the full one.
      const [lean, leanCompact] = await Promise.all([post(app, body({ explain: false })), post(app, body({ explain: false, shape: 'compact' }))]);
      expect(leanCompact.body.length).toBeLessThan(lean.body.length / 2);
    }
  });

  it('Accept: application/x-ndjson gives the constant part, then one subject per line (compact unless full is asked)', async () => {
    for (const app of [inline, offThread]) {
      const res = await post(app, body({ explain: false }), 'application/x-ndjson');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const lines = res.body
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines).toHaveLength(9);
      expect(lines[0]).toMatchObject({ shape: 'compact', subjects: 8 });
      expect(lines[1].subject.id).toBe('to-0');
      const full = (await post(app, body({ shape: 'full', explain: false }), 'application/x-ndjson')).body
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(full[0].shape).toBe('full');
      expect(full[1].criteria[0].title).toBeDefined();
    }
  });

  it('inline and in a worker, the same bytes', async () => {
    for (const [payload, accept] of [
      [body({ shape: 'compact' }), undefined],
      [body(), undefined],
      [body(), 'application/x-ndjson'],
    ] as const) {
      const [a, b] = await Promise.all([post(inline, payload, accept), post(offThread, payload, accept)]);
      expect(b.body).toBe(a.body);
    }
  });

  it('an answer from a worker is streamed in chunks, compressed when the client accepts gzip', async () => {
    const payload = body({ explain: true });
    const plain = await post(offThread, payload);
    const zipped = await offThread.inject({
      method: 'POST',
      url: '/v1/evaluations',
      payload,
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
    });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
  });

  it('answerChunks joined is answerText, whatever the chunk size, in every format and shape', () => {
    const result = evaluateSync(makeDataset(5), getPreset('national-2024') as CriteriaSet, { period: '2025', explain: true, resolveBase });
    for (const format of ['json', 'ndjson'] as const) {
      for (const shape of [undefined, 'full', 'compact'] as const) {
        const whole = answerText(result, format, shape);
        for (const chunk of [1, 100, 1 << 20]) {
          const parts = [...answerChunks(result, format, shape, chunk)];
          expect(parts.join('')).toBe(whole);
          // A chunk holds whole lines (NDJSON) or whole values from the fourth level down (JSON).
          if (chunk === 100) expect(parts.length).toBeGreaterThan(format === 'json' ? whole.length / 5000 : 5);
        }
      }
    }
  });
});
