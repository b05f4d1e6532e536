/**
 * docs/plugins.md quotes the example plugin's code. Every block marked `<!-- from: <path> -->` must appear
 * verbatim in that file, so the guide cannot drift from the code it teaches.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from './fixtures.js';

const REPO_ROOT = join(PACKAGE_ROOT, '..', '..');
const doc = readFileSync(join(REPO_ROOT, 'docs', 'plugins.md'), 'utf8');
const quotes = [...doc.matchAll(/<!-- from: (\S+) -->\s*```\w*\n([\s\S]*?)\n```/g)].map((m) => ({ file: m[1]!, code: m[2]! }));

describe('docs/plugins.md', () => {
  it('quotes the example plugin (at least one block per source file)', () => {
    expect(new Set(quotes.map((q) => q.file))).toEqual(
      new Set([
        'examples/custom-plugin/src/metrics.ts',
        'examples/custom-plugin/src/digital-household-share.ts',
        'examples/custom-plugin/src/new-members.ts',
        'examples/custom-plugin/src/within-percent-of.ts',
        'examples/custom-plugin/src/logistic.ts',
        'examples/custom-plugin/src/index.ts',
        'examples/custom-plugin/package.json',
        'examples/custom-plugin/tsup.config.ts',
      ]),
    );
  });

  it.each(quotes.map((q, i) => [i + 1, q.file, q.code] as const))('block %i is verbatim from %s', (_i, file, code) => {
    expect(readFileSync(join(REPO_ROOT, file), 'utf8')).toContain(code);
  });
});
