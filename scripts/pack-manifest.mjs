/**
 * `prepack` / `postpack` of every published package: the `source` export condition points at
 * `src/index.ts` so that the workspace's tests and type-checks need no build (tsconfig `customConditions`,
 * vitest `resolve.conditions`), but a consumer running `node --conditions=source` would then load
 * TypeScript from node_modules. So the tarball's package.json goes without it:
 *
 *   node ../../scripts/pack-manifest.mjs strip     (prepack: keeps the original as package.json.orig)
 *   node ../../scripts/pack-manifest.mjs restore   (postpack)
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const [mode] = process.argv.slice(2);
const file = 'package.json';
const backup = 'package.json.orig';

function withoutSource(node) {
  if (Array.isArray(node) || node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'source')
      .map(([key, value]) => [key, withoutSource(value)]),
  );
}

if (mode === 'strip') {
  const text = readFileSync(file, 'utf8');
  if (existsSync(backup)) throw new Error(`${backup} exists: a previous pack did not finish; restore it first`);
  writeFileSync(backup, text);
  const manifest = JSON.parse(text);
  manifest.exports = withoutSource(manifest.exports);
  writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
} else if (mode === 'restore') {
  if (existsSync(backup)) renameSync(backup, file);
} else {
  console.error('usage: pack-manifest.mjs strip|restore');
  process.exit(2);
}
