import { ROOT, teamUnitIdOn } from '../../dataset/placement.js';
import type { OrgUnit, Team } from '../../model/types.js';
import { IndexBase } from './build.js';
import { byId } from './groups.js';

/** Units on the evaluation date: which are valid, their children, roots and descendants, and placement. */
export class UnitIndex extends IndexBase {
  /** Org units valid on the evaluation date, in id order. */
  activeUnits(): OrgUnit[] {
    return [...this.units.values()].filter((u) => this.unitActive(u)).sort(byId);
  }

  unitActive(u: OrgUnit): boolean {
    return (u.validFrom === undefined || u.validFrom <= this.asOf) && (u.validTo === undefined || u.validTo >= this.asOf);
  }

  /** Children valid on the evaluation date, in id order. */
  children(unitId: string): OrgUnit[] {
    const s = this.unitSlot.get(unitId);
    const list = s === undefined ? undefined : this.childrenOf[s];
    return list === undefined ? [] : list.filter((u) => this.unitActive(u));
  }

  /**
   * Roots: units valid on the evaluation date whose parent is absent or not valid then. With lineage:
   * units placed without a parent (an unplaced unit is not a root; see {@link unitUnplacedAt}).
   */
  roots(): OrgUnit[] {
    const placement = this.placement;
    if (placement !== undefined) {
      const out: OrgUnit[] = [];
      for (let i = 0; i < placement.units.length; i++) if (placement.parent[i] === ROOT) out.push(placement.units[i]!);
      return out.sort(byId);
    }
    // Filtered before sorting: a country has ~90,000 units and a few dozen roots.
    return [...this.units.values()]
      .filter((u) => {
        if (!this.unitActive(u)) return false;
        if (u.parentId == null || u.parentId === u.id) return true;
        const p = this.units.get(u.parentId);
        return p === undefined || !this.unitActive(p);
      })
      .sort(byId);
  }

  /** Valid descendants of a unit (not the unit itself), iteratively, cutting cycles. */
  descendants(unitId: string): OrgUnit[] {
    const out: OrgUnit[] = [];
    const seen = new Set<string>([unitId]);
    const stack = [...this.children(unitId)].reverse();
    while (stack.length > 0) {
      const u = stack.pop()!;
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      out.push(u);
      const kids = this.children(u.id);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
    return out;
  }

  /**
   * The id of the unit a team counts under on the evaluation date: its `orgUnitId` without lineage; with
   * lineage, the unit it is placed in, or undefined when it is unplaced or its unit is not valid.
   */
  countedUnitId(t: Team): string | undefined {
    const place = this.teamPlace;
    if (place === undefined) return t.orgUnitId;
    const s = this.slotOfTeam(t);
    if (s === undefined || s >= place.length) return t.orgUnitId;
    const r = place[s]!;
    return r >= 0 ? this.placement!.units[r]!.id : undefined;
  }

  /**
   * The unit whose area figures a team reads on the evaluation date: the unit it serves that day (its
   * `orgUnitHistory`), or with lineage the unit it is placed in, so that a team whose unit went whole into
   * a successor reads the successor's area. An unplaced team keeps its own unit.
   */
  areaUnitId(t: Team): string {
    const own = teamUnitIdOn(t, this.asOf);
    return this.placement === undefined ? own : (this.countedUnitId(t) ?? own);
  }

  /** For an unplaced team, the ended unit where its way up broke (TEAM_UNPLACED); else undefined. */
  unplacedAt(t: Team): OrgUnit | undefined {
    const place = this.teamPlace;
    if (place === undefined) return undefined;
    const s = this.slotOfTeam(t);
    if (s === undefined || s >= place.length) return undefined;
    const r = place[s]!;
    return r <= -2 ? this.placement!.units[-r - 2] : undefined;
  }

  /** For a unit valid on the evaluation date but unplaced (or below an unplaced one), where the way broke. */
  unitUnplacedAt(unitId: string): OrgUnit | undefined {
    const placement = this.placement;
    if (placement === undefined) return undefined;
    const s = this.unitSlot.get(unitId);
    if (s === undefined || s >= placement.units.length) return undefined;
    const b = placement.brokeAt[s]!;
    return b >= 0 ? placement.units[b] : undefined;
  }
}
