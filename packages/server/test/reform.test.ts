/**
 * Issue 18 at the API: a dataset with lineage, an unplaced team (TEAM_UNPLACED warning, `rollup.unplaced`)
 * and `options.rollupAsOf`, which re-expresses a past period on the units of another date.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { collector, makeCriteriaSet, SPLIT_COMMUNE, tempFiles, testApp } from './helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

const dataset = SPLIT_COMMUNE;

describe('API: the 2025 reform', () => {
  it('an unplaced team is scored, listed under rollup.unplaced and warned about', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/evaluations', payload: { dataset, criteriaSet: makeCriteriaSet(), period: '2026' } });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const body = res.json();
    expect(body.subjects).toHaveLength(2);
    expect(body.rollup.units.find((u: { orgUnitId: string }) => u.orgUnitId === 'P').teams).toBe(1);
    expect(body.rollup.unplaced).toMatchObject([{ orgUnitId: 'C2', level: 'commune', teams: 1, teamIds: ['T2'] }]);
    const w = body.problems.filter((p: { code: string }) => p.code === 'TEAM_UNPLACED');
    expect(w).toMatchObject([
      { severity: 'warning', path: '/dataset/teams/1', params: { teamId: 'T2', orgUnitId: 'V2', endedUnitId: 'C2', date: '2026-12-31' } },
    ]);
  });

  it('options.rollupAsOf puts 2024 results on the 2026 communes', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/evaluations',
      payload: { dataset, criteriaSet: makeCriteriaSet(), period: '2024', options: { rollupAsOf: '2026-01-01' } },
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const body = res.json();
    expect(body.rollup.asOf).toBe('2026-01-01');
    const ids = body.rollup.units.map((u: { orgUnitId: string }) => u.orgUnitId);
    expect(ids).toContain('N');
    expect(ids).not.toContain('C1');
    expect(body.rollup.units.find((u: { orgUnitId: string }) => u.orgUnitId === 'N').teams).toBe(1);
    expect(body.rollup.unplaced[0].teams).toBe(1);
    expect(body.rollup.units.find((u: { orgUnitId: string }) => u.orgUnitId === 'M').notComparable.en).toMatch(/not comparable/);
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/evaluations',
      payload: { dataset, criteriaSet: makeCriteriaSet(), period: '2024', options: { rollupAsOf: '2026-13-01' } },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('CLI: --rollup-as-of', () => {
  async function cli(argv: string[], cwd: string) {
    const stdout = collector();
    const stderr = collector();
    const code = await runCli(argv, { stdout, stderr, cwd, env: {} });
    return { code, out: stdout.text(), err: stderr.text() };
  }

  it('puts the roll-up on the units of another date (JSON), warns of unplaced teams, and refuses other formats', async () => {
    const dir = tempFiles({ 'set.json': makeCriteriaSet(), 'data.json': dataset });
    const r = await cli(
      ['evaluate', '--criteria', 'set.json', '--data', 'data.json', '--period', '2024', '--rollup-as-of', '2026-01-01', '--format', 'json'],
      dir,
    );
    expect(r.code, r.err).toBe(0);
    const body = JSON.parse(r.out);
    expect(body.rollup.asOf).toBe('2026-01-01');
    expect(body.rollup.units.find((u: { orgUnitId: string }) => u.orgUnitId === 'N').teams).toBe(1);
    expect(r.err).toContain('TEAM_UNPLACED');
    const table = await cli(['evaluate', '--criteria', 'set.json', '--data', 'data.json', '--period', '2024', '--rollup-as-of', '2026-01-01'], dir);
    expect(table.code).toBe(2);
    expect(table.err).toContain('--rollup-as-of goes with --format json or ndjson only');
  });
});
