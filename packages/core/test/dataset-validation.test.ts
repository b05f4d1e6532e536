import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorCode, Problem } from '../src/errors.js';
import {
  MAX_PROBLEMS_PER_CODE,
  MAX_SCHEMA_PROBLEMS,
  ProblemCollector,
  comparePaths,
  listProblems,
  validateDataset,
  validateFast,
  validateSlow,
  type DatasetValidation,
} from '../src/model/validate.js';
import type { Dataset, MetricDefinition } from '../src/model/types.js';
import { generatedDataset, smallDataset, type Writable } from './dataset-fixtures.js';

const codes = (r: DatasetValidation): ErrorCode[] => r.problems.map((p) => p.code);

/** The one problem with this code and path; fails with the full list when it is missing. */
function expectProblem(r: DatasetValidation, code: ErrorCode, path: string): Problem {
  const found = r.problems.find((p) => p.code === code && p.path === path);
  expect(found, `${code} at ${path} in ${JSON.stringify(r.problems, null, 1)}`).toBeDefined();
  expect(found!.message.vi.trim().length).toBeGreaterThan(0);
  expect(found!.message.en.trim().length).toBeGreaterThan(0);
  return found!;
}

/** Exactly one problem, with this code and path. */
function expectOnly(r: DatasetValidation, code: ErrorCode, path: string): Problem {
  const p = expectProblem(r, code, path);
  expect(r.problems).toHaveLength(1);
  return p;
}

/** Validate a broken copy of the small dataset. */
function withFault(mutate: (d: Writable<Dataset>) => void): DatasetValidation {
  const d = smallDataset();
  mutate(d);
  return validateDataset(d);
}

/** For faults the types forbid (extra keys, wrong types): mutate the plain JSON. */
function withRawFault(mutate: (d: any) => void): DatasetValidation {
  const d: any = smallDataset();
  mutate(d);
  return validateDataset(d);
}

describe('valid datasets', () => {
  it('accepts an empty dataset', () => {
    const r = validateDataset({ orgUnits: [], teams: [] });
    expect(r).toEqual({ valid: true, problems: [], dataset: { orgUnits: [], teams: [] } });
  });

  it('accepts a realistic small dataset with no problem at all', () => {
    const input = smallDataset();
    const r = validateDataset(input);
    expect(r.problems).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.dataset).toBe(input);
  });

  it('accepts a post-2025 two-tier hierarchy when the dataset declares its levels', () => {
    const r = validateDataset({
      levels: [{ id: 'province', label: { vi: 'Tỉnh', en: 'Province' } }, { id: 'commune' }, { id: 'village' }],
      orgUnits: [
        { id: 'P01', name: 'Tỉnh A', level: 'province' },
        { id: 'C01', name: 'Xã B', level: 'commune', parentId: 'P01', validFrom: '2025-07-01' },
      ],
      teams: [{ id: 'T1', orgUnitId: 'C01', level: 'commune', establishedOn: '2025-07-15' }],
    });
    expect(r.problems).toEqual([]);
  });

  it('accepts metrics and ratios from plugins (options)', () => {
    const plugin: MetricDefinition = {
      id: 'congDanSoAccounts',
      label: { vi: 'Tài khoản Công dân số Xứ Lạng', en: 'Công dân số Xứ Lạng accounts' },
      unit: 'accounts',
      kind: 'activity',
      overTime: 'sum',
      upHierarchy: 'sum',
    };
    const d = smallDataset();
    d.reports!.push({ teamId: 'T-C01', month: '2024-04', metrics: { congDanSoAccounts: 5 } });
    expectOnly(validateDataset(d), 'UNKNOWN_METRIC', '/reports/5/metrics/congDanSoAccounts');
    expect(validateDataset(d, { metrics: [plugin] }).problems).toEqual([]);
  });

  it('accepts a large generated dataset', () => {
    const r = validateDataset(generatedDataset(2_000, 14));
    expect(r.problems).toEqual([]);
  });
});

describe('schema violations', () => {
  it('explains a wrong type in both languages, at the value', () => {
    const r = withRawFault((d) => (d.reports[0].metrics.householdsVisited = '12'));
    const p = expectOnly(r, 'SCHEMA_VIOLATION', '/reports/0/metrics/householdsVisited');
    expect(p.message).toEqual({ vi: 'Phải là một số.', en: 'Must be a number.' });
    expect(r.valid).toBe(false);
    expect(r.dataset).toBeUndefined();
  });

  it('points a missing required property at the property itself', () => {
    const r = validateDataset({ orgUnits: [] });
    expectOnly(r, 'SCHEMA_VIOLATION', '/teams');
    expect(r.problems[0]!.params).toMatchObject({ keyword: 'required', property: 'teams' });
  });

  it('points an unknown key at the key and suggests the right one', () => {
    const r = withRawFault((d) => {
      d.teams[1].establishedDate = d.teams[1].establishedOn;
      delete d.teams[1].establishedOn;
    });
    expectProblem(r, 'SCHEMA_VIOLATION', '/teams/1/establishedOn');
    const extra = expectProblem(r, 'SCHEMA_VIOLATION', '/teams/1/establishedDate');
    expect(extra.params).toMatchObject({ suggestion: 'establishedOn' });
    expect(extra.message.en).toContain('did you mean "establishedOn"');
    expect(r.problems).toHaveLength(2);
  });

  it('rejects bad enums, patterns, bounds and duplicates in arrays', () => {
    const r = withRawFault((d) => {
      d.teams[0].members[0].role = 'leadr';
      d.teams[0].members[1].affiliations = ['youthUnion', 'youthUnion'];
      d.teams[0].members[2].birthYear = 1850;
      d.teams[0].establishedOn = '15/04/2022';
      d.indicators[0].period = '2024-13';
      d.reports[0].metrics['bad-key'] = 1;
      d.orgUnits[0].id = '';
      d.orgUnits[1].name = 'x'.repeat(201);
      d.orgUnits[2].name = '';
      d.teams[1].id = 'T'.repeat(65);
    });
    expect(expectProblem(r, 'SCHEMA_VIOLATION', '/teams/0/members/0/role').params).toMatchObject({ suggestion: 'leader' });
    expectProblem(r, 'SCHEMA_VIOLATION', '/teams/0/members/1/affiliations/1');
    expectProblem(r, 'SCHEMA_VIOLATION', '/teams/0/members/2/birthYear');
    expect(expectProblem(r, 'SCHEMA_VIOLATION', '/teams/0/establishedOn').message.en).toBe('Must be a date in the form YYYY-MM-DD.');
    expectProblem(r, 'SCHEMA_VIOLATION', '/indicators/0/period');
    expectProblem(r, 'SCHEMA_VIOLATION', '/reports/0/metrics/bad-key');
    const idRule = 'Must be an id of 1–64 letters, digits and . _ : -, starting with a letter or digit.';
    expect(expectProblem(r, 'SCHEMA_VIOLATION', '/orgUnits/0/id').message.en).toBe(idRule);
    expect(expectProblem(r, 'SCHEMA_VIOLATION', '/teams/1/id').message.en).toBe(idRule);
    expect(expectProblem(r, 'SCHEMA_VIOLATION', '/orgUnits/1/name').message.en).toBe('Must have at most 200 characters.');
    expect(expectProblem(r, 'SCHEMA_VIOLATION', '/orgUnits/2/name').message.en).toBe('Must not be empty.');
    expect(r.problems).toHaveLength(10);
  });

  it('reports count bounds as INPUT_TOO_LARGE', () => {
    const r = withRawFault((d) => {
      d.teams[1].members = Array.from({ length: 51 }, (_, i) => ({ id: `x${i}`, role: 'member' }));
    });
    expect(expectOnly(r, 'INPUT_TOO_LARGE', '/teams/1/members').params).toMatchObject({ limit: 50 });
  });

  it(`caps schema problems at ${MAX_SCHEMA_PROBLEMS}`, () => {
    const teams = Array.from({ length: 300 }, (_, i) => ({ id: `T${i}`, orgUnitId: 'x', level: 'village', establishedOn: 'soon' }));
    const r = validateDataset({ orgUnits: [], teams });
    expect(r.problems).toHaveLength(MAX_SCHEMA_PROBLEMS);
    expect(new Set(codes(r))).toEqual(new Set(['SCHEMA_VIOLATION']));
  });

  it('rejects a document that is not an object', () => {
    for (const input of [null, 42, 'dataset', [], undefined]) {
      const r = validateDataset(input);
      expect(r.valid).toBe(false);
      expectOnly(r, 'SCHEMA_VIOLATION', '');
    }
  });
});

describe('unsafe input', () => {
  it('rejects __proto__ from JSON.parse without running the schema', () => {
    const input = JSON.parse('{"orgUnits": [], "teams": [], "__proto__": {"polluted": true}}');
    const r = validateDataset(input);
    expect(expectOnly(r, 'FORBIDDEN_KEY', '/__proto__').params).toEqual({ key: '__proto__' });
    expect(r.dataset).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects constructor and prototype keys anywhere', () => {
    const r = withRawFault((d) => {
      d.reports[1].metrics.constructor = 1;
      d.teams[0].members[2].prototype = {};
    });
    expectProblem(r, 'FORBIDDEN_KEY', '/reports/1/metrics/constructor');
    expectProblem(r, 'FORBIDDEN_KEY', '/teams/0/members/2/prototype');
    expect(r.problems).toHaveLength(2);
  });

  it('reports 10,000-deep nesting as INPUT_TOO_LARGE without overflowing the stack', () => {
    const input = JSON.parse(`{"orgUnits": [], "teams": [], "deep": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`);
    let r: DatasetValidation | undefined;
    expect(() => (r = validateDataset(input))).not.toThrow();
    // /deep is at depth 1, so the first object deeper than 32 is /deep followed by 32 × /a
    const path = '/deep' + '/a'.repeat(32);
    expect(expectOnly(r!, 'INPUT_TOO_LARGE', path).params).toEqual({ maxDepth: 32 });
    expect(r!.dataset).toBeUndefined();
  });

  it('reports 10,000-deep nested arrays as INPUT_TOO_LARGE', () => {
    const input = JSON.parse(`{"orgUnits": ${'['.repeat(10_000)}${']'.repeat(10_000)}, "teams": []}`);
    const r = validateDataset(input);
    expect(expectOnly(r, 'INPUT_TOO_LARGE', '/orgUnits' + '/0'.repeat(32)).params).toEqual({ maxDepth: 32 });
  });

  it('accepts nesting up to the limit: depth is counted, not stack height', () => {
    // 200 teams sit side by side on the scan's stack; none is deeper than 6.
    const r = validateDataset(generatedDataset(200, 1));
    expect(r.problems).toEqual([]);
  });

  it('stops on a cyclic object passed from TypeScript', () => {
    const team: any = { id: 'T', orgUnitId: 'O', level: 'village', establishedOn: '2024-01-01' };
    team.self = team;
    const r = validateDataset({ orgUnits: [], teams: [team] });
    expect(codes(r)).toEqual(['INPUT_TOO_LARGE']);
  });
});

describe('personal data (Luật Bảo vệ dữ liệu cá nhân, in force 1 Jan 2026)', () => {
  it('rejects a member name and phone, once each, citing the law', () => {
    const r = withRawFault((d) => {
      d.teams[0].members[0].name = 'Nguyễn Văn An';
      d.teams[0].members[1].phone = '0912345678';
    });
    const name = expectProblem(r, 'PERSONAL_DATA_FIELD', '/teams/0/members/0/name');
    expectProblem(r, 'PERSONAL_DATA_FIELD', '/teams/0/members/1/phone');
    expect(r.problems).toHaveLength(2); // the schema's "unknown key" is not repeated
    expect(name.message.vi).toContain('Luật Bảo vệ dữ liệu cá nhân');
    expect(name.message.en).toContain('Personal Data Protection Law');
    expect(name.message.en).toContain('1 Jan 2026');
    // the personal value itself is never echoed back
    expect(JSON.stringify(r.problems)).not.toContain('Nguyễn Văn An');
    expect(r.dataset).toBeUndefined();
  });

  it('rejects personal keys anywhere, in any spelling, but allows org unit names', () => {
    const r = withRawFault((d) => {
      d.orgUnits[2].email = 'ubnd@example.vn';
      d.teams[1].Phone_Number = '0987654321';
      d.teams[0].members[3].soDienThoai = '0987654321';
      d.teams[0].members[4].date_of_birth = '1990-01-01';
    });
    expectProblem(r, 'PERSONAL_DATA_FIELD', '/orgUnits/2/email');
    expectProblem(r, 'PERSONAL_DATA_FIELD', '/teams/1/Phone_Number');
    expectProblem(r, 'PERSONAL_DATA_FIELD', '/teams/0/members/3/soDienThoai');
    expectProblem(r, 'PERSONAL_DATA_FIELD', '/teams/0/members/4/date_of_birth');
    expect(r.problems).toHaveLength(4);
  });

  it.each([
    ['0912345678', 'phone'],
    ['84912345678', 'phone'],
    ['123456789', 'idNumber'],
    ['001099012345', 'idNumber'],
  ])('rejects the member id %s as a %s number without echoing it', (id, kind) => {
    const r = withFault((d) => {
      d.teams[0]!.members![2]!.id = id;
    });
    const p = expectOnly(r, 'PERSONAL_DATA_VALUE', '/teams/0/members/2/id');
    expect(p.params).toEqual({ kind });
    expect(JSON.stringify(p)).not.toContain(id);
    // the schema passed, so the dataset is returned with the error
    expect(r.valid).toBe(false);
    expect(r.dataset).toBeDefined();
  });

  it('reports a +84 member id once, although the id pattern also rejects "+"', () => {
    const r = withRawFault((d) => (d.teams[0].members[2].id = '+84912345678'));
    expectOnly(r, 'PERSONAL_DATA_VALUE', '/teams/0/members/2/id');
  });

  it('also checks memberId in reports', () => {
    const r = withFault((d) => {
      d.teams[0]!.members![0]!.id = '0912345678';
      d.reports![0]!.memberId = '0912345678';
      d.reports![2]!.memberId = '0912345678';
    });
    expect(codes(r)).toEqual(['PERSONAL_DATA_VALUE', 'PERSONAL_DATA_VALUE', 'PERSONAL_DATA_VALUE']);
    expect(r.problems.map((p) => p.path)).toEqual(['/teams/0/members/0/id', '/reports/0/memberId', '/reports/2/memberId'].sort());
  });

  it.each([
    ['a member id with a phone number inside', (d: any) => (d.teams[0].members[2].id = 'm-0912345678'), '/teams/0/members/2/id', 'phone'],
    ['a member id with tel:', (d: any) => (d.teams[0].members[2].id = 'tel:0912345678'), '/teams/0/members/2/id', 'phone'],
    ['a member id written with dots', (d: any) => (d.teams[0].members[2].id = '0912.345.678'), '/teams/0/members/2/id', 'phone'],
    ['a team id that is a phone number', (d: any) => (d.teams[1].id = '0912345678'), '/teams/1/id', 'phone'],
    ['a phone number inside a unit name', (d: any) => (d.orgUnits[2].name = 'Thôn 3 (ĐT 0912 345 678)'), '/orgUnits/2/name', 'phone'],
    ['a landline with +84 in a unit name', (d: any) => (d.orgUnits[2].name = 'Thôn 3, +84 24 3826 1234'), '/orgUnits/2/name', 'phone'],
    ['a citizen ID number inside a unit id', (d: any) => (d.orgUnits[0].id = 'P-079203012345'), '/orgUnits/0/id', 'idNumber'],
    ['a phone number inside the dataset name', (d: any) => (d.name = 'Báo cáo của anh Ba 0987654321'), '/name', 'phone'],
    ['a phone number inside a metric id', (d: any) => (d.reports[0].metrics = { visits0912345678: 1 }), '/reports/0/metrics/visits***', 'phone'],
  ])('refuses %s, pointing at it, and echoes the number nowhere', (_, fault, path, kind) => {
    const r = withRawFault(fault);
    const found = r.problems.filter((p) => p.code === 'PERSONAL_DATA_VALUE');
    expect(found.map((p) => p.path)).toEqual([path]);
    expect(found[0]!.params).toEqual({ kind });
    expect(r.valid).toBe(false);
    // Other problems (a dangling reference to the renamed record, say) quote ids, but never the number.
    const text = JSON.stringify(r.problems);
    for (const digits of ['0912345678', '0912 345 678', '0912.345.678', '3826 1234', '079203012345', '0987654321'])
      expect(text).not.toContain(digits);
  });

  it('masks the number where another problem quotes the id (a dangling reference)', () => {
    const r = withRawFault((d) => (d.teams[0].orgUnitId = 'V-0912345678'));
    expect(codes(r).sort()).toEqual(['DANGLING_REFERENCE', 'PERSONAL_DATA_VALUE']);
    const dangling = r.problems.find((p) => p.code === 'DANGLING_REFERENCE')!;
    expect(dangling.message.en).toContain('"V-***"');
    expect(JSON.stringify(dangling)).not.toContain('0912345678');
  });

  it('does not flag codes, dates and short numbers among letters', () => {
    const r = withFault((d) => {
      d.teams[0]!.members![2]!.id = 'm-202401001';
      d.orgUnits[2]!.name = 'Thôn 3 - khu 12 (2024-03-15)';
    });
    expect(r.problems).toEqual([]);
  });
});

describe('integrity', () => {
  it('DUPLICATE_ID: org units, teams and members within a team, with the first path', () => {
    const r = withFault((d) => {
      d.orgUnits.push({ id: 'V19-05500-02', name: 'Copy', level: 'village', parentId: 'C19-05500' });
      d.teams.push({ id: 'T-C01', orgUnitId: 'C19-05500', level: 'commune', establishedOn: '2022-05-01' });
      d.teams[0]!.members![4]!.id = 'm-002';
    });
    expect(expectProblem(r, 'DUPLICATE_ID', '/orgUnits/5/id').params).toEqual({ id: 'V19-05500-02', firstPath: '/orgUnits/4/id' });
    expect(expectProblem(r, 'DUPLICATE_ID', '/teams/2/id').params).toEqual({ id: 'T-C01', firstPath: '/teams/1/id' });
    expect(expectProblem(r, 'DUPLICATE_ID', '/teams/0/members/4/id').params).toEqual({ id: 'm-002', firstPath: '/teams/0/members/1/id' });
    // The first use is in params only: a message with a dataset-relative pointer could not be rebased by the API.
    for (const p of r.problems.filter((p) => p.code === 'DUPLICATE_ID'))
      expect(`${p.message.vi} ${p.message.en}`).not.toMatch(/\/(orgUnits|teams)\//);
    expect(r.problems).toHaveLength(3);
    expect(r.dataset).toBeDefined();
  });

  it('DUPLICATE_ID: the same member id in two teams is fine', () => {
    const r = withFault((d) => {
      d.teams[1]!.members = [{ id: 'm-001', role: 'leader' }];
    });
    expect(r.problems).toEqual([]);
  });

  it('DUPLICATE_ID: dataset metrics and ratios must not clash with the catalog, plugins or each other', () => {
    const plugin: MetricDefinition = {
      id: 'zaloGroups',
      label: { vi: 'Nhóm Zalo', en: 'Zalo groups' },
      unit: 'groups',
      kind: 'activity',
      overTime: 'last',
      upHierarchy: 'sum',
    };
    const d = smallDataset();
    d.metrics!.push({ ...d.metrics![0]!, id: 'householdsVisited' }, { ...d.metrics![0]! }, { ...plugin });
    d.ratios!.push({ ...d.ratios![0]!, id: 'smartphone' });
    const r = validateDataset(d, { metrics: [plugin] });
    expect(expectProblem(r, 'DUPLICATE_ID', '/metrics/2/id').params).toEqual({ id: 'householdsVisited', clashesWith: 'builtin' });
    expect(expectProblem(r, 'DUPLICATE_ID', '/metrics/3/id').params).toEqual({ id: 'hueSAccounts', firstPath: '/metrics/0/id' });
    expect(expectProblem(r, 'DUPLICATE_ID', '/metrics/4/id').params).toEqual({ id: 'zaloGroups', clashesWith: 'plugin' });
    expect(expectProblem(r, 'DUPLICATE_ID', '/ratios/1/id').params).toEqual({ id: 'smartphone', clashesWith: 'builtin' });
    expect(r.problems).toHaveLength(4);
  });

  it('DUPLICATE_ID: levels', () => {
    const r = withFault((d) => {
      d.levels = [{ id: 'province' }, { id: 'district' }, { id: 'commune' }, { id: 'village' }, { id: 'commune' }];
    });
    expectOnly(r, 'DUPLICATE_ID', '/levels/4/id');
  });

  it('DANGLING_REFERENCE: parent, org unit of a team and of an indicator, team of a report', () => {
    const r = withFault((d) => {
      d.orgUnits[3]!.parentId = 'C-missing';
      d.teams[1]!.orgUnitId = 'O-missing';
      d.reports![4]!.teamId = 'T-missing';
      d.indicators![2]!.orgUnitId = 'O-missing';
    });
    expect(expectProblem(r, 'DANGLING_REFERENCE', '/orgUnits/3/parentId').params).toEqual({ id: 'C-missing' });
    expectProblem(r, 'DANGLING_REFERENCE', '/teams/1/orgUnitId');
    expectProblem(r, 'DANGLING_REFERENCE', '/reports/4/teamId');
    expectProblem(r, 'DANGLING_REFERENCE', '/indicators/2/orgUnitId');
    expect(r.problems).toHaveLength(4);
  });

  it('DANGLING_REFERENCE: a ratio over an unknown metric, with a suggestion', () => {
    const r = withFault((d) => {
      d.ratios![0]!.numerator = 'hueSUser';
    });
    expect(expectOnly(r, 'DANGLING_REFERENCE', '/ratios/0/numerator').params).toEqual({ metric: 'hueSUser', suggestion: 'hueSUsers' });
  });

  it('UNKNOWN_METRIC: a ratio over an activity metric', () => {
    const r = withFault((d) => {
      d.ratios![0]!.denominator = 'householdsVisited';
    });
    expect(expectOnly(r, 'UNKNOWN_METRIC', '/ratios/0/denominator').params).toMatchObject({ kind: 'activity', expectedKind: 'area' });
  });

  it('MEMBER_NOT_IN_TEAM: a report names a member of another team', () => {
    const r = withFault((d) => {
      d.reports![4]!.memberId = 'm-001';
    });
    expect(expectOnly(r, 'MEMBER_NOT_IN_TEAM', '/reports/4/memberId').params).toEqual({ teamId: 'T-C01', memberId: 'm-001' });
  });

  it('PARENT_CYCLE: a 3-cycle is reported once, from its smallest id, in parent order', () => {
    const r = withFault((d) => {
      d.orgUnits.push(
        { id: 'X3', name: 'X3', level: 'village', parentId: 'X1' },
        { id: 'X2', name: 'X2', level: 'commune', parentId: 'X3' },
        { id: 'X1', name: 'X1', level: 'district', parentId: 'X2' },
      );
    });
    // one error; no LEVEL_ORDER noise for the link where, going round, a child is above its parent
    const p = expectOnly(r, 'PARENT_CYCLE', '/orgUnits/7/parentId');
    expect(p.params).toEqual({ cycle: ['X1', 'X2', 'X3'] });
    expect(p.message.en).toBe('Parent links form a cycle: "X1" → "X2" → "X3" → "X1".');
  });

  it('PARENT_CYCLE: a unit that is its own parent', () => {
    const r = withFault((d) => {
      d.orgUnits[0]!.parentId = 'P19';
    });
    expect(expectOnly(r, 'PARENT_CYCLE', '/orgUnits/0/parentId').params).toEqual({ cycle: ['P19'] });
  });

  it('PARENT_CYCLE: a 100,000-unit chain is walked without recursion', () => {
    const n = 100_000;
    const orgUnits = Array.from({ length: n }, (_, i) => ({ id: `U${i}`, name: `U${i}`, level: 'village', parentId: `U${(i + 1) % n}` }));
    const r = validateDataset({ levels: [{ id: 'village' }], orgUnits, teams: [] });
    const p = expectOnly(r, 'PARENT_CYCLE', '/orgUnits/0/parentId');
    expect((p.params!.cycle as string[]).length).toBe(n);
  });

  it('UNKNOWN_LEVEL: org unit and team levels, with a suggestion', () => {
    const r = withFault((d) => {
      d.orgUnits[4]!.level = 'vilage';
      d.teams[1]!.level = 'ward';
    });
    expect(expectProblem(r, 'UNKNOWN_LEVEL', '/orgUnits/4/level').params).toMatchObject({ level: 'vilage', suggestion: 'village' });
    expectProblem(r, 'UNKNOWN_LEVEL', '/teams/1/level');
    expect(r.problems).toHaveLength(2);
  });

  it('LEVEL_ORDER: a warning when a child is not below its parent', () => {
    const r = withFault((d) => {
      d.orgUnits[4]!.level = 'district'; // a "district" under a commune
    });
    const p = expectOnly(r, 'LEVEL_ORDER', '/orgUnits/4/level');
    expect(p.severity).toBe('warning');
    expect(p.params).toEqual({ level: 'district', parentLevel: 'commune', parentId: 'C19-05500' });
    expect(r.valid).toBe(true);
  });

  it('UNKNOWN_METRIC: did you mean householdsVisited?', () => {
    const r = withFault((d) => {
      d.reports![0]!.metrics = { householdVisited: 12 };
    });
    const p = expectOnly(r, 'UNKNOWN_METRIC', '/reports/0/metrics/householdVisited');
    expect(p.params).toEqual({ metric: 'householdVisited', suggestion: 'householdsVisited' });
    expect(p.message.en).toContain('did you mean "householdsVisited"?');
    expect(p.message.vi).toContain('"householdsVisited"');
  });

  it('UNKNOWN_METRIC: an area metric in a report, an activity metric in an indicator row', () => {
    const r = withFault((d) => {
      d.reports![1]!.metrics = { population: 800 };
      d.indicators![1]!.metrics = { householdsVisited: 10 };
    });
    expect(expectProblem(r, 'UNKNOWN_METRIC', '/reports/1/metrics/population').params).toEqual({
      metric: 'population',
      kind: 'area',
      expectedKind: 'activity',
    });
    expect(expectProblem(r, 'UNKNOWN_METRIC', '/indicators/1/metrics/householdsVisited').params).toEqual({
      metric: 'householdsVisited',
      kind: 'activity',
      expectedKind: 'area',
    });
    expect(r.problems).toHaveLength(2);
  });

  it('DUPLICATE_REPORT: same team, member and month; a team report and a member report do not clash', () => {
    const r = withFault((d) => {
      d.reports!.push({ teamId: 'T-V01', memberId: 'm-002', month: '2024-01', metrics: {} });
      d.reports!.push({ teamId: 'T-C01', month: '2024-03', metrics: {} });
      d.reports!.push({ teamId: 'T-V01', month: '2024-01', metrics: {} });
    });
    expect(expectProblem(r, 'DUPLICATE_REPORT', '/reports/5').params).toEqual({
      firstPath: '/reports/1',
      teamId: 'T-V01',
      memberId: 'm-002',
      month: '2024-01',
    });
    expect(expectProblem(r, 'DUPLICATE_REPORT', '/reports/6').params).toEqual({ firstPath: '/reports/4', teamId: 'T-C01', month: '2024-03' });
    expect(r.problems).toHaveLength(2);
  });

  it('DUPLICATE_INDICATOR: same org unit and period; a year and a month do not clash', () => {
    const r = withFault((d) => {
      d.indicators!.push({ orgUnitId: 'C19-05500', period: '2024', metrics: { households: 2500 } });
    });
    expect(expectOnly(r, 'DUPLICATE_INDICATOR', '/indicators/3').params).toEqual({
      firstPath: '/indicators/2',
      orgUnitId: 'C19-05500',
      period: '2024',
    });
  });

  it.each([
    ['negative', -3, '-3'],
    ['NaN', Number.NaN, 'NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, 'Infinity'],
  ])('INVALID_NUMBER: a %s value is reported once, at the value', (_, value, shown) => {
    const r = withFault((d) => {
      (d.reports![2]!.metrics as Record<string, number>).householdsVisited = value;
    });
    const p = expectOnly(r, 'INVALID_NUMBER', '/reports/2/metrics/householdsVisited');
    expect(p.params).toEqual({ value: shown });
  });

  it('INVALID_NUMBER: in indicator rows too', () => {
    const r = withFault((d) => {
      (d.indicators![2]!.metrics as Record<string, number>).adults = -1;
    });
    expectOnly(r, 'INVALID_NUMBER', '/indicators/2/metrics/adults');
  });

  it('INVALID_DATE_RANGE: every end before its start, and impossible dates', () => {
    const r = withFault((d) => {
      d.window = { from: '2024-06', to: '2024-01' };
      d.orgUnits[1]!.validFrom = '2025-07-01';
      d.teams[1]!.disbandedOn = '2021-12-31';
      d.teams[0]!.members![4]!.leftOn = '2022-12-31';
      d.teams[0]!.members![0]!.joinedOn = '2025-02-30';
      d.orgUnits[3]!.validFrom = '2023-02-29';
    });
    expect(expectProblem(r, 'INVALID_DATE_RANGE', '/window/to').params).toEqual({ from: '2024-06', to: '2024-01' });
    expect(expectProblem(r, 'INVALID_DATE_RANGE', '/orgUnits/1/validTo').params).toEqual({ from: '2025-07-01', to: '2025-06-30' });
    expectProblem(r, 'INVALID_DATE_RANGE', '/teams/1/disbandedOn');
    expectProblem(r, 'INVALID_DATE_RANGE', '/teams/0/members/4/leftOn');
    expect(expectProblem(r, 'INVALID_DATE_RANGE', '/teams/0/members/0/joinedOn').params).toEqual({ value: '2025-02-30' });
    expectProblem(r, 'INVALID_DATE_RANGE', '/orgUnits/3/validFrom');
    // the window is reversed, so every report is outside it: those are warnings
    expect(r.problems.filter((p) => p.severity === 'error')).toHaveLength(6);
  });

  it('INVALID_DATE_RANGE: 29 February exists in leap years', () => {
    const r = withFault((d) => {
      d.orgUnits[3]!.validFrom = '2024-02-29';
    });
    expect(r.problems).toEqual([]);
  });

  it('REPORT_OUTSIDE_WINDOW: outside the window, before establishment, after disbanding (warnings)', () => {
    const r = withFault((d) => {
      d.reports![0]!.month = '2025-01';
      d.teams[1]!.establishedOn = '2024-04-10';
      d.teams[0]!.disbandedOn = '2024-01-31';
    });
    expect(expectProblem(r, 'REPORT_OUTSIDE_WINDOW', '/reports/0/month').params).toMatchObject({ reason: 'window' });
    expect(expectProblem(r, 'REPORT_OUTSIDE_WINDOW', '/reports/4/month').params).toMatchObject({
      reason: 'beforeEstablished',
      establishedMonth: '2024-04',
    });
    expect(expectProblem(r, 'REPORT_OUTSIDE_WINDOW', '/reports/2/month').params).toMatchObject({
      reason: 'afterDisbanded',
      disbandedMonth: '2024-01',
    });
    expectProblem(r, 'REPORT_OUTSIDE_WINDOW', '/reports/3/month');
    expect(r.problems).toHaveLength(4);
    expect(r.problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(r.valid).toBe(true);
  });

  it('COVERAGE_EXCEEDS_BASE: a numerator larger than its denominator (warning)', () => {
    const r = withFault((d) => {
      d.indicators![0]!.metrics = { ...d.indicators![0]!.metrics, adultsWithSmartphone: 700, hueSUsers: 600 };
    });
    const builtin = expectProblem(r, 'COVERAGE_EXCEEDS_BASE', '/indicators/0/metrics/adultsWithSmartphone');
    expect(builtin.params).toEqual({ ratios: ['smartphone'], numerator: 'adultsWithSmartphone', denominator: 'adults', value: 700, base: 590 });
    expect(expectProblem(r, 'COVERAGE_EXCEEDS_BASE', '/indicators/0/metrics/hueSUsers').params).toMatchObject({ ratios: ['hueSAdoption'] });
    expect(r.problems).toHaveLength(2);
    expect(r.valid).toBe(true);
  });

  it('COVERAGE_EXCEEDS_BASE: nothing when the denominator is absent', () => {
    const r = withFault((d) => {
      d.indicators![2]!.metrics = { adultsWithSmartphone: 7000 };
    });
    expect(r.problems).toEqual([]);
  });
});

describe('reporting', () => {
  it('reports all problems together: 4 faults, 4 problems', () => {
    const r = withFault((d) => {
      d.teams[1]!.orgUnitId = 'nowhere';
      d.reports![0]!.metrics = { householdVisited: 1 };
      d.indicators!.push({ ...d.indicators![0]! });
      d.orgUnits[2]!.level = 'hamlet';
    });
    expect(codes(r).sort()).toEqual(['DANGLING_REFERENCE', 'DUPLICATE_INDICATOR', 'UNKNOWN_LEVEL', 'UNKNOWN_METRIC']);
    expect(r.valid).toBe(false);
    expect(r.dataset).toBeDefined();
  });

  it('sorts by path, with array indices in numeric order, then by code', () => {
    const d = smallDataset();
    for (let i = 0; i < 12; i++) d.reports!.push({ teamId: 'T-C01', month: `2023-${String(i + 1).padStart(2, '0')}`, metrics: { x: -1 } });
    const r = validateDataset(d);
    const paths = r.problems.map((p) => p.path);
    expect(paths.slice(0, 3)).toEqual(['/reports/5/metrics/x', '/reports/5/metrics/x', '/reports/5/month']);
    expect(paths.indexOf('/reports/9/month')).toBeLessThan(paths.indexOf('/reports/10/metrics/x'));
    expect(codes(r).slice(0, 2)).toEqual(['INVALID_NUMBER', 'UNKNOWN_METRIC']);
  });

  it('is deterministic: the same input gives the same problems', () => {
    const make = () =>
      withFault((d) => {
        d.orgUnits.push({ id: 'C19-05500', name: 'dup', level: 'commune' });
        d.reports!.push({ ...d.reports![0]! });
        d.teams[0]!.level = 'villag';
      });
    expect(make().problems).toEqual(make().problems);
  });

  it('property: shuffling the arrays of a dataset does not change the problem codes', () => {
    const faulty = smallDataset();
    faulty.orgUnits.push(
      { id: 'V19-05500-02', name: 'dup', level: 'village', parentId: 'C19-05500' },
      { id: 'Y1', name: 'Y1', level: 'village', parentId: 'Y2' },
      { id: 'Y2', name: 'Y2', level: 'village', parentId: 'Y1' },
    );
    faulty.reports!.push({ teamId: 'T-V01', memberId: 'm-001', month: '2024-01', metrics: { householdVisited: 1, population: -2 } });
    faulty.indicators!.push({ orgUnitId: 'nowhere', period: '2024', metrics: { adults: 5, adultsWithSmartphone: 6 } });
    const shuffled = <T>(items: readonly T[]) => fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

    for (const base of [smallDataset(), faulty]) {
      const expected = codes(validateDataset(base)).sort();
      const cycles = validateDataset(base)
        .problems.filter((p) => p.code === 'PARENT_CYCLE')
        .map((p) => p.params);
      fc.assert(
        fc.property(
          fc.record({
            orgUnits: shuffled(base.orgUnits),
            teams: shuffled(base.teams),
            members: shuffled(base.teams[0]!.members!),
            reports: shuffled(base.reports!),
            indicators: shuffled(base.indicators!),
          }),
          ({ members, ...order }) => {
            const teams = order.teams.map((t) => (t.id === 'T-V01' ? { ...t, members } : t));
            const r = validateDataset({ ...base, ...order, teams });
            expect(codes(r).sort()).toEqual(expected);
            expect(r.problems.filter((p) => p.code === 'PARENT_CYCLE').map((p) => p.params)).toEqual(cycles);
          },
        ),
        { numRuns: 100 },
      );
      if (base === faulty) expect(expected.length).toBeGreaterThanOrEqual(6);
    }
  });
});

describe('comparePaths', () => {
  it('orders array indices numerically and keys by code unit', () => {
    const paths = ['/reports/10', '/reports/9/month', '/orgUnits/2', '/reports/9', '', '/reports/100/metrics/a2', '/reports/100/metrics/a10'];
    expect([...paths].sort(comparePaths)).toEqual([
      '',
      '/orgUnits/2',
      '/reports/9',
      '/reports/9/month',
      '/reports/10',
      '/reports/100/metrics/a2',
      '/reports/100/metrics/a10',
    ]);
  });

  it('is a consistent total order (antisymmetric, zero only for equal paths)', () => {
    const path = fc
      .array(fc.oneof(fc.nat({ max: 2000 }).map(String), fc.constantFrom('teams', 'members', 'id', 'a1', 'a01', '~0')), { maxLength: 5 })
      .map((s) => s.map((x) => `/${x}`).join(''));
    fc.assert(
      fc.property(path, path, path, (a, b, c) => {
        expect(Math.sign(comparePaths(a, b)) + Math.sign(comparePaths(b, a)) === 0).toBe(true);
        expect(comparePaths(a, b) === 0).toBe(a === b);
        if (comparePaths(a, b) < 0 && comparePaths(b, c) < 0) expect(comparePaths(a, c)).toBeLessThan(0);
      }),
    );
  });
});

describe('bounded answers', () => {
  it('lists at most MAX_PROBLEMS_PER_CODE problems of one code, then one summary of that code', () => {
    const reports = Array.from({ length: MAX_PROBLEMS_PER_CODE + 250 }, (_, i) => ({ teamId: `missing-${i}`, month: '2025-01', metrics: {} }));
    const v = validateDataset({ orgUnits: [], teams: [], reports });
    const dangling = v.problems.filter((p) => p.code === 'DANGLING_REFERENCE');
    expect(dangling).toHaveLength(MAX_PROBLEMS_PER_CODE + 1);
    expect(dangling.at(-1)).toMatchObject({ path: '', params: { omitted: 250, total: MAX_PROBLEMS_PER_CODE + 250 } });
    expect(dangling[0]!.path).toBe('/reports/0/teamId');
    expect(v.valid).toBe(false);
  });

  it('collecting in bounded memory changes nothing that is listed', () => {
    // Problems of three codes (half of them of one, so that it often has more than are listed) at scattered
    // rows, some paths repeated; the list cut down every `every` problems.
    const codeOf: ErrorCode[] = ['DANGLING_REFERENCE', 'DUPLICATE_REPORT', 'UNKNOWN_METRIC'];
    const arbProblem = fc
      .record({
        code: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 2 })),
        row: fc.nat({ max: 1500 }),
        text: fc.nat({ max: 2 }),
      })
      .map(
        ({ code, row, text }): Problem => ({
          code: codeOf[code]!,
          severity: 'error',
          path: `/reports/${row}/teamId`,
          message: { vi: `lỗi ${text}`, en: `problem ${text}` },
          params: { row, text },
        }),
      );
    const at = (row: number, text: number): Problem => ({
      code: 'DANGLING_REFERENCE',
      severity: 'error',
      path: `/reports/${row}/teamId`,
      message: { vi: `lỗi ${text}`, en: `problem ${text}` },
      params: { row, text },
    });
    // At the bound: rows 0–999 fill the list and are cut; then one sorts just before the last kept (row 999)
    // and must take its place, and one equal to the last kept must not.
    const edge = [...Array.from({ length: MAX_PROBLEMS_PER_CODE }, (_, row) => at(row, 0)), at(998, 1), at(999, 0)];
    const edgeCollector = new ProblemCollector([], MAX_PROBLEMS_PER_CODE);
    for (const p of edge) edgeCollector.add(p);
    const listed = listProblems(edgeCollector.problems, edgeCollector.omitted);
    expect(listed).toEqual(listProblems(edge, new Map()));
    expect(listed.slice(-3).map((p) => p.params)).toEqual([
      { row: 998, text: 0 },
      { row: 998, text: 1 },
      { omitted: 2, total: MAX_PROBLEMS_PER_CODE + 2 },
    ]);
    fc.assert(
      fc.property(
        fc.array(arbProblem, { minLength: MAX_PROBLEMS_PER_CODE, maxLength: 5 * MAX_PROBLEMS_PER_CODE }),
        fc.integer({ min: 50, max: 1500 }),
        (all, every) => {
          const expected = listProblems(all, new Map());
          const collector = new ProblemCollector([], every);
          for (const p of all) {
            collector.add(p);
            expect(collector.problems.length).toBeLessThanOrEqual(every + codeOf.length * MAX_PROBLEMS_PER_CODE);
          }
          expect(listProblems(collector.problems, collector.omitted)).toEqual(expected);
        },
      ),
      { numRuns: 60, endOnFailure: true }, // shrinking lists of thousands would take minutes
    );
  });

  it('a dataset with more wrong rows than are held at once gives the same bounded answer', () => {
    // 60,000 reports of an undeclared team, in two months: 120,000 problems, more than the 100,000 the
    // integrity pass holds before cutting its list down; every one is counted.
    const n = 60_000;
    const reports = Array.from({ length: n }, (_, i) => ({ teamId: 'T-X99', month: i % 2 === 0 ? '2025-01' : '2025-02', metrics: {} }));
    const v = validateSlow({ orgUnits: [], teams: [], reports }, {});
    expect(validateFast({ orgUnits: [], teams: [], reports }, {})).toEqual(v);
    const summary = (code: ErrorCode) => v.problems.find((p) => p.code === code && p.path === '');
    expect(v.problems.filter((p) => p.code === 'DANGLING_REFERENCE' && p.path !== '').map((p) => p.path)).toEqual(
      Array.from({ length: MAX_PROBLEMS_PER_CODE }, (_, i) => `/reports/${i}/teamId`),
    );
    expect(summary('DANGLING_REFERENCE')?.params).toEqual({ omitted: n - MAX_PROBLEMS_PER_CODE, total: n });
    // Rows 0 and 1 are the first of their month; every later row repeats one of them.
    const duplicates = v.problems.filter((p) => p.code === 'DUPLICATE_REPORT' && p.path !== '');
    expect(duplicates[0]!.path).toBe('/reports/2');
    expect(duplicates.at(-1)!.path).toBe(`/reports/${MAX_PROBLEMS_PER_CODE + 1}`);
    expect(summary('DUPLICATE_REPORT')?.params).toEqual({ omitted: n - 2 - MAX_PROBLEMS_PER_CODE, total: n - 2 });
    expect(v.problems).toHaveLength(2 * MAX_PROBLEMS_PER_CODE + 2);
  });
});
