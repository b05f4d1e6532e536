/**
 * createRegistry: it fails fast, with a stable code, on any plugin that cannot be used — a clash of
 * names, an unsupported core, a missing or circular dependency, a malformed definition — and the core
 * registers its own definitions through the same SDK. Then, at evaluation, a plugin fact that breaks
 * the dependsOn contract becomes an `error` criterion, never a crash.
 */
import { describe, expect, it } from 'vitest';
import {
  CORE_VERSION,
  CnscdError,
  corePlugin,
  coreRegistry,
  createRegistry,
  defineFact,
  defineMetric,
  defineOperator,
  definePlugin,
  defineRatio,
  defineScorer,
  evaluate,
  type CriteriaSet,
  type Dataset,
  type ErrorCode,
  type Plugin,
} from '../src/index.js';

const label = { vi: 'nhãn', en: 'label' } as const;
const plugin = (name: string, rest: Partial<Plugin> = {}): Plugin => ({ name, version: '1.0.0', core: '^1', ...rest });
const fact = (id: string, deps: readonly string[] = [], metrics?: readonly string[]) =>
  defineFact({
    id,
    type: 'number',
    subjects: ['team'],
    label,
    ...(deps.length > 0 || metrics !== undefined ? { dependsOn: { facts: deps, ...(metrics === undefined ? {} : { metrics }) } } : {}),
    compute: () => 1,
  });
const op = (id: string) => defineOperator({ id, label, evaluate: () => true });

/** Asserts createRegistry throws a CnscdError with this code, and returns it for more checks. */
function rejects(plugins: readonly Plugin[], code: ErrorCode): CnscdError {
  let caught: unknown;
  try {
    createRegistry(plugins);
  } catch (e) {
    caught = e;
  }
  expect(caught, `createRegistry should throw ${code}`).toBeInstanceOf(CnscdError);
  const err = caught as CnscdError;
  expect(err.code).toBe(code);
  expect(err.httpStatus).toBe(500);
  return err;
}

describe('name clashes → PLUGIN_NAME_CLASH', () => {
  it('a plugin fact named like a core fact', () => {
    const err = rejects([plugin('dup-fact', { facts: [fact('memberCount')] })], 'PLUGIN_NAME_CLASH');
    expect(err.message).toBe('Plugin "dup-fact" defines fact "memberCount", already defined by "@cnscd/core".');
  });

  it('a plugin operator, scorer, metric or ratio named like the core’s', () => {
    rejects([plugin('p', { operators: [op('between')] })], 'PLUGIN_NAME_CLASH');
    rejects(
      [plugin('p', { scorers: [defineScorer({ id: 'linear', label, optionsSchema: { type: 'object' }, score: () => 0 })] })],
      'PLUGIN_NAME_CLASH',
    );
    rejects(
      [plugin('p', { metrics: [defineMetric({ id: 'households', kind: 'area', unit: 'x', overTime: 'last', upHierarchy: 'sum', label })] })],
      'PLUGIN_NAME_CLASH',
    );
    rejects(
      [plugin('p', { ratios: [defineRatio({ id: 'smartphone', numerator: 'adults', denominator: 'population', label })] })],
      'PLUGIN_NAME_CLASH',
    );
  });

  it('two plugins defining the same operator, naming both', () => {
    const err = rejects([plugin('first', { operators: [op('near')] }), plugin('second', { operators: [op('near')] })], 'PLUGIN_NAME_CLASH');
    expect(err.message).toBe('Plugin "second" defines operator "near", already defined by "first".');
  });

  it('one plugin defining the same id twice', () => {
    rejects([plugin('twice', { facts: [fact('f'), fact('f')] })], 'PLUGIN_NAME_CLASH');
  });

  it('the same plugin loaded twice (even the same object)', () => {
    const p = plugin('once', { facts: [fact('onceFact')] });
    expect(rejects([p, p], 'PLUGIN_NAME_CLASH').message).toBe('Plugin "once" is loaded twice.');
    rejects([p, { ...p, version: '2.0.0', facts: [] }], 'PLUGIN_NAME_CLASH');
    rejects([plugin('@cnscd/core')], 'PLUGIN_NAME_CLASH');
  });

  it('the same id in different kinds is fine (a fact and an operator may share a name)', () => {
    expect(() => createRegistry([plugin('mixed', { facts: [fact('near')], operators: [op('near')] })])).not.toThrow();
  });
});

describe('core version → PLUGIN_INCOMPATIBLE_CORE', () => {
  it('rejects a plugin for another major version of the core', () => {
    const err = rejects([plugin('future', { version: '3.1.0', core: '^2' })], 'PLUGIN_INCOMPATIBLE_CORE');
    expect(err.message).toBe(`Plugin "future@3.1.0" needs @cnscd/core ^2, but this is ${CORE_VERSION}.`);
    rejects([plugin('old', { core: '<1' })], 'PLUGIN_INCOMPATIBLE_CORE');
    rejects([plugin('too-new', { core: `>${CORE_VERSION}` })], 'PLUGIN_INCOMPATIBLE_CORE');
  });

  it('accepts ranges this core satisfies', () => {
    for (const core of ['^1', '1.x', `>=${CORE_VERSION}`, `^${CORE_VERSION}`, '*']) {
      expect(() => createRegistry([plugin('fits', { core })]), core).not.toThrow();
    }
  });
});

describe('dependencies → PLUGIN_DEPENDENCY', () => {
  it('a fact depending on an unknown fact', () => {
    const err = rejects([plugin('p', { facts: [fact('share', ['households'])] })], 'PLUGIN_DEPENDENCY');
    // `households` is a metric (read it through the `area` fact), not a fact.
    expect(err.message).toBe('Plugin "p": fact "share" depends on unknown fact "households".');
  });

  it('a fact depending on an unknown metric', () => {
    const err = rejects([plugin('p', { facts: [fact('perAccount', ['activity'], ['hueSAccounts'])] })], 'PLUGIN_DEPENDENCY');
    expect(err.message).toBe('Plugin "p": fact "perAccount" depends on unknown metric "hueSAccounts".');
  });

  it('a metric the same plugin defines satisfies the dependency', () => {
    const hueS = defineMetric({
      id: 'hueSAccounts',
      kind: 'activity',
      task: 'localPlatforms',
      unit: 'accounts',
      overTime: 'sum',
      upHierarchy: 'sum',
      label,
    });
    expect(() => createRegistry([plugin('p', { metrics: [hueS], facts: [fact('perAccount', ['activity'], ['hueSAccounts'])] })])).not.toThrow();
  });

  it('a ratio over an unknown metric', () => {
    const err = rejects(
      [plugin('p', { ratios: [defineRatio({ id: 'adoption', numerator: 'hueSResidents', denominator: 'population', label })] })],
      'PLUGIN_DEPENDENCY',
    );
    expect(err.message).toBe('Plugin "p": ratio "adoption" uses unknown metric "hueSResidents".');
  });

  it('a cycle between two plugin facts, named in the message', () => {
    const err = rejects([plugin('loop', { facts: [fact('a', ['b']), fact('b', ['a'])] })], 'PLUGIN_DEPENDENCY');
    expect(err.message).toBe('Facts depend on each other in a cycle: a → b → a.');
  });

  it('a longer cycle through a core fact-free chain, and a fact depending on itself', () => {
    expect(
      rejects([plugin('ring', { facts: [fact('x', ['y']), fact('y', ['z']), fact('z', ['x', 'memberCount'])] })], 'PLUGIN_DEPENDENCY').message,
    ).toBe('Facts depend on each other in a cycle: x → y → z → x.');
    expect(rejects([plugin('self', { facts: [fact('me', ['me'])] })], 'PLUGIN_DEPENDENCY').message).toBe(
      'Facts depend on each other in a cycle: me → me.',
    );
  });

  it('resolves against the core and earlier plugins only: order matters', () => {
    const base = plugin('base', { facts: [fact('baseFact', ['area'])] });
    const user = plugin('user', { facts: [fact('userFact', ['baseFact'])] });
    expect(() => createRegistry([base, user])).not.toThrow();
    expect(rejects([user, base], 'PLUGIN_DEPENDENCY').message).toBe('Plugin "user": fact "userFact" depends on unknown fact "baseFact".');
  });
});

describe('malformed plugins → PLUGIN_INVALID', () => {
  const cases: [string, unknown][] = [
    ['not an object', null],
    ['no name', { version: '1.0.0', core: '^1' }],
    ['an empty name', { name: '', version: '1.0.0', core: '^1' }],
    ['a name with spaces', { name: 'my plugin', version: '1.0.0', core: '^1' }],
    ['a bad version', { name: 'p', version: 'v1', core: '^1' }],
    ['a version range instead of a version', { name: 'p', version: '^1.0.0', core: '^1' }],
    ['no core range', { name: 'p', version: '1.0.0' }],
    ['a core range that is not semver', { name: 'p', version: '1.0.0', core: 'latest' }],
    ['an operator without evaluate', { name: 'p', version: '1.0.0', core: '^1', operators: [{ id: 'noEval', label }] }],
    ['a fact without compute', { name: 'p', version: '1.0.0', core: '^1', facts: [{ id: 'noCompute', type: 'number', subjects: ['team'], label }] }],
    ['a scorer without score', { name: 'p', version: '1.0.0', core: '^1', scorers: [{ id: 'noScore', label, optionsSchema: { type: 'object' } }] }],
    [
      'a scorer with an invalid optionsSchema',
      { name: 'p', version: '1.0.0', core: '^1', scorers: [{ id: 'badSchema', label, optionsSchema: { type: 'nope' }, score: () => 0 }] },
    ],
    ['a scorer without optionsSchema', { name: 'p', version: '1.0.0', core: '^1', scorers: [{ id: 'noSchema', label, score: () => 0 }] }],
    [
      'an id that is not an identifier',
      { name: 'p', version: '1.0.0', core: '^1', operators: [{ id: 'within-percent', label, evaluate: () => true }] },
    ],
    ['a metric without id', { name: 'p', version: '1.0.0', core: '^1', metrics: [{ kind: 'area', label }] }],
  ];
  it.each(cases)('rejects %s', (_what, p) => {
    rejects([p as Plugin], 'PLUGIN_INVALID');
  });

  it('rejects a fact, metric or ratio without a Vietnamese and an English label, naming what is missing', () => {
    const base = { id: 'hueS', type: 'number', subjects: ['team'], compute: () => 1 };
    for (const l of [undefined, { vi: 'Tài khoản Hue-S' }, { vi: '', en: 'Hue-S accounts' }, { vi: 'Tài khoản Hue-S', en: '  ' }, 'Hue-S']) {
      const err = rejects([plugin('p', { facts: [{ ...base, label: l } as never] })], 'PLUGIN_INVALID');
      expect(err.message).toBe(
        'Plugin "p": fact "hueS": label must give the text officials read, in Vietnamese and English: { vi: "…", en: "…" }, both non-empty.',
      );
    }
    const keyed = { ...base, type: 'object', pathKeys: ['a'], label, pathLabels: { a: { vi: 'A' } } };
    expect(rejects([plugin('p', { facts: [keyed as never] })], 'PLUGIN_INVALID').message).toBe(
      'Plugin "p": fact "hueS": pathLabels.a must be a label { vi: "…", en: "…" }, both non-empty.',
    );
    rejects(
      [plugin('p', { metrics: [{ id: 'm', kind: 'area', unit: 'x', overTime: 'last', upHierarchy: 'sum', label: { en: 'M' } } as never] })],
      'PLUGIN_INVALID',
    );
    const metric = defineMetric({ id: 'm', kind: 'area', unit: 'x', overTime: 'last', upHierarchy: 'sum', label });
    rejects([plugin('p', { metrics: [metric], ratios: [{ id: 'r', numerator: 'm', denominator: 'm' } as never] })], 'PLUGIN_INVALID');
    expect(() =>
      createRegistry([plugin('p', { facts: [defineFact({ ...base, type: 'object', pathKeys: ['a'], label, pathLabels: { a: label } } as never)] })]),
    ).not.toThrow();
  });

  it('keeps ajv’s reason as the cause of an invalid optionsSchema', () => {
    const err = rejects([plugin('p', { scorers: [{ id: 'badSchema', label, optionsSchema: { type: 'nope' }, score: () => 0 }] })], 'PLUGIN_INVALID');
    expect(err.message).toBe('Plugin "p": scorer "badSchema" has an invalid optionsSchema.');
    expect(String((err.cause as Error).message)).toMatch(/schema is invalid/);
  });

  it('fails on the first bad plugin, whatever good ones surround it', () => {
    rejects([plugin('good'), { name: 'p', version: 'x', core: '^1' }, plugin('also-good')], 'PLUGIN_INVALID');
  });

  it('rejects a null entry in a definitions list with PLUGIN_INVALID', () => {
    rejects([plugin('p', { operators: [null as never] })], 'PLUGIN_INVALID');
  });
});

describe('the core dogfoods the SDK', () => {
  const reg = coreRegistry();

  it('is one shared, memoised registry whose first plugin is the core plugin', () => {
    expect(coreRegistry()).toBe(reg);
    expect(reg.plugins).toEqual([corePlugin]);
    expect(corePlugin).toMatchObject({ name: '@cnscd/core', version: CORE_VERSION, core: `^${CORE_VERSION.split('.')[0]}` });
    expect(reg.pluginVersion('@cnscd/core')).toBe(CORE_VERSION);
    expect(reg.coreVersion).toBe(CORE_VERSION);
  });

  it('registers the core facts, operators, scorers, metrics and ratios as plugin "@cnscd/core"', () => {
    for (const id of ['memberCount', 'trainedMemberShare', 'reportingRate', 'activity', 'tasks', 'area', 'coverage', 'membersPer100Residents']) {
      expect(reg.facts.get(id)?.plugin, id).toBe('@cnscd/core');
    }
    for (const id of [
      'equal',
      'notEqual',
      'in',
      'notIn',
      'contains',
      'doesNotContain',
      'lessThan',
      'lessThanInclusive',
      'greaterThan',
      'greaterThanInclusive',
      'between',
    ]) {
      expect(reg.operators.get(id)?.plugin, id).toBe('@cnscd/core');
    }
    expect(reg.scorers.get('linear')?.plugin).toBe('@cnscd/core');
    expect(reg.metrics.get('householdsVisited')?.plugin).toBe('@cnscd/core');
    expect(reg.ratios.get('householdsFiveSkills')?.plugin).toBe('@cnscd/core');
    // Everything in the core registry comes from the core plugin's own lists.
    expect([...reg.facts.values()].map((r) => r.def)).toEqual(corePlugin.facts);
    expect([...reg.operators.values()].map((r) => r.def)).toEqual(corePlugin.operators);
    expect([...reg.scorers.values()].map((r) => r.def)).toEqual(corePlugin.scorers);
    expect([...reg.metrics.values()].map((r) => r.def)).toEqual(corePlugin.metrics);
    expect([...reg.ratios.values()].map((r) => r.def)).toEqual(corePlugin.ratios);
    for (const map of [reg.facts, reg.operators, reg.scorers, reg.metrics, reg.ratios]) {
      for (const r of map.values()) expect(r.plugin).toBe('@cnscd/core');
    }
  });

  it('core facts declare their dependencies like any plugin fact', () => {
    expect(reg.facts.get('trainedMemberShare')?.def.dependsOn?.facts).toEqual(['trainedMemberCount', 'memberCount']);
    expect(reg.facts.get('coverage')?.def.dependsOn?.facts).toEqual(['area']);
  });

  it('a plugin registry keeps the core first, then the plugins in order', () => {
    const r = createRegistry([plugin('a'), plugin('b', { version: '2.3.4' })]);
    expect(r.plugins.map((p) => p.name)).toEqual(['@cnscd/core', 'a', 'b']);
    expect(r.pluginVersion('b')).toBe('2.3.4');
    expect(r.pluginVersion('c')).toBeUndefined();
    expect(r.facts.size).toBe(reg.facts.size);
  });

  it('scorer options reach the scorer exactly as authored: JSON Schema defaults are not applied', () => {
    const r = createRegistry([
      plugin('p', {
        scorers: [
          defineScorer({
            id: 'withDefault',
            label,
            optionsSchema: { type: 'object', properties: { k: { type: 'number', default: 2 } } },
            score: () => 0,
          }),
        ],
      }),
    ]);
    const options: Record<string, unknown> = {};
    expect(r.scorers.get('withDefault')!.validateOptions(options)).toBe(true);
    expect(options).toEqual({});
  });
});

describe('a plugin fact that reads a fact it did not declare', () => {
  const team = (id: string, members: number) => ({
    id,
    orgUnitId: 'V',
    level: 'village',
    establishedOn: '2024-01-01',
    members: Array.from({ length: members }, (_, i) => ({ id: `${id}-m${i}`, role: i === 0 ? ('leader' as const) : ('member' as const) })),
  });
  const dataset: Dataset = { orgUnits: [{ id: 'V', name: 'Thôn V', level: 'village' }], teams: [team('T1', 4), team('T2', 2)] };
  const sneaky = definePlugin({
    name: 'sneaky',
    version: '1.0.0',
    core: '^1',
    facts: [
      // Reads memberCount but declares no dependsOn.
      defineFact({ id: 'doubleMembers', type: 'number', subjects: ['team'], label, compute: (ctx) => (ctx.fact('memberCount') as number) * 2 }),
      defineFact({
        id: 'honest',
        type: 'number',
        subjects: ['team'],
        label,
        dependsOn: { facts: ['leaderCount'] },
        compute: (ctx) => (ctx.fact('leaderCount') as number) * 10,
      }),
    ],
  });
  const registry = createRegistry([sneaky]);
  const criterion = (id: string, f: string) => ({
    id,
    group: 'other' as const,
    maxPoints: 10,
    title: { vi: id, en: id },
    scoring: { type: 'pass' as const, when: { fact: f, operator: 'greaterThanInclusive', value: 8 } },
  });
  const set = (...criteria: ReturnType<typeof criterion>[]): CriteriaSet => ({
    id: 'sneaky-set',
    version: '1.0.0',
    title: label,
    subject: { kind: 'team' },
    requires: { sneaky: '^1' },
    criteria,
    ratings: [{ id: 'any', label, minPercent: 0 }],
  });

  for (const engine of ['compiled', 'reference'] as const) {
    it(`makes the criterion 'error', naming the plugin, while the others still count (${engine})`, async () => {
      const r = await evaluate(dataset, set(criterion('usesSneaky', 'doubleMembers'), criterion('usesHonest', 'honest')), {
        period: '2025',
        engine,
        registry,
        rollup: false,
      });
      for (const s of r.subjects) {
        const [bad, good] = s.criteria;
        expect(bad).toMatchObject({ status: 'error', points: 0, error: { code: 'CRITERION_FAILED', plugin: 'sneaky' } });
        expect(bad?.error?.message).toBe('Fact "doubleMembers" failed: fact "memberCount" was read without being declared in dependsOn.facts');
        expect(good?.status).toBe('passed'); // one leader × 10 ≥ 8: the honest fact still counts
        expect(s).toMatchObject({ complete: false, score: 10, maxScore: 10 });
      }
      expect(r.summary.criteriaErrors).toBe(2);
    });
  }

  // The check is against the reading fact's own dependsOn, not against what the criteria set happens to
  // compute: an undeclared read fails whatever other criteria use that fact, and in whichever order.
  it('is an error even when another criterion computes that fact too', async () => {
    for (const order of [
      ['members', 'sneaky'],
      ['sneaky', 'members'],
    ]) {
      const criteria = order.map((o) => (o === 'members' ? criterion('usesMembers', 'memberCount') : criterion('usesSneaky', 'doubleMembers')));
      const r = await evaluate(dataset, set(...criteria), { period: '2025', registry, rollup: false });
      for (const s of r.subjects) expect(s.criteria.find((c) => c.id === 'usesSneaky')?.status).toBe('error');
    }
  });
});
