/**
 * Problem messages of the criteria-set validator (`criteria/validate/`), Vietnamese and English side by
 * side, with typed params. Call sites pass a key and its params, never sentences.
 *
 * A message never repeats a value the caller may redact (an unsafe path is named by its pointer only),
 * and names another place by what it is ("tiêu chí thứ 2"), not by a pointer.
 *
 * @example
 * ```ts
 * render(CRITERIA_MESSAGES, 'noSuchFact', { fact: 'memberCout', suggestion: 'memberCount' });
 * // { vi: 'Không có dữ kiện "memberCout"; có phải ý bạn là "memberCount"?', en: 'No fact "memberCout"; did you mean "memberCount"?' }
 * ```
 */
import type { LocalizedText } from '../errors.js';
import { defineCatalogue, render, type Catalogue } from './define.js';
import { dym, num, typeText } from './problems-schema.js';

/** The params of each criteria-set problem message. */
export interface CriteriaMessageParams {
  // ── the document (pre-walk) ──
  conditionTooDeep: { readonly limit: number };
  conditionTooLarge: { readonly limit: number };
  cyclicDocument: Record<string, never>;
  documentTooLarge: { readonly limit: number };
  forbiddenKey: { readonly key: string };
  documentTooDeep: { readonly limit: number };
  // ── as authored ──
  /** `earlier` is 0-based; the message counts from 1. */
  duplicateCriterion: { readonly id: string; readonly earlier: number };
  notACalendarDate: { readonly value: string };
  endBeforeStart: { readonly from: string; readonly to: string };
  // ── extends ──
  notASemverRange: { readonly range: string };
  extendsCycle: { readonly cycle: readonly string[] };
  extendsTooLong: { readonly limit: number };
  baseNotFound: { readonly id: string; readonly version?: string | undefined };
  baseVersionMismatch: { readonly id: string; readonly found: string; readonly range: string };
  removeUnknown: { readonly id: string; readonly suggestion?: string | undefined };
  // ── plugins ──
  missingPlugin: { readonly plugin: string; readonly range: string; readonly suggestion?: string | undefined };
  incompatiblePlugin: { readonly plugin: string; readonly range: string; readonly version: string };
  // ── parameters ──
  valueAndSchedule: { readonly name: string };
  neitherValueNorSchedule: { readonly name: string };
  scheduleOrder: { readonly name: string; readonly from: string; readonly previous: string };
  noSuchParameter: { readonly name: string; readonly suggestion?: string | undefined };
  // ── ratings and points ──
  /** `first` is 0-based; the message counts from 1. */
  duplicateRatingId: { readonly id: string; readonly first: number };
  duplicateRatingThreshold: { readonly min: number; readonly first: number };
  noTierAtZero: Record<string, never>;
  tooManyCriteria: { readonly limit: number };
  totalPointsMismatch: { readonly sum: number; readonly total: number };
  stepsNotAscending: { readonly min: number; readonly previous: number };
  stepPointsDecrease: { readonly points: number; readonly previous: number };
  stepAboveMax: { readonly points: number; readonly maxPoints: number };
  topStepBelowMax: { readonly points: number; readonly maxPoints: number };
  // ── scorers, facts, paths ──
  noSuchScorer: { readonly scorer: string; readonly suggestion?: string | undefined };
  noSuchFact: { readonly fact: string; readonly suggestion?: string | undefined };
  factNotForSubject: { readonly fact: string; readonly subject: 'team' | 'orgUnit' };
  /** UNSAFE_PATH: the path itself is not repeated (the server redacts it); the pointer names it. */
  unsafePath: Record<string, never>;
  pathOnNonObject: { readonly fact: string; readonly type: string; readonly path: string };
  /** A key a dataset may still declare (metrics, ratios): a warning. */
  unknownPathKeyOpen: { readonly fact: string; readonly key: string; readonly suggestion?: string | undefined };
  unknownPathKey: { readonly fact: string; readonly key: string; readonly suggestion?: string | undefined };
  objectFactNeedsPath: { readonly fact: string };
  factNotNumeric: { readonly scoring: string; readonly fact: string; readonly type: string };
  emptyGroup: { readonly group: string };
  noSuchOperator: { readonly operator: string; readonly suggestion?: string | undefined };
  operatorFactType: { readonly operator: string; readonly fact: string; readonly accepts: readonly string[]; readonly type: string };
  /** `need` says what the operator needs ("cần một số"). */
  operatorValue: { readonly operator: string; readonly need: LocalizedText };
  /** The place of use is in params (`usedAt`); `need` says what it needs. */
  parameterType: { readonly name: string; readonly need: LocalizedText };
  /** An error of a scorer's options schema, worded by the shared translator. */
  scorerOptions: { readonly scorer: string; readonly problem: LocalizedText };
  // ── shapes of the schema's unions (the branch the author meant) ──
  unionNotObject: { readonly union: UnionName; readonly key: string };
  unionMissingKey: { readonly key: string; readonly names: readonly string[] };
  unionBadKey: { readonly union: UnionName; readonly key: string; readonly names: readonly string[]; readonly suggestion?: string | undefined };
  conditionShape: Record<string, never>;
  valueShape: { readonly orParam: boolean };
  numberOrParam: { readonly positive: boolean };
}

/** The unions of the criteria-set schema that messages name. */
export type UnionName = 'scoring' | 'subject';
const UNION_NAMES = { scoring: { vi: 'Cách tính điểm', en: 'Scoring' }, subject: { vi: 'Đối tượng đánh giá', en: 'Subject' } } as const;
const VALUE_TEXT = {
  vi: 'một số, chuỗi, true/false, null hoặc mảng các giá trị đó (tối đa 1.000 phần tử)',
  en: 'a number, string, boolean, null, or an array of those (at most 1,000 items)',
};

const n = num;

/** The messages of criteria-set problems. */
export const CRITERIA_MESSAGES: Catalogue<CriteriaMessageParams> = defineCatalogue<CriteriaMessageParams>({
  conditionTooDeep: {
    vi: (p) => `Điều kiện lồng nhau sâu quá ${n(p.limit, 'vi')} mức.`,
    en: (p) => `The condition is nested deeper than ${n(p.limit, 'en')} levels.`,
  },
  conditionTooLarge: { vi: (p) => `Điều kiện có hơn ${n(p.limit, 'vi')} nút.`, en: (p) => `The condition has more than ${n(p.limit, 'en')} nodes.` },
  cyclicDocument: { vi: () => 'Tài liệu không phải JSON: một giá trị chứa chính nó.', en: () => 'Not a JSON document: a value contains itself.' },
  documentTooLarge: {
    vi: (p) => `Bộ tiêu chí có hơn ${n(p.limit, 'vi')} đối tượng và mảng.`,
    en: (p) => `The criteria set has more than ${n(p.limit, 'en')} objects and arrays.`,
  },
  forbiddenKey: { vi: (p) => `Không được dùng khóa "${p.key}".`, en: (p) => `The key "${p.key}" is not allowed.` },
  documentTooDeep: {
    vi: (p) => `Tài liệu lồng nhau sâu quá ${n(p.limit, 'vi')} mức.`,
    en: (p) => `The document is nested deeper than ${n(p.limit, 'en')} levels.`,
  },
  duplicateCriterion: {
    vi: (p) => `Mã tiêu chí "${p.id}" trùng với tiêu chí thứ ${p.earlier + 1}.`,
    en: (p) => `Criterion id "${p.id}" repeats criterion ${p.earlier + 1}.`,
  },
  notACalendarDate: { vi: (p) => `"${p.value}" không phải ngày có thật.`, en: (p) => `"${p.value}" is not a calendar date.` },
  endBeforeStart: {
    vi: (p) => `Ngày hết hiệu lực ${p.to} trước ngày bắt đầu ${p.from}.`,
    en: (p) => `The end date ${p.to} is before the start date ${p.from}.`,
  },
  notASemverRange: {
    vi: (p) => `"${p.range}" không phải khoảng phiên bản semver (vd. "^1.0.0").`,
    en: (p) => `"${p.range}" is not a semver range (e.g. "^1.0.0").`,
  },
  extendsCycle: {
    vi: (p) => `Các bộ tiêu chí kế thừa nhau thành vòng: ${p.cycle.join(' → ')}.`,
    en: (p) => `Criteria sets extend each other in a cycle: ${p.cycle.join(' → ')}.`,
  },
  extendsTooLong: {
    vi: (p) => `Chuỗi kế thừa dài quá ${n(p.limit, 'vi')} bộ tiêu chí.`,
    en: (p) => `The extends chain is longer than ${n(p.limit, 'en')} sets.`,
  },
  baseNotFound: {
    vi: (p) => `Không tìm thấy bộ tiêu chí gốc "${p.id}"${p.version === undefined ? '' : ` ${p.version}`}.`,
    en: (p) => `Base criteria set "${p.id}"${p.version === undefined ? '' : ` ${p.version}`} not found.`,
  },
  baseVersionMismatch: {
    vi: (p) => `Bộ tiêu chí gốc "${p.id}" tìm được có phiên bản ${p.found}, không thỏa ${p.range}.`,
    en: (p) => `The base set "${p.id}" found has version ${p.found}, which does not satisfy ${p.range}.`,
  },
  removeUnknown: {
    vi: (p) => `Bộ tiêu chí gốc không có tiêu chí "${p.id}" để bỏ${dym(p.suggestion, 'vi')}`,
    en: (p) => `The base set has no criterion "${p.id}" to remove${dym(p.suggestion, 'en')}`,
  },
  missingPlugin: {
    vi: (p) => `Bộ tiêu chí cần plugin "${p.plugin}" ${p.range}, nhưng plugin này chưa được nạp${dym(p.suggestion, 'vi')}`,
    en: (p) => `The set requires plugin "${p.plugin}" ${p.range}, which is not loaded${dym(p.suggestion, 'en')}`,
  },
  incompatiblePlugin: {
    vi: (p) => `Bộ tiêu chí cần plugin "${p.plugin}" ${p.range}, nhưng phiên bản đã nạp là ${p.version}.`,
    en: (p) => `The set requires plugin "${p.plugin}" ${p.range}, but version ${p.version} is loaded.`,
  },
  valueAndSchedule: {
    vi: (p) => `Tham số "${p.name}" chỉ được có "value" hoặc "schedule", không cả hai.`,
    en: (p) => `Parameter "${p.name}" must have "value" or "schedule", not both.`,
  },
  neitherValueNorSchedule: {
    vi: (p) => `Tham số "${p.name}" cần "value" hoặc "schedule".`,
    en: (p) => `Parameter "${p.name}" needs "value" or "schedule".`,
  },
  scheduleOrder: {
    vi: (p) => `Lộ trình của tham số "${p.name}" phải theo thứ tự ngày tăng dần, không trùng: ${p.from} không sau ${p.previous}.`,
    en: (p) => `The schedule of parameter "${p.name}" must be in strictly ascending date order: ${p.from} is not after ${p.previous}.`,
  },
  noSuchParameter: {
    vi: (p) => `Bộ tiêu chí không khai báo tham số "${p.name}"${dym(p.suggestion, 'vi')}`,
    en: (p) => `The set declares no parameter "${p.name}"${dym(p.suggestion, 'en')}`,
  },
  duplicateRatingId: {
    vi: (p) => `Mã xếp loại "${p.id}" trùng với mức thứ ${p.first + 1}.`,
    en: (p) => `Rating id "${p.id}" repeats tier ${p.first + 1}.`,
  },
  duplicateRatingThreshold: {
    vi: (p) => `Ngưỡng ${n(p.min, 'vi')}% trùng với mức thứ ${p.first + 1}.`,
    en: (p) => `Threshold ${n(p.min, 'en')}% repeats tier ${p.first + 1}.`,
  },
  noTierAtZero: {
    vi: () => 'Không có mức xếp loại nào bắt đầu từ 0%: điểm thấp sẽ không được xếp loại.',
    en: () => 'No rating tier starts at 0%: low scores would get no rating.',
  },
  tooManyCriteria: {
    vi: (p) => `Bộ tiêu chí sau khi kế thừa có hơn ${n(p.limit, 'vi')} tiêu chí.`,
    en: (p) => `The resolved set has more than ${n(p.limit, 'en')} criteria.`,
  },
  totalPointsMismatch: {
    vi: (p) => `Tổng điểm tối đa của các tiêu chí là ${n(p.sum, 'vi')}, khác tổng điểm đã khai báo (${n(p.total, 'vi')}).`,
    en: (p) => `The criteria's maximum points add up to ${n(p.sum, 'en')}, not the declared total (${n(p.total, 'en')}).`,
  },
  stepsNotAscending: {
    vi: (p) => `Ngưỡng các bậc phải tăng dần: ${n(p.min, 'vi')} không lớn hơn ${n(p.previous, 'vi')}.`,
    en: (p) => `Step thresholds must be strictly ascending: ${n(p.min, 'en')} is not above ${n(p.previous, 'en')}.`,
  },
  stepPointsDecrease: {
    vi: (p) => `Điểm các bậc không được giảm: ${n(p.points, 'vi')} nhỏ hơn ${n(p.previous, 'vi')}.`,
    en: (p) => `Step points must not decrease: ${n(p.points, 'en')} is below ${n(p.previous, 'en')}.`,
  },
  stepAboveMax: {
    vi: (p) => `Bậc cho ${n(p.points, 'vi')} điểm, vượt điểm tối đa ${n(p.maxPoints, 'vi')} của tiêu chí.`,
    en: (p) => `The step gives ${n(p.points, 'en')} points, more than the criterion's maximum of ${n(p.maxPoints, 'en')}.`,
  },
  topStepBelowMax: {
    vi: (p) => `Bậc cao nhất cho ${n(p.points, 'vi')} điểm, thấp hơn điểm tối đa ${n(p.maxPoints, 'vi')}: không ai đạt điểm tối đa.`,
    en: (p) => `The top step gives ${n(p.points, 'en')} points, below the maximum of ${n(p.maxPoints, 'en')}: no one can get full points.`,
  },
  noSuchScorer: {
    vi: (p) => `Không có bộ tính điểm "${p.scorer}"${dym(p.suggestion, 'vi')}`,
    en: (p) => `No scorer "${p.scorer}"${dym(p.suggestion, 'en')}`,
  },
  noSuchFact: { vi: (p) => `Không có dữ kiện "${p.fact}"${dym(p.suggestion, 'vi')}`, en: (p) => `No fact "${p.fact}"${dym(p.suggestion, 'en')}` },
  factNotForSubject: {
    vi: (p) => `Dữ kiện "${p.fact}" không được tính cho ${p.subject === 'team' ? 'tổ' : 'đơn vị hành chính'}, là đối tượng của bộ tiêu chí này.`,
    en: (p) => `Fact "${p.fact}" is not computed for ${p.subject === 'team' ? 'teams' : 'administrative units'}, which this set scores.`,
  },
  unsafePath: {
    vi: () =>
      'Đường dẫn không hợp lệ: chỉ dùng các khóa nối bằng dấu chấm (vd. "youthUnion" hoặc "$.a.b"), không dùng biểu thức JSONPath hay __proto__, constructor, prototype.',
    en: () =>
      'This path is not allowed: use plain keys joined by dots (e.g. "youthUnion" or "$.a.b"); no JSONPath expressions, no __proto__, constructor or prototype.',
  },
  pathOnNonObject: {
    vi: (p) => `Dữ kiện "${p.fact}" là ${typeText([p.type]).vi}, không phải đối tượng, nên không dùng được đường dẫn "${p.path}".`,
    en: (p) => `Fact "${p.fact}" is ${typeText([p.type]).en}, not an object, so path "${p.path}" cannot apply.`,
  },
  unknownPathKeyOpen: {
    vi: (p) =>
      `Dữ kiện "${p.fact}" không có khóa "${p.key}" trong danh mục và các plugin đã nạp; giá trị sẽ trống trừ khi bộ dữ liệu tự khai báo${dym(p.suggestion, 'vi')}`,
    en: (p) =>
      `Fact "${p.fact}" has no key "${p.key}" in the catalog or the loaded plugins; it will be missing unless the dataset declares it${dym(p.suggestion, 'en')}`,
  },
  unknownPathKey: {
    vi: (p) => `Dữ kiện "${p.fact}" không có khóa "${p.key}"${dym(p.suggestion, 'vi')}`,
    en: (p) => `Fact "${p.fact}" has no key "${p.key}"${dym(p.suggestion, 'en')}`,
  },
  objectFactNeedsPath: {
    vi: (p) => `Dữ kiện "${p.fact}" là một đối tượng: cần "path" để chọn một số trong đó.`,
    en: (p) => `Fact "${p.fact}" is an object: a "path" is needed to pick a number from it.`,
  },
  factNotNumeric: {
    vi: (p) => `Cách tính điểm "${p.scoring}" cần dữ kiện số, nhưng "${p.fact}" là ${typeText([p.type]).vi}.`,
    en: (p) => `Scoring "${p.scoring}" needs a numeric fact, but "${p.fact}" is ${typeText([p.type]).en}.`,
  },
  emptyGroup: {
    vi: (p) => `Nhóm "${p.group}" rỗng: một nhóm rỗng luôn được coi là đúng.`,
    en: (p) => `The "${p.group}" group is empty: an empty group always counts as true.`,
  },
  noSuchOperator: {
    vi: (p) => `Không có toán tử "${p.operator}"${dym(p.suggestion, 'vi')}`,
    en: (p) => `No operator "${p.operator}"${dym(p.suggestion, 'en')}`,
  },
  operatorFactType: {
    vi: (p) => `Toán tử "${p.operator}" cần dữ kiện là ${typeText(p.accepts).vi}, nhưng "${p.fact}" là ${typeText([p.type]).vi}.`,
    en: (p) => `Operator "${p.operator}" needs a fact that is ${typeText(p.accepts).en}, but "${p.fact}" is ${typeText([p.type]).en}.`,
  },
  operatorValue: { vi: (p) => `Toán tử "${p.operator}" ${p.need.vi}.`, en: (p) => `Operator "${p.operator}" ${p.need.en}.` },
  parameterType: {
    vi: (p) => `Giá trị của tham số "${p.name}" không hợp với chỗ dùng nó: ${p.need.vi}.`,
    en: (p) => `The value of parameter "${p.name}" does not fit where it is used: it ${p.need.en}.`,
  },
  scorerOptions: {
    vi: (p) => `Tùy chọn của bộ tính điểm "${p.scorer}": ${lowerFirst(p.problem.vi)}`,
    en: (p) => `Options of scorer "${p.scorer}": ${lowerFirst(p.problem.en)}`,
  },
  unionNotObject: {
    vi: (p) => `${UNION_NAMES[p.union].vi} phải là một đối tượng có "${p.key}".`,
    en: (p) => `${UNION_NAMES[p.union].en} must be an object with "${p.key}".`,
  },
  unionMissingKey: {
    vi: (p) => `Thiếu trường bắt buộc "${p.key}" (${p.names.join(', ')}).`,
    en: (p) => `The required field "${p.key}" is missing (${p.names.join(', ')}).`,
  },
  unionBadKey: {
    vi: (p) => `${UNION_NAMES[p.union].vi}: "${p.key}" phải là một trong ${p.names.join(', ')}${dym(p.suggestion, 'vi')}`,
    en: (p) => `${UNION_NAMES[p.union].en}: "${p.key}" must be one of ${p.names.join(', ')}${dym(p.suggestion, 'en')}`,
  },
  conditionShape: {
    vi: () => 'Điều kiện phải là một đối tượng {"all": [...]}, {"any": [...]}, {"not": ...} hoặc {"fact", "operator", "value"}.',
    en: () => 'A condition must be an object {"all": [...]}, {"any": [...]}, {"not": ...} or {"fact", "operator", "value"}.',
  },
  valueShape: {
    vi: (p) => `Giá trị phải là ${VALUE_TEXT.vi}${p.orParam ? ', hoặc {"param": tên}' : ''}.`,
    en: (p) => `The value must be ${VALUE_TEXT.en}${p.orParam ? ', or {"param": name}' : ''}.`,
  },
  numberOrParam: {
    vi: (p) => `Phải là ${p.positive ? 'một số lớn hơn 0' : 'một số'} hoặc {"param": tên}.`,
    en: (p) => `Must be ${p.positive ? 'a number above 0' : 'a number'} or {"param": name}.`,
  },
});

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * A message of the criteria catalogue, in both languages.
 *
 * @example
 * ```ts
 * criteriaText('forbiddenKey', { key: '__proto__' }).en; // 'The key "__proto__" is not allowed.'
 * ```
 */
export function criteriaText<K extends keyof CriteriaMessageParams>(key: K, params: CriteriaMessageParams[K]): LocalizedText {
  return render(CRITERIA_MESSAGES, key, params);
}

/**
 * What an operator or a scoring needs of a value (`criteria/validate/semantic/requirements.ts`). The English
 * text is also the problem's `params.expected`, word for word: changing it changes the params.
 */
export const REQUIREMENT_TEXTS = {
  number: { vi: 'một số', en: 'a number' },
  positive: { vi: 'một số lớn hơn 0', en: 'a number above 0' },
  anyValue: { vi: 'giá trị hợp lệ', en: 'a valid value' },
  range: { vi: 'mảng [nhỏ nhất, lớn nhất] gồm 2 số, nhỏ nhất ≤ lớn nhất', en: 'an array [min, max] of 2 numbers with min ≤ max' },
} as const satisfies Record<string, LocalizedText>;

/** The params of each piece that says why a value does not meet a requirement. */
export interface RequirementMessageParams {
  /** The value is of another type. */
  needsNotType: { readonly need: LocalizedText; readonly type: string };
  /** The value is of the type but not what is needed (not above 0, not a range). */
  needs: { readonly need: LocalizedText };
  /** The operator's `valueSchema` refuses the value; `where` is the pointer inside the value ('' for the whole), `detail` ajv's message. */
  valueSchema: { readonly where: string; readonly detail: string };
}

/** Why a value does not meet a requirement: the `need` of PARAMETER_TYPE's and operatorValue's messages. */
export const REQUIREMENT_MESSAGES: Catalogue<RequirementMessageParams> = defineCatalogue<RequirementMessageParams>({
  needsNotType: {
    vi: (p) => `cần ${p.need.vi}, không phải ${typeText([p.type]).vi}`,
    en: (p) => `needs ${p.need.en}, not ${typeText([p.type]).en}`,
  },
  needs: { vi: (p) => `cần ${p.need.vi}`, en: (p) => `needs ${p.need.en}` },
  valueSchema: {
    vi: (p) => `không khớp lược đồ giá trị của toán tử${p.where === '' ? '' : ` (${p.where})`}: ${p.detail}`.trim(),
    en: (p) => `does not match the operator's value schema${p.where === '' ? '' : ` (${p.where})`}: ${p.detail}`.trim(),
  },
});
