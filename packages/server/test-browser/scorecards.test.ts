/**
 * The page at `/` and the scorecards in a real browser (Debian's chromium via playwright-core): no console
 * error, no request to another origin, upload → scorecard → downloads, the XSS name inert, a printable PDF.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { exportWorkbook } from '@cnscd/io';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/index.js';

const CHROMIUM = process.env.CNSCD_CHROMIUM ?? '/usr/bin/chromium';
const XSS = '<img src=x onerror=alert(1)>';
const root = fileURLToPath(new URL('../../../', import.meta.url));
const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));
mkdirSync(artifacts, { recursive: true });

/** Bến Tre (synthetic, 830 teams, one province) with a commune named like an attack. */
function dataFile(): string {
  const raw = JSON.parse(readFileSync(`${root}examples/datasets/ben-tre-2023.json`, 'utf8')) as { orgUnits: { name: string; level: string }[] };
  raw.orgUnits.find((u) => u.level === 'commune')!.name = XSS;
  const path = `${artifacts}ben-tre-xss.json`;
  writeFileSync(path, JSON.stringify(raw));
  return path;
}

/** The same province as an Excel workbook, as an official would upload it (exported by @cnscd/io). */
async function workbookFile(): Promise<string> {
  const raw = JSON.parse(readFileSync(dataFile(), 'utf8')) as Parameters<typeof exportWorkbook>[0];
  const path = `${artifacts}ben-tre-xss.xlsx`;
  writeFileSync(path, await exportWorkbook(raw));
  return path;
}

let app: FastifyInstance;
let base: string;
let browser: Browser;

beforeAll(async () => {
  // Fail, never skip: a missing browser is a broken environment, not a reason to pass.
  if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: apt-get install -y chromium (or set CNSCD_CHROMIUM).`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  app = await buildApp({ logger: false, rateLimit: false });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

interface Watched {
  readonly page: Page;
  readonly errors: string[];
  readonly foreign: string[];
  readonly dialogs: string[];
}

async function open(url: string, viewport = { width: 1280, height: 900 }): Promise<Watched> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.origin !== new URL(base).origin) foreign.push(r.url());
  });
  await page.goto(url);
  return { page, errors, foreign, dialogs };
}

describe('the page at /', () => {
  it('loads with no console error and no request to another origin, in Vietnamese, then English', async () => {
    const w = await open(`${base}/`);
    expect(await w.page.getAttribute('html', 'lang')).toBe('vi');
    expect(await w.page.textContent('h1')).toContain('Bảng điểm');
    // The chosen preset's sources are shown.
    expect(await w.page.locator('.preset-info:not([hidden])').count()).toBe(1);
    await w.page.screenshot({ path: `${artifacts}page-vi.png`, fullPage: true });
    await w.page.click('text=English');
    await w.page.waitForLoadState('load');
    expect(await w.page.getAttribute('html', 'lang')).toBe('en');
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
    await w.page.context().close();
  });

  it('is usable by keyboard and on a phone: upload a workbook → scorecard → downloads', async () => {
    const w = await open(`${base}/`, { width: 390, height: 844 });
    const { page } = w;
    await page.selectOption('#preset', 'ben-tre-2023');
    await page.setInputFiles('#data', await workbookFile());
    // Keyboard: focus the button and press Enter.
    await page.focus('#view');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#scorecard:not([hidden])');
    const frame = page.frameLocator('#scorecard');
    await frame.locator('table.ranked').first().waitFor();
    // The page fits the phone: no horizontal scroll of the page itself.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);
    await page.screenshot({ path: `${artifacts}page-scorecard-phone.png`, fullPage: false });

    const [html] = await Promise.all([page.waitForEvent('download'), page.click('#get-html')]);
    expect(html.suggestedFilename()).toBe('bang-diem.html');
    const htmlText = readFileSync((await html.path())!, 'utf8');
    expect(htmlText).toContain('<table class="ranked">');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#get-xlsx')]);
    expect(xlsx.suggestedFilename()).toBe('bang-diem.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Xếp hạng tổ', 'Chi tiết tiêu chí', 'Vấn đề dữ liệu']);

    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
    await page.context().close();
  });

  it('shows a refused file as a message, not a crash', async () => {
    const w = await open(`${base}/`);
    const bad = `${artifacts}not-json.json`;
    writeFileSync(bad, '{nope');
    await w.page.setInputFiles('#data', bad);
    await w.page.click('#view');
    await w.page.waitForSelector('#status.error');
    expect(await w.page.textContent('#status')).toMatch(/JSON/);
    // A file named .xlsx that is not a workbook: the service's problem, in the page's language.
    const fake = `${artifacts}not-a-workbook.xlsx`;
    writeFileSync(fake, 'hello');
    await w.page.setInputFiles('#data', fake);
    await w.page.click('#view');
    // The new error (the status says "working" first, and the JSON error before that). A locator, not a
    // string predicate: the page's CSP forbids the eval that a string predicate needs.
    await w.page.locator('#status.error', { hasText: /XLSX|Excel|CSV|415/i }).waitFor();
    expect(w.errors.filter((e) => !/415/.test(e))).toEqual([]);
    await w.page.context().close();
  });
});

describe('an HTML scorecard', () => {
  let html = '';
  beforeAll(async () => {
    const body = { dataset: JSON.parse(readFileSync(dataFile(), 'utf8')), preset: 'ben-tre-2023', period: '2023-01..2023-12' };
    const res = await fetch(`${base}/v1/evaluations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/html' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    html = await res.text();
  });

  it('shows the XSS name as text and runs nothing', async () => {
    const w = await open(`${base}/`);
    await w.page.setContent(html);
    // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator, not a DOM node: the rendered text is wanted
    const text = await w.page.locator('table.ranked').nth(2).innerText();
    expect(text).toContain(XSS);
    expect(await w.page.locator('img').count()).toBe(0);
    expect(await w.page.locator('script').count()).toBe(0);
    expect(w.dialogs).toEqual([]);
    expect(w.foreign).toEqual([]);
    await w.page.screenshot({ path: `${artifacts}scorecard.png` });
    await w.page.context().close();
  });

  it('prints a province scorecard with the ranked table', async () => {
    const w = await open(`${base}/`);
    await w.page.setContent(html);
    await w.page.emulateMedia({ media: 'print' });
    // Tagged: the PDF keeps the document's structure, so its tables can be found in it.
    const pdf = await w.page.pdf({ format: 'A4', preferCSSPageSize: true, tagged: true });
    writeFileSync(`${artifacts}scorecard.pdf`, pdf);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    // Every table printed (ranked tables, drill-down, cards) is a /Table; their rows are /TR.
    const tables = (text.match(/\/S \/Table\b/g) ?? []).length;
    const rows = (text.match(/\/S \/TR\b/g) ?? []).length;
    const onPage = await w.page.evaluate('document.querySelectorAll("table").length');
    const rankedRows = await w.page.evaluate('document.querySelectorAll("table.ranked tr").length');
    expect(tables).toBe(onPage);
    expect(rows).toBeGreaterThanOrEqual(rankedRows as number);
    // Ranked tables on landscape A4 pages (842 × 595 pt), the rest on portrait ones.
    const boxes = new Set((text.match(/\/MediaBox \[0 0 [\d.]+ [\d.]+\]/g) ?? []).map((b) => b.replace(/\.\d+/g, '')));
    expect(boxes).toEqual(new Set(['/MediaBox [0 0 841 594]', '/MediaBox [0 0 594 841]']));
    await w.page.context().close();
  });
});
