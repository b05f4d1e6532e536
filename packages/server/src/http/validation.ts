/**
 * Request validation: one ajv (draft 2020-12, like core's schemas) configured for untrusted input, and
 * its errors as problem items — worded by core's one ajv-error translator (`describeAjvError`), with JSON
 * pointers and without schema paths or other schema internals.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { FastifySchemaCompiler } from 'fastify';
import { CAP_MESSAGES, describeAjvError, linearAjvErrors, render, type PatternName } from '@cnscd/core';
import { item, type ProblemItem } from '../problems.js';
import { PRESET_ID_PATTERN, PRESET_REF_PATTERN, VERSION_QUERY_PATTERN } from '../schemas/index.js';

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

/** Names of the route schemas' own patterns, so messages say "a preset id", not a regex (core knows the shared ones). */
const PATTERN_NAMES: ReadonlyMap<string, PatternName> = new Map<string, PatternName>([
  [PRESET_REF_PATTERN, 'presetRef'],
  [PRESET_ID_PATTERN, 'presetId'],
  [VERSION_QUERY_PATTERN, 'versionQuery'],
]);

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
    const d = describeAjvError(e, { patterns: PATTERN_NAMES });
    const key = d.path + '\u0000' + d.message.en;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item('SCHEMA_VIOLATION', prefix + d.path, d.message));
  }
  if (out.length > limit) {
    const more = out.length - limit;
    const kept = out.slice(0, limit);
    kept.push(item('SCHEMA_VIOLATION', '', render(CAP_MESSAGES, 'moreProblems', { more }), { omitted: more }));
    return kept;
  }
  return out;
}
