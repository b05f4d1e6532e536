import { CORE_FACTS } from '../evaluate/facts.js';
import { CORE_OPERATORS } from '../evaluate/operators.js';
import { CORE_SCORERS } from '../evaluate/scorers.js';
import { BUILTIN_METRICS, BUILTIN_RATIOS } from '../model/catalog.js';
import { CORE_VERSION } from '../version.js';
import { definePlugin } from './define.js';

/**
 * The core's own facts, operators, scorers, metrics and ratios, registered through the same SDK as any
 * plugin (the core dogfoods it). Always first in a registry.
 */
export const corePlugin = definePlugin({
  name: '@cnscd/core',
  version: CORE_VERSION,
  core: `^${CORE_VERSION.split('.')[0]}`,
  facts: CORE_FACTS,
  operators: CORE_OPERATORS,
  scorers: CORE_SCORERS,
  metrics: BUILTIN_METRICS,
  ratios: BUILTIN_RATIOS,
});

/** The core's own operator value schemas and scorer options schemas, by the name of their precompiled validator. */
export function coreSchemaRoots(): Record<string, object> {
  const roots: Record<string, object> = {};
  for (const o of corePlugin.operators ?? []) if (o.valueSchema !== undefined) roots[`operator_${o.id}`] = o.valueSchema;
  for (const s of corePlugin.scorers ?? []) roots[`scorer_${s.id}`] = s.optionsSchema;
  return roots;
}
