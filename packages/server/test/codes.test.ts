/**
 * One list of the codes the API answers with: core's registry extended by the HTTP layer's, published in
 * the OpenAPI document and in docs/api.md's table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES } from '@cnscd/core';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, HTTP_ERROR_CODES, HTTP_PROBLEM_CODES, statusOf } from '../src/index.js';
import { testApp } from './helpers.js';

const HTTP_ONLY = [
  'MALFORMED_JSON',
  'BAD_REQUEST',
  'UNSUPPORTED_MEDIA_TYPE',
  'ROUTE_NOT_FOUND',
  'RATE_LIMITED',
  'OVERLOADED',
  'SHUTTING_DOWN',
  'TIMED_OUT',
  'INTERNAL_ERROR',
];
const REPO_ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');

describe("the API registry extends core's", () => {
  it('holds the HTTP-only codes, which core no longer has', () => {
    expect(Object.keys(HTTP_ERROR_CODES)).toEqual(HTTP_ONLY);
    for (const c of HTTP_ONLY) expect(Object.hasOwn(ERROR_CODES, c)).toBe(false);
  });

  it("is core's registry plus the HTTP codes, with core's entries unchanged", () => {
    expect(Object.keys(API_ERROR_CODES)).toEqual([...Object.keys(ERROR_CODES), ...HTTP_ONLY]);
    for (const [c, spec] of Object.entries(ERROR_CODES)) expect(API_ERROR_CODES[c as keyof typeof ERROR_CODES]).toEqual(spec);
  });

  it('gives the status of every code and keeps HTTP_PROBLEM_CODES as it was', () => {
    expect(statusOf('DUPLICATE_ID')).toBe(422);
    expect(statusOf('RATE_LIMITED')).toBe(429);
    expect(statusOf('INTERNAL_ERROR')).toBe(500);
    expect(HTTP_PROBLEM_CODES.UNSUPPORTED_MEDIA_TYPE).toEqual({ httpStatus: 415, title: 'The body must be sent as application/json.' });
    expect(Object.keys(HTTP_PROBLEM_CODES)).toEqual(HTTP_ONLY);
  });
});

describe('published', () => {
  it('docs/api.md has one table row per code, with its status, severity, origin and summary', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'api.md'), 'utf8');
    const table = /<!-- codes: API_ERROR_CODES -->\n([\s\S]*?)<!-- \/codes -->/.exec(doc)?.[1] ?? '';
    const rows = table
      .split('\n')
      .slice(2)
      .filter((l) => l.startsWith('| `'))
      .map((l) => l.slice(2, -2).split(' | '));
    expect(rows).toEqual(
      Object.entries(API_ERROR_CODES).map(([c, s]) => [
        `\`${c}\``,
        String(s.httpStatus),
        s.severity,
        c in HTTP_ERROR_CODES ? 'server' : 'core',
        s.summary,
      ]),
    );
  });

  it("the OpenAPI document lists the codes as the enum of a problem's code", async () => {
    const app = await testApp({ logger: false });
    try {
      const doc = (await app.inject('/openapi.json')).json() as {
        components: { schemas: Record<string, { properties: { code: { enum: string[] } } }> };
      };
      const problem = Object.values(doc.components.schemas).find((s) => s.properties?.code?.enum !== undefined);
      expect(problem?.properties.code.enum).toEqual(Object.keys(API_ERROR_CODES));
    } finally {
      await app.close();
    }
  });
});
