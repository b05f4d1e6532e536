/**
 * Where a unit or a team sits on a date: the one placement rule that evaluation, roll-ups and the index
 * share (issue 18, the reform of 1 July 2025).
 *
 * As of a date, a unit's parent is the one in force that day (`parentHistory`, else `parentId`). If that
 * parent is not valid on the date and has ended with `successors`, its way is followed while it has exactly
 * one successor and that successor is `full` (chains allowed: village → old commune → new commune). When
 * the way is ambiguous (partial successors, several successors, a successor not valid either), the unit is
 * **unplaced**: it and everything below it are counted under an "unplaced" entry named by the ended unit
 * where the way broke, never dropped and never counted twice. A team is placed the same way from the unit
 * in force for it (`orgUnitHistory`, else `orgUnitId`).
 *
 * A dataset that uses none of the lineage fields (`successors`, `parentHistory`, `orgUnitHistory`) keeps
 * the rule cnscd always had, and is not placed here at all: a unit whose parent is not valid on the date is
 * a root, and a team whose unit is not valid is not counted. Once a dataset uses any of them, the rule
 * above applies to all of it: a parent (or a team's unit) not in force that day with no single full
 * successor — ended without successors, split, or not yet begun — makes the unit (or team) unplaced.
 *
 * Everything is computed once per date into arrays by unit slot: a lookup is an array read.
 */
import type { Dataset, OrgUnit, Team } from '../model/types.js';

/** `parent[slot]`: the unit has no parent on the date (a root). */
export const ROOT = -1;
/** `parent[slot]`: the unit's way up broke; `brokeAt[slot]` names where. */
export const UNPLACED = -2;
/** `parent[slot]`: the unit is not valid on the date (or is not a unit's first record). */
export const NOT_VALID = -3;

/** The placement of a dataset's units on one date. Slots are positions in `units`. */
export interface UnitPlacement {
  readonly asOf: string;
  readonly units: readonly OrgUnit[];
  /** Per slot: the placed parent's slot, {@link ROOT}, {@link UNPLACED} or {@link NOT_VALID}. */
  readonly parent: Int32Array;
  /**
   * Per slot: the slot of the ended unit where the way up from this unit breaks (this unit's own link or an
   * ancestor's), or -1 when the unit is placed.
   */
  readonly brokeAt: Int32Array;
  /** A unit id's slot, or undefined for an id that is not a unit's. */
  readonly slot: (id: string) => number | undefined;
}

/** True when a dataset uses any lineage field (successors, parentHistory, orgUnitHistory). */
export function hasLineage(dataset: Pick<Dataset, 'orgUnits' | 'teams'>): boolean {
  for (const u of dataset.orgUnits) if (u.successors !== undefined || u.parentHistory !== undefined) return true;
  for (const t of dataset.teams) if (t.orgUnitHistory !== undefined) return true;
  return false;
}

/** Valid on the date? */
export function unitValidOn(u: OrgUnit, date: string): boolean {
  return (u.validFrom === undefined || u.validFrom <= date) && (u.validTo === undefined || u.validTo >= date);
}

/** The parent in force on a date: the first `parentHistory` entry whose `until` is on or after it, else `parentId`. */
export function parentIdOn(u: OrgUnit, date: string): string | null {
  const history = u.parentHistory;
  if (history !== undefined) for (const h of history) if (date <= h.until) return h.parentId;
  return u.parentId ?? null;
}

/** The unit a team serves on a date: the first `orgUnitHistory` entry whose `until` is on or after it, else `orgUnitId`. */
export function teamUnitIdOn(t: Team, date: string): string {
  const history = t.orgUnitHistory;
  if (history !== undefined) for (const h of history) if (date <= h.until) return h.orgUnitId;
  return t.orgUnitId;
}

/**
 * From a unit slot, the slot of the unit that stands for it on the date: itself when valid, else the end
 * of its chain of single full successors; `-(2 + s)` when the way breaks at slot `s`.
 */
function follow(start: number, p: { units: readonly OrgUnit[]; slot: (id: string) => number | undefined; asOf: string }): number {
  let s = start;
  // Bounded: validation refuses successor cycles, but the index tolerates invalid data.
  for (let steps = 0; steps <= 64; steps++) {
    const v = p.units[s]!;
    if (unitValidOn(v, p.asOf)) return s;
    const successors = v.successors;
    if (successors === undefined || v.validTo === undefined || v.validTo >= p.asOf || successors.length !== 1 || successors[0]!.part !== 'full')
      return -(2 + s);
    const next = p.slot(successors[0]!.id);
    if (next === undefined) return -(2 + s);
    s = next;
  }
  return -(2 + s);
}

/**
 * Place every unit on `asOf`. `units` are the first records of each id; `slotOf` maps an id to its
 * position in `units` (it may hold more ids, at positions past the end, which are treated as unknown).
 *
 * @example
 * ```ts
 * const units = [
 *   { id: 'C1', name: 'Xã cũ', level: 'commune', validTo: '2025-06-30', successors: [{ id: 'N', part: 'full' }] },
 *   { id: 'N', name: 'Xã mới', level: 'commune', validFrom: '2025-07-01' },
 *   { id: 'V', name: 'Thôn', level: 'village', parentId: 'C1' },
 * ] as const;
 * const p = placeUnits(units, new Map([['C1', 0], ['N', 1], ['V', 2]]), '2026-01-01');
 * p.parent[2]; // 1: the village sits in the new commune
 * ```
 */
export function placeUnits(units: readonly OrgUnit[], slotOf: ReadonlyMap<string, number>, asOf: string): UnitPlacement {
  const n = units.length;
  const known = (id: string): number | undefined => {
    const s = slotOf.get(id);
    return s !== undefined && s < n ? s : undefined;
  };
  const ctx = { units, slot: known, asOf };
  const parent = new Int32Array(n).fill(NOT_VALID);
  const direct = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const u = units[i]!;
    if (!unitValidOn(u, asOf)) continue;
    const pid = parentIdOn(u, asOf);
    if (pid === null || pid === u.id) {
      parent[i] = ROOT;
      continue;
    }
    const ps = known(pid);
    if (ps === undefined) {
      parent[i] = ROOT;
      continue;
    }
    const r = follow(ps, ctx);
    if (r >= 0) parent[i] = r === i ? ROOT : r;
    else {
      parent[i] = UNPLACED;
      direct[i] = -r - 2;
    }
  }
  // brokeAt: a unit's own break, else its nearest ancestor's; iterative, memoised, cycles left placed
  // (they never reach a root, so nothing counts them, as before).
  const brokeAt = new Int32Array(n).fill(-1);
  const state = new Uint8Array(n); // 0 unknown, 1 in progress, 2 done
  const path: number[] = [];
  for (let i = 0; i < n; i++) {
    if (state[i] !== 0 || parent[i] === NOT_VALID) continue;
    let s = i;
    while (state[s] === 0 && parent[s]! >= 0) {
      state[s] = 1;
      path.push(s);
      s = parent[s]!;
    }
    let b = -1;
    if (state[s] === 2) b = brokeAt[s]!;
    else if (state[s] === 0) {
      b = parent[s] === UNPLACED ? direct[s]! : -1;
      brokeAt[s] = b;
      state[s] = 2;
    } // state 1: a cycle; its units stay unplaced-free (-1)
    while (path.length > 0) {
      const t = path.pop()!;
      brokeAt[t] = b;
      state[t] = 2;
    }
  }
  return { asOf, units, parent, brokeAt, slot: known };
}

/** Where a team counts on the date: a unit slot (>= 0); `TEAM_NOT_COUNTED` (-1); or `-(2 + s)`, unplaced at slot `s`. */
export const TEAM_NOT_COUNTED = -1;

/**
 * Place a team on the placement's date: the slot of the unit it counts under, {@link TEAM_NOT_COUNTED}
 * when its unit is unknown (a `DANGLING_REFERENCE`), or `-(2 + s)` when it is unplaced, `s` being the slot
 * of the unit not in force where its way broke.
 *
 * @example
 * ```ts
 * const r = placeTeam(team, placement);
 * if (r <= -2) console.log('unplaced at', placement.units[-r - 2]!.id);
 * ```
 */
export function placeTeam(t: Team, placement: UnitPlacement): number {
  const s = placement.slot(teamUnitIdOn(t, placement.asOf));
  if (s === undefined) return TEAM_NOT_COUNTED;
  const r = follow(s, placement);
  if (r < 0) return r;
  const b = placement.brokeAt[r]!;
  return b >= 0 ? -(2 + b) : r;
}
