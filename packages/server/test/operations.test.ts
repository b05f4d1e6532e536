/**
 * Operations: the per-client rate limit (on by default, keyed by the client address, which honours
 * trustProxy), the connection cap, response compression, compressed request bodies and their inflated
 * bound, the default of `explain` for large datasets, and the path of a 20,000-team province.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Dataset } from '@cnscd/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchDataset } from '../bench/datasets.js';
import { DEFAULTS, startServer, type RunningServer } from '../src/index.js';
import { expectProblem, makeDataset, testApp } from './helpers.js';

const evaluation = (dataset: unknown, extra: Record<string, unknown> = {}) => ({ dataset, preset: 'national-2024', period: '2025', ...extra });

describe('rate limit (on by default)', () => {
  it(`answers 429 RATE_LIMITED after ${DEFAULTS.rateLimit.max} requests a minute from one address, others unaffected`, async () => {
    const app = await testApp();
    try {
      for (let i = 0; i < DEFAULTS.rateLimit.max; i++) {
        const res = await app.inject({ url: '/v1/presets', remoteAddress: '198.51.100.1' });
        expect(res.statusCode).toBe(200);
      }
      const limited = await app.inject({ url: '/v1/presets', remoteAddress: '198.51.100.1' });
      expectProblem(limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Health checks are not counted, and another address has its own bucket.
      expect((await app.inject({ url: '/health', remoteAddress: '198.51.100.1' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/v1/presets', remoteAddress: '198.51.100.2' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('behind a trusted proxy, each forwarded client has its own bucket; an untrusted X-Forwarded-For is ignored', async () => {
    const proxied = await testApp({ rateLimit: { max: 2, timeWindow: 60_000 }, trustProxy: '10.0.0.1' });
    const direct = await testApp({ rateLimit: { max: 2, timeWindow: 60_000 } });
    try {
      const via = (app: typeof proxied, client: string) =>
        app.inject({ url: '/v1/presets', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': client } });
      for (const client of ['203.0.113.1', '203.0.113.1', '203.0.113.2', '203.0.113.2']) expect((await via(proxied, client)).statusCode).toBe(200);
      expect((await via(proxied, '203.0.113.1')).statusCode).toBe(429);
      // Without trustProxy the header is the client's word: all share the proxy's bucket.
      expect((await via(direct, '203.0.113.1')).statusCode).toBe(200);
      expect((await via(direct, '203.0.113.2')).statusCode).toBe(200);
      expect((await via(direct, '203.0.113.3')).statusCode).toBe(429);
    } finally {
      await proxied.close();
      await direct.close();
    }
  });

  it('is turned off with rateLimit: false', async () => {
    const app = await testApp({ rateLimit: false });
    try {
      for (let i = 0; i <= DEFAULTS.rateLimit.max; i++) expect((await app.inject('/v1/presets')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('connection cap', () => {
  let server: RunningServer;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startServer(
      { port: 0, logger: false, underPressure: false, maxConnections: 3 },
      { signals: false, notices: { info: () => undefined } },
    );
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await server.stop();
  });

  const open = (): Promise<Socket> =>
    new Promise((resolve, reject) => {
      const s = connect(Number(new URL(server.url).port), '127.0.0.1', () => resolve(s));
      s.on('error', reject);
      sockets.push(s);
    });
  /** Send one request on `s`; resolve with what came back before the socket closed. */
  const ask = (s: Socket): Promise<string> =>
    new Promise((resolve) => {
      let out = '';
      s.on('data', (d: Buffer) => (out += d.toString()));
      s.on('error', () => undefined);
      s.on('close', () => resolve(out));
      s.write('GET /health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    });

  it('closes connections beyond maxConnections without an answer, and accepts again once one closes', async () => {
    const held = [await open(), await open(), await open()];
    // Connections are accepted in order: the fourth finds three open.
    expect(await ask(await open())).toBe('');
    for (const s of held) s.destroy();
    // Once they are closed, new connections are served again (the server counts closes asynchronously).
    let answer = '';
    while (!answer.startsWith('HTTP/1.1 200')) answer = await ask(await open());
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
  });
});

describe('compression', () => {
  it(`compresses answers of ${DEFAULTS.compressThreshold / 1024} KiB or more when the client accepts it; small ones are sent as they are`, async () => {
    const app = await testApp();
    try {
      const payload = evaluation(makeDataset(20));
      const plain = await app.inject({ method: 'POST', url: '/v1/evaluations', payload });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.rawPayload.length).toBeGreaterThan(DEFAULTS.compressThreshold);
      const gz = await app.inject({ method: 'POST', url: '/v1/evaluations', payload, headers: { 'accept-encoding': 'gzip' } });
      expect(gz.statusCode).toBe(200);
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers.vary).toMatch(/accept-encoding/i);
      expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
      expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());
      // Routes added by plugins before ours are covered too.
      const spec = await app.inject({ url: '/openapi.json', headers: { 'accept-encoding': 'gzip' } });
      expect(spec.headers['content-encoding']).toBe('gzip');
      expect(spec.headers['x-ratelimit-limit']).toBe(String(DEFAULTS.rateLimit.max));
      const small = await app.inject({ url: '/health', headers: { 'accept-encoding': 'gzip' } });
      expect(small.headers['content-encoding']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

describe('compressed request bodies', () => {
  it('accepts a gzip body and answers as for the same body uncompressed', async () => {
    const app = await testApp();
    try {
      const body = JSON.stringify(evaluation(makeDataset(3)));
      const plain = await app.inject({ method: 'POST', url: '/v1/evaluations', payload: body, headers: { 'content-type': 'application/json' } });
      const gz = await app.inject({
        method: 'POST',
        url: '/v1/evaluations',
        payload: gzipSync(body),
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      expect(gz.statusCode, gz.body.slice(0, 300)).toBe(200);
      expect(gz.json()).toEqual(plain.json());
    } finally {
      await app.close();
    }
  });

  it('a zip bomb: 413 INPUT_TOO_LARGE at the inflated bound, and the server keeps serving', async () => {
    const app = await testApp();
    try {
      // 80 MiB of spaces (valid JSON padding) in about 80 KB.
      const bomb = gzipSync(Buffer.alloc(DEFAULTS.inflatedBodyLimit + 16 * 1024 * 1024, 0x20));
      expect(bomb.length).toBeLessThan(DEFAULTS.bodyLimit / 100);
      const res = await app.inject({
        method: 'POST',
        url: '/v1/evaluations',
        payload: bomb,
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      const doc = expectProblem(res, 413, 'INPUT_TOO_LARGE');
      expect(doc.detail).toMatch(/64 MB limit once decompressed/);
      expect(doc.problems[0]?.params).toEqual({ inflatedBodyLimit: DEFAULTS.inflatedBodyLimit });
      expect((await app.inject('/health')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('an unknown Content-Encoding: 415; a body that is not what its encoding says: 400', async () => {
    const app = await testApp();
    try {
      const body = JSON.stringify(evaluation(makeDataset(1)));
      const odd = await app.inject({
        method: 'POST',
        url: '/v1/evaluations',
        payload: body,
        headers: { 'content-type': 'application/json', 'content-encoding': 'x-secret' },
      });
      expectProblem(odd, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(odd.body).not.toContain('x-secret');
      const notGzip = await app.inject({
        method: 'POST',
        url: '/v1/evaluations',
        payload: body,
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      expectProblem(notGzip, 400, 'BAD_REQUEST');
    } finally {
      await app.close();
    }
  });

  it('the wire bound still holds for compressed bodies', async () => {
    const app = await testApp({ bodyLimit: 2048 });
    try {
      const incompressible = gzipSync(randomBytes(8192));
      expect(incompressible.length).toBeGreaterThan(2048);
      const res = await app.inject({
        method: 'POST',
        url: '/v1/evaluations',
        payload: incompressible,
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      const doc = expectProblem(res, 413, 'INPUT_TOO_LARGE');
      expect(doc.problems[0]?.params).toEqual({ bodyLimit: 2048 });
    } finally {
      await app.close();
    }
  });
});

describe('explain by default', () => {
  it(`explains datasets of up to ${DEFAULTS.explainMaxTeams} teams; above, only when asked`, async () => {
    const app = await testApp();
    try {
      const hasExplanations = (body: { subjects: { criteria: { explanation?: unknown; reason?: unknown }[] }[] }): boolean =>
        body.subjects.some((s) => s.criteria.some((c) => c.explanation !== undefined || c.reason !== undefined));
      const small = await app.inject({ method: 'POST', url: '/v1/evaluations', payload: evaluation(makeDataset(DEFAULTS.explainMaxTeams)) });
      expect(hasExplanations(small.json())).toBe(true);
      expect(small.headers['x-explanations']).toBeUndefined();
      const large = await app.inject({ method: 'POST', url: '/v1/evaluations', payload: evaluation(makeDataset(DEFAULTS.explainMaxTeams + 1)) });
      expect(large.statusCode).toBe(200);
      expect(hasExplanations(large.json())).toBe(false);
      expect(large.headers['x-explanations']).toBe('omitted');
      const asked = await app.inject({
        method: 'POST',
        url: '/v1/evaluations',
        payload: evaluation(makeDataset(DEFAULTS.explainMaxTeams + 1), { options: { explain: true } }),
      });
      expect(hasExplanations(asked.json())).toBe(true);
      expect(asked.headers['x-explanations']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

/** The dataset with its reports as columns (docs/dataset.md). */
function asColumns(d: Dataset): Dataset {
  const { reports = [], ...rest } = d;
  const names = [...new Set(reports.flatMap((r) => Object.keys(r.metrics)))];
  const metrics = Object.fromEntries(names.map((n) => [n, reports.map((r) => (r.metrics as Record<string, number | undefined>)[n] ?? null)]));
  return { ...rest, reportColumns: { teamId: reports.map((r) => r.teamId), month: reports.map((r) => r.month), metrics } } as Dataset;
}

describe('a 20,000-team province through the API', () => {
  it('as objects it is over the body limit; as columns, gzip-compressed, it passes every check', async () => {
    const app = await testApp();
    try {
      const dataset = benchDataset(20_000);
      const objects = Buffer.from(JSON.stringify(evaluation(dataset)));
      expect(objects.length).toBeGreaterThan(DEFAULTS.bodyLimit);
      const refused = await app.inject({ method: 'POST', url: '/v1/evaluations', payload: objects, headers: { 'content-type': 'application/json' } });
      expectProblem(refused, 413, 'INPUT_TOO_LARGE');

      const columns = Buffer.from(JSON.stringify(evaluation(asColumns(dataset))));
      expect(columns.length).toBeLessThan(DEFAULTS.inflatedBodyLimit);
      const gz = gzipSync(columns);
      expect(gz.length).toBeLessThan(DEFAULTS.bodyLimit);
      const res = await app.inject({
        method: 'POST',
        url: '/v1/evaluations?dryRun=true',
        payload: gz,
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.json()).toEqual({ valid: true, problems: [] });
    } finally {
      await app.close();
    }
  });
});
