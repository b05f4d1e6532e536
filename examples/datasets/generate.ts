/**
 * Seeded generator of synthetic example datasets (no real people, no real results):
 *
 * - `dai-tu-2025.json` — a district shaped like Đại Từ (Thái Nguyên): 30 communes, ~400 villages (xóm),
 *   ~400 village teams formed in May 2022 (a few new in 2025), ~3,000 members, monthly reports for
 *   2025-01..2025-12 and village indicators (population, working-age people, households, coverage counts).
 *   Hierarchy: province > district > commune > village.
 * - `ben-tre-2023.json` — a province shaped like Bến Tre: 9 district, 157 commune and 664 hamlet (ấp, khu
 *   phố) teams with ~7,100 members, monthly reports for 2023-01..2023-12, yearly hamlet indicators.
 * - `small.json` — one commune, 2 villages, 2 teams, 3 months: the dataset of the README quick start.
 *
 * Randomness comes only from mulberry32 seeded per dataset, so the same seed always gives the same bytes.
 * Members are opaque ids (`m-000123`); unit names are synthetic ("Xã ĐT-07"), so that the numbers are never
 * mistaken for a real commune's results.
 *
 * Run: `npm run datasets -w @cnscd/examples` (writes the three files next to this script).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ActivityReport, Affiliation, AreaIndicator, Dataset, Member, OrgUnit, Team } from '@cnscd/core';
import { mulberry32, villageIndicatorMetrics, type CoverageRanges } from './synthetic.js';

/** Helpers over a seeded PRNG. */
export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }
  /** Integer in [min, max], inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Weighted pick: `[value, weight]` pairs. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return pairs[pairs.length - 1]![0];
  }
  /** A count around `mean` (a binomial-like sum of 8 uniforms, never negative). */
  count(mean: number): number {
    if (mean <= 0) return 0;
    let s = 0;
    for (let i = 0; i < 8; i++) s += this.next();
    return Math.max(0, Math.round(mean * (s / 4)));
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const monthsOf = (year: number): string[] => Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1, 2)}`);
const date = (year: number, month: number, day: number): string => `${year}-${pad(month, 2)}-${pad(day, 2)}`;

/** Sequential opaque member ids, `m-000001`, per dataset. */
class MemberIds {
  private n = 0;
  next(): string {
    this.n += 1;
    return `m-${pad(this.n, 6)}`;
  }
}

type TeamKind = 'district' | 'commune' | 'village';

/** Members of one team: a leader, a deputy from 4 members, realistic affiliations and training. */
function makeMembers(rng: Rng, ids: MemberIds, size: number, kind: TeamKind, year: number, trainedShare: number): Member[] {
  const members: Member[] = [];
  for (let i = 0; i < size; i++) {
    const role = i === 0 ? 'leader' : i === 1 && size >= 4 ? 'deputy' : 'member';
    let affiliation: Affiliation;
    if (i === 0) {
      affiliation = kind === 'village' ? rng.weighted<Affiliation>([['villageHead', 7], ['youthUnion', 2], ['civilServant', 1]]) : 'civilServant';
    } else {
      affiliation = rng.weighted<Affiliation>(
        kind === 'village'
          ? [['youthUnion', 35], ['womensUnion', 15], ['volunteer', 18], ['areaPolice', 10], ['digitalBusiness', 4], ['villageHead', 3], ['other', 15]]
          : [['youthUnion', 30], ['civilServant', 30], ['areaPolice', 10], ['digitalBusiness', 12], ['womensUnion', 8], ['other', 10]],
      );
    }
    const affiliations: Affiliation[] = [affiliation];
    if (affiliation !== 'youthUnion' && rng.chance(0.08)) affiliations.push('youthUnion');
    const m: { -readonly [K in keyof Member]: Member[K] } = { id: ids.next(), role, affiliations };
    if (rng.chance(trainedShare)) m.trainings = rng.chance(0.3) ? ['onetouch-2022', 'onetouch-2023'] : [rng.pick(['onetouch-2022', 'onetouch-2023'])];
    if (i > 1 && rng.chance(0.06)) m.joinedOn = date(year, rng.int(2, 10), rng.int(1, 28));
    else if (i > 1 && rng.chance(0.04)) m.leftOn = date(year, rng.int(3, 11), rng.int(1, 28));
    members.push(m);
  }
  return members;
}

/** One team's monthly reports: `engagement` drives how often it reports and how much it does. */
function makeReports(rng: Rng, team: Team, months: readonly string[], kind: TeamKind, engagement: number): ActivityReport[] {
  const tasks = {
    shopping: rng.chance(0.3 + 0.5 * engagement),
    payment: rng.chance(0.5 + 0.45 * engagement),
    cyber: rng.chance(0.35 + 0.5 * engagement),
    local: rng.chance(0.2 + 0.5 * engagement),
  };
  const startMonth = team.establishedOn.slice(0, 7);
  const out: ActivityReport[] = [];
  for (const month of months) {
    if (month < startMonth || !rng.chance(0.35 + 0.6 * engagement)) continue;
    const e = engagement;
    const metrics: Record<string, number> = {};
    const put = (id: string, v: number): void => {
      if (v > 0) metrics[id] = v;
    };
    if (kind === 'village') {
      put('householdsVisited', rng.count(6 + 24 * e));
      put('guidedPublicServices', rng.count(4 + 14 * e));
      put('vneidInstalls', rng.count(2 + 8 * e));
      put('vneidLevel2Activations', rng.count(1 + 5 * e));
      if (rng.chance(0.5)) put('vssidInstalls', rng.count(1 + 4 * e));
      if (rng.chance(0.3)) put('onlineDossiersFiled', rng.count(1 + 3 * e));
      if (tasks.shopping && rng.chance(0.6)) put('guidedOnlineShopping', rng.count(2 + 6 * e));
      if (tasks.payment && rng.chance(0.7)) put('guidedOnlinePayment', rng.count(2 + 8 * e));
      if (tasks.payment && rng.chance(0.4)) put('paymentAccountsOpened', rng.count(1 + 4 * e));
      if (tasks.cyber && rng.chance(0.6)) put('guidedCyberSafety', rng.count(3 + 10 * e));
      if (tasks.cyber && rng.chance(0.2)) put('simCardsRegistered', rng.count(1 + 3 * e));
      if (tasks.local && rng.chance(0.5)) put('guidedLocalPlatforms', rng.count(1 + 5 * e));
    } else {
      put('peopleGuided', rng.count(10 + 40 * e));
      if (rng.chance(kind === 'district' ? 0.5 : 0.35)) put('trainingSessionsHeld', rng.int(1, kind === 'district' ? 2 : 1));
      if (metrics['trainingSessionsHeld'] !== undefined) put('trainingAttendees', rng.count(15 + 25 * e));
      put('guidedPublicServices', rng.count(5 + 15 * e));
      if (tasks.payment && rng.chance(0.6)) put('cashlessMerchantsOnboarded', rng.count(1 + 5 * e));
      if (tasks.shopping && rng.chance(0.5)) put('digitalStoresOpened', rng.count(1 + 3 * e));
      if (tasks.cyber && rng.chance(0.5)) put('guidedCyberSafety', rng.count(5 + 10 * e));
      if (tasks.local && rng.chance(0.4)) put('localPlatformAccounts', rng.count(2 + 6 * e));
    }
    out.push({ teamId: team.id, month, metrics });
  }
  return out;
}

/** Coverage ranges of the example datasets' villages and hamlets (level 0 to level 1). */
const COVERAGE: CoverageRanges = {
  workingAgeOnlinePublicServiceUsers: [0.3, 0.85],
  adultsWithSmartphone: [0.55, 0.92],
  adultsUsingSmartDevice: [0.45, 0.9],
  adultsWithVneidLevel2: [0.35, 0.85],
  adultsMeetingDigitalKnowledgeStandard: [0.05, 0.55],
  adultsWithPaymentAccount: [0.5, 0.88],
  householdsWithFiveSkills: [0.25, 0.8],
};

/** Area indicators of a village or hamlet of `population` people at a coverage `level` in [0, 1]. */
function villageIndicators(rng: Rng, orgUnitId: string, period: string, population: number, level: number): AreaIndicator {
  const rate = (lo: number, hi: number): number => Math.min(1, lo + (hi - lo) * level + rng.float(-0.05, 0.05));
  const workingAgePopulation = Math.round(population * rng.float(0.58, 0.66));
  const adults = Math.round(population * rng.float(0.7, 0.78));
  const households = Math.round(population / rng.float(3.3, 3.9));
  return { orgUnitId, period, metrics: villageIndicatorMetrics({ population, workingAgePopulation, adults, households }, COVERAGE, rate) };
}

/**
 * A district shaped like Đại Từ (Thái Nguyên), 2025.
 *
 * @example
 * ```ts
 * const d = generateDaiTu();
 * d.teams.length; // ≈ 400
 * ```
 */
export function generateDaiTu(seed = 2025): Dataset {
  const rng = new Rng(seed);
  const ids = new MemberIds();
  const year = 2025;
  const months = monthsOf(year);
  const orgUnits: OrgUnit[] = [
    { id: 'thai-nguyen', name: 'Tỉnh Thái Nguyên (giả lập)', level: 'province' },
    { id: 'dai-tu', name: 'Huyện Đại Từ (giả lập)', level: 'district', parentId: 'thai-nguyen' },
  ];
  const teams: Team[] = [];
  const reports: ActivityReport[] = [];
  const indicators: AreaIndicator[] = [];
  for (let c = 1; c <= 30; c++) {
    const communeId = `dt-x${pad(c, 2)}`;
    orgUnits.push({ id: communeId, name: `Xã ĐT-${pad(c, 2)}`, level: 'commune', parentId: 'dai-tu' });
    const villages = rng.int(10, 17);
    const communeLevel = rng.float(0.2, 0.9); // how far along the commune is
    for (let v = 1; v <= villages; v++) {
      const villageId = `${communeId}-v${pad(v, 2)}`;
      orgUnits.push({ id: villageId, name: `Xóm ${pad(v, 2)}`, level: 'village', parentId: communeId });
      const population = rng.int(250, 1400);
      const level = Math.min(1, Math.max(0, communeLevel + rng.float(-0.2, 0.2)));
      indicators.push(villageIndicators(rng, villageId, `${year}-06`, population, level * 0.85));
      indicators.push(villageIndicators(rng, villageId, `${year}-12`, population, level));
      if (!rng.chance(0.985)) continue; // a few villages have no team yet
      const isNew = rng.chance(0.025);
      const establishedOn = isNew ? date(year, rng.int(3, 9), rng.int(1, 28)) : date(2022, 5, rng.int(5, 31));
      const size = rng.weighted<number>([[3, 3], [4, 8], [5, 12], [6, 13], [7, 14], [8, 14], [9, 13], [10, 9], [11, 7], [12, 7]]);
      const team: Team = {
        id: `t-${villageId}`,
        orgUnitId: villageId,
        level: 'village',
        establishedOn,
        onlineGroup: rng.chance(0.55 + 0.4 * level),
        members: makeMembers(rng, ids, size, 'village', year, 0.35 + 0.55 * level),
      };
      teams.push(team);
      reports.push(...makeReports(rng, team, months, 'village', Math.min(1, 0.25 + 0.75 * level + rng.float(-0.15, 0.15))));
    }
  }
  return {
    name: 'Đại Từ-shaped district, 2025 (synthetic, seed ' + seed + ')',
    window: { from: `${year}-01`, to: `${year}-12` },
    orgUnits,
    teams,
    reports,
    indicators,
  };
}

/**
 * A province shaped like Bến Tre, 2023: 9 district, 157 commune and 664 hamlet teams.
 *
 * @example
 * ```ts
 * const b = generateBenTre();
 * b.teams.filter((t) => t.level === 'commune').length; // 157
 * ```
 */
export function generateBenTre(seed = 2023): Dataset {
  const rng = new Rng(seed);
  const ids = new MemberIds();
  const year = 2023;
  const months = monthsOf(year);
  const orgUnits: OrgUnit[] = [{ id: 'ben-tre', name: 'Tỉnh Bến Tre (giả lập)', level: 'province' }];
  const teams: Team[] = [];
  const reports: ActivityReport[] = [];
  const indicators: AreaIndicator[] = [];
  // 157 communes over 9 districts (Bến Tre: 8 districts and the provincial city).
  const communesPerDistrict = [17, 16, 22, 14, 18, 17, 18, 20, 15];
  const hamlets: { id: string; level: number }[] = [];
  const addTeam = (orgUnitId: string, kind: TeamKind, size: number, level: number): void => {
    const team: Team = {
      id: `t-${orgUnitId}`,
      orgUnitId,
      level: kind,
      establishedOn: date(2022, rng.int(6, 9), rng.int(1, 28)),
      onlineGroup: rng.chance(kind === 'village' ? 0.7 + 0.25 * level : 0.95),
      members: makeMembers(rng, ids, size, kind, year, 0.4 + 0.5 * level),
    };
    teams.push(team);
    reports.push(...makeReports(rng, team, months, kind, Math.min(1, 0.3 + 0.7 * level + rng.float(-0.15, 0.15))));
  };
  communesPerDistrict.forEach((communes, d) => {
    const districtId = `bt-h${d + 1}`;
    orgUnits.push({ id: districtId, name: `Huyện BT-${d + 1}`, level: 'district', parentId: 'ben-tre' });
    addTeam(districtId, 'district', rng.int(11, 16), rng.float(0.5, 1));
    for (let c = 1; c <= communes; c++) {
      const communeId = `${districtId}-x${pad(c, 2)}`;
      orgUnits.push({ id: communeId, name: `Xã BT-${d + 1}-${pad(c, 2)}`, level: 'commune', parentId: districtId });
      const level = rng.float(0.2, 0.95);
      addTeam(communeId, 'commune', rng.int(8, 13), level);
      const n = rng.int(3, 6);
      for (let h = 1; h <= n; h++) {
        const hamletId = `${communeId}-a${h}`;
        orgUnits.push({ id: hamletId, name: `Ấp ${h}`, level: 'village', parentId: communeId });
        indicators.push(villageIndicators(rng, hamletId, String(year), rng.int(600, 2600), level));
        hamlets.push({ id: hamletId, level });
      }
    }
  });
  // 664 hamlet teams: the hamlets that have one are a seeded sample, the others show uncovered villages.
  const withTeam = new Set(rng.shuffle(hamlets.map((h) => h.id)).slice(0, 664));
  for (const h of hamlets) {
    if (withTeam.has(h.id)) addTeam(h.id, 'village', rng.weighted<number>([[5, 10], [6, 16], [7, 18], [8, 18], [9, 14], [10, 10], [11, 8], [12, 6]]), h.level);
  }
  return {
    name: 'Bến Tre-shaped province, 2023 (synthetic, seed ' + seed + ')',
    window: { from: `${year}-01`, to: `${year}-12` },
    orgUnits,
    teams,
    reports,
    indicators,
  };
}

/**
 * The quick-start dataset: one commune, 2 villages, 2 teams, 2025-01..2025-03.
 *
 * @example
 * ```ts
 * const s = generateSmall();
 * s.teams.map((t) => t.id); // ['t-thon-1', 't-thon-2']
 * ```
 */
export function generateSmall(seed = 1): Dataset {
  const rng = new Rng(seed);
  const ids = new MemberIds();
  const months = ['2025-01', '2025-02', '2025-03'];
  const orgUnits: OrgUnit[] = [
    { id: 'xa-a', name: 'Xã A (giả lập)', level: 'commune' },
    { id: 'thon-1', name: 'Thôn 1', level: 'village', parentId: 'xa-a' },
    { id: 'thon-2', name: 'Thôn 2', level: 'village', parentId: 'xa-a' },
  ];
  const teams: Team[] = [
    { id: 't-thon-1', orgUnitId: 'thon-1', level: 'village', establishedOn: '2024-03-01', onlineGroup: true, members: makeMembers(rng, ids, 5, 'village', 2025, 0.8) },
    { id: 't-thon-2', orgUnitId: 'thon-2', level: 'village', establishedOn: '2024-03-01', onlineGroup: false, members: makeMembers(rng, ids, 3, 'village', 2025, 0.3) },
  ];
  const reports = [...makeReports(rng, teams[0]!, months, 'village', 1), ...makeReports(rng, teams[1]!, months, 'village', 0.6)];
  const indicators = [
    villageIndicators(rng, 'thon-1', '2025-03', 820, 0.7),
    villageIndicators(rng, 'thon-2', '2025-03', 540, 0.4),
  ];
  return { name: 'Quick-start dataset (synthetic, seed ' + seed + ')', window: { from: '2025-01', to: '2025-03' }, orgUnits, teams, reports, indicators };
}

/**
 * Stable, diff-friendly JSON: the top-level arrays one record per line.
 *
 * @example
 * ```ts
 * writeFileSync('small.json', serializeDataset(generateSmall()));
 * ```
 */
export function serializeDataset(dataset: Dataset): string {
  const lines: string[] = ['{'];
  const entries = Object.entries(dataset);
  entries.forEach(([key, value], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    if (Array.isArray(value)) {
      lines.push(`  ${JSON.stringify(key)}: [`);
      value.forEach((item, j) => lines.push(`    ${JSON.stringify(item)}${j < value.length - 1 ? ',' : ''}`));
      lines.push(`  ]${comma}`);
    } else {
      lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`);
    }
  });
  lines.push('}', '');
  return lines.join('\n');
}

/** The files `npm run datasets` writes, by name. */
export const DATASETS: Readonly<Record<string, () => Dataset>> = {
  'dai-tu-2025.json': () => generateDaiTu(),
  'ben-tre-2023.json': () => generateBenTre(),
  'small.json': () => generateSmall(),
};

export const DATASETS_DIR = dirname(fileURLToPath(import.meta.url));

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [file, make] of Object.entries(DATASETS)) {
    const d = make();
    const text = serializeDataset(d);
    writeFileSync(join(DATASETS_DIR, file), text);
    const members = d.teams.reduce((n, t) => n + (t.members?.length ?? 0), 0);
    console.log(
      `${file}: ${d.orgUnits.length} units, ${d.teams.length} teams, ${members} members, ${d.reports?.length ?? 0} reports, ` +
        `${d.indicators?.length ?? 0} indicator rows, ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB`,
    );
  }
}
