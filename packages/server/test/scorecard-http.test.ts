/**
 * `POST /v1/evaluations` answers a scorecard when asked by `Accept`: inline, in a worker (a prepared
 * evaluation above the worker threshold), and for a whole body handled in a worker.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedScorecard, XLSX_TYPE } from '../src/scorecard.js';
import { makeDataset, testApp } from './helpers.js';

const XSS = '<img src=x onerror=alert(1)>';
const apps: Record<string, FastifyInstance> = {};
beforeAll(async () => {
  apps.inline = await testApp({ offThreadBytes: Number.POSITIVE_INFINITY });
  apps.worker = await testApp({ offThreadBytes: Number.POSITIVE_INFINITY, workerThreshold: 0 });
  apps.body = await testApp({ offThreadBytes: 0 });
});
afterAll(async () => {
  for (const app of Object.values(apps)) await app.close();
});

function body() {
  const dataset = makeDataset(3);
  const units = dataset.orgUnits.map((u, i) => (i === 0 ? { ...u, name: XSS } : u));
  return { dataset: { ...dataset, orgUnits: units }, preset: 'national-2024', period: '2025-01..2025-12' };
}

describe.each(['inline', 'worker', 'body'])('scorecards (%s)', (where) => {
  it('answers HTML for Accept: text/html, with a strict CSP, escaped names', async () => {
    const res = await apps[where]!.inject({ method: 'POST', url: '/v1/evaluations', payload: body(), headers: { accept: 'text/html' } });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.body).toContain('<html lang="vi">');
    expect(res.body).not.toContain(XSS);
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(res.body).toContain('Lý do');
  });

  it('answers the workbook for the XLSX type, in English with ?lang=en', async () => {
    const res = await apps[where]!.inject({ method: 'POST', url: '/v1/evaluations?lang=en', payload: body(), headers: { accept: XLSX_TYPE } });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'Team ranking', 'Criteria detail', 'Data problems']);
  });

  it('keeps JSON for API clients', async () => {
    const res = await apps[where]!.inject({ method: 'POST', url: '/v1/evaluations', payload: body(), headers: { accept: '*/*' } });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });
});

describe('acceptedScorecard', () => {
  it('follows q-values; JSON wins ties', () => {
    expect(acceptedScorecard(undefined)).toBeUndefined();
    expect(acceptedScorecard('application/json')).toBeUndefined();
    expect(acceptedScorecard('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe('html');
    expect(acceptedScorecard(`${XLSX_TYPE}, application/json;q=0.5`)).toBe('xlsx');
    expect(acceptedScorecard('text/html;q=0.5, application/json')).toBeUndefined();
  });
});

describe('the OpenAPI document', () => {
  it('lists the three answers of POST /v1/evaluations', async () => {
    const doc = (await apps.inline!.inject({ method: 'GET', url: '/openapi.json' })).json();
    const content = doc.paths['/v1/evaluations'].post.responses['200'].content;
    expect(Object.keys(content).sort()).toEqual(['application/json', XLSX_TYPE, 'text/html'].sort());
  });
});
