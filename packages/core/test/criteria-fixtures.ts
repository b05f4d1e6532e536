/** Criteria sets and helpers shared by the `criteria-*` tests. */
import { expect } from 'vitest';
import type { ErrorCode, Problem } from '../src/errors.js';
import type { CriteriaSet, Criterion } from '../src/criteria/types.js';
import { validateCriteriaSet, type CriteriaSetValidation, type ValidateCriteriaSetOptions } from '../src/criteria/validate.js';
import { defineFact, defineMetric, definePlugin, defineScorer } from '../src/plugin/define.js';
import { createRegistry } from '../src/plugin/registry.js';

/** A pass criterion on a core team fact. */
export function passCriterion(id: string, maxPoints = 10, fact = 'memberCount'): Criterion {
  return {
    id,
    title: { vi: `Tiêu chí ${id}`, en: `Criterion ${id}` },
    group: 'organisation',
    maxPoints,
    scoring: { type: 'pass', when: { all: [{ fact, operator: 'greaterThanInclusive', value: 4 }] } },
  };
}

export const TIERS = [
  { id: 'pass', label: { vi: 'Đạt', en: 'Pass' }, minPercent: 50 },
  { id: 'fail', label: { vi: 'Chưa đạt', en: 'Not yet' }, minPercent: 0 },
] as const;

/** The smallest useful valid set: one criterion, two tiers. */
export function minimalSet(): CriteriaSet {
  return {
    id: 'demo',
    version: '1.0.0',
    title: { vi: 'Thử', en: 'Demo' },
    subject: { kind: 'team' },
    criteria: [passCriterion('size')],
    ratings: [...TIERS],
  };
}

/** A valid set with every scoring shape, parameters (constant and dated), applicability and a total. */
export function fullSet(): CriteriaSet {
  return {
    $schema: 'https://cnscd.dev/schemas/criteria-set.schema.json',
    id: 'full',
    version: '1.2.3-rc.1+build.5',
    title: { vi: 'Bộ tiêu chí đầy đủ', en: 'Full set' },
    description: { vi: 'Mọi cách tính điểm', en: 'Every scoring shape' },
    sources: [{ number: '793/BTTTT-THH', date: '2022-03-05', url: 'https://example.org/793', title: { vi: 'Thí điểm', en: 'Pilot' } }],
    effective: { from: '2023-01-01', to: '2025-12-31' },
    subject: { kind: 'team', levels: ['village', 'commune'] },
    requires: { '@cnscd/core': '^1' },
    parameters: {
      minMembers: { label: { vi: 'Số thành viên tối thiểu', en: 'Minimum members' }, unit: 'members', value: 4 },
      sizeRange: { value: [4, 9] },
      levels: { value: ['village', 'commune'] },
      target: {
        unit: 'ratio',
        schedule: [
          { from: '2022-12-31', value: 0.2 },
          { from: '2025-01-01', value: 0.7 },
        ],
      },
      floor: { value: 0.05 },
      top: { value: 3 },
    },
    criteria: [
      {
        id: 'size',
        title: { vi: 'Quy mô tổ', en: 'Team size' },
        group: 'organisation',
        maxPoints: 10,
        applicableWhen: { not: { fact: 'level', operator: 'equal', value: 'province' } },
        scoring: {
          type: 'pass',
          when: {
            all: [
              { fact: 'memberCount', operator: 'between', value: { param: 'sizeRange' } },
              { fact: 'level', operator: 'in', value: { param: 'levels' } },
              {
                any: [
                  { fact: 'affiliations', path: 'youthUnion', operator: 'greaterThanInclusive', value: 1 },
                  { fact: 'affiliations', path: '$.womensUnion', operator: 'greaterThanInclusive', value: 1 },
                  { fact: 'leaderCount', operator: 'greaterThanInclusive', value: { param: 'minMembers' }, params: { note: 'x' } },
                ],
              },
              { fact: 'onlineGroup', operator: 'equal', value: true },
            ],
          },
        },
      },
      {
        id: 'reporting',
        title: { vi: 'Báo cáo', en: 'Reporting' },
        group: 'reporting',
        maxPoints: 20,
        scoring: { type: 'ratio', fact: 'reportingRate', target: 1, floor: { param: 'floor' } },
      },
      {
        id: 'coverage',
        title: { vi: 'Dịch vụ công', en: 'Online public services' },
        group: 'coverage',
        maxPoints: 20,
        scoring: { type: 'ratio', fact: 'coverage', path: 'onlinePublicServices', target: { param: 'target' } },
      },
      {
        id: 'visits',
        title: { vi: 'Đến hộ', en: 'Households visited' },
        group: 'publicServices',
        maxPoints: 20,
        scoring: {
          type: 'steps',
          fact: 'activity',
          path: 'householdsVisited',
          steps: [
            { min: 10, points: 5 },
            { min: 50, points: 10 },
            { min: 100, points: 20 },
          ],
        },
      },
      {
        id: 'tasks',
        title: { vi: 'Nhiệm vụ', en: 'Tasks' },
        group: 'other',
        maxPoints: 10,
        scoring: {
          type: 'steps',
          fact: 'tasksActive',
          steps: [
            { min: 1, points: 5 },
            { min: { param: 'top' }, points: 10 },
          ],
        },
      },
      {
        id: 'trained',
        title: { vi: 'Tập huấn', en: 'Training' },
        group: 'training',
        maxPoints: 20,
        scoring: { type: 'scorer', scorer: 'linear', options: { fact: 'trainedMemberShare', from: 0.2, to: 0.8 } },
      },
    ],
    ratings: [
      { id: 'excellent', label: { vi: 'Xuất sắc', en: 'Excellent' }, minPercent: 90 },
      { id: 'good', label: { vi: 'Tốt', en: 'Good' }, minPercent: 70 },
      { id: 'weak', label: { vi: 'Yếu', en: 'Weak' }, minPercent: 0 },
    ],
    totalPoints: 100,
  };
}

/** A copy of `set` changed by `mutate`, which may break the types (it edits plain JSON). */
export function edit(set: CriteriaSet, mutate: (d: any) => void): any {
  const copy: any = structuredClone(set);
  mutate(copy);
  return copy;
}

/** A plugin for checks that need one: a metric, a fact, a scorer with an options schema. */
export const testPlugin = definePlugin({
  name: 'test-plugin',
  version: '1.2.0',
  core: '^1',
  metrics: [
    defineMetric({
      id: 'hueSAccounts',
      kind: 'activity',
      unit: 'accounts',
      overTime: 'sum',
      upHierarchy: 'sum',
      task: 'localPlatforms',
      label: { vi: 'Tài khoản Hue-S', en: 'Hue-S accounts' },
    }),
  ],
  facts: [
    defineFact({
      id: 'hueSShare',
      type: 'number',
      subjects: ['team'],
      label: { vi: 'Tỷ lệ Hue-S', en: 'Hue-S share' },
      compute: () => 0.5,
    }),
  ],
  scorers: [
    defineScorer({
      id: 'threshold',
      label: { vi: 'Ngưỡng', en: 'Threshold' },
      optionsSchema: { type: 'object', additionalProperties: false, required: ['min'], properties: { min: { type: 'number' } } },
      score: () => 0,
    }),
  ],
});

export const pluginRegistry = createRegistry([testPlugin]);

/** The problem with this code and path; fails showing every problem when it is missing. */
export function expectProblem(r: CriteriaSetValidation, code: ErrorCode, path: string): Problem {
  const found = r.problems.find((p) => p.code === code && p.path === path);
  expect(found, `${code} at ${path} in ${JSON.stringify(r.problems, null, 1)}`).toBeDefined();
  expect(found!.message.vi.trim().length).toBeGreaterThan(0);
  expect(found!.message.en.trim().length).toBeGreaterThan(0);
  expect(found!.message.vi).not.toBe(found!.message.en);
  return found!;
}

/** [code, path] of every problem, for exact comparisons. */
export function codesAndPaths(r: CriteriaSetValidation): [ErrorCode, string][] {
  return r.problems.map((p) => [p.code, p.path]);
}

export function validate(input: unknown, options?: ValidateCriteriaSetOptions): CriteriaSetValidation {
  return validateCriteriaSet(input, options);
}

/** `{"all": [{"all": [… leaf …]}]}` as JSON text, `groups` levels deep, built without recursion. */
export function deepConditionText(groups: number): string {
  return '{"all":['.repeat(groups) + '{"fact":"memberCount","operator":"equal","value":1}' + ']}'.repeat(groups);
}

/** A set whose one criterion's `when` is `groups` nested all-groups around one leaf (JSON-parsed). */
export function deepSet(groups: number): unknown {
  const head =
    '{"id":"deep","version":"1.0.0","title":{"vi":"Sâu","en":"Deep"},"subject":{"kind":"team"},' +
    '"ratings":[{"id":"all","label":{"vi":"Tất cả","en":"All"},"minPercent":0}],' +
    '"criteria":[{"id":"c","title":{"vi":"c","en":"c"},"group":"other","maxPoints":1,"scoring":{"type":"pass","when":';
  return JSON.parse(head + deepConditionText(groups) + '}}]}');
}
