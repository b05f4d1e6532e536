/**
 * `cnscd`: the command-line tool. All logic is in {@link runCli}, which returns the exit code, so that
 * tests call it directly; `cli.ts` only hands it `process.argv`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CnscdError } from '@cnscd/core';
import { createScoringContext } from '../context.js';
import type { ScoringContext } from '../pipeline.js';
import { PluginLoadError } from '../plugins.js';
import { PresetsDirError } from '../presets.js';
import { SERVER_VERSION } from '../version.js';
import { evaluateCommand } from './evaluate.js';
import { CliError, EXIT, UsageError } from './exit-codes.js';
import { problemLine, table } from './format.js';
import { commandUsage, USAGE } from './help.js';
import { assertReadableDir } from './input.js';
import { parseLang, say, text, type CliIo, type Lang } from './io.js';
import { presetSourcesCommand } from './preset-sources.js';
import { exportCommand, importCommand, readSpreadsheetData, templateCommand } from './spreadsheets.js';
import { testCommand } from './test-cases.js';
import { validateCommand } from './validate.js';

/**
 * The server (Fastify, Swagger, the spreadsheet and scorecard packages) is loaded only by `cnscd serve`:
 * loading it took about 0.7 s of every other command's start on this machine.
 */
const serveModule = () => import('../serve.js');

export { USAGE } from './help.js';

const common = {
  lang: { type: 'string' },
  plugin: { type: 'string', multiple: true },
  'presets-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse<const O extends NonNullable<ParseArgsConfig['options']>>(command: string, args: readonly string[], options: O) {
  try {
    const all = { ...common, ...options } as typeof common & O;
    return parseArgs({ args: [...args], options: all, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e), command);
  }
}

function oneOf<T extends string>(command: string, flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError({ vi: `${flag} phải là một trong ${allowed.join(', ')}.`, en: `${flag} must be one of ${allowed.join(', ')}.` }, command);
  }
  return value as T;
}

/** Plugins and presets, after checking that `--presets-dir` names a readable folder. */
async function context(io: CliIo, values: { plugin?: string[] | undefined; 'presets-dir'?: string | undefined }): Promise<ScoringContext> {
  await assertReadableDir(io, values['presets-dir'], '--presets-dir ');
  return createScoringContext({ plugins: values.plugin ?? [], presetsDir: values['presets-dir'], cwd: io.cwd });
}

const wantsHelp = (args: readonly string[]): boolean => args.includes('--help') || args.includes('-h');

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const env = io.env ?? process.env;
  switch (command) {
    case undefined:
      io.stdout.write(USAGE);
      return EXIT.usage;
    case '--help':
    case '-h':
      io.stdout.write(USAGE);
      return EXIT.ok;
    case 'help': {
      if (rest[0] === undefined) {
        io.stdout.write(USAGE);
        return EXIT.ok;
      }
      const usage = rest[0] === 'serve' ? (await serveModule()).SERVE_USAGE : commandUsage(rest[0]);
      if (usage === undefined) throw unknownCommand(rest[0]);
      io.stdout.write(usage);
      return EXIT.ok;
    }
    case '--version':
    case '-v':
      io.stdout.write(`${SERVER_VERSION}\n`);
      return EXIT.ok;

    case 'serve': {
      const { parseServeArgs, SERVE_USAGE, startServer } = await serveModule();
      if (wantsHelp(rest)) {
        io.stdout.write(SERVE_USAGE);
        return EXIT.ok;
      }
      let options;
      try {
        options = parseServeArgs(rest, env);
      } catch (e) {
        throw new UsageError(e instanceof Error ? e.message : String(e), 'serve');
      }
      await assertReadableDir(io, options.presetsDir, '--presets-dir ');
      const server = await startServer({ cwd: io.cwd, ...options }, { notices: { info: (l) => io.stderr.write(l + '\n') } });
      return (await server.stopped) === 'clean' ? EXIT.ok : EXIT.invalid;
    }

    case 'presets': {
      if (wantsHelp(rest)) return help(io, command);
      const { values, positionals } = parse(command, rest, { format: { type: 'string' }, sources: { type: 'boolean' } });
      const lang = parseLang(values.lang);
      if (values.sources === true) {
        if (positionals.length !== 1) {
          throw new UsageError(
            {
              vi: '--sources cần đúng một mã bộ tiêu chí: cnscd presets <mã> --sources.',
              en: '--sources needs exactly one preset id: cnscd presets <id> --sources.',
            },
            command,
          );
        }
        if (values.format !== undefined) {
          throw new UsageError(
            { vi: '--sources in một bảng Markdown; không dùng --format.', en: '--sources prints a Markdown table; --format does not apply.' },
            command,
          );
        }
        return presetSourcesCommand(positionals[0]!, await context(io, values), io, lang);
      }
      if (positionals.length > 0) {
        throw new UsageError(
          {
            vi: `Thừa đối số "${positionals[0]}" (nguồn gốc các con số của một bộ: cnscd presets ${positionals[0]} --sources).`,
            en: `Unexpected argument "${positionals[0]}" (where a preset's numbers come from: cnscd presets ${positionals[0]} --sources).`,
          },
          command,
        );
      }
      const format = oneOf(command, '--format', values.format, ['table', 'json'] as const) ?? 'table';
      const ctx = await context(io, values);
      const presets = ctx.catalog.list();
      if (format === 'json') io.stdout.write(JSON.stringify(presets, null, 2) + '\n');
      else {
        io.stdout.write(
          table(
            lang === 'vi' ? ['Mã', 'Phiên bản', 'Các phiên bản', 'Nguồn', 'Tên'] : ['Id', 'Version', 'Versions', 'Source', 'Title'],
            presets.map((p) => [p.id, p.version, p.versions.join(', '), p.source, text(p.title, lang)]),
          ),
        );
      }
      return EXIT.ok;
    }

    case 'template': {
      if (wantsHelp(rest)) return help(io, command);
      const { values, positionals } = parse(command, rest, { preset: { type: 'string' }, out: { type: 'string', short: 'o' } });
      noPositionals(command, positionals);
      return templateCommand(await context(io, values), io, {
        preset: values.preset,
        lang: parseLang(values.lang),
        langGiven: values.lang !== undefined,
        out: values.out,
      });
    }
    case 'import': {
      if (wantsHelp(rest)) return help(io, command);
      const { values, positionals } = parse(command, rest, {
        out: { type: 'string', short: 'o' },
        strict: { type: 'boolean' },
        columns: { type: 'boolean' },
      });
      return importCommand(io, {
        input: positionals[0],
        out: values.out,
        strict: values.strict === true,
        columns: values.columns === true,
        lang: values.lang === undefined ? undefined : parseLang(values.lang),
      });
    }
    case 'export': {
      if (wantsHelp(rest)) return help(io, command);
      const { values, positionals } = parse(command, rest, { out: { type: 'string', short: 'o' }, format: { type: 'string' } });
      return exportCommand(io, { input: positionals[0], out: values.out, format: values.format, lang: values.lang === 'en' ? 'en' : 'vi' });
    }

    case 'validate': {
      if (wantsHelp(rest)) return help(io, command);
      const { values, positionals } = parse(command, rest, { format: { type: 'string' }, data: { type: 'string' } });
      const lang = parseLang(values.lang);
      if (values.data !== undefined) {
        // A spreadsheet: read and checked by @cnscd/io and core; problems on stderr with their cells.
        await readSpreadsheetData(io, values.data, values.lang === undefined ? undefined : lang);
        io.stderr.write(
          say({ vi: `${values.data}: 0 lỗi.`, en: `${values.data}: 0 error(s).` }, values.lang === undefined ? undefined : lang) + '\n',
        );
        if (positionals.length === 0) return EXIT.ok;
      }
      const format = oneOf(command, '--format', values.format, ['text', 'json'] as const) ?? 'text';
      if (positionals.length === 0) {
        throw new UsageError({ vi: 'validate cần ít nhất một tệp hoặc thư mục.', en: 'validate needs at least one file or folder.' }, command);
      }
      const ctx = await context(io, values);
      return validateCommand(positionals, ctx, io, { lang, format });
    }

    case 'test': {
      if (wantsHelp(rest)) return help(io, command);
      const { values, positionals } = parse(command, rest, { format: { type: 'string' } });
      const lang = parseLang(values.lang);
      const format = oneOf(command, '--format', values.format, ['text', 'json'] as const) ?? 'text';
      if (positionals.length === 0) {
        throw new UsageError(
          {
            vi: 'test cần ít nhất một thư mục bộ tiêu chí (có preset.json và cases/).',
            en: 'test needs at least one preset folder (with preset.json and cases/).',
          },
          command,
        );
      }
      const ctx = await context(io, values);
      return testCommand(positionals, ctx, io, lang, format);
    }

    case 'evaluate': {
      if (wantsHelp(rest)) return help(io, command);
      const { values, positionals } = parse(command, rest, {
        preset: { type: 'string' },
        criteria: { type: 'string' },
        data: { type: 'string' },
        period: { type: 'string' },
        'as-of': { type: 'string' },
        'rollup-as-of': { type: 'string' },
        format: { type: 'string' },
        shape: { type: 'string' },
        delimiter: { type: 'string' },
        explain: { type: 'boolean' },
        engine: { type: 'string' },
        output: { type: 'string', short: 'o' },
        unit: { type: 'string' },
      });
      noPositionals(command, positionals);
      if (values.data === undefined) throw new UsageError({ vi: 'evaluate cần --data <tệp>.', en: 'evaluate needs --data <file>.' }, command);
      if ((values.preset === undefined) === (values.criteria === undefined)) {
        throw new UsageError(
          {
            vi: 'Cần đúng một trong --preset <mã[@phiên bản]> và --criteria <tệp>.',
            en: 'Give exactly one of --preset <id[@version]> and --criteria <file>.',
          },
          command,
        );
      }
      if (values.data === '-' && values.criteria === '-') {
        throw new UsageError(
          {
            vi: 'Chỉ một trong --data và --criteria được đọc từ đầu vào chuẩn (-).',
            en: 'Only one of --data and --criteria can read standard input (-).',
          },
          command,
        );
      }
      const format = oneOf(command, '--format', values.format, ['table', 'json', 'ndjson', 'csv', 'html', 'xlsx'] as const) ?? 'table';
      const scorecard = format === 'html' || format === 'xlsx';
      if (values.output !== undefined && !scorecard) {
        throw new UsageError(
          { vi: '-o/--output chỉ dùng với --format html hoặc xlsx.', en: '-o/--output goes with --format html or xlsx only.' },
          command,
        );
      }
      if (format === 'xlsx' && values.output === undefined) {
        throw new UsageError(
          {
            vi: '--format xlsx cần -o <tệp.xlsx> (không ghi tệp Excel ra màn hình).',
            en: '--format xlsx needs -o <file.xlsx> (a workbook is not written to a terminal).',
          },
          command,
        );
      }
      if (values.unit !== undefined && format !== 'html') {
        throw new UsageError({ vi: '--unit chỉ dùng với --format html.', en: '--unit goes with --format html only.' }, command);
      }
      const shape = oneOf(command, '--shape', values.shape, ['full', 'compact'] as const);
      if (shape !== undefined && format !== 'json' && format !== 'ndjson') {
        throw new UsageError(
          { vi: '--shape chỉ dùng với --format json hoặc ndjson.', en: '--shape goes with --format json or ndjson only.' },
          command,
        );
      }
      const delimiter = oneOf(command, '--delimiter', values.delimiter, [',', ';'] as const);
      if (delimiter !== undefined && format !== 'csv') {
        throw new UsageError({ vi: '--delimiter chỉ dùng với --format csv.', en: '--delimiter goes with --format csv only.' }, command);
      }
      if (values['rollup-as-of'] !== undefined && format !== 'json' && format !== 'ndjson') {
        throw new UsageError(
          { vi: '--rollup-as-of chỉ dùng với --format json hoặc ndjson.', en: '--rollup-as-of goes with --format json or ndjson only.' },
          command,
        );
      }
      if (values.explain === true && format === 'csv') {
        throw new UsageError(
          { vi: '--explain chỉ dùng với --format table hoặc json.', en: '--explain goes with --format table or json only.' },
          command,
        );
      }
      // Scorecards are for officials: Vietnamese unless --lang en.
      const lang = scorecard && values.lang === undefined ? 'vi' : parseLang(values.lang);
      const engine = oneOf(command, '--engine', values.engine, ['compiled', 'reference'] as const);
      const plugins = values.plugin ?? [];
      const ctx = await context(io, values);
      return evaluateCommand(
        {
          preset: values.preset,
          criteria: values.criteria,
          data: values.data,
          period: values.period,
          asOf: values['as-of'],
          rollupAsOf: values['rollup-as-of'],
          format,
          output: values.output,
          unit: values.unit,
          // Compact by default (a national answer: 1 KB a team instead of 2.7 KB indented and half the
          // writing time); `--shape full` gives the 1.x text byte for byte. See docs/cli.md.
          shape: shape ?? 'compact',
          delimiter: delimiter ?? ',',
          explain: values.explain === true,
          engine,
          lang,
          plugins,
        },
        ctx,
        io,
      );
    }

    default:
      throw unknownCommand(command);
  }
}

const unknownCommand = (command: string): UsageError => new UsageError({ vi: `Không có lệnh "${command}".`, en: `Unknown command "${command}".` });

function noPositionals(command: string, positionals: readonly string[]): void {
  if (positionals.length > 0) {
    throw new UsageError({ vi: `Thừa đối số "${positionals[0]}".`, en: `Unexpected argument "${positionals[0]}".` }, command);
  }
}

function help(io: CliIo, command: string): number {
  io.stdout.write(commandUsage(command) ?? USAGE);
  return EXIT.ok;
}

/** A message on one line: an import error's message may carry a code frame over several. */
const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();

/** `--lang` as given anywhere on the line (for errors raised before or while the flags are parsed). */
function langOf(argv: readonly string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (value === 'vi' || value === 'en') return value;
  }
  return undefined;
}

/**
 * Run the `cnscd` command with arguments (without `node` and the script) and return the exit code, one of
 * `EXIT` (0 ok, 1 invalid input, 2 usage error or unreadable file). Never throws for bad input: each
 * failure is one line on stderr (Vietnamese first, English beside, or the `--lang` asked for); a presets
 * folder with invalid files lists each problem.
 *
 * @example
 * ```ts
 * const out: string[] = [];
 * const io = { stdout: { write: (s: string) => out.push(s) }, stderr: process.stderr, cwd: process.cwd() };
 * const code = await runCli(['validate', 'presets/my-province'], io);
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const lang = langOf(argv);
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      const cmd = e.command === undefined ? 'cnscd' : `cnscd ${e.command}`;
      io.stderr.write(`cnscd: ${say(e.text, lang)}\n${say({ vi: `Xem "${cmd} --help".`, en: `Run "${cmd} --help" for usage.` }, lang)}\n`);
      return e.exitCode;
    }
    if (e instanceof CliError) {
      io.stderr.write(`cnscd: ${say(e.text, lang)}\n`);
      return e.exitCode;
    }
    if (e instanceof PresetsDirError) {
      const unreadable = e.files.some((f) => f.problems.some((p) => p.code === 'MALFORMED_JSON'));
      io.stderr.write(`cnscd: ${say({ vi: 'Thư mục bộ tiêu chí có tệp không hợp lệ', en: 'The presets folder has invalid files' }, lang)}\n`);
      for (const f of e.files) for (const p of f.problems) io.stderr.write(problemLine(f.file, p, lang ?? 'en'));
      return unreadable ? EXIT.usage : EXIT.invalid;
    }
    if (e instanceof PluginLoadError) {
      // A plugin that is not there is an unreadable path (2); one that loads but is not a plugin, 1.
      const code = (e.cause as NodeJS.ErrnoException | undefined)?.code;
      const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || code === 'ENOENT';
      const vi = missing ? `Không tìm thấy plugin "${e.specifier}"` : `Không nạp được plugin "${e.specifier}"`;
      io.stderr.write(`cnscd: ${say({ vi, en: oneLine(e.message) }, lang)}\n`);
      return missing ? EXIT.usage : EXIT.invalid;
    }
    if (e instanceof CnscdError) {
      // PLUGIN_* codes from the registry, naming the plugins and what clashes (never input data).
      const vi = e.code.startsWith('PLUGIN_') ? `Plugin không dùng được (${e.code})` : `Lỗi ${e.code}`;
      io.stderr.write(`cnscd: ${say({ vi, en: oneLine(e.message) }, lang)}\n`);
      return EXIT.invalid;
    }
    if (e instanceof Error && (e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      io.stderr.write(`cnscd: ${e.message}\n`);
      return EXIT.invalid;
    }
    throw e;
  }
}
