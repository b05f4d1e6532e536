/**
 * The evaluation pipeline shared by `POST /v1/evaluations` and `cnscd evaluate`: every check, in the
 * order the API promises — invalid input (400/413), then unknown preset or base set (404), then dataset
 * integrity (422) — and only then the evaluation. Each rejection is an {@link HttpProblem} whose pointers
 * point into the request body (`/dataset/teams/3/id`, `/criteriaSet/criteria/0/...`, `/preset`).
 */
import {
  CnscdError,
  ERROR_CODES,
  compactParts,
  compactResult,
  resultLines,
  type ResultShape,
  createEvaluator,
  type Evaluator,
  isCalendarDate,
  parsePeriod,
  resolveAsOf,
  rollupLevelProblems,
  validateCriteriaSet,
  validateDataset,
  type CriteriaSet,
  type Dataset,
  type EngineKind,
  type EvaluationResult,
  type MetricDefinition,
  type Period,
  type Problem,
  type RatioDefinition,
  type Registry,
  type ResolvedCriteriaSet,
} from '@cnscd/core';
import { jsonChunks, LazyArray } from './internal/json-chunks.js';
import { parsePresetRef, type PresetCatalog } from './presets.js';
import { HttpProblem, item, presetNotFound, rebase, statusOf, type ProblemCode, type ProblemItem } from './problems.js';

/** What the pipeline needs: the plugin registry and the preset catalog. */
export interface ScoringContext {
  readonly registry: Registry;
  readonly catalog: PresetCatalog;
}

/** Evaluation options of a request. */
export interface EvaluationRequestOptions {
  readonly explain?: boolean;
  readonly rollup?: boolean | { readonly levels?: readonly string[] };
  readonly rollupAsOf?: string;
  readonly engine?: EngineKind;
}

/** A request that passed every check. */
export interface PreparedEvaluation {
  readonly dataset: Dataset;
  readonly criteriaSet: CriteriaSet | ResolvedCriteriaSet;
  readonly period: Period;
  readonly asOf?: string;
  readonly options: EvaluationRequestOptions;
  /** Dataset warnings (pointers into the body); core adds the criteria set's own. */
  readonly warnings: readonly ProblemItem[];
  /** How many teams the dataset has (to decide where to evaluate it). */
  readonly teams: number;
  /** The answer's shape, when the request named one (`options.shape`). */
  readonly shape?: ResultShape;
}

const extrasCache = new WeakMap<Registry, { metrics: MetricDefinition[]; ratios: RatioDefinition[] }>();
/** Metrics and ratios plugins add, for `validateDataset`. */
export function pluginExtras(registry: Registry): { metrics: MetricDefinition[]; ratios: RatioDefinition[] } {
  let extras = extrasCache.get(registry);
  if (extras === undefined) {
    extras = {
      metrics: [...registry.metrics.values()].filter((m) => m.plugin !== '@cnscd/core').map((m) => m.def),
      ratios: [...registry.ratios.values()].filter((r) => r.plugin !== '@cnscd/core').map((r) => r.def),
    };
    extrasCache.set(registry, extras);
  }
  return extras;
}

const isError = (p: ProblemItem): boolean => p.severity === 'error';
const under = (path: string, prefix: string): boolean => path === prefix || path.startsWith(prefix + '/');

/**
 * Codes that headline an answer before any other, most telling first: a cause before its consequences.
 * A duplicated team id also leaves the reports of the team it hid dangling, and core lists those
 * first, so by list order alone the answer read `DANGLING_REFERENCE`. Codes not named here come next, in
 * the order found; `SCHEMA_VIOLATION`, the least specific, comes last.
 */
const HEADLINE_FIRST: readonly ProblemCode[] = [
  'FORBIDDEN_KEY',
  'PERSONAL_DATA_FIELD',
  'PERSONAL_DATA_VALUE',
  'DUPLICATE_ID',
  'PARENT_CYCLE',
  'UNKNOWN_LEVEL',
];
const HEADLINE_LAST: readonly ProblemCode[] = ['DANGLING_REFERENCE', 'MEMBER_NOT_IN_TEAM', 'SCHEMA_VIOLATION'];

function headlineRank(code: ProblemCode): number {
  const first = HEADLINE_FIRST.indexOf(code);
  if (first !== -1) return first;
  const last = HEADLINE_LAST.indexOf(code);
  return last === -1 ? HEADLINE_FIRST.length : HEADLINE_FIRST.length + 1 + last;
}

/**
 * The code a rejection is headlined with: the most telling among the errors ({@link HEADLINE_FIRST}), then
 * the first found that is not a plain schema violation.
 */
function leadingCode(problems: readonly ProblemItem[], fallback: ProblemCode): ProblemCode {
  let best: ProblemCode | undefined;
  let bestRank = Infinity;
  for (const p of problems) {
    if (!isError(p)) continue;
    const rank = headlineRank(p.code);
    if (rank < bestRank) {
      best = p.code;
      bestRank = rank;
    }
  }
  return best ?? fallback;
}

function reject(problems: readonly ProblemItem[], status: number, fallback: ProblemCode, what: string): never {
  const code = leadingCode(problems, fallback);
  const errors = problems.filter(isError);
  const first = errors.find((p) => p.code === code) ?? errors[0];
  const detail =
    first === undefined
      ? what
      : `${what}: ${first.path || '(body)'}: ${first.message.en}` + (errors.length > 1 ? ` (and ${errors.length - 1} more)` : '');
  throw new HttpProblem(code, detail, problems, { status });
}

/**
 * Check an evaluation request and prepare it. `schemaProblems` are the route schema's findings (the CLI
 * passes none); those about `dataset` and `criteriaSet` are replaced by core's own, more specific checks
 * (personal data, forbidden keys, depth, semantic rules). Throws {@link HttpProblem}: 400/413, then 404,
 * then 422.
 *
 * @example
 * ```ts
 * const prepared = prepareEvaluation(ctx, { dataset, preset: 'national-2024', period: '2025' });
 * const result = await runEvaluation(ctx, prepared);
 * ```
 */
export function prepareEvaluation(ctx: ScoringContext, body: unknown, schemaProblems: readonly ProblemItem[] = []): PreparedEvaluation {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const problems =
      schemaProblems.length > 0
        ? schemaProblems
        : [item('SCHEMA_VIOLATION', '', { vi: 'Nội dung phải là một đối tượng JSON.', en: 'The body must be a JSON object.' })];
    reject(problems, 400, 'SCHEMA_VIOLATION', 'Invalid request');
  }
  const b = body as Record<string, unknown>;
  const hasDataset = b.dataset !== undefined;
  const inlineSet = b.criteriaSet !== undefined && b.preset === undefined;
  // The dataset: core's checks (safety scan, schema, integrity) in one pass. Its problems are sorted in
  // below, after the request's own.
  const dv = hasDataset ? validateDataset(b.dataset, pluginExtras(ctx.registry)) : undefined;
  const bad: ProblemItem[] = schemaProblems.filter(
    (p) => !(hasDataset && under(p.path, '/dataset')) && !(inlineSet && under(p.path, '/criteriaSet')),
  );
  const later404: ProblemItem[] = [];
  const later422: ProblemItem[] = [];
  const warnings: ProblemItem[] = [];
  const sort = (problems: readonly ProblemItem[]): void => {
    for (const p of problems) {
      if (p.severity !== 'error') warnings.push(p);
      else {
        const status = statusOf(p.code);
        if (status === 404) later404.push(p);
        else if (status === 422) later422.push(p);
        else bad.push(p);
      }
    }
  };

  if (b.preset !== undefined && b.criteriaSet !== undefined) {
    bad.push(
      item('SCHEMA_VIOLATION', '/criteriaSet', {
        vi: 'Chỉ được gửi một trong hai: preset hoặc criteriaSet.',
        en: 'Give either preset or criteriaSet, not both.',
      }),
    );
  } else if (b.preset === undefined && b.criteriaSet === undefined) {
    bad.push(item('SCHEMA_VIOLATION', '', { vi: 'Thiếu preset hoặc criteriaSet.', en: 'Give a preset or a criteriaSet.' }));
  }

  // Period and date: their shape is in the route schema; order and calendar are checked here.
  let period: Period | undefined;
  if (b.period !== undefined && !bad.some((p) => under(p.path, '/period'))) {
    try {
      period = parsePeriod(b.period as Period | string);
    } catch (e) {
      const en = e instanceof Error ? e.message : 'Invalid period.';
      bad.push(item('INVALID_PERIOD', '/period', { vi: 'Kỳ đánh giá không hợp lệ (YYYY-MM..YYYY-MM, bắt đầu trước khi kết thúc).', en }));
    }
  }
  const asOf = typeof b.asOf === 'string' ? b.asOf : undefined;
  if (asOf !== undefined && !bad.some((p) => under(p.path, '/asOf')) && !isCalendarDate(asOf)) {
    bad.push(item('INVALID_PERIOD', '/asOf', { vi: `Ngày ${asOf} không tồn tại.`, en: `${asOf} is not a calendar date.` }));
  }

  let dataset: Dataset | undefined;
  let teams = 0;
  if (dv !== undefined) {
    sort(rebase(dv.problems, '/dataset'));
    dataset = dv.dataset;
    teams = dataset?.teams.length ?? 0;
  }

  // An inline criteria set: schema and semantic checks against the registry; bases come from the catalog.
  let criteriaSet: CriteriaSet | ResolvedCriteriaSet | undefined;
  if (inlineSet) {
    const cv = validateCriteriaSet(b.criteriaSet, { registry: ctx.registry, resolveBase: ctx.catalog.resolveBase });
    // Core's evaluate reports the set's warnings itself; only errors are sorted here.
    sort(
      rebase(
        cv.problems.filter((p) => p.severity === 'error'),
        '/criteriaSet',
      ),
    );
    criteriaSet = cv.criteriaSet;
  }

  // Roll-up levels the dataset does not have (400, like a bad period): core's check, before evaluating.
  if (dataset !== undefined) sort(rollupLevelProblems(dataset, (b.options as EvaluationRequestOptions | undefined)?.rollup));

  if (bad.some(isError)) {
    const status = bad.filter(isError).every((p) => statusOf(p.code) === 413) ? 413 : 400;
    reject([...bad, ...warnings], status, 'SCHEMA_VIOLATION', 'Invalid request');
  }

  // 404: the preset (or a base set named by `extends`).
  if (typeof b.preset === 'string') {
    const ref = parsePresetRef(b.preset);
    const evalDate = asOf ?? (period === undefined ? undefined : resolveAsOf(period));
    try {
      // Without an explicit version, prefer the version in force on the evaluation date.
      const inForce = ref.version === undefined && evalDate !== undefined ? ctx.catalog.find(ref.id, { asOf: evalDate }) : undefined;
      criteriaSet = ctx.catalog.resolve(
        ref.id,
        ref.version !== undefined ? { version: ref.version } : inForce !== undefined ? { version: inForce.set.version } : {},
      );
    } catch (e) {
      if (!(e instanceof CnscdError)) throw e;
      if (e.code !== 'PRESET_NOT_FOUND') {
        // A local preset that the loaded plugins cannot run (checked at boot, so only after a plugin change).
        const p = item(e.code, '/preset', { vi: `Bộ tiêu chí mẫu "${b.preset}" không dùng được với các plugin đã nạp.`, en: e.message });
        reject([p, ...rebase(e.problems, '/preset')], ERROR_CODES[e.code].httpStatus, e.code, 'Unusable preset');
      }
      later404.unshift(
        presetNotFound(
          '/preset',
          ctx.catalog.list().map((s) => s.id),
        ),
      );
    }
  }
  if (later404.length > 0) reject(later404, 404, 'PRESET_NOT_FOUND', 'Not found');
  if (later422.length > 0) reject([...later422, ...warnings], 422, 'DATASET_INVALID', 'The dataset has integrity problems');

  if (dataset === undefined || criteriaSet === undefined || period === undefined) {
    // Unreachable when the route schema ran; the CLI and library callers get a clear 400.
    reject(
      [
        item('SCHEMA_VIOLATION', '', {
          vi: 'Thiếu dataset, bộ tiêu chí hoặc kỳ đánh giá.',
          en: 'A dataset, a criteria set and a period are required.',
        }),
      ],
      400,
      'SCHEMA_VIOLATION',
      'Invalid request',
    );
  }
  const o = (b.options ?? {}) as EvaluationRequestOptions;
  const options: EvaluationRequestOptions = {
    ...(o.explain === undefined ? {} : { explain: o.explain }),
    ...(o.rollup === undefined ? {} : { rollup: o.rollup }),
    ...(o.rollupAsOf === undefined ? {} : { rollupAsOf: o.rollupAsOf }),
    ...(o.engine === undefined ? {} : { engine: o.engine }),
  };
  const shape = (b.options as { shape?: ResultShape } | undefined)?.shape;
  return {
    dataset,
    criteriaSet,
    period,
    ...(asOf === undefined ? {} : { asOf }),
    options,
    warnings,
    teams,
    ...(shape === undefined ? {} : { shape }),
  };
}

/** How an answer is written: one JSON document, or NDJSON (`Accept: application/x-ndjson`). */
export type AnswerFormat = 'json' | 'ndjson';

/**
 * The text of a 200 answer: JSON in the shape asked for (full unless `compact`), or NDJSON lines (compact
 * unless `full`). Shared by the route and the worker that takes whole bodies, so both answer alike.
 *
 * @example
 * ```ts
 * reply.type('application/x-ndjson').send(answerText(result, 'ndjson', prepared.shape));
 * ```
 */
/**
 * The same text as {@link answerText}, in chunks of about `chunk` characters made one after the other, so
 * that a national answer (hundreds of MB) is never one string: the worker encodes each chunk as it comes.
 * A compact answer's subjects are made one at a time too.
 *
 * @example
 * ```ts
 * const parts = [...answerChunks(result, 'json', undefined)].map((text) => encoder.encode(text));
 * ```
 */
export function* answerChunks(
  result: EvaluationResult,
  format: AnswerFormat,
  shape: ResultShape | undefined,
  chunk = 1 << 20,
): Generator<string, void, undefined> {
  if (format === 'ndjson') {
    let parts: string[] = [];
    let size = 0;
    for (const line of resultLines(result, shape ?? 'compact')) {
      parts.push(line);
      size += line.length;
      if (size < chunk) continue;
      yield parts.join('');
      parts = [];
      size = 0;
    }
    if (parts.length > 0) yield parts.join('');
    return;
  }
  if (shape !== 'compact') {
    yield* jsonChunks(result, 'plain', chunk);
    return;
  }
  const { head, subject } = compactParts(result);
  yield* jsonChunks({ ...head, subjects: new LazyArray(result.subjects.length, subject) }, 'plain', chunk);
}

export function answerText(result: EvaluationResult, format: AnswerFormat, shape: ResultShape | undefined): string {
  if (format === 'ndjson') return [...resultLines(result, shape ?? 'compact')].join('');
  return JSON.stringify(shape === 'compact' ? compactResult(result) : result);
}

/**
 * The request with the server's default for explanations applied: explanations are most of an answer
 * (1,000 teams: 7.5 MB with them, 2.9 MB without), so a dataset of more than `explainMaxTeams` teams that
 * did not ask gets each criterion's status and points only; `explain: true` still gets them all.
 * `omitted` tells the route to say so (`x-explanations: omitted`).
 *
 * @example
 * ```ts
 * const { prepared: run, omitted } = withExplainDefault(prepared, 100);
 * if (omitted) reply.header('x-explanations', 'omitted');
 * ```
 */
export function withExplainDefault(
  prepared: PreparedEvaluation,
  explainMaxTeams: number,
): { readonly prepared: PreparedEvaluation; readonly omitted: boolean } {
  if (prepared.options.explain !== undefined || prepared.teams <= explainMaxTeams) return { prepared, omitted: false };
  return { prepared: { ...prepared, options: { ...prepared.options, explain: false } }, omitted: true };
}

const PREFIX_OF: Partial<Record<string, string>> = {
  DATASET_INVALID: '/dataset',
  CRITERIA_SET_INVALID: '/criteriaSet',
};

/** Turn a CnscdError thrown by core into an HttpProblem with pointers into the body. */
export function problemFromCore(e: CnscdError): HttpProblem {
  const problems: ProblemItem[] =
    e.code === 'INVALID_PERIOD'
      ? [item('INVALID_PERIOD', '/period', { vi: 'Kỳ đánh giá hoặc ngày đánh giá không hợp lệ.', en: e.message })]
      : rebase(e.problems as Problem[], PREFIX_OF[e.code] ?? '');
  return new HttpProblem(e.code, e.message, problems, { status: e.httpStatus });
}

/**
 * Evaluators by criteria-set object: the catalog hands out the same resolved object for every request on
 * a preset, so its validation and compilation happen once, not per request. Inline sets are new objects
 * each time and are simply collected with their request.
 */
const evaluators = new WeakMap<ScoringContext, WeakMap<object, Evaluator>>();

function evaluatorFor(ctx: ScoringContext, set: CriteriaSet | ResolvedCriteriaSet): Evaluator {
  let byCtx = evaluators.get(ctx);
  if (byCtx === undefined) evaluators.set(ctx, (byCtx = new WeakMap()));
  let ev = byCtx.get(set);
  if (ev === undefined) {
    ev = createEvaluator(set, { registry: ctx.registry, resolveBase: ctx.catalog.resolveBase });
    byCtx.set(set, ev);
  }
  return ev;
}

/**
 * Evaluate a prepared request (in this thread). Dataset warnings are added to the result's problems.
 *
 * @example
 * ```ts
 * const result = await runEvaluation(ctx, prepareEvaluation(ctx, body));
 * ```
 */
export async function runEvaluation(ctx: ScoringContext, prepared: PreparedEvaluation): Promise<EvaluationResult> {
  let result: EvaluationResult;
  try {
    result = await evaluatorFor(ctx, prepared.criteriaSet).evaluate(prepared.dataset, {
      period: prepared.period,
      ...(prepared.asOf === undefined ? {} : { asOf: prepared.asOf }),
      ...prepared.options,
      validate: false, // prepareEvaluation validated it; its warnings are added below
    });
  } catch (e) {
    if (e instanceof CnscdError) throw problemFromCore(e);
    throw e;
  }
  return prepared.warnings.length === 0 ? result : { ...result, problems: [...(prepared.warnings as Problem[]), ...result.problems] };
}
