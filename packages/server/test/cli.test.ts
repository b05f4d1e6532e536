import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { collector, makeCriteriaSet, makeDataset, tempFiles } from './helpers.js';

const presetsRoot = fileURLToPath(new URL('../../criteria-presets/presets/', import.meta.url));

async function cli(argv: string[], cwd: string, options: { tty?: boolean } = {}) {
  const stdout = collector();
  const stderr = collector(options.tty === undefined ? {} : { isTTY: options.tty });
  const code = await runCli(argv, { stdout, stderr, cwd, env: {} });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe('cnscd basics', () => {
  it('--help, --version, no command, unknown command', async () => {
    const help = await cli(['--help'], process.cwd());
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/cnscd evaluate/);
    expect((await cli(['--version'], process.cwd())).out).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect((await cli([], process.cwd())).code).toBe(2);
    const unknown = await cli(['frobnicate'], process.cwd());
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Unknown command "frobnicate"/);
    const badFlag = await cli(['presets', '--nope'], process.cwd());
    expect(badFlag.code).toBe(2);
    expect((await cli(['serve', '--help'], process.cwd())).out).toMatch(/--presets-dir/);
  });

  it('presets: a table, or JSON', async () => {
    const table = await cli(['presets'], process.cwd());
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^Id\s+Version/);
    expect(table.out).toMatch(/national-2024\s+2\.0\.0/);
    const vi = await cli(['presets', '--lang', 'vi'], process.cwd());
    expect(vi.out).toMatch(/^Mã\s+Phiên bản/);
    const json = JSON.parse((await cli(['presets', '--format', 'json'], process.cwd())).out) as { id: string }[];
    expect(json.map((p) => p.id)).toContain('national-2023');
  });

  it('presets with a local folder', async () => {
    const dir = tempFiles({ 'mine/my-set.json': makeCriteriaSet({ id: 'my-set' }) });
    const res = await cli(['presets', '--presets-dir', 'mine'], dir);
    expect(res.out).toMatch(/my-set\s+1\.0\.0\s+1\.0\.0\s+local/);
    const broken = tempFiles({ 'mine/bad.json': { id: 'bad' } });
    const fail = await cli(['presets', '--presets-dir', 'mine'], broken);
    expect(fail.code).toBe(1);
    expect(fail.err).toMatch(/mine\/bad\.json#\/version/);
  });
});

describe('cnscd validate', () => {
  it('exit 0 for valid files, with a summary', async () => {
    const dir = tempFiles({ 'set.json': makeCriteriaSet(), 'data.json': makeDataset(2) });
    const res = await cli(['validate', 'set.json', 'data.json'], dir);
    expect(res.code, res.out + res.err).toBe(0);
    expect(res.out).toBe('');
    expect(res.err).toMatch(/2 file\(s\) checked: 0 error\(s\)/);
  });

  it('exit 1 with file, JSON pointer and message for each problem', async () => {
    const set = makeCriteriaSet();
    const dataset = makeDataset(2);
    const dir = tempFiles({
      'set.json': {
        ...set,
        criteria: [{ ...set.criteria![0]!, scoring: { type: 'pass', when: { fact: 'memberCount', operator: 'roughly', value: 4 } } }],
      },
      'data.json': { ...dataset, teams: [dataset.teams[0]!, { ...dataset.teams[1]!, id: 'to-0' }] },
    });
    const res = await cli(['validate', 'set.json', 'data.json'], dir);
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/^set\.json#\/criteria\/0\/scoring\/when\/operator: error UNKNOWN_OPERATOR: .+/m);
    expect(res.out).toMatch(/^data\.json#\/teams\/1\/id: error DUPLICATE_ID: .+/m);
    const vi = await cli(['validate', 'set.json', '--lang', 'vi'], dir);
    expect(vi.out).toMatch(/UNKNOWN_OPERATOR: .*[àáảãạăâđêôơư]/i);
    expect(vi.err).toMatch(/Đã kiểm tra 1 tệp/);
  });

  it('walks folders: a preset folder validates preset.json and its cases', async () => {
    const res = await cli(['validate', 'national-2023'], presetsRoot);
    expect(res.code, res.out).toBe(0);
    expect(res.err).toMatch(/[4-9] file\(s\) checked: 0 error\(s\)/);

    const set = makeCriteriaSet({ id: 'prov' });
    const dataset = makeDataset(1);
    const dir = tempFiles({
      'presets/prov/preset.json': set,
      'presets/prov/cases/ok.json': { description: { vi: 'a', en: 'a' }, period: '2025', dataset, expected: { subjects: [] } },
      'presets/prov/cases/pii.json': {
        description: { vi: 'b', en: 'b' },
        period: '2025',
        dataset: { ...dataset, teams: [{ ...dataset.teams[0]!, members: [{ id: 'm1', role: 'leader', phone: '0912345678' }] }] },
        expected: { subjects: [] },
      },
      'notes/readme.json': { hello: 'world' },
      'node_modules/x/data.json': { orgUnits: 'ignored' },
    });
    const walked = await cli(['validate', '.'], dir);
    expect(walked.code).toBe(1);
    expect(walked.out).toMatch(/^presets\/prov\/cases\/pii\.json#\/dataset\/teams\/0\/members\/0\/phone: error PERSONAL_DATA_FIELD/m);
    expect(walked.out).not.toMatch(/node_modules/);
    expect(walked.err).toMatch(/3 file\(s\) checked: 1 error\(s\), 0 warning\(s\), 1 other JSON file\(s\) skipped/);
  });

  it('sets given together may extend each other', async () => {
    const dir = tempFiles({
      'base.json': makeCriteriaSet({ id: 'base-set' }),
      'child.json': { id: 'child', version: '1.0.0', title: { vi: 'c', en: 'c' }, extends: { id: 'base-set', version: '^1' } },
    });
    expect((await cli(['validate', 'base.json', 'child.json'], dir)).code).toBe(0);
    const alone = await cli(['validate', 'child.json'], dir);
    expect(alone.code).toBe(1);
    expect(alone.out).toMatch(/EXTENDS_NOT_FOUND/);
  });

  it('bad JSON, unknown documents and missing paths', async () => {
    const dir = tempFiles({ 'broken.json': '{ "id": ', 'other.json': { hello: 1 } });
    const broken = await cli(['validate', 'broken.json'], dir);
    expect(broken.code).toBe(2); // a file that is not JSON exits 2 in every command
    expect(broken.out).toMatch(/^broken\.json: error MALFORMED_JSON: Not valid JSON: the file ends before the value does$/m);
    const other = await cli(['validate', 'other.json'], dir);
    expect(other.code).toBe(1);
    expect(other.out).toMatch(/Neither a criteria set/);
    const missing = await cli(['validate', 'nope.json'], dir);
    expect(missing.code).toBe(2);
    expect((await cli(['validate'], dir)).code).toBe(2);
  });
});

describe('cnscd test', () => {
  it('runs a bundled preset folder: all cases pass', async () => {
    const res = await cli(['test', 'national-2023', 'national-2024'], presetsRoot);
    expect(res.code, res.out).toBe(0);
    expect(res.out).toMatch(/✓ boundaries\.json/);
    expect(res.out).toMatch(/\d+ passed, 0 failed\./);
  });

  it('shows the diff of a failing case and exits 1', async () => {
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
        expected: { subjects: [{ id: 'to-0', score: 90, maxScore: 100, percent: 90, rating: 'pass', criteria: { size: { points: 40 } } }] },
      },
    });
    const res = await cli(['test', 'prov'], dir);
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/✓ right\.json/);
    expect(res.out).toMatch(/✗ wrong\.json/);
    expect(res.out).toMatch(/cases\/wrong\.json#\/expected\/subjects\/0\/score: .*\n\s+expected 90, actual 100/);
    expect(res.out).toMatch(/#\/expected\/subjects\/0\/criteria\/size\/points/);
    expect(res.out).toMatch(/1 passed, 1 failed\./);
  });

  it('usage errors', async () => {
    expect((await cli(['test'], process.cwd())).code).toBe(2);
    expect((await cli(['test', 'no-such-dir'], process.cwd())).code).toBe(2);
  });
});

describe('cnscd evaluate', () => {
  const files = () =>
    tempFiles({ 'data.json': makeDataset(3), 'set.json': makeCriteriaSet(), 'nowindow.json': { ...makeDataset(1), window: undefined } });

  it('a table by default, period from the dataset window', async () => {
    const dir = files();
    const res = await cli(['evaluate', '--preset', 'national-2024', '--data', 'data.json'], dir);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toMatch(/national-2024@2\.0\.0\) — 2025-01\.\.2025-12, as of 2025-12-31/);
    expect(res.out).toMatch(/^Subject\s+Level\s+Score\s+Max\s+Percent\s+Rating/m);
    expect(res.out).toMatch(/^to-0\s+Village, hamlet or residential group\s+[\d.]+\s+\d+\s+[\d.]+%\s+\S/m);
    expect(res.out).toMatch(/3 subjects, mean [\d.]+%/);
  });

  it('JSON output, an inline criteria set, explain and engine', async () => {
    const dir = files();
    const argv = [
      'evaluate',
      '--criteria',
      'set.json',
      '--data',
      'data.json',
      '--period',
      '2025',
      '--format',
      'json',
      '--explain',
      '--engine',
      'reference',
    ];
    const res = await cli([...argv, '--shape', 'full'], dir);
    expect(res.code, res.err).toBe(0);
    const result = JSON.parse(res.out) as {
      engine: string;
      subjects: { percent: number; criteria: { explanation?: unknown }[] }[];
      rollup?: unknown;
    };
    expect(result.engine).toBe('reference');
    expect(result.subjects.map((s) => s.percent)).toEqual([100, 100, 100]);
    expect(result.subjects[0]!.criteria[0]!.explanation).toBeDefined();
    expect(result.rollup).toBeDefined();
    // Compact by default: the explanations are each subject's extras; expanded, the same result.
    const compact = JSON.parse((await cli(argv, dir)).out);
    expect(compact.shape).toBe('compact');
    expect(compact.subjects[0].extras[0].explanation).toBeDefined();
    const { expandResult } = await import('@cnscd/core');
    expect(expandResult(compact)).toEqual(result);
  });

  it('--explain in a table shows each criterion with its reason, in Vietnamese with --lang vi', async () => {
    const dir = files();
    const res = await cli(['evaluate', '--criteria', 'set.json', '--data', 'data.json', '--explain', '--lang', 'vi'], dir);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/^Tiêu chí\s+Kết quả\s+Điểm\s+Lý do/m);
    expect(res.out).toMatch(/^Tổ có 4–9 thành viên\s+Đạt\s+50\/50\s+Đạt: Số thành viên = \d, yêu cầu từ 4 đến 9$/m);
  });

  it('invalid input: exit 1, problems pointing into the files', async () => {
    const dataset = makeDataset(2);
    const set = makeCriteriaSet();
    const dir = tempFiles({
      'dup.json': { ...dataset, reports: [], teams: [dataset.teams[0]!, { ...dataset.teams[1]!, id: 'to-0' }] },
      'data.json': dataset,
      'bad-set.json': { ...set, criteria: [{ ...set.criteria![0]!, maxPoints: 'ten' }] },
    });
    const dup = await cli(['evaluate', '--preset', 'national-2024', '--data', 'dup.json'], dir);
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/^dup\.json#\/teams\/1\/id: error DUPLICATE_ID/m);
    expect(dup.out).toBe('');
    const badSet = await cli(['evaluate', '--criteria', 'bad-set.json', '--data', 'data.json'], dir);
    expect(badSet.code).toBe(1);
    expect(badSet.err).toMatch(/^bad-set\.json#\/criteria\/0\/maxPoints: error SCHEMA_VIOLATION/m);
    const unknown = await cli(['evaluate', '--preset', 'nope', '--data', 'data.json'], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^--preset: error PRESET_NOT_FOUND/m);
    const period = await cli(['evaluate', '--preset', 'national-2024', '--data', 'data.json', '--period', '2025-12..2025-01'], dir);
    expect(period.code).toBe(1);
    expect(period.err).toMatch(/^--period: error INVALID_PERIOD/m);
  });

  it('usage errors: exit 2', async () => {
    const dir = files();
    expect((await cli(['evaluate', '--preset', 'national-2024'], dir)).code).toBe(2);
    expect((await cli(['evaluate', '--data', 'data.json'], dir)).code).toBe(2);
    expect((await cli(['evaluate', '--preset', 'national-2024', '--criteria', 'set.json', '--data', 'data.json'], dir)).code).toBe(2);
    expect((await cli(['evaluate', '--preset', 'national-2024', '--data', 'missing.json'], dir)).code).toBe(2);
    expect((await cli(['evaluate', '--preset', 'national-2024', '--data', 'nowindow.json'], dir)).err).toMatch(/--period is required/);
    expect((await cli(['evaluate', '--preset', 'national-2024', '--data', 'data.json', '--format', 'xml'], dir)).code).toBe(2);
    expect((await cli(['evaluate', '--preset', 'national-2024', '--data', 'data.json', '--lang', 'fr'], dir)).code).toBe(2);
  });

  it('large datasets: a progress line on a terminal, plain output otherwise', async () => {
    // The reports are left out to keep the file small, so the set reads none (one that did would get a
    // NO_REPORTS_IN_PERIOD warning on stderr, after the line).
    const composition = makeCriteriaSet({ criteria: [makeCriteriaSet().criteria![0]!] });
    const dir = tempFiles({ 'big.json': { ...makeDataset(10_050, { members: 4 }), reports: [] }, 'set.json': composition });
    const argv = ['evaluate', '--criteria', 'set.json', '--data', 'big.json', '--format', 'json'];
    const tty = await cli(argv, dir, { tty: true });
    expect(tty.code, tty.err.slice(-500)).toBe(0);
    expect(tty.err).toMatch(/Evaluating 10,050 teams…/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's erase-line sequence is what is checked
    expect(tty.err).toMatch(/\r\u001b\[K$/); // the line is erased at the end
    const plain = await cli(argv, dir, { tty: false });
    expect(plain.code).toBe(0);
    expect(plain.err).toBe('');
    expect(JSON.parse(tty.out)).toEqual(JSON.parse(plain.out));
    expect(tty.err).toMatch(/Writing the result…/);

    // Rejected: the line is erased once, before the problems, which start on a line of their own.
    const bad = makeDataset(10_050, { members: 4 });
    const teams = bad.teams.map((t, i) => (i === 1 ? { ...t, id: bad.teams[0]!.id } : t));
    const badDir = tempFiles({ 'big.json': { ...bad, teams, reports: [] }, 'set.json': makeCriteriaSet() });
    const rejected = await cli(argv, badDir, { tty: true });
    expect(rejected.code).toBe(1);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's erase-line sequence is what is checked
    expect(rejected.err).toMatch(/\r\u001b\[KThe dataset [^\n]*\n[^\r]*big\.json#\/teams\/1\/id: error DUPLICATE_ID/);
    expect(rejected.err.split('\r\u001b[K').length).toBe(2);
  });
});
