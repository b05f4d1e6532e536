/**
 * The app factory: builds a Fastify instance with every route, the problem+json error model, the JSON-only
 * body parser, OpenAPI and Swagger UI. It does not listen (`server.ts` does), so tests use `app.inject()`.
 */
import { randomUUID } from 'node:crypto';
import { criteriaSetSchema, datasetSchema, type Registry } from '@cnscd/core';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import underPressure from '@fastify/under-pressure';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { DEFAULTS, type AppOptions, type LoggerOption } from './config.js';
import { wireLimit } from './http/body-limits.js';
import { clientErrorHandler, errorHandler, frameworkErrors, MAX_PARAM_LENGTH, sendProblem } from './http/errors.js';
import { parseJsonBody } from './http/json-body.js';
import { RequestLogController, requestLogFields } from './http/logging.js';
import { RawJsonBody } from './http/raw-body.js';
import { createRequestAjv, validatorCompiler } from './http/validation.js';
import { exampleRequest } from './internal/example.js';
import { EvaluationRunner } from './internal/runner.js';
import { createScoringContext } from './context.js';
import type { PresetCatalog } from './presets.js';
import { HttpProblem, item } from './problems.js';
import { webRoutes } from './web/page.js';
import { evaluationRoutes } from './routes/evaluations.js';
import { healthRoutes } from './routes/health.js';
import { importRoutes } from './routes/imports.js';
import { presetRoutes } from './routes/presets.js';
import { CRITERIA_SET_REF, DATASET_REF, PROBLEM_REF, problemSchema } from './schemas/index.js';
import { SERVER_VERSION } from './version.js';

/**
 * What the app knows, shared by its routes: `app.cnscd`.
 *
 * @example
 * ```ts
 * const app = await buildApp();
 * app.cnscd.catalog.list().map((p) => p.id);
 * ```
 */
export interface CnscdState {
  readonly registry: Registry;
  readonly catalog: PresetCatalog;
  /** True once shutdown began: `/ready` and new requests answer 503 `SHUTTING_DOWN`. */
  draining: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    cnscd: CnscdState;
  }
}

/**
 * Headers that never reach the logs (pino redaction paths). Request lines carry only the headers of
 * `LOGGED_HEADERS`; this stays as a second guard for lines that log a raw request or response.
 *
 * @example
 * ```ts
 * pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
 * ```
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function loggerOptions(logger: LoggerOption | undefined, logClientIp: boolean): Pick<FastifyServerOptions, 'logger' | 'loggerInstance'> {
  if (logger === undefined || logger === false) return { logger: false };
  if (typeof logger === 'object' && 'instance' in logger) return { loggerInstance: logger.instance as never };
  const base = logger === true ? {} : logger;
  return {
    logger: {
      level: 'info',
      ...base,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        // Any line that logs a request carries what the request line carries: never the URL, the body, or
        // a header beyond the allow-list (see http/logging.ts).
        req: (req: FastifyRequest) => requestLogFields(req, logClientIp),
      },
    },
  };
}

/**
 * Build the scoring API. Loads the plugins, validates the presets folder (rejecting with the file names
 * and problems when a set is invalid), and registers routes, OpenAPI and Swagger UI. Does not listen.
 *
 * @example
 * ```ts
 * const app = await buildApp({ presetsDir: './presets' });
 * const res = await app.inject({ method: 'GET', url: '/v1/presets' });
 * console.log(res.json().presets.map((p) => p.id));
 * await app.close();
 * ```
 */
export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const cwd = options.cwd ?? process.cwd();
  const bodyLimit = options.bodyLimit ?? DEFAULTS.bodyLimit;
  const maxDepth = options.maxDepth ?? DEFAULTS.maxDepth;
  const logClientIp = options.logClientIp ?? false;
  const inflatedBodyLimit = Math.max(options.inflatedBodyLimit ?? DEFAULTS.inflatedBodyLimit, bodyLimit);

  const { registry, catalog } = await createScoringContext({ plugins: options.plugins ?? [], presetsDir: options.presetsDir, cwd });
  const state: CnscdState = { registry, catalog, draining: false };

  const runner = new EvaluationRunner({
    handlerTimeout: options.handlerTimeout ?? DEFAULTS.handlerTimeout,
    workerThreshold: options.workerThreshold ?? DEFAULTS.workerThreshold,
    plugins: options.plugins ?? [],
    cwd,
    presetsDir: options.presetsDir,
    maxDepth,
  });

  const app = Fastify({
    ...loggerOptions(options.logger, logClientIp),
    logController: new RequestLogController({ logClientIp }),
    // Fastify's limit counts the body as parsed, after decompression; the wire limit is a preParsing hook.
    bodyLimit: inflatedBodyLimit,
    trustProxy: Array.isArray(options.trustProxy) ? options.trustProxy.join(',') : ((options.trustProxy as boolean | string | undefined) ?? false),
    requestTimeout: options.requestTimeout ?? DEFAULTS.requestTimeout,
    // Our own onRequest hook answers 503 problem+json while draining; Fastify's plain 503 would bypass it.
    return503OnClosing: false,
    // The default JSON parser is replaced below; these keep it safe should anything re-register it.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    // Fastify's and node's own early answers (bad percent-encoding, an overlong path segment, headers over
    // 16 KiB, not HTTP) become problem documents that never quote the URL.
    frameworkErrors,
    clientErrorHandler,
    // A missing Host header is answered by the onRequest hook below (node would answer an empty 400).
    http: { requireHostHeader: false },
  });
  app.decorate('cnscd', state);
  // Beyond this many open sockets node closes new ones at once: idle keep-alive or slow clients cannot
  // exhaust file descriptors.
  app.server.maxConnections = options.maxConnections ?? DEFAULTS.maxConnections;

  const ajv = createRequestAjv([datasetSchema, criteriaSetSchema, problemSchema]);
  app.setValidatorCompiler(validatorCompiler(ajv));
  app.setErrorHandler(errorHandler({ bodyLimit, inflatedBodyLimit }));
  app.addHook('preParsing', wireLimit(bodyLimit));
  // The answer names neither the method nor the path: both are the client's text. GET /openapi.json lists
  // the routes.
  app.setNotFoundHandler((request, reply) => {
    const text = {
      vi: 'Không có đường dẫn nào khớp với phương thức và địa chỉ này (xem /openapi.json).',
      en: 'No route matches this method and path (see /openapi.json).',
    };
    return sendProblem(request, reply, 'ROUTE_NOT_FOUND', text.en, [item('ROUTE_NOT_FOUND', '', text)]);
  });

  // JSON only: text/plain and everything else get 415.
  app.removeAllContentTypeParsers();
  // A large evaluation body is parsed in a worker thread, with the rest of its request (see runner.ts).
  const offThreadBytes = options.offThreadBytes ?? DEFAULTS.offThreadBytes;
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (bytes.length > offThreadBytes && request.method === 'POST' && request.routeOptions.url === '/v1/evaluations' && runner.takesBodies) {
      done(null, new RawJsonBody(bytes));
      return;
    }
    try {
      done(null, parseJsonBody(bytes.toString('utf8'), { maxDepth }));
    } catch (e) {
      done(e as Error, undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (request.headers.host === undefined && request.raw.httpVersion === '1.1') {
      const text = { vi: 'Thiếu tiêu đề Host (bắt buộc với HTTP/1.1).', en: 'The Host header is missing (HTTP/1.1 requires it).' };
      throw new HttpProblem('BAD_REQUEST', text.en, [item('BAD_REQUEST', '', text, { in: 'header', header: 'host' })]);
    }
    if (state.draining && request.url !== '/health') {
      throw new HttpProblem(
        'SHUTTING_DOWN',
        'The service is shutting down; retry on another instance.',
        [item('SHUTTING_DOWN', '', { vi: 'Dịch vụ đang dừng; hãy thử lại sau.', en: 'The service is shutting down.' })],
        { headers: { connection: 'close', 'retry-after': '5' } },
      );
    }
  });

  // Once draining, every response (including those of requests that were in flight) closes its
  // connection; otherwise an idle keep-alive socket would hold close() open for keepAliveTimeout.
  app.addHook('onSend', async (_request, reply) => {
    if (state.draining) void reply.header('connection', 'close');
  });

  // Before any route (Swagger UI's and /openapi.json included): both plugins attach to routes as they are added.
  const limit = options.rateLimit ?? DEFAULTS.rateLimit;
  if (limit !== false) {
    // Keyed by request.ip, which honours trustProxy.
    await app.register(rateLimit, { ...limit, allowList: (req) => req.url === '/health' || req.url === '/ready' });
  }
  if (options.compress !== false) {
    // Also inflates request bodies sent with Content-Encoding gzip, deflate or br (see http/body-limits.ts).
    await app.register(compress, { threshold: DEFAULTS.compressThreshold, ...(options.compress ?? {}) });
  }

  // Shared schemas, for $ref in routes and as OpenAPI components.
  for (const s of [datasetSchema, criteriaSetSchema, problemSchema]) app.addSchema(s);
  const componentNames: Record<string, string> = { [DATASET_REF]: 'Dataset', [CRITERIA_SET_REF]: 'CriteriaSet', [PROBLEM_REF]: 'Problem' };
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'cnscd scoring API',
        version: SERVER_VERSION,
        description:
          'Scores Community Digital Technology Teams (Tổ công nghệ số cộng đồng, Tổ CNSCĐ) against criteria sets, ' +
          'with explanations and roll-ups. Errors are RFC 9457 application/problem+json with a stable `code`.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      // '/' is the server that serves this document (Swagger UI's "Try it out" calls it); the second is
      // `npm start`'s address, for a client generated from a saved copy of the document.
      servers: [
        { url: '/', description: 'The server that serves this document' },
        { url: 'http://127.0.0.1:3000', description: 'Local development (`npm start`)' },
      ],
      // No authentication: run it behind your own gateway when it is reachable from outside (docs/api.md).
      security: [],
      tags: [
        { name: 'evaluations', description: 'Score a dataset' },
        { name: 'criteria sets', description: 'Check criteria sets' },
        { name: 'presets', description: 'Bundled and local criteria sets' },
        { name: 'operations', description: 'Health and readiness' },
      ],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => componentNames[String(json.$id)] ?? `def-${i}`,
    },
  });
  if (options.docs !== false) {
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: true },
    });
  }
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (options.underPressure !== false) {
    await app.register(underPressure, { ...DEFAULTS.underPressure, ...(options.underPressure ?? {}) });
  }
  app.addHook('onClose', async () => runner.close());

  await app.register(healthRoutes, { state });
  await app.register(evaluationRoutes, {
    prefix: '/v1',
    state,
    runner,
    example: exampleRequest(catalog),
    ajv,
    explainMaxTeams: options.explainMaxTeams ?? DEFAULTS.explainMaxTeams,
    maxDepth,
  });
  await app.register(presetRoutes, { prefix: '/v1', state });
  await app.register(importRoutes, { prefix: '/v1', runner });
  await app.register(webRoutes, { state });
  return app;
}
