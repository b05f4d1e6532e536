/**
 * The metric and ratio catalog as the integrity pass sees it (built-in, then plugins, then the dataset),
 * and the DUPLICATE_ID problems of ids that repeat or clash with it.
 */
import type { ErrorCode, LocalizedText } from '../../../errors.js';
import { render } from '../../../messages/define.js';
import { DATASET_MESSAGES, type RecordKind } from '../../../messages/problems-dataset.js';
import { BUILTIN_METRICS, BUILTIN_RATIOS } from '../../../model/catalog.js';
import type { MetricDefinition, RatioDefinition } from '../../../model/types.js';

export function register<D extends { readonly id: string }>(defs: Layered<D>, sources: Layered<string>, def: D, source: string): void {
  if (defs.has(def.id)) return; // plugin clashes with the catalog are the registry's to report
  defs.set(def.id, def);
  sources.set(def.id, source);
}

export type Add = (code: ErrorCode, path: string, message: LocalizedText, params?: Record<string, unknown>) => void;

/** DUPLICATE_ID at `path`; the first use, at `firstPath`, is in the params only (see the catalogue). */
export function duplicate(add: Add, path: string, firstPath: string, id: string, kind: RecordKind): void {
  add('DUPLICATE_ID', path, render(DATASET_MESSAGES, 'duplicateId', { kind, id }), { id, firstPath });
}

/** DUPLICATE_ID of a dataset metric or ratio whose id is already taken (`source`: a pointer, `builtin` or `plugin`). */
export function clash(add: Add, path: string, id: string, source: string, kind: RecordKind): void {
  if (source.startsWith('/')) {
    duplicate(add, path, source, id, kind);
    return;
  }
  add('DUPLICATE_ID', path, render(DATASET_MESSAGES, 'idClash', { kind, id, definedBy: source === 'builtin' ? 'builtin' : 'plugin' }), {
    id,
    clashesWith: source,
  });
}

export interface CoveragePair {
  readonly numerator: string;
  readonly denominator: string;
  readonly ratios: readonly string[];
}

/**
 * A map made once (the built-in catalog) under a map of one validation's additions: building the catalog
 * metric by metric, or copying a Map (`new Map(map)` walks it through the iterator protocol), was a fifth
 * of validating a one-team dataset. Additions never shadow the base (ids already there are not set).
 */
export class Layered<V> {
  private readonly own = new Map<string, V>();

  constructor(private readonly base: ReadonlyMap<string, V>) {}

  get(id: string): V | undefined {
    return this.base.get(id) ?? this.own.get(id);
  }

  has(id: string): boolean {
    return this.base.has(id) || this.own.has(id);
  }

  set(id: string, value: V): void {
    if (!this.base.has(id)) this.own.set(id, value);
  }

  /** Entries added on top of the base. */
  get added(): number {
    return this.own.size;
  }

  *keys(): IterableIterator<string> {
    yield* this.base.keys();
    yield* this.own.keys();
  }

  *values(): IterableIterator<V> {
    yield* this.base.values();
    yield* this.own.values();
  }
}

// The built-in catalog as maps, made once (see Layered).
export const BUILTIN_METRIC_DEFS: ReadonlyMap<string, MetricDefinition> = new Map(BUILTIN_METRICS.map((m) => [m.id, m]));
export const BUILTIN_METRIC_SOURCES: ReadonlyMap<string, string> = new Map(BUILTIN_METRICS.map((m) => [m.id, 'builtin']));
export const BUILTIN_RATIO_DEFS: ReadonlyMap<string, RatioDefinition> = new Map(BUILTIN_RATIOS.map((r) => [r.id, r]));
export const BUILTIN_RATIO_SOURCES: ReadonlyMap<string, string> = new Map(BUILTIN_RATIOS.map((r) => [r.id, 'builtin']));
/** The coverage pairs of the built-in ratios alone (what a validation uses when nothing adds a ratio). */
export const BUILTIN_COVERAGE: readonly CoveragePair[] = coveragePairs(BUILTIN_RATIO_DEFS);

/** Distinct numerator/denominator pairs, so two ratios over the same pair warn once. */
export function coveragePairs(ratios: { values(): Iterable<RatioDefinition> }): CoveragePair[] {
  const pairs = new Map<string, { numerator: string; denominator: string; ratios: string[] }>();
  for (const r of ratios.values()) {
    const key = `${r.numerator}\u0000${r.denominator}`;
    const pair = pairs.get(key);
    if (pair === undefined) pairs.set(key, { numerator: r.numerator, denominator: r.denominator, ratios: [r.id] });
    else pair.ratios.push(r.id);
  }
  return [...pairs.values()];
}
