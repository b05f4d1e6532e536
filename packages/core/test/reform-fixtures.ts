/**
 * A Bến Tre-shaped province before and after 1 July 2025, small enough to check by hand: 3 districts,
 * 9 communes (3 per district), 30 hamlets (4 in each of the first 3 communes, 3 in the others), one team
 * in each of the 42 units (the real province: 9 district, 157 commune and 664 hamlet teams, 830 in all).
 * On 1 July 2025 the districts end (their whole area goes into the province) and each district's three
 * communes merge fully into one new commune, N1–N3.
 */
import type { Dataset, LevelDefinition, OrgUnit, Team } from '../src/model/types.js';

export const D = ['D1', 'D2', 'D3'] as const;
export const C = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9'] as const;
export const N = ['N1', 'N2', 'N3'] as const;
/** Hamlet i (0-based) is in commune HAMLET_COMMUNE[i]. */
export const HAMLET_COMMUNE: readonly number[] = Array.from({ length: 30 }, (_, i) => (i < 12 ? Math.floor(i / 4) : 3 + Math.floor((i - 12) / 3)));
export const H = HAMLET_COMMUNE.map((_, i) => `H${String(i + 1).padStart(2, '0')}`);
export const TEAMS = 42;

export const LEVELS_BEFORE: LevelDefinition[] = [{ id: 'province' }, { id: 'district' }, { id: 'commune' }, { id: 'village' }];
export const LEVELS_AFTER: LevelDefinition[] = [{ id: 'province' }, { id: 'commune' }, { id: 'village' }];

const END = '2025-06-30';
const team = (unit: string, level: string): Team => ({
  id: `T-${unit}`,
  orgUnitId: unit,
  level,
  establishedOn: '2022-05-01',
  members: [{ id: 'm1', role: 'leader' }, { id: 'm2', role: 'member' }, { id: 'm3', role: 'member' }, { id: 'm4', role: 'member' }],
});
const newCommuneOf = (commune: number): string => N[Math.floor(commune / 3)]!;

/** Case 1a: the old hierarchy alone. */
export function beforeDataset(): Dataset {
  return {
    levels: LEVELS_BEFORE,
    orgUnits: [
      { id: 'P', name: 'Tỉnh Bến Tre', level: 'province' },
      ...D.map((d) => ({ id: d, name: `Huyện ${d}`, level: 'district', parentId: 'P' })),
      ...C.map((c, k) => ({ id: c, name: `Xã ${c}`, level: 'commune', parentId: D[Math.floor(k / 3)]! })),
      ...H.map((h, i) => ({ id: h, name: `Ấp ${h}`, level: 'village', parentId: C[HAMLET_COMMUNE[i]!]! })),
    ],
    teams: [...D.map((d) => team(d, 'district')), ...C.map((c) => team(c, 'commune')), ...H.map((h) => team(h, 'village'))],
  };
}

/** Case 1b: the new hierarchy alone; district teams now work for the province, commune teams for the new communes. */
export function afterDataset(): Dataset {
  return {
    levels: LEVELS_AFTER,
    orgUnits: [
      { id: 'P', name: 'Tỉnh Bến Tre', level: 'province' },
      ...N.map((n) => ({ id: n, name: `Xã ${n}`, level: 'commune', parentId: 'P' })),
      ...H.map((h, i) => ({ id: h, name: `Ấp ${h}`, level: 'village', parentId: newCommuneOf(HAMLET_COMMUNE[i]!) })),
    ],
    teams: [
      ...D.map((d) => ({ ...team(d, 'province'), orgUnitId: 'P' })),
      ...C.map((c, k) => ({ ...team(c, 'commune'), orgUnitId: newCommuneOf(k) })),
      ...H.map((h) => team(h, 'village')),
    ],
  };
}

/**
 * Case 2: one dataset with stable ids, the reform told by validFrom/validTo — and, with `lineage`, by
 * `successors` (every link full). `partial`: commune C9 is split between N3 and N2 instead.
 */
export function stableIdsDataset(options: { lineage: boolean; partial?: boolean; share?: boolean } = { lineage: true }): Dataset {
  const successors = (ids: OrgUnit['successors']): Partial<OrgUnit> => (options.lineage ? { successors: ids! } : {});
  return {
    levels: LEVELS_BEFORE,
    orgUnits: [
      { id: 'P', name: 'Tỉnh Bến Tre', level: 'province' },
      ...D.map((d) => ({ id: d, name: `Huyện ${d}`, level: 'district', parentId: 'P', validTo: END, ...successors([{ id: 'P', part: 'full' }]) })),
      ...C.map((c, k) => ({
        id: c,
        name: `Xã ${c}`,
        level: 'commune',
        parentId: D[Math.floor(k / 3)]!,
        validTo: END,
        ...successors(
          options.partial === true && c === 'C9'
            ? [
                { id: 'N3', part: 'partial', ...(options.share === true ? { share: 0.7 } : {}) },
                { id: 'N2', part: 'partial', ...(options.share === true ? { share: 0.3 } : {}) },
              ]
            : [{ id: newCommuneOf(k), part: 'full' }],
        ),
      })),
      ...N.map((n) => ({ id: n, name: `Xã ${n}`, level: 'commune', parentId: 'P', validFrom: '2025-07-01' })),
      ...H.map((h, i) => ({ id: h, name: `Ấp ${h}`, level: 'village', parentId: C[HAMLET_COMMUNE[i]!]! })),
    ],
    teams: [...D.map((d) => team(d, 'district')), ...C.map((c) => team(c, 'commune')), ...H.map((h) => team(h, 'village'))],
  };
}

/** Case 3: the hamlets carry their new communes as parents; with `lineage`, their old ones in `parentHistory`. */
export function newParentsDataset(lineage: boolean): Dataset {
  const d = stableIdsDataset({ lineage: true });
  return {
    ...d,
    orgUnits: d.orgUnits.map((u) => {
      const i = H.indexOf(u.id);
      if (i < 0) return u;
      const old = C[HAMLET_COMMUNE[i]!]!;
      return { ...u, parentId: newCommuneOf(HAMLET_COMMUNE[i]!), ...(lineage ? { parentHistory: [{ parentId: old, until: END }] } : {}) };
    }),
  };
}

/**
 * Case 4: post-reform units with new ids and teams that moved: without lineage each team is two records
 * (old id until 30 June, a new id after); with it, one record per team with `orgUnitHistory`.
 */
export function movedTeamsDataset(lineage: boolean): Dataset {
  const d = newParentsDataset(true);
  if (!lineage) {
    const old = d.teams.map((t) => ({ ...t, disbandedOn: END }));
    const fresh = d.teams.map((t) => ({ ...t, id: `${t.id}-2025`, establishedOn: '2025-07-01' }));
    return { ...d, teams: [...old, ...fresh] };
  }
  return {
    ...d,
    teams: d.teams.map((t) => {
      const k = C.indexOf(t.orgUnitId as (typeof C)[number]);
      return k < 0 ? t : { ...t, orgUnitId: newCommuneOf(k), orgUnitHistory: [{ orgUnitId: t.orgUnitId, until: END }] };
    }),
  };
}
