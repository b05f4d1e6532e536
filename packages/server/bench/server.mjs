/**
 * The server the load benchmark drives: the built package (`dist/`, the code that ships, run by plain
 * Node), production defaults but logging and the per-client rate limit off (the benchmark is one client
 * sending thousands of requests a second; with the limit on it would measure 429s), on a free loopback
 * port. `npm run bench:server` builds first. With `--national`, the body and time limits are raised for
 * the national request. On exit it prints its peak RSS (`peakRssMb <n>`).
 */
import { writeSync } from 'node:fs';
import { buildApp, serveApp } from '../dist/index.js';

// `--national`: limits raised for one national request (a 160 MB body, tens of seconds on a busy machine).
const national = process.argv.includes('--national');
const app = await buildApp({
  logger: false,
  rateLimit: false,
  ...(national ? { bodyLimit: 512 * 2 ** 20, requestTimeout: 600_000, handlerTimeout: 600_000, underPressure: false } : {}),
});
// The process's peak RSS, for the benchmark to read when it stops the server.
process.on('exit', () => writeSync(1, `peakRssMb ${process.resourceUsage().maxRSS / 1024}\n`));
await serveApp(
  app,
  { host: '127.0.0.1', port: 0 },
  {
    notices: {
      info: (line) => {
        const m = /listening on (http:\/\/\S+)/.exec(line);
        if (m !== null) process.stdout.write(`listening ${m[1]}\n`);
      },
    },
  },
);
