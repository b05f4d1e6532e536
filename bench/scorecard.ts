/**
 * `npm run bench:scorecard`: how long scorecards take for a province of about 3,000 teams and for the
 * nation (74,422 teams, synthetic, seeded; see national.ts).
 *
 * - province: HTML written (renderScorecardHtml), Chromium load-to-screenshot of that file (Debian's
 *   /usr/bin/chromium via playwright-core, or CNSCD_CHROMIUM), XLSX written (renderScorecardXlsx);
 * - nation: the aggregate HTML (no team cards without a unit) and its Chromium load-to-screenshot.
 *
 * Evaluation is not timed here (see `npm run bench`). Each figure is the median of `RUNS` runs after one
 * warm-up. The last line is JSON.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { evaluateSync, type Dataset } from '../packages/core/src/index.js';
import { resolvePreset } from '../packages/criteria-presets/src/index.js';
import { renderScorecardHtml, renderScorecardXlsx } from '../packages/scorecards/src/index.js';
import { generateNational } from './national.js';
import { median, nowMs } from './timing.js';

const RUNS = Number(process.env.RUNS ?? 3);
const TARGET_TEAMS = 3_000;
const CHROMIUM = process.env.CNSCD_CHROMIUM ?? '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'cnscd-scorecard-bench-'));
const log = (s: string): void => void process.stderr.write(`${s}\n`);

async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  let value = await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = nowMs();
    value = await fn();
    times.push(nowMs() - t0);
  }
  return { ms: Math.round(median(times)), value };
}

/** The province whose team count is nearest 3,000, as a dataset of its own. */
function province(national: Dataset): { dataset: Dataset; name: string } {
  const parent = new Map(national.orgUnits.map((u) => [u.id, u.parentId ?? null]));
  const rootOf = (id: string): string => {
    let at = id;
    for (let p = parent.get(at); p !== null && p !== undefined; p = parent.get(at)) at = p;
    return at;
  };
  const teams = new Map<string, number>();
  for (const t of national.teams) teams.set(rootOf(t.orgUnitId), (teams.get(rootOf(t.orgUnitId)) ?? 0) + 1);
  const [root] = [...teams.entries()].sort((a, b) => Math.abs(a[1] - TARGET_TEAMS) - Math.abs(b[1] - TARGET_TEAMS))[0]!;
  const units = new Set(national.orgUnits.filter((u) => rootOf(u.id) === root).map((u) => u.id));
  const teamIds = new Set(national.teams.filter((t) => units.has(t.orgUnitId)).map((t) => t.id));
  const dataset: Dataset = {
    ...national,
    orgUnits: national.orgUnits.filter((u) => units.has(u.id)),
    teams: national.teams.filter((t) => teamIds.has(t.id)),
    ...(national.reports === undefined ? {} : { reports: national.reports.filter((r) => teamIds.has(r.teamId)) }),
    ...(national.indicators === undefined ? {} : { indicators: national.indicators.filter((i) => units.has(i.orgUnitId)) }),
  };
  return { dataset, name: national.orgUnits.find((u) => u.id === root)!.name };
}

async function chromiumLoad(html: string, file: string): Promise<number> {
  const path = join(dir, file);
  writeFileSync(path, html);
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const { ms } = await timed(async () => {
      await page.goto(`file://${path}`, { waitUntil: 'load' });
      await page.screenshot({ path: join(dir, `${file}.png`) });
    });
    return ms;
  } finally {
    await browser.close();
  }
}

const set = resolvePreset('national-2024');
log('generating the nation (34 provinces, 74,422 teams)…');
const national = generateNational({ shape: '34', seed: 20250701 });
const prov = province(national);
log(`province: ${prov.name}, ${prov.dataset.teams.length} teams; evaluating (explained)…`);
const provResult = evaluateSync(prov.dataset, set, { period: '2025-01..2025-12' });
const options = { preset: { sources: set.sources }, ratings: set.ratings };

const provHtml = await timed(() => renderScorecardHtml(provResult, options));
log(`province HTML: ${provHtml.ms} ms, ${(provHtml.value.length / 1e6).toFixed(1)} MB`);
const provXlsx = await timed(() => renderScorecardXlsx(provResult, options));
log(`province XLSX: ${provXlsx.ms} ms, ${(provXlsx.value.byteLength / 1e6).toFixed(1)} MB`);
const provLoad = await chromiumLoad(provHtml.value, 'province.html');
log(`province Chromium load to screenshot: ${provLoad} ms`);

log('evaluating the nation (not explained)…');
const natResult = evaluateSync(national, set, { period: '2025-01..2025-12', explain: false });
const natHtml = await timed(() => renderScorecardHtml(natResult, options));
log(`national aggregate HTML: ${natHtml.ms} ms, ${(natHtml.value.length / 1e6).toFixed(1)} MB`);
const natLoad = await chromiumLoad(natHtml.value, 'national.html');
log(`national Chromium load to screenshot: ${natLoad} ms`);
rmSync(dir, { recursive: true, force: true });

process.stdout.write(
  `${JSON.stringify({
    runs: RUNS,
    province: {
      teams: prov.dataset.teams.length,
      htmlMs: provHtml.ms,
      htmlBytes: provHtml.value.length,
      chromiumLoadToScreenshotMs: provLoad,
      xlsxMs: provXlsx.ms,
      xlsxBytes: provXlsx.value.byteLength,
    },
    national: { teams: national.teams.length, aggregateHtmlMs: natHtml.ms, htmlBytes: natHtml.value.length, chromiumLoadToScreenshotMs: natLoad },
  })}\n`,
);
