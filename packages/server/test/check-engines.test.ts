/**
 * scripts/check-engines.mjs (run by `npm run check:packages`): a published package's `engines.node` must
 * lie within the `engines.node` of every package of its installed production tree. Checked here on small
 * trees written to a temporary folder, and on the repository's own packages.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { root } from './docs-blocks.js';

const script = join(root, 'scripts', 'check-engines.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder `packages/<name>` per package and `node_modules/<name>` per installed dependency. */
function tree(packages: Record<string, object>, installed: Record<string, object>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnscd-engines-'));
  dirs.push(dir);
  const write = (at: string, manifest: object) => {
    mkdirSync(at, { recursive: true });
    writeFileSync(join(at, 'package.json'), JSON.stringify(manifest));
  };
  for (const [name, m] of Object.entries(packages)) write(join(dir, 'packages', name), { name, version: '1.0.0', ...m });
  for (const [name, m] of Object.entries(installed)) write(join(dir, 'node_modules', name), { name, version: '1.0.0', ...m });
  return join(dir, 'packages');
}

const check = async (packagesDir?: string): Promise<{ code: number; out: string }> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...(packagesDir === undefined ? [] : [packagesDir])]);
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
};

describe('scripts/check-engines.mjs', () => {
  it('fails on a dependency, however deep, that needs a newer Node than the package declares, naming the way to it', async () => {
    const dir = tree(
      { lib: { engines: { node: '>=20.19' }, dependencies: { web: '^1' } } },
      { web: { dependencies: { cookie: '^2' } }, cookie: { version: '2.0.2', engines: { node: '>=22' } } },
    );
    const r = await check(dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('lib (engines.node >=20.19): cookie@2.0.2 needs node >=22, via lib > web > cookie');
  });

  it('fails on a range that allows a Node version the dependency excludes (21 in >=20.19 against 20 || >=22)', async () => {
    const dir = tree({ lib: { engines: { node: '>=20.19' }, dependencies: { glob: '^1' } } }, { glob: { engines: { node: '20 || >=22' } } });
    expect((await check(dir)).code).toBe(1);
  });

  it('passes when the declared range is within every dependency’s, skips private packages and dependencies that claim nothing', async () => {
    const dir = tree(
      {
        server: { engines: { node: '>=22' }, dependencies: { cookie: '^2', plain: '^1' } },
        workbench: { private: true, engines: { node: '>=18' }, dependencies: { cookie: '^2' } },
      },
      { cookie: { engines: { node: '>=22' } }, plain: {} },
    );
    expect(await check(dir)).toMatchObject({ code: 0 });
  });

  it('asks every published package to declare engines.node', async () => {
    const r = await check(tree({ lib: {} }, {}));
    expect(r.code).toBe(1);
    expect(r.out).toContain('engines.node must be declared');
  });

  it("passes on the repository's packages", async () => {
    expect(await check()).toMatchObject({ code: 0 });
  });
});
