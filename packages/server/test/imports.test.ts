import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { exportWorkbook } from '@cnscd/io';
import { testApp } from './helpers.js';

const small = JSON.parse(readFileSync(new URL('../../../examples/datasets/small.json', import.meta.url), 'utf8'));

function form(name: string, bytes: Uint8Array): FormData {
  const f = new FormData();
  f.append('file', new Blob([bytes]), name);
  return f;
}

describe('POST /v1/imports', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(async () => app.close());

  it('a workbook gives back its dataset', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/imports', payload: form('small.xlsx', await exportWorkbook(small)) });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.valid).toBe(true);
    expect(body.dataset).toEqual(small);
  });

  it('a CSV with a bad cell: 422, the problem at its cell', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/imports',
      payload: form('bao-cao.csv', new TextEncoder().encode('Mã tổ;Tháng;peopleGuided\nT1;2025-03;1.234\n')),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().problems[0]).toMatchObject({ code: 'AMBIGUOUS_NUMBER', source: { file: 'bao-cao.csv', row: 2, column: 'C' } });
  });

  it('a file that is not a workbook: 415; JSON to this route: 415; routes without uploads stay JSON-only', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/imports', payload: form('x.xlsx', new TextEncoder().encode('hello')) });
    expect(res.statusCode).toBe(415);
    expect(res.json().problems[0].code).toBe('FILE_NOT_SPREADSHEET');
    const json = await app.inject({ method: 'POST', url: '/v1/imports', payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
    const other = await app.inject({ method: 'POST', url: '/v1/criteria-sets/validate', payload: form('small.xlsx', new Uint8Array([1])) });
    expect(other.statusCode).toBe(415);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toContain('/v1/imports');
    const content = doc.paths['/v1/imports'].post.requestBody.content;
    expect(content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
  });
});
