import { describe, expect, it } from 'vitest';
import { benchCriteriaSet, BENCH_CRITERIA } from '../../../bench/criteria.js';
import { handParams, scoreTeamByHand } from '../../../bench/hand-written.js';
import { generateNational, type NationalShape } from '../../../bench/national.js';
import { handFactsOf, prepareScoring } from '../../../bench/prepare.js';
import { evaluateSync } from '../src/index.js';

/**
 * The benchmark compares the compiled evaluator with a hand-written function; the comparison is only
 * honest if both score the same. On a 2% national dataset, every team's points per criterion, score,
 * percent and rating from `scoreTeamByHand` equal `evaluateSync`'s, exactly.
 */

describe.each(['63', '34'] as NationalShape[])('hand-written scorer equals evaluateSync (shape %s, 2%%)', (shape) => {
  const dataset = generateNational({ shape, seed: 2025, scale: 0.02 });
  const period = '2025-01..2025-12';
  const result = evaluateSync(dataset, benchCriteriaSet, { period, explain: false, rollup: false });
  const prepared = prepareScoring(dataset, benchCriteriaSet, period);
  const params = handParams(prepared.asOf);

  it('scores the same teams in the same order', () => {
    expect(result.subjects.map((s) => s.subject.id)).toEqual(prepared.subjects.map((s) => s.id));
    expect(result.subjects).toHaveLength(dataset.teams.length);
    expect(result.summary.criteriaErrors).toBe(0);
  });

  it('gives the same points per criterion, score, percent and rating', () => {
    const mismatches: string[] = [];
    result.subjects.forEach((s, i) => {
      const hand = scoreTeamByHand(handFactsOf(prepared.compiled, prepared.rows[i]!), params);
      s.criteria.forEach((c, k) => {
        if (c.id !== BENCH_CRITERIA[k]) mismatches.push(`${s.subject.id}: criterion ${k} is ${c.id}`);
        if (c.points !== hand.points[k]) mismatches.push(`${s.subject.id} ${c.id}: engine ${c.points}, hand ${hand.points[k]}`);
        if ((c.status !== 'not-applicable') !== hand.applicable[k]) mismatches.push(`${s.subject.id} ${c.id}: applicability`);
      });
      if (s.score !== hand.score || s.maxScore !== hand.maxScore || s.percent !== hand.percent || s.rating?.id !== hand.rating) {
        mismatches.push(
          `${s.subject.id}: engine ${s.score}/${s.maxScore} ${s.percent}% ${s.rating?.id}, hand ${hand.score}/${hand.maxScore} ${hand.percent}% ${hand.rating}`,
        );
      }
    });
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('exercises every branch: each criterion has full, partial-or-zero results, and some teams are not judged on reporting', () => {
    for (const [k, id] of BENCH_CRITERIA.entries()) {
      const points = new Set(result.subjects.map((s) => s.criteria[k]!.points));
      expect(points.size, id).toBeGreaterThan(1);
      const max = benchCriteriaSet.criteria[k]!.maxPoints;
      expect(points.has(max), id).toBe(true);
    }
    const statuses = new Set(result.subjects.flatMap((s) => s.criteria.map((c) => c.status)));
    expect([...statuses].sort()).toEqual(['failed', 'not-applicable', 'partial', 'passed']);
    const ratings = new Set(result.subjects.map((s) => s.rating?.id));
    expect(ratings.size).toBe(4);
  });

  it('explain mode scores the same points as fast mode', () => {
    const explained = evaluateSync(dataset, benchCriteriaSet, { period, rollup: false });
    expect(explained.subjects.map((s) => s.criteria.map((c) => c.points))).toEqual(result.subjects.map((s) => s.criteria.map((c) => c.points)));
  });
});
