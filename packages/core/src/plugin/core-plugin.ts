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
