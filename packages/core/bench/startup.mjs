/**
 * `npm run bench:startup -w @cnscd/core`: what a fresh process pays for @cnscd/core as published (the built
 * `dist/`, so run `npm run build -w @cnscd/core` first): the import, then the first `validateDataset`, the
 * first `validateCriteriaSet` and the first `evaluate` (each first call used to compile its ajv schema),
 * then the same validations again (warm: the median of 9 calls). Each figure is the median of `--runs` fresh processes (7 by default),
 * run one after another.
 *
 *   npm run bench:startup -w @cnscd/core [-- --runs 7] [--dist /path/to/another/dist]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../../../', import.meta.url);
const i = process.argv.indexOf('--runs');
const runs = i === -1 ? 7 : Number(process.argv[i + 1]);
// `--dist <dir>`: another build to measure (e.g. a copy of main's), for a before/after under the same load.
const d = process.argv.indexOf('--dist');
const dist =
  d === -1 ? new URL('packages/core/dist/', root).href : new URL(`${process.argv[d + 1].replace(/\/?$/, '/')}`, `file://${process.cwd()}/`).href;

if (process.argv[2] === '--child') {
  const t0 = performance.now();
  const core = await import(new URL('index.js', dist).href);
  const t1 = performance.now();
  const { dataset } = JSON.parse(readFileSync(new URL('examples/api/evaluate-small.json', root), 'utf8'));
  const preset = JSON.parse(readFileSync(new URL('packages/criteria-presets/presets/national-2025-targets/preset.json', root), 'utf8'));
  const time = (f) => {
    const s = performance.now();
    f();
    return performance.now() - s;
  };
  const firstDataset = time(() => core.validateDataset(dataset));
  const firstCriteria = time(() => core.validateCriteriaSet(preset));
  const e0 = performance.now();
  await core.evaluate(dataset, preset, { period: '2025-01..2025-03' });
  const firstEvaluate = performance.now() - e0;
  // Warm: the median of 9 more calls (a single call is at the mercy of a garbage collection).
  const warm = (f) => Array.from({ length: 9 }, () => time(f)).sort((a, b) => a - b)[4];
  const warmDataset = warm(() => core.validateDataset(dataset));
  const warmCriteria = warm(() => core.validateCriteriaSet(preset));
  console.log(JSON.stringify({ import: t1 - t0, firstDataset, firstCriteria, firstEvaluate, warmDataset, warmCriteria }));
} else {
  const samples = [];
  for (let r = 0; r < runs; r++) {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', '--dist', fileURLToPath(dist)], { encoding: 'utf8' });
    samples.push(JSON.parse(out.trim().split('\n').pop()));
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const result = Object.fromEntries(Object.keys(samples[0]).map((k) => [k, Math.round(median(samples.map((s) => s[k])) * 10) / 10]));
  console.log(`median of ${runs} fresh processes, ms:`);
  console.table(result);
  console.log(JSON.stringify({ runs, ms: result }));
}
