/** The `withinPercentOf` operator on its own: boundaries, odd inputs, and the condition it makes. */
import { describe, expect, it } from 'vitest';
import { parseTolerance, withinPercentOf } from '../src/index.js';

const within = (fact: unknown, value: unknown): boolean => (withinPercentOf.acceptsFact?.(fact) ?? true) && withinPercentOf.evaluate(fact, value);

describe('withinPercentOf', () => {
  it('is inclusive at both ends of the band', () => {
    // [120, 10]: 108 … 132
    expect(within(108, [120, 10])).toBe(true);
    expect(within(132, [120, 10])).toBe(true);
    expect(within(120, [120, 10])).toBe(true);
    expect(within(107.999, [120, 10])).toBe(false);
    expect(within(132.001, [120, 10])).toBe(false);
  });

  it('counts 0.95 as within 5% of 1 despite binary floating point', () => {
    expect(Math.abs(0.95 - 1)).toBeGreaterThan(0.05); // the trap: 0.050000000000000044
    expect(within(0.95, [1, 5])).toBe(true);
    expect(within(1.05, [1, 5])).toBe(true);
    expect(within(0.949, [1, 5])).toBe(false);
    expect(within(0.9499999, [1, 5])).toBe(false);
    expect(within(0.1 + 0.2, [0.3, 0])).toBe(true); // 0.30000000000000004 is "exactly" 0.3
  });

  it('with 0% holds only for the target, and a target of 0 only for 0', () => {
    expect(within(1, [1, 0])).toBe(true);
    expect(within(0.999, [1, 0])).toBe(false);
    expect(within(0, [0, 50])).toBe(true);
    expect(within(0.001, [0, 50])).toBe(false);
  });

  it('uses |target| for negative targets', () => {
    expect(within(-95, [-100, 5])).toBe(true);
    expect(within(-106, [-100, 5])).toBe(false);
  });

  it('accepts only finite numbers as the fact (missing data is false, not an error)', () => {
    for (const fact of [undefined, null, '1', Number.NaN, Number.POSITIVE_INFINITY, [1], { v: 1 }]) {
      expect(withinPercentOf.acceptsFact?.(fact), String(fact)).toBe(false);
      expect(within(fact, [1, 5]), String(fact)).toBe(false);
    }
  });

  it('is false, never throws, on a malformed value', () => {
    for (const value of [undefined, null, 1, [1], [1, 5, 9], ['1', 5], [1, '5'], [1, -5], [Number.NaN, 5], [1, Number.POSITIVE_INFINITY], {}]) {
      expect(() => withinPercentOf.evaluate(1, value)).not.toThrow();
      expect(withinPercentOf.evaluate(1, value), JSON.stringify(value)).toBe(false);
    }
  });

  it('declares its signature for authoring-time checks', () => {
    expect(withinPercentOf).toMatchObject({ id: 'withinPercentOf', factTypes: ['number'], valueTypes: ['array'] });
    expect(withinPercentOf.label).toEqual({ vi: 'trong phạm vi % của', en: 'within percent of' });
  });
});

describe('parseTolerance', () => {
  it('reads [target, percent] and rejects anything else', () => {
    expect(parseTolerance([1, 5])).toEqual({ target: 1, percent: 5 });
    expect(parseTolerance([0, 0])).toEqual({ target: 0, percent: 0 });
    expect(parseTolerance([1, -1])).toBeUndefined();
    expect(parseTolerance('1,5')).toBeUndefined();
  });
});
