import { defineOperator } from '@cnscd/core';

/**
 * Relative tolerance for the boundary: in binary floating point `1 - 0.95` is `0.05000000000000004`, so
 * without it 0.95 would not be "within 5% of 1". Far below any meaningful difference in a share or count.
 */
const EPSILON = 1e-9;

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Reads a condition value `[target, percent]`; `undefined` when it is not two finite numbers with
 * `percent ≥ 0`.
 *
 * @example
 * ```ts
 * parseTolerance([1, 5]); // { target: 1, percent: 5 }
 * parseTolerance([1, -5]); // undefined
 * ```
 */
export function parseTolerance(value: unknown): { target: number; percent: number } | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [target, percent] = value as [unknown, unknown];
  if (!isFiniteNumber(target) || !isFiniteNumber(percent) || percent < 0) return undefined;
  return { target, percent };
}

/**
 * `withinPercentOf`: the fact is within `percent`% of `target`, both ends inclusive —
 * `|fact − target| ≤ |target| × percent / 100`. The value is `[target, percent]`.
 *
 * - `[1, 5]` on a share holds from 0.95 to 1.05 (so "at least 95% of households" for a share that
 *   cannot exceed 1);
 * - `[120, 10]` on a count holds from 108 to 132;
 * - `[0, p]` holds only for 0; `[t, 0]` only for exactly `t`.
 *
 * Only finite numbers are compared (`acceptsFact`): a missing fact (`undefined`), `null`, a string or
 * NaN makes the condition false, as with json-rules-engine's numeric operators. A malformed value (not
 * two finite numbers, or a negative percent) also makes it false rather than throwing; criteria
 * validation only knows the value must be an array.
 *
 * @example
 * ```json
 * { "fact": "digitalHouseholdShare", "operator": "withinPercentOf", "value": [1, 5] }
 * ```
 */
export const withinPercentOf = defineOperator({
  id: 'withinPercentOf',
  label: { vi: 'trong phạm vi % của', en: 'within percent of' },
  factTypes: ['number'],
  valueTypes: ['array'],
  acceptsFact: isFiniteNumber,
  evaluate: (factValue, value) => {
    const t = parseTolerance(value);
    if (t === undefined || !isFiniteNumber(factValue)) return false;
    const allowed = (Math.abs(t.target) * t.percent) / 100;
    return Math.abs(factValue - t.target) <= allowed + EPSILON * Math.max(1, Math.abs(t.target));
  },
});
