/**
 * The scoring context shared by the API and the CLI: plugins loaded into a registry, and the preset
 * catalog (bundled presets, the presets plugin packages ship, and a validated presets folder).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRegistry, type Plugin } from '@cnscd/core';
import type { ScoringContext } from './pipeline.js';
import { loadPlugins, pluginPackageRoot } from './plugins.js';
import { bundledPresetEntries, createCatalog, loadPresetsDir, type PresetEntry } from './presets.js';

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
  // Presets ship in plugin packages (`presets/*/preset.json`) as well as in a province's own folder.
  const dirs = (options.plugins ?? [])
    .map((p) => (typeof p === 'string' ? pluginPackageRoot(p, cwd) : undefined))
    .filter((d): d is string => d !== undefined && existsSync(join(d, 'presets')))
    .map((d) => join(d, 'presets'));
  if (options.presetsDir !== undefined) dirs.push(resolve(cwd, options.presetsDir));
  const local: PresetEntry[] = [];
  for (const dir of dirs) local.push(...(await loadPresetsDir(dir, registry, [...bundled, ...local], cwd)));
  return { registry, catalog: createCatalog([...bundled, ...local], registry) };
}
