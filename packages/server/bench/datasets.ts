/** Synthetic datasets for the load benchmark: one commune, `n` village teams of 6, a year of reports. */
import type { Dataset } from '@cnscd/core';

export function benchDataset(n: number): Dataset {
  const orgUnits: Dataset['orgUnits'][number][] = [{ id: 'xa-0', name: 'Xã 0', level: 'commune' }];
  const teams: Dataset['teams'][number][] = [];
  const reports: NonNullable<Dataset['reports']>[number][] = [];
  for (let i = 0; i < n; i++) {
    orgUnits.push({ id: `thon-${i}`, name: `Thôn ${i}`, level: 'village', parentId: 'xa-0' });
    teams.push({
      id: `to-${i}`,
      orgUnitId: `thon-${i}`,
      level: 'village',
      establishedOn: '2023-01-01',
      onlineGroup: i % 3 !== 0,
      members: Array.from({ length: 6 }, (_, j) => ({
        id: `m-${i}-${j}`,
        role: j === 0 ? ('leader' as const) : ('member' as const),
        affiliations: j === 0 ? ['villageHead' as const] : j === 1 ? ['youthUnion' as const] : j === 2 ? ['areaPolice' as const] : [],
        trainings: j < 3 ? ['onetouch-basic'] : [],
      })),
    });
    for (let m = 1; m <= 12; m++) {
      reports.push({
        teamId: `to-${i}`,
        month: `2025-${String(m).padStart(2, '0')}`,
        metrics: {
          householdsVisited: 5 + ((i + m) % 11),
          onlineDossiersFiled: (i + m) % 4,
          ecommerceAccountsOpened: (i * m) % 3,
          paymentAccountsOpened: (i + 2 * m) % 5,
          simCardsRegistered: m % 2,
        },
      });
    }
  }
  return { name: `bench ${n}`, window: { from: '2025-01', to: '2025-12' }, orgUnits, teams, reports };
}
