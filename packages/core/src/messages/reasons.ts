/**
 * The reasons a criterion's result carries, keyed by kind, Vietnamese and English side by side. Values
 * come in already formatted for each language (numbers, shares, yes/no, labels: see `format.ts` and
 * `labels.ts`), so a reason never shows an identifier, a decimal point in Vietnamese, or `true`.
 *
 * A reason is built from pieces: the evaluator renders the pieces that are the same for every subject
 * once per criteria set (a comparison's "Số thành viên = " and ", yêu cầu ≥ 4 (Số thành viên tối thiểu)",
 * a ratio's " so với mục tiêu 70% → " and "/20 điểm") and puts the subject's values between them.
 *
 * @example
 * ```ts
 * render(REASONS, 'noData', { name: { vi: 'Tỷ lệ thành viên đã được tập huấn', en: 'Share of members trained' } });
 * // { vi: 'Chưa đạt: không có số liệu Tỷ lệ thành viên đã được tập huấn', en: 'Not met: no data for Share of members trained' }
 * ```
 */
import type { LocalizedText } from '../errors.js';
import { defineCatalogue } from './define.js';
import { STATUS_LABELS } from './labels.js';

/** A status word that opens a reason. */
export type ReasonVerdict = 'passed' | 'partial' | 'failed' | 'not-applicable';

/** The parameters of each kind of reason (or piece of one). */
export interface ReasonParams {
  /** "Đạt: " — the opening of a reason, by the criterion's status. */
  readonly verdict: { readonly status: ReasonVerdict };
  /** "Đạt" alone: a condition with no comparison to show. */
  readonly verdictOnly: { readonly status: ReasonVerdict };
  /** "Số thành viên = " — a compared value's name. */
  readonly leafHead: { readonly name: LocalizedText };
  /** ", yêu cầu ≥ 4 (Số thành viên tối thiểu)". */
  readonly leafCompare: { readonly op: LocalizedText; readonly expected: LocalizedText; readonly param?: LocalizedText };
  /** ", yêu cầu từ 4 đến 9 (Quy mô tổ)". */
  readonly leafBetween: { readonly lo: LocalizedText; readonly hi: LocalizedText; readonly param?: LocalizedText };
  /** Between two comparisons that all had to hold ("; "), or of which one was enough (" hoặc "). */
  readonly join: { readonly any: boolean };
  /** " so với mục tiêu 70% → " (and "(dưới ngưỡng 50%)" when the value is below the floor). */
  readonly ratioMid: { readonly target: LocalizedText; readonly floor?: LocalizedText };
  /** "/20 điểm". */
  readonly pointsTail: { readonly max: LocalizedText };
  /** "Chưa đạt: không có số liệu Tỷ lệ …". */
  readonly noData: { readonly name: LocalizedText };
  /** "Chưa đạt: Số buổi tập huấn = 0, chưa đạt mốc thấp nhất (≥ 1) → 0 điểm". */
  readonly stepsBelow: { readonly name: LocalizedText; readonly actual: LocalizedText; readonly lowest: LocalizedText };
  /** "Đạt một phần: Số buổi tập huấn = 3, đạt mốc ≥ 3 → 15/20 điểm". */
  readonly stepsReached: {
    readonly status: ReasonVerdict;
    readonly name: LocalizedText;
    readonly actual: LocalizedText;
    readonly min: LocalizedText;
    readonly points: LocalizedText;
    readonly max: LocalizedText;
  };
  /** A plugin scorer that gave no reason of its own: "Đạt một phần: Tuyến tính giữa hai mốc → 12,5/20 điểm". */
  readonly scorer: { readonly status: ReasonVerdict; readonly label: LocalizedText; readonly points: LocalizedText; readonly max: LocalizedText };
  /**
   * A criterion that could not be evaluated (CRITERION_FAILED). Its `error` carries the code and the
   * technical message, which the reason does not show: it names facts, plugins and scorers by id.
   */
  readonly evaluationError: Record<string, never>;
}

const param = (p: LocalizedText | undefined, lang: 'vi' | 'en'): string => (p === undefined ? '' : ` (${p[lang]})`);

/** The reason catalogue (see {@link ReasonParams}). */
export const REASONS = defineCatalogue<ReasonParams>({
  verdict: { vi: (p) => `${STATUS_LABELS[p.status].vi}: `, en: (p) => `${STATUS_LABELS[p.status].en}: ` },
  verdictOnly: { vi: (p) => STATUS_LABELS[p.status].vi, en: (p) => STATUS_LABELS[p.status].en },
  leafHead: { vi: (p) => `${p.name.vi} = `, en: (p) => `${p.name.en} = ` },
  leafCompare: {
    vi: (p) => `, yêu cầu ${p.op.vi} ${p.expected.vi}${param(p.param, 'vi')}`,
    en: (p) => `, required ${p.op.en} ${p.expected.en}${param(p.param, 'en')}`,
  },
  leafBetween: {
    vi: (p) => `, yêu cầu từ ${p.lo.vi} đến ${p.hi.vi}${param(p.param, 'vi')}`,
    en: (p) => `, required between ${p.lo.en} and ${p.hi.en}${param(p.param, 'en')}`,
  },
  join: { vi: (p) => (p.any ? ' hoặc ' : '; '), en: (p) => (p.any ? ' or ' : '; ') },
  ratioMid: {
    vi: (p) => ` so với mục tiêu ${p.target.vi}${p.floor === undefined ? '' : ` (dưới ngưỡng ${p.floor.vi})`} → `,
    en: (p) => ` against a target of ${p.target.en}${p.floor === undefined ? '' : ` (below the floor ${p.floor.en})`} → `,
  },
  pointsTail: { vi: (p) => `/${p.max.vi} điểm`, en: (p) => `/${p.max.en} points` },
  noData: {
    vi: (p) => `${STATUS_LABELS.failed.vi}: không có số liệu ${p.name.vi}`,
    en: (p) => `${STATUS_LABELS.failed.en}: no data for ${p.name.en}`,
  },
  stepsBelow: {
    vi: (p) => `${STATUS_LABELS.failed.vi}: ${p.name.vi} = ${p.actual.vi}, chưa đạt mốc thấp nhất (≥ ${p.lowest.vi}) → 0 điểm`,
    en: (p) => `${STATUS_LABELS.failed.en}: ${p.name.en} = ${p.actual.en}, below the lowest step (≥ ${p.lowest.en}) → 0 points`,
  },
  stepsReached: {
    vi: (p) => `${STATUS_LABELS[p.status].vi}: ${p.name.vi} = ${p.actual.vi}, đạt mốc ≥ ${p.min.vi} → ${p.points.vi}/${p.max.vi} điểm`,
    en: (p) => `${STATUS_LABELS[p.status].en}: ${p.name.en} = ${p.actual.en}, reaches the step ≥ ${p.min.en} → ${p.points.en}/${p.max.en} points`,
  },
  scorer: {
    vi: (p) => `${STATUS_LABELS[p.status].vi}: ${p.label.vi} → ${p.points.vi}/${p.max.vi} điểm`,
    en: (p) => `${STATUS_LABELS[p.status].en}: ${p.label.en} → ${p.points.en}/${p.max.en} points`,
  },
  // The technical message (which names facts, plugins and scorers by id) stays in the result's `error`.
  evaluationError: {
    vi: () =>
      'Không đánh giá được tiêu chí này do một lỗi khi tính toán; tiêu chí được 0 điểm, các tiêu chí khác vẫn được tính. Chi tiết kỹ thuật nằm trong mục lỗi của kết quả.',
    en: () =>
      "Could not be evaluated because of an error while computing it; it scores 0 and the other criteria still count. The technical detail is in the result's error.",
  },
});
