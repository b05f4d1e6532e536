/**
 * Every file the CLI reads comes through here: a path or `-` (standard input), bounded in size, a UTF-8
 * BOM dropped, and each failure a {@link CliError} (exit 2) that names the file and the reason — never a
 * stack trace, never the file's content.
 */
import { constants } from 'node:buffer';
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { LocalizedText } from '@cnscd/core';
import { parseJsonText, type JsonSyntaxError } from '../internal/json-text.js';
import { CliError } from './exit-codes.js';
import type { CliIo } from './io.js';

/** The argument that means standard input. */
export const STDIN = '-';

/** How standard input is named in messages and problem lines. */
export const STDIN_NAME = '<stdin>';

/**
 * The largest input read, in bytes: Node's longest string (about 512 MiB on 64-bit), since the text must
 * fit in one to be parsed. A national dataset is well under it.
 */
export const MAX_INPUT_BYTES: number = constants.MAX_STRING_LENGTH;

/** A byte count as people read it: MiB from 1 MiB up, else bytes; Vietnamese digit grouping in `vi`. */
const size = (n: number, lang: 'vi' | 'en'): string => {
  const locale = lang === 'vi' ? 'vi-VN' : 'en';
  if (n >= 2 ** 20) return `${Math.floor(n / 2 ** 20).toLocaleString(locale)} MiB`;
  return `${n.toLocaleString(locale)} ${lang === 'vi' ? 'byte' : 'bytes'}`;
};

/**
 * How a path is shown: relative to the working folder when it is inside it, else absolute; `<stdin>` for `-`.
 *
 * @example
 * ```ts
 * shownPath(io, '-'); // '<stdin>'
 * shownPath({ ...io, cwd: '/work' }, '/tmp/a.json'); // '/tmp/a.json', not '../tmp/a.json'
 * ```
 */
export function shownPath(io: Pick<CliIo, 'cwd'>, file: string): string {
  if (file === STDIN) return STDIN_NAME;
  const abs = resolve(io.cwd, file);
  const rel = relative(io.cwd, abs);
  if (rel === '') return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}

/** Why a path cannot be read, from the error's `code` (no message text, which repeats the path). */
function reason(e: unknown): LocalizedText {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { vi: 'không tồn tại', en: 'no such file or folder' };
    case 'EACCES':
    case 'EPERM':
      return { vi: 'không có quyền đọc', en: 'permission denied' };
    case 'EISDIR':
      return { vi: 'là một thư mục, không phải tệp', en: 'is a folder, not a file' };
    default:
      return { vi: `không đọc được (${code ?? 'lỗi'})`, en: `cannot be read (${code ?? 'error'})` };
  }
}

/**
 * The failure for a path that cannot be read.
 *
 * @example
 * ```ts
 * throw unreadable('--data', 'data.json', error);
 * ```
 */
export function unreadable(label: string, shown: string, cause: unknown): CliError {
  const why = reason(cause);
  return new CliError('FILE_UNREADABLE', { vi: `${label}${shown}: ${why.vi}`, en: `${label}${shown}: ${why.en}` }, undefined, why);
}

function tooLarge(label: string, shown: string, max: number): CliError {
  const why = { vi: `lớn hơn ${size(max, 'vi')}, giới hạn đọc của cnscd`, en: `larger than ${size(max, 'en')}, the most cnscd reads` };
  return new CliError('INPUT_TOO_LARGE', { vi: `${label}${shown}: ${why.vi}`, en: `${label}${shown}: ${why.en}` }, { maxBytes: max }, why);
}

/** Options of {@link readInput}. */
export interface ReadOptions {
  /** Put before the file name in messages, e.g. `--data `. */
  readonly label?: string;
  /** Default {@link MAX_INPUT_BYTES}. */
  readonly maxBytes?: number;
}

/**
 * Read a file (relative to `io.cwd`) or, for `-`, standard input, as UTF-8 text (invalid sequences
 * become U+FFFD, as `readFile` does). Throws {@link CliError} `FILE_UNREADABLE` or `INPUT_TOO_LARGE`.
 *
 * @example
 * ```ts
 * const text = await readInput(io, '-', { label: '--data ' });
 * ```
 */
export async function readInput(io: CliIo, file: string, options: ReadOptions = {}): Promise<string> {
  const label = options.label ?? '';
  const max = options.maxBytes ?? MAX_INPUT_BYTES;
  const shown = shownPath(io, file);
  if (file === STDIN) return readStdin(io, label, max);
  const abs = resolve(io.cwd, file);
  try {
    const st = await stat(abs);
    if (st.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    if (st.size > max) throw tooLarge(label, shown, max);
    return await readFile(abs, 'utf8');
  } catch (e) {
    if (e instanceof CliError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG') throw tooLarge(label, shown, max);
    throw unreadable(label, shown, e);
  }
}

async function readStdin(io: CliIo, label: string, max: number): Promise<string> {
  const stdin = io.stdin;
  if (stdin === undefined) {
    const why = { vi: 'không có đầu vào chuẩn', en: 'no standard input' };
    throw new CliError('FILE_UNREADABLE', { vi: `${label}${STDIN_NAME}: ${why.vi}`, en: `${label}${STDIN_NAME}: ${why.en}` }, undefined, why);
  }
  if ((stdin as { isTTY?: boolean }).isTTY === true) {
    // Nothing was piped in: without a word the command would look hung.
    io.stderr.write('cnscd: Đang đọc JSON từ bàn phím, kết thúc bằng Ctrl-D · Reading JSON from the terminal; end with Ctrl-D\n');
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of stdin) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      bytes += buf.byteLength;
      // Stop at the bound rather than buffer without end; breaking out of the loop releases the stream.
      if (bytes > max) throw tooLarge(label, STDIN_NAME, max);
      chunks.push(buf);
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw unreadable(label, STDIN_NAME, e);
  }
  return Buffer.concat(chunks, bytes).toString('utf8');
}

/**
 * Parse JSON text read from `shown` (BOM tolerated). Throws {@link CliError} `MALFORMED_JSON` with the line
 * and column, never the text.
 *
 * @example
 * ```ts
 * parseJsonInput(await readInput(io, 'data.json'), 'data.json', '--data ');
 * ```
 */
export function parseJsonInput(text: string, shown: string, label = ''): unknown {
  const parsed = parseJsonText(text);
  if (parsed.ok) return parsed.value;
  throw malformed(parsed.error, shown, label);
}

/**
 * The `MALFORMED_JSON` failure for a syntax error in `shown`.
 *
 * @example
 * ```ts
 * const r = parseJsonText(text); if (!r.ok) throw malformed(r.error, 'a.json');
 * ```
 */
export function malformed(error: JsonSyntaxError, shown: string, label = ''): CliError {
  const params = error.line === undefined ? { offset: error.offset } : { line: error.line, column: error.column, offset: error.offset };
  return new CliError(
    'MALFORMED_JSON',
    { vi: `${label}${shown}: ${error.message.vi}`, en: `${label}${shown}: ${error.message.en}` },
    params,
    error.message,
  );
}

/**
 * {@link readInput} then {@link parseJsonInput}.
 *
 * @example
 * ```ts
 * const dataset = await readJsonInput(io, args.data, '--data ');
 * ```
 */
export async function readJsonInput(io: CliIo, file: string, label = '', maxBytes?: number): Promise<unknown> {
  const text = await readInput(io, file, { label, ...(maxBytes === undefined ? {} : { maxBytes }) });
  return parseJsonInput(text, shownPath(io, file), label);
}

/**
 * Check that a folder exists and can be listed (`--presets-dir`), before anything reads it.
 *
 * @example
 * ```ts
 * await assertReadableDir(io, values['presets-dir'], '--presets-dir ');
 * ```
 */
export async function assertReadableDir(io: CliIo, dir: string | undefined, label: string): Promise<void> {
  if (dir === undefined) return;
  const shown = shownPath(io, dir);
  let isDir: boolean;
  try {
    isDir = (await stat(resolve(io.cwd, dir))).isDirectory();
  } catch (e) {
    throw unreadable(label, shown, e);
  }
  if (!isDir) {
    const why = { vi: 'không phải thư mục', en: 'not a folder' };
    throw new CliError('FILE_UNREADABLE', { vi: `${label}${shown}: ${why.vi}`, en: `${label}${shown}: ${why.en}` }, undefined, why);
  }
  try {
    await readdir(resolve(io.cwd, dir));
  } catch (e) {
    throw unreadable(label, shown, e);
  }
}
