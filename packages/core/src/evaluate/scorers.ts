import { defineScorer } from '../plugin/define.js';
import type { ScorerDefinition } from '../plugin/types.js';

/** Options of the core `linear` scorer. */
export interface LinearOptions {
  readonly fact: string;
  readonly path?: string;
  /** Value at which points start (0 points at or below). */
  readonly from: number;
  /** Value at which full points are reached. */
  readonly to: number;
}

/**
 * `linear`: 0 points at or below `from`, full points at or above `to`, linear in between
 * (`to` may be below `from` for "lower is better").
 */
export const linearScorer: ScorerDefinition<LinearOptions> = defineScorer({
  id: 'linear',
  label: { vi: 'Tuyến tính giữa hai mốc', en: 'Linear between two thresholds' },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['fact', 'from', 'to'],
    properties: {
      fact: { type: 'string', minLength: 1, maxLength: 64 },
      path: { type: 'string', maxLength: 200 },
      from: { type: 'number' },
      to: { type: 'number' },
    },
  },
  facts: (o) => [o.fact],
  score: (ctx) => {
    const { fact, path, from, to } = ctx.options;
    const v = ctx.fact(fact, path);
    if (typeof v !== 'number' || !Number.isFinite(v) || from === to) {
      return { points: 0, detail: { fact, actual: v ?? null } };
    }
    const t = Math.min(1, Math.max(0, (v - from) / (to - from)));
    return { points: t * ctx.maxPoints, detail: { fact, actual: v, from, to, fraction: t } };
  },
});

// biome-ignore lint/suspicious/noExplicitAny: a list of scorers with different option types
export const CORE_SCORERS: readonly ScorerDefinition<any>[] = [linearScorer];
