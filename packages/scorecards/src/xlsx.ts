/**
 * The scorecard as an Excel workbook (exceljs): "Tổng hợp" (roll-ups per level), "Xếp hạng tổ" (subjects
 * ranked), "Chi tiết tiêu chí" (one row per subject and criterion), "Vấn đề dữ liệu" (problems).
 * Numbers are numbers (percentages as fractions with a % format), headers frozen, filters on, and text
 * that a spreadsheet would run as a formula is neutralised.
 */
import type { EvaluationResult } from '@cnscd/core';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { buildModel, rankedUnits } from './internal/model.js';
import { cellText, pick, SEVERITY_LABELS, STATUS_LABELS } from './internal/text.js';
import { WORDS, type Word } from './internal/words.js';
import type { ScorecardOptions } from './options.js';

/**
 * Vietnamese number formats (the locale tag makes Excel write 12.131 and 69,9 whatever the PC's settings).
 *
 * @example
 * ```ts
 * cell.numFmt = XLSX_FORMATS.percent; // 0.699 shows as 69,9%
 * ```
 */
export const XLSX_FORMATS = {
  integer: '[$-42A]#,##0',
  decimal: '[$-42A]#,##0.0',
  percent: '[$-42A]0.0%',
} as const;

type Kind = 'text' | 'integer' | 'decimal' | 'percent';
interface Column {
  readonly header: string;
  readonly kind: Kind;
  readonly width: number;
}

const round = (n: number, d = 4): number => Math.round(n * 10 ** d) / 10 ** d;

function sheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly Column[],
  rows: readonly (readonly unknown[])[],
  lang: 'vi' | 'en',
): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    width: c.width,
    ...(c.kind === 'text' ? {} : { style: { numFmt: lang === 'vi' ? XLSX_FORMATS[c.kind] : XLSX_FORMATS[c.kind].replace('[$-42A]', '') } }),
  }));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
  ws.getRow(1).commit();
  for (const r of rows) ws.addRow(r.map((v, i) => (typeof v === 'string' && columns[i]?.kind === 'text' ? cellText(v) : (v ?? null)))).commit();
  ws.commit();
}

/**
 * Render a result as an XLSX workbook.
 *
 * @example
 * ```ts
 * import { renderScorecardXlsx } from '@cnscd/scorecards';
 * await writeFile('bang-diem.xlsx', await renderScorecardXlsx(result, { lang: 'vi' }));
 * ```
 */
export async function renderScorecardXlsx(result: EvaluationResult, options: ScorecardOptions = {}): Promise<Uint8Array> {
  const m = buildModel(result, { ...options, maxTeamCards: Infinity });
  const lang = m.lang;
  const w = (k: Word): string => pick(WORDS[k], lang);
  // The streaming writer: rows are written as they are added (a province's criteria sheet has tens of
  // thousands), styles shared, strings shared (a unit's name repeats on every row of its teams).
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true, zip: { zlib: { level: 1 } } });
  wb.creator = 'cnscd';
  wb.title = pick(result.criteriaSet.title, lang);
  const T = (header: string, width = 16): Column => ({ header, kind: 'text', width });
  const I = (header: string, width = 12): Column => ({ header, kind: 'integer', width });
  const D = (header: string, width = 12): Column => ({ header, kind: 'decimal', width });
  const P = (header: string, width = 12): Column => ({ header, kind: 'percent', width });

  // Tổng hợp: every unit, level by level, best first.
  const cov = m.coverageLevel;
  const covName = cov === undefined ? '' : m.levelLabel(cov);
  const summaryRows: unknown[][] = [];
  for (const level of m.levels) {
    for (const u of rankedUnits(m, level)) {
      const c = cov === undefined ? undefined : u.units[cov];
      summaryRows.push([
        m.levelLabel(level),
        u.orgUnitId,
        u.name,
        u.parentId === null ? '' : (m.units.get(u.parentId)?.name ?? u.parentId),
        u.rank,
        u.rankOf,
        u.meanScore === null ? null : round(u.meanScore),
        u.meanPercent === null ? null : round(u.meanPercent / 100, 6),
        u.scored,
        u.teams,
        c?.withTeam ?? null,
        c?.total ?? null,
        c === undefined || c.total === 0 ? null : round(c.withTeam / c.total, 6),
        u.members,
        ...m.tiers.map((t) => u.ratings[t.id] ?? 0),
      ]);
    }
  }
  sheet(
    wb,
    w('sheetSummary'),
    [
      T(w('level'), 16),
      T(w('code'), 14),
      T(w('unit'), 28),
      T(w('parent'), 24),
      I(w('rank'), 8),
      I(`${w('rank')} / ${w('unitsTotal').toLowerCase()}`, 10),
      D(w('meanScore')),
      P(w('percent')),
      I(w('teamsScored'), 12),
      I(w('teams')),
      I(`${covName} ${w('withTeam')}`, 14),
      I(`${covName}: ${w('unitsTotal').toLowerCase()}`, 14),
      P(`${w('coverageChart')} (${covName} ${w('withTeam')})`, 16),
      I(w('members')),
      ...m.tiers.map((t) => I(pick(t.label, lang), 10)),
    ],
    summaryRows,
    lang,
  );

  // Xếp hạng tổ: competition ranks by percent, best first.
  const ranked = [...result.subjects].sort(
    (a, b) => (b.rating === null ? -1 : 0) - (a.rating === null ? -1 : 0) || b.percent - a.percent || (a.subject.id < b.subject.id ? -1 : 1),
  );
  let rank = 0;
  let previous: number | undefined;
  const teamRows = ranked.map((s, i) => {
    const p = round(s.percent, 2);
    if (s.rating !== null && p !== previous) rank = i + 1;
    previous = p;
    return [
      s.rating === null ? null : rank,
      s.subject.id,
      m.units.get(s.subject.orgUnitId)?.name ?? s.subject.orgUnitId,
      m.levelLabel(s.subject.level),
      round(s.score),
      round(s.maxScore),
      round(s.percent / 100, 6),
      s.rating === null ? '' : pick(s.rating.label, lang),
      pick(s.complete ? WORDS.yes : WORDS.no, lang),
    ];
  });
  sheet(
    wb,
    w('sheetTeams'),
    [
      I(w('rank'), 8),
      T(w('team'), 18),
      T(w('unit'), 28),
      T(w('level'), 16),
      D(w('score'), 10),
      D(w('maxScore'), 12),
      P(w('percent'), 12),
      T(w('rating'), 14),
      T(w('complete'), 10),
    ],
    teamRows,
    lang,
  );

  // Chi tiết tiêu chí: one row per subject and criterion.
  const detail: unknown[][] = [];
  for (const s of result.subjects) {
    const unit = m.units.get(s.subject.orgUnitId)?.name ?? s.subject.orgUnitId;
    for (const c of s.criteria) {
      const na = c.status === 'not-applicable';
      detail.push([
        s.subject.id,
        unit,
        pick(c.title, lang),
        na ? null : round(c.points),
        na ? null : round(c.maxPoints),
        pick(STATUS_LABELS[c.status], lang),
        c.reason === undefined ? (c.error?.message ?? '') : pick(c.reason, lang),
      ]);
    }
  }
  sheet(
    wb,
    w('sheetCriteria'),
    [T(w('team'), 18), T(w('unit'), 24), T(w('criterion'), 48), D(w('points'), 10), D(w('maxScore'), 12), T(w('status'), 14), T(w('reason'), 60)],
    detail,
    lang,
  );

  // Vấn đề dữ liệu: never hidden.
  const problems = result.problems.map((p) => [
    pick(SEVERITY_LABELS[p.severity] ?? { vi: p.severity, en: p.severity }, lang),
    pick(p.message, lang),
    p.path,
    p.code,
  ]);
  sheet(wb, w('sheetProblems'), [T(w('severity'), 12), T(w('message'), 80), T(w('where'), 30), T(w('code'), 24)], problems, lang);

  await wb.commit();
  await ended;
  const buffer = Buffer.concat(chunks);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
