/**
 * `npm run bench`: bundle the benchmark as the packages are built, then run the bundle.
 *
 *   node bench/run.mjs [evaluate|e2e|validate|fast] [args…]     (default: evaluate, i.e. bench/evaluate.bench.ts;
 *   fast: bench/fast-scoring.ts, the scoring passes alone)
 *
 * The sources are bundled with esbuild as tsup builds `@cnscd/core` for publishing (ESM, target node20,
 * names not kept) into `bench/out/` (git-ignored); npm packages stay external, so json-rules-engine runs
 * exactly as installed. The benchmark is not run through tsx: tsx transforms with esbuild's `keepNames`,
 * which wraps every function and closure it creates in a call that redefines the function's `name`. The
 * evaluator creates closures while scoring, so under tsx it measured about a quarter slower in explain mode
 * and a third slower in fast mode than the code that ships, while the reference (plain JavaScript from
 * node_modules) was unaffected.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.join(here, 'out');
const ENTRIES = { evaluate: 'evaluate.bench', e2e: 'national-e2e', validate: 'validate.bench', fast: 'fast-scoring' };

const [first, ...rest] = process.argv.slice(2);
const which = first !== undefined && Object.hasOwn(ENTRIES, first) ? first : 'evaluate';
const args = which === first ? rest : process.argv.slice(2);

await build({
  entryPoints: Object.values(ENTRIES).map((name) => path.join(here, `${name}.ts`)),
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

// The `cnscd` command as tsup builds it (ESM, node20, code split so that what a command does not use is
// not loaded), with the workspace packages from their sources and npm packages external: the evaluate
// bench runs it on the national file (cliEndToEndMs, cliPeakRssMb, answerBytesPerTeam).
if (which === 'evaluate') {
  const workspace = /^@cnscd\//;
  await build({
    entryPoints: { cli: path.join(here, '../packages/server/src/cli.ts') },
    outdir: path.join(outdir, 'cli'),
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    logLevel: 'warning',
    plugins: [
      {
        name: 'external-npm',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (a) => (workspace.test(a.path) ? undefined : { path: a.path, external: true }));
        },
      },
    ],
  });
}

const r = spawnSync(process.execPath, [path.join(outdir, `${ENTRIES[which]}.js`), ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
