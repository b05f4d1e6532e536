/**
 * Type tests for the plugin contract of `ctx.index`: a fact reads the dataset through the `FactIndex`
 * interface, not through the class that implements it. Checked by `tsc --noEmit` (part of `npm test`);
 * every `@ts-expect-error` line must fail to compile, or tsc reports the directive as unused.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  DatasetIndex,
  defineFact,
  definePlugin,
  type FactContext,
  type FactIndex,
  type Member,
  type OrgUnit,
  type TeamActivity,
  type Team,
} from '../src/index.js';

/** A plugin's helper, written against the interface only, as a plugin package would write it. */
function joinedInPeriod(index: FactIndex, teams: readonly Team[]): number {
  const from = `${index.period.from}-01`;
  let n = 0;
  for (const t of teams) for (const m of index.activeMembers(t)) if (m.joinedOn !== undefined && m.joinedOn >= from) n += 1;
  return n;
}

describe('FactContext.index is the FactIndex interface', () => {
  it('is exactly FactIndex, not the class', () => {
    expectTypeOf<FactContext['index']>().toEqualTypeOf<FactIndex>();
    expectTypeOf<FactContext['index']>().not.toEqualTypeOf<DatasetIndex>();
  });

  it('a plugin written against the interface compiles', () => {
    const newMembers = defineFact({
      id: 'newMembersT',
      type: 'number',
      subjects: ['team', 'orgUnit'],
      label: { vi: 'Thành viên mới trong kỳ', en: 'New members in the period' },
      compute: (ctx) => joinedInPeriod(ctx.index, ctx.subject.kind === 'team' ? [ctx.subject.team] : ctx.index.teamsInSubtree(ctx.subject.id)),
    });
    const plugin = definePlugin({ name: 'p', version: '1.0.0', core: '^1', facts: [newMembers] });
    expectTypeOf(plugin.facts[0]!.compute).returns.toEqualTypeOf<number>();
  });

  it('offers units, teams, members, activity and area of the period, read-only', () => {
    expectTypeOf<FactIndex['period']['from']>().toEqualTypeOf<string>();
    expectTypeOf<FactIndex['asOf']>().toEqualTypeOf<string>();
    expectTypeOf<ReturnType<FactIndex['children']>>().toEqualTypeOf<readonly OrgUnit[]>();
    expectTypeOf<ReturnType<FactIndex['teamsInSubtree']>>().toEqualTypeOf<readonly Team[]>();
    expectTypeOf<ReturnType<FactIndex['activeMembers']>>().toEqualTypeOf<readonly Member[]>();
    expectTypeOf<ReturnType<FactIndex['teamActivity']>>().toEqualTypeOf<TeamActivity>();
    expectTypeOf<ReturnType<FactIndex['area']>>().toEqualTypeOf<Readonly<Record<string, number | undefined>>>();
    expectTypeOf<FactIndex['units']>().toEqualTypeOf<ReadonlyMap<string, OrgUnit>>();
  });

  it('hides how the index is built', () => {
    const read = (ix: FactIndex): unknown => {
      // @ts-expect-error placement is an implementation detail of the class
      ix.placement;
      // @ts-expect-error a plugin cannot reach the class through the interface
      const cls: DatasetIndex = ix;
      // @ts-expect-error what the interface returns is read-only
      ix.children('x').push(ix.units.get('x')!);
      return cls;
    };
    expectTypeOf(read).toBeFunction();
  });
});

describe('DatasetIndex: kept exported, deprecated, for 1.x source compatibility', () => {
  it('still constructs and still names a type', () => {
    expectTypeOf(DatasetIndex).toBeConstructibleWith(
      { schemaVersion: '1.0', orgUnits: [], teams: [] } as unknown as ConstructorParameters<typeof DatasetIndex>[0],
      { from: '2025-01', to: '2025-12' },
      '2025-12-31',
    );
    expectTypeOf<InstanceType<typeof DatasetIndex>>().toEqualTypeOf<DatasetIndex>();
  });

  it('implements the interface, so code that passed the class where a fact index is read keeps compiling', () => {
    expectTypeOf<DatasetIndex>().toExtend<FactIndex>();
  });
});
