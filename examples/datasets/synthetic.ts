/**
 * What the synthetic datasets share: the example datasets (`generate.ts`) and the national benchmark
 * dataset (`bench/national.ts`) both draw from mulberry32 and write village indicator rows with the same
 * populations and coverage counts. Each keeps its own ranges and noise, so their figures differ.
 */

/**
 * mulberry32: a small, fast, seeded 32-bit PRNG. Returns floats in [0, 1).
 *
 * @example
 * ```ts
 * const rng = mulberry32(42);
 * rng(); // the same first value for seed 42, every time
 * ```
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The coverage counts of a village's indicator row, in row order, each with the population it is a share of. */
export const COVERAGE_COUNTS = {
  workingAgeOnlinePublicServiceUsers: 'workingAgePopulation',
  adultsWithSmartphone: 'adults',
  adultsUsingSmartDevice: 'adults',
  adultsWithVneidLevel2: 'adults',
  adultsMeetingDigitalKnowledgeStandard: 'adults',
  adultsWithPaymentAccount: 'adults',
  householdsWithFiveSkills: 'households',
} as const;

export type CoverageCount = keyof typeof COVERAGE_COUNTS;

/** Per coverage count, the share a village reaches at the bottom and at the top of its dataset's scale. */
export type CoverageRanges = Readonly<Record<CoverageCount, readonly [lo: number, hi: number]>>;

/** The populations a village indicator row starts with. */
export interface VillagePopulations {
  readonly population: number;
  readonly workingAgePopulation: number;
  readonly adults: number;
  readonly households: number;
}

/**
 * A village indicator row's metrics: the populations, then each coverage count as
 * `round(population × rate(lo, hi))`. `rate` places the village within the range (and adds the dataset's
 * noise); it is called once per count in {@link COVERAGE_COUNTS} order, so a seeded stream is read in a
 * fixed order.
 *
 * @example
 * ```ts
 * const metrics = villageIndicatorMetrics(
 *   { population: 800, workingAgePopulation: 500, adults: 600, households: 220 },
 *   ranges,
 *   (lo, hi) => lo + (hi - lo) * 0.5, // a village halfway along
 * );
 * ```
 */
export function villageIndicatorMetrics(
  populations: VillagePopulations,
  ranges: CoverageRanges,
  rate: (lo: number, hi: number) => number,
): Record<string, number> {
  const { population, workingAgePopulation, adults, households } = populations;
  const metrics: Record<string, number> = { population, workingAgePopulation, adults, households };
  for (const id of Object.keys(COVERAGE_COUNTS) as CoverageCount[]) {
    const [lo, hi] = ranges[id];
    metrics[id] = Math.round(populations[COVERAGE_COUNTS[id]] * rate(lo, hi));
  }
  return metrics;
}
