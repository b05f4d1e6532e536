import { clean } from '../internal/numbers.js';
import { CnscdError, problem, type Problem } from '../errors.js';
import type { CriteriaSet, ResolvedCriteriaSet, RatingTier } from '../criteria/types.js';
import { validateCriteriaSet } from '../criteria/validate.js';
import { resolveParameters } from '../criteria/resolve.js';
import { validateDataset } from '../model/validate.js';
import type { Dataset, OrgUnit } from '../model/types.js';
import { coreRegistry, type Registry } from '../plugin/registry.js';
import type { Period, SubjectRef } from '../plugin/types.js';
import { rollupLevelProblems } from '../rollup/levels.js';
import { rollup } from '../rollup/rollup.js';
import { teamUnitIdOn, unitValidOn } from '../dataset/placement.js';
import { compileCriteriaSet, type CompiledSet } from './compile.js';
import { periodProblems, readsReports } from './coverage.js';
import { DatasetIndex, MetricCatalog } from './indexer.js';
import { parsePeriod, resolveAsOf } from './period.js';
import { computeFacts, Observations, scoreCriterion, totalSubject, type CheckFn } from './run.js';
import { BATCH_SIZE, SubjectScoring } from './scoring.js';
import { render } from '../messages/define.js';
import { levelLabel } from '../messages/labels.js';
import { EVALUATION_MESSAGES } from '../messages/problems-evaluation.js';
import type { CriterionResult, EngineKind, EvaluateOptions, EvaluationResult, EvaluationSummary, SubjectResult } from './types.js';

/** Everything an evaluation needs, prepared once: validated inputs, index, compiled set, subjects. */
interface Prepared {
  readonly set: ResolvedCriteriaSet;
  readonly compiled: CompiledSet;
  readonly index: DatasetIndex;
  /** The index whose date places the roll-up's units (`rollupAsOf`); the evaluation's own otherwise. */
  readonly placeOn: DatasetIndex;
  readonly registry: Registry;
  readonly period: Period;
  readonly asOf: string;
  readonly subjects: readonly SubjectRef[];
  readonly problems: Problem[];
  readonly tiersDesc: readonly RatingTier[];
}

const isResolved = (s: CriteriaSet | ResolvedCriteriaSet): s is ResolvedCriteriaSet => Array.isArray((s as ResolvedCriteriaSet).lineage);

/** A criteria set validated and resolved once, with its compiled form memoised per evaluation date. */
interface PreparedSet {
  readonly set: ResolvedCriteriaSet;
  readonly registry: Registry;
  readonly problems: readonly Problem[];
  readonly tiersDesc: readonly RatingTier[];
  /** Built-in and plugin metrics and ratios, shared by every evaluation of this set. */
  readonly catalog: MetricCatalog;
  compiledAt(asOf: string): CompiledSet;
}

type SetOptions = Pick<EvaluateOptions, 'registry' | 'resolveBase'>;

function prepareSet(criteriaSet: CriteriaSet | ResolvedCriteriaSet, options: SetOptions): PreparedSet {
  const registry = options.registry ?? coreRegistry();
  // The criteria set: validated (and resolved when it extends another) against this registry.
  let input: unknown = criteriaSet;
  let lineage: readonly string[] | undefined;
  if (criteriaSet !== null && typeof criteriaSet === 'object' && isResolved(criteriaSet)) {
    const { lineage: l, ...rest } = criteriaSet;
    lineage = l;
    input = rest;
  }
  const v = validateCriteriaSet(input, {
    registry,
    ...(options.resolveBase === undefined ? {} : { resolveBase: options.resolveBase }),
  });
  if (!v.valid || v.criteriaSet === undefined) {
    const first = v.problems
      .filter((p) => p.severity === 'error')
      .slice(0, 3)
      .map((p) => `${p.path || '/'}: ${p.message.en}`);
    throw new CnscdError('CRITERIA_SET_INVALID', `The criteria set is invalid: ${first.join('; ')}`, { problems: v.problems });
  }
  const set: ResolvedCriteriaSet = lineage === undefined ? v.criteriaSet : { ...v.criteriaSet, lineage };
  const problems = v.problems.map((p) => ({ ...p, path: `/criteriaSet${p.path}` }));
  const tiersDesc = [...set.ratings].sort((a, b) => b.minPercent - a.minPercent);
  // Parameters depend on the evaluation date; a handful of dates is all a caller ever cycles through.
  const compiledByDate = new Map<string, CompiledSet>();
  const compiledAt = (asOf: string): CompiledSet => {
    let c = compiledByDate.get(asOf);
    if (c === undefined) {
      c = compileCriteriaSet(set, registry, resolveParameters(set, asOf), asOf);
      if (compiledByDate.size >= 16) compiledByDate.delete(compiledByDate.keys().next().value!);
      compiledByDate.set(asOf, c);
    }
    return c;
  };
  const catalog = new MetricCatalog(
    [...registry.metrics.values()].filter((m) => m.plugin !== '@cnscd/core').map((m) => m.def),
    [...registry.ratios.values()].filter((r) => r.plugin !== '@cnscd/core').map((r) => r.def),
  );
  return { set, registry, problems, tiersDesc, catalog, compiledAt };
}

function prepare(dataset: Dataset, ps: PreparedSet, options: EvaluateOptions): Prepared {
  const { set, registry, tiersDesc } = ps;
  const period = parsePeriod(options.period);
  const asOf = resolveAsOf(period, options.asOf);
  const problems: Problem[] = [...ps.problems];
  if (set.effective !== undefined && (asOf < set.effective.from || (set.effective.to !== undefined && asOf > set.effective.to))) {
    problems.push(
      problem(
        'NOT_EFFECTIVE',
        '/criteriaSet/effective',
        render(EVALUATION_MESSAGES, 'notEffective', { asOf, set: set.title, from: set.effective.from, to: set.effective.to }),
      ),
    );
  }

  // The dataset: schema errors make it unusable; integrity problems are returned and worked around.
  const extra = { metrics: ps.catalog.extraMetrics, ratios: ps.catalog.extraRatios };
  if (options.validate !== false) {
    const dv = validateDataset(dataset, extra);
    if (dv.dataset === undefined) {
      const first = dv.problems.slice(0, 3).map((p) => `${p.path || '/'}: ${p.message.en}`);
      throw new CnscdError('DATASET_INVALID', `The dataset does not match its schema: ${first.join('; ')}`, { problems: dv.problems });
    }
    problems.push(...dv.problems.map((p) => ({ ...p, path: `/dataset${p.path}` })));
  }

  // Roll-up levels the dataset does not have: an error, and the roll-up keeps the levels it knows.
  problems.push(...rollupLevelProblems(dataset, options.rollup));

  const index = new DatasetIndex(dataset, period, asOf, ps.catalog);
  const placeOn =
    options.rollupAsOf === undefined || options.rollupAsOf === asOf || options.rollup === false
      ? index
      : new DatasetIndex(dataset, period, options.rollupAsOf, ps.catalog);
  // Teams that cannot be placed are still scored and counted under "unplaced": say which (dataset/placement.ts).
  problems.push(...unplacedTeamProblems(index), ...endedUnitProblems(index));
  if (placeOn !== index) problems.push(...unplacedTeamProblems(placeOn, asOf));
  const compiled = ps.compiledAt(asOf);
  // A period the dataset has no reports for gives zeros, not an error: say so (evaluate/coverage.ts).
  if (readsReports(compiled, registry)) problems.push(...periodProblems(dataset, period, asOf));
  const subjects: SubjectRef[] = [];
  if (set.subject.kind === 'team') {
    const levels = set.subject.levels === undefined ? undefined : new Set(set.subject.levels);
    for (const team of [...index.teams.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      if (!index.teamInPeriod(team)) continue;
      if (levels !== undefined && !levels.has(team.level)) continue;
      subjects.push({ kind: 'team', id: team.id, team, orgUnit: index.units.get(team.orgUnitId) });
    }
  } else {
    const level = set.subject.level;
    for (const orgUnit of index.activeUnits()) if (orgUnit.level === level) subjects.push({ kind: 'orgUnit', id: orgUnit.id, orgUnit });
  }
  return { set, compiled, index, placeOn, registry, period, asOf, subjects, problems, tiersDesc };
}

/**
 * A `TEAM_UNPLACED` warning at `/dataset/teams/<i>` for each team active on the evaluation date that the
 * placement rule cannot place on the index's date: `params: {teamId, orgUnitId, endedUnitId, level, date}`
 * (the team's unit on that date, the unit not in force where its way up broke, and that unit's level).
 */
function unplacedTeamProblems(index: DatasetIndex, activeOn: string = index.asOf): Problem[] {
  if (index.placement === undefined) return [];
  const out: Problem[] = [];
  const teams = index.dataset.teams;
  for (let i = 0; i < teams.length; i++) {
    const t = teams[i]!;
    const at = index.unplacedAt(t);
    // Once per team id: a repeated id's later records are DUPLICATE_ID (the index keeps the first).
    if (at !== undefined && index.teams.get(t.id) !== t) continue;
    if (at === undefined || !(t.establishedOn <= activeOn && (t.disbandedOn === undefined || t.disbandedOn >= activeOn))) continue;
    const date = index.asOf;
    const orgUnitId = teamUnitIdOn(t, date);
    out.push(
      problem(
        'TEAM_UNPLACED',
        `/dataset/teams/${i}`,
        render(EVALUATION_MESSAGES, 'teamUnplaced', {
          teamId: t.id,
          orgUnitId,
          endedUnitId: at.id,
          level: levelLabel(at.level, date, index.dataset.levels) ?? { vi: at.level, en: at.level },
          date,
        }),
        { teamId: t.id, orgUnitId, endedUnitId: at.id, level: at.level, date },
      ),
    );
  }
  return out;
}

/**
 * For a dataset without lineage, which keeps the old rule (a unit whose parent is not in force on the
 * evaluation date is rolled up as a root; a team whose unit is not in force is not counted): a
 * `UNIT_PARENT_ENDED` warning at each such unit's `parentId`, and a `TEAM_UNIT_ENDED` warning at each
 * active team's `orgUnitId` whose unit is not in force, so that a roll-up that lost its way says why. Once
 * the dataset tells the reform (`successors`, `parentHistory`, `orgUnitHistory`), placement does this
 * (`TEAM_UNPLACED`).
 */
function endedUnitProblems(index: DatasetIndex): Problem[] {
  if (index.placement !== undefined) return [];
  const date = index.asOf;
  const units = index.dataset.orgUnits;
  const byId = new Map<string, OrgUnit>();
  for (const u of units) if (!byId.has(u.id)) byId.set(u.id, u);
  const out: Problem[] = [];
  const seen = new Set<string>();
  units.forEach((u, i) => {
    if (seen.has(u.id)) return;
    seen.add(u.id);
    const parent = u.parentId == null ? undefined : byId.get(u.parentId);
    if (parent === undefined || !unitValidOn(u, date) || unitValidOn(parent, date)) return;
    out.push(
      problem(
        'UNIT_PARENT_ENDED',
        `/dataset/orgUnits/${i}/parentId`,
        render(EVALUATION_MESSAGES, 'unitParentEnded', { orgUnitId: u.id, parentId: parent.id, date }),
        { orgUnitId: u.id, parentId: parent.id, date },
      ),
    );
  });
  const teamsSeen = new Set<string>();
  index.dataset.teams.forEach((t, i) => {
    if (teamsSeen.has(t.id)) return;
    teamsSeen.add(t.id);
    const unit = byId.get(t.orgUnitId);
    if (unit === undefined || unitValidOn(unit, date) || !(t.establishedOn <= date && (t.disbandedOn === undefined || t.disbandedOn >= date))) return;
    out.push(
      problem(
        'TEAM_UNIT_ENDED',
        `/dataset/teams/${i}/orgUnitId`,
        render(EVALUATION_MESSAGES, 'teamUnitEnded', { teamId: t.id, orgUnitId: unit.id, date }),
        { teamId: t.id, orgUnitId: unit.id, date },
      ),
    );
  });
  return out;
}

function subjectInfo(s: SubjectRef): SubjectResult['subject'] {
  return s.kind === 'team'
    ? { kind: 'team', id: s.id, orgUnitId: s.team.orgUnitId, level: s.team.level }
    : { kind: 'orgUnit', id: s.id, orgUnitId: s.id, level: s.orgUnit.level };
}

function finish(p: Prepared, results: SubjectResult[], engine: EngineKind, options: EvaluateOptions, observations: Observations): EvaluationResult {
  const titles = new Map(p.set.criteria.map((c) => [c.id, c.title]));
  const names = { criterion: (id: string) => titles.get(id), fact: (id: string) => p.compiled.labels.factName(id, undefined) };
  const observed = observations.empty ? [] : observations.problems(new Map(p.set.criteria.map((c, i) => [c.id, i])), names);
  const problems = [...p.problems, ...observed.map((x) => ({ ...x, path: x.path === '' ? '' : `/criteriaSet${x.path}` }))];
  const ratings: Record<string, number> = {};
  for (const t of p.set.ratings) ratings[t.id] = 0;
  let sumPercent = 0;
  let rated = 0;
  let criteriaErrors = 0;
  for (const r of results) {
    if (r.rating !== null) ratings[r.rating.id] = (ratings[r.rating.id] ?? 0) + 1;
    if (r.maxScore > 0) {
      sumPercent += r.percent;
      rated += 1;
    }
    if (!r.complete) for (const c of r.criteria) if (c.status === 'error') criteriaErrors += 1; // complete: no error
  }
  const summary: EvaluationSummary = {
    subjects: results.length,
    meanPercent: rated === 0 ? null : clean(sumPercent / rated),
    ratings,
    criteriaErrors,
  };
  const want = options.rollup ?? true;
  return {
    criteriaSet: { id: p.set.id, version: p.set.version, title: p.set.title, lineage: p.set.lineage },
    period: p.period,
    asOf: p.asOf,
    engine,
    subjects: results,
    summary,
    ...(want === false ? {} : { rollup: rollup(p.index, results, p.set.ratings, want === true ? undefined : want.levels, p.placeOn) }),
    problems,
  };
}

/** Options of one run of an {@link Evaluator}: everything of {@link EvaluateOptions} but the set's own. */
export type RunOptions = Omit<EvaluateOptions, 'registry' | 'resolveBase'>;

/**
 * A criteria set validated, resolved and ready to run many times (a server answering requests for one
 * preset, a batch over many datasets). `evaluate(dataset, set, options)` is
 * `createEvaluator(set, options).evaluate(dataset, options)`.
 */
export interface Evaluator {
  /** The resolved set this evaluator runs. */
  readonly criteriaSet: ResolvedCriteriaSet;
  /** Warnings found while validating the set (paths under `/criteriaSet`). */
  readonly problems: readonly Problem[];
  /** Same as {@link evaluate}, with this evaluator's set. */
  evaluate(dataset: Dataset, options: RunOptions): Promise<EvaluationResult>;
  /** Same as {@link evaluateSync}, with this evaluator's set. */
  evaluateSync(dataset: Dataset, options: RunOptions): EvaluationResult;
}

/**
 * Validate and resolve a criteria set once, for many evaluations. The compiled form is kept per
 * evaluation date (parameters are resolved at that date). Throws `CnscdError('CRITERIA_SET_INVALID')`
 * with every problem when the set cannot be used.
 *
 * @example
 * ```ts
 * const evaluator = createEvaluator(criteriaSet, { registry });
 * for (const dataset of districts) {
 *   const result = evaluator.evaluateSync(dataset, { period: '2025', explain: false });
 * }
 * ```
 */
export function createEvaluator(criteriaSet: CriteriaSet | ResolvedCriteriaSet, options: SetOptions = {}): Evaluator {
  const ps = prepareSet(criteriaSet, options);
  const run = (o: RunOptions): EvaluateOptions => {
    requireOptions(o);
    return { ...o, registry: ps.registry };
  };
  return {
    criteriaSet: ps.set,
    problems: ps.problems,
    evaluate: async (dataset, o) => (o?.engine === 'reference' ? runReference(dataset, ps, run(o)) : runCompiled(dataset, ps, run(o))),
    evaluateSync: (dataset, o) => {
      if (o?.engine === 'reference') {
        throw new CnscdError('INVALID_ARGUMENT', 'evaluateSync runs the compiled engine only; use evaluate() for the reference engine.');
      }
      return runCompiled(dataset, ps, run(o));
    },
  };
}

/**
 * Evaluate every subject of a dataset (teams, or org units of one level) against a criteria set, for a
 * period, and roll the results up the hierarchy.
 *
 * Returns scores, ratings and, per criterion, points, status and (in explain mode, the default) the
 * condition tree with each fact's actual and expected value and a one-line reason in Vietnamese and
 * English. Dataset integrity problems and data-quality warnings are returned in `problems`, not thrown;
 * a criterion whose evaluation throws is reported as `error` and the others still count. Throws
 * `CnscdError` only when an input cannot be used at all (`CRITERIA_SET_INVALID`, `DATASET_INVALID`,
 * `INVALID_PERIOD`). To run one set many times, use {@link createEvaluator}.
 *
 * @example
 * ```ts
 * import { evaluate } from '@cnscd/core';
 * const result = await evaluate(dataset, criteriaSet, { period: '2025-01..2025-12' });
 * for (const s of result.subjects) {
 *   console.log(s.subject.id, s.score, s.rating?.label.en);
 *   for (const c of s.criteria) console.log(' ', c.id, c.status, c.reason?.en);
 * }
 * ```
 */
export async function evaluate(
  dataset: Dataset,
  criteriaSet: CriteriaSet | ResolvedCriteriaSet,
  options: EvaluateOptions,
): Promise<EvaluationResult> {
  requireOptions(options);
  return createEvaluator(criteriaSet, options).evaluate(dataset, options);
}

/**
 * {@link evaluate} with the compiled engine, synchronously. Same result as `evaluate(..., {engine:
 * 'compiled'})`; `explain: false` skips explanations and reasons for speed.
 *
 * @example
 * ```ts
 * const fast = evaluateSync(dataset, criteriaSet, { period: '2025', explain: false, rollup: false });
 * ```
 */
export function evaluateSync(dataset: Dataset, criteriaSet: CriteriaSet | ResolvedCriteriaSet, options: EvaluateOptions): EvaluationResult {
  requireOptions(options);
  return createEvaluator(criteriaSet, options).evaluateSync(dataset, options);
}

function requireOptions(options: EvaluateOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new CnscdError('INVALID_ARGUMENT', 'evaluate(dataset, criteriaSet, options): options with a period are required.');
  }
}

function runCompiled(dataset: Dataset, ps: PreparedSet, options: EvaluateOptions): EvaluationResult {
  const p = prepare(dataset, ps, options);
  const observations = new Observations();
  const scoring = new SubjectScoring(p.compiled, p.registry, p.tiersDesc, observations, options.explain ?? true);
  const results: SubjectResult[] = [];
  // Facts for a batch of subjects, then the batch scored criterion by criterion (see scoring.ts).
  for (let start = 0; start < p.subjects.length; start += BATCH_SIZE) {
    const batch = p.subjects.slice(start, start + BATCH_SIZE);
    const rows = batch.map((subject) => computeFacts(p.compiled, p.registry, p.index, subject, p.period, observations));
    for (const r of scoring.scoreMany(batch.map(subjectInfo), rows)) results.push(r);
  }
  return finish(p, results, 'compiled', options, observations);
}

async function runReference(dataset: Dataset, ps: PreparedSet, options: EvaluateOptions): Promise<EvaluationResult> {
  const p = prepare(dataset, ps, options);
  const explain = options.explain ?? true;
  const observations = new Observations();
  // Loaded on first use: json-rules-engine (and its jsonpath-plus) is needed only by this engine.
  const { ReferenceRunner } = await import('./reference.js');
  const runner = new ReferenceRunner(p.compiled, p.registry);
  const results: SubjectResult[] = [];
  for (const subject of p.subjects) {
    const row = computeFacts(p.compiled, p.registry, p.index, subject, p.period, observations);
    const criteria: CriterionResult[] = [];
    for (const cc of p.compiled.criteria) {
      let check: CheckFn;
      try {
        check = await runner.check(cc, p.compiled, row, explain);
      } catch (e) {
        // json-rules-engine rejected (e.g. a plugin operator threw): only this criterion errors.
        const message = e instanceof Error ? e.message : String(e);
        check = () => {
          throw e instanceof Error ? e : new Error(message);
        };
      }
      criteria.push(scoreCriterion(cc, row, check, explain, p.registry, p.compiled, observations));
    }
    results.push(totalSubject(subjectInfo(subject), criteria, p.tiersDesc));
  }
  return finish(p, results, 'reference', options, observations);
}
