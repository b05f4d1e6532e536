import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { FactDefinition, OperatorDefinition, Plugin, ScorerDefinition } from './types.js';
import type { MetricDefinition, RatioDefinition } from '../model/types.js';

/**
 * Identity helper for a plugin: returns its argument, typed. Exists for type inference and editor help.
 *
 * @example
 * ```ts
 * export default definePlugin({
 *   name: 'hue-s', version: '1.0.0', core: '^1',
 *   metrics: [defineMetric({ id: 'hueSAccounts', kind: 'activity', unit: 'accounts', overTime: 'sum',
 *     upHierarchy: 'sum', task: 'localPlatforms', label: { vi: 'Tài khoản Hue-S', en: 'Hue-S accounts' } })],
 * });
 * ```
 */
export function definePlugin<const P extends Plugin>(plugin: P): P {
  return plugin;
}

/** Identity helper for a fact definition; the value type is inferred from `compute`. */
export function defineFact<V>(fact: FactDefinition<V>): FactDefinition<V> {
  return fact;
}

/** Identity helper for an operator definition. */
export function defineOperator(operator: OperatorDefinition): OperatorDefinition {
  return operator;
}

/**
 * Identity helper for a scorer definition. The options type is inferred from `optionsSchema` (declare the
 * schema inline; it is read `as const`), so `ctx.options` is typed in `score`. Schema `default`s are not
 * applied to options, so a defaulted property that is not `required` stays optional in the type.
 *
 * @example
 * ```ts
 * const logistic = defineScorer({
 *   id: 'logistic', label: { vi: 'Hàm logistic', en: 'Logistic curve' },
 *   optionsSchema: { type: 'object', required: ['fact', 'midpoint'], additionalProperties: false,
 *     properties: { fact: { type: 'string' }, midpoint: { type: 'number' } } },
 *   facts: (o) => [o.fact],
 *   score: ({ options, fact, maxPoints }) => {
 *     const v = fact(options.fact); // options: { fact: string; midpoint: number }
 *     return typeof v === 'number' ? maxPoints / (1 + Math.exp(options.midpoint - v)) : 0;
 *   },
 * });
 * ```
 */
export function defineScorer<const S extends JSONSchema & object, O = FromSchema<S, { keepDefaultedPropertiesOptional: true }>>(
  scorer: Omit<ScorerDefinition<O>, 'optionsSchema'> & { readonly optionsSchema: S },
): ScorerDefinition<O> {
  return scorer as ScorerDefinition<O>;
}

/** Identity helper for a metric definition. */
export function defineMetric(metric: MetricDefinition): MetricDefinition {
  return metric;
}

/** Identity helper for a coverage-ratio definition. */
export function defineRatio(ratio: RatioDefinition): RatioDefinition {
  return ratio;
}
