import { AFFILIATIONS, type Affiliation, type Member, type Team } from '../model/types.js';
import { defineFact } from '../plugin/define.js';
import type { FactContext, FactDefinition } from '../plugin/types.js';
import { wholeMonthsBetween } from '../internal/dates.js';

const team = (ctx: FactContext): Team => {
  if (ctx.subject.kind !== 'team') throw new Error('team fact evaluated for a non-team subject');
  return ctx.subject.team;
};
/**
 * The org unit a subject covers: the unit itself, or the unit a team serves on the evaluation date (its
 * `orgUnitHistory`) — with lineage, the unit it is placed in, so that a team whose unit ended and went
 * whole into a successor reads the successor's area, not the ended unit's (whose villages are elsewhere
 * now). An unplaced team keeps its own unit.
 */
const unitId = (ctx: FactContext): string => {
  if (ctx.subject.kind !== 'team') return ctx.subject.id;
  return ctx.index.areaUnitId(ctx.subject.team);
};
const share = (n: number, d: number): number | undefined => (d > 0 ? n / d : undefined);

/**
 * Active members per affiliation, keys in AFFILIATIONS order (checked by a test); an affiliation listed
 * twice counts once. Counted in locals and returned as one literal (one allocation per team, several
 * times cheaper here than an object built from AFFILIATIONS and `+= 1` through computed keys).
 */
function countAffiliations(members: readonly Member[]): Record<Affiliation, number> {
  let villageHead = 0;
  let areaPolice = 0;
  let youthUnion = 0;
  let womensUnion = 0;
  let digitalBusiness = 0;
  let volunteer = 0;
  let civilServant = 0;
  let other = 0;
  for (let j = 0; j < members.length; j++) {
    const list = members[j]!.affiliations;
    if (list === undefined) continue;
    if (!Array.isArray(list)) return countAffiliationsInGeneral(members);
    for (let i = 0; i < list.length; i++) {
      const a: Affiliation = list[i]!;
      if (i > 0 && list.indexOf(a) < i) continue; // not its first occurrence
      switch (a) {
        case 'villageHead':
          villageHead += 1;
          break;
        case 'areaPolice':
          areaPolice += 1;
          break;
        case 'youthUnion':
          youthUnion += 1;
          break;
        case 'womensUnion':
          womensUnion += 1;
          break;
        case 'digitalBusiness':
          digitalBusiness += 1;
          break;
        case 'volunteer':
          volunteer += 1;
          break;
        case 'civilServant':
          civilServant += 1;
          break;
        case 'other':
          other += 1;
          break;
        default:
          return countAffiliationsInGeneral(members);
      }
    }
  }
  return { villageHead, areaPolice, youthUnion, womensUnion, digitalBusiness, volunteer, civilServant, other };
}

/** The same for unvalidated data (values outside AFFILIATIONS, lists that are not arrays), as it always was. */
function countAffiliationsInGeneral(members: readonly Member[]): Record<Affiliation, number> {
  const out = Object.fromEntries(AFFILIATIONS.map((a) => [a, 0])) as Record<Affiliation, number>;
  for (const m of members) for (const a of new Set(m.affiliations ?? [])) out[a] += 1;
  return out;
}

// Counting loops over a team's active members (no filtered arrays: these run once per team).
const countRole = (members: readonly Member[], role: Member['role']): number => {
  let n = 0;
  for (let i = 0; i < members.length; i++) if (members[i]!.role === role) n += 1;
  return n;
};
const trained = (m: Member): boolean => (m.trainings?.length ?? 0) > 0;

/** Teams whose activity a subject's activity facts sum: the team itself, or the teams of a unit's subtree. */
const teamsOf = (ctx: FactContext): readonly Team[] => (ctx.subject.kind === 'team' ? [ctx.subject.team] : ctx.index.teamsInSubtree(ctx.subject.id));

/**
 * The core fact catalog. Each fact is documented by its label; `docs/facts.md` lists them with units.
 * Ratios are 0–1; counts are of members/teams active on the evaluation date.
 */
export const CORE_FACTS: readonly FactDefinition<unknown>[] = [
  // ── composition (teams) ─────────────────────────────────────────────────────
  defineFact({
    id: 'memberCount',
    type: 'number',
    unit: 'members',
    subjects: ['team', 'orgUnit'],
    label: { vi: 'Số thành viên', en: 'Members' },
    description: {
      vi: 'Thành viên đang hoạt động tại ngày đánh giá (của tổ, hoặc của các tổ trong đơn vị)',
      en: 'Members active on the evaluation date (of the team, or of the teams in the unit)',
    },
    compute: (ctx) =>
      ctx.subject.kind === 'team'
        ? ctx.index.activeMembers(ctx.subject.team).length
        : teamsOf(ctx).reduce((n, t) => n + ctx.index.activeMembers(t).length, 0),
  }),
  defineFact({
    id: 'leaderCount',
    type: 'number',
    unit: 'members',
    subjects: ['team'],
    label: { vi: 'Số tổ trưởng', en: 'Team leaders' },
    compute: (ctx) => countRole(ctx.index.activeMembers(team(ctx)), 'leader'),
  }),
  defineFact({
    id: 'deputyCount',
    type: 'number',
    unit: 'members',
    subjects: ['team'],
    label: { vi: 'Số tổ phó', en: 'Deputy leaders' },
    compute: (ctx) => countRole(ctx.index.activeMembers(team(ctx)), 'deputy'),
  }),
  defineFact({
    id: 'affiliations',
    type: 'object',
    unit: 'members',
    subjects: ['team'],
    pathKeys: AFFILIATIONS,
    label: { vi: 'Số thành viên theo lực lượng', en: 'Members by affiliation' },
    compute: (ctx) => countAffiliations(ctx.index.activeMembers(team(ctx))),
  }),
  defineFact({
    id: 'trainedMemberCount',
    type: 'number',
    unit: 'members',
    subjects: ['team'],
    label: { vi: 'Số thành viên đã được tập huấn', en: 'Members trained' },
    compute: (ctx) => {
      const members = ctx.index.activeMembers(team(ctx));
      let n = 0;
      for (let i = 0; i < members.length; i++) if (trained(members[i]!)) n += 1;
      return n;
    },
  }),
  defineFact({
    id: 'trainedMemberShare',
    type: 'number',
    unit: 'ratio',
    subjects: ['team'],
    label: { vi: 'Tỷ lệ thành viên đã được tập huấn', en: 'Share of members trained' },
    dependsOn: { facts: ['trainedMemberCount', 'memberCount'] },
    compute: (ctx) => share(ctx.fact('trainedMemberCount') as number, ctx.fact('memberCount') as number),
  }),
  defineFact({
    id: 'trainedLeaderShare',
    type: 'number',
    unit: 'ratio',
    subjects: ['team'],
    label: { vi: 'Tỷ lệ tổ trưởng đã được tập huấn', en: 'Share of team leaders trained' },
    compute: (ctx) => {
      const members = ctx.index.activeMembers(team(ctx));
      let leaders = 0;
      let trainedLeaders = 0;
      for (let i = 0; i < members.length; i++) {
        const m = members[i]!;
        if (m.role !== 'leader') continue;
        leaders += 1;
        if (trained(m)) trainedLeaders += 1;
      }
      return share(trainedLeaders, leaders);
    },
  }),
  defineFact({
    id: 'onlineGroup',
    type: 'boolean',
    subjects: ['team'],
    label: { vi: 'Có nhóm trực tuyến (Zalo...)', en: 'Runs an online group' },
    compute: (ctx) => team(ctx).onlineGroup === true,
  }),
  defineFact({
    id: 'level',
    type: 'string',
    subjects: ['team', 'orgUnit'],
    label: { vi: 'Cấp', en: 'Level' },
    compute: (ctx) => (ctx.subject.kind === 'team' ? ctx.subject.team.level : ctx.subject.orgUnit.level),
  }),
  defineFact({
    id: 'monthsActive',
    type: 'number',
    unit: 'months',
    subjects: ['team'],
    label: { vi: 'Số tháng đã hoạt động', en: 'Months since established' },
    compute: (ctx) => {
      const t = team(ctx);
      const end = t.disbandedOn !== undefined && t.disbandedOn < ctx.asOf ? t.disbandedOn : ctx.asOf;
      return wholeMonthsBetween(t.establishedOn, end);
    },
  }),
  // ── reporting ───────────────────────────────────────────────────────────────
  defineFact({
    id: 'monthsExpected',
    type: 'number',
    unit: 'months',
    subjects: ['team'],
    label: { vi: 'Số tháng phải báo cáo', en: 'Months a report was due' },
    compute: (ctx) => ctx.index.teamActivity(team(ctx)).monthsExpected.length,
  }),
  defineFact({
    id: 'monthsReported',
    type: 'number',
    unit: 'months',
    subjects: ['team'],
    label: { vi: 'Số tháng có báo cáo', en: 'Months reported' },
    compute: (ctx) => ctx.index.teamActivity(team(ctx)).monthsReported,
  }),
  defineFact({
    id: 'reportingRate',
    type: 'number',
    unit: 'ratio',
    subjects: ['team'],
    label: { vi: 'Tỷ lệ tháng có báo cáo', en: 'Share of months reported' },
    dependsOn: { facts: ['monthsReported', 'monthsExpected'] },
    compute: (ctx) => share(ctx.fact('monthsReported') as number, ctx.fact('monthsExpected') as number),
  }),
  defineFact({
    id: 'memberReportingRate',
    type: 'number',
    unit: 'ratio',
    subjects: ['team'],
    label: { vi: 'Tỷ lệ báo cáo tháng của từng thành viên', en: 'Share of monthly member reports received' },
    compute: (ctx) => {
      const a = ctx.index.teamActivity(team(ctx));
      return share(a.memberMonthsReported, a.memberMonthsExpected);
    },
  }),
  // ── activity and the five tasks (teams and units) ──────────────────────────
  defineFact({
    id: 'activity',
    type: 'object',
    subjects: ['team', 'orgUnit'],
    pathKeys: 'activityMetrics',
    label: { vi: 'Kết quả hoạt động trong kỳ', en: 'Activity in the period' },
    compute: (ctx) => (ctx.subject.kind === 'team' ? ctx.index.teamActivity(ctx.subject.team).totals : ctx.index.activityOfTeams(teamsOf(ctx))),
  }),
  defineFact({
    id: 'tasks',
    type: 'object',
    subjects: ['team', 'orgUnit'],
    pathKeys: 'tasks',
    label: { vi: 'Kết quả theo 5 nhiệm vụ cơ bản', en: 'Activity per basic task' },
    dependsOn: { facts: ['activity'] },
    compute: (ctx) => ctx.index.tasks(ctx.fact('activity') as Record<string, number>),
  }),
  defineFact({
    id: 'tasksActive',
    type: 'number',
    unit: 'tasks',
    subjects: ['team', 'orgUnit'],
    label: { vi: 'Số nhiệm vụ cơ bản có hoạt động', en: 'Basic tasks with activity' },
    dependsOn: { facts: ['tasks'] },
    compute: (ctx) => {
      // Own enumerable values, as Object.values gives, without the array.
      const tasks = ctx.fact('tasks') as Record<string, number>;
      if (tasks == null) Object.values(tasks); // throws the TypeError it always did
      let n = 0;
      for (const k in tasks) if (Object.hasOwn(tasks, k) && tasks[k]! > 0) n += 1;
      return n;
    },
  }),
  // ── the area served ─────────────────────────────────────────────────────────
  defineFact({
    id: 'area',
    type: 'object',
    subjects: ['team', 'orgUnit'],
    pathKeys: 'areaMetrics',
    label: { vi: 'Chỉ số của địa bàn', en: 'Indicators of the area served' },
    compute: (ctx) => ctx.index.area(unitId(ctx)),
  }),
  defineFact({
    id: 'coverage',
    type: 'object',
    unit: 'ratio',
    subjects: ['team', 'orgUnit'],
    pathKeys: 'ratios',
    label: { vi: 'Tỷ lệ bao phủ của địa bàn', en: 'Coverage rates of the area served' },
    dependsOn: { facts: ['area'] },
    compute: (ctx) => ctx.index.coverage(ctx.fact('area') as Record<string, number | undefined>),
  }),
  // ── org units ───────────────────────────────────────────────────────────────
  defineFact({
    id: 'teamCount',
    type: 'number',
    unit: 'teams',
    subjects: ['orgUnit'],
    label: { vi: 'Số tổ trên địa bàn', en: 'Teams in the unit' },
    compute: (ctx) => teamsOf(ctx).length,
  }),
  defineFact({
    id: 'teamsAtUnit',
    type: 'number',
    unit: 'teams',
    subjects: ['orgUnit'],
    label: { vi: 'Số tổ cấp đơn vị', en: 'Teams at the unit itself' },
    compute: (ctx) => ctx.index.teamsAt(ctx.subject.id).length,
  }),
  defineFact({
    id: 'hasTeam',
    type: 'boolean',
    subjects: ['orgUnit'],
    label: { vi: 'Có tổ CNSCĐ', en: 'Has a team' },
    dependsOn: { facts: ['teamCount'] },
    compute: (ctx) => (ctx.fact('teamCount') as number) > 0,
  }),
  defineFact({
    id: 'descendantCount',
    type: 'object',
    unit: 'units',
    subjects: ['orgUnit'],
    pathKeys: 'levels',
    label: { vi: 'Số đơn vị trực thuộc theo cấp', en: 'Units below, by level' },
    compute: (ctx) => countByLevel(ctx, () => true),
  }),
  defineFact({
    id: 'descendantsWithTeam',
    type: 'object',
    unit: 'units',
    subjects: ['orgUnit'],
    pathKeys: 'levels',
    label: { vi: 'Số đơn vị trực thuộc có tổ, theo cấp', en: 'Units below with a team, by level' },
    compute: (ctx) => countByLevel(ctx, (id) => ctx.index.teamsInSubtree(id).length > 0),
  }),
  defineFact({
    id: 'descendantsWithTeamShare',
    type: 'object',
    unit: 'ratio',
    subjects: ['orgUnit'],
    pathKeys: 'levels',
    label: { vi: 'Tỷ lệ đơn vị trực thuộc có tổ, theo cấp', en: 'Share of units below with a team, by level' },
    dependsOn: { facts: ['descendantCount', 'descendantsWithTeam'] },
    compute: (ctx) => {
      const all = ctx.fact('descendantCount') as Record<string, number>;
      const withTeam = ctx.fact('descendantsWithTeam') as Record<string, number>;
      return Object.fromEntries(Object.keys(all).map((l) => [l, share(withTeam[l] ?? 0, all[l] ?? 0)]));
    },
  }),
  defineFact({
    id: 'membersPer100Residents',
    type: 'number',
    unit: 'members per 100 residents',
    subjects: ['orgUnit'],
    label: { vi: 'Số thành viên tổ CNSCĐ trên 100 dân', en: 'Team members per 100 residents' },
    dependsOn: { facts: ['memberCount', 'area'] },
    compute: (ctx) => {
      const population = (ctx.fact('area') as Record<string, number | undefined>)['population'];
      return population === undefined || population <= 0 ? undefined : ((ctx.fact('memberCount') as number) / population) * 100;
    },
  }),
];

function countByLevel(ctx: FactContext, keep: (unitId: string) => boolean): Record<string, number> {
  const out: Record<string, number> = {};
  const own = ctx.index.levelRank.get(ctx.subject.kind === 'orgUnit' ? ctx.subject.orgUnit.level : '') ?? -1;
  for (const l of ctx.index.levels) if ((ctx.index.levelRank.get(l) ?? -1) > own) out[l] = 0;
  for (const d of ctx.index.descendants(ctx.subject.id)) {
    if (keep(d.id)) out[d.level] = (out[d.level] ?? 0) + 1;
  }
  return out;
}
