/** The pieces the example datasets and the national benchmark dataset share. */
import { describe, expect, it } from 'vitest';
import { COVERAGE_COUNTS, mulberry32, villageIndicatorMetrics, type CoverageRanges } from './synthetic.js';

describe('mulberry32', () => {
  it('is deterministic, in [0, 1), and differs by seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(1000);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });

  it('keeps its stream (a change would change every generated dataset)', () => {
    const rng = mulberry32(42);
    expect([rng(), rng(), rng()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });
});

describe('villageIndicatorMetrics', () => {
  const populations = { population: 1000, workingAgePopulation: 600, adults: 700, households: 280 };
  const ranges = Object.fromEntries(Object.keys(COVERAGE_COUNTS).map((id, i) => [id, [i / 10, 1]])) as unknown as CoverageRanges;

  it('lists the populations, then each coverage count as a rounded share of its population, in row order', () => {
    const calls: number[] = [];
    const metrics = villageIndicatorMetrics(populations, ranges, (lo) => {
      calls.push(lo);
      return lo + 0.05;
    });
    expect(calls).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]); // one draw per count, in COVERAGE_COUNTS order
    expect(Object.keys(metrics)).toEqual(['population', 'workingAgePopulation', 'adults', 'households', ...Object.keys(COVERAGE_COUNTS)]);
    expect(metrics).toMatchObject({
      population: 1000,
      workingAgeOnlinePublicServiceUsers: 30, // 600 × 0.05
      adultsWithSmartphone: 105, // 700 × 0.15
      householdsWithFiveSkills: 182, // 280 × 0.65
    });
  });
});
