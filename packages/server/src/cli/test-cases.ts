/**
 * `cnscd test <preset dir>...`: run each preset's golden cases (`cases/*.json`) with the presets
 * package's generic runner and show every difference from the hand-worked expectations.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { CriteriaSet } from '@cnscd/core';
import { runCase, type GoldenCase } from '@cnscd/criteria-presets';
import type { ScoringContext } from '../pipeline.js';
import { EXIT, UsageError, type CliIo, type Lang } from './io.js';

const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));

/** Run the golden cases of preset folders; exit 1 if any case fails or cannot be read. */
export async function testCommand(dirs: readonly string[], ctx: ScoringContext, io: CliIo, lang: Lang): Promise<number> {
  if (dirs.length === 0) throw new UsageError('test needs at least one preset folder (with preset.json and cases/).');
  let passed = 0;
  let failed = 0;
  for (const d of dirs) {
    const dir = resolve(io.cwd, d);
    const shown = relative(io.cwd, dir) || '.';
    let preset: CriteriaSet;
    try {
      if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
      preset = JSON.parse(await readFile(join(dir, 'preset.json'), 'utf8')) as CriteriaSet;
    } catch (e) {
      throw new UsageError(`${d}: not a preset folder with a readable preset.json (${e instanceof Error ? e.message : String(e)}).`);
    }
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
        const goldenCase = JSON.parse(await readFile(join(dir, file), 'utf8')) as GoldenCase;
        diffs = await runCase(preset, goldenCase, { registry: ctx.registry, resolveBase: ctx.catalog.resolveBase });
      } catch (e) {
        diffs = [{ path: '', expected: 'a runnable case', actual: undefined, message: e instanceof Error ? e.message : String(e) }];
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
  return failed > 0 ? EXIT.problems : EXIT.ok;
}
