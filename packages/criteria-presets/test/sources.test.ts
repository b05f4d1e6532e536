/**
 * Every shipped preset has a "derived vs chosen" table (`sources.json`): each number it writes is covered
 * by a row saying whether it comes from a document (which, dated, which line), is interpolated (how) or is
 * chosen here (why). The README shows the table in Vietnamese and English, rendered from that file.
 */
import { describe, expect, it } from 'vitest';
import { checkSources, formatSourcesTable, getPreset, listPresets, numberPointers, presetSources, type PresetSources } from '../src/index.js';
import { PRESET_FILES } from '../src/generated.js';
import { staleReadmes } from '../scripts/generate.js';

describe.each(listPresets().map((p) => p.id))('%s', (id) => {
  it('has a row, with a source or a reason, for every number it writes', () => {
    const files = PRESET_FILES.find((f) => f.dir === id);
    expect(checkSources(getPreset(id), files?.sources as PresetSources | undefined)).toEqual([]);
  });

  it('prints a table in both languages, inherited rows marked', () => {
    const rows = presetSources(id);
    expect(rows.length).toBeGreaterThan(0);
    const vi = formatSourcesTable(rows, 'vi', id);
    const en = formatSourcesTable(rows, 'en', id);
    expect(vi.split('\n').length).toBe(rows.length + 3);
    expect(en).toMatch(/from the source|interpolated|chosen here/);
    if (getPreset(id).extends !== undefined) expect(en).toContain('inherited from');
  });
});

it('the READMEs hold the tables rendered from sources.json (run `npm run generate -w @cnscd/criteria-presets`)', () => {
  expect(staleReadmes()).toEqual([]);
});

describe('checkSources', () => {
  const set = getPreset('dti-team-density');
  const rows = (PRESET_FILES.find((f) => f.dir === 'dti-team-density')!.sources as PresetSources).rows;

  it('fails when a number has no row', () => {
    const first = numberPointers(set)[0]!;
    const without = rows.map((r) => ({ ...r, refs: r.refs.filter((ref) => !first.startsWith(ref)) })).filter((r) => r.refs.length > 0);
    expect(checkSources(set, { rows: without })).toContain(`${first}: no row of sources.json covers this number`);
  });

  it('fails when a row has no source or reason, or an unknown origin, or a stale ref', () => {
    const [row] = rows;
    const broken = [
      { ...row!, basis: { vi: '', en: 'x' } },
      { ...row!, origin: 'guessed' as never },
      { ...row!, refs: ['/criteria/gone/maxPoints'] },
    ];
    const problems = checkSources(set, { rows: [...rows, ...broken] });
    expect(problems.some((p) => p.includes('needs its source'))).toBe(true);
    expect(problems.some((p) => p.includes('origin must be'))).toBe(true);
    expect(problems.some((p) => p.includes('/criteria/gone/maxPoints names nothing'))).toBe(true);
  });
});
