/**
 * Request logs: one line per request, when it completes, with what an operator needs (method, route
 * pattern, status, duration, request id) and nothing a client could have put personal data in: no URL
 * (its query and path segments are the client's text), no client address unless asked, no header beyond
 * a short allow-list, never a body. Built on Fastify's own `LogController`, so every internal log line
 * (including "route not found", which would print the raw URL) goes through it.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * The request headers a log line may carry (when sent). Everything else, credentials included, is left out.
 *
 * @example
 * ```ts
 * LOGGED_HEADERS.includes('user-agent'); // true
 * ```
 */
export const LOGGED_HEADERS = ['content-type', 'content-length', 'content-encoding', 'user-agent'] as const;

/** The route pattern a request matched (`/v1/presets/:id`), or null: never the URL sent. */
export function routeOf(request: FastifyRequest): string | null {
  if (request.is404) return null;
  try {
    return request.routeOptions.url ?? null;
  } catch {
    // Requests Fastify builds for its own early errors (bad URL) have no route context.
    return null;
  }
}

/** The fields of a request's log line. */
export function requestLogFields(request: FastifyRequest, logClientIp: boolean): Record<string, unknown> {
  const headers: Record<string, string> = {};
  for (const h of LOGGED_HEADERS) {
    const v = request.headers[h];
    if (typeof v === 'string') headers[h] = v.length > 200 ? v.slice(0, 200) + '…' : v;
  }
  return {
    method: request.method,
    route: routeOf(request),
    ...(Object.keys(headers).length === 0 ? {} : { headers }),
    ...(logClientIp ? { ip: request.ip } : {}),
  };
}

/** Fastify's log controller with cnscd's request lines. */
export class RequestLogController extends LogController {
  readonly #logClientIp: boolean;

  constructor(options: { logClientIp: boolean }) {
    super({ requestIdLogLabel: 'reqId' });
    this.#logClientIp = options.logClientIp;
  }

  // One line per request, at completion (the status and duration are known then).
  override incomingRequest(): void {}

  // Fastify's line quotes the raw URL; the completion line says `route: null` and 404 instead.
  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      ...requestLogFields(request, this.#logClientIp),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
