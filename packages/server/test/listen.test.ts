/** One test against a real server listening on 127.0.0.1 (port 0). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/index.js';
import { makeDataset } from './helpers.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, logger: false, underPressure: false }, { signals: false, notices: { info: () => undefined } });
});
afterAll(async () => {
  await server.stop();
});

describe('a real server on 127.0.0.1', () => {
  it('listens on loopback and serves evaluations, problems and docs over HTTP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ok = await fetch(`${server.url}/v1/evaluations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dataset: makeDataset(2), preset: 'national-2024', period: '2025-01..2025-12' }),
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { subjects: unknown[] }).subjects).toHaveLength(2);

    const bad = await fetch(`${server.url}/v1/evaluations`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(bad.status).toBe(415);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await bad.json()) as { code: string }).code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const docs = await fetch(`${server.url}/docs/`);
    expect(docs.status).toBe(200);
    const spec = await fetch(`${server.url}/openapi.json`);
    expect(((await spec.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('answers 413 to a body over the limit sent with chunked encoding (no content-length)', async () => {
    const chunk = new TextEncoder().encode('a'.repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"pad":"'));
        if (sent++ < 25) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(`${server.url}/v1/evaluations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('INPUT_TOO_LARGE');
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});
