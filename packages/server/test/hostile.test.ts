/**
 * Hostile input: each gets the right 4xx problem+json, never a 500, and the app keeps answering.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, makeCriteriaSet, makeDataset, testApp } from './helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});
afterEach(async () => {
  // The process stays up and keeps answering after every hostile request.
  const health = await app.inject('/health');
  expect(health.statusCode).toBe(200);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
});

const raw = (payload: string, url = '/v1/evaluations', contentType = 'application/json'): Promise<LightMyRequestResponse> =>
  app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });
const post = (payload: unknown, url = '/v1/evaluations'): Promise<LightMyRequestResponse> =>
  app.inject({ method: 'POST', url, payload: payload as object });

const EMPTY = { orgUnits: [], teams: [] };
const criterionWith = (when: unknown) =>
  makeCriteriaSet({
    criteria: [{ id: 'c', group: 'organisation', maxPoints: 100, title: { vi: 'c', en: 'c' }, scoring: { type: 'pass', when } as never }],
  });

describe('nesting', () => {
  it('10,000-deep condition nesting: 400 CONDITION_TOO_DEEP before any recursive code runs', async () => {
    const depth = 10_000;
    const when = '{"all":['.repeat(depth) + '{"fact":"memberCount","operator":"equal","value":1}' + ']}'.repeat(depth);
    const set = JSON.stringify(makeCriteriaSet()).replace(/"when":\{"fact":"memberCount","operator":"between","value":\[4,9\]\}/, `"when":${when}`);
    expect(set.length).toBeGreaterThan(depth * 8);
    const body = `{"dataset":${JSON.stringify(makeDataset(1))},"criteriaSet":${set},"period":"2025"}`;
    const doc = expectProblem(await raw(body), 400, 'CONDITION_TOO_DEEP');
    expect(doc.problems[0]?.path).toMatch(/^\/criteriaSet\/criteria\/0\/scoring\/when\/all\/0\/all\/0/);
    // The same on the validate route.
    expectProblem(await raw(`{"criteriaSet":${set}}`, '/v1/criteria-sets/validate'), 400, 'CONDITION_TOO_DEEP');
  });

  it('conditions deeper than the format allows but shallow JSON: core says CONDITION_TOO_DEEP', async () => {
    let when: unknown = { fact: 'memberCount', operator: 'equal', value: 1 };
    for (let i = 0; i < 30; i++) when = { all: [when] };
    const doc = expectProblem(await post({ dataset: makeDataset(1), criteriaSet: criterionWith(when), period: '2025' }), 400, 'CONDITION_TOO_DEEP');
    expect(doc.problems.some((p) => p.code === 'CONDITION_TOO_DEEP' && p.path.startsWith('/criteriaSet/criteria/0/scoring/when'))).toBe(true);
  });

  it('10,000-deep nesting in the dataset: 413 INPUT_TOO_LARGE', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const doc = expectProblem(
      await raw(`{"dataset":{"orgUnits":${deep},"teams":[]},"preset":"national-2024","period":"2025"}`),
      413,
      'INPUT_TOO_LARGE',
    );
    expect(doc.problems[0]?.path).toMatch(/^\/dataset\/orgUnits\/0\/0/);
  });
});

describe('size and media type', () => {
  it('a 50 MB body: 413 INPUT_TOO_LARGE', async () => {
    const body = `{"dataset":{"orgUnits":[],"teams":[]},"preset":"national-2024","period":"2025","pad":"${'a'.repeat(50 * 1024 * 1024)}"}`;
    const doc = expectProblem(await raw(body), 413, 'INPUT_TOO_LARGE');
    expect(doc.detail).toMatch(/20 MB/);
  });

  it('a text/plain body: 415', async () => {
    const payload = JSON.stringify({ dataset: EMPTY, preset: 'national-2024', period: '2025' });
    expectProblem(await raw(payload, '/v1/evaluations', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await raw(payload, '/v1/criteria-sets/validate', 'application/x-www-form-urlencoded'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await raw('<xml/>', '/v1/evaluations', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('application/json with a charset is fine', async () => {
    const res = await raw(
      JSON.stringify({ dataset: EMPTY, preset: 'national-2024', period: '2025' }),
      '/v1/evaluations',
      'application/json; charset=utf-8',
    );
    expect(res.statusCode).toBe(200);
  });
});

describe('malformed JSON and numbers', () => {
  it('NaN as raw JSON text: 400 MALFORMED_JSON without echoing the body', async () => {
    const doc = expectProblem(await raw('{"dataset":{"orgUnits":[],"teams":[]},"secret":"s3cr3t-value","x":NaN}'), 400, 'MALFORMED_JSON');
    expect(doc.detail).toMatch(/line 1, column \d+/);
    expect(JSON.stringify(doc)).not.toContain('s3cr3t-value');
  });

  it('1e400 (Infinity) as a metric value: 422 INVALID_NUMBER (core classes metric values as integrity)', async () => {
    const dataset = JSON.stringify(makeDataset(1)).replace('"householdsVisited":1', '"householdsVisited":1e400');
    expect(dataset).toContain('1e400');
    const doc = expectProblem(await raw(`{"dataset":${dataset},"preset":"national-2024","period":"2025"}`), 422, 'INVALID_NUMBER');
    expect(doc.problems.some((p) => p.path === '/dataset/reports/0/metrics/householdsVisited')).toBe(true);
  });

  it('1e400 where the envelope wants a number-free value: 400', async () => {
    const doc = expectProblem(await raw('{"dataset":{"orgUnits":[],"teams":[]},"preset":"national-2024","period":1e400}'), 400, 'SCHEMA_VIOLATION');
    expect(doc.problems[0]?.path).toBe('/period');
  });

  it('1e400 in a criteria set: 400', async () => {
    const set = JSON.stringify(makeCriteriaSet()).replace('"maxPoints":50', '"maxPoints":1e400');
    expectProblem(await raw(`{"dataset":${JSON.stringify(makeDataset(1))},"criteriaSet":${set},"period":"2025"}`), 400, 'SCHEMA_VIOLATION');
  });

  it('strings where numbers belong: 400 SCHEMA_VIOLATION (no coercion)', async () => {
    const dataset = makeDataset(1);
    const bad = { ...dataset, reports: [{ teamId: 'to-0', month: '2025-01', metrics: { householdsVisited: '12' } }] };
    const doc = expectProblem(await post({ dataset: bad, preset: 'national-2024', period: '2025' }), 400, 'SCHEMA_VIOLATION');
    expect(doc.problems).toContainEqual(expect.objectContaining({ path: '/dataset/reports/0/metrics/householdsVisited' }));
    const set = makeCriteriaSet();
    const badSet = { ...set, criteria: [{ ...set.criteria![0]!, maxPoints: '50' }, set.criteria![1]!] };
    const doc2 = expectProblem(await post({ dataset: makeDataset(1), criteriaSet: badSet, period: '2025' }), 400, 'SCHEMA_VIOLATION');
    expect(doc2.problems).toContainEqual(expect.objectContaining({ path: '/criteriaSet/criteria/0/maxPoints' }));
    const doc3 = expectProblem(await post({ dataset: makeDataset(1), preset: 'national-2024', period: 2025 }), 400, 'SCHEMA_VIOLATION');
    expect(doc3.problems).toContainEqual(expect.objectContaining({ path: '/period' }));
  });

  it('empty, truncated and non-object bodies: 400', async () => {
    expectProblem(await raw(''), 400, 'MALFORMED_JSON');
    expectProblem(await raw('{"dataset": {'), 400, 'MALFORMED_JSON');
    expectProblem(await raw('[1,2,3]'), 400, 'SCHEMA_VIOLATION');
    expectProblem(await raw('"just a string"'), 400, 'SCHEMA_VIOLATION');
    expectProblem(await raw('null'), 400, 'SCHEMA_VIOLATION');
  });
});

describe('prototype keys', () => {
  it('__proto__ at the top: 400 FORBIDDEN_KEY naming the key', async () => {
    const doc = expectProblem(
      await raw('{"__proto__":{"polluted":true},"dataset":{"orgUnits":[],"teams":[]},"preset":"national-2024","period":"2025"}'),
      400,
      'FORBIDDEN_KEY',
    );
    expect(doc.problems[0]).toMatchObject({ path: '/__proto__', params: { key: '__proto__' } });
  });

  it('constructor/prototype deep inside the dataset and criteria set: 400 FORBIDDEN_KEY', async () => {
    const doc = expectProblem(
      await raw('{"dataset":{"orgUnits":[],"teams":[],"constructor":{"prototype":{"polluted":true}}},"preset":"national-2024","period":"2025"}'),
      400,
      'FORBIDDEN_KEY',
    );
    expect(doc.problems[0]?.path).toBe('/dataset/constructor');
    const set = JSON.stringify(makeCriteriaSet())
      .replace('"parameters"', '"x"')
      .replace('"subject":', '"parameters":{"__proto__":{"value":1}},"subject":');
    const doc2 = expectProblem(await raw(`{"criteriaSet":${set}}`, '/v1/criteria-sets/validate'), 400, 'FORBIDDEN_KEY');
    expect(doc2.problems[0]?.path).toBe('/criteriaSet/parameters/__proto__');
  });

  it('escaped \\u005f\\u005fproto\\u005f\\u005f is caught too', async () => {
    const doc = expectProblem(
      await raw('{"dataset":{"\\u005f\\u005fproto\\u005f\\u005f":{"polluted":1},"orgUnits":[],"teams":[]}}'),
      400,
      'FORBIDDEN_KEY',
    );
    expect(doc.problems[0]?.path).toBe('/dataset/__proto__');
  });
});

describe('criteria sets', () => {
  it('an unknown operator: 400 UNKNOWN_OPERATOR', async () => {
    const doc = expectProblem(
      await post({
        dataset: makeDataset(1),
        criteriaSet: criterionWith({ fact: 'memberCount', operator: 'eval', value: 'process.exit(1)' }),
        period: '2025',
      }),
      400,
      'UNKNOWN_OPERATOR',
    );
    expect(doc.problems[0]?.path).toMatch(/^\/criteriaSet\/criteria\/0\/scoring\/when/);
  });

  it('JSONPath filter expressions in path: 400 UNSAFE_PATH, never executed', async () => {
    for (const path of [
      '$..[?(@.x)]',
      '$[?(@.constructor.constructor("return process")().exit())]',
      '__proto__.polluted',
      'a.constructor.prototype',
    ]) {
      const res = await post({
        dataset: makeDataset(1),
        criteriaSet: criterionWith({ fact: 'affiliations', path, operator: 'equal', value: 1 }),
        period: '2025',
      });
      const doc = expectProblem(res, 400, 'UNSAFE_PATH');
      expect(doc.problems.find((p) => p.code === 'UNSAFE_PATH')?.path, path).toMatch(/^\/criteriaSet\/criteria\/0\/scoring\/when/);
    }
    const validate = await post(
      { criteriaSet: criterionWith({ fact: 'affiliations', path: '$..[?(@.x)]', operator: 'equal', value: 1 }) },
      '/v1/criteria-sets/validate',
    );
    expect(validate.statusCode).toBe(200);
    expect(validate.json().problems.map((p: { code: string }) => p.code)).toContain('UNSAFE_PATH');
  });

  it('UNSAFE_PATH points at the path and never repeats it', async () => {
    const path = '$[?(@.constructor.constructor("return process")().exit())]';
    const res = await post({
      dataset: makeDataset(1),
      criteriaSet: criterionWith({ fact: 'affiliations', path, operator: 'equal', value: 1 }),
      period: '2025',
    });
    const doc = expectProblem(res, 400, 'UNSAFE_PATH');
    expect(doc.problems.find((p) => p.code === 'UNSAFE_PATH')?.path).toBe('/criteriaSet/criteria/0/scoring/when/path');
    expect(res.body).not.toContain('constructor.constructor');
    expect(res.body).not.toContain('return process');
    const validate = await post(
      { criteriaSet: criterionWith({ fact: 'affiliations', path, operator: 'equal', value: 1 }) },
      '/v1/criteria-sets/validate',
    );
    expect(validate.body).not.toContain('return process');
  });
});

describe('dataset integrity: 422', () => {
  it('duplicate ids', async () => {
    const { reports: _, ...dataset } = makeDataset(2);
    const dup = { ...dataset, teams: [dataset.teams[0]!, { ...dataset.teams[1]!, id: 'to-0' }] };
    const doc = expectProblem(await post({ dataset: dup, preset: 'national-2024', period: '2025' }), 422, 'DUPLICATE_ID');
    expect(doc.problems.find((p) => p.code === 'DUPLICATE_ID')?.path).toBe('/dataset/teams/1/id');
  });

  it('a duplicate team id with reports is headlined DUPLICATE_ID, not the dangling reports it causes', async () => {
    const dataset = makeDataset(3);
    const dup = { ...dataset, teams: [dataset.teams[0]!, dataset.teams[1]!, { ...dataset.teams[2]!, id: 'to-0' }] };
    const doc = expectProblem(await post({ dataset: dup, preset: 'national-2024', period: '2025' }), 422, 'DUPLICATE_ID');
    expect(doc.detail).toMatch(/^The dataset has integrity problems: \/dataset\/teams\/2\/id: /);
    // Every problem is still listed: the reports of the hidden team dangle.
    expect(doc.problems.filter((p) => p.code === 'DANGLING_REFERENCE')).toHaveLength(12);
  });

  it('parent cycles', async () => {
    const cyclic = {
      orgUnits: [
        { id: 'a', name: 'A', level: 'commune', parentId: 'b' },
        { id: 'b', name: 'B', level: 'commune', parentId: 'a' },
      ],
      teams: [],
    };
    const doc = expectProblem(await post({ dataset: cyclic, preset: 'national-2024', period: '2025' }), 422, 'PARENT_CYCLE');
    expect(doc.problems.find((p) => p.code === 'PARENT_CYCLE')?.path).toMatch(/^\/dataset\/orgUnits\/\d+\/parentId$/);
  });

  it('dangling references', async () => {
    const dataset = makeDataset(1);
    const dangling = { ...dataset, teams: [{ ...dataset.teams[0]!, orgUnitId: 'nowhere' }] };
    expectProblem(await post({ dataset: dangling, preset: 'national-2024', period: '2025' }), 422, 'DANGLING_REFERENCE');
  });
});

describe('order of checks', () => {
  it('a valid empty dataset with an unknown preset: 404', async () => {
    const doc = expectProblem(await post({ dataset: EMPTY, preset: 'no-such-preset', period: '2025' }), 404, 'PRESET_NOT_FOUND');
    expect(doc.problems[0]?.path).toBe('/preset');
  });

  it('404 PRESET_NOT_FOUND names the presets there are, never the id or version asked for', async () => {
    for (const res of [
      await post({ dataset: EMPTY, preset: 'secret-preset', period: '2025' }),
      await post({ dataset: EMPTY, preset: 'national-2024@9.9.9-secret', period: '2025' }),
      await app.inject('/v1/presets/secret-preset'),
      await app.inject('/v1/presets/national-2024?version=9.9.9-secret'),
    ]) {
      const doc = expectProblem(res, 404, 'PRESET_NOT_FOUND');
      expect(res.body).not.toContain('secret');
      expect(doc.problems[0]?.params?.known).toContain('national-2024');
      expect(doc.problems[0]?.message.en).toContain('national-2024');
    }
  });

  it('400 beats 404 beats 422', async () => {
    const cyclic = { orgUnits: [{ id: 'a', name: 'A', level: 'commune', parentId: 'a' }], teams: [] };
    expectProblem(await post({ dataset: cyclic, preset: 'no-such-preset', period: '2025' }), 404, 'PRESET_NOT_FOUND');
    expectProblem(await post({ dataset: cyclic, preset: 'no-such-preset', period: 'last year' }), 400, 'SCHEMA_VIOLATION');
    expectProblem(await post({ dataset: cyclic, preset: 'national-2024', period: '2025' }), 422, 'PARENT_CYCLE');
  });
});

describe('personal data', () => {
  it('name, phone and ID-number fields on members: 400 PERSONAL_DATA_FIELD', async () => {
    const dataset = makeDataset(1);
    const team = dataset.teams[0]!;
    const withPii = {
      ...dataset,
      teams: [{ ...team, members: [{ ...team.members![0]!, fullName: 'Nguyễn Văn A', phone: '0912345678', cccd: '001234567890' }] }],
    };
    const doc = expectProblem(await post({ dataset: withPii, preset: 'national-2024', period: '2025' }), 400, 'PERSONAL_DATA_FIELD');
    const paths = doc.problems.filter((p) => p.code === 'PERSONAL_DATA_FIELD').map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/dataset/teams/0/members/0/fullName', '/dataset/teams/0/members/0/phone']));
    // The values are not echoed back.
    expect(JSON.stringify(doc)).not.toContain('0912345678');
    expect(JSON.stringify(doc)).not.toContain('Nguyễn Văn A');
  });

  it('an id that is a phone number: 400 PERSONAL_DATA_VALUE', async () => {
    const dataset = makeDataset(1);
    const team = dataset.teams[0]!;
    const phoneId = { ...dataset, teams: [{ ...team, members: [{ ...team.members![0]!, id: '0912345678' }] }] };
    expectProblem(await post({ dataset: phoneId, preset: 'national-2024', period: '2025' }), 400, 'PERSONAL_DATA_VALUE');
  });
});

describe('routes and methods', () => {
  it('unknown routes and wrong methods: 404 problem+json that quotes neither the method nor the URL', async () => {
    expectProblem(await app.inject({ method: 'DELETE', url: '/v1/evaluations' }), 404, 'ROUTE_NOT_FOUND');
    const res = await app.inject({ method: 'GET', url: '/v1/evaluations/../../etc/passwd?token=s3cr3t' });
    const doc = expectProblem(res, 404, 'ROUTE_NOT_FOUND');
    expect(doc.instance).toBe('');
    expect(res.body).not.toMatch(/passwd|s3cr3t|GET/);
  });

  it('an overlong preset id or query: 400', async () => {
    expectProblem(await post({ dataset: EMPTY, preset: 'x'.repeat(5000), period: '2025' }), 400, 'SCHEMA_VIOLATION');
    expectProblem(await app.inject(`/v1/presets/national-2024?version=${'9'.repeat(5000)}`), 400, 'SCHEMA_VIOLATION');
  });
});
