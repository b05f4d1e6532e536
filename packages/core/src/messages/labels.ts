/**
 * The labels that stand for identifiers wherever a person reads them: levels, tasks, affiliations,
 * criterion statuses. Reasons, the CLI's tables, scorecards and the page take them from here, so an
 * official never sees `village`, `youthUnion` or `not-applicable` (docs/glossary.md keeps the terms).
 *
 * @example
 * ```ts
 * levelLabel('commune', '2024-12-31')?.vi; // 'Xã/Phường/Thị trấn'
 * levelLabel('commune', '2025-07-01')?.vi; // 'Xã/Phường/Đặc khu'
 * STATUS_LABELS.partial; // { vi: 'Đạt một phần', en: 'Partly met' }
 * ```
 */
import type { LocalizedText } from '../errors.js';
import { LEVELS_BEFORE_REFORM, LEVELS_FROM_REFORM, levelsOn } from '../model/levels.js';
import type { IsoDate, LevelDefinition, Task } from '../model/types.js';

/**
 * The five basic tasks (5 nhiệm vụ cơ bản) of a team.
 *
 * @example
 * ```ts
 * TASK_LABELS.onlinePayment.vi; // 'Thanh toán trực tuyến'
 * ```
 */
export const TASK_LABELS: Readonly<Record<Task, LocalizedText>> = {
  publicServices: { vi: 'Dịch vụ công trực tuyến', en: 'Online public services' },
  onlineShopping: { vi: 'Mua sắm trực tuyến', en: 'Online shopping' },
  onlinePayment: { vi: 'Thanh toán trực tuyến', en: 'Online payment' },
  cyberSafety: { vi: 'Tự bảo vệ trên không gian mạng', en: 'Protecting oneself online' },
  localPlatforms: { vi: 'Nền tảng số của địa phương', en: 'Local digital platforms' },
};

/**
 * A criterion's status as a person reads it (glossary: đạt / đạt một phần / chưa đạt / không áp dụng).
 *
 * @example
 * ```ts
 * STATUS_LABELS['not-applicable'].en; // 'Not applicable'
 * ```
 */
export const STATUS_LABELS: Readonly<Record<'passed' | 'partial' | 'failed' | 'not-applicable' | 'error', LocalizedText>> = {
  passed: { vi: 'Đạt', en: 'Met' },
  partial: { vi: 'Đạt một phần', en: 'Partly met' },
  failed: { vi: 'Chưa đạt', en: 'Not met' },
  'not-applicable': { vi: 'Không áp dụng', en: 'Not applicable' },
  error: { vi: 'Lỗi', en: 'Error' },
};

/**
 * The glossary's terms that several outputs print as headings (scorecards, the page at `/`, the CLI),
 * written once so that they cannot drift apart (docs/glossary.md).
 *
 * @example
 * ```ts
 * TERMS.period; // { vi: 'Kỳ đánh giá', en: 'Evaluation period' }
 * ```
 */
export const TERMS = {
  scorecard: { vi: 'Bảng điểm', en: 'Scorecard' },
  criteriaSet: { vi: 'Bộ tiêu chí', en: 'Criteria set' },
  preset: { vi: 'Bộ tiêu chí mẫu', en: 'Preset' },
  derivedFrom: { vi: 'Xây dựng dựa trên', en: 'Derived from' },
  period: { vi: 'Kỳ đánh giá', en: 'Evaluation period' },
  asOf: { vi: 'Ngày đánh giá', en: 'Evaluation date' },
  criterion: { vi: 'Tiêu chí', en: 'Criterion' },
  points: { vi: 'Điểm', en: 'Points' },
  maxPoints: { vi: 'Điểm tối đa', en: 'Maximum points' },
  rating: { vi: 'Xếp loại', en: 'Rating' },
  reason: { vi: 'Lý do', en: 'Reason' },
  level: { vi: 'Cấp', en: 'Level' },
} as const satisfies Readonly<Record<string, LocalizedText>>;

/**
 * A level's label: the dataset's own (when it declares the level with a label), else the label of the
 * hierarchy in force on `date` (commune: Xã/Phường/Thị trấn before 1 July 2025, Xã/Phường/Đặc khu from
 * then on), else the pre-reform one (a district evaluated after the reform); undefined for a level
 * nobody labels.
 *
 * @example
 * ```ts
 * levelLabel('village', '2026-01-01')?.vi; // 'Thôn/Xóm/Ấp/Bản/Tổ dân phố/Khu phố'
 * levelLabel('district', '2026-01-01')?.vi; // 'Huyện/Quận/Thị xã/Thành phố thuộc tỉnh' (pre-reform label)
 * ```
 */
export function levelLabel(id: string, date?: IsoDate, declared?: readonly LevelDefinition[]): LocalizedText | undefined {
  const own = declared?.find((l) => l.id === id)?.label;
  if (own !== undefined) return own;
  const inForce = date === undefined ? undefined : levelsOn(date).find((l) => l.id === id)?.label;
  if (inForce !== undefined) return inForce;
  if (date === undefined) {
    // Without a date: both hierarchies' unit kinds ("Xã/Phường/Thị trấn/Đặc khu").
    const before = LEVELS_BEFORE_REFORM.find((l) => l.id === id)?.label;
    const after = LEVELS_FROM_REFORM.find((l) => l.id === id)?.label;
    if (before !== undefined && after !== undefined && before.vi !== after.vi) return COMMUNE_ANY_TIME;
    return before ?? after;
  }
  return LEVELS_BEFORE_REFORM.find((l) => l.id === id)?.label;
}

const COMMUNE_ANY_TIME: LocalizedText = { vi: 'Xã/Phường/Thị trấn/Đặc khu', en: 'Commune, ward, township or special zone' };
