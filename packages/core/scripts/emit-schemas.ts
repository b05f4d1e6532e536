/**
 * Writes the JSON Schemas of the wire formats to `packages/core/schemas/`, from the `as const` objects
 * in `src/`, so that editors and other languages can use them. The files are committed;
 * `test/dataset-schema.test.ts` fails when one is stale.
 *
 * Run: `node --conditions=source --import tsx packages/core/scripts/emit-schemas.ts`
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { criteriaSetSchema } from '../src/criteria/schema.js';
import { datasetSchema } from '../src/model/dataset-schema.js';

/** One generated file: its name under `schemas/` and the schema it is made from. */
export interface SchemaFile {
  readonly file: string;
  readonly schema: object;
}

/** Every schema the package publishes; add new wire formats here. */
export const SCHEMA_FILES: readonly SchemaFile[] = [
  { file: 'dataset.schema.json', schema: datasetSchema },
  { file: 'criteria-set.schema.json', schema: criteriaSetSchema },
];

/** The directory the files are written to. */
export const SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));

/**
 * The exact text written for a schema: pretty JSON with a trailing newline.
 *
 * @example
 * ```ts
 * renderSchema({ type: 'object' }); // '{\n  "type": "object"\n}\n'
 * ```
 */
export function renderSchema(schema: object): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/**
 * Write every file in {@link SCHEMA_FILES} to `dir`; returns the paths written.
 *
 * @example
 * ```ts
 * emitSchemas(); // ['/…/packages/core/schemas/dataset.schema.json']
 * ```
 */
export function emitSchemas(dir: string = SCHEMAS_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  return SCHEMA_FILES.map(({ file, schema }) => {
    const path = join(dir, file);
    writeFileSync(path, renderSchema(schema));
    return path;
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const path of emitSchemas()) console.log(`wrote ${path}`);
}
