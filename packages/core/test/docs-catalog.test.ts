import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_METRICS, BUILTIN_RATIOS, CORE_VERSION, coreRegistry } from '../src/index.js';

const doc = readFileSync(new URL('../../../docs/criteria-format.md', import.meta.url), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

describe('the docs and the code agree', () => {
  it('docs/criteria-format.md lists every core fact and operator', () => {
    const registry = coreRegistry();
    const core = (m: ReadonlyMap<string, { plugin: string }>) => [...m].filter(([, v]) => v.plugin === '@cnscd/core').map(([k]) => k);
    const missing = [...core(registry.facts), ...core(registry.operators)].filter((id) => !doc.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });

  it('docs/criteria-format.md lists every built-in ratio, with its numerator and denominator, and every area metric', () => {
    const ratios = BUILTIN_RATIOS.filter((r) => !doc.includes(`| \`${r.id}\` | \`${r.numerator}\` / \`${r.denominator}\` |`)).map((r) => r.id);
    const area = BUILTIN_METRICS.filter((m) => m.kind === 'area' && !doc.includes(`\`${m.id}\``)).map((m) => m.id);
    expect({ ratios, area }).toEqual({ ratios: [], area: [] });
  });

  it('CORE_VERSION equals the package version', () => {
    expect(CORE_VERSION).toBe(pkg.version);
  });
});
