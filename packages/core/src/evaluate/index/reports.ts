import { TASKS, type Task, type Team } from '../../model/types.js';
import { reportFromColumns } from '../../model/report-columns.js';
import type { TeamActivity } from '../../plugin/fact-index.js';
import type { ReportGroups } from './groups.js';
import { LAST, MAX, SUM, smallInt, taggedScratch } from './shapes.js';
import { SweepIndex } from './sweep.js';

/** A team's activity over the period (team by team where the sweep cannot), and tasks from totals. */
export class ActivityIndex extends SweepIndex {
  /**
   * A team's activity over the period. Per month, a team-level report is the team's figure; without one,
   * its members' reports are summed (so nothing is counted twice).
   */
  teamActivity(t: Team): TeamActivity {
    if (t === this.lastActivityTeam) return this.lastActivity!;
    const s = this.slotOfTeam(t);
    let memo = s === undefined ? this.activityOfUnknown.get(t.id) : this.activityMemo[s];
    if (memo === undefined) {
      memo = this.computeActivity(t, s);
      if (s === undefined) this.activityOfUnknown.set(t.id, memo);
      else this.activityMemo[s] = memo;
    }
    this.lastActivityTeam = t;
    this.lastActivity = memo;
    return memo;
  }

  protected computeActivity(t: Team, slot: number | undefined): TeamActivity {
    this.sweep ??= this.sweepReports();
    if (this.sweep !== false && slot !== undefined && slot < this.teamList.length && this.sweep.ok[slot] === 1 && this.teamList[slot] === t) {
      return this.activityFromSweep(t, slot, this.sweep);
    }
    // Expected months as a range of period positions: no per-team sets or date strings.
    this.setRange(t);
    const lo = this.rangeLo;
    const hi = this.rangeHi;
    const span = Math.max(0, hi - lo + 1);
    const reports = this.reports;
    const objectCount = reports.length;
    const rowAt = this.rowAt;
    rowAt.fill(-1, 0, span);
    let memberRows: number[][] | undefined;
    let memberSeen: Set<string> | undefined;
    if (slot !== undefined) {
      const { start, order } = this.reportGroups();
      for (let j = start[slot]!, to = start[slot + 1]!; j < to; j++) {
        const ri = order[j]!;
        const r = ri < objectCount ? reports[ri]! : undefined;
        const month = r !== undefined ? r.month : this.columnMonth[ri - objectCount];
        const pos = this.monthPosition(month);
        if (pos === undefined || pos < lo || pos > hi) continue;
        const k = pos - lo;
        const memberId = r !== undefined ? r.memberId : (this.columnMember?.[ri - objectCount] ?? undefined);
        if (memberId === undefined) {
          if (rowAt[k]! < 0) rowAt[k] = ri;
        } else {
          const key = `${memberId}\u0000${month}`;
          memberSeen ??= new Set();
          if (memberSeen.has(key)) continue;
          memberSeen.add(key);
          memberRows ??= Array.from({ length: span }, () => []);
          memberRows[k]!.push(ri);
        }
      }
    }
    const memberMonthsExpected = this.memberMonths(t, lo, hi, memberSeen);
    const memberMonthsReported = this.memberMonthsReported;
    // One pass over each month's own metrics: sum (and count, max and last when some metric needs them)
    // per metric slot, then each metric's time aggregation.
    const c = this.catalog;
    const sumOnly = c.activitySumOnly;
    const { sum, count, max, lastV } = this;
    sum.fill(0);
    if (!sumOnly) {
      count.fill(0);
      max.fill(0);
      lastV.fill(0);
    }
    let monthsReported = 0;
    const slotOf = c.activitySlot;
    for (let k = 0; k < span; k++) {
      const ri = rowAt[k]!;
      const rows = memberRows?.[k];
      if (ri < 0 && (rows === undefined || rows.length === 0)) continue;
      monthsReported += 1;
      if (ri >= objectCount) {
        this.addColumnRow(ri - objectCount, sumOnly);
      } else if (ri >= 0 && sumOnly) {
        // The common case, inline: sums only, over the month's team-level report.
        const metrics = reports[ri]!.metrics;
        if (metrics == null) Object.entries(metrics); // unvalidated data: throw the TypeError Object.entries threw
        for (const key in metrics) {
          const i = slotOf.get(key);
          if (i !== undefined) sum[i] = sum[i]! + metrics[key]!;
        }
      } else if (ri >= 0) {
        this.addMetrics(reports[ri]!.metrics, sumOnly);
      } else {
        const monthSum: Record<string, number> = {};
        for (const g of rows!) {
          const metrics = g < objectCount ? reports[g]!.metrics : reportFromColumns(this.dataset.reportColumns!, g - objectCount).metrics;
          for (const [key, v] of Object.entries(metrics)) monthSum[key] = (monthSum[key] ?? 0) + v;
        }
        this.addMetrics(monthSum, sumOnly);
      }
    }
    const how = c.activityOverTime;
    const values = this.totalValues;
    for (let i = 0; i < values.length; i++) {
      const h = how[i];
      values[i] = smallInt(h === SUM ? sum[i]! : h === LAST ? lastV[i]! : h === MAX ? max[i]! : count[i] === 0 ? 0 : sum[i]! / count[i]!);
    }
    const totals = c.makeTotals(values as number[]);
    return { monthsExpected: this.monthRun(lo, span), monthsReported, memberMonthsExpected, memberMonthsReported, totals };
  }

  /** Reports grouped by team slot: a counting sort (stable, so dataset order within a team). */
  protected reportGroups(): ReportGroups {
    if (this.groups === undefined) {
      const slots = this.reportSlot;
      const start = new Int32Array(this.teamSlot.size + 1);
      for (let i = 0; i < slots.length; i++) start[slots[i]! + 1] = start[slots[i]! + 1]! + 1;
      for (let s = 0; s < this.teamSlot.size; s++) start[s + 1] = start[s + 1]! + start[s]!;
      const next = start.slice(0, this.teamSlot.size);
      const order = new Int32Array(slots.length);
      for (let i = 0; i < slots.length; i++) {
        const s = slots[i]!;
        order[next[s]!] = i;
        next[s] = next[s]! + 1;
      }
      this.groups = { start, order };
    }
    return this.groups;
  }

  /** Adds one month's metrics to the scratch sums (a keyed read per catalog metric was megamorphic and slow). */
  protected addMetrics(metrics: Readonly<Record<string, number>>, sumOnly: boolean): void {
    if (metrics == null) Object.entries(metrics); // unvalidated data: throw the TypeError Object.entries threw
    const slotOf = this.catalog.activitySlot;
    const sum = this.sum;
    if (sumOnly) {
      for (const k in metrics) {
        const i = slotOf.get(k);
        if (i !== undefined) sum[i] = sum[i]! + metrics[k]!;
      }
      return;
    }
    const { count, max, lastV } = this;
    for (const k in metrics) {
      const i = slotOf.get(k);
      if (i === undefined) continue;
      const v = metrics[k]!;
      sum[i] = sum[i]! + v;
      count[i] = count[i]! + 1;
      if (v > max[i]!) max[i] = v;
      lastV[i] = v;
    }
  }

  /** Adds row `j` of the columns to the scratch sums, as {@link addMetrics} adds a report's metrics. */
  protected addColumnRow(j: number, sumOnly: boolean): void {
    const values = this.columnValues;
    const columnSlot = this.columnSlot;
    const { sum, count, max, lastV } = this;
    for (let c = 0; c < values.length; c++) {
      const i = columnSlot[c]!;
      const v = values[c]![j];
      if (i < 0 || v == null) continue;
      sum[i] = sum[i]! + v;
      if (sumOnly) continue;
      count[i] = count[i]! + 1;
      if (v > max[i]!) max[i] = v;
      lastV[i] = v;
    }
  }

  /** Activity totals summed over teams (activity metrics aggregate up the hierarchy by sum). */
  activityOfTeams(teams: readonly Team[]): Record<string, number> {
    const ids = this.activityMetricIds;
    const up = this.catalog.activityUpSum;
    // Not a shared scratch array: teamActivity below fills that one.
    const values = taggedScratch(ids.length) as number[];
    values.fill(0);
    for (const t of teams) {
      const a = this.teamActivity(t).totals;
      for (let i = 0; i < ids.length; i++) if (up[i] === 1) values[i] = values[i]! + (a[ids[i]!] ?? 0);
    }
    return this.catalog.makeTotals(values);
  }

  /** Totals per basic task from activity totals. */
  tasks(totals: Readonly<Record<string, number>>): Record<Task, number> {
    const c = this.catalog;
    const builtin = c.builtinTasks?.(totals);
    if (builtin !== undefined) return builtin;
    const ids = this.activityMetricIds;
    const acc = this.taskSum;
    acc.fill(0);
    let numbers = c.tasksKnown;
    for (let i = 0; numbers && i < ids.length; i++) {
      const task = c.activityTask[i]!;
      if (task < 0) continue;
      const v = totals[ids[i]!] ?? 0;
      if (typeof v !== 'number') numbers = false;
      else acc[task] = acc[task]! + v;
    }
    if (!numbers) {
      // Tasks outside TASKS or values that are not numbers: the general path, with `+=`'s own semantics.
      const out = Object.fromEntries(TASKS.map((t) => [t, 0])) as Record<Task, number>;
      for (const id of ids) {
        const task = this.metrics.get(id)!.task;
        if (task !== undefined) out[task] += totals[id] ?? 0;
      }
      return out;
    }
    // A literal, keys in TASKS order (checked by a test).
    return {
      publicServices: smallInt(acc[0]!),
      onlineShopping: smallInt(acc[1]!),
      onlinePayment: smallInt(acc[2]!),
      cyberSafety: smallInt(acc[3]!),
      localPlatforms: smallInt(acc[4]!),
    };
  }
}
