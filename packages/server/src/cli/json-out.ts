/**
 * The CLI's JSON and NDJSON writers: text made in chunks (`internal/json-chunks.ts`) and written as the
 * stream takes it, so that a national answer never exists as one string. `--format json` in the full
 * shape is byte for byte `JSON.stringify(value, null, 2) + '\n'` (`test/json-out.test.ts`).
 */
import { jsonChunks, type JsonLayout } from '../internal/json-chunks.js';
import type { CliStream } from './io.js';

/**
 * Characters gathered before a write: 32 Ki, so that a chunk (64 KiB once it holds Vietnamese) stays a
 * regular heap object. Chunks of a million characters went to V8's large-object space, which only a full
 * collection frees: a national answer's 70 of them piled up while it was written (peak RSS 1,000–1,035 MB
 * against 965–993 MB with this size, interleaved at load 3; the same bytes).
 */
export const WRITE_CHUNK = 1 << 15;

/** A stream that may ask the writer to wait (Node's `Writable`); `CliStream`s without `once` never do. */
type Sink = CliStream & { once?: (event: 'drain', listener: () => void) => unknown };

/**
 * Write the JSON text of `value` and a `\n` to `out` in chunks, waiting for `drain` when the stream asks
 * for it: `JSON.stringify(value, null, 2)` with the `indent` layout (the default), one array element per
 * line with `lines`. `value` must not be undefined or a function (the CLI writes results, which never are).
 *
 * @example
 * ```ts
 * await writeJson(process.stdout, result);
 * ```
 */
export async function writeJson(out: Sink, value: unknown, layout: JsonLayout = 'indent'): Promise<void> {
  for (const text of jsonChunks(value, layout, WRITE_CHUNK)) await write(out, text);
}

/** Write one chunk; wait for `drain` when the stream asks, else let timers run (the progress line). */
async function write(out: Sink, text: string): Promise<void> {
  const ok = out.write(text);
  if (ok === false && typeof out.once === 'function') await new Promise<void>((resolve) => out.once!('drain', resolve));
  else await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Write text lines (each with its own `\n`) to `out` in chunks of about 32 Ki characters, waiting for
 * `drain` when the stream asks for it : for NDJSON, where a national result is 74,000 lines.
 *
 * @example
 * ```ts
 * await writeLines(process.stdout, resultLines(result, 'compact'));
 * ```
 */
export async function writeLines(out: Sink, lines: Iterable<string>): Promise<void> {
  let parts: string[] = [];
  let size = 0;
  for (const line of lines) {
    parts.push(line);
    size += line.length;
    if (size < WRITE_CHUNK) continue;
    const text = parts.join('');
    parts = [];
    size = 0;
    await write(out, text);
  }
  if (parts.length > 0) await write(out, parts.join(''));
}
