import { criteriaSetSchema, datasetSchema } from '@cnscd/core';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScoringContext, HttpProblem, prepareEvaluation, type ScoringContext } from '../src/index.js';
import { createRequestAjv, envelopeValidator, schemaProblems } from '../src/http/validation.js';
import { evaluationBodySchema, evaluationQuerySchema, problemSchema } from '../src/schemas/index.js';
import { datasetRequests } from './fixtures/dataset-requests.js';
import { makeDataset, testApp } from './helpers.js';

/**
 * `POST /v1/evaluations` checks the dataset and an inline criteria set once, in core (linear in the
 * input, bounded in problems): its route ajv checks only the envelope around them. These tests hold it to
 * the answer of checking the envelope, then handing both parts to core.
 */

let app: FastifyInstance;
let ctx: ScoringContext;
beforeAll(async () => {
  app = await testApp();
  ctx = await createScoringContext({ plugins: [], presetsDir: undefined, cwd: process.cwd() });
});
afterAll(async () => {
  await app.close();
});

const ajv = createRequestAjv([datasetSchema, criteriaSetSchema, problemSchema]);
const envelope = envelopeValidator(ajv, evaluationBodySchema(undefined), ['dataset', 'criteriaSet']);
/** The route schema as published, dataset and criteria set included. */
const published = ajv.compile(evaluationBodySchema(undefined));
const checkQuery = ajv.compile(evaluationQuerySchema);

/** The answer of checking the envelope (then the query), then handing the dataset and criteria set to core. */
function checkedOnce(url: string, body: unknown): { status: number; code: string; problems: readonly unknown[]; detail?: string } {
  const query = Object.fromEntries(new URL(url, 'http://x').searchParams);
  const check = envelope;
  const bodyOk = check(body ?? null);
  if (bodyOk && !checkQuery(query)) return { status: 400, code: 'SCHEMA_VIOLATION', problems: [] }; // the query's own answer
  try {
    const prepared = prepareEvaluation(ctx, body, bodyOk ? [] : schemaProblems((check.errors ?? []) as never));
    return { status: 200, code: '', problems: query.dryRun === 'true' ? prepared.warnings : [] };
  } catch (e) {
    if (!(e instanceof HttpProblem)) throw e;
    return { status: e.status, code: e.code, problems: e.problems, detail: e.message };
  }
}

describe('the dataset and the criteria set are checked once, by core', () => {
  it('gives the answers of checking the envelope, then core: valid, unsafe, broken, inconsistent, with envelope and query faults', async () => {
    for (const { name, url, payload } of datasetRequests()) {
      const expected = checkedOnce(url, payload);
      const res = await app.inject({ method: 'POST', url, payload: payload as object });
      expect(res.statusCode, name).toBe(expected.status);
      if (expected.status === 200) {
        if (url.includes('dryRun=true')) expect(res.json().problems, name).toEqual(expected.problems);
        continue;
      }
      const doc = res.json();
      expect(doc.code, name).toBe(expected.code);
      if (expected.detail === undefined) {
        expect(doc.problems[0].path, name).toBe('/dryRun');
        continue;
      }
      expect(doc.problems, name).toEqual(expected.problems);
    }
  });

  it('with more than 100 schema faults in the dataset: core lists 99 and says it stopped, and envelope faults still show', async () => {
    const cases = Object.fromEntries(datasetRequests().map((r) => [r.name, r]));
    const alone = (await app.inject({ method: 'POST', url: '/v1/evaluations', payload: cases['150 bad months']!.payload as object })).json();
    expect(alone.problems.filter((p: { path: string }) => !p.path.startsWith('/dataset/'))).toMatchObject([
      { path: '/dataset', params: { keyword: 'maxProblems', listed: 99 } },
    ]);
    expect(alone.problems).toHaveLength(100);
    const res = await app.inject({ method: 'POST', url: '/v1/evaluations', payload: cases['150 bad months, bad engine']!.payload as object });
    const doc = res.json();
    expect(res.statusCode).toBe(400);
    expect(doc.problems.find((p: { path: string }) => p.path === '/options/engine')).toBeDefined();
    // The envelope is right, so a bad query is reported before the dataset is looked at.
    const badQuery = await app.inject({
      method: 'POST',
      url: '/v1/evaluations?dryRun=maybe',
      payload: cases['20 bad months, bad query']!.payload as object,
    });
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().problems.map((p: { path: string }) => p.path)).toEqual(['/dryRun']);
  });

  it('relies on this: when core finds the dataset matches its schema, the route schema finds nothing in it', () => {
    const values = [null, 1, -1, 1.5, '', 'x', '2025-13', '2025-02-30', '0912345678', 'leader', true, [], {}, ['volunteer', 'volunteer'], { a: 1 }];
    const keys = ['extra', 'name', 'phone', 'constructor', 'id', 'month', 'metrics', 'role', 'level', 'householdsVisited', 'x'.repeat(70)];
    let matched = 0;
    fc.assert(
      fc.property(fc.array(fc.record({ target: fc.nat(), key: fc.nat(), value: fc.nat(), add: fc.boolean() }), { maxLength: 3 }), (edits) => {
        const dataset: any = makeDataset(2, { members: 3 });
        for (const e of edits) {
          const containers: any[] = [];
          const walk = (node: unknown): void => {
            if (node === null || typeof node !== 'object') return;
            containers.push(node);
            for (const child of Object.values(node)) walk(child);
          };
          walk(dataset);
          const node = containers[e.target % containers.length];
          const own = Object.keys(node);
          const key = e.add || own.length === 0 ? keys[e.key % keys.length]! : own[e.key % own.length]!;
          Object.defineProperty(node, key, {
            value: structuredClone(values[e.value % values.length]),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        const body = { dataset: JSON.parse(JSON.stringify(dataset)), preset: 'national-2024', period: '2025' };
        const core = prepareEvaluationDataset(body.dataset);
        const route = published(body);
        expect(envelope(body)).toBe(true);
        if (core) {
          matched++;
          expect(route, JSON.stringify(published.errors)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
    expect(matched).toBeGreaterThan(50);
  });

  it('the OpenAPI document still describes the dataset by reference', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    expect(doc.paths['/v1/evaluations'].post.requestBody.content['application/json'].schema.properties.dataset).toEqual({
      $ref: '#/components/schemas/Dataset',
    });
    expect(envelope({ dataset: 42, preset: 'national-2024', period: '2025' })).toBe(true);
    expect(published({ dataset: 42, preset: 'national-2024', period: '2025' })).toBe(false);
  });
});

/** Whether core's validation keeps the dataset, i.e. finds it safe and matching its schema. */
function prepareEvaluationDataset(dataset: unknown): boolean {
  try {
    prepareEvaluation(ctx, { dataset, preset: 'national-2024', period: '2025' });
    return true;
  } catch (e) {
    if (!(e instanceof HttpProblem)) throw e;
    // 400 and 413 answers come from the scan or the schema; 422 means the dataset matched but is inconsistent.
    return !e.problems.some((p) => p.path.startsWith('/dataset') && p.severity === 'error' && (e.status === 400 || e.status === 413));
  }
}
