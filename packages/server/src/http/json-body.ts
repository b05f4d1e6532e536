/**
 * The one body parser: JSON only, parsed with `JSON.parse` and then walked once, iteratively, to refuse
 * keys that could alter prototypes (`__proto__`, `constructor`, `prototype`) and nesting deeper than a
 * bound — before any recursive code (ajv, core) sees the document. Unlike secure-json-parse, which only
 * says "forbidden property", the walk names the key and its JSON pointer.
 */
import { HttpProblem, item } from '../problems.js';

/** Escape one JSON-pointer segment (RFC 6901). */
const pointerSegment = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

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
  // V8's message quotes part of the body; report only where the error is, never the text itself.
  const raw = cause instanceof Error ? cause.message : '';
  const at = /position (\d+)/.exec(raw);
  let where = '';
  let whereVi = '';
  if (at?.[1] !== undefined) {
    const pos = Number(at[1]);
    const before = source.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    where = ` at line ${line}, column ${column}`;
    whereVi = ` tại dòng ${line}, cột ${column}`;
  } else if (/end of JSON input|Unterminated/i.test(raw)) {
    where = ' (it ends too early)';
    whereVi = ' (kết thúc quá sớm)';
  }
  const hint = /\bNaN\b|-?\bInfinity\b/.test(raw) ? ' NaN and Infinity are not JSON numbers.' : '';
  const en = `The body is not valid JSON${where}.${hint}`;
  return new HttpProblem('MALFORMED_JSON', en, [
    item('MALFORMED_JSON', '', { vi: `Nội dung không phải JSON hợp lệ${whereVi}.`, en }),
  ]);
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
          item(
            'FORBIDDEN_KEY',
            path,
            { vi: `Không được dùng khóa "${key}".`, en: `The key "${key}" is not allowed.` },
            { key },
          ),
        ]);
      }
      const child = (value as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') push(child, key, node, depth + 1);
    }
  }
}
