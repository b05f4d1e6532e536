/**
 * Every command line and request in README.md and docs/*.md runs as written or is marked as a sketch
 * (the convention is in docs-blocks.ts): transcripts run in cli-docs.test.ts and api-docs.test.ts; the
 * other shell blocks are too slow or too global to run here (`npm test`, `npm run bench`, `npm start`,
 * which npm-start.test.ts runs), so this checks that each script, workspace, test project and file they
 * name exists. A command this test does not know fails it: make it a transcript or mark its block a sketch.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projects } from '../../../vitest.workspace.js';
import { documents, fencedBlocks, root, transcripts, words } from './docs-blocks.js';

const SHELL = new Set(['sh', 'bash', 'shell', 'console', 'http']);

interface Manifest {
  name: string;
  scripts?: Record<string, string>;
  workspaces?: string[];
}
const read = (dir: string): Manifest => JSON.parse(readFileSync(`${root}${dir}package.json`, 'utf8')) as Manifest;
const rootManifest = read('');
const workspaces = new Map((rootManifest.workspaces ?? []).map((w) => [read(`${w}/`).name, `${w}/`] as const));
const projectNames = new Set(projects.map((p) => (typeof p === 'object' && 'test' in p ? p.test?.name : undefined)));

/** A path of the repository, or a build output of a package that has a build script. */
function exists(path: string): boolean {
  if (existsSync(root + path)) return true;
  const dist = /^(.*?\/)dist\//.exec(path);
  return dist !== null && read(dist[1]!).scripts?.build !== undefined;
}

/** Why a command line of a plain shell block does not run as written here; undefined when it does. */
function problem(command: string): string | undefined {
  const w = words(command);
  while (w[0] !== undefined && /^[A-Z_]+=\S*$/.test(w[0])) w.shift(); // VAR=value prefixes
  const [tool, sub, ...rest] = w;
  const flag = (name: string) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined);
  if (tool === 'npm' && sub === 'ci') return undefined;
  if (tool === 'npm' && (sub === 'test' || sub === 'start')) return rootManifest.scripts?.[sub] === undefined ? `no root script ${sub}` : undefined;
  if (tool === 'npm' && sub === 'run') {
    const ws = flag('-w') ?? flag('--workspace');
    const dir = ws === undefined ? '' : workspaces.get(ws);
    if (dir === undefined) return `no workspace ${ws}`;
    return read(dir).scripts?.[rest[0]!] === undefined ? `no script ${rest[0]} in ${ws ?? 'the root'}` : undefined;
  }
  if (tool === 'npx' && sub === 'vitest') return projectNames.has(flag('--project')) ? undefined : `no vitest project ${flag('--project')}`;
  if (tool === 'npx' && sub === 'tsc') return exists(flag('-p') ?? '') ? undefined : `no ${flag('-p')}`;
  if (tool === 'npx' && sub === 'cnscd') {
    const missing = rest.filter((a) => !a.startsWith('-') && /\/|\.json$/.test(a) && !exists(a));
    return missing.length === 0 ? undefined : `no ${missing.join(', ')}`;
  }
  if (tool === 'node') {
    const files = [sub!, ...rest].filter((a) => !a.startsWith('-') && /[/.]/.test(a) && !/^\d/.test(a));
    const missing = files.filter((f) => !exists(f));
    return missing.length === 0 ? undefined : `no ${missing.join(', ')}`;
  }
  return `unknown command ${tool} ${sub ?? ''}`;
}

describe('README.md and docs/*.md: every command runs as written, or is marked a sketch', () => {
  const docs = documents();

  it('transcripts are of commands a test runs (npx cnscd, curl)', () => {
    const other = docs.flatMap(([name, text]) =>
      transcripts(text)
        .filter((t) => !/^(npx cnscd|curl) /.test(t.command))
        .map((t) => `${name}: ${t.command}`),
    );
    expect(other).toEqual([]);
  });

  it('plain shell blocks name only scripts, workspaces, projects and files that exist', () => {
    const found: string[] = [];
    let checked = 0;
    for (const [name, text] of docs) {
      for (const block of fencedBlocks(text)) {
        if (!SHELL.has(block.lang) || block.lang === 'console' || block.tags.includes('sketch')) continue;
        const by = block.tags.find((t) => t.startsWith('tested-by='))?.slice('tested-by='.length);
        if (by !== undefined) {
          // Run by the test it names, which must say so.
          const test = existsSync(root + by) ? readFileSync(root + by, 'utf8') : '';
          if (!test.includes(block.body.trim())) found.push(`${name}:${block.line}: ${by} does not run ${block.body.trim()}`);
          continue;
        }
        for (const line of block.body.split('\n')) {
          const command = line.replace(/\s+#.*$/, '').trim();
          if (command === '' || command.startsWith('#')) continue;
          for (const part of command.split('&&')) {
            checked++;
            const why = problem(part.trim());
            if (why !== undefined) found.push(`${name}:${block.line}: ${part.trim()} — ${why}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
    expect(checked).toBeGreaterThan(5);
  });

  it('inline commands (`npm …`, `node …`, `npx cnscd …`) name what exists, unless they hold a placeholder', () => {
    const found: string[] = [];
    for (const [name, text] of docs) {
      const prose = text.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
      for (const m of prose.matchAll(/`((?:npm|node|npx cnscd|npx vitest|npx tsc) [^`]*)`/g)) {
        const command = m[1]!;
        if (/[<…]/.test(command)) continue; // a placeholder: a sketch by its form
        for (const part of command.split('&&')) {
          const why = problem(part.trim());
          if (why !== undefined) found.push(`${name}: ${part.trim()} — ${why}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('the problem finder is not blind', () => {
    expect(problem('npm run nope -w @cnscd/core')).toMatch(/no script/);
    expect(problem('node bench/nope.mjs')).toMatch(/no bench/);
    expect(problem('npx vitest run --project nope')).toMatch(/no vitest project/);
    expect(problem('cnscd serve')).toMatch(/unknown command/);
    expect(problem('npx cnscd evaluate --preset national-2024 --data nope.json')).toMatch(/no nope.json/);
    expect(problem('node packages/server/dist/server.js --host 0.0.0.0')).toBeUndefined();
  });
});
