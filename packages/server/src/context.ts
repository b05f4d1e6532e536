/**
 * The scoring context shared by the API and the CLI: plugins loaded into a registry, and the preset
 * catalog (bundled presets plus a validated presets folder).
 */
import { resolve } from 'node:path';
import { createRegistry, type Plugin } from '@cnscd/core';
import type { ScoringContext } from './pipeline.js';
import { loadPlugins } from './plugins.js';
import { bundledPresetEntries, createCatalog, loadPresetsDir } from './presets.js';

/** What {@link createScoringContext} needs. */
export interface ScoringContextOptions {
  readonly plugins?: readonly (string | Plugin)[];
  readonly presetsDir?: string | undefined;
  readonly cwd?: string;
}

/**
 * Load plugins and presets. Throws `PluginLoadError`, core's `CnscdError` (`PLUGIN_*`) or
 * `PresetsDirError` (naming each invalid preset file and its problems).
 *
 * @example
 * ```ts
 * const ctx = await createScoringContext({ presetsDir: './presets', plugins: ['./hue-s.js'] });
 * ctx.catalog.list();
 * ```
 */
export async function createScoringContext(options: ScoringContextOptions = {}): Promise<ScoringContext> {
  const cwd = options.cwd ?? process.cwd();
  const registry = createRegistry(await loadPlugins(options.plugins ?? [], cwd));
  const bundled = bundledPresetEntries();
  const local = options.presetsDir === undefined ? [] : await loadPresetsDir(resolve(cwd, options.presetsDir), registry, bundled, cwd);
  return { registry, catalog: createCatalog([...bundled, ...local], registry) };
}
