/**
 * What placement with lineage costs at national scale (issue 18): the 63-province generated dataset
 * (74,422 teams) evaluated fast (validate, index, facts, score, roll up) as it is, and with lineage on
 * every commune (a `parentHistory` entry that changes nothing), which sends every unit and team through
 * dataset/placement.ts. Medians of `runs` runs after a warm-up, one JSON line.
 *
 *   node --expose-gc --conditions=source --import tsx bench/reform-placement.ts [runs]
 */
import { evaluateSync } from '../packages/core/src/evaluate/evaluate.js';
import type { Dataset } from '../packages/core/src/model/types.js';
import { benchCriteriaSet } from './criteria.js';
import { generateNational } from './national.js';
import { median, nowMs } from './timing.js';

const runs = Number(process.argv[2] ?? 3);
const plain = generateNational({ shape: '63', seed: 20250701 });
const withLineage: Dataset = {
  ...plain,
  orgUnits: plain.orgUnits.map((u) => (u.level === 'commune' && u.parentId != null ? { ...u, parentHistory: [{ parentId: u.parentId, until: '2019-12-31' }] } : u)),
};
const time = (d: Dataset): number => {
  const t = nowMs();
  const r = evaluateSync(d, benchCriteriaSet, { period: '2025-01..2025-12', explain: false });
  if (r.subjects.length === 0) throw new Error('nothing scored');
  return nowMs() - t;
};
const a: number[] = [];
const b: number[] = [];
time(plain);
time(withLineage);
for (let i = 0; i < runs; i++) {
  a.push(time(plain));
  b.push(time(withLineage));
}
const same = JSON.stringify(evaluateSync(plain, benchCriteriaSet, { period: '2025-01..2025-12', explain: false }).rollup!.units) ===
  JSON.stringify(evaluateSync(withLineage, benchCriteriaSet, { period: '2025-01..2025-12', explain: false }).rollup!.units);
console.log(JSON.stringify({ teams: plain.teams.length, units: plain.orgUnits.length, plainMs: Math.round(median(a)), lineageMs: Math.round(median(b)), overhead: Number((median(b) / median(a) - 1).toFixed(3)), sameRollup: same }));
