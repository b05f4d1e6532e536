/**
 * The README's library snippet runs as the README says: saved as a file at the repository root and run
 * with `node --conditions=source --import tsx`, it prints what its last comment says.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));

it("the README's library snippet prints what it says", async () => {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const section = readme.slice(readme.indexOf('## Use the library'));
  const snippet = /^```ts\n([\s\S]*?)^```$/m.exec(section)?.[1];
  expect(snippet).toBeDefined();
  expect(section).toContain('node --conditions=source --import tsx snippet.ts');
  // The output it announces: the comment lines that end it.
  const expected = snippet!.trimEnd().split('\n').reverse();
  const printed = expected
    .slice(
      0,
      expected.findIndex((l) => !l.startsWith('// ')),
    )
    .reverse()
    .map((l) => l.slice(3));
  expect(printed.length).toBeGreaterThan(0);
  // A name of its own, so parallel runs never share the file; at the root, as the README says.
  const file = `${root}.readme-snippet-${process.pid}.ts`;
  writeFileSync(file, snippet!);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=source', '--import', 'tsx', file], { cwd: root });
    expect(stdout.trimEnd().split('\n')).toEqual(printed);
  } finally {
    rmSync(file, { force: true });
  }
});
