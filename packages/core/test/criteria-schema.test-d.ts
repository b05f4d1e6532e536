/**
 * Type tests: the criteria-set JSON Schema describes exactly the TypeScript format in criteria/types.ts.
 * A property added to one side and not the other fails here (under `tsc` and vitest's typecheck mode).
 */
import { describe, expectTypeOf, it } from 'vitest';
import { criteriaSetSchema } from '../src/criteria/schema.js';
import type {
  AllCondition,
  AnyCondition,
  CriteriaSet,
  Criterion,
  CriterionGroup,
  ExtendsClause,
  FactCondition,
  NotCondition,
  ParameterDefinition,
  ParameterRef,
  PassScoring,
  RatingTier,
  RatioScoring,
  ScorerScoring,
  SourceDocument,
  StepsScoring,
  Subject,
} from '../src/criteria/types.js';
import type { LocalizedText } from '../src/errors.js';

type PropertyKeys<S> = S extends { readonly properties: infer P } ? keyof P : never;
type RequiredOf<S> = S extends { readonly required: readonly (infer R)[] } ? R : never;
// biome-ignore lint/complexity/noBannedTypes: `{} extends Pick<T, K>` is how a type tells an optional key
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
type EnumOf<S> = S extends { readonly enum: readonly (infer E)[] } ? E : never;
type ConstOf<S> = S extends { readonly properties: { readonly type: { readonly const: infer C } } } ? C : never;
type Branches<S> = S extends { readonly oneOf: readonly (infer B)[] } ? B : never;
type Same<S, T> = [PropertyKeys<S>, RequiredOf<S>] extends [keyof T, RequiredKeys<T>]
  ? [keyof T, RequiredKeys<T>] extends [PropertyKeys<S>, RequiredOf<S>]
    ? true
    : false
  : false;

const s = criteriaSetSchema;
const d = s.$defs;

describe('criteriaSetSchema matches the format', () => {
  it('has the properties and required keys of each type', () => {
    expectTypeOf<PropertyKeys<typeof s>>().toEqualTypeOf<keyof CriteriaSet>();
    expectTypeOf<RequiredOf<typeof s>>().toEqualTypeOf<RequiredKeys<CriteriaSet>>();
    expectTypeOf<Same<typeof s.properties.effective, NonNullable<CriteriaSet['effective']>>>().toEqualTypeOf<true>();
    expectTypeOf<Same<typeof d.criterion, Criterion>>().toEqualTypeOf<true>();
    expectTypeOf<Same<typeof d.ratingTier, RatingTier>>().toEqualTypeOf<true>();
    expectTypeOf<Same<typeof d.sourceDocument, SourceDocument>>().toEqualTypeOf<true>();
    expectTypeOf<Same<typeof d.extendsClause, ExtendsClause>>().toEqualTypeOf<true>();
    expectTypeOf<Same<typeof d.localizedText, LocalizedText>>().toEqualTypeOf<true>();
    expectTypeOf<Same<typeof d.parameterRef, ParameterRef>>().toEqualTypeOf<true>();
    expectTypeOf<PropertyKeys<typeof d.parameterDefinition>>().toEqualTypeOf<keyof ParameterDefinition>();
  });

  it('has the condition shapes', () => {
    expectTypeOf<Same<typeof d.factCondition, FactCondition>>().toEqualTypeOf<true>();
    expectTypeOf<Same<typeof d.allCondition, AllCondition>>().toEqualTypeOf<true>();
    expectTypeOf<Same<typeof d.anyCondition, AnyCondition>>().toEqualTypeOf<true>();
    expectTypeOf<Same<typeof d.notCondition, NotCondition>>().toEqualTypeOf<true>();
  });

  it('has the scoring shapes, each tagged by its type', () => {
    expectTypeOf<Same<typeof d.passScoring, PassScoring>>().toEqualTypeOf<true>();
    expectTypeOf<Same<typeof d.ratioScoring, RatioScoring>>().toEqualTypeOf<true>();
    expectTypeOf<Same<typeof d.stepsScoring, StepsScoring>>().toEqualTypeOf<true>();
    expectTypeOf<Same<typeof d.scorerScoring, ScorerScoring>>().toEqualTypeOf<true>();
    type Tags = ConstOf<typeof d.passScoring> | ConstOf<typeof d.ratioScoring> | ConstOf<typeof d.stepsScoring> | ConstOf<typeof d.scorerScoring>;
    expectTypeOf<Tags>().toEqualTypeOf<PassScoring['type'] | RatioScoring['type'] | StepsScoring['type'] | ScorerScoring['type']>();
    expectTypeOf<Same<typeof d.stepsScoring.properties.steps.items, StepsScoring['steps'][number]>>().toEqualTypeOf<true>();
  });

  it('has the subject kinds and the criterion groups', () => {
    type SubjectBranch = Branches<typeof d.subject>;
    type Kinds = SubjectBranch extends { readonly properties: { readonly kind: { readonly const: infer K } } } ? K : never;
    expectTypeOf<Kinds>().toEqualTypeOf<Subject['kind']>();
    expectTypeOf<EnumOf<typeof d.criterion.properties.group>>().toEqualTypeOf<CriterionGroup>();
  });
});
