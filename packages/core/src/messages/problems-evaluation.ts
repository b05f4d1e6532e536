/**
 * Messages of the warnings an evaluation returns (`evaluate/`): the ones an official reads beside the
 * scores. Vietnamese and English side by side, with typed params; call sites pass a key and its params.
 *
 * A message names what the official knows by its label — a criterion by its title, a fact or metric by the
 * catalog's label, a level by the hierarchy's label — and writes numbers, dates, months and periods as each
 * language does (12.131; 31/12/2025; 03/2025; 01/2025–12/2025 in Vietnamese). Ids stay in the problem's
 * `params`; only the input's own codes (mã tổ, mã đơn vị) are shown as they are (docs/glossary.md).
 *
 * @example
 * ```ts
 * render(EVALUATION_MESSAGES, 'notEffective', { asOf: '2025-03-31', set: { vi: 'Bộ tiêu chí', en: 'Set' }, from: '2025-07-01' }).vi;
 * // 'Ngày đánh giá 31/03/2025 nằm ngoài thời gian hiệu lực của bộ tiêu chí “Bộ tiêu chí” (01/07/2025 – …).'
 * ```
 */
import type { LocalizedText } from '../errors.js';
import { defineCatalogue, type Catalogue, type Lang } from './define.js';
import { formatDate, formatNumber, formatPeriod } from './format.js';

/** A range of months (`YYYY-MM`). */
export interface MonthSpan {
  readonly from: string;
  readonly to: string;
}

/** The params of each evaluation warning's message. */
export interface EvaluationMessageParams {
  /** NOT_EFFECTIVE: the evaluation date is outside the set's effective dates (`to` absent: open-ended). */
  notEffective: { readonly asOf: string; readonly set: LocalizedText; readonly from: string; readonly to?: string | undefined };
  /** FACT_NOT_NUMBER: a plugin's fact gave a non-number for `count` subjects; `example` is one such value, written as text. */
  factNotNumber: { readonly fact: LocalizedText; readonly count: number; readonly example: string };
  /** MISSING_DENOMINATOR: `count` subjects have no value for the fact a criterion scores. */
  missingDenominator: { readonly criterion: LocalizedText; readonly fact: LocalizedText; readonly count: number };
  /** NO_REPORTS_IN_PERIOD; `reports` undefined when the dataset has no activity report at all. */
  noReportsInPeriod: { readonly period: MonthSpan; readonly reports?: MonthSpan | undefined };
  /** PERIOD_OUTSIDE_DATA: the months `uncovered` of the period lie outside what the dataset covers. */
  periodOutsideData: {
    readonly period: MonthSpan;
    readonly covered: MonthSpan;
    readonly source: 'window' | 'reports';
    readonly uncovered: readonly MonthSpan[];
  };
  /** TEAM_UNPLACED: the team's way up breaks at `endedUnitId`, of level `level` (its label). */
  teamUnplaced: {
    readonly teamId: string;
    readonly orgUnitId: string;
    readonly endedUnitId: string;
    readonly level: LocalizedText;
    readonly date: string;
  };
  /** UNIT_PARENT_ENDED. */
  unitParentEnded: { readonly orgUnitId: string; readonly parentId: string; readonly date: string };
  /** TEAM_UNIT_ENDED. */
  teamUnitEnded: { readonly teamId: string; readonly orgUnitId: string; readonly date: string };
  /** UNKNOWN_ROLLUP_LEVEL: a level asked of the roll-up that the dataset does not declare. */
  unknownRollupLevel: { readonly levels: readonly string[]; readonly suggestion?: string | undefined };
}

/** Quote a code of the input (mã tổ, mã đơn vị); codes match the schema's patterns, so nothing needs escaping. */
const q = (id: string): string => `"${id}"`;
/** Quote a title or label as a sentence quotes a name. */
const t = (text: LocalizedText, lang: Lang): string => `“${text[lang]}”`;
const span = (s: MonthSpan, lang: Lang): string => (lang === 'vi' ? formatPeriod(s, 'vi') : s.from === s.to ? s.from : `${s.from}–${s.to}`);
const count = (n: number, lang: Lang): string => formatNumber(n, lang);

/** The messages of evaluation warnings. */
export const EVALUATION_MESSAGES: Catalogue<EvaluationMessageParams> = defineCatalogue<EvaluationMessageParams>({
  notEffective: {
    vi: (p) =>
      `Ngày đánh giá ${formatDate(p.asOf, 'vi')} nằm ngoài thời gian hiệu lực của bộ tiêu chí ${t(p.set, 'vi')} (${formatDate(p.from, 'vi')} – ${p.to === undefined ? '…' : formatDate(p.to, 'vi')}).`,
    en: (p) => `The evaluation date ${p.asOf} is outside the effective dates of the criteria set ${t(p.set, 'en')} (${p.from} – ${p.to ?? '…'}).`,
  },
  factNotNumber: {
    vi: (p) =>
      `Dữ kiện ${t(p.fact, 'vi')} do một plugin cung cấp trả về giá trị không phải là số cho ${count(p.count, 'vi')} đối tượng; coi như không có số liệu.`,
    en: (p) =>
      `The fact ${t(p.fact, 'en')}, given by a plugin, returned a non-number (${p.example}) for ${count(p.count, 'en')} subject(s); treated as no value.`,
  },
  missingDenominator: {
    vi: (p) =>
      `Tiêu chí ${t(p.criterion, 'vi')}: ${count(p.count, 'vi')} đối tượng không có số liệu ${t(p.fact, 'vi')} (thiếu số liệu hoặc mẫu số); được 0 điểm.`,
    en: (p) =>
      `Criterion ${t(p.criterion, 'en')}: ${count(p.count, 'en')} subject(s) have no value for ${t(p.fact, 'en')} (missing data or denominator); scored 0.`,
  },
  noReportsInPeriod: {
    vi: (p) =>
      `Không tổ nào có báo cáo hoạt động trong kỳ ${span(p.period, 'vi')}; mọi tiêu chí về hoạt động chỉ thấy số 0. ${
        p.reports === undefined ? 'Dữ liệu không có báo cáo hoạt động nào.' : `Báo cáo trong dữ liệu: ${span(p.reports, 'vi')}.`
      }`,
    en: (p) =>
      `No team has an activity report in the period ${span(p.period, 'en')}, so every activity criterion sees zeros. ${
        p.reports === undefined ? 'The dataset has no activity reports.' : `The dataset's reports run ${span(p.reports, 'en')}.`
      }`,
  },
  periodOutsideData: {
    vi: (p) =>
      `Kỳ đánh giá ${span(p.period, 'vi')} vượt ra ngoài ${
        p.source === 'window' ? `kỳ báo cáo của dữ liệu ${span(p.covered, 'vi')}` : `các tháng có báo cáo trong dữ liệu (${span(p.covered, 'vi')})`
      }: ${p.uncovered.map((s) => span(s, 'vi')).join(', ')} không có dữ liệu báo cáo dù đã có tổ hoạt động; các tiêu chí về hoạt động tính các tháng đó là 0.`,
    en: (p) =>
      `The period ${span(p.period, 'en')} runs beyond ${
        p.source === 'window' ? `the dataset's window ${span(p.covered, 'en')}` : `the months the dataset's reports cover (${span(p.covered, 'en')})`
      }: ${p.uncovered.map((s) => span(s, 'en')).join(', ')} has no report data although teams existed; activity criteria count those months as zero.`,
  },
  teamUnplaced: {
    vi: (p) =>
      `Không xác định được vị trí của tổ ${q(p.teamId)} (đơn vị ${q(p.orgUnitId)}) vào ngày ${formatDate(p.date, 'vi')}: đơn vị ${q(p.endedUnitId)} (cấp ${p.level.vi}) không còn (hoặc chưa) tồn tại vào ngày đó và không có đúng một đơn vị kế thừa toàn bộ; tổ vẫn được chấm điểm và tính ở mục "chưa xác định vị trí"`,
    en: (p) =>
      `Team ${q(p.teamId)} (unit ${q(p.orgUnitId)}) cannot be placed on ${p.date}: unit ${q(p.endedUnitId)} (level ${p.level.en}) is not in force on that date and has no single full successor; the team is still scored and counted under "unplaced"`,
  },
  unitParentEnded: {
    vi: (p) =>
      `Đơn vị cấp trên ${q(p.parentId)} của ${q(p.orgUnitId)} không còn (hoặc chưa) tồn tại vào ngày ${formatDate(p.date, 'vi')}; ${q(p.orgUnitId)} được tổng hợp như một đơn vị gốc. Hãy khai báo trong dữ liệu đơn vị kế thừa của đơn vị cấp trên, hoặc đơn vị cấp trên theo thời gian của đơn vị này`,
    en: (p) =>
      `The parent ${q(p.parentId)} of ${q(p.orgUnitId)} is not in force on ${p.date}; ${q(p.orgUnitId)} is rolled up as a root. Give the parent's successors, or the unit's parents over time, in the dataset`,
  },
  teamUnitEnded: {
    vi: (p) =>
      `Đơn vị ${q(p.orgUnitId)} của tổ ${q(p.teamId)} không còn (hoặc chưa) tồn tại vào ngày ${formatDate(p.date, 'vi')}; tổ vẫn được chấm điểm nhưng không được tính trong số liệu tổng hợp. Hãy khai báo trong dữ liệu đơn vị kế thừa của đơn vị, hoặc các đơn vị của tổ theo thời gian`,
    en: (p) =>
      `The unit ${q(p.orgUnitId)} of team ${q(p.teamId)} is not in force on ${p.date}; the team is scored but not counted in the roll-up. Give the unit's successors, or the team's units over time, in the dataset`,
  },
  unknownRollupLevel: {
    vi: (p) =>
      `Cấp này không có trong danh sách cấp của dữ liệu: ${p.levels.join(', ')}${p.suggestion === undefined ? '' : `; có phải ý bạn là ${q(p.suggestion)}?`}`,
    en: (p) => `Not one of the dataset's levels: ${p.levels.join(', ')}${p.suggestion === undefined ? '' : `; did you mean ${q(p.suggestion)}?`}`,
  },
});
