import { defineScorer, formatNumber } from '@cnscd/core';

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The JSON Schema of the `logistic` scorer's options. Declared `as const` so that `defineScorer` infers
 * `{ fact: string; path?: string; midpoint: number; steepness: number }` for `ctx.options`, and exported
 * so tools (and the docs) can show it.
 */
export const logisticOptionsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['fact', 'midpoint', 'steepness'],
  properties: {
    fact: { type: 'string', minLength: 1, maxLength: 64, description: 'The fact scored, e.g. "digitalHouseholdShare".' },
    path: { type: 'string', minLength: 1, maxLength: 200, description: 'A dotted path into an object fact, e.g. "hueSAccounts" in "activity".' },
    midpoint: { type: 'number', description: 'The value that earns half the points.' },
    steepness: {
      type: 'number',
      description: 'How fast points rise around the midpoint, per unit of the fact; negative when lower is better.',
    },
  },
} as const;

/**
 * The logistic value in [0, 1]: `1 / (1 + e^(−steepness·(x − midpoint)))`. Exactly 0.5 at the midpoint;
 * never NaN for finite inputs (a huge exponent gives 0 or 1).
 *
 * @example
 * ```ts
 * logisticFraction(0.7, 0.7, 10); // 0.5
 * logisticFraction(1, 0.7, 10);   // 0.9525741268224334
 * ```
 */
export function logisticFraction(x: number, midpoint: number, steepness: number): number {
  return 1 / (1 + Math.exp(-steepness * (x - midpoint)));
}

/**
 * `logistic`: points = maxPoints / (1 + e^(−steepness·(x − midpoint))), where x is the fact (at `path`).
 * An S-curve: half the points at the midpoint, few far below it, close to full far above it — for targets
 * where the first gains are the hardest and the last few percent matter less. It never gives exactly full
 * points, so such a criterion is `partial` unless the core's rounding (to 12 significant digits)
 * reaches the maximum.
 * A fact with no value (or not a number) scores 0, with `actual: null` in the detail.
 *
 * @example
 * ```json
 * { "type": "scorer", "scorer": "logistic",
 *   "options": { "fact": "digitalHouseholdShare", "midpoint": 0.7, "steepness": 10 } }
 * ```
 */
export const logistic = defineScorer({
  id: 'logistic',
  label: { vi: 'Đường cong logistic', en: 'Logistic curve' },
  optionsSchema: logisticOptionsSchema,
  // The core computes exactly these facts before scoring; reading any other throws.
  facts: (options) => [options.fact],
  score: ({ options, fact, maxPoints, factLabel }) => {
    const { midpoint, steepness } = options;
    // Reasons name the fact by its label and write numbers as each language does (0,95 in Vietnamese).
    const where = factLabel(options.fact, options.path);
    const vi = (x: number): string => formatNumber(round(x), 'vi');
    const en = (x: number): string => formatNumber(round(x), 'en');
    const x = fact(options.fact, options.path);
    const shape = { midpoint, steepness };
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      return {
        points: 0,
        detail: { fact: options.fact, ...(options.path === undefined ? {} : { path: options.path }), actual: null, ...shape },
        reason: { vi: `Chưa đạt: không có số liệu ${where.vi} → 0 điểm`, en: `Not met: no data for ${where.en} → 0 points` },
      };
    }
    const fraction = logisticFraction(x, midpoint, steepness);
    const points = fraction * maxPoints;
    return {
      points,
      detail: { fact: options.fact, ...(options.path === undefined ? {} : { path: options.path }), actual: x, ...shape, fraction },
      reason: {
        vi: `${where.vi} = ${vi(x)}; đường cong logistic (điểm giữa ${vi(midpoint)}, độ dốc ${vi(steepness)}) → ${vi(points)}/${vi(maxPoints)} điểm`,
        en: `${where.en} = ${en(x)}; logistic curve (midpoint ${en(midpoint)}, steepness ${en(steepness)}) → ${en(points)}/${en(maxPoints)} points`,
      },
    };
  },
});
