/**
 * The small example dataset, inlined at build time so that the published server carries it.
 * TEMPORARY: a copy of the quickstart dataset until examples/datasets/small.json lands.
 */
export const SMALL_DATASET: Readonly<Record<string, unknown>> = {
  name: 'Xã Hùng Sơn (example)',
  window: { from: '2025-01', to: '2025-12' },
  orgUnits: [
    { id: 'xa-hung-son', name: 'Xã Hùng Sơn', level: 'commune' },
    { id: 'thon-1', name: 'Thôn 1', level: 'village', parentId: 'xa-hung-son' },
    { id: 'thon-2', name: 'Thôn 2', level: 'village', parentId: 'xa-hung-son' },
  ],
  teams: [
    {
      id: 'to-thon-1', orgUnitId: 'thon-1', level: 'village', establishedOn: '2024-03-01', onlineGroup: true,
      members: [
        { id: 'm-001', role: 'leader', affiliations: ['villageHead'], trainings: ['onetouch-basic'] },
        { id: 'm-002', role: 'member', affiliations: ['youthUnion'], trainings: ['onetouch-basic'] },
        { id: 'm-003', role: 'member', affiliations: ['areaPolice'] },
        { id: 'm-004', role: 'member', affiliations: ['womensUnion'] },
      ],
    },
    {
      id: 'to-thon-2', orgUnitId: 'thon-2', level: 'village', establishedOn: '2024-03-01',
      members: [
        { id: 'm-101', role: 'leader', affiliations: ['villageHead'] },
        { id: 'm-102', role: 'member' },
      ],
    },
  ],
  reports: [
    { teamId: 'to-thon-1', month: '2025-01', metrics: { householdsVisited: 12, vneidLevel2Activations: 5 } },
    { teamId: 'to-thon-1', month: '2025-02', metrics: { householdsVisited: 9, paymentAccountsOpened: 3 } },
    { teamId: 'to-thon-2', month: '2025-01', metrics: { householdsVisited: 3 } },
  ],
};
