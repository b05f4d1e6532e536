/**
 * The levels a caller asks the roll-up for (`rollup: { levels }`), against the dataset's levels. A
 * misspelled level used to give an empty roll-up and no word about it.
 */
import { problem, type Problem } from '../errors.js';
import { suggest } from '../internal/suggest.js';
import { render } from '../messages/define.js';
import { EVALUATION_MESSAGES } from '../messages/problems-evaluation.js';
import { DEFAULT_LEVELS, type Dataset } from '../model/types.js';

/**
 * An `UNKNOWN_ROLLUP_LEVEL` error at `/options/rollup/levels/<i>` (the scoring API's request body) for
 * each level asked of the roll-up that the dataset does not declare (its `levels`, or the default
 * province, district, commune and village). The message lists the dataset's levels and, when one is close
 * (as for every "did you mean"), suggests it; it never repeats the text that was sent. Nothing for `true`,
 * `false` or no `levels`.
 *
 * `evaluate` returns these in `problems` and still rolls up the levels it knows; the API refuses the
 * request (400) before evaluating.
 *
 * @example
 * ```ts
 * rollupLevelProblems({ orgUnits: [], teams: [] }, { levels: ['comune'] });
 * // [{ code: 'UNKNOWN_ROLLUP_LEVEL', severity: 'error', path: '/options/rollup/levels/0',
 * //    params: { levels: ['province', 'district', 'commune', 'village'], suggestion: 'commune' }, … }]
 * ```
 */
export function rollupLevelProblems(
  dataset: Pick<Dataset, 'levels'>,
  rollup: boolean | { readonly levels?: readonly string[] } | undefined,
): Problem[] {
  const asked = rollup !== null && typeof rollup === 'object' ? rollup.levels : undefined;
  if (!Array.isArray(asked) || asked.length === 0) return [];
  const declared = (Array.isArray(dataset.levels) ? dataset.levels : DEFAULT_LEVELS).map((l) => l.id);
  const known = new Set(declared);
  const out: Problem[] = [];
  asked.forEach((level: unknown, i) => {
    if (typeof level !== 'string' || known.has(level)) return;
    const suggestion = suggest(level, declared);
    out.push(
      problem(
        'UNKNOWN_ROLLUP_LEVEL',
        `/options/rollup/levels/${i}`,
        render(EVALUATION_MESSAGES, 'unknownRollupLevel', { levels: declared, suggestion }),
        suggestion === undefined ? { levels: declared } : { levels: declared, suggestion },
      ),
    );
  });
  return out;
}
