import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorCode, Problem } from '../src/errors.js';
import { fromReportColumns, reportFromColumns, toReportColumns } from '../src/model/report-columns.js';
import type { Dataset, ReportColumns } from '../src/model/types.js';
import { DATASET_LIMITS } from '../src/model/dataset-schema.js';
import { validateDataset, validateFast, validateSlow, type DatasetValidation } from '../src/model/validate.js';
import { smallDataset, withReportColumns } from './dataset-fixtures.js';

/**
 * Worked examples of `reportColumns`: the small dataset's five reports as columns, each rule at the
 * pointer of its cell, and the fast path giving the slow path's answer every time.
 */

type Columns = { -readonly [K in keyof ReportColumns]-?: K extends 'metrics' ? Record<string, (number | null)[]> : (string | null)[] };

/** The small dataset with its reports as columns (all of them, or those from `from` on). */
function asColumns(from = 0): Dataset & { reportColumns: Columns } {
  return withReportColumns(smallDataset(), from) as Dataset & { reportColumns: Columns };
}

/** Validate, checking that the fast path (when it answers) agrees with the slow one. */
function validate(d: unknown): DatasetValidation {
  const slow = validateSlow(d, {});
  const fast = validateFast(d, {});
  if (fast !== undefined) expect(fast).toStrictEqual(slow);
  const r = validateDataset(d);
  expect(r).toStrictEqual(slow);
  return r;
}

function only(r: DatasetValidation, code: ErrorCode, path: string): Problem {
  expect(r.problems.map((p) => `${p.code} ${p.path}`)).toEqual([`${code} ${path}`]);
  const p = r.problems[0]!;
  expect(p.message.vi.length).toBeGreaterThan(0);
  expect(p.message.en.length).toBeGreaterThan(0);
  return p;
}

describe('the conversions', () => {
  it('turn the small dataset’s reports into columns and back', () => {
    const reports = smallDataset().reports!;
    const c = toReportColumns(reports);
    expect(c).toEqual({
      teamId: ['T-V01', 'T-V01', 'T-V01', 'T-V01', 'T-C01'],
      month: ['2024-01', '2024-01', '2024-02', '2024-02', '2024-03'],
      memberId: ['m-001', 'm-002', 'm-001', null, null],
      metrics: {
        householdsVisited: [12, 9, 10, null, null],
        vneidLevel2Activations: [7, null, null, null, null],
        guidedOnlinePayment: [null, 4, null, null, null],
        hueSAccounts: [null, null, 3, null, null],
        trainingSessionsHeld: [null, null, null, 1, null],
        trainingAttendees: [null, null, null, 34, null],
        peopleGuided: [null, null, null, null, 120],
        onlineDossiersFiled: [null, null, null, null, 41],
      },
    });
    // Columns in the order metrics first appear; a report's metrics come back in that order.
    expect(Object.keys(c.metrics)[0]).toBe('householdsVisited');
    expect(fromReportColumns(c)).toEqual(reports);
    expect(reportFromColumns(c, 3)).toEqual({ teamId: 'T-V01', month: '2024-02', metrics: { trainingSessionsHeld: 1, trainingAttendees: 34 } });
    expect(reportFromColumns(c, 0)).toEqual(reports[0]);
  });

  it('round-trip any reports exactly (property)', () => {
    const report = fc.record(
      {
        teamId: fc.constantFrom('t1', 't2', 'T-V01'),
        memberId: fc.constantFrom('m1', 'm2'),
        month: fc.constantFrom('2025-01', '2025-02', '2024-12'),
        metrics: fc.dictionary(
          fc.constantFrom('householdsVisited', 'peopleGuided', 'x1', 'hueSAccounts'),
          fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e9, noNaN: true })),
          { noNullPrototype: true },
        ),
      },
      { requiredKeys: ['teamId', 'month', 'metrics'], noNullPrototype: true },
    );
    fc.assert(
      fc.property(fc.array(report, { maxLength: 20 }), (reports) => {
        const c = toReportColumns(reports);
        expect(fromReportColumns(c)).toEqual(reports);
        expect(toReportColumns(fromReportColumns(c))).toEqual(c);
        // Exact: the same doubles, -0 and all (toEqual tells 0 from -0).
        reports.forEach((r, i) => {
          expect(reportFromColumns(c, i).metrics).toEqual(r.metrics);
        });
        for (const column of [c.teamId, c.month, ...(c.memberId === undefined ? [] : [c.memberId]), ...Object.values(c.metrics)])
          expect(column).toHaveLength(reports.length);
      }),
      { numRuns: 300 },
    );
  });

  it('never set a prototype from a column named __proto__ (unvalidated input), as JSON.parse would not', () => {
    const columns = JSON.parse('{"teamId":["t"],"month":["2025-01"],"metrics":{"__proto__":[5],"householdsVisited":[1]}}') as ReportColumns;
    const r = reportFromColumns(columns, 0);
    expect(Object.getPrototypeOf(r.metrics)).toBe(Object.prototype);
    expect(Object.keys(r.metrics)).toEqual(['__proto__', 'householdsVisited']);
    expect(r.metrics).toEqual(JSON.parse('{"__proto__":5,"householdsVisited":1}'));
  });

  it('leave memberId out when every report is a team’s, and keep 0 as a value', () => {
    const c = toReportColumns([
      { teamId: 't', month: '2025-01', metrics: { householdsVisited: 0 } },
      { teamId: 't', month: '2025-02', metrics: {} },
    ]);
    expect(c).toEqual({ teamId: ['t', 't'], month: ['2025-01', '2025-02'], metrics: { householdsVisited: [0, null] } });
    expect('memberId' in c).toBe(false);
    expect(fromReportColumns(c)).toEqual([
      { teamId: 't', month: '2025-01', metrics: { householdsVisited: 0 } },
      { teamId: 't', month: '2025-02', metrics: {} },
    ]);
    expect(toReportColumns([])).toEqual({ teamId: [], month: [], metrics: {} });
  });
});

describe('validating reportColumns', () => {
  it('accepts the small dataset with its reports as columns, or split between both forms, on the fast path', () => {
    for (const from of [0, 2, 5]) {
      const d = asColumns(from);
      expect(validateFast(d, {}), `from ${from}`).toBeDefined();
      expect(validate(d)).toEqual({ valid: true, problems: [], dataset: d });
    }
  });

  it('points at the cell of a field: an unknown team, a member not in the team, a month outside the window', () => {
    let d = asColumns();
    d.reportColumns.teamId[4] = 'T-X99';
    expect(only(validate(d), 'DANGLING_REFERENCE', '/reportColumns/teamId/4').params).toEqual({ id: 'T-X99' });
    d = asColumns();
    d.reportColumns.memberId[2] = 'm-009';
    expect(only(validate(d), 'MEMBER_NOT_IN_TEAM', '/reportColumns/memberId/2').params).toEqual({ teamId: 'T-V01', memberId: 'm-009' });
    d = asColumns();
    d.reportColumns.month[1] = '2025-01';
    const p = only(validate(d), 'REPORT_OUTSIDE_WINDOW', '/reportColumns/month/1');
    expect(p.severity).toBe('warning');
    expect(p.params).toEqual({ month: '2025-01', reason: 'window', from: '2024-01', to: '2024-12' });
  });

  it('a repeated report is a DUPLICATE_REPORT at the row’s teamId cell, across both forms', () => {
    // Within the columns: row 2 repeats row 0 (T-V01, m-001, 2024-01).
    let d = asColumns();
    d.reportColumns.month[2] = '2024-01';
    expect(only(validate(d), 'DUPLICATE_REPORT', '/reportColumns/teamId/2').params).toEqual({
      firstPath: '/reportColumns/teamId/0',
      teamId: 'T-V01',
      month: '2024-01',
      memberId: 'm-001',
    });
    // Between the forms: reports 0–1 stay objects; column row 1 (report 3, the team's 2024-02) now repeats report 0's month and member.
    d = asColumns(2);
    d.reportColumns.memberId[1] = 'm-001';
    d.reportColumns.month[1] = '2024-01';
    const p = only(validate(d), 'DUPLICATE_REPORT', '/reportColumns/teamId/1');
    expect(p.params!['firstPath']).toBe('/reports/0');
    // The first report's place is in params only: the message must not carry a pointer the API cannot rebase.
    expect(p.message.en).not.toContain('/reports/');
  });

  it('an unknown metric is one problem for its column, however many rows have a value', () => {
    const d = asColumns();
    d.reportColumns.metrics['householdVisited'] = [1, 2, 3, null, 5];
    const p = only(validate(d), 'UNKNOWN_METRIC', '/reportColumns/metrics/householdVisited');
    expect(p.params).toEqual({ metric: 'householdVisited', suggestion: 'householdsVisited' });
    // An area metric is known, but not as an activity.
    const area = asColumns();
    area.reportColumns.metrics['population'] = [null, null, null, null, 100];
    expect(only(validate(area), 'UNKNOWN_METRIC', '/reportColumns/metrics/population').params).toEqual({
      metric: 'population',
      kind: 'area',
      expectedKind: 'activity',
    });
  });

  it('a negative or non-finite value is an INVALID_NUMBER at its cell; null is no value', () => {
    const d = asColumns();
    d.reportColumns.metrics['peopleGuided'] = [null, -3, null, null, 120];
    expect(only(validate(d), 'INVALID_NUMBER', '/reportColumns/metrics/peopleGuided/1').params).toEqual({ value: '-3' });
    // NaN and Infinity cannot come from JSON, but can from a TypeScript caller.
    const nan = asColumns();
    nan.reportColumns.metrics['peopleGuided'] = [null, null, Number.NaN, Number.POSITIVE_INFINITY, 120];
    expect(validate(nan).problems.map((p) => `${p.code} ${p.path} ${String(p.params!['value'])}`)).toEqual([
      'INVALID_NUMBER /reportColumns/metrics/peopleGuided/2 NaN',
      'INVALID_NUMBER /reportColumns/metrics/peopleGuided/3 Infinity',
    ]);
  });

  it('a cell of the wrong type is a SCHEMA_VIOLATION at the cell, and the fast path leaves it to the slow one', () => {
    const cases: Array<[(c: any) => void, string]> = [
      [(c) => (c.metrics.peopleGuided[4] = '120'), '/reportColumns/metrics/peopleGuided/4'],
      [(c) => (c.metrics.peopleGuided[4] = true), '/reportColumns/metrics/peopleGuided/4'],
      [(c) => (c.teamId[1] = 7), '/reportColumns/teamId/1'],
      [(c) => (c.teamId[1] = null), '/reportColumns/teamId/1'],
      [(c) => (c.month[0] = '2024-1'), '/reportColumns/month/0'],
      [(c) => (c.memberId[3] = 'bad id'), '/reportColumns/memberId/3'],
    ];
    for (const [fault, path] of cases) {
      const d = asColumns();
      fault(d.reportColumns);
      expect(validateFast(d, {}), path).toBeUndefined();
      const r = validate(d);
      expect(r.valid).toBe(false);
      expect(r.dataset).toBeUndefined();
      expect(
        r.problems.map((p) => `${p.code} ${p.path}`),
        path,
      ).toEqual([`SCHEMA_VIOLATION ${path}`]);
    }
  });

  it('a column without one value per row is a COLUMN_LENGTH_MISMATCH, and nothing else is checked', () => {
    const d = asColumns();
    d.reportColumns.metrics['peopleGuided'] = [1, 2, 3];
    d.reportColumns.memberId.push(null);
    d.reportColumns.teamId[0] = 'T-X99'; // not reported: the rows cannot be read
    const r = validate(d);
    expect(validateFast(d, {})).toBeUndefined();
    expect(r.valid).toBe(false);
    expect(r.dataset).toBeUndefined();
    expect(r.problems.map((p) => [p.code, p.path, p.params])).toEqual([
      ['COLUMN_LENGTH_MISMATCH', '/reportColumns/memberId', { length: 6, rows: 5 }],
      ['COLUMN_LENGTH_MISMATCH', '/reportColumns/metrics/peopleGuided', { length: 3, rows: 5 }],
    ]);
    expect(r.problems[1]!.message.en).toBe('The column has 3 values, but the report columns have 5 rows (the length of the team id column).');
  });

  it('both forms together hold at most DATASET_LIMITS.reports rows: one more is INPUT_TOO_LARGE, and nothing else is checked', () => {
    // Two reports as objects, the rest as columns, padded with rows of one team and month: 2 + 4,999,999.
    const limit = DATASET_LIMITS.reports;
    const padded = (objects: number, total: number): Dataset => {
      const d = asColumns(objects);
      const extra = total - objects - d.reportColumns.teamId.length;
      const teamId = d.reportColumns.teamId.concat(new Array<string>(extra).fill('T-X99')); // undeclared: never reported
      const month = d.reportColumns.month.concat(new Array<string>(extra).fill('2024-05'));
      return { ...d, reportColumns: { teamId, month, metrics: {} } };
    };
    const r = validate(padded(2, limit + 1));
    expect(r.dataset).toBeUndefined();
    expect(r.problems.map((p) => [p.code, p.path, p.params])).toEqual([
      ['INPUT_TOO_LARGE', '/reportColumns/teamId', { limit, rows: limit + 1, reports: 2 }],
    ]);
    expect(r.problems[0]!.message.en).toBe(
      `The reports (as rows and as columns) hold ${(limit + 1).toLocaleString('en-US')} rows together; at most ${limit.toLocaleString('en-US')} are allowed.`,
    );
  });

  it('refuses personal data: a phone number as a member id, a personal column name, a forbidden key', () => {
    let d: any = asColumns();
    d.reportColumns.memberId[0] = '0912345678';
    let r = validate(d);
    expect(r.problems.map((p) => `${p.code} ${p.path}`)).toContain('PERSONAL_DATA_VALUE /reportColumns/memberId/0');
    expect(JSON.stringify(r.problems)).not.toContain('0912345678');
    d = asColumns();
    d.reportColumns.metrics.phone = [null, null, null, null, null];
    r = validate(d);
    expect(r.problems.map((p) => `${p.code} ${p.path}`)).toContain('PERSONAL_DATA_FIELD /reportColumns/metrics/phone');
    d = asColumns();
    Object.defineProperty(d.reportColumns, '__proto__', { value: {}, enumerable: true });
    r = validate(d);
    expect(r.problems.map((p) => `${p.code} ${p.path}`)).toContain('FORBIDDEN_KEY /reportColumns/__proto__');
  });

  it('an unknown field of reportColumns is a SCHEMA_VIOLATION with a suggestion', () => {
    const d: any = asColumns();
    d.reportColumns.months = d.reportColumns.month;
    const r = validate(d);
    const p = r.problems.find((x) => x.path === '/reportColumns/months')!;
    expect(p.code).toBe('SCHEMA_VIOLATION');
    expect(p.params).toMatchObject({ property: 'months', suggestion: 'month' });
    expect(p.message.en).toContain('did you mean "month"?');
  });
});

describe('an id that looks like a phone or ID number is never quoted back', () => {
  // The scan reports it (PERSONAL_DATA_VALUE) without the value; the integrity problems it also causes
  // must not repeat it either, in either form of reports.
  it.each([
    ['0912345678', '001099012345'],
    ['001099012345', '84912345678'],
  ])('%s, %s: MEMBER_NOT_IN_TEAM, DUPLICATE_REPORT and DUPLICATE_ID say which record, not the id', (id, other) => {
    const objects = smallDataset();
    objects.reports![0]!.memberId = id; // not a member of T-V01
    objects.reports!.push({ ...objects.reports![0]!, metrics: {} }); // the same report again
    objects.teams[0]!.members![3]!.id = other;
    objects.teams[0]!.members![4]!.id = other; // a duplicate member id
    for (const d of [objects, withReportColumns(objects)]) {
      const r = validate(d);
      const seen = r.problems.map((p) => `${p.code} ${p.path}`);
      expect(seen).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^MEMBER_NOT_IN_TEAM /),
          expect.stringMatching(/^DUPLICATE_REPORT /),
          'DUPLICATE_ID /teams/0/members/4/id',
          'PERSONAL_DATA_VALUE /teams/0/members/3/id',
        ]),
      );
      expect(JSON.stringify(r.problems)).not.toContain(id);
      expect(JSON.stringify(r.problems)).not.toContain(other);
      const duplicate = r.problems.find((p) => p.code === 'DUPLICATE_REPORT')!;
      expect(duplicate.message.en).toBe('A second report for team "T-V01", a member, month 2024-01.');
    }
  });

  it('an ordinary id is still quoted', () => {
    const d = smallDataset();
    d.reports![0]!.memberId = 'm-404';
    const p = only(validate(d), 'MEMBER_NOT_IN_TEAM', '/reports/0/memberId');
    expect(p.message.en).toBe('Team "T-V01" has no member "m-404".');
    expect(p.params).toEqual({ teamId: 'T-V01', memberId: 'm-404' });
  });
});
