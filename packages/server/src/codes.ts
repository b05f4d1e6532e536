/**
 * The one list of codes the scoring API can answer with: core's registry (`ERROR_CODES`: content of a
 * request, such as schema, personal data, integrity, criteria sets, presets) extended by the codes only
 * this layer raises, about the exchange itself. The OpenAPI document's problem `code` and the code table
 * of docs/api.md are both this list (a test holds the doc to it).
 */
import { type CodeSpec, ERROR_CODES } from '@cnscd/core';

/**
 * The codes only the HTTP layer (and the `cnscd` command that shares its input readers) raises.
 *
 * @example
 * ```ts
 * HTTP_ERROR_CODES.RATE_LIMITED.httpStatus; // 429
 * ```
 */
export const HTTP_ERROR_CODES = {
  MALFORMED_JSON: { severity: 'error', httpStatus: 400, summary: 'The body is not valid JSON.' },
  BAD_REQUEST: { severity: 'error', httpStatus: 400, summary: 'The request is malformed.' },
  UNSUPPORTED_MEDIA_TYPE: { severity: 'error', httpStatus: 415, summary: 'The body must be sent as application/json.' },
  ROUTE_NOT_FOUND: { severity: 'error', httpStatus: 404, summary: 'No such route.' },
  RATE_LIMITED: { severity: 'error', httpStatus: 429, summary: 'Too many requests; slow down.' },
  OVERLOADED: { severity: 'error', httpStatus: 503, summary: 'The service is overloaded; retry later.' },
  SHUTTING_DOWN: { severity: 'error', httpStatus: 503, summary: 'The service is shutting down; retry on another instance.' },
  TIMED_OUT: { severity: 'error', httpStatus: 503, summary: 'The request took longer than the handler timeout.' },
  INTERNAL_ERROR: { severity: 'error', httpStatus: 500, summary: 'An unexpected error occurred.' },
} as const satisfies Record<string, CodeSpec>;

/**
 * Every code a problem document of the API can carry as its `code`: core's and the HTTP layer's.
 *
 * @example
 * ```ts
 * API_ERROR_CODES.DUPLICATE_ID.httpStatus;  // 422 (core's)
 * API_ERROR_CODES.ROUTE_NOT_FOUND.summary; // 'No such route.'
 * ```
 */
export const API_ERROR_CODES = { ...ERROR_CODES, ...HTTP_ERROR_CODES } as const satisfies Record<string, CodeSpec>;

/** A code of {@link API_ERROR_CODES}. */
export type ApiErrorCode = keyof typeof API_ERROR_CODES;
