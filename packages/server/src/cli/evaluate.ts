/**
 * `cnscd evaluate`: the API's pipeline on files. Problems point into the files they are about
 * (`data.json#/teams/3/id`, `criteria.json#/criteria/0/scoring`).
 */
import { stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { compactParts, resultLines, type EngineKind, type EvaluationResult, type ResultShape } from '@cnscd/core';
import { prepareEvaluation, runEvaluation, type PreparedEvaluation, type ScoringContext } from '../pipeline.js';
import { HttpProblem } from '../problems.js';
import { writeCsv, type CsvDelimiter } from './csv-out.js';
import { EXIT, UsageError } from './exit-codes.js';
import { problemLine, resultTable } from './format.js';
import { readJsonInput, shownPath, STDIN } from './input.js';
import { readDataInput } from './spreadsheets.js';
import type { CliIo, Lang } from './io.js';
import { LazyArray } from '../internal/json-chunks.js';
import { writeJson, writeLines } from './json-out.js';
import { startProgress, type Progress } from './progress.js';
import { collectGarbage } from './collect.js';

/** Datasets with more teams than this show a progress line (on a terminal). */
export const PROGRESS_THRESHOLD = 10_000;
/** Data files at least this large show the progress line from the start, while they are read. */
const READING_PROGRESS_BYTES = 32 * 2 ** 20;

/** Options of `cnscd evaluate`, parsed. */
export interface EvaluateArgs {
  readonly preset?: string | undefined;
  readonly criteria?: string | undefined;
  readonly data: string;
  readonly period?: string | undefined;
  readonly asOf?: string | undefined;
  /** JSON and NDJSON: the roll-up on the units of this date (issue 18). */
  readonly rollupAsOf?: string | undefined;
  readonly format: 'json' | 'ndjson' | 'table' | 'csv' | 'html' | 'xlsx';
  /** HTML and XLSX: the file written (`-o`); HTML without it goes to stdout, XLSX needs it. */
  readonly output?: string | undefined;
  /** HTML: the unit whose teams get cards (a national result has too many for one page). */
  readonly unit?: string | undefined;
  /** JSON and NDJSON: `compact` (the default) says each criterion's title once (see core's compactResult). */
  readonly shape?: ResultShape;
  /** CSV only. */
  readonly delimiter?: CsvDelimiter;
  readonly explain: boolean;
  readonly engine?: EngineKind | undefined;
  readonly lang: Lang;
  readonly plugins: readonly string[];
}

/** Where a body pointer points in the CLI's terms: a file or a flag. */
function locate(path: string, args: EvaluateArgs, io: CliIo): { where: string; path: string } {
  const shown = (f: string): string => shownPath(io, f);
  const strip = (prefix: string): string => path.slice(prefix.length);
  if (path === '/dataset' || path.startsWith('/dataset/')) return { where: shown(args.data), path: strip('/dataset') };
  if ((path === '/criteriaSet' || path.startsWith('/criteriaSet/')) && args.criteria !== undefined) {
    return { where: shown(args.criteria), path: strip('/criteriaSet') };
  }
  if (path.startsWith('/criteriaSet/') && args.preset !== undefined) return { where: `preset ${args.preset}`, path: strip('/criteriaSet') };
  const flags: Record<string, string> = { '/preset': '--preset', '/period': '--period', '/asOf': '--as-of', '/options/rollupAsOf': '--rollup-as-of' };
  return { where: flags[path] ?? 'input', path: '' };
}

/**
 * Run `cnscd evaluate`. Exit 0 with the result on stdout; 1 with the problems (on stderr) when the input
 * is rejected.
 */
export async function evaluateCommand(args: EvaluateArgs, ctx: ScoringContext, io: CliIo): Promise<number> {
  const line: ProgressLine = {};
  let result: EvaluationResult | number;
  try {
    // Evaluated in a function of its own: once it returns, the dataset (a gigabyte nationally) can be
    // collected while the result is written.
    result = await evaluateFiles(args, ctx, io, line);
    if (typeof result === 'number') return result;
    // The dataset is garbage now; V8 would keep it while the answer is written, which made a national
    // run's peak RSS (1,030 MB; 920 MB once collected). A scorecard keeps it (line.prepared).
    if (result.subjects.length > PROGRESS_THRESHOLD && line.prepared === undefined) collectGarbage();
    line.progress?.update('Writing the result');
    if (args.format === 'json') {
      if (args.shape === 'full') await writeJson(io.stdout, result);
      else {
        // Each compact subject is made as it is written: the compact copy never exists whole.
        const { head, subject } = compactParts(result);
        await writeJson(io.stdout, { ...head, subjects: new LazyArray(result.subjects.length, subject) }, 'lines');
      }
    } else if (args.format === 'ndjson') await writeLines(io.stdout, resultLines(result, args.shape ?? 'compact'));
    else if (args.format === 'csv') writeCsv(io.stdout, result, { lang: args.lang, delimiter: args.delimiter ?? ',' });
    else if (args.format === 'html' || args.format === 'xlsx') {
      // Loaded for scorecards only (exceljs comes with it).
      const { renderScorecard } = await import('../scorecard.js');
      const bytes = await renderScorecard(result, line.prepared!, { format: args.format, lang: args.lang, unit: args.unit });
      if (args.output === undefined) io.stdout.write(new TextDecoder().decode(bytes));
      else await writeFile(resolve(io.cwd, args.output), bytes);
    } else {
      const prepared = line.prepared;
      const ratings = prepared?.criteriaSet.ratings;
      const levels = prepared?.dataset.levels;
      io.stdout.write(
        resultTable(result, args.lang, args.explain, { ...(ratings === undefined ? {} : { ratings }), ...(levels === undefined ? {} : { levels }) }),
      );
    }
  } finally {
    line.progress?.done();
  }
  for (const p of result.problems) {
    const at = locate(p.path, args, io);
    io.stderr.write(problemLine(at.where, { ...p, path: at.path }, args.lang));
  }
  return EXIT.ok;
}

/** The command's progress line, once one is started; it stays up while the result is written. */
interface ProgressLine {
  progress?: Progress;
  /** What a scorecard needs beside the result (preset sources, level labels). */
  prepared?: PreparedEvaluation;
}

/**
 * Read, check and evaluate the files: the result, or the exit code once the problems are printed. A
 * large dataset gets a progress line, left in `line`.
 */
async function evaluateFiles(args: EvaluateArgs, ctx: ScoringContext, io: CliIo, line: ProgressLine): Promise<EvaluationResult | number> {
  // A file this large (a province or more) takes seconds to read and parse: the line starts now.
  const bytes =
    args.data === STDIN
      ? 0
      : await stat(resolve(io.cwd, args.data)).then(
          (st) => st.size,
          () => 0,
        );
  if (bytes >= READING_PROGRESS_BYTES) line.progress = startProgress(io.stderr, `Reading ${args.data}`, true);
  const dataset = await readDataInput(io, args.data, '--data ');
  const criteriaSet = args.criteria === undefined ? undefined : await readJsonInput(io, args.criteria, '--criteria ');
  const window = (dataset as { window?: { from?: unknown; to?: unknown } } | null)?.window;
  const period = args.period ?? (typeof window?.from === 'string' && typeof window.to === 'string' ? `${window.from}..${window.to}` : undefined);
  if (period === undefined) {
    throw new UsageError(
      {
        vi: 'Cần --period khi bộ dữ liệu không có window (ví dụ --period 2025-01..2025-12).',
        en: '--period is required when the dataset has no window (e.g. --period 2025-01..2025-12).',
      },
      'evaluate',
    );
  }

  const body = {
    dataset,
    ...(args.preset === undefined ? { criteriaSet } : { preset: args.preset }),
    period,
    ...(args.asOf === undefined ? {} : { asOf: args.asOf }),
    options: {
      // A scorecard gives each criterion's reason and needs the roll-ups.
      explain: (args.explain && args.format !== 'csv') || args.format === 'html' || args.format === 'xlsx',
      rollup: args.format === 'json' || args.format === 'ndjson' || args.format === 'html' || args.format === 'xlsx',
      ...(args.engine === undefined ? {} : { engine: args.engine }),
      ...(args.rollupAsOf === undefined ? {} : { rollupAsOf: args.rollupAsOf }),
    },
  };

  let result: EvaluationResult;
  try {
    const teams = Array.isArray((dataset as { teams?: unknown } | null)?.teams) ? (dataset as { teams: unknown[] }).teams.length : 0;
    const big = teams > PROGRESS_THRESHOLD;
    const validating = `Validating ${teams.toLocaleString('en')} teams`;
    const progress = line.progress ?? startProgress(io.stderr, validating, big);
    line.progress = progress;
    progress.update(validating);
    // In this thread: a worker would keep the spinner turning, but copying a national dataset to it and
    // the result back costs more than the evaluation (33 s against 18 s on a terminal). The line names
    // each phase instead, and turns again while the result is written.
    const prepared = prepareEvaluation(ctx, body);
    // Kept for a scorecard or a table (their labels come from the set and the dataset) only: the prepared
    // request holds the dataset, which must be garbage while a JSON answer is written (about 400 MB of a
    // national run's heap).
    if (args.format === 'html' || args.format === 'xlsx' || args.format === 'table') line.prepared = prepared;
    progress.update(`Evaluating ${teams.toLocaleString('en')} teams`);
    result = await runEvaluation(ctx, prepared);
  } catch (e) {
    if (!(e instanceof HttpProblem)) throw e;
    line.progress?.done(); // erase the line before the problems are printed
    io.stderr.write(`${e.message}\n`);
    for (const p of e.problems) {
      const at = locate(p.path, args, io);
      io.stderr.write(problemLine(at.where, { ...p, path: at.path }, args.lang));
    }
    return EXIT.invalid;
  }
  return result;
}
