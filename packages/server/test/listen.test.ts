/** One test against a real server listening on 127.0.0.1 (port 0). */
import { connect } from 'node:net';
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
    // The server answers 413 as soon as the bound is passed and closes the connection while the client is
    // still sending, so the client's next write may fail with EPIPE or ECONNRESET. That is not a failure:
    // the answer is already on its way. fetch (undici) sometimes reports the write error instead of the
    // answer, so this client writes on a raw socket, ignores write errors and reads until the server closes.
    const answer = await postChunked(server.url, '/v1/evaluations', '{"pad":"', 'a'.repeat(1024 * 1024), 25);
    expect(answer.status).toBe(413);
    expect((JSON.parse(answer.body) as { code: string }).code).toBe('INPUT_TOO_LARGE');
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});

/**
 * POST a JSON body with chunked encoding on a raw socket: `head`, then `chunk` `times` over. Resolves with
 * the status line's code and the body of the answer once the server closes the connection; write errors
 * after the server stopped reading (EPIPE, ECONNRESET) are expected and ignored.
 */
function postChunked(url: string, path: string, head: string, chunk: string, times: number): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => received.push(d));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE' && e.code !== 'ECONNRESET') reject(e);
    });
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(text)?.[1]);
      if (split < 0 || !Number.isInteger(status)) reject(new Error(`no HTTP answer before the connection closed (${text.length} bytes)`));
      else resolve({ status, body: text.slice(split + 4) });
    });
    const frame = (data: string): string => `${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`;
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
    );
    socket.write(frame(head));
    let sent = 0;
    const pump = (): void => {
      while (sent < times && !socket.destroyed) {
        sent += 1;
        if (!socket.write(frame(chunk))) return void socket.once('drain', pump);
      }
      if (!socket.destroyed) socket.end('0\r\n\r\n');
    };
    pump();
  });
}
