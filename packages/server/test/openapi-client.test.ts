/**
 * Clients can be generated from the OpenAPI document: openapi-typescript turns it into TypeScript types,
 * the repository's tsc type-checks a small openapi-fetch client against them (test/openapi-client/), and
 * the client then runs against a server listening on 127.0.0.1.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/index.js';
import { EXAMPLE_CRITERIA_SET } from '../src/internal/example-criteria-set.js';
import { makeDataset } from './helpers.js';

/** What test/openapi-client/client.ts exports, as this test uses it. */
interface TypedClient {
  health(): Promise<string | undefined>;
  presetIds(): Promise<string[]>;
  preset(id: string, asOf: string): Promise<{ version: string; source: string; lineage: string[]; parameterValues: object }>;
  validate(criteriaSet: unknown): Promise<{ valid: boolean; codes: string[] }>;
  evaluate(body: unknown): Promise<{ subjects: number; engine: string }>;
  evaluationProblem(body: unknown): Promise<{ status: number; code: string } | undefined>;
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const clientDir = fileURLToPath(new URL('./openapi-client/', import.meta.url));

let server: RunningServer;
beforeAll(async () => {
  server = await startServer(
    { port: 0, logger: false, underPressure: false, rateLimit: false },
    { signals: false, notices: { info: () => undefined } },
  );
});
afterAll(async () => {
  await server.stop();
});

describe('a client generated from the OpenAPI document', () => {
  it('type-checks against the types openapi-typescript generates, and runs', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as Parameters<typeof openapiTS>[0];
    const types = astToString(await openapiTS(doc));
    expect(types).toMatch(/export interface paths/);
    expect(types).toMatch(/"\/v1\/presets\/\{id\}"/);
    mkdirSync(`${clientDir}generated`, { recursive: true });
    writeFileSync(`${clientDir}generated/api.d.ts`, types);

    const tsc = `${root}node_modules/typescript/bin/tsc`;
    const checked = await promisify(execFile)(process.execPath, [tsc, '-p', `${clientDir}tsconfig.json`], { cwd: root }).then(
      (r) => ({ exit: 0, output: r.stdout + r.stderr }),
      (e: { stdout?: string; stderr?: string; code?: number }) => ({ exit: e.code, output: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
    );
    expect(checked).toEqual({ exit: 0, output: '' });

    // Imported by URL, not by a literal path, so that the repository's type-check (which runs before the
    // tests, when generated/api.d.ts does not exist yet) does not follow it; the tsc run above checks it.
    const { cnscdClient } = (await import(new URL('./openapi-client/client.ts', import.meta.url).href)) as {
      cnscdClient: (baseUrl: string) => TypedClient;
    };
    const api = cnscdClient(server.url);
    expect(await api.health()).toBe('ok');
    expect(await api.presetIds()).toContain('national-2024');
    const preset = await api.preset('national-2024', '2025-06-30');
    expect(preset.source).toBe('bundled');
    expect(preset.lineage.length).toBeGreaterThan(0);
    expect(await api.validate(EXAMPLE_CRITERIA_SET)).toEqual({ valid: true, codes: [] });
    expect(await api.evaluate({ dataset: makeDataset(2), preset: 'national-2024', period: '2025' })).toEqual({ subjects: 2, engine: 'compiled' });
    expect(await api.evaluationProblem({ dataset: { orgUnits: [], teams: [] }, preset: 'nope', period: '2025' })).toEqual({
      status: 404,
      code: 'PRESET_NOT_FOUND',
    });
  });
});
