/**
 * "No silently wrong answer" (issue 15, item 3) at the API and the CLI: a period without reports and a
 * period beyond the dataset's months are warnings in the answer; a team whose level is not its unit's is
 * a 422 (exit 1); a roll-up level the dataset does not have is a 400.
 */
import type { Dataset } from '@cnscd/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { collector, expectProblem, makeCriteriaSet, makeDataset, tempFiles, testApp } from './helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

const post = (payload: unknown, into: FastifyInstance = app, url = '/v1/evaluations') =>
  into.inject({ method: 'POST', url, payload: payload as object });
type Item = { code: string; severity: string; path: string; message: { vi: string; en: string }; params?: Record<string, unknown> };
const periodItems = (body: { problems: Item[] }) =>
  body.problems.filter((p) => p.code === 'NO_REPORTS_IN_PERIOD' || p.code === 'PERIOD_OUTSIDE_DATA');

/** makeDataset's villages, with the first team moved to the commune while it keeps level "village". */
function misattached(): Dataset {
  const d = makeDataset(2);
  return { ...d, teams: d.teams.map((t, i) => (i === 0 ? { ...t, orgUnitId: 'xa-a' } : t)) };
}

describe('API: period warnings in a 200 answer', () => {
  it('--period 2030 on reports of 2025: NO_REPORTS_IN_PERIOD at /period, every team still scored', async () => {
    const res = await post({ dataset: makeDataset(2), criteriaSet: makeCriteriaSet(), period: '2030' });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const body = res.json();
    expect(body.subjects).toHaveLength(2);
    expect(periodItems(body)).toEqual([
      {
        code: 'NO_REPORTS_IN_PERIOD',
        severity: 'warning',
        path: '/period',
        message: {
          vi: 'Không tổ nào có báo cáo hoạt động trong kỳ 01/2030–12/2030; mọi tiêu chí về hoạt động chỉ thấy số 0. Báo cáo trong dữ liệu: 01/2025–12/2025.',
          en: "No team has an activity report in the period 2030-01–2030-12, so every activity criterion sees zeros. The dataset's reports run 2025-01–2025-12.",
        },
        params: { period: { from: '2030-01', to: '2030-12' }, reports: { from: '2025-01', to: '2025-12' } },
      },
    ]);
  });

  it('a bundled preset, a period past the window: PERIOD_OUTSIDE_DATA names the months', async () => {
    const res = await post({ dataset: makeDataset(1), preset: 'national-2024', period: '2025-07..2026-06' });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(periodItems(res.json()).map((p) => [p.code, p.path, p.params])).toEqual([
      [
        'PERIOD_OUTSIDE_DATA',
        '/period',
        {
          period: { from: '2025-07', to: '2026-06' },
          covered: { from: '2025-01', to: '2025-12' },
          source: 'window',
          uncovered: [{ from: '2026-01', to: '2026-06' }],
        },
      ],
    ]);
  });

  it('no period warning for the period the data covers, nor for a preset that reads no report', async () => {
    const covered = await post({ dataset: makeDataset(2), preset: 'national-2024', period: '2025' });
    expect(periodItems(covered.json())).toEqual([]);
    const size = makeCriteriaSet().criteria![0]!; // memberCount only
    const composition = await post({ dataset: makeDataset(2), criteriaSet: makeCriteriaSet({ criteria: [size] }), period: '2030' });
    expect(composition.statusCode).toBe(200);
    expect(periodItems(composition.json())).toEqual([]);
  });

  it('through a worker thread too (datasets above workerThreshold)', async () => {
    const workers = await testApp({ workerThreshold: 0 });
    try {
      const res = await post({ dataset: makeDataset(2), criteriaSet: makeCriteriaSet(), period: '2030' }, workers);
      expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
      expect(periodItems(res.json()).map((p) => p.code)).toEqual(['NO_REPORTS_IN_PERIOD']);
    } finally {
      await workers.close();
    }
  });
});

describe('API: a team level that contradicts its unit, an unknown roll-up level', () => {
  it('TEAM_LEVEL_MISMATCH is a 422 pointing at the team’s level in the body', async () => {
    const doc = expectProblem(await post({ dataset: misattached(), preset: 'national-2024', period: '2025' }), 422, 'TEAM_LEVEL_MISMATCH');
    expect(doc.problems.map((p) => [p.code, p.path, p.params])).toEqual([
      ['TEAM_LEVEL_MISMATCH', '/dataset/teams/0/level', { level: 'village', unitLevel: 'commune', orgUnitId: 'xa-a' }],
    ]);
    // dry runs run the same checks
    expectProblem(
      await post({ dataset: misattached(), preset: 'national-2024', period: '2025' }, app, '/v1/evaluations?dryRun=true'),
      422,
      'TEAM_LEVEL_MISMATCH',
    );
  });

  it('UNKNOWN_ROLLUP_LEVEL is a 400 with the nearest level, before evaluating, and never quotes what was sent', async () => {
    const body = { dataset: makeDataset(2), preset: 'national-2024', period: '2025', options: { rollup: { levels: ['commune', 'comune'] } } };
    const res = await post(body);
    const doc = expectProblem(res, 400, 'UNKNOWN_ROLLUP_LEVEL');
    expect(doc.problems.map((p) => [p.code, p.path, p.params])).toEqual([
      ['UNKNOWN_ROLLUP_LEVEL', '/options/rollup/levels/1', { levels: ['province', 'district', 'commune', 'village'], suggestion: 'commune' }],
    ]);
    expect(doc.problems[0]!.message.en).toBe('Not one of the dataset\'s levels: province, district, commune, village; did you mean "commune"?');
    expect(res.body).not.toContain('comune"');
    expectProblem(await post(body, app, '/v1/evaluations?dryRun=true'), 400, 'UNKNOWN_ROLLUP_LEVEL');
    // the same request with the level spelled right is answered
    const ok = await post({ ...body, options: { rollup: { levels: ['commune'] } } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().rollup.units.map((u: { orgUnitId: string }) => u.orgUnitId)).toEqual(['xa-a']);
  });
});

describe('CLI', () => {
  async function cli(argv: string[], cwd: string) {
    const stdout = collector();
    const stderr = collector();
    const code = await runCli(argv, { stdout, stderr, cwd, env: {} });
    return { code, out: stdout.text(), err: stderr.text() };
  }

  it('evaluate --period 2030: exit 0, the warning on stderr (English or Vietnamese) and in the JSON result', async () => {
    const dir = tempFiles({ 'set.json': makeCriteriaSet(), 'data.json': makeDataset(2) });
    const table = await cli(['evaluate', '--criteria', 'set.json', '--data', 'data.json', '--period', '2030', '--format', 'table'], dir);
    expect(table.code, table.err).toBe(0);
    expect(table.err).toContain('--period: warning NO_REPORTS_IN_PERIOD: No team has an activity report in the period 2030-01–2030-12');
    const vi = await cli(['evaluate', '--criteria', 'set.json', '--data', 'data.json', '--period', '2030', '--format', 'table', '--lang', 'vi'], dir);
    expect(vi.err).toContain('--period: warning NO_REPORTS_IN_PERIOD: Không tổ nào có báo cáo hoạt động trong kỳ 01/2030–12/2030');
    const json = await cli(['evaluate', '--criteria', 'set.json', '--data', 'data.json', '--period', '2025-07..2026-03', '--format', 'json'], dir);
    expect(json.code, json.err).toBe(0);
    expect(periodItems(JSON.parse(json.out)).map((p) => [p.code, p.params?.uncovered])).toEqual([
      ['PERIOD_OUTSIDE_DATA', [{ from: '2026-01', to: '2026-03' }]],
    ]);
    expect(json.err).toContain('--period: warning PERIOD_OUTSIDE_DATA:');
    // the period taken from the dataset's window (no --period) is covered: no warning
    const quiet = await cli(['evaluate', '--criteria', 'set.json', '--data', 'data.json', '--format', 'json'], dir);
    expect(quiet.code, quiet.err).toBe(0);
    expect(quiet.err).not.toMatch(/NO_REPORTS_IN_PERIOD|PERIOD_OUTSIDE_DATA/);
  });

  it('a team level that contradicts its unit: evaluate and validate exit 1, pointing into the data file', async () => {
    const dir = tempFiles({ 'set.json': makeCriteriaSet(), 'data.json': misattached() });
    const evaluated = await cli(['evaluate', '--criteria', 'set.json', '--data', 'data.json', '--period', '2025'], dir);
    expect(evaluated.code).toBe(1);
    expect(evaluated.out).toBe('');
    expect(evaluated.err).toContain(
      'data.json#/teams/0/level: error TEAM_LEVEL_MISMATCH: Level "village" differs from level "commune" of the org unit "xa-a" the team serves',
    );
    const validated = await cli(['validate', 'data.json'], dir);
    expect(validated.code).toBe(1);
    expect(validated.out).toContain('data.json#/teams/0/level: error TEAM_LEVEL_MISMATCH:');
  });
});
