import {
  CnscdError,
  resolveCriteriaSet,
  type CriteriaSet,
  type ExtendsClause,
  type IsoDate,
  type LocalizedText,
  type Registry,
  type ResolvedCriteriaSet,
  type SourceDocument,
  type Subject,
} from '@cnscd/core';
import semver from 'semver';
import type { GoldenCase, PresetCase } from './cases.js';
import { PRESET_FILES } from './generated.js';
import { resolveSourceRows, type PresetSources, type SourceRowFrom } from './sources.js';

/**
 * A preset as listed by {@link listPresets}: what it is, without its criteria.
 *
 * @example
 * ```ts
 * const info: PresetInfo | undefined = listPresets().find((p) => p.id === 'dti-team-density');
 * info?.subject; // { kind: 'orgUnit', level: 'commune' }
 * ```
 */
export interface PresetInfo {
  readonly id: string;
  readonly version: string;
  readonly title: LocalizedText;
  readonly description?: LocalizedText;
  /** What the preset scores; for a preset that extends another, the subject it inherits. */
  readonly subject: Subject;
  /** The documents the preset is derived from (its own list, as authored). */
  readonly sources: readonly SourceDocument[];
  readonly effective?: { readonly from: IsoDate; readonly to?: IsoDate };
  readonly extends?: ExtendsClause;
  /** How many golden cases ship with it. */
  readonly cases: number;
}

/**
 * Options of {@link getPreset} and {@link resolvePreset}.
 *
 * @example
 * ```ts
 * getPreset('national-2023', { version: '^1', asOf: '2023-12-31' });
 * ```
 */
export interface GetPresetOptions {
  /** A version or semver range (e.g. `1.0.0`, `^1`); default: the newest. */
  readonly version?: string;
  /** Only a version whose `effective` dates include this date (`YYYY-MM-DD`). */
  readonly asOf?: IsoDate;
}

interface Entry {
  readonly set: CriteriaSet;
  readonly sources: PresetSources | undefined;
  readonly cases: readonly PresetCase[];
}

const ENTRIES: readonly Entry[] = PRESET_FILES.map((f) => ({
  set: f.preset as CriteriaSet,
  sources: f.sources as PresetSources | undefined,
  cases: f.cases.map((c) => ({ name: c.name, ...(c.data as GoldenCase) })),
}));

/** Versions of one id, newest first. */
function versionsOf(id: string): Entry[] {
  return ENTRIES.filter((e) => e.set.id === id).sort((a, b) => semver.rcompare(a.set.version, b.set.version));
}

const inForce = (set: CriteriaSet, asOf: IsoDate): boolean =>
  set.effective === undefined || (set.effective.from <= asOf && (set.effective.to === undefined || asOf <= set.effective.to));

/**
 * Whether a criteria set is a version `options` asks for: its version equal to `options.version` or in that
 * semver range (an invalid range matches only itself), and in force on `options.asOf`. Prerelease versions
 * match a range as release versions do (`includePrerelease`), as core checks `extends` ranges and plugin
 * ranges: a base that core would accept must be one the lookup can find.
 *
 * @example
 * ```ts
 * presetMatches({ ...set, version: '2.1.0-rc.1' }, { version: '^2' }); // true
 * ```
 */
export function presetMatches(set: CriteriaSet, options: GetPresetOptions = {}): boolean {
  const range = options.version;
  const versionOk = range === undefined || range === set.version || semver.satisfies(set.version, range, { includePrerelease: true });
  return versionOk && (options.asOf === undefined || inForce(set, options.asOf));
}

/**
 * The one preset lookup: of `candidates` (versions of one preset id, each with its `set`), the newest that
 * {@link presetMatches} `options`; the first of equal versions. The registry here and the server's catalog
 * (bundled and local presets) both pick with it.
 *
 * @example
 * ```ts
 * selectPreset([{ set: v1 }, { set: v2 }], { version: '^1' })?.set.version; // '1.0.0'
 * ```
 */
export function selectPreset<E extends { readonly set: CriteriaSet }>(candidates: Iterable<E>, options: GetPresetOptions = {}): E | undefined {
  let best: E | undefined;
  for (const e of candidates) {
    if (presetMatches(e.set, options) && (best === undefined || semver.gt(e.set.version, best.set.version))) best = e;
  }
  return best;
}

function find(id: string, options: GetPresetOptions): Entry | undefined {
  return selectPreset(versionsOf(id), options);
}

function findOrThrow(id: string, options: GetPresetOptions): Entry {
  const entry = find(id, options);
  if (entry !== undefined) return entry;
  const known = versionsOf(id);
  const why =
    known.length === 0
      ? `no preset "${id}" (known: ${[...new Set(ENTRIES.map((e) => e.set.id))].join(', ')})`
      : `no version of "${id}"${options.version === undefined ? '' : ` matching ${options.version}`}${
          options.asOf === undefined ? '' : ` in force on ${options.asOf}`
        } (versions: ${known.map((e) => `${e.set.version}${e.set.effective === undefined ? '' : ` effective ${e.set.effective.from}–${e.set.effective.to ?? ''}`}`).join(', ')})`;
  throw new CnscdError('PRESET_NOT_FOUND', `Preset not found: ${why}.`);
}

/** The subject a set scores, following `extends` through the registry (no validation). */
function subjectOf(set: CriteriaSet, seen: Set<string> = new Set()): Subject {
  if (set.subject !== undefined) return set.subject;
  if (set.extends === undefined || seen.has(set.id)) return { kind: 'team' };
  seen.add(set.id);
  const base = resolveBase(set.extends.id, set.extends.version);
  return base === undefined ? { kind: 'team' } : subjectOf(base, seen);
}

/**
 * Every preset shipped with the package (newest version of each id first, then by id).
 *
 * @example
 * ```ts
 * import { listPresets } from '@cnscd/criteria-presets';
 * for (const p of listPresets()) console.log(p.id, p.version, p.title.vi, p.subject.kind);
 * ```
 */
export function listPresets(): PresetInfo[] {
  return [...ENTRIES]
    .sort((a, b) => (a.set.id < b.set.id ? -1 : a.set.id > b.set.id ? 1 : semver.rcompare(a.set.version, b.set.version)))
    .map(({ set, cases }) => ({
      id: set.id,
      version: set.version,
      title: set.title,
      ...(set.description === undefined ? {} : { description: set.description }),
      subject: subjectOf(set),
      sources: set.sources ?? [],
      ...(set.effective === undefined ? {} : { effective: set.effective }),
      ...(set.extends === undefined ? {} : { extends: set.extends }),
      cases: cases.length,
    }));
}

/**
 * A preset's raw criteria set, as authored (with `extends` unresolved). Throws
 * `CnscdError('PRESET_NOT_FOUND')` when no version matches.
 *
 * @example
 * ```ts
 * import { getPreset } from '@cnscd/criteria-presets';
 * const set = getPreset('thai-nguyen-2025', { asOf: '2025-12-31' });
 * set.extends; // { id: 'national-2023', version: '^1.0.0', remove: ['core-youth-union'] }
 * ```
 */
export function getPreset(id: string, options: GetPresetOptions = {}): CriteriaSet {
  return findOrThrow(id, options).set;
}

/**
 * The newest version of a preset whose effective dates include `asOf`, or `undefined` (never throws).
 *
 * @example
 * ```ts
 * import { presetInForce } from '@cnscd/criteria-presets';
 * presetInForce('national-2023', '2023-12-31')?.version; // '2.0.0'
 * presetInForce('national-2023', '2025-06-30');          // undefined: superseded by national-2024
 * ```
 */
export function presetInForce(id: string, asOf: IsoDate): CriteriaSet | undefined {
  return find(id, { asOf })?.set;
}

/**
 * Finds a base set for `extends`: the newest shipped version of `id` that satisfies `versionRange`.
 * Pass it to core's `evaluate`, `validateCriteriaSet` or `resolveCriteriaSet` so that a province's own
 * set can extend a shipped preset.
 *
 * @example
 * ```ts
 * import { evaluate } from '@cnscd/core';
 * import { resolveBase } from '@cnscd/criteria-presets';
 * const mine = { id: 'my-province', version: '1.0.0', title: { vi: '…', en: '…' },
 *   extends: { id: 'national-2024', version: '^1' }, parameters: { householdsFiveSkillsTarget: { value: 0.8 } } };
 * const result = await evaluate(dataset, mine, { period: '2025', resolveBase });
 * ```
 */
export function resolveBase(id: string, versionRange?: string): CriteriaSet | undefined {
  return find(id, versionRange === undefined ? {} : { version: versionRange })?.set;
}

/**
 * A preset resolved for evaluation: `extends` applied, parameters and ratings merged, checked against the
 * registry. Throws `CnscdError('PRESET_NOT_FOUND')` or `CnscdError('CRITERIA_SET_INVALID')` (with
 * `problems`).
 *
 * @example
 * ```ts
 * import { resolvePreset } from '@cnscd/criteria-presets';
 * const set = resolvePreset('national-2024');
 * set.lineage;          // ['national-2023@1.0.0', 'national-2024@1.0.0']
 * set.criteria.length;  // 12
 * ```
 */
export function resolvePreset(id: string, options: GetPresetOptions & { readonly registry?: Registry } = {}): ResolvedCriteriaSet {
  const set = getPreset(id, options);
  return resolveCriteriaSet(set, { resolveBase, ...(options.registry === undefined ? {} : { registry: options.registry }) });
}

/**
 * The golden cases shipped with a preset (inputs and hand-worked expected results), named after their
 * files. Throws `CnscdError('PRESET_NOT_FOUND')` for an unknown id.
 *
 * @example
 * ```ts
 * import { presetCases } from '@cnscd/criteria-presets';
 * presetCases('dti-team-density').map((c) => c.name); // ['inactive-members-and-teams', …]
 * ```
 */
export function presetCases(id: string, options: Pick<GetPresetOptions, 'version'> = {}): readonly PresetCase[] {
  return findOrThrow(id, options).cases;
}

/**
 * A preset's "derived vs chosen" table: for each of its numbers, whether it comes from a document (which,
 * dated, which line), is interpolated (how) or is chosen by the preset (why). With `extends`, the base's
 * rows for what is inherited unchanged come first, marked with the base's id in `from`. Throws
 * `CnscdError('PRESET_NOT_FOUND')` for an unknown id.
 *
 * @example
 * ```ts
 * import { formatSourcesTable, presetSources } from '@cnscd/criteria-presets';
 * const rows = presetSources('thai-nguyen-2025');
 * rows.filter((r) => r.origin === 'chosen').map((r) => r.what.en); // what a province may change freely
 * process.stdout.write(formatSourcesTable(rows, 'vi', 'thai-nguyen-2025'));
 * ```
 */
export function presetSources(id: string, options: Pick<GetPresetOptions, 'version'> = {}): SourceRowFrom[] {
  const rowsOf = (entry: Entry, depth: number): SourceRowFrom[] =>
    resolveSourceRows(entry.set, entry.sources, (baseId, range) => {
      const base = depth > 16 ? undefined : find(baseId, range === undefined ? {} : { version: range });
      return base === undefined ? undefined : { set: base.set, rows: rowsOf(base, depth + 1) };
    });
  return rowsOf(findOrThrow(id, options), 0);
}
