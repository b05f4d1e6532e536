/**
 * The benchmark's criteria set: 12 team criteria over the core fact catalog, using every scoring shape —
 * `pass` with `all`, `any`, `not` and paths into object facts; `ratio` with a dated parameter and a floor;
 * `steps` — plus an `applicableWhen`. Thresholds follow the sources loosely (4–9 members, Thái Nguyên's
 * 70% of working-age people using online public services…); it is a workload, not a rubric.
 *
 * `bench/hand-written.ts` scores exactly these criteria without the engine; keep the two in step.
 */
import type { CriteriaSet } from '../packages/core/src/criteria/types.js';

export const benchCriteriaSet = {
  id: 'bench-national',
  version: '1.0.0',
  title: { vi: 'Bộ tiêu chí dùng để đo hiệu năng', en: 'Benchmark criteria set' },
  description: {
    vi: 'Tải thử cho bộ đánh giá; không phải bộ tiêu chí chính thức.',
    en: 'A workload for the evaluator; not an official rubric.',
  },
  sources: [{ number: '793/BTTTT-THH', date: '2022-03-05' }],
  subject: { kind: 'team' },
  parameters: {
    minMembers: { value: 4 },
    // Dated: the reporting target rises mid-2025 (the "Bình dân học vụ số" push).
    reportingTarget: {
      schedule: [
        { from: '2024-01-01', value: 0.75 },
        { from: '2025-07-01', value: 0.9 },
      ],
    },
    vneidTarget: { value: 60 },
    opsTarget: {
      schedule: [
        { from: '2022-04-01', value: 0.5 },
        { from: '2025-01-01', value: 0.7 },
      ],
    },
  },
  criteria: [
    {
      id: 'size',
      group: 'organisation',
      maxPoints: 10,
      title: { vi: 'Tổ có 4–9 thành viên', en: 'Team of 4–9 members' },
      scoring: {
        type: 'pass',
        when: {
          all: [
            { fact: 'memberCount', operator: 'greaterThanInclusive', value: { param: 'minMembers' } },
            { fact: 'memberCount', operator: 'lessThanInclusive', value: 9 },
          ],
        },
      },
    },
    {
      id: 'leadership',
      group: 'organisation',
      maxPoints: 8,
      title: { vi: 'Có một tổ trưởng và ít nhất một tổ phó', en: 'One leader and at least one deputy' },
      scoring: {
        type: 'pass',
        when: {
          all: [
            { fact: 'leaderCount', operator: 'equal', value: 1 },
            { fact: 'deputyCount', operator: 'greaterThanInclusive', value: 1 },
          ],
        },
      },
    },
    {
      id: 'core-forces',
      group: 'organisation',
      maxPoints: 8,
      title: { vi: 'Có lực lượng nòng cốt', en: 'Core forces on the team' },
      scoring: {
        type: 'pass',
        when: {
          any: [
            { fact: 'affiliations', path: 'youthUnion', operator: 'greaterThanInclusive', value: 1 },
            { fact: 'affiliations', path: '$.areaPolice', operator: 'greaterThanInclusive', value: 1 },
            {
              all: [
                { fact: 'affiliations', path: 'villageHead', operator: 'greaterThanInclusive', value: 1 },
                { fact: 'affiliations', path: 'womensUnion', operator: 'greaterThanInclusive', value: 1 },
              ],
            },
          ],
        },
      },
    },
    {
      id: 'online-group',
      group: 'organisation',
      maxPoints: 4,
      title: { vi: 'Có nhóm Zalo của tổ', en: 'Runs an online group' },
      scoring: { type: 'pass', when: { all: [{ fact: 'onlineGroup', operator: 'equal', value: true }] } },
    },
    {
      id: 'not-dormant',
      group: 'other',
      maxPoints: 6,
      title: { vi: 'Tổ có hoạt động thực chất', en: 'The team is not dormant' },
      scoring: {
        type: 'pass',
        when: {
          not: {
            any: [
              { fact: 'tasksActive', operator: 'lessThan', value: 2 },
              { fact: 'activity', path: 'householdsVisited', operator: 'lessThan', value: 60 },
            ],
          },
        },
      },
    },
    {
      id: 'reporting',
      group: 'reporting',
      maxPoints: 10,
      title: { vi: 'Báo cáo hằng tháng', en: 'Monthly reporting' },
      applicableWhen: { all: [{ fact: 'monthsExpected', operator: 'greaterThanInclusive', value: 6 }] },
      scoring: { type: 'ratio', fact: 'reportingRate', target: { param: 'reportingTarget' } },
    },
    {
      id: 'training',
      group: 'training',
      maxPoints: 8,
      title: { vi: 'Thành viên được tập huấn', en: 'Members trained' },
      scoring: { type: 'ratio', fact: 'trainedMemberShare', target: 0.8, floor: 0.3 },
    },
    {
      id: 'public-services',
      group: 'publicServices',
      maxPoints: 12,
      title: { vi: 'Hướng dẫn dịch vụ công trực tuyến', en: 'Online public services' },
      scoring: {
        type: 'steps',
        fact: 'tasks',
        path: 'publicServices',
        steps: [
          { min: 60, points: 4 },
          { min: 150, points: 8 },
          { min: 300, points: 12 },
        ],
      },
    },
    {
      id: 'vneid',
      group: 'publicServices',
      maxPoints: 8,
      title: { vi: 'Kích hoạt định danh điện tử mức 2', en: 'VNeID level-2 activations' },
      scoring: { type: 'ratio', fact: 'activity', path: 'vneidLevel2Activations', target: { param: 'vneidTarget' } },
    },
    {
      id: 'payment',
      group: 'onlinePayment',
      maxPoints: 8,
      title: { vi: 'Mở tài khoản thanh toán', en: 'Payment accounts opened' },
      scoring: {
        type: 'steps',
        fact: 'activity',
        path: 'paymentAccountsOpened',
        steps: [
          { min: 10, points: 3 },
          { min: 25, points: 6 },
          { min: 50, points: 8 },
        ],
      },
    },
    {
      id: 'cyber-safety',
      group: 'cyberSafety',
      maxPoints: 6,
      title: { vi: 'Hướng dẫn an toàn trên không gian mạng', en: 'Cyber safety guidance' },
      scoring: {
        type: 'steps',
        fact: 'tasks',
        path: '$.cyberSafety',
        steps: [
          { min: 20, points: 2 },
          { min: 60, points: 4 },
          { min: 120, points: 6 },
        ],
      },
    },
    {
      id: 'ops-coverage',
      group: 'coverage',
      maxPoints: 12,
      title: { vi: 'Người trong độ tuổi lao động dùng DVCTT', en: 'Working-age people using online public services' },
      scoring: { type: 'ratio', fact: 'coverage', path: 'onlinePublicServices', target: { param: 'opsTarget' }, floor: 0.2 },
    },
  ],
  ratings: [
    { id: 'excellent', label: { vi: 'Xuất sắc', en: 'Excellent' }, minPercent: 90 },
    { id: 'good', label: { vi: 'Tốt', en: 'Good' }, minPercent: 70 },
    { id: 'fair', label: { vi: 'Khá', en: 'Fair' }, minPercent: 50 },
    { id: 'weak', label: { vi: 'Yếu', en: 'Weak' }, minPercent: 0 },
  ],
  totalPoints: 100,
} as const satisfies CriteriaSet;

/** Criterion ids in set order (the order `scoreTeamByHand` returns points in). */
export const BENCH_CRITERIA: readonly string[] = benchCriteriaSet.criteria.map((c) => c.id);
