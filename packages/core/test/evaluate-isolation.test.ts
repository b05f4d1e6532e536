import { describe, expect, it } from 'vitest';
import { createRegistry, defineFact, defineOperator, definePlugin, defineScorer, evaluate, type CriteriaSet, type Dataset } from '../src/index.js';
import { worked, workedSet } from './fixtures/worked.js';

const flaky = definePlugin({
  name: 'flaky',
  version: '1.2.0',
  core: '^1',
  facts: [
    defineFact({
      id: 'boom',
      type: 'number',
      subjects: ['team'],
      label: { vi: 'nổ', en: 'boom' },
      compute: () => {
        throw new Error('fact exploded');
      },
    }),
    defineFact({ id: 'notANumber', type: 'number', subjects: ['team'], label: { vi: 'NaN', en: 'NaN' }, compute: () => Number.NaN }),
  ],
  operators: [
    defineOperator({
      id: 'explodes',
      label: { vi: 'nổ', en: 'explodes' },
      evaluate: () => {
        throw new Error('operator exploded');
      },
    }),
  ],
  scorers: [
    defineScorer({
      id: 'badScorer',
      label: { vi: 'hỏng', en: 'bad' },
      optionsSchema: { type: 'object', properties: { k: { type: 'number' } }, additionalProperties: false },
      score: () => {
        throw new Error('scorer exploded');
      },
    }),
  ],
});
const registry = createRegistry([flaky]);

const set: CriteriaSet = {
  ...workedSet,
  id: 'isolation',
  requires: { flaky: '^1.0.0' },
  totalPoints: 80,
  criteria: [
    ...workedSet.criteria!,
    {
      id: 'usesBoom',
      title: { vi: 'a', en: 'a' },
      group: 'other',
      maxPoints: 10,
      scoring: { type: 'pass', when: { all: [{ fact: 'boom', operator: 'greaterThan', value: 1 }] } },
    },
    {
      id: 'usesExplodes',
      title: { vi: 'b', en: 'b' },
      group: 'other',
      maxPoints: 10,
      scoring: { type: 'pass', when: { all: [{ fact: 'memberCount', operator: 'explodes', value: 1 }] } },
    },
    { id: 'usesNaN', title: { vi: 'c', en: 'c' }, group: 'other', maxPoints: 10, scoring: { type: 'ratio', fact: 'notANumber', target: 1 } },
    {
      id: 'usesBadScorer',
      title: { vi: 'd', en: 'd' },
      group: 'other',
      maxPoints: 10,
      scoring: { type: 'scorer', scorer: 'badScorer', options: { k: 1 } },
    },
  ],
};

describe('one bad criterion never takes down the others', () => {
  for (const engine of ['compiled', 'reference'] as const) {
    it(`isolates plugin failures (${engine})`, async () => {
      const r = await evaluate(worked, set, { period: '2025', engine, registry });
      const t1 = r.subjects.find((s) => s.subject.id === 'T1')!;
      const status = Object.fromEntries(t1.criteria.map((c) => [c.id, c.status]));
      expect(status).toEqual({
        size: 'passed',
        reports: 'passed',
        ops: 'passed',
        households: 'passed',
        usesBoom: 'error',
        usesExplodes: 'error',
        usesNaN: 'failed',
        usesBadScorer: 'error',
      });
      const boom = t1.criteria.find((c) => c.id === 'usesBoom')!;
      expect(boom.error).toMatchObject({ code: 'CRITERION_FAILED', plugin: 'flaky' });
      expect(boom.error?.message).toContain('fact exploded');
      expect(t1.criteria.find((c) => c.id === 'usesExplodes')!.error).toMatchObject({ plugin: 'flaky' });
      expect(t1.criteria.find((c) => c.id === 'usesBadScorer')!.error?.message).toContain('scorer exploded');
      // Errored criteria leave score and max; NaN counted as no value (0 of 10).
      expect(t1).toMatchObject({ score: 40, maxScore: 50, percent: 80, complete: false, rating: { id: 'good' } });
      expect(r.problems.find((p) => p.code === 'FACT_NOT_NUMBER')).toMatchObject({ params: { fact: 'notANumber', plugin: 'flaky', subjects: 2 } });
      expect(r.summary.criteriaErrors).toBe(6);
    });
  }
});

describe('a plugin operator that throws in a branch the verdict does not need', () => {
  // json-rules-engine evaluates every condition of a group, so the throw fails the criterion even where
  // the other branch already decides (`any` with a holding branch, `all` with a failing one). Every mode
  // of both engines must say so; the compiled fast mode used to short-circuit and score it.
  const branchSet: CriteriaSet = {
    ...workedSet,
    id: 'branches',
    requires: { flaky: '^1.0.0' },
    totalPoints: 20,
    criteria: [
      {
        id: 'anyHolds',
        title: { vi: 'a', en: 'a' },
        group: 'other',
        maxPoints: 10,
        scoring: {
          type: 'pass',
          when: {
            any: [
              { fact: 'memberCount', operator: 'greaterThanInclusive', value: 0 },
              { fact: 'memberCount', operator: 'explodes', value: 1 },
            ],
          },
        },
      },
      {
        id: 'allFails',
        title: { vi: 'b', en: 'b' },
        group: 'other',
        maxPoints: 10,
        scoring: {
          type: 'pass',
          when: {
            all: [
              { fact: 'memberCount', operator: 'lessThan', value: 0 },
              { fact: 'memberCount', operator: 'explodes', value: 1 },
            ],
          },
        },
      },
    ],
  };
  for (const engine of ['compiled', 'reference'] as const) {
    for (const explain of [false, true]) {
      it(`fails the criterion (${engine}, ${explain ? 'explain' : 'fast'} mode)`, async () => {
        const r = await evaluate(worked, branchSet, { period: '2025', engine, explain, registry, rollup: false });
        for (const s of r.subjects) {
          for (const c of s.criteria) {
            expect(c.status).toBe('error');
            expect(c.error).toEqual({
              code: 'CRITERION_FAILED',
              message: 'operator "explodes" (plugin "flaky") threw: operator exploded',
              plugin: 'flaky',
            });
          }
        }
      });
    }
  }
});

describe('a plugin fact whose object throws when a path reads it', () => {
  // 40 subjects, so that explain mode memoises (it reads every subject's values into columns first).
  const dataset: Dataset = {
    orgUnits: [
      { id: 'C', name: 'C', level: 'commune' },
      ...Array.from({ length: 40 }, (_, i) => ({ id: `V${i}`, name: `V${i}`, level: 'village', parentId: 'C' })),
    ],
    teams: Array.from({ length: 40 }, (_, i) => ({
      id: `T${String(i).padStart(2, '0')}`,
      orgUnitId: `V${i}`,
      level: 'village',
      establishedOn: '2024-01-01',
      members: [{ id: `m${i}`, role: 'leader' as const }],
    })),
  };
  const touchy = definePlugin({
    name: 'touchy',
    version: '1.0.0',
    core: '^1',
    facts: [
      defineFact({
        id: 'touchy',
        type: 'object',
        subjects: ['team'],
        label: { vi: 't', en: 't' },
        // Throws for teams T03, T13, T23 and T33 only.
        compute: (ctx) => ({
          get a(): number {
            if (ctx.subject.id.endsWith('3')) throw new Error('getter exploded');
            return 2;
          },
        }),
      }),
    ],
  });
  const touchySet: CriteriaSet = {
    ...workedSet,
    id: 'touchy-set',
    requires: { touchy: '^1.0.0' },
    parameters: {},
    totalPoints: 20,
    criteria: [
      {
        id: 'readsPath',
        title: { vi: 'a', en: 'a' },
        group: 'other',
        maxPoints: 10,
        scoring: { type: 'pass', when: { all: [{ fact: 'touchy', path: 'a', operator: 'greaterThanInclusive', value: 1 }] } },
      },
      {
        id: 'other',
        title: { vi: 'b', en: 'b' },
        group: 'other',
        maxPoints: 10,
        scoring: { type: 'pass', when: { all: [{ fact: 'memberCount', operator: 'greaterThanInclusive', value: 1 }] } },
      },
    ],
  };
  for (const engine of ['compiled', 'reference'] as const) {
    for (const explain of [false, true]) {
      it(`fails that criterion for those subjects only (${engine}, ${explain ? 'explain' : 'fast'} mode)`, async () => {
        const r = await evaluate(dataset, touchySet, { period: '2025', engine, explain, registry: createRegistry([touchy]), rollup: false });
        expect(r.subjects).toHaveLength(40);
        for (const s of r.subjects) {
          const [readsPath, other] = s.criteria;
          expect(other!.status).toBe('passed');
          expect(readsPath!.status).toBe(s.subject.id.endsWith('3') ? 'error' : 'passed');
        }
        expect(r.subjects.find((s) => s.subject.id === 'T03')!.criteria[0]!.error).toMatchObject({
          code: 'CRITERION_FAILED',
          message: expect.stringContaining('getter exploded'),
        });
      });
    }
  }
});
