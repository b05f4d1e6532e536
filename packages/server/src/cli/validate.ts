/**
 * `cnscd validate <file|dir>...`: criteria sets (JSON with `criteria` or `extends`), datasets (with
 * `orgUnits`) and golden cases (with `dataset`). Folders are walked for `*.json`; a preset folder
 * validates its `preset.json` and its cases' datasets. Sets found may extend each other.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { validateCriteriaSet, validateDataset, type CriteriaSet, type LocalizedText, type Problem } from '@cnscd/core';
import semver from 'semver';
import { parseJsonText } from '../internal/json-text.js';
import { pluginExtras, type ScoringContext } from '../pipeline.js';
import { createCatalog, type PresetEntry } from '../presets.js';
import { CliError, EXIT, UsageError, type ExitCode } from './exit-codes.js';
import { problemLine, type PrintableProblem } from './format.js';
import { malformed, readInput, shownPath, STDIN, unreadable } from './input.js';
import type { CliIo, Lang } from './io.js';

type Kind = 'dataset' | 'criteriaSet' | 'case' | 'unknown';

interface Target {
  /** An absolute path, or `-`. */
  readonly file: string;
  /** Named on the command line (an unrecognised file is then an error, not a skip). */
  readonly explicit: boolean;
  /** Set when the path could not be listed or read: the reason, reported as that file's problem. */
  readonly failure?: CliError;
}

const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage']);

async function walk(dir: string, out: Target[], cwd: string): Promise<void> {
  let entries;
  try {
    entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch (e) {
    out.push({ file: dir, explicit: true, failure: unreadable('', shownPath({ cwd }, dir), e) });
    return;
  }
  if (entries.some((e) => e.isFile() && e.name === 'preset.json')) {
    out.push({ file: join(dir, 'preset.json'), explicit: true });
    const cases = entries.find((e) => e.isDirectory() && e.name === 'cases');
    if (cases !== undefined) {
      let names: string[];
      try {
        names = (await readdir(join(dir, 'cases'))).sort();
      } catch (e) {
        out.push({ file: join(dir, 'cases'), explicit: true, failure: unreadable('', shownPath({ cwd }, join(dir, 'cases')), e) });
        return;
      }
      for (const c of names) if (c.endsWith('.json')) out.push({ file: join(dir, 'cases', c), explicit: true });
    }
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory() && !SKIP_DIRS.has(e.name)) await walk(join(dir, e.name), out, cwd);
    else if (
      e.isFile() &&
      e.name.endsWith('.json') &&
      e.name !== 'package.json' &&
      e.name !== 'package-lock.json' &&
      !e.name.startsWith('tsconfig')
    ) {
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

/** What kind of document a file was taken for; `unreadable` when it could not be read or parsed. */
export type ValidatedKind = Kind | 'unreadable';

/** One problem of `validate --format json`: a core problem, or a CLI one (`FILE_UNREADABLE`, `MALFORMED_JSON`). */
export interface ValidateJsonProblem extends PrintableProblem {
  /** The file: relative to the working folder when inside it, else absolute; `<stdin>` for `-`. */
  readonly file: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/**
 * The document `validate --format json` prints. Its shape is stable within a major version (`version`).
 *
 * @example
 * ```json
 * { "version": 1, "valid": false, "exitCode": 1,
 *   "summary": { "files": 1, "errors": 1, "warnings": 0, "skipped": 0 },
 *   "files": [{ "file": "data.json", "kind": "dataset", "errors": 1, "warnings": 0 }],
 *   "problems": [{ "file": "data.json", "path": "/teams/1/id", "code": "DUPLICATE_ID", "severity": "error",
 *                  "message": { "vi": "…", "en": "…" } }] }
 * ```
 */
export interface ValidateJsonReport {
  readonly version: 1;
  /** No errors (warnings allowed): the same as `exitCode === 0`. */
  readonly valid: boolean;
  readonly exitCode: ExitCode;
  readonly summary: ValidateSummary;
  readonly files: { readonly file: string; readonly kind: ValidatedKind; errors: number; warnings: number }[];
  readonly problems: ValidateJsonProblem[];
}

/** Options of {@link validateCommand}. */
export interface ValidateOptions {
  readonly lang: Lang;
  readonly format: 'text' | 'json';
}

const NOT_A_DOCUMENT: LocalizedText = {
  vi: 'Không phải bộ tiêu chí (criteria/extends), bộ dữ liệu (orgUnits) hay ca kiểm thử (dataset).',
  en: 'Neither a criteria set (criteria/extends), a dataset (orgUnits) nor a test case (dataset).',
};

/**
 * Validate files and folders (`-` reads standard input). Text: each problem as
 * `file#/pointer: severity CODE: message` on stdout and a summary on stderr; JSON: one
 * {@link ValidateJsonReport}. Returns 0, 1 when an error was found, 2 when a file could not be read or is
 * not JSON (the others are still checked).
 */
export async function validateCommand(paths: readonly string[], ctx: ScoringContext, io: CliIo, options: ValidateOptions): Promise<number> {
  const { lang, format } = options;
  if (paths.filter((p) => p === STDIN).length > 1) {
    throw new UsageError({ vi: 'Chỉ đọc đầu vào chuẩn (-) một lần.', en: 'Standard input (-) can be read only once.' }, 'validate');
  }
  const targets: Target[] = [];
  for (const p of paths) {
    if (p === STDIN) {
      targets.push({ file: STDIN, explicit: true });
      continue;
    }
    const abs = resolve(io.cwd, p);
    let s;
    try {
      s = await stat(abs);
    } catch (e) {
      targets.push({ file: abs, explicit: true, failure: unreadable('', shownPath(io, abs), e) });
      continue;
    }
    if (s.isDirectory()) await walk(abs, targets, io.cwd);
    else targets.push({ file: abs, explicit: true });
  }

  const summary: ValidateSummary = { files: 0, errors: 0, warnings: 0, skipped: 0 };
  const report: ValidateJsonReport = { version: 1, valid: true, exitCode: EXIT.ok, summary, files: [], problems: [] };
  let exitCode: ExitCode = EXIT.ok;
  const add = (file: string, kind: ValidatedKind, problems: readonly (PrintableProblem & { params?: Readonly<Record<string, unknown>> })[]): void => {
    summary.files += 1;
    const entry = { file, kind, errors: 0, warnings: 0 };
    report.files.push(entry);
    for (const p of problems) {
      if (p.severity === 'error') {
        summary.errors += 1;
        entry.errors += 1;
        if (exitCode === EXIT.ok) exitCode = EXIT.invalid;
      } else {
        summary.warnings += 1;
        entry.warnings += 1;
      }
      if (format === 'json')
        report.problems.push({
          file,
          path: p.path,
          code: p.code,
          severity: p.severity,
          message: p.message,
          ...(p.params === undefined ? {} : { params: p.params }),
        });
      else io.stdout.write(problemLine(file, p, lang));
    }
  };
  const failed = (file: string, e: CliError): void => {
    // The file name is the problem's place; the message is the reason alone.
    add(file, 'unreadable', [
      { code: e.code, severity: 'error', path: '', message: e.reason ?? e.text, ...(e.params === undefined ? {} : { params: e.params }) },
    ]);
    exitCode = EXIT.usage;
  };

  // Parse everything first, so that sets given together can extend each other.
  const docs: { file: string; shown: string; doc: unknown; kind: Kind; explicit: boolean }[] = [];
  for (const t of targets) {
    const shown = shownPath(io, t.file);
    if (t.failure !== undefined) {
      failed(shown, t.failure);
      continue;
    }
    let textContent: string;
    try {
      textContent = await readInput(io, t.file === STDIN ? STDIN : t.file);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      failed(shown, e);
      continue;
    }
    const parsed = parseJsonText(textContent);
    if (!parsed.ok) {
      failed(shown, malformed(parsed.error, shown));
      continue;
    }
    docs.push({ file: t.file, shown, doc: parsed.value, kind: kindOf(parsed.value), explicit: t.explicit });
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
        add(d.shown, d.kind, validateDataset(d.doc, pluginExtras(ctx.registry)).problems);
        break;
      case 'criteriaSet':
        add(d.shown, d.kind, validateCriteriaSet(d.doc, { registry: ctx.registry, resolveBase }).problems);
        break;
      case 'case': {
        const ds = validateDataset((d.doc as { dataset: unknown }).dataset, pluginExtras(ctx.registry));
        add(
          d.shown,
          d.kind,
          ds.problems.map((p: Problem) => ({ ...p, path: '/dataset' + p.path })),
        );
        break;
      }
      default:
        if (d.explicit) {
          add(d.shown, d.kind, [{ code: 'SCHEMA_VIOLATION', severity: 'error', path: '', message: NOT_A_DOCUMENT }]);
        } else {
          summary.skipped += 1;
        }
    }
  }
  const n = (x: number): string => x.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en');
  const en =
    `${n(summary.files)} file(s) checked: ${n(summary.errors)} error(s), ${n(summary.warnings)} warning(s)` +
    (summary.skipped > 0 ? `, ${n(summary.skipped)} other JSON file(s) skipped` : '') +
    '.\n';
  const vi =
    `Đã kiểm tra ${n(summary.files)} tệp: ${n(summary.errors)} lỗi, ${n(summary.warnings)} cảnh báo` +
    (summary.skipped > 0 ? `, bỏ qua ${n(summary.skipped)} tệp JSON khác` : '') +
    '.\n';
  if (format === 'json') {
    io.stdout.write(JSON.stringify({ ...report, valid: exitCode === EXIT.ok, exitCode }, null, 2) + '\n');
  }
  io.stderr.write(lang === 'vi' ? vi : en);
  return exitCode;
}
