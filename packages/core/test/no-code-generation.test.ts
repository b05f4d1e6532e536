/**
 * Core under a strict Content-Security-Policy: bundled as a browser would load it (esbuild, IIFE) and run in
 * a Node `vm` context that refuses code generation from strings (`eval`, `new Function`), as a page without
 * `'unsafe-eval'` does. Validation and evaluation use the precompiled validators (src/generated/) and give
 * exactly the answers they give here; a plugin that brings its own JSON Schema fails with a code and a
 * message that say why.
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, resolveCriteriaSet, validateCriteriaSet, validateDataset, type CriteriaSet, type Dataset } from '../src/index.js';

const repo = new URL('../../../', import.meta.url);
const json = (path: string): any => JSON.parse(readFileSync(new URL(path, repo), 'utf8'));
const small = json('examples/api/evaluate-small.json') as { dataset: Dataset; period: string };
const presets: Record<string, CriteriaSet> = {
  'national-2023': json('packages/criteria-presets/presets/national-2023/preset.json'),
  'thai-nguyen-2025': json('packages/criteria-presets/presets/thai-nguyen-2025/preset.json'),
};
const base = presets['national-2023']!;

/** Inputs that exercise the error paths of every precompiled validator. */
const brokenDataset = (): unknown => {
  const d = structuredClone(small.dataset) as any;
  d.teams[0].level = 7;
  delete d.teams[1].establishedOn;
  d.orgUnits.push({ id: 'x y', level: 'nowhere' });
  d.reports = [{ teamId: d.teams[0].id, month: '2025-13', metrics: { 'bad id': 1 } }];
  d.reportColumns = { teamId: [d.teams[0].id, 5], month: ['2025-01', 'May'], metrics: { members_trained: [1, 'x'] } };
  d.extra = true;
  return d;
};
const brokenCriteriaSet = (): unknown => ({
  ...base,
  criteria: [
    { id: 'a', title: 'A', when: { all: [{ fact: 'x', operator: 7, value: { param: 5 } }, { any: 'no' }] } },
    { id: 'b', title: { vi: 'B' }, scoring: { type: 'scorer', scorer: 'linear', options: { fact: '', from: 'low' } } },
    { id: 'c', scoring: { type: 'ratio', fact: 'y', target: -1 } },
  ],
});

const resolveBase = (id: string) => presets[id];

let context: vm.Context;
/** Run `code` in the strict context with `input` (JSON) bound, and return what it returns as JSON text. */
const inStrict = async (code: string, input: unknown = null): Promise<unknown> => {
  context.input = JSON.stringify(input);
  const out = await (vm.runInContext(
    `(async () => { const input = JSON.parse(globalThis.input); return JSON.stringify(await (${code})); })()`,
    context,
  ) as Promise<string>);
  return JSON.parse(out);
};
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'cnscd',
    platform: 'browser',
    // json-rules-engine (engine: 'reference' only, loaded on demand) needs Node's `events`; never loaded here.
    external: ['events'],
    logLevel: 'silent',
  });
  // What a browser page offers that a bare context lacks; none of it evaluates code.
  context = vm.createContext({ structuredClone, console }, { codeGeneration: { strings: false, wasm: false } });
  vm.runInContext(bundle.outputFiles[0]!.text, context);
  vm.runInContext('globalThis.resolveBase = (id) => globalThis.presets[id];', context);
  context.presets = vm.runInContext(`(${JSON.stringify(presets)})`, context);
});

describe('core with code generation from strings forbidden', () => {
  it('the context really forbids it', () => {
    expect(() => vm.runInContext('new Function("return 1")', context)).toThrow(/Code generation from strings disallowed/);
    expect(() => vm.runInContext('eval("1")', context)).toThrow(/Code generation from strings disallowed/);
  });

  it('validateDataset gives the same answers, valid and invalid', async () => {
    for (const d of [small.dataset, brokenDataset()]) {
      expect(await inStrict('cnscd.validateDataset(input)', d)).toEqual(asJson(validateDataset(d)));
    }
    expect(validateDataset(brokenDataset()).problems.length).toBeGreaterThan(5);
  });

  it('validateCriteriaSet and resolveCriteriaSet (with extends) give the same answers', async () => {
    for (const set of [base, presets['thai-nguyen-2025'], brokenCriteriaSet()]) {
      expect(await inStrict('cnscd.validateCriteriaSet(input, { resolveBase })', set)).toEqual(asJson(validateCriteriaSet(set, { resolveBase })));
    }
    expect(validateCriteriaSet(brokenCriteriaSet()).problems.length).toBeGreaterThan(3);
    expect(await inStrict('cnscd.resolveCriteriaSet(input, { resolveBase })', presets['thai-nguyen-2025'])).toEqual(
      asJson(resolveCriteriaSet(presets['thai-nguyen-2025']!, { resolveBase })),
    );
  });

  it('evaluate gives the same result, a core scorer (linear) included', async () => {
    // The first criterion scored by the core's `linear` scorer instead (its options schema is precompiled too).
    const [first, ...rest] = base.criteria ?? [];
    const set = {
      ...base,
      criteria: [
        { ...first, id: 'linear-size', scoring: { type: 'scorer', scorer: 'linear', options: { fact: 'memberCount', from: 0, to: 10 } } },
        ...rest,
      ],
    } as unknown as CriteriaSet;
    const options = { period: small.period };
    const here = asJson(await evaluate(small.dataset, set, options));
    expect(await inStrict(`cnscd.evaluate(input.dataset, input.set, ${JSON.stringify(options)})`, { dataset: small.dataset, set })).toEqual(here);
    expect(JSON.stringify(here)).toContain('linear-size');
    expect(validateCriteriaSet(set).valid).toBe(true);
  });

  it('a plugin with its own optionsSchema fails with PLUGIN_NEEDS_CODE_GENERATION, naming the plugin and the reason', async () => {
    const caught = (await inStrict(`(() => {
      const plugin = cnscd.definePlugin({ name: 'acme-scorers', version: '1.0.0', core: '*', scorers: [cnscd.defineScorer({
        id: 'halfway', label: { vi: 'Nửa', en: 'Half' }, optionsSchema: { type: 'object' }, facts: () => [], score: () => ({ points: 0 }),
      })] });
      try { cnscd.createRegistry([plugin]); return null; } catch (e) { return { name: e.name, code: e.code, message: e.message }; }
    })()`)) as { code: string; message: string } | null;
    expect(caught).not.toBeNull();
    expect(caught!.code).toBe('PLUGIN_NEEDS_CODE_GENERATION');
    expect(caught!.message).toContain('Plugin "acme-scorers": scorer "halfway"');
    expect(caught!.message).toContain("Content-Security-Policy without 'unsafe-eval'");
    expect(caught!.message).not.toContain('invalid optionsSchema');
    // A schema that is not one is still PLUGIN_INVALID, as everywhere.
    expect(
      await inStrict(`(() => {
      try { cnscd.createRegistry([{ name: 'acme', version: '1.0.0', core: '*', scorers: [{ id: 'x', label: { vi: 'x', en: 'x' }, score: () => ({ points: 0 }) }] }]); return null; }
      catch (e) { return e.code; }
    })()`),
    ).toBe('PLUGIN_INVALID');
    // A plugin without schemas needs no code generation.
    expect(await inStrict(`cnscd.createRegistry([cnscd.definePlugin({ name: 'plain', version: '1.0.0', core: '*' })]).plugins.length`)).toBe(2);
  });
});
