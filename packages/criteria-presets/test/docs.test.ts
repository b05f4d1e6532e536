/**
 * The examples in docs/authoring-presets.md are real: every block marked `<!-- example: <dir>/<file> -->`
 * is extracted; criteria sets must validate and cases must pass against the set of the same folder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateCriteriaSet, type CriteriaSet } from '@cnscd/core';
import { describe, expect, it } from 'vitest';
import { resolveBase, runCase, type GoldenCase } from '../src/index.js';
import { PACKAGE_ROOT } from '../scripts/generate.js';

const doc = readFileSync(join(PACKAGE_ROOT, '..', '..', 'docs', 'authoring-presets.md'), 'utf8');
const examples = new Map<string, unknown>();
for (const m of doc.matchAll(/<!-- example: ([^\s]+) -->\s*```json\n([\s\S]*?)\n```/g)) examples.set(m[1]!, JSON.parse(m[2]!));

describe('docs/authoring-presets.md examples', () => {
  it('has the examples this test expects', () => {
    expect([...examples.keys()].sort()).toEqual(['every-village-has-a-team/preset.json', 'tinh-x-2026/cases/ap-1.json', 'tinh-x-2026/preset.json']);
  });

  for (const [name, value] of examples) {
    if (name.endsWith('/preset.json')) {
      it(`${name} validates`, () => {
        const v = validateCriteriaSet(value, { resolveBase });
        expect(v.problems.filter((p) => p.severity === 'error')).toEqual([]);
      });
    } else {
      it(`${name} passes against its folder's preset.json`, async () => {
        const preset = examples.get(`${name.split('/')[0]}/preset.json`) as CriteriaSet;
        expect(await runCase(preset, value as GoldenCase)).toEqual([]);
      });
    }
  }
});
