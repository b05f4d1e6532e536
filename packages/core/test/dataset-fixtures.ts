/** Datasets for the validation tests: a small realistic one, and a generator for national-scale ones. */
import { toReportColumns } from '../src/model/report-columns.js';
import type { Dataset } from '../src/model/types.js';

/** Deeply writable, so that tests can break one field of a fixture. */
export type Writable<T> = T extends object ? { -readonly [K in keyof T]: Writable<T[K]> } : T;

/**
 * A small, valid, 2024 dataset: province > district > commune > two villages, a village team of five
 * with per-member reports, a commune team with team reports, area indicators, and one metric and one
 * ratio declared by the dataset (a provincial app, as Thừa Thiên Huế has Hue-S).
 */
export function smallDataset(): Writable<Dataset> {
  return {
    $schema: 'https://cnscd.dev/schemas/dataset.schema.json',
    name: 'Thái Nguyên — Đại Từ, 2024',
    window: { from: '2024-01', to: '2024-12' },
    orgUnits: [
      { id: 'P19', name: 'Tỉnh Thái Nguyên', level: 'province', parentId: null },
      { id: 'D19-164', name: 'Huyện Đại Từ', level: 'district', parentId: 'P19', validTo: '2025-06-30' },
      { id: 'C19-05500', name: 'Xã Hùng Sơn', level: 'commune', parentId: 'D19-164' },
      { id: 'V19-05500-01', name: 'Xóm Đồng Tâm', level: 'village', parentId: 'C19-05500', validFrom: '2020-01-01' },
      { id: 'V19-05500-02', name: 'Xóm Tân Lập', level: 'village', parentId: 'C19-05500' },
    ],
    teams: [
      {
        id: 'T-V01',
        orgUnitId: 'V19-05500-01',
        level: 'village',
        establishedOn: '2022-04-15',
        onlineGroup: true,
        members: [
          { id: 'm-001', role: 'leader', affiliations: ['villageHead'], birthYear: 1968, joinedOn: '2022-04-15' },
          { id: 'm-002', role: 'deputy', affiliations: ['youthUnion', 'volunteer'], birthYear: 1998, trainings: ['onetouch-2022-09'] },
          { id: 'm-003', role: 'member', affiliations: ['womensUnion'], birthYear: 1985 },
          { id: 'm-004', role: 'member', affiliations: ['areaPolice'], trainings: ['onetouch-2022-09', 'vneid-l2'] },
          { id: 'm-005', role: 'member', affiliations: ['digitalBusiness'], joinedOn: '2023-01-10', leftOn: '2024-11-30' },
        ],
      },
      { id: 'T-C01', orgUnitId: 'C19-05500', level: 'commune', establishedOn: '2022-05-01' },
    ],
    reports: [
      { teamId: 'T-V01', memberId: 'm-001', month: '2024-01', metrics: { householdsVisited: 12, vneidLevel2Activations: 7 } },
      { teamId: 'T-V01', memberId: 'm-002', month: '2024-01', metrics: { householdsVisited: 9, guidedOnlinePayment: 4 } },
      { teamId: 'T-V01', memberId: 'm-001', month: '2024-02', metrics: { householdsVisited: 10, hueSAccounts: 3 } },
      { teamId: 'T-V01', month: '2024-02', metrics: { trainingSessionsHeld: 1, trainingAttendees: 34 } },
      { teamId: 'T-C01', month: '2024-03', metrics: { peopleGuided: 120, onlineDossiersFiled: 41 } },
    ],
    indicators: [
      {
        orgUnitId: 'V19-05500-01',
        period: '2024',
        metrics: {
          population: 812,
          adults: 590,
          workingAgePopulation: 501,
          workingAgeOnlinePublicServiceUsers: 233,
          adultsWithSmartphone: 402,
          hueSUsers: 120,
        },
      },
      { orgUnitId: 'V19-05500-01', period: '2024-06', metrics: { households: 214, householdsWithFiveSkills: 88 } },
      { orgUnitId: 'C19-05500', period: '2024', metrics: { population: 9100, adults: 6400 } },
    ],
    metrics: [
      {
        id: 'hueSAccounts',
        label: { vi: 'Tài khoản Hue-S được tạo', en: 'Hue-S accounts created' },
        unit: 'accounts',
        kind: 'activity',
        overTime: 'sum',
        upHierarchy: 'sum',
        task: 'localPlatforms',
      },
      { id: 'hueSUsers', label: { vi: 'Người dùng Hue-S', en: 'Hue-S users' }, unit: 'people', kind: 'area', overTime: 'last', upHierarchy: 'sum' },
    ],
    ratios: [
      {
        id: 'hueSAdoption',
        label: { vi: 'Tỷ lệ người trưởng thành dùng Hue-S', en: 'Share of adults using Hue-S' },
        numerator: 'hueSUsers',
        denominator: 'adults',
      },
    ],
  };
}

/**
 * A valid dataset of national shape: `teams` village teams with 4–5 members each (≈ 4.7 per team, as in
 * the MIC 2023 count of 74,422 teams and 348,362 members) and `reportsPerTeam` reports each (≤ 60, so that
 * no two collide): twelve monthly team reports, then per-member reports.
 */
export function generatedDataset(teams: number, reportsPerTeam: number): Dataset {
  const orgUnits: Writable<Dataset['orgUnits']> = [];
  const teamList: Writable<Dataset['teams']> = [];
  const reports: Writable<NonNullable<Dataset['reports']>> = [];
  const indicators: Writable<NonNullable<Dataset['indicators']>> = [];
  const communesPerProvince = 100;
  const villagesPerCommune = 10;
  const provinces = Math.max(1, Math.ceil(teams / (communesPerProvince * villagesPerCommune)));
  for (let p = 0; p < provinces; p++) orgUnits.push({ id: `P${p}`, name: `Province ${p}`, level: 'province' });
  for (let t = 0; t < teams; t++) {
    const village = `V${t}`;
    if (t % villagesPerCommune === 0) {
      const commune = `C${t / villagesPerCommune}`;
      orgUnits.push({
        id: commune,
        name: `Commune ${commune}`,
        level: 'commune',
        parentId: `P${Math.floor(t / (communesPerProvince * villagesPerCommune))}`,
      });
    }
    orgUnits.push({ id: village, name: `Village ${t}`, level: 'village', parentId: `C${Math.floor(t / villagesPerCommune)}` });
    const size = t % 10 < 7 ? 5 : 4;
    const members: Writable<NonNullable<Dataset['teams'][number]['members']>> = [];
    for (let m = 0; m < size; m++) {
      members.push({
        id: `T${t}-m${m}`,
        role: m === 0 ? 'leader' : m === 1 ? 'deputy' : 'member',
        affiliations: ['volunteer'],
        birthYear: 1970 + ((t + m) % 40),
      });
    }
    teamList.push({ id: `T${t}`, orgUnitId: village, level: 'village', establishedOn: '2022-04-01', members });
    for (let r = 0; r < reportsPerTeam; r++) {
      const month = `2024-${String((r % 12) + 1).padStart(2, '0')}`;
      const memberId = r < 12 ? undefined : `T${t}-m${Math.floor(r / 12) % size}`;
      const metrics = { householdsVisited: (t + r) % 30, peopleGuided: (t * r) % 50, vneidLevel2Activations: r % 7 };
      reports.push(memberId === undefined ? { teamId: `T${t}`, month, metrics } : { teamId: `T${t}`, memberId, month, metrics });
    }
    indicators.push({ orgUnitId: village, period: '2024', metrics: { population: 800, adults: 600, adultsWithSmartphone: 400 } });
  }
  return { window: { from: '2024-01', to: '2024-12' }, orgUnits, teams: teamList, reports, indicators };
}

/**
 * The dataset with its reports from `from` on as columns (`reportColumns`); the first `from` stay objects
 * (`reports` is left out when none do). The two forms evaluate and validate alike.
 */
export function withReportColumns(d: Dataset, from = 0): Dataset {
  const { reports, ...rest } = d;
  const objects = (reports ?? []).slice(0, from);
  return { ...rest, ...(objects.length > 0 ? { reports: objects } : {}), reportColumns: toReportColumns((reports ?? []).slice(from)) };
}
