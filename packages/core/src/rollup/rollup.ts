import { clean } from '../internal/numbers.js';
import type { RatingTier } from '../criteria/types.js';
import type { DatasetIndex } from '../evaluate/indexer.js';
import type { RollupResult, RollupUnit, SubjectResult } from '../evaluate/types.js';
import type { OrgUnit } from '../model/types.js';
import { reexpressArea } from './reexpress.js';
import { Unplaced } from './unplaced.js';
import { render } from '../messages/define.js';
import { lineageMessages } from '../messages/lineage.js';

type LevelCounts = Record<string, { total: number; withTeam: number }>;
type Coverage = Record<string, { numerator: number | null; denominator: number | null; rate: number | null }>;

/**
 * Roll subject results up the hierarchy as of the evaluation date. Every count is the sum of its
 * children's plus the unit's own (so a parent's `teams` equals its own teams plus its children's);
 * coverage rates are ratios of sums, never means of ratios; ranks compare siblings of the same level.
 * Units come out in hierarchy order (depth first, children by id).
 *
 * @example
 * ```ts
 * const { rollup } = await evaluate(dataset, set, { period: '2025' });
 * const communes = rollup!.units.filter((u) => u.level === 'commune');
 * console.table(communes.map((u) => ({ id: u.orgUnitId, mean: u.meanPercent, rank: u.rank })));
 * ```
 */
export function rollup(
  index: DatasetIndex,
  results: readonly SubjectResult[],
  tiers: readonly RatingTier[],
  levels?: readonly string[],
  placeOn: DatasetIndex = index,
): RollupResult {
  // `placeOn`: the index whose date places units and teams (rollupAsOf); `index` says which teams count
  // (active on the evaluation date) and holds their members.
  const unplaced = new Unplaced(placeOn.placement);
  // Every sum is kept by unit slot (the unit's position in hierarchy order) in typed arrays: one pass
  // for the units' own teams and results, one bottom-up pass that adds each unit's children in id
  // order (so floating-point sums add up in the same order as a recursive walk), then one literal per
  // unit with its final keys.
  const tree = hierarchy(placeOn);
  const { order, firstChild, nextSibling, slotOf } = tree;
  const n = order.length;

  // Rating ids: the tiers' (each once, in tier order; they are always shown), then any other id a
  // result carries (scoring only gives tier ids), shown where counted.
  const ratingIds: string[] = [];
  const ratingSlot = new Map<string, number>();
  for (const t of tiers) {
    if (!ratingSlot.has(t.id)) ratingSlot.set(t.id, ratingIds.push(t.id) - 1);
  }
  const tierCount = ratingIds.length;
  for (const r of results) {
    if (r.rating !== null && !ratingSlot.has(r.rating.id)) ratingSlot.set(r.rating.id, ratingIds.push(r.rating.id) - 1);
  }
  const nr = ratingIds.length;

  const teams = new Int32Array(n);
  const members = new Int32Array(n);
  const scored = new Int32Array(n);
  const sumScore = new Float64Array(n);
  const sumPercent = new Float64Array(n);
  const ratings = new Int32Array(n * nr);
  const lineage = placeOn.placement !== undefined;
  for (const t of index.teams.values()) {
    if (!index.teamActive(t)) continue;
    const id = lineage ? placeOn.countedUnitId(t) : t.orgUnitId;
    const s = id === undefined ? undefined : slotOf.get(id);
    if (s === undefined) {
      const at = lineage ? placeOn.unplacedAt(t) : undefined;
      if (at !== undefined) unplaced.team(at, t, index.activeMembers(t).length);
      continue;
    }
    teams[s] = teams[s]! + 1;
    members[s] = members[s]! + index.activeMembers(t).length;
  }
  for (const r of results) {
    let s: number | undefined;
    if (!lineage) s = slotOf.get(r.subject.orgUnitId);
    else {
      const team = r.subject.kind === 'team' ? index.teams.get(r.subject.id) : undefined;
      const id = team === undefined ? r.subject.orgUnitId : placeOn.countedUnitId(team);
      s = id === undefined ? undefined : slotOf.get(id);
      if (s === undefined) {
        const at = team === undefined ? placeOn.unitUnplacedAt(r.subject.orgUnitId) : placeOn.unplacedAt(team);
        if (at !== undefined) unplaced.result(at, r);
      }
    }
    if (s === undefined) continue;
    scored[s] = scored[s]! + 1;
    sumScore[s] = sumScore[s]! + r.score;
    sumPercent[s] = sumPercent[s]! + r.percent;
    if (r.rating !== null) {
      const k = s * nr + ratingSlot.get(r.rating.id)!;
      ratings[k] = ratings[k]! + 1;
    }
  }

  // Bottom-up: children come after their parent in hierarchy order.
  const below = new LevelTally(n, tree.levelNames);
  for (let i = n - 1; i >= 0; i--) {
    below.open(i);
    for (let c = firstChild[i]!; c >= 0; c = nextSibling[c]!) {
      teams[i] = teams[i]! + teams[c]!;
      members[i] = members[i]! + members[c]!;
      scored[i] = scored[i]! + scored[c]!;
      sumScore[i] = sumScore[i]! + sumScore[c]!;
      sumPercent[i] = sumPercent[i]! + sumPercent[c]!;
      for (let k = 0; k < nr; k++) ratings[i * nr + k] = ratings[i * nr + k]! + ratings[c * nr + k]!;
      below.addChild(c, tree.levelOf[c]!, teams[c]! > 0);
    }
    below.close(i);
  }

  // Re-expressed on another date, area figures move along the units' successors (rollup/reexpress.ts).
  const moved = placeOn === index ? undefined : reexpressArea(index, placeOn, tree);

  const meanPercent = new Float64Array(n);
  for (let i = 0; i < n; i++) if (scored[i]! > 0) meanPercent[i] = clean(sumPercent[i]! / scored[i]!);
  const { rank, rankOf } = rankSiblings(tree, scored, meanPercent);

  const keep = levels === undefined ? undefined : new Set(levels);
  const ratios = [...index.ratios.values()];
  const units: RollupUnit[] = [];
  for (let i = 0; i < n; i++) {
    const u = order[i]!;
    if (keep !== undefined && !keep.has(u.level)) continue;
    const ratingCounts: Record<string, number> = {};
    for (let k = 0; k < nr; k++) {
      const v = ratings[i * nr + k]!;
      if (k < tierCount || v > 0) ratingCounts[ratingIds[k]!] = v;
    }
    const area = moved === undefined ? index.area(u.id) : moved.area[i]!;
    const coverage: Coverage = {};
    for (const r of ratios) {
      const num = area[r.numerator];
      const den = area[r.denominator];
      // A figure that cannot be split without a share is not shown: `notComparable` says why.
      const unsplit = moved !== undefined && (moved.isNotComparable(i, r.numerator) || moved.isNotComparable(i, r.denominator));
      if (unsplit) {
        coverage[r.id] = { numerator: null, denominator: null, rate: null };
        continue;
      }
      if (num === undefined && den === undefined) continue;
      coverage[r.id] = {
        numerator: num ?? null,
        denominator: den ?? null,
        rate: num !== undefined && den !== undefined && den > 0 ? clean(num / den) : null,
      };
    }
    const s = scored[i]!;
    units.push({
      orgUnitId: u.id,
      name: u.name,
      level: u.level,
      parentId: tree.parentIdOf(i),
      teams: teams[i]!,
      members: members[i]!,
      units: below.record(i),
      scored: s,
      meanScore: s === 0 ? null : clean(sumScore[i]! / s),
      meanPercent: s === 0 ? null : meanPercent[i]!,
      ratings: ratingCounts,
      coverage,
      rank: rank[i] === 0 ? null : rank[i]!,
      rankOf: rankOf[i]!,
      ...(moved !== undefined && moved.notComparable[i] === 1 ? { notComparable: NOT_COMPARABLE } : {}),
    });
  }
  if (!lineage) return placeOn === index ? { units } : { units, asOf: placeOn.asOf };
  const entries = unplaced.entries(ratingIds, tierCount);
  return entries.length === 0 ? { units, asOf: placeOn.asOf } : { units, asOf: placeOn.asOf, unplaced: entries };
}

const NOT_COMPARABLE = render(lineageMessages, 'NOT_COMPARABLE', {});

/** The units valid on the evaluation date in hierarchy order (depth first, children by id), as slots. */
interface Hierarchy {
  readonly order: readonly OrgUnit[];
  readonly slotOf: ReadonlyMap<string, number>;
  /** Parent's slot, or -1 for a root. */
  readonly parent: Int32Array;
  /** First child's slot (children in id order have increasing slots), or -1. */
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
  /** Each unit's level as an index into {@link levelNames}. */
  readonly levelOf: Int32Array;
  readonly levelNames: readonly string[];
  /** The `parentId` a roll-up unit shows: the parent's id when it exists (valid or not), else null. */
  parentIdOf(slot: number): string | null;
}

function hierarchy(index: DatasetIndex): Hierarchy {
  const order: OrgUnit[] = [];
  const slotOf = new Map<string, number>();
  const size = index.units.size;
  const parent = new Int32Array(size);
  const levelOf = new Int32Array(size);
  const levelSlot = new Map<string, number>();
  const levelNames: string[] = [];
  // Depth first, iteratively. No unit is reached twice: `children` lists only units whose parent is the
  // unit, and a unit on a parent cycle has no root above it.
  const stack = index.roots().reverse();
  const stackParent: number[] = stack.map(() => -1);
  while (stack.length > 0) {
    const u = stack.pop()!;
    const p = stackParent.pop()!;
    const i = order.length;
    order.push(u);
    slotOf.set(u.id, i);
    parent[i] = p;
    let l = levelSlot.get(u.level);
    if (l === undefined) levelSlot.set(u.level, (l = levelNames.push(u.level) - 1));
    levelOf[i] = l;
    const kids = index.children(u.id);
    for (let k = kids.length - 1; k >= 0; k--) {
      stack.push(kids[k]!);
      stackParent.push(i);
    }
  }
  const n = order.length;
  const firstChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  for (let j = n - 1; j >= 0; j--) {
    const p = parent[j]!;
    if (p < 0) continue;
    nextSibling[j] = firstChild[p]!;
    firstChild[p] = j;
  }
  return {
    order,
    slotOf,
    parent,
    firstChild,
    nextSibling,
    levelOf,
    levelNames,
    parentIdOf(slot) {
      const p = parent[slot]!;
      if (p >= 0) return order[p]!.id;
      const u = order[slot]!;
      return u.parentId != null && u.parentId !== u.id && index.units.has(u.parentId) ? u.parentId : null;
    },
  };
}

/**
 * Competition ranks (1, 1, 3) by mean percent among units of the same level under the same parent (for
 * roots: the same `parentId`); 0 stands for null. `rankOf` counts the ranked units of the group.
 */
function rankSiblings(tree: Hierarchy, scored: Int32Array, meanPercent: Float64Array): { rank: Int32Array; rankOf: Int32Array } {
  const n = tree.order.length;
  const { parent, slotOf, levelOf } = tree;
  // Group by parent slot; roots by their parentId's text, numbered after the slots.
  const groupOf = new Int32Array(n);
  const rootGroups = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (parent[i]! >= 0) {
      groupOf[i] = parent[i]!;
      continue;
    }
    const key = tree.parentIdOf(i) ?? '';
    let g = slotOf.get(key) ?? rootGroups.get(key);
    if (g === undefined) rootGroups.set(key, (g = n + rootGroups.size));
    groupOf[i] = g;
  }
  // Counting sort by group (slot order within a group), then each group by level, ranked units first.
  const starts = new Int32Array(n + rootGroups.size + 1);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]! + 1;
    starts[g] = starts[g]! + 1;
  }
  for (let g = 1; g < starts.length; g++) starts[g] = starts[g]! + starts[g - 1]!;
  const members = new Int32Array(n);
  const fill = starts.slice(0, -1);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!;
    members[fill[g]!] = i;
    fill[g] = fill[g]! + 1;
  }
  const byLevelThenMean = (a: number, b: number): number =>
    levelOf[a]! - levelOf[b]! || (scored[b]! > 0 ? 1 : 0) - (scored[a]! > 0 ? 1 : 0) || meanPercent[b]! - meanPercent[a]!;
  const rank = new Int32Array(n);
  const rankOf = new Int32Array(n);
  for (let g = 0; g + 1 < starts.length; g++) {
    const from = starts[g]!;
    const to = starts[g + 1]!;
    if (to - from > 1) members.subarray(from, to).sort(byLevelThenMean);
    for (let runStart = from; runStart < to; ) {
      const level = levelOf[members[runStart]!]!;
      let runEnd = runStart;
      while (runEnd < to && levelOf[members[runEnd]!] === level) runEnd++;
      let ranked = 0;
      for (let k = runStart; k < runEnd; k++) {
        const u = members[k]!;
        if (scored[u] === 0) break;
        const prev = k > runStart ? members[k - 1]! : -1;
        rank[u] = prev >= 0 && meanPercent[prev] === meanPercent[u] ? rank[prev]! : k - runStart + 1;
        ranked += 1;
      }
      for (let k = runStart; k < runEnd; k++) rankOf[members[k]!] = ranked;
      runStart = runEnd;
    }
  }
  return { rank, rankOf };
}

/**
 * Units below each unit, per level: how many, and how many have a team in their subtree. A unit's
 * levels are listed in the order a merge of its children in id order (each child's own list, then the
 * child's level) first meets them, as a recursive walk would insert them; the entries live in one pool,
 * a slice per unit, so nothing is allocated per unit until its record is built.
 */
class LevelTally {
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  private readonly level: number[] = [];
  private readonly total: number[] = [];
  private readonly withTeam: number[] = [];
  /** Per level: the last unit that opened an entry for it, and where that entry is. */
  private readonly owner: Int32Array;
  private readonly at: Int32Array;
  private current = -1;

  constructor(
    units: number,
    private readonly names: readonly string[],
  ) {
    this.start = new Int32Array(units);
    this.end = new Int32Array(units);
    this.owner = new Int32Array(names.length).fill(-1);
    this.at = new Int32Array(names.length);
  }

  open(unit: number): void {
    this.current = unit;
    this.start[unit] = this.level.length;
  }

  /** Add a finished child of the open unit: the child's own entries, then the child itself. */
  addChild(child: number, childLevel: number, childHasTeam: boolean): void {
    for (let k = this.start[child]!, e = this.end[child]!; k < e; k++) this.add(this.level[k]!, this.total[k]!, this.withTeam[k]!);
    this.add(childLevel, 1, childHasTeam ? 1 : 0);
  }

  close(unit: number): void {
    this.end[unit] = this.level.length;
  }

  /** The unit's record, built once with its keys in order. */
  record(unit: number): LevelCounts {
    const out: LevelCounts = {};
    for (let k = this.start[unit]!, e = this.end[unit]!; k < e; k++)
      out[this.names[this.level[k]!]!] = { total: this.total[k]!, withTeam: this.withTeam[k]! };
    return out;
  }

  private add(level: number, total: number, withTeam: number): void {
    if (this.owner[level] === this.current) {
      const at = this.at[level]!;
      this.total[at] = this.total[at]! + total;
      this.withTeam[at] = this.withTeam[at]! + withTeam;
      return;
    }
    this.owner[level] = this.current;
    this.at[level] = this.level.length;
    this.level.push(level);
    this.total.push(total);
    this.withTeam.push(withTeam);
  }
}
