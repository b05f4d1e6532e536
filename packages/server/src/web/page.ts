/**
 * The page at `/`: choose a preset (its description and sources shown), a period, a JSON dataset; see the
 * scorecard; download it as HTML or Excel. Server-rendered, Vietnamese first (`?lang=en` for English), one
 * small script with a nonce, nothing from any other host; usable by keyboard and on a phone.
 */
import { randomBytes } from 'node:crypto';
import { formatDate, TERMS, type CriteriaSet, type LocalizedText } from '@cnscd/core';
import { escapeHtml as esc, SCORECARD_STYLE_HASH } from '@cnscd/scorecards';
import type { FastifyInstance } from 'fastify';
import type { CnscdState } from '../app.js';
import { CLIENT_JS } from './client.js';

type Lang = 'vi' | 'en';
const t = (text: LocalizedText | undefined, lang: Lang): string => (text === undefined ? '' : lang === 'vi' ? text.vi : text.en);

const WORDS = {
  title: { vi: 'Bảng điểm Tổ công nghệ số cộng đồng', en: 'Community Digital Technology Team scorecards' },
  intro: {
    vi: 'Chọn bộ tiêu chí, kỳ đánh giá và tệp dữ liệu để xem bảng điểm, rồi tải về dạng HTML (để in) hoặc Excel. Dữ liệu chỉ gửi tới dịch vụ này.',
    en: 'Choose a criteria set, a period and a data file to see the scorecard, then download it as HTML (to print) or Excel. Data goes only to this service.',
  },
  preset: TERMS.preset,
  derivedFrom: TERMS.derivedFrom,
  period: TERMS.period,
  periodHint: {
    vi: 'Ví dụ 2025-01..2025-12; để trống để dùng kỳ của tệp dữ liệu.',
    en: "E.g. 2025-01..2025-12; leave empty for the data file's window.",
  },
  data: { vi: 'Tệp dữ liệu (Excel, CSV hoặc JSON)', en: 'Data file (Excel, CSV or JSON)' },
  dataHint: {
    vi: 'Sổ Excel theo mẫu (cnscd template), tệp CSV, hoặc bộ dữ liệu JSON của cnscd. Họ tên, số điện thoại, số CCCD không được đọc.',
    en: 'A workbook made from the template (cnscd template), a CSV file, or a cnscd JSON dataset. Names, phone and ID numbers are never read.',
  },
  view: { vi: 'Xem bảng điểm', en: 'Show the scorecard' },
  getHtml: { vi: 'Tải HTML', en: 'Download HTML' },
  getXlsx: { vi: 'Tải Excel', en: 'Download Excel' },
  frame: TERMS.scorecard,
  other: { vi: 'English', en: 'Tiếng Việt' },
  api: { vi: 'Tài liệu API', en: 'API documentation' },
  working: { vi: 'Đang chấm điểm…', en: 'Scoring…' },
  done: { vi: 'Xong.', en: 'Done.' },
  noFile: { vi: 'Hãy chọn một tệp dữ liệu.', en: 'Choose a data file.' },
  badJson: { vi: 'Tệp không phải JSON hợp lệ.', en: 'The file is not valid JSON.' },
  noPeriod: { vi: 'Tệp dữ liệu không có kỳ (window): hãy nhập kỳ đánh giá.', en: 'The data file has no window: enter a period.' },
} as const;

const CSS = `
*{box-sizing:border-box}body{font:16px/1.5 system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1f2328;margin:0 auto;max-width:1100px;padding:12px}
header{display:flex;justify-content:space-between;gap:1em;align-items:baseline;flex-wrap:wrap}h1{font-size:1.4rem;margin:.3em 0}
form{display:grid;gap:.9em;margin:1em 0}label{font-weight:600;display:block}.hint{color:#59636e;font-size:.9em;margin:.1em 0}
select,input[type=text],input[type=file]{font:inherit;width:100%;max-width:36em;padding:.4em;border:1px solid #8c959f;border-radius:6px;background:#fff}
button{font:inherit;padding:.5em 1em;border-radius:6px;border:1px solid #1f6feb;background:#1f6feb;color:#fff;cursor:pointer;min-height:44px}
button.secondary{background:#fff;color:#0550ae}
:focus-visible{outline:3px solid #fb8500;outline-offset:2px}
.actions{display:flex;flex-wrap:wrap;gap:.6em}
.preset-info{background:#f6f8fa;border-radius:6px;padding:.5em .8em;max-width:48em}.preset-info ul{margin:.2em 0;padding-left:1.2em}
#status{min-height:1.5em}#status.error{color:#cf222e;font-weight:600}
iframe{width:100%;height:80vh;border:1px solid #d0d7de;border-radius:6px;background:#fff}
a{color:#0969da}
`;

function presetInfo(set: CriteriaSet, lang: Lang): string {
  const sources = (set.sources ?? [])
    .map(
      (s) =>
        `<li>${esc(s.number)}${s.date === undefined ? '' : ` (${esc(formatDate(s.date, lang))})`}${s.title === undefined ? '' : ` — ${esc(t(s.title, lang))}`}</li>`,
    )
    .join('');
  return (
    `<div class="preset-info" data-preset="${esc(set.id)}" hidden><p>${esc(t(set.description, lang) || t(set.title, lang))}</p>` +
    (sources === '' ? '' : `<p><strong>${esc(t(WORDS.derivedFrom, lang))}:</strong></p><ul>${sources}</ul>`) +
    `</div>`
  );
}

/**
 * The page's HTML for one request (its nonce) and the policy that goes with it.
 *
 * @example
 * ```ts
 * const { html, csp } = renderPage(app.cnscd, 'vi');
 * ```
 */
export function renderPage(state: CnscdState, lang: Lang, nonce = randomBytes(16).toString('base64')): { html: string; csp: string } {
  const w = (k: keyof typeof WORDS): string => esc(t(WORDS[k], lang));
  const presets = state.catalog.list();
  const options = presets
    .map((p, i) => `<option value="${esc(p.id)}"${i === 0 ? ' selected' : ''}>${esc(t(p.title, lang))} (${esc(p.id)} ${esc(p.version)})</option>`)
    .join('');
  const infos = presets
    .map((p) => state.catalog.find(p.id, { version: p.version })?.set)
    .filter((s): s is CriteriaSet => s !== undefined)
    .map((s) => presetInfo(s, lang))
    .join('');
  const messages = (['working', 'done', 'noFile', 'badJson', 'noPeriod'] as const)
    .map((k) => `data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${w(k)}"`)
    .join(' ');
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${w('title')}</title><style nonce="${nonce}">${CSS}</style></head><body>
<header><h1>${w('title')}</h1><nav><a href="/?lang=${lang === 'vi' ? 'en' : 'vi'}" hreflang="${lang === 'vi' ? 'en' : 'vi'}">${w('other')}</a> · <a href="/docs">${w('api')}</a></nav></header>
<p>${w('intro')}</p>
<form id="f" novalidate>
<div><label for="preset">${w('preset')}</label><select id="preset" name="preset">${options}</select></div>
${infos}
<div><label for="period">${w('period')}</label><input type="text" id="period" name="period" inputmode="numeric" placeholder="2025-01..2025-12" aria-describedby="period-hint" autocomplete="off"><p class="hint" id="period-hint">${w('periodHint')}</p></div>
<div><label for="data">${w('data')}</label><input type="file" id="data" name="data" accept=".xlsx,.csv,.json,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="data-hint"><p class="hint" id="data-hint">${w('dataHint')}</p></div>
<div class="actions" id="downloads"><button type="submit" id="view">${w('view')}</button><button type="button" class="secondary" id="get-html">${w('getHtml')}</button><button type="button" class="secondary" id="get-xlsx">${w('getXlsx')}</button></div>
</form>
<p id="status" role="status" aria-live="polite" ${messages}></p>
<iframe id="scorecard" title="${w('frame')}" sandbox hidden></iframe>
<script nonce="${nonce}">${CLIENT_JS}</script>
</body></html>
`;
  // The scorecard shown in the frame (srcdoc) inherits this policy: its one style sheet is allowed by hash.
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}' ${SCORECARD_STYLE_HASH}`,
    "connect-src 'self'",
    'img-src data:',
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, csp };
}

/** `GET /`: the page. */
export async function webRoutes(app: FastifyInstance, opts: { readonly state: CnscdState }): Promise<void> {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const lang: Lang = (request.query as { lang?: string }).lang === 'en' ? 'en' : 'vi';
    const { html, csp } = renderPage(opts.state, lang);
    return reply
      .header('content-security-policy', csp)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(html);
  });
}
