/**
 * Runs every golden case found on disk (`presets/<id>/cases/*.json`) through the generic runner, with
 * both evaluators: the compiled one and json-rules-engine (reference). A province adds a case by adding
 * a file; no code changes. Both engines must also give the same whole result, explanations and reasons
 * included: switching engines must not change what a caller reads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, type CriteriaSet } from '@cnscd/core';
import { describe, expect, it } from 'vitest';
import { resolveBase, runCase, type GoldenCase } from '../src/index.js';
import { PACKAGE_ROOT } from '../scripts/generate.js';

const presetsDir = join(PACKAGE_ROOT, 'presets');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

for (const dir of readdirSync(presetsDir).sort()) {
  const casesDir = join(presetsDir, dir, 'cases');
  const preset = readJson(join(presetsDir, dir, 'preset.json')) as CriteriaSet;
  const files = readdirSync(casesDir)
    .filter((f) => f.endsWith('.json'))
    .sort();

  describe(`golden cases: ${dir}`, () => {
    for (const file of files) {
      it(file.replace(/\.json$/, ''), async () => {
        const goldenCase = readJson(join(casesDir, file)) as GoldenCase;
        const compiled = await runCase(preset, goldenCase);
        const reference = await runCase(preset, goldenCase, { engine: 'reference' });
        expect(compiled, 'compiled engine').toEqual([]);
        expect(reference, 'json-rules-engine (reference)').toEqual([]);
      });

      it(`${file.replace(/\.json$/, '')}: the same explained result from both engines`, async () => {
        const goldenCase = readJson(join(casesDir, file)) as GoldenCase;
        const options = { period: goldenCase.period, ...(goldenCase.asOf === undefined ? {} : { asOf: goldenCase.asOf }), resolveBase };
        const { engine: a, ...compiled } = await evaluate(goldenCase.dataset, preset, options);
        const { engine: b, ...reference } = await evaluate(goldenCase.dataset, preset, { ...options, engine: 'reference' });
        expect([a, b]).toEqual(['compiled', 'reference']);
        expect(reference).toEqual(compiled);
      });
    }
  });
}
