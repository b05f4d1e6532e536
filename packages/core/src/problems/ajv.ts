/**
 * The one translation of ajv's errors into what a problem says: the pointer of the offending place and a
 * message from the catalogue (`messages/problems-schema.ts`), one wording per keyword. The dataset
 * validator, the criteria-set validator and the server's request validation all use it; each keeps its
 * own choice of problem code and params, which are part of its published answers.
 *
 * Pointers name the offending field itself: a missing or unknown property, or a bad key of a map. For
 * `uniqueItems` the pointer is the list (callers that point at the repeated item use `repeated`), and
 * the message counts items from 1 ("mục thứ 2"), while pointers and params keep JSON's 0-based indices.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { pointerSegment, type LocalizedText } from '../errors.js';
import { suggest } from '../internal/suggest.js';
import { render } from '../messages/define.js';
import { SCHEMA_MESSAGES, type PatternName, type SchemaMessageParams } from '../messages/problems-schema.js';
import { PATTERN_KINDS } from '../model/patterns.js';

/** What {@link describeAjvError} says of one ajv error. */
export interface AjvErrorDescription {
  /** JSON pointer of the offending place (see the module's notes). */
  readonly path: string;
  readonly message: LocalizedText;
  /** A close allowed name or value, for an unknown field or a value outside an enum (needs ajv's `verbose`). */
  readonly suggestion?: string;
  /** The fields the object allows (`additionalProperties`, with ajv's `verbose`). */
  readonly allowedFields?: readonly string[];
  /** For `uniqueItems`: the 0-based indices of the first item and of the one that repeats it. */
  readonly repeated?: { readonly first: number; readonly second: number };
}

/** Options of {@link describeAjvError}. */
export interface DescribeAjvErrorOptions {
  /**
   * Names of the patterns the schema uses, by their source, so that a message says "a date YYYY-MM-DD"
   * rather than a regex; the shared patterns of `model/patterns.ts` are always known.
   */
  readonly patterns?: ReadonlyMap<string, PatternName>;
}

/**
 * One ajv error as a pointer and a bilingual message from the catalogue.
 *
 * @example
 * ```ts
 * const validate = ajv.compile(schema);
 * if (!validate(body)) for (const e of validate.errors ?? []) {
 *   const { path, message } = describeAjvError(e);
 *   // e.g. path '/teams/0/role', message.vi 'Thiếu trường bắt buộc "role".'
 * }
 * ```
 */
export function describeAjvError(e: ErrorObject, options: DescribeAjvErrorOptions = {}): AjvErrorDescription {
  const at = e.instancePath;
  if (e.propertyName !== undefined) {
    // A bad key of a map: point at the key, and say which rule it breaks.
    const rule = describeAt(e, at, options);
    return {
      path: `${at}/${pointerSegment(e.propertyName)}`,
      message: render(SCHEMA_MESSAGES, 'propertyName', { name: e.propertyName, rule: rule.message }),
    };
  }
  return describeAt(e, at, options);
}

function describeAt(e: ErrorObject, at: string, options: DescribeAjvErrorOptions): AjvErrorDescription {
  const p = e.params as Record<string, unknown>;
  const msg = <K extends keyof SchemaMessageParams>(key: K, params: SchemaMessageParams[K]): LocalizedText => render(SCHEMA_MESSAGES, key, params);
  const limit = Number(p.limit);
  switch (e.keyword) {
    case 'required':
      return { path: `${at}/${pointerSegment(String(p.missingProperty))}`, message: msg('required', { property: String(p.missingProperty) }) };
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const property = String(e.keyword === 'additionalProperties' ? p.additionalProperty : p.unevaluatedProperty);
      const allowedFields = Object.keys((e.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const suggestion = suggest(property, allowedFields);
      return {
        path: `${at}/${pointerSegment(property)}`,
        message: msg('additionalProperties', { property, suggestion }),
        allowedFields,
        ...(suggestion === undefined ? {} : { suggestion }),
      };
    }
    case 'type':
      return { path: at, message: msg('type', { types: Array.isArray(p.type) ? p.type.map(String) : String(p.type).split(',') }) };
    case 'const':
      return { path: at, message: msg('const', { value: p.allowedValue }) };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[] | undefined) ?? [];
      const suggestion = typeof e.data === 'string' ? suggest(e.data, allowed.map(String)) : undefined;
      return { path: at, message: msg('enum', { allowed, suggestion }), ...(suggestion === undefined ? {} : { suggestion }) };
    }
    case 'pattern': {
      const pattern = String(p.pattern);
      const name = options.patterns?.get(pattern) ?? PATTERN_KINDS.get(pattern);
      return { path: at, message: name === undefined ? msg('pattern', { pattern }) : msg('namedPattern', { name }) };
    }
    case 'format':
      return { path: at, message: msg('format', { format: String(p.format) }) };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
    case 'maxLength':
      return { path: at, message: msg(e.keyword, { limit }) };
    case 'minLength':
      return { path: at, message: limit === 1 ? msg('empty', {}) : msg('minLength', { limit }) };
    case 'multipleOf':
      return { path: at, message: msg('multipleOf', { multipleOf: Number(p.multipleOf) }) };
    case 'uniqueItems': {
      // ajv's i is the later item, j the earlier one.
      const first = Math.min(Number(p.i), Number(p.j));
      const second = Math.max(Number(p.i), Number(p.j));
      return { path: at, message: msg('uniqueItems', { first, second }), repeated: { first, second } };
    }
    case 'propertyNames':
      return { path: `${at}/${pointerSegment(String(p.propertyName))}`, message: msg('badName', { name: String(p.propertyName) }) };
    case 'dependentRequired':
    case 'dependencies':
      return { path: at, message: msg('dependentRequired', { property: String(p.property), missing: String(p.missingProperty) }) };
    case 'oneOf':
      return { path: at, message: Array.isArray(p.passingSchemas) ? msg('oneOfMany', {}) : msg('noneOf', {}) };
    case 'anyOf':
      return { path: at, message: msg('noneOf', {}) };
    case 'not':
      return { path: at, message: msg('not', {}) };
    case 'false schema':
      return { path: at, message: msg('falseSchema', {}) };
    default:
      return { path: at, message: msg('other', { keyword: e.keyword }) };
  }
}
