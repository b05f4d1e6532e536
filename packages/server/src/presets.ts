/**
 * The preset catalog the API serves: the bundled presets of `@cnscd/criteria-presets` plus a province's
 * own criteria sets from a folder, validated at boot. One lookup rule for both, criteria-presets'
 * `selectPreset`: an id, optionally a version (exact, or a semver range) and a date (the version in force
 * then); the highest match wins.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import semver from 'semver';
import { CnscdError, validateCriteriaSet, type CriteriaSet, type LocalizedText, type Registry, type ResolvedCriteriaSet } from '@cnscd/core';
import { selectPreset } from '@cnscd/criteria-presets';
import { bundledPresetDocuments } from './internal/bundled.js';
import { parseJsonText, type JsonTextResult } from './internal/json-text.js';
import type { ProblemItem } from './problems.js';

/** Where a preset comes from. */
export type PresetSource = 'bundled' | 'local';

/** A preset as listed by `GET /v1/presets` and `cnscd presets`: its newest version, and all versions. */
export interface PresetSummary {
  readonly id: string;
  readonly version: string;
  readonly title: LocalizedText;
  readonly versions: readonly string[];
  readonly source: PresetSource;
  readonly effective?: { readonly from: string; readonly to?: string };
}

/** One criteria-set document of the catalog. */
export interface PresetEntry {
  readonly set: CriteriaSet;
  readonly source: PresetSource;
  /** The file it was read from (local presets). */
  readonly file?: string;
}

/** How to pick a version. */
export interface PresetQuery {
  /** An exact version or a semver range; default: any. */
  readonly version?: string;
  /** Only versions in force on this date (`effective`), `YYYY-MM-DD`. */
  readonly asOf?: string;
}

/** The presets the app serves, immutable after boot. */
export interface PresetCatalog {
  /** Newest version of every preset id, sorted by id. */
  list(): PresetSummary[];
  /** The best matching entry, or undefined. */
  find(id: string, query?: PresetQuery): PresetEntry | undefined;
  /** `find`, then `extends` applied and checked against the registry; throws `PRESET_NOT_FOUND`. */
  resolve(id: string, query?: PresetQuery): ResolvedCriteriaSet;
  /** For core's `validateCriteriaSet`/`evaluate`: the base set named by `extends`. */
  resolveBase(id: string, versionRange?: string): CriteriaSet | undefined;
}

/** A preset file that failed validation at boot. */
export interface PresetFileProblem {
  readonly file: string;
  /** Core's problems, or `MALFORMED_JSON` (a code of the server's registry) for a file that is not JSON. */
  readonly problems: readonly ProblemItem[];
}

/**
 * The presets folder has invalid files; the server refuses to start. `message` lists each file, pointer,
 * code and message; `files` has them as data.
 *
 * @example
 * ```ts
 * try { await buildApp({ presetsDir: './presets' }); } catch (e) {
 *   if (e instanceof PresetsDirError) for (const f of e.files) console.error(f.file, f.problems.length);
 * }
 * ```
 */
export class PresetsDirError extends Error {
  override readonly name = 'PresetsDirError';
  readonly files: readonly PresetFileProblem[];
  constructor(dir: string, files: readonly PresetFileProblem[]) {
    const lines = files.flatMap((f) =>
      f.problems.filter((p) => p.severity === 'error').map((p) => `  ${f.file}#${p.path}: [${p.code}] ${p.message.en}`),
    );
    super(`Invalid presets in ${dir}:\n${lines.join('\n')}`);
    this.files = files;
  }
}

const byVersionDesc = (a: PresetEntry, b: PresetEntry): number => semver.rcompare(a.set.version, b.set.version);

/**
 * Split `id@version` (version optional).
 *
 * @example
 * ```ts
 * parsePresetRef('national-2024@^2'); // { id: 'national-2024', version: '^2' }
 * ```
 */
export function parsePresetRef(ref: string): { id: string; version?: string } {
  const at = ref.indexOf('@');
  return at <= 0 ? { id: ref } : { id: ref.slice(0, at), version: ref.slice(at + 1) };
}

/**
 * Build a catalog over preset documents (bundled first, then local; a local set may extend a bundled one).
 * Entries are assumed valid; {@link loadPresetsDir} validates local files.
 *
 * @example
 * ```ts
 * const catalog = createCatalog([...bundled, ...local], registry);
 * catalog.resolve('national-2024', { asOf: '2025-06-30' }).criteria.length;
 * ```
 */
export function createCatalog(entries: readonly PresetEntry[], registry: Registry): PresetCatalog {
  const byId = new Map<string, PresetEntry[]>();
  for (const e of entries) {
    const list = byId.get(e.set.id) ?? [];
    list.push(e);
    byId.set(e.set.id, list);
  }
  for (const list of byId.values()) list.sort(byVersionDesc);
  const resolved = new Map<string, ResolvedCriteriaSet>();

  // The lookup rule of @cnscd/criteria-presets, over bundled and local presets alike.
  const find = (id: string, query: PresetQuery = {}): PresetEntry | undefined => selectPreset(byId.get(id) ?? [], query);
  const resolveBase = (id: string, versionRange?: string): CriteriaSet | undefined =>
    find(id, versionRange === undefined ? {} : { version: versionRange })?.set;

  return {
    list() {
      return [...byId.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([id, list]) => {
          const newest = list[0]!;
          const base = { id, version: newest.set.version, title: newest.set.title, versions: list.map((e) => e.set.version), source: newest.source };
          return newest.set.effective === undefined ? base : { ...base, effective: newest.set.effective };
        });
    },
    find,
    resolveBase,
    resolve(id, query = {}) {
      const entry = find(id, query);
      if (entry === undefined) {
        const wanted = [query.version === undefined ? '' : `version ${query.version}`, query.asOf === undefined ? '' : `in force on ${query.asOf}`]
          .filter((s) => s !== '')
          .join(', ');
        const known = byId.has(id);
        throw new CnscdError('PRESET_NOT_FOUND', known ? `Preset "${id}" has no ${wanted}.` : `No preset "${id}".`);
      }
      const key = `${entry.set.id}@${entry.set.version}`;
      const cached = resolved.get(key);
      if (cached !== undefined) return cached;
      const v = validateCriteriaSet(entry.set, { registry, resolveBase });
      if (!v.valid || v.criteriaSet === undefined) {
        throw new CnscdError('CRITERIA_SET_INVALID', `Preset ${key} is invalid with the loaded plugins.`, { problems: v.problems });
      }
      resolved.set(key, v.criteriaSet);
      return v.criteriaSet;
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The preset files of a folder: `*.json` in it and `<sub>/preset.json` one level down, sorted. */
export async function presetFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.json')) files.push(join(dir, entry.name));
    else if (entry.isDirectory() && (await exists(join(dir, entry.name, 'preset.json')))) {
      files.push(join(dir, entry.name, 'preset.json'));
    }
  }
  return files.sort();
}

/**
 * Read and validate a province's presets folder against the registry; sets may extend each other or a
 * bundled preset. Throws {@link PresetsDirError} naming every invalid file and its problems (and a
 * duplicate id@version), so the server refuses to start rather than serve a broken set.
 *
 * @example
 * ```ts
 * const local = await loadPresetsDir('./presets', registry, bundledPresetEntries());
 * ```
 */
export async function loadPresetsDir(
  dir: string,
  registry: Registry,
  bundled: readonly PresetEntry[],
  cwd: string = process.cwd(),
): Promise<PresetEntry[]> {
  const root = resolve(cwd, dir);
  let files: string[];
  try {
    files = await presetFiles(root);
  } catch (cause) {
    throw new Error(`Cannot read the presets folder ${root}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  const failures: PresetFileProblem[] = [];
  const parsed: { file: string; doc: unknown }[] = [];
  for (const file of files) {
    const name = relative(cwd, file) || file;
    // A BOM is accepted and a syntax error is reported by line and column, never by quoting the file.
    let result: JsonTextResult;
    try {
      result = parseJsonText(await readFile(file, 'utf8'));
    } catch {
      result = { ok: false, error: { offset: -1, atEnd: false, message: { vi: 'Không đọc được tệp', en: 'The file cannot be read' } } };
    }
    if (result.ok) parsed.push({ file: name, doc: result.value });
    else failures.push({ file: name, problems: [{ code: 'MALFORMED_JSON', severity: 'error', path: '', message: result.error.message }] });
  }
  // Local sets may extend each other, so validation looks them up among every parsed document.
  const local: PresetEntry[] = parsed
    .filter(
      (p): p is { file: string; doc: CriteriaSet } =>
        p.doc !== null &&
        typeof p.doc === 'object' &&
        typeof (p.doc as CriteriaSet).id === 'string' &&
        typeof (p.doc as CriteriaSet).version === 'string' &&
        semver.valid((p.doc as CriteriaSet).version) !== null,
    )
    .map((p) => ({ set: p.doc, source: 'local' as const, file: p.file }));
  const lookup = createCatalog([...bundled, ...local], registry);
  const seen = new Map<string, string>();
  for (const b of bundled) seen.set(`${b.set.id}@${b.set.version}`, 'the bundled presets');
  const out: PresetEntry[] = [];
  for (const { file, doc } of parsed) {
    const v = validateCriteriaSet(doc, { registry, resolveBase: lookup.resolveBase });
    if (!v.valid || v.criteriaSet === undefined) {
      failures.push({ file, problems: v.problems });
      continue;
    }
    const set = doc as CriteriaSet;
    const key = `${set.id}@${set.version}`;
    const clash = seen.get(key);
    if (clash !== undefined) {
      failures.push({
        file,
        problems: [
          {
            code: 'DUPLICATE_ID',
            severity: 'error',
            path: '/id',
            message: { vi: `${key} đã có trong ${clash}.`, en: `${key} is already defined by ${clash}.` },
          },
        ],
      });
      continue;
    }
    seen.set(key, file);
    out.push({ set, source: 'local', file });
  }
  if (failures.length > 0) throw new PresetsDirError(root, failures);
  return out;
}

/** The bundled presets as catalog entries. */
export function bundledPresetEntries(): PresetEntry[] {
  return bundledPresetDocuments().map((set) => ({ set, source: 'bundled' as const }));
}
