import type { FactIndex } from '../../plugin/fact-index.js';
import { AreaIndex } from './indicators.js';

/**
 * The dataset indexed once for one evaluation (period + evaluation date): lookups by id, children by
 * parent, reports grouped by team, indicators by unit, and memoised aggregates. Facts read it; they never
 * scan the raw arrays. Tolerates integrity errors (first record of a duplicate id wins; cycles are cut).
 */
export class DatasetIndex extends AreaIndex implements FactIndex {}
