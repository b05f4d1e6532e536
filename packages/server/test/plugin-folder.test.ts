import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/index.js';
import { loadPlugins, PluginLoadError } from '../src/plugins.js';

const repo = resolve(import.meta.dirname, '../../..');

describe('--plugin with a package folder', () => {
  it('loads the example plugin package and serves the presets it ships', async () => {
    const app = await buildApp({ logger: false, underPressure: false, plugins: ['./examples/custom-plugin'], cwd: repo });
    try {
      const list = await app.inject({ method: 'GET', url: '/v1/presets' });
      expect(list.statusCode).toBe(200);
      const ids = (list.json() as { presets: { id: string }[] }).presets.map((p) => p.id);
      expect(ids).toContain('digital-family');
      expect(ids).toContain('national-2023');
    } finally {
      await app.close();
    }
  });

  it('says to build a package folder that has no entry file yet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnscd-plugin-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', type: 'module', exports: { '.': { import: './dist/index.js' } } }));
    mkdirSync(join(dir, 'src'));
    const err = await loadPlugins([dir], repo).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PluginLoadError);
    expect((err as Error).message).toMatch(/run `npm run build` in/);
  });
});
