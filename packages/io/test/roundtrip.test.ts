import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportWorkbook, readXlsx } from '../src/index.js';
import type { Dataset, OrgUnit } from '@cnscd/core';
import { validDataset } from '../../core/test/fixtures/arbitraries.js';

/**
 * A valid dataset whose first communes end on 30 June 2025 and go, fully or split with shares, into N0/N1;
 * villages and teams that moved with them carry their history.
 */
const withReform: fc.Arbitrary<Dataset> = fc
  .tuple(
    validDataset,
    fc.array(fc.record({ to: fc.nat(1), full: fc.boolean(), share: fc.option(fc.integer({ min: 0, max: 100 })) }, { noNullPrototype: true }), {
      maxLength: 3,
    }),
  )
  .map(([d, links]) => {
    let k = 0;
    const orgUnits: OrgUnit[] = d.orgUnits.map((u) => {
      const l = u.level === 'commune' ? links[k++] : undefined;
      if (l === undefined) return u;
      const share = (x: number | null): { share?: number } => (l.share === null || x === null ? {} : { share: x / 100 });
      const successors: OrgUnit['successors'] = l.full
        ? [{ id: `N${l.to}`, part: 'full', ...share(l.share) }]
        : [
            { id: 'N0', part: 'partial', ...share(l.share) },
            { id: 'N1', part: 'partial', ...share(l.share === null ? null : 100 - l.share) },
          ];
      return { ...u, validTo: '2025-06-30', successors };
    });
    // The villages of a commune that went fully into a new one move with it, their old parent in history.
    const movedTo = new Map(
      orgUnits.filter((u) => u.successors?.length === 1 && u.successors[0]!.part === 'full').map((u) => [u.id, u.successors![0]!.id]),
    );
    const moved = orgUnits.map((u) => {
      const to = u.parentId == null ? undefined : movedTo.get(u.parentId);
      return to === undefined ? u : { ...u, parentId: to, parentHistory: [{ parentId: u.parentId!, until: '2025-06-30' }] };
    });
    const fresh = [0, 1].map((i) => ({ id: `N${i}`, name: `Xã mới ${i}`, level: 'commune', parentId: 'P', validFrom: '2025-07-01' }));
    // A team whose village moved records it (its unit is the same; the history says so explicitly).
    const teams = d.teams.map((t, i) =>
      i % 2 === 0 && moved.find((u) => u.id === t.orgUnitId)?.parentHistory !== undefined
        ? { ...t, orgUnitHistory: [{ orgUnitId: t.orgUnitId, until: '2025-06-30' }] }
        : t,
    );
    return { ...d, orgUnits: [...moved, ...fresh], teams };
  });

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

  it('random valid datasets, with a reform in their lineage sheet (property)', async () => {
    await fc.assert(
      fc.asyncProperty(withReform, async (dataset) => {
        const back = await readXlsx(await exportWorkbook(dataset));
        expect(back.dataset).toEqual(dataset);
        expect(back.valid).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
