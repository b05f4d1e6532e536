import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CnscdError } from '../src/errors.js';
import { parameterValue, resolveCriteriaSet, resolveParameters } from '../src/criteria/resolve.js';
import type { ResolvedCriteriaSet } from '../src/criteria/types.js';
import { fullSet } from './criteria-fixtures.js';

const set: Pick<ResolvedCriteriaSet, 'parameters'> = {
  parameters: {
    target: {
      schedule: [
        { from: '2022-12-31', value: 0.2 },
        { from: '2025-01-01', value: 0.7 },
      ],
    },
    minMembers: { value: 4 },
    nothing: { value: null },
    levels: { value: ['village', 'commune'] },
  },
};

describe('parameterValue', () => {
  it.each([
    ['2022-12-30', undefined],
    ['2022-12-31', 0.2],
    ['2023-06-15', 0.2],
    ['2024-12-31', 0.2],
    ['2025-01-01', 0.7],
    ['2030-01-01', 0.7],
  ])('dated target on %s is %s', (asOf, expected) => {
    expect(parameterValue(set, 'target', asOf)).toBe(expected);
  });

  it('returns constants whatever the date, null included', () => {
    expect(parameterValue(set, 'minMembers', '1900-01-01')).toBe(4);
    expect(parameterValue(set, 'nothing', '2024-01-01')).toBeNull();
    expect(parameterValue(set, 'levels', '2024-01-01')).toEqual(['village', 'commune']);
  });

  it('returns undefined for an unknown name, even one on Object.prototype', () => {
    expect(parameterValue(set, 'missing', '2024-01-01')).toBeUndefined();
    expect(parameterValue(set, 'constructor', '2024-01-01')).toBeUndefined();
    expect(parameterValue(set, 'toString', '2024-01-01')).toBeUndefined();
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    for (const asOf of ['2024-02-30', '2024-1-1', '2024-01', '']) {
      expect(() => parameterValue(set, 'target', asOf)).toThrow(CnscdError);
    }
    try {
      parameterValue(set, 'target', '2024-13-01');
    } catch (e) {
      expect((e as CnscdError).code).toBe('INVALID_ARGUMENT');
    }
  });

  it('is the latest entry on or before the date (property)', () => {
    const date = fc
      .record({ y: fc.integer({ min: 2000, max: 2040 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
      .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.uniqueArray(date, { minLength: 1, maxLength: 6 }), date, (froms, asOf) => {
        const sorted = [...froms].sort();
        const p = { parameters: { x: { schedule: sorted.map((from, i) => ({ from, value: i })) } } };
        const applicable = sorted.filter((f) => f <= asOf);
        const expected = applicable.length === 0 ? undefined : applicable.length - 1;
        expect(parameterValue(p, 'x', asOf)).toBe(expected);
      }),
    );
  });
});

describe('resolveParameters', () => {
  it('gives every parameter at a date', () => {
    expect(resolveParameters(set, '2024-06-30')).toEqual({ target: 0.2, minMembers: 4, nothing: null, levels: ['village', 'commune'] });
    expect(resolveParameters(set, '2020-01-01')).toEqual({ target: undefined, minMembers: 4, nothing: null, levels: ['village', 'commune'] });
  });

  it('works on a resolved set', () => {
    const resolved = resolveCriteriaSet(fullSet());
    expect(resolveParameters(resolved, '2025-03-01')).toMatchObject({ target: 0.7, minMembers: 4, sizeRange: [4, 9] });
  });
});
