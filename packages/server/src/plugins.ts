/**
 * Loading plugins named on the command line or in options: a module id (resolved from `cwd`, like
 * `node_modules` lookups) or a path; its default export must be a core `Plugin` (made with `definePlugin`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
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

/** Whether this process resolves the `source` export condition (tsx/vitest runs of the repository). */
function sourceConditionActive(): boolean {
  const args = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)];
  return args.some((a, i) => a === '--conditions=source' || a === '-C=source' || ((a === '--conditions' || a === '-C') && args[i + 1] === 'source'));
}

interface PackageJson {
  readonly exports?: unknown;
  readonly module?: string;
  readonly main?: string;
}

/**
 * The entry file of a plugin package folder: its `exports['.']` (the `source` entry when this process
 * runs with `--conditions=source`, else `import`, else `default`), then `module`, then `main`. A built
 * entry that is missing falls back to `source` if that exists, else the error says to build the package.
 */
export function packageEntry(dir: string, specifier: string): string {
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch (cause) {
    throw new PluginLoadError(specifier, `is a folder without a readable package.json.`, cause);
  }
  const dot = (
    typeof pkg.exports === 'object' && pkg.exports !== null ? ((pkg.exports as Record<string, unknown>)['.'] ?? pkg.exports) : pkg.exports
  ) as unknown;
  const conditions = typeof dot === 'object' && dot !== null ? (dot as Record<string, unknown>) : {};
  const pick = (k: string): string | undefined => (typeof conditions[k] === 'string' ? (conditions[k] as string) : undefined);
  const source = pick('source');
  const built = (typeof dot === 'string' ? dot : undefined) ?? pick('import') ?? pick('default') ?? pkg.module ?? pkg.main;
  const order = sourceConditionActive() ? [source, built] : [built, source];
  for (const entry of order) if (entry !== undefined && existsSync(join(dir, entry))) return join(dir, entry);
  throw new PluginLoadError(specifier, `has no entry file yet (${built ?? 'no "exports", "module" or "main"'}); run \`npm run build\` in ${dir}.`);
}

/** The folder of a plugin package named by a specifier (a package folder, or a package name), if found. */
export function pluginPackageRoot(specifier: string, cwd: string): string | undefined {
  if (specifier.startsWith('file:')) return undefined;
  if (looksLikePath(specifier)) {
    const p = resolve(cwd, specifier);
    return existsSync(p) && statSync(p).isDirectory() ? p : undefined;
  }
  try {
    // Walk up from the resolved entry to the folder with package.json.
    let d = dirname(createRequire(resolve(cwd, 'noop.js')).resolve(specifier));
    while (!existsSync(join(d, 'package.json')) && dirname(d) !== d) d = dirname(d);
    return d;
  } catch {
    return undefined;
  }
}

/** The URL or id to `import()` for a specifier, resolved against `cwd`. A package folder is allowed. */
export function pluginImportTarget(specifier: string, cwd: string): string {
  if (specifier.startsWith('file:')) return specifier;
  if (looksLikePath(specifier)) {
    const p = resolve(cwd, specifier);
    if (existsSync(p) && statSync(p).isDirectory()) return pathToFileURL(packageEntry(p, specifier)).href;
    return pathToFileURL(p).href;
  }
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
    const target = pluginImportTarget(spec, cwd); // throws PluginLoadError itself for an unbuilt folder
    try {
      mod = (await import(target)) as Record<string, unknown>;
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
