/**
 * Datasets for the validation benchmark and the scaling test: one province, a commune per ten villages, a
 * team per village with five members, three monthly reports per team, and one fault given to every team
 * (or every report), as when a provincial export misses a column.
 */
export type Fault = { readonly team?: (t: Team, i: number) => void; readonly report?: (r: Report, i: number) => void };
type Team = Record<string, unknown> & { members: Array<Record<string, unknown>> };
type Report = Record<string, unknown>;

/** Each fault, by name. */
export const FAULTS: Readonly<Record<string, Fault>> = {
  valid: {},
  missingEstablishedOn: { team: (t) => delete t.establishedOn },
  slashDate: { team: (t) => (t.establishedOn = '2024/01/01') },
  unknownKey: { team: (t) => (t.ghiChu = 'x') },
  stringBoolean: { team: (t) => (t.onlineGroup = 'true') },
  memberWithoutRole: { team: (t) => delete t.members[0]!.role },
  reportMonth: { report: (r) => (r.month = '2025-13') },
  phoneInTeamId: { team: (t, i) => (t.id = `T${i}-0912345678`) },
  danglingUnit: { team: (t, i) => (t.orgUnitId = `nowhere-${i}`) },
  duplicateTeamId: { team: (t) => (t.id = 'T') },
};

/** A dataset of `teams` teams, each (or each report) with `fault`. */
export function faultyDataset(teams: number, fault: Fault): Record<string, unknown> {
  const orgUnits: Array<Record<string, unknown>> = [{ id: 'P', name: 'Tỉnh', level: 'province' }];
  const communes = Math.ceil(teams / 10);
  for (let c = 0; c < communes; c++) orgUnits.push({ id: `C${c}`, name: `Xã ${c}`, level: 'commune', parentId: 'P' });
  const list: Team[] = [];
  const reports: Report[] = [];
  for (let i = 0; i < teams; i++) {
    orgUnits.push({ id: `V${i}`, name: `Thôn ${i}`, level: 'village', parentId: `C${Math.floor(i / 10)}` });
    const members = Array.from({ length: 5 }, (_, k) => ({
      id: `m${i}-${k}`,
      role: k === 0 ? 'leader' : 'member',
      affiliations: k === 1 ? ['youthUnion'] : [],
    }));
    const team: Team = { id: `T${i}`, orgUnitId: `V${i}`, level: 'village', establishedOn: '2023-03-01', onlineGroup: true, members };
    fault.team?.(team, i);
    list.push(team);
    for (const month of ['2025-01', '2025-02', '2025-03']) {
      const report: Report = { teamId: `T${i}`, month, metrics: { householdsVisited: i % 40, peopleGuided: i % 90 } };
      fault.report?.(report, i);
      reports.push(report);
    }
  }
  return { orgUnits, teams: list, reports };
}
