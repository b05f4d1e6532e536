/**
 * The scorecard as one self-contained HTML file: inline CSS and SVG, no script, no request to any other
 * host; prints on A4 (ranked tables on landscape pages). Every value from a result or preset is escaped.
 */
import { createHash } from 'node:crypto';
import type { EvaluationResult, RollupUnit, SubjectResult } from '@cnscd/core';
import { buildModel, TIER_COLORS, descendants, rankedUnits, type ScorecardModel, type Tier } from './internal/model.js';
import { coverageChart, ratingChart } from './internal/svg.js';
import { esc, num, pct, pick, SEVERITY_LABELS, STATUS_LABELS, type Lang } from './internal/text.js';
import { WORDS, type Word } from './internal/words.js';
import type { ScorecardOptions } from './options.js';

/** Units drawn in a chart; the table below it lists them all. */
const CHART_UNITS = 30;
const DEFAULT_MAX_ROWS = 500;
/** Rows of drill-down tables written without a chosen unit. */
const DRILL_BUDGET = 4_000;

const BASE_CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d0d7de;--head:#f6f8fa;--accent:#0969da}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--fg);margin:0 auto;padding:16px;max-width:1200px}
h1{font-size:1.45rem;margin:.2em 0 .4em}h2{font-size:1.2rem;margin:1.6em 0 .5em;border-bottom:2px solid var(--line);padding-bottom:.2em}
h3{font-size:1.05rem;margin:1.2em 0 .4em}a{color:var(--accent)}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:0}dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:.4em 0 1em}
th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
th{background:var(--head);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.muted{color:var(--muted)}.small{font-size:.88em}
.chart{max-width:760px;display:block;margin:.4em 0 1em;font:11px system-ui,Arial,sans-serif}
.chart text{fill:var(--fg)}.chart .axis{fill:var(--muted)}
.card{border:1px solid var(--line);border-radius:6px;padding:6px 10px;margin:.8em 0}
.card,section.unit{content-visibility:auto;contain-intrinsic-size:auto 420px}
.card h3{margin:.2em 0}
.s-passed{color:#1a7f37}.s-partial{color:#9a6700}.s-failed{color:#cf222e}.s-not-applicable{color:var(--muted)}.s-error{color:#cf222e;font-weight:600}
.sev-error{color:#cf222e;font-weight:600}.sev-warning{color:#9a6700}
.tier{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.3em;vertical-align:-.05em}
nav ul{margin:.2em 0;padding-left:1.2em}
footer{margin-top:2em;color:var(--muted);font-size:.85em}
@media (max-width:640px){body{padding:8px;font-size:13px}dl.meta{grid-template-columns:1fr}dl.meta dt{font-weight:600}}
@page{size:A4;margin:12mm}
@page wide{size:A4 landscape;margin:10mm}
@media print{body{max-width:none;padding:0;font-size:10pt}.wide{page:wide}a{color:inherit;text-decoration:none}
 .card,tr,.chart{break-inside:avoid}h2,h3{break-after:avoid}.scroll{overflow:visible}nav{display:none}}
`;

/**
 * The page's one style sheet: fixed, so that a Content-Security-Policy can allow it by hash.
 *
 * @example
 * ```ts
 * html.includes(`<style>${SCORECARD_CSS}</style>`); // true
 * ```
 */
export const SCORECARD_CSS = BASE_CSS + TIER_COLORS.map((c, i) => `.c${i}{background:${c}}`).join('') + '\n';

/**
 * `style-src` source of {@link SCORECARD_CSS}, for a Content-Security-Policy.
 *
 * @example
 * ```ts
 * const csp = `default-src 'none'; style-src ${SCORECARD_STYLE_HASH}`;
 * ```
 */
export const SCORECARD_STYLE_HASH = `'sha256-${createHash('sha256').update(SCORECARD_CSS).digest('base64')}'`;

/**
 * The Content-Security-Policy an HTML scorecard is served with: nothing may load or run, the one style
 * sheet is allowed by its hash.
 *
 * @example
 * ```ts
 * reply.header('content-security-policy', SCORECARD_CSP).type('text/html; charset=utf-8').send(html);
 * ```
 */
export const SCORECARD_CSP = `default-src 'none'; style-src ${SCORECARD_STYLE_HASH}; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/**
 * Render a result as one self-contained HTML page.
 *
 * @example
 * ```ts
 * import { renderScorecardHtml } from '@cnscd/scorecards';
 * const html = renderScorecardHtml(result, { lang: 'vi', preset: { sources: preset.sources } });
 * await writeFile('bang-diem.html', html);
 * ```
 */
export function renderScorecardHtml(result: EvaluationResult, options: ScorecardOptions = {}): string {
  const m = buildModel(result, options);
  drilled.set(m, chooseDrilled(m));
  const w = (k: Word): string => pick(WORDS[k], m.lang);
  const title = pick(result.criteriaSet.title, m.lang);
  const out: string[] = [];
  out.push(
    `<!doctype html><html lang="${m.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`,
    `<meta name="referrer" content="no-referrer"><title>${esc(`${w('scorecard')} — ${title}`)}</title><style>${SCORECARD_CSS}</style></head><body>`,
  );
  out.push(header(m, options, w));
  out.push(contents(m, w));
  out.push(levelSections(m, options, w));
  out.push(drillDown(m, w));
  out.push(teamCards(m, w));
  out.push(problemsSection(m, w));
  out.push(
    `<footer>cnscd · ${esc(result.criteriaSet.id)}@${esc(result.criteriaSet.version)}${options.generatedAt === undefined ? '' : ` · ${esc(options.generatedAt)}`}</footer></body></html>\n`,
  );
  return out.join('\n');
}

function fill(s: string, values: Record<string, string | number>): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

function header(m: ScorecardModel, options: ScorecardOptions, w: (k: Word) => string): string {
  const r = m.result;
  const lang = m.lang;
  const sources = options.preset?.sources ?? [];
  const sourceItems = sources
    .map((s) => {
      const t = s.title === undefined ? '' : ` — ${esc(pick(s.title, lang))}`;
      const d = s.date === undefined ? '' : ` (${esc(date(s.date, lang))})`;
      return `<li>${esc(s.number)}${d}${t}</li>`;
    })
    .join('');
  const period = r.period.from === r.period.to ? month(r.period.from, lang) : `${month(r.period.from, lang)} – ${month(r.period.to, lang)}`;
  const summaryTiers = m.tiers
    .map((t) => `<span class="tier ${t.cls}"></span>${esc(pick(t.label, lang))}: ${num(r.summary.ratings[t.id] ?? 0, lang)}`)
    .join(' · ');
  return [
    `<header><p class="muted">${esc(w('scorecard'))} · Tổ công nghệ số cộng đồng</p><h1>${esc(pick(r.criteriaSet.title, lang))}</h1>`,
    options.preset?.description === undefined ? '' : `<p>${esc(pick(options.preset.description, lang))}</p>`,
    `<dl class="meta"><dt>${esc(w('criteriaSet'))}</dt><dd>${esc(r.criteriaSet.id)}, ${esc(w('version'))} ${esc(r.criteriaSet.version)}</dd>`,
    sourceItems === '' ? '' : `<dt>${esc(w('derivedFrom'))}</dt><dd><ul class="sources">${sourceItems}</ul></dd>`,
    `<dt>${esc(w('period'))}</dt><dd>${esc(period)}</dd><dt>${esc(w('asOf'))}</dt><dd>${esc(date(r.asOf, lang))}</dd>`,
    `<dt>${esc(w('teamsScored'))}</dt><dd>${num(r.summary.subjects, lang)}</dd><dt>${esc(w('meanPercent'))}</dt><dd>${pct(r.summary.meanPercent, lang)}</dd>`,
    summaryTiers === '' ? '' : `<dt>${esc(w('rating'))}</dt><dd>${summaryTiers}</dd>`,
    `</dl></header>`,
  ].join('');
}

function contents(m: ScorecardModel, w: (k: Word) => string): string {
  const items = m.levels.map((l) => `<li><a href="#level-${m.levels.indexOf(l)}">${esc(m.levelLabel(l))}</a></li>`);
  items.push(`<li><a href="#drill">${esc(w('drillDown'))}</a></li>`, `<li><a href="#teams">${esc(w('teamCards'))}</a></li>`);
  items.push(`<li><a href="#problems">${esc(w('problems'))} (${num(m.result.problems.length, m.lang)})</a></li>`);
  return `<nav aria-label="${esc(w('contents'))}"><h2>${esc(w('contents'))}</h2><ul>${items.join('')}</ul></nav>`;
}

/** The unit's rating: the tier its mean percent reaches when tiers have cut-offs, else the most common. */
function unitTier(m: ScorecardModel, u: RollupUnit, options: ScorecardOptions): Tier | undefined {
  if (u.meanPercent === null) return undefined;
  if (options.ratings !== undefined) {
    const byCut = [...options.ratings].sort((a, b) => b.minPercent - a.minPercent).find((t) => u.meanPercent! >= t.minPercent);
    return byCut === undefined ? undefined : m.tiers.find((t) => t.id === byCut.id);
  }
  let best: Tier | undefined;
  for (const t of m.tiers) if ((u.ratings[t.id] ?? 0) > (best === undefined ? 0 : (u.ratings[best.id] ?? 0))) best = t;
  return best;
}

function levelSections(m: ScorecardModel, options: ScorecardOptions, w: (k: Word) => string): string {
  if (m.levels.length === 0) return `<p class="muted">${esc(w('noRollup'))}</p>`;
  const lang = m.lang;
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const covLevel = m.coverageLevel;
  const covLabel = covLevel === undefined ? '' : m.levelLabel(covLevel);
  return m.levels
    .map((level, li) => {
      let units = rankedUnits(m, level);
      // A chosen unit narrows long tables to its own part of the country.
      if (units.length > maxRows && m.focus !== undefined) {
        const inside = new Set([m.focus.orgUnitId, ...descendants(m.focus.orgUnitId, m.children).map((u) => u.orgUnitId)]);
        units = units.filter((u) => inside.has(u.orgUnitId));
      }
      const shown = units.slice(0, maxRows);
      const isLowest = level === covLevel;
      const rows = shown.map((u, i) => {
        const parent = u.parentId === null ? undefined : m.units.get(u.parentId);
        const tier = unitTier(m, u, options);
        const c = covLevel === undefined ? undefined : u.units[covLevel];
        const coverage = isLowest
          ? esc(pick(u.teams > 0 ? WORDS.yes : WORDS.no, lang))
          : c === undefined
            ? '–'
            : `${num(c.withTeam, lang)}/${num(c.total, lang)} (${pct(c.total === 0 ? null : (c.withTeam / c.total) * 100, lang)})`;
        return (
          `<tr><td class="n">${i + 1}</td><td>${unitLink(m, u)}</td><td>${parent === undefined ? '' : unitLink(m, parent)}</td>` +
          `<td class="n">${u.rank === null ? '–' : `${num(u.rank, lang)}/${num(u.rankOf, lang)}`}</td>` +
          `<td class="n" data-value="${u.meanScore ?? ''}">${num(u.meanScore, lang)}</td><td class="n" data-value="${u.meanPercent ?? ''}">${pct(u.meanPercent, lang)}</td>` +
          `<td>${tier === undefined ? '–' : `<span class="tier ${tier.cls}"></span>${esc(pick(tier.label, lang))}`}</td>` +
          `<td class="n" data-value="${u.teams}">${num(u.teams, lang)}</td><td class="n">${coverage}</td><td class="n" data-value="${u.members}">${num(u.members, lang)}</td></tr>`
        );
      });
      const covHead = isLowest ? w('hasTeam') : `${covLabel} ${w('withTeam')} / ${w('unitsTotal').toLowerCase()}`;
      const chartUnits = shown.slice(0, CHART_UNITS);
      const chartNote = shown.length > CHART_UNITS ? `<p class="muted small">${esc(fill(w('chartTop'), { n: CHART_UNITS }))}</p>` : '';
      const more =
        units.length > shown.length ? `<p class="muted">${esc(fill(w('moreRows'), { n: num(units.length - shown.length, lang) }))}</p>` : '';
      const charts =
        `<h3>${esc(w('ratingChart'))}</h3>${ratingChart(chartUnits, m.tiers, lang, `${w('ratingChart')} — ${m.levelLabel(level)}`)}` +
        (isLowest || covLevel === undefined
          ? ''
          : `<h3>${esc(w('coverageChart'))}: ${esc(covLabel)} ${esc(w('withTeam'))}</h3>${coverageChart(chartUnits, covLevel, lang, `${w('coverageChart')} — ${m.levelLabel(level)}`)}`) +
        chartNote;
      return (
        `<section class="wide level" id="level-${li}" data-level="${esc(level)}"><h2>${esc(w('byLevel'))}: ${esc(m.levelLabel(level))}</h2>${charts}` +
        `<div class="scroll"><table class="ranked"><thead><tr><th class="n">${esc(w('position'))}</th><th>${esc(w('unit'))}</th><th>${esc(w('parent'))}</th><th class="n">${esc(w('rank'))}</th>` +
        `<th class="n">${esc(w('meanScore'))}</th><th class="n">${esc(w('percent'))}</th><th>${esc(w('rating'))}</th><th class="n">${esc(w('teams'))}</th><th class="n">${esc(covHead)}</th><th class="n">${esc(w('members'))}</th></tr></thead>` +
        `<tbody>${rows.join('')}</tbody></table></div>${more}</section>`
      );
    })
    .join('\n');
}

function unitLink(m: ScorecardModel, u: RollupUnit): string {
  return drilled.has(m) && drilled.get(m)!.has(u.orgUnitId) ? `<a href="#${m.unitAnchor.get(u.orgUnitId)!}">${esc(u.name)}</a>` : esc(u.name);
}

/** Units that get a drill-down section, per model: links are written only to anchors that exist. */
const drilled = new WeakMap<ScorecardModel, Set<string>>();

function chooseDrilled(m: ScorecardModel): Set<string> {
  const set = new Set<string>();
  const all = m.result.rollup?.units ?? [];
  if (m.focus !== undefined) {
    // The chain above the chosen unit, and everything below it.
    for (let u: RollupUnit | undefined = m.focus; u !== undefined; u = u.parentId === null ? undefined : m.units.get(u.parentId))
      set.add(u.orgUnitId);
    for (const u of descendants(m.focus.orgUnitId, m.children)) set.add(u.orgUnitId);
    return set;
  }
  // Top down, level by level, while the rows written stay within the budget.
  let rows = 0;
  for (const level of m.levels) {
    const atLevel = all.filter((u) => u.level === level);
    const cost = atLevel.reduce((s, u) => s + (m.children.get(u.orgUnitId)?.length ?? 0) + (m.subjectsByUnit.get(u.orgUnitId)?.length ?? 0), 0);
    if (rows + cost > DRILL_BUDGET && rows > 0) break;
    rows += cost;
    for (const u of atLevel) set.add(u.orgUnitId);
  }
  return set;
}

function drillDown(m: ScorecardModel, w: (k: Word) => string): string {
  const set = drilled.get(m) ?? new Set<string>();
  const lang = m.lang;
  const parts: string[] = [];
  for (const u of m.result.rollup?.units ?? []) {
    if (!set.has(u.orgUnitId)) continue;
    const parent = u.parentId === null ? undefined : m.units.get(u.parentId);
    const kids = [...(m.children.get(u.orgUnitId) ?? [])].sort(
      (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name, 'vi'),
    );
    const teams = teamOrder(m.subjectsByUnit.get(u.orgUnitId) ?? []);
    const kidRows = kids
      .map(
        (k) =>
          `<tr><td class="n">${k.rank === null ? '–' : num(k.rank, lang)}</td><td>${unitLink(m, k)}</td><td>${esc(m.levelLabel(k.level))}</td><td class="n">${pct(k.meanPercent, lang)}</td><td class="n">${num(k.teams, lang)}</td><td class="n">${num(k.members, lang)}</td></tr>`,
      )
      .join('');
    const teamRows = teams
      .map(
        (s) =>
          `<tr><td>${teamLink(m, s)}</td><td class="n">${num(s.score, lang)}/${num(s.maxScore, lang)}</td><td class="n">${pct(s.percent, lang)}</td><td>${ratingText(m, s)}</td></tr>`,
      )
      .join('');
    parts.push(
      `<section class="unit" id="${m.unitAnchor.get(u.orgUnitId)!}"><h3>${esc(u.name)} <span class="muted small">(${esc(m.levelLabel(u.level))})</span></h3>` +
        (parent === undefined ? '' : `<p class="small">${esc(w('up'))}: ${unitLink(m, parent)}</p>`) +
        (kidRows === ''
          ? ''
          : `<table class="children"><thead><tr><th class="n">${esc(w('rank'))}</th><th>${esc(w('unit'))}</th><th>${esc(w('level'))}</th><th class="n">${esc(w('percent'))}</th><th class="n">${esc(w('teams'))}</th><th class="n">${esc(w('members'))}</th></tr></thead><tbody>${kidRows}</tbody></table>`) +
        (teamRows === ''
          ? ''
          : `<table class="unit-teams"><thead><tr><th>${esc(w('team'))}</th><th class="n">${esc(w('score'))}</th><th class="n">${esc(w('percent'))}</th><th>${esc(w('rating'))}</th></tr></thead><tbody>${teamRows}</tbody></table>`) +
        `</section>`,
    );
  }
  return `<section id="drill"><h2>${esc(w('drillDown'))}</h2>${parts.join('\n')}</section>`;
}

function teamOrder(list: readonly SubjectResult[]): SubjectResult[] {
  return [...list].sort((a, b) => b.percent - a.percent || (a.subject.id < b.subject.id ? -1 : 1));
}

function teamLink(m: ScorecardModel, s: SubjectResult): string {
  return m.carded.has(s) ? `<a href="#${m.subjectAnchor.get(s)!}">${esc(s.subject.id)}</a>` : esc(s.subject.id);
}

function ratingText(m: ScorecardModel, s: SubjectResult): string {
  if (s.rating === null) return `<span class="muted">${esc(pick(WORDS.notRated, m.lang))}</span>`;
  const tier = m.tiers.find((t) => t.id === s.rating!.id);
  return `${tier === undefined ? '' : `<span class="tier ${tier.cls}"></span>`}${esc(pick(s.rating.label, m.lang))}`;
}

function teamCards(m: ScorecardModel, w: (k: Word) => string): string {
  const lang = m.lang;
  const intro: string[] = [];
  if (m.cardsOmitted) intro.push(`<p class="muted">${esc(fill(w('cardsOmitted'), { n: num(m.result.subjects.length, lang) }))}</p>`);
  const chosen = m.result.rollup === undefined ? undefined : m.focus;
  if (chosen !== undefined) intro.push(`<p>${esc(fill(w('cardsFor'), { unit: chosen.name }))}</p>`);
  else if (m.unitId !== undefined && m.carded.size === 0) intro.push(`<p class="muted">${esc(fill(w('unitNotFound'), { unit: m.unitId }))}</p>`);
  const cards: string[] = [];
  for (const s of m.result.subjects) {
    if (!m.carded.has(s)) continue;
    const unit = m.units.get(s.subject.orgUnitId);
    const rows = s.criteria
      .map(
        (c) =>
          `<tr><td>${esc(pick(c.title, lang))}</td><td class="n">${c.status === 'not-applicable' ? '–' : `${num(c.points, lang, 2)}/${num(c.maxPoints, lang, 2)}`}</td>` +
          `<td class="s-${c.status}">${esc(pick(STATUS_LABELS[c.status], lang))}</td><td class="small">${esc(c.reason === undefined ? (c.error?.message ?? '') : pick(c.reason, lang))}</td></tr>`,
      )
      .join('');
    cards.push(
      `<article class="card" id="${m.subjectAnchor.get(s)!}"><h3>${esc(w('team'))} ${esc(s.subject.id)}${unit === undefined ? '' : ` — ${unit !== undefined && m.unitAnchor.has(unit.orgUnitId) ? unitLink(m, unit) : esc(unit.name)}`}</h3>` +
        `<p>${esc(w('score'))}: <strong>${num(s.score, lang)}/${num(s.maxScore, lang)}</strong> (${pct(s.percent, lang)}) · ${esc(w('rating'))}: ${ratingText(m, s)}${s.complete ? '' : ` · <span class="s-error">${esc(w('incomplete'))}</span>`}</p>` +
        `<table class="criteria"><thead><tr><th>${esc(w('criterion'))}</th><th class="n">${esc(w('points'))}</th><th>${esc(w('status'))}</th><th>${esc(w('reason'))}</th></tr></thead><tbody>${rows}</tbody></table></article>`,
    );
  }
  return `<section id="teams"><h2>${esc(w('teamCards'))}</h2>${intro.join('')}${cards.join('\n')}</section>`;
}

function problemsSection(m: ScorecardModel, w: (k: Word) => string): string {
  const lang = m.lang;
  const problems = [...m.result.problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const body =
    problems.length === 0
      ? `<p>${esc(w('noProblems'))}</p>`
      : `<div class="scroll"><table class="problems"><thead><tr><th>${esc(w('severity'))}</th><th>${esc(w('message'))}</th><th>${esc(w('where'))}</th></tr></thead><tbody>` +
        problems
          .map(
            (p) =>
              `<tr><td class="sev-${esc(p.severity)}">${esc(pick(SEVERITY_LABELS[p.severity] ?? { vi: p.severity, en: p.severity }, lang))}</td><td>${esc(pick(p.message, lang))}</td><td class="small">${esc(p.path)}</td></tr>`,
          )
          .join('') +
        `</tbody></table></div>`;
  return `<section id="problems"><h2>${esc(w('problems'))}</h2>${body}</section>`;
}

/** `2025-06` as `06/2025` (vi); ISO in English (unambiguous abroad). */
function month(ym: string, lang: Lang): string {
  const [y, mo] = ym.split('-');
  return lang === 'vi' && y !== undefined && mo !== undefined ? `${mo}/${y}` : ym;
}

/** `2025-12-31` as `31/12/2025` (vi); ISO in English. */
function date(iso: string, lang: Lang): string {
  const [y, mo, d] = iso.split('-');
  return lang === 'vi' && y !== undefined && mo !== undefined && d !== undefined ? `${d}/${mo}/${y}` : iso;
}
