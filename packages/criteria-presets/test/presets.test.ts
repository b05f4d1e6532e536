/** Content checks on every shipped preset: it validates, is bilingual, cites sources and ships cases. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateCriteriaSet, type CriteriaSet } from '@cnscd/core';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { getPreset, listPresets, presetCases, resolveBase, resolvePreset } from '../src/index.js';
import { PACKAGE_ROOT } from '../scripts/generate.js';

const IDS = [
  'ben-tre-2023',
  'binh-dan-hoc-vu-so-2026',
  'dien-bien-2024',
  'dti-team-density',
  'national-2023',
  'national-2024',
  'national-2025-targets',
  'thai-nguyen-2025',
  'thai-nguyen-2025-communes',
];

/** The version each preset ships at; a change in scoring bumps it (semver), so this list changes with it. */
const VERSIONS: Record<string, string> = {
  'ben-tre-2023': '1.0.1',
  'binh-dan-hoc-vu-so-2026': '1.0.1',
  'dien-bien-2024': '1.0.0',
  'dti-team-density': '2.0.0',
  'national-2023': '2.0.0',
  'national-2024': '2.0.0',
  'national-2025-targets': '1.1.0',
  'thai-nguyen-2025': '2.0.0',
  'thai-nguyen-2025-communes': '1.0.0',
};

const bilingual = (t: { vi?: unknown; en?: unknown } | undefined): boolean =>
  typeof t?.vi === 'string' && t.vi.trim() !== '' && typeof t.en === 'string' && t.en.trim() !== '';

it('listPresets() lists the shipped presets', () => {
  expect(listPresets().map((p) => p.id)).toEqual(IDS);
});

describe.each(IDS)('%s', (id) => {
  const set: CriteriaSet = getPreset(id);
  const dir = join(PACKAGE_ROOT, 'presets', id);

  it('validates without errors against the core registry', () => {
    const v = validateCriteriaSet(set, { resolveBase });
    expect(v.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(v.valid).toBe(true);
  });

  it('lives in a folder named after its id, with a semver version and the schema reference', () => {
    expect(existsSync(join(dir, 'preset.json'))).toBe(true);
    expect(set.version).toBe(VERSIONS[id]);
    expect(semver.valid(set.version)).not.toBeNull();
    expect(set.$schema).toBe('../../../core/schemas/criteria-set.schema.json');
  });

  it('is bilingual: title, description, every criterion, parameter and rating tier', () => {
    expect(bilingual(set.title)).toBe(true);
    expect(bilingual(set.description)).toBe(true);
    for (const c of set.criteria ?? []) expect(bilingual(c.title), c.id).toBe(true);
    for (const [name, p] of Object.entries(set.parameters ?? {})) expect(bilingual(p.label), name).toBe(true);
    for (const r of set.ratings ?? []) expect(bilingual(r.label), r.id).toBe(true);
  });

  it('says it is derived from its sources and never claims to be official', () => {
    expect(`${set.title.en} ${set.description?.en ?? ''}`).toMatch(/derived from/i);
    expect(`${set.title.vi} ${set.description?.vi ?? ''}`).toMatch(/xây dựng dựa trên/i);
    expect(set.title.en).not.toMatch(/official/i);
    expect(set.title.vi).not.toMatch(/chính thức/i);
    // Any mention in a description must be a denial ("Not an official…", "Không phải … chính thức").
    expect(set.description?.en ?? '').not.toMatch(/(?<!not an |not the )official/i);
    expect(set.description?.vi ?? '').not.toMatch(/(?<!không phải [^.]*)chính thức/i);
  });

  it('cites its sources with a number, and with URLs that parse', () => {
    const sources = set.sources ?? [];
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) {
      expect(s.number.trim()).not.toBe('');
      if (s.url !== undefined) expect(['https:', 'http:']).toContain(new URL(s.url).protocol);
      if (s.date !== undefined) expect(s.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(sources.some((s) => s.url !== undefined)).toBe(true);
  });

  it('has effective dates and a total that matches its resolved criteria', () => {
    expect(set.effective?.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const resolved = resolvePreset(id);
    expect(resolved.totalPoints).toBe(resolved.criteria.reduce((s, c) => s + c.maxPoints, 0));
    expect(resolved.ratings.some((r) => r.minPercent === 0)).toBe(true);
  });

  it('ships at least 3 golden cases, each with bilingual description and hand workings', () => {
    const cases = presetCases(id);
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const c of cases) {
      expect(bilingual(c.description), c.name).toBe(true);
      expect(c.workings, c.name).toBeDefined();
      expect(c.expected.subjects.length, c.name).toBeGreaterThan(0);
    }
  });

  it('has a README in Vietnamese and English that names every criterion and parameter', () => {
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toMatch(/Tiếng Việt/);
    expect(readme).toMatch(/English/);
    const resolved = resolvePreset(id);
    for (const c of resolved.criteria) expect(readme, c.id).toContain(`\`${c.id}\``);
    for (const name of Object.keys(set.parameters ?? {})) expect(readme, name).toContain(`\`${name}\``);
  });
});

it('thai-nguyen-2025-communes uses the same milestones and floor as thai-nguyen-2025', () => {
  const teams = getPreset('thai-nguyen-2025').parameters ?? {};
  const communes = getPreset('thai-nguyen-2025-communes').parameters ?? {};
  for (const name of ['onlinePublicServicesMilestone', 'onlinePublicServicesFloor']) {
    expect({ schedule: communes[name]?.schedule, value: communes[name]?.value }, name).toEqual({
      schedule: teams[name]?.schedule,
      value: teams[name]?.value,
    });
  }
});
