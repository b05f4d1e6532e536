/**
 * Charts as inline SVG: no script, no font or image from anywhere, prints as drawn.
 */
import type { RollupUnit } from '@cnscd/core';
import type { Tier } from './model.js';
import { esc, pct, pick, type Lang } from './text.js';

const W = 760;
const LABEL_W = 200;
const ROW = 18;

function clip(s: string, n = 28): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** One 100% stacked bar per unit: how many of its teams reached each rating. */
export function ratingChart(units: readonly RollupUnit[], tiers: readonly Tier[], lang: Lang, title: string): string {
  const legendH = 22;
  const h = legendH + units.length * ROW + 4;
  const barW = W - LABEL_W - 10;
  const rows = units.map((u, i) => {
    const total = tiers.reduce((s, t) => s + (u.ratings[t.id] ?? 0), 0);
    let x = LABEL_W;
    const y = legendH + i * ROW;
    const parts = tiers.map((t) => {
      const n = u.ratings[t.id] ?? 0;
      if (n === 0 || total === 0) return '';
      const w = (n / total) * barW;
      const rect = `<rect x="${x.toFixed(1)}" y="${y + 2}" width="${w.toFixed(1)}" height="${ROW - 4}" fill="${t.color}"><title>${esc(`${u.name}: ${pick(t.label, lang)} ${n}`)}</title></rect>`;
      x += w;
      return rect;
    });
    return `<text x="${LABEL_W - 6}" y="${y + ROW - 5}" text-anchor="end">${esc(clip(u.name))}</text>${parts.join('')}`;
  });
  let lx = LABEL_W;
  const legend = tiers.map((t) => {
    const label = pick(t.label, lang);
    const item = `<rect x="${lx}" y="4" width="12" height="12" fill="${t.color}"/><text x="${lx + 16}" y="14">${esc(label)}</text>`;
    lx += 24 + label.length * 7;
    return item;
  });
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${W} ${h}" width="100%" xmlns="http://www.w3.org/2000/svg">${legend.join('')}${rows.join('')}</svg>`;
}

/** One bar per unit: the share of its villages (or the lowest level) with a team. */
export function coverageChart(units: readonly RollupUnit[], level: string, lang: Lang, title: string): string {
  const h = 20 + units.length * ROW + 4;
  const barW = W - LABEL_W - 70;
  const grid = [0, 25, 50, 75, 100]
    .map((p) => {
      const x = LABEL_W + (p / 100) * barW;
      return `<line x1="${x}" y1="14" x2="${x}" y2="${h}" stroke="#d0d7de"/><text x="${x}" y="11" text-anchor="middle" class="axis">${p}%</text>`;
    })
    .join('');
  const rows = units.map((u, i) => {
    const c = u.units[level];
    const rate = c === undefined || c.total === 0 ? null : (c.withTeam / c.total) * 100;
    const y = 20 + i * ROW;
    const w = rate === null ? 0 : (rate / 100) * barW;
    return `<text x="${LABEL_W - 6}" y="${y + ROW - 5}" text-anchor="end">${esc(clip(u.name))}</text><rect x="${LABEL_W}" y="${y + 2}" width="${w.toFixed(1)}" height="${ROW - 4}" fill="#0969da"/><text x="${(LABEL_W + w + 4).toFixed(1)}" y="${y + ROW - 5}">${esc(pct(rate, lang))}</text>`;
  });
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${W} ${h}" width="100%" xmlns="http://www.w3.org/2000/svg">${grid}${rows.join('')}</svg>`;
}
