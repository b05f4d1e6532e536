import { readFileSync } from 'node:fs';
import { toReportColumns } from '@cnscd/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_VERSION } from '../src/index.js';
import { expectProblem, makeCriteriaSet, makeDataset, testApp } from './helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as object });

describe('POST /v1/evaluations', () => {
  it('evaluates a dataset against a bundled preset', async () => {
    const res = await post('/v1/evaluations', { dataset: makeDataset(3), preset: 'national-2024', period: '2025-01..2025-12' });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expect(body.criteriaSet).toMatchObject({ id: 'national-2024' });
    expect(body.period).toEqual({ from: '2025-01', to: '2025-12' });
    expect(body.subjects).toHaveLength(3);
    expect(body.subjects[0].criteria.length).toBeGreaterThan(0);
    expect(body.subjects[0].criteria[0].reason).toMatchObject({ vi: expect.any(String), en: expect.any(String) });
    expect(body.rollup.units.length).toBeGreaterThan(0);
  });

  it('evaluates an inline criteria set, with {from, to}, asOf and options', async () => {
    const res = await post('/v1/evaluations', {
      dataset: makeDataset(2),
      criteriaSet: makeCriteriaSet(),
      period: { from: '2025-01', to: '2025-12' },
      asOf: '2025-12-31',
      options: { explain: false, rollup: false, engine: 'reference' },
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const body = res.json();
    expect(body.engine).toBe('reference');
    expect(body.rollup).toBeUndefined();
    expect(body.subjects.map((s: { subject: { id: string }; percent: number }) => [s.subject.id, s.percent])).toEqual([
      ['to-0', 100],
      ['to-1', 100],
    ]);
    expect(body.subjects[0].criteria[0].explanation).toBeUndefined();
  });

  it('rolls up only the levels asked for', async () => {
    const res = await post('/v1/evaluations', {
      dataset: makeDataset(2),
      criteriaSet: makeCriteriaSet(),
      period: '2025',
      options: { rollup: { levels: ['commune'] } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().rollup.units.map((u: { level: string }) => u.level)).toEqual(['commune']);
  });

  it('accepts a preset with a version or range', async () => {
    for (const preset of ['national-2023@2.0.0', 'national-2023@^2']) {
      const res = await post('/v1/evaluations', { dataset: makeDataset(1), preset, period: '2023' });
      expect(res.statusCode, preset).toBe(200);
      expect(res.json().criteriaSet.version).toBe('2.0.0');
    }
  });

  it('dryRun=true runs every check but not the evaluation', async () => {
    const ok = await post('/v1/evaluations?dryRun=true', { dataset: makeDataset(1), preset: 'national-2024', period: '2025' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ valid: true, problems: [] });
    const bad = await post('/v1/evaluations?dryRun=true', { dataset: makeDataset(1), preset: 'nope', period: '2025' });
    expectProblem(bad, 404, 'PRESET_NOT_FOUND');
    const badQuery = await post('/v1/evaluations?dryRun=yes', { dataset: makeDataset(1), preset: 'national-2024', period: '2025' });
    const doc = expectProblem(badQuery, 400, 'SCHEMA_VIOLATION');
    expect(doc.problems[0]).toMatchObject({ path: '/dryRun', params: { in: 'query' } });
  });

  it('returns dataset warnings with the result', async () => {
    const dataset = makeDataset(1);
    const late = { ...dataset, reports: [...(dataset.reports ?? []), { teamId: 'to-0', month: '2026-03', metrics: { householdsVisited: 1 } }] };
    const res = await post('/v1/evaluations', { dataset: late, criteriaSet: makeCriteriaSet(), period: '2025' });
    expect(res.statusCode, res.body.slice(0, 400)).toBe(200);
    const warning = res.json().problems.find((p: { code: string }) => p.code === 'REPORT_OUTSIDE_WINDOW');
    expect(warning).toMatchObject({ severity: 'warning', path: expect.stringMatching(/^\/dataset\/reports\/12/) });
  });

  it('takes the reports as columns, with the same result as objects', async () => {
    const { reports, ...rest } = makeDataset(3);
    const asColumns = { ...rest, reportColumns: toReportColumns(reports ?? []) };
    const a = await post('/v1/evaluations', { dataset: makeDataset(3), preset: 'national-2024', period: '2025' });
    const b = await post('/v1/evaluations', { dataset: asColumns, preset: 'national-2024', period: '2025' });
    expect(b.statusCode, b.body.slice(0, 500)).toBe(200);
    expect(b.json().subjects).toEqual(a.json().subjects);
    expect(b.json().subjects[0].score).toBeGreaterThan(0);
  });

  it('points at the cell of a column: 400 for a column of the wrong length, 422 for a bad value', async () => {
    const { reports, ...rest } = makeDataset(2);
    const columns = toReportColumns(reports ?? []);
    const short = { ...columns, metrics: { ...columns.metrics, householdsVisited: columns.metrics['householdsVisited']!.slice(1) } };
    const doc = expectProblem(
      await post('/v1/evaluations', { dataset: { ...rest, reportColumns: short }, preset: 'national-2024', period: '2025' }),
      400,
      'COLUMN_LENGTH_MISMATCH',
    );
    expect(doc.problems).toEqual([
      expect.objectContaining({
        code: 'COLUMN_LENGTH_MISMATCH',
        path: '/dataset/reportColumns/metrics/householdsVisited',
        params: { length: 23, rows: 24 },
      }),
    ]);
    const values = columns.metrics['paymentAccountsOpened']!.map((v, j) => (j === 5 ? -2 : v));
    const negative = { ...columns, metrics: { ...columns.metrics, paymentAccountsOpened: values } };
    const bad = expectProblem(
      await post('/v1/evaluations', { dataset: { ...rest, reportColumns: negative }, preset: 'national-2024', period: '2025' }),
      422,
      'INVALID_NUMBER',
    );
    expect(bad.problems).toEqual([
      expect.objectContaining({ code: 'INVALID_NUMBER', path: '/dataset/reportColumns/metrics/paymentAccountsOpened/5' }),
    ]);
  });

  it('answers 400 with every envelope problem at once', async () => {
    const res = await post('/v1/evaluations', {
      dataset: makeDataset(1),
      preset: 'national-2024',
      period: '2025-13',
      extra: 1,
      options: { engine: 'fast' },
    });
    const doc = expectProblem(res, 400, 'SCHEMA_VIOLATION');
    const paths = doc.problems.map((p) => p.path).sort();
    expect(paths).toEqual(['/extra', '/options/engine', '/period']);
  });

  it('needs exactly one of preset and criteriaSet', async () => {
    const none = expectProblem(await post('/v1/evaluations', { dataset: makeDataset(1), period: '2025' }), 400, 'SCHEMA_VIOLATION');
    expect(none.problems[0]?.message.en).toMatch(/preset or a criteriaSet/);
    const both = expectProblem(
      await post('/v1/evaluations', { dataset: makeDataset(1), period: '2025', preset: 'national-2024', criteriaSet: makeCriteriaSet() }),
      400,
      'SCHEMA_VIOLATION',
    );
    expect(both.problems[0]).toMatchObject({ path: '/criteriaSet' });
  });

  it('reports a reversed period and an impossible date', async () => {
    const doc = expectProblem(
      await post('/v1/evaluations', { dataset: makeDataset(1), preset: 'national-2024', period: '2025-06..2025-01', asOf: '2025-02-30' }),
      400,
      'INVALID_PERIOD',
    );
    expect(doc.problems.map((p) => p.path).sort()).toEqual(['/asOf', '/period']);
  });

  it('points criteria-set problems into the body', async () => {
    const set = makeCriteriaSet({
      criteria: [
        {
          id: 'x',
          group: 'organisation',
          maxPoints: 100,
          title: { vi: 'x', en: 'x' },
          scoring: { type: 'pass', when: { fact: 'memberCuont', operator: 'equal', value: 1 } },
        },
      ],
    });
    const doc = expectProblem(await post('/v1/evaluations', { dataset: makeDataset(1), criteriaSet: set, period: '2025' }), 400, 'UNKNOWN_FACT');
    expect(doc.problems[0]?.path).toMatch(/^\/criteriaSet\/criteria\/0\/scoring\/when/);
  });

  it('404s an unknown base set in extends', async () => {
    const set = { id: 'mine', version: '1.0.0', title: { vi: 'a', en: 'a' }, extends: { id: 'no-such-base' } };
    const doc = expectProblem(await post('/v1/evaluations', { dataset: makeDataset(1), criteriaSet: set, period: '2025' }), 404, 'EXTENDS_NOT_FOUND');
    expect(doc.problems[0]?.path).toMatch(/^\/criteriaSet\/extends/);
  });

  it('lets an inline set extend a bundled preset', async () => {
    const set = { id: 'mine', version: '1.0.0', title: { vi: 'Của tôi', en: 'Mine' }, extends: { id: 'national-2024', version: '^2' } };
    const res = await post('/v1/evaluations', { dataset: makeDataset(1), criteriaSet: set, period: '2025' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json().criteriaSet.lineage).toEqual(['national-2023@2.0.0', 'national-2024@2.0.0', 'mine@1.0.0']);
  });
});

describe('POST /v1/criteria-sets/validate', () => {
  it('answers valid with no problems', async () => {
    const res = await post('/v1/criteria-sets/validate', { criteriaSet: makeCriteriaSet() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ valid: true, problems: [] });
  });

  it('answers 200 with problems pointing into the body', async () => {
    const set = makeCriteriaSet();
    const broken = {
      ...set,
      totalPoints: 10,
      criteria: [{ ...set.criteria![0]!, scoring: { type: 'pass', when: { fact: 'memberCount', operator: 'isAbout', value: 4 } } }],
    };
    const res = await post('/v1/criteria-sets/validate', { criteriaSet: broken });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.valid).toBe(false);
    const codes = body.problems.map((p: { code: string }) => p.code);
    expect(codes).toContain('UNKNOWN_OPERATOR');
    expect(codes).toContain('POINTS_MISMATCH');
    for (const p of body.problems) expect(p.path).toMatch(/^\/criteriaSet(\/|$)/);
    expect(body.problems.find((p: { code: string }) => p.code === 'UNKNOWN_OPERATOR').path).toMatch(/^\/criteriaSet\/criteria\/0\/scoring\/when/);
  });

  it('answers 200 with schema problems of the set (not a 400)', async () => {
    const res = await post('/v1/criteria-sets/validate', { criteriaSet: { id: 'x' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.valid).toBe(false);
    expect(body.problems.map((p: { path: string }) => p.path)).toEqual(expect.arrayContaining(['/criteriaSet/version', '/criteriaSet/title']));
  });

  it('400s a wrong envelope', async () => {
    expectProblem(await post('/v1/criteria-sets/validate', {}), 400, 'SCHEMA_VIOLATION');
    const doc = expectProblem(await post('/v1/criteria-sets/validate', { criteriaSet: makeCriteriaSet(), more: true }), 400, 'SCHEMA_VIOLATION');
    expect(doc.problems[0]?.path).toBe('/more');
    expectProblem(await post('/v1/criteria-sets/validate', [1, 2]), 400, 'SCHEMA_VIOLATION');
  });
});

describe('GET /v1/presets', () => {
  it('lists the bundled presets', async () => {
    const res = await app.inject('/v1/presets');
    expect(res.statusCode).toBe(200);
    const ids = res.json().presets.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['national-2023', 'national-2024']));
    expect(res.json().presets[0]).toMatchObject({
      version: expect.any(String),
      title: { vi: expect.any(String), en: expect.any(String) },
      source: 'bundled',
    });
  });

  it('shows one preset resolved', async () => {
    const res = await app.inject('/v1/presets/national-2024');
    expect(res.statusCode).toBe(200);
    const set = res.json();
    expect(set.lineage).toEqual(['national-2023@2.0.0', 'national-2024@2.0.0']);
    expect(set.extends).toBeUndefined();
    expect(set.criteria.length).toBeGreaterThan(0);
    expect(set.source).toBe('bundled');
  });

  it('picks by version and by date, with parameter values then', async () => {
    const byVersion = await app.inject('/v1/presets/national-2023?version=^2');
    expect(byVersion.statusCode).toBe(200);
    const byDate = await app.inject('/v1/presets/national-2023?asOf=2023-06-30');
    expect(byDate.statusCode).toBe(200);
    expect(byDate.json().parameterValues).toMatchObject({ minMembers: 4 });
    expectProblem(await app.inject('/v1/presets/national-2023?asOf=2030-01-01'), 404, 'PRESET_NOT_FOUND');
    expectProblem(await app.inject('/v1/presets/national-2023?version=9.9.9'), 404, 'PRESET_NOT_FOUND');
    expectProblem(await app.inject('/v1/presets/national-2023?asOf=tomorrow'), 400, 'SCHEMA_VIOLATION');
  });

  it('404s an unknown preset', async () => {
    const doc = expectProblem(await app.inject('/v1/presets/nope'), 404, 'PRESET_NOT_FOUND');
    expect(doc.problems[0]?.params?.known).toEqual(expect.arrayContaining(['national-2024']));
  });
});

describe('operations', () => {
  it('health and ready', async () => {
    expect((await app.inject('/health')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/ready')).json()).toEqual({ status: 'ready' });
  });

  it('404s an unknown route as problem+json', async () => {
    const doc = expectProblem(await app.inject('/v2/nothing'), 404, 'ROUTE_NOT_FOUND');
    // `instance` is the matched route's pattern; no route matched, and the URL sent is never quoted.
    expect(doc.instance).toBe('');
  });

  it('echoes a safe x-request-id and makes one otherwise', async () => {
    const given = await app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await app.inject({ url: '/health', headers: { 'x-request-id': 'bad id\nwith newline' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const doc = (await app.inject({ url: '/nope', headers: { 'x-request-id': 'trace-1' } })).json();
    expect(doc.requestId).toBe('trace-1');
  });

  it('keeps SERVER_VERSION equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(SERVER_VERSION).toBe(pkg.version);
  });
});

describe('OpenAPI and Swagger UI', () => {
  it('publishes the same schemas the routes validate with', async () => {
    const res = await app.inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/evaluations', '/v1/criteria-sets/validate', '/v1/presets', '/v1/presets/{id}', '/health', '/ready']),
    );
    expect(doc.components.schemas).toHaveProperty('Dataset');
    expect(doc.components.schemas).toHaveProperty('CriteriaSet');
    expect(doc.components.schemas).toHaveProperty('Problem');
    const body = doc.paths['/v1/evaluations'].post.requestBody.content['application/json'].schema;
    expect(body.properties.dataset.$ref).toBe('#/components/schemas/Dataset');
    expect(doc.paths['/v1/evaluations'].post.responses['404'].content).toHaveProperty('application/problem+json');
    // Every $ref resolves inside the document.
    const refs = [...res.body.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of new Set(refs)) {
      expect(ref.startsWith('#/components/schemas/'), ref).toBe(true);
      const [, , , name, ...rest] = ref.split('/');
      expect(doc.components.schemas, ref).toHaveProperty([name!]);
      expect(rest, ref).toEqual([]);
    }
  });

  it("has a runnable example: Swagger UI's 'Try it out' request succeeds", async () => {
    const doc = (await app.inject('/openapi.json')).json();
    const media = doc.paths['/v1/evaluations'].post.requestBody.content['application/json'];
    const example = media.example ?? (Object.values(media.examples ?? {}) as { value: unknown }[])[0]?.value;
    expect(example).toBeDefined();
    const res = await post('/v1/evaluations', example);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.json().subjects.length).toBeGreaterThan(0);
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await app.inject('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const init = await app.inject('/docs/static/swagger-initializer.js');
    expect(init.statusCode).toBe(200);
    expect(init.body).toMatch(/json/);
  });
});
