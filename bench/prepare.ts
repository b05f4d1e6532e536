/**
 * The scoring benchmark's setup, shared with the hand-written equivalence test: validate and compile the
 * criteria set, index the dataset, pick the subjects exactly as `evaluateSync` does, and compute every
 * subject's fact row once. What is timed afterwards is scoring only.
 */
import type { CriteriaSet, RatingTier, ResolvedCriteriaSet } from '../packages/core/src/criteria/types.js';
import { resolveParameters } from '../packages/core/src/criteria/resolve.js';
import { validateCriteriaSet } from '../packages/core/src/criteria/validate.js';
import { compileCriteriaSet, type CompiledSet, type FactRow } from '../packages/core/src/evaluate/compile.js';
import { DatasetIndex } from '../packages/core/src/evaluate/indexer.js';
import { parsePeriod, resolveAsOf } from '../packages/core/src/evaluate/period.js';
import { computeFacts, Observations } from '../packages/core/src/evaluate/run.js';
import type { SubjectInfo } from '../packages/core/src/evaluate/types.js';
import type { Dataset } from '../packages/core/src/model/types.js';
import { coreRegistry, type Registry } from '../packages/core/src/plugin/registry.js';
import type { Period, SubjectRef } from '../packages/core/src/plugin/types.js';
import type { HandFacts } from './hand-written.js';

export interface PreparedScoring {
  readonly set: ResolvedCriteriaSet;
  readonly registry: Registry;
  readonly period: Period;
  readonly asOf: string;
  readonly index: DatasetIndex;
  readonly compiled: CompiledSet;
  /** Team subjects in id order, as `evaluateSync` picks them. */
  readonly subjects: readonly Extract<SubjectRef, { kind: 'team' }>[];
  /** One fact row per subject, same order. */
  readonly rows: readonly FactRow[];
  readonly infos: readonly SubjectInfo[];
  readonly tiersDesc: readonly RatingTier[];
  readonly observations: Observations;
}

/** Validate, compile, index and compute facts; throws when the set is invalid. */
export function prepareScoring(dataset: Dataset, criteriaSet: CriteriaSet, periodText = '2025-01..2025-12'): PreparedScoring {
  const registry = coreRegistry();
  const v = validateCriteriaSet(criteriaSet, { registry });
  if (!v.valid || v.criteriaSet === undefined) {
    throw new Error(`benchmark criteria set is invalid: ${v.problems.map((p) => `${p.path}: ${p.message.en}`).join('; ')}`);
  }
  const set = v.criteriaSet;
  const period = parsePeriod(periodText);
  const asOf = resolveAsOf(period, undefined);
  const index = new DatasetIndex(dataset, period, asOf);
  const compiled = compileCriteriaSet(set, registry, resolveParameters(set, asOf), asOf);
  const subjects: Extract<SubjectRef, { kind: 'team' }>[] = [];
  for (const team of [...index.teams.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!index.teamInPeriod(team)) continue;
    subjects.push({ kind: 'team', id: team.id, team, orgUnit: index.units.get(team.orgUnitId) });
  }
  const observations = new Observations();
  const rows = subjects.map((s) => computeFacts(compiled, registry, index, s, period, observations));
  const infos = subjects.map((s): SubjectInfo => ({ kind: 'team', id: s.id, orgUnitId: s.team.orgUnitId, level: s.team.level }));
  const tiersDesc = [...set.ratings].sort((a, b) => b.minPercent - a.minPercent);
  return { set, registry, period, asOf, index, compiled, subjects, rows, infos, tiersDesc, observations };
}

/** The hand-written scorer's typed view of a fact row (same values, same nested objects). */
export function handFactsOf(compiled: CompiledSet, row: FactRow): HandFacts {
  const get = (id: string): unknown => {
    const slot = compiled.slotOf.get(id);
    if (slot === undefined) throw new Error(`fact "${id}" is not computed by the benchmark set`);
    return row[slot];
  };
  return {
    memberCount: get('memberCount') as number,
    leaderCount: get('leaderCount') as number,
    deputyCount: get('deputyCount') as number,
    affiliations: get('affiliations') as HandFacts['affiliations'],
    onlineGroup: get('onlineGroup') as boolean,
    tasksActive: get('tasksActive') as number,
    activity: get('activity') as HandFacts['activity'],
    monthsExpected: get('monthsExpected') as number,
    reportingRate: get('reportingRate') as number | undefined,
    trainedMemberShare: get('trainedMemberShare') as number | undefined,
    tasks: get('tasks') as HandFacts['tasks'],
    coverage: get('coverage') as HandFacts['coverage'],
  };
}
