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

function startChild(env: Record<string, string>): Promise<{ url: string; exit: Promise<number | null>; output: () => string }> {
  child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'test/fixtures/slow-server.ts'], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const proc = child;
  const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ url: m[1], exit, output: () => out });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    void exit.then((code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('SIGTERM', { timeout: 60_000 }, () => {
  it('lets the request in flight finish, answers 503 to new ones while draining, then exits 0', async () => {
    const { url, exit, output } = await startChild({ SLOW_MS: '2500', DRAIN_MS: '1200' });
    expect((await fetch(`${url}/ready`)).status).toBe(200);

    const slow = fetch(`${url}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await sleep(300);
    child!.kill('SIGTERM');
    await sleep(200);

    // Draining: readiness fails and new work is refused with a problem document.
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { code: string }).code).toBe('SHUTTING_DOWN');
    const fresh = await fetch(`${url}/v1/presets`);
    expect(fresh.status).toBe(503);
    expect(fresh.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(fresh.headers.get('connection')).toBe('close');

    // The request that was in flight completes normally.
    await expect(slow).resolves.toEqual({ status: 200, body: { finished: true } });
    expect(await exit).toBe(0);
    expect(output()).toMatch(/SIGTERM: finishing requests in flight/);
    expect(output()).toMatch(/Stopped\./);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  it('without a drain delay, still finishes the request in flight', async () => {
    const { url, exit } = await startChild({ SLOW_MS: '1500', DRAIN_MS: '0' });
    const slow = fetch(`${url}/slow`).then((r) => r.status);
    await sleep(300);
    child!.kill('SIGTERM');
    await expect(slow).resolves.toBe(200);
    expect(await exit).toBe(0);
  });
});
