/**
 * docs/cli.md runs as written: every ```console block is a transcript — `$ npx cnscd …` lines, each
 * followed by what it prints (stdout, then stderr) — run here through `runCli` from the repository root
 * against the repository's own files. In the expected lines `…` stands for any text, and a line that is
 * only `…` for any number of lines. `< file` feeds standard input; `> file` discards the output.
 * Blocks of other kinds (plain ``` with files of your own) are sketches and are not run.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { collector } from './helpers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const doc = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');

interface Transcript {
  readonly command: string;
  readonly expected: string[];
}

function transcripts(markdown: string): Transcript[] {
  const out: Transcript[] = [];
  for (const block of markdown.matchAll(/^```console\n([\s\S]*?)^```$/gm)) {
    let current: Transcript | undefined;
    for (const line of block[1]!.split('\n')) {
      if (line.startsWith('$ ')) {
        current = { command: line.slice(2), expected: [] };
        out.push(current);
      } else if (current !== undefined) current.expected.push(line);
    }
  }
  for (const t of out) while (t.expected.at(-1) === '') t.expected.pop();
  return out;
}

/** Split a command line into words: spaces separate, single quotes group. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

const glob = (pattern: string): RegExp => new RegExp('^' + pattern.split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');

/** Whether `actual` lines match `expected` (`…` lines match any run of lines, `…` inside a line any text). */
function matches(expected: readonly string[], actual: readonly string[]): boolean {
  const [head, ...rest] = expected;
  if (head === undefined) return actual.length === 0;
  if (head.trim() === '…') {
    for (let i = 0; i <= actual.length; i++) if (matches(rest, actual.slice(i))) return true;
    return false;
  }
  return actual.length > 0 && glob(head.trimEnd()).test(actual[0]!.trimEnd()) && matches(rest, actual.slice(1));
}

describe('docs/cli.md runs as written', () => {
  const all = transcripts(doc);

  it('has transcripts to run', () => {
    expect(all.length).toBeGreaterThanOrEqual(8);
  });

  it.each(all.map((t) => [t.command, t] as const))('%s', async (_, t) => {
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
