/**
 * The example body of `POST /v1/criteria-sets/validate` in the OpenAPI document: a small, valid criteria
 * set (the README's), so that Swagger UI's "Try it out" answers `valid: true`. A test sends it.
 */
export const EXAMPLE_CRITERIA_SET = {
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
} as const;
