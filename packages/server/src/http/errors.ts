/**
 * Every error, whatever raised it (Fastify, a plugin, the body parser, node's HTTP parser, a route, core),
 * leaves as an RFC 9457 problem document: stable `code`, bilingual `problems` with JSON pointers, no stack
 * trace, and nothing the client sent in the URL or headers.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { CnscdError } from '@cnscd/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bodyTooLarge } from './body-limits.js';
import { schemaProblems } from './validation.js';
import {
  HttpProblem,
  item,
  PROBLEM_CONTENT_TYPE,
  problemDocument,
  rebase,
  redactProblem,
  statusOf,
  type ProblemCode,
  type ProblemItem,
} from '../problems.js';

/**
 * A problem's `instance`: the pattern of the route the request matched (`/v1/presets/:id`), never the URL
 * sent, which may carry anything; `""` when no route matched.
 */
export function instanceOf(request: FastifyRequest): string {
  if (request.is404) return '';
  try {
    return request.routeOptions.url ?? '';
  } catch {
    // Requests Fastify builds for its own early errors have no route context.
    return '';
  }
}

/** Send a problem document. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ProblemCode,
  detail: string,
  problems: readonly ProblemItem[],
  status?: number,
  instance: string = instanceOf(request),
): FastifyReply {
  const options = status === undefined ? { requestId: request.id } : { status, requestId: request.id };
  const doc = problemDocument(code, detail, instance, problems, options);
  return reply.code(doc.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(doc));
}

// Fastify's errors carry `code`; plugins' (rate limit, under-pressure) may carry only `statusCode`.
const isHttpError = (e: unknown): e is FastifyError => e instanceof Error;

interface Mapped {
  code: ProblemCode;
  status?: number;
  detail: string;
  problems: ProblemItem[];
  headers?: Readonly<Record<string, string>>;
}

/** The two body bounds (see http/body-limits.ts). */
export interface BodyLimits {
  readonly bodyLimit: number;
  readonly inflatedBodyLimit: number;
}

/** Map any thrown value to a problem. Anything not recognised is a 500 (and is logged with its stack). */
export function mapError(error: unknown, limits: BodyLimits): Mapped {
  if (error instanceof HttpProblem) {
    return { code: error.code, status: error.status, detail: error.message, problems: [...error.problems], headers: error.headers };
  }
  if (error instanceof CnscdError) {
    const problems = rebase(error.problems, '');
    const detail = error.code === 'UNSAFE_PATH' ? redactProblem(item('UNSAFE_PATH', '', { vi: '', en: '' })).message.en : error.message;
    return { code: error.code, status: error.httpStatus, detail, problems };
  }
  if (!isHttpError(error)) {
    return { code: 'INTERNAL_ERROR', detail: 'An unexpected error occurred.', problems: [] };
  }
  if (error.validation !== undefined) {
    const where = error.validationContext ?? 'body';
    const problems =
      where === 'body'
        ? schemaProblems(error.validation as never)
        : schemaProblems(error.validation as never).map((p) => ({ ...p, params: { in: where === 'querystring' ? 'query' : where } }));
    const first = problems[0];
    const detail =
      first === undefined
        ? `The request ${where} does not match its schema.`
        : `The request ${where === 'querystring' ? 'query' : where} does not match its schema: ${first.path || '(root)'}: ${first.message.en}` +
          (problems.length > 1 ? ` (and ${problems.length - 1} more)` : '');
    return { code: 'SCHEMA_VIOLATION', detail, problems };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      // Fastify's own limit is the inflated one: the wire limit is checked before it (http/body-limits.ts).
      const p = bodyTooLarge(limits.inflatedBodyLimit, true);
      return { code: p.code, status: 413, detail: p.message, problems: [...p.problems] };
    }
    case 'FST_CP_ERR_INVALID_CONTENT_ENCODING': {
      const text = {
        vi: 'Content-Encoding của nội dung phải là gzip, deflate, br hoặc không nén.',
        en: 'Send the body uncompressed or with Content-Encoding gzip, deflate or br.',
      };
      return {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        status: 415,
        detail: text.en,
        problems: [item('UNSUPPORTED_MEDIA_TYPE', '', text, { in: 'header', header: 'content-encoding' })],
      };
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      // `curl -d @file` sends application/x-www-form-urlencoded unless told otherwise: say how to tell it.
      const en = "Send the body as JSON with the header Content-Type: application/json (with curl: -H 'Content-Type: application/json').";
      const vi = "Hãy gửi nội dung JSON với tiêu đề Content-Type: application/json (với curl: -H 'Content-Type: application/json').";
      return {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        detail: en,
        problems: [item('UNSUPPORTED_MEDIA_TYPE', '', { vi, en }, { in: 'header', header: 'content-type' })],
      };
    }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        code: 'MALFORMED_JSON',
        detail: 'The body is not valid JSON.',
        problems: [item('MALFORMED_JSON', '', { vi: 'Nội dung không phải JSON hợp lệ.', en: 'The body is not valid JSON.' })],
      };
    default:
      break;
  }
  const status = error.statusCode ?? 500;
  if (status === 429) {
    const en = 'Too many requests; retry after the time in the Retry-After header.';
    return {
      code: 'RATE_LIMITED',
      detail: en,
      problems: [item('RATE_LIMITED', '', { vi: 'Quá nhiều yêu cầu; hãy thử lại sau.', en })],
    };
  }
  if (status === 503) {
    const en = 'The service is overloaded; retry after the time in the Retry-After header.';
    return { code: 'OVERLOADED', detail: en, problems: [item('OVERLOADED', '', { vi: 'Hệ thống đang quá tải; hãy thử lại sau.', en })] };
  }
  if (status >= 400 && status < 500) {
    // Any other Fastify 4xx (a body that does not match its Content-Length...): its message may quote what
    // was sent, so only a fixed text and Fastify's code go out.
    const known = FASTIFY_4XX[error.code];
    const text = known ?? { vi: 'Yêu cầu không hợp lệ.', en: 'The request is malformed.' };
    return {
      code: 'BAD_REQUEST',
      status,
      detail: text.en,
      problems: [item('BAD_REQUEST', '', text, typeof error.code === 'string' ? { fastifyCode: error.code } : undefined)],
    };
  }
  return { code: 'INTERNAL_ERROR', detail: 'An unexpected error occurred.', problems: [] };
}

const FASTIFY_4XX: Partial<Record<string, { vi: string; en: string }>> = {
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    vi: 'Độ dài nội dung không khớp với tiêu đề Content-Length.',
    en: 'The body is not as long as its Content-Length header says.',
  },
  FST_ERR_CTP_INVALID_TYPE: { vi: 'Tiêu đề Content-Type không hợp lệ.', en: 'The Content-Type header is not valid.' },
  FST_CP_ERR_INVALID_CONTENT: {
    vi: 'Không giải nén được nội dung theo Content-Encoding đã khai báo.',
    en: 'The body could not be decompressed with its Content-Encoding.',
  },
};

const EXPECTED_5XX: ReadonlySet<ProblemCode> = new Set(['OVERLOADED', 'SHUTTING_DOWN', 'TIMED_OUT']);

/** The app's error handler. */
export function errorHandler(limits: BodyLimits) {
  return function handle(this: unknown, error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const mapped = mapError(error, limits);
    const status = mapped.status ?? statusOf(mapped.code);
    let detail = mapped.detail;
    if (status >= 500 && !EXPECTED_5XX.has(mapped.code)) {
      request.log.error({ err: error }, 'request failed');
      if (mapped.code === 'INTERNAL_ERROR') detail = `An unexpected error occurred; it was logged with request id ${request.id}.`;
    } else {
      request.log.info({ code: mapped.code, status }, 'request rejected');
    }
    for (const [k, v] of Object.entries(mapped.headers ?? {})) void reply.header(k, v);
    return sendProblem(request, reply, mapped.code, detail, mapped.problems, status);
  };
}

/**
 * Fastify's `frameworkErrors`: errors raised before routing (a URL whose percent-encoding does not decode,
 * a path parameter over `maxParamLength`), which Fastify would otherwise answer with plain JSON quoting the
 * whole URL.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  let code: ProblemCode = 'BAD_REQUEST';
  let status = 400;
  let text = { vi: 'Đường dẫn (URL) không hợp lệ.', en: 'The URL is not valid.' };
  let params: Record<string, unknown> = { in: 'url' };
  if (error.code === 'FST_ERR_BAD_URL') {
    text = {
      vi: 'Đường dẫn (URL) có chuỗi mã hóa phần trăm (%xx) không giải mã được.',
      en: 'The URL has a percent-encoded sequence (%xx) that does not decode.',
    };
  } else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    code = 'INPUT_TOO_LARGE';
    status = 414;
    text = {
      vi: `Một phần của đường dẫn dài quá ${MAX_PARAM_LENGTH} ký tự.`,
      en: `A segment of the URL path is longer than ${MAX_PARAM_LENGTH} characters.`,
    };
    params = { in: 'url', maxParamLength: MAX_PARAM_LENGTH };
  } else {
    code = 'INTERNAL_ERROR';
    status = 500;
    text = { vi: 'Lỗi không mong đợi.', en: 'An unexpected error occurred.' };
    request.log.error({ err: error }, 'request failed');
  }
  // Fastify writes no completion line for these: this one carries what it would (never the URL).
  if (status < 500) request.log.info({ method: request.method, code, status }, 'request rejected');
  void reply.header('x-request-id', request.id);
  void sendProblem(request, reply, code, text.en, [item(code, '', text, params)], status, '');
}

/** Longest path parameter (Fastify's `maxParamLength`); longer ones get 414. */
export const MAX_PARAM_LENGTH = 200;

/** The most bytes of request line and headers node accepts (its `maxHeaderSize` default, 16 KiB). */
const MAX_HEADER_SIZE = 16 * 1024;

/**
 * The HTTP server's `clientError` handler: requests node's parser refuses before Fastify sees them (headers
 * or URL over 16 KiB, not HTTP at all, conflicting lengths, too slow to arrive). Node and Fastify write a
 * plain-text or plain-JSON answer to the socket; this writes a problem document instead, with a request id
 * that is also logged.
 */
export function clientErrorHandler(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let code: ProblemCode = 'BAD_REQUEST';
  let status = 400;
  let text = { vi: 'Yêu cầu không phải HTTP/1.1 hợp lệ.', en: 'The request is not valid HTTP/1.1.' };
  let params: Record<string, unknown> | undefined;
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    code = 'INPUT_TOO_LARGE';
    status = 431;
    const kb = MAX_HEADER_SIZE / 1024;
    text = {
      vi: `Dòng yêu cầu và các tiêu đề (cả URL) vượt quá ${kb} KB.`,
      en: `The request line and headers (URL included) are larger than ${kb} KB.`,
    };
    params = { maxHeaderSize: MAX_HEADER_SIZE };
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    text = { vi: 'Yêu cầu không được gửi hết trong thời gian cho phép.', en: 'The request did not arrive in full within the time allowed.' };
  }
  const requestId = randomUUID();
  this.log.info({ reqId: requestId, code, status, parserError: error.code }, 'request rejected by the HTTP parser');
  if (socket.writable) {
    const body = JSON.stringify(problemDocument(code, text.en, '', [item(code, '', text, params)], { status, requestId }));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
