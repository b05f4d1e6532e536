/**
 * The CLI's failures: one line, never a stack trace, never the file's content, exit codes from the one
 * table (0 ok, 1 invalid input, 2 usage or unreadable/malformed file) in every command; a BOM accepted
 * in every file read; `-` for standard input, bounded.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { EXIT, EXIT_TABLE } from '../src/cli/exit-codes.js';
import { readInput } from '../src/cli/input.js';
import { collector, makeCriteriaSet, makeDataset, tempFiles } from './helpers.js';

const presetsRoot = fileURLToPath(new URL('../../criteria-presets/presets/', import.meta.url));
const docs = fileURLToPath(new URL('../../../docs/cli.md', import.meta.url));

async function cli(argv: string[], cwd: string, stdin?: string | Buffer[]) {
  const stdout = collector();
  const stderr = collector();
  const input = stdin === undefined ? {} : { stdin: Readable.from(typeof stdin === 'string' ? [Buffer.from(stdin)] : stdin) };
  const code = await runCli(argv, { stdout, stderr, cwd, env: {}, ...input });
  return { code, out: stdout.text(), err: stderr.text() };
}

const BOM = '\uFEFF';
const json = (v: unknown): string => JSON.stringify(v, null, 2);
/** No stack frames and no "Error:" dumps. */
const noStack = (s: string): void => {
  expect(s).not.toMatch(/\n\s+at /);
  expect(s).not.toMatch(/^\w*Error: /m);
};

describe('exit codes come from one table', () => {
  it('--help and docs/cli.md list every code of the table with its meaning', async () => {
    const help = (await cli(['--help'], process.cwd())).out;
    const doc = readFileSync(docs, 'utf8');
    for (const e of EXIT_TABLE) {
      expect(help).toContain(`  ${e.code}  ${e.meaning.vi}\n     ${e.meaning.en}\n`);
      expect(doc).toContain(`| \`${e.code}\` | ${e.meaning.vi} | ${e.meaning.en} |`);
    }
    expect(EXIT).toEqual({ ok: 0, invalid: 1, usage: 2 });
  });

  it('malformed JSON exits 2 from every command that reads a file', async () => {
    const dir = tempFiles({
      'broken.json': '{"teams": [',
      'data.json': makeDataset(1),
      'prov/preset.json': '{"id": "prov",',
      'prov2/preset.json': makeCriteriaSet({ id: 'prov2' }),
      'prov2/cases/a.json': '{"dataset": ',
      'presets/bad.json': '{',
    });
    const runs = {
      validate: await cli(['validate', 'broken.json'], dir),
      validateMixed: await cli(['validate', 'broken.json', 'data.json'], dir),
      evaluateData: await cli(['evaluate', '--preset', 'national-2024', '--data', 'broken.json'], dir),
      evaluateCriteria: await cli(['evaluate', '--criteria', 'broken.json', '--data', 'data.json'], dir),
      testPreset: await cli(['test', 'prov'], dir),
      testCase: await cli(['test', 'prov2'], dir),
      presetsDir: await cli(['presets', '--presets-dir', 'presets'], dir),
    };
    for (const [name, r] of Object.entries(runs)) {
      expect(r.code, `${name}: ${r.err}${r.out}`).toBe(2);
      noStack(r.err + r.out);
      expect(r.err + r.out, name).toMatch(/MALFORMED_JSON|Not valid JSON|JSON không hợp lệ/);
    }
    // The other file is still checked and valid; the malformed one decides the code.
    expect(runs.validateMixed.err).toMatch(/2 file\(s\) checked: 1 error\(s\)/);
  });

  it('invalid content exits 1, valid exits 0, in every command', async () => {
    const dataset = makeDataset(2);
    const dir = tempFiles({
      'dup.json': { ...dataset, teams: [dataset.teams[0]!, { ...dataset.teams[1]!, id: 'to-0' }] },
      'data.json': dataset,
      'presets/bad.json': { id: 'bad' },
    });
    expect((await cli(['validate', 'dup.json'], dir)).code).toBe(1);
    expect((await cli(['validate', 'data.json'], dir)).code).toBe(0);
    expect((await cli(['evaluate', '--preset', 'national-2024', '--data', 'dup.json'], dir)).code).toBe(1);
    expect((await cli(['evaluate', '--preset', 'national-2024', '--data', 'data.json'], dir)).code).toBe(0);
    const presets = await cli(['presets', '--presets-dir', 'presets'], dir);
    expect(presets.code).toBe(1);
    expect(presets.err).toMatch(/^cnscd: Thư mục bộ tiêu chí có tệp không hợp lệ · The presets folder has invalid files\n/);
    expect(presets.err).toMatch(/^presets\/bad\.json#\/version: error SCHEMA_VIOLATION/m);
  });
});

describe('a missing or unreadable path is one line, exit 2', () => {
  const argvs: Record<string, string[]> = {
    presets: ['presets'],
    validate: ['validate', 'data.json'],
    test: ['test', presetsRoot + 'national-2024'],
    evaluate: ['evaluate', '--preset', 'national-2024', '--data', 'data.json'],
    serve: ['serve', '--port', '0'],
  };

  it.each(Object.keys(argvs))('--presets-dir that does not exist: %s', async (name) => {
    const dir = tempFiles({ 'data.json': makeDataset(1), 'file.txt': 'x' });
    const res = await cli([...argvs[name]!, '--presets-dir', 'no-such-dir'], dir);
    expect(res.code, res.err).toBe(2);
    noStack(res.err);
    expect(res.err).toBe('cnscd: --presets-dir no-such-dir: không tồn tại · --presets-dir no-such-dir: no such file or folder\n');
    const notDir = await cli([...argvs[name]!, '--presets-dir', 'file.txt'], dir);
    expect(notDir.code).toBe(2);
    expect(notDir.err).toBe('cnscd: --presets-dir file.txt: không phải thư mục · --presets-dir file.txt: not a folder\n');
  });

  it('other unreadable paths', async () => {
    const dir = tempFiles({ 'data.json': makeDataset(1), 'sub/x.json': {} });
    const cases = [
      await cli(['evaluate', '--preset', 'national-2024', '--data', 'missing.json'], dir),
      await cli(['evaluate', '--preset', 'national-2024', '--data', 'sub'], dir),
      await cli(['evaluate', '--criteria', 'missing.json', '--data', 'data.json'], dir),
      await cli(['test', 'missing-dir'], dir),
      await cli(['test', 'data.json'], dir),
      await cli(['test', 'sub'], dir), // a folder without preset.json
    ];
    for (const r of cases) {
      expect(r.code, r.err).toBe(2);
      noStack(r.err);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^cnscd: \S/);
    }
    expect(cases[0]!.err).toBe('cnscd: --data missing.json: không tồn tại · --data missing.json: no such file or folder\n');
    expect(cases[1]!.err).toMatch(/--data sub: là một thư mục, không phải tệp · --data sub: is a folder, not a file/);
    expect(cases[5]!.err).toMatch(/sub\/preset\.json: .*no such file/);

    const validate = await cli(['validate', 'missing.json', 'data.json'], dir);
    expect(validate.code).toBe(2);
    expect(validate.out).toBe('missing.json: error FILE_UNREADABLE: no such file or folder\n');
    // A path outside the working folder is shown as an absolute path, not as ../../…
    const elsewhere = tempFiles({ 'x.json': '{' });
    const outside = await cli(['validate', `${elsewhere}/x.json`, `${elsewhere}/nope.json`], dir);
    expect(outside.out).toBe(
      `${elsewhere}/x.json: error MALFORMED_JSON: Not valid JSON: the file ends before the value does\n${elsewhere}/nope.json: error FILE_UNREADABLE: no such file or folder\n`,
    );
    expect((await cli(['evaluate', '--preset', 'x', '--data', `${elsewhere}/nope.json`, '--lang', 'en'], dir)).err).toBe(
      `cnscd: --data ${elsewhere}/nope.json: no such file or folder\n`,
    );
  });

  it('a plugin that cannot be found exits 2, one that is not a plugin exits 1; both one line', async () => {
    const dir = tempFiles({ 'not-a-plugin.mjs': 'export default 5;\n', 'broken.mjs': 'export default {\n  name: \n' });
    const missing = await cli(['presets', '--plugin', './nope.mjs'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^cnscd: Không tìm thấy plugin "\.\/nope\.mjs" · Plugin "\.\/nope\.mjs": cannot be imported/);
    for (const file of ['./not-a-plugin.mjs', './broken.mjs']) {
      const res = await cli(['validate', 'x.json', '--plugin', file], dir);
      expect(res.code, res.err).toBe(1);
      expect(res.err).toMatch(/^cnscd: Không nạp được plugin/);
      expect(res.err.trimEnd().split('\n'), res.err).toHaveLength(1);
      noStack(res.err);
    }
  });

  it('--lang picks one language for errors; without it Vietnamese comes first', async () => {
    const dir = tempFiles({});
    expect((await cli(['evaluate', '--preset', 'x', '--data', 'nope.json', '--lang', 'vi'], dir)).err).toBe(
      'cnscd: --data nope.json: không tồn tại\n',
    );
    expect((await cli(['evaluate', '--preset', 'x', '--data', 'nope.json', '--lang=en'], dir)).err).toBe(
      'cnscd: --data nope.json: no such file or folder\n',
    );
    const usage = await cli(['frobnicate'], dir);
    expect(usage.code).toBe(2);
    expect(usage.err).toBe(
      'cnscd: Không có lệnh "frobnicate". · Unknown command "frobnicate".\nXem "cnscd --help". · Run "cnscd --help" for usage.\n',
    );
  });
});

describe('error messages never quote the file', () => {
  it('a syntax error is reported by line and column only', async () => {
    const secret = '0912345678';
    const dir = tempFiles({
      'data.json': `{\n  "teams": [\n    { "id": "t1", "phone": ${secret}x }\n  ]\n}\n`,
      'nan.json': '{"a": NaN}',
      'empty.json': '',
    });
    const evaluate = await cli(['evaluate', '--preset', 'national-2024', '--data', 'data.json'], dir);
    expect(evaluate.code).toBe(2);
    expect(evaluate.err).toBe(
      'cnscd: --data data.json: JSON không hợp lệ tại dòng 3, cột 29 · --data data.json: Not valid JSON at line 3, column 29\n',
    );
    const validate = await cli(['validate', 'data.json', 'nan.json', 'empty.json', '--format', 'json'], dir);
    expect(validate.code).toBe(2);
    expect(validate.out + validate.err).not.toContain(secret);
    const report = JSON.parse(validate.out) as { problems: { file: string; code: string; params?: unknown; message: { en: string } }[] };
    expect(report.problems).toEqual([
      expect.objectContaining({ file: 'data.json', code: 'MALFORMED_JSON', path: '', params: { line: 3, column: 29, offset: 43 } }),
      expect.objectContaining({
        file: 'nan.json',
        message: {
          vi: 'JSON không hợp lệ tại dòng 1, cột 7 (NaN và Infinity không phải số JSON)',
          en: 'Not valid JSON at line 1, column 7 (NaN and Infinity are not JSON numbers)',
        },
      }),
      expect.objectContaining({ file: 'empty.json', message: { vi: 'Tệp trống, không có JSON', en: 'The file is empty, no JSON' } }),
    ]);
    for (const argv of [
      ['test', 'prov'],
      ['presets', '--presets-dir', 'presets'],
    ]) {
      const d = tempFiles({ 'prov/preset.json': `{"id": "${secret}" x`, 'presets/a.json': `{"id": "${secret}" x` });
      const r = await cli(argv, d);
      expect(r.code).toBe(2);
      expect(r.out + r.err).not.toContain(secret);
      expect(r.out + r.err).toMatch(/line 1, column 21/);
    }
  });
});

describe('a UTF-8 BOM is accepted in every file read', () => {
  it('evaluate --data and --criteria, validate, test (preset and cases), --presets-dir', async () => {
    const set = makeCriteriaSet({ id: 'bom-set' });
    const dataset = makeDataset(2);
    const dir = tempFiles({
      'data.json': BOM + json(dataset),
      'set.json': BOM + json(set),
      'prov/preset.json': BOM + json({ ...set, id: 'prov' }),
      'prov/cases/a.json':
        BOM +
        json({
          description: { vi: 'a', en: 'a' },
          period: '2025',
          dataset: makeDataset(1),
          expected: { subjects: [{ id: 'to-0', score: 100, maxScore: 100, percent: 100, rating: 'pass' }] },
        }),
      'presets/mine.json': BOM + json({ ...set, id: 'mine' }),
    });
    const evaluate = await cli(['evaluate', '--criteria', 'set.json', '--data', 'data.json'], dir);
    expect(evaluate.code, evaluate.err).toBe(0);
    const validate = await cli(['validate', 'data.json', 'set.json', 'prov'], dir);
    expect(validate.code, validate.out).toBe(0);
    expect(validate.err).toMatch(/4 file\(s\) checked: 0 error\(s\)/);
    const test = await cli(['test', 'prov'], dir);
    expect(test.code, test.out).toBe(0);
    const presets = await cli(['presets', '--presets-dir', 'presets', '--format', 'json'], dir);
    expect(presets.code, presets.err).toBe(0);
    expect(presets.out).toContain('"mine"');
    const stdin = await cli(['evaluate', '--preset', 'national-2024', '--data', '-'], dir, BOM + json(dataset));
    expect(stdin.code, stdin.err).toBe(0);
  });
});

describe('- reads standard input', () => {
  it('evaluate --data - and --criteria -', async () => {
    const dir = tempFiles({ 'data.json': makeDataset(3), 'set.json': makeCriteriaSet() });
    const data = await cli(['evaluate', '--criteria', 'set.json', '--data', '-', '--format', 'json'], dir, json(makeDataset(3)));
    expect(data.code, data.err).toBe(0);
    const fromFile = await cli(['evaluate', '--criteria', 'set.json', '--data', 'data.json', '--format', 'json'], dir);
    expect(JSON.parse(data.out)).toEqual(JSON.parse(fromFile.out));
    // In pieces, with a multi-byte character split across two chunks.
    const text = Buffer.from(json({ ...makeDataset(3), name: 'Thôn Đông' }));
    const cut = text.indexOf(Buffer.from('ô')) + 1;
    const pieces = await cli(['evaluate', '--criteria', '-', '--data', 'data.json'], dir, json(makeCriteriaSet()));
    expect(pieces.code, pieces.err).toBe(0);
    const split = await cli(['evaluate', '--criteria', 'set.json', '--data', '-', '--format', 'json'], dir, [
      text.subarray(0, cut),
      text.subarray(cut),
    ]);
    expect(split.code, split.err).toBe(0);
  });

  it('problems point at <stdin>; malformed input exits 2; both flags cannot be -', async () => {
    const dataset = makeDataset(2);
    const dir = tempFiles({ 'set.json': makeCriteriaSet() });
    const dup = await cli(
      ['evaluate', '--criteria', 'set.json', '--data', '-'],
      dir,
      json({ ...dataset, teams: [dataset.teams[0]!, { ...dataset.teams[1]!, id: 'to-0' }] }),
    );
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/^<stdin>#\/teams\/1\/id: error DUPLICATE_ID/m);
    const bad = await cli(['evaluate', '--criteria', 'set.json', '--data', '-', '--lang', 'en'], dir, '{"a":');
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('cnscd: --data <stdin>: Not valid JSON: the file ends before the value does\n');
    const both = await cli(['evaluate', '--criteria', '-', '--data', '-'], dir, '{}');
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/Only one of --data and --criteria can read standard input/);
    const none = await runCli(['evaluate', '--criteria', 'set.json', '--data', '-'], { stdout: collector(), stderr: collector(), cwd: dir });
    expect(none).toBe(2);
  });

  it('validate -', async () => {
    const dataset = makeDataset(2);
    const dir = tempFiles({ 'set.json': makeCriteriaSet() });
    const ok = await cli(['validate', '-', 'set.json'], dir, json(dataset));
    expect(ok.code, ok.out).toBe(0);
    expect(ok.err).toMatch(/2 file\(s\) checked/);
    const bad = await cli(['validate', '-'], dir, json({ ...dataset, teams: [dataset.teams[0]!, { ...dataset.teams[1]!, id: 'to-0' }] }));
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^<stdin>#\/teams\/1\/id: error DUPLICATE_ID/m);
    expect((await cli(['validate', '-', '-'], dir, '{}')).code).toBe(2);
  });

  it('says it is waiting when standard input is a terminal', async () => {
    const dir = tempFiles({ 'set.json': makeCriteriaSet() });
    const stdin = Object.assign(Readable.from([Buffer.from(json(makeDataset(1)))]), { isTTY: true });
    const stdout = collector();
    const stderr = collector();
    const code = await runCli(['evaluate', '--criteria', 'set.json', '--data', '-', '--lang', 'en'], { stdout, stderr, cwd: dir, stdin });
    expect(code).toBe(0);
    expect(stderr.text()).toMatch(/^cnscd: Đang đọc JSON từ bàn phím, kết thúc bằng Ctrl-D · Reading JSON from the terminal; end with Ctrl-D\n/);
    const piped = await cli(['evaluate', '--criteria', 'set.json', '--data', '-'], dir, json(makeDataset(1)));
    expect(piped.err).toBe('');
  });

  it('is bounded: reading stops past the limit', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled += 1;
        yield Buffer.alloc(1024, 0x20);
      }
    }
    const io = { stdout: collector(), stderr: collector(), cwd: process.cwd(), stdin: endless() };
    await expect(readInput(io, '-', { label: '--data ', maxBytes: 10 * 1024 })).rejects.toMatchObject({
      code: 'INPUT_TOO_LARGE',
      exitCode: 2,
      text: {
        vi: '--data <stdin>: lớn hơn 10.240 byte, giới hạn đọc của cnscd',
        en: '--data <stdin>: larger than 10,240 bytes, the most cnscd reads',
      },
    });
    expect(pulled).toBe(11);
    const dir = tempFiles({ 'big.json': ' '.repeat(2048) });
    await expect(readInput({ ...io, cwd: dir }, 'big.json', { maxBytes: 1024 })).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE' });
  });
});
