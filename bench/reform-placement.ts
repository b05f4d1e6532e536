/**
 * What placement with lineage costs at national scale (issue 18), in memory: the generated national
 * dataset evaluated fast as it is, with every commune taken over by a new one of its own (`merge: 1`, the
 * same roll-up) and with the reform's 3:1 merger and districts gone (`merge: 3`; bench/national-reform.ts);
 * medians of `runs` interleaved runs after a warm-up, one JSON line that also says whether every team was
 * placed. `npm run bench` measures the first two end to end (`placementOverheadRatio`).
 *
 *   node --expose-gc --conditions=source --import tsx bench/reform-placement.ts [runs]
 */
import { evaluateSync } from '../packages/core/src/evaluate/evaluate.js';
import type { Dataset } from '../packages/core/src/model/types.js';
import { benchCriteriaSet } from './criteria.js';
import { generateNational } from './national.js';
import { END, EFFECTIVE, withNationalReform } from './national-reform.js';
import { median, nowMs } from './timing.js';

const runs = Number(process.argv[2] ?? 3);
const plain = generateNational({ shape: '63', seed: 20250701 });
const variants = { plain, sameShape: withNationalReform(plain, 1), merged: withNationalReform(plain, 3) };
const options = { period: '2025-01..2025-12', explain: false } as const;
const time = (d: Dataset): number => {
  const t = nowMs();
  const r = evaluateSync(d, benchCriteriaSet, options);
  if (r.subjects.length === 0) throw new Error('nothing scored');
  return nowMs() - t;
};
const times = { plain: [] as number[], sameShape: [] as number[], merged: [] as number[] };
for (const d of Object.values(variants)) time(d);
// Interleaved, so that a busy neighbour slows all three alike.
for (let i = 0; i < runs; i++) for (const [k, d] of Object.entries(variants)) times[k as keyof typeof times].push(time(d));
const placedOf = (d: Dataset) => {
  const r = evaluateSync(d, benchCriteriaSet, options);
  return {
    placed: r.rollup!.units.filter((u) => u.parentId === null).reduce((s, u) => s + u.teams, 0),
    unplaced: (r.rollup!.unplaced ?? []).reduce((s, e) => s + e.teams, 0),
    rollupUnits: r.rollup!.units.length,
  };
};
console.log(
  JSON.stringify({
    teams: plain.teams.length,
    oldCommunes: variants.merged.orgUnits.filter((u) => u.level === 'commune' && u.validTo === END).length,
    newCommunesMerged: variants.merged.orgUnits.filter((u) => u.level === 'commune' && u.validFrom === EFFECTIVE).length,
    sameShape: placedOf(variants.sameShape),
    merged: placedOf(variants.merged),
    plainMs: Math.round(median(times.plain)),
    sameShapeMs: Math.round(median(times.sameShape)),
    mergedMs: Math.round(median(times.merged)),
    placementOverheadRatio: Number((median(times.sameShape) / median(times.plain)).toFixed(3)),
    mergedRatio: Number((median(times.merged) / median(times.plain)).toFixed(3)),
  }),
);
