/**
 * Reasons and tables an official can read as they are (issue #16). Every preset's golden cases and every
 * example dataset go through each output path — the library's `evaluate`, the CLI's table (vi and en) and
 * JSON, and the HTTP API — and every Vietnamese text is checked for what an official should never see:
 * identifiers (camelCase, snake_case, rating ids such as `xuat-sac`), `true`/`false`, a decimal point
 * between digits, English words; every English text for Vietnamese-only words. The texts are the criteria's
 * reasons, the CLI's table lines and the `message` of every problem (warning) the evaluations return.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRegistry, defineFact, definePlugin, evaluate, type CriteriaSet, type Dataset, type EvaluationResult } from '@cnscd/core';
import { getPreset, listPresets, presetCases, resolveBase } from '@cnscd/criteria-presets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { runCli } from '../src/index.js';
import { collector, makeCriteriaSet, SPLIT_COMMUNE, testApp } from './helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Example datasets, and how many of each one's subjects to read (the large ones are sampled). */
const DATASETS = ['examples/datasets/small.json', 'examples/datasets/ben-tre-2023.json', 'examples/datasets/dai-tu-2025.json'];
const SAMPLE = 150;

/** English words that must not appear in Vietnamese text (whole words, any case). */
const ENGLISH = [
  'as of',
  'village',
  'commune',
  'district',
  'province',
  'team',
  'teams',
  'member',
  'members',
  'met',
  'not met',
  'failed',
  'passed',
  'partial',
  'not applicable',
  'points',
  'score',
  'required',
  'target',
  'rating',
  'subject',
  'subjects',
  'mean',
  'incomplete',
  'step',
  'floor',
  'level',
  'yes',
  'no data',
  'between',
  'none',
  'undefined',
  'null',
  'NaN',
];
const ENGLISH_RE = new RegExp(`(?<![\\p{L}\\d_-])(?:${ENGLISH.map((w) => w.replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\d_-])`, 'iu');
/** Letters only Vietnamese uses (with tone or vowel marks), and đ. */
const VIETNAMESE_ONLY = /[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]/iu;

/** What is wrong with a Vietnamese text (empty when nothing). `data` are names and ids from the input, allowed as they are. */
export function viFaults(text: string, data: readonly string[] = [], ratingIds: readonly string[] = []): string[] {
  let t = text;
  for (const d of data) if (d !== '') t = t.split(d).join(' ');
  // A version is written with points in Vietnamese too ("phiên bản 2.0.0").
  t = t.replace(/phiên bản \d+(?:\.\d+)+/gu, ' ');
  const out: string[] = [];
  if (/(?<![\p{L}\d])[a-z]+[A-Z][A-Za-z\d]*/u.test(t)) out.push('camelCase identifier');
  if (/(?<![\p{L}\d])[A-Za-z\d]+_[A-Za-z\d_]+/u.test(t)) out.push('snake_case identifier');
  if (/(?<![\p{L}\d-])[a-z]+(?:-[a-z\d]+)+(?![\p{L}\d-])/u.test(t)) out.push('ASCII id with hyphens');
  for (const id of ratingIds)
    if (new RegExp(`(?<![\\p{L}\\d-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\d-])`, 'u').test(t)) out.push(`rating id ${id}`);
  if (/(?<!\p{L})(?:true|false)(?!\p{L})/iu.test(t)) out.push('true/false');
  // Thousands as Vietnamese writes them (12.131, 1.234.567,5) are fine; any other point between digits is a decimal point.
  const numbers = t.replace(/(?<![\d.,])[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?(?![\d.])/g, 'N');
  if (/\d\.\d/.test(numbers)) out.push('decimal point');
  // Dates and months as Vietnamese write them (31/12/2025, 12/2025), not ISO (2025-12-31, 2025-12).
  if (/(?<![\p{L}\d])\d{4}-\d{2}(?![\d])/u.test(t)) out.push('ISO date or month');
  const m = ENGLISH_RE.exec(t);
  if (m !== null) out.push(`English word "${m[0]}"`);
  return out;
}

/** What is wrong with an English text: a Vietnamese-only word. */
export function enFaults(text: string, data: readonly string[] = []): string[] {
  let t = text;
  for (const d of data) if (d !== '') t = t.split(d).join(' ');
  const out: string[] = [];
  if (VIETNAMESE_ONLY.test(t)) out.push('Vietnamese-only word');
  if (/(?<![\p{L}\d])[a-z]+[A-Z][A-Za-z\d]*/u.test(t)) out.push('camelCase identifier');
  if (/(?<!\p{L})(?:true|false)(?!\p{L})/u.test(t)) out.push('true/false');
  return out;
}

interface Found {
  readonly where: string;
  readonly lang: 'vi' | 'en';
  readonly text: string;
  readonly faults: readonly string[];
}

/** Every distinct text checked, and those at fault. */
class Findings {
  readonly checked = new Set<string>();
  readonly bad: Found[] = [];
  /** How many problems were read (repeats included). */
  problems = 0;
  /** How many criteria results were errors (CRITERION_FAILED). */
  errors = 0;
  /** The codes of the problems read. */
  readonly codes = new Set<string>();
  constructor(private readonly ratingIds: readonly string[]) {}
  vi(where: string, text: string, data: readonly string[] = []): void {
    if (this.checked.has(`vi\u0000${text}`)) return;
    this.checked.add(`vi\u0000${text}`);
    const faults = viFaults(text, data, this.ratingIds);
    if (faults.length > 0) this.bad.push({ where, lang: 'vi', text, faults });
  }
  en(where: string, text: string, data: readonly string[] = []): void {
    if (this.checked.has(`en\u0000${text}`)) return;
    this.checked.add(`en\u0000${text}`);
    const faults = enFaults(text, data);
    if (faults.length > 0) this.bad.push({ where, lang: 'en', text, faults });
  }
  /**
   * Reasons, and the messages of every problem the evaluation returns (the warnings an official reads).
   * `data` are the input's own codes (mã tổ, mã đơn vị), allowed in a message as they are.
   */
  result(where: string, r: EvaluationResult, data: readonly string[] = []): void {
    // A criteria set's and its criteria's titles are the set author's own text, quoted as they are (an
    // English title may name a province as Vietnamese writes it: Bến Tre).
    const quoted = [...data, ...TITLES].sort((a, b) => b.length - a.length);
    for (const p of r.problems) {
      this.problems += 1;
      this.codes.add(p.code);
      this.vi(`${where} problem ${p.code} ${p.path}`, p.message.vi, quoted);
      this.en(`${where} problem ${p.code} ${p.path}`, p.message.en, quoted);
    }
    for (const s of r.subjects.slice(0, SAMPLE)) {
      for (const c of s.criteria) {
        if (c.error !== undefined) this.errors += 1;
        if (c.reason === undefined) continue;
        this.vi(`${where} ${s.subject.id} ${c.id}`, c.reason.vi);
        this.en(`${where} ${s.subject.id} ${c.id}`, c.reason.en);
      }
    }
  }
  /** "n of m texts at fault (vi: …, en: …)". */
  summary(): string {
    const vi = this.bad.filter((b) => b.lang === 'vi').length;
    const viAll = [...this.checked].filter((k) => k.startsWith('vi')).length;
    return `${this.bad.length} of ${this.checked.size} distinct texts at fault (vi ${vi} of ${viAll}, en ${this.bad.length - vi} of ${this.checked.size - viAll})`;
  }
  report(): string {
    return this.bad
      .slice(0, 40)
      .map((b) => `${b.lang} ${b.where}: ${b.faults.join(', ')} — ${b.text}`)
      .join('\n');
  }
}

const PRESETS = listPresets().map((p) => p.id);
/** The titles of every preset and of its criteria, in both languages. */
const TITLES = PRESETS.flatMap((id) => {
  const p = getPreset(id);
  return [p.title, ...(p.criteria ?? []).map((c) => c.title)].flatMap((t) => (t === undefined ? [] : [t.vi, t.en]));
});
const ratingIds = [...new Set(PRESETS.flatMap((id) => (getPreset(id).ratings ?? []).map((t) => t.id)))];
const readDataset = (file: string): Dataset => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Dataset;
/** A dataset's own codes (teams, units), longest first so that one code inside another is removed whole. */
const codesOf = (d: Dataset): string[] => [...d.teams.map((t) => t.id), ...d.orgUnits.map((u) => u.id)].sort((a, b) => b.length - a.length);
const periodOf = (d: Dataset): string => (d.window === undefined ? '2025' : `${d.window.from}..${d.window.to}`);
/** The presets that accept a dataset for its own period (a dataset of 2023 is not scored with a set in force from 2025). */
async function scored(d: Dataset, preset: string): Promise<EvaluationResult | undefined> {
  try {
    return await evaluate(d, getPreset(preset), { period: periodOf(d), resolveBase, explain: true, rollup: false });
  } catch {
    return undefined;
  }
}

describe('checkers', () => {
  it('catch what the issue found, and let correct text through', () => {
    expect(viFaults('Số thành viên theo lực lượng › villageHead = 1')).toContain('camelCase identifier');
    expect(viFaults('Đạt: Số thành viên = 4, yêu cầu ≥ 4 (minMembers)')).toContain('camelCase identifier');
    expect(viFaults('Tỷ lệ = 0.699 so với mục tiêu 0.7')).toContain('decimal point');
    expect(viFaults('Có nhóm trực tuyến = true')).toContain('true/false');
    expect(viFaults('xếp loại xuat-sac', [], ['xuat-sac'])).toContain('rating id xuat-sac');
    expect(viFaults('Cấp village, as of 2025-12-31').length).toBeGreaterThan(0);
    expect(viFaults('team_size')).toContain('snake_case identifier');
    expect(viFaults('Ngày đánh giá 2025-07-01 nằm ngoài kỳ 2025-01..2025-12')).toContain('ISO date or month');
    expect(viFaults('Tỷ lệ = 69,9% so với mục tiêu 70% → 19,9714/20 điểm; 12.131 thành viên; 1,35 thành viên/100 dân')).toEqual([]);
    expect(viFaults('Đạt: Số thành viên theo lực lượng (Công an khu vực) = 1, yêu cầu ≥ 1; kỳ 01/2025–12/2025')).toEqual([]);
    expect(enFaults('Met: Members = 4, required ≥ 4 (Minimum members)')).toEqual([]);
    expect(enFaults('Đạt: Members = 4')).toContain('Vietnamese-only word');
  });
});

describe('every Vietnamese reason reads as an official writes, every English one has no Vietnamese-only word', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("the library: every preset's golden cases and every example dataset under every preset that takes it", async () => {
    const f = new Findings(ratingIds);
    let cases = 0;
    for (const id of PRESETS) {
      const preset = getPreset(id);
      for (const c of presetCases(id)) {
        const r = await evaluate(c.dataset, preset, {
          period: c.period,
          ...(c.asOf === undefined ? {} : { asOf: c.asOf }),
          resolveBase,
          explain: true,
          rollup: false,
        });
        f.result(`${id}/${c.name}`, r, codesOf(c.dataset));
        cases += 1;
      }
    }
    let runs = 0;
    for (const file of DATASETS) {
      const d = readDataset(file);
      for (const id of PRESETS) {
        const r = await scored(d, id);
        if (r === undefined) continue;
        f.result(`${path.basename(file)} × ${id}`, r, codesOf(d));
        runs += 1;
      }
    }
    expect(cases).toBeGreaterThanOrEqual(PRESETS.length);
    expect(runs).toBeGreaterThanOrEqual(DATASETS.length);
    expect(f.checked.size).toBeGreaterThan(200);
    // The golden cases include warnings (a period without reports, a set not in force, an ended unit…).
    expect(f.problems).toBeGreaterThan(0);
    expect(f.bad.length, `${f.summary()}:\n${f.report()}`).toBe(0);
  });

  it('the warnings the golden cases do not reach: ended units, an unplaced team, reports out of time, a count over its base, a plugin fact that fails', async () => {
    // A plugin whose facts give NaN (FACT_NOT_NUMBER) and throw (CRITERION_FAILED, whose reason is read too).
    const flaky = definePlugin({
      name: 'flaky',
      version: '1.0.0',
      core: '^1',
      facts: [
        defineFact({
          id: 'notANumber',
          type: 'number',
          subjects: ['team'],
          label: { vi: 'Số lượt hỗ trợ', en: 'Support visits' },
          compute: () => Number.NaN,
        }),
        defineFact({
          id: 'boom',
          type: 'number',
          subjects: ['team'],
          label: { vi: 'Số phiên họp', en: 'Meetings' },
          compute: () => {
            throw new Error('fact exploded');
          },
        }),
      ],
    });
    const base = makeCriteriaSet();
    const set: CriteriaSet = {
      ...base,
      requires: { flaky: '^1.0.0' },
      criteria: [
        ...base.criteria!,
        {
          id: 'usesNaN',
          group: 'other',
          maxPoints: 10,
          title: { vi: 'Hỗ trợ người dân', en: 'Support to residents' },
          scoring: { type: 'ratio', fact: 'notANumber', target: 1 },
        },
        {
          id: 'usesBoom',
          group: 'other',
          maxPoints: 10,
          title: { vi: 'Họp định kỳ', en: 'Regular meetings' },
          scoring: { type: 'pass', when: { fact: 'boom', operator: 'greaterThan', value: 1 } },
        },
      ],
    };
    const members = Array.from({ length: 5 }, (_, j) => ({ id: `m-${j}`, role: j === 0 ? ('leader' as const) : ('member' as const) }));
    // Without lineage, evaluated in 2026: a district and a commune that ended on 30/06/2025.
    const ended: Dataset = {
      window: { from: '2026-01', to: '2026-12' },
      orgUnits: [
        { id: 'P', name: 'Tỉnh', level: 'province' },
        { id: 'D', name: 'Huyện', level: 'district', parentId: 'P', validTo: '2025-06-30' },
        { id: 'C1', name: 'Xã 1', level: 'commune', parentId: 'D' },
        { id: 'C2', name: 'Xã 2', level: 'commune', parentId: 'P', validTo: '2025-06-30' },
      ],
      teams: [
        { id: 'T1', orgUnitId: 'C1', level: 'commune', establishedOn: '2024-01-01', members },
        { id: 'T2', orgUnitId: 'C2', level: 'commune', establishedOn: '2024-01-01', members },
        { id: 'T3', orgUnitId: 'C1', level: 'commune', establishedOn: '2026-06-01', members },
      ],
      reports: [
        { teamId: 'T1', month: '2026-03', metrics: { householdsVisited: 4 } },
        { teamId: 'T3', month: '2026-02', metrics: { householdsVisited: 2 } },
      ],
      indicators: [{ orgUnitId: 'C1', period: '2026', metrics: { adults: 100, adultsWithSmartphone: 250 } }],
    };
    // With lineage: a commune split in parts with no share, so its village's team cannot be placed.
    const split = SPLIT_COMMUNE;
    const f = new Findings(ratingIds);
    const registry = createRegistry([flaky]);
    f.result('ended units', await evaluate(ended, set, { period: '2026', registry, explain: true }), codesOf(ended));
    f.result('unplaced team', await evaluate(split, makeCriteriaSet(), { period: '2026', explain: true }), codesOf(split));
    for (const code of [
      'UNIT_PARENT_ENDED',
      'TEAM_UNIT_ENDED',
      'REPORT_OUTSIDE_WINDOW',
      'COVERAGE_EXCEEDS_BASE',
      'FACT_NOT_NUMBER',
      'MISSING_DENOMINATOR',
      'TEAM_UNPLACED',
    ]) {
      expect(f.codes, code).toContain(code);
    }
    expect(f.errors).toBeGreaterThan(0); // CRITERION_FAILED: its reason was read
    expect(f.bad.length, `${f.summary()}:\n${f.report()}`).toBe(0);
  });

  it('the CLI: the table in vi and en, and the JSON, with --explain', async () => {
    const f = new Findings(ratingIds);
    const file = path.join(root, 'examples/datasets/small.json');
    const d = readDataset('examples/datasets/small.json');
    // Subject ids are the input's own opaque codes (mã tổ), shown as they are.
    const ids = codesOf(d);
    let tables = 0;
    for (const id of PRESETS) {
      for (const lang of ['vi', 'en'] as const) {
        const stdout = collector();
        const stderr = collector();
        const code = await runCli(['evaluate', '--preset', id, '--data', file, '--explain', '--lang', lang], { stdout, stderr, cwd: root, env: {} });
        if (code !== 0) continue; // a preset not in force for the dataset's period
        tables += 1;
        const out = stdout.text();
        for (const line of out.split('\n')) {
          if (/^[-\s]*$/.test(line)) continue;
          if (lang === 'vi') f.vi(`cli table ${id}`, line, ids);
          // The preset's English title may name its province as Vietnamese writes it (Bến Tre).
          else f.en(`cli table ${id}`, line, [...ids, getPreset(id).title.en]);
        }
      }
      const stdout = collector();
      const code = await runCli(['evaluate', '--preset', id, '--data', file, '--explain', '--format', 'json', '--shape', 'full'], {
        stdout,
        stderr: collector(),
        cwd: root,
        env: {},
      });
      if (code === 0) f.result(`cli json ${id}`, JSON.parse(stdout.text()) as EvaluationResult, ids);
    }
    expect(tables).toBeGreaterThanOrEqual(2);
    expect(f.bad.length, `${f.summary()}:\n${f.report()}`).toBe(0);
  });

  it('the API: POST /v1/evaluations with explanations, for the example request and each preset', async () => {
    const f = new Findings(ratingIds);
    const example = JSON.parse(fs.readFileSync(path.join(root, 'examples/api/evaluate-small.json'), 'utf8')) as {
      dataset: Dataset;
      preset: string;
      period: string;
    };
    let answers = 0;
    for (const id of PRESETS) {
      const res = await app.inject({ method: 'POST', url: '/v1/evaluations', payload: { ...example, preset: id, options: { explain: true } } });
      if (res.statusCode !== 200) continue;
      answers += 1;
      f.result(`api ${id}`, res.json() as EvaluationResult, codesOf(example.dataset));
    }
    expect(answers).toBeGreaterThanOrEqual(1);
    // The HTML scorecard in Vietnamese: every text node (styles, scripts and charts aside). The preset is
    // cited by its id and version as provenance ("national-2024, phiên bản 2.0.0"), and the input's codes
    // and unit names are data: those are allowed.
    const res = await app.inject({
      method: 'POST',
      url: '/v1/evaluations?lang=vi',
      headers: { accept: 'text/html' },
      payload: { ...example, options: { explain: true } },
    });
    expect(res.statusCode).toBe(200);
    const html = res.body.replace(/<(style|script|svg)[\s\S]*?<\/\1>/g, ' ');
    const nodes = new Set(
      html
        .split(/<[^>]+>/)
        .map((x) => x.replace(/&[a-z#0-9]+;/g, ' ').trim())
        .filter((x) => x !== ''),
    );
    const data = [...example.dataset.teams.map((t) => t.id), ...example.dataset.orgUnits.flatMap((u) => [u.id, u.name])];
    const cited = PRESETS.flatMap((id) => [`${id}@${getPreset(id).version}`, id]);
    for (const node of nodes)
      f.vi(
        'api html scorecard',
        node,
        [...cited, ...data].sort((a, b) => b.length - a.length),
      );
    expect(nodes.size).toBeGreaterThan(50);
    expect(f.bad.length, `${f.summary()}:\n${f.report()}`).toBe(0);
  });
});
