/**
 * The real hierarchy of 1 March 2025 and the merges of 1 July 2025 (shapes of ../shared/data/, see its
 * README) made into one dataset with lineage, and a synthetic team in every old commune. Used by
 * `npm run check:reform` (bench/check-reform.ts) and tested on small hand-made fixtures of the same shape.
 *
 * Ids: old units `o-<code>`, new ones `n-<code>` (the two code lists overlap). Old provinces, districts and
 * communes end on 2025-06-30; new provinces and communes begin on 2025-07-01. The links go in as lineage
 * rows (`old_id, new_id, part, effective`) through `applyLineage`, the documented way to bring a reform in.
 */
import { applyLineage, type LineageRow } from '../packages/core/src/dataset/lineage.js';
import type { Dataset, OrgUnit, Team } from '../packages/core/src/model/types.js';

/** `[code, name, type, nameAscii, children?]`, province → district → commune. */
export type UnitNode = [string, string, string, string, UnitNode[]?];
export interface Merges {
  readonly data: readonly {
    readonly level1_id: string;
    readonly name: string;
    readonly merges: readonly { readonly old_id: string; readonly type: string }[];
    readonly level2s: readonly {
      readonly level2_id: string;
      readonly name: string;
      readonly merges: readonly { readonly old_id: string; readonly type: string }[];
    }[];
  }[];
}

export const EFFECTIVE = '2025-07-01';

export interface ReformData {
  readonly dataset: Dataset;
  readonly oldCommunes: number;
  readonly newCommunes: number;
  /** Lineage rows whose ids were not found (old ids missing from the units file). */
  readonly unknownRows: number;
  /** Old province id → new province id, for provinces whose old province went fully into one new one. */
  readonly provinceOf: ReadonlyMap<string, string>;
}

export function buildReformDataset(units: readonly UnitNode[], merges: Merges): ReformData {
  const orgUnits: OrgUnit[] = [];
  const teams: Team[] = [];
  let oldCommunes = 0;
  for (const [pc, pn, , , districts = []] of units) {
    orgUnits.push({ id: `o-${pc}`, name: pn, level: 'province' });
    for (const [dc, dn, , , communes = []] of districts) {
      orgUnits.push({ id: `o-${dc}`, name: dn, level: 'district', parentId: `o-${pc}`, validTo: '2025-06-30' });
      for (const [cc, cn] of communes) {
        oldCommunes++;
        orgUnits.push({ id: `o-${cc}`, name: cn, level: 'commune', parentId: `o-${dc}` });
        teams.push({ id: `T-${cc}`, orgUnitId: `o-${cc}`, level: 'commune', establishedOn: '2022-01-01' });
      }
    }
  }
  const rows: LineageRow[] = [];
  const provinceOf = new Map<string, string>();
  let newCommunes = 0;
  for (const p of merges.data) {
    orgUnits.push({ id: `n-${p.level1_id}`, name: p.name, level: 'province' });
    for (const m of p.merges) {
      rows.push({ old_id: `o-${m.old_id}`, new_id: `n-${p.level1_id}`, part: m.type === 'full' ? 'full' : 'partial', effective: EFFECTIVE });
      if (m.type === 'full') provinceOf.set(`o-${m.old_id}`, `n-${p.level1_id}`);
    }
    for (const c of p.level2s) {
      newCommunes++;
      orgUnits.push({ id: `n-${c.level2_id}`, name: c.name, level: 'commune', parentId: `n-${p.level1_id}` });
      for (const m of c.merges)
        rows.push({ old_id: `o-${m.old_id}`, new_id: `n-${c.level2_id}`, part: m.type === 'full' ? 'full' : 'partial', effective: EFFECTIVE });
    }
  }
  const lineage = applyLineage(orgUnits, rows);
  // Old units the merges do not name still end with the old hierarchy (they then have no way forward).
  const ended = lineage.orgUnits.map((u) => (u.id.startsWith('o-') && u.validTo === undefined ? { ...u, validTo: '2025-06-30' } : u));
  return {
    dataset: {
      name: 'Việt Nam 2025: before and after 1 July',
      levels: [{ id: 'province' }, { id: 'district' }, { id: 'commune' }],
      orgUnits: ended,
      teams,
    },
    oldCommunes,
    newCommunes,
    unknownRows: lineage.unknown.length,
    provinceOf,
  };
}
