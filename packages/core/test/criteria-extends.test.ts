import fc from 'fast-check';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { CnscdError } from '../src/errors.js';
import { mergeCriteriaSet, resolveCriteriaSet } from '../src/criteria/resolve.js';
import type { CriteriaSet, Criterion } from '../src/criteria/types.js';
import type { ResolveBase } from '../src/criteria/validate.js';
import { codesAndPaths, edit, expectProblem, passCriterion, TIERS, validate } from './criteria-fixtures.js';

const national: CriteriaSet = {
  id: 'national',
  version: '1.0.0',
  title: { vi: 'Quốc gia', en: 'National' },
  sources: [{ number: '793/BTTTT-THH', date: '2022-03-05' }],
  effective: { from: '2023-01-01' },
  subject: { kind: 'team' },
  requires: { '@cnscd/core': '^1' },
  parameters: { minMembers: { value: 4 }, target: { value: 0.5 } },
  criteria: [passCriterion('a'), passCriterion('b'), passCriterion('c')],
  ratings: [...TIERS],
  totalPoints: 30,
};

const province: CriteriaSet = {
  id: 'province',
  version: '2.1.0',
  title: { vi: 'Tỉnh', en: 'Province' },
  sources: [{ number: '793/BTTTT-THH' }, { number: '3240/BTTTT-CĐSQG', date: '2024-08-08' }],
  extends: { id: 'national', version: '^1', remove: ['b'] },
  parameters: {
    target: {
      schedule: [
        { from: '2024-01-01', value: 0.6 },
        { from: '2025-01-01', value: 0.7 },
      ],
    },
  },
  criteria: [passCriterion('d', 10, 'leaderCount'), { ...passCriterion('a', 5), title: { vi: 'A mới', en: 'New A' } }],
};

/** A resolver over a list of sets: the newest version satisfying the range. */
function resolverOf(...sets: CriteriaSet[]): ResolveBase {
  return (id, range) => sets.filter((s) => s.id === id && (range === undefined || semver.satisfies(s.version, range))).at(-1);
}

describe('extends', () => {
  const resolveBase = resolverOf(national, province);

  it('replaces in place, removes, appends, overrides parameters and inherits the rest', () => {
    const r = resolveCriteriaSet(province, { resolveBase });
    expect(r.criteria.map((c) => c.id)).toEqual(['a', 'c', 'd']);
    expect(r.criteria[0]).toEqual({ ...passCriterion('a', 5), title: { vi: 'A mới', en: 'New A' } });
    expect(r.criteria[1]).toBe(national.criteria![2]);
    expect(r.parameters).toEqual({ minMembers: { value: 4 }, target: province.parameters!.target });
    expect(r.ratings).toEqual(national.ratings);
    expect(r.subject).toEqual({ kind: 'team' });
    expect(r.requires).toEqual({ '@cnscd/core': '^1' });
    expect(r.sources.map((s) => s.number)).toEqual(['793/BTTTT-THH', '3240/BTTTT-CĐSQG']);
    expect(r.sources[0]).toEqual({ number: '793/BTTTT-THH', date: '2022-03-05' }); // the base's entry
    expect(r.id).toBe('province');
    expect(r.version).toBe('2.1.0');
    expect(r.title).toEqual(province.title);
    expect(r.effective).toBeUndefined(); // the child's, and it has none
    expect(r.totalPoints).toBeUndefined(); // criteria changed, so the base's total no longer holds
    expect(r.lineage).toEqual(['national@1.0.0', 'province@2.1.0']);
  });

  it('keeps the base total when no criterion changes, and uses the child’s own ratings and subject', () => {
    const child: CriteriaSet = {
      id: 'retitled',
      version: '1.0.0',
      title: { vi: 'Đổi tên', en: 'Retitled' },
      extends: { id: 'national' },
      subject: { kind: 'team', levels: ['village'] },
      ratings: [{ id: 'all', label: { vi: 'Tất cả', en: 'All' }, minPercent: 0 }],
    };
    const r = resolveCriteriaSet(child, { resolveBase });
    expect(r.totalPoints).toBe(30);
    expect(r.criteria).toEqual(national.criteria);
    expect(r.ratings).toEqual(child.ratings);
    expect(r.subject).toEqual({ kind: 'team', levels: ['village'] });
  });

  it('resolves a three-level chain, base first', () => {
    const district: CriteriaSet = {
      id: 'district',
      version: '1.0.0',
      title: { vi: 'Huyện', en: 'District' },
      extends: { id: 'province', version: '^2', remove: ['c'] },
      parameters: { minMembers: { value: 5 } },
      criteria: [passCriterion('e'), { ...passCriterion('d', 10), group: 'training' }],
      totalPoints: 25,
    };
    const r = resolveCriteriaSet(district, { resolveBase });
    expect(r.lineage).toEqual(['national@1.0.0', 'province@2.1.0', 'district@1.0.0']);
    expect(r.criteria.map((c) => c.id)).toEqual(['a', 'd', 'e']);
    expect(r.criteria[1]!.group).toBe('training');
    expect(r.parameters.minMembers).toEqual({ value: 5 });
    expect(r.parameters.target).toEqual(province.parameters!.target);
    expect(r.totalPoints).toBe(25);
  });

  it('points problems at the set each item came from, with params.source for bases', () => {
    const brokenBase = edit(national, (d) => {
      d.criteria[1].scoring.when.all[0].fact = 'memberCout'; // b: kept by the child
      d.criteria[2].scoring.when.all[0].fact = 'nope'; // c: replaced by the child, so not reported
    });
    const child = edit(province, (d) => {
      d.extends.remove = [];
      d.criteria.push(passCriterion('c'));
      d.criteria[0].scoring.when.all[0].operator = 'greaterThen';
    });
    const r = validate(child, { resolveBase: resolverOf(brokenBase) });
    expect(codesAndPaths(r).sort()).toEqual(
      [
        ['UNKNOWN_FACT', '/criteria/1/scoring/when/all/0/fact'],
        ['UNKNOWN_OPERATOR', '/criteria/0/scoring/when/all/0/operator'],
      ].sort(),
    );
    expect(expectProblem(r, 'UNKNOWN_FACT', '/criteria/1/scoring/when/all/0/fact').params).toMatchObject({
      source: 'national@1.0.0',
      suggestion: 'memberCount',
    });
    expect(expectProblem(r, 'UNKNOWN_OPERATOR', '/criteria/0/scoring/when/all/0/operator').params).not.toHaveProperty('source');
  });

  it('reports schema problems of a base with its source', () => {
    const r = validate(province, { resolveBase: resolverOf(edit(national, (d) => (d.ratings[0].label = 'Đạt'))) });
    const p = expectProblem(r, 'SCHEMA_VIOLATION', '/ratings/0/label');
    expect(p.params?.source).toBe('national@1.0.0');
  });

  it('checks inherited ratings and totals where they were written', () => {
    const base = edit(national, (d) => (d.ratings[1].minPercent = 10));
    const r = validate(
      edit(province, (d) => (d.totalPoints = 99)),
      { resolveBase: resolverOf(base) },
    );
    expect(codesAndPaths(r).sort()).toEqual(
      [
        ['POINTS_MISMATCH', '/totalPoints'],
        ['RATING_GAP', '/ratings'],
      ].sort(),
    );
    expect(expectProblem(r, 'RATING_GAP', '/ratings').params).toEqual({ source: 'national@1.0.0' });
    expect(expectProblem(r, 'POINTS_MISMATCH', '/totalPoints').params).toEqual({ totalPoints: 99, sum: 25 });
  });

  it('lets a child use the base’s parameters and override their type checks', () => {
    const child = edit(province, (d) => {
      d.criteria[0].scoring.when.all[0].value = { param: 'minMembers' };
    });
    expect(validate(child, { resolveBase }).problems).toEqual([]);
    const wrong = edit(child, (d) => (d.parameters.minMembers = { value: 'four' }));
    expect(codesAndPaths(validate(wrong, { resolveBase }))).toEqual([['PARAMETER_TYPE', '/parameters/minMembers/value']]);
  });

  it('reports a cycle, with the chain', () => {
    const a = edit(national, (d) => (d.extends = { id: 'b' }));
    const b = { ...edit(national, (d) => (d.extends = { id: 'a' })), id: 'b' };
    const start = { ...a, id: 'a' };
    const r = validate(start, { resolveBase: resolverOf(start, b) });
    const p = expectProblem(r, 'EXTENDS_CYCLE', '/extends/id');
    expect(p.params).toEqual({ cycle: ['a', 'b', 'a'], source: 'b@1.0.0' });
    expect(codesAndPaths(r)).toEqual([['EXTENDS_CYCLE', '/extends/id']]);
    expect(r.criteriaSet).toBeUndefined();
  });

  it('reports a missing base, without noise from what the base would have declared', () => {
    const child = edit(province, (d) => {
      d.criteria[0].scoring.when.all[0].value = { param: 'minMembers' }; // declared in the missing base
      d.criteria[1].scoring.when.all[0].fact = 'memberCout'; // wrong whatever the base says
    });
    const r = validate(child, { resolveBase: () => undefined });
    expect(codesAndPaths(r).sort()).toEqual(
      [
        ['EXTENDS_NOT_FOUND', '/extends/id'],
        ['UNKNOWN_FACT', '/criteria/1/scoring/when/all/0/fact'],
      ].sort(),
    );
    expect(r.problems[0]!.params).toEqual({ id: 'national', version: '^1', resolver: true });
  });

  it('reports a base whose version does not satisfy the range', () => {
    const r = validate(province, { resolveBase: () => ({ ...national, version: '3.0.0' }) });
    expect(codesAndPaths(r)).toEqual([['EXTENDS_NOT_FOUND', '/extends/version']]);
  });

  it('reports an extends range that is not semver', () => {
    const r = validate(
      edit(province, (d) => (d.extends.version = 'newest')),
      { resolveBase },
    );
    expect(codesAndPaths(r)).toEqual([['SCHEMA_VIOLATION', '/extends/version']]);
  });

  it('bounds the chain length', () => {
    const sets = Array.from(
      { length: 20 },
      (_, i): CriteriaSet => ({
        ...national,
        id: `s${i}`,
        ...(i === 19 ? {} : { extends: { id: `s${i + 1}` } }),
      }),
    );
    const r = validate(sets[0], { resolveBase: resolverOf(...sets) });
    expect(r.problems.map((p) => p.code)).toEqual(['INPUT_TOO_LARGE']);
    expect(r.problems[0]!.params?.source).toBe('s15@1.0.0');
  });

  it('throws CRITERIA_SET_INVALID with every problem when resolving an invalid set', () => {
    let error: unknown;
    try {
      resolveCriteriaSet(province);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CnscdError);
    expect((error as CnscdError).code).toBe('CRITERIA_SET_INVALID');
    expect((error as CnscdError).problems.map((p) => p.code)).toEqual(['EXTENDS_NOT_FOUND']);
    expect((error as CnscdError).message).toContain('EXTENDS_NOT_FOUND at /extends/id');
  });

  it('resolves despite warnings', () => {
    const set = edit(national, (d) => (d.criteria[0].scoring.when = { any: [] }));
    expect(resolveCriteriaSet(set).criteria).toHaveLength(3);
  });
});

describe('mergeCriteriaSet', () => {
  it('fills the defaults of a root set', () => {
    const r = mergeCriteriaSet(undefined, { id: 'x', version: '1.0.0', title: { vi: 'x', en: 'x' }, subject: { kind: 'team' } });
    expect(r).toEqual({
      id: 'x',
      version: '1.0.0',
      title: { vi: 'x', en: 'x' },
      sources: [],
      subject: { kind: 'team' },
      requires: {},
      parameters: {},
      criteria: [],
      ratings: [],
      lineage: ['x@1.0.0'],
    });
  });

  it('moves a removed id the child defines again to the end', () => {
    const base = mergeCriteriaSet(undefined, national);
    const r = mergeCriteriaSet(base, { ...province, extends: { id: 'national', remove: ['a'] }, criteria: [passCriterion('a', 1)] });
    expect(r.criteria.map((c) => [c.id, c.maxPoints])).toEqual([
      ['b', 10],
      ['c', 10],
      ['a', 1],
    ]);
  });
});

describe('extends property', () => {
  const ID: fc.Arbitrary<string> = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l');

  it('resolved ids = base ids − removed (replaced in place) ∪ added, in order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(ID, { maxLength: 8 }), fc.uniqueArray(ID, { maxLength: 8 }), fc.func(fc.boolean()), (baseIds, childIds, removes) => {
        const removed = baseIds.filter((id) => removes(id) && !childIds.includes(id));
        const crit = (id: string, points: number): Criterion => passCriterion(id, points);
        const base: CriteriaSet = { ...national, criteria: baseIds.map((id) => crit(id, 1)), totalPoints: baseIds.length };
        const child: CriteriaSet = {
          id: 'child',
          version: '1.0.0',
          title: { vi: 'Con', en: 'Child' },
          extends: { id: 'national', remove: removed },
          criteria: childIds.map((id) => crit(id, 2)),
        };
        const r = resolveCriteriaSet(child, { resolveBase: () => base });
        const kept = baseIds.filter((id) => !removed.includes(id));
        const added = childIds.filter((id) => !kept.includes(id));
        expect(r.criteria.map((c) => c.id)).toEqual([...kept, ...added]);
        // a criterion the child defines is the child's, wherever it sits
        for (const c of r.criteria) expect(c.maxPoints).toBe(childIds.includes(c.id) ? 2 : 1);
        expect(r.totalPoints).toBe(childIds.length === 0 && removed.length === 0 ? baseIds.length : undefined);
      }),
    );
  });
});
