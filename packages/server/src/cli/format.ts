/**
 * Plain-text output: aligned tables and problem lines (`file#/pointer: severity CODE message`).
 */
import type { EvaluationResult, LocalizedText, Severity } from '@cnscd/core';
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

const STATUS_VI: Readonly<Record<string, string>> = {
  passed: 'đạt',
  partial: 'một phần',
  failed: 'không đạt',
  'not-applicable': 'không áp dụng',
  error: 'lỗi',
};

/** A number as the reader writes it: two decimals at most; in Vietnamese a decimal comma and `.` between thousands. */
const num = (n: number, lang: Lang): string =>
  lang === 'vi' ? n.toLocaleString('vi-VN', { maximumFractionDigits: 2 }) : Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, '');

/** The evaluation result as tables: one row per subject; with `explain`, each criterion and its reason. */
export function resultTable(result: EvaluationResult, lang: Lang, explain: boolean): string {
  const out: string[] = [];
  out.push(
    `${text(result.criteriaSet.title, lang)} (${result.criteriaSet.id}@${result.criteriaSet.version}) — ` +
      `${result.period.from}..${result.period.to}, ${lang === 'vi' ? 'tính đến ngày' : 'as of'} ${result.asOf}\n\n`,
  );
  const rows = result.subjects.map((s) => [
    s.subject.id,
    s.subject.level,
    num(s.score, lang),
    num(s.maxScore, lang),
    `${num(s.percent, lang)}%`,
    s.rating === null ? '-' : text(s.rating.label, lang),
    s.complete ? '' : lang === 'vi' ? 'thiếu' : 'incomplete',
  ]);
  const header = lang === 'vi'
    ? ['Đối tượng', 'Cấp', 'Điểm', 'Tối đa', 'Tỷ lệ', 'Xếp loại', '']
    : ['Subject', 'Level', 'Score', 'Max', 'Percent', 'Rating', ''];
  out.push(table(header, rows));
  if (explain) {
    for (const s of result.subjects) {
      out.push(`\n${s.subject.id}\n`);
      out.push(
        table(
          lang === 'vi' ? ['Tiêu chí', 'Kết quả', 'Điểm', 'Lý do'] : ['Criterion', 'Status', 'Points', 'Reason'],
          s.criteria.map((c) => [c.id, lang === 'vi' ? (STATUS_VI[c.status] ?? c.status) : c.status, `${num(c.points, lang)}/${num(c.maxPoints, lang)}`, c.reason === undefined ? '' : text(c.reason, lang)]),
        ),
      );
    }
  }
  const m = result.summary.meanPercent;
  out.push(
    `\n${lang === 'vi' ? result.summary.subjects.toLocaleString('vi-VN') : result.summary.subjects} ${lang === 'vi' ? 'đối tượng' : 'subjects'}, ` +
      `${lang === 'vi' ? 'trung bình' : 'mean'} ${m === null ? '-' : num(m, lang) + '%'}` +
      Object.entries(result.summary.ratings).map(([id, n]) => `, ${id}: ${n}`).join('') +
      '\n',
  );
  return out.join('');
}
