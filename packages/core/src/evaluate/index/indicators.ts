import type { OrgUnit } from '../../model/types.js';
import { indicatorMonth, NO_UNITS } from './groups.js';
import { ActivityIndex } from './reports.js';

/** Area metrics of units (their own latest indicators, else their children's sums) and coverage ratios. */
export class AreaIndex extends ActivityIndex {
  /**
   * Area metrics of a unit: its own latest value up to the end of the period for each metric, else the
   * sum over its valid children (recursively). Undefined when nobody reports the metric.
   */
  area(unitId: string): Readonly<Record<string, number | undefined>> {
    const slot = this.slotOfUnitId(unitId);
    if (slot === undefined) {
      // An id the dataset never mentions: no indicators, no children.
      let r = this.areaOfUnknown.get(unitId);
      if (r === undefined) {
        r = this.areaOfUnit(undefined, NO_UNITS);
        this.areaOfUnknown.set(unitId, r);
      }
      return r;
    }
    const memo = this.areaMemo[slot];
    if (memo !== undefined) return memo;
    if (this.childrenOf[slot] === undefined) {
      // A leaf (most units are villages): no traversal.
      const result = this.areaOfUnit(slot, NO_UNITS);
      this.areaMemo[slot] = result;
      return result;
    }
    // Post-order over the subtree, iteratively, so deep hierarchies cannot overflow the stack. Every id
    // reached is a child of a known unit, so it has a slot.
    const order: number[] = [];
    const seen = new Set<number>();
    const stack = [slot];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (seen.has(s) || this.areaMemo[s] !== undefined) continue;
      seen.add(s);
      order.push(s);
      for (const c of this.activeChildren(s)) stack.push(this.unitSlot.get(c.id)!);
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const s = order[i]!;
      this.areaMemo[s] = this.areaOfUnit(s, this.activeChildren(s));
    }
    return this.areaMemo[slot]!;
  }

  protected activeChildren(slot: number): readonly OrgUnit[] {
    const list = this.childrenOf[slot];
    return list === undefined ? NO_UNITS : list.filter((u) => this.unitActive(u));
  }

  /** One unit's area metrics, its children's already memoised. */
  protected areaOfUnit(unitSlot: number | undefined, kids: readonly OrgUnit[]): Record<string, number | undefined> {
    const c = this.catalog;
    const ids = this.areaMetricIds;
    const slotOf = c.areaSlot;
    const own = this.areaOwn;
    own.fill(undefined);
    const limit = this.period.to;
    const limitYear = this.limitYear;
    const keys = this.areaRowKeys;
    const keySlots = this.areaRowSlots;
    const { start, items } = this.indicatorsOf;
    for (let r = unitSlot === undefined ? 0 : start[unitSlot]!, end = unitSlot === undefined ? 0 : start[unitSlot + 1]!; r < end; r++) {
      const row = items[r]!;
      const p = row.period;
      // indicatorMonth(p) > limit, without building `${p}-12` for a yearly row: the year decides, or on
      // the same year "-12" against the rest of the limit.
      const after =
        typeof p === 'string' && p.length === 4 && limitYear !== undefined
          ? p > limitYear || (p === limitYear && this.decemberAfterLimit)
          : indicatorMonth(p) > limit;
      if (after) break;
      const metrics = row.metrics;
      if (metrics == null) Object.entries(metrics); // unvalidated data: throw the TypeError Object.entries threw
      // Rows mostly share one key order: remember each position's key and slot (one comparison instead
      // of a map lookup per key).
      let j = 0;
      for (const k in metrics) {
        let i: number;
        if (keys[j] === k) i = keySlots[j]!;
        else {
          i = slotOf.get(k) ?? -1;
          keys[j] = k;
          keySlots[j] = i;
        }
        if (i >= 0) own[i] = metrics[k]; // rows are sorted: later wins
        j += 1;
      }
    }
    const kidAreas = kids.length === 0 ? undefined : kids.map((k) => this.areaMemo[this.unitSlot.get(k.id)!]);
    const values = this.areaValues;
    for (let i = 0; i < ids.length; i++) {
      let v = own[i] as number | undefined;
      if (v === undefined && kidAreas !== undefined && c.areaUpSum[i] === 1) {
        const metric = ids[i]!;
        for (let k = 0; k < kidAreas.length; k++) {
          const cv = kidAreas[k]?.[metric];
          if (cv !== undefined) v = (v ?? 0) + cv;
        }
      }
      values[i] = v;
    }
    return c.makeArea(values as (number | undefined)[]);
  }

  /** Coverage ratios (numerator / denominator) from area metrics; undefined without a positive denominator. */
  coverage(area: Readonly<Record<string, number | undefined>>): Record<string, number | undefined> {
    const c = this.catalog;
    const values = this.coverageValues;
    for (let i = 0; i < values.length; i++) {
      const n = area[c.ratioNumerators[i]!];
      const d = area[c.ratioDenominators[i]!];
      values[i] = n === undefined || d === undefined || d <= 0 ? undefined : n / d;
    }
    return c.makeCoverage(values as (number | undefined)[]);
  }
}
