/**
 * Pass 2 of dataset validation, the shape: the JSON Schema's errors as problems (through the shared
 * translator, `problems/ajv.ts`), and the bounds of `reportColumns` the schema cannot express.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { pointerSegment, problem, type Problem } from '../../errors.js';
import { DATASET_LIMITS } from '../../model/dataset-schema.js';
import type { Dataset } from '../../model/types.js';
import { render } from '../../messages/define.js';
import { DATASET_MESSAGES } from '../../messages/problems-dataset.js';
import { describeAjvError } from '../../problems/ajv.js';
import { MAX_SCHEMA_PROBLEMS, schemaStoppedProblem } from '../../problems/cap.js';
import { forEachSchemaError } from './schema-check.js';

/**
 * COLUMN_LENGTH_MISMATCH problems of a `reportColumns` the schema accepts: each column that has not as
 * many values as `teamId`. Such columns cannot be read as rows, so the dataset is not checked further.
 */
export function columnLengthProblems(columns: Dataset['reportColumns']): Problem[] {
  if (columns === undefined) return [];
  const rows = columns.teamId.length;
  const out: Problem[] = [];
  const check = (path: string, length: number): void => {
    if (length === rows) return;
    out.push(problem('COLUMN_LENGTH_MISMATCH', path, render(DATASET_MESSAGES, 'columnLength', { length, rows }), { length, rows }));
  };
  check('/reportColumns/month', columns.month.length);
  if (columns.memberId !== undefined) check('/reportColumns/memberId', columns.memberId.length);
  for (const id of Object.keys(columns.metrics)) check(`/reportColumns/metrics/${pointerSegment(id)}`, columns.metrics[id]!.length);
  return out;
}

/**
 * INPUT_TOO_LARGE when `reports` and `reportColumns` hold more rows together than one of them may hold
 * alone ({@link DATASET_LIMITS}.reports): the schema bounds each form, and the index holds every row of
 * both. Pointed at the columns' `teamId`, whose rows count after the objects.
 */
export function reportRowsProblem(dataset: Dataset): Problem | undefined {
  const objects = dataset.reports?.length ?? 0;
  const rows = objects + (dataset.reportColumns?.teamId.length ?? 0);
  if (rows <= DATASET_LIMITS.reports) return undefined;
  const limit = DATASET_LIMITS.reports;
  return problem('INPUT_TOO_LARGE', '/reportColumns/teamId', render(DATASET_MESSAGES, 'tooManyReportRows', { rows, limit }), {
    limit,
    rows,
    reports: objects,
  });
}

// ── pass 2: JSON Schema ──────────────────────────────────────────────────────
/**
 * The schema's problems, in linear time (see `schema-check.ts`): one per location, none where the scan
 * already reported, at most {@link MAX_SCHEMA_PROBLEMS}. When there would be more, the schema stops and
 * the last one listed says so, so that nothing is dropped silently.
 */
export function schemaProblems(input: unknown, scanPaths: ReadonlySet<string>): { readonly matches: boolean; readonly problems: Problem[] } {
  const out: Problem[] = [];
  const seen = new Set<string>();
  let stopped = false;
  const matches = forEachSchemaError(input, (error) => {
    const p = schemaProblem(error);
    if (p === undefined || seen.has(p.path) || coveredBy(p.path, scanPaths)) return true;
    if (out.length === MAX_SCHEMA_PROBLEMS - 1) {
      stopped = true;
      return false;
    }
    // One problem per location: '' fails both minLength and pattern, and the first says it best.
    seen.add(p.path);
    out.push(p);
    return true;
  });
  if (stopped) {
    const listed = MAX_SCHEMA_PROBLEMS - 1;
    out.push(schemaStoppedProblem(listed));
  }
  return { matches, problems: out };
}

/** True when the scan already reported this path or one above it (e.g. a member's `name`). */
function coveredBy(path: string, scanPaths: ReadonlySet<string>): boolean {
  if (scanPaths.size === 0) return false;
  for (let end = path.length; end > 0; end = path.lastIndexOf('/', end - 1)) {
    if (scanPaths.has(path.slice(0, end))) return true;
  }
  return false;
}

/**
 * An ajv error as a problem: the path and message from the shared translator; the code and the params
 * this validator publishes (count bounds are INPUT_TOO_LARGE, HTTP 413; a repeated item is pointed at).
 */
function schemaProblem(error: ErrorObject): Problem | undefined {
  if (error.keyword === 'propertyNames') return undefined; // reported through the inner error, at the key
  const params = error.params as Record<string, unknown>;
  const d = describeAjvError(error);
  const violation = (extra?: Record<string, unknown>, path = d.path): Problem =>
    problem('SCHEMA_VIOLATION', path, d.message, { keyword: error.keyword, ...extra });
  if (error.propertyName !== undefined) return violation();
  switch (error.keyword) {
    case 'required':
      return violation({ property: String(params.missingProperty) });
    case 'additionalProperties': {
      const extra = { property: String(params.additionalProperty), allowed: d.allowedFields ?? [] };
      return violation(d.suggestion === undefined ? extra : { ...extra, suggestion: d.suggestion });
    }
    case 'type':
      return violation({ expected: params.type });
    case 'pattern':
      return violation({ pattern: String(params.pattern) });
    case 'enum': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [];
      return violation(d.suggestion === undefined ? { allowed } : { allowed, suggestion: d.suggestion });
    }
    case 'minimum':
    case 'maximum':
    case 'minLength':
    case 'maxLength':
      return violation({ limit: params.limit });
    case 'maxItems':
    case 'maxProperties':
      return problem('INPUT_TOO_LARGE', d.path, d.message, { limit: params.limit });
    case 'uniqueItems': {
      const { first, second } = d.repeated!;
      return violation({ firstPath: `${error.instancePath}/${first}` }, `${error.instancePath}/${second}`);
    }
    default:
      return violation();
  }
}
