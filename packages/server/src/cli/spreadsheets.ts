/**
 * `cnscd template`, `cnscd import`, `cnscd export`, and spreadsheets given to `--data`: the CLI side of
 * `@cnscd/io`. Problems are printed one per line with their cell, never a personal value.
 */
import { readdir, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Dataset } from '@cnscd/core';
import type { IoProblem } from '@cnscd/io';
import type { ScoringContext } from '../pipeline.js';
import { CliError, EXIT, UsageError } from './exit-codes.js';
import { readJsonInput } from './input.js';
import { say, text, type CliIo, type Lang } from './io.js';

/**
 * `@cnscd/io` (exceljs, its unzipper) is loaded when a spreadsheet is read or written: loading it took
 * about 1 s of every `cnscd evaluate` on JSON on this machine.
 */
const ioPackage = () => import('@cnscd/io');

/** A path the io package reads: a workbook, a CSV file or a folder holding CSV files. */
export async function isSpreadsheetPath(io: CliIo, file: string): Promise<boolean> {
  if (file === '-') return false;
  if (/\.(xlsx|xlsm|xls|csv|tsv)$/i.test(file)) return true;
  // A folder is a spreadsheet when it holds CSV files; any other folder keeps the usual "not a file" error.
  const names = await readdir(resolve(io.cwd, file)).catch(() => [] as string[]);
  return names.some((n) => /\.(csv|tsv)$/i.test(n));
}

function problemLine(p: IoProblem, file: string, lang: Lang | undefined): string {
  const at =
    p.source === undefined
      ? `${file}#${p.path}`
      : `${file}${p.source.sheet === undefined ? '' : `!${p.source.sheet}`}${p.source.row === undefined ? '' : `:${p.source.row}`}${p.source.column ?? ''}`;
  return `${at}: ${p.severity} ${p.code}: ${text(p.message, lang ?? 'en')}\n`;
}

/** Import a spreadsheet; print its problems on stderr; throw (exit 1) when it has errors. */
export async function readSpreadsheetData(io: CliIo, file: string, lang: Lang | undefined, options: { strict?: boolean } = {}): Promise<Dataset> {
  const path = resolve(io.cwd, file);
  const st = await stat(path).catch(() => undefined);
  if (st === undefined) throw new CliError('FILE_UNREADABLE', { vi: `${file}: không tồn tại`, en: `${file}: no such file or folder` });
  const r = await (await ioPackage()).readSpreadsheet(path, { file, ...(options.strict === undefined ? {} : { strict: options.strict }) });
  for (const p of r.problems) io.stderr.write(problemLine(p, file, lang));
  if (!r.valid) {
    const errors = r.problems.filter((p) => p.severity === 'error').length;
    throw new CliError('INVALID_SPREADSHEET', {
      vi: `${file}: ${errors} lỗi, không tạo được bộ dữ liệu`,
      en: `${file}: ${errors} error(s), no dataset made`,
    });
  }
  return r.dataset;
}

/** `--data`: JSON as before, or a spreadsheet read through `@cnscd/io`. */
export async function readDataInput(io: CliIo, file: string, label: string): Promise<unknown> {
  if (await isSpreadsheetPath(io, file)) return readSpreadsheetData(io, file, undefined);
  return readJsonInput(io, file, label);
}

function out(command: string, o: string | undefined): string {
  if (o === undefined) throw new UsageError({ vi: `${command} cần -o <tệp>.`, en: `${command} needs -o <file>.` }, command);
  return o;
}

/** `cnscd template --preset <id> [--lang vi|en] -o <file.xlsx>` */
export async function templateCommand(
  ctx: ScoringContext,
  io: CliIo,
  args: { preset?: string | undefined; lang: Lang; langGiven: boolean; out?: string | undefined },
): Promise<number> {
  if (args.preset === undefined) throw new UsageError({ vi: 'template cần --preset <mã>.', en: 'template needs --preset <id>.' }, 'template');
  const o = out('template', args.out);
  const [id, version] = args.preset.split('@') as [string, string | undefined];
  const set = ctx.catalog.resolve(id, version === undefined ? {} : { version });
  const { metricsReadBy, templateWorkbook } = await ioPackage();
  const { activity, area } = metricsReadBy(set);
  const lang = args.langGiven ? args.lang : 'vi';
  const title = `${lang === 'vi' ? 'Bộ tiêu chí' : 'Criteria set'}: ${id}${version === undefined ? '' : `@${version}`} — ${text((set as { title?: { vi: string; en: string } }).title ?? { vi: id, en: id }, lang)}`;
  await writeFile(resolve(io.cwd, o), await templateWorkbook({ lang, activityMetrics: activity, areaMetrics: area, title }));
  io.stderr.write(
    say(
      {
        vi: `Đã ghi ${o}: ${activity.length} chỉ số hoạt động, ${area.length} chỉ tiêu địa bàn.`,
        en: `Wrote ${o}: ${activity.length} activity metrics, ${area.length} area indicators.`,
      },
      args.langGiven ? args.lang : undefined,
    ) + '\n',
  );
  return EXIT.ok;
}

/** `cnscd import <file.xlsx | file.csv | folder> -o dataset.json [--strict] [--columns]` */
export async function importCommand(
  io: CliIo,
  args: { input?: string | undefined; out?: string | undefined; strict: boolean; columns: boolean; lang: Lang | undefined },
): Promise<number> {
  if (args.input === undefined)
    throw new UsageError({ vi: 'import cần một tệp .xlsx, .csv hoặc thư mục.', en: 'import needs an .xlsx or .csv file or a folder.' }, 'import');
  const o = out('import', args.out);
  const path = resolve(io.cwd, args.input);
  if ((await stat(path).catch(() => undefined)) === undefined)
    throw new CliError('FILE_UNREADABLE', { vi: `${args.input}: không tồn tại`, en: `${args.input}: no such file or folder` });
  const r = await (await ioPackage()).readSpreadsheet(path, { file: args.input, strict: args.strict, reports: args.columns ? 'columns' : 'objects' });
  for (const p of r.problems) io.stderr.write(problemLine(p, args.input, args.lang));
  const errors = r.problems.filter((p) => p.severity === 'error').length;
  const warnings = r.problems.length - errors;
  if (!r.valid) {
    io.stderr.write(
      say(
        {
          vi: `${args.input}: ${errors} lỗi, ${warnings} cảnh báo; không ghi ${o}.`,
          en: `${args.input}: ${errors} error(s), ${warnings} warning(s); ${o} not written.`,
        },
        args.lang,
      ) + '\n',
    );
    return EXIT.invalid;
  }
  await writeFile(resolve(io.cwd, o), JSON.stringify(r.dataset, null, 2) + '\n');
  io.stderr.write(
    say(
      {
        vi: `Đã ghi ${o}: ${r.dataset.teams.length} tổ, ${warnings} cảnh báo.`,
        en: `Wrote ${o}: ${r.dataset.teams.length} teams, ${warnings} warning(s).`,
      },
      args.lang,
    ) + '\n',
  );
  return EXIT.ok;
}

/** `cnscd export <dataset.json> --format xlsx [--lang vi|en] -o <file.xlsx>` */
export async function exportCommand(
  io: CliIo,
  args: { input?: string | undefined; out?: string | undefined; format?: string | undefined; lang: Lang },
): Promise<number> {
  if (args.input === undefined) throw new UsageError({ vi: 'export cần một tệp dataset.json.', en: 'export needs a dataset.json file.' }, 'export');
  if (args.format !== undefined && args.format !== 'xlsx')
    throw new UsageError({ vi: '--format phải là xlsx.', en: '--format must be xlsx.' }, 'export');
  const o = out('export', args.out);
  const dataset = (await readJsonInput(io, args.input, '')) as Dataset;
  if (dataset === null || typeof dataset !== 'object' || !Array.isArray((dataset as { teams?: unknown }).teams)) {
    throw new CliError('INVALID_SPREADSHEET', {
      vi: `${args.input}: không phải bộ dữ liệu (thiếu teams)`,
      en: `${args.input}: not a dataset (no teams)`,
    });
  }
  await writeFile(resolve(io.cwd, o), await (await ioPackage()).exportWorkbook(dataset, { lang: args.lang }));
  return EXIT.ok;
}
