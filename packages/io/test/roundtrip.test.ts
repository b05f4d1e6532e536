import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportWorkbook, readXlsx } from '../src/index.js';
import { validDataset } from '../../core/test/fixtures/arbitraries.js';

const example = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../examples/datasets/${name}.json`, import.meta.url), 'utf8'));

describe('export → import gives the same dataset back', () => {
  for (const name of ['small', 'dai-tu-2025', 'ben-tre-2023']) {
    it(`examples/datasets/${name}.json`, async () => {
      const dataset = example(name) as Parameters<typeof exportWorkbook>[0];
      const back = await readXlsx(await exportWorkbook(dataset), { file: `${name}.xlsx` });
      expect(back.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(back.valid).toBe(true);
      expect(back.dataset).toEqual(dataset);
    });
  }

  it('in English headers too', async () => {
    const dataset = example('small') as Parameters<typeof exportWorkbook>[0];
    const back = await readXlsx(await exportWorkbook(dataset, { lang: 'en' }));
    expect(back.dataset).toEqual(dataset);
  });

  it('random valid datasets (property)', async () => {
    await fc.assert(
      fc.asyncProperty(validDataset, async (dataset) => {
        const back = await readXlsx(await exportWorkbook(dataset));
        expect(back.dataset).toEqual(dataset);
        expect(back.valid).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
