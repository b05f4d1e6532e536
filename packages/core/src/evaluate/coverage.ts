/**
 * Warnings about the evaluation period against the months the dataset has reports for: a period no team
 * reported in (`NO_REPORTS_IN_PERIOD`), and a period that runs beyond the dataset's months
 * (`PERIOD_OUTSIDE_DATA`). Without them, `--period 2030` on reports that end in 2025 rates every team Weak
 * with no problem at all: the reports are simply not there, and every activity fact counts zero.
 *
 * The dataset's months are its `window` when it declares one (its own statement of the months it covers),
 * else its first to its last reported month. A month between those without any report is not flagged: it
 * cannot be told from a month in which no team did anything, and each team's own gaps are what
 * `monthsReported` and `reportingRate` measure. Months in which no team existed yet (or any more) are not
 * flagged either: no report was due (this is what keeps a period that starts before new teams were set up
 * quiet). Both warnings are given only when the criteria set reads reports (see {@link readsReports}): a
 * set scored on composition or area indicators alone is not made wrong by missing reports.
 */
import { problem, type Problem } from '../errors.js';
import { render } from '../messages/define.js';
import { EVALUATION_MESSAGES } from '../messages/problems-evaluation.js';
import { monthFromIndex, monthIndex, monthOf } from '../internal/dates.js';
import type { Dataset } from '../model/types.js';
import type { Registry } from '../plugin/registry.js';
import type { Period } from '../plugin/types.js';
import { CORE_PLUGIN, type CompiledSet } from './compile.js';

/**
 * The core facts whose values come from activity reports. Every other core fact gives the same value with
 * or without reports (a test checks it, fact by fact); a plugin's fact might read them, so it counts.
 */
export const REPORT_FACTS: ReadonlySet<string> = new Set([
  'monthsReported',
  'reportingRate',
  'memberReportingRate',
  'activity',
  'tasks',
  'tasksActive',
]);

/** True when a compiled set computes a fact that reads activity reports, or a plugin's fact. */
export function readsReports(compiled: CompiledSet, registry: Registry): boolean {
  return compiled.factIds.some((id) => REPORT_FACTS.has(id) || registry.facts.get(id)?.plugin !== CORE_PLUGIN);
}

/** Months `from`–`to` inclusive (`YYYY-MM`). */
interface MonthRange {
  readonly from: string;
  readonly to: string;
}

/**
 * The period warnings for a dataset (see the top of this file), with path `/period`: at most one of
 * `NO_REPORTS_IN_PERIOD` and `PERIOD_OUTSIDE_DATA`. `asOf` bounds the months a team was due to report in,
 * as it does for `monthsExpected`. One pass over the teams and one over the reports' months.
 *
 * @example
 * ```ts
 * periodProblems(dataset, { from: '2030-01', to: '2030-12' }, '2030-12-31');
 * // [{ code: 'NO_REPORTS_IN_PERIOD', severity: 'warning', path: '/period', params: { period: {…}, reports: { from: '2025-01', to: '2025-12' } }, … }]
 * ```
 */
export function periodProblems(dataset: Dataset, period: Period, asOf: string): Problem[] {
  const due = monthsDue(dataset, period, asOf);
  if (due === undefined) return []; // no team existed during the period: nothing was due, nothing is missing

  // The reports' months: first, last, and whether any falls in the period (strings compare as months).
  let first: string | undefined;
  let last: string | undefined;
  let inPeriod = false;
  const see = (m: unknown): void => {
    if (typeof m !== 'string') return;
    if (first === undefined || m < first) first = m;
    if (last === undefined || m > last) last = m;
    if (!inPeriod && m >= period.from && m <= period.to) inPeriod = true;
  };
  const reports = dataset.reports ?? [];
  for (let i = 0; i < reports.length; i++) see(reports[i]!.month);
  const columnMonths = dataset.reportColumns?.month ?? [];
  for (let i = 0; i < columnMonths.length; i++) see(columnMonths[i]);
  const reported: MonthRange | undefined = first === undefined || last === undefined ? undefined : { from: first, to: last };

  if (!inPeriod) {
    return [
      problem('NO_REPORTS_IN_PERIOD', '/period', render(EVALUATION_MESSAGES, 'noReportsInPeriod', { period, reports: reported }), {
        period: { from: period.from, to: period.to },
        reports: reported ?? null,
      }),
    ];
  }

  // Reports fall in the period, so `reported` is defined; the window, when declared, is the dataset's word.
  const window = dataset.window;
  const covered: MonthRange = window !== undefined ? { from: window.from, to: window.to } : reported!;
  const uncovered: MonthRange[] = [];
  if (due.from < covered.from) uncovered.push({ from: due.from, to: minMonth(due.to, previousMonth(covered.from)) });
  if (due.to > covered.to) uncovered.push({ from: maxMonth(due.from, nextMonth(covered.to)), to: due.to });
  if (uncovered.length === 0) return [];
  const source = window !== undefined ? 'window' : 'reports';
  return [
    problem('PERIOD_OUTSIDE_DATA', '/period', render(EVALUATION_MESSAGES, 'periodOutsideData', { period, covered, source, uncovered }), {
      period: { from: period.from, to: period.to },
      covered,
      source,
      uncovered,
    }),
  ];
}

/**
 * The first and last months of the period in which some team was due to report: from the month it was
 * established to the month it was disbanded, and not after the month of `asOf` (as `monthsExpected`
 * counts them); undefined when there is none.
 */
function monthsDue(dataset: Dataset, period: Period, asOf: string): MonthRange | undefined {
  const asOfMonth = monthOf(asOf);
  const periodEnd = minMonth(period.to, asOfMonth);
  let from: string | undefined;
  let to: string | undefined;
  const teams = dataset.teams;
  for (let i = 0; i < teams.length; i++) {
    const t = teams[i]!;
    if (typeof t.establishedOn !== 'string') continue;
    const start = maxMonth(monthOf(t.establishedOn), period.from);
    const end = typeof t.disbandedOn === 'string' ? minMonth(monthOf(t.disbandedOn), periodEnd) : periodEnd;
    if (end < start) continue;
    if (from === undefined || start < from) from = start;
    if (to === undefined || end > to) to = end;
  }
  return from === undefined || to === undefined ? undefined : { from, to };
}

const minMonth = (a: string, b: string): string => (a < b ? a : b);
const maxMonth = (a: string, b: string): string => (a > b ? a : b);
const previousMonth = (m: string): string => monthFromIndex(monthIndex(m) - 1);
const nextMonth = (m: string): string => monthFromIndex(monthIndex(m) + 1);
