import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CRITERIA_SET_LIMITS, criteriaSetSchema } from '../src/criteria/schema.js';
import { SCHEMAS_DIR, renderSchema } from '../scripts/emit-schemas.js';
import { edit, fullSet, minimalSet, passCriterion } from './criteria-fixtures.js';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const check = ajv.compile(criteriaSetSchema);

type Node = Record<string, unknown>;
/** Every subschema with its JSON pointer (the schema is small and shallow, recursion is fine here). */
function subschemas(node: unknown, path = ''): [string, Node][] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((n, i) => subschemas(n, `${path}/${i}`));
  const out: [string, Node][] = [[path, node as Node]];
  for (const [k, v] of Object.entries(node)) {
    if (k === 'enum' || k === 'const' || k === 'required') continue;
    out.push(...subschemas(v, `${path}/${k}`));
  }
  return out;
}
const defs = criteriaSetSchema.$defs as Record<string, Node>;
const resolveRef = (s: Node): Node => (typeof s.$ref === 'string' ? defs[s.$ref.replace('#/$defs/', '')]! : s);

describe('criteriaSetSchema', () => {
  it('is a valid draft 2020-12 schema with its public $id', () => {
    expect(ajv.validateSchema(criteriaSetSchema)).toBe(true);
    expect(criteriaSetSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(criteriaSetSchema.$id).toBe('https://cnscd.dev/schemas/criteria-set.schema.json');
  });

  it('closes every object with fixed properties', () => {
    const open = subschemas(criteriaSetSchema).filter(([, s]) => s.properties !== undefined && s.additionalProperties !== false);
    expect(open.map(([p]) => p)).toEqual([]);
  });

  it('describes every property (English with the Vietnamese term)', () => {
    const missing: string[] = [];
    for (const [path, s] of subschemas(criteriaSetSchema)) {
      for (const [name, prop] of Object.entries((s.properties ?? {}) as Record<string, Node>)) {
        const described = typeof prop.description === 'string' ? prop.description : resolveRef(prop).description;
        if (typeof described !== 'string' || described.length === 0) missing.push(`${path}/properties/${name}`);
      }
    }
    expect(missing).toEqual([]);
    // "… (Vietnamese term) …": a parenthesis holding a non-ASCII letter.
    const untranslated = subschemas(criteriaSetSchema)
      .filter(([, n]) => typeof n.description === 'string' && !/\([^)]*\P{ASCII}[^)]*\)/u.test(n.description))
      .map(([p]) => p);
    expect(untranslated).toEqual([]);
  });

  it('accepts the fixtures and the example of the CriteriaSet docs', () => {
    expect(check(minimalSet())).toBe(true);
    expect(check(fullSet())).toBe(true);
    const example = {
      $schema: 'https://cnscd.dev/schemas/criteria-set.schema.json',
      id: 'demo',
      version: '1.0.0',
      title: { vi: 'Thử', en: 'Demo' },
      sources: [{ number: '793/BTTTT-THH', date: '2022-03-05' }],
      subject: { kind: 'team' },
      criteria: [
        {
          id: 'size',
          title: { vi: 'Quy mô', en: 'Size' },
          group: 'organisation',
          maxPoints: 10,
          scoring: { type: 'pass', when: { all: [{ fact: 'memberCount', operator: 'greaterThanInclusive', value: 4 }] } },
        },
      ],
      ratings: [
        { id: 'pass', label: { vi: 'Đạt', en: 'Pass' }, minPercent: 50 },
        { id: 'fail', label: { vi: 'Chưa đạt', en: 'Not yet' }, minPercent: 0 },
      ],
    };
    expect(check(example)).toBe(true);
  });

  it('requires a subject only without extends', () => {
    expect(check(edit(minimalSet(), (d) => delete d.subject))).toBe(false);
    expect(
      check(
        edit(minimalSet(), (d) => {
          delete d.subject;
          d.extends = { id: 'base' };
        }),
      ),
    ).toBe(true);
  });

  it('enforces the bounds', () => {
    const L = CRITERIA_SET_LIMITS;
    const cases: [string, (d: any) => void][] = [
      ['id length', (d) => (d.id = 'a'.repeat(L.idLength + 1))],
      ['text length', (d) => (d.title.vi = 'a'.repeat(L.textLength + 1))],
      ['criteria', (d) => (d.criteria = Array.from({ length: L.criteria + 1 }, (_, i) => passCriterion(`c${i}`)))],
      ['ratings', (d) => (d.ratings = Array.from({ length: L.ratings + 1 }, (_, i) => ({ id: `r${i}`, label: d.title, minPercent: i })))],
      [
        'steps',
        (d) =>
          (d.criteria[0].scoring = {
            type: 'steps',
            fact: 'memberCount',
            steps: Array.from({ length: L.steps + 1 }, (_, i) => ({ min: i, points: 1 })),
          }),
      ],
      ['parameters', (d) => (d.parameters = Object.fromEntries(Array.from({ length: L.parameters + 1 }, (_, i) => [`p${i}`, { value: i }])))],
      ['schedule', (d) => (d.parameters = { p: { schedule: Array.from({ length: L.schedule + 1 }, () => ({ from: '2024-01-01', value: 1 })) } })],
      ['array value', (d) => (d.criteria[0].scoring.when.all[0].value = Array.from({ length: L.arrayValue + 1 }, () => 1))],
      ['path length', (d) => (d.criteria[0].scoring.when.all[0].path = 'a'.repeat(L.pathLength + 1))],
      ['maxPoints', (d) => (d.criteria[0].maxPoints = L.maxPoints + 1)],
      ['negative maxPoints', (d) => (d.criteria[0].maxPoints = -1)],
      ['id pattern', (d) => (d.id = '-x')],
      ['semver', (d) => (d.version = 'v1.0.0')],
      ['object value', (d) => (d.criteria[0].scoring.when.all[0].value = { param: 'x', extra: 1 })],
      ['nested array value', (d) => (d.criteria[0].scoring.when.all[0].value = [[1]])],
      ['condition params', (d) => (d.criteria[0].scoring.when.all[0].params = { x: { y: 1 } })],
      ['two shapes in one condition', (d) => (d.criteria[0].scoring.when = { all: [], any: [] })],
    ];
    expect(check(minimalSet())).toBe(true);
    for (const [name, mutate] of cases) expect(check(edit(minimalSet(), mutate)), name).toBe(false);
    expect(check(edit(minimalSet(), (d) => (d.id = 'a'.repeat(L.idLength))))).toBe(true);
  });

  it('is emitted to schemas/criteria-set.schema.json', () => {
    expect(readFileSync(join(SCHEMAS_DIR, 'criteria-set.schema.json'), 'utf8')).toBe(renderSchema(criteriaSetSchema));
  });
});
