import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetRequests } from './fixtures/dataset-requests.js';
import { makeDataset, testApp } from './helpers.js';

/**
 * Evaluation bodies above `offThreadBytes` are parsed, checked, evaluated and serialized in a worker
 * thread. Whatever the body, the answer must be the one the main thread gives: the same status, code,
 * problems and result.
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

/** The answer without what differs from run to run (the request id). */
function answer(res: { statusCode: number; headers: Record<string, unknown>; body: string }): unknown {
  const doc = JSON.parse(res.body) as Record<string, unknown>;
  delete doc.instance;
  delete doc.requestId;
  return { status: res.statusCode, type: String(res.headers['content-type']).split(';')[0], explanations: res.headers['x-explanations'], doc };
}

describe('a large body, handled in a worker thread', () => {
  const cases = [
    ...datasetRequests(),
    { name: 'evaluated', url: '/v1/evaluations', payload: { dataset: makeDataset(4), preset: 'national-2024', period: '2025' } },
    {
      name: '150 teams: explanations left out by default',
      url: '/v1/evaluations',
      payload: { dataset: makeDataset(150, { members: 2 }), preset: 'national-2024', period: '2025' },
    },
    {
      name: '150 teams, explanations asked for',
      url: '/v1/evaluations',
      payload: { dataset: makeDataset(150, { members: 2 }), preset: 'national-2024', period: '2025', options: { explain: true } },
    },
    {
      name: 'evaluated with roll-up',
      url: '/v1/evaluations',
      payload: { dataset: makeDataset(3), preset: 'thai-nguyen-2025', period: '2025', options: { rollup: true, explain: false } },
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s: answers as the main thread does', async (_, c) => {
    const request = { method: 'POST' as const, url: c.url, payload: JSON.stringify(c.payload), headers: { 'content-type': 'application/json' } };
    const [here, there] = await Promise.all([inline.inject(request), offThread.inject(request)]);
    expect(answer(there)).toEqual(answer(here));
    if (c.name.startsWith('150 teams')) expect(there.headers['x-explanations']).toBe(c.name.includes('by default') ? 'omitted' : undefined);
  });

  it('answers malformed JSON, forbidden keys and too deep nesting as the main thread does', async () => {
    const deep = '{"dataset":' + '['.repeat(200) + ']'.repeat(200) + ',"preset":"national-2024","period":"2025"}';
    for (const payload of [
      '{"dataset": {',
      '{"__proto__": {}, "preset": "x"}',
      deep,
      '\uFEFF{"dataset": 1, "preset": "national-2024", "period": "2025"}',
    ]) {
      const request = { method: 'POST' as const, url: '/v1/evaluations', payload, headers: { 'content-type': 'application/json' } };
      const [here, there] = await Promise.all([inline.inject(request), offThread.inject(request)]);
      expect(answer(there), payload.slice(0, 20)).toEqual(answer(here));
    }
  });
});
