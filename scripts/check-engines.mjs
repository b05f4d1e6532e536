#!/usr/bin/env node
/**
 * `engines` that tell the truth: for every published package (packages/*), walk its production dependency
 * tree as installed (dependencies, optionalDependencies and peerDependencies, resolved the way Node
 * resolves them from each package's own folder) and check that every Node version the package's
 * `engines.node` allows is allowed by each installed dependency's `engines.node` (semver.subset). A
 * dependency without `engines.node` claims nothing and passes.
 *
 *   node scripts/check-engines.mjs [packages-dir]   exits 1 and lists each mismatch with the path that pulls it in
 *
 * Run by `npm run check:packages` (scripts/check-packages.mjs), so `.ci/run` checks it on every change.
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The folder of `name` as Node would find it from `fromDir` (node_modules up the tree), or undefined. */
function resolvePackage(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

const readManifest = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/**
 * Every installed package in the production tree of the package in `dir`, each once, with the chain of
 * names that first reached it.
 */
function productionTree(dir) {
  const seen = new Map();
  const queue = [{ dir, chain: [readManifest(dir).name] }];
  while (queue.length > 0) {
    const { dir: at, chain } = queue.shift();
    const manifest = readManifest(at);
    const deps = { ...manifest.peerDependencies, ...manifest.optionalDependencies, ...manifest.dependencies };
    for (const name of Object.keys(deps)) {
      const found = resolvePackage(name, at);
      if (found === undefined) {
        // An optional or peer dependency that is not installed is not part of this tree.
        if (manifest.dependencies?.[name] !== undefined) throw new Error(`${chain.join(' > ')} > ${name}: not installed (run npm ci)`);
        continue;
      }
      if (seen.has(found)) continue;
      const next = [...chain, name];
      seen.set(found, { manifest: readManifest(found), chain: next });
      queue.push({ dir: found, chain: next });
    }
  }
  return [...seen.values()];
}

/**
 * The mismatches of every published package: `{ pkg, declared, dependency, version, requires, chain }`.
 *
 * @example
 * checkEngines().forEach((m) => console.log(m.pkg, m.dependency, m.requires));
 */
export function checkEngines(packagesDir = join(root, 'packages')) {
  const problems = [];
  for (const entry of readdirSync(packagesDir).sort()) {
    const dir = join(packagesDir, entry);
    if (!existsSync(join(dir, 'package.json'))) continue;
    const manifest = readManifest(dir);
    if (manifest.private === true) continue;
    const declared = manifest.engines?.node;
    if (declared === undefined) {
      problems.push({ pkg: manifest.name, declared: '(none)', dependency: '-', version: '-', requires: 'engines.node must be declared', chain: [] });
      continue;
    }
    for (const { manifest: dep, chain } of productionTree(dir)) {
      const requires = dep.engines?.node;
      if (typeof requires !== 'string' || semver.validRange(requires) === null) continue;
      if (!semver.subset(declared, requires, { includePrerelease: false })) {
        problems.push({ pkg: manifest.name, declared, dependency: dep.name, version: dep.version, requires, chain });
      }
    }
  }
  return problems;
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = checkEngines(process.argv[2] ?? undefined);
  for (const p of problems) {
    console.error(`${p.pkg} (engines.node ${p.declared}): ${p.dependency}@${p.version} needs node ${p.requires}, via ${p.chain.join(' > ')}`);
  }
  if (problems.length > 0) {
    console.error(`check-engines: ${problems.length} mismatch(es); each published package's engines.node must be within every dependency's.`);
    process.exit(1);
  }
  console.log(
    `check-engines: every published package's engines.node is within its whole production tree's (${relative(process.cwd(), process.argv[2] ?? join(root, 'packages')) || '.'}/*)`,
  );
}
