/**
 * The roll-up's "unplaced" entries (issue 18): teams whose way up breaks at an ended unit with no single
 * `full` successor, one entry per such unit, at its level. Each entry also lists the units below it that
 * fell out with it (the villages of a split commune, say), with their teams, so that an official sees
 * which places need a `parentHistory` or `orgUnitHistory`, not only the top one.
 */
import { clean } from '../internal/numbers.js';
import { NOT_VALID, UNPLACED, teamUnitIdOn, type UnitPlacement } from '../dataset/placement.js';
import type { RollupUnplaced, RollupUnplacedUnit, SubjectResult } from '../evaluate/types.js';
import type { OrgUnit, Team } from '../model/types.js';

interface Entry {
  teamIds: string[];
  members: number;
  scored: number;
  sumScore: number;
  sumPercent: number;
  ratings: Map<string, number>;
}

/** Unplaced teams and results, by the ended unit where their way up broke. */
export class Unplaced {
  private readonly at = new Map<OrgUnit, Entry>();
  /** Per placement slot: the unplaced teams serving that unit directly, and their active members. */
  private readonly ownTeams = new Map<number, { teams: number; members: number }>();

  constructor(private readonly placement: UnitPlacement | undefined) {}

  private entry(unit: OrgUnit): Entry {
    let e = this.at.get(unit);
    if (e === undefined) this.at.set(unit, (e = { teamIds: [], members: 0, scored: 0, sumScore: 0, sumPercent: 0, ratings: new Map() }));
    return e;
  }

  /** An unplaced team with its active members, under the ended unit where its way broke. */
  team(unit: OrgUnit, team: Team, members: number): void {
    const e = this.entry(unit);
    e.teamIds.push(team.id);
    e.members += members;
    const p = this.placement;
    if (p === undefined) return;
    // The unit it serves, when that unit is in force but cut off above (a village of a split commune).
    const s = p.slot(teamUnitIdOn(team, p.asOf));
    if (s === undefined || p.parent[s] === NOT_VALID) return;
    const own = this.ownTeams.get(s);
    if (own === undefined) this.ownTeams.set(s, { teams: 1, members });
    else {
      own.teams += 1;
      own.members += members;
    }
  }

  result(unit: OrgUnit, r: SubjectResult): void {
    const e = this.entry(unit);
    e.scored += 1;
    e.sumScore += r.score;
    e.sumPercent += r.percent;
    if (r.rating !== null) e.ratings.set(r.rating.id, (e.ratings.get(r.rating.id) ?? 0) + 1);
  }

  /**
   * The entries, by unit id; tier ratings always shown, other rating ids where counted. Called once, at
   * the end: it adds the entries of ended units that only units (no team) fell out under.
   */
  entries(ratingIds: readonly string[], tierCount: number): RollupUnplaced[] {
    const below = this.unitsBelow();
    // A unit that fell out with no team in or below it still has its entry: nothing leaves silently.
    for (const u of below.keys()) this.entry(u);
    return [...this.at]
      .sort(([a], [b]) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(([u, e]) => {
        const ratings: Record<string, number> = {};
        ratingIds.forEach((id, k) => {
          const v = e.ratings.get(id) ?? 0;
          if (k < tierCount || v > 0) ratings[id] = v;
        });
        return {
          orgUnitId: u.id,
          name: u.name,
          level: u.level,
          teams: e.teamIds.length,
          members: e.members,
          scored: e.scored,
          meanScore: e.scored === 0 ? null : clean(e.sumScore / e.scored),
          meanPercent: e.scored === 0 ? null : clean(e.sumPercent / e.scored),
          ratings,
          teamIds: e.teamIds.sort(),
          units: below.get(u) ?? [],
        };
      });
  }

  /**
   * Per ended unit with an entry: the units in force on the date whose way up breaks there, depth first
   * (children by id), each with the unplaced teams in it and below it.
   */
  private unitsBelow(): Map<OrgUnit, RollupUnplacedUnit[]> {
    const out = new Map<OrgUnit, RollupUnplacedUnit[]>();
    const p = this.placement;
    if (p === undefined) return out;
    const n = p.units.length;
    const children = new Map<number, number[]>();
    const tops = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const b = p.brokeAt[i]!;
      if (b < 0 || p.parent[i] === NOT_VALID) continue;
      const parent = p.parent[i]!;
      const list = parent === UNPLACED ? tops : children;
      const key = parent === UNPLACED ? b : parent;
      const l = list.get(key);
      if (l === undefined) list.set(key, [i]);
      else l.push(i);
    }
    const byId = (a: number, b: number): number => (p.units[a]!.id < p.units[b]!.id ? -1 : 1);
    // Subtree counts, post-order, iteratively.
    const teams = new Map<number, { teams: number; members: number }>();
    const count = (root: number): void => {
      const order: number[] = [];
      const stack = [root];
      while (stack.length > 0) {
        const s = stack.pop()!;
        order.push(s);
        for (const c of children.get(s) ?? []) stack.push(c);
      }
      for (let k = order.length - 1; k >= 0; k--) {
        const s = order[k]!;
        const own = this.ownTeams.get(s);
        const t = { teams: own?.teams ?? 0, members: own?.members ?? 0 };
        for (const c of children.get(s) ?? []) {
          const ct = teams.get(c)!;
          t.teams += ct.teams;
          t.members += ct.members;
        }
        teams.set(s, t);
      }
    };
    for (const [b, roots] of tops) {
      const list: RollupUnplacedUnit[] = [];
      for (const r of roots) count(r);
      const stack = [...roots].sort(byId).reverse();
      while (stack.length > 0) {
        const s = stack.pop()!;
        const u = p.units[s]!;
        const t = teams.get(s)!;
        list.push({ orgUnitId: u.id, name: u.name, level: u.level, teams: t.teams, members: t.members });
        const kids = [...(children.get(s) ?? [])].sort(byId);
        for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]!);
      }
      out.set(p.units[b]!, list);
    }
    return out;
  }
}
