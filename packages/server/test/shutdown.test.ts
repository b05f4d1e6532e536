/**
 * Graceful shutdown, for real: a server process gets SIGTERM while a request is in flight. The request
 * completes, new requests get 503 while draining, and the process exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
});

/** A running child: its URL, its exit code to come, its output so far, and a wait for a line of it. */
interface Child {
  readonly url: string;
  readonly exit: Promise<number | null>;
  output(): string;
  /** Resolves once the output matches `pattern` (it may already). */
  seen(pattern: RegExp): Promise<void>;
  /** Lets the request in flight on `/slow` answer. */
  release(): void;
}

function startChild(env: Record<string, string>): Promise<Child> {
  child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'test/fixtures/slow-server.ts'], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  const proc = child;
  const waiting: { pattern: RegExp; resolve: () => void }[] = [];
  const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const seen = (pattern: RegExp): Promise<void> =>
    pattern.test(out) ? Promise.resolve() : new Promise((resolve) => waiting.push({ pattern, resolve }));
  const onData = (d: Buffer): void => {
    out += d.toString();
    for (const w of [...waiting]) {
      if (w.pattern.test(out)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  // No timer here: if the child never listens, the project's testTimeout (vitest.workspace.ts) ends the test.
  return new Promise((resolve, reject) => {
    void exit.then((code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
    void seen(/listening on (http:\/\/[^\s]+)/).then(() => {
      const url = /listening on (http:\/\/[^\s]+)/.exec(out)![1]!;
      resolve({ url, exit, output: () => out, seen, release: () => void proc.stdin!.write('release\n') });
    });
  });
}

describe('SIGTERM', () => {
  it('lets the request in flight finish, answers 503 to new ones while draining, then exits 0', async () => {
    // The drain window is the one wall-clock bound left: requests sent in it get 503. It is long (10 s)
    // against the two requests sent in it, and everything else waits for what the server prints.
    const c = await startChild({ DRAIN_MS: '10000' });
    expect((await fetch(`${c.url}/ready`)).status).toBe(200);

    const slow = fetch(`${c.url}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await c.seen(/slow request started/);
    child!.kill('SIGTERM');
    await c.seen(/SIGTERM: finishing requests in flight/);

    // Draining: readiness fails and new work is refused with a problem document.
    const ready = await fetch(`${c.url}/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { code: string }).code).toBe('SHUTTING_DOWN');
    const fresh = await fetch(`${c.url}/v1/presets`);
    expect(fresh.status).toBe(503);
    expect(fresh.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(fresh.headers.get('connection')).toBe('close');

    // The request that was in flight completes normally.
    c.release();
    await expect(slow).resolves.toEqual({ status: 200, body: { finished: true } });
    expect(await c.exit).toBe(0);
    expect(c.output()).toMatch(/Stopped\./);
    await expect(fetch(`${c.url}/health`)).rejects.toThrow();
  });

  it('without a drain delay, still finishes the request in flight', async () => {
    const c = await startChild({ DRAIN_MS: '0' });
    const slow = fetch(`${c.url}/slow`).then((r) => r.status);
    await c.seen(/slow request started/);
    child!.kill('SIGTERM');
    await c.seen(/SIGTERM: finishing requests in flight/);
    c.release();
    await expect(slow).resolves.toBe(200);
    expect(await c.exit).toBe(0);
  });
});
