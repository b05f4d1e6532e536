/**
 * `cnscd presets <id> --sources`: a bundled preset's "derived vs chosen" table, in the `--lang` asked for;
 * one id exactly (else a usage error, 2); an unknown id or version, or a preset of your own, is one line
 * and exit 1.
 */
import { describe, expect, it } from 'vitest';
import { formatSourcesTable, presetSources } from '@cnscd/criteria-presets';
import { runCli } from '../src/index.js';
import { collector, makeCriteriaSet, tempFiles } from './helpers.js';

async function cli(argv: string[], cwd: string = process.cwd()) {
  const stdout = collector();
  const stderr = collector();
  const code = await runCli(argv, { stdout, stderr, cwd, env: {} });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe('cnscd presets <id> --sources', () => {
  it("prints the preset's table, with the rows it inherits, in English by default", async () => {
    const res = await cli(['presets', 'national-2024', '--sources']);
    expect(res.code, res.err).toBe(0);
    expect(res.err).toBe('');
    expect(res.out).toBe(formatSourcesTable(presetSources('national-2024'), 'en', 'national-2024'));
    const lines = res.out.trimEnd().split('\n');
    expect(lines[0]).toBe('| What | Value | Origin | Basis (document, date, line) or reason | Fields in preset.json |');
    expect(lines).toHaveLength(2 + presetSources('national-2024').length);
    // Its own row (from letter 3240) and a row inherited from national-2023.
    expect(res.out).toMatch(
      /^\| Target share of households .* \| from the source \| Letter 3240\/BTTTT-CĐSQG .*`parameters\/householdsFiveSkillsTarget` \|$/m,
    );
    expect(res.out).toMatch(/^\| Team size \| 4–9 \| from the source \(inherited from `national-2023`\) \|/m);
    expect(res.out).toMatch(/\| chosen here \|/);
  });

  it('--lang vi prints it in Vietnamese; id@version picks a version', async () => {
    const vi = await cli(['presets', 'thai-nguyen-2025', '--sources', '--lang', 'vi']);
    expect(vi.code, vi.err).toBe(0);
    expect(vi.out).toBe(formatSourcesTable(presetSources('thai-nguyen-2025'), 'vi', 'thai-nguyen-2025'));
    expect(vi.out).toMatch(/^\| Nội dung \| Giá trị \| Nguồn gốc \|/);
    expect(vi.out).toMatch(/\| do bộ này chọn /);
    const exact = await cli(['presets', 'national-2024@2.0.0', '--sources']);
    expect(exact.code, exact.err).toBe(0);
    expect(exact.out).toBe((await cli(['presets', 'national-2024@^2', '--sources'])).out);
    expect(exact.out).toBe((await cli(['presets', 'national-2024', '--sources'])).out);
  });

  it('an unknown id or version: one line on stderr, exit 1, nothing on stdout', async () => {
    const unknown = await cli(['presets', 'national-2025', '--sources', '--lang', 'en']);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toBe('');
    expect(unknown.err).toMatch(/^cnscd: No preset "national-2025" \(known: ben-tre-2023, .*national-2024, .*\)\.\n$/);
    const both = await cli(['presets', 'national-2025', '--sources']);
    expect(both.code).toBe(1);
    expect(both.err).toMatch(/^cnscd: Không có bộ tiêu chí "national-2025" \(có: .*\)\. · No preset "national-2025" \(known: .*\)\.\n$/);
    const version = await cli(['presets', 'national-2024@^1', '--sources', '--lang', 'en']);
    expect(version.code).toBe(1);
    expect(version.err).toBe('cnscd: Preset "national-2024" has no version ^1 (versions: 2.0.0).\n');
  });

  it('a preset of your own: one line naming where its table would be, exit 1', async () => {
    const dir = tempFiles({ 'mine/prov/preset.json': makeCriteriaSet({ id: 'prov' }) });
    const res = await cli(['presets', 'prov', '--sources', '--presets-dir', 'mine', '--lang', 'en'], dir);
    expect(res.code).toBe(1);
    expect(res.out).toBe('');
    expect(res.err).toBe(
      'cnscd: "prov" is a preset of your own (--presets-dir or a plugin): --sources prints the tables of the bundled presets; its table, if it has one, is mine/prov/sources.json.\n',
    );
    // The same id without the folder is simply unknown.
    expect((await cli(['presets', 'prov', '--sources'], dir)).code).toBe(1);
  });

  it('usage errors (exit 2): no id, two ids, --format, an id without --sources', async () => {
    for (const argv of [
      ['presets', '--sources'],
      ['presets', 'national-2023', 'national-2024', '--sources'],
    ]) {
      const res = await cli(argv);
      expect(res.code, argv.join(' ')).toBe(2);
      expect(res.out).toBe('');
      expect(res.err).toMatch(/--sources needs exactly one preset id: cnscd presets <id> --sources\.\n.*Run "cnscd presets --help" for usage\.\n$/);
    }
    const format = await cli(['presets', 'national-2024', '--sources', '--format', 'json', '--lang', 'en']);
    expect(format.code).toBe(2);
    expect(format.err).toBe('cnscd: --sources prints a Markdown table; --format does not apply.\nRun "cnscd presets --help" for usage.\n');
    const bare = await cli(['presets', 'national-2024', '--lang', 'en']);
    expect(bare.code).toBe(2);
    expect(bare.err).toMatch(
      /^cnscd: Unexpected argument "national-2024" \(where a preset's numbers come from: cnscd presets national-2024 --sources\)\.\n/,
    );
  });

  it('is in presets --help and cnscd --help', async () => {
    const help = await cli(['presets', '--help']);
    expect(help.out).toMatch(/^ {7}cnscd presets <id\[@version\]> --sources \[--lang en\|vi\]$/m);
    expect(help.out).toMatch(/^ {2}<id\[@version\]> --sources +Where each number of a bundled preset comes from/m);
    expect((await cli(['--help'])).out).toMatch(/^ {2}cnscd presets <id\[@version\]> --sources/m);
  });
});
