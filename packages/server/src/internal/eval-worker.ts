/**
 * Worker thread entry (see runner.ts): loads the plugins and presets once, then handles each job it is
 * sent and posts the answer back: a prepared evaluation gets its result; a whole request body is parsed,
 * checked as the route and core check it, evaluated, and answered as the JSON bytes of the response, so
 * that the main thread neither parses, checks nor serializes a large request. The worker stays warm
 * between requests (compiled validators, JIT).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CnscdError, createRegistry, criteriaSetSchema, datasetSchema, evaluate, type Problem } from '@cnscd/core';
import { createScoringContext } from '../context.js';
import { readUpload, uploadBody, withReadingWarnings } from '../spreadsheet.js';
import { parseJsonBody } from '../http/json-body.js';
import { createRequestAjv, envelopeValidator, schemaProblems } from '../http/validation.js';
import { loadPlugins } from '../plugins.js';
import { answerChunks, prepareEvaluation, problemFromCore, runEvaluation, withExplainDefault } from '../pipeline.js';
import { HttpProblem } from '../problems.js';
import { renderScorecard, SCORECARD_EXPLAIN_MAX_TEAMS } from '../scorecard.js';
import { evaluationBodySchema, problemSchema } from '../schemas/index.js';
import type { WorkerInit, WorkerOutput, WorkerRequest } from './runner.js';

const { plugins, cwd, presetsDir, maxDepth } = workerData as WorkerInit;
const registry = createRegistry(await loadPlugins(plugins, cwd));
/** For whole bodies only: the presets (bundled and local) and the route's envelope check, made on first use. */
let forBodies: Promise<{ ctx: Awaited<ReturnType<typeof createScoringContext>>; envelope: ReturnType<typeof envelopeValidator> }> | undefined;

function bodyTools(): NonNullable<typeof forBodies> {
  forBodies ??= createScoringContext({ plugins: [...plugins], presetsDir, cwd }).then((ctx) => {
    const ajv = createRequestAjv([datasetSchema, criteriaSetSchema, problemSchema]);
    return { ctx, envelope: envelopeValidator(ajv, evaluationBodySchema(undefined), ['dataset', 'criteriaSet']) };
  });
  return forBodies;
}

const encoder = new TextEncoder();
/** Characters per chunk of a whole body's answer (each sent to the client as it is, or compressed). */
const ANSWER_CHUNK = 256 * 1024;

async function run(request: WorkerRequest): Promise<WorkerOutput> {
  try {
    if ('spreadsheet' in request) return { ok: true, spreadsheet: await readUpload(request.spreadsheet, request.file) };
    if ('body' in request || 'form' in request) {
      const { ctx, envelope } = await bodyTools();
      let body: unknown;
      let warnings: Awaited<ReturnType<typeof uploadBody>>['warnings'] = [];
      if ('form' in request) ({ body, warnings } = await uploadBody(request.form.file, request.form.fields, maxDepth));
      else body = parseJsonBody(Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength).toString('utf8'), { maxDepth });
      const problems = envelope(body) ? [] : schemaProblems((envelope.errors ?? []) as never);
      const prepared = withReadingWarnings(prepareEvaluation(ctx, body, problems), warnings);
      if (request.dryRun)
        return { ok: true, json: encoder.encode(JSON.stringify({ valid: true, problems: prepared.warnings })), explanationsOmitted: false };
      // A scorecard gives each criterion's reason up to a province's size.
      const run = withExplainDefault(
        prepared,
        request.scorecard === undefined ? request.explainMaxTeams : Math.max(request.explainMaxTeams, SCORECARD_EXPLAIN_MAX_TEAMS),
      );
      const result = await runEvaluation(ctx, run.prepared);
      if (request.scorecard !== undefined)
        return { ok: true, json: await renderScorecard(result, run.prepared, request.scorecard), explanationsOmitted: run.omitted };
      // Encoded chunk by chunk: the answer is never one string, nor a string and its bytes at once.
      const chunks: Uint8Array[] = [];
      for (const text of answerChunks(result, request.format, prepared.shape, ANSWER_CHUNK)) chunks.push(encoder.encode(text));
      return { ok: true, chunks, explanationsOmitted: run.omitted };
    }
    const { prepared } = request;
    const result = await evaluate(prepared.dataset, prepared.criteriaSet, {
      period: prepared.period,
      ...(prepared.asOf === undefined ? {} : { asOf: prepared.asOf }),
      ...prepared.options,
      registry,
      validate: false,
    });
    const withWarnings = prepared.warnings.length === 0 ? result : { ...result, problems: [...(prepared.warnings as Problem[]), ...result.problems] };
    if (request.scorecard !== undefined)
      return { ok: true, json: await renderScorecard(withWarnings, prepared, request.scorecard), explanationsOmitted: false };
    return { ok: true, result: withWarnings };
  } catch (e) {
    const p = e instanceof CnscdError ? problemFromCore(e) : e instanceof HttpProblem ? e : undefined;
    if (p === undefined) throw e;
    return { ok: false, code: p.code, status: p.status, message: p.message, problems: p.problems };
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  void run(request).then(
    (out) => {
      const bytes =
        'json' in out ? [out.json] : 'chunks' in out ? out.chunks : 'spreadsheet' in out && out.spreadsheet.valid ? [out.spreadsheet.json] : [];
      parentPort?.postMessage(
        { id: request.id, ...out },
        bytes.map((b) => b.buffer as ArrayBuffer),
      );
    },
    (e: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        ok: false,
        code: 'INTERNAL_ERROR',
        status: 500,
        message: e instanceof Error ? e.message : String(e),
        problems: [],
      }),
  );
});
parentPort?.postMessage({ ready: true });
