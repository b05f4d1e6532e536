import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { criteriaSetSchema } from '../src/criteria/schema.js';
import { linearAjvErrors } from '../src/problems/ajv-linear.js';
import { datasetSchema } from '../src/model/dataset-schema.js';
import { smallDataset } from './dataset-fixtures.js';

/**
 * `linearAjvErrors` rewrites ajv's generated code so that errors of `$ref`'d schemas are pushed, not
 * copied with concat: the same errors in the same order, in linear time.
 */
function pair(schema: object): { plain: ValidateFunction; linear: ValidateFunction; code: string[] } {
  const code: string[] = [];
  const options = { allErrors: true, strict: false, allowUnionTypes: true, verbose: true };
  const plain = new Ajv2020(options).compile(schema);
  const linear = new Ajv2020({
    ...options,
    code: {
      process: (c: string) => {
        const out = linearAjvErrors(c);
        code.push(out);
        return out;
      },
    },
  }).compile(schema);
  return { plain, linear, code };
}

const strip = (errors: ValidateFunction['errors']) =>
  (errors ?? []).map(({ instancePath, schemaPath, keyword, params }) => ({ instancePath, schemaPath, keyword, params }));

describe('linearAjvErrors', () => {
  it('leaves no copy of the error array in the generated code', () => {
    for (const schema of [criteriaSetSchema, datasetSchema]) {
      const { code } = pair(schema);
      expect(code.join('\n')).toContain('vErrors.push(');
      expect(code.join('\n')).not.toContain('vErrors.concat(');
    }
  });

  it('gives the same errors in the same order, on criteria sets and datasets with many faults', () => {
    const leaf = (k: number) => ({ fact: `f${k}`, operator: k % 2 === 0 ? 'equal' : 7, value: k % 3 === 0 ? { param: 5 } : 'x', extra: k });
    const sets = [
      {
        id: 'x',
        version: '1',
        criteria: Array.from({ length: 30 }, (_, i) => ({
          id: `c${i}`,
          title: i,
          when: { all: [leaf(i), { any: [leaf(i + 1), { not: leaf(i + 2) }] }] },
        })),
      },
      { id: 1, criteria: 'none' },
      {},
    ];
    const sets2 = pair(criteriaSetSchema);
    for (const doc of sets) {
      expect(sets2.linear(doc)).toBe(sets2.plain(doc));
      expect(strip(sets2.linear.errors)).toEqual(strip(sets2.plain.errors));
    }
    const data = pair(datasetSchema);
    const d: any = smallDataset();
    for (const team of d.teams) {
      delete team.establishedOn;
      team.onlineGroup = 'true';
      for (const m of team.members ?? []) m.role = 'boss';
    }
    for (const r of d.reports) r.month = '2025-13';
    expect(data.linear(d)).toBe(false);
    expect(data.plain(d)).toBe(false);
    expect(strip(data.linear.errors).length).toBeGreaterThan(10);
    expect(strip(data.linear.errors)).toEqual(strip(data.plain.errors));
  });
});
