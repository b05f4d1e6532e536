/**
 * The golden pin of both validators: every example dataset, the test fixtures, every preset and its
 * golden cases, and a fixed set of faulty mutants go through `validateDataset` and `validateCriteriaSet`,
 * and each problem's code, severity, path, params and place in the list must be what
 * `fixtures/validation-golden.json` recorded. The snapshot was generated from the validators before they
 * were split by stage; any change to a problem other than its wording fails here. Message texts are not
 * recorded: wording may change.
 *
 * To regenerate after a deliberate change of behaviour: `UPDATE_VALIDATION_GOLDEN=1 npx vitest run
 * --project core test/validation-golden.test.ts`, and say why in the commit.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../src/errors.js';
import type { CriteriaSet } from '../src/criteria/types.js';
import { validateCriteriaSet, type ValidateCriteriaSetOptions } from '../src/criteria/validate.js';
import { validateDataset, type DatasetValidationOptions } from '../src/model/validate.js';
import type { Dataset } from '../src/model/types.js';
import { CASES } from './criteria-cases.js';
import { fullSet, minimalSet, pluginRegistry } from './criteria-fixtures.js';
import { generatedDataset, smallDataset, withReportColumns } from './dataset-fixtures.js';
import { PLUGIN_METRIC, base, mutate, mutation } from './fixtures/dataset-mutants.js';
import { afterDataset, beforeDataset } from './reform-fixtures.js';

const root = (rel: string): string => fileURLToPath(new URL(`../../../${rel}`, import.meta.url));
const SNAPSHOT = fileURLToPath(new URL('./fixtures/validation-golden.json', import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** What is pinned of a problem: everything but its message. Values JSON cannot hold are spelt out. */
function record(problems: readonly Problem[]): unknown[] {
  return problems.map((p) => [p.code, p.severity, p.path, p.params === undefined ? null : encode(p.params)]);
}
function encode(value: unknown): unknown {
  if (value === undefined) return '<undefined>';
  if (typeof value === 'number' && !Number.isFinite(value)) return `<${String(value)}>`;
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

// ── inputs ──────────────────────────────────────────────────────────────────
const PRESETS_DIR = root('packages/criteria-presets/presets');
const presets = readdirSync(PRESETS_DIR)
  .sort()
  .map((id) => ({ id, set: readJson(`${PRESETS_DIR}/${id}/preset.json`) as CriteriaSet }));
const presetResolver = (id: string): CriteriaSet | undefined => presets.find((p) => p.set.id === id)?.set;

function datasetInputs(): Array<[string, () => unknown, DatasetValidationOptions?]> {
  const out: Array<[string, () => unknown, DatasetValidationOptions?]> = [];
  for (const file of readdirSync(root('examples/datasets'))
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    out.push([`examples/datasets/${file}`, () => readJson(root(`examples/datasets/${file}`))]);
  }
  for (const { id } of presets) {
    const dir = `${PRESETS_DIR}/${id}/cases`;
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      out.push([`presets/${id}/cases/${file}`, () => (readJson(`${dir}/${file}`) as { dataset: unknown }).dataset]);
    }
  }
  out.push(['smallDataset', () => smallDataset()]);
  out.push(['generatedDataset(12, 14)', () => generatedDataset(12, 14)]);
  out.push(['withReportColumns(generatedDataset(6, 12), 10)', () => withReportColumns(generatedDataset(6, 12) as Dataset, 10)]);
  out.push(['reform beforeDataset', () => beforeDataset()]);
  out.push(['reform afterDataset', () => afterDataset()]);
  // Faulty mutants of the bases the differential test uses, from a fixed seed: the same every run.
  const mutants = fc.sample(fc.tuple(base, fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean()), { seed: 20261208, numRuns: 400 });
  mutants.forEach(([d, mutations, withPlugin], i) => {
    for (const m of mutations) mutate(d, m);
    out.push([`dataset mutant ${i}`, () => d, withPlugin ? { metrics: [PLUGIN_METRIC] } : {}]);
  });
  // Mutants that keep the shape (repeated records, valid-looking values in fields): integrity problems.
  const integrity = mutation.map((m) => ({ ...m, op: m.op % 2 === 0 ? 3 : 9 }));
  const shaped = fc.sample(fc.tuple(base, fc.array(integrity, { minLength: 1, maxLength: 4 })), { seed: 20261210, numRuns: 400 });
  shaped.forEach(([d, mutations], i) => {
    for (const m of mutations) mutate(d, m);
    out.push([`dataset integrity mutant ${i}`, () => d]);
  });
  out.push([
    'integrity faults of every kind',
    () => {
      const d = generatedDataset(30, 24);
      const reports = d.reports as Array<NonNullable<Dataset['reports']>[number]>;
      reports.push(
        { ...reports[3]! },
        { ...reports[300]!, teamId: 'nowhere' },
        { ...reports[301]!, memberId: 'T0-m9' },
        { ...reports[5]!, month: '2031-01' },
      );
      (d.orgUnits as Array<Dataset['orgUnits'][number]>).push({ id: 'V3', name: 'again', level: 'village', parentId: 'C9' });
      (d.indicators as Array<NonNullable<Dataset['indicators']>[number]>).push(
        { orgUnitId: 'V1', period: '2024', metrics: { adults: 5, adultsWithSmartphone: 9, population: -1 } },
        { orgUnitId: 'nowhere', period: '2024-02', metrics: { householdsVisited: Number.NaN } },
      );
      return d;
    },
  ]);
  out.push([
    '2,000 duplicate reports (capped per code)',
    () => {
      const d = generatedDataset(4, 12);
      const reports = d.reports as Array<NonNullable<Dataset['reports']>[number]>;
      for (let k = 0; k < 2000; k++) reports.push({ ...reports[k % reports.length]! });
      return d;
    },
  ]);
  return out;
}

function criteriaInputs(): Array<[string, () => unknown, ValidateCriteriaSetOptions | undefined]> {
  const out: Array<[string, () => unknown, ValidateCriteriaSetOptions | undefined]> = [];
  for (const { id, set } of presets) out.push([`presets/${id}`, () => set, { resolveBase: presetResolver }]);
  out.push(['minimalSet', () => minimalSet(), undefined]);
  out.push(['fullSet', () => fullSet(), undefined]);
  out.push(['fullSet with the plugin registry', () => fullSet(), { registry: pluginRegistry }]);
  for (const c of CASES) out.push([`case: ${c.name}`, c.doc, c.options]);
  // The dataset mutator is generic over JSON: faulty presets and fixtures from a fixed seed.
  const bases = [minimalSet(), fullSet(), ...presets.map((p) => p.set)];
  const mutants = fc.sample(fc.tuple(fc.nat(bases.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 })), { seed: 20261209, numRuns: 300 });
  mutants.forEach(([b, mutations], i) => {
    const d = structuredClone(bases[b]!) as unknown as Record<string, unknown>;
    for (const m of mutations) mutate(d, m);
    out.push([`criteria mutant ${i} (of base ${b})`, () => d, { resolveBase: presetResolver }]);
  });
  return out;
}

function current(): Record<string, Record<string, unknown>> {
  const dataset: Record<string, unknown> = {};
  for (const [name, input, options] of datasetInputs()) dataset[name] = record(validateDataset(input(), options).problems);
  const criteria: Record<string, unknown> = {};
  for (const [name, input, options] of criteriaInputs()) criteria[name] = record(validateCriteriaSet(input(), options).problems);
  return { dataset, criteria };
}

/** One problem a line, so that a diff of the snapshot reads problem by problem. */
function serialize(groups: Record<string, Record<string, unknown>>): string {
  const group = (inputs: Record<string, unknown>): string =>
    Object.entries(inputs)
      .map(([name, problems]) => {
        const lines = (problems as unknown[]).map((p) => `   ${JSON.stringify(p)}`);
        return `  ${JSON.stringify(name)}: [${lines.length === 0 ? '' : `\n${lines.join(',\n')}\n  `}]`;
      })
      .join(',\n');
  return `{\n${Object.entries(groups)
    .map(([name, inputs]) => ` ${JSON.stringify(name)}: {\n${group(inputs)}\n }`)
    .join(',\n')}\n}\n`;
}

describe('validation golden pin', () => {
  const actual = current();
  if (process.env.UPDATE_VALIDATION_GOLDEN === '1') writeFileSync(SNAPSHOT, serialize(actual));
  const golden = readJson(SNAPSHOT) as Record<string, Record<string, unknown>>;

  it('covers the same inputs as the snapshot, and many of them have problems', () => {
    expect(Object.keys(actual.dataset!)).toEqual(Object.keys(golden.dataset!));
    expect(Object.keys(actual.criteria!)).toEqual(Object.keys(golden.criteria!));
    // Not vacuous: most mutants are faulty, and the examples and presets are clean.
    const faulty = (group: Record<string, unknown>) => Object.values(group).filter((ps) => (ps as unknown[]).length > 0).length;
    expect(faulty(golden.dataset!)).toBeGreaterThan(200);
    expect(faulty(golden.criteria!)).toBeGreaterThan(150);
  });

  it.each(['dataset', 'criteria'] as const)('%s validator: the same problems, codes, paths, params and order', (group) => {
    for (const [name, problems] of Object.entries(golden[group]!)) {
      expect(actual[group]![name], name).toEqual(problems);
    }
  });
});
