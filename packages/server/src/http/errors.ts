/**
 * Every error, whatever raised it (Fastify, a plugin, the body parser, a route, core), leaves as an
 * RFC 9457 problem document: stable `code`, bilingual `problems` with JSON pointers, no stack trace.
 */
import { CnscdError } from '@cnscd/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { schemaProblems } from './validation.js';
import {
  HttpProblem,
  item,
  PROBLEM_CONTENT_TYPE,
  problemDocument,
  rebase,
  statusOf,
  type ProblemCode,
  type ProblemItem,
} from '../problems.js';

/** The request path without its query string: a problem's `instance`. */
export function instanceOf(request: FastifyRequest): string {
  const url = request.url;
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** Send a problem document. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ProblemCode,
  detail: string,
  problems: readonly ProblemItem[],
  status?: number,
): FastifyReply {
  const options = status === undefined ? { requestId: request.id } : { status, requestId: request.id };
  const doc = problemDocument(code, detail, instanceOf(request), problems, options);
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

/** Map any thrown value to a problem. Anything not recognised is a 500 (and is logged with its stack). */
export function mapError(error: unknown, bodyLimit: number): Mapped {
  if (error instanceof HttpProblem) {
    return { code: error.code, status: error.status, detail: error.message, problems: [...error.problems], headers: error.headers };
  }
  if (error instanceof CnscdError) {
    return { code: error.code, status: error.httpStatus, detail: error.message, problems: rebase(error.problems, '') };
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
      const mb = Math.round((bodyLimit / 1024 / 1024) * 10) / 10;
      const en = `The body is larger than the ${mb} MB limit.`;
      return {
        code: 'INPUT_TOO_LARGE',
        status: 413,
        detail: en,
        problems: [item('INPUT_TOO_LARGE', '', { vi: `Nội dung vượt quá giới hạn ${mb} MB.`, en }, { bodyLimit })],
      };
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      const en = 'Send the body as JSON with the header Content-Type: application/json.';
      return {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        detail: en,
        problems: [item('UNSUPPORTED_MEDIA_TYPE', '', { vi: 'Hãy gửi nội dung JSON với Content-Type: application/json.', en })],
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
    // A Fastify 4xx we have no specific code for (bad content-length, bad URL...): its message is safe.
    return {
      code: 'BAD_REQUEST',
      status,
      detail: error.message,
      problems: [item('BAD_REQUEST', '', { vi: 'Yêu cầu không hợp lệ.', en: error.message })],
    };
  }
  return { code: 'INTERNAL_ERROR', detail: 'An unexpected error occurred.', problems: [] };
}

const EXPECTED_5XX: ReadonlySet<ProblemCode> = new Set(['OVERLOADED', 'SHUTTING_DOWN', 'TIMED_OUT']);

/** The app's error handler. */
export function errorHandler(bodyLimit: number) {
  return function handle(this: unknown, error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const mapped = mapError(error, bodyLimit);
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
