/**
 * Quick start: evaluate a small dataset against an inline criteria set and read why each criterion
 * passed or failed. Run: `npm run quickstart -w @cnscd/examples`.
 */
import { evaluate, type CriteriaSet, type Dataset } from '@cnscd/core';

export const dataset: Dataset = {
  orgUnits: [
    { id: 'xa-hung-son', name: 'Xã Hùng Sơn', level: 'commune' },
    { id: 'thon-1', name: 'Thôn 1', level: 'village', parentId: 'xa-hung-son' },
    { id: 'thon-2', name: 'Thôn 2', level: 'village', parentId: 'xa-hung-son' },
  ],
  teams: [
    {
      id: 'to-thon-1',
      orgUnitId: 'thon-1',
      level: 'village',
      establishedOn: '2024-03-01',
      onlineGroup: true,
      members: [
        { id: 'm-001', role: 'leader', affiliations: ['villageHead'], trainings: ['onetouch-basic'] },
        { id: 'm-002', role: 'member', affiliations: ['youthUnion'], trainings: ['onetouch-basic'] },
        { id: 'm-003', role: 'member', affiliations: ['areaPolice'] },
        { id: 'm-004', role: 'member', affiliations: ['womensUnion'] },
        { id: 'm-005', role: 'member', affiliations: ['volunteer'] },
      ],
    },
    {
      id: 'to-thon-2',
      orgUnitId: 'thon-2',
      level: 'village',
      establishedOn: '2024-03-01',
      members: [
        { id: 'm-101', role: 'leader', affiliations: ['villageHead'] },
        { id: 'm-102', role: 'member' },
        { id: 'm-103', role: 'member' },
      ],
    },
  ],
  // to-thon-1 reported 10 of 12 months; to-thon-2 reported 4.
  reports: [
    ...Array.from({ length: 10 }, (_, i) => ({
      teamId: 'to-thon-1',
      month: `2025-${String(i + 1).padStart(2, '0')}`,
      metrics: { householdsVisited: 12 },
    })),
    ...Array.from({ length: 4 }, (_, i) => ({
      teamId: 'to-thon-2',
      month: `2025-${String(i + 1).padStart(2, '0')}`,
      metrics: { householdsVisited: 3 },
    })),
  ],
};

export const criteriaSet: CriteriaSet = {
  id: 'quickstart',
  version: '1.0.0',
  title: { vi: 'Bộ tiêu chí mẫu', en: 'Sample criteria' },
  subject: { kind: 'team' },
  criteria: [
    {
      id: 'size',
      group: 'organisation',
      maxPoints: 50,
      title: { vi: 'Tổ có 4–9 thành viên', en: 'Team has 4–9 members' },
      scoring: { type: 'pass', when: { fact: 'memberCount', operator: 'between', value: [4, 9] } },
    },
    {
      id: 'reports',
      group: 'reporting',
      maxPoints: 50,
      title: { vi: 'Báo cáo ít nhất 10 tháng', en: 'At least 10 monthly reports' },
      scoring: { type: 'pass', when: { fact: 'monthsReported', operator: 'greaterThanInclusive', value: 10 } },
    },
  ],
  ratings: [
    { id: 'pass', label: { vi: 'Đạt', en: 'Pass' }, minPercent: 50 },
    { id: 'fail', label: { vi: 'Chưa đạt', en: 'Not yet' }, minPercent: 0 },
  ],
};

export async function main(log: (line: string) => void = console.log): Promise<void> {
  const result = await evaluate(dataset, criteriaSet, { period: '2025-01..2025-12' });
  for (const s of result.subjects) {
    log(`${s.subject.id}: ${s.score}/${s.maxScore} (${s.percent}%) → ${s.rating?.label.en} / ${s.rating?.label.vi}`);
    for (const c of s.criteria) log(`  ${c.id} [${c.status}] ${c.reason?.en}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
