/**
 * JSON text in chunks, never as one string: for the CLI's `--format json` and the API's large answers.
 *
 * A national evaluation's full result is about 435 million characters of indented JSON. Built as one
 * string it costs its size twice over (the text, two bytes per character once it holds Vietnamese, and
 * the buffer it is encoded into) on top of the result. Here the outer levels of the value are walked and
 * every element below them is stringified on its own, gathered into chunks of about `chunk` characters.
 *
 * Two layouts:
 * - `indent`: byte for byte `JSON.stringify(value, null, 2)` (`toJSON` called with its key, omitted
 *   `undefined` and function values, `null` for them in arrays). The one case it does not reproduce is a
 *   `toJSON` that returns another object with a `toJSON` of its own, which JSON.stringify calls once.
 * - `lines`: the outer objects indented as above, and each element of an array on a line of its own
 *   without spaces (`JSON.stringify(element)`): a subject or a roll-up unit per line, which `grep`, `head`
 *   and a person can read, at about half the bytes of `indent` and a third of its time to write.
 *
 * - `plain`: byte for byte `JSON.stringify(value)`, for the API's answers.
 *
 * An array may be given as a {@link LazyArray}: its elements are made one at a time while they are
 * written (the compact answer's subjects), so they never exist together.
 */

/** Layout of the text: see the module's comment. */
export type JsonLayout = 'indent' | 'lines' | 'plain';

/** Levels walked rather than stringified whole: the result, its arrays, and their elements' containers. */
const SPLIT_DEPTH = 3;
/** Characters gathered before a chunk is given out, by default. */
export const DEFAULT_CHUNK = 1 << 20;

/**
 * An array whose elements are made while it is written: `length` of them, element `i` by `item(i)`.
 *
 * @example
 * ```ts
 * const subjects = new LazyArray(result.subjects.length, (i) => compactSubject(result.subjects[i]!, criteria));
 * ```
 */
export class LazyArray<T = unknown> {
  constructor(
    readonly length: number,
    readonly item: (i: number) => T,
  ) {}
}

/**
 * The JSON text of `value` (plus a final `\n`, except in the `plain` layout), in chunks of about `chunk` characters. `value` must not be
 * undefined or a function.
 *
 * @example
 * ```ts
 * for (const text of jsonChunks(result, 'lines')) out.write(text);
 * ```
 */
export function* jsonChunks(value: unknown, layout: JsonLayout = 'indent', chunk = DEFAULT_CHUNK): Generator<string, void, undefined> {
  const top = stringifiable(value, '');
  if (top === undefined) throw new TypeError('jsonChunks: the value has no JSON text');
  const w = new Gather(chunk);
  yield* writeValue(w, top, '', 0, layout);
  if (layout !== 'plain') w.push('\n');
  yield* w.take(true);
}

/** Pieces of text gathered until a chunk is full. */
class Gather {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly chunk: number) {}

  push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }

  /** The gathered text when a chunk is full (or always, with `force`), as zero or one chunk. */
  *take(force = false): Generator<string, void, undefined> {
    if (this.parts.length === 0 || (!force && this.size < this.chunk)) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    yield text;
  }
}

/**
 * The value JSON.stringify serialises for `key`: after `toJSON`, and undefined when it skips the value
 * (undefined, functions, symbols). Boxed primitives are left to JSON.stringify (they are written whole).
 */
function stringifiable(value: unknown, key: string): unknown {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  return v === undefined || typeof v === 'function' || typeof v === 'symbol' ? undefined : v;
}

/** A plain array or object the walk descends into (anything else is stringified whole). */
function walkable(v: unknown): v is object {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v) || v instanceof LazyArray) return true;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Write `v` (already through {@link stringifiable}) at `indent`, the indentation of its own line. */
function* writeValue(w: Gather, v: unknown, indent: string, depth: number, layout: JsonLayout): Generator<string, void, undefined> {
  if (layout === 'plain') {
    yield* writePlain(w, v, depth);
    return;
  }
  if (depth >= SPLIT_DEPTH || !walkable(v)) {
    if (layout === 'lines') w.push(JSON.stringify(v));
    else {
      const text = JSON.stringify(v, null, 2);
      w.push(indent === '' ? text : text.replaceAll('\n', `\n${indent}`));
    }
    yield* w.take();
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v) || v instanceof LazyArray) {
    const lazy = v instanceof LazyArray;
    const n = v.length;
    if (n === 0) {
      w.push('[]');
      return;
    }
    w.push('[');
    for (let i = 0; i < n; i++) {
      w.push(i === 0 ? `\n${inner}` : `,\n${inner}`);
      const item = stringifiable(lazy ? v.item(i) : (v as unknown[])[i], String(i));
      if (item === undefined) w.push('null');
      else if (layout === 'lines') {
        w.push(JSON.stringify(item));
        yield* w.take();
      } else yield* writeValue(w, item, inner, depth + 1, layout);
    }
    w.push(`\n${indent}]`);
    return;
  }
  let first = true;
  for (const key of Object.keys(v)) {
    const item = stringifiable((v as Record<string, unknown>)[key], key);
    if (item === undefined) continue;
    w.push(first ? `{\n${inner}` : `,\n${inner}`);
    first = false;
    w.push(`${JSON.stringify(key)}: `);
    yield* writeValue(w, item, inner, depth + 1, layout);
  }
  w.push(first ? '{}' : `\n${indent}}`);
}

/** `JSON.stringify(v)` for `v` already through {@link stringifiable}, the outer levels walked. */
function* writePlain(w: Gather, v: unknown, depth: number): Generator<string, void, undefined> {
  if (depth >= SPLIT_DEPTH || !walkable(v)) {
    w.push(JSON.stringify(v));
    yield* w.take();
    return;
  }
  if (Array.isArray(v) || v instanceof LazyArray) {
    const lazy = v instanceof LazyArray;
    w.push('[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) w.push(',');
      const item = stringifiable(lazy ? v.item(i) : (v as unknown[])[i], String(i));
      if (item === undefined) w.push('null');
      else yield* writePlain(w, item, depth + 1);
    }
    w.push(']');
    return;
  }
  let first = true;
  w.push('{');
  for (const key of Object.keys(v)) {
    const item = stringifiable((v as Record<string, unknown>)[key], key);
    if (item === undefined) continue;
    w.push(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
    first = false;
    yield* writePlain(w, item, depth + 1);
  }
  w.push('}');
}
