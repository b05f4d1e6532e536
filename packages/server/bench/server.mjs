/**
 * The server the load benchmark drives: the built package (`dist/`, the code that ships, run by plain
 * Node), production defaults but logging and the per-client rate limit off (the benchmark is one client
 * sending thousands of requests a second; with the limit on it would measure 429s), on a free loopback
 * port. `npm run bench:server` builds first.
 */
import { buildApp, serveApp } from '../dist/index.js';

const app = await buildApp({ logger: false, rateLimit: false });
await serveApp(app, { host: '127.0.0.1', port: 0 }, { notices: { info: (line) => {
  const m = /listening on (http:\/\/\S+)/.exec(line);
  if (m !== null) process.stdout.write(`listening ${m[1]}\n`);
} } });
