/**
 * The dataset index that facts and roll-ups read, one evaluation (period + evaluation date) at a time.
 * It lives in `./index/`, one file per stage, each a layer of the class that the next one extends:
 *
 * - `shapes.ts`: how fact objects are built (literals for the built-in catalog), small number helpers
 * - `catalog.ts`: {@link MetricCatalog}, the metrics and ratios an evaluation knows, by slot
 * - `groups.ts`: grouping by slot (counting sorts) and small shared helpers
 * - `build.ts`: the index's state and its constructor; slot lookups
 * - `units.ts`: units valid on the date, children, roots, descendants, placement
 * - `teams.ts`: teams by unit, members, expected months
 * - `sweep.ts`: most teams' activity in one pass over all reports
 * - `reports.ts`: a team's activity (team by team where the sweep cannot), tasks
 * - `indicators.ts`: area metrics and coverage
 * - `dataset-index.ts`: {@link DatasetIndex}, the finished class
 */
export { MetricCatalog } from './index/catalog.js';
export { DatasetIndex } from './index/dataset-index.js';
export type { TeamActivity } from '../plugin/fact-index.js';
export { indicatorMonth } from './index/groups.js';
