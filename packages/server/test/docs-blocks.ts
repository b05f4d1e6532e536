/**
 * Reading the runnable parts of README.md and docs/*.md. The convention the tests hold the docs to:
 *
 * - a ```console block is a transcript: `$ <command>` lines, each followed by what it prints; tests run
 *   every one (`npx cnscd …` through `runCli`, `curl …` against a listening server) from the repository
 *   root, against the repository's own files;
 * - a block whose info string says `sketch` (```sh sketch) is not meant to run as written (your own files,
 *   a placeholder, an abridged body);
 * - a block tagged `tested-by=<test file>` runs as written in that test (which must contain its text);
 * - any other shell block runs as written too, but is too slow or too global for a test (`npm test`,
 *   `npm run bench`): docs.test.ts checks that every script, file, workspace and test project it names exists.
 *
 * In expected output `…` stands for any text, and a line that is only `…` for any number of lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));

/** README.md and every docs/*.md, as [repository-relative name, text]. */
export function documents(): [string, string][] {
  const names = [
    'README.md',
    ...readdirSync(`${root}docs`)
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  return names.map((n) => [n, readFileSync(root + n, 'utf8')]);
}

export interface Block {
  readonly lang: string;
  readonly tags: readonly string[];
  readonly body: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

/** Every fenced block: its language, the other words of its info string, its text. */
export function fencedBlocks(markdown: string): Block[] {
  const out: Block[] = [];
  for (const m of markdown.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const [lang = '', ...tags] = m[1]!.trim().split(/\s+/);
    out.push({ lang, tags, body: m[2]!, line: markdown.slice(0, m.index).split('\n').length });
  }
  return out;
}

export interface Transcript {
  readonly command: string;
  readonly expected: string[];
}

/** The `$ ` commands of the ```console blocks, each with the lines printed after it. */
export function transcripts(markdown: string): Transcript[] {
  const out: Transcript[] = [];
  for (const block of fencedBlocks(markdown).filter((b) => b.lang === 'console')) {
    let current: { command: string; expected: string[] } | undefined;
    for (const line of block.body.split('\n')) {
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
export function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

const glob = (pattern: string): RegExp =>
  new RegExp(
    '^' +
      pattern
        .split('…')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
  );

/** Whether `actual` lines match `expected` (`…` lines match any run of lines, `…` inside a line any text). */
export function matches(expected: readonly string[], actual: readonly string[]): boolean {
  const [head, ...rest] = expected;
  if (head === undefined) return actual.length === 0;
  if (head.trim() === '…') {
    for (let i = 0; i <= actual.length; i++) if (matches(rest, actual.slice(i))) return true;
    return false;
  }
  return actual.length > 0 && glob(head.trimEnd()).test(actual[0]!.trimEnd()) && matches(rest, actual.slice(1));
}
