import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode, type Severity } from '../src/errors.js';
import { CRITERIA_SET_LIMITS } from '../src/criteria/schema.js';
import type { CriteriaSet } from '../src/criteria/types.js';
import type { ValidateCriteriaSetOptions } from '../src/criteria/validate.js';
import { coreRegistry } from '../src/plugin/registry.js';
import {
  codesAndPaths,
  deepSet,
  edit,
  expectProblem,
  fullSet,
  minimalSet,
  passCriterion,
  pluginRegistry,
  validate,
} from './criteria-fixtures.js';

const WHEN = '/criteria/0/scoring/when';
const LEAF = `${WHEN}/all/0`;

describe('valid sets', () => {
  it('accepts a minimal set and returns its resolved view', () => {
    const r = validate(minimalSet());
    expect(r.problems).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.criteriaSet).toEqual({
      id: 'demo',
      version: '1.0.0',
      title: { vi: 'Thử', en: 'Demo' },
      sources: [],
      subject: { kind: 'team' },
      requires: {},
      parameters: {},
      criteria: minimalSet().criteria,
      ratings: minimalSet().ratings,
      lineage: ['demo@1.0.0'],
    });
  });

  it('accepts a set using every scoring shape, parameters, paths, applicability and a total', () => {
    const r = validate(fullSet());
    expect(r.problems).toEqual([]);
    expect(r.criteriaSet?.criteria.map((c) => c.scoring.type)).toEqual(['pass', 'ratio', 'ratio', 'steps', 'steps', 'scorer']);
    expect(r.criteriaSet?.totalPoints).toBe(100);
    expect(r.criteriaSet?.effective).toEqual({ from: '2023-01-01', to: '2025-12-31' });
  });

  it('accepts an org-unit set with org-unit facts and a levels path', () => {
    const set: CriteriaSet = {
      id: 'dti',
      version: '1.0.0',
      title: { vi: 'DTI', en: 'DTI' },
      subject: { kind: 'orgUnit', level: 'commune' },
      criteria: [
        {
          id: 'density',
          title: { vi: 'Mật độ', en: 'Density' },
          group: 'coverage',
          maxPoints: 10,
          scoring: { type: 'pass', when: { all: [{ fact: 'membersPer100Residents', operator: 'greaterThan', value: 5 }] } },
        },
        {
          id: 'villages',
          title: { vi: 'Thôn có tổ', en: 'Villages with a team' },
          group: 'organisation',
          maxPoints: 10,
          scoring: { type: 'ratio', fact: 'descendantsWithTeamShare', path: 'village', target: 1 },
        },
      ],
    };
    const r = validate(set);
    expect(r.problems).toEqual([]);
    expect(r.criteriaSet?.ratings).toEqual([]); // ratings are optional: points and percent only
  });

  it('accepts a plugin fact, metric path and scorer with the plugin registry', () => {
    const set = edit(minimalSet(), (d) => {
      d.requires = { 'test-plugin': '^1.1' };
      d.criteria.push(
        { ...passCriterion('hue', 5, 'hueSShare') },
        { id: 'hueS', title: { vi: 'H', en: 'H' }, group: 'localPlatforms', maxPoints: 5, scoring: { type: 'steps', fact: 'activity', path: 'hueSAccounts', steps: [{ min: 1, points: 5 }] } },
        { id: 'thr', title: { vi: 'T', en: 'T' }, group: 'other', maxPoints: 5, scoring: { type: 'scorer', scorer: 'threshold', options: { min: 2 } } },
      );
    });
    expect(validate(set, { registry: pluginRegistry }).problems).toEqual([]);
  });

  it('accepts objects shared between places (sets built in code), but not cycles', () => {
    const title = { vi: 'Chung', en: 'Shared' };
    const set = edit(minimalSet(), (d) => d.criteria.push({ ...passCriterion('b') }));
    set.title = title;
    set.criteria[0].title = title;
    set.criteria[1].title = title;
    expect(validate(set).problems).toEqual([]);
    const cyclic = edit(minimalSet(), () => {});
    cyclic.description = cyclic;
    expect(codesAndPaths(validate(cyclic))).toEqual([['SCHEMA_VIOLATION', '/description']]);
  });
});

interface Case {
  readonly name: string;
  readonly code: ErrorCode;
  readonly path: string;
  readonly doc: () => unknown;
  readonly options?: ValidateCriteriaSetOptions;
  readonly severity?: Severity;
  /** Other problems the fault is expected to cause, besides the one under test. */
  readonly also?: readonly [ErrorCode, string][];
  readonly params?: Record<string, unknown>;
}

const leaf = (patch: Record<string, unknown>) => (d: any) => Object.assign(d.criteria[0].scoring.when.all[0], patch);
const withScoring = (scoring: unknown, maxPoints = 10) => (d: any) => {
  d.criteria[0].scoring = scoring;
  d.criteria[0].maxPoints = maxPoints;
};
const withParams = (parameters: unknown, value: unknown) => (d: any) => {
  d.parameters = parameters;
  d.criteria[0].scoring.when.all[0].value = value;
};
const steps = (list: unknown[], maxPoints = 10) =>
  withScoring({ type: 'steps', fact: 'memberCount', steps: list }, maxPoints);
const base = () => minimalSet();
const json = (text: string) => () => JSON.parse(text);
const minimalJson = JSON.stringify(minimalSet());

/** One case per problem code (and the variants that matter), each expected alone unless `also` says. */
const CASES: readonly Case[] = [
  // ── schema ──
  { name: 'a set without extends needs a subject', code: 'SCHEMA_VIOLATION', path: '/subject', doc: () => edit(base(), (d) => delete d.subject) },
  { name: 'unknown field, with did-you-mean', code: 'SCHEMA_VIOLATION', path: '/criteria/0/maxPoint', doc: () => edit(base(), (d) => (d.criteria[0].maxPoint = 1)), params: { suggestion: 'maxPoints' } },
  { name: 'a fact condition without value says only that', code: 'SCHEMA_VIOLATION', path: `${LEAF}/value`, doc: () => edit(base(), (d) => delete d.criteria[0].scoring.when.all[0].value) },
  { name: 'an object value that is not {param}', code: 'SCHEMA_VIOLATION', path: `${LEAF}/value/x`, doc: () => edit(base(), leaf({ value: { x: 1 } })), also: [['SCHEMA_VIOLATION', `${LEAF}/value/param`]] },
  { name: 'a condition that is not an object', code: 'SCHEMA_VIOLATION', path: LEAF, doc: () => edit(base(), (d) => (d.criteria[0].scoring.when.all[0] = 5)) },
  { name: 'an unknown scoring type, with did-you-mean', code: 'SCHEMA_VIOLATION', path: '/criteria/0/scoring/type', doc: () => edit(base(), (d) => (d.criteria[0].scoring.type = 'stepz')), params: { keyword: 'oneOf' } },
  { name: 'ratio field in a pass scoring', code: 'SCHEMA_VIOLATION', path: '/criteria/0/scoring/target', doc: () => edit(base(), (d) => (d.criteria[0].scoring.target = 1)) },
  { name: 'a bad version', code: 'SCHEMA_VIOLATION', path: '/version', doc: () => edit(base(), (d) => (d.version = '1.0')) },
  { name: 'a bad id', code: 'SCHEMA_VIOLATION', path: '/criteria/0/id', doc: () => edit(base(), (d) => (d.criteria[0].id = 'a b')) },
  { name: 'a bad parameter name', code: 'SCHEMA_VIOLATION', path: '/parameters/a b', doc: () => edit(base(), (d) => (d.parameters = { 'a b': { value: 1 } })) },
  { name: 'maxPoints out of bounds', code: 'SCHEMA_VIOLATION', path: '/criteria/0/maxPoints', doc: () => edit(base(), (d) => (d.criteria[0].maxPoints = 10001)) },
  { name: 'a ratio target of 0', code: 'SCHEMA_VIOLATION', path: '/criteria/0/scoring/target', doc: () => edit(base(), withScoring({ type: 'ratio', fact: 'reportingRate', target: 0 })) },
  { name: '`in` with a scalar value', code: 'SCHEMA_VIOLATION', path: `${LEAF}/value`, doc: () => edit(base(), leaf({ operator: 'in', fact: 'level', value: 'village' })), params: { reason: 'operatorValue' } },
  { name: '`between` with min > max', code: 'SCHEMA_VIOLATION', path: `${LEAF}/value`, doc: () => edit(base(), leaf({ operator: 'between', value: [9, 4] })) },
  { name: '`greaterThan` with a string value', code: 'SCHEMA_VIOLATION', path: `${LEAF}/value`, doc: () => edit(base(), leaf({ operator: 'greaterThan', value: '4' })) },
  { name: 'an operator on a fact of the wrong type', code: 'SCHEMA_VIOLATION', path: `${LEAF}/operator`, doc: () => edit(base(), leaf({ operator: 'contains', value: 4 })), params: { reason: 'operatorFactType' } },
  { name: 'ratio scoring on a boolean fact', code: 'SCHEMA_VIOLATION', path: '/criteria/0/scoring/fact', doc: () => edit(base(), withScoring({ type: 'ratio', fact: 'onlineGroup', target: 1 })), params: { reason: 'factNotNumeric' } },
  { name: 'steps on an object fact without path', code: 'SCHEMA_VIOLATION', path: '/criteria/0/scoring/fact', doc: () => edit(base(), withScoring({ type: 'steps', fact: 'activity', steps: [{ min: 1, points: 10 }] })) },
  { name: 'a requires range that is not semver', code: 'SCHEMA_VIOLATION', path: '/requires/@cnscd~1core', doc: () => edit(base(), (d) => (d.requires = { '@cnscd/core': 'latest!' })) },
  { name: 'an impossible effective date', code: 'SCHEMA_VIOLATION', path: '/effective/from', doc: () => edit(base(), (d) => (d.effective = { from: '2025-02-29' })) },
  { name: 'an impossible source date', code: 'SCHEMA_VIOLATION', path: '/sources/0/date', doc: () => edit(base(), (d) => (d.sources = [{ number: '793/BTTTT-THH', date: '2022-04-31' }])) },
  { name: 'effective dates in the wrong order', code: 'INVALID_DATE_RANGE', path: '/effective/to', doc: () => edit(base(), (d) => (d.effective = { from: '2025-01-01', to: '2024-12-31' })) },
  { name: 'a non-finite number (sets built in code)', code: 'SCHEMA_VIOLATION', path: '/criteria/0/maxPoints', doc: () => edit(base(), (d) => (d.criteria[0].maxPoints = Number.NaN)) },
  // ── safety ──
  { name: '__proto__ key', code: 'FORBIDDEN_KEY', path: '/criteria/0/__proto__', doc: json(minimalJson.replace('"id":"size"', '"__proto__":{"x":1},"id":"size"')) },
  { name: 'constructor as a parameter name', code: 'FORBIDDEN_KEY', path: '/parameters/constructor', doc: json(minimalJson.replace('"id":"demo"', '"parameters":{"constructor":{"value":1}},"id":"demo"')) },
  { name: 'a document deeper than 64 levels', code: 'INPUT_TOO_LARGE', path: '/sources' + '/0'.repeat(63), doc: json(minimalJson.replace('"id":"demo"', `"sources":${'['.repeat(100)}${']'.repeat(100)},"id":"demo"`)) },
  { name: 'condition 17 deep', code: 'CONDITION_TOO_DEEP', path: WHEN, doc: () => deepSet(16) },
  { name: 'condition with 2,001 nodes', code: 'CONDITION_TOO_LARGE', path: WHEN, doc: () => edit(base(), (d) => (d.criteria[0].scoring.when.all = Array.from({ length: 2000 }, () => ({ fact: 'memberCount', operator: 'equal', value: 1 })))) },
  { name: 'JSONPath filter', code: 'UNSAFE_PATH', path: `${LEAF}/path`, doc: () => edit(base(), leaf({ fact: 'affiliations', path: '$..[?(@.x)]' })) },
  { name: '__proto__ path', code: 'UNSAFE_PATH', path: `${LEAF}/path`, doc: () => edit(base(), leaf({ fact: 'affiliations', path: '__proto__' })) },
  { name: 'constructor segment in a path', code: 'UNSAFE_PATH', path: `${LEAF}/path`, doc: () => edit(base(), leaf({ fact: 'affiliations', path: '$.youthUnion.constructor' })) },
  { name: 'bracket path', code: 'UNSAFE_PATH', path: '/criteria/0/scoring/path', doc: () => edit(base(), withScoring({ type: 'ratio', fact: 'coverage', path: "coverage['smartphone']", target: 1 })) },
  { name: 'unsafe path in scorer options', code: 'UNSAFE_PATH', path: '/criteria/0/scoring/options/path', doc: () => edit(base(), withScoring({ type: 'scorer', scorer: 'linear', options: { fact: 'coverage', path: '$..x', from: 0, to: 1 } })) },
  // ── criteria ──
  { name: 'two criteria with one id', code: 'DUPLICATE_CRITERION', path: '/criteria/1/id', doc: () => edit(base(), (d) => d.criteria.push(passCriterion('size'))), params: { id: 'size', first: '/criteria/0' } },
  { name: 'unknown fact, with did-you-mean', code: 'UNKNOWN_FACT', path: `${LEAF}/fact`, doc: () => edit(base(), leaf({ fact: 'memberCout' })), params: { fact: 'memberCout', suggestion: 'memberCount' } },
  { name: 'unknown path key, with did-you-mean', code: 'UNKNOWN_FACT', path: `${LEAF}/path`, doc: () => edit(base(), leaf({ fact: 'affiliations', path: 'youthUnon' })), params: { key: 'youthUnon', suggestion: 'youthUnion' } },
  { name: 'unknown task key', code: 'UNKNOWN_FACT', path: '/criteria/0/scoring/path', doc: () => edit(base(), withScoring({ type: 'ratio', fact: 'tasks', path: 'onlinePayments', target: 10 })), params: { suggestion: 'onlinePayment' } },
  { name: 'unknown ratio key (a dataset may add one: warning)', code: 'UNKNOWN_FACT', path: '/criteria/0/scoring/path', severity: 'warning', doc: () => edit(base(), withScoring({ type: 'ratio', fact: 'coverage', path: 'smartphones', target: 1 })), params: { suggestion: 'smartphone' } },
  { name: 'an area metric under activity (warning)', code: 'UNKNOWN_FACT', path: '/criteria/0/scoring/path', severity: 'warning', doc: () => edit(base(), withScoring({ type: 'ratio', fact: 'activity', path: 'population', target: 1 })) },
  { name: 'a path on a number fact', code: 'UNKNOWN_FACT', path: `${LEAF}/path`, doc: () => edit(base(), leaf({ path: 'x' })), params: { reason: 'notObject' } },
  { name: 'an org-unit fact in a team set', code: 'FACT_NOT_FOR_SUBJECT', path: `${LEAF}/fact`, doc: () => edit(base(), leaf({ fact: 'teamCount' })), params: { subject: 'team' } },
  { name: 'a team fact in an org-unit set', code: 'FACT_NOT_FOR_SUBJECT', path: '/criteria/0/scoring/fact', doc: () => edit(base(), (d) => { d.subject = { kind: 'orgUnit', level: 'commune' }; withScoring({ type: 'ratio', fact: 'reportingRate', target: 1 })(d); }) },
  { name: 'unknown operator, with did-you-mean', code: 'UNKNOWN_OPERATOR', path: `${LEAF}/operator`, doc: () => edit(base(), leaf({ operator: 'greaterThanInclusiv' })), params: { suggestion: 'greaterThanInclusive' } },
  { name: 'unknown scorer, with did-you-mean', code: 'UNKNOWN_SCORER', path: '/criteria/0/scoring/scorer', doc: () => edit(base(), withScoring({ type: 'scorer', scorer: 'linaer', options: {} })), params: { suggestion: 'linear' } },
  { name: 'scorer options against its schema', code: 'INVALID_SCORER_OPTIONS', path: '/criteria/0/scoring/options/from', doc: () => edit(base(), withScoring({ type: 'scorer', scorer: 'linear', options: { fact: 'trainedMemberShare', from: 'a', to: 1 } })), params: { scorer: 'linear' } },
  { name: 'a missing scorer option points at it', code: 'INVALID_SCORER_OPTIONS', path: '/criteria/0/scoring/options/to', doc: () => edit(base(), withScoring({ type: 'scorer', scorer: 'linear', options: { fact: 'trainedMemberShare', from: 0 } })) },
  { name: 'a fact named in scorer options', code: 'UNKNOWN_FACT', path: '/criteria/0/scoring/options/fact', doc: () => edit(base(), withScoring({ type: 'scorer', scorer: 'linear', options: { fact: 'trainedMemberShar', from: 0, to: 1 } })), params: { suggestion: 'trainedMemberShare' } },
  { name: 'an empty all-group is a warning', code: 'EMPTY_GROUP', path: `${WHEN}/all`, severity: 'warning', doc: () => edit(base(), (d) => (d.criteria[0].scoring.when = { all: [] })) },
  { name: 'an empty any-group in applicableWhen', code: 'EMPTY_GROUP', path: '/criteria/0/applicableWhen/not/any', severity: 'warning', doc: () => edit(base(), (d) => (d.criteria[0].applicableWhen = { not: { any: [] } })) },
  // ── steps and points ──
  { name: 'step thresholds not ascending', code: 'STEPS_NOT_ORDERED', path: '/criteria/0/scoring/steps/1/min', doc: () => edit(base(), steps([{ min: 4, points: 5 }, { min: 4, points: 10 }])) },
  { name: 'step points decreasing', code: 'STEPS_NOT_ORDERED', path: '/criteria/0/scoring/steps/1/points', doc: () => edit(base(), steps([{ min: 4, points: 10 }, { min: 6, points: 5 }])), also: [['POINTS_MISMATCH', '/criteria/0/scoring/steps/1/points']] },
  { name: 'a step above maxPoints', code: 'POINTS_MISMATCH', path: '/criteria/0/scoring/steps/1/points', doc: () => edit(base(), steps([{ min: 4, points: 5 }, { min: 6, points: 12 }])) },
  { name: 'a top step below maxPoints is a warning', code: 'POINTS_MISMATCH', path: '/criteria/0/scoring/steps/1/points', severity: 'warning', doc: () => edit(base(), steps([{ min: 4, points: 5 }, { min: 6, points: 8 }])) },
  { name: 'totalPoints not the sum', code: 'POINTS_MISMATCH', path: '/totalPoints', doc: () => edit(base(), (d) => (d.totalPoints = 100)), params: { totalPoints: 100, sum: 10 } },
  // ── ratings ──
  { name: 'no tier at 0%', code: 'RATING_GAP', path: '/ratings', doc: () => edit(base(), (d) => (d.ratings[1].minPercent = 10)) },
  { name: 'a tier above 100%', code: 'RATING_GAP', path: '/ratings/0/minPercent', doc: () => edit(base(), (d) => (d.ratings[0].minPercent = 120)) },
  { name: 'two tiers with one id', code: 'DUPLICATE_RATING', path: '/ratings/1/id', doc: () => edit(base(), (d) => (d.ratings[1].id = 'pass')) },
  { name: 'two tiers with one threshold', code: 'DUPLICATE_RATING', path: '/ratings/1/minPercent', doc: () => edit(base(), (d) => (d.ratings[1].minPercent = 50)), also: [['RATING_GAP', '/ratings']] },
  // ── parameters ──
  { name: 'undeclared parameter, with did-you-mean', code: 'UNKNOWN_PARAMETER', path: `${LEAF}/value/param`, doc: () => edit(base(), withParams({ minMembers: { value: 4 } }, { param: 'minMember' })), params: { suggestion: 'minMembers' } },
  { name: 'an empty schedule', code: 'PARAMETER_SCHEDULE', path: '/parameters/p/schedule', doc: () => edit(base(), withParams({ p: { schedule: [] } }, { param: 'p' })) },
  { name: 'both value and schedule', code: 'PARAMETER_SCHEDULE', path: '/parameters/p', doc: () => edit(base(), withParams({ p: { value: 1, schedule: [{ from: '2024-01-01', value: 2 }] } }, { param: 'p' })) },
  { name: 'neither value nor schedule', code: 'PARAMETER_SCHEDULE', path: '/parameters/p', doc: () => edit(base(), withParams({ p: { unit: 'members' } }, { param: 'p' })) },
  { name: 'schedule dates not ascending', code: 'PARAMETER_SCHEDULE', path: '/parameters/p/schedule/1/from', doc: () => edit(base(), withParams({ p: { schedule: [{ from: '2025-01-01', value: 4 }, { from: '2024-01-01', value: 5 }] } }, { param: 'p' })) },
  { name: 'a repeated schedule date', code: 'PARAMETER_SCHEDULE', path: '/parameters/p/schedule/1/from', doc: () => edit(base(), withParams({ p: { schedule: [{ from: '2025-01-01', value: 4 }, { from: '2025-01-01', value: 5 }] } }, { param: 'p' })) },
  { name: 'an impossible schedule date', code: 'PARAMETER_SCHEDULE', path: '/parameters/p/schedule/0/from', doc: () => edit(base(), withParams({ p: { schedule: [{ from: '2023-02-29', value: 4 }] } }, { param: 'p' })) },
  { name: 'a malformed schedule date', code: 'PARAMETER_SCHEDULE', path: '/parameters/p/schedule/0/from', doc: () => edit(base(), withParams({ p: { schedule: [{ from: '2023-2-1', value: 4 }] } }, { param: 'p' })) },
  { name: 'a ratio target parameter that is not a number on one date', code: 'PARAMETER_TYPE', path: '/parameters/t/schedule/1/value', doc: () => edit(base(), (d) => { d.parameters = { t: { schedule: [{ from: '2023-01-01', value: 0.5 }, { from: '2024-01-01', value: '70%' }] } }; withScoring({ type: 'ratio', fact: 'reportingRate', target: { param: 't' } })(d); }), params: { parameter: 't', usedAt: '/criteria/0/scoring/target' } },
  { name: 'a step min parameter that is an array', code: 'PARAMETER_TYPE', path: '/parameters/m/value', doc: () => edit(base(), (d) => { d.parameters = { m: { value: [1, 2] } }; steps([{ min: { param: 'm' }, points: 10 }])(d); }) },
  { name: 'a parameter used with `in` that is not an array', code: 'PARAMETER_TYPE', path: '/parameters/p/value', doc: () => edit(base(), (d) => { withParams({ p: { value: 'village' } }, { param: 'p' })(d); leaf({ fact: 'level', operator: 'in' })(d); }) },
  { name: 'a parameter used with `between` that is reversed', code: 'PARAMETER_TYPE', path: '/parameters/p/value', doc: () => edit(base(), (d) => { withParams({ p: { value: [9, 4] } }, { param: 'p' })(d); leaf({ operator: 'between' })(d); }) },
  // ── plugins ──
  { name: 'a plugin that is not loaded', code: 'MISSING_PLUGIN', path: '/requires/hue-s', doc: () => edit(base(), (d) => (d.requires = { 'hue-s': '^1' })), params: { plugin: 'hue-s', range: '^1' } },
  { name: 'a plugin of the wrong version', code: 'INCOMPATIBLE_PLUGIN', path: '/requires/test-plugin', options: { registry: pluginRegistry }, doc: () => edit(base(), (d) => (d.requires = { 'test-plugin': '^2' })), params: { version: '1.2.0' } },
  // ── extends (more in criteria-extends.test.ts) ──
  { name: 'extends without a resolver', code: 'EXTENDS_NOT_FOUND', path: '/extends/id', doc: () => edit(base(), (d) => (d.extends = { id: 'national' })) },
  { name: 'extends a set the resolver does not have', code: 'EXTENDS_NOT_FOUND', path: '/extends/id', options: { resolveBase: () => undefined }, doc: () => edit(base(), (d) => (d.extends = { id: 'national', version: '^1' })) },
  { name: 'a set extending itself', code: 'EXTENDS_CYCLE', path: '/extends/id', options: { resolveBase: () => minimalSet() }, doc: () => edit(base(), (d) => (d.extends = { id: 'demo' })) },
  { name: 'removing an id the base lacks', code: 'REMOVE_UNKNOWN', path: '/extends/remove/0', options: { resolveBase: () => ({ ...minimalSet(), id: 'base' }) }, doc: () => edit(base(), (d) => (d.extends = { id: 'base', remove: ['sise'] })), params: { suggestion: 'size' } },
];

describe('one problem per code', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = validate(c.doc(), c.options);
    const p = expectProblem(r, c.code, c.path);
    const severity = c.severity ?? ERROR_CODES[c.code].severity;
    expect(p.severity).toBe(severity);
    if (c.params !== undefined) expect(p.params).toMatchObject(c.params);
    expect(codesAndPaths(r).sort()).toEqual([[c.code, c.path], ...(c.also ?? [])].sort());
    expect(r.valid).toBe(severity === 'warning');
    expect(r.criteriaSet !== undefined).toBe(r.valid);
  });

  it('covers every authoring-time criteria code', () => {
    const authoring = Object.keys(ERROR_CODES).filter((k) => {
      const order = Object.keys(ERROR_CODES);
      return order.indexOf(k) >= order.indexOf('DUPLICATE_CRITERION') && order.indexOf(k) < order.indexOf('NOT_EFFECTIVE');
    });
    const covered = new Set(CASES.map((c) => c.code));
    for (const code of [...authoring, 'SCHEMA_VIOLATION', 'FORBIDDEN_KEY', 'INPUT_TOO_LARGE', 'INVALID_DATE_RANGE']) {
      expect(covered, code).toContain(code);
    }
  });
});

describe('messages', () => {
  it('did-you-mean for memberCout → memberCount, in both languages', () => {
    const r = validate(edit(minimalSet(), leaf({ fact: 'memberCout' })));
    const p = expectProblem(r, 'UNKNOWN_FACT', `${LEAF}/fact`);
    expect(p.params?.suggestion).toBe('memberCount');
    expect(p.message.en).toBe('No fact "memberCout"; did you mean "memberCount"?');
    expect(p.message.vi).toBe('Không có dữ kiện "memberCout"; có phải ý bạn là "memberCount"?');
  });

  it('writes its own schema messages, not ajv’s', () => {
    const r = validate(edit(minimalSet(), (d) => (d.criteria[0].maxPoints = 'ten')));
    const p = expectProblem(r, 'SCHEMA_VIOLATION', '/criteria/0/maxPoints');
    expect(p.message).toEqual({ vi: 'Phải là một số.', en: 'Must be a number.' });
  });

  it('reports a mis-shaped scoring once, for the shape meant', () => {
    const r = validate(edit(minimalSet(), withScoring({ type: 'ratio', fact: 'reportingRate' })));
    expect(codesAndPaths(r)).toEqual([['SCHEMA_VIOLATION', '/criteria/0/scoring/target']]);
    expect(r.problems[0]!.message.en).toBe('Missing required field "target".');
  });

  it('caps schema violations at 100', () => {
    const doc = edit(minimalSet(), (d) => {
      d.criteria = Array.from({ length: 150 }, (_, i) => ({ ...passCriterion(`c${i}`), title: 5 }));
    });
    const r = validate(doc);
    const schema = r.problems.filter((p) => p.code === 'SCHEMA_VIOLATION');
    expect(schema).toHaveLength(100);
    expect(schema[99]!.params).toEqual({ omitted: 51 });
  });
});

describe('bounds on the whole document', () => {
  it(`refuses more than ${CRITERIA_SET_LIMITS.documentNodes} objects and arrays before the schema runs`, () => {
    const leaf = (k: number) => ({ fact: `team.memberCoun${k}`, operator: 'greaterThanInclusiv', value: 'x', bogus: k });
    const doc = edit(minimalSet(), (d) => {
      d.criteria = Array.from({ length: 26 }, (_, i) => ({ ...passCriterion(`c${i}`), applicableWhen: { all: Array.from({ length: 1000 }, (_, k) => leaf(k)) } }));
    });
    const r = validate(doc);
    expect(r.valid).toBe(false);
    expect(codesAndPaths(r)).toEqual([['INPUT_TOO_LARGE', expect.stringMatching(/^\/criteria\/\d+\/applicableWhen\/all\/\d+$/)]]);
    expect(r.problems[0]!.params).toEqual({ limit: CRITERIA_SET_LIMITS.documentNodes });
  });
});

describe('all problems together', () => {
  it('reports schema, safety and semantic problems of one document at once', () => {
    const doc = edit(fullSet(), (d) => {
      d.version = 'one';
      d.criteria[0].scoring.when.all[0].fact = 'memberCout';
      d.criteria[0].scoring.when.all[2].any[0].path = '$..[?(@.x)]';
      d.criteria[1].scoring.floor = { param: 'flor' };
      d.criteria[2].id = 'size';
      d.criteria[3].scoring.steps[2].points = 25;
      d.criteria[4].scoring.steps.reverse();
      d.criteria[5].scoring.scorer = 'linaer';
      d.ratings.push({ id: 'good', label: { vi: 'Khá', en: 'Fair' }, minPercent: 120 });
      d.parameters.target.schedule.reverse();
      d.requires['hue-s'] = '^1';
      d.totalPoints = 95;
    });
    const r = validate(doc);
    expect(r.valid).toBe(false);
    expect(r.criteriaSet).toBeUndefined();
    expect(codesAndPaths(r).sort()).toEqual(
      [
        ['SCHEMA_VIOLATION', '/version'],
        ['RATING_GAP', '/ratings/3/minPercent'],
        ['DUPLICATE_CRITERION', '/criteria/2/id'],
        ['UNKNOWN_FACT', '/criteria/0/scoring/when/all/0/fact'],
        ['UNSAFE_PATH', '/criteria/0/scoring/when/all/2/any/0/path'],
        ['UNKNOWN_PARAMETER', '/criteria/1/scoring/floor/param'],
        ['POINTS_MISMATCH', '/criteria/3/scoring/steps/2/points'],
        ['STEPS_NOT_ORDERED', '/criteria/4/scoring/steps/1/min'],
        ['STEPS_NOT_ORDERED', '/criteria/4/scoring/steps/1/points'],
        ['POINTS_MISMATCH', '/criteria/4/scoring/steps/1/points'], // a warning: the top step is below maxPoints
        ['UNKNOWN_SCORER', '/criteria/5/scoring/scorer'],
        ['DUPLICATE_RATING', '/ratings/3/id'],
        ['PARAMETER_SCHEDULE', '/parameters/target/schedule/1/from'],
        ['MISSING_PLUGIN', '/requires/hue-s'],
        ['POINTS_MISMATCH', '/totalPoints'],
      ].sort(),
    );
  });
});

describe('hostile input', () => {
  it('does not overflow the stack on a 10,000-deep condition', () => {
    const doc = deepSet(10_000);
    let r: ReturnType<typeof validate> | undefined;
    expect(() => (r = validate(doc))).not.toThrow();
    expect(codesAndPaths(r!)).toEqual([
      ['CONDITION_TOO_DEEP', WHEN],
      ['CONDITION_TOO_LARGE', WHEN],
    ]);
  });

  it('accepts a condition exactly 16 deep', () => {
    expect(validate(deepSet(15)).problems).toEqual([]);
  });

  it('accepts 2,000 condition nodes', () => {
    const doc = edit(minimalSet(), (d) => {
      d.criteria[0].scoring.when.all = Array.from({ length: 1999 }, () => ({ fact: 'memberCount', operator: 'equal', value: 1 }));
    });
    expect(validate(doc).problems).toEqual([]);
  });

  it('rejects non-objects without throwing', () => {
    for (const doc of [null, 5, 'set', [], undefined]) {
      const r = validate(doc);
      expect(r.valid).toBe(false);
      expect(r.problems.every((p) => p.code === 'SCHEMA_VIOLATION')).toBe(true);
    }
  });

  it('never returns a resolved set for a document with a forbidden key', () => {
    const r = validate(JSON.parse(minimalJson.replace('"subject":{', '"subject":{"prototype":1,')));
    expect(codesAndPaths(r)).toEqual([['FORBIDDEN_KEY', '/subject/prototype']]);
    expect(r.criteriaSet).toBeUndefined();
  });

  it('lists at most 1,000 problems, counting the rest', () => {
    const doc = edit(minimalSet(), (d) => {
      d.criteria[0].scoring.when.all = Array.from({ length: 1200 }, () => ({ fact: 'memberCout', operator: 'equal', value: 1 }));
    });
    const r = validate(doc);
    expect(r.valid).toBe(false);
    expect(r.problems).toHaveLength(1000);
    expect(r.problems.slice(0, 999).every((p) => p.code === 'UNKNOWN_FACT')).toBe(true);
    expect(r.problems[999]).toMatchObject({ code: 'INPUT_TOO_LARGE', path: '', severity: 'error', params: { omitted: 201 } });
  });

  it('uses the core registry by default', () => {
    const set = edit(minimalSet(), leaf({ fact: 'hueSShare' }));
    expect(validate(set).problems.map((p) => p.code)).toEqual(['UNKNOWN_FACT']);
    expect(validate(set, { registry: coreRegistry() }).problems.map((p) => p.code)).toEqual(['UNKNOWN_FACT']);
    expect(validate(set, { registry: pluginRegistry }).problems).toEqual([]);
  });
});
