/**
 * Loading plugins named on the command line or in options: a module id (resolved from `cwd`, like
 * `node_modules` lookups) or a path; its default export must be a core `Plugin` (made with `definePlugin`).
 */
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from '@cnscd/core';

/**
 * Why a plugin could not be loaded; the server refuses to start.
 *
 * @example
 * ```ts
 * await loadPlugins(['./missing.js'], process.cwd()).catch((e) => e instanceof PluginLoadError && e.specifier);
 * ```
 */
export class PluginLoadError extends Error {
  override readonly name = 'PluginLoadError';
  readonly specifier: string;
  constructor(specifier: string, message: string, cause?: unknown) {
    super(`Plugin ${JSON.stringify(specifier)}: ${message}`, cause === undefined ? undefined : { cause });
    this.specifier = specifier;
  }
}

const looksLikePath = (s: string): boolean =>
  s.startsWith('.') || s.startsWith('/') || s.startsWith('file:') || isAbsolute(s) || /\.[cm]?[jt]s$/.test(s);

/** The URL or id to `import()` for a specifier, resolved against `cwd`. */
export function pluginImportTarget(specifier: string, cwd: string): string {
  if (specifier.startsWith('file:')) return specifier;
  if (looksLikePath(specifier)) return pathToFileURL(resolve(cwd, specifier)).href;
  try {
    // Resolve as a package from the caller's folder, not from this file's.
    return pathToFileURL(createRequire(resolve(cwd, 'noop.js')).resolve(specifier)).href;
  } catch {
    return specifier; // ESM-only packages without a "require" condition: let import() resolve it
  }
}

const isPluginLike = (v: unknown): v is Plugin =>
  v !== null && typeof v === 'object' && typeof (v as Plugin).name === 'string' && typeof (v as Plugin).version === 'string';

/**
 * Load plugins. Plugin objects are passed through; strings are imported. Throws {@link PluginLoadError}
 * when a module cannot be imported or has no plugin as its default export. (Whether the plugins fit
 * together is checked by core's `createRegistry`.)
 *
 * @example
 * ```ts
 * const plugins = await loadPlugins(['./plugins/hue-s.js', '@province/cnscd-plugin'], process.cwd());
 * const registry = createRegistry(plugins);
 * ```
 */
export async function loadPlugins(specifiers: readonly (string | Plugin)[], cwd: string): Promise<Plugin[]> {
  const out: Plugin[] = [];
  for (const spec of specifiers) {
    if (typeof spec !== 'string') {
      out.push(spec);
      continue;
    }
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pluginImportTarget(spec, cwd))) as Record<string, unknown>;
    } catch (cause) {
      throw new PluginLoadError(spec, `cannot be imported (${cause instanceof Error ? cause.message : String(cause)}).`, cause);
    }
    let candidate: unknown = mod.default;
    // A CommonJS module compiled from ESM arrives as { default: { default: plugin } }.
    if (!isPluginLike(candidate) && candidate !== null && typeof candidate === 'object') {
      candidate = (candidate as Record<string, unknown>).default;
    }
    if (!isPluginLike(candidate)) {
      throw new PluginLoadError(spec, 'has no default export made with definePlugin({ name, version, core, ... }).');
    }
    out.push(candidate);
  }
  return out;
}
