/**
 * The safe dotted path grammar for `path` in conditions and scorings.
 *
 * json-rules-engine's default path handling runs jsonpath-plus, whose filter expressions
 * (`$..[?(@.x)]`) are evaluated as script. cnscd accepts only plain dotted keys, optionally after `$.`,
 * and never walks into `__proto__`, `constructor` or `prototype`; the evaluator passes {@link getPath}
 * as json-rules-engine's `pathResolver`.
 */
import { CnscdError } from '../errors.js';

/**
 * The longest path accepted (characters).
 *
 * @example
 * ```ts
 * isSafePath('a'.repeat(MAX_PATH_LENGTH + 1)); // false
 * ```
 */
export const MAX_PATH_LENGTH = 200;

/**
 * Keys that could reach an object's prototype; rejected in paths and anywhere in input documents.
 *
 * @example
 * ```ts
 * FORBIDDEN_KEYS.has('__proto__'); // true
 * ```
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * `key(.key)*`, optionally prefixed by `$.`; the first key cannot start with a digit or `-`. Forbidden
 * segments are checked separately ({@link isSafePath}).
 *
 * @example
 * ```ts
 * SAFE_PATH_PATTERN.test('$.byTask.onlinePayment'); // true
 * SAFE_PATH_PATTERN.test('$..x');                   // false
 * ```
 */
export const SAFE_PATH_PATTERN = /^(\$\.)?[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_][A-Za-z0-9_-]*)*$/;

/**
 * True when `path` is in the safe dotted grammar, at most {@link MAX_PATH_LENGTH} characters, and has no
 * segment `__proto__`, `constructor` or `prototype`.
 *
 * @example
 * ```ts
 * isSafePath('youthUnion');               // true
 * isSafePath('$.byTask.onlinePayment');    // true
 * isSafePath('$..[?(@.x)]');               // false: JSONPath filter
 * isSafePath('a.__proto__.b');             // false: forbidden segment
 * ```
 */
export function isSafePath(path: unknown): path is string {
  if (typeof path !== 'string' || path.length > MAX_PATH_LENGTH || !SAFE_PATH_PATTERN.test(path)) return false;
  return splitPath(path).every((s) => !FORBIDDEN_KEYS.has(s));
}

/**
 * Split a safe path into its segments, dropping a leading `$.`. Throws `CnscdError('UNSAFE_PATH')` for a
 * path outside the grammar: by the time a path is parsed it has been validated, so this is a programmer
 * error.
 *
 * @example
 * ```ts
 * parsePath('$.byTask.onlinePayment'); // ['byTask', 'onlinePayment']
 * parsePath('youthUnion');             // ['youthUnion']
 * ```
 */
export function parsePath(path: string): string[] {
  if (!isSafePath(path)) {
    throw new CnscdError('UNSAFE_PATH', `Path ${JSON.stringify(path)} is not in the safe dotted grammar.`);
  }
  return splitPath(path);
}

function splitPath(path: string): string[] {
  return (path.startsWith('$.') ? path.slice(2) : path).split('.');
}

const INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * Read `segments` from `value`: own properties of plain objects only (`Object.hasOwn`), array elements
 * by numeric index only; `undefined` as soon as a segment is missing or forbidden.
 *
 * @example
 * ```ts
 * getPath({ byTask: { onlinePayment: 3 } }, ['byTask', 'onlinePayment']); // 3
 * getPath({ list: [5, 6] }, ['list', '1']);                                // 6
 * getPath({}, ['constructor']);                                            // undefined
 * ```
 */
export function getPath(value: unknown, segments: readonly string[]): unknown {
  let current: unknown = value;
  for (const segment of segments) {
    if (FORBIDDEN_KEYS.has(segment) || current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (!INDEX.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (Object.hasOwn(current, segment)) {
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return current;
}
