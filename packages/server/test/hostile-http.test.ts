/**
 * Hostile HTTP, on a real socket: what node's parser and Fastify's router answer before any route runs
 * (overlong URLs and headers, bad percent-encoding, not-HTTP, no Host) is a problem document like every
 * other error, and never quotes the URL, the path or a header back.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientErrorHandler } from '../src/http/errors.js';
import { PROBLEM_CONTENT_TYPE, startServer, type RunningServer } from '../src/index.js';

let server: RunningServer;
let port: number;
beforeAll(async () => {
  server = await startServer({ port: 0, logger: false, underPressure: false }, { signals: false, notices: { info: () => undefined } });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server.stop();
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Send bytes as they are; resolve with the parsed answer once the server closes the connection. */
function raw(request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', () => undefined); // a reset after the answer is fine
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      if (end === -1) return reject(new Error(`no answer: ${JSON.stringify(text.slice(0, 200))}`));
      const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines) headers[l.slice(0, l.indexOf(':')).toLowerCase()] = l.slice(l.indexOf(':') + 1).trim();
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: text.slice(end + 4) });
    });
  });
}

const get = (target: string, extra = ''): string => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Connection: close\r\n\r\n`;

/** A problem+json answer with `status` and `code`, a request id, and none of `secrets` in it. */
function expectRawProblem(res: RawAnswer, status: number, code: string, secrets: readonly string[]): void {
  expect(res.status, res.body.slice(0, 300)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const doc = JSON.parse(res.body) as { status: number; code: string; requestId: string; problems: { message: { vi: string; en: string } }[] };
  expect(doc).toMatchObject({ status, code, type: `https://cnscd.dev/problems/${code}` });
  expect(doc.problems[0]?.message.vi).toBeTruthy();
  expect(res.headers['x-request-id']).toBe(doc.requestId);
  for (const s of secrets) expect(res.body).not.toContain(s);
}

describe("node's and Fastify's own answers are problem documents", () => {
  it('a 10 KB path segment: 414 INPUT_TOO_LARGE, the path not quoted', async () => {
    const id = 'secret-' + 'x'.repeat(10_000);
    expectRawProblem(await raw(get(`/v1/presets/${id}`)), 414, 'INPUT_TOO_LARGE', ['secret-', 'xxxxxxxx']);
  });

  it('a 20 KB URL or header: 431 INPUT_TOO_LARGE', async () => {
    expectRawProblem(await raw(get(`/v1/presets?q=secret-${'y'.repeat(20_000)}`)), 431, 'INPUT_TOO_LARGE', ['secret-', 'yyyyyyyy']);
    expectRawProblem(await raw(get('/health', `X-Big: secret-${'z'.repeat(20_000)}\r\n`)), 431, 'INPUT_TOO_LARGE', ['secret-', 'zzzzzzzz']);
  });

  it('bad percent-encoding in the path: 400 BAD_REQUEST, the URL not quoted', async () => {
    expectRawProblem(await raw(get('/v1/presets/secret%zz')), 400, 'BAD_REQUEST', ['secret', '%zz']);
    expectRawProblem(await raw(get('/v1/presets/secret%E0%A4%A')), 400, 'BAD_REQUEST', ['secret', '%E0']);
  });

  it('not HTTP, an unknown method, conflicting lengths: 400 BAD_REQUEST', async () => {
    expectRawProblem(await raw('HELLO secret\r\n\r\n'), 400, 'BAD_REQUEST', ['secret']);
    expectRawProblem(await raw('SECRET / HTTP/1.1\r\nHost: a\r\n\r\n'), 400, 'BAD_REQUEST', ['SECRET']);
    expectRawProblem(
      await raw('POST /v1/evaluations HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'),
      400,
      'BAD_REQUEST',
      [],
    );
    expectRawProblem(await raw('POST /v1/evaluations HTTP/1.1\r\nHost: a\r\nContent-Length: secret\r\n\r\n{}'), 400, 'BAD_REQUEST', ['secret']);
  });

  it('no Host header: 400 BAD_REQUEST (node would answer an empty 400)', async () => {
    expectRawProblem(await raw('GET /v1/presets HTTP/1.1\r\nConnection: close\r\n\r\n'), 400, 'BAD_REQUEST', []);
  });

  it('unknown routes and methods: 404 ROUTE_NOT_FOUND naming neither the method nor the path', async () => {
    const notFound = await raw(get('/secret/path?token=s3cr3t'));
    expectRawProblem(notFound, 404, 'ROUTE_NOT_FOUND', ['secret', 's3cr3t']);
    expect(JSON.parse(notFound.body).instance).toBe('');
    expectRawProblem(await raw('PROPFIND /v1/presets HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'), 404, 'ROUTE_NOT_FOUND', ['PROPFIND']);
  });

  it('the instance is the route pattern, not the URL', async () => {
    const res = await raw(get('/v1/presets/no-such-secret-preset'));
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body).instance).toBe('/v1/presets/:id');
  });

  it('a request not received within requestTimeout: 408 BAD_REQUEST (the handler, on a stand-in socket)', () => {
    let written = '';
    let destroyed = false;
    const socket = { destroyed: false, writable: true, write: (s: string) => (written += s), destroy: () => (destroyed = true) };
    const error = Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' });
    clientErrorHandler.call(server.app, error, socket as never);
    expect(destroyed).toBe(true);
    expect(written).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    const res = {
      status: 408,
      headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'x-request-id': /x-request-id: (\S+)/.exec(written)![1]! },
      body: written.slice(written.indexOf('\r\n\r\n') + 4),
    };
    expectRawProblem(res, 408, 'BAD_REQUEST', []);
  });

  it('the server keeps serving after all of it', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});
