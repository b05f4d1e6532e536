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

/**
 * {@link getPath} for fixed segments, compiled once: the same result for every value, without re-testing
 * each segment on every read (the evaluator reads paths millions of times at national scale).
 *
 * @example
 * ```ts
 * const youth = pathGetter(['youthUnion']);
 * youth({ youthUnion: 2 }); // 2
 * youth([1, 2]);            // undefined (not an index)
 * ```
 */
export function pathGetter(segments: readonly string[]): (value: unknown) => unknown {
  if (segments.some((s) => FORBIDDEN_KEYS.has(s))) return () => undefined;
  const keys = [...segments];
  const indexes = keys.map((k) => (INDEX.test(k) ? Number(k) : -1));
  // A key Object.prototype does not have reads the same from any plain object with or without hasOwn.
  const plainSafe = keys.map((k) => !(k in Object.prototype));
  if (keys.length === 1) {
    const key = keys[0]!;
    const index = indexes[0]!;
    const safe = plainSafe[0]!;
    return (value) => step(value, key, index, safe);
  }
  return (value) => {
    let current = value;
    for (let i = 0; i < keys.length && current !== undefined; i++) current = step(current, keys[i]!, indexes[i]!, plainSafe[i]!);
    return current;
  };
}

/**
 * One segment of {@link getPath}: `index` is the segment as an array index (-1 when it is not one);
 * `plainSafe` says the key is not one of Object.prototype's, so on a plain object a missing key reads as
 * undefined without checking ownership.
 */
function step(current: unknown, key: string, index: number, plainSafe: boolean): unknown {
  if (current === null || typeof current !== 'object') return undefined;
  if (Array.isArray(current)) return index < 0 ? undefined : current[index];
  if (plainSafe && Object.getPrototypeOf(current) === Object.prototype) return (current as Record<string, unknown>)[key];
  return Object.hasOwn(current, key) ? (current as Record<string, unknown>)[key] : undefined;
}
