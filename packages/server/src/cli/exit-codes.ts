/**
 * The one table of `cnscd` exit codes, and the errors that end a command with one of them. Every command
 * returns a code from {@link EXIT}; `--help` and docs/cli.md list {@link EXIT_TABLE} (a test checks the doc
 * against it).
 */
import type { LocalizedText } from '@cnscd/core';

/**
 * Exit codes: 0 success; 1 invalid input (the files were read, and their content breaks a rule: schema,
 * integrity, criteria; or a golden case fails); 2 usage error, or a file that cannot be read or is not
 * JSON at all.
 *
 * @example
 * ```ts
 * process.exitCode = problems.length > 0 ? EXIT.invalid : EXIT.ok;
 * ```
 */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** One of {@link EXIT}. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * What each exit code means, Vietnamese first, for `--help` and docs/cli.md.
 *
 * @example
 * ```ts
 * EXIT_TABLE.map((e) => `${e.code} ${e.meaning.en}`);
 * ```
 */
export const EXIT_TABLE: readonly { readonly code: ExitCode; readonly meaning: LocalizedText }[] = [
  { code: EXIT.ok, meaning: { vi: 'thành công (có thể kèm cảnh báo)', en: 'success (warnings may be printed)' } },
  {
    code: EXIT.invalid,
    meaning: {
      vi: 'dữ liệu không hợp lệ: bộ dữ liệu, bộ tiêu chí hoặc plugin sai quy tắc; ca kiểm thử không đạt; máy chủ không khởi động được',
      en: 'invalid input: a dataset, criteria set or plugin breaks a rule; a golden case fails; the server could not start',
    },
  },
  {
    code: EXIT.usage,
    meaning: {
      vi: 'sai cú pháp lệnh; tệp, thư mục hay plugin không tìm thấy hoặc không đọc được; tệp quá lớn hay không phải JSON',
      en: 'usage error; a file, folder or plugin that cannot be found or read; a file too large or not JSON',
    },
  },
];

/**
 * Codes of the failures the CLI itself reports (besides core's problem codes), with the exit code each
 * ends a command with.
 *
 * @example
 * ```ts
 * CLI_ERRORS.FILE_UNREADABLE.exit; // 2
 * ```
 */
export const CLI_ERRORS = {
  /** Unknown command or flag, a missing or contradictory argument. */
  USAGE: { exit: EXIT.usage },
  /** A file or folder that does not exist or cannot be read. */
  FILE_UNREADABLE: { exit: EXIT.usage },
  /** A file that is not JSON (the same code as the API's). */
  MALFORMED_JSON: { exit: EXIT.usage },
  /** A file or standard input larger than the CLI reads (the same code as the API's). */
  INPUT_TOO_LARGE: { exit: EXIT.usage },
  /** `presets <id> --sources`: no such preset or version, or one without a bundled table (core's code, as the API's 404). */
  PRESET_NOT_FOUND: { exit: EXIT.invalid },
  /** A spreadsheet (`import`, `--data x.xlsx`) with errors: refused file, unreadable cells, broken rules. */
  INVALID_SPREADSHEET: { exit: EXIT.invalid },
} as const satisfies Record<string, { exit: ExitCode }>;

/** A code of {@link CLI_ERRORS}. */
export type CliErrorCode = keyof typeof CLI_ERRORS;

/**
 * A failure that ends a command: printed as one line (`cnscd: …`, Vietnamese first), exit code from
 * {@link CLI_ERRORS}. Never carries file content.
 *
 * @example
 * ```ts
 * throw new CliError('FILE_UNREADABLE', { vi: 'Không đọc được tệp a.json', en: 'Cannot read a.json' });
 * ```
 */
export class CliError extends Error {
  override readonly name: string = 'CliError';
  readonly exitCode: ExitCode;
  constructor(
    readonly code: CliErrorCode,
    readonly text: LocalizedText,
    readonly params?: Readonly<Record<string, unknown>>,
    /** For a file's failure: the reason alone, without the file name (for problem lines that name it). */
    readonly reason?: LocalizedText,
  ) {
    super(text.en);
    this.exitCode = CLI_ERRORS[code].exit;
  }
}

/**
 * A usage error: printed with a hint to `--help`, exit code 2. A plain string is English only (Node's own
 * argument parser speaks English).
 *
 * @example
 * ```ts
 * throw new UsageError({ vi: 'Thiếu --data <tệp>.', en: 'evaluate needs --data <file>.' });
 * ```
 */
export class UsageError extends CliError {
  override readonly name = 'UsageError';
  constructor(
    text: LocalizedText | string,
    /** The command whose `--help` the hint names. */
    readonly command?: string,
  ) {
    super('USAGE', typeof text === 'string' ? { vi: `Sai cú pháp lệnh: ${text}`, en: text } : text);
  }
}
