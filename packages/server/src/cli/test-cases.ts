/**
 * `cnscd test <preset dir>...`: run each preset's golden cases (`cases/*.json`) with the presets
 * package's generic runner and show every difference from the hand-worked expectations.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { CriteriaSet } from '@cnscd/core';
import { runCase, type GoldenCase } from '@cnscd/criteria-presets';
import type { ScoringContext } from '../pipeline.js';
import { CliError, EXIT, type ExitCode } from './exit-codes.js';
import { readJsonInput, unreadable } from './input.js';
import { text, type CliIo, type Lang } from './io.js';

const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));

/**
 * Run the golden cases of preset folders: exit 1 if any case fails, 2 if a folder, its preset.json or a
 * case cannot be read or is not JSON.
 */
export async function testCommand(dirs: readonly string[], ctx: ScoringContext, io: CliIo, lang: Lang): Promise<number> {
  let passed = 0;
  let failed = 0;
  let unreadableCases = false;
  for (const d of dirs) {
    const dir = resolve(io.cwd, d);
    const shown = relative(io.cwd, dir) || '.';
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
    io.stdout.write(`${shown}: ${preset.id}@${preset.version}, ${files.length} ${lang === 'vi' ? 'ca kiểm thử' : 'case(s)'}\n`);
    if (files.length === 0) {
      io.stdout.write(lang === 'vi' ? '  (không có ca kiểm thử nào trong cases/)\n' : '  (no cases in cases/)\n');
      failed += 1;
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
      if (diffs.length === 0) {
        passed += 1;
        io.stdout.write(`  ✓ ${f}\n`);
        continue;
      }
      failed += 1;
      io.stdout.write(`  ✗ ${f}\n`);
      for (const diff of diffs) {
        io.stdout.write(`      ${file}#${diff.path}: ${diff.message}\n`);
        if (diff.path !== '') io.stdout.write(`        expected ${show(diff.expected)}, actual ${show(diff.actual)}\n`);
      }
    }
  }
  const en = `${passed} passed, ${failed} failed.\n`;
  const vi = `${passed} đạt, ${failed} không đạt.\n`;
  io.stdout.write(lang === 'vi' ? vi : en);
  const code: ExitCode = unreadableCases ? EXIT.usage : failed > 0 ? EXIT.invalid : EXIT.ok;
  return code;
}
