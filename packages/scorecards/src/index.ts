/**
 * @cnscd/scorecards — results an official can read, print and forward: one self-contained HTML page
 * (inline CSS and SVG, no script) and an Excel workbook. Output only: importing spreadsheets lives elsewhere,
 * so a consumer that writes scorecards loads no import code.
 *
 * @example
 * ```ts
 * import { renderScorecardHtml, renderScorecardXlsx } from '@cnscd/scorecards';
 * const html = renderScorecardHtml(result, { lang: 'vi' });
 * const xlsx = await renderScorecardXlsx(result, { lang: 'vi' });
 * ```
 */

// ── renderers ────────────────────────────────────────────────────────────────
export { renderScorecardHtml, SCORECARD_CSP, SCORECARD_CSS, SCORECARD_STYLE_HASH } from './html.js';
export { renderScorecardXlsx, XLSX_FORMATS } from './xlsx.js';

// ── options ──────────────────────────────────────────────────────────────────
export type { Lang, ScorecardOptions } from './options.js';

// ── helpers shared with other writers (CSV, pages) ───────────────────────────
export { cellText, esc as escapeHtml, num as formatNumber, pct as formatPercent, STATUS_LABELS } from './internal/text.js';
