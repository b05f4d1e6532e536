/**
 * Problem messages of the schema checks, one wording per JSON Schema keyword, shared by the dataset
 * validator, the criteria-set validator and the server's request validation (all through
 * `problems/ajv.ts`), and the messages of the capping rule (`problems/cap.ts`).
 *
 * Items of an array are numbered from 1 in messages ("mục thứ 2"), as people count; pointers and params
 * keep the 0-based indices of JSON.
 *
 * @example
 * ```ts
 * render(SCHEMA_MESSAGES, 'required', { property: 'role' });
 * // { vi: 'Thiếu trường bắt buộc "role".', en: 'The required field "role" is missing.' }
 * ```
 */
import type { LocalizedText } from '../errors.js';
import { defineCatalogue, type Catalogue } from './define.js';
import { formatNumber } from './format.js';

/** A number as each language writes it (1.000 and 0,5 in Vietnamese; 1,000 and 0.5 in English): the reasons' formatter. @internal */
export const num = formatNumber;

/** "; có phải ý bạn là "x"?" or a full stop. @internal */
export const dym = (suggestion: string | undefined, lang: 'vi' | 'en'): string =>
  suggestion === undefined ? '.' : lang === 'vi' ? `; có phải ý bạn là "${suggestion}"?` : `; did you mean "${suggestion}"?`;

/** JSON Schema type names as a reader says them. */
const TYPE_NAMES: Readonly<Record<string, LocalizedText>> = {
  number: { vi: 'một số', en: 'a number' },
  integer: { vi: 'một số nguyên', en: 'an integer' },
  string: { vi: 'một chuỗi ký tự', en: 'a string' },
  boolean: { vi: 'true hoặc false', en: 'true or false' },
  object: { vi: 'một đối tượng', en: 'an object' },
  array: { vi: 'một mảng', en: 'an array' },
  null: { vi: 'null', en: 'null' },
};
const typeNames = (types: readonly string[], lang: 'vi' | 'en'): string =>
  types.map((t) => TYPE_NAMES[t]?.[lang] ?? t).join(lang === 'vi' ? ' hoặc ' : ' or ');

/** JSON types (or fact value types) as a reader says them: "một số hoặc một chuỗi ký tự". */
export function typeText(types: readonly string[]): LocalizedText {
  return { vi: typeNames(types, 'vi'), en: typeNames(types, 'en') };
}

/** The names of the patterns the schemas use (see `model/patterns.ts` and the callers' own). */
export const PATTERN_NAMES = {
  id: {
    vi: 'một mã dài 1–64 ký tự gồm chữ cái, chữ số và . _ : -, bắt đầu bằng chữ cái hoặc chữ số',
    en: 'an id of 1–64 letters, digits and . _ : -, starting with a letter or digit',
  },
  metricId: {
    vi: 'một mã chỉ số dài 1–64 ký tự: một chữ cái, sau đó là chữ cái, chữ số hoặc _',
    en: 'a metric id of 1–64 characters: a letter, then letters, digits or _',
  },
  date: { vi: 'một ngày dạng YYYY-MM-DD', en: 'a date in the form YYYY-MM-DD' },
  month: { vi: 'một tháng dạng YYYY-MM', en: 'a month in the form YYYY-MM' },
  period: { vi: 'một năm (YYYY) hoặc một tháng (YYYY-MM)', en: 'a year (YYYY) or a month (YYYY-MM)' },
  periodRange: { vi: 'một kỳ dạng YYYY, YYYY-MM hoặc YYYY-MM..YYYY-MM', en: 'a period: YYYY, YYYY-MM or YYYY-MM..YYYY-MM' },
  criteriaId: {
    vi: 'một mã gồm chữ cái, chữ số, ".", "_", "-", bắt đầu bằng chữ cái hoặc chữ số',
    en: 'an id of letters, digits, ".", "_" or "-", starting with a letter or digit',
  },
  semver: { vi: 'một số phiên bản semver (vd. 1.0.0)', en: 'a semantic version (e.g. 1.0.0)' },
  pluginName: { vi: 'một tên plugin hợp lệ', en: 'a valid plugin name' },
  httpUrl: { vi: 'một địa chỉ http(s)', en: 'an http(s) address' },
  presetRef: { vi: 'mã bộ tiêu chí, có thể kèm @phiên bản (vd. national-2024@^2)', en: 'a preset id, optionally @version (e.g. national-2024@^2)' },
  presetId: { vi: 'mã bộ tiêu chí (chữ, số, . _ -; tối đa 64 ký tự)', en: 'a preset id (letters, digits, . _ -; at most 64 characters)' },
  versionQuery: { vi: 'một phiên bản hoặc khoảng semver (vd. 1.0.0, ^1)', en: 'a version or semver range (e.g. 1.0.0, ^1)' },
} as const satisfies Record<string, LocalizedText>;

/** A kind of pattern that messages can name. */
export type PatternName = keyof typeof PATTERN_NAMES;

/** The params of each schema message, by keyword (and variant). */
export interface SchemaMessageParams {
  required: { readonly property: string };
  /** Also `unevaluatedProperties`. */
  additionalProperties: { readonly property: string; readonly suggestion?: string | undefined };
  type: { readonly types: readonly string[] };
  const: { readonly value: unknown };
  enum: { readonly allowed: readonly unknown[]; readonly suggestion?: string | undefined };
  /** A pattern the caller named. */
  namedPattern: { readonly name: PatternName };
  /** A pattern without a name: the regex is all there is to show. */
  pattern: { readonly pattern: string };
  format: { readonly format: string };
  minimum: { readonly limit: number };
  maximum: { readonly limit: number };
  exclusiveMinimum: { readonly limit: number };
  exclusiveMaximum: { readonly limit: number };
  multipleOf: { readonly multipleOf: number };
  /** `minLength` of 1. */
  empty: Record<string, never>;
  minLength: { readonly limit: number };
  maxLength: { readonly limit: number };
  minItems: { readonly limit: number };
  maxItems: { readonly limit: number };
  minProperties: { readonly limit: number };
  maxProperties: { readonly limit: number };
  /** `first` and `second` are 0-based (as in pointers); the message counts from 1. */
  uniqueItems: { readonly first: number; readonly second: number };
  /** A key of a map that breaks the rule for keys; `rule` is the message of the rule. */
  propertyName: { readonly name: string; readonly rule: LocalizedText };
  /** A key of a map that breaks the rule for keys, when the rule's own error is not at hand. */
  badName: { readonly name: string };
  dependentRequired: { readonly property: string; readonly missing: string };
  /** `oneOf` that more than one branch matched. */
  oneOfMany: Record<string, never>;
  /** `oneOf` or `anyOf` that no branch matched. */
  noneOf: Record<string, never>;
  not: Record<string, never>;
  falseSchema: Record<string, never>;
  /** A keyword without a message of its own. */
  other: { readonly keyword: string };
}

/** The messages of schema problems. */
export const SCHEMA_MESSAGES: Catalogue<SchemaMessageParams> = defineCatalogue<SchemaMessageParams>({
  required: { vi: (p) => `Thiếu trường bắt buộc "${p.property}".`, en: (p) => `The required field "${p.property}" is missing.` },
  additionalProperties: {
    vi: (p) => `Trường "${p.property}" không được phép ở đây${dym(p.suggestion, 'vi')}`,
    en: (p) => `The field "${p.property}" is not allowed here${dym(p.suggestion, 'en')}`,
  },
  type: { vi: (p) => `Phải là ${typeNames(p.types, 'vi')}.`, en: (p) => `Must be ${typeNames(p.types, 'en')}.` },
  const: { vi: (p) => `Phải là ${JSON.stringify(p.value)}.`, en: (p) => `Must be ${JSON.stringify(p.value)}.` },
  enum: {
    vi: (p) => `Phải là một trong: ${p.allowed.map(String).join(', ')}${dym(p.suggestion, 'vi')}`,
    en: (p) => `Must be one of: ${p.allowed.map(String).join(', ')}${dym(p.suggestion, 'en')}`,
  },
  namedPattern: { vi: (p) => `Phải là ${PATTERN_NAMES[p.name].vi}.`, en: (p) => `Must be ${PATTERN_NAMES[p.name].en}.` },
  pattern: { vi: (p) => `Không đúng định dạng (mẫu ${p.pattern}).`, en: (p) => `Does not match the expected format (pattern ${p.pattern}).` },
  format: { vi: (p) => `Không đúng định dạng ${p.format}.`, en: (p) => `Must be a valid ${p.format}.` },
  minimum: { vi: (p) => `Phải lớn hơn hoặc bằng ${num(p.limit, 'vi')}.`, en: (p) => `Must be at least ${num(p.limit, 'en')}.` },
  maximum: { vi: (p) => `Phải nhỏ hơn hoặc bằng ${num(p.limit, 'vi')}.`, en: (p) => `Must be at most ${num(p.limit, 'en')}.` },
  exclusiveMinimum: { vi: (p) => `Phải lớn hơn ${num(p.limit, 'vi')}.`, en: (p) => `Must be greater than ${num(p.limit, 'en')}.` },
  exclusiveMaximum: { vi: (p) => `Phải nhỏ hơn ${num(p.limit, 'vi')}.`, en: (p) => `Must be less than ${num(p.limit, 'en')}.` },
  multipleOf: { vi: (p) => `Phải là bội số của ${num(p.multipleOf, 'vi')}.`, en: (p) => `Must be a multiple of ${num(p.multipleOf, 'en')}.` },
  empty: { vi: () => 'Không được để trống.', en: () => 'Must not be empty.' },
  minLength: { vi: (p) => `Phải có ít nhất ${num(p.limit, 'vi')} ký tự.`, en: (p) => `Must have at least ${num(p.limit, 'en')} characters.` },
  maxLength: { vi: (p) => `Không được dài quá ${num(p.limit, 'vi')} ký tự.`, en: (p) => `Must have at most ${num(p.limit, 'en')} characters.` },
  minItems: { vi: (p) => `Phải có ít nhất ${num(p.limit, 'vi')} mục.`, en: (p) => `Must have at least ${num(p.limit, 'en')} item(s).` },
  maxItems: { vi: (p) => `Không được có quá ${num(p.limit, 'vi')} mục.`, en: (p) => `Must have at most ${num(p.limit, 'en')} items.` },
  minProperties: { vi: (p) => `Phải có ít nhất ${num(p.limit, 'vi')} mục.`, en: (p) => `Must have at least ${num(p.limit, 'en')} entries.` },
  maxProperties: { vi: (p) => `Không được có quá ${num(p.limit, 'vi')} mục.`, en: (p) => `Must have at most ${num(p.limit, 'en')} entries.` },
  uniqueItems: {
    vi: (p) => `Mục thứ ${p.second + 1} trùng với mục thứ ${p.first + 1}.`,
    en: (p) => `Item ${p.second + 1} repeats item ${p.first + 1}.`,
  },
  propertyName: {
    vi: (p) => `Tên "${p.name}": ${lowerFirst(p.rule.vi)}`,
    en: (p) => `Name "${p.name}": ${lowerFirst(p.rule.en)}`,
  },
  badName: { vi: (p) => `Tên "${p.name}" không hợp lệ.`, en: (p) => `The name "${p.name}" is not valid.` },
  dependentRequired: {
    vi: (p) => `Có "${p.property}" thì phải có "${p.missing}".`,
    en: (p) => `"${p.missing}" is required when "${p.property}" is present.`,
  },
  oneOfMany: { vi: () => 'Khớp với nhiều hơn một dạng được phép.', en: () => 'Matches more than one allowed form.' },
  noneOf: { vi: () => 'Không khớp với dạng nào được phép.', en: () => 'Does not match any of the allowed forms.' },
  not: { vi: () => 'Giá trị này không được phép.', en: () => 'This value is not allowed.' },
  falseSchema: { vi: () => 'Không được có giá trị ở đây.', en: () => 'No value is allowed here.' },
  other: { vi: (p) => `Giá trị không hợp lệ (${p.keyword}).`, en: (p) => `Invalid value (${p.keyword}).` },
});

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** The params of the messages of the capping rule (`problems/cap.ts`). */
export interface CapMessageParams {
  /** More problems of one code than are listed. */
  moreOfCode: { readonly more: number; readonly max: number };
  /** The schema check stopped after `listed` problems. */
  schemaStopped: { readonly listed: number };
  /** More schema violations than are listed. */
  moreViolations: { readonly more: number };
  /** More problems in all than are listed. */
  moreProblems: { readonly more: number };
}

/** The messages of the capping rule. */
export const CAP_MESSAGES: Catalogue<CapMessageParams> = defineCatalogue<CapMessageParams>({
  moreOfCode: {
    vi: (p) => `Còn ${num(p.more, 'vi')} lỗi cùng loại khác không được liệt kê (mỗi loại chỉ liệt kê ${num(p.max, 'vi')} lỗi đầu tiên).`,
    en: (p) => `${num(p.more, 'en')} more problems of this kind are not listed (only the first ${num(p.max, 'en')} of each kind are).`,
  },
  schemaStopped: {
    vi: (p) => `Đã dừng kiểm tra định dạng sau ${num(p.listed, 'vi')} lỗi; có thể còn lỗi khác. Hãy sửa các lỗi trên rồi kiểm tra lại.`,
    en: (p) => `Format checks stopped after ${num(p.listed, 'en')} problems; there may be more. Fix these and check again.`,
  },
  moreViolations: {
    vi: (p) => `Và ${num(p.more, 'vi')} lỗi định dạng khác, không được liệt kê.`,
    en: (p) => `And ${num(p.more, 'en')} more format problems, not listed.`,
  },
  moreProblems: {
    vi: (p) => `Và ${num(p.more, 'vi')} vấn đề khác, không được liệt kê.`,
    en: (p) => `And ${num(p.more, 'en')} more problems, not listed.`,
  },
});
