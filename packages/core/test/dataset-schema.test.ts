import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { SCHEMAS_DIR, SCHEMA_FILES, renderSchema } from '../scripts/emit-schemas.js';
import { datasetSchema } from '../src/model/dataset-schema.js';

describe('generated schema files', () => {
  it.each(SCHEMA_FILES.map((f) => [f.file, f.schema] as const))(
    'schemas/%s matches the TypeScript source (run scripts/emit-schemas.ts if not)',
    (file, schema) => {
      expect(readFileSync(join(SCHEMAS_DIR, file), 'utf8')).toBe(renderSchema(schema));
    },
  );

  it('renders pretty JSON with a trailing newline', () => {
    expect(renderSchema({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });
});

describe('datasetSchema', () => {
  it('compiles in ajv strict mode (no unknown keywords, no typos)', () => {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    expect(() => ajv.compile(datasetSchema)).not.toThrow();
  });

  it('is identified and titled', () => {
    expect(datasetSchema.$id).toBe('https://cnscd.dev/schemas/dataset.schema.json');
    expect(datasetSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(datasetSchema.title.length).toBeGreaterThan(0);
  });

  // Walk every subschema once: closed objects, described properties, bounded arrays and strings.
  const subschemas: Array<[string, Record<string, unknown>]> = [];
  const queue: Array<[string, unknown]> = [['#', datasetSchema]];
  while (queue.length > 0) {
    const [where, node] = queue.shift()!;
    if (node === null || typeof node !== 'object' || Array.isArray(node)) continue;
    const schema = node as Record<string, unknown>;
    subschemas.push([where, schema]);
    for (const key of ['properties', '$defs'] as const) {
      for (const [name, child] of Object.entries((schema[key] as Record<string, unknown> | undefined) ?? {})) {
        queue.push([`${where}/${key}/${name}`, child]);
      }
    }
    for (const key of ['items', 'additionalProperties', 'propertyNames'] as const) queue.push([`${where}/${key}`, schema[key]]);
  }

  it('closes every object: additionalProperties false, or a value schema for metric maps and metric columns', () => {
    const objects = subschemas.filter(([, s]) => s.type === 'object');
    expect(objects.length).toBeGreaterThan(10);
    for (const [where, s] of objects) {
      if (where.endsWith('/metricValues')) {
        expect(s.additionalProperties, where).toEqual({ type: 'number' });
        expect(s.maxProperties, where).toBe(100);
      } else if (where.endsWith('/reportColumns/properties/metrics')) {
        // Metric id → a column of values.
        expect(s.additionalProperties, where).toEqual({ type: 'array', maxItems: 5_000_000, items: { type: ['number', 'null'] } });
        expect(s.maxProperties, where).toBe(100);
      } else {
        expect(s.additionalProperties, where).toBe(false);
      }
    }
  });

  it('describes every property and definition', () => {
    const described = subschemas.filter(([where]) => /\/(properties|\$defs)\/[^/]+$/.test(where));
    expect(described.length).toBeGreaterThan(50);
    for (const [where, s] of described) {
      expect(typeof s.description === 'string' && s.description.length > 0, where).toBe(true);
    }
  });

  it('bounds every array and every free string', () => {
    for (const [where, s] of subschemas) {
      if (s.type === 'array') expect(typeof s.maxItems, where).toBe('number');
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (types.includes('string')) {
        expect(typeof s.maxLength === 'number' || typeof s.pattern === 'string' || Array.isArray(s.enum), where).toBe(true);
      }
    }
  });
});
