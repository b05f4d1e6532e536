/** The example-dataset generator: shapes and counts, determinism, validity, and the committed files. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, validateDataset, type Dataset } from '@cnscd/core';
import { getPreset, resolveBase } from '@cnscd/criteria-presets';
import { describe, expect, it } from 'vitest';
import { DATASETS, DATASETS_DIR, generateBenTre, generateDaiTu, generateSmall, serializeDataset } from './generate.js';

const members = (d: Dataset): number => d.teams.reduce((n, t) => n + (t.members?.length ?? 0), 0);
const byLevel = (items: readonly { level: string }[], level: string): number => items.filter((x) => x.level === level).length;

describe('Đại Từ-shaped district (dai-tu-2025.json)', () => {
  const d = generateDaiTu();

  it('has the shape of Đại Từ: 30 communes, ~400 villages and teams, ~3,000 members, 12 months', () => {
    expect(byLevel(d.orgUnits, 'province')).toBe(1);
    expect(byLevel(d.orgUnits, 'district')).toBe(1);
    expect(byLevel(d.orgUnits, 'commune')).toBe(30);
    expect(byLevel(d.orgUnits, 'village')).toBeGreaterThanOrEqual(370);
    expect(byLevel(d.orgUnits, 'village')).toBeLessThanOrEqual(440);
    expect(d.teams.length).toBeGreaterThanOrEqual(370);
    expect(d.teams.length).toBeLessThanOrEqual(430);
    expect(d.teams.every((t) => t.level === 'village')).toBe(true);
    expect(members(d)).toBeGreaterThanOrEqual(2700);
    expect(members(d)).toBeLessThanOrEqual(3300);
    expect(new Set(d.reports?.map((r) => r.month))).toEqual(new Set(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`)));
    const withIndicators = new Set(d.indicators?.map((i) => i.orgUnitId));
    expect(withIndicators.size).toBe(byLevel(d.orgUnits, 'village'));
  });
});

describe('Bến Tre-shaped province (ben-tre-2023.json)', () => {
  const d = generateBenTre();

  it('has 9 district, 157 commune and 664 hamlet teams with ~7,100 members', () => {
    expect(byLevel(d.teams, 'district')).toBe(9);
    expect(byLevel(d.teams, 'commune')).toBe(157);
    expect(byLevel(d.teams, 'village')).toBe(664);
    expect(byLevel(d.orgUnits, 'commune')).toBe(157);
    expect(byLevel(d.orgUnits, 'village')).toBeGreaterThan(664); // some hamlets have no team yet
    expect(members(d)).toBeGreaterThanOrEqual(6900);
    expect(members(d)).toBeLessThanOrEqual(7300);
  });
});

describe('small.json', () => {
  it('is one commune, two villages, two teams, a few months', () => {
    const d = generateSmall();
    expect(d.orgUnits.map((u) => u.level)).toEqual(['commune', 'village', 'village']);
    expect(d.teams).toHaveLength(2);
    expect(new Set(d.reports?.map((r) => r.month)).size).toBe(3);
  });
});

describe.each([
  ['dai-tu', generateDaiTu],
  ['ben-tre', generateBenTre],
  ['small', generateSmall],
] as const)('%s', (_name, generate) => {
  it('is deterministic: the same seed gives the same bytes; another seed differs', () => {
    expect(serializeDataset(generate())).toBe(serializeDataset(generate()));
    expect(serializeDataset(generate(7))).not.toBe(serializeDataset(generate()));
  });

  it('passes core validateDataset with no errors', () => {
    const v = validateDataset(generate());
    expect(v.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(v.valid).toBe(true);
  });

  it('holds no personal data: members are opaque ids only', () => {
    for (const t of generate().teams) {
      for (const m of t.members ?? []) {
        expect(m.id).toMatch(/^m-\d{6}$/);
        expect(Object.keys(m).every((k) => ['id', 'role', 'affiliations', 'trainings', 'joinedOn', 'leftOn'].includes(k))).toBe(true);
      }
    }
  });
});

describe('committed files', () => {
  it.each(Object.keys(DATASETS))('%s is what the generator writes (or absent, if generated on demand)', (file) => {
    const path = join(DATASETS_DIR, file);
    if (!existsSync(path)) return;
    expect(readFileSync(path, 'utf8')).toBe(serializeDataset(DATASETS[file]!()));
  });
});

describe('the datasets work with the presets they are shaped for', () => {
  it('dai-tu scores every team with thai-nguyen-2025 and every commune with dti-team-density', async () => {
    const d = generateDaiTu();
    const teams = await evaluate(d, getPreset('thai-nguyen-2025'), { period: '2025', resolveBase, rollup: false, explain: false });
    expect(teams.subjects).toHaveLength(d.teams.length);
    expect(teams.summary.criteriaErrors).toBe(0);
    const ratings = new Set(teams.subjects.map((s) => s.rating?.id));
    expect(ratings.size).toBeGreaterThan(2); // a realistic spread, not one tier
    const communes = await evaluate(d, getPreset('dti-team-density'), { period: '2025', resolveBase, rollup: false });
    expect(communes.subjects).toHaveLength(30);
  });

  it('ben-tre scores its 830 district, commune and hamlet teams with ben-tre-2023', async () => {
    const d = generateBenTre();
    const r = await evaluate(d, getPreset('ben-tre-2023'), { period: '2023', asOf: '2023-12-31', resolveBase, rollup: false, explain: false });
    expect(r.subjects).toHaveLength(830);
    expect(r.subjects.every((s) => s.maxScore === 85)).toBe(true);
  });
});
