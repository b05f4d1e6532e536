import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benchCriteriaSet } from '../../../bench/criteria.js';
import { generateNational } from '../../../bench/national.js';
import { prepareScoring, type PreparedScoring } from '../../../bench/prepare.js';
import { Observations, scoreCriterion, totalSubject } from '../src/evaluate/run.js';
import { SubjectScoring } from '../src/evaluate/scoring.js';
import type { SubjectResult } from '../src/evaluate/types.js';
import { createEvaluator, createRegistry, defineOperator, definePlugin, evaluateSync, type CriteriaSet } from '../src/index.js';
import { validDataset } from './fixtures/arbitraries.js';
import { worked, workedSet } from './fixtures/worked.js';

/**
 * SubjectScoring shares identical results between subjects (built once per evaluation). Sharing must be
 * invisible: the same JSON and the same warnings as scoring every subject afresh with `scoreCriterion`.
 */

/** Every subject scored afresh by scoreCriterion, with no sharing at all (the definition). */
function unshared(p: PreparedScoring, explain: boolean): { results: SubjectResult[]; observations: Observations } {
  const observations = new Observations();
  const results = p.rows.map((row, i) => {
    const check = (condition: Parameters<Parameters<typeof scoreCriterion>[2]>[0]) => {
      if (!explain) return { result: condition.test(row) };
      const node = condition.explain(row);
      return { result: node.result, node };
    };
    const criteria = p.compiled.criteria.map((cc) => scoreCriterion(cc, row, check, explain, p.registry, p.compiled, observations));
    return totalSubject(p.infos[i]!, criteria, p.tiersDesc);
  });
  return { results, observations };
}

function shared(p: PreparedScoring, explain: boolean, memoLimit?: number): { results: SubjectResult[]; observations: Observations } {
  // memoMinBatch 1: memoise even the small random datasets below.
  const observations = new Observations();
  const scoring = new SubjectScoring(p.compiled, p.registry, p.tiersDesc, observations, explain, {
    ...(memoLimit === undefined ? {} : { memoLimit }),
    memoMinBatch: 1,
  });
  return { results: scoring.scoreMany(p.infos, p.rows), observations };
}

const criteriaIndex = (p: PreparedScoring) => new Map(p.set.criteria.map((c, i) => [c.id, i]));

describe('shared results (SubjectScoring)', () => {
  const dataset = generateNational({ shape: '34', seed: 11, scale: 0.01 });
  const p = prepareScoring(dataset, benchCriteriaSet);

  it.each([
    ['explain', true],
    ['fast', false],
  ])('%s mode gives the JSON and warnings of scoring each subject afresh', (_, explain) => {
    const want = unshared(p, explain as boolean);
    for (const limit of [undefined, 0, 7]) {
      const got = shared(p, explain as boolean, limit);
      expect(JSON.stringify(got.results)).toBe(JSON.stringify(want.results));
      expect(got.observations.problems(criteriaIndex(p))).toEqual(want.observations.problems(criteriaIndex(p)));
    }
  });

  it('builds far fewer result objects than subjects × criteria, and freezes them', () => {
    const { results } = shared(p, true);
    const all = results.flatMap((r) => r.criteria);
    const distinct = new Set(all);
    expect(all.length).toBe(p.rows.length * 12);
    expect(distinct.size).toBeLessThan(all.length / 3);
    const first = results[0]!.criteria[0]!;
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      (first as { points: number }).points = 99;
    }).toThrow(TypeError);
    const withTree = all.find((c) => c.explanation !== undefined)!;
    expect(Object.isFrozen(withTree.explanation)).toBe(true);
    expect(Object.isFrozen(withTree.reason)).toBe(true);
    // Frozen results are the scoring's own objects: the criteria set's titles stay writable.
    expect(Object.isFrozen(benchCriteriaSet.criteria[0].title)).toBe(false);
  });

  it.each([
    ['explain', true],
    ['fast', false],
  ])('%s mode: a result object held by two subjects is frozen, deeply', (_, explain) => {
    const { results } = shared(p, explain as boolean);
    const holders = new Map<object, number>();
    for (const r of results) for (const c of r.criteria) holders.set(c, (holders.get(c) ?? 0) + 1);
    const sharedOnes = [...holders].filter(([, n]) => n > 1).map(([c]) => c as SubjectResult['criteria'][number]);
    expect(sharedOnes.length).toBeGreaterThan(0);
    const deepFrozen = (v: unknown, seen = new Set<unknown>()): boolean => {
      if (v === null || typeof v !== 'object' || seen.has(v)) return true;
      seen.add(v);
      // The criteria set's own objects (titles) are referenced, not copied, and stay the caller's.
      return Object.isFrozen(v) && Object.entries(v).every(([k, x]) => k === 'title' || deepFrozen(x, seen));
    };
    for (const c of sharedOnes) expect(deepFrozen(c)).toBe(true);
  });

  it('an evaluator reuses its compiled plans: later evaluations equal a fresh evaluator’s, whatever the caller did to earlier results', () => {
    const evaluator = createEvaluator(benchCriteriaSet);
    for (const explain of [false, true]) {
      const options = { period: '2025-01..2025-12', explain };
      const first = evaluator.evaluateSync(dataset, options);
      // A caller cannot change a result the next evaluation could share: shared ones are frozen.
      for (const s of first.subjects) {
        for (const c of s.criteria) {
          try {
            (c as { points: number }).points = -1;
          } catch {
            // frozen: shared with other subjects (and evaluations)
          }
        }
      }
      const again = evaluator.evaluateSync(dataset, options);
      const fresh = createEvaluator(benchCriteriaSet).evaluateSync(dataset, options);
      expect(JSON.stringify(again)).toBe(JSON.stringify(fresh));
    }
  });

  it('agrees with afresh scoring on random datasets (fast-check), both modes', () => {
    fc.assert(
      fc.property(validDataset, fc.boolean(), (d, explain) => {
        const q = prepareScoring(d, workedSet, '2025-01..2025-12');
        const want = unshared(q, explain);
        const got = shared(q, explain, 2);
        expect(JSON.stringify(got.results)).toBe(JSON.stringify(want.results));
        expect(got.observations.problems(criteriaIndex(q))).toEqual(want.observations.problems(criteriaIndex(q)));
      }),
      { numRuns: 150 },
    );
  });

  it('calls a plugin operator for every subject: plugin operators are not assumed pure', () => {
    let calls = 0;
    const counted = defineOperator({
      id: 'countedAtLeast',
      label: { vi: 'ít nhất', en: 'at least' },
      factTypes: ['number'],
      valueSchema: { type: 'number' },
      evaluate: (a, b) => {
        calls += 1;
        return typeof a === 'number' && a >= (b as number);
      },
    });
    const registry = createRegistry([definePlugin({ name: 'counted', version: '1.0.0', core: '^1', operators: [counted] })]);
    const label = { vi: 'x', en: 'x' };
    const set: CriteriaSet = {
      id: 'counted',
      version: '1.0.0',
      title: label,
      subject: { kind: 'team' },
      requires: { counted: '^1' },
      criteria: [
        {
          id: 'c',
          title: label,
          group: 'other',
          maxPoints: 1,
          scoring: { type: 'pass', when: { fact: 'memberCount', operator: 'countedAtLeast', value: 1 } },
        },
      ],
      ratings: [{ id: 'any', label, minPercent: 0 }],
    };
    const twins = { ...worked, teams: [...worked.teams, ...worked.teams.map((t) => ({ ...t, id: `${t.id}-twin` }))] };
    const r = evaluateSync(twins, set, { period: '2025', registry });
    expect(r.subjects.length).toBeGreaterThan(1);
    expect(calls).toBe(r.subjects.length);
  });
});
