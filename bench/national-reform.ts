/**
 * The generated national dataset given the 2025 reform in lineage (issue 18): every commune (~10,000) ends
 * on 2025-06-30 and goes fully into a new commune; villages and teams keep their old units, so that, as
 * of the end of 2025, every village and commune team is placed through `successors` (dataset/placement.ts).
 *
 * - `merge: 3` (the reform's shape): the districts end too, going fully into their province, and every
 *   three communes of a province go into one new commune under it (~3,400 new communes);
 * - `merge: 1` (what `npm run bench` times for `placementOverheadRatio`): each commune goes into a new
 *   commune of its own under the same district, so the roll-up has the same shape and size as without
 *   lineage and the ratio is the placement's cost alone.
 *
 * bench/reform-placement.ts compares both with the plain dataset in memory.
 */
import type { Dataset, OrgUnit } from '../packages/core/src/model/types.js';

export const END = '2025-06-30';
export const EFFECTIVE = '2025-07-01';

/**
 * The dataset with the reform told in lineage (see the file comment); teams, reports and indicators as
 * they were.
 *
 * @example
 * ```ts
 * const d = withNationalReform(generateNational({ shape: '63', seed: 1, scale: 0.01 }), 3);
 * evaluateSync(d, set, { period: '2025-01..2025-12' }).rollup!.unplaced; // undefined: every team placed
 * ```
 */
export function withNationalReform(d: Dataset, merge: 1 | 3 = 3): Dataset {
  const byId = new Map(d.orgUnits.map((u) => [u.id, u]));
  const provinceOf = (u: OrgUnit): string => {
    let x = u;
    for (let depth = 0; x.level !== 'province' && x.parentId != null && depth < 8; depth++) x = byId.get(x.parentId)!;
    return x.id;
  };
  const seen = new Map<string, number>();
  const fresh: OrgUnit[] = [];
  const orgUnits = d.orgUnits.map((u): OrgUnit => {
    if (u.level === 'district' && merge === 3) return { ...u, validTo: END, successors: [{ id: provinceOf(u), part: 'full' }] };
    if (u.level !== 'commune') return u;
    if (merge === 1) {
      const id = `${u.id}-N`;
      fresh.push({ id, name: `${u.name} (mới)`, level: 'commune', parentId: u.parentId ?? null, validFrom: EFFECTIVE });
      return { ...u, validTo: END, successors: [{ id, part: 'full' }] };
    }
    const p = provinceOf(u);
    const k = seen.get(p) ?? 0;
    seen.set(p, k + 1);
    const id = `${p}-N${Math.floor(k / 3)}`;
    if (k % 3 === 0) fresh.push({ id, name: `Xã mới ${fresh.length + 1}`, level: 'commune', parentId: p, validFrom: EFFECTIVE });
    return { ...u, validTo: END, successors: [{ id, part: 'full' }] };
  });
  return { ...d, orgUnits: [...orgUnits, ...fresh] };
}
