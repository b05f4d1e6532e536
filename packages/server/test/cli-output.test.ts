/**
 * What the CLI prints for people and for scripts: each command's `--help`, `validate --format json`,
 * `evaluate --format csv`.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { EvaluationResult, SubjectResult } from '@cnscd/core';
import { runCli } from '../src/index.js';
import { COMMANDS } from '../src/cli/help.js';
import { rankSubjects, writeCsv } from '../src/cli/csv-out.js';
import { collector, makeCriteriaSet, makeDataset, tempFiles } from './helpers.js';

async function cli(argv: string[], cwd: string = process.cwd()) {
  const stdout = collector();
  const stderr = collector();
  const code = await runCli(argv, { stdout, stderr, cwd, env: {} });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe('help', () => {
  it('cnscd --help lists every command; each command has its own --help', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    for (const c of COMMANDS) expect(top.out).toMatch(new RegExp(`^  ${c.name} +\\S`, 'm'));
    for (const name of ['presets', 'validate', 'test', 'evaluate']) {
      for (const flag of ['--help', '-h']) {
        const res = await cli([name, flag]);
        expect(res.code, name).toBe(0);
        expect(res.out, name).toMatch(new RegExp(`^Usage: cnscd ${name} `));
        expect(res.out).not.toBe(top.out);
      }
      expect((await cli(['help', name])).out).toBe((await cli([name, '--help'])).out);
    }
    expect((await cli(['evaluate', '--help'])).out).toMatch(/--format table\|json\|ndjson\|csv\|html\|xlsx/);
    expect((await cli(['validate', '--help'])).out).toMatch(/--format text\|json/);
    // --help wins over other flags, even ones that would be usage errors.
    expect((await cli(['evaluate', '--nope', '--help'])).code).toBe(0);
    expect((await cli(['serve', '--help'])).out).toMatch(/--presets-dir/);
    expect((await cli(['help', 'nope'])).code).toBe(2);
  });
});

describe('tables in Vietnamese', () => {
  it('write numbers as a Vietnamese reader does: decimal comma, dot between thousands', async () => {
    const set = makeCriteriaSet();
    const odd = { ...set, criteria: [{ ...set.criteria![0]!, maxPoints: 1234.5 }, set.criteria![1]!] };
    const dir = tempFiles({ 'data.json': makeDataset(2), 'set.json': odd });
    const vi = await cli(['evaluate', '--criteria', 'set.json', '--data', 'data.json', '--lang', 'vi'], dir);
    expect(vi.code, vi.err).toBe(0);
    expect(vi.out).toMatch(/tính đến ngày 31\/12\/2025/);
    expect(vi.out).toMatch(/^to-0\s+Thôn\/Xóm\/Ấp\/Bản\/Tổ dân phố\/Khu phố\s+1\.284,5\s+1\.284,5\s+100%/m);
    const en = await cli(['evaluate', '--criteria', 'set.json', '--data', 'data.json'], dir);
    expect(en.out).toMatch(/^to-0\s+Village, hamlet or residential group\s+1284\.5\s+1284\.5\s+100%/m);
  });
});

describe('validate --format json', () => {
  it('one document with a stable shape: summary, files, problems with file and pointer', async () => {
    const dataset = makeDataset(2);
    const dir = tempFiles({
      'data.json': { ...dataset, reports: [], teams: [dataset.teams[0]!, { ...dataset.teams[1]!, id: 'to-0' }] },
      'set.json': makeCriteriaSet(),
      'notes/x.json': { hello: 1 },
    });
    const res = await cli(['validate', 'data.json', 'set.json', 'notes', '--format', 'json'], dir);
    expect(res.code).toBe(1);
    const report = JSON.parse(res.out) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['version', 'valid', 'exitCode', 'summary', 'files', 'problems']);
    expect(report).toMatchObject({
      version: 1,
      valid: false,
      exitCode: 1,
      summary: { files: 2, errors: 1, warnings: 0, skipped: 1 },
      files: [
        { file: 'data.json', kind: 'dataset', errors: 1, warnings: 0 },
        { file: 'set.json', kind: 'criteriaSet', errors: 0, warnings: 0 },
      ],
    });
    const problems = report.problems as Record<string, unknown>[];
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'data.json', path: '/teams/1/id', code: 'DUPLICATE_ID', severity: 'error' });
    expect(problems[0]!.message).toEqual({ vi: expect.any(String), en: expect.any(String) });

    const ok = await cli(['validate', 'set.json', '--format', 'json'], dir);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ valid: true, exitCode: 0, problems: [] });
    expect((await cli(['validate', 'set.json', '--format', 'yaml'], dir)).code).toBe(2);
  });
});

describe('test --format json', () => {
  it('one document: each preset folder, each case with its differences', async () => {
    const dataset = makeDataset(1);
    const dir = tempFiles({
      'prov/preset.json': makeCriteriaSet({ id: 'prov' }),
      'prov/cases/right.json': {
        description: { vi: 'a', en: 'a' },
        period: '2025',
        dataset,
        expected: { subjects: [{ id: 'to-0', score: 100, maxScore: 100, percent: 100, rating: 'pass' }] },
      },
      'prov/cases/wrong.json': {
        description: { vi: 'b', en: 'b' },
        period: '2025',
        dataset,
        expected: { subjects: [{ id: 'to-0', score: 90, maxScore: 100, percent: 100, rating: 'pass' }] },
      },
      'empty/preset.json': makeCriteriaSet({ id: 'empty' }),
    });
    const res = await cli(['test', 'prov', 'empty', '--format', 'json'], dir);
    expect(res.code).toBe(1);
    const report = JSON.parse(res.out) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['version', 'exitCode', 'summary', 'presets']);
    expect(report).toEqual({
      version: 1,
      exitCode: 1,
      summary: { passed: 1, failed: 2 },
      presets: [
        {
          dir: 'prov',
          id: 'prov',
          version: '1.0.0',
          passed: 1,
          failed: 1,
          cases: [
            { file: 'cases/right.json', passed: true, diffs: [] },
            {
              file: 'cases/wrong.json',
              passed: false,
              diffs: [{ path: '/expected/subjects/0/score', message: expect.any(String), expected: 90, actual: 100 }],
            },
          ],
        },
        { dir: 'empty', id: 'empty', version: '1.0.0', passed: 0, failed: 1, cases: [] },
      ],
    });
  });
});

/** A result with the subjects given, for the CSV writer. */
function resultOf(subjects: Partial<SubjectResult>[]): EvaluationResult {
  return {
    criteriaSet: { id: 's', version: '1.0.0', title: { vi: 's', en: 's' }, lineage: [] },
    period: { from: '2025-01', to: '2025-12' },
    asOf: '2025-12-31',
    engine: 'compiled',
    summary: { subjects: subjects.length, meanPercent: null, ratings: {} },
    problems: [],
    subjects: subjects.map((s, i) => ({
      subject: { kind: 'team', id: `t${i}`, orgUnitId: `u${i}`, level: 'village' },
      score: 0,
      maxScore: 100,
      percent: 0,
      rating: { id: 'tb', label: { vi: 'Trung bình', en: 'Average' } },
      complete: true,
      criteria: [],
      ...s,
    })),
  } as unknown as EvaluationResult;
}

const csvOf = (result: EvaluationResult, lang: 'vi' | 'en' = 'en', delimiter: ',' | ';' = ','): string => {
  const out = collector();
  writeCsv(out, result, { lang, delimiter });
  return out.text();
};

describe('evaluate --format csv', () => {
  it('UTF-8 with BOM, CRLF, documented columns, one row per team in rank order', async () => {
    const dir = tempFiles({ 'data.json': makeDataset(3), 'set.json': makeCriteriaSet() });
    const res = await cli(['evaluate', '--criteria', 'set.json', '--data', 'data.json', '--format', 'csv'], dir);
    expect(res.code, res.err).toBe(0);
    expect(res.out.startsWith('\uFEFFrank,subject,kind,orgUnit,level,score,maxScore,percent,rating,ratingLabel,complete,size,reports\r\n')).toBe(
      true,
    );
    const rows = parse(res.out, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.subject)).toEqual(['to-0', 'to-1', 'to-2']);
    expect(rows[0]).toEqual({
      rank: '1',
      subject: 'to-0',
      kind: 'team',
      orgUnit: 'thon-0',
      level: 'village',
      score: '100',
      maxScore: '100',
      percent: '100',
      rating: 'pass',
      ratingLabel: expect.any(String),
      complete: 'yes',
      size: '50',
      reports: '50',
    });
    const vi = await cli(['evaluate', '--criteria', 'set.json', '--data', 'data.json', '--format', 'csv', '--lang', 'vi', '--delimiter', ';'], dir);
    expect(vi.out).toMatch(/^\uFEFFHạng;Đối tượng;Loại;Đơn vị;Cấp;Điểm;Điểm tối đa;Tỷ lệ \(%\);Mã xếp loại;Xếp loại;Đầy đủ;size;reports\r\n/);
    expect(vi.out).toMatch(/;có;50;50\r\n/);
    const usage = [
      ['--format', 'csv', '--explain'],
      ['--format', 'json', '--delimiter', ';'],
      ['--format', 'csv', '--delimiter', 'tab'],
    ];
    for (const extra of usage)
      expect((await cli(['evaluate', '--criteria', 'set.json', '--data', 'data.json', ...extra], dir)).code, extra.join(' ')).toBe(2);
  });

  it('ranks: higher percent first, equal percents (as printed) share a rank, unrated last, ties by id', () => {
    const ranked = rankSubjects(
      resultOf([{ percent: 50 }, { percent: 90.004 }, { percent: 90.001 }, { percent: 70 }, { percent: 0, rating: null, maxScore: 0 }]).subjects,
    );
    expect(ranked.map((r) => [r.subject.subject.id, r.rank])).toEqual([
      ['t1', 1],
      ['t2', 1],
      ['t3', 3],
      ['t0', 4],
      ['t4', null],
    ]);
  });

  it('quotes, neutralises formulas, writes Vietnamese and decimal commas', () => {
    const nasty = ['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tx', '\rx', 'a,b', 'say "hi"', 'line\nbreak', '＝1'];
    const result = resultOf(
      nasty.map((id, i) => ({ subject: { kind: 'team', id, orgUnitId: 'Thôn Đông', level: 'village' }, percent: 100 - i, score: -1.5 })),
    );
    const csv = csvOf(result);
    const rows = parse(csv, { bom: true, columns: true, relax_quotes: false }) as Record<string, string>[];
    expect(rows.map((r) => r.subject)).toEqual([
      `'=HYPERLINK("http://x")`,
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      'a,b',
      'say "hi"',
      'line\nbreak',
      "'＝1",
    ]);
    expect(rows[0]!.orgUnit).toBe('Thôn Đông');
    expect(rows[0]!.score).toBe('-1.5'); // a number of ours, not a formula
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+@\t\r＝]/);
    expect(csv).toContain('"a,b"');
    expect(csv).toContain('"say ""hi"""');

    const semi = csvOf(resultOf([{ percent: 69.9, score: 69.9 }]), 'vi', ';');
    expect(semi).toContain(';69,9;100;69,9;tb;Trung bình;có\r\n');
  });
});

describe('evaluate --format ndjson and --shape', () => {
  const dir = tempFiles({ 'data.json': makeDataset(6) });
  const base = ['evaluate', '--preset', 'national-2024', '--data', 'data.json', '--period', '2025'];

  it('ndjson: the constant part on the first line (compact by default), then one subject per line', async () => {
    const res = await cli([...base, '--format', 'ndjson'], dir);
    expect(res.code).toBe(0);
    const lines = res.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatchObject({ shape: 'compact', subjects: 6, criteriaSet: { id: 'national-2024' } });
    expect(lines[0].criteria.length).toBeGreaterThan(5);
    expect(lines.slice(1).map((l) => l.subject.id)).toEqual(['to-0', 'to-1', 'to-2', 'to-3', 'to-4', 'to-5']);
    expect(lines[1].points).toHaveLength(lines[0].criteria.length);
  });

  it('json is compact by default, a subject per line; --shape full is the 1.x text, and the same result', async () => {
    const fullText = (await cli([...base, '--format', 'json', '--shape', 'full'], dir)).out;
    const full = JSON.parse(fullText) as EvaluationResult;
    const compactText = (await cli([...base, '--format', 'json'], dir)).out;
    const compact = JSON.parse(compactText);
    expect(compactText).toBe((await cli([...base, '--format', 'json', '--shape', 'compact'], dir)).out);
    expect(fullText).toBe(`${JSON.stringify(full, null, 2)}\n`);
    expect(full.subjects[0]!.criteria[0]!.title).toBeDefined();
    expect(compact.shape).toBe('compact');
    const { expandResult } = await import('@cnscd/core');
    expect(expandResult(compact)).toEqual(full);
    // One line per subject, each the subject's compact JSON without spaces.
    const lines = compactText.split('\n');
    for (const s of compact.subjects) expect(lines).toContain(`    ${JSON.stringify(s)}${s === compact.subjects.at(-1) ? '' : ','}`);
    expect(compactText.length).toBeLessThan(fullText.length / 2);
  });

  it('--shape without json or ndjson is a usage error', async () => {
    const res = await cli([...base, '--shape', 'compact'], dir);
    expect(res.code).toBe(2);
  });
});
