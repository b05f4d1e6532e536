/**
 * Area indicators (population, households) re-expressed on the units of another date (`rollupAsOf`,
 * issue 18). Team counts and scores move with their teams; an area figure belongs to a piece of land, so
 * it moves along the units' `successors`:
 *
 * - a unit that exists on both dates keeps its own figure for the period (its own row, else the sum of its
 *   children on the evaluation date, as without re-expression);
 * - an ended unit's figure goes along its successors: whole along a single link without `share` that is
 *   `full`, times `share` along a link that has one, and along chains (village → old commune → new commune);
 * - a link that is `partial` (or one of several) and has no `share` cannot be split: the units it reaches
 *   are marked not comparable for the metrics the ended unit had, and the figure is not carried;
 * - a unit that received nothing (it did not exist during the period and nothing went into it) sums its
 *   children on the other date; a sum over a not comparable child is not comparable either.
 *
 * A figure already inside another one that lands on the same unit is not added twice: an ended unit whose
 * ancestor on the evaluation date lands on the same unit (a district that went fully into its province)
 * adds nothing there. Figures are kept per metric; a unit is marked when any of its metrics is.
 */
import { clean } from '../internal/numbers.js';
import { parentIdOn } from '../dataset/placement.js';
import type { DatasetIndex } from '../evaluate/indexer.js';
import type { OrgUnit } from '../model/types.js';

/** The roll-up's units on the other date, in hierarchy order (children after their parent). */
export interface ReexpressTree {
  readonly order: readonly OrgUnit[];
  readonly slotOf: ReadonlyMap<string, number>;
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
}

/** Area figures by roll-up slot, and which are not comparable. */
export interface Reexpressed {
  /** Per slot: metric id → figure (defined metrics only). */
  readonly area: readonly Readonly<Record<string, number | undefined>>[];
  /** Per slot: 1 when some area figure of the unit (or a link into it) cannot be split without a share. */
  readonly notComparable: Uint8Array;
  /** True when `metric`'s figure at `slot` is not comparable. */
  isNotComparable(slot: number, metric: string): boolean;
}

/** A link found while following successors: weight NaN for a link that cannot be split. */
interface Landing {
  readonly from: OrgUnit;
  readonly slot: number;
  readonly weight: number;
}

/** Chains of successors longer than this are cut (validation refuses cycles; this bounds invalid data). */
const MAX_CHAIN = 64;

/**
 * Re-express the evaluation index's area figures on `placeOn`'s units (see the file comment).
 *
 * @example
 * ```ts
 * const r = reexpressArea(index, placeOn, tree);
 * r.area[tree.slotOf.get('N1')!]!.population; // the old communes' populations that went into N1
 * ```
 */
export function reexpressArea(index: DatasetIndex, placeOn: DatasetIndex, tree: ReexpressTree): Reexpressed {
  const ids = index.areaMetricIds;
  const m = ids.length;
  const n = tree.order.length;
  const landings: Landing[] = [];
  const landsOn = new Map<OrgUnit, Set<number>>();
  const land = (from: OrgUnit, slot: number, weight: number): void => {
    landings.push({ from, slot, weight });
    let set = landsOn.get(from);
    if (set === undefined) landsOn.set(from, (set = new Set()));
    set.add(slot);
  };
  const ambiguous = new Uint8Array(n);
  for (const u of index.units.values()) {
    if (!index.unitActive(u)) continue; // no figure of its own for the period
    if (placeOn.unitActive(u)) {
      const s = tree.slotOf.get(u.id);
      if (s !== undefined) land(u, s, 1);
      continue;
    }
    follow(u, index, placeOn, tree, (slot, weight) => {
      if (Number.isNaN(weight)) ambiguous[slot] = 1;
      land(u, slot, weight);
    });
  }

  // Per slot and metric: the sum of what landed (`has`), and whether any of it could not be split.
  const landed = new Float64Array(n * m);
  const has = new Uint8Array(n * m);
  const bad = new Uint8Array(n * m);
  for (const { from, slot, weight } of landings) {
    if (coveredByAncestor(from, slot, index, landsOn)) continue;
    const area = index.area(from.id);
    for (let k = 0; k < m; k++) {
      const v = area[ids[k]!];
      if (v === undefined) continue;
      const at = slot * m + k;
      if (Number.isNaN(weight)) bad[at] = 1;
      else {
        landed[at] = landed[at]! + v * weight;
        has[at] = 1;
      }
    }
  }

  // Bottom-up: a unit with nothing of its own for a metric sums its children's figures for it.
  const upSum = ids.map((id) => index.metrics.get(id)?.upHierarchy === 'sum');
  const value = new Float64Array(n * m);
  const defined = new Uint8Array(n * m);
  const notComparable = ambiguous.slice();
  for (let i = n - 1; i >= 0; i--) {
    for (let k = 0; k < m; k++) {
      const at = i * m + k;
      if (has[at] === 1) {
        value[at] = landed[at]!;
        defined[at] = 1;
      } else if (upSum[k]) {
        for (let c = tree.firstChild[i]!; c >= 0; c = tree.nextSibling[c]!) {
          const ct = c * m + k;
          if (defined[ct] === 1) {
            value[at] = value[at]! + value[ct]!;
            defined[at] = 1;
          }
          if (bad[ct] === 1) bad[at] = 1;
        }
      }
      if (bad[at] === 1) notComparable[i] = 1;
    }
  }
  const area: Record<string, number | undefined>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const out: Record<string, number | undefined> = {};
    for (let k = 0; k < m; k++) if (defined[i * m + k] === 1) out[ids[k]!] = clean(value[i * m + k]!);
    area[i] = out;
  }
  const slotOfMetric = new Map(ids.map((id, k) => [id, k]));
  return {
    area,
    notComparable,
    isNotComparable(slot, metric) {
      const k = slotOfMetric.get(metric);
      return k !== undefined && bad[slot * m + k] === 1;
    },
  };
}

/**
 * From an ended unit, every roll-up slot its figure reaches, with its weight: the product of the shares
 * on the way (1 along a single `full` link without share), NaN once a link cannot be split.
 */
function follow(
  start: OrgUnit,
  index: DatasetIndex,
  placeOn: DatasetIndex,
  tree: ReexpressTree,
  reach: (slot: number, weight: number) => void,
): void {
  const stack: { unit: OrgUnit; weight: number; depth: number }[] = [{ unit: start, weight: 1, depth: 0 }];
  while (stack.length > 0) {
    const { unit, weight, depth } = stack.pop()!;
    const links = unit.successors;
    // Successors count only once the unit has ended before the other date (not for a later date's units).
    if (links === undefined || unit.validTo === undefined || unit.validTo >= placeOn.asOf || depth >= MAX_CHAIN) continue;
    for (const link of links) {
      const next = index.units.get(link.id);
      if (next === undefined) continue;
      const w = link.share !== undefined ? weight * link.share : link.part === 'full' && links.length === 1 ? weight : Number.NaN;
      if (placeOn.unitActive(next)) {
        const s = tree.slotOf.get(next.id);
        if (s !== undefined) reach(s, w);
      } else stack.push({ unit: next, weight: w, depth: depth + 1 });
    }
  }
}

/** True when an ancestor of `u` on the evaluation date lands on `slot` too (its figure includes `u`'s). */
function coveredByAncestor(u: OrgUnit, slot: number, index: DatasetIndex, landsOn: ReadonlyMap<OrgUnit, ReadonlySet<number>>): boolean {
  let current = u;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    const pid = parentIdOn(current, index.asOf);
    if (pid === null || pid === current.id) return false;
    const p = index.units.get(pid);
    if (p === undefined) return false;
    if (landsOn.get(p)?.has(slot) === true) return true;
    current = p;
  }
  return false;
}
