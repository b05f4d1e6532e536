/**
 * What placement with lineage costs at national scale (issue 18), in memory: the generated national
 * dataset evaluated fast as it is and with the 2025 reform in lineage (bench/national-reform.ts), medians
 * of `runs` runs after a warm-up, one JSON line that also says whether every team was placed. `npm run
 * bench` measures the same end to end (`placementOverheadRatio`).
 *
 *   node --expose-gc --conditions=source --import tsx bench/reform-placement.ts [runs]
 */
import { evaluateSync } from '../packages/core/src/evaluate/evaluate.js';
import type { Dataset } from '../packages/core/src/model/types.js';
import { benchCriteriaSet } from './criteria.js';
import { generateNational } from './national.js';
import { withNationalReform } from './national-reform.js';
import { median, nowMs } from './timing.js';

const runs = Number(process.argv[2] ?? 3);
const plain = generateNational({ shape: '63', seed: 20250701 });
const reformed = withNationalReform(plain);
const options = { period: '2025-01..2025-12', explain: false } as const;
const time = (d: Dataset): number => {
  const t = nowMs();
  const r = evaluateSync(d, benchCriteriaSet, options);
  if (r.subjects.length === 0) throw new Error('nothing scored');
  return nowMs() - t;
};
const a: number[] = [];
const b: number[] = [];
time(plain);
time(reformed);
for (let i = 0; i < runs; i++) {
  a.push(time(plain));
  b.push(time(reformed));
}
const r = evaluateSync(reformed, benchCriteriaSet, options);
const province = (id: string) => r.rollup!.units.find((u) => u.orgUnitId === id);
const placed = r.rollup!.units.filter((u) => u.parentId === null).reduce((s, u) => s + u.teams, 0);
console.log(
  JSON.stringify({
    teams: plain.teams.length,
    units: reformed.orgUnits.length,
    oldCommunes: reformed.orgUnits.filter((u) => u.level === 'commune' && u.validTo === END).length,
    newCommunes: reformed.orgUnits.filter((u) => u.level === 'commune' && u.validFrom === EFFECTIVE).length,
    placed,
    unplaced: (r.rollup!.unplaced ?? []).reduce((s, e) => s + e.teams, 0),
    errors: r.problems.filter((p) => p.severity === 'error').length,
    firstProvinceTeams: province(plain.orgUnits[0]!.id)?.teams ?? null,
    plainMs: Math.round(median(a)),
    lineageMs: Math.round(median(b)),
    placementOverheadRatio: Number((median(b) / median(a)).toFixed(3)),
  }),
);
