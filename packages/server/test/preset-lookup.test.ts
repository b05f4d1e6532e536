/**
 * The server's preset catalog picks versions with @cnscd/criteria-presets' lookup, so the API, the CLI and
 * library users get the same version for the same request (the two lookups once differed on prereleases).
 */
import { coreRegistry, type CriteriaSet } from '@cnscd/core';
import { getPreset, selectPreset } from '@cnscd/criteria-presets';
import { describe, expect, it } from 'vitest';
import { createCatalog, type PresetEntry } from '../src/index.js';

const base = getPreset('national-2024');
const entries: PresetEntry[] = ['1.0.0', '2.1.0-rc.1', '2.0.0'].map((v) => ({ set: { ...base, version: v } as CriteriaSet, source: 'local' }));

describe('the catalog picks as criteria-presets does', () => {
  it('for every kind of query', () => {
    const catalog = createCatalog(entries, coreRegistry());
    for (const query of [
      {},
      { version: '^2' },
      { version: '^1' },
      { version: '2.0.0' },
      { version: '~2.1.0-0' },
      { version: 'nope' },
      { asOf: '2025-06-30' },
    ]) {
      expect(catalog.find(base.id, query)?.set.version).toBe(selectPreset(entries, query)?.set.version);
    }
    expect(catalog.find(base.id, { version: '^2' })?.set.version).toBe('2.1.0-rc.1');
    expect(catalog.find(base.id, { version: '^3' })).toBeUndefined();
  });
});
