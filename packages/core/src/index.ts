/**
 * @cnscd/core — model, criteria format, explained evaluation and roll-ups for Vietnam's Community Digital
 * Technology Teams (Tổ công nghệ số cộng đồng).
 *
 * @example
 * ```ts
 * import { evaluate } from '@cnscd/core';
 * const result = await evaluate(dataset, criteriaSet, { period: '2025-01..2025-12' });
 * console.log(result.subjects[0]?.criteria.map((c) => `${c.id}: ${c.reason?.en}`));
 * ```
 * @packageDocumentation
 */

// ── errors: one registry of stable codes ─────────────────────────────────────
export { CnscdError, ERROR_CODES, hasErrors, pointer, pointerSegment, problem } from './errors.js';
export type { CodeSpec, ErrorCode, LocalizedText, Problem, Severity } from './errors.js';
export { linearAjvErrors } from './problems/ajv-linear.js';

// ── problems: the one ajv-error translator, the capping rule, shared patterns, messages ─────
export { describeAjvError } from './problems/ajv.js';
export type { AjvErrorDescription, DescribeAjvErrorOptions } from './problems/ajv.js';
export { MAX_SCHEMA_PROBLEMS, capTotal } from './problems/cap.js';
export { DATE_PATTERN, ID_PATTERN, METRIC_ID_PATTERN, MONTH_PATTERN, PERIOD_PATTERN, PERIOD_RANGE_PATTERN } from './model/patterns.js';
export { defineCatalogue, render } from './messages/define.js';
export type { Catalogue, Lang, MessageSpec } from './messages/define.js';
export { CAP_MESSAGES, PATTERN_NAMES, SCHEMA_MESSAGES } from './messages/problems-schema.js';
export type { CapMessageParams, PatternName, SchemaMessageParams } from './messages/problems-schema.js';
export { CRITERIA_MESSAGES, criteriaText } from './messages/problems-criteria.js';
export type { CriteriaMessageParams } from './messages/problems-criteria.js';
export { DATASET_MESSAGES, RECORD_KINDS } from './messages/problems-dataset.js';
export type { DatasetMessageParams, RecordKind } from './messages/problems-dataset.js';

// ── model: datasets ──────────────────────────────────────────────────────────
export {
  AFFILIATIONS,
  AFFILIATION_LABELS,
  DEFAULT_LEVELS,
  MEMBER_ROLES,
  TASKS,
} from './model/types.js';
export type {
  ActivityReport,
  Affiliation,
  AreaIndicator,
  Dataset,
  HierarchyAggregation,
  IsoDate,
  LevelDefinition,
  Member,
  MemberRole,
  MetricDefinition,
  OrgUnit,
  RatioDefinition,
  ReportColumns,
  Task,
  Team,
  TimeAggregation,
  YearMonth,
} from './model/types.js';
export type { ParentChange, Successor, SuccessionPart, UnitChange } from './model/types.js';
export { LEVELS_BEFORE_REFORM, LEVELS_FROM_REFORM, REFORM_DATE, UNIT_TYPE_LABELS, levelsOn } from './model/levels.js';
export {
  hasLineage,
  parentIdOn,
  placeTeam,
  placeUnits,
  teamUnitIdOn,
  unitValidOn,
  ROOT,
  UNPLACED,
  NOT_VALID,
  TEAM_NOT_COUNTED,
} from './dataset/placement.js';
export type { UnitPlacement } from './dataset/placement.js';
export { applyLineage, lineageEnd, lineageRows } from './dataset/lineage.js';
export type { LineageRow } from './dataset/lineage.js';
export { BUILTIN_METRICS, BUILTIN_RATIOS } from './model/catalog.js';
export { datasetSchema } from './model/dataset-schema.js';
export { fromReportColumns, reportFromColumns, toReportColumns } from './model/report-columns.js';
export { MAX_PROBLEMS_PER_CODE, validateDataset } from './model/validate.js';
export type { DatasetValidation } from './model/validate.js';
export { findPersonalNumbers, personalNumberIn, redactPersonalNumbers } from './model/personal-data.js';
export type { PersonalNumberKind, PersonalNumberMatch } from './model/personal-data.js';

// ── criteria: the criteria-set format ────────────────────────────────────────
export { CRITERION_GROUPS } from './criteria/types.js';
export type {
  AllCondition,
  AnyCondition,
  Condition,
  ConditionValue,
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
  ResolvedCriteriaSet,
  Scoring,
  ScorerScoring,
  SourceDocument,
  StepsScoring,
  Subject,
} from './criteria/types.js';
export { criteriaSetSchema } from './criteria/schema.js';
export { validateCriteriaSet } from './criteria/validate.js';
export type { CriteriaSetValidation, ResolveBase, ValidateCriteriaSetOptions } from './criteria/validate.js';
export { mergeCriteriaSet, parameterValue, resolveCriteriaSet, resolveParameters } from './criteria/resolve.js';
export type { ResolveCriteriaSetOptions } from './criteria/resolve.js';
export { isSafePath } from './criteria/path.js';

// ── evaluate: facts, engines, explanations ───────────────────────────────────
export { createEvaluator, evaluate, evaluateSync } from './evaluate/evaluate.js';
export type { Evaluator, RunOptions } from './evaluate/evaluate.js';
export { isCalendarDate, parsePeriod, resolveAsOf } from './evaluate/period.js';
export { compactParts, compactResult, compactSubject, expandResult, resultLines } from './evaluate/compact.js';
export type {
  CompactCoverage,
  CompactCriterion,
  CompactCriterionExtra,
  CompactEvaluationResult,
  CompactParts,
  CompactRollup,
  CompactRollupUnit,
  CompactSubject,
  ResultShape,
} from './evaluate/compact.js';
export type {
  CriterionResult,
  CriterionStatus,
  EngineKind,
  EvaluateOptions,
  EvaluationResult,
  EvaluationSummary,
  ExplainedCondition,
  RatingRef,
  RollupResult,
  RollupUnit,
  RollupUnplaced,
  RollupUnplacedUnit,
  SubjectInfo,
  SubjectResult,
} from './evaluate/types.js';
import { DatasetIndex as DatasetIndexClass } from './evaluate/indexer.js';
/**
 * The class that indexes a dataset for one evaluation.
 *
 * @deprecated Not part of the plugin contract: a fact reads `ctx.index` through {@link FactIndex}, which
 * this class implements. Kept exported for 1.x source compatibility (code that constructs it or names its
 * type keeps compiling); its members other than those of `FactIndex` may change in any release, and the
 * export goes in 2.0.
 * @example
 * ```ts
 * // Instead of `index: DatasetIndex`, type what you read against the interface:
 * import type { FactIndex } from '@cnscd/core';
 * const membersOf = (index: FactIndex, team: Team) => index.activeMembers(team).length;
 * ```
 */
export const DatasetIndex = DatasetIndexClass;
/** @deprecated Type against {@link FactIndex}; see the value of the same name. */
export type DatasetIndex = DatasetIndexClass;

// ── rollup: checks of the roll-up options ────────────────────────────────────
export { rollupLevelProblems } from './rollup/levels.js';

// ── plugin SDK ───────────────────────────────────────────────────────────────
export { defineFact, defineMetric, defineOperator, definePlugin, defineRatio, defineScorer } from './plugin/define.js';
export { coreRegistry, createRegistry } from './plugin/registry.js';
export type { Registered, RegisteredOperator, RegisteredScorer, Registry } from './plugin/registry.js';
export { corePlugin } from './plugin/core-plugin.js';
export type { FactIndex, TeamActivity } from './plugin/fact-index.js';
export type {
  FactContext,
  FactDefinition,
  JsonSchema,
  OperatorDefinition,
  PathKeys,
  Period,
  Plugin,
  ScorerContext,
  ScorerDefinition,
  ScorerOutcome,
  SubjectKind,
  SubjectRef,
  ValueType,
} from './plugin/types.js';

// ── messages: reasons, labels and the formatting a reader of each language expects ──
export { formatBoolean, formatDate, formatMonth, formatNumber, formatPercent, formatPeriod } from './messages/format.js';
export { levelLabel, STATUS_LABELS, TASK_LABELS, TERMS } from './messages/labels.js';
export { REASONS } from './messages/reasons.js';
export type { ReasonParams, ReasonVerdict } from './messages/reasons.js';

// ── version ──────────────────────────────────────────────────────────────────
export { CORE_VERSION } from './version.js';
