/**
 * `cnscd validate <file|dir>...`: criteria sets (JSON with `criteria` or `extends`), datasets (with
 * `orgUnits`) and golden cases (with `dataset`). Folders are walked for `*.json`; a preset folder
 * validates its `preset.json` and its cases' datasets. Sets found may extend each other.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { validateCriteriaSet, validateDataset, type CriteriaSet, type Problem } from '@cnscd/core';
import semver from 'semver';
import { pluginExtras, type ScoringContext } from '../pipeline.js';
import { createCatalog, type PresetEntry } from '../presets.js';
import { problemLine } from './format.js';
import { EXIT, UsageError, type CliIo, type Lang } from './io.js';

type Kind = 'dataset' | 'criteriaSet' | 'case' | 'unknown';

interface Target {
  readonly file: string;
  /** Named on the command line (an unrecognised file is then an error, not a skip). */
  readonly explicit: boolean;
}

const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage']);

async function walk(dir: string, out: Target[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (entries.some((e) => e.isFile() && e.name === 'preset.json')) {
    out.push({ file: join(dir, 'preset.json'), explicit: true });
    const cases = entries.find((e) => e.isDirectory() && e.name === 'cases');
    if (cases !== undefined) {
      for (const c of (await readdir(join(dir, 'cases'))).sort()) if (c.endsWith('.json')) out.push({ file: join(dir, 'cases', c), explicit: true });
    }
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory() && !SKIP_DIRS.has(e.name)) await walk(join(dir, e.name), out);
    else if (e.isFile() && e.name.endsWith('.json') && e.name !== 'package.json' && e.name !== 'package-lock.json' && !e.name.startsWith('tsconfig')) {
      out.push({ file: join(dir, e.name), explicit: false });
    }
  }
}

function kindOf(doc: unknown): Kind {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return 'unknown';
  const o = doc as Record<string, unknown>;
  if ('orgUnits' in o) return 'dataset';
  if ('criteria' in o || 'extends' in o) return 'criteriaSet';
  if ('dataset' in o) return 'case';
  return 'unknown';
}

/** Counts of what was found. */
export interface ValidateSummary {
  files: number;
  errors: number;
  warnings: number;
  skipped: number;
}

/**
 * Validate files and folders; print each problem as `file#/pointer: severity CODE: message`.
 * Returns exit code 1 when any error was found.
 */
export async function validateCommand(paths: readonly string[], ctx: ScoringContext, io: CliIo, lang: Lang): Promise<number> {
  if (paths.length === 0) throw new UsageError('validate needs at least one file or folder.');
  const targets: Target[] = [];
  for (const p of paths) {
    const abs = resolve(io.cwd, p);
    let s;
    try {
      s = await stat(abs);
    } catch {
      throw new UsageError(`No such file or folder: ${p}`);
    }
    if (s.isDirectory()) await walk(abs, targets);
    else targets.push({ file: abs, explicit: true });
  }

  const summary: ValidateSummary = { files: 0, errors: 0, warnings: 0, skipped: 0 };
  const report = (file: string, problems: readonly Problem[]): void => {
    for (const p of problems) {
      if (p.severity === 'error') summary.errors += 1;
      else summary.warnings += 1;
      io.stdout.write(problemLine(file, p, lang));
    }
  };

  // Parse everything first, so that sets given together can extend each other.
  const docs: { file: string; shown: string; doc: unknown; kind: Kind; explicit: boolean }[] = [];
  for (const t of targets) {
    const shown = relative(io.cwd, t.file) || basename(t.file);
    let doc: unknown;
    try {
      doc = JSON.parse(await readFile(t.file, 'utf8'));
    } catch (e) {
      summary.files += 1;
      const en = `Not valid JSON: ${e instanceof Error ? e.message.slice(0, 160) : String(e)}`;
      report(shown, [{ code: 'SCHEMA_VIOLATION', severity: 'error', path: '', message: { vi: 'Không phải JSON hợp lệ.', en } }]);
      continue;
    }
    docs.push({ file: t.file, shown, doc, kind: kindOf(doc), explicit: t.explicit });
  }
  const candidates: PresetEntry[] = docs
    .filter((d) => d.kind === 'criteriaSet')
    .map((d) => d.doc as CriteriaSet)
    .filter((s) => typeof s.id === 'string' && typeof s.version === 'string' && semver.valid(s.version) !== null)
    .map((set) => ({ set, source: 'local' as const }));
  const bases = createCatalog(candidates, ctx.registry);
  const resolveBase = (id: string, range?: string): CriteriaSet | undefined => bases.resolveBase(id, range) ?? ctx.catalog.resolveBase(id, range);

  for (const d of docs) {
    switch (d.kind) {
      case 'dataset':
        summary.files += 1;
        report(d.shown, validateDataset(d.doc, pluginExtras(ctx.registry)).problems);
        break;
      case 'criteriaSet':
        summary.files += 1;
        report(d.shown, validateCriteriaSet(d.doc, { registry: ctx.registry, resolveBase }).problems);
        break;
      case 'case': {
        summary.files += 1;
        const ds = validateDataset((d.doc as { dataset: unknown }).dataset, pluginExtras(ctx.registry));
        report(d.shown, ds.problems.map((p) => ({ ...p, path: '/dataset' + p.path })));
        break;
      }
      default:
        if (d.explicit) {
          summary.files += 1;
          report(d.shown, [
            {
              code: 'SCHEMA_VIOLATION',
              severity: 'error',
              path: '',
              message: {
                vi: 'Không phải bộ tiêu chí (criteria/extends), bộ dữ liệu (orgUnits) hay ca kiểm thử (dataset).',
                en: 'Neither a criteria set (criteria/extends), a dataset (orgUnits) nor a test case (dataset).',
              },
            },
          ]);
        } else {
          summary.skipped += 1;
        }
    }
  }
  const en = `${summary.files} file(s) checked: ${summary.errors} error(s), ${summary.warnings} warning(s)` +
    (summary.skipped > 0 ? `, ${summary.skipped} other JSON file(s) skipped` : '') + '.\n';
  const vi = `Đã kiểm tra ${summary.files} tệp: ${summary.errors} lỗi, ${summary.warnings} cảnh báo` +
    (summary.skipped > 0 ? `, bỏ qua ${summary.skipped} tệp JSON khác` : '') + '.\n';
  io.stderr.write(lang === 'vi' ? vi : en);
  return summary.errors > 0 ? EXIT.problems : EXIT.ok;
}
