/**
 * What the CLI prints for people and for scripts: each command's `--help`, `validate --format json`.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { COMMANDS } from '../src/cli/help.js';
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
    expect((await cli(['evaluate', '--help'])).out).toMatch(/--data <file\|->/);
    expect((await cli(['validate', '--help'])).out).toMatch(/--format text\|json/);
    // --help wins over other flags, even ones that would be usage errors.
    expect((await cli(['evaluate', '--nope', '--help'])).code).toBe(0);
    expect((await cli(['serve', '--help'])).out).toMatch(/--presets-dir/);
    expect((await cli(['help', 'nope'])).code).toBe(2);
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

