/**
 * Hostile data: bodies at the size limit whose every record carries the same fault (a provincial export
 * missing a column), personal numbers hidden inside values, and criteria sets of tens of thousands of
 * faulty conditions. Each gets its 4xx problem+json with bounded problems, nothing echoes a personal
 * number, and the app keeps answering. How long they take is `npm run bench:validate`'s and
 * `npm run bench:health`'s business, not a test's.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS, faultyDataset } from '../../../bench/validate-data.js';
import { expectProblem, makeCriteriaSet, makeDataset, testApp } from './helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});
afterEach(async () => {
  expect((await app.inject('/health')).statusCode).toBe(200);
});

const evaluate = (dataset: unknown, url = '/v1/evaluations') =>
  app.inject({
    method: 'POST',
    url,
    payload: JSON.stringify({ dataset, preset: 'national-2024', period: '2025' }),
    headers: { 'content-type': 'application/json' },
  });

describe('every record with the same fault, near the size limit', () => {
  it.each([
    ['missingEstablishedOn', 'SCHEMA_VIOLATION', 400],
    ['stringBoolean', 'SCHEMA_VIOLATION', 400],
    ['reportMonth', 'SCHEMA_VIOLATION', 400],
    ['danglingUnit', 'DANGLING_REFERENCE', 422],
  ] as const)('%s on 20,000 teams: %s, at most 100 schema problems or 1,000 of a code and a summary', async (kind, code, status) => {
    const res = await evaluate(faultyDataset(20_000, FAULTS[kind]!));
    const doc = expectProblem(res, status, code);
    const problems = doc.problems as Array<{ code: string; path: string; params?: Record<string, unknown> }>;
    if (status === 400) {
      expect(problems).toHaveLength(100);
      expect(problems.find((p) => p.params?.keyword === 'maxProblems')).toMatchObject({ path: '/dataset', params: { listed: 99 } });
    } else {
      expect(problems.filter((p) => p.code === code)).toHaveLength(1001);
      expect(problems.find((p) => p.code === code && p.path === '/dataset')?.params).toMatchObject({ total: 20_000 });
    }
  });
});

describe('personal numbers inside values', () => {
  const numbers = ['0912345678', '0912 345 678', '0912.345.678', '079203012345', '3826 1234'];
  it.each([
    ['a phone number in a member id', (d: any) => (d.teams[0].members[1].id = 'm-0912345678'), '/dataset/teams/0/members/1/id'],
    ['tel: in a member id', (d: any) => (d.teams[0].members[1].id = 'tel:0912.345.678'), '/dataset/teams/0/members/1/id'],
    ['a phone number as a team id', (d: any) => (d.teams[1].id = '0912345678'), '/dataset/teams/1/id'],
    ['a phone number in a unit name', (d: any) => (d.orgUnits[1].name = 'Thôn 0 (ĐT 0912 345 678)'), '/dataset/orgUnits/1/name'],
    ['a landline in a unit name', (d: any) => (d.orgUnits[1].name = 'Thôn 0, (024) 3826 1234'), '/dataset/orgUnits/1/name'],
    ['a citizen ID number in a unit id', (d: any) => (d.orgUnits[2].id = 'thon-079203012345'), '/dataset/orgUnits/2/id'],
  ])('%s: 400 PERSONAL_DATA_VALUE at its pointer, the number echoed nowhere', async (_, fault, path) => {
    const dataset: any = makeDataset(3);
    fault(dataset);
    const res = await evaluate(dataset);
    const doc = expectProblem(res, 400, 'PERSONAL_DATA_VALUE');
    expect((doc.problems as Array<{ code: string; path: string }>).filter((p) => p.code === 'PERSONAL_DATA_VALUE').map((p) => p.path)).toEqual([
      path,
    ]);
    for (const n of numbers) expect(res.body).not.toContain(n);
  });
});

describe('criteria sets with tens of thousands of faulty conditions', () => {
  const leaves = (n: number) =>
    Array.from({ length: n }, (_, k) => ({ fact: `memberCoun${k}`, operator: 'greaterThanInclusiv', value: 'x', bogus: k }));
  it('30,000 conditions: 200 valid false with INPUT_TOO_LARGE, before the schema runs', async () => {
    const set = makeCriteriaSet({
      criteria: Array.from({ length: 30 }, (_, i) => ({
        id: `c${i}`,
        group: 'organisation',
        maxPoints: 1,
        title: { vi: 'c', en: 'c' },
        scoring: { type: 'pass', when: { all: leaves(1000) } } as never,
      })),
    });
    const res = await app.inject({ method: 'POST', url: '/v1/criteria-sets/validate', payload: { criteriaSet: set } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ valid: false, problems: [{ code: 'INPUT_TOO_LARGE', params: { limit: 25_000 } }] });
  });
  it('a body over 4 MiB: 413 before it is parsed', async () => {
    const set = makeCriteriaSet({
      criteria: Array.from({ length: 60 }, (_, i) => ({
        id: `c${i}`,
        group: 'organisation',
        maxPoints: 1,
        title: { vi: 'c', en: 'c' },
        scoring: { type: 'pass', when: { all: leaves(1000) } } as never,
      })),
    });
    const payload = JSON.stringify({ criteriaSet: set });
    expect(payload.length).toBeGreaterThan(4 * 1024 * 1024);
    const res = await app.inject({ method: 'POST', url: '/v1/criteria-sets/validate', payload, headers: { 'content-type': 'application/json' } });
    expectProblem(res, 413, 'INPUT_TOO_LARGE');
  });
  it('20,000 conditions: every problem counted, 1,000 listed', async () => {
    const set = makeCriteriaSet({
      criteria: Array.from({ length: 20 }, (_, i) => ({
        id: `c${i}`,
        group: 'organisation',
        maxPoints: 1,
        title: { vi: 'c', en: 'c' },
        scoring: { type: 'pass', when: { all: leaves(1000) } } as never,
      })),
    });
    const res = await app.inject({ method: 'POST', url: '/v1/criteria-sets/validate', payload: { criteriaSet: set } });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { valid: boolean; problems: Array<{ code: string; params?: { omitted?: number } }> };
    expect(doc.valid).toBe(false);
    expect(doc.problems.length).toBeLessThanOrEqual(1000);
    expect(doc.problems.at(-1)?.params?.omitted).toBeGreaterThan(10_000);
  });
});
