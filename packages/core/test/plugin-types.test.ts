/**
 * Type tests for the plugin SDK: what the identity helpers infer. Checked by `tsc --noEmit` (part of
 * `npm test`); every `@ts-expect-error` line must fail to compile, or tsc reports the directive as unused.
 * The `it` blocks also run, so the definitions are real, working objects.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createRegistry,
  defineFact,
  defineMetric,
  defineOperator,
  definePlugin,
  defineRatio,
  defineScorer,
  type FactContext,
  type FactDefinition,
  type MetricDefinition,
  type OperatorDefinition,
  type Plugin,
  type ScorerDefinition,
  type ScorerOutcome,
} from '../src/index.js';

const label = { vi: 'nhãn', en: 'label' } as const;

describe('defineScorer: ctx.options follows optionsSchema', () => {
  it('required vs optional properties, number vs string', () => {
    const s = defineScorer({
      id: 'logisticT',
      label,
      optionsSchema: {
        type: 'object',
        additionalProperties: false,
        required: ['fact', 'midpoint'],
        properties: { fact: { type: 'string' }, path: { type: 'string' }, midpoint: { type: 'number' }, steepness: { type: 'number' } },
      },
      facts: (o) => {
        expectTypeOf(o).toEqualTypeOf<{ fact: string; path?: string; midpoint: number; steepness?: number }>();
        return [o.fact];
      },
      score: (ctx) => {
        expectTypeOf(ctx.options).toEqualTypeOf<Readonly<{ fact: string; path?: string; midpoint: number; steepness?: number }>>();
        expectTypeOf(ctx.options.fact).toEqualTypeOf<string>();
        expectTypeOf(ctx.options.midpoint).toEqualTypeOf<number>();
        // Optional properties may be absent: with exactOptionalPropertyTypes, reading gives `| undefined`.
        expectTypeOf(ctx.options.path).toEqualTypeOf<string | undefined>();
        expectTypeOf(ctx.options.steepness).toEqualTypeOf<number | undefined>();
        // @ts-expect-error — `direction` is not in the schema (additionalProperties: false)
        void ctx.options.direction;
        // @ts-expect-error — `fact` is a string option, not a number
        const n: number = ctx.options.fact;
        // @ts-expect-error — `steepness` is optional: it may be undefined
        const k: number = ctx.options.steepness;
        // @ts-expect-error — a string cannot be assigned to the number option `midpoint`
        ctx.options.midpoint = 'half';
        void [n, k];
        const v = ctx.fact(ctx.options.fact, ctx.options.path);
        expectTypeOf(v).toBeUnknown();
        return typeof v === 'number' ? ctx.maxPoints / (1 + Math.exp(ctx.options.midpoint - v)) : 0;
      },
    });
    expectTypeOf(s).toEqualTypeOf<ScorerDefinition<{ fact: string; path?: string; midpoint: number; steepness?: number }>>();
    expect(s.id).toBe('logisticT');
  });

  it('enums, consts, integers, booleans and arrays', () => {
    const s = defineScorer({
      id: 'shapes',
      label,
      optionsSchema: {
        type: 'object',
        additionalProperties: false,
        required: ['direction', 'mode', 'steps', 'strict', 'facts'],
        properties: {
          direction: { type: 'string', enum: ['higherIsBetter', 'lowerIsBetter'] },
          mode: { const: 'fraction' },
          steps: { type: 'integer', minimum: 1 },
          strict: { type: 'boolean' },
          facts: { type: 'array', items: { type: 'string' } },
          weights: { type: 'array', items: { type: 'number' } },
        },
      },
      facts: (o) => o.facts,
      score: ({ options }) => {
        expectTypeOf(options.direction).toEqualTypeOf<'higherIsBetter' | 'lowerIsBetter'>();
        expectTypeOf(options.mode).toEqualTypeOf<'fraction'>();
        expectTypeOf(options.steps).toEqualTypeOf<number>();
        expectTypeOf(options.strict).toEqualTypeOf<boolean>();
        expectTypeOf(options.facts).toEqualTypeOf<string[]>();
        expectTypeOf(options.weights).toEqualTypeOf<number[] | undefined>();
        // @ts-expect-error — 'up' is not one of the enum values
        const d: typeof options.direction = 'up';
        // @ts-expect-error — comparing with a value outside the enum is a mistake the compiler catches
        if (options.direction === 'higher') return 0;
        void d;
        return options.direction === 'higherIsBetter' ? 1 : 0;
      },
    });
    expect(s.id).toBe('shapes');
  });

  it('without `required`, every option is optional', () => {
    defineScorer({
      id: 'allOptional',
      label,
      optionsSchema: { type: 'object', additionalProperties: false, properties: { k: { type: 'number' } } },
      score: ({ options }) => {
        expectTypeOf(options).toEqualTypeOf<Readonly<{ k?: number }>>();
        return options.k ?? 0;
      },
    });
  });

  it('`facts` sees the same options type as `score`', () => {
    defineScorer({
      id: 'factsTyped',
      label,
      optionsSchema: {
        type: 'object',
        required: ['fact', 'midpoint'],
        additionalProperties: false,
        properties: { fact: { type: 'string' }, midpoint: { type: 'number' } },
      },
      // @ts-expect-error — `midpoint` is a number, but `facts` must return fact ids (strings)
      facts: (o) => [o.midpoint],
      score: () => 0,
    });
  });

  it('a scorer may return a number or an outcome with points, detail and reason', () => {
    const s = defineScorer({
      id: 'outcome',
      label,
      optionsSchema: { type: 'object', properties: {} },
      score: ({ maxPoints }) => ({ points: maxPoints, detail: { why: 'full' }, reason: { vi: 'đủ', en: 'full' } }),
    });
    expectTypeOf(s.score).returns.toEqualTypeOf<number | ScorerOutcome>();
    defineScorer({
      id: 'badReturn',
      label,
      optionsSchema: { type: 'object', properties: {} },
      // @ts-expect-error — points must be a number
      score: () => ({ points: 'all' }),
    });
  });

  it('the type parameter is the schema, not the options type', () => {
    defineScorer({
      id: 'inferred',
      label,
      optionsSchema: { type: 'object', additionalProperties: false, properties: { k: { type: 'number' } } },
      score: ({ options }) => options.k ?? 0,
    });
    // @ts-expect-error — an options type given as the type argument is read as the schema and does not fit it
    defineScorer<{ k: number }>({ id: 'explicit', label, optionsSchema: { type: 'object', properties: { k: { type: 'number' } } }, score: () => 0 });
  });

  it('rejects an options schema that is not JSON Schema', () => {
    defineScorer({
      id: 'badSchema',
      label,
      // @ts-expect-error — "nope" is not a JSON Schema type
      optionsSchema: { type: 'nope' },
      score: () => 0,
    });
  });
});

describe('defineFact: the value type follows compute', () => {
  it('infers number, number | undefined and objects', () => {
    const count = defineFact({ id: 'count', type: 'number', subjects: ['team'], label, compute: () => 3 });
    expectTypeOf(count).toEqualTypeOf<FactDefinition<number>>();

    const share = defineFact({
      id: 'share',
      type: 'number',
      unit: 'ratio',
      subjects: ['team', 'orgUnit'],
      label,
      dependsOn: { facts: ['area'] },
      compute: (ctx) => {
        expectTypeOf(ctx).toEqualTypeOf<FactContext>();
        expectTypeOf(ctx.fact('area')).toBeUnknown(); // read facts are unknown: narrow them yourself
        const area = ctx.fact('area') as Record<string, number | undefined>;
        const h = area['households'];
        return h === undefined || h <= 0 ? undefined : (area['householdsWithFiveSkills'] ?? 0) / h;
      },
    });
    expectTypeOf(share).toEqualTypeOf<FactDefinition<number | undefined>>();
    expectTypeOf(share.compute).returns.toEqualTypeOf<number | undefined>();

    const byTask = defineFact({
      id: 'byTask',
      type: 'object',
      subjects: ['team'],
      label,
      pathKeys: 'tasks',
      compute: () => ({ publicServices: 1, onlinePayment: 2 }),
    });
    expectTypeOf(byTask.compute).returns.toEqualTypeOf<{ publicServices: number; onlinePayment: number }>();
  });

  it('an explicit value type is enforced on compute', () => {
    // @ts-expect-error — compute returns a string where the fact is declared to hold numbers
    defineFact<number>({ id: 'wrong', type: 'number', subjects: ['team'], label, compute: () => 'three' });
  });

  it('rejects unknown subject kinds and value types', () => {
    // @ts-expect-error — 'village' is a level, not a subject kind ('team' | 'orgUnit')
    defineFact({ id: 'f1', type: 'number', subjects: ['village'], label, compute: () => 1 });
    // @ts-expect-error — 'int' is not a value type
    defineFact({ id: 'f2', type: 'int', subjects: ['team'], label, compute: () => 1 });
    // @ts-expect-error — a label needs both languages
    defineFact({ id: 'f3', type: 'number', subjects: ['team'], label: { en: 'English only' }, compute: () => 1 });
  });
});

describe('defineOperator, defineMetric, defineRatio', () => {
  it('operators compare unknown values and must evaluate', () => {
    const op = defineOperator({
      id: 'withinPercentOfT',
      label,
      factTypes: ['number'],
      valueTypes: ['array'],
      evaluate: (a, b) => {
        expectTypeOf(a).toBeUnknown();
        expectTypeOf(b).toBeUnknown();
        return true;
      },
    });
    expectTypeOf(op).toEqualTypeOf<OperatorDefinition>();
    // @ts-expect-error — an operator without evaluate
    defineOperator({ id: 'noEvaluate', label });
    // @ts-expect-error — evaluate must return a boolean
    defineOperator({ id: 'numeric', label, evaluate: () => 1 });
  });

  it('metrics take only the documented kinds, aggregations and tasks', () => {
    const m = defineMetric({
      id: 'hueSAccountsT',
      kind: 'activity',
      task: 'localPlatforms',
      unit: 'accounts',
      overTime: 'sum',
      upHierarchy: 'sum',
      label,
    });
    expectTypeOf(m).toEqualTypeOf<MetricDefinition>();
    // @ts-expect-error — 'monthly' is not a metric kind
    defineMetric({ id: 'm1', kind: 'monthly', unit: 'x', overTime: 'sum', upHierarchy: 'sum', label });
    // @ts-expect-error — 'hueS' is not one of the five basic tasks
    defineMetric({ id: 'm2', kind: 'activity', task: 'hueS', unit: 'x', overTime: 'sum', upHierarchy: 'sum', label });
    // @ts-expect-error — 'average' is not a time aggregation ('sum' | 'last' | 'max' | 'mean')
    defineMetric({ id: 'm3', kind: 'area', unit: 'x', overTime: 'average', upHierarchy: 'sum', label });
    // @ts-expect-error — a ratio needs a denominator
    defineRatio({ id: 'r1', numerator: 'hueSResidents', label });
  });
});

describe('definePlugin keeps literal types', () => {
  const shareT = defineFact({ id: 'shareT', type: 'number', subjects: ['team'], label, compute: (): number | undefined => 0.5 });
  const plugin = definePlugin({
    name: '@province/hue-s',
    version: '1.2.0',
    core: '^1',
    facts: [shareT],
    operators: [defineOperator({ id: 'alwaysT', label, evaluate: () => true })],
  });

  it('name, version and core are literals, definitions keep their value types', () => {
    expectTypeOf(plugin.name).toEqualTypeOf<'@province/hue-s'>();
    expectTypeOf(plugin.version).toEqualTypeOf<'1.2.0'>();
    expectTypeOf(plugin.core).toEqualTypeOf<'^1'>();
    expectTypeOf(plugin.facts[0]).toEqualTypeOf<FactDefinition<number | undefined>>();
    expectTypeOf(plugin).toMatchTypeOf<Plugin>();
    // @ts-expect-error — the plugin has no scorers property at all
    const noScorers = (): number => plugin.scorers.length;
    void noScorers;
    expect(createRegistry([plugin]).pluginVersion('@province/hue-s')).toBe('1.2.0');
  });

  it('requires name, version and core', () => {
    // @ts-expect-error — no core range
    definePlugin({ name: 'no-core', version: '1.0.0' });
    // @ts-expect-error — version must be a string
    definePlugin({ name: 'numeric-version', version: 1, core: '^1' });
  });

  it('checks each definition it is given', () => {
    definePlugin({
      name: 'bad-defs',
      version: '1.0.0',
      core: '^1',
      // @ts-expect-error — an operator without evaluate
      operators: [{ id: 'noEvaluate', label }],
    });
  });
});
