import type { Member, Team } from '../../model/types.js';
import { monthOf } from '../../internal/dates.js';
import { arrayOf, minStr } from './groups.js';
import { UnitIndex } from './units.js';

/** Teams on the evaluation date and in the period, by unit, and their members. */
export class TeamIndex extends UnitIndex {
  teamActive(t: Team): boolean {
    return t.establishedOn <= this.asOf && (t.disbandedOn === undefined || t.disbandedOn >= this.asOf);
  }

  /** Teams that existed during the period, up to the evaluation date. */
  teamInPeriod(t: Team): boolean {
    return t.establishedOn <= this.asOf && (t.disbandedOn === undefined || t.disbandedOn >= this.periodStart);
  }

  /** Teams active on the evaluation date that serve exactly this unit. */
  teamsAt(unitId: string): Team[] {
    const s = this.unitSlot.get(unitId);
    const out: Team[] = [];
    if (s === undefined) return out;
    const { start, items } = this.teamsOf;
    for (let i = start[s]!, end = start[s + 1]!; i < end; i++) if (this.teamActive(items[i]!)) out.push(items[i]!);
    return out;
  }

  /** Teams active on the evaluation date serving the unit or any valid descendant. */
  teamsInSubtree(unitId: string): readonly Team[] {
    let memo = this.subtreeTeamsMemo.get(unitId);
    if (memo === undefined) {
      const list = [...this.teamsAt(unitId)];
      for (const d of this.descendants(unitId)) list.push(...this.teamsAt(d.id));
      memo = list;
      this.subtreeTeamsMemo.set(unitId, memo);
    }
    return memo;
  }

  memberActive(m: Member, date: string = this.asOf): boolean {
    return (m.joinedOn === undefined || m.joinedOn <= date) && (m.leftOn === undefined || m.leftOn >= date);
  }

  /**
   * Members active on the evaluation date (memoised: several facts read them). When every member is
   * active this is the team's own `members` array, not a copy: read it, never change it.
   */
  activeMembers(t: Team): readonly Member[] {
    if (t === this.lastMembersTeam) return this.lastMembers;
    const s = this.slotOfTeam(t);
    let memo = s === undefined ? this.activeMembersOfUnknown.get(t.id) : this.activeMembersMemo[s];
    if (memo === undefined) {
      const all = t.members ?? [];
      let allActive = Array.isArray(all);
      for (let i = 0; allActive && i < all.length; i++) allActive = this.memberActive(all[i]!);
      memo = allActive ? all : all.filter((m) => this.memberActive(m));
      if (s === undefined) this.activeMembersOfUnknown.set(t.id, memo);
      else this.activeMembersMemo[s] = memo;
    }
    this.lastMembersTeam = t;
    this.lastMembers = memo;
    return memo;
  }

  /**
   * Expected member-months: members active at some point in the month. Both bounds move one way as the
   * month advances (joined by its last day, not left before its first), so each member is active over one
   * run of positions [a, b]: find its ends instead of testing every month. The pairs reported (with
   * `memberSeen`, member\0month keys) are left in memberMonthsReported.
   */
  protected memberMonths(t: Team, lo: number, hi: number, memberSeen: ReadonlySet<string> | undefined): number {
    let expected = 0;
    let reported = 0;
    if (hi >= lo) {
      const months = this.periodMonths;
      const members = arrayOf(t.members ?? []);
      for (let i = 0; i < members.length; i++) {
        const m = members[i]!;
        let a = lo;
        if (m.joinedOn !== undefined) while (a <= hi && !(m.joinedOn <= this.monthLast[a]!)) a++;
        let b = hi;
        if (m.leftOn !== undefined) while (b >= a && !(m.leftOn >= this.monthFirst[b]!)) b--;
        if (b < a) continue;
        expected += b - a + 1;
        if (memberSeen !== undefined) {
          for (let pos = a; pos <= b; pos++) if (memberSeen.has(`${m.id}\u0000${months[pos]!}`)) reported += 1;
        }
      }
    }
    this.memberMonthsReported = reported;
    return expected;
  }

  /** The team's expected months as period positions, into rangeLo..rangeHi (empty when rangeHi < rangeLo). */
  protected setRange(t: Team): void {
    const start = monthOf(t.establishedOn);
    const end = t.disbandedOn === undefined ? this.asOfMonth : minStr(monthOf(t.disbandedOn), this.asOfMonth);
    const months = this.periodMonths;
    let lo = 0;
    while (lo < months.length && months[lo]! < start) lo++;
    let hi = months.length - 1;
    while (hi >= 0 && months[hi]! > end) hi--;
    this.rangeLo = lo;
    this.rangeHi = hi;
  }
}
