/**
 * A small client of the scoring API, typed by the `paths` that openapi-typescript generates from the
 * OpenAPI document (`generated/api.d.ts`, written by test/openapi-client.test.ts and not committed), using
 * openapi-fetch. The test type-checks this file with the repository's tsc, then runs it against a server.
 */
import createClient from 'openapi-fetch';
import type { components, operations, paths } from './generated/api.js';

export type CriteriaSet = components['schemas']['CriteriaSet'];
export type EvaluationRequest = NonNullable<operations['evaluate']['requestBody']>['content']['application/json'];
export type Problem = components['schemas']['Problem'];

export function cnscdClient(baseUrl: string) {
  // The JSON answers and the problem documents: an evaluation may also answer HTML or a workbook (by Accept).
  const client = createClient<paths, 'application/json' | 'application/problem+json'>({ baseUrl });
  const fail = (problem: Problem): never => {
    throw new Error(`${problem.status} ${problem.code}: ${problem.detail}`);
  };
  return {
    async presetIds(): Promise<string[]> {
      const { data, error } = await client.GET('/v1/presets');
      return error !== undefined ? fail(error) : data.presets.map((p) => p.id);
    },
    async preset(id: string, asOf: string) {
      const { data, error } = await client.GET('/v1/presets/{id}', { params: { path: { id }, query: { asOf } } });
      if (error !== undefined) return fail(error);
      const source: 'bundled' | 'local' = data.source;
      return { version: data.version, source, lineage: data.lineage ?? [], parameterValues: data.parameterValues ?? {} };
    },
    async validate(criteriaSet: CriteriaSet): Promise<{ valid: boolean; codes: string[] }> {
      const { data, error } = await client.POST('/v1/criteria-sets/validate', { body: { criteriaSet } });
      return error !== undefined ? fail(error) : { valid: data.valid, codes: data.problems.map((p) => p.code) };
    },
    async evaluate(body: EvaluationRequest): Promise<{ subjects: number; engine: 'compiled' | 'reference' }> {
      const { data, error } = await client.POST('/v1/evaluations', { body });
      return error !== undefined ? fail(error) : { subjects: data.subjects.length, engine: data.engine };
    },
    /** The error answer of an evaluation, typed as the document's Problem. */
    async evaluationProblem(body: EvaluationRequest): Promise<{ status: number; code: string } | undefined> {
      const { error, response } = await client.POST('/v1/evaluations', { body });
      return error === undefined ? undefined : { status: response.status, code: error.code };
    },
    async health(): Promise<string | undefined> {
      return (await client.GET('/health')).data?.status;
    },
  };
}

/** Never called: what the generated types refuse. Each line fails to type-check without its directive. */
export async function refused(client: ReturnType<typeof createClient<paths, 'application/json' | 'application/problem+json'>>): Promise<void> {
  // @ts-expect-error no such route
  await client.GET('/v1/nope');
  // @ts-expect-error the validate body needs `criteriaSet`
  await client.POST('/v1/criteria-sets/validate', { body: {} });
  // @ts-expect-error `id` is a required path parameter
  await client.GET('/v1/presets/{id}', { params: { path: {} } });
  // @ts-expect-error `dryRun` is the string 'true' or 'false'
  await client.POST('/v1/evaluations', { params: { query: { dryRun: true } }, body: { dataset: { orgUnits: [], teams: [] }, period: '2025' } });
  const { data } = await client.GET('/v1/presets');
  // @ts-expect-error a preset's title is localized text, not a string
  const title: string | undefined = data?.presets[0]?.title;
  void title;
}
