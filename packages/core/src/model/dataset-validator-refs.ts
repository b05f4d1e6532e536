/**
 * What the dataset's precompiled validators are made of (read by `scripts/gen-validators.ts`, which writes
 * `src/generated/dataset-validators.js`, and by `schema-check.ts`, which runs them): the schema with its
 * large arrays taken as they are, and the definitions their records and cells are checked against.
 */
import { DATASET_LIMITS, datasetSchema } from './dataset-schema.js';

/** Root arrays whose records are checked one at a time, with the definition of a record and the bound. */
export const RECORD_ARRAYS = [
  ['orgUnits', 'orgUnit', DATASET_LIMITS.orgUnits],
  ['teams', 'team', DATASET_LIMITS.teams],
  ['reports', 'activityReport', DATASET_LIMITS.reports],
  ['indicators', 'areaIndicator', DATASET_LIMITS.indicators],
] as const;
/** Columns of `reportColumns` whose cells are checked one at a time. */
export const COLUMNS = ['teamId', 'month', 'memberId'] as const;

const FULL_ID = datasetSchema.$id;
const SHALLOW_ID = 'https://cnscd.dev/schemas/dataset-root.schema.json';

/**
 * The validators `scripts/gen-validators.ts` precompiles (ajv standalone code in `src/generated/`, so
 * that no code is generated at run time): name → the schema compiled (an `$id` and a JSON pointer).
 */
export const DATASET_VALIDATOR_REFS: Readonly<Record<string, string>> = {
  root: SHALLOW_ID,
  ...Object.fromEntries(RECORD_ARRAYS.map(([key, def]) => [key, `${FULL_ID}#/$defs/${def}`])),
  ...Object.fromEntries(COLUMNS.map((key) => [key, `${FULL_ID}#/$defs/reportColumns/properties/${key}/items`])),
  metricCell: `${FULL_ID}#/$defs/reportColumns/properties/metrics/additionalProperties/items`,
};

/**
 * The dataset schema with the record arrays' and columns' items accepted as they are (`items: true`).
 * Built by copying only the objects on the way to what changes, so every other sub-schema is the very
 * object of `datasetSchema`.
 */
export function shallowDatasetSchema(): object {
  const properties: Record<string, unknown> = { ...datasetSchema.properties };
  for (const [key] of RECORD_ARRAYS) properties[key] = { ...datasetSchema.properties[key], items: true };
  const columns = datasetSchema.$defs.reportColumns;
  const columnProps: Record<string, unknown> = { ...columns.properties };
  for (const key of COLUMNS) columnProps[key] = { ...columns.properties[key], items: true };
  const metrics = columns.properties.metrics;
  columnProps.metrics = { ...metrics, additionalProperties: { ...metrics.additionalProperties, items: true } };
  return {
    ...datasetSchema,
    $id: SHALLOW_ID,
    properties,
    $defs: { ...datasetSchema.$defs, reportColumns: { ...columns, properties: columnProps } },
  };
}
