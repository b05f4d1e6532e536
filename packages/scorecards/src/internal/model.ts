/**
 * What both renderers need from a result: levels with labels, the unit tree, rating tiers in order,
 * which teams get a card.
 */
import {
  DEFAULT_LEVELS,
  levelLabel as coreLevelLabel,
  type EvaluationResult,
  type LocalizedText,
  type RollupUnit,
  type SubjectResult,
} from '@cnscd/core';
import type { ScorecardOptions } from '../options.js';
import { pick, type Lang } from './text.js';

/** A rating tier as shown: id, label, colour. */
export interface Tier {
  readonly id: string;
  readonly label: LocalizedText;
  readonly color: string;
  /** Its colour as a class (`c0`…), for pages that allow no inline style attributes. */
  readonly cls: string;
}

/** Best tier first: green to red, then grey for more. */
export const TIER_COLORS = ['#1a7f37', '#4c9a2a', '#d4a72c', '#e36209', '#cf222e', '#8250df', '#6e7781'];

export interface ScorecardModel {
  readonly lang: Lang;
  readonly result: EvaluationResult;
  /** Levels present in the roll-up, top first. */
  readonly levels: readonly string[];
  readonly levelLabel: (id: string) => string;
  /** The lowest level (villages), whose coverage the tables show. */
  readonly coverageLevel: string | undefined;
  readonly tiers: readonly Tier[];
  readonly units: ReadonlyMap<string, RollupUnit>;
  readonly children: ReadonlyMap<string, RollupUnit[]>;
  /** Teams (subjects) by the unit they serve. */
  readonly subjectsByUnit: ReadonlyMap<string, SubjectResult[]>;
  /** Anchor of a unit or subject (`u12`, `t5`): ids may hold any character, anchors must not. */
  readonly unitAnchor: ReadonlyMap<string, string>;
  readonly subjectAnchor: ReadonlyMap<SubjectResult, string>;
  /** Subjects that get a card (all of them in a small result, those under `unit` otherwise). */
  readonly carded: ReadonlySet<SubjectResult>;
  /** The `unit` option as given. */
  readonly unitId: string | undefined;
  /** The unit chosen with `unit`, when it exists. */
  readonly focus: RollupUnit | undefined;
  /** True when cards were left out because the result is too large and no unit was chosen. */
  readonly cardsOmitted: boolean;
}

/** Results with more subjects than this get cards only for a chosen unit. */
export const DEFAULT_MAX_CARDS = 5_000;

export function buildModel(result: EvaluationResult, options: ScorecardOptions): ScorecardModel {
  const lang = options.lang ?? 'vi';
  const units = new Map<string, RollupUnit>();
  const children = new Map<string, RollupUnit[]>();
  const unitAnchor = new Map<string, string>();
  const rollupUnits = result.rollup?.units ?? [];
  const seenLevels: string[] = [];
  rollupUnits.forEach((u, i) => {
    units.set(u.orgUnitId, u);
    unitAnchor.set(u.orgUnitId, `u${i}`);
    if (!seenLevels.includes(u.level)) seenLevels.push(u.level);
    if (u.parentId !== null) {
      const list = children.get(u.parentId) ?? [];
      list.push(u);
      children.set(u.parentId, list);
    }
  });
  const declared = (options.levels ?? DEFAULT_LEVELS).map((l) => l.id);
  const levels = [...seenLevels].sort((a, b) => rankOf(declared, a) - rankOf(declared, b));
  // The dataset's own labels, else the hierarchy in force on the evaluation date (core's levelLabel).
  const levelLabel = (id: string): string => {
    const label = coreLevelLabel(id, result.asOf, options.levels);
    return label === undefined ? id : pick(label, lang);
  };

  const subjectsByUnit = new Map<string, SubjectResult[]>();
  const subjectAnchor = new Map<SubjectResult, string>();
  result.subjects.forEach((s, i) => {
    subjectAnchor.set(s, `t${i}`);
    const list = subjectsByUnit.get(s.subject.orgUnitId) ?? [];
    list.push(s);
    subjectsByUnit.set(s.subject.orgUnitId, list);
  });

  const focus = options.unit === undefined ? undefined : units.get(options.unit);
  const maxCards = options.maxTeamCards ?? DEFAULT_MAX_CARDS;
  let carded: Set<SubjectResult>;
  let cardsOmitted = false;
  if (options.unit !== undefined) {
    const inside = new Set<string>([options.unit]);
    if (focus !== undefined) for (const u of descendants(focus.orgUnitId, children)) inside.add(u.orgUnitId);
    carded = new Set(result.subjects.filter((s) => inside.has(s.subject.orgUnitId) || s.subject.id === options.unit));
  } else if (result.subjects.length <= maxCards) {
    carded = new Set(result.subjects);
  } else {
    carded = new Set();
    cardsOmitted = true;
  }

  return {
    lang,
    result,
    levels,
    levelLabel,
    coverageLevel: levels[levels.length - 1],
    tiers: tiersOf(result, options),
    units,
    children,
    subjectsByUnit,
    unitAnchor,
    subjectAnchor,
    carded,
    unitId: options.unit,
    focus,
    cardsOmitted,
  };
}

function rankOf(order: readonly string[], id: string): number {
  const i = order.indexOf(id);
  return i === -1 ? order.length : i;
}

/** Every unit below `id`, depth first. */
export function descendants(id: string, children: ReadonlyMap<string, RollupUnit[]>): RollupUnit[] {
  const out: RollupUnit[] = [];
  const stack = [...(children.get(id) ?? [])].reverse();
  while (stack.length > 0) {
    const u = stack.pop()!;
    out.push(u);
    const c = children.get(u.orgUnitId);
    if (c !== undefined) for (let i = c.length - 1; i >= 0; i--) stack.push(c[i]!);
  }
  return out;
}

/** Tiers best first: as the options give them, else by the best percent seen in each. */
function tiersOf(result: EvaluationResult, options: ScorecardOptions): Tier[] {
  if (options.ratings !== undefined) {
    return [...options.ratings]
      .sort((a, b) => b.minPercent - a.minPercent)
      .map((t, i) => ({
        id: t.id,
        label: t.label,
        color: TIER_COLORS[Math.min(i, TIER_COLORS.length - 1)]!,
        cls: `c${Math.min(i, TIER_COLORS.length - 1)}`,
      }));
  }
  const seen = new Map<string, { label: LocalizedText; best: number }>();
  for (const s of result.subjects) {
    if (s.rating === null) continue;
    const t = seen.get(s.rating.id);
    if (t === undefined) seen.set(s.rating.id, { label: s.rating.label, best: s.percent });
    else if (s.percent > t.best) t.best = s.percent;
  }
  for (const id of Object.keys(result.summary.ratings)) if (!seen.has(id)) seen.set(id, { label: { vi: id, en: id }, best: -1 });
  return [...seen.entries()]
    .sort((a, b) => b[1].best - a[1].best)
    .map(([id, t], i) => ({
      id,
      label: t.label,
      color: TIER_COLORS[Math.min(i, TIER_COLORS.length - 1)]!,
      cls: `c${Math.min(i, TIER_COLORS.length - 1)}`,
    }));
}

/** Units of a level, best mean percent first (unscored last), then by name. */
export function rankedUnits(model: ScorecardModel, level: string): RollupUnit[] {
  const list = (model.result.rollup?.units ?? []).filter((u) => u.level === level);
  return list.sort((a, b) => (b.meanPercent ?? -1) - (a.meanPercent ?? -1) || a.name.localeCompare(b.name, 'vi'));
}
