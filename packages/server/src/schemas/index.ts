/**
 * Route schemas. One schema, many uses: ajv validates requests with them, @fastify/swagger publishes them
 * as `/openapi.json`, and the dataset and criteria-set parts are core's own schemas, referenced by `$id`.
 */
import { DATE_PATTERN, MONTH_PATTERN, PERIOD_RANGE_PATTERN, criteriaSetSchema, datasetSchema } from '@cnscd/core';
import { API_ERROR_CODES, type ApiErrorCode } from '../codes.js';
import { EXAMPLE_CRITERIA_SET } from '../internal/example-criteria-set.js';

export const DATASET_REF = datasetSchema.$id;
export const CRITERIA_SET_REF = criteriaSetSchema.$id;
export const PROBLEM_REF = 'https://cnscd.dev/schemas/problem.schema.json';

export { DATE_PATTERN, MONTH_PATTERN };
/** The period an evaluation is asked for: `YYYY`, `YYYY-MM` or `YYYY-MM..YYYY-MM` (core's shared pattern). */
export const PERIOD_PATTERN = PERIOD_RANGE_PATTERN;
export const PRESET_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';
export const VERSION_QUERY_PATTERN = '^[0-9A-Za-z.^~<>=*+_-]{1,64}$';
const MONTH = MONTH_PATTERN;
const DATE = DATE_PATTERN;
/** `id` or `id@version`, where version is exact or a semver range without spaces. */
export const PRESET_REF_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(@[0-9A-Za-z.^~<>=*+_-]{1,64})?$';

const localizedText = {
  type: 'object',
  required: ['vi', 'en'],
  properties: { vi: { type: 'string' }, en: { type: 'string' } },
} as const;

/**
 * An RFC 9457 problem document as cnscd sends it (the `Problem` component of the OpenAPI document).
 *
 * @example
 * ```ts
 * new Ajv2020().compile(problemSchema)(await res.json()); // true for every error answer
 * ```
 */
export const problemSchema = {
  $id: PROBLEM_REF,
  title: 'Problem',
  description:
    'RFC 9457 problem details (application/problem+json) with a stable `code` and the list of `problems`, each ' +
    'with a JSON pointer into the request body and a message in Vietnamese and English.',
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'instance', 'code', 'problems'],
  properties: {
    type: { type: 'string', description: 'URI naming the problem type: https://cnscd.dev/problems/<code>.' },
    title: { type: 'string', description: 'Short English summary of the problem type.' },
    status: { type: 'integer', description: 'The HTTP status.' },
    detail: { type: 'string', description: 'English explanation of this occurrence.' },
    instance: {
      type: 'string',
      description: 'The pattern of the route the request matched (e.g. `/v1/presets/:id`), never the URL sent; empty when no route matched.',
    },
    code: { type: 'string', enum: Object.keys(API_ERROR_CODES) as ApiErrorCode[], description: 'Stable code (see docs/api.md, "Every code").' },
    requestId: { type: 'string', description: 'The request id, also in the x-request-id header and the logs.' },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'severity', 'path', 'message'],
        properties: {
          code: { type: 'string' },
          severity: { type: 'string', enum: ['error', 'warning'] },
          path: { type: 'string', description: 'JSON pointer (RFC 6901) into the request body; "" is the whole body.' },
          message: localizedText,
          params: { type: 'object', additionalProperties: true },
        },
      },
    },
  },
} as const;

const problemResponse = (description: string) =>
  ({ description, content: { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } } }) as const;

/**
 * What a route without a body can answer besides its own: a malformed request (no Host header, a URL
 * whose `%xx` do not decode), answered before the route runs.
 */
export const malformedRequestResponse = problemResponse('Malformed HTTP request: no Host header, a URL that does not decode, conflicting lengths.');

/** The error responses every body-taking route can give. */
export const bodyErrorResponses = {
  400: problemResponse('Invalid input: schema, personal data, forbidden keys, criteria set, period.'),
  413: problemResponse('Body (or nesting) too large.'),
  415: problemResponse('Content-Type is not application/json.'),
  429: problemResponse('Rate-limited.'),
  503: problemResponse('Overloaded, timed out, or shutting down.'),
} as const;

const problemListItem = problemSchema.properties.problems.items;

/** Query of `POST /v1/evaluations`. */
export const evaluationQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dryRun: {
      type: 'string',
      enum: ['true', 'false'],
      description: 'With `true`, run every check (schema, integrity, preset) but not the evaluation.',
    },
    lang: {
      type: 'string',
      enum: ['vi', 'en'],
      description: 'Scorecards (`Accept: text/html` or the XLSX type): their language; default `vi`.',
    },
    unit: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'HTML scorecard: the org unit whose teams get a card each (a result of more than 5,000 teams has none without it).',
    },
  },
} as const;

/**
 * Body of `POST /v1/evaluations`; `example` (the bundled small dataset) is shown in Swagger UI.
 *
 * @example
 * ```ts
 * app.post('/my-evaluations', { schema: { body: evaluationBodySchema(undefined) } }, handler);
 * ```
 */
export function evaluationBodySchema(example: Readonly<Record<string, unknown>> | undefined) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['dataset', 'period'],
    description: 'Give exactly one of `preset` and `criteriaSet`.',
    properties: {
      dataset: { $ref: DATASET_REF },
      preset: {
        type: 'string',
        pattern: PRESET_REF_PATTERN,
        description: 'A preset (bundled or from the presets folder): `id` or `id@version` (a version or semver range).',
      },
      criteriaSet: { $ref: CRITERIA_SET_REF },
      period: {
        description: 'Months evaluated, inclusive: "2025-01..2025-12", "2025-06", "2025", or {from, to}.',
        anyOf: [
          { type: 'string', pattern: PERIOD_PATTERN },
          {
            type: 'object',
            additionalProperties: false,
            required: ['from', 'to'],
            properties: { from: { type: 'string', pattern: MONTH }, to: { type: 'string', pattern: MONTH } },
          },
        ],
      },
      asOf: {
        type: 'string',
        pattern: DATE,
        description: 'Evaluation date YYYY-MM-DD (membership, validity, parameters); default: the last day of the period.',
      },
      options: {
        type: 'object',
        additionalProperties: false,
        properties: {
          explain: {
            type: 'boolean',
            description:
              'Per-condition actual/expected values and reasons. Default: true for datasets of up to 100 teams (the server option explainMaxTeams), false above (the answer then has the header x-explanations: omitted).',
          },
          rollup: {
            description:
              'Roll results up the hierarchy (default true); `{levels}` limits the levels reported. A level the dataset does not ' +
              'declare is a 400 `UNKNOWN_ROLLUP_LEVEL`.',
            anyOf: [
              { type: 'boolean' },
              {
                type: 'object',
                additionalProperties: false,
                properties: { levels: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 64 } } },
              },
            ],
          },
          rollupAsOf: {
            type: 'string',
            pattern: DATE,
            description:
              'Re-express the roll-up on the units of this date (YYYY-MM-DD), e.g. 2024 results on the 2026 communes (docs/dataset.md, "The 2025 reform").',
          },
          engine: {
            type: 'string',
            enum: ['compiled', 'reference'],
            description: '`compiled` (default, fast) or `reference` (json-rules-engine, for cross-checking).',
          },
          shape: {
            type: 'string',
            enum: ['full', 'compact'],
            description:
              '`full` (default for JSON, as in every 1.x release): every subject carries its criteria with their titles. ' +
              "`compact` (default for `Accept: application/x-ndjson`): each criterion's title, group and maximum once, in " +
              '`criteria`, and per subject only `points[i]` and `statuses[i]` (plus reasons and explanations when asked); ' +
              'a fraction of the size.',
          },
        },
      },
    },
    ...(example === undefined ? {} : { examples: [example] }),
  } as const;
}

/** Response of `POST /v1/evaluations?dryRun=true` and `POST /v1/criteria-sets/validate`. */
export const validationResultSchema = {
  type: 'object',
  required: ['valid', 'problems'],
  properties: {
    valid: { type: 'boolean' },
    problems: { type: 'array', items: problemListItem },
  },
} as const;

/** Response of `POST /v1/evaluations`: core's `EvaluationResult` (documented loosely; see core's types). */
export const evaluationResultSchema = {
  description: "Core's EvaluationResult: per-subject scores, ratings and explained criteria, a roll-up and problems.",
  type: 'object',
  additionalProperties: true,
  required: ['criteriaSet', 'period', 'asOf', 'engine', 'subjects', 'summary', 'problems'],
  properties: {
    criteriaSet: { type: 'object', additionalProperties: true },
    period: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } },
    asOf: { type: 'string' },
    engine: { type: 'string', enum: ['compiled', 'reference'] },
    subjects: { type: 'array', items: { type: 'object', additionalProperties: true } },
    rollup: { type: 'object', additionalProperties: true },
    summary: { type: 'object', additionalProperties: true },
    problems: { type: 'array', items: problemListItem },
  },
} as const;

/**
 * Body of `POST /v1/criteria-sets/validate`.
 *
 * @example
 * ```ts
 * validateBodySchema.required; // ['criteriaSet']
 * ```
 */
export const validateBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['criteriaSet'],
  properties: { criteriaSet: { $ref: CRITERIA_SET_REF } },
  // A valid set: Swagger UI's "Try it out" and the document's example test get `valid: true`.
  examples: [{ criteriaSet: EXAMPLE_CRITERIA_SET }],
} as const;

/** Params and query of `GET /v1/presets/{id}`. */
export const presetParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: PRESET_ID_PATTERN, examples: ['national-2024'] } },
} as const;
export const presetQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { type: 'string', pattern: VERSION_QUERY_PATTERN, description: 'A version or semver range.' },
    asOf: { type: 'string', pattern: DATE, description: 'Pick the version in force on this date, and resolve parameters at it.' },
  },
} as const;

/**
 * Response of `GET /v1/presets/{id}`: the criteria set resolved (`extends` applied, `lineage` added), its
 * `source`, and with `?asOf=` the `parameterValues` then. Documented loosely, like the evaluation result:
 * the full format is core's criteria-set schema (`CriteriaSet`), of which this is the resolved form.
 */
export const resolvedPresetSchema = {
  description:
    'The preset resolved: a criteria set (see the CriteriaSet schema) with `extends` applied and `lineage` listing ' +
    'the chain, plus `source`, and with `asOf` the `parameterValues` in force that day.',
  type: 'object',
  additionalProperties: true,
  required: ['id', 'version', 'title', 'criteria', 'ratings', 'source'],
  properties: {
    id: { type: 'string' },
    version: { type: 'string' },
    title: localizedText,
    lineage: { type: 'array', items: { type: 'string' }, description: 'The chain of `id@version`, base first.' },
    subject: { type: 'object', additionalProperties: true },
    parameters: { type: 'object', additionalProperties: true },
    criteria: { type: 'array', items: { type: 'object', additionalProperties: true } },
    ratings: { type: 'array', items: { type: 'object', additionalProperties: true } },
    source: { type: 'string', enum: ['bundled', 'local'] },
    parameterValues: {
      type: 'object',
      additionalProperties: true,
      description: "With `asOf`: each parameter's value on that date.",
    },
  },
} as const;

/** A preset in `GET /v1/presets`. */
export const presetSummarySchema = {
  type: 'object',
  required: ['id', 'version', 'title'],
  additionalProperties: true,
  properties: {
    id: { type: 'string' },
    version: { type: 'string' },
    title: localizedText,
    versions: { type: 'array', items: { type: 'string' } },
    source: { type: 'string', enum: ['bundled', 'local'] },
    effective: { type: 'object', additionalProperties: true },
  },
} as const;

/** Response of `GET /v1/presets`. */
export const presetListSchema = {
  type: 'object',
  required: ['presets'],
  properties: { presets: { type: 'array', items: presetSummarySchema } },
} as const;

export const healthSchema = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['ok', 'ready'] } },
} as const;
