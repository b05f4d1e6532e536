/** Criteria-set validation moved to `criteria/validate/` (by step); this path keeps working for importers. */
export * from './validate/index.js';
