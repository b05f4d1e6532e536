import { defineFact } from '@cnscd/core';

type Area = Readonly<Record<string, number | undefined>>;

/**
 * The share of households in the area a subject serves that have at least one member proficient in the
 * five basic digital skills — the 2024 national goal of letter 3240/BTTTT-CĐSQG ("every household has at
 * least one such person"), and the quantity behind "digital family" targets.
 *
 * `householdsWithFiveSkills / households`, both from the core `area` fact: for a team, the org unit it
 * serves; for an org unit, the unit itself (whose figures are its own, else the sum of its children's).
 * `undefined` (no value: criteria reading it score 0 and the run reports `MISSING_DENOMINATOR`) when
 * either figure is missing or there are no households. Not capped at 1: a count above its base is a data
 * error that dataset validation reports (`COVERAGE_EXCEEDS_BASE`), and hiding it would help no one.
 *
 * It is the same quotient as the core ratio `coverage.householdsFiveSkills`; as a top-level number fact
 * it reads better in conditions, works with operators and scorers without a `path`, and shows how a
 * plugin fact builds on a core fact through `dependsOn`.
 *
 * @example
 * ```json
 * { "fact": "digitalHouseholdShare", "operator": "withinPercentOf", "value": [1, 5] }
 * ```
 */
export const digitalHouseholdShare = defineFact({
  id: 'digitalHouseholdShare',
  type: 'number',
  unit: 'ratio',
  subjects: ['team', 'orgUnit'],
  label: {
    vi: 'Tỷ lệ hộ có người thành thạo 5 kỹ năng số cơ bản',
    en: 'Share of households with a member proficient in the five basic digital skills',
  },
  description: {
    vi: 'Số hộ có ít nhất một người thành thạo 5 kỹ năng số cơ bản / số hộ của địa bàn (số liệu mới nhất trong kỳ).',
    en: 'Households with at least one member proficient in the five basic digital skills / households of the area (latest figures in the period).',
  },
  // Only facts listed here may be read with ctx.fact(); the core computes them first.
  dependsOn: { facts: ['area'] },
  compute: (ctx): number | undefined => {
    const area = ctx.fact('area') as Area;
    const households = area['households'];
    const proficient = area['householdsWithFiveSkills'];
    if (households === undefined || proficient === undefined || households <= 0) return undefined;
    return proficient / households;
  },
});
