/**
 * Type tests: the JSON Schema describes exactly the TypeScript model. They run under `tsc` (npm run
 * typecheck) and vitest's typecheck mode; a property added to one side and not the other fails here.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { LocalizedText } from '../src/errors.js';
import { datasetSchema } from '../src/model/dataset-schema.js';
import type {
  ActivityReport,
  Affiliation,
  AreaIndicator,
  Dataset,
  LevelDefinition,
  Member,
  MemberRole,
  MetricDefinition,
  OrgUnit,
  RatioDefinition,
  ReportColumns,
  Task,
  Team,
} from '../src/model/types.js';

type PropertyKeys<S> = S extends { readonly properties: infer P } ? keyof P : never;
type RequiredOf<S> = S extends { readonly required: readonly (infer R)[] } ? R : never;
// biome-ignore lint/complexity/noBannedTypes: `{} extends Pick<T, K>` is how a type tells an optional key
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
type EnumOf<S> = S extends { readonly enum: readonly (infer E)[] } ? E : never;

const defs = datasetSchema.$defs;

describe('datasetSchema matches the model', () => {
  it('has the properties and required keys of each type', () => {
    expectTypeOf<PropertyKeys<typeof datasetSchema>>().toEqualTypeOf<keyof Dataset>();
    expectTypeOf<RequiredOf<typeof datasetSchema>>().toEqualTypeOf<RequiredKeys<Dataset>>();
    type Window = NonNullable<Dataset['window']>;
    expectTypeOf<PropertyKeys<typeof datasetSchema.properties.window>>().toEqualTypeOf<keyof Window>();
    expectTypeOf<RequiredOf<typeof datasetSchema.properties.window>>().toEqualTypeOf<RequiredKeys<Window>>();

    expectTypeOf<PropertyKeys<typeof defs.orgUnit>>().toEqualTypeOf<keyof OrgUnit>();
    expectTypeOf<RequiredOf<typeof defs.orgUnit>>().toEqualTypeOf<RequiredKeys<OrgUnit>>();
    expectTypeOf<PropertyKeys<typeof defs.team>>().toEqualTypeOf<keyof Team>();
    expectTypeOf<RequiredOf<typeof defs.team>>().toEqualTypeOf<RequiredKeys<Team>>();
    expectTypeOf<PropertyKeys<typeof defs.member>>().toEqualTypeOf<keyof Member>();
    expectTypeOf<RequiredOf<typeof defs.member>>().toEqualTypeOf<RequiredKeys<Member>>();
    expectTypeOf<PropertyKeys<typeof defs.activityReport>>().toEqualTypeOf<keyof ActivityReport>();
    expectTypeOf<RequiredOf<typeof defs.activityReport>>().toEqualTypeOf<RequiredKeys<ActivityReport>>();
    expectTypeOf<PropertyKeys<typeof defs.reportColumns>>().toEqualTypeOf<keyof ReportColumns>();
    expectTypeOf<RequiredOf<typeof defs.reportColumns>>().toEqualTypeOf<RequiredKeys<ReportColumns>>();
    expectTypeOf<PropertyKeys<typeof defs.areaIndicator>>().toEqualTypeOf<keyof AreaIndicator>();
    expectTypeOf<RequiredOf<typeof defs.areaIndicator>>().toEqualTypeOf<RequiredKeys<AreaIndicator>>();
    expectTypeOf<PropertyKeys<typeof defs.metricDefinition>>().toEqualTypeOf<keyof MetricDefinition>();
    expectTypeOf<RequiredOf<typeof defs.metricDefinition>>().toEqualTypeOf<RequiredKeys<MetricDefinition>>();
    expectTypeOf<PropertyKeys<typeof defs.ratioDefinition>>().toEqualTypeOf<keyof RatioDefinition>();
    expectTypeOf<RequiredOf<typeof defs.ratioDefinition>>().toEqualTypeOf<RequiredKeys<RatioDefinition>>();
    expectTypeOf<PropertyKeys<typeof defs.level>>().toEqualTypeOf<keyof LevelDefinition>();
    expectTypeOf<RequiredOf<typeof defs.level>>().toEqualTypeOf<RequiredKeys<LevelDefinition>>();
    expectTypeOf<PropertyKeys<typeof defs.localizedText>>().toEqualTypeOf<keyof LocalizedText>();
    expectTypeOf<RequiredOf<typeof defs.localizedText>>().toEqualTypeOf<RequiredKeys<LocalizedText>>();
  });

  it('has the enums of each type', () => {
    expectTypeOf<EnumOf<typeof defs.member.properties.role>>().toEqualTypeOf<MemberRole>();
    expectTypeOf<EnumOf<typeof defs.member.properties.affiliations.items>>().toEqualTypeOf<Affiliation>();
    expectTypeOf<EnumOf<typeof defs.metricDefinition.properties.kind>>().toEqualTypeOf<MetricDefinition['kind']>();
    expectTypeOf<EnumOf<typeof defs.metricDefinition.properties.overTime>>().toEqualTypeOf<MetricDefinition['overTime']>();
    expectTypeOf<EnumOf<typeof defs.metricDefinition.properties.upHierarchy>>().toEqualTypeOf<MetricDefinition['upHierarchy']>();
    expectTypeOf<EnumOf<typeof defs.metricDefinition.properties.task>>().toEqualTypeOf<Task>();
  });
});
