/**
 * A province before and after 1 July 2025, generated deterministically from its shape: districts,
 * communes spread evenly over them, hamlets spread evenly over the communes (the first ones get one more),
 * one team in every unit (districts, communes, hamlets), members spread evenly over the teams (the first
 * ones get one more). On 1 July 2025 the districts end (their whole area goes into the province) and
 * every three consecutive communes merge fully into one new commune (N1 ← C1–C3, …).
 *
 * Two instances: {@link SMALL} (3 districts, 9 communes, 30 hamlets, 42 teams of 4: checked by hand) and
 * {@link BEN_TRE} (9 districts, 157 communes, 664 hamlets, 830 teams, 7,097 members: issue 18's shape).
 */
import type { Dataset, LevelDefinition, OrgUnit, Team } from '../src/model/types.js';

export const LEVELS_BEFORE: LevelDefinition[] = [{ id: 'province' }, { id: 'district' }, { id: 'commune' }, { id: 'village' }];
export const LEVELS_AFTER: LevelDefinition[] = [{ id: 'province' }, { id: 'commune' }, { id: 'village' }];

const END = '2025-06-30';

export interface ProvinceShape {
  readonly districts: number;
  readonly communes: number;
  readonly hamlets: number;
  readonly members: number;
  /**
   * Communes (0-based) split in the stable-ids case with `partial`: 0.7 into their own new commune and 0.3
   * into the previous one (the first new commune's go to the second).
   */
  readonly split: readonly number[];
}

/** The ids, counts and datasets of one generated province. */
export interface Province {
  readonly D: readonly string[];
  readonly C: readonly string[];
  readonly N: readonly string[];
  readonly H: readonly string[];
  /** Hamlet i (0-based) is in commune HAMLET_COMMUNE[i]. */
  readonly HAMLET_COMMUNE: readonly number[];
  readonly TEAMS: number;
  readonly MEMBERS: number;
  /** The new commune commune k (0-based) merges into, 0-based. */
  newCommuneOf(k: number): number;
  /** Case 1a: the old hierarchy alone. */
  beforeDataset(): Dataset;
  /** Case 1b: the new hierarchy alone; district teams now work for the province, commune teams for the new communes. */
  afterDataset(): Dataset;
  /**
   * Case 2: one dataset with stable ids, the reform told by validFrom/validTo — and, with `lineage`, by
   * `successors` (every link full). `partial`: the shape's `split` communes are split instead (with
   * `share`, 0.7 and 0.3).
   */
  stableIdsDataset(options?: { lineage: boolean; partial?: boolean; share?: boolean }): Dataset;
  /** Case 3: the hamlets carry their new communes as parents; with `lineage`, their old ones in `parentHistory`. */
  newParentsDataset(lineage: boolean): Dataset;
  /**
   * Case 4: post-reform units with new ids and teams that moved: without lineage each team is two records
   * (old id until 30 June, a new id after); with it, one record per team with `orgUnitHistory`.
   */
  movedTeamsDataset(lineage: boolean): Dataset;
}

const ids = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(String(count).length, '0')}`);
/** Item i of `count` items spread evenly over `groups` (the first groups get one more). */
const spread = (count: number, groups: number): number[] => {
  const base = Math.floor(count / groups);
  const extra = count % groups;
  const out: number[] = [];
  for (let g = 0; g < groups; g++) for (let k = 0; k < base + (g < extra ? 1 : 0); k++) out.push(g);
  return out;
};

/** Generate a province of the given shape (see the file comment). */
export function province(shape: ProvinceShape): Province {
  const D = ids('D', shape.districts);
  const C = ids('C', shape.communes);
  const N = ids('N', Math.ceil(shape.communes / 3));
  const H = ids('H', shape.hamlets);
  const HAMLET_COMMUNE = spread(shape.hamlets, shape.communes);
  const COMMUNE_DISTRICT = spread(shape.communes, shape.districts);
  const TEAMS = shape.districts + shape.communes + shape.hamlets;
  const perTeam = spread(shape.members, TEAMS);
  const membersOf = new Map<number, number>();
  for (const t of perTeam) membersOf.set(t, (membersOf.get(t) ?? 0) + 1);
  let teamNo = 0;
  const team = (unit: string, level: string): Team => ({
    id: `T-${unit}`,
    orgUnitId: unit,
    level,
    establishedOn: '2022-05-01',
    members: Array.from({ length: membersOf.get(teamNo++) ?? 0 }, (_, k) => ({
      id: `m${k + 1}`,
      role: k === 0 ? ('leader' as const) : ('member' as const),
    })),
  });
  const teams = (): Team[] => {
    teamNo = 0;
    return [...D.map((d) => team(d, 'district')), ...C.map((c) => team(c, 'commune')), ...H.map((h) => team(h, 'village'))];
  };
  const newCommuneOf = (k: number): number => Math.floor(k / 3);
  const newId = (k: number): string => N[newCommuneOf(k)]!;
  const split = new Set(shape.split);
  const oldUnits = (extra: (kind: 'district' | 'commune', k: number) => Partial<OrgUnit>): OrgUnit[] => [
    { id: 'P', name: 'Tỉnh Bến Tre', level: 'province' },
    ...D.map((d, k) => ({ id: d, name: `Huyện ${d}`, level: 'district', parentId: 'P', ...extra('district', k) })),
    ...C.map((c, k) => ({ id: c, name: `Xã ${c}`, level: 'commune', parentId: D[COMMUNE_DISTRICT[k]!]!, ...extra('commune', k) })),
  ];
  const hamlets = (parent: (i: number) => string): OrgUnit[] => H.map((h, i) => ({ id: h, name: `Ấp ${h}`, level: 'village', parentId: parent(i) }));

  const p: Province = {
    D,
    C,
    N,
    H,
    HAMLET_COMMUNE,
    TEAMS,
    MEMBERS: shape.members,
    newCommuneOf,
    beforeDataset: () => ({ levels: LEVELS_BEFORE, orgUnits: [...oldUnits(() => ({})), ...hamlets((i) => C[HAMLET_COMMUNE[i]!]!)], teams: teams() }),
    afterDataset: () => ({
      levels: LEVELS_AFTER,
      orgUnits: [
        { id: 'P', name: 'Tỉnh Bến Tre', level: 'province' },
        ...N.map((n) => ({ id: n, name: `Xã ${n}`, level: 'commune', parentId: 'P' })),
        ...hamlets((i) => newId(HAMLET_COMMUNE[i]!)),
      ],
      teams: teams().map((t, k) =>
        k < D.length ? { ...t, level: 'province', orgUnitId: 'P' } : k < D.length + C.length ? { ...t, orgUnitId: newId(k - D.length) } : t,
      ),
    }),
    stableIdsDataset: (options = { lineage: true }) => {
      const successors = (k: number, kind: 'district' | 'commune'): Partial<OrgUnit> => {
        if (!options.lineage) return {};
        if (kind === 'district') return { successors: [{ id: 'P', part: 'full' }] };
        if (options.partial !== true || !split.has(k)) return { successors: [{ id: newId(k), part: 'full' }] };
        const own = newCommuneOf(k);
        const other = N[own === 0 ? 1 : own - 1]!;
        const share = (x: number) => (options.share === true ? { share: x } : {});
        return {
          successors: [
            { id: N[own]!, part: 'partial', ...share(0.7) },
            { id: other, part: 'partial', ...share(0.3) },
          ],
        };
      };
      return {
        levels: LEVELS_BEFORE,
        orgUnits: [
          ...oldUnits((kind, k) => ({ validTo: END, ...successors(k, kind) })),
          ...N.map((n) => ({ id: n, name: `Xã ${n}`, level: 'commune', parentId: 'P', validFrom: '2025-07-01' })),
          ...hamlets((i) => C[HAMLET_COMMUNE[i]!]!),
        ],
        teams: teams(),
      };
    },
    newParentsDataset: (lineage) => {
      const d = p.stableIdsDataset({ lineage: true });
      const first = 1 + D.length + C.length + N.length;
      return {
        ...d,
        orgUnits: d.orgUnits.map((u, j) => {
          if (j < first) return u;
          const commune = HAMLET_COMMUNE[j - first]!;
          return { ...u, parentId: newId(commune), ...(lineage ? { parentHistory: [{ parentId: C[commune]!, until: END }] } : {}) };
        }),
      };
    },
    movedTeamsDataset: (lineage) => {
      const d = p.newParentsDataset(true);
      if (!lineage) {
        const old = d.teams.map((t) => ({ ...t, disbandedOn: END }));
        const fresh = d.teams.map((t) => ({ ...t, id: `${t.id}-2025`, establishedOn: '2025-07-01' }));
        return { ...d, teams: [...old, ...fresh] };
      }
      return {
        ...d,
        teams: d.teams.map((t, j) => {
          const k = j - D.length;
          return k < 0 || k >= C.length ? t : { ...t, orgUnitId: newId(k), orgUnitHistory: [{ orgUnitId: t.orgUnitId, until: END }] };
        }),
      };
    },
  };
  return p;
}

/** Small enough to check by hand: 3 districts, 9 communes, 30 hamlets (4 in C1–C3, 3 in the others), 42 teams of 4; C9 splits. */
export const SMALL = province({ districts: 3, communes: 9, hamlets: 30, members: 168, split: [8] });
/**
 * Issue 18's Bến Tre-shaped province: 9 districts (18 communes in the first 4, 17 in the others), 157
 * communes (5 hamlets in the first 36, 4 in the others), 664 hamlets, 830 teams, 7,097 members (9 in the
 * first 457 teams, 8 in the others); 53 new communes. With `partial`, every tenth commune (C010, C020, …,
 * C150: 15) splits.
 */
export const BEN_TRE = province({
  districts: 9,
  communes: 157,
  hamlets: 664,
  members: 7097,
  split: Array.from({ length: 15 }, (_, i) => 10 * i + 9),
});

export const { D, C, N, H, HAMLET_COMMUNE, TEAMS } = SMALL;
export const beforeDataset = SMALL.beforeDataset;
export const afterDataset = SMALL.afterDataset;
export const stableIdsDataset = SMALL.stableIdsDataset;
export const newParentsDataset = SMALL.newParentsDataset;
export const movedTeamsDataset = SMALL.movedTeamsDataset;
