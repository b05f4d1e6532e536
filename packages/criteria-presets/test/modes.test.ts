/**
 * Fast mode (`explain: false`) scores column by column with shared results, explain mode subject by
 * subject with memoised explanations: different code. On a generated 1% national dataset (744 teams,
 * enough for batches, columns and memos to be used), every preset gives the same result in both modes
 * once the explanations (explanation, applicability, detail, reason) are left out.
 */
import type { CriterionResult, EvaluationResult } from '@cnscd/core';
import { evaluateSync } from '@cnscd/core';
import { describe, expect, it } from 'vitest';
import { generateNational } from '../../../bench/national.js';
import { listPresets, resolvePreset } from '../src/index.js';

const dataset = generateNational({ shape: '63', seed: 11, scale: 0.01 });

function withoutExplanations(r: EvaluationResult): EvaluationResult {
  const lean = ({ explanation: _e, applicability: _a, detail: _d, reason: _r, ...c }: CriterionResult): CriterionResult => c;
  return { ...r, subjects: r.subjects.map((s) => ({ ...s, criteria: s.criteria.map(lean) })) };
}

describe('fast mode gives explain mode’s result without the explanations', () => {
  for (const { id } of listPresets()) {
    it(id, () => {
      const set = resolvePreset(id);
      const fast = evaluateSync(dataset, set, { period: '2025', explain: false });
      const explained = evaluateSync(dataset, set, { period: '2025', explain: true });
      expect(fast.subjects.length).toBeGreaterThan(30);
      expect(fast).toEqual(withoutExplanations(explained));
    });
  }
});
