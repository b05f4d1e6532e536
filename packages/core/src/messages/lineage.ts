/**
 * Texts of the 2025 reform's lineage (issue 18): the integrity problems of the lineage fields
 * (`model/lineage-check.ts`) and the reason a re-expressed area figure is not comparable. Vietnamese first, numbers as Vietnamese write them.
 */
import { defineCatalogue } from './define.js';

/** A fraction written the Vietnamese way (decimal comma): 1.25 → "1,25". */
const viDecimal = (x: number): string => String(x).replace('.', ',');

/** Parameters of each lineage text. */
export interface LineageMessageParams {
  /** The shares of one ended unit's successors add up to more than the whole unit. */
  SUCCESSOR_SHARES_OVER_ONE: { unitId: string; sum: number };
  /** Re-expressed on another date: part of an ended unit went into this one with no share given. */
  NOT_COMPARABLE: Record<string, never>;
  /** LINEAGE_CYCLE: a unit names itself among its successors. */
  SELF_SUCCESSOR: { id: string };
  /** LINEAGE_CYCLE: a unit names itself among its earlier parents. */
  SELF_PARENT: { id: string };
  /** LINEAGE_CYCLE through parents (now or earlier) and successors, from the unit with the smallest id. */
  LINEAGE_CYCLE: { ids: readonly string[] };
  /** SUCCESSOR_NOT_IN_FORCE: successors on a unit with no end date. */
  SUCCESSOR_WITHOUT_END: { id: string };
  /** SUCCESSOR_NOT_IN_FORCE: the successor does not exist on the day after the unit's end. */
  SUCCESSOR_NOT_IN_FORCE: { id: string; day: string };
  /** INVALID_DATE_RANGE: a history entry's `until` is not a calendar date. */
  UNTIL_NOT_A_DATE: { until: string };
  /** HISTORY_ORDER: a history entry's `until` is not after the previous one's. */
  HISTORY_ORDER: { until: string; previous: string };
  /** DANGLING_REFERENCE: a successor, earlier parent or earlier unit that does not exist. */
  NO_SUCH_UNIT: { id: string };
}

const qid = (id: string): string => `"${id}"`;

/**
 * The lineage catalogue.
 *
 * @example
 * ```ts
 * render(lineageMessages, 'SUCCESSOR_SHARES_OVER_ONE', { unitId: 'C9', sum: 1.2 }).vi; // "…cộng lại bằng 1,2…"
 * ```
 */
export const lineageMessages = defineCatalogue<LineageMessageParams>({
  SUCCESSOR_SHARES_OVER_ONE: {
    vi: (p) =>
      `Tỷ lệ (share) các đơn vị kế thừa của "${p.unitId}" cộng lại bằng ${viDecimal(p.sum)}, lớn hơn 1: một đơn vị không thể chia quá toàn bộ của nó`,
    en: (p) => `The shares of the successors of "${p.unitId}" add up to ${p.sum}, more than 1: a unit cannot be split into more than its whole`,
  },
  NOT_COMPARABLE: {
    vi: () =>
      'Một phần của đơn vị cũ đã nhập vào đơn vị này mà dữ liệu không cho tỷ lệ (share): chỉ số địa bàn không chia được nên không so sánh được và không được hiển thị',
    en: () =>
      'Part of an ended unit went into this unit and the dataset gives no share: its area indicators cannot be split, so they are not comparable and are not shown',
  },
  SELF_SUCCESSOR: { vi: (p) => `Đơn vị ${qid(p.id)} là đơn vị kế thừa của chính nó`, en: (p) => `Org unit ${qid(p.id)} is its own successor` },
  SELF_PARENT: { vi: (p) => `Đơn vị ${qid(p.id)} từng là cấp trên của chính nó`, en: (p) => `Org unit ${qid(p.id)} was its own parent` },
  LINEAGE_CYCLE: {
    vi: (p) => `Liên kết cấp trên (hiện tại hoặc trước đây) và đơn vị kế thừa tạo thành vòng: ${p.ids.map(qid).join(' → ')}`,
    en: (p) => `Parent (current or earlier) and successor links form a cycle: ${p.ids.map(qid).join(' → ')}`,
  },
  SUCCESSOR_WITHOUT_END: {
    vi: (p) => `Đơn vị có đơn vị kế thừa ${qid(p.id)} nhưng không có ngày kết thúc (validTo)`,
    en: (p) => `The unit has successor ${qid(p.id)} but no end date (validTo)`,
  },
  SUCCESSOR_NOT_IN_FORCE: {
    vi: (p) => `Đơn vị kế thừa ${qid(p.id)} không tồn tại vào ngày ${p.day}, ngày sau validTo`,
    en: (p) => `Successor ${qid(p.id)} does not exist on ${p.day}, the day after validTo`,
  },
  UNTIL_NOT_A_DATE: { vi: (p) => `Ngày ${p.until} không có trong lịch`, en: (p) => `${p.until} is not a real calendar date` },
  HISTORY_ORDER: {
    vi: (p) => `Ngày ${p.until} không sau ngày ${p.previous} của mục trước; các mục phải theo thứ tự thời gian`,
    en: (p) => `${p.until} is not after ${p.previous}, the previous entry's; entries must be in date order`,
  },
  NO_SUCH_UNIT: { vi: (p) => `Không tìm thấy đơn vị ${qid(p.id)}`, en: (p) => `No org unit ${qid(p.id)}` },
});
