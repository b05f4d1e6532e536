import { describe, expect, it } from 'vitest';
import { createRegistry, defineOperator, definePlugin, defineScorer, evaluateSync, validateCriteriaSet, type CriteriaSet } from '../src/index.js';
import { worked } from './fixtures/worked.js';

const label = { vi: 'x', en: 'x' };
const near = defineOperator({
  id: 'near',
  label: { vi: 'gần', en: 'near' },
  factTypes: ['number'],
  valueSchema: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number', minimum: 0, maximum: 100 }], minItems: 2, maxItems: 2 },
  acceptsFact: (v) => typeof v === 'number',
  evaluate: (a, b) => Math.abs((a as number) - (b as number[])[0]!) <= (b as number[])[1]!,
});
let seen: unknown[] = [];
const picky = defineScorer({
  id: 'picky',
  label,
  optionsSchema: { type: 'object', additionalProperties: false, required: ['fact'], properties: { fact: { type: 'string' } } },
  facts: (o) => [o.fact],
  score: (ctx) => {
    seen.push(ctx.options);
    // Options are frozen and shared: a scorer cannot leak state from one subject into the next.
    expect(() => {
      (ctx.options as { fact: string }).fact = 'changed';
    }).toThrow(TypeError);
    const v = ctx.fact(ctx.options.fact);
    return typeof v === 'number' ? { points: ctx.maxPoints } : { points: 0, missing: ctx.options.fact };
  },
});
const registry = createRegistry([definePlugin({ name: 'contracts', version: '1.0.0', core: '^1', operators: [near], scorers: [picky] })]);

const set = (value: unknown, fact = 'trainedLeaderShare'): CriteriaSet => ({
  id: 'contracts',
  version: '1.0.0',
  title: label,
  subject: { kind: 'team' },
  requires: { contracts: '^1' },
  criteria: [
    {
      id: 'n',
      title: label,
      group: 'other',
      maxPoints: 1,
      scoring: { type: 'pass', when: { fact: 'memberCount', operator: 'near', value: value as number } },
    },
    { id: 'p', title: label, group: 'other', maxPoints: 1, scoring: { type: 'scorer', scorer: 'picky', options: { fact } } },
  ],
  ratings: [{ id: 'any', label, minPercent: 0 }],
});

describe('plugin contracts the core enforces', () => {
  it("checks a condition value against the operator's valueSchema at authoring time", () => {
    expect(validateCriteriaSet(set([5, 1]), { registry }).valid).toBe(true);
    const bad = validateCriteriaSet(set([5, 400]), { registry });
    expect(bad.valid).toBe(false);
    expect(bad.problems[0]).toMatchObject({ path: '/criteria/0/scoring/when/value' });
    expect(bad.problems[0]!.message.en).toMatch(/value schema \(\/1\)/);
  });

  it('reports what a scorer found missing once per criterion, and freezes its options', () => {
    seen = [];
    // T2 in the worked example has a leader without training, T1 a trained leader; V3 has no team.
    const r = evaluateSync(worked, set([5, 1], 'trainedLeaderShare'), { period: '2025', registry });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(r.problems.filter((p) => p.code === 'MISSING_DENOMINATOR')).toEqual([]);
    const noLeader = { ...worked, teams: worked.teams.map((t) => ({ ...t, members: (t.members ?? []).filter((m) => m.role !== 'leader') })) };
    const r2 = evaluateSync(noLeader, set([5, 1], 'trainedLeaderShare'), { period: '2025', registry });
    expect(r2.problems.find((p) => p.code === 'MISSING_DENOMINATOR')).toMatchObject({
      params: { criterion: 'p', fact: 'trainedLeaderShare', subjects: 2 },
    });
  });
});
