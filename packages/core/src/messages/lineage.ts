/**
 * Texts of the 2025 reform's lineage (issue 18): the integrity problem of successor shares and the reason a
 * re-expressed area figure is not comparable. Vietnamese first, numbers as Vietnamese write them.
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
}

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
    vi: (p) => `Tỷ lệ (share) các đơn vị kế thừa của "${p.unitId}" cộng lại bằng ${viDecimal(p.sum)}, lớn hơn 1: một đơn vị không thể chia quá toàn bộ của nó`,
    en: (p) => `The shares of the successors of "${p.unitId}" add up to ${p.sum}, more than 1: a unit cannot be split into more than its whole`,
  },
  NOT_COMPARABLE: {
    vi: () => 'Một phần của đơn vị cũ đã nhập vào đơn vị này mà dữ liệu không cho tỷ lệ (share): chỉ số địa bàn không chia được nên không so sánh được và không được hiển thị',
    en: () => 'Part of an ended unit went into this unit and the dataset gives no share: its area indicators cannot be split, so they are not comparable and are not shown',
  },
});
