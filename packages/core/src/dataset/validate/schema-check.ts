/**
 * The dataset JSON Schema, run in pieces so that the work is linear in the input and stops early.
 *
 * One ajv validator over the whole document is quadratic when many records are wrong: with `allErrors`,
 * each record whose `$ref`'d definition fails appends its errors with `vErrors.concat(…)`, copying every
 * error found so far. 40,000 teams without `establishedOn` took 8.7 s, and a 10 MB body 312 s.
 *
 * So the root is checked with its four large arrays (`orgUnits`, `teams`, `reports`, `indicators`) and the
 * columns of `reportColumns` treated as opaque arrays (their `type` and `maxItems` still checked), and each
 * record or cell is then checked on its own by the validator of its definition, in document order. The
 * caller sees errors one at a time and may stop: a dataset whose 150,000 teams are all wrong is judged on
 * its first few. An array longer than its `maxItems` is not looked into: the root reports the bound.
 *
 * The errors are those of the one-validator run, with the same `instancePath`s and keywords; only their
 * order differs (by root property in schema order, then record by record) and they stop when asked to.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { pointerSegment } from '../../errors.js';
import { createDatasetValidators } from '../../generated/dataset-validators.js';
import { DATASET_LIMITS, datasetSchema } from '../../model/dataset-schema.js';
import { COLUMNS, RECORD_ARRAYS, shallowDatasetSchema } from '../../model/dataset-validator-refs.js';

interface Validators {
  /** The schema with the record arrays' and columns' items accepted as they are. */
  readonly root: ValidateFunction;
  readonly records: ReadonlyMap<string, ValidateFunction>;
  readonly columns: ReadonlyMap<string, ValidateFunction>;
  readonly metricCell: ValidateFunction;
}

let compiled: Validators | undefined;

function validators(): Validators {
  if (compiled !== undefined) return compiled;
  // Precompiled: the ajv options and the linear error gathering (problems/ajv-linear.ts) are applied by
  // scripts/gen-validators.ts.
  const v: Readonly<Record<string, ValidateFunction>> = createDatasetValidators({ full: datasetSchema, shallow: shallowDatasetSchema() });
  const at = (name: string): ValidateFunction => {
    const f = v[name];
    if (f === undefined) throw new Error(`no precompiled dataset validator ${name}: run npm run validators -w @cnscd/core`);
    return f;
  };
  compiled = {
    root: at('root'),
    records: new Map(RECORD_ARRAYS.map(([key]) => [key, at(key)])),
    columns: new Map(COLUMNS.map((key) => [key, at(key)])),
    metricCell: at('metricCell'),
  };
  return compiled;
}

/**
 * Whether the root of a dataset, with its large arrays and columns taken as they are, matches the schema.
 * For a document whose large arrays and columns are empty this is the whole schema's answer.
 */
export function rootMatchesSchema(input: unknown): boolean {
  return validators().root(input) as boolean;
}

/** Called with each schema error in turn; answer `false` to stop. */
export type SchemaErrorVisitor = (error: ErrorObject) => boolean;

/**
 * Run the dataset schema over `input`, handing each error to `visit` until it answers false. Answers
 * whether the input matches the schema (false as soon as there is an error, even if the visit stopped).
 *
 * @example
 * ```ts
 * const errors: ErrorObject[] = [];
 * const matches = forEachSchemaError(input, (e) => errors.push(e) < 100);
 * ```
 */
export function forEachSchemaError(input: unknown, visit: SchemaErrorVisitor): boolean {
  const v = validators();
  const rootOk = v.root(input) as boolean;
  const rootErrors: readonly ErrorObject[] = rootOk ? [] : (v.root.errors ?? []);
  let matches = rootOk;
  let going = true;

  const emit = (e: ErrorObject): void => {
    matches = false;
    if (going) going = visit(e);
  };
  /** Check each element of `items` with `check`, its errors rebased under `prefix/i`. */
  const eachItem = (items: readonly unknown[], prefix: string, check: ValidateFunction): void => {
    for (let i = 0; i < items.length && going; i++) {
      if (check(items[i])) continue;
      const at = `${prefix}/${i}`;
      for (const e of check.errors ?? []) {
        emit({ ...e, instancePath: at + e.instancePath });
        if (!going) return;
      }
    }
  };

  // The root's own errors ('' paths: type, required, additionalProperties) first, then property by
  // property in schema order, each property's records right after the errors about the property itself.
  const own = rootErrors.filter((e) => e.instancePath === '');
  const byProperty = rootErrors.filter((e) => e.instancePath !== '').sort((a, b) => propertyRank(a.instancePath) - propertyRank(b.instancePath));
  for (const e of own) emit(e);
  const record = isPlainRecord(input) ? input : undefined;
  let r = 0;
  for (const key of PROPERTY_ORDER) {
    while (r < byProperty.length && going && topKey(byProperty[r]!.instancePath) === key) emit(byProperty[r++]!);
    if (record === undefined || !going) continue;
    const value = record[key];
    const spec = RECORD_ARRAYS.find(([k]) => k === key);
    if (spec !== undefined) {
      if (Array.isArray(value) && value.length <= spec[2]) eachItem(value, `/${key}`, v.records.get(key)!);
    } else if (key === 'reportColumns' && isPlainRecord(value)) {
      for (const column of COLUMNS) {
        const cells = value[column];
        if (Array.isArray(cells) && cells.length <= DATASET_LIMITS.reports) eachItem(cells, `/reportColumns/${column}`, v.columns.get(column)!);
      }
      const metrics = value.metrics;
      if (isPlainRecord(metrics) && Object.keys(metrics).length <= DATASET_LIMITS.metricsPerRow) {
        // for…in, as ajv's own code reads a map's keys (inherited ones included).
        for (const id in metrics) {
          const cells = metrics[id];
          if (Array.isArray(cells) && cells.length <= DATASET_LIMITS.reports) {
            eachItem(cells, `/reportColumns/metrics/${pointerSegment(id)}`, v.metricCell);
          }
        }
      }
    }
  }
  // Errors under properties the schema does not declare are reported at '' (additionalProperties) above.
  while (r < byProperty.length && going) emit(byProperty[r++]!);
  return matches;
}

const PROPERTY_ORDER: readonly string[] = Object.keys(datasetSchema.properties);
const RANK: ReadonlyMap<string, number> = new Map(PROPERTY_ORDER.map((k, i) => [k, i]));

function topKey(path: string): string {
  const end = path.indexOf('/', 1);
  const segment = end < 0 ? path.slice(1) : path.slice(1, end);
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function propertyRank(path: string): number {
  return RANK.get(topKey(path)) ?? PROPERTY_ORDER.length;
}

const isPlainRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
