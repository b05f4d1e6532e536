/**
 * The plugin as a whole: what it registers, how the preset validates with and without it, how its
 * metrics, ratio and fact flow through core facts for teams and org units, and the package's shape.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_VERSION, coreRegistry, createRegistry, evaluate, validateCriteriaSet, type CriteriaSet, type Dataset } from '@cnscd/core';
import { describe, expect, it } from 'vitest';
import examplePlugin, { digitalHouseholdShare, hueSAccounts, logistic, withinPercentOf } from '../src/index.js';
import { loadPreset, PACKAGE_ROOT } from './fixtures.js';

const NAME = '@cnscd/example-plugin';
const registry = createRegistry([examplePlugin]);

describe('registration', () => {
  it('registers every definition under the plugin name', () => {
    expect(registry.pluginVersion(NAME)).toBe('1.0.0');
    expect(registry.plugins.map((p) => p.name)).toEqual(['@cnscd/core', NAME]);
    expect(registry.facts.get('digitalHouseholdShare')).toEqual({ def: digitalHouseholdShare, plugin: NAME });
    expect(registry.operators.get('withinPercentOf')).toEqual({ def: withinPercentOf, plugin: NAME });
    expect(registry.scorers.get('logistic')).toMatchObject({ def: logistic, plugin: NAME });
    expect(registry.metrics.get('hueSAccounts')).toEqual({ def: hueSAccounts, plugin: NAME });
    expect(registry.metrics.get('hueSResidents')?.plugin).toBe(NAME);
    expect(registry.ratios.get('hueSAdoption')?.plugin).toBe(NAME);
  });

  it('keeps literal names and the declared versions in its type', () => {
    const name: '@cnscd/example-plugin' = examplePlugin.name;
    const core: '^1' = examplePlugin.core;
    expect([name, core]).toEqual([NAME, '^1']);
  });

  it('cannot be loaded twice', () => {
    expect(() => createRegistry([examplePlugin, examplePlugin])).toThrow(expect.objectContaining({ code: 'PLUGIN_NAME_CLASH' }));
  });
});

describe('the digital-family preset validates against the registry', () => {
  it('is valid with the plugin loaded, with no problem at all', () => {
    const v = validateCriteriaSet(loadPreset(), { registry });
    expect(v.problems).toEqual([]);
    expect(v.valid).toBe(true);
    expect(v.criteriaSet?.requires).toEqual({ [NAME]: '^1.0.0' });
  });

  it('reports MISSING_PLUGIN without the plugin (and what it would have provided)', () => {
    const v = validateCriteriaSet(loadPreset(), { registry: coreRegistry() });
    expect(v.valid).toBe(false);
    expect(v.problems).toContainEqual(
      expect.objectContaining({
        code: 'MISSING_PLUGIN',
        severity: 'error',
        path: '/requires/@cnscd~1example-plugin',
        params: expect.objectContaining({ plugin: NAME, range: '^1.0.0' }),
      }),
    );
    const codes = new Set(v.problems.map((p) => p.code));
    expect(codes).toContain('UNKNOWN_SCORER');
    expect(codes).toContain('UNKNOWN_FACT');
  });

  it('reports INCOMPATIBLE_PLUGIN when the set asks for ^2', () => {
    const v = validateCriteriaSet({ ...loadPreset(), requires: { [NAME]: '^2.0.0' } }, { registry });
    expect(v.valid).toBe(false);
    expect(v.problems).toEqual([
      expect.objectContaining({
        code: 'INCOMPATIBLE_PLUGIN',
        path: '/requires/@cnscd~1example-plugin',
        params: { plugin: NAME, range: '^2.0.0', version: '1.0.0' },
      }),
    ]);
  });

  it('checks logistic options against the scorer schema', () => {
    const preset = loadPreset();
    const criteria = preset.criteria!.map((c) =>
      c.id === 'households-curve'
        ? {
            ...c,
            scoring: { type: 'scorer' as const, scorer: 'logistic', options: { fact: 'digitalHouseholdShare', midpoint: '70%', steepness: 10 } },
          }
        : c,
    );
    const v = validateCriteriaSet({ ...preset, criteria }, { registry });
    expect(v.valid).toBe(false);
    expect(v.problems).toContainEqual(expect.objectContaining({ code: 'INVALID_SCORER_OPTIONS', path: '/criteria/0/scoring/options/midpoint' }));
  });

  it('refuses the evaluation outright without the plugin', async () => {
    await expect(evaluate({ orgUnits: [], teams: [] }, loadPreset(), { period: '2025' })).rejects.toMatchObject({ code: 'CRITERIA_SET_INVALID' });
  });
});

describe('plugin metrics, ratio and fact through the core', () => {
  // Two villages with figures, one commune without: the commune's area is the sum of its villages'.
  const dataset: Dataset = {
    levels: [{ id: 'province' }, { id: 'commune' }, { id: 'village' }],
    orgUnits: [
      { id: 'P', name: 'Tỉnh P', level: 'province' },
      { id: 'C', name: 'Xã C', level: 'commune', parentId: 'P' },
      { id: 'V1', name: 'Thôn 1', level: 'village', parentId: 'C' },
      { id: 'V2', name: 'Thôn 2', level: 'village', parentId: 'C' },
    ],
    teams: [
      { id: 'T1', orgUnitId: 'V1', level: 'village', establishedOn: '2024-01-01' },
      { id: 'T2', orgUnitId: 'V2', level: 'village', establishedOn: '2024-01-01' },
    ],
    reports: [
      { teamId: 'T1', month: '2025-03', metrics: { hueSAccounts: 30, guidedLocalPlatforms: 5 } },
      { teamId: 'T2', month: '2025-04', metrics: { hueSAccounts: 10 } },
    ],
    indicators: [
      { orgUnitId: 'V1', period: '2025', metrics: { households: 100, householdsWithFiveSkills: 80, population: 400, hueSResidents: 100 } },
      { orgUnitId: 'V2', period: '2025', metrics: { households: 300, householdsWithFiveSkills: 285, population: 1000, hueSResidents: 600 } },
    ],
  };
  const communeSet: CriteriaSet = {
    id: 'commune-digital-family',
    version: '1.0.0',
    title: { vi: 'Xã: gia đình số', en: 'Commune: digital family' },
    subject: { kind: 'orgUnit', level: 'commune' },
    requires: { [NAME]: '^1.0.0' },
    criteria: [
      {
        id: 'near-universal',
        group: 'coverage',
        maxPoints: 10,
        title: { vi: 'Gần như toàn bộ hộ', en: 'Nearly every household' },
        scoring: { type: 'pass', when: { fact: 'digitalHouseholdShare', operator: 'withinPercentOf', value: [0.9, 5] } },
      },
      {
        id: 'hue-s-adoption',
        group: 'localPlatforms',
        maxPoints: 10,
        title: { vi: 'Người dân dùng Hue-S', en: 'Residents on Hue-S' },
        scoring: { type: 'ratio', fact: 'coverage', path: 'hueSAdoption', target: 1 },
      },
      {
        id: 'local-platform-work',
        group: 'localPlatforms',
        maxPoints: 10,
        title: { vi: 'Nhiệm vụ 5', en: 'Task 5' },
        scoring: {
          type: 'steps',
          fact: 'tasks',
          path: 'localPlatforms',
          steps: [
            { min: 20, points: 5 },
            { min: 45, points: 10 },
          ],
        },
      },
    ],
    ratings: [{ id: 'all', label: { vi: 'Tất cả', en: 'All' }, minPercent: 0 }],
  };

  for (const engine of ['compiled', 'reference'] as const) {
    it(`computes the fact for an org unit from its villages' figures (${engine})`, async () => {
      const r = await evaluate(dataset, communeSet, { period: '2025', engine, registry, rollup: false });
      // The only problem: the reports are of March and April, the period the year (the sums are the same).
      expect(r.problems.map((p) => [p.code, p.params?.uncovered])).toEqual([
        [
          'PERIOD_OUTSIDE_DATA',
          [
            { from: '2025-01', to: '2025-02' },
            { from: '2025-05', to: '2025-12' },
          ],
        ],
      ]);
      const [c] = r.subjects;
      expect(c?.subject.id).toBe('C');
      // (80 + 285) / (100 + 300) = 0.9125, within 5% of 0.9 (0.855 … 0.945)
      expect(c?.criteria[0]).toMatchObject({ status: 'passed', explanation: { actual: 0.9125 } });
      // Ratio of sums, not a mean of ratios: (100 + 600) / (400 + 1000) = 0.5 → 5 of 10
      expect(c?.criteria[1]).toMatchObject({ points: 5, detail: { actual: 0.5 } });
      // hueSAccounts counts towards task 5: 30 + 10 + 5 = 45 → the 10-point step
      expect(c?.criteria[2]).toMatchObject({ points: 10, detail: { actual: 45 } });
    });
  }

  it('without the plugin, a dataset reporting hueSAccounts has an unknown metric', async () => {
    const coreOnly: CriteriaSet = { ...communeSet, requires: {}, criteria: [communeSet.criteria![2]!] };
    const r = await evaluate(dataset, coreOnly, { period: '2025', rollup: false });
    expect(r.problems.map((p) => p.code)).toContain('UNKNOWN_METRIC');
  });
});

describe('package shape (what a published plugin needs)', () => {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as Record<string, any>;

  it('declares the same name and version as the plugin object', () => {
    expect(pkg.name).toBe(examplePlugin.name);
    expect(pkg.version).toBe(examplePlugin.version);
  });

  it('is ESM with a source condition for tests and dual builds for consumers', () => {
    expect(pkg.type).toBe('module');
    expect(pkg.exports['.']).toEqual({
      source: './src/index.ts',
      types: './dist/index.d.ts',
      import: './dist/index.js',
      require: './dist/index.cjs',
    });
    expect(pkg.main).toBe('./dist/index.cjs');
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'presets']));
  });

  it('takes @cnscd/core as a peer, in step with its `core` range', () => {
    expect(pkg.peerDependencies).toEqual({ '@cnscd/core': '^1.0.0' });
    expect(pkg.dependencies?.['@cnscd/core']).toBeUndefined();
    expect(examplePlugin.core).toBe(`^${pkg.peerDependencies['@cnscd/core'].replace(/^\^/, '').split('.')[0]}`);
    expect(CORE_VERSION.split('.')[0]).toBe('1');
  });
});
