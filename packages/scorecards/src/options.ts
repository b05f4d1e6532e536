import type { LevelDefinition, LocalizedText, SourceDocument } from '@cnscd/core';
import type { Lang } from './internal/text.js';

/**
 * Options of {@link renderScorecardHtml} and {@link renderScorecardXlsx}.
 *
 * @example
 * ```ts
 * const options: ScorecardOptions = { lang: 'vi', unit: 'xa-a', preset: { sources: preset.sources } };
 * ```
 */
export interface ScorecardOptions {
  /** Default `vi`. */
  readonly lang?: Lang;
  /** What the result does not carry about its criteria set: description and the documents it is derived from. */
  readonly preset?: { readonly description?: LocalizedText | undefined; readonly sources?: readonly SourceDocument[] | undefined } | undefined;
  /** The dataset's levels (their labels); default core's DEFAULT_LEVELS. */
  readonly levels?: readonly LevelDefinition[];
  /** Rating tiers of the criteria set (to order and colour them); default: as the result shows them. */
  readonly ratings?: readonly { readonly id: string; readonly label: LocalizedText; readonly minPercent: number }[];
  /** Only this unit's teams get cards (and its drill-down); a national result needs one. */
  readonly unit?: string;
  /** Without `unit`, results with more teams than this get no team cards (default 5,000). */
  readonly maxTeamCards?: number;
  /** HTML: rows per level table before the rest is left to the workbook (default 500). */
  readonly maxRows?: number;
  /** HTML: when the page was written, shown in the footer (default: not shown, so output is reproducible). */
  readonly generatedAt?: string;
}

export type { Lang };
