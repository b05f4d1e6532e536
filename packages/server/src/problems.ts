/**
 * The HTTP error model: RFC 9457 `application/problem+json` documents.
 *
 * Every rejection carries a stable `code` from {@link API_ERROR_CODES} (codes.ts): core's registry for the
 * *content* of a request (schema, personal data, dataset integrity, criteria sets, presets), extended by the
 * codes of the exchange itself (malformed JSON, wrong content type, unknown route, rate limit, overload,
 * shutdown); each answers with the registry's `httpStatus`.
 */
import { CRITERIA_MESSAGES, render, type ErrorCode, type LocalizedText, type Problem, type Severity } from '@cnscd/core';
import { API_ERROR_CODES, HTTP_ERROR_CODES } from './codes.js';

/**
 * The codes only the HTTP layer raises, with status and title (from {@link HTTP_ERROR_CODES}).
 *
 * @example
 * ```ts
 * HTTP_PROBLEM_CODES.UNSUPPORTED_MEDIA_TYPE.httpStatus; // 415
 * ```
 */
export const HTTP_PROBLEM_CODES = Object.fromEntries(
  Object.entries(HTTP_ERROR_CODES).map(([c, spec]) => [c, { httpStatus: spec.httpStatus, title: spec.summary }]),
) as { readonly [C in keyof typeof HTTP_ERROR_CODES]: { readonly httpStatus: (typeof HTTP_ERROR_CODES)[C]['httpStatus']; readonly title: string } };

/** A code of {@link HTTP_PROBLEM_CODES}. */
export type HttpProblemCode = keyof typeof HTTP_ERROR_CODES;

/** Any code a problem document can carry. */
export type ProblemCode = ErrorCode | HttpProblemCode;

/** One entry of a problem document's `problems`: where (a JSON pointer into the request body) and what. */
export interface ProblemItem {
  readonly code: ProblemCode;
  readonly severity: Severity;
  /** RFC 6901 JSON pointer into the request body (`""` is the whole body). */
  readonly path: string;
  readonly message: LocalizedText;
  readonly params?: Readonly<Record<string, unknown>>;
}

/**
 * An RFC 9457 problem document, with cnscd's extension members `code`, `problems` and `requestId`.
 *
 * @example
 * ```json
 * { "type": "https://cnscd.dev/problems/PARENT_CYCLE", "title": "Org-unit parent links form a cycle.",
 *   "status": 422, "detail": "The dataset has integrity problems: /dataset/orgUnits/0/parentId: …",
 *   "instance": "/v1/evaluations", "code": "PARENT_CYCLE", "requestId": "3f0c…",
 *   "problems": [{ "code": "PARENT_CYCLE", "severity": "error", "path": "/dataset/orgUnits/0/parentId",
 *   "message": { "vi": "…", "en": "…" }, "params": { "cycle": ["a", "b"] } }] }
 * ```
 */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: ProblemCode;
  readonly requestId?: string;
  readonly problems: readonly ProblemItem[];
}

/**
 * The base of problem `type` URIs: `type` is this plus the code.
 *
 * @example
 * ```ts
 * PROBLEM_TYPE_BASE + 'PARENT_CYCLE'; // 'https://cnscd.dev/problems/PARENT_CYCLE'
 * ```
 */
export const PROBLEM_TYPE_BASE = 'https://cnscd.dev/problems/';

/**
 * The media type of problem documents.
 *
 * @example
 * ```ts
 * reply.code(404).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(doc));
 * ```
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/**
 * The HTTP status a code answers with ({@link API_ERROR_CODES}).
 *
 * @example
 * ```ts
 * statusOf('DUPLICATE_ID'); // 422
 * statusOf('RATE_LIMITED'); // 429
 * ```
 */
export function statusOf(code: ProblemCode): number {
  return API_ERROR_CODES[code].httpStatus;
}

/** The one-line English title of a code. */
export function titleOf(code: ProblemCode): string {
  return API_ERROR_CODES[code].summary;
}

/**
 * An error that becomes a problem document: thrown by routes, the body parser and the pipeline; the app's
 * error handler turns it into `application/problem+json`.
 *
 * @example
 * ```ts
 * throw new HttpProblem('PRESET_NOT_FOUND', 'No preset "nope".', [
 *   item('PRESET_NOT_FOUND', '/preset', { vi: 'Không có bộ tiêu chí mẫu "nope"', en: 'No preset "nope"' }),
 * ]);
 * ```
 */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly code: ProblemCode;
  readonly status: number;
  readonly problems: readonly ProblemItem[];
  /** Extra response headers (Retry-After...). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: ProblemCode,
    detail: string,
    problems: readonly ProblemItem[] = [],
    options: { status?: number; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? statusOf(code);
    this.problems = problems;
    this.headers = options.headers ?? {};
  }
}

/** Build one problem item; severity defaults to `error`. */
export function item(
  code: ProblemCode,
  path: string,
  message: LocalizedText,
  params?: Record<string, unknown>,
  severity: Severity = 'error',
): ProblemItem {
  return params === undefined ? { code, severity, path, message } : { code, severity, path, message, params };
}

/**
 * Problems whose core message quotes text the client wrote that is not an id of its own data, with the
 * wording that replaces it and the `params` kept. An unsafe condition `path` is often an attack payload
 * (`$[?(@.constructor…)]`): the answer points at it (the problem's `path`) and never repeats it.
 */
const REDACTED: Partial<Record<ProblemCode, { readonly message: LocalizedText; readonly keep: readonly string[] }>> = {
  UNSAFE_PATH: {
    // Core's message no longer repeats the path; its params still do, so they are dropped.
    message: render(CRITERIA_MESSAGES, 'unsafePath', {}),
    keep: [],
  },
};

/**
 * A problem as it may leave the server: for the codes whose message would repeat text the client sent
 * (an unsafe condition path), a fixed message and no echoing `params`.
 *
 * @example
 * ```ts
 * redactProblem(item('UNSAFE_PATH', '/criteriaSet/criteria/0/scoring/when/path', { vi: '…$..x…', en: '…$..x…' }, { path: '$..x' }));
 * // { code: 'UNSAFE_PATH', …, message: { en: 'This path is not allowed: …' } } (no params)
 * ```
 */
export function redactProblem(p: ProblemItem): ProblemItem {
  const r = REDACTED[p.code];
  if (r === undefined) return p;
  const base = { code: p.code, severity: p.severity, path: p.path, message: r.message };
  const kept = Object.fromEntries(Object.entries(p.params ?? {}).filter(([k]) => r.keep.includes(k)));
  return Object.keys(kept).length === 0 ? base : { ...base, params: kept };
}

/**
 * `PRESET_NOT_FOUND` at `path`: names neither the id nor the version asked for (they come from the URL or
 * the body), but the presets there are (also in `params.known`).
 *
 * @example
 * ```ts
 * presetNotFound('/preset', ['national-2024']).params; // { known: ['national-2024'] }
 * ```
 */
export function presetNotFound(path: string, known: readonly string[]): ProblemItem {
  return item(
    'PRESET_NOT_FOUND',
    path,
    {
      vi: `Không có bộ tiêu chí mẫu nào có mã (và phiên bản) này; các bộ hiện có: ${known.join(', ')}.`,
      en: `No preset has this id (and version); the presets are: ${known.join(', ')}.`,
    },
    { known },
  );
}

/**
 * Re-base core problems (whose pointers are relative to the document checked) onto the request body, e.g.
 * `/teams/0/id` → `/dataset/teams/0/id`; messages that would repeat unsafe text are replaced
 * ({@link redactProblem}).
 */
export function rebase(problems: readonly Problem[], prefix: string): ProblemItem[] {
  return problems.map((p) => {
    const base = { code: p.code, severity: p.severity, path: prefix + p.path, message: p.message };
    return redactProblem(p.params === undefined ? base : { ...base, params: p.params });
  });
}

/**
 * Render a problem document; `type` and `title` follow from the code.
 *
 * @example
 * ```ts
 * problemDocument('RATE_LIMITED', 'Slow down.', '/v1/presets', [], { requestId: 'r1' });
 * // { type: 'https://cnscd.dev/problems/RATE_LIMITED', title: …, status: 429, detail: 'Slow down.', … }
 * ```
 */
export function problemDocument(
  code: ProblemCode,
  detail: string,
  instance: string,
  problems: readonly ProblemItem[],
  options: { status?: number; requestId?: string } = {},
): ProblemDocument {
  const doc = {
    type: PROBLEM_TYPE_BASE + code,
    title: titleOf(code),
    status: options.status ?? statusOf(code),
    detail,
    instance,
    code,
    problems,
  };
  return options.requestId === undefined ? doc : { ...doc, requestId: options.requestId };
}
