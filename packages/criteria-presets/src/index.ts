/**
 * @cnscd/criteria-presets — criteria sets derived from Vietnam's national and provincial plans for
 * Community Digital Technology Teams (Tổ công nghệ số cộng đồng), each with hand-worked golden cases.
 *
 * None of them is an official rubric: each names the documents it is derived from in `sources`.
 *
 * @example
 * ```ts
 * import { evaluate } from '@cnscd/core';
 * import { getPreset, resolveBase } from '@cnscd/criteria-presets';
 * const result = await evaluate(dataset, getPreset('national-2024'), { period: '2025', resolveBase });
 * ```
 * @packageDocumentation
 */

// ── registry: find, list and resolve presets ─────────────────────────────────
export {
  getPreset,
  listPresets,
  presetCases,
  presetInForce,
  presetMatches,
  presetSources,
  resolveBase,
  resolvePreset,
  selectPreset,
} from './registry.js';
export type { GetPresetOptions, PresetInfo } from './registry.js';

// ── "derived vs chosen": where each number of a preset comes from ────────────
export { checkSources, formatSourcesTable, numberPointers } from './sources.js';
export type { PresetSources, SourceOrigin, SourceRow, SourceRowFrom } from './sources.js';

// ── golden cases: the generic runner (used by the tests and `cnscd test`) ─────
export { compareResult, runCase } from './cases.js';
export type { CaseDiff, ExpectedCriterion, ExpectedSubject, GoldenCase, PresetCase, RunCaseOptions } from './cases.js';
