/**
 * The generated national dataset given the 2025 reform in lineage (issue 18): every district and commune
 * ends on 2025-06-30, the districts going fully into their province and every three communes of a province
 * fully into one new commune (~10,000 old communes, ~3,400 new ones); villages and teams keep their old
 * units, so that, as of the end of 2025, every unit and team is placed through `successors`
 * (dataset/placement.ts). `npm run bench` measures it end to end (`placementOverheadRatio`);
 * bench/reform-placement.ts in memory.
 */
import type { Dataset, OrgUnit } from '../packages/core/src/model/types.js';

const END = '2025-06-30';
const EFFECTIVE = '2025-07-01';

/**
 * The dataset with the reform told in lineage (see the file comment); teams, reports and indicators as
 * they were.
 *
 * @example
 * ```ts
 * const d = withNationalReform(generateNational({ shape: '63', seed: 1, scale: 0.01 }));
 * evaluateSync(d, set, { period: '2025-01..2025-12' }).rollup!.unplaced; // undefined: every team placed
 * ```
 */
export function withNationalReform(d: Dataset): Dataset {
  const byId = new Map(d.orgUnits.map((u) => [u.id, u]));
  const provinceOf = (u: OrgUnit): string => {
    let x = u;
    for (let depth = 0; x.level !== 'province' && x.parentId != null && depth < 8; depth++) x = byId.get(x.parentId)!;
    return x.id;
  };
  const seen = new Map<string, number>();
  const fresh: OrgUnit[] = [];
  const orgUnits = d.orgUnits.map((u): OrgUnit => {
    if (u.level === 'district') return { ...u, validTo: END, successors: [{ id: provinceOf(u), part: 'full' }] };
    if (u.level !== 'commune') return u;
    const p = provinceOf(u);
    const k = seen.get(p) ?? 0;
    seen.set(p, k + 1);
    const id = `${p}-N${Math.floor(k / 3)}`;
    if (k % 3 === 0) fresh.push({ id, name: `Xã mới ${fresh.length + 1}`, level: 'commune', parentId: p, validFrom: EFFECTIVE });
    return { ...u, validTo: END, successors: [{ id, part: 'full' }] };
  });
  return { ...d, orgUnits: [...orgUnits, ...fresh] };
}
