/**
 * What the CLI writes to, reads from and where it runs, injectable so that tests call `runCli` directly.
 */
import type { LocalizedText } from '@cnscd/core';
import { UsageError } from './exit-codes.js';

/** A stream the CLI writes to. `isTTY` and `columns` decide progress output. */
export interface CliStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** The CLI's world. */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** Read for the file name `-` (e.g. `process.stdin`); without it, `-` is an unreadable file. */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
  /** Relative paths resolve against this folder. */
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Message language. */
export type Lang = 'en' | 'vi';

export const text = (t: LocalizedText, lang: Lang): string => (lang === 'vi' ? t.vi : t.en);

/**
 * A one-line message: in the language asked for with `--lang`, else Vietnamese first with English beside.
 *
 * @example
 * ```ts
 * say({ vi: 'Không đọc được', en: 'Cannot read' }, undefined); // 'Không đọc được · Cannot read'
 * ```
 */
export const say = (t: LocalizedText, lang: Lang | undefined): string => (lang === undefined ? `${t.vi} · ${t.en}` : text(t, lang));

export function parseLang(value: string | undefined): Lang {
  if (value === undefined || value === 'en') return 'en';
  if (value === 'vi') return 'vi';
  throw new UsageError({ vi: `--lang phải là "vi" hoặc "en".`, en: `--lang must be "en" or "vi".` });
}
