import { defineFact, type FactIndex, type Team } from '@cnscd/core';

/**
 * Members of the teams who joined during the period and are still active on the evaluation date. A
 * plugin reads the dataset through `FactIndex` (`ctx.index`), the interface the core keeps stable for
 * plugins; typing a helper against it, as here, lets the helper be tested with any object that has
 * those members.
 *
 * @example
 * ```ts
 * joinedInPeriod(ctx.index, ctx.index.teamsInSubtree('commune-1')); // 3
 * ```
 */
export function joinedInPeriod(index: FactIndex, teams: readonly Team[]): number {
  const from = `${index.period.from}-01`;
  let n = 0;
  for (const t of teams) {
    for (const m of index.activeMembers(t)) if (m.joinedOn !== undefined && m.joinedOn >= from) n += 1;
  }
  return n;
}

/**
 * `newMembers`: how many members joined the team (for an org unit: the teams active in it and below it)
 * during the period and are still active on the evaluation date. Members without a `joinedOn` date are
 * not counted: nothing says they are new.
 *
 * @example
 * ```json
 * { "fact": "newMembers", "operator": "greaterThanInclusive", "value": 2 }
 * ```
 */
export const newMembers = defineFact({
  id: 'newMembers',
  type: 'number',
  unit: 'members',
  subjects: ['team', 'orgUnit'],
  label: { vi: 'Thành viên mới gia nhập trong kỳ', en: 'Members who joined during the period' },
  compute: (ctx): number => joinedInPeriod(ctx.index, ctx.subject.kind === 'team' ? [ctx.subject.team] : ctx.index.teamsInSubtree(ctx.subject.id)),
});
