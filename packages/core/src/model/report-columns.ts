/**
 * The two forms of activity reports, objects (`Dataset.reports`) and columns (`Dataset.reportColumns`),
 * and the conversions between them. Both are exact: numbers are copied, never rounded, and
 * `fromReportColumns(toReportColumns(reports))` gives back `reports` (the metrics of each report in the
 * order of the columns).
 */
import type { ActivityReport, ReportColumns } from './types.js';

/**
 * The reports as columns: a metric gets a column when some report has a value for it (columns in order of
 * first appearance), and `memberId` only when some report is a member's.
 *
 * @example
 * ```ts
 * toReportColumns([
 *   { teamId: 't1', month: '2025-01', metrics: { householdsVisited: 12 } },
 *   { teamId: 't1', memberId: 'm1', month: '2025-01', metrics: { peopleGuided: 4 } },
 * ]);
 * // { teamId: ['t1', 't1'], month: ['2025-01', '2025-01'], memberId: [null, 'm1'],
 * //   metrics: { householdsVisited: [12, null], peopleGuided: [null, 4] } }
 * ```
 */
export function toReportColumns(reports: readonly ActivityReport[]): ReportColumns {
  const n = reports.length;
  const teamId = new Array<string>(n);
  const month = new Array<string>(n);
  const memberId = new Array<string | null>(n);
  let members = false;
  const metrics: Record<string, (number | null)[]> = Object.create(null) as Record<string, (number | null)[]>;
  for (let i = 0; i < n; i++) {
    const r = reports[i]!;
    teamId[i] = r.teamId;
    month[i] = r.month;
    memberId[i] = r.memberId ?? null;
    if (r.memberId !== undefined) members = true;
    for (const id of Object.keys(r.metrics)) {
      let column = metrics[id];
      if (column === undefined) {
        column = new Array<number | null>(n).fill(null);
        metrics[id] = column;
      }
      column[i] = r.metrics[id]!;
    }
  }
  // A plain object for the result, so that it serialises and compares as JSON does.
  return { teamId, month, ...(members ? { memberId } : {}), metrics: { ...metrics } };
}

/**
 * Row `row` of the columns as a report object (metrics in column order, `null` values left out).
 *
 * @example
 * ```ts
 * reportFromColumns({ teamId: ['t1'], month: ['2025-01'], metrics: { householdsVisited: [12], peopleGuided: [null] } }, 0);
 * // { teamId: 't1', month: '2025-01', metrics: { householdsVisited: 12 } }
 * ```
 */
export function reportFromColumns(columns: ReportColumns, row: number): ActivityReport {
  const metrics: Record<string, number> = {};
  for (const id of Object.keys(columns.metrics)) {
    const value = columns.metrics[id]![row];
    if (value === null || value === undefined) continue;
    // As JSON.parse does: a key "__proto__" (which validation refuses) becomes an own property, never the prototype.
    if (id === '__proto__') Object.defineProperty(metrics, id, { value, enumerable: true, writable: true, configurable: true });
    else metrics[id] = value;
  }
  const memberId = columns.memberId?.[row];
  return memberId === null || memberId === undefined
    ? { teamId: columns.teamId[row]!, month: columns.month[row]!, metrics }
    : { teamId: columns.teamId[row]!, memberId, month: columns.month[row]!, metrics };
}

/**
 * Every row of the columns as report objects, in row order.
 *
 * @example
 * ```ts
 * const reports = [...(dataset.reports ?? []), ...(dataset.reportColumns ? fromReportColumns(dataset.reportColumns) : [])];
 * ```
 */
export function fromReportColumns(columns: ReportColumns): ActivityReport[] {
  const out = new Array<ActivityReport>(columns.teamId.length);
  for (let i = 0; i < out.length; i++) out[i] = reportFromColumns(columns, i);
  return out;
}
