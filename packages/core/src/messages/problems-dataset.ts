/**
 * Problem messages of the dataset validator's integrity pass (`dataset/validate/`), Vietnamese and
 * English side by side, with typed params. Call sites pass a key and its params, never sentences.
 *
 * Messages name records by their kind and id as an official reads them ("Mã tổ "T-01""); the place is in
 * the problem's pointer, and another place it refers to (the first use of a repeated id) is in its params
 * only, so that an API that nests the dataset can rebase both pointers.
 *
 * @example
 * ```ts
 * render(DATASET_MESSAGES, 'duplicateId', { kind: 'team', id: 'T-01' });
 * // { vi: 'Mã tổ "T-01" đã được dùng ở một bản ghi trước đó.', en: 'The team id "T-01" is already used by an earlier record.' }
 * ```
 */
import type { LocalizedText } from '../errors.js';
import { defineCatalogue, type Catalogue } from './define.js';
import { formatMonth, formatPeriod } from './format.js';
import { dym, num } from './problems-schema.js';

/** Kinds of records a dataset holds, as messages name them. */
export const RECORD_KINDS = {
  level: { vi: 'cấp', en: 'level' },
  orgUnit: { vi: 'đơn vị hành chính', en: 'administrative unit' },
  team: { vi: 'tổ', en: 'team' },
  member: { vi: 'thành viên', en: 'member' },
  metric: { vi: 'chỉ số', en: 'metric' },
  ratio: { vi: 'tỷ lệ', en: 'ratio' },
} as const satisfies Record<string, LocalizedText>;
/** A kind of record. */
export type RecordKind = keyof typeof RECORD_KINDS;

const METRIC_KINDS = {
  activity: { vi: 'chỉ số hoạt động', en: 'an activity metric' },
  area: { vi: 'chỉ số địa bàn', en: 'an area metric' },
} as const;
const ROW_KINDS = {
  activity: { vi: 'báo cáo hoạt động', en: 'an activity report' },
  area: { vi: 'số liệu địa bàn của đơn vị', en: 'an area indicator row' },
} as const;

/** Quote an id; ids match the schema's patterns, so nothing needs escaping. */
const q = (id: string): string => `"${id}"`;
/** Quote a key of the raw input as JSON writes it (it may hold any character). */
const json = (key: string): string => JSON.stringify(key);
/** The law that personal-data problems cite. */
const LAW: LocalizedText = {
  vi: 'Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15, có hiệu lực từ 01/01/2026',
  en: "Vietnam's Personal Data Protection Law 91/2025/QH15, in force since 1 Jan 2026",
};
const PERSONAL_NUMBERS = {
  phone: { vi: 'số điện thoại', en: 'a phone number' },
  idNumber: { vi: 'số CMND/CCCD', en: 'a citizen ID number' },
} as const satisfies Record<string, LocalizedText>;
/** Quote a label as a sentence quotes a name. */
const lq = (label: LocalizedText, lang: 'vi' | 'en'): string => `“${label[lang]}”`;

/** The params of each dataset problem message. */
export interface DatasetMessageParams {
  notACalendarDate: { readonly value: string };
  endBeforeStart: { readonly from: string; readonly to: string };
  windowReversed: { readonly from: string; readonly to: string };
  /** DUPLICATE_ID; the first use is in the problem's params (`firstPath`). */
  duplicateId: { readonly kind: RecordKind; readonly id: string };
  /** DUPLICATE_ID of a member id that is not echoed (it looks like a personal number). */
  duplicateMemberId: Record<string, never>;
  /** DUPLICATE_ID: a metric or ratio id that the built-in catalog or a plugin already defines. */
  idClash: { readonly kind: RecordKind; readonly id: string; readonly definedBy: 'builtin' | 'plugin' };
  unknownLevel: { readonly level: string; readonly levels: readonly string[]; readonly suggestion?: string | undefined };
  noSuchMetric: { readonly metric: string; readonly suggestion?: string | undefined };
  ratioOverActivity: { readonly metric: string };
  unknownMetric: { readonly metric: string; readonly suggestion?: string | undefined };
  metricInWrongRow: { readonly metric: string; readonly kind: 'activity' | 'area'; readonly row: 'activity' | 'area' };
  invalidNumber: { readonly value: string };
  noSuchParent: { readonly id: string };
  noSuchUnit: { readonly id: string };
  noSuchTeam: { readonly id: string };
  levelOrder: { readonly level: string; readonly parentLevel: string; readonly parentId: string };
  /** `memberId` undefined when it is not echoed (it looks like a personal number). */
  memberNotInTeam: { readonly teamId: string; readonly memberId?: string | undefined };
  outsideWindow: { readonly month: string; readonly from: string; readonly to: string };
  beforeEstablished: { readonly month: string; readonly teamId: string; readonly establishedMonth: string };
  afterDisbanded: { readonly month: string; readonly teamId: string; readonly disbandedMonth: string };
  /** `member`: none for a team report, `null` for a member not echoed. */
  duplicateReport: { readonly teamId: string; readonly month: string; readonly member?: string | null | undefined };
  duplicateIndicator: { readonly orgUnitId: string; readonly period: string };
  /** COVERAGE_EXCEEDS_BASE: metrics and ratios by their labels (the catalog's, the dataset's or a plugin's). */
  coverageExceedsBase: {
    readonly numerator: LocalizedText;
    readonly value: number;
    readonly denominator: LocalizedText;
    readonly base: number;
    readonly ratios: readonly LocalizedText[];
  };
  parentCycle: { readonly ids: readonly string[] };
  /** RESOURCE_LIMIT of the safety scan: nested deeper than `maxDepth`. */
  tooDeep: { readonly maxDepth: number };
  /** RESOURCE_LIMIT of the safety scan: more than `maxNodes` objects and arrays. */
  tooManyNodes: { readonly maxNodes: number };
  /** FORBIDDEN_KEY (`__proto__`, `constructor`, `prototype`). */
  forbiddenKey: { readonly key: string };
  /** PERSONAL_DATA_FIELD: a field whose name says it carries personal data. */
  personalField: { readonly key: string };
  /** PERSONAL_DATA_VALUE: a member id that is, or another value that holds, a phone or citizen ID number. */
  personalValue: { readonly kind: 'phone' | 'idNumber'; readonly memberId: boolean };
  /** TEAM_LEVEL_MISMATCH: a team's level differs from the level of the unit it serves. */
  teamLevelMismatch: { readonly level: string; readonly unitLevel: string; readonly orgUnitId: string };
  columnLength: { readonly length: number; readonly rows: number };
  tooManyReportRows: { readonly rows: number; readonly limit: number };
}

const kind = (k: RecordKind, lang: 'vi' | 'en'): string => RECORD_KINDS[k][lang];
const member = (m: string | null | undefined, lang: 'vi' | 'en'): string =>
  m === undefined
    ? ''
    : m === null
      ? lang === 'vi'
        ? ', một thành viên'
        : ', a member'
      : lang === 'vi'
        ? `, thành viên ${q(m)}`
        : `, member ${q(m)}`;

/** The messages of dataset problems. */
export const DATASET_MESSAGES: Catalogue<DatasetMessageParams> = defineCatalogue<DatasetMessageParams>({
  notACalendarDate: { vi: (p) => `Ngày ${p.value} không có trong lịch.`, en: (p) => `${p.value} is not a real calendar date.` },
  endBeforeStart: {
    vi: (p) => `Ngày kết thúc ${p.to} ở trước ngày bắt đầu ${p.from}.`,
    en: (p) => `The end date ${p.to} is before the start date ${p.from}.`,
  },
  windowReversed: {
    vi: (p) => `Tháng cuối của kỳ báo cáo (${p.to}) ở trước tháng đầu (${p.from}).`,
    en: (p) => `The window's last month (${p.to}) is before its first (${p.from}).`,
  },
  duplicateId: {
    vi: (p) => `Mã ${kind(p.kind, 'vi')} ${q(p.id)} đã được dùng ở một bản ghi trước đó.`,
    en: (p) => `The ${kind(p.kind, 'en')} id ${q(p.id)} is already used by an earlier record.`,
  },
  duplicateMemberId: { vi: () => 'Mã thành viên này đã được dùng trong tổ.', en: () => 'This member id is already used in the team.' },
  idClash: {
    vi: (p) => `Mã ${kind(p.kind, 'vi')} ${q(p.id)} đã có trong ${p.definedBy === 'builtin' ? 'danh mục có sẵn' : 'một plugin'}.`,
    en: (p) => `The ${kind(p.kind, 'en')} id ${q(p.id)} is already defined by ${p.definedBy === 'builtin' ? 'the built-in catalog' : 'a plugin'}.`,
  },
  unknownLevel: {
    vi: (p) => `Cấp ${q(p.level)} không có trong danh sách cấp của dữ liệu: ${p.levels.join(', ')}${dym(p.suggestion, 'vi')}`,
    en: (p) => `Level ${q(p.level)} is not one of the dataset's levels: ${p.levels.join(', ')}${dym(p.suggestion, 'en')}`,
  },
  noSuchMetric: {
    vi: (p) => `Không tìm thấy chỉ số ${q(p.metric)}${dym(p.suggestion, 'vi')}`,
    en: (p) => `No metric ${q(p.metric)}${dym(p.suggestion, 'en')}`,
  },
  ratioOverActivity: {
    vi: (p) => `${q(p.metric)} là chỉ số hoạt động; tỷ lệ bao phủ chỉ dùng chỉ số địa bàn.`,
    en: (p) => `${q(p.metric)} is an activity metric; coverage ratios use area metrics only.`,
  },
  unknownMetric: {
    vi: (p) => `Chỉ số ${q(p.metric)} không có trong danh mục, trong dữ liệu hay trong plugin${dym(p.suggestion, 'vi')}`,
    en: (p) => `Unknown metric ${q(p.metric)}: not in the catalog, the dataset or a plugin${dym(p.suggestion, 'en')}`,
  },
  metricInWrongRow: {
    vi: (p) => `${q(p.metric)} là ${METRIC_KINDS[p.kind].vi}, không dùng trong ${ROW_KINDS[p.row].vi}.`,
    en: (p) => `${q(p.metric)} is ${METRIC_KINDS[p.kind].en} and cannot appear in ${ROW_KINDS[p.row].en}.`,
  },
  invalidNumber: {
    vi: (p) => `Giá trị phải là số hữu hạn và không âm (đang là ${p.value}).`,
    en: (p) => `Must be a finite number, not negative (got ${p.value}).`,
  },
  noSuchParent: { vi: (p) => `Không tìm thấy đơn vị cấp trên ${q(p.id)}.`, en: (p) => `No parent unit ${q(p.id)}.` },
  noSuchUnit: { vi: (p) => `Không tìm thấy đơn vị hành chính ${q(p.id)}.`, en: (p) => `No administrative unit ${q(p.id)}.` },
  noSuchTeam: { vi: (p) => `Không tìm thấy tổ ${q(p.id)}.`, en: (p) => `No team ${q(p.id)}.` },
  levelOrder: {
    vi: (p) => `Cấp ${q(p.level)} không thấp hơn cấp ${q(p.parentLevel)} của đơn vị cấp trên ${q(p.parentId)}.`,
    en: (p) => `Level ${q(p.level)} is not below level ${q(p.parentLevel)} of the parent unit ${q(p.parentId)}.`,
  },
  memberNotInTeam: {
    vi: (p) => (p.memberId === undefined ? `Tổ ${q(p.teamId)} không có thành viên này.` : `Tổ ${q(p.teamId)} không có thành viên ${q(p.memberId)}.`),
    en: (p) => (p.memberId === undefined ? `Team ${q(p.teamId)} has no such member.` : `Team ${q(p.teamId)} has no member ${q(p.memberId)}.`),
  },
  outsideWindow: {
    vi: (p) => `Tháng ${formatMonth(p.month, 'vi')} nằm ngoài kỳ báo cáo ${formatPeriod(p, 'vi')}.`,
    en: (p) => `${p.month} is outside the window ${p.from}–${p.to}.`,
  },
  beforeEstablished: {
    vi: (p) => `Tháng ${formatMonth(p.month, 'vi')} ở trước khi tổ ${q(p.teamId)} được thành lập (${formatMonth(p.establishedMonth, 'vi')}).`,
    en: (p) => `${p.month} is before team ${q(p.teamId)} was established (${p.establishedMonth}).`,
  },
  afterDisbanded: {
    vi: (p) => `Tháng ${formatMonth(p.month, 'vi')} ở sau khi tổ ${q(p.teamId)} giải thể (${formatMonth(p.disbandedMonth, 'vi')}).`,
    en: (p) => `${p.month} is after team ${q(p.teamId)} was disbanded (${p.disbandedMonth}).`,
  },
  duplicateReport: {
    vi: (p) => `Trùng báo cáo của tổ ${q(p.teamId)}${member(p.member, 'vi')}, tháng ${p.month}: đã có một báo cáo trước đó.`,
    en: (p) => `A second report for team ${q(p.teamId)}${member(p.member, 'en')}, month ${p.month}.`,
  },
  duplicateIndicator: {
    vi: (p) => `Trùng số liệu của đơn vị ${q(p.orgUnitId)}, kỳ ${p.period}: đã có một dòng trước đó.`,
    en: (p) => `A second indicator row for unit ${q(p.orgUnitId)}, period ${p.period}.`,
  },
  coverageExceedsBase: {
    vi: (p) =>
      `${lq(p.numerator, 'vi')} (${num(p.value, 'vi')}) lớn hơn mẫu số ${lq(p.denominator, 'vi')} (${num(p.base, 'vi')}) của tỷ lệ ${p.ratios.map((r) => lq(r, 'vi')).join(', ')}.`,
    en: (p) =>
      `${lq(p.numerator, 'en')} (${num(p.value, 'en')}) is larger than its base ${lq(p.denominator, 'en')} (${num(p.base, 'en')}) for ${p.ratios.map((r) => lq(r, 'en')).join(', ')}.`,
  },
  parentCycle: {
    vi: (p) => `Quan hệ đơn vị cấp trên tạo thành vòng lặp: ${[...p.ids, p.ids[0]!].map(q).join(' → ')}.`,
    en: (p) => `Parent links form a cycle: ${[...p.ids, p.ids[0]!].map(q).join(' → ')}.`,
  },
  tooDeep: { vi: (p) => `Dữ liệu lồng nhau quá ${p.maxDepth} cấp`, en: (p) => `Nested more than ${p.maxDepth} levels deep` },
  tooManyNodes: { vi: (p) => `Dữ liệu có quá ${p.maxNodes} đối tượng`, en: (p) => `More than ${p.maxNodes} objects in the input` },
  forbiddenKey: { vi: (p) => `Không được dùng khóa ${json(p.key)}`, en: (p) => `The key ${json(p.key)} is not allowed` },
  personalField: {
    vi: (p) => `Trường ${json(p.key)} chứa dữ liệu cá nhân và không được gửi; thành viên chỉ được nhận diện bằng mã (${LAW.vi})`,
    en: (p) => `The field ${json(p.key)} carries personal data and must not be sent; members are known only by opaque ids (${LAW.en})`,
  },
  personalValue: {
    vi: (p) =>
      p.memberId
        ? `Mã thành viên trông giống ${PERSONAL_NUMBERS[p.kind].vi}; hãy dùng mã không mang thông tin cá nhân (${LAW.vi})`
        : `Giá trị này chứa một dãy số trông giống ${PERSONAL_NUMBERS[p.kind].vi}; mã và tên không được mang thông tin cá nhân (${LAW.vi})`,
    en: (p) =>
      p.memberId
        ? `The member id looks like ${PERSONAL_NUMBERS[p.kind].en}; use an opaque id (${LAW.en})`
        : `The value holds what looks like ${PERSONAL_NUMBERS[p.kind].en}; ids and names must not carry personal data (${LAW.en})`,
  },
  teamLevelMismatch: {
    vi: (p) => `Cấp ${q(p.level)} của tổ khác cấp ${q(p.unitLevel)} của đơn vị ${q(p.orgUnitId)} mà tổ phục vụ`,
    en: (p) => `Level ${q(p.level)} differs from level ${q(p.unitLevel)} of the org unit ${q(p.orgUnitId)} the team serves`,
  },
  columnLength: {
    vi: (p) => `Cột có ${num(p.length, 'vi')} giá trị nhưng bảng báo cáo dạng cột có ${num(p.rows, 'vi')} dòng (bằng số giá trị của cột mã tổ).`,
    en: (p) =>
      `The column has ${num(p.length, 'en')} values, but the report columns have ${num(p.rows, 'en')} rows (the length of the team id column).`,
  },
  tooManyReportRows: {
    vi: (p) => `Báo cáo (dạng dòng và dạng cột) có tổng cộng ${num(p.rows, 'vi')} dòng; tối đa là ${num(p.limit, 'vi')}.`,
    en: (p) => `The reports (as rows and as columns) hold ${num(p.rows, 'en')} rows together; at most ${num(p.limit, 'en')} are allowed.`,
  },
});
