/**
 * The server started exactly as the README says (`npm start` at the repository root, with PORT set), then
 * stopped the way `docker stop`, systemd and `kill <pid>` stop it: SIGTERM to the npm process. The signal
 * must reach node, which finishes the request in flight, frees the port and exits; npm exits with it.
 *
 * `npm start` builds the packages first, so this test is slow; its bound is the project's testTimeout
 * (vitest.workspace.ts), never a timer here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDataset } from './helpers.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
let npm: ChildProcess | undefined;
let serverPid: number | undefined;

afterAll(() => {
  // Only if the test failed half-way: never leave a server behind.
  if (npm !== undefined && npm.exitCode === null && npm.signalCode === null) npm.kill('SIGKILL');
  if (serverPid !== undefined) {
    try {
      process.kill(serverPid, 'SIGKILL');
    } catch {
      // Already gone, as it should be.
    }
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Whether `port` can be listened on. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** Wait until `pattern` appears in the text `read()` returns, re-checking each time the child writes. */
function waitFor(child: ChildProcess, read: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const m = pattern.exec(read());
      if (m !== null) {
        child.stdout!.off('data', check);
        child.stderr!.off('data', check);
        child.off('exit', onExit);
        resolve(m);
      }
    };
    const onExit = (code: number | null): void => reject(new Error(`npm start exited (${code}) before ${pattern}:\n${read()}`));
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

describe('npm start', () => {
  it('passes SIGTERM to the server: the request in flight completes, then the port is free and npm exits 0', async () => {
    const port = await freePort();
    let out = '';
    npm = spawn('npm', ['start'], { cwd: root, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    npm.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    npm.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      npm!.once('exit', (code, signal) => resolve({ code, signal })),
    );

    await waitFor(npm, () => out, /listening on http:\/\/127\.0\.0\.1:(\d+)/);
    const pidLine = await waitFor(npm, () => out, /"pid":(\d+)/);
    serverPid = Number(pidLine[1]);
    expect(serverPid).not.toBe(npm.pid);

    // A request in flight: headers and half of the body sent, the rest only after the signal.
    const body = Buffer.from(JSON.stringify({ dataset: makeDataset(2), preset: 'national-2024', period: '2025-01..2025-12' }));
    const socket = new Socket();
    let response = '';
    socket.on('data', (d: Buffer) => (response += d.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.connect(port, '127.0.0.1', () => resolve());
    });
    const half = Math.floor(body.length / 2);
    socket.write(
      `POST /v1/evaluations HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    socket.write(body.subarray(0, half));
    // A request on another connection, answered after those bytes were sent: the server has read the
    // headers by then (it handles what arrives in order), so the first request is in flight.
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

    npm.kill('SIGTERM');
    await waitFor(npm, () => out, /SIGTERM: finishing requests in flight/);
    socket.write(body.subarray(half));
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    const json = JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as { subjects: unknown[] };
    expect(json.subjects).toHaveLength(2);

    expect(await exited).toEqual({ code: 0, signal: null });
    expect(out).toMatch(/Stopped\./);
    expect(await portIsFree(port)).toBe(true);
    expect(() => process.kill(serverPid!, 0)).toThrow();
    serverPid = undefined;
  });
});
