/**
 * What the CLI writes to and where it runs, injectable so that tests call `runCli` directly.
 */
import type { LocalizedText } from '@cnscd/core';

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
  /** Relative paths resolve against this folder. */
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Message language. */
export type Lang = 'en' | 'vi';

/** Exit codes: 0 success, 1 problems found (invalid input, failing cases), 2 usage error. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** A usage error: printed with a hint to `--help`, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const text = (t: LocalizedText, lang: Lang): string => (lang === 'vi' ? t.vi : t.en);

export function parseLang(value: string | undefined): Lang {
  if (value === undefined || value === 'en') return 'en';
  if (value === 'vi') return 'vi';
  throw new UsageError(`--lang must be "en" or "vi", got ${JSON.stringify(value)}.`);
}
