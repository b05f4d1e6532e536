/**
 * Scorecards (HTML, XLSX) of an evaluation, for the CLI's `--format html|xlsx` and the API's `Accept`
 * negotiation: what the result does not carry (the preset's description and sources, the dataset's level
 * labels, the rating cut-offs) is taken from the prepared evaluation.
 */
import { renderScorecardHtml, renderScorecardXlsx, type ScorecardOptions } from '@cnscd/scorecards';
import type { EvaluationResult } from '@cnscd/core';
import type { PreparedEvaluation } from './pipeline.js';

/** The XLSX media type. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A scorecard asked for: its format, language and the unit whose teams get cards. */
export interface ScorecardRequest {
  readonly format: 'html' | 'xlsx';
  readonly lang: 'vi' | 'en';
  readonly unit?: string | undefined;
}

/** Without `options.explain`, scorecards explain (give each criterion's reason) up to this many teams. */
export const SCORECARD_EXPLAIN_MAX_TEAMS = 5_000;

/**
 * The renderers' options from a prepared evaluation.
 *
 * @example
 * ```ts
 * renderScorecardHtml(result, scorecardOptions(prepared, { format: 'html', lang: 'vi' }));
 * ```
 */
export function scorecardOptions(
  prepared: Pick<PreparedEvaluation, 'criteriaSet' | 'dataset'>,
  request: Omit<ScorecardRequest, 'format'>,
): ScorecardOptions {
  const set = prepared.criteriaSet;
  return {
    lang: request.lang,
    preset: { description: set.description, sources: set.sources },
    ...(prepared.dataset.levels === undefined ? {} : { levels: prepared.dataset.levels }),
    ...(set.ratings === undefined ? {} : { ratings: set.ratings }),
    ...(request.unit === undefined ? {} : { unit: request.unit }),
  };
}

/**
 * Render the scorecard: UTF-8 HTML or the workbook's bytes.
 *
 * @example
 * ```ts
 * const bytes = await renderScorecard(result, prepared, { format: 'xlsx', lang: 'vi' });
 * ```
 */
export async function renderScorecard(
  result: EvaluationResult,
  prepared: Pick<PreparedEvaluation, 'criteriaSet' | 'dataset'>,
  request: ScorecardRequest,
): Promise<Uint8Array> {
  const options = scorecardOptions(prepared, request);
  if (request.format === 'xlsx') return renderScorecardXlsx(result, options);
  return new TextEncoder().encode(renderScorecardHtml(result, options));
}

/**
 * The answer's format from an `Accept` header: `html`, `xlsx`, or undefined for JSON. The highest
 * q-value wins; on a tie JSON first (API clients that send `*\/*` keep JSON), then HTML.
 *
 * @example
 * ```ts
 * acceptedScorecard('text/html,application/xhtml+xml;q=0.9,*\/*;q=0.8'); // 'html'
 * ```
 */
export function acceptedScorecard(accept: string | undefined): 'html' | 'xlsx' | undefined {
  if (accept === undefined || accept === '') return undefined;
  const q = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qp === undefined ? 1 : Number(qp.slice(2));
    if (type !== undefined && Number.isFinite(value)) q.set(type.trim(), Math.max(q.get(type.trim()) ?? 0, value));
  }
  const json = Math.max(q.get('application/json') ?? 0, q.get('*/*') ?? 0, q.get('application/*') ?? 0);
  const html = q.get('text/html') ?? 0;
  const xlsx = q.get(XLSX_TYPE) ?? 0;
  if (xlsx > 0 && xlsx > json && xlsx >= html) return 'xlsx';
  if (html > 0 && html > json) return 'html';
  return undefined;
}
