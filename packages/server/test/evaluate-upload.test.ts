/**
 * `POST /v1/evaluations` with multipart/form-data: a spreadsheet and the request's fields give the answer
 * the JSON body gives (byte for byte), against the real server on 127.0.0.1; a spreadsheet with errors is
 * refused with each problem at its cell.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '@cnscd/core';
import { exportWorkbook } from '@cnscd/io';
import { startServer, type RunningServer } from '../src/index.js';
import { logLines, makeCriteriaSet, testApp } from './helpers.js';

const example = (name: string): Dataset =>
  JSON.parse(readFileSync(new URL(`../../../examples/datasets/${name}.json`, import.meta.url), 'utf8')) as Dataset;

function form(file: { name: string; bytes: Uint8Array } | undefined, fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (file !== undefined) f.append('file', new Blob([file.bytes]), file.name);
  return f;
}

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

const post = (body: FormData | string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${server.url}/v1/evaluations`, {
    method: 'POST',
    body,
    headers: typeof body === 'string' ? { 'content-type': 'application/json', ...headers } : headers,
  });

describe('POST /v1/evaluations with a spreadsheet (real server on 127.0.0.1)', () => {
  it.each([
    ['small', 'national-2024', '2025-01..2025-03'],
    ['dai-tu-2025', 'thai-nguyen-2025', '2025'],
  ])('a workbook exported from %s gives byte for byte the answer of the JSON body (JSON and NDJSON)', async (name, preset, period) => {
    const dataset = example(name);
    const xlsx = await exportWorkbook(dataset);
    for (const accept of ['application/json', 'application/x-ndjson']) {
      const json = await post(JSON.stringify({ dataset, preset, period }), { accept });
      const sheet = await post(form({ name: `${name}.xlsx`, bytes: xlsx }, { preset, period }), { accept });
      const [a, b] = [await json.text(), await sheet.text()];
      expect(json.status, a.slice(0, 300)).toBe(200);
      expect(sheet.status, b.slice(0, 300)).toBe(200);
      expect(sheet.headers.get('content-type')).toBe(json.headers.get('content-type'));
      expect(b).toBe(a);
    }
  });

  it('an inline criteria set and options as JSON text; the HTML scorecard as the JSON body gets it', async () => {
    const dataset = example('small');
    const xlsx = await exportWorkbook(dataset);
    const fields = {
      criteriaSet: JSON.stringify(makeCriteriaSet()),
      period: JSON.stringify({ from: '2025-01', to: '2025-03' }),
      options: JSON.stringify({ explain: false }),
    };
    const json = await post(
      JSON.stringify({
        dataset,
        ...fields,
        criteriaSet: JSON.parse(fields.criteriaSet),
        period: JSON.parse(fields.period),
        options: JSON.parse(fields.options),
      }),
    );
    const sheet = await post(form({ name: 'small.xlsx', bytes: xlsx }, fields));
    expect(sheet.status).toBe(200);
    expect(await sheet.text()).toBe(await json.text());
    const html = await post(form({ name: 'small.xlsx', bytes: xlsx }, { preset: 'national-2024', period: '2025-01..2025-03' }), {
      accept: 'text/html',
    });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-security-policy')).toBeTruthy();
  });

  it('a bad cell: 422, the problem at its cell, its pointer under /dataset', async () => {
    const csv = new TextEncoder().encode('Mã tổ;Tháng;peopleGuided\nT1;2025-03;1.234\n');
    const res = await post(form({ name: 'bao-cao.csv', bytes: csv }, { preset: 'national-2024', period: '2025' }));
    expect(res.status).toBe(422);
    const doc = (await res.json()) as { problems: { code: string; path: string; source?: unknown }[] };
    expect(doc.problems[0]).toMatchObject({ code: 'AMBIGUOUS_NUMBER', path: '/dataset', source: { file: 'bao-cao.csv', row: 2, column: 'C' } });
  });

  it('a file that is not a workbook: 415; a field that is not JSON: 400 at its pointer; no file, an unknown field: 400', async () => {
    const notXlsx = await post(form({ name: 'x.xlsx', bytes: new TextEncoder().encode('hello') }, { preset: 'national-2024', period: '2025' }));
    expect(notXlsx.status).toBe(415);
    expect(((await notXlsx.json()) as { problems: { code: string }[] }).problems[0]!.code).toBe('FILE_NOT_SPREADSHEET');
    const xlsx = await exportWorkbook(example('small'));
    const badJson = await post(form({ name: 'small.xlsx', bytes: xlsx }, { options: '{"explain":', period: '2025', preset: 'national-2024' }));
    expect(badJson.status).toBe(400);
    const badDoc = (await badJson.json()) as { code: string; problems: { path: string }[] };
    expect(badDoc.code).toBe('MALFORMED_JSON');
    expect(badDoc.problems[0]!.path).toBe('/options');
    const noFile = await post(form(undefined, { preset: 'national-2024', period: '2025' }));
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as { problems: { path: string }[] }).problems[0]!.path).toBe('/dataset');
    const unknown = await post(form({ name: 'small.xlsx', bytes: xlsx }, { preset: 'national-2024', period: '2025', dataset: '{}' }));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { problems: { path: string }[] }).problems[0]!.path).toBe('/dataset');
    const badPeriod = await post(form({ name: 'small.xlsx', bytes: xlsx }, { preset: 'national-2024', period: 'last year' }));
    expect(badPeriod.status).toBe(400);
    expect(JSON.stringify(await badPeriod.json())).toContain('/period');
  });

  it('a personal-data column: the evaluation runs, the warning names the header and its cell, never a value', async () => {
    const csv = new TextEncoder().encode('Mã đơn vị (id),Tên (name),Cấp (level),Số điện thoại\nxa-a,Xã A,commune,0912345678\n');
    const res = await post(form({ name: 'don-vi.csv', bytes: csv }, { preset: 'national-2024', period: '2025' }));
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(200);
    expect(text).not.toContain('0912345678');
    const warning = (JSON.parse(text) as { problems: { code: string; path: string; source?: { column?: string } }[] }).problems.find(
      (p) => p.code === 'PERSONAL_DATA_COLUMN',
    );
    expect(warning).toMatchObject({ path: '/dataset', source: { file: 'don-vi.csv', row: 1, column: 'D' } });
  });
});

describe('POST /v1/evaluations with a spreadsheet, workers off (plugins given as objects)', () => {
  it('reads the spreadsheet on the main thread and answers as the worker does', async () => {
    const { definePlugin } = await import('@cnscd/core');
    const app = await testApp({ plugins: [definePlugin({ name: 'noop', version: '1.0.0', core: '*' })] });
    try {
      const dataset = example('small');
      const xlsx = await exportWorkbook(dataset);
      const viaForm = await app.inject({
        method: 'POST',
        url: '/v1/evaluations',
        payload: form({ name: 'small.xlsx', bytes: xlsx }, { preset: 'national-2024', period: '2025-01..2025-03' }),
      });
      const viaJson = await app.inject({
        method: 'POST',
        url: '/v1/evaluations',
        payload: { dataset, preset: 'national-2024', period: '2025-01..2025-03' },
      });
      expect(viaForm.statusCode, viaForm.body.slice(0, 300)).toBe(200);
      expect(viaForm.body).toBe(viaJson.body);
      const bad = await app.inject({
        method: 'POST',
        url: '/v1/evaluations',
        payload: form({ name: 'x.xlsx', bytes: new TextEncoder().encode('hello') }, { preset: 'national-2024', period: '2025' }),
      });
      expect(bad.statusCode).toBe(415);
    } finally {
      await app.close();
    }
  });

  it('personal data in a spreadsheet reaches no answer and no log line, whether read or refused', async () => {
    const { lines, stream } = logLines();
    const app = await testApp({ logger: { level: 'info', stream } });
    try {
      // A personal-data column (not read), and a member id that is a phone number (refused by core).
      const units = new TextEncoder().encode('Mã đơn vị (id),Tên (name),Cấp (level),Số điện thoại,CCCD\nxa-a,Xã A,commune,0912345678,001099012345\n');
      const members = new TextEncoder().encode('Mã tổ,Mã thành viên,Vai trò\nT1,0987654321,Tổ trưởng\n');
      const answers = [
        await app.inject({
          method: 'POST',
          url: '/v1/evaluations',
          payload: form({ name: 'don-vi.csv', bytes: units }, { preset: 'national-2024', period: '2025' }),
        }),
        await app.inject({ method: 'POST', url: '/v1/imports', payload: form({ name: 'don-vi.csv', bytes: units }, {}) }),
        await app.inject({
          method: 'POST',
          url: '/v1/evaluations',
          payload: form({ name: 'thanh-vien.csv', bytes: members }, { preset: 'national-2024', period: '2025' }),
        }),
      ];
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 422]);
      const everything = answers.map((a) => a.body).join('\n') + lines.join('');
      expect(lines.length).toBeGreaterThan(0);
      for (const value of ['0912345678', '001099012345', '0987654321']) expect(everything).not.toContain(value);
    } finally {
      await app.close();
    }
  });

  it('the criteria-set route stays JSON-only: a form gets 415', async () => {
    const app = await testApp();
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/criteria-sets/validate',
        payload: form({ name: 'a.csv', bytes: new Uint8Array([65]) }, {}),
      });
      expect(res.statusCode).toBe(415);
    } finally {
      await app.close();
    }
  });
});
