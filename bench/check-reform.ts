/**
 * `npm run check:reform -- <units file> <merges file>`: the real hierarchy of 1 March 2025 with the
 * lineage of 1 July 2025 (../shared/data/; never copied into the repository), a synthetic team in every
 * old commune, placed as of 2025-03-01 and 2026-01-01. Prints a summary, then one JSON line:
 * `{oldCommunes, newCommunes, teams, placedAsOf20250301, placedAsOf20260101, unplaced, ms}`.
 */
import fs from 'node:fs';
import { DatasetIndex } from '../packages/core/src/evaluate/indexer.js';
import { parsePeriod } from '../packages/core/src/evaluate/period.js';
import { validateDataset } from '../packages/core/src/model/validate.js';
import { rollup } from '../packages/core/src/rollup/rollup.js';
import { buildReformDataset, type Merges, type UnitNode } from './reform-lineage.js';

const [unitsFile, mergesFile] = process.argv.slice(2);
if (unitsFile === undefined || mergesFile === undefined) {
  console.error('usage: npm run check:reform -- <vn-units-2025-03-01.json> <vn-reform-2025-07-01-merges.json>');
  process.exit(2);
}
const units = JSON.parse(fs.readFileSync(unitsFile, 'utf8')) as UnitNode[];
const merges = JSON.parse(fs.readFileSync(mergesFile, 'utf8')) as Merges;

const started = performance.now();
const built = buildReformDataset(units, merges);
const { dataset } = built;
const period = parsePeriod('2025-01..2025-12');

/** Teams under province roots, and in unplaced entries, as of a date; teams per province root. */
function place(date: string) {
  const index = new DatasetIndex(dataset, period, date);
  const r = rollup(index, [], [], ['province']);
  const perProvince = new Map<string, number>();
  for (const u of r.units) if (u.parentId === null) perProvince.set(u.orgUnitId, u.teams);
  const placed = [...perProvince.values()].reduce((a, b) => a + b, 0);
  const unplaced = (r.unplaced ?? []).reduce((a, e) => a + e.teams, 0);
  const unplacedAt = new Map<string, number>(); // old province of each unplaced team → count
  for (const e of r.unplaced ?? [])
    for (const id of e.teamIds) {
      const t = index.teams.get(id)!;
      let u = index.units.get(t.orgUnitId);
      while (u !== undefined && u.level !== 'province') u = u.parentId == null ? undefined : index.units.get(u.parentId);
      if (u !== undefined) unplacedAt.set(u.id, (unplacedAt.get(u.id) ?? 0) + 1);
    }
  return { placed, unplaced, perProvince, unplacedAt };
}
const before = place('2025-03-01');
const after = place('2026-01-01');
const validation = validateDataset(dataset);
const ms = Math.round(performance.now() - started);

// Conservation: each new province's teams as of 2026 plus the unplaced teams of the old provinces that went
// fully into it equal those old provinces' teams as of 2025-03-01, when no team moves across provinces.
const oldTeams = new Map<string, number>();
const oldUnplaced = new Map<string, number>();
for (const [oldP, newP] of built.provinceOf) {
  oldTeams.set(newP, (oldTeams.get(newP) ?? 0) + (before.perProvince.get(oldP) ?? 0));
  oldUnplaced.set(newP, (oldUnplaced.get(newP) ?? 0) + (after.unplacedAt.get(oldP) ?? 0));
}
let conserved = 0;
const differ: string[] = [];
for (const [newP, n] of oldTeams) {
  if ((after.perProvince.get(newP) ?? 0) + (oldUnplaced.get(newP) ?? 0) === n) conserved++;
  else differ.push(`${newP}: ${n} before, ${after.perProvince.get(newP) ?? 0} placed + ${oldUnplaced.get(newP) ?? 0} unplaced after`);
}
const errors = validation.problems.filter((p) => p.severity === 'error');
const codes = new Map<string, number>();
for (const p of validation.problems) codes.set(p.code, (codes.get(p.code) ?? 0) + 1);

console.log(
  `Units: ${dataset.orgUnits.length} (old communes ${built.oldCommunes}, new communes ${built.newCommunes}); lineage rows with unknown ids: ${built.unknownRows}`,
);
console.log(
  `Validation: ${validation.problems.length} problems (${errors.length} errors)${codes.size > 0 ? ': ' + [...codes].map(([c, n]) => `${c} ${n}`).join(', ') : ''}`,
);
console.log(
  `As of 2025-03-01: ${before.placed} of ${dataset.teams.length} teams reach a province (${before.perProvince.size} provinces), ${before.unplaced} unplaced`,
);
console.log(
  `As of 2026-01-01: ${after.placed} placed in ${after.perProvince.size} provinces, ${after.unplaced} unplaced (an old commune split among several new ones, with no word on where its team went)`,
);
console.log(
  `Provinces whose team counts are conserved (placed + unplaced): ${conserved} of ${oldTeams.size}${differ.length > 0 ? '; differ: ' + differ.slice(0, 5).join('; ') : ''}`,
);
console.log(
  JSON.stringify({
    oldCommunes: built.oldCommunes,
    newCommunes: built.newCommunes,
    teams: dataset.teams.length,
    placedAsOf20250301: before.placed,
    placedAsOf20260101: after.placed,
    unplaced: after.unplaced,
    ms,
  }),
);
