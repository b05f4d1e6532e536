/**
 * @cnscd/example-plugin — an example cnscd plugin, and the reference for writing one (see docs/plugins.md).
 *
 * It adds Hue-S metrics and an adoption ratio, the facts `digitalHouseholdShare` and `newMembers`, the
 * operator `withinPercentOf` and the scorer `logistic`; its `presets/digital-family` criteria set uses all
 * of them but `newMembers`.
 *
 * @example
 * ```ts
 * import { createRegistry, evaluate } from '@cnscd/core';
 * import examplePlugin from '@cnscd/example-plugin';
 *
 * const registry = createRegistry([examplePlugin]);
 * const result = await evaluate(dataset, digitalFamilyPreset, { period: '2025-01..2025-12', registry });
 * ```
 * @packageDocumentation
 */
import { definePlugin } from '@cnscd/core';
import { digitalHouseholdShare } from './digital-household-share.js';
import { logistic } from './logistic.js';
import { hueSAccounts, hueSAdoption, hueSResidents } from './metrics.js';
import { newMembers } from './new-members.js';
import { withinPercentOf } from './within-percent-of.js';

// ── definitions, for reuse and tests ─────────────────────────────────────────
export { hueSAccounts, hueSAdoption, hueSResidents } from './metrics.js';
export { digitalHouseholdShare } from './digital-household-share.js';
export { joinedInPeriod, newMembers } from './new-members.js';
export { parseTolerance, withinPercentOf } from './within-percent-of.js';
export { logistic, logisticFraction, logisticOptionsSchema } from './logistic.js';

// ── the plugin ───────────────────────────────────────────────────────────────
/**
 * The plugin, as the default export (what `cnscd serve --plugin` and `createRegistry` take). Its `version`
 * is the one a criteria set's `requires` is matched against; `core` is the range of @cnscd/core it
 * works with.
 *
 * @example
 * ```ts
 * import { createRegistry } from '@cnscd/core';
 * import examplePlugin from '@cnscd/example-plugin';
 * const registry = createRegistry([examplePlugin]);
 * registry.pluginVersion('@cnscd/example-plugin'); // '1.0.0'
 * ```
 */
const examplePlugin = definePlugin({
  name: '@cnscd/example-plugin',
  version: '1.0.0',
  core: '^1',
  metrics: [hueSAccounts, hueSResidents],
  ratios: [hueSAdoption],
  facts: [digitalHouseholdShare, newMembers],
  operators: [withinPercentOf],
  scorers: [logistic],
});

export default examplePlugin;
