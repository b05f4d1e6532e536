/**
 * Options of the app and the server, their defaults, and how the environment maps onto them.
 */
import type { Plugin } from '@cnscd/core';
import type { FastifyCompressOptions } from '@fastify/compress';
import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyUnderPressureOptions as UnderPressureOptions } from '@fastify/under-pressure';
import type { FastifyBaseLogger, FastifyLoggerOptions } from 'fastify';

/** Logger options: `false` (silent), `true` (info), pino options, or a ready logger instance. */
export type LoggerOption = boolean | (FastifyLoggerOptions & Record<string, unknown>) | { instance: FastifyBaseLogger };

/** Options of {@link buildApp}. Every field is optional; the defaults suit a single instance on a LAN. */
export interface AppOptions {
  /**
   * Default `false` (tests); the server uses `true`. One line per request: method, route pattern, status,
   * duration, request id and the headers of `LOGGED_HEADERS`; never the URL, a body or other headers.
   */
  readonly logger?: LoggerOption;
  /** Add the client address (`request.ip`, which honours `trustProxy`) to request log lines (default `false`). */
  readonly logClientIp?: boolean;
  /** Largest request body in bytes (default 20 MiB); larger bodies get 413. */
  readonly bodyLimit?: number;
  /** Deepest object/array nesting accepted in a body (default 128); deeper gets 400 or 413 before any schema runs. */
  readonly maxDepth?: number;
  /** Milliseconds to receive a whole request (Node's `requestTimeout`, default 60 000). */
  readonly requestTimeout?: number;
  /**
   * Milliseconds an evaluation may take (default 30 000): evaluations of datasets above
   * `workerThreshold` teams run in a worker thread that is stopped at the deadline, answering 503
   * `TIMED_OUT`. Smaller ones run inline, too short to need it.
   */
  readonly handlerTimeout?: number;
  /** Datasets with more teams than this are evaluated off the event loop, in a worker thread (default 500). */
  readonly workerThreshold?: number;
  /**
   * Evaluation bodies larger than this many bytes (default 256 KiB) are parsed, checked, evaluated and
   * serialized in a worker thread, so that no request holds the event loop: 20 MB whose every row is wrong
   * take seconds to check. Not with plugin objects, which cannot cross threads (use module paths).
   */
  readonly offThreadBytes?: number;
  /**
   * A folder of the province's own criteria sets, validated at boot: every `*.json` in it and every
   * `<dir>/preset.json` one level down. Boot fails naming each invalid file and its problems.
   */
  readonly presetsDir?: string;
  /** Plugins: module ids or paths (default export a core `Plugin`), or plugin objects. */
  readonly plugins?: readonly (string | Plugin)[];
  /** Resolve relative `presetsDir` and plugin paths against this folder (default `process.cwd()`). */
  readonly cwd?: string;
  /**
   * Per-client rate limit (`@fastify/rate-limit` options), keyed by `request.ip` (so behind a proxy set
   * `trustProxy`, or every client shares one bucket); `false` turns it off. Default: 600 requests per
   * minute per address; `/health` and `/ready` are not counted.
   */
  readonly rateLimit?: false | RateLimitPluginOptions;
  /**
   * Which proxies to trust for the client address (`X-Forwarded-For`) and protocol: Fastify's
   * `trustProxy`: `true` (any), or the proxies' addresses/CIDRs (`'127.0.0.1,10.0.0.0/8'`). Default
   * `false`: `request.ip` is the peer's address. (Fastify 5 treats a hop count as "trust none", since it
   * cannot check the peer, so numbers are not accepted.)
   */
  readonly trustProxy?: boolean | string | readonly string[];
  /** Most open connections (node's `server.maxConnections`); more are closed at once. Default 512. */
  readonly maxConnections?: number;
  /**
   * Largest body once decompressed, in bytes, for a body sent with `Content-Encoding: gzip`, `deflate` or
   * `br` (default 64 MiB; `bodyLimit` still bounds the bytes on the wire). Past it: 413, and inflation stops.
   */
  readonly inflatedBodyLimit?: number;
  /**
   * Response compression (`@fastify/compress` options), or `false`. Default: answers of 32 KiB or more are
   * compressed (br, gzip or deflate, as the client's `Accept-Encoding` allows).
   */
  readonly compress?: false | FastifyCompressOptions;
  /**
   * Without `options.explain` in the request, explanations are included for datasets of up to this many
   * teams and left out above it (default 100). `explain: true` always gets them.
   */
  readonly explainMaxTeams?: number;
  /** `@fastify/under-pressure` options, or `false` to turn it off. Default: 503 when the event loop lags > 1 s. */
  readonly underPressure?: false | UnderPressureOptions;
  /** Serve Swagger UI at `/docs` (default `true`). `/openapi.json` is always served. */
  readonly docs?: boolean;
}

/**
 * The defaults of {@link AppOptions} and {@link ServerOptions}.
 *
 * @example
 * ```ts
 * await buildApp({ bodyLimit: 2 * DEFAULTS.bodyLimit });
 * ```
 */
export const DEFAULTS = {
  bodyLimit: 20 * 1024 * 1024,
  inflatedBodyLimit: 64 * 1024 * 1024,
  rateLimit: { max: 600, timeWindow: 60_000 },
  maxConnections: 512,
  compressThreshold: 32 * 1024,
  explainMaxTeams: 100,
  maxDepth: 128,
  requestTimeout: 60_000,
  handlerTimeout: 30_000,
  workerThreshold: 500,
  offThreadBytes: 256 * 1024,
  underPressure: { maxEventLoopDelay: 1_000, retryAfter: 5 } satisfies UnderPressureOptions,
  host: '127.0.0.1',
  port: 3000,
  shutdownTimeout: 30_000,
  drainDelay: 0,
} as const;

/** Options of the listening server: the app's plus where to listen and how to stop. */
export interface ServerOptions extends AppOptions {
  /** Default `127.0.0.1` (env `HOST`). Use `0.0.0.0` to listen on every interface. */
  readonly host?: string;
  /** Default 3000 (env `PORT`); 0 picks a free port. */
  readonly port?: number;
  /** Milliseconds to let requests in flight finish after SIGTERM/SIGINT before exiting anyway (default 30 000). */
  readonly shutdownTimeout?: number;
  /**
   * Milliseconds to keep listening after SIGTERM/SIGINT, answering 503 to `/ready` and new requests, before
   * closing the listener (default 0). Set it to your load balancer's health-check interval.
   */
  readonly drainDelay?: number;
}

/** `off` (or `0`) turns the rate limit off; a number is requests per minute per client address. */
export function parseRateLimit(name: string, text: string): false | { max: number; timeWindow: number } {
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === 'false' || t === '0') return false;
  return { max: parseIntOption(name, text, { min: 1 }), timeWindow: 60_000 };
}

/** `true`/`false`, or a comma-separated list of addresses and CIDRs. */
export function parseTrustProxy(name: string, text: string): boolean | string[] {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (/^\d+$/.test(t)) throw new Error(`${name} takes true or the proxies' addresses (a hop count cannot be checked), got ${JSON.stringify(text)}.`);
  return t
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `true`/`1`/`yes` or `false`/`0`/`no`. */
export function parseBoolean(name: string, text: string): boolean {
  const t = text.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(t)) return true;
  if (['false', '0', 'no'].includes(t)) return false;
  throw new Error(`${name} must be true or false, got ${JSON.stringify(text)}.`);
}

/** Parse a non-negative integer option, or throw naming the source. */
export function parseIntOption(name: string, text: string, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
  if (!/^\d+$/.test(text.trim())) throw new Error(`${name} must be a whole number, got ${JSON.stringify(text)}.`);
  const n = Number(text.trim());
  if (n < min || n > max) throw new Error(`${name} must be between ${min} and ${max}, got ${n}.`);
  return n;
}

/**
 * Read server options from environment variables: `HOST`, `PORT`, `CNSCD_PRESETS_DIR`, `CNSCD_PLUGINS`
 * (comma-separated), `CNSCD_BODY_LIMIT` (bytes), `CNSCD_INFLATED_BODY_LIMIT` (bytes),
 * `CNSCD_HANDLER_TIMEOUT` (ms), `CNSCD_RATE_LIMIT` (requests per minute per client, or `off`),
 * `CNSCD_TRUST_PROXY` (`true`, or addresses/CIDRs), `CNSCD_MAX_CONNECTIONS`, `CNSCD_LOG_CLIENT_IP`
 * (`true`/`false`), `CNSCD_DRAIN_DELAY` (ms), `LOG_LEVEL` (pino level or `silent`).
 *
 * @example
 * ```ts
 * readEnv({ PORT: '8080', CNSCD_RATE_LIMIT: '600' }); // { port: 8080, rateLimit: { max: 600, timeWindow: 60000 } }
 * ```
 */
export function readEnv(env: Readonly<Record<string, string | undefined>>): ServerOptions {
  const out: { -readonly [K in keyof ServerOptions]?: ServerOptions[K] } = {};
  const get = (k: string): string | undefined => {
    const v = env[k];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const host = get('HOST');
  if (host !== undefined) out.host = host;
  const port = get('PORT');
  if (port !== undefined) out.port = parseIntOption('PORT', port, { max: 65535 });
  const presetsDir = get('CNSCD_PRESETS_DIR');
  if (presetsDir !== undefined) out.presetsDir = presetsDir;
  const plugins = get('CNSCD_PLUGINS');
  if (plugins !== undefined)
    out.plugins = plugins
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  const bodyLimit = get('CNSCD_BODY_LIMIT');
  if (bodyLimit !== undefined) out.bodyLimit = parseIntOption('CNSCD_BODY_LIMIT', bodyLimit, { min: 1024 });
  const handlerTimeout = get('CNSCD_HANDLER_TIMEOUT');
  if (handlerTimeout !== undefined) out.handlerTimeout = parseIntOption('CNSCD_HANDLER_TIMEOUT', handlerTimeout, { min: 1 });
  const rate = get('CNSCD_RATE_LIMIT');
  if (rate !== undefined) out.rateLimit = parseRateLimit('CNSCD_RATE_LIMIT', rate);
  const trust = get('CNSCD_TRUST_PROXY');
  if (trust !== undefined) out.trustProxy = parseTrustProxy('CNSCD_TRUST_PROXY', trust);
  const maxConnections = get('CNSCD_MAX_CONNECTIONS');
  if (maxConnections !== undefined) out.maxConnections = parseIntOption('CNSCD_MAX_CONNECTIONS', maxConnections, { min: 1 });
  const inflated = get('CNSCD_INFLATED_BODY_LIMIT');
  if (inflated !== undefined) out.inflatedBodyLimit = parseIntOption('CNSCD_INFLATED_BODY_LIMIT', inflated, { min: 1024 });
  const logIp = get('CNSCD_LOG_CLIENT_IP');
  if (logIp !== undefined) out.logClientIp = parseBoolean('CNSCD_LOG_CLIENT_IP', logIp);
  const drain = get('CNSCD_DRAIN_DELAY');
  if (drain !== undefined) out.drainDelay = parseIntOption('CNSCD_DRAIN_DELAY', drain);
  const level = get('LOG_LEVEL');
  if (level !== undefined) out.logger = level === 'silent' ? false : { level };
  return out;
}
