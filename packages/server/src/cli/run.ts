/**
 * `cnscd`: the command-line tool. All logic is in {@link runCli}, which returns the exit code, so that
 * tests call it directly; `cli.ts` only hands it `process.argv`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CnscdError } from '@cnscd/core';
import { createScoringContext } from '../context.js';
import { PluginLoadError } from '../plugins.js';
import { PresetsDirError } from '../presets.js';
import { parseServeArgs, SERVE_USAGE, startServer } from '../serve.js';
import { SERVER_VERSION } from '../version.js';
import { evaluateCommand } from './evaluate.js';
import { table } from './format.js';
import { EXIT, parseLang, text, UsageError, type CliIo } from './io.js';
import { testCommand } from './test-cases.js';
import { validateCommand } from './validate.js';

/**
 * The text of `cnscd --help`.
 *
 * @example
 * ```ts
 * process.stdout.write(USAGE);
 * ```
 */
export const USAGE = `cnscd ${SERVER_VERSION} — score Community Digital Technology Teams (Tổ CNSCĐ)

Usage:
  cnscd serve [--port <n>] [--host <addr>] [--presets-dir <dir>] [--plugin <module or path>]...
  cnscd presets [--format table|json] [--lang en|vi] [--presets-dir <dir>]
  cnscd validate <file|dir>... [--lang en|vi] [--plugin <m>]... [--presets-dir <dir>]
  cnscd test <preset dir>... [--plugin <m>]...
  cnscd evaluate (--preset <id[@version]> | --criteria <file>) --data <file>
                 [--period 2025-01..2025-12] [--as-of YYYY-MM-DD] [--format table|json]
                 [--explain] [--engine compiled|reference] [--lang en|vi]
                 [--plugin <m>]... [--presets-dir <dir>]
  cnscd --help | --version

Exit codes: 0 success, 1 problems found (invalid input, failing cases), 2 usage error.
Docs: docs/cli.md
`;

const common = {
  lang: { type: 'string' },
  plugin: { type: 'string', multiple: true },
  'presets-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse<const O extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: O) {
  try {
    const all = { ...common, ...options } as typeof common & O;
    return parseArgs({ args: [...args], options: all, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}.`);
  return value as T;
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const env = io.env ?? process.env;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(USAGE);
      return command === undefined ? EXIT.usage : EXIT.ok;
    case '--version':
    case '-v':
      io.stdout.write(`${SERVER_VERSION}\n`);
      return EXIT.ok;

    case 'serve': {
      if (rest.includes('--help') || rest.includes('-h')) {
        io.stdout.write(SERVE_USAGE);
        return EXIT.ok;
      }
      let options;
      try {
        options = parseServeArgs(rest, env);
      } catch (e) {
        throw new UsageError(e instanceof Error ? e.message : String(e));
      }
      const server = await startServer({ cwd: io.cwd, ...options }, { notices: { info: (l) => io.stderr.write(l + '\n') } });
      return (await server.stopped) === 'clean' ? EXIT.ok : EXIT.problems;
    }

    case 'presets': {
      const { values } = parse(rest, { format: { type: 'string' } });
      if (values.help === true) return help(io);
      const lang = parseLang(values.lang);
      const format = oneOf('--format', values.format, ['table', 'json'] as const) ?? 'table';
      const ctx = await createScoringContext({ plugins: values.plugin ?? [], presetsDir: values['presets-dir'], cwd: io.cwd });
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

    case 'validate': {
      const { values, positionals } = parse(rest, {});
      if (values.help === true) return help(io);
      const lang = parseLang(values.lang);
      const ctx = await createScoringContext({ plugins: values.plugin ?? [], presetsDir: values['presets-dir'], cwd: io.cwd });
      return validateCommand(positionals, ctx, io, lang);
    }

    case 'test': {
      const { values, positionals } = parse(rest, {});
      if (values.help === true) return help(io);
      const lang = parseLang(values.lang);
      const ctx = await createScoringContext({ plugins: values.plugin ?? [], presetsDir: values['presets-dir'], cwd: io.cwd });
      return testCommand(positionals, ctx, io, lang);
    }

    case 'evaluate': {
      const { values, positionals } = parse(rest, {
        preset: { type: 'string' },
        criteria: { type: 'string' },
        data: { type: 'string' },
        period: { type: 'string' },
        'as-of': { type: 'string' },
        format: { type: 'string' },
        explain: { type: 'boolean' },
        engine: { type: 'string' },
      });
      if (values.help === true) return help(io);
      if (positionals.length > 0) throw new UsageError(`Unexpected argument ${JSON.stringify(positionals[0])}.`);
      if (values.data === undefined) throw new UsageError('evaluate needs --data <file>.');
      const plugins = values.plugin ?? [];
      const ctx = await createScoringContext({ plugins, presetsDir: values['presets-dir'], cwd: io.cwd });
      return evaluateCommand(
        {
          preset: values.preset,
          criteria: values.criteria,
          data: values.data,
          period: values.period,
          asOf: values['as-of'],
          format: oneOf('--format', values.format, ['table', 'json'] as const) ?? 'table',
          explain: values.explain === true,
          engine: oneOf('--engine', values.engine, ['compiled', 'reference'] as const),
          lang: parseLang(values.lang),
          plugins,
        },
        ctx,
        io,
      );
    }

    default:
      throw new UsageError(`Unknown command ${JSON.stringify(command)}.`);
  }
}

function help(io: CliIo): number {
  io.stdout.write(USAGE);
  return EXIT.ok;
}

/**
 * Run the `cnscd` command with arguments (without `node` and the script) and return the exit code.
 * Never throws for bad input: usage errors print a hint (exit 2); boot problems (invalid presets folder,
 * plugin that does not load) print their explanation (exit 1).
 *
 * @example
 * ```ts
 * const out: string[] = [];
 * const io = { stdout: { write: (s: string) => out.push(s) }, stderr: process.stderr, cwd: process.cwd() };
 * const code = await runCli(['validate', 'presets/my-province'], io);
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`cnscd: ${e.message}\nRun "cnscd --help" for usage.\n`);
      return EXIT.usage;
    }
    if (e instanceof PresetsDirError || e instanceof PluginLoadError || e instanceof CnscdError) {
      io.stderr.write(`cnscd: ${e.message}\n`);
      return EXIT.problems;
    }
    if (e instanceof Error && (e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      io.stderr.write(`cnscd: ${e.message}\n`);
      return EXIT.problems;
    }
    throw e;
  }
}
