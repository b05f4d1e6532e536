/**
 * One faulty criteria set per problem code (and the variants that matter): the table the criteria
 * validation tests check one by one, and the golden pin (validation-golden.test.ts) records.
 */
import type { ErrorCode, Severity } from '../src/errors.js';
import type { ValidateCriteriaSetOptions } from '../src/criteria/validate.js';
import { deepSet, edit, minimalSet, passCriterion, pluginRegistry } from './criteria-fixtures.js';

export const WHEN = '/criteria/0/scoring/when';
export const LEAF = `${WHEN}/all/0`;

export interface Case {
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

export const leaf = (patch: Record<string, unknown>) => (d: any) => Object.assign(d.criteria[0].scoring.when.all[0], patch);
export const withScoring =
  (scoring: unknown, maxPoints = 10) =>
  (d: any) => {
    d.criteria[0].scoring = scoring;
    d.criteria[0].maxPoints = maxPoints;
  };
export const withParams = (parameters: unknown, value: unknown) => (d: any) => {
  d.parameters = parameters;
  d.criteria[0].scoring.when.all[0].value = value;
};
export const steps = (list: unknown[], maxPoints = 10) => withScoring({ type: 'steps', fact: 'memberCount', steps: list }, maxPoints);
export const base = () => minimalSet();
export const json = (text: string) => () => JSON.parse(text);
export const minimalJson = JSON.stringify(minimalSet());

/** One case per problem code (and the variants that matter), each expected alone unless `also` says. */
export const CASES: readonly Case[] = [
  // ── schema ──
  { name: 'a set without extends needs a subject', code: 'SCHEMA_VIOLATION', path: '/subject', doc: () => edit(base(), (d) => delete d.subject) },
  {
    name: 'unknown field, with did-you-mean',
    code: 'SCHEMA_VIOLATION',
    path: '/criteria/0/maxPoint',
    doc: () => edit(base(), (d) => (d.criteria[0].maxPoint = 1)),
    params: { suggestion: 'maxPoints' },
  },
  {
    name: 'a fact condition without value says only that',
    code: 'SCHEMA_VIOLATION',
    path: `${LEAF}/value`,
    doc: () => edit(base(), (d) => delete d.criteria[0].scoring.when.all[0].value),
  },
  {
    name: 'an object value that is not {param}',
    code: 'SCHEMA_VIOLATION',
    path: `${LEAF}/value/x`,
    doc: () => edit(base(), leaf({ value: { x: 1 } })),
    also: [['SCHEMA_VIOLATION', `${LEAF}/value/param`]],
  },
  {
    name: 'a condition that is not an object',
    code: 'SCHEMA_VIOLATION',
    path: LEAF,
    doc: () => edit(base(), (d) => (d.criteria[0].scoring.when.all[0] = 5)),
  },
  {
    name: 'an unknown scoring type, with did-you-mean',
    code: 'SCHEMA_VIOLATION',
    path: '/criteria/0/scoring/type',
    doc: () => edit(base(), (d) => (d.criteria[0].scoring.type = 'stepz')),
    params: { keyword: 'oneOf' },
  },
  {
    name: 'ratio field in a pass scoring',
    code: 'SCHEMA_VIOLATION',
    path: '/criteria/0/scoring/target',
    doc: () => edit(base(), (d) => (d.criteria[0].scoring.target = 1)),
  },
  { name: 'a bad version', code: 'SCHEMA_VIOLATION', path: '/version', doc: () => edit(base(), (d) => (d.version = '1.0')) },
  { name: 'a bad id', code: 'SCHEMA_VIOLATION', path: '/criteria/0/id', doc: () => edit(base(), (d) => (d.criteria[0].id = 'a b')) },
  {
    name: 'a bad parameter name',
    code: 'SCHEMA_VIOLATION',
    path: '/parameters/a b',
    doc: () => edit(base(), (d) => (d.parameters = { 'a b': { value: 1 } })),
  },
  {
    name: 'maxPoints out of bounds',
    code: 'SCHEMA_VIOLATION',
    path: '/criteria/0/maxPoints',
    doc: () => edit(base(), (d) => (d.criteria[0].maxPoints = 10001)),
  },
  {
    name: 'a ratio target of 0',
    code: 'SCHEMA_VIOLATION',
    path: '/criteria/0/scoring/target',
    doc: () => edit(base(), withScoring({ type: 'ratio', fact: 'reportingRate', target: 0 })),
  },
  {
    name: '`in` with a scalar value',
    code: 'SCHEMA_VIOLATION',
    path: `${LEAF}/value`,
    doc: () => edit(base(), leaf({ operator: 'in', fact: 'level', value: 'village' })),
    params: { reason: 'operatorValue' },
  },
  {
    name: '`between` with min > max',
    code: 'SCHEMA_VIOLATION',
    path: `${LEAF}/value`,
    doc: () => edit(base(), leaf({ operator: 'between', value: [9, 4] })),
  },
  {
    name: '`greaterThan` with a string value',
    code: 'SCHEMA_VIOLATION',
    path: `${LEAF}/value`,
    doc: () => edit(base(), leaf({ operator: 'greaterThan', value: '4' })),
  },
  {
    name: 'an operator on a fact of the wrong type',
    code: 'SCHEMA_VIOLATION',
    path: `${LEAF}/operator`,
    doc: () => edit(base(), leaf({ operator: 'contains', value: 4 })),
    params: { reason: 'operatorFactType' },
  },
  {
    name: 'ratio scoring on a boolean fact',
    code: 'SCHEMA_VIOLATION',
    path: '/criteria/0/scoring/fact',
    doc: () => edit(base(), withScoring({ type: 'ratio', fact: 'onlineGroup', target: 1 })),
    params: { reason: 'factNotNumeric' },
  },
  {
    name: 'steps on an object fact without path',
    code: 'SCHEMA_VIOLATION',
    path: '/criteria/0/scoring/fact',
    doc: () => edit(base(), withScoring({ type: 'steps', fact: 'activity', steps: [{ min: 1, points: 10 }] })),
  },
  {
    name: 'a requires range that is not semver',
    code: 'SCHEMA_VIOLATION',
    path: '/requires/@cnscd~1core',
    doc: () => edit(base(), (d) => (d.requires = { '@cnscd/core': 'latest!' })),
  },
  {
    name: 'an impossible effective date',
    code: 'SCHEMA_VIOLATION',
    path: '/effective/from',
    doc: () => edit(base(), (d) => (d.effective = { from: '2025-02-29' })),
  },
  {
    name: 'an impossible source date',
    code: 'SCHEMA_VIOLATION',
    path: '/sources/0/date',
    doc: () => edit(base(), (d) => (d.sources = [{ number: '793/BTTTT-THH', date: '2022-04-31' }])),
  },
  {
    name: 'effective dates in the wrong order',
    code: 'INVALID_DATE_RANGE',
    path: '/effective/to',
    doc: () => edit(base(), (d) => (d.effective = { from: '2025-01-01', to: '2024-12-31' })),
  },
  {
    name: 'a non-finite number (sets built in code)',
    code: 'SCHEMA_VIOLATION',
    path: '/criteria/0/maxPoints',
    doc: () => edit(base(), (d) => (d.criteria[0].maxPoints = Number.NaN)),
  },
  // ── safety ──
  {
    name: '__proto__ key',
    code: 'FORBIDDEN_KEY',
    path: '/criteria/0/__proto__',
    doc: json(minimalJson.replace('"id":"size"', '"__proto__":{"x":1},"id":"size"')),
  },
  {
    name: 'constructor as a parameter name',
    code: 'FORBIDDEN_KEY',
    path: '/parameters/constructor',
    doc: json(minimalJson.replace('"id":"demo"', '"parameters":{"constructor":{"value":1}},"id":"demo"')),
  },
  {
    name: 'a document deeper than 64 levels',
    code: 'INPUT_TOO_LARGE',
    path: '/sources' + '/0'.repeat(63),
    doc: json(minimalJson.replace('"id":"demo"', `"sources":${'['.repeat(100)}${']'.repeat(100)},"id":"demo"`)),
  },
  { name: 'condition 17 deep', code: 'CONDITION_TOO_DEEP', path: WHEN, doc: () => deepSet(16) },
  {
    name: 'condition with 2,001 nodes',
    code: 'CONDITION_TOO_LARGE',
    path: WHEN,
    doc: () =>
      edit(
        base(),
        (d) => (d.criteria[0].scoring.when.all = Array.from({ length: 2000 }, () => ({ fact: 'memberCount', operator: 'equal', value: 1 }))),
      ),
  },
  {
    name: 'JSONPath filter',
    code: 'UNSAFE_PATH',
    path: `${LEAF}/path`,
    doc: () => edit(base(), leaf({ fact: 'affiliations', path: '$..[?(@.x)]' })),
  },
  { name: '__proto__ path', code: 'UNSAFE_PATH', path: `${LEAF}/path`, doc: () => edit(base(), leaf({ fact: 'affiliations', path: '__proto__' })) },
  {
    name: 'constructor segment in a path',
    code: 'UNSAFE_PATH',
    path: `${LEAF}/path`,
    doc: () => edit(base(), leaf({ fact: 'affiliations', path: '$.youthUnion.constructor' })),
  },
  {
    name: 'bracket path',
    code: 'UNSAFE_PATH',
    path: '/criteria/0/scoring/path',
    doc: () => edit(base(), withScoring({ type: 'ratio', fact: 'coverage', path: "coverage['smartphone']", target: 1 })),
  },
  {
    name: 'unsafe path in scorer options',
    code: 'UNSAFE_PATH',
    path: '/criteria/0/scoring/options/path',
    doc: () => edit(base(), withScoring({ type: 'scorer', scorer: 'linear', options: { fact: 'coverage', path: '$..x', from: 0, to: 1 } })),
  },
  // ── criteria ──
  {
    name: 'two criteria with one id',
    code: 'DUPLICATE_CRITERION',
    path: '/criteria/1/id',
    doc: () => edit(base(), (d) => d.criteria.push(passCriterion('size'))),
    params: { id: 'size', first: '/criteria/0' },
  },
  {
    name: 'unknown fact, with did-you-mean',
    code: 'UNKNOWN_FACT',
    path: `${LEAF}/fact`,
    doc: () => edit(base(), leaf({ fact: 'memberCout' })),
    params: { fact: 'memberCout', suggestion: 'memberCount' },
  },
  {
    name: 'unknown path key, with did-you-mean',
    code: 'UNKNOWN_FACT',
    path: `${LEAF}/path`,
    doc: () => edit(base(), leaf({ fact: 'affiliations', path: 'youthUnon' })),
    params: { key: 'youthUnon', suggestion: 'youthUnion' },
  },
  {
    name: 'unknown task key',
    code: 'UNKNOWN_FACT',
    path: '/criteria/0/scoring/path',
    doc: () => edit(base(), withScoring({ type: 'ratio', fact: 'tasks', path: 'onlinePayments', target: 10 })),
    params: { suggestion: 'onlinePayment' },
  },
  {
    name: 'unknown ratio key (a dataset may add one: warning)',
    code: 'UNKNOWN_FACT',
    path: '/criteria/0/scoring/path',
    severity: 'warning',
    doc: () => edit(base(), withScoring({ type: 'ratio', fact: 'coverage', path: 'smartphones', target: 1 })),
    params: { suggestion: 'smartphone' },
  },
  {
    name: 'an area metric under activity (warning)',
    code: 'UNKNOWN_FACT',
    path: '/criteria/0/scoring/path',
    severity: 'warning',
    doc: () => edit(base(), withScoring({ type: 'ratio', fact: 'activity', path: 'population', target: 1 })),
  },
  {
    name: 'a path on a number fact',
    code: 'UNKNOWN_FACT',
    path: `${LEAF}/path`,
    doc: () => edit(base(), leaf({ path: 'x' })),
    params: { reason: 'notObject' },
  },
  {
    name: 'an org-unit fact in a team set',
    code: 'FACT_NOT_FOR_SUBJECT',
    path: `${LEAF}/fact`,
    doc: () => edit(base(), leaf({ fact: 'teamCount' })),
    params: { subject: 'team' },
  },
  {
    name: 'a team fact in an org-unit set',
    code: 'FACT_NOT_FOR_SUBJECT',
    path: '/criteria/0/scoring/fact',
    doc: () =>
      edit(base(), (d) => {
        d.subject = { kind: 'orgUnit', level: 'commune' };
        withScoring({ type: 'ratio', fact: 'reportingRate', target: 1 })(d);
      }),
  },
  {
    name: 'unknown operator, with did-you-mean',
    code: 'UNKNOWN_OPERATOR',
    path: `${LEAF}/operator`,
    doc: () => edit(base(), leaf({ operator: 'greaterThanInclusiv' })),
    params: { suggestion: 'greaterThanInclusive' },
  },
  {
    name: 'unknown scorer, with did-you-mean',
    code: 'UNKNOWN_SCORER',
    path: '/criteria/0/scoring/scorer',
    doc: () => edit(base(), withScoring({ type: 'scorer', scorer: 'linaer', options: {} })),
    params: { suggestion: 'linear' },
  },
  {
    name: 'scorer options against its schema',
    code: 'INVALID_SCORER_OPTIONS',
    path: '/criteria/0/scoring/options/from',
    doc: () => edit(base(), withScoring({ type: 'scorer', scorer: 'linear', options: { fact: 'trainedMemberShare', from: 'a', to: 1 } })),
    params: { scorer: 'linear' },
  },
  {
    name: 'a missing scorer option points at it',
    code: 'INVALID_SCORER_OPTIONS',
    path: '/criteria/0/scoring/options/to',
    doc: () => edit(base(), withScoring({ type: 'scorer', scorer: 'linear', options: { fact: 'trainedMemberShare', from: 0 } })),
  },
  {
    name: 'a fact named in scorer options',
    code: 'UNKNOWN_FACT',
    path: '/criteria/0/scoring/options/fact',
    doc: () => edit(base(), withScoring({ type: 'scorer', scorer: 'linear', options: { fact: 'trainedMemberShar', from: 0, to: 1 } })),
    params: { suggestion: 'trainedMemberShare' },
  },
  {
    name: 'an empty all-group is a warning',
    code: 'EMPTY_GROUP',
    path: `${WHEN}/all`,
    severity: 'warning',
    doc: () => edit(base(), (d) => (d.criteria[0].scoring.when = { all: [] })),
  },
  {
    name: 'an empty any-group in applicableWhen',
    code: 'EMPTY_GROUP',
    path: '/criteria/0/applicableWhen/not/any',
    severity: 'warning',
    doc: () => edit(base(), (d) => (d.criteria[0].applicableWhen = { not: { any: [] } })),
  },
  // ── steps and points ──
  {
    name: 'step thresholds not ascending',
    code: 'STEPS_NOT_ORDERED',
    path: '/criteria/0/scoring/steps/1/min',
    doc: () =>
      edit(
        base(),
        steps([
          { min: 4, points: 5 },
          { min: 4, points: 10 },
        ]),
      ),
  },
  {
    name: 'step points decreasing',
    code: 'STEPS_NOT_ORDERED',
    path: '/criteria/0/scoring/steps/1/points',
    doc: () =>
      edit(
        base(),
        steps([
          { min: 4, points: 10 },
          { min: 6, points: 5 },
        ]),
      ),
    also: [['POINTS_MISMATCH', '/criteria/0/scoring/steps/1/points']],
  },
  {
    name: 'a step above maxPoints',
    code: 'POINTS_MISMATCH',
    path: '/criteria/0/scoring/steps/1/points',
    doc: () =>
      edit(
        base(),
        steps([
          { min: 4, points: 5 },
          { min: 6, points: 12 },
        ]),
      ),
  },
  {
    name: 'a top step below maxPoints is a warning',
    code: 'POINTS_MISMATCH',
    path: '/criteria/0/scoring/steps/1/points',
    severity: 'warning',
    doc: () =>
      edit(
        base(),
        steps([
          { min: 4, points: 5 },
          { min: 6, points: 8 },
        ]),
      ),
  },
  {
    name: 'totalPoints not the sum',
    code: 'POINTS_MISMATCH',
    path: '/totalPoints',
    doc: () => edit(base(), (d) => (d.totalPoints = 100)),
    params: { totalPoints: 100, sum: 10 },
  },
  // ── ratings ──
  { name: 'no tier at 0%', code: 'RATING_GAP', path: '/ratings', doc: () => edit(base(), (d) => (d.ratings[1].minPercent = 10)) },
  { name: 'a tier above 100%', code: 'RATING_GAP', path: '/ratings/0/minPercent', doc: () => edit(base(), (d) => (d.ratings[0].minPercent = 120)) },
  { name: 'two tiers with one id', code: 'DUPLICATE_RATING', path: '/ratings/1/id', doc: () => edit(base(), (d) => (d.ratings[1].id = 'pass')) },
  {
    name: 'two tiers with one threshold',
    code: 'DUPLICATE_RATING',
    path: '/ratings/1/minPercent',
    doc: () => edit(base(), (d) => (d.ratings[1].minPercent = 50)),
    also: [['RATING_GAP', '/ratings']],
  },
  // ── parameters ──
  {
    name: 'undeclared parameter, with did-you-mean',
    code: 'UNKNOWN_PARAMETER',
    path: `${LEAF}/value/param`,
    doc: () => edit(base(), withParams({ minMembers: { value: 4 } }, { param: 'minMember' })),
    params: { suggestion: 'minMembers' },
  },
  {
    name: 'an empty schedule',
    code: 'PARAMETER_SCHEDULE',
    path: '/parameters/p/schedule',
    doc: () => edit(base(), withParams({ p: { schedule: [] } }, { param: 'p' })),
  },
  {
    name: 'both value and schedule',
    code: 'PARAMETER_SCHEDULE',
    path: '/parameters/p',
    doc: () => edit(base(), withParams({ p: { value: 1, schedule: [{ from: '2024-01-01', value: 2 }] } }, { param: 'p' })),
  },
  {
    name: 'neither value nor schedule',
    code: 'PARAMETER_SCHEDULE',
    path: '/parameters/p',
    doc: () => edit(base(), withParams({ p: { unit: 'members' } }, { param: 'p' })),
  },
  {
    name: 'schedule dates not ascending',
    code: 'PARAMETER_SCHEDULE',
    path: '/parameters/p/schedule/1/from',
    doc: () =>
      edit(
        base(),
        withParams(
          {
            p: {
              schedule: [
                { from: '2025-01-01', value: 4 },
                { from: '2024-01-01', value: 5 },
              ],
            },
          },
          { param: 'p' },
        ),
      ),
  },
  {
    name: 'a repeated schedule date',
    code: 'PARAMETER_SCHEDULE',
    path: '/parameters/p/schedule/1/from',
    doc: () =>
      edit(
        base(),
        withParams(
          {
            p: {
              schedule: [
                { from: '2025-01-01', value: 4 },
                { from: '2025-01-01', value: 5 },
              ],
            },
          },
          { param: 'p' },
        ),
      ),
  },
  {
    name: 'an impossible schedule date',
    code: 'PARAMETER_SCHEDULE',
    path: '/parameters/p/schedule/0/from',
    doc: () => edit(base(), withParams({ p: { schedule: [{ from: '2023-02-29', value: 4 }] } }, { param: 'p' })),
  },
  {
    name: 'a malformed schedule date',
    code: 'PARAMETER_SCHEDULE',
    path: '/parameters/p/schedule/0/from',
    doc: () => edit(base(), withParams({ p: { schedule: [{ from: '2023-2-1', value: 4 }] } }, { param: 'p' })),
  },
  {
    name: 'a ratio target parameter that is not a number on one date',
    code: 'PARAMETER_TYPE',
    path: '/parameters/t/schedule/1/value',
    doc: () =>
      edit(base(), (d) => {
        d.parameters = {
          t: {
            schedule: [
              { from: '2023-01-01', value: 0.5 },
              { from: '2024-01-01', value: '70%' },
            ],
          },
        };
        withScoring({ type: 'ratio', fact: 'reportingRate', target: { param: 't' } })(d);
      }),
    params: { parameter: 't', usedAt: '/criteria/0/scoring/target' },
  },
  {
    name: 'a step min parameter that is an array',
    code: 'PARAMETER_TYPE',
    path: '/parameters/m/value',
    doc: () =>
      edit(base(), (d) => {
        d.parameters = { m: { value: [1, 2] } };
        steps([{ min: { param: 'm' }, points: 10 }])(d);
      }),
  },
  {
    name: 'a parameter used with `in` that is not an array',
    code: 'PARAMETER_TYPE',
    path: '/parameters/p/value',
    doc: () =>
      edit(base(), (d) => {
        withParams({ p: { value: 'village' } }, { param: 'p' })(d);
        leaf({ fact: 'level', operator: 'in' })(d);
      }),
  },
  {
    name: 'a parameter used with `between` that is reversed',
    code: 'PARAMETER_TYPE',
    path: '/parameters/p/value',
    doc: () =>
      edit(base(), (d) => {
        withParams({ p: { value: [9, 4] } }, { param: 'p' })(d);
        leaf({ operator: 'between' })(d);
      }),
  },
  // ── plugins ──
  {
    name: 'a plugin that is not loaded',
    code: 'MISSING_PLUGIN',
    path: '/requires/hue-s',
    doc: () => edit(base(), (d) => (d.requires = { 'hue-s': '^1' })),
    params: { plugin: 'hue-s', range: '^1' },
  },
  {
    name: 'a plugin of the wrong version',
    code: 'INCOMPATIBLE_PLUGIN',
    path: '/requires/test-plugin',
    options: { registry: pluginRegistry },
    doc: () => edit(base(), (d) => (d.requires = { 'test-plugin': '^2' })),
    params: { version: '1.2.0' },
  },
  // ── extends (more in criteria-extends.test.ts) ──
  {
    name: 'extends without a resolver',
    code: 'EXTENDS_NOT_FOUND',
    path: '/extends/id',
    doc: () => edit(base(), (d) => (d.extends = { id: 'national' })),
  },
  {
    name: 'extends a set the resolver does not have',
    code: 'EXTENDS_NOT_FOUND',
    path: '/extends/id',
    options: { resolveBase: () => undefined },
    doc: () => edit(base(), (d) => (d.extends = { id: 'national', version: '^1' })),
  },
  {
    name: 'a set extending itself',
    code: 'EXTENDS_CYCLE',
    path: '/extends/id',
    options: { resolveBase: () => minimalSet() },
    doc: () => edit(base(), (d) => (d.extends = { id: 'demo' })),
  },
  {
    name: 'removing an id the base lacks',
    code: 'REMOVE_UNKNOWN',
    path: '/extends/remove/0',
    options: { resolveBase: () => ({ ...minimalSet(), id: 'base' }) },
    doc: () => edit(base(), (d) => (d.extends = { id: 'base', remove: ['sise'] })),
    params: { suggestion: 'size' },
  },
];
