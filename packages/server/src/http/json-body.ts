/**
 * The one body parser: JSON only, parsed with `JSON.parse` and then walked once, iteratively, to refuse
 * keys that could alter prototypes (`__proto__`, `constructor`, `prototype`) and nesting deeper than a
 * bound — before any recursive code (ajv, core) sees the document. Unlike secure-json-parse, which only
 * says "forbidden property", the walk names the key and its JSON pointer.
 */
import { pointerSegment } from '@cnscd/core';
import { HttpProblem, item } from '../problems.js';

/** Escape one JSON-pointer segment (RFC 6901). */

/** Keys refused anywhere in a body. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Options of {@link parseJsonBody}. */
export interface JsonBodyOptions {
  /** Deepest nesting of objects and arrays accepted (the body itself is depth 1). */
  readonly maxDepth: number;
}

/**
 * Parse a JSON request body or throw an {@link HttpProblem}: `MALFORMED_JSON` (400) for text that is not
 * JSON (including `NaN`, `Infinity`, trailing commas), `FORBIDDEN_KEY` (400) naming the key and its
 * pointer, and for nesting beyond `maxDepth` `CONDITION_TOO_DEEP` (400) inside `/criteriaSet`, else
 * `INPUT_TOO_LARGE` (413).
 *
 * @example
 * ```ts
 * parseJsonBody('{"a":[1,2]}', { maxDepth: 64 }); // { a: [1, 2] }
 * parseJsonBody('{"__proto__":{}}', { maxDepth: 64 }); // throws HttpProblem FORBIDDEN_KEY at "/__proto__"
 * ```
 */
export function parseJsonBody(text: string, options: JsonBodyOptions): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') {
    throw new HttpProblem('MALFORMED_JSON', 'The request body is empty; send a JSON object.', [
      item('MALFORMED_JSON', '', { vi: 'Nội dung yêu cầu trống', en: 'The request body is empty' }),
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (cause) {
    throw malformed(source, cause);
  }
  inspect(value, options.maxDepth);
  return value;
}

function malformed(source: string, cause: unknown): HttpProblem {
  // V8's message may quote part of the body; report only where the error is, never the text itself.
  const raw = cause instanceof Error ? cause.message : '';
  let offset = -1;
  try {
    offset = syntaxErrorOffset(source);
  } catch {
    // Only a nicer message is lost.
  }
  let where = '';
  let whereVi = '';
  if (offset >= source.length) {
    where = ' (it ends too early)';
    whereVi = ' (kết thúc quá sớm)';
  } else if (offset >= 0) {
    const before = source.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    where = ` at line ${line}, column ${column}`;
    whereVi = ` tại dòng ${line}, cột ${column}`;
  }
  const hint =
    /^-?(NaN|Infinity)/.test(source.slice(Math.max(offset, 0), Math.max(offset, 0) + 9)) || /'N'|'I'/.test(raw)
      ? ' NaN and Infinity are not JSON numbers.'
      : '';
  const en = `The body is not valid JSON${where}.${hint}`;
  return new HttpProblem('MALFORMED_JSON', en, [
    item('MALFORMED_JSON', '', { vi: `Nội dung không phải JSON hợp lệ${whereVi}.`, en }, offset >= 0 ? { offset } : undefined),
  ]);
}

/** End offset of the string starting at `i` (a `"`), or -1 - (offset of the error). A loop, not a regex: V8's
 * backtracking stack overflows on a regex alternation repeated millions of times. */
function scanString(s: string, i: number): number {
  const n = s.length;
  let j = i + 1;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return -1 - j;
    if (c === 0x5c) {
      const e = s[j + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(s.slice(j + 2, j + 6))) return -1 - j;
        j += 6;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j += 2;
      else return -1 - j;
    } else j++;
  }
  return -1 - n;
}
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
// biome-ignore lint/suspicious/noConstEnum: local to this module (never exported), so inlining it is safe with isolatedModules
const enum S {
  Value,
  ValueOrEnd,
  After,
  KeyOrEnd,
  Key,
  Colon,
}

/**
 * Offset of the first JSON syntax error (the length when the text ends too early, -1 if it is valid).
 * Iterative, so no nesting depth can overflow the stack; only called after `JSON.parse` failed.
 */
export function syntaxErrorOffset(s: string): number {
  const n = s.length;
  const stack: boolean[] = []; // true = object
  let state = S.Value;
  let i = 0;
  for (;;) {
    while (i < n && (s[i] === ' ' || s[i] === '\n' || s[i] === '\r' || s[i] === '\t')) i++;
    if (i >= n) return state === S.After && stack.length === 0 ? -1 : n;
    const c = s[i]!;
    if (state === S.ValueOrEnd && c === ']') {
      i++;
      stack.pop();
      state = S.After;
      continue;
    }
    if (state === S.KeyOrEnd && c === '}') {
      i++;
      stack.pop();
      state = S.After;
      continue;
    }
    switch (state) {
      case S.ValueOrEnd:
      case S.Value:
        if (c === '{') {
          stack.push(true);
          i++;
          state = S.KeyOrEnd;
        } else if (c === '[') {
          stack.push(false);
          i++;
          state = S.ValueOrEnd;
        } else if (c === '"') {
          const end = scanString(s, i);
          if (end < 0) return -1 - end;
          i = end;
          state = S.After;
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          NUMBER.lastIndex = i;
          if (!NUMBER.test(s)) return i;
          i = NUMBER.lastIndex;
          state = S.After;
        } else {
          const word = s.startsWith('true', i) ? 4 : s.startsWith('null', i) ? 4 : s.startsWith('false', i) ? 5 : 0;
          if (word === 0) return i;
          i += word;
          state = S.After;
        }
        continue;
      case S.After: {
        if (stack.length === 0) return i;
        const inObject = stack[stack.length - 1]!;
        if (c === ',') {
          i++;
          state = inObject ? S.Key : S.Value;
        } else if (c === (inObject ? '}' : ']')) {
          i++;
          stack.pop();
        } else return i;
        continue;
      }
      case S.KeyOrEnd:
      case S.Key:
        if (c !== '"') return i;
        {
          const end = scanString(s, i);
          if (end < 0) return -1 - end;
          i = end;
        }
        state = S.Colon;
        continue;
      case S.Colon:
        if (c !== ':') return i;
        i++;
        state = S.Value;
        continue;
    }
  }
}

/** Iterative walk: forbidden keys and depth; throws at the first finding. */
function inspect(root: unknown, maxDepth: number): void {
  if (root === null || typeof root !== 'object') return;
  // Parallel arrays instead of a frame object per node; a node's pointer is only built when reported.
  const stackValues: unknown[] = [root];
  const stackDepths: number[] = [1];
  const stackNodes: number[] = [0];
  const nodeKeys: string[] = [''];
  const nodeParents: number[] = [-1];
  const pathOf = (node: number): string => {
    const parts: string[] = [];
    for (let n = node; n > 0; n = nodeParents[n]!) parts.push('/' + pointerSegment(nodeKeys[n]!));
    return parts.reverse().join('');
  };
  const push = (child: unknown, key: string, parent: number, depth: number): void => {
    nodeKeys.push(key);
    nodeParents.push(parent);
    stackNodes.push(nodeKeys.length - 1);
    stackValues.push(child);
    stackDepths.push(depth);
  };

  while (stackValues.length > 0) {
    const value = stackValues.pop() as object;
    const depth = stackDepths.pop()!;
    const node = stackNodes.pop()!;
    if (depth > maxDepth) {
      const path = pathOf(node);
      const en = `The body is nested deeper than ${maxDepth} levels at ${path}.`;
      const message = { vi: `Dữ liệu lồng nhau sâu quá ${maxDepth} cấp tại ${path}.`, en };
      const code = path.startsWith('/criteriaSet/') ? 'CONDITION_TOO_DEEP' : 'INPUT_TOO_LARGE';
      throw new HttpProblem(code, en, [item(code, path, message, { maxDepth })]);
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const child = value[i] as unknown;
        if (child !== null && typeof child === 'object') push(child, String(i), node, depth + 1);
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        const path = pathOf(node) + '/' + pointerSegment(key);
        const en = `The key "${key}" is not allowed (at ${path}): it could alter object prototypes.`;
        throw new HttpProblem('FORBIDDEN_KEY', en, [
          item('FORBIDDEN_KEY', path, { vi: `Không được dùng khóa "${key}".`, en: `The key "${key}" is not allowed.` }, { key }),
        ]);
      }
      const child = (value as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') push(child, key, node, depth + 1);
    }
  }
}
