/**
 * docs/cli.md runs as written: every ```console block is a transcript — `$ npx cnscd …` lines, each
 * followed by what it prints (stdout, then stderr) — run here through `runCli` from the repository root
 * against the repository's own files. So are the `npx cnscd` transcripts of README.md and the other docs
 * (`curl` transcripts run in api-docs.test.ts). In the expected lines `…` stands for any text, and a line
 * that is only `…` for any number of lines. `< file` feeds standard input; `> file` discards the output.
 * Blocks of other kinds are checked by docs.test.ts (see docs-blocks.ts for the convention).
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { documents, matches, root, transcripts, words, type Transcript } from './docs-blocks.js';
import { collector } from './helpers.js';

describe('the npx cnscd transcripts of the docs run as written', () => {
  const all: [string, Transcript][] = documents().flatMap(([name, text]) =>
    transcripts(text)
      .filter((t) => t.command.startsWith('npx cnscd'))
      .map((t) => [`${name}: ${t.command}`, t] as [string, Transcript]),
  );

  it('has transcripts to run', () => {
    expect(all.filter(([name]) => name.startsWith('docs/cli.md')).length).toBeGreaterThanOrEqual(8);
  });

  it.each(all)('%s', async (_, t) => {
    const argv = words(t.command);
    expect(argv.slice(0, 2)).toEqual(['npx', 'cnscd']);
    let args = argv.slice(2);
    let stdin: string | undefined;
    let discard = false;
    const lt = args.indexOf('<');
    if (lt >= 0) {
      stdin = readFileSync(root + args[lt + 1]!, 'utf8');
      args = [...args.slice(0, lt), ...args.slice(lt + 2)];
    }
    const gt = args.indexOf('>');
    if (gt >= 0) {
      discard = true;
      args = args.slice(0, gt);
    }
    const stdout = collector();
    const stderr = collector();
    const code = await runCli(args, { stdout, stderr, cwd: root, env: {}, ...(stdin === undefined ? {} : { stdin: Readable.from([stdin]) }) });
    const printed = (stdout.text() + stderr.text()).replace(/^\uFEFF/, '');
    if (discard) {
      expect(code, printed).toBe(0);
      return;
    }
    const lines = printed.split('\n');
    while (lines.at(-1) === '') lines.pop();
    expect(matches(t.expected, lines), `expected:\n${t.expected.join('\n')}\n\nprinted:\n${lines.join('\n')}`).toBe(true);
  });
});
