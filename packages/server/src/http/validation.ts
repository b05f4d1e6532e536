/**
 * Request validation: one ajv (draft 2020-12, like core's schemas) configured for untrusted input, and
 * the translation of ajv's errors into problem items with bilingual messages and JSON pointers — without
 * schema paths or other schema internals.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { FastifySchemaCompiler } from 'fastify';
import { linearAjvErrors, pointerSegment } from '@cnscd/core';
import { item, type ProblemItem } from '../problems.js';
import { DATE_PATTERN, MONTH_PATTERN, PERIOD_PATTERN, PRESET_ID_PATTERN, PRESET_REF_PATTERN, VERSION_QUERY_PATTERN } from '../schemas/index.js';

/**
 * The ajv used for request schemas. Unlike Fastify's default it never strips unknown keys, never coerces
 * `"12"` to 12, never fills defaults into the body, rejects NaN/Infinity, and reports every error.
 */
export function createRequestAjv(sharedSchemas: readonly object[]): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    removeAdditional: false,
    coerceTypes: false,
    useDefaults: false,
    strictNumbers: true,
    strict: false, // route schemas carry OpenAPI annotations (`example`) that ajv does not know
    validateFormats: false,
    code: { process: linearAjvErrors }, // errors of $ref'd schemas pushed, not copied: linear in the errors
  });
  for (const schema of sharedSchemas) ajv.addSchema(schema);
  return ajv;
}

/** A Fastify validator compiler backed by `ajv`, caching compiled functions per schema object. */
export function validatorCompiler(ajv: Ajv2020): FastifySchemaCompiler<object> {
  const cache = new WeakMap<object, ValidateFunction>();
  return ({ schema }) => {
    let fn = cache.get(schema);
    if (fn === undefined) {
      fn = ajv.compile(schema);
      cache.set(schema, fn);
    }
    return fn as ValidateFunction & ((data: unknown) => boolean);
  };
}

/**
 * The validator of a body schema some of whose properties core validates itself (`dataset`,
 * `criteriaSet`): it checks the body as the schema says but accepts any value at those properties, so that
 * a large dataset is checked once, by core, in linear time and with its own more specific problems. The
 * schema object itself is not changed, so the OpenAPI document still shows the properties' `$ref`s.
 *
 * @example
 * ```ts
 * const envelope = envelopeValidator(ajv, evaluationBodySchema(undefined), ['dataset', 'criteriaSet']);
 * envelope({ dataset: 42, preset: 'national-2024', period: '2025' }); // true: core checks the dataset
 * ```
 */
export function envelopeValidator(ajv: Ajv2020, schema: object, skipped: readonly string[]): ValidateFunction {
  const { properties } = schema as { readonly properties: Readonly<Record<string, unknown>> };
  return ajv.compile({ ...schema, properties: { ...properties, ...Object.fromEntries(skipped.map((p) => [p, true])) } });
}

/** Friendly names of the route schemas' patterns, so messages say "a date YYYY-MM-DD", not a regex. */
const PATTERN_NAMES: Readonly<Record<string, { vi: string; en: string }>> = {
  [PERIOD_PATTERN]: { vi: 'kỳ dạng YYYY, YYYY-MM hoặc YYYY-MM..YYYY-MM', en: 'a period: YYYY, YYYY-MM or YYYY-MM..YYYY-MM' },
  [MONTH_PATTERN]: { vi: 'tháng dạng YYYY-MM', en: 'a month YYYY-MM' },
  [DATE_PATTERN]: { vi: 'ngày dạng YYYY-MM-DD', en: 'a date YYYY-MM-DD' },
  [PRESET_REF_PATTERN]: { vi: 'mã bộ tiêu chí, có thể kèm @phiên bản (vd. national-2024@^2)', en: 'a preset id, optionally @version (e.g. national-2024@^2)' },
  [PRESET_ID_PATTERN]: { vi: 'mã bộ tiêu chí (chữ, số, . _ -; tối đa 64 ký tự)', en: 'a preset id (letters, digits, . _ -; at most 64 characters)' },
  [VERSION_QUERY_PATTERN]: { vi: 'phiên bản hoặc khoảng semver (vd. 1.0.0, ^1)', en: 'a version or semver range (e.g. 1.0.0, ^1)' },
};

const TYPE_VI: Readonly<Record<string, string>> = {
  string: 'chuỗi',
  number: 'số',
  integer: 'số nguyên',
  boolean: 'true hoặc false',
  object: 'đối tượng',
  array: 'mảng',
  null: 'null',
};
const TYPE_EN: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a finite number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

const types = (t: unknown, dict: Readonly<Record<string, string>>, or: string): string =>
  (Array.isArray(t) ? t : [t]).map((x) => dict[String(x)] ?? String(x)).join(or);

const json = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 77) + '...' : s;
};

/** Bilingual message and the pointer a single ajv error is about. */
function describe(e: ErrorObject): { path: string; vi: string; en: string } {
  const p = e.params as Record<string, unknown>;
  const at = e.instancePath;
  switch (e.keyword) {
    case 'required':
      return {
        path: `${at}/${String(p.missingProperty)}`,
        vi: `Thiếu trường bắt buộc "${String(p.missingProperty)}".`,
        en: `Missing required property "${String(p.missingProperty)}".`,
      };
    case 'additionalProperties':
      return {
        path: `${at}/${pointerSegment(String(p.additionalProperty))}`,
        vi: `Trường "${String(p.additionalProperty)}" không được phép ở đây.`,
        en: `Unknown property "${String(p.additionalProperty)}".`,
      };
    case 'unevaluatedProperties':
      return {
        path: `${at}/${pointerSegment(String(p.unevaluatedProperty))}`,
        vi: `Trường "${String(p.unevaluatedProperty)}" không được phép ở đây.`,
        en: `Unknown property "${String(p.unevaluatedProperty)}".`,
      };
    case 'type':
      return { path: at, vi: `Phải là ${types(p.type, TYPE_VI, ' hoặc ')}.`, en: `Must be ${types(p.type, TYPE_EN, ' or ')}.` };
    case 'enum': {
      const list = Array.isArray(p.allowedValues) ? p.allowedValues.map(json).join(', ') : '';
      return { path: at, vi: `Phải là một trong: ${list}.`, en: `Must be one of: ${list}.` };
    }
    case 'const':
      return { path: at, vi: `Phải bằng ${json(p.allowedValue)}.`, en: `Must be ${json(p.allowedValue)}.` };
    case 'pattern': {
      const known = PATTERN_NAMES[String(p.pattern)];
      return known === undefined
        ? { path: at, vi: `Không đúng định dạng (mẫu ${String(p.pattern)}).`, en: `Does not match the expected format (pattern ${String(p.pattern)}).` }
        : { path: at, vi: `Phải là ${known.vi}.`, en: `Must be ${known.en}.` };
    }
    case 'format':
      return { path: at, vi: `Không đúng định dạng ${String(p.format)}.`, en: `Must be a valid ${String(p.format)}.` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path: at, vi: `Phải ${String(p.comparison)} ${String(p.limit)}.`, en: `Must be ${String(p.comparison)} ${String(p.limit)}.` };
    case 'multipleOf':
      return { path: at, vi: `Phải là bội số của ${String(p.multipleOf)}.`, en: `Must be a multiple of ${String(p.multipleOf)}.` };
    case 'minLength':
      return { path: at, vi: `Phải dài ít nhất ${String(p.limit)} ký tự.`, en: `Must be at least ${String(p.limit)} characters long.` };
    case 'maxLength':
      return { path: at, vi: `Không được dài quá ${String(p.limit)} ký tự.`, en: `Must be at most ${String(p.limit)} characters long.` };
    case 'minItems':
      return { path: at, vi: `Phải có ít nhất ${String(p.limit)} phần tử.`, en: `Must have at least ${String(p.limit)} items.` };
    case 'maxItems':
      return { path: at, vi: `Không được có quá ${String(p.limit)} phần tử.`, en: `Must have at most ${String(p.limit)} items.` };
    case 'minProperties':
      return { path: at, vi: `Phải có ít nhất ${String(p.limit)} trường.`, en: `Must have at least ${String(p.limit)} properties.` };
    case 'maxProperties':
      return { path: at, vi: `Không được có quá ${String(p.limit)} trường.`, en: `Must have at most ${String(p.limit)} properties.` };
    case 'uniqueItems':
      return {
        path: at,
        vi: `Các phần tử ${String(p.j)} và ${String(p.i)} trùng nhau.`,
        en: `Items ${String(p.j)} and ${String(p.i)} are identical.`,
      };
    case 'propertyNames':
      return {
        path: `${at}/${pointerSegment(String(p.propertyName))}`,
        vi: `Tên trường "${String(p.propertyName)}" không hợp lệ.`,
        en: `Property name "${String(p.propertyName)}" is not valid.`,
      };
    case 'dependentRequired':
    case 'dependencies':
      return {
        path: at,
        vi: `Có "${String(p.property)}" thì phải có "${String(p.missingProperty)}".`,
        en: `"${String(p.missingProperty)}" is required when "${String(p.property)}" is present.`,
      };
    case 'oneOf':
      return Array.isArray(p.passingSchemas)
        ? { path: at, vi: 'Khớp với nhiều hơn một dạng cho phép.', en: 'Matches more than one allowed form.' }
        : { path: at, vi: 'Không khớp với dạng nào được phép.', en: 'Does not match any allowed form.' };
    case 'anyOf':
      return { path: at, vi: 'Không khớp với dạng nào được phép.', en: 'Does not match any allowed form.' };
    case 'not':
      return { path: at, vi: 'Giá trị này không được phép.', en: 'This value is not allowed.' };
    case 'false schema':
      return { path: at, vi: 'Không được có giá trị ở đây.', en: 'No value is allowed here.' };
    default:
      return { path: at, vi: `Không hợp lệ (${e.keyword}).`, en: `Invalid (${e.keyword}).` };
  }
}

const depthOf = (pointer: string): number => (pointer === '' ? 0 : pointer.split('/').length - 1);

/**
 * Collapse the noise of `oneOf`/`anyOf`: keep the branch that got furthest into the data (the form the
 * author most likely meant); when every branch failed at the value itself (e.g. wrong type), report one
 * "must be X or Y" instead of one error per branch.
 */
function simplify(errors: readonly ErrorObject[]): ErrorObject[] {
  let list = errors.filter((e) => e.keyword !== 'if');
  const composites = list
    .filter((e) => (e.keyword === 'oneOf' || e.keyword === 'anyOf') && !Array.isArray((e.params as { passingSchemas?: unknown }).passingSchemas))
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const c of composites) {
    if (!list.includes(c)) continue;
    const prefix = c.schemaPath + '/';
    const branches = new Map<string, ErrorObject[]>();
    for (const e of list) {
      if (!e.schemaPath.startsWith(prefix)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0] ?? '';
      const group = branches.get(branch) ?? [];
      group.push(e);
      branches.set(branch, group);
    }
    if (branches.size === 0) continue;
    const inBranches = new Set([...branches.values()].flat());
    const shallow = [...inBranches].every((e) => e.instancePath === c.instancePath);
    if (shallow) {
      // A branch that failed on more than the type had the right type: its errors say what is wrong
      // (e.g. a period string with a bad pattern, rather than "must be an object").
      const typed = [...branches.values()].filter((g) => g.some((e) => e.keyword !== 'type'));
      if (typed.length > 0) {
        const keep = new Set(typed.flat());
        list = list.filter((e) => e !== c && (!inBranches.has(e) || keep.has(e)));
        continue;
      }
      const typeErrors = [...inBranches].filter((e) => e.keyword === 'type' || e.keyword === 'const' || e.keyword === 'enum');
      const merged: ErrorObject[] = [];
      const allTypes = typeErrors.every((e) => e.keyword === 'type') && typeErrors.length === branches.size;
      if (allTypes) {
        const ts = [...new Set(typeErrors.flatMap((e) => [(e.params as { type: unknown }).type].flat()))];
        merged.push({ ...typeErrors[0]!, params: { type: ts } });
      } else {
        merged.push(c);
      }
      list = list.filter((e) => !inBranches.has(e) && e !== c);
      list.push(...merged);
      continue;
    }
    let best: ErrorObject[] = [];
    let bestDepth = -1;
    for (const group of branches.values()) {
      const d = Math.max(...group.map((e) => depthOf(e.instancePath)));
      if (d > bestDepth || (d === bestDepth && group.length < best.length)) {
        best = group;
        bestDepth = d;
      }
    }
    const keep = new Set(best);
    list = list.filter((e) => e !== c && (!inBranches.has(e) || keep.has(e)));
  }
  return list;
}

/**
 * Turn ajv errors into `SCHEMA_VIOLATION` problem items, pointers prefixed with `prefix`; at most `limit`
 * items (the rest are summarised in the last one's params).
 *
 * @example
 * ```ts
 * schemaProblems(validate.errors ?? [], '/dataset');
 * // [{ code: 'SCHEMA_VIOLATION', path: '/dataset/teams/0/id', message: { vi: …, en: 'Must be a string.' } }]
 * ```
 */
export function schemaProblems(errors: readonly ErrorObject[], prefix = '', limit = 100): ProblemItem[] {
  const seen = new Set<string>();
  const out: ProblemItem[] = [];
  for (const e of simplify(errors)) {
    const d = describe(e);
    const key = d.path + '\u0000' + d.en;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item('SCHEMA_VIOLATION', prefix + d.path, { vi: d.vi, en: d.en }));
  }
  if (out.length > limit) {
    const more = out.length - limit;
    const kept = out.slice(0, limit);
    kept.push(
      item('SCHEMA_VIOLATION', '', { vi: `Và ${more} lỗi khác.`, en: `And ${more} more problems.` }, { omitted: more }),
    );
    return kept;
  }
  return out;
}
