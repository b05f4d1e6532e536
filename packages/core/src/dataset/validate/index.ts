/**
 * Dataset validation in three passes, one file (or folder) each here, all reporting {@link Problem}s as data:
 *
 * 1. a safety scan of the raw input (`scan.ts`), iterative so that no nesting depth can overflow the stack: depth,
 *    forbidden keys (`__proto__`…) and personal data (names, phone numbers, ID numbers);
 * 2. the JSON Schema (`dataset-schema.ts`), run in pieces by `schema-check.ts` (`shape.ts` words its errors), its errors worded in Vietnamese and English;
 * 3. integrity across records (ids, references, cycles, levels, metrics, dates, duplicates), in single
 *    passes over Maps and typed arrays.
 *
 * Pass 2 is skipped when pass 1 finds the input unsafe; pass 3 runs only on a document that matches the
 * schema, so it can trust every type.
 *
 * Most documents are clean, and for them passes 1 and 2 are replaced by a proof made during pass 3 (`fast-path.ts`): the integrity pass checks each record of the large arrays against the schema by
 * hand as it reads it, and only when that proof fails do the three passes run in turn and explain what
 * is wrong. The answer is the same either way; the tests compare the two paths on thousands of mutated
 * datasets. A national dataset (75k teams, 350k members, 700k reports) then takes about 1 s of CPU on a
 * loaded 2-core machine instead of 3.3 s, most of it reading each object once (metric maps come in tens
 * of thousands of shapes, so each costs a few cache misses however it is read).
 */
import { redactPersonalNumbers } from '../../model/personal-data.js';
import type { Dataset, MetricDefinition, RatioDefinition } from '../../model/types.js';
import type { Problem } from '../../errors.js';
import { ProblemCollector, listProblems } from '../../problems/cap.js';
import { rootIsClean } from './fast-path.js';
import { checkIntegrity } from './integrity/index.js';
import { scanInput } from './scan.js';
import { columnLengthProblems, reportRowsProblem, schemaProblems } from './shape.js';

/** The outcome of {@link validateDataset}. */
export interface DatasetValidation {
  /** True when no problem has severity `error` (warnings may remain). */
  readonly valid: boolean;
  /** Every problem found, sorted by path, then code. */
  readonly problems: readonly Problem[];
  /** The input, typed, when it matches the schema, even if integrity errors were found. */
  readonly dataset?: Dataset;
}

/** Metrics and ratios contributed by plugins, on top of the built-in catalog. */
export interface DatasetValidationOptions {
  readonly metrics?: readonly MetricDefinition[];
  readonly ratios?: readonly RatioDefinition[];
}

export { MAX_DATASET_DEPTH } from './scan.js';
/** Re-exported from `problems/cap.ts`, where the capping rule lives. */
export { MAX_PROBLEMS_PER_CODE, MAX_SCHEMA_PROBLEMS, ProblemCollector, comparePaths, listProblems } from '../../problems/cap.js';

/**
 * Validate a dataset: the JSON Schema, then the integrity of references, hierarchy, metrics and dates.
 * Every problem is reported at once, each with a JSON pointer and a Vietnamese and English message.
 *
 * `options.metrics` / `options.ratios` are those added by plugins; the built-in catalog and the
 * dataset's own `metrics` / `ratios` are always known.
 *
 * @example
 * ```ts
 * const { valid, problems, dataset } = validateDataset(JSON.parse(body));
 * if (!valid) return reply.code(422).send({ problems });
 * // dataset is typed as Dataset here (warnings, if any, are in problems)
 * ```
 */
export function validateDataset(input: unknown, options: DatasetValidationOptions = {}): DatasetValidation {
  return validateFast(input, options) ?? validateSlow(input, options);
}

/**
 * The answer of {@link validateSlow}, when the input can be proven to pass the scan and the schema while
 * the integrity pass runs (see "fast path" below); undefined when it cannot, and the caller must ask
 * {@link validateSlow}. @internal exported for the differential tests, not part of the public API.
 */
export function validateFast(input: unknown, options: DatasetValidationOptions): DatasetValidation | undefined {
  if (!rootIsClean(input)) return undefined;
  const collected = new ProblemCollector([]);
  // Gives up, its problems meaningless, at the first record it cannot prove.
  if (!checkIntegrity(input as unknown as Dataset, options, collected, true)) return undefined;
  return finish(collected.problems, input as unknown as Dataset, collected.omitted);
}

/** The three passes in turn. @internal exported for the differential tests, not part of the public API. */
export function validateSlow(input: unknown, options: DatasetValidationOptions): DatasetValidation {
  const scan = scanInput(input);
  if (scan.unsafe) return finish(scan.problems, undefined);

  const problems = scan.problems;
  const schema = schemaProblems(input, new Set(problems.map((p) => p.path)));
  if (!schema.matches) {
    problems.push(...schema.problems);
    return finish(problems, undefined);
  }
  const dataset = input as Dataset;
  const lengths = columnLengthProblems(dataset.reportColumns);
  if (lengths.length > 0) {
    problems.push(...lengths);
    return finish(problems, undefined);
  }
  const tooMany = reportRowsProblem(dataset);
  if (tooMany !== undefined) {
    problems.push(tooMany);
    return finish(problems, undefined);
  }
  const collected = new ProblemCollector(problems);
  checkIntegrity(dataset, options, collected, false);
  return finish(collected.problems, dataset, collected.omitted);
}

const NONE_OMITTED: ReadonlyMap<string, number> = new Map();

function finish(problems: Problem[], dataset: Dataset | undefined, omitted = NONE_OMITTED): DatasetValidation {
  const sorted = listProblems(problems, omitted).map(withoutPersonalNumbers);
  const valid = !sorted.some((p) => p.severity === 'error');
  return dataset === undefined ? { valid, problems: sorted } : { valid, problems: sorted, dataset };
}

/**
 * The problem with every phone or citizen ID number in its path, messages and string params masked: many
 * messages quote an id or a name, and a value that holds such a number (reported on its own as
 * PERSONAL_DATA_VALUE) must not be echoed by them.
 */
function withoutPersonalNumbers(p: Problem): Problem {
  // The same value back when nothing in it is masked, so an unchanged param is recognised by identity.
  const mask = (value: unknown): unknown => {
    if (typeof value === 'string') return redactPersonalNumbers(value);
    if (!Array.isArray(value)) return value;
    const masked = value.map(mask);
    return masked.some((v, i) => v !== value[i]) ? masked : value;
  };
  const vi = redactPersonalNumbers(p.message.vi);
  const en = redactPersonalNumbers(p.message.en);
  let params = p.params;
  for (const [key, value] of Object.entries(params ?? {})) {
    const masked = mask(value);
    if (masked !== value) params = { ...params, [key]: masked };
  }
  // A key that holds a number is part of the pointers to it: those are masked too.
  const path = redactPersonalNumbers(p.path);
  if (vi === p.message.vi && en === p.message.en && params === p.params && path === p.path) return p;
  return { ...p, path, message: { vi, en }, ...(params === undefined ? {} : { params }) };
}
