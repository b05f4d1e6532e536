/**
 * `POST /v1/evaluations` (score a dataset; `?dryRun=true` checks only) and
 * `POST /v1/criteria-sets/validate` (report a criteria set's problems).
 *
 * Both validate the envelope with their route schema and let core check the `dataset` and `criteriaSet`
 * parts (`attachValidation`), because core's checks are more specific (personal data, forbidden keys,
 * depth, semantic rules that no schema can express) and bounded: core checks a dataset record by record,
 * linear in its size, and stops after 100 schema problems. The route's ajv skips both parts, so each is
 * checked once. The OpenAPI document still shows their `$ref`s.
 */
import { Readable } from 'node:stream';
import { validateCriteriaSet } from '@cnscd/core';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CnscdState } from '../app.js';
import { RawJsonBody } from '../http/raw-body.js';
import { readUploadForm, registerUploads } from '../http/uploads.js';
import { EVALUATION_FORM_FIELDS, uploadBody, withReadingWarnings } from '../spreadsheet.js';
import { evaluationFormSchema } from '../schemas/uploads.js';
import { envelopeValidator, schemaProblems, validatorCompiler } from '../http/validation.js';
import type { EvaluationRunner } from '../internal/runner.js';
import { answerText, prepareEvaluation, withExplainDefault, type AnswerFormat } from '../pipeline.js';
import { HttpProblem, item, rebase, type ProblemItem } from '../problems.js';
import { acceptedScorecard, SCORECARD_EXPLAIN_MAX_TEAMS, XLSX_TYPE, type ScorecardRequest } from '../scorecard.js';
import { SCORECARD_CSP } from '@cnscd/scorecards';
import {
  bodyErrorResponses,
  evaluationBodySchema,
  evaluationQuerySchema,
  evaluationResultSchema,
  validateBodySchema,
  validationResultSchema,
} from '../schemas/index.js';

export interface EvaluationRoutesOptions {
  readonly state: CnscdState;
  readonly runner: EvaluationRunner;
  readonly example: Readonly<Record<string, unknown>> | undefined;
  /** The app's request ajv (shared schemas added), for the evaluation route's own validators. */
  readonly ajv: Ajv2020;
  /** Without `options.explain`, explanations only for datasets of up to this many teams. */
  readonly explainMaxTeams: number;
  /** Nesting bound of JSON text in form fields (a criteria set sent beside a spreadsheet). */
  readonly maxDepth: number;
}

type ValidationError = Error & { validation?: unknown[]; validationContext?: string };

/** The route schema's findings about the body; a failing query or params is rethrown (plain 400). */
function bodySchemaProblems(request: FastifyRequest): ProblemItem[] {
  const err = request.validationError as ValidationError | undefined;
  if (err === undefined) return [];
  if (err.validationContext !== 'body') throw err;
  return schemaProblems((err.validation ?? []) as never);
}

/**
 * The route schema's findings about an evaluation body: the envelope's, since the route's validator
 * leaves `dataset` and `criteriaSet` to core. Fastify checks the body before the query, so when the query
 * failed the envelope is checked here, and a bad query is reported only when the envelope is right.
 */
function evaluationSchemaProblems(request: FastifyRequest, envelope: ValidateFunction): readonly ProblemItem[] {
  const err = request.validationError as ValidationError | undefined;
  if (err === undefined) return [];
  if (err.validationContext === 'body') return schemaProblems((err.validation ?? []) as never);
  const problems = envelope(request.body ?? null) ? [] : schemaProblems((envelope.errors ?? []) as never);
  if (problems.length === 0) throw err;
  return problems;
}

/** Largest body of `POST /v1/criteria-sets/validate`, in bytes. */
export const CRITERIA_SET_BODY_LIMIT = 4 * 1024 * 1024;

/** An Accept header that asks for NDJSON: one subject per line. */
const NDJSON = /\bapplication\/(x-)?ndjson\b/i;

/** The 200 answer in its three forms, chosen by `Accept`. */
const evaluationAnswers = {
  description:
    'The result as JSON (default); with `Accept: text/html` the same result as a self-contained HTML scorecard (served ' +
    'with a Content-Security-Policy that lets nothing load or run); with `Accept: ' +
    XLSX_TYPE +
    '` as an Excel ' +
    'workbook (sheets Tổng hợp, Xếp hạng tổ, Chi tiết tiêu chí, Vấn đề dữ liệu). `?lang=en` writes a scorecard in ' +
    "English, `?unit=<id>` gives the cards of one unit's teams. With `Accept: application/x-ndjson` the result as " +
    'NDJSON (`application/x-ndjson`): the constant part on the first line, then one subject per line, compact unless ' +
    '`options.shape` is `full` (not listed as a media type here: client generators read any `…json` type as the JSON body).',
  content: {
    'application/json': { schema: evaluationResultSchema },
    'text/html': { schema: { type: 'string', description: 'The HTML scorecard.' } },
    [XLSX_TYPE]: { schema: { type: 'string', format: 'binary', description: 'The XLSX workbook.' } },
  },
} as const;

/**
 * A worker's answer chunks as a byte stream (compressed on the way when the client accepts it), each chunk
 * let go once it is sent: a national answer is held once, and less and less of it.
 */
function chunkStream(chunks: readonly Uint8Array[]): Readable {
  const list: (Uint8Array | undefined)[] = [...chunks];
  return Readable.from(
    (function* () {
      for (let i = 0; i < list.length; i++) {
        const c = list[i]!;
        list[i] = undefined;
        yield Buffer.from(c.buffer, c.byteOffset, c.byteLength);
      }
    })(),
    { objectMode: false },
  );
}

/** Send a scorecard's bytes with its type (and, for HTML, the policy that keeps it inert). */
function sendScorecard(reply: FastifyReply, scorecard: ScorecardRequest, bytes: Uint8Array): FastifyReply {
  void reply.header('vary', 'accept');
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (scorecard.format === 'xlsx') {
    return reply.type(XLSX_TYPE).header('content-disposition', 'attachment; filename="bang-diem.xlsx"').send(body);
  }
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', SCORECARD_CSP)
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

const notFoundOrInvalid = {
  ...bodyErrorResponses,
  404: { description: 'Unknown preset, or unknown base set in `extends`.', content: bodyErrorResponses[400].content },
  422: {
    description: 'Dataset integrity problems (duplicate ids, dangling references, parent cycles...).',
    content: bodyErrorResponses[400].content,
  },
} as const;

export async function evaluationRoutes(app: FastifyInstance, opts: EvaluationRoutesOptions): Promise<void> {
  const { state, runner } = opts;
  const ctx = { registry: state.registry, catalog: state.catalog };
  const evaluationBody = evaluationBodySchema(opts.example);
  const envelope = envelopeValidator(opts.ajv, evaluationBody, ['dataset', 'criteriaSet']);
  /** The route's body check: the envelope's, or nothing yet for a body a worker will parse and check. */
  const checkBody = Object.assign(
    (data: unknown): boolean => {
      const ok = data instanceof RawJsonBody || envelope(data);
      checkBody.errors = ok ? null : (envelope.errors ?? null);
      return ok;
    },
    { errors: null as ErrorObject[] | null },
  );
  const validateEnvelope = envelopeValidator(opts.ajv, validateBodySchema, ['criteriaSet']);
  const compile = validatorCompiler(opts.ajv);
  // A spreadsheet with the request's fields as multipart/form-data (this plugin's routes only).
  await registerUploads(app);

  app.post(
    '/evaluations',
    {
      attachValidation: true,
      // A form is read from the stream by the handler (request.body is empty), and checked there.
      validatorCompiler: (route) =>
        route.httpPart === 'body' ? (route.contentType === 'multipart/form-data' ? () => true : checkBody) : compile(route),
      schema: {
        tags: ['evaluations'],
        operationId: 'evaluate',
        summary: 'Evaluate a dataset against a preset or an inline criteria set',
        description:
          'Checks run in order: invalid input (400), body too large (413), wrong content type (415), unknown preset ' +
          '(404), dataset integrity (422); then the evaluation. Without a version, a preset resolves to the version ' +
          'in force on the evaluation date (asOf, or the last day of the period), else its newest version.',
        querystring: evaluationQuerySchema,
        body: { content: { 'application/json': { schema: evaluationBody }, 'multipart/form-data': { schema: evaluationFormSchema } } },
        response: { 200: evaluationAnswers, ...notFoundOrInvalid },
      },
    },
    async (request, reply) => {
      const query = request.query as { dryRun?: string; lang?: 'vi' | 'en'; unit?: string };
      const dryRun = query.dryRun === 'true';
      const scorecardFormat = dryRun ? undefined : acceptedScorecard(request.headers.accept);
      const scorecard: ScorecardRequest | undefined =
        scorecardFormat === undefined ? undefined : { format: scorecardFormat, lang: query.lang ?? 'vi', unit: query.unit };
      const format: AnswerFormat = !dryRun && scorecard === undefined && NDJSON.test(request.headers.accept ?? '') ? 'ndjson' : 'json';
      const type = format === 'ndjson' ? 'application/x-ndjson; charset=utf-8' : 'application/json; charset=utf-8';
      // A scorecard gives each criterion's reason up to a province's size.
      const explainMaxTeams = scorecard === undefined ? opts.explainMaxTeams : Math.max(opts.explainMaxTeams, SCORECARD_EXPLAIN_MAX_TEAMS);
      const form = request.isMultipart() ? await readUploadForm(request, EVALUATION_FORM_FIELDS) : undefined;
      if (request.body instanceof RawJsonBody || (form !== undefined && runner.takesBodies)) {
        // Parsed (or read from the spreadsheet), checked, evaluated and serialized (or rendered) in a worker;
        // only a bad query is known here.
        if (request.validationError !== undefined) throw request.validationError;
        const options = { dryRun, explainMaxTeams, format, scorecard };
        const answer = form !== undefined ? await runner.runForm(form, options) : await runner.runBody((request.body as RawJsonBody).bytes, options);
        if (answer.explanationsOmitted) void reply.header('x-explanations', 'omitted');
        if ('chunks' in answer) return reply.type(type).send(chunkStream(answer.chunks));
        if (scorecard !== undefined) return sendScorecard(reply, scorecard, answer.json);
        const { json } = answer;
        return reply.type(type).send(Buffer.from(json.buffer, json.byteOffset, json.byteLength));
      }
      let prepared;
      if (form !== undefined) {
        // Plugins given as objects keep workers off: the spreadsheet is read here.
        if (request.validationError !== undefined) throw request.validationError;
        const { body, warnings } = await uploadBody(form.file, form.fields, opts.maxDepth);
        prepared = withReadingWarnings(
          prepareEvaluation(ctx, body, envelope(body) ? [] : schemaProblems((envelope.errors ?? []) as never)),
          warnings,
        );
      } else prepared = prepareEvaluation(ctx, request.body, evaluationSchemaProblems(request, envelope));
      if (dryRun) {
        return reply.type('application/json; charset=utf-8').send(JSON.stringify({ valid: true, problems: prepared.warnings }));
      }
      const { prepared: run, omitted } = withExplainDefault(prepared, explainMaxTeams);
      if (omitted) void reply.header('x-explanations', 'omitted');
      if (scorecard !== undefined) return sendScorecard(reply, scorecard, await runner.runScorecard(ctx, run, scorecard));
      const result = await runner.run(ctx, run);
      // Serialized here: the result's shape is core's, documented loosely in the schema; no fields dropped.
      return reply.type(type).send(answerText(result, format, prepared.shape));
    },
  );

  app.post(
    '/criteria-sets/validate',
    {
      // A criteria set holds at most 25,000 objects and arrays (about 2 MB); a larger body is refused
      // before it is parsed on the event loop.
      bodyLimit: CRITERIA_SET_BODY_LIMIT,
      attachValidation: true,
      validatorCompiler: (route) => (route.httpPart === 'body' ? validateEnvelope : compile(route)),
      schema: {
        tags: ['criteria sets'],
        operationId: 'validateCriteriaSet',
        summary: "Validate a criteria set: schema, semantics, plugins, and its base set's existence",
        description:
          'Answers 200 with `valid` and every problem found (pointers into the request body, e.g. ' +
          '`/criteriaSet/criteria/0/scoring`); 400 only when the envelope itself is wrong.',
        body: validateBodySchema,
        response: { 200: validationResultSchema, ...bodyErrorResponses },
      },
    },
    async (request) => {
      if (request.isMultipart()) {
        // The form parser serves /evaluations, registered in this plugin; this route reads JSON only.
        throw new HttpProblem(
          'UNSUPPORTED_MEDIA_TYPE',
          'Send the criteria set as application/json.',
          [item('UNSUPPORTED_MEDIA_TYPE', '', { vi: 'Gửi bộ tiêu chí dạng application/json.', en: 'Send the criteria set as application/json.' })],
          { status: 415 },
        );
      }
      const body = request.body as { criteriaSet?: unknown } | undefined;
      const given = body !== null && typeof body === 'object' && !Array.isArray(body) && body.criteriaSet !== undefined;
      const envelope = bodySchemaProblems(request).filter((p) => !(given && (p.path === '/criteriaSet' || p.path.startsWith('/criteriaSet/'))));
      if (envelope.length > 0 || !given) {
        const first = envelope[0];
        throw new HttpProblem(
          'SCHEMA_VIOLATION',
          `Invalid request: ${first?.path || '(body)'}: ${first?.message.en ?? 'give a criteriaSet'}`,
          envelope,
        );
      }
      const v = validateCriteriaSet(body.criteriaSet, { registry: state.registry, resolveBase: state.catalog.resolveBase });
      return { valid: v.valid, problems: rebase(v.problems, '/criteriaSet') };
    },
  );
}
