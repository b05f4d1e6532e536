/**
 * `cnscd test <preset dir>...`: run each preset's golden cases (`cases/*.json`) with the presets
 * package's generic runner and show every difference from the hand-worked expectations.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CriteriaSet } from '@cnscd/core';
import { runCase, type GoldenCase } from '@cnscd/criteria-presets';
import type { ScoringContext } from '../pipeline.js';
import { CliError, EXIT, type ExitCode } from './exit-codes.js';
import { readJsonInput, shownPath, unreadable } from './input.js';
import { text, type CliIo, type Lang } from './io.js';

const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));

/** One case's outcome in `test --format json`. */
export interface TestJsonCase {
  /** `cases/<name>.json`, relative to the preset folder. */
  readonly file: string;
  readonly passed: boolean;
  /** What differs from the expectations: `path` is a JSON pointer into the case file (`""`: the whole case). */
  readonly diffs: readonly { readonly path: string; readonly message: string; readonly expected?: unknown; readonly actual?: unknown }[];
}

/**
 * The document `test --format json` prints; stable within `version` 1.
 *
 * @example
 * ```json
 * { "version": 1, "exitCode": 0, "summary": { "passed": 3, "failed": 0 },
 *   "presets": [{ "dir": "presets/national-2024", "id": "national-2024", "version": "2.0.0", "passed": 3, "failed": 0,
 *                 "cases": [{ "file": "cases/household-coverage.json", "passed": true, "diffs": [] }] }] }
 * ```
 */
export interface TestJsonReport {
  readonly version: 1;
  readonly exitCode: ExitCode;
  readonly summary: { passed: number; failed: number };
  readonly presets: {
    readonly dir: string;
    readonly id: unknown;
    readonly version: unknown;
    passed: number;
    failed: number;
    readonly cases: TestJsonCase[];
  }[];
}

/**
 * Run the golden cases of preset folders: exit 1 if any case fails (a folder without cases counts as one
 * failure), 2 if a folder, its preset.json or a case cannot be read or is not JSON. Text lists each case
 * with ✓ or ✗ and its differences; `json` prints one {@link TestJsonReport}.
 */
export async function testCommand(
  dirs: readonly string[],
  ctx: ScoringContext,
  io: CliIo,
  lang: Lang,
  format: 'text' | 'json' = 'text',
): Promise<number> {
  const report: TestJsonReport = { version: 1, exitCode: EXIT.ok, summary: { passed: 0, failed: 0 }, presets: [] };
  const say = (line: string): void => {
    if (format === 'text') io.stdout.write(line);
  };
  let unreadableCases = false;
  for (const d of dirs) {
    const dir = resolve(io.cwd, d);
    const shown = shownPath(io, dir);
    let isDir: boolean;
    try {
      isDir = (await stat(dir)).isDirectory();
    } catch (e) {
      throw unreadable('', shown, e);
    }
    if (!isDir) {
      throw new CliError('FILE_UNREADABLE', { vi: `${shown}: không phải thư mục bộ tiêu chí`, en: `${shown}: not a preset folder` });
    }
    const preset = (await readJsonInput(io, join(dir, 'preset.json'))) as CriteriaSet;
    let files: string[] = [];
    try {
      files = (await readdir(join(dir, 'cases'))).filter((f) => f.endsWith('.json')).sort();
    } catch {
      files = [];
    }
    const entry = { dir: shown, id: preset.id as unknown, version: preset.version as unknown, passed: 0, failed: 0, cases: [] as TestJsonCase[] };
    report.presets.push(entry);
    say(`${shown}: ${preset.id}@${preset.version}, ${files.length} ${lang === 'vi' ? 'ca kiểm thử' : 'case(s)'}\n`);
    if (files.length === 0) {
      say(lang === 'vi' ? '  (không có ca kiểm thử nào trong cases/)\n' : '  (no cases in cases/)\n');
      entry.failed += 1;
      continue;
    }
    for (const f of files) {
      const file = join('cases', f);
      let diffs;
      try {
        const goldenCase = (await readJsonInput(io, join(dir, file))) as GoldenCase;
        diffs = await runCase(preset, goldenCase, { registry: ctx.registry, resolveBase: ctx.catalog.resolveBase });
      } catch (e) {
        if (e instanceof CliError) unreadableCases = true;
        const message = e instanceof CliError ? text(e.reason ?? e.text, lang) : e instanceof Error ? e.message : String(e);
        diffs = [{ path: '', expected: 'a runnable case', actual: undefined, message }];
      }
      entry.cases.push({
        file,
        passed: diffs.length === 0,
        diffs: diffs.map((x) =>
          x.path === '' ? { path: '', message: x.message } : { path: x.path, message: x.message, expected: x.expected, actual: x.actual },
        ),
      });
      if (diffs.length === 0) {
        entry.passed += 1;
        say(`  ✓ ${f}\n`);
        continue;
      }
      entry.failed += 1;
      say(`  ✗ ${f}\n`);
      for (const diff of diffs) {
        say(`      ${file}#${diff.path}: ${diff.message}\n`);
        if (diff.path !== '') say(`        expected ${show(diff.expected)}, actual ${show(diff.actual)}\n`);
      }
    }
  }
  const passed = report.presets.reduce((n, p) => n + p.passed, 0);
  const failed = report.presets.reduce((n, p) => n + p.failed, 0);
  const exitCode: ExitCode = unreadableCases ? EXIT.usage : failed > 0 ? EXIT.invalid : EXIT.ok;
  if (format === 'json') {
    io.stdout.write(JSON.stringify({ ...report, exitCode, summary: { passed, failed } }, null, 2) + '\n');
  } else {
    io.stdout.write(lang === 'vi' ? `${passed} đạt, ${failed} không đạt.\n` : `${passed} passed, ${failed} failed.\n`);
  }
  return exitCode;
}
