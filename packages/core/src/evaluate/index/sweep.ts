import type { Team } from '../../model/types.js';
import type { TeamActivity } from '../../plugin/fact-index.js';
import type { Sweep } from './build.js';
import { smallInt } from './shapes.js';
import { TeamIndex } from './teams.js';

/** Activity of most teams in one pass over all reports (see {@link SweepIndex.sweepReports}). */
export class SweepIndex extends TeamIndex {
  /**
   * One pass over all reports, in dataset order, summing each team's team-level reports of its expected
   * months into a row of one array. Reading the reports in the order they sit in memory is what makes it
   * cheaper than team by team. It gives exactly the per-team result when the team's reports come in
   * month order (the sums then add in the same order) and none is a member's report in an expected month:
   * every other team is marked to take the per-team path, as are all teams when some metric does not sum
   * over time.
   */
  protected sweepReports(): Sweep | false {
    const c = this.catalog;
    const teams = this.teamList;
    const nt = teams.length;
    const n = this.activityMetricIds.length;
    if (!c.activitySumOnly || nt === 0) return false;
    const lo = new Int32Array(nt);
    const hi = new Int32Array(nt);
    const ok = new Uint8Array(nt);
    const months = new Int32Array(nt);
    const last = new Int32Array(nt);
    for (let s = 0; s < nt; s++) {
      const t = teams[s]!;
      // Dates that are not strings throw on the per-team path; keep them there.
      if (typeof t.establishedOn !== 'string' || (t.disbandedOn !== undefined && typeof t.disbandedOn !== 'string')) continue;
      this.setRange(t);
      lo[s] = this.rangeLo;
      hi[s] = this.rangeHi;
      last[s] = -1;
      ok[s] = 1;
    }
    const sums = new Float64Array(nt * n);
    const reports = this.reports;
    const slots = this.reportSlot;
    const slotOf = c.activitySlot;
    try {
      for (let i = 0; i < reports.length; i++) {
        const s = slots[i]!;
        if (s >= nt || ok[s] !== 1) continue;
        const r = reports[i]!;
        const pos = this.monthPosition(r.month);
        if (pos === undefined || pos < lo[s]! || pos > hi[s]!) continue;
        const prev = last[s]!;
        if (r.memberId !== undefined || pos < prev) {
          ok[s] = 0; // a member's report, or months out of order: per team
          continue;
        }
        if (pos === prev) continue; // the month's first report counts
        const metrics = r.metrics;
        if (metrics == null) {
          ok[s] = 0; // the per-team path throws
          continue;
        }
        const base = s * n;
        for (const key in metrics) {
          const k = slotOf.get(key);
          if (k !== undefined) sums[base + k] = sums[base + k]! + metrics[key]!;
        }
        last[s] = pos;
        months[s] = months[s]! + 1;
      }
      // Then the rows of the columns, by the same rules: first which rows count (and where their sums go),
      // then each metric column from top to bottom. A (team, metric) sum adds its rows in row order either
      // way, so the figures are the same as row by row; reading one column at a time reads memory in order.
      const objectCount = reports.length;
      const monthColumn = this.columnMonth;
      const memberColumn = this.columnMember;
      const rows = monthColumn.length;
      const rowBase = rows === 0 ? undefined : new Int32Array(rows).fill(-1);
      for (let j = 0; j < rows; j++) {
        const s = slots[objectCount + j]!;
        if (s >= nt || ok[s] !== 1) continue;
        const pos = this.monthPosition(monthColumn[j]);
        if (pos === undefined || pos < lo[s]! || pos > hi[s]!) continue;
        const prev = last[s]!;
        if ((memberColumn !== undefined && memberColumn[j] != null) || pos < prev) {
          ok[s] = 0; // its rows may already be marked: the sums of a team not ok are never read
          continue;
        }
        if (pos === prev) continue;
        rowBase![j] = s * n;
        last[s] = pos;
        months[s] = months[s]! + 1;
      }
      const values = this.columnValues;
      const columnSlot = this.columnSlot;
      for (let c = 0; c < values.length && rowBase !== undefined; c++) {
        const k = columnSlot[c]!;
        if (k < 0) continue;
        const column = values[c]!;
        for (let j = 0; j < rows; j++) {
          const base = rowBase[j]!;
          if (base < 0) continue;
          const v = column[j];
          if (v != null) sums[base + k] = sums[base + k]! + v;
        }
      }
    } catch {
      return false; // a getter that throws, say: leave everything to the per-team path
    }
    let remaining = 0;
    for (let s = 0; s < nt; s++) remaining += ok[s]!;
    return { lo, hi, ok, months, sums, remaining };
  }

  protected activityFromSweep(t: Team, slot: number, sweep: Sweep): TeamActivity {
    const lo = sweep.lo[slot]!;
    const hi = sweep.hi[slot]!;
    const memberMonthsExpected = this.memberMonths(t, lo, hi, undefined);
    const sums = sweep.sums!;
    const values = this.totalValues;
    for (let i = 0, base = slot * values.length; i < values.length; i++) values[i] = smallInt(sums[base + i]!);
    const totals = this.catalog.makeTotals(values as number[]);
    sweep.ok[slot] = 2;
    sweep.remaining -= 1;
    if (sweep.remaining === 0) sweep.sums = undefined; // every row read: let it go
    return {
      monthsExpected: this.monthRun(lo, Math.max(0, hi - lo + 1)),
      monthsReported: sweep.months[slot]!,
      memberMonthsExpected,
      memberMonthsReported: 0,
      totals,
    };
  }
}
