/**
 * `cnscd --help` and `cnscd <command> --help`, from one list of commands and their options.
 */
import type { LocalizedText } from '@cnscd/core';
import { SERVER_VERSION } from '../version.js';
import { EXIT_TABLE } from './exit-codes.js';

/** One command as help describes it. */
export interface CommandHelp {
  readonly name: string;
  readonly summary: LocalizedText;
  /**
   * The synopsis lines, without the leading `cnscd `: a line that starts with a space continues the one
   * before it; one that starts with the command's name is another form of the command.
   */
  readonly synopsis: readonly string[];
  /** `[flag, description]`. */
  readonly options: readonly (readonly [string, string])[];
  /** Lines after the options. */
  readonly notes?: readonly string[];
}

const LANG: readonly [string, string] = ['--lang en|vi', 'Language of messages and tables (default: English; errors are in both)'];
const PLUGIN: readonly [string, string] = ['--plugin <m>', 'Load a plugin: a module id or a path; repeatable'];
const PRESETS_DIR: readonly [string, string] = ['--presets-dir <dir>', 'Add your own criteria sets (a folder, validated first)'];
const HELP: readonly [string, string] = ['-h, --help', 'This help'];

/**
 * The commands, in the order `cnscd --help` lists them. `serve`'s options are in serve.ts (`SERVE_USAGE`).
 *
 * @example
 * ```ts
 * COMMANDS.map((c) => c.name); // ['serve', 'presets', 'validate', 'test', 'evaluate']
 * ```
 */
export const COMMANDS: readonly CommandHelp[] = [
  {
    name: 'serve',
    summary: { vi: 'Chạy API chấm điểm', en: 'Run the scoring API' },
    synopsis: ['serve [--port <n>] [--host <addr>] [--presets-dir <dir>] [--plugin <m>]...'],
    options: [],
  },
  {
    name: 'presets',
    summary: {
      vi: 'Liệt kê các bộ tiêu chí mẫu, hoặc nguồn gốc các con số của một bộ',
      en: "List the preset criteria sets, or where one's numbers come from",
    },
    synopsis: [
      'presets [--format table|json] [--lang en|vi] [--presets-dir <dir>] [--plugin <m>]...',
      'presets <id[@version]> --sources [--lang en|vi]',
    ],
    options: [
      ['--format table|json', 'A table (default), or JSON as GET /v1/presets answers'],
      ['<id[@version]> --sources', 'Where each number of a bundled preset comes from (a document, or chosen), as Markdown'],
      LANG,
      PRESETS_DIR,
      PLUGIN,
      HELP,
    ],
  },
  {
    name: 'validate',
    summary: { vi: 'Kiểm tra bộ tiêu chí, bộ dữ liệu và ca kiểm thử', en: 'Check criteria sets, datasets and golden cases' },
    synopsis: [
      'validate <file|dir|->... [--format text|json] [--lang en|vi] [--presets-dir <dir>] [--plugin <m>]...',
      'validate --data <file.xlsx|file.csv|folder> [--lang en|vi]',
    ],
    options: [
      ['--data <spreadsheet>', 'Check a workbook, CSV file or folder of CSV files as a dataset; problems name sheet, row and column'],
      ['<file|dir|->', 'JSON files, folders (walked for *.json; a preset folder checks preset.json and cases/), or - for standard input'],
      ['--format text|json', 'One line per problem (default), or one JSON document for CI (see docs/cli.md)'],
      LANG,
      PRESETS_DIR,
      PLUGIN,
      HELP,
    ],
  },
  {
    name: 'test',
    summary: { vi: 'Chạy các ca kiểm thử mẫu của bộ tiêu chí', en: "Run presets' golden cases" },
    synopsis: ['test <preset dir>... [--format text|json] [--lang en|vi] [--presets-dir <dir>] [--plugin <m>]...'],
    options: [
      ['<preset dir>', 'A folder with preset.json and cases/*.json'],
      ['--format text|json', 'Each case with ✓ or ✗ and its differences (default), or one JSON document (see docs/cli.md)'],
      LANG,
      PRESETS_DIR,
      PLUGIN,
      HELP,
    ],
  },
  {
    name: 'evaluate',
    summary: { vi: 'Chấm điểm một bộ dữ liệu', en: 'Score a dataset' },
    synopsis: [
      'evaluate (--preset <id[@version]> | --criteria <file|->) --data <file|->',
      '         [--period 2025-01..2025-12] [--as-of YYYY-MM-DD] [--format table|json|ndjson|csv|html|xlsx]',
      '         [--shape full|compact] [--delimiter ,|;] [-o <file>] [--unit <id>] [--explain] [--engine compiled|reference]',
      '         [--lang en|vi]',
      '         [--presets-dir <dir>] [--plugin <m>]...',
    ],
    options: [
      ['--preset <id[@version]>', 'A preset by id, optionally a version or range (national-2024@^2)'],
      ['--criteria <file|->', 'Your own criteria-set file (may extend a preset); - for standard input'],
      ['--data <file|->', 'The dataset: JSON, an .xlsx workbook, a .csv file or a folder of CSV files; - for standard input (JSON)'],
      ['--period <from..to>', "Months evaluated (default: the dataset's window)"],
      ['--as-of <YYYY-MM-DD>', 'The evaluation date (default: the last day of the period)'],
      ['--rollup-as-of <YYYY-MM-DD>', 'JSON, NDJSON: the roll-up on the units of this date (2024 results on the 2026 communes)'],
      [
        '--format table|json|ndjson|csv|html|xlsx',
        'A table (default), the whole result as JSON, one line per subject (NDJSON), the ranking as CSV, or a scorecard: one HTML page or an Excel workbook (Vietnamese unless --lang en)',
      ],
      ['-o, --output <file>', 'HTML, XLSX: the file to write (required for xlsx; HTML without it goes to standard output)'],
      ['--unit <id>', 'HTML: the unit whose teams get a card each (a result of more than 5,000 teams has no cards without it)'],
      [
        '--shape full|compact',
        "JSON, NDJSON: each criterion's title once, a subject per line (compact, the default) or in every subject, indented as in 1.x (full)",
      ],
      ['--delimiter ,|;', 'CSV only: ; also writes decimals with a comma (Excel set to Vietnamese)'],
      ['--explain', "Each criterion's status and reason (table, JSON)"],
      ['--engine compiled|reference', 'reference runs json-rules-engine (slower; for checking)'],
      LANG,
      PRESETS_DIR,
      PLUGIN,
      HELP,
    ],
    notes: ['Only one of --data and --criteria can be -.'],
  },
  {
    name: 'template',
    summary: { vi: 'Tạo bảng tính mẫu để điền cho một bộ tiêu chí', en: 'Write a workbook to fill in for a preset' },
    synopsis: ['template --preset <id[@version]> [--lang vi|en] -o <file.xlsx>'],
    options: [
      ['--preset <id[@version]>', 'The preset whose metrics the monthly reports and indicators get, one column each'],
      ['--lang vi|en', 'Sheet names and headers in Vietnamese (default) or English; the field id is beside each header'],
      ['-o, --out <file.xlsx>', 'The workbook to write'],
      PRESETS_DIR,
      PLUGIN,
      HELP,
    ],
    notes: ['See docs/spreadsheets.md.'],
  },
  {
    name: 'import',
    summary: {
      vi: 'Đọc bảng tính (.xlsx, .csv, thư mục CSV) thành bộ dữ liệu JSON',
      en: 'Read a spreadsheet (.xlsx, .csv, CSV folder) into a JSON dataset',
    },
    synopsis: ['import <file.xlsx|file.csv|folder> -o <dataset.json> [--strict] [--columns] [--lang en|vi]'],
    options: [
      ['-o, --out <dataset.json>', 'The dataset to write (only when the file has no error)'],
      ['--strict', 'A column of personal data (name, phone, ID number...) is an error, not a warning'],
      ['--columns', 'Write the reports as reportColumns (compact, for a province or more)'],
      LANG,
      HELP,
    ],
    notes: ['Problems go to stderr, one per line, with sheet, row and column. See docs/spreadsheets.md.'],
  },
  {
    name: 'export',
    summary: { vi: 'Xuất bộ dữ liệu JSON ra bảng tính Excel', en: 'Write a JSON dataset as an Excel workbook' },
    synopsis: ['export <dataset.json> --format xlsx [--lang vi|en] -o <file.xlsx>'],
    options: [
      ['--format xlsx', 'The only format for now'],
      ['--lang vi|en', 'Sheet names and headers (default: Vietnamese)'],
      ['-o, --out <file.xlsx>', 'The workbook to write; importing it gives the same dataset back'],
      HELP,
    ],
  },
];

/** A synopsis line that continues the line before it (rather than starting another form). */
const continues = (line: string): boolean => line.startsWith(' ');

const exitLines = (): string => 'Mã thoát · Exit codes:\n' + EXIT_TABLE.map((e) => `  ${e.code}  ${e.meaning.vi}\n     ${e.meaning.en}\n`).join('');

/**
 * The text of `cnscd --help`.
 *
 * @example
 * ```ts
 * process.stdout.write(USAGE);
 * ```
 */
export const USAGE = `cnscd ${SERVER_VERSION} — chấm điểm Tổ công nghệ số cộng đồng · score Community Digital Technology Teams

Usage: cnscd <command> [options]     cnscd <command> --help: that command's options

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(9)} ${c.summary.vi} · ${c.summary.en}\n`).join('')}
${COMMANDS.map((c) => c.synopsis.map((l) => `  ${continues(l) ? '     ' : 'cnscd'} ${l}\n`).join('')).join('')}  cnscd --help | --version

${exitLines()}Docs: docs/cli.md
`;

/**
 * The help of one command (undefined for an unknown name).
 *
 * @example
 * ```ts
 * process.stdout.write(commandUsage('validate')!);
 * ```
 */
export function commandUsage(name: string): string | undefined {
  const c = COMMANDS.find((x) => x.name === name);
  if (c === undefined) return undefined;
  const width = Math.max(...c.options.map(([f]) => f.length));
  return (
    `Usage: ${c.synopsis.map((l, i) => (continues(l) ? `      ${l}` : `${i === 0 ? '' : '       '}cnscd ${l}`)).join('\n')}\n\n` +
    `${c.summary.vi} · ${c.summary.en}\n\n` +
    (c.options.length > 0 ? `Options:\n${c.options.map(([f, d]) => `  ${f.padEnd(width)}  ${d}\n`).join('')}\n` : '') +
    (c.notes === undefined ? '' : c.notes.join('\n') + '\n\n') +
    exitLines() +
    `Docs: docs/cli.md#cnscd-${c.name}\n`
  );
}
