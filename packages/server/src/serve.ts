/**
 * Listening and stopping: `startServer` builds the app, listens, and on SIGTERM/SIGINT drains — `/ready`
 * and new requests answer 503, requests in flight finish — then exits. Shared by `server.ts` and
 * `cnscd serve`.
 */
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { DEFAULTS, parseIntOption, parseRateLimit, parseTrustProxy, readEnv, type ServerOptions } from './config.js';

/** How a graceful shutdown ended. */
export type ShutdownOutcome = 'clean' | 'timeout';

/**
 * Drain and close the app: from now on `/ready` and new requests get 503 `SHUTTING_DOWN` (with
 * `Connection: close`), the listener stops accepting connections, and requests in flight finish. Resolves
 * `'timeout'` if they have not finished within `timeout` ms (the caller should then exit anyway).
 *
 * @example
 * ```ts
 * process.once('SIGTERM', async () => process.exit((await gracefulShutdown(app)) === 'clean' ? 0 : 1));
 * ```
 */
export async function gracefulShutdown(app: FastifyInstance, timeout: number = DEFAULTS.shutdownTimeout): Promise<ShutdownOutcome> {
  app.cnscd.draining = true;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<ShutdownOutcome>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeout);
    timer.unref();
  });
  try {
    return await Promise.race([app.close().then((): ShutdownOutcome => 'clean'), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** A running server. */
export interface RunningServer {
  readonly app: FastifyInstance;
  /** `http://host:port`. */
  readonly url: string;
  /** Resolves when the server has stopped (after a signal or `stop()`), with the shutdown outcome. */
  readonly stopped: Promise<ShutdownOutcome>;
  /** Drain and stop, as on SIGTERM. */
  stop(): Promise<ShutdownOutcome>;
}

/** Where `startServer` writes its one-line notices. */
export interface Notices {
  info(line: string): void;
}

/** Options of {@link serveApp}. */
export interface ServeControl {
  /** Install SIGTERM/SIGINT handlers (default true). */
  readonly signals?: boolean;
  /** Where the one-line notices go (default stderr). */
  readonly notices?: Notices;
}

const stderrNotices: Notices = { info: (l: string) => process.stderr.write(l + '\n') };

/**
 * Listen with an app already built (e.g. with extra routes), and stop it gracefully on SIGTERM/SIGINT:
 * for `drainDelay` ms the listener stays open and every new request gets 503 `SHUTTING_DOWN` (so a load
 * balancer notices), then it closes and requests in flight finish. The returned `stopped` promise settles
 * then. A second signal exits at once.
 *
 * @example
 * ```ts
 * const app = await buildApp();
 * const server = await serveApp(app, { port: 0, drainDelay: 5_000 });
 * await server.stopped;
 * ```
 */
export async function serveApp(
  app: FastifyInstance,
  options: Pick<ServerOptions, 'host' | 'port' | 'shutdownTimeout' | 'drainDelay'> = {},
  { signals = true, notices = stderrNotices }: ServeControl = {},
): Promise<RunningServer> {
  const host = options.host ?? DEFAULTS.host;
  await app.listen({ host, port: options.port ?? DEFAULTS.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? DEFAULTS.port);
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `http://${shown}:${port}`;
  notices.info(`cnscd API listening on ${url} — docs: ${url}/docs, OpenAPI: ${url}/openapi.json`);

  let resolveStopped!: (o: ShutdownOutcome) => void;
  const stopped = new Promise<ShutdownOutcome>((r) => (resolveStopped = r));
  let stopping: Promise<ShutdownOutcome> | undefined;
  const stop = (): Promise<ShutdownOutcome> => {
    stopping ??= (async () => {
      app.cnscd.draining = true;
      const delay = options.drainDelay ?? DEFAULTS.drainDelay;
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      const outcome = await gracefulShutdown(app, options.shutdownTimeout ?? DEFAULTS.shutdownTimeout);
      for (const s of ['SIGTERM', 'SIGINT'] as const) process.off(s, onSignal);
      notices.info(outcome === 'clean' ? 'Stopped.' : 'Stopped with requests still in flight (shutdown timeout).');
      resolveStopped(outcome);
      return outcome;
    })();
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping !== undefined) {
      notices.info(`${signal} again: exiting now.`);
      process.exit(1);
    }
    notices.info(`${signal}: finishing requests in flight, then stopping (send it again to exit at once).`);
    void stop();
  };
  if (signals) for (const s of ['SIGTERM', 'SIGINT'] as const) process.on(s, onSignal);
  return { app, url, stopped, stop };
}

/**
 * Build the app and listen ({@link buildApp} + {@link serveApp}); logs on by default.
 *
 * @example
 * ```ts
 * const server = await startServer({ port: 0 });
 * console.log(server.url); // http://127.0.0.1:49152
 * await server.stop();
 * ```
 */
export async function startServer(options: ServerOptions = {}, control: ServeControl = {}): Promise<RunningServer> {
  const app = await buildApp({ logger: true, ...options });
  return serveApp(app, options, control);
}

/** Flags of `cnscd serve` and `server.js`. */
export const SERVE_USAGE = `Usage: cnscd serve [--port <n>] [--host <addr>] [--presets-dir <dir>] [--plugin <module or path>]...

  --port          Port (env PORT, default 3000; 0 = any free port)
  --host          Address (env HOST, default 127.0.0.1; 0.0.0.0 for every interface)
  --presets-dir   A folder of your own criteria sets, validated at start (env CNSCD_PRESETS_DIR)
  --plugin        A plugin module id or path; repeatable (env CNSCD_PLUGINS, comma-separated)
  --rate-limit    Requests per minute per client address, or "off" (env CNSCD_RATE_LIMIT; default 600)
  --trust-proxy   Proxies trusted for X-Forwarded-For: true (any), or their addresses/CIDRs,
                  comma-separated (env CNSCD_TRUST_PROXY; default none)
  --max-connections  Most open connections (env CNSCD_MAX_CONNECTIONS; default 512)
  --body-limit    Largest body in bytes (env CNSCD_BODY_LIMIT; default 20 MiB)
  --inflated-body-limit  Largest gzip/deflate/br body once decompressed, bytes
                  (env CNSCD_INFLATED_BODY_LIMIT; default 64 MiB)
  --log-client-ip Add the client address to request logs (env CNSCD_LOG_CLIENT_IP; default off)
  --log-level     pino level or "silent" (env LOG_LEVEL; default info)
  --drain-delay   On SIGTERM, ms to keep answering 503 before closing (env CNSCD_DRAIN_DELAY; default 0)
`;

/**
 * Server options from flags, over environment variables, over defaults.
 *
 * @example
 * ```ts
 * parseServeArgs(['--port', '8080', '--plugin', './hue-s.js'], process.env);
 * ```
 */
export function parseServeArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ServerOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'presets-dir': { type: 'string' },
      plugin: { type: 'string', multiple: true },
      'rate-limit': { type: 'string' },
      'trust-proxy': { type: 'string' },
      'max-connections': { type: 'string' },
      'body-limit': { type: 'string' },
      'inflated-body-limit': { type: 'string' },
      'log-client-ip': { type: 'boolean' },
      'log-level': { type: 'string' },
      'drain-delay': { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new Error(`Unexpected argument ${JSON.stringify(positionals[0])}.`);
  const out: { -readonly [K in keyof ServerOptions]?: ServerOptions[K] } = { ...readEnv(env) };
  if (values.port !== undefined) out.port = parseIntOption('--port', values.port, { max: 65535 });
  if (values.host !== undefined) out.host = values.host;
  if (values['presets-dir'] !== undefined) out.presetsDir = values['presets-dir'];
  if (values.plugin !== undefined) out.plugins = values.plugin;
  if (values['rate-limit'] !== undefined) out.rateLimit = parseRateLimit('--rate-limit', values['rate-limit']);
  if (values['trust-proxy'] !== undefined) out.trustProxy = parseTrustProxy('--trust-proxy', values['trust-proxy']);
  if (values['max-connections'] !== undefined) out.maxConnections = parseIntOption('--max-connections', values['max-connections'], { min: 1 });
  if (values['body-limit'] !== undefined) out.bodyLimit = parseIntOption('--body-limit', values['body-limit'], { min: 1024 });
  if (values['inflated-body-limit'] !== undefined)
    out.inflatedBodyLimit = parseIntOption('--inflated-body-limit', values['inflated-body-limit'], { min: 1024 });
  if (values['log-client-ip'] === true) out.logClientIp = true;
  if (values['drain-delay'] !== undefined) out.drainDelay = parseIntOption('--drain-delay', values['drain-delay']);
  if (values['log-level'] !== undefined) out.logger = values['log-level'] === 'silent' ? false : { level: values['log-level'] };
  return out;
}
