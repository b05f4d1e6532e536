/**
 * `JSON.stringify(value, null, 2)` written in pieces, for the CLI's `--format json`.
 *
 * A national evaluation's result is about 435 million characters of indented JSON (74,422 subjects with
 * their criteria, 89,868 roll-up units). Built as one string it costs its own size twice over (the text,
 * two bytes per character once it holds Vietnamese, and the buffer it is encoded into) on top of the
 * result, and the collector copies it around: about 10 s and 2 GB of the 22 s and 3.1 GB the command
 * took. Here the outer levels of the value are walked and every element below them is stringified on its
 * own and written in chunks of about a million characters, so the text never exists whole.
 *
 * The output is byte for byte what `JSON.stringify(value, null, 2) + '\n'` gives (`toJSON` called with
 * its key, omitted `undefined` and function values, `null` for them in arrays); `test/json-out.test.ts`
 * checks that on evaluation results and on arbitrary JSON-like values. The one case it does not
 * reproduce is a `toJSON` that returns another object with a `toJSON` of its own, which JSON.stringify
 * calls only once.
 */
import type { CliStream } from './io.js';

/** Levels walked rather than stringified whole: the result, its arrays, and their elements' containers. */
const SPLIT_DEPTH = 3;
/** Characters gathered before a write. */
const CHUNK = 1 << 20;

/** A stream that may ask the writer to wait (Node's `Writable`); `CliStream`s without `once` never do. */
type Sink = CliStream & { once?: (event: 'drain', listener: () => void) => unknown };

/**
 * Write `JSON.stringify(value, null, 2) + '\n'` to `out` in chunks, waiting for `drain` when the stream
 * asks for it. `value` must not be undefined or a function (the CLI writes results, which never are).
 *
 * @example
 * ```ts
 * await writeJson(process.stdout, result);
 * ```
 */
export async function writeJson(out: Sink, value: unknown): Promise<void> {
  const writer = new ChunkWriter(out);
  const top = stringifiable(value, '');
  if (top === undefined) throw new TypeError('writeJson: the value has no JSON text');
  await writeValue(writer, top, '', 0);
  writer.push('\n');
  await writer.flush();
}

/**
 * Write text lines (each with its own `\n`) to `out` in chunks of about a million characters, waiting for
 * `drain` when the stream asks for it: for NDJSON, where a national result is 74,000 lines.
 *
 * @example
 * ```ts
 * await writeLines(process.stdout, resultLines(result, 'compact'));
 * ```
 */
export async function writeLines(out: Sink, lines: Iterable<string>): Promise<void> {
  const writer = new ChunkWriter(out);
  for (const line of lines) {
    writer.push(line);
    await writer.flush(false);
  }
  await writer.flush();
}

class ChunkWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly out: Sink) {}

  push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }

  /** Write when a chunk is full (or always, with `force`). */
  async flush(force = true): Promise<void> {
    if (this.parts.length === 0 || (!force && this.size < CHUNK)) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    const ok = this.out.write(text);
    if (ok === false && typeof this.out.once === 'function') {
      await new Promise<void>((resolve) => this.out.once!('drain', resolve));
    } else {
      // A file or a terminal takes each chunk at once; let timers run (the progress line) between chunks.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
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
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Write `v` (already through {@link stringifiable}) at `indent`, the indentation of its own line. */
async function writeValue(w: ChunkWriter, v: unknown, indent: string, depth: number): Promise<void> {
  if (depth >= SPLIT_DEPTH || !walkable(v)) {
    const text = JSON.stringify(v, null, 2);
    w.push(indent === '' ? text : text.replaceAll('\n', `\n${indent}`));
    await w.flush(false);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) {
      w.push('[]');
      return;
    }
    w.push('[');
    for (let i = 0; i < v.length; i++) {
      w.push(i === 0 ? `\n${inner}` : `,\n${inner}`);
      const item = stringifiable(v[i], String(i));
      if (item === undefined) w.push('null');
      else await writeValue(w, item, inner, depth + 1);
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
    await writeValue(w, item, inner, depth + 1);
  }
  w.push(first ? '{}' : `\n${indent}}`);
}
