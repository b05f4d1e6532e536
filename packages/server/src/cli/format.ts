/**
 * Plain-text output: aligned tables and problem lines (`file#/pointer: severity CODE message`).
 */
import {
  formatDate,
  formatPeriod,
  levelLabel,
  STATUS_LABELS,
  type EvaluationResult,
  type LevelDefinition,
  type LocalizedText,
  type RatingTier,
  type Severity,
} from '@cnscd/core';
import { text, type Lang } from './io.js';

/** Render rows as an aligned table; numbers-looking columns are right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // 106.41 and 88.67% as English writes them; 1.284,5 and 88,67% as Vietnamese does; not 1.0.0 (a version).
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^-?\d+(\.\d+)?%?$|^-?\d{1,3}(\.\d{3})*(,\d+)?%?$|^-$/.test(r[i] ?? '')));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

/** One problem as the CLI prints it. */
export interface PrintableProblem {
  readonly code: string;
  readonly severity: Severity;
  readonly path: string;
  readonly message: LocalizedText;
}

/** `file#/pointer: error CODE: message`. */
export function problemLine(where: string, p: PrintableProblem, lang: Lang): string {
  const loc = p.path === '' ? where : `${where}#${p.path}`;
  return `${loc}: ${p.severity} ${p.code}: ${text(p.message, lang)}\n`;
}

/** A number as the reader writes it: two decimals at most; in Vietnamese a decimal comma and `.` between thousands. */
const num = (n: number, lang: Lang): string =>
  lang === 'vi' ? n.toLocaleString('vi-VN', { maximumFractionDigits: 2 }) : Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, '');

/** What the table shows of the evaluation's input besides the result: level and rating labels. */
export interface TableLabels {
  /** The dataset's own levels (their labels win over the catalog's). */
  readonly levels?: readonly LevelDefinition[];
  /** The set's rating tiers, so that a tier no subject reached is still named. */
  readonly ratings?: readonly RatingTier[];
}

/**
 * The evaluation result as tables: one row per subject; with `explain`, each criterion and its reason.
 * Levels, criteria, statuses and ratings are shown by their labels in the chosen language (never their
 * ids); subjects by their opaque id (mã), which is how the input names them.
 */
export function resultTable(result: EvaluationResult, lang: Lang, explain: boolean, labels: TableLabels = {}): string {
  const out: string[] = [];
  const set = result.criteriaSet;
  out.push(
    lang === 'vi'
      ? `${set.title.vi} (phiên bản ${set.version}) — kỳ đánh giá ${formatPeriod(result.period, 'vi')}, tính đến ngày ${formatDate(result.asOf, 'vi')}\n\n`
      : `${set.title.en} (${set.id}@${set.version}) — ${result.period.from}..${result.period.to}, as of ${result.asOf}\n\n`,
  );
  const level = (id: string): string => text(levelLabel(id, result.asOf, labels.levels) ?? { vi: id, en: id }, lang);
  const rows = result.subjects.map((s) => [
    s.subject.id,
    level(s.subject.level),
    num(s.score, lang),
    num(s.maxScore, lang),
    `${num(s.percent, lang)}%`,
    s.rating === null ? '-' : text(s.rating.label, lang),
    s.complete ? '' : lang === 'vi' ? 'thiếu' : 'incomplete',
  ]);
  const header =
    lang === 'vi' ? ['Mã', 'Cấp', 'Điểm', 'Tối đa', 'Tỷ lệ', 'Xếp loại', ''] : ['Subject', 'Level', 'Score', 'Max', 'Percent', 'Rating', ''];
  out.push(table(header, rows));
  if (explain) {
    for (const s of result.subjects) {
      out.push(`\n${s.subject.id} · ${level(s.subject.level)}\n`);
      out.push(
        table(
          lang === 'vi' ? ['Tiêu chí', 'Kết quả', 'Điểm', 'Lý do'] : ['Criterion', 'Status', 'Points', 'Reason'],
          s.criteria.map((c) => [
            text(c.title, lang),
            text(STATUS_LABELS[c.status], lang),
            `${num(c.points, lang)}/${num(c.maxPoints, lang)}`,
            c.reason === undefined ? '' : text(c.reason, lang),
          ]),
        ),
      );
    }
  }
  // Rating labels: the set's tiers, else those the subjects reached; a tier known by neither keeps its count unnamed.
  const ratingLabel = new Map<string, LocalizedText>((labels.ratings ?? []).map((t) => [t.id, t.label]));
  for (const s of result.subjects) if (s.rating !== null && !ratingLabel.has(s.rating.id)) ratingLabel.set(s.rating.id, s.rating.label);
  const m = result.summary.meanPercent;
  out.push(
    `\n${lang === 'vi' ? result.summary.subjects.toLocaleString('vi-VN') : result.summary.subjects} ${lang === 'vi' ? 'đối tượng' : 'subjects'}, ` +
      `${lang === 'vi' ? 'trung bình' : 'mean'} ${m === null ? '-' : num(m, lang) + '%'}` +
      Object.entries(result.summary.ratings)
        .map(([id, n]) => {
          const l = ratingLabel.get(id);
          if (l !== undefined) return `, ${text(l, lang)}: ${num(n, lang)}`;
          return n === 0 ? '' : `, ${lang === 'vi' ? 'xếp loại khác' : 'other rating'}: ${num(n, lang)}`;
        })
        .join('') +
      '\n',
  );
  return out.join('');
}
