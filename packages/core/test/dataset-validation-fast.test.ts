import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateNational } from '../../../bench/national.js';
import { isDate } from '../src/internal/dates.js';
import { DATE_PATTERN, ID_PATTERN, METRIC_ID_PATTERN, MONTH_PATTERN, PERIOD_PATTERN, datasetSchema } from '../src/model/dataset-schema.js';
import { forEachSchemaError } from '../src/dataset/validate/schema-check.js';
import type { Dataset } from '../src/model/types.js';
import {
  isDateString,
  isIdString,
  isMetricIdString,
  isMonthString,
  isPeriodString,
  isRealDate,
  validateDataset,
  validateFast,
  validateSlow,
  type DatasetValidationOptions,
} from '../src/model/validate.js';
import { generatedDataset, smallDataset, withReportColumns } from './dataset-fixtures.js';
import { validDataset } from './fixtures/arbitraries.js';
import { KEYS, PLUGIN_METRIC, VALUES, base, define, mutate, mutation, nested, withColumns } from './fixtures/dataset-mutants.js';

/**
 * The fast path of `validateDataset` proves that the safety scan and the JSON Schema would find nothing
 * while the integrity pass runs, and skips them. It must never accept what they reject, and when it
 * answers, its answer must be the slow path's, byte for byte: these tests compare the two.
 */

let wholeSchema: ValidateFunction | undefined;
const errorKey = (e: ErrorObject): string => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)} ${e.propertyName ?? ''}`;

/**
 * The schema run in pieces (`forEachSchemaError`, linear in the input) finds exactly the errors that one
 * ajv validator over the whole document finds (quadratic when many records are wrong), order aside.
 */
function expectSameSchemaErrors(input: unknown): void {
  wholeSchema ??= new Ajv2020({ allErrors: true, strict: false, strictNumbers: false, verbose: true, messages: false, unicodeRegExp: false }).compile(
    datasetSchema,
  );
  const wholeErrors = wholeSchema(input) ? [] : (wholeSchema.errors ?? []);
  const split: string[] = [];
  const matches = forEachSchemaError(input, (e) => split.push(errorKey(e)) > 0);
  expect(matches).toBe(wholeErrors.length === 0);
  // By design the pieces do not look into a split array or map (the root's record arrays, the columns)
  // over its bound: the bound is reported.
  const split_ = /^\/(orgUnits|teams|reports|indicators|reportColumns\/(teamId|month|memberId|metrics(\/[^/]+)?))$/;
  // An array's elements are not looked into; a map's (the metric columns) are, but not their cells.
  const over = wholeErrors
    .filter((e) => (e.keyword === 'maxItems' || e.keyword === 'maxProperties') && split_.test(e.instancePath))
    .map((e) => (e.keyword === 'maxItems' ? new RegExp(`^${e.instancePath}/`) : new RegExp(`^${e.instancePath}/[^/]+/`)));
  const whole = wholeErrors.filter((e) => !over.some((re) => re.test(e.instancePath))).map(errorKey);
  expect(split.sort()).toEqual(whole.sort());
}

/** Both paths on the same input: the fast one, when it answers, exactly as the slow one. */
function compare(input: unknown, options: DatasetValidationOptions = {}): { fast: boolean } {
  expectSameSchemaErrors(input);
  const slow = validateSlow(input, options);
  const fast = validateFast(input, options);
  if (fast !== undefined) {
    expect(fast).toStrictEqual(slow);
    // Proven clean: the slow path found nothing but integrity problems, and kept the dataset.
    expect(slow.dataset).toBe(input);
  }
  expect(validateDataset(input, options)).toStrictEqual(slow);
  return { fast: fast !== undefined };
}

describe('pattern checks without regexes', () => {
  const chars = fc.constantFrom(...'aZ09._:-_+ /\u00e9\u1ec7\u0000\n'.split(''), 'A', 'z', '5', '-');
  const strings = fc.oneof(
    fc.string({ unit: chars, maxLength: 70 }),
    fc.string({ maxLength: 70 }),
    fc.string({ unit: fc.constantFrom(...'0123456789-'.split('')), maxLength: 12 }),
  );
  const regex = (pattern: string) => new RegExp(pattern);

  it('match the schema patterns exactly', () => {
    const cases: Array<[(s: string) => boolean, string]> = [
      [isIdString, ID_PATTERN],
      [isMetricIdString, METRIC_ID_PATTERN],
      [isMonthString, MONTH_PATTERN],
      [isDateString, DATE_PATTERN],
      [isPeriodString, PERIOD_PATTERN],
    ];
    for (const [check, pattern] of cases) {
      const re = regex(pattern);
      fc.assert(
        fc.property(strings, (s) => check(s) === re.test(s)),
        { numRuns: 3000 },
      );
      for (const s of [
        '',
        'a',
        'a'.repeat(64),
        'a'.repeat(65),
        '2024',
        '2024-00',
        '2024-12',
        '2024-13',
        '2024-02-29',
        '2024-02-00',
        '2024-01-31',
        '2024-01-32',
        '2024-1-01',
        '2024-01-01\n',
      ]) {
        expect(check(s), `${pattern} on ${JSON.stringify(s)}`).toBe(re.test(s));
      }
    }
  });

  it('isRealDate agrees with isDate on every date the schema accepts', () => {
    for (const year of ['0000', '0004', '1900', '2000', '2023', '2024', '2100', '2400', '9999']) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(isDateString(date)).toBe(true);
          expect(isRealDate(date), date).toBe(isDate(date));
        }
      }
    }
  });
});

describe('the fast path agrees with the slow path', () => {
  it('answers for valid datasets, with no problem', () => {
    expect(compare(smallDataset()).fast).toBe(true);
    expect(compare(generatedDataset(40, 30)).fast).toBe(true);
    expect(compare(generateNational({ shape: '34', seed: 7, scale: 0.005 })).fast).toBe(true);
    // The same with the reports as columns, wholly or in part.
    const national = generateNational({ shape: '63', seed: 7, scale: 0.005 });
    expect(compare(withReportColumns(national)).fast).toBe(true);
    expect(compare(withReportColumns(national, 100)).fast).toBe(true);
    expect(validateFast(smallDataset(), {})!.problems).toEqual([]);
    fc.assert(
      fc.property(validDataset, (d) => {
        expect(compare(d).fast).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('answers for datasets with integrity problems only, with the same problems', () => {
    const d = generatedDataset(30, 24);
    const reports = d.reports as Array<NonNullable<Dataset['reports']>[number]>;
    reports.push(
      { ...reports[3]! },
      { ...reports[300]!, teamId: 'nowhere' },
      { ...reports[301]!, memberId: 'T0-m9' },
      { ...reports[5]!, month: '2031-01' },
    );
    (d.orgUnits as Array<Dataset['orgUnits'][number]>).push({ id: 'V3', name: 'again', level: 'village', parentId: 'C9' });
    (d.indicators as Array<NonNullable<Dataset['indicators']>[number]>).push(
      { orgUnitId: 'V1', period: '2024', metrics: { adults: 5, adultsWithSmartphone: 9, population: -1 } },
      { orgUnitId: 'nowhere', period: '2024-02', metrics: { householdsVisited: Number.NaN } },
    );
    const r = compare(d);
    expect(r.fast).toBe(true);
    const codes = new Set(validateDataset(d).problems.map((p) => p.code));
    for (const code of [
      'DUPLICATE_REPORT',
      'DANGLING_REFERENCE',
      'MEMBER_NOT_IN_TEAM',
      'REPORT_OUTSIDE_WINDOW',
      'DUPLICATE_ID',
      'DUPLICATE_INDICATOR',
      'COVERAGE_EXCEEDS_BASE',
      'INVALID_NUMBER',
      'UNKNOWN_METRIC',
    ]) {
      expect(codes, code).toContain(code);
    }
  });

  it('finds duplicate reports anywhere in a large array, as a Map would', () => {
    const d = generatedDataset(200, 36);
    const reports = [...d.reports!];
    for (let k = 0; k < 50; k++) reports.push({ ...reports[(k * 7919) % reports.length]! });
    const shuffled = fc.sample(fc.shuffledSubarray(reports, { minLength: reports.length, maxLength: reports.length }), { seed: 7, numRuns: 1 })[0]!;
    const expected: string[] = [];
    const first = new Map<string, number>();
    shuffled.forEach((r, i) => {
      const key = `${r.teamId}|${r.memberId ?? ''}|${r.month}`;
      const f = first.get(key);
      if (f === undefined) first.set(key, i);
      else expected.push(`/reports/${i} first /reports/${f}`);
    });
    const result = validateDataset({ ...d, reports: shuffled });
    const found = result.problems.filter((p) => p.code === 'DUPLICATE_REPORT').map((p) => `${p.path} first ${String(p.params!.firstPath)}`);
    expect(expected).toHaveLength(50);
    expect(found.sort()).toEqual(expected.sort());
    expect(compare({ ...d, reports: shuffled }).fast).toBe(true);
  });

  it('no key the schema allows is one the safety scan objects to', () => {
    // The fast path relies on it: it checks record keys against the schema only.
    const keysOf = (node: unknown, keys = new Set<string>()): Set<string> => {
      if (node === null || typeof node !== 'object') return keys;
      const properties = (node as { properties?: Record<string, unknown> }).properties;
      if (properties !== undefined) for (const key of Object.keys(properties)) keys.add(key);
      for (const child of Object.values(node)) keysOf(child, keys);
      return keys;
    };
    const all = keysOf(datasetSchema);
    const onMember = keysOf(datasetSchema.$defs.member);
    expect(all.size).toBeGreaterThan(40);
    expect(onMember.size).toBe(7);
    const record = (keys: Set<string>) => Object.fromEntries([...keys].map((key) => [key, 1]));
    const problems = validateSlow({ orgUnits: [record(all)], teams: [{ members: [record(onMember)] }], reports: [record(all)] }, {}).problems;
    expect(problems.filter((p) => p.code !== 'SCHEMA_VIOLATION')).toEqual([]);
  });

  it('property: on mutated datasets, whatever the fault (thousands of mutants)', () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(base, fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), (d, mutations, withPlugin) => {
        for (const m of mutations) mutate(d, m);
        runs++;
        if (compare(d, withPlugin ? { metrics: [PLUGIN_METRIC] } : {}).fast) fast++;
      }),
      { numRuns: 2000 },
    );
    // Not vacuous: a good share of the mutants stay provable (integrity faults, valid-looking values).
    expect(fast).toBeGreaterThan(runs / 10);
    expect(fast).toBeLessThan(runs);
  });

  it('exhaustively: each field of one record of each kind, set to each value, deleted, or beside an extra key', () => {
    /** Pointers to one record of each kind in the small dataset (the member has every optional field). */
    const records = [
      '',
      '/window',
      '/orgUnits/1',
      '/teams/0',
      '/teams/0/members/4',
      '/teams/0/members/1',
      '/reports/0',
      '/reports/0/metrics',
      '/indicators/0',
      '/indicators/0/metrics',
      '/metrics/0',
      '/metrics/0/label',
      '/ratios/0',
    ];
    const at = (d: unknown, ptr: string): Record<string, unknown> =>
      ptr
        .split('/')
        .slice(1)
        .reduce((node: any, key) => node[key], d) as Record<string, unknown>;
    let fast = 0;
    let total = 0;
    const check = (fault: (d: any) => void): void => {
      const d = smallDataset();
      (d.teams[0]!.members![4] as any).birthYear = 1990;
      (d.teams[0]!.members![4] as any).trainings = ['k1'];
      fault(d);
      total++;
      if (compare(d).fast) fast++;
    };
    for (const ptr of records) {
      const fields = Object.keys(at(smallDataset(), ptr));
      for (const key of fields) {
        for (const value of VALUES) check((d) => define(at(d, ptr), key, structuredClone(value)));
        check((d) => delete at(d, ptr)[key]);
      }
      for (const key of KEYS) check((d) => define(at(d, ptr), key, 1));
    }
    expect(total).toBeGreaterThan(3000);
    expect(fast).toBeGreaterThan(total / 20);
  });

  it('exhaustively, for reportColumns: each column and each cell kind set to each value, deleted, or beside an extra key', () => {
    const columnsDataset = (): any => withColumns(smallDataset(), 2);
    const at = (d: unknown, ptr: string): any =>
      ptr
        .split('/')
        .slice(1)
        .reduce((node: any, key) => node[key], d);
    const records = [
      '/reportColumns',
      '/reportColumns/metrics',
      '/reportColumns/teamId',
      '/reportColumns/month',
      '/reportColumns/memberId',
      '/reportColumns/metrics/householdsVisited',
    ];
    let fast = 0;
    let total = 0;
    const check = (fault: (d: any) => void): void => {
      const d = columnsDataset();
      fault(d);
      total++;
      if (compare(d).fast) fast++;
    };
    for (const ptr of records) {
      const fields = Object.keys(at(columnsDataset(), ptr));
      for (const key of fields) {
        const slot = Array.isArray(at(columnsDataset(), ptr)) ? Number(key) : key;
        for (const value of VALUES) check((d) => define(at(d, ptr), slot, structuredClone(value)));
        check((d) => (Array.isArray(at(d, ptr)) ? at(d, ptr).splice(Number(key), 1) : delete at(d, ptr)[key]));
      }
      for (const key of KEYS) check((d) => define(at(d, ptr), key, 1));
    }
    expect(total).toBeGreaterThan(1000);
    // Not vacuous: values that fit (a known team, a month, a number or null in a metric column) stay provable.
    expect(fast).toBeGreaterThan(total / 20);
  });

  it('falls back on each kind of fault, and the slow path reports it', () => {
    const cases: Array<[string, (d: any) => void, string]> = [
      [
        'a member name',
        (d) => {
          d.teams[0].members[0].name = 'Nguyễn Văn A';
        },
        'PERSONAL_DATA_FIELD',
      ],
      [
        'a phone number as member id',
        (d) => {
          d.teams[0].members[0].id = '0912345678';
        },
        'PERSONAL_DATA_VALUE',
      ],
      [
        'an ID number as reporting member',
        (d) => {
          d.reports[0].memberId = '123456789012';
        },
        'PERSONAL_DATA_VALUE',
      ],
      [
        'a personal key in a metric map',
        (d) => {
          d.reports[0].metrics.phone = 1;
        },
        'PERSONAL_DATA_FIELD',
      ],
      [
        'constructor in a metric map',
        (d) => {
          d.reports[0].metrics.constructor = 1;
        },
        'FORBIDDEN_KEY',
      ],
      [
        '__proto__ in an indicator',
        (d) => {
          define(d.indicators[0], '__proto__', {});
        },
        'FORBIDDEN_KEY',
      ],
      [
        'deep nesting in a report',
        (d) => {
          d.reports[0].metrics.x = nested(40);
        },
        'INPUT_TOO_LARGE',
      ],
      [
        '51 members',
        (d) => {
          for (let k = 5; k < 51; k++) d.teams[0].members.push({ id: `x${k}`, role: 'member' });
        },
        'INPUT_TOO_LARGE',
      ],
      [
        '101 metrics',
        (d) => {
          for (let k = 0; k < 101; k++) d.reports[1].metrics[`m${k}`] = 1;
        },
        'INPUT_TOO_LARGE',
      ],
      [
        'a string as a count',
        (d) => {
          d.reports[2].metrics.householdsVisited = '3';
        },
        'SCHEMA_VIOLATION',
      ],
      [
        'a bad metric key',
        (d) => {
          d.reports[2].metrics['households-visited'] = 3;
        },
        'SCHEMA_VIOLATION',
      ],
      [
        'a month out of pattern',
        (d) => {
          d.reports[3].month = '2024-13';
        },
        'SCHEMA_VIOLATION',
      ],
      [
        'a missing role',
        (d) => {
          delete d.teams[0].members[1].role;
        },
        'SCHEMA_VIOLATION',
      ],
      [
        'a repeated affiliation',
        (d) => {
          d.teams[0].members[1].affiliations = ['youthUnion', 'youthUnion'];
        },
        'SCHEMA_VIOLATION',
      ],
      [
        'a fractional birth year',
        (d) => {
          d.teams[0].members[1].birthYear = 1990.5;
        },
        'SCHEMA_VIOLATION',
      ],
      [
        'a birth year before 1900',
        (d) => {
          d.teams[0].members[1].birthYear = 1899;
        },
        'SCHEMA_VIOLATION',
      ],
      [
        'a birth year after 2100',
        (d) => {
          d.teams[0].members[1].birthYear = 2101;
        },
        'SCHEMA_VIOLATION',
      ],
      [
        'null metrics',
        (d) => {
          d.reports[1].metrics = null;
        },
        'SCHEMA_VIOLATION',
      ],
      [
        'metrics as an array',
        (d) => {
          d.indicators[1].metrics = [];
        },
        'SCHEMA_VIOLATION',
      ],
      [
        'a 201-character name',
        (d) => {
          d.orgUnits[0].name = 'x'.repeat(201);
        },
        'SCHEMA_VIOLATION',
      ],
      [
        'an extra key on a team',
        (d) => {
          d.teams[1].leader = 'm-001';
        },
        'SCHEMA_VIOLATION',
      ],
      [
        'a team that is an array',
        (d) => {
          d.teams[1] = [];
        },
        'SCHEMA_VIOLATION',
      ],
      [
        'an inherited key',
        (d) => {
          d.reports[0] = Object.assign(Object.create({ note: 'x' }), d.reports[0]);
        },
        'SCHEMA_VIOLATION',
      ],
    ];
    for (const [what, fault, code] of cases) {
      const d = smallDataset();
      fault(d);
      expect(validateFast(d, {}), what).toBeUndefined();
      expect(
        validateDataset(d).problems.map((p) => p.code),
        what,
      ).toContain(code);
      compare(d);
    }
  });

  it('a long name of surrogate pairs is within bounds for ajv: the fast path leaves it to the slow one', () => {
    const d = smallDataset();
    d.orgUnits[0]!.name = '𝔸'.repeat(150); // 150 code points, 300 UTF-16 units
    expect(validateFast(d, {})).toBeUndefined();
    expect(validateDataset(d).valid).toBe(true);
  });
});

describe('integrity checks rewritten for the fast path', () => {
  it('compares months as numbers: window, establishment and disbanding bounds are inclusive', () => {
    const d = smallDataset();
    d.teams[1]!.disbandedOn = '2024-12-31'; // T-C01, established 2022-05-01
    const month = (m: string) => ({ teamId: 'T-C01', month: m, metrics: { peopleGuided: 1 } });
    d.reports = [month('2022-04'), month('2022-05'), month('2024-12'), month('2025-01')];
    const reasons = () => validateDataset(d).problems.map((p) => `${p.path} ${String(p.params?.reason)}`);
    d.window = { from: '2022-05', to: '2024-12' };
    expect(reasons()).toEqual(['/reports/0/month window', '/reports/3/month window']);
    compare(d);
    delete (d as { window?: unknown }).window;
    expect(reasons()).toEqual(['/reports/0/month beforeEstablished', '/reports/3/month afterDisbanded']);
    compare(d);
  });

  it('COVERAGE_EXCEEDS_BASE: a numerator equal to its base is fine', () => {
    const d = smallDataset();
    d.indicators = [
      { orgUnitId: 'P19', period: '2024', metrics: { adults: 10, adultsWithSmartphone: 10, households: 3, householdsWithFiveSkills: 4 } },
    ];
    expect(validateDataset(d).problems.map((p) => p.path)).toEqual(['/indicators/0/metrics/householdsWithFiveSkills']);
  });
});
