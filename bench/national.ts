/**
 * A synthetic, seeded national dataset at the scale MIC reported in mid-2023: 74,422 teams and 348,362
 * members, in the pre-July-2025 hierarchy (63 provinces > ~700 districts > ~10,600 communes > villages) or
 * the two-tier one (34 provinces > 3,321 communes > villages).
 *
 * Everything is drawn from a seeded mulberry32 stream, never `Math.random`, so a seed always gives the
 * same dataset. Villages, teams, members, reports and indicators come from streams that do not depend on
 * the shape: the same seed gives the same teams in both shapes, only grouped differently above villages
 * (commune-level teams serve a commune of that shape). Totals are exact at every `scale`.
 *
 * Members are opaque ids only (no names, phones or birth dates), as the dataset schema requires.
 */
import type {
  ActivityReport,
  Affiliation,
  AreaIndicator,
  Dataset,
  LevelDefinition,
  Member,
  OrgUnit,
  Team,
} from '../packages/core/src/model/types.js';
import { mulberry32, villageIndicatorMetrics, type CoverageRanges } from '../examples/datasets/synthetic.js';

/** The national figures (MIC assessment, mid-2023) and the two administrative maps. */
export const NATIONAL = {
  teams: 74_422,
  members: 348_362,
  /** Villages and residential groups; a few (~5%) have no team of their own. */
  villages: 78_500,
  /** Share of teams working at commune level (Bến Tre: 157 commune-level next to 664 hamlet-level teams). */
  communeTeamShare: 0.02,
  '63': { provinces: 63, districts: 705, communes: 10_600 },
  '34': { provinces: 34, communes: 3_321 },
} as const;

export type NationalShape = '63' | '34';

export interface NationalOptions {
  readonly shape: NationalShape;
  readonly seed: number;
  /** Fraction of the national size (teams, members, villages, communes, districts); provinces stay 63/34. Default 1. */
  readonly scale?: number;
}

/** The counts a call produces, exactly. */
export interface NationalTotals {
  readonly provinces: number;
  readonly districts: number;
  readonly communes: number;
  readonly villages: number;
  readonly teams: number;
  readonly communeTeams: number;
  readonly villageTeams: number;
  readonly members: number;
}

/** The period the reports cover. */
export const NATIONAL_PERIOD = { from: '2025-01', to: '2025-12' } as const;

/**
 * The exact counts {@link generateNational} produces for a shape and scale.
 *
 * @example
 * ```ts
 * nationalTotals('63', 1).teams;    // 74422
 * nationalTotals('34', 0.01).teams; // 744
 * ```
 */
export function nationalTotals(shape: NationalShape, scale = 1): NationalTotals {
  if (!(scale > 0 && scale <= 1)) throw new RangeError(`scale must be in (0, 1], got ${scale}`);
  const teams = Math.max(1, Math.round(NATIONAL.teams * scale));
  const members = Math.max(2 * teams, Math.round(NATIONAL.members * scale));
  const provinces = NATIONAL[shape].provinces;
  const districts = shape === '63' ? Math.max(provinces, Math.round(NATIONAL['63'].districts * scale)) : 0;
  const communes = Math.max(shape === '63' ? districts : provinces, Math.round(NATIONAL[shape].communes * scale));
  // Villages do not depend on the shape: the same villages are regrouped by the 2025 reform.
  const communes63 = Math.max(Math.max(63, Math.round(NATIONAL['63'].districts * scale)), Math.round(NATIONAL['63'].communes * scale));
  // Commune-level teams serve distinct communes of either shape, so at most the two-tier commune count.
  const communes34 = Math.max(NATIONAL['34'].provinces, Math.round(NATIONAL['34'].communes * scale));
  const communeTeams = Math.min(Math.round(teams * NATIONAL.communeTeamShare), communes34);
  const villageTeams = teams - communeTeams;
  const villages = Math.max(communes63, villageTeams, Math.round(NATIONAL.villages * scale));
  return { provinces, districts, communes, villages, teams, communeTeams, villageTeams, members };
}

/** Derive independent stream seeds from one seed (splitmix-style mixing). */
function streamSeed(seed: number, stream: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(stream, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d) >>> 0;
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

type Rng = () => number;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
/** Approximately normal(0, 1): sum of four uniforms, rescaled (cheap and bounded). */
const gauss = (rng: Rng): number => (rng() + rng() + rng() + rng() - 2) * 1.7320508;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/**
 * Split `total` into `parts` integers, each in [min, max], roughly proportional to `weights`; exact sum.
 */
export function allocate(rng: Rng, total: number, weights: readonly number[], min: number, max = Infinity): number[] {
  const parts = weights.length;
  if (parts * min > total || parts * max < total) throw new RangeError(`cannot split ${total} into ${parts} parts in [${min}, ${max}]`);
  let sumW = 0;
  for (const w of weights) sumW += w;
  const free = total - parts * min;
  const out = weights.map((w) => Math.min(max, min + Math.floor((free * w) / sumW)));
  let rest = total - out.reduce((a, b) => a + b, 0);
  while (rest !== 0) {
    const i = Math.floor(rng() * parts);
    if (rest > 0 && out[i]! < max) {
      out[i]! += 1;
      rest -= 1;
    } else if (rest < 0 && out[i]! > min) {
      out[i]! -= 1;
      rest += 1;
    }
  }
  return out;
}

/** Team sizes 2–9, peaked at 4–5 (national average 348,362 / 74,422 ≈ 4.68). */
const SIZE_WEIGHTS: readonly [number, number][] = [
  [2, 8],
  [3, 15],
  [4, 26],
  [5, 22],
  [6, 13],
  [7, 8],
  [8, 5],
  [9, 3],
];

function drawSize(rng: Rng): number {
  let r = rng() * 100;
  for (const [size, w] of SIZE_WEIGHTS) {
    if (r < w) return size;
    r -= w;
  }
  return 4;
}

/** Exact-sum team sizes: drawn from the distribution, then nudged one member at a time within bounds. */
function teamSizes(rng: Rng, teams: number, members: number, communeTeams: number): number[] {
  const sizes: number[] = [];
  const lo = (i: number): number => (i >= teams - communeTeams ? 5 : 2);
  for (let i = 0; i < teams; i++) sizes.push(Math.max(lo(i), drawSize(rng)));
  let rest = members - sizes.reduce((a, b) => a + b, 0);
  while (rest !== 0) {
    const i = Math.floor(rng() * teams);
    if (rest > 0 && sizes[i]! < 9) {
      sizes[i]! += 1;
      rest -= 1;
    } else if (rest < 0 && sizes[i]! > lo(i)) {
      sizes[i]! -= 1;
      rest += 1;
    }
  }
  return sizes;
}

function dateBetween(rng: Rng, fromMonth: number, toMonth: number): string {
  // Months counted from 2022-01 (0).
  const m = int(rng, fromMonth, toMonth);
  return `${2022 + Math.floor(m / 12)}-${pad((m % 12) + 1, 2)}-${pad(int(rng, 1, 28), 2)}`;
}
const monthNumber = (date: string): number => (Number(date.slice(0, 4)) - 2022) * 12 + Number(date.slice(5, 7)) - 1;

const COURSES = ['onetouch-2022-09', 'onetouch-2023-basic', 'bdhvs-2025-01'] as const;

/** Activity metrics a team reports, with a typical monthly figure for an average village team. */
const MONTHLY: readonly { readonly id: string; readonly base: number; readonly p: number }[] = [
  // Headline figures most teams send every month…
  { id: 'householdsVisited', base: 24, p: 0.95 },
  { id: 'peopleGuided', base: 45, p: 0.9 },
  { id: 'guidedPublicServices', base: 16, p: 0.7 },
  { id: 'vneidLevel2Activations', base: 7, p: 0.6 },
  { id: 'guidedOnlinePayment', base: 10, p: 0.5 },
  { id: 'paymentAccountsOpened', base: 4, p: 0.4 },
  { id: 'guidedCyberSafety', base: 9, p: 0.4 },
  { id: 'publicServiceAccountsCreated', base: 5, p: 0.3 },
  { id: 'guidedOnlineShopping', base: 6, p: 0.25 },
  { id: 'ecommerceAccountsOpened', base: 4, p: 0.2 },
  { id: 'onlineDossiersFiled', base: 4, p: 0.2 },
  { id: 'trainingSessionsHeld', base: 1, p: 0.12 },
  { id: 'trainingAttendees', base: 25, p: 0.12 },
  // …and campaign figures a few send.
  { id: 'vssidInstalls', base: 3, p: 0.08 },
  { id: 'eHealthRecords', base: 4, p: 0.08 },
  { id: 'digitalStoresOpened', base: 2, p: 0.05 },
  { id: 'cashlessMerchantsOnboarded', base: 2, p: 0.06 },
  { id: 'simCardsRegistered', base: 3, p: 0.06 },
  { id: 'guidedLocalPlatforms', base: 4, p: 0.08 },
  { id: 'localPlatformAccounts', base: 3, p: 0.06 },
];

/** Coverage ranges of the national villages (how far along a village is: 0 to 1). */
const COVERAGE: CoverageRanges = {
  workingAgeOnlinePublicServiceUsers: [0.25, 0.9],
  adultsWithSmartphone: [0.6, 0.95],
  adultsUsingSmartDevice: [0.45, 0.9],
  adultsWithVneidLevel2: [0.5, 0.92],
  adultsMeetingDigitalKnowledgeStandard: [0.05, 0.6],
  adultsWithPaymentAccount: [0.55, 0.9],
  householdsWithFiveSkills: [0.2, 0.9],
};

const VI_PROVINCE = (i: number, n: number): string =>
  (i % 9 === 0 ? `Thành phố ${pad(i + 1, 2)}` : `Tỉnh ${pad(i + 1, 2)}`) + (n === 34 ? ' (mới)' : '');

/**
 * Generate the national dataset for a shape and seed (optionally scaled down for tests).
 *
 * @example
 * ```ts
 * const ds = generateNational({ shape: '34', seed: 42, scale: 0.01 });
 * ds.teams.length; // 744
 * ```
 */
export function generateNational(options: NationalOptions): Dataset {
  const { shape, seed } = options;
  const scale = options.scale ?? 1;
  const totals = nationalTotals(shape, scale);
  const rngHier = mulberry32(streamSeed(seed, shape === '63' ? 63 : 34));
  const rngVillage = mulberry32(streamSeed(seed, 1));
  const rngTeam = mulberry32(streamSeed(seed, 2));
  const rngReport = mulberry32(streamSeed(seed, 3));

  // ── hierarchy ────────────────────────────────────────────────────────────────
  const levels: LevelDefinition[] =
    shape === '63'
      ? [
          { id: 'province', label: { vi: 'Tỉnh/Thành phố', en: 'Province' } },
          { id: 'district', label: { vi: 'Huyện/Quận', en: 'District' } },
          { id: 'commune', label: { vi: 'Xã/Phường', en: 'Commune' } },
          { id: 'village', label: { vi: 'Thôn/Tổ dân phố', en: 'Village' } },
        ]
      : [
          { id: 'province', label: { vi: 'Tỉnh/Thành phố', en: 'Province' } },
          { id: 'commune', label: { vi: 'Xã/Phường/Đặc khu', en: 'Commune' } },
          { id: 'village', label: { vi: 'Thôn/Tổ dân phố', en: 'Village' } },
        ];
  const orgUnits: OrgUnit[] = [];
  const provinceIds: string[] = [];
  for (let p = 0; p < totals.provinces; p++) {
    const id = `p${shape}-${pad(p + 1, 2)}`;
    provinceIds.push(id);
    orgUnits.push({ id, name: VI_PROVINCE(p, totals.provinces), level: 'province', parentId: null });
  }
  const weights = (n: number, spread: number): number[] => Array.from({ length: n }, () => Math.exp(spread * gauss(rngHier)));
  // Parents of communes: districts (63) or provinces (34).
  let communeParents: string[];
  if (shape === '63') {
    const perProvince = allocate(rngHier, totals.districts, weights(totals.provinces, 0.35), 1);
    communeParents = [];
    let d = 0;
    perProvince.forEach((n, p) => {
      for (let k = 0; k < n; k++) {
        d += 1;
        const id = `d${pad(d, 4)}`;
        communeParents.push(id);
        orgUnits.push({ id, name: `${d % 7 === 0 ? 'Quận' : 'Huyện'} ${pad(d, 4)}`, level: 'district', parentId: provinceIds[p]! });
      }
    });
  } else {
    communeParents = provinceIds;
  }
  const communesPer = allocate(rngHier, totals.communes, weights(communeParents.length, 0.3), 1);
  const communeIds: string[] = [];
  communesPer.forEach((n, parent) => {
    for (let k = 0; k < n; k++) {
      const c = communeIds.length + 1;
      const id = `c${shape}-${pad(c, 5)}`;
      communeIds.push(id);
      orgUnits.push({ id, name: `${c % 5 === 0 ? 'Phường' : 'Xã'} ${pad(c, 5)}`, level: 'commune', parentId: communeParents[parent]! });
    }
  });
  const villagesPer = allocate(rngHier, totals.villages, weights(totals.communes, 0.4), 1);
  const villageIds: string[] = [];
  villagesPer.forEach((n, commune) => {
    for (let k = 0; k < n; k++) {
      const v = villageIds.length + 1;
      const id = `v${pad(v, 6)}`;
      villageIds.push(id);
      orgUnits.push({ id, name: `${v % 4 === 0 ? 'Tổ dân phố' : 'Thôn'} ${pad(v, 6)}`, level: 'village', parentId: communeIds[commune]! });
    }
  });

  // ── area indicators per village (shape-independent) ─────────────────────────
  const indicators: AreaIndicator[] = [];
  const villagePop: number[] = [];
  for (let v = 0; v < totals.villages; v++) {
    const population = Math.max(150, Math.min(9000, Math.round(1250 * Math.exp(0.5 * gauss(rngVillage)))));
    villagePop.push(population);
    const adults = Math.round(population * (0.72 + 0.06 * rngVillage()));
    const workingAgePopulation = Math.round(population * (0.64 + 0.06 * rngVillage()));
    const households = Math.max(1, Math.round(population / (3.3 + 0.8 * rngVillage())));
    const digital = 0.4 + 0.5 * rngVillage(); // how far the village is along
    const rate = (lo: number, hi: number): number => Math.min(1, Math.max(0, lo + (hi - lo) * digital + 0.08 * gauss(rngVillage)));
    if (rngVillage() < 0.02) continue; // ~2% of villages never sent indicators
    indicators.push({
      orgUnitId: villageIds[v]!,
      period: '2025',
      metrics: villageIndicatorMetrics({ population, workingAgePopulation, adults, households }, COVERAGE, rate),
    });
  }

  // ── teams and members (shape-independent, except a commune team's commune) ───
  // Village teams serve distinct villages chosen at random, numbered in village order.
  const order = Array.from({ length: totals.villages }, (_, i) => i);
  for (let i = 0; i < totals.villageTeams; i++) {
    const j = i + Math.floor(rngTeam() * (order.length - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const servedVillages = order.slice(0, totals.villageTeams).sort((a, b) => a - b);
  const communeOrder = Array.from({ length: totals.communes }, (_, i) => i);
  for (let i = 0; i < totals.communeTeams; i++) {
    const j = i + Math.floor(rngHier() * (communeOrder.length - i));
    [communeOrder[i], communeOrder[j]] = [communeOrder[j]!, communeOrder[i]!];
  }
  const servedCommunes = communeOrder.slice(0, totals.communeTeams).sort((a, b) => a - b);
  const sizes = teamSizes(rngTeam, totals.teams, totals.members, totals.communeTeams);

  const teams: Team[] = [];
  const reports: ActivityReport[] = [];
  let memberNo = 0;
  for (let t = 0; t < totals.teams; t++) {
    const isVillage = t < totals.villageTeams;
    const orgUnitId = isVillage ? villageIds[servedVillages[t]!]! : communeIds[servedCommunes[t - totals.villageTeams]!]!;
    // Established: pilot 2022 (60%), 2023 (25%), 2024 (10%), 2025 up to September (5%).
    const r = rngTeam();
    const establishedOn =
      r < 0.6
        ? dateBetween(rngTeam, 2, 11)
        : r < 0.85
          ? dateBetween(rngTeam, 12, 23)
          : r < 0.95
            ? dateBetween(rngTeam, 24, 35)
            : dateBetween(rngTeam, 36, 44);
    const estMonth = monthNumber(establishedOn);
    const size = sizes[t]!;
    const hasLeader = rngTeam() >= 0.015;
    const hasDeputy = size >= 3 && rngTeam() < 0.9;
    const police = rngTeam() < 0.55 ? 1 + Math.floor(rngTeam() * (size - 1)) : -1;
    const members: Member[] = [];
    for (let k = 0; k < size; k++) {
      memberNo += 1;
      const role = k === 0 && hasLeader ? 'leader' : k === 1 && hasDeputy ? 'deputy' : 'member';
      const aff: Affiliation[] = [];
      if (k === 0 && rngTeam() < 0.7) aff.push('villageHead');
      if (k === police) aff.push('areaPolice');
      if (rngTeam() < 0.35) aff.push('youthUnion');
      if (rngTeam() < 0.2) aff.push('womensUnion');
      if (rngTeam() < 0.18) aff.push('volunteer');
      if (rngTeam() < 0.07) aff.push('civilServant');
      if (rngTeam() < 0.04) aff.push('digitalBusiness');
      // 255,545 of 348,362 trained in Sept 2022 (73%); later courses on top.
      const tr = rngTeam();
      const trainings: string[] = tr < 0.6 ? [COURSES[0]] : tr < 0.73 ? [COURSES[0], pick(rngTeam, COURSES.slice(1))] : tr < 0.8 ? [COURSES[2]] : [];
      // Founders joined with the team; ~15% replaced or added later (up to Nov 2025).
      const joinedOn = k < 2 || rngTeam() < 0.85 ? establishedOn : dateBetween(rngTeam, Math.min(estMonth + 1, 46), 46);
      members.push({
        id: `m${pad(memberNo, 6)}`,
        role,
        ...(aff.length === 0 ? {} : { affiliations: aff }),
        ...(trainings.length === 0 ? {} : { trainings }),
        joinedOn,
      });
    }
    const id = `t${pad(t + 1, 6)}`;
    teams.push({
      id,
      orgUnitId,
      level: isVillage ? 'village' : 'commune',
      establishedOn,
      onlineGroup: rngTeam() < 0.86,
      members,
    });

    // Reports: one team-level report per month of 2025 the team existed, some months missing. Hà Giang: "only
    // about 40% operate effectively" — reliability and activity vary a lot between teams.
    const rel = rngReport();
    const reliability = rel < 0.45 ? 0.97 : rel < 0.8 ? 0.8 : 0.45;
    const pop = isVillage ? villagePop[servedVillages[t]!]! : 4 * 1250;
    const activity = Math.exp(0.6 * gauss(rngReport)) * (pop / 1250) ** 0.5 * (0.6 + 0.1 * size);
    const firstMonth = Math.max(0, estMonth - 36); // month index within 2025
    for (let m = firstMonth; m < 12; m++) {
      if (rngReport() >= reliability) continue;
      const metrics: Record<string, number> = {};
      for (const metric of MONTHLY) {
        if (rngReport() >= metric.p) continue;
        const v = Math.round(metric.base * activity * (0.5 + rngReport()));
        if (v > 0) metrics[metric.id] = v;
      }
      reports.push({ teamId: id, month: `2025-${pad(m + 1, 2)}`, metrics });
    }
  }

  return {
    name: `Synthetic national dataset (${shape} provinces, seed ${seed}${scale === 1 ? '' : `, scale ${scale}`})`,
    levels,
    window: { ...NATIONAL_PERIOD },
    orgUnits,
    teams,
    reports,
    indicators,
  };
}
