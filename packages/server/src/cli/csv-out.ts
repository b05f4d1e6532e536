/**
 * `cnscd evaluate --format csv`: the ranking of subjects, one row each, for a spreadsheet.
 *
 * - UTF-8 with a byte-order mark, so that Excel shows Vietnamese as Vietnamese; CRLF line ends (RFC 4180).
 * - Quoting by csv-stringify: a cell with the delimiter, a quote or a line break is quoted.
 * - Text cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
 *   return, or their full-width forms) get a leading apostrophe (csv-stringify's `escape_formulas`);
 *   numbers are ours and are written as numbers.
 * - Columns (docs/cli.md): rank, subject, kind, orgUnit, level, score, maxScore, percent, rating,
 *   ratingLabel, complete, then one column per criterion (its points; empty where it did not apply).
 *   Headers are in the `--lang` language.
 * - Rows are sorted by rank: percent (rounded to two decimals, as printed) from high to low; equal
 *   percents share a rank (1, 2, 2, 4); subjects no criterion applied to have no rank and come last;
 *   ties are ordered by subject id, so the file does not depend on the dataset's order.
 * - `--delimiter ';'` writes decimals with a comma (69,9), as Excel reads them where the regional
 *   settings are Vietnamese (or any decimal-comma locale); with `,` decimals have a dot.
 */
import type { EvaluationResult, SubjectResult } from '@cnscd/core';
import { stringify } from 'csv-stringify/sync';
import { text, type CliStream, type Lang } from './io.js';

/** The field delimiter. */
export type CsvDelimiter = ',' | ';';

/** Options of {@link writeCsv}. */
export interface CsvOptions {
  readonly lang: Lang;
  readonly delimiter: CsvDelimiter;
}

/** The fixed columns: their ids (the English headers) and Vietnamese headers. */
export const CSV_COLUMNS: readonly { readonly id: string; readonly vi: string }[] = [
  { id: 'rank', vi: 'Hạng' },
  { id: 'subject', vi: 'Đối tượng' },
  { id: 'kind', vi: 'Loại' },
  { id: 'orgUnit', vi: 'Đơn vị' },
  { id: 'level', vi: 'Cấp' },
  { id: 'score', vi: 'Điểm' },
  { id: 'maxScore', vi: 'Điểm tối đa' },
  { id: 'percent', vi: 'Tỷ lệ (%)' },
  { id: 'rating', vi: 'Mã xếp loại' },
  { id: 'ratingLabel', vi: 'Xếp loại' },
  { id: 'complete', vi: 'Đầy đủ' },
];

/** Rows written per call to the stream (a national result has about 75,000). */
const BATCH = 5_000;

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Competition ranks by percent (as printed), best first; null for subjects no criterion applied to.
 *
 * @example
 * ```ts
 * rankSubjects(result.subjects).map((r) => r.rank); // [1, 2, 2, 4, null]
 * ```
 */
export function rankSubjects(subjects: readonly SubjectResult[]): { subject: SubjectResult; rank: number | null }[] {
  const ranked = subjects.filter((s) => s.rating !== null);
  const unranked = subjects.filter((s) => s.rating === null);
  const byId = (a: SubjectResult, b: SubjectResult): number => (a.subject.id < b.subject.id ? -1 : a.subject.id > b.subject.id ? 1 : 0);
  ranked.sort((a, b) => round2(b.percent) - round2(a.percent) || byId(a, b));
  unranked.sort(byId);
  const out: { subject: SubjectResult; rank: number | null }[] = [];
  let rank = 0;
  let previous: number | undefined;
  ranked.forEach((s, i) => {
    const p = round2(s.percent);
    if (p !== previous) rank = i + 1;
    previous = p;
    out.push({ subject: s, rank });
  });
  for (const s of unranked) out.push({ subject: s, rank: null });
  return out;
}

/**
 * Write the result's ranking as CSV (see the module comment for the format).
 *
 * @example
 * ```ts
 * writeCsv(process.stdout, result, { lang: 'vi', delimiter: ';' });
 * ```
 */
export function writeCsv(out: CliStream, result: EvaluationResult, options: CsvOptions): void {
  const criteria = result.subjects[0]?.criteria.map((c) => c.id) ?? [];
  const header = [...CSV_COLUMNS.map((c) => (options.lang === 'vi' ? c.vi : c.id)), ...criteria];
  const yes = options.lang === 'vi' ? 'có' : 'yes';
  const no = options.lang === 'vi' ? 'không' : 'no';
  const rows = rankSubjects(result.subjects).map(({ subject: s, rank }) => {
    const points = new Map(s.criteria.map((c) => [c.id, c.status === 'not-applicable' || c.status === 'error' ? null : round2(c.points)]));
    return [
      rank,
      s.subject.id,
      s.subject.kind,
      s.subject.orgUnitId,
      s.subject.level,
      round2(s.score),
      round2(s.maxScore),
      round2(s.percent),
      s.rating?.id ?? null,
      s.rating === null ? null : text(s.rating.label, options.lang),
      s.complete ? yes : no,
      ...criteria.map((id) => points.get(id) ?? null),
    ];
  });
  const format = {
    delimiter: options.delimiter,
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: { number: (n: number): string => (options.delimiter === ';' ? String(n).replace('.', ',') : String(n)) },
  } as const;
  out.write(stringify([header], { ...format, bom: true }));
  for (let i = 0; i < rows.length; i += BATCH) out.write(stringify(rows.slice(i, i + BATCH), format));
}
