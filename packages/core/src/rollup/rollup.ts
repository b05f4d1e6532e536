import { clean } from '../internal/numbers.js';
import type { RatingTier } from '../criteria/types.js';
import type { DatasetIndex } from '../evaluate/indexer.js';
import type { RollupResult, RollupUnit, SubjectResult } from '../evaluate/types.js';
import type { OrgUnit } from '../model/types.js';

interface Acc {
  teams: number;
  members: number;
  scored: number;
  sumScore: number;
  sumPercent: number;
  ratings: Record<string, number>;
  units: Record<string, { total: number; withTeam: number }>;
}

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
): RollupResult {
  // Depth-first order, iteratively; cycles are cut by `seen`.
  const order: OrgUnit[] = [];
  const seen = new Set<string>();
  const stack = [...index.roots()].reverse();
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (seen.has(u.id)) continue;
    seen.add(u.id);
    order.push(u);
    const kids = index.children(u.id);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }

  const byUnit = new Map<string, SubjectResult[]>();
  for (const r of results) {
    const list = byUnit.get(r.subject.orgUnitId);
    if (list === undefined) byUnit.set(r.subject.orgUnitId, [r]);
    else list.push(r);
  }

  const acc = new Map<string, Acc>();
  for (let i = order.length - 1; i >= 0; i--) {
    const u = order[i]!;
    const a: Acc = { teams: 0, members: 0, scored: 0, sumScore: 0, sumPercent: 0, ratings: {}, units: {} };
    for (const t of tiers) a.ratings[t.id] = 0;
    for (const t of index.teamsAt(u.id)) {
      a.teams += 1;
      a.members += index.activeMembers(t).length;
    }
    for (const r of byUnit.get(u.id) ?? []) {
      a.scored += 1;
      a.sumScore += r.score;
      a.sumPercent += r.percent;
      if (r.rating !== null) a.ratings[r.rating.id] = (a.ratings[r.rating.id] ?? 0) + 1;
    }
    for (const c of index.children(u.id)) {
      const ca = acc.get(c.id);
      if (ca === undefined) continue; // a child reached through a cycle
      a.teams += ca.teams;
      a.members += ca.members;
      a.scored += ca.scored;
      a.sumScore += ca.sumScore;
      a.sumPercent += ca.sumPercent;
      for (const [k, v] of Object.entries(ca.ratings)) a.ratings[k] = (a.ratings[k] ?? 0) + v;
      for (const [lvl, v] of Object.entries(ca.units)) {
        const mine = (a.units[lvl] ??= { total: 0, withTeam: 0 });
        mine.total += v.total;
        mine.withTeam += v.withTeam;
      }
      const own = (a.units[c.level] ??= { total: 0, withTeam: 0 });
      own.total += 1;
      if (ca.teams > 0) own.withTeam += 1;
    }
    acc.set(u.id, a);
  }

  const round = clean;
  const units: RollupUnit[] = order.map((u) => {
    const a = acc.get(u.id)!;
    const area = index.area(u.id);
    const coverage: Record<string, { numerator: number | null; denominator: number | null; rate: number | null }> = {};
    for (const r of index.ratios.values()) {
      const n = area[r.numerator];
      const d = area[r.denominator];
      if (n === undefined && d === undefined) continue;
      coverage[r.id] = { numerator: n ?? null, denominator: d ?? null, rate: n !== undefined && d !== undefined && d > 0 ? round(n / d) : null };
    }
    const parent = u.parentId != null && u.parentId !== u.id && index.units.has(u.parentId) ? u.parentId : null;
    return {
      orgUnitId: u.id,
      name: u.name,
      level: u.level,
      parentId: parent,
      teams: a.teams,
      members: a.members,
      units: a.units,
      scored: a.scored,
      meanScore: a.scored === 0 ? null : round(a.sumScore / a.scored),
      meanPercent: a.scored === 0 ? null : round(a.sumPercent / a.scored),
      ratings: a.ratings,
      coverage,
      rank: null,
      rankOf: 0,
    };
  });

  // Rank siblings of the same level by mean percent (competition ranking: 1, 1, 3).
  const groups = new Map<string, RollupUnit[]>();
  for (const u of units) {
    const key = `${u.parentId ?? ''}\u0000${u.level}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [u]);
    else g.push(u);
  }
  const ranked = new Map<string, { rank: number | null; rankOf: number }>();
  for (const g of groups.values()) {
    const scored = g.filter((u) => u.meanPercent !== null).sort((x, y) => y.meanPercent! - x.meanPercent!);
    scored.forEach((u, i) => {
      const prev = scored[i - 1];
      const rank = prev !== undefined && prev.meanPercent === u.meanPercent ? ranked.get(prev.orgUnitId)!.rank! : i + 1;
      ranked.set(u.orgUnitId, { rank, rankOf: scored.length });
    });
    for (const u of g) if (!ranked.has(u.orgUnitId)) ranked.set(u.orgUnitId, { rank: null, rankOf: scored.length });
  }
  const keep = levels === undefined ? undefined : new Set(levels);
  return {
    units: units
      .filter((u) => keep === undefined || keep.has(u.level))
      .map((u) => {
        const r = ranked.get(u.orgUnitId)!;
        // Assign in place: `{...u, ...r}` copies 15 keys through V8's slow path for every unit.
        (u as { rank: number | null }).rank = r.rank;
        (u as { rankOf: number }).rankOf = r.rankOf;
        return u;
      }),
  };
}
