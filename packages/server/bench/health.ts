/**
 * `npm run bench:health`: how long `/health` waits while the server handles the worst bodies at its size
 * limit (20 MiB): a province of 25,000 teams, valid or with every team (or report) carrying the same
 * fault, and 260,000 reports of an undeclared team. Each body is sent to two servers on 127.0.0.1 in the
 * same run: one that parses and checks every body on its event loop (`offThreadBytes: Infinity`, as before
 * large bodies went to worker threads) and one with the defaults. `/health` is asked every 20 ms while the
 * request runs; the figure is its slowest answer. The last line is JSON.
 *
 *   npm run bench:health [-- --teams 25000]
 */
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { FAULTS, faultyDataset } from '../../../bench/validate-data.js';
import { buildApp } from '../src/index.js';

const at = process.argv.indexOf('--teams');
const TEAMS = at >= 0 ? Number(process.argv[at + 1]) : 25_000;
const KINDS = ['valid', 'missingEstablishedOn', 'stringBoolean', 'phoneInTeamId', 'danglingUnit', 'duplicateTeamId'] as const;

function bodies(): Array<[string, string]> {
  const out: Array<[string, string]> = KINDS.map((kind) => [
    kind,
    JSON.stringify({ dataset: faultyDataset(TEAMS, FAULTS[kind]!), preset: 'national-2024', period: '2025' }),
  ]);
  const reports = Array.from({ length: 260_000 }, (_, i) => ({
    teamId: 'nowhere',
    month: `2025-0${(i % 9) + 1}`,
    metrics: { householdsVisited: i % 40 },
  }));
  const dataset = { orgUnits: [{ id: 'P', name: 'Tỉnh', level: 'province' }], teams: [], reports };
  out.push(['undeclaredTeamReports', JSON.stringify({ dataset, preset: 'national-2024', period: '2025' })]);
  return out;
}

async function serve(offThreadBytes: number): Promise<{ url: string; close: () => Promise<void> }> {
  // No under-pressure: the figure is how long the event loop is held, not how soon it answers 503.
  const app = await buildApp({ logger: false, offThreadBytes, underPressure: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/**
 * The client, in a thread of its own: in this one its timers would wait for the server's event loop, and
 * /health would look quick. Sends the body, asking /health every 20 ms meanwhile; answers the request's
 * status and time, and /health's slowest answer.
 */
const CLIENT = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ url, body }) => {
  let done = false, healthMaxMs = 0, healthAsked = 0;
  const poll = (async () => {
    while (!done) {
      const t0 = performance.now();
      await fetch(url + '/health').then((r) => r.arrayBuffer());
      healthMaxMs = Math.max(healthMaxMs, performance.now() - t0);
      healthAsked++;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const t0 = performance.now();
  const res = await fetch(url + '/v1/evaluations', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.arrayBuffer();
  const requestMs = performance.now() - t0;
  done = true;
  await poll;
  parentPort.postMessage({ status: res.status, requestMs: Math.round(requestMs), healthMaxMs: Math.round(healthMaxMs), healthAsked });
});
`;
const client = new Worker(CLIENT, { eval: true });

interface Measure {
  readonly status: number;
  readonly requestMs: number;
  readonly healthMaxMs: number;
  readonly healthAsked: number;
}
function measure(url: string, body: string): Promise<Measure> {
  return new Promise((resolve) => {
    client.once('message', resolve);
    client.postMessage({ url, body });
  });
}

const onLoop = await serve(Number.POSITIVE_INFINITY);
const offLoop = await serve((await import('../src/config.js')).DEFAULTS.offThreadBytes);
const results: Record<string, unknown> = {};
let worstOnLoop = 0;
let worstOffLoop = 0;
for (const [kind, body] of bodies()) {
  // A warm-up request, so that neither side pays for starting a worker in the figures.
  await measure(offLoop.url, body);
  const before = await measure(onLoop.url, body);
  const after = await measure(offLoop.url, body);
  worstOnLoop = Math.max(worstOnLoop, before.healthMaxMs);
  worstOffLoop = Math.max(worstOffLoop, after.healthMaxMs);
  results[kind] = { megabytes: Math.round(Buffer.byteLength(body) / 1e5) / 10, onEventLoop: before, offEventLoop: after };
  console.log(
    `${kind.padEnd(22)} ${(Buffer.byteLength(body) / 1e6).toFixed(1).padStart(5)} MB   on the loop: ${before.status} in ${before.requestMs} ms, /health ≤ ${before.healthMaxMs} ms   off the loop: ${after.status} in ${after.requestMs} ms, /health ≤ ${after.healthMaxMs} ms`,
  );
}
await onLoop.close();
await offLoop.close();
await client.terminate();
console.log(
  JSON.stringify({
    bench: 'health',
    date: new Date().toISOString().slice(0, 10),
    teams: TEAMS,
    results,
    worstHealthMsOnLoop: worstOnLoop,
    worstHealthMsOffLoop: worstOffLoop,
  }),
);
