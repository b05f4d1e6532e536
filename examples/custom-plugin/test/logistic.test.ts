/** The `logistic` scorer on its own, called with a hand-made context, and its options schema. */
import { createRegistry, type ScorerContext, type ScorerOutcome } from '@cnscd/core';
import { describe, expect, it } from 'vitest';
import examplePlugin, { logistic, logisticFraction } from '../src/index.js';

type Options = Parameters<typeof logistic.score>[0]['options'];

/** Score with facts given as a map; records which fact and path the scorer asked for. */
function score(options: Options, facts: Record<string, unknown>, maxPoints = 40): ScorerOutcome & { asked: [string, string | undefined][] } {
  const asked: [string, string | undefined][] = [];
  const ctx: ScorerContext<Options> = {
    options,
    maxPoints,
    fact: (id, path) => {
      asked.push([id, path]);
      const v = facts[id];
      return path === undefined ? v : (v as Record<string, unknown> | undefined)?.[path];
    },
    param: () => undefined,
    // The core gives the fact's label; here a stand-in that shows what was asked.
    factLabel: (id, path) => ({ vi: path === undefined ? `[${id}]` : `[${id}/${path}]`, en: path === undefined ? `[${id}]` : `[${id}/${path}]` }),
  };
  const out = logistic.score(ctx);
  return { ...(typeof out === 'number' ? { points: out } : out), asked };
}

const share = { fact: 'digitalHouseholdShare', midpoint: 0.7, steepness: 10 } as const;

describe('logistic scorer', () => {
  it('gives exactly half the points at the midpoint, whatever the steepness', () => {
    for (const steepness of [0.1, 1, 10, 1000, -3]) {
      expect(score({ ...share, steepness }, { digitalHouseholdShare: 0.7 }).points).toBe(20);
    }
    expect(score({ fact: 'x', midpoint: 60, steepness: 0.1 }, { x: 60 }, 30).points).toBe(15);
  });

  it('follows max / (1 + e^(−k·(x − m)))', () => {
    expect(score(share, { digitalHouseholdShare: 1 }).points).toBeCloseTo(40 / (1 + Math.exp(-3)), 12);
    expect(score(share, { digitalHouseholdShare: 0.5 }).points).toBeCloseTo(40 / (1 + Math.exp(2)), 12);
    expect(score(share, { digitalHouseholdShare: 1 }).points).toBeCloseTo(38.10296507289734, 10);
  });

  it('is symmetric around the midpoint: f(m + d) + f(m − d) = max', () => {
    for (const d of [0.01, 0.1, 0.25, 3]) {
      const up = score(share, { digitalHouseholdShare: 0.7 + d }).points;
      const down = score(share, { digitalHouseholdShare: 0.7 - d }).points;
      expect(up + down).toBeCloseTo(40, 9);
    }
  });

  it('rises with the fact, and falls when steepness is negative (lower is better)', () => {
    const xs = [0, 0.2, 0.5, 0.7, 0.9, 1];
    const up = xs.map((x) => score(share, { digitalHouseholdShare: x }).points);
    const down = xs.map((x) => score({ ...share, steepness: -10 }, { digitalHouseholdShare: x }).points);
    for (let i = 1; i < xs.length; i++) {
      expect(up[i]!).toBeGreaterThan(up[i - 1]!);
      expect(down[i]!).toBeLessThan(down[i - 1]!);
    }
  });

  it('stays within [0, max] and finite at the extremes', () => {
    const far = score({ fact: 'x', midpoint: 0, steepness: 1000 }, { x: 1e6 });
    const below = score({ fact: 'x', midpoint: 0, steepness: 1000 }, { x: -1e6 });
    expect(far.points).toBe(40);
    expect(below.points).toBe(0);
    expect(logisticFraction(0, 0, 0)).toBe(0.5); // steepness 0: flat at half
  });

  it('scores 0 with a "no data" reason when the fact has no number', () => {
    for (const v of [undefined, null, 'x', Number.NaN, Number.POSITIVE_INFINITY]) {
      const out = score(share, { digitalHouseholdShare: v });
      expect(out.points).toBe(0);
      expect(out.detail).toMatchObject({ fact: 'digitalHouseholdShare', actual: null });
      expect(out.reason?.en).toBe('Not met: no data for [digitalHouseholdShare] → 0 points');
    }
  });

  it('reads the fact at `path`, and reports both in the detail', () => {
    const out = score({ fact: 'activity', path: 'hueSAccounts', midpoint: 60, steepness: 0.1 }, { activity: { hueSAccounts: 90 } }, 30);
    expect(out.asked).toEqual([['activity', 'hueSAccounts']]);
    expect(out.points).toBeCloseTo(30 / (1 + Math.exp(-3)), 12);
    expect(out.detail).toMatchObject({ fact: 'activity', path: 'hueSAccounts', actual: 90, midpoint: 60, steepness: 0.1 });
    expect(out.reason?.vi).toBe('[activity/hueSAccounts] = 90; đường cong logistic (điểm giữa 60, độ dốc 0,1) → 28,5772/30 điểm');
  });

  it('declares the one fact it reads, so the core computes it first', () => {
    expect(typeof logistic.facts).toBe('function');
    const facts = logistic.facts as (o: Options) => readonly string[];
    expect(facts({ fact: 'activity', path: 'hueSAccounts', midpoint: 1, steepness: 1 })).toEqual(['activity']);
  });
});

describe('logistic options schema (compiled by the registry)', () => {
  const validate = createRegistry([examplePlugin]).scorers.get('logistic')!.validateOptions;

  it('accepts the documented options', () => {
    expect(validate({ fact: 'digitalHouseholdShare', midpoint: 0.7, steepness: 10 })).toBe(true);
    expect(validate({ fact: 'activity', path: 'hueSAccounts', midpoint: 60, steepness: -0.1 })).toBe(true);
  });

  it.each([
    ['a missing midpoint', { fact: 'x', steepness: 1 }],
    ['a missing steepness', { fact: 'x', midpoint: 1 }],
    ['a missing fact', { midpoint: 1, steepness: 1 }],
    ['a string midpoint', { fact: 'x', midpoint: '0.7', steepness: 1 }],
    ['an empty fact', { fact: '', midpoint: 1, steepness: 1 }],
    ['an unknown option', { fact: 'x', midpoint: 1, steepness: 1, max: 10 }],
  ])('rejects %s', (_what, options) => {
    expect(validate(options)).toBe(false);
  });
});
