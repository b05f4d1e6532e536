import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/errors.js';
import { CRITERIA_SET_LIMITS } from '../src/criteria/schema.js';
import type { CriteriaSet } from '../src/criteria/types.js';
import { coreRegistry } from '../src/plugin/registry.js';
import { codesAndPaths, deepSet, edit, expectProblem, fullSet, minimalSet, passCriterion, pluginRegistry, validate } from './criteria-fixtures.js';

import { CASES, LEAF, WHEN, leaf, minimalJson, withScoring } from './criteria-cases.js';

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
        {
          id: 'hueS',
          title: { vi: 'H', en: 'H' },
          group: 'localPlatforms',
          maxPoints: 5,
          scoring: { type: 'steps', fact: 'activity', path: 'hueSAccounts', steps: [{ min: 1, points: 5 }] },
        },
        {
          id: 'thr',
          title: { vi: 'T', en: 'T' },
          group: 'other',
          maxPoints: 5,
          scoring: { type: 'scorer', scorer: 'threshold', options: { min: 2 } },
        },
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

describe('messages that must not echo what the author sent', () => {
  it('UNSAFE_PATH names the place by its pointer only; the path stays in params', () => {
    const r = validate(edit(minimalSet(), leaf({ fact: 'affiliations', path: '$..[?(@.x)]' })));
    const p = expectProblem(r, 'UNSAFE_PATH', `${LEAF}/path`);
    expect(p.params).toEqual({ path: '$..[?(@.x)]' });
    expect(`${p.message.vi} ${p.message.en}`).not.toContain('?(@.x)');
  });
});

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
    expect(r.problems[0]!.message.en).toBe('The required field "target" is missing.');
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
      d.criteria = Array.from({ length: 26 }, (_, i) => ({
        ...passCriterion(`c${i}`),
        applicableWhen: { all: Array.from({ length: 1000 }, (_, k) => leaf(k)) },
      }));
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
