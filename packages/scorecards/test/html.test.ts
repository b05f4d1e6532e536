import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { renderScorecardHtml, SCORECARD_CSP, SCORECARD_STYLE_HASH } from '../src/index.js';
import { benTre, XSS } from './fixtures.js';

const { result, preset } = benTre();
const html = renderScorecardHtml(result, { preset: { sources: preset.sources } });

/** Vietnamese writing of a number, read back: `12.131` → 12131, `69,9` → 69.9. */
const viNumber = (s: string): number => Number(s.replace(/\./g, '').replace(',', '.').replace('%', ''));

describe('renderScorecardHtml', () => {
  it('is one self-contained page: no script, no other host', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it('has one style sheet, allowed by the CSP by its hash, and no inline style attribute', () => {
    const sheets = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    expect(sheets.length).toBe(1);
    expect(`'sha256-${createHash('sha256').update(sheets[0]![1]!).digest('base64')}'`).toBe(SCORECARD_STYLE_HASH);
    expect(SCORECARD_CSP).toContain(`style-src ${SCORECARD_STYLE_HASH}`);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('shows the XSS name as text', () => {
    expect(html).not.toContain(XSS);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('writes the preset, period, date and sources in Vietnamese', () => {
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('01/2023 – 12/2023');
    expect(html).toContain('31/12/2023');
    for (const s of preset.sources ?? []) expect(html).toContain(s.number.replace(/&/g, '&amp;'));
  });

  it('ranked tables carry the roll-up numbers, written as Vietnamese write them', () => {
    const rows = [...html.matchAll(/<section class="wide level"[^>]*data-level="district"[\s\S]*?<\/section>/g)][0]![0];
    const trs = [...rows.matchAll(/<tr><td class="n">(\d+)<\/td><td>(?:<a [^>]*>)?([^<]*)(?:<\/a>)?<\/td>[\s\S]*?<\/tr>/g)];
    const districts = result.rollup!.units.filter((u) => u.level === 'district');
    expect(trs.length).toBe(districts.length);
    for (const tr of trs) {
      const u = districts.find((d) => d.name === tr[2])!;
      const cells = [...tr[0].matchAll(/<td class="n"(?: data-value="([^"]*)")?>([^<]*)<\/td>/g)];
      const percentCell = cells.find((c) => c[2]!.endsWith('%') && c[1] !== undefined)!;
      expect(Number(percentCell[1])).toBe(u.meanPercent);
      expect(viNumber(percentCell[2]!)).toBeCloseTo(u.meanPercent!, 1);
      const members = cells.filter((c) => c[1] !== undefined).at(-1)!;
      expect(Number(members[1])).toBe(u.members);
      expect(viNumber(members[2]!)).toBe(u.members);
    }
    expect(html).toContain('6.945'); // the province's members, with a thousands dot
  });

  it('gives every team a card with every criterion and a status label, not an id', () => {
    expect((html.match(/<article class="card"/g) ?? []).length).toBe(result.subjects.length);
    expect(html).toContain('Không áp dụng');
    expect(html).not.toMatch(/>not-applicable</);
  });

  it('writes cards only for the chosen unit in a large result', () => {
    const commune = result.rollup!.units.find((u) => u.level === 'commune' && u.teams > 0)!;
    const some = renderScorecardHtml(result, { unit: commune.orgUnitId, maxTeamCards: 10 });
    const cards = (some.match(/<article class="card"/g) ?? []).length;
    expect(cards).toBeGreaterThan(0);
    expect(cards).toBeLessThan(result.subjects.length);
    const none = renderScorecardHtml(result, { maxTeamCards: 10 });
    expect(none).not.toContain('<article class="card"');
    expect(none).toContain('thẻ điểm từng tổ chỉ in cho một đơn vị');
  });

  it('says so when the chosen unit does not exist, and renders a result without roll-up', () => {
    expect(renderScorecardHtml(result, { unit: 'no-such-unit' })).toContain('Không tìm thấy đơn vị được chọn: no-such-unit.');
    const { rollup: _rollup, ...flat } = result;
    const page = renderScorecardHtml(flat);
    expect(page).toContain('Kết quả không có số liệu tổng hợp theo cấp.');
    expect((page.match(/<article class="card"/g) ?? []).length).toBe(result.subjects.length);
  });

  it('writes English on request', () => {
    const en = renderScorecardHtml(result, { lang: 'en' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('6,945');
    expect(en).toContain('Not applicable');
  });
});
