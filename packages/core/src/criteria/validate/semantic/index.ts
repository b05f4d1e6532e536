/**
 * Step 4 of criteria-set validation: semantic checks on the resolved set, against the plugin registry.
 * A problem in a criterion, parameter, rating list… points into the set the resolved item came from:
 * into the document itself when it is its own, otherwise into the base, with `params.source`.
 */
import semver from 'semver';
import { pointer, problem } from '../../../errors.js';
import type { ErrorCode, LocalizedText, Problem, Severity } from '../../../errors.js';
import { isDate } from '../../../internal/dates.js';
import { suggest } from '../../../internal/suggest.js';
import { criteriaText as text } from '../../../messages/problems-criteria.js';
import { TASKS } from '../../../model/types.js';
import type { Registered, Registry } from '../../../plugin/registry.js';
import type { FactDefinition, SubjectKind } from '../../../plugin/types.js';
import { isSafePath } from '../../path.js';
import type { ResolvedCriteriaSet } from '../../types.js';
import { CRITERIA_SET_LIMITS } from '../../schema.js';
import { describeAjvError } from '../shape.js';
import { isFiniteNumber, isObj, own, rawArray, rawObj, report, withSuggestion, type ChainLink, type Loc, type Obj } from '../helpers.js';
import { DATE_SHAPE } from '../authored.js';
import { MAX_PROBLEMS } from '../helpers.js';
import { NUMBER, POSITIVE, operatorRequirement, unmet, type ParamUse, type Requirement } from './requirements.js';

const LIMITS = CRITERIA_SET_LIMITS;
/** Scorer-option errors reported per criterion. */
const MAX_OPTION_PROBLEMS = 20;

/** The semantic checks (step 4) on the resolved set, with pointers back to where each item was authored. */
export class SemanticChecker {
  private readonly subjectKind: SubjectKind | undefined;
  private readonly paramUses: ParamUse[] = [];

  constructor(
    private readonly registry: Registry,
    private readonly chain: readonly ChainLink[],
    private readonly view: ResolvedCriteriaSet,
    /** The extends chain is broken: skip checks that need the base. */
    private readonly partial: boolean,
    private readonly problems: Problem[],
  ) {
    const kind = isObj(view.subject) ? own(view.subject, 'kind') : undefined;
    this.subjectKind = kind === 'team' || kind === 'orgUnit' ? kind : undefined;
  }

  run(): void {
    this.checkRequires();
    this.checkParameters();
    this.checkRatings();
    this.checkCriteria();
    this.checkParameterUses();
  }

  // ── where things came from ──

  /** The child-most set in the chain whose own `key` satisfies `has`. */
  private origin(has: (raw: Obj) => boolean): ChainLink {
    return this.chain.find((link) => has(link.raw)) ?? this.chain[0]!;
  }
  private locOf(prefix: string, link: ChainLink): Loc {
    return { prefix, source: link.source };
  }
  /** The criteria with this id, as authored in the child-most set that has one, with their locations. */
  private authored(id: string): [Obj, Loc][] {
    for (const link of this.chain) {
      const found: [Obj, Loc][] = [];
      rawArray(link.raw, 'criteria').forEach((c, i) => {
        if (isObj(c) && own(c, 'id') === id) found.push([c, this.locOf(`/criteria/${i}`, link)]);
      });
      if (found.length > 0) return found;
    }
    return [];
  }
  private parameterLoc(name: string): Loc {
    const link = this.origin((raw) => rawObj(raw, 'parameters') !== undefined && Object.hasOwn(rawObj(raw, 'parameters')!, name));
    return this.locOf(pointer('parameters', name), link);
  }

  /**
   * A "did you mean" for `name`, while the problems found may still be listed: past twice the listing's
   * length, problems are only counted, and a set with 20,000 misspelt facts must not pay for 20,000
   * edit-distance searches.
   */
  private suggest(name: string, candidates: Iterable<string>): string | undefined {
    return this.problems.length < 2 * MAX_PROBLEMS ? suggest(name, candidates) : undefined;
  }

  private emit(
    code: ErrorCode,
    loc: Loc,
    suffix: ReadonlyArray<string | number>,
    message: LocalizedText,
    params?: Record<string, unknown>,
    severity?: Severity,
  ): void {
    report(this.problems, code, loc, suffix, message, params, severity);
  }

  // ── requires ──

  private checkRequires(): void {
    for (const [name, range] of Object.entries(this.view.requires)) {
      if (typeof range !== 'string') continue;
      const link = this.origin((raw) => Object.hasOwn(rawObj(raw, 'requires') ?? {}, name));
      const loc = this.locOf(pointer('requires', name), link);
      if (semver.validRange(range) === null) {
        this.emit('SCHEMA_VIOLATION', loc, [], text('notASemverRange', { range }), { plugin: name, range });
        continue;
      }
      const version = this.registry.pluginVersion(name);
      if (version === undefined) {
        const hint = this.suggest(
          name,
          this.registry.plugins.map((p) => p.name),
        );
        this.emit(
          'MISSING_PLUGIN',
          loc,
          [],
          text('missingPlugin', { plugin: name, range, suggestion: hint }),
          withSuggestion({ plugin: name, range }, hint),
        );
      } else if (!semver.satisfies(version, range, { includePrerelease: true })) {
        this.emit('INCOMPATIBLE_PLUGIN', loc, [], text('incompatiblePlugin', { plugin: name, range, version }), { plugin: name, range, version });
      }
    }
  }

  // ── parameters ──

  private checkParameters(): void {
    for (const [name, def] of Object.entries(this.view.parameters as Readonly<Record<string, unknown>>)) {
      if (!isObj(def)) continue;
      const loc = this.parameterLoc(name);
      const hasValue = Object.hasOwn(def, 'value');
      const schedule = own(def, 'schedule');
      if (hasValue && schedule !== undefined) {
        this.emit('PARAMETER_SCHEDULE', loc, [], text('valueAndSchedule', { name }), { parameter: name });
      } else if (!hasValue && schedule === undefined) {
        this.emit('PARAMETER_SCHEDULE', loc, [], text('neitherValueNorSchedule', { name }), { parameter: name });
      }
      if (!Array.isArray(schedule)) continue;
      let previous: string | undefined;
      schedule.forEach((entry, k) => {
        const from = isObj(entry) ? own(entry, 'from') : undefined;
        if (typeof from !== 'string' || !DATE_SHAPE.test(from)) return; // the schema says so
        if (!isDate(from)) {
          this.emit('PARAMETER_SCHEDULE', loc, ['schedule', k, 'from'], text('notACalendarDate', { value: from }), { parameter: name, from });
          return;
        }
        if (previous !== undefined && from <= previous) {
          this.emit('PARAMETER_SCHEDULE', loc, ['schedule', k, 'from'], text('scheduleOrder', { name, from, previous }), {
            parameter: name,
            from,
            previous,
          });
        }
        previous = from;
      });
    }
  }

  /** A `{param}` reference: report an undeclared name, remember the use for the type check. */
  private paramRef(value: unknown, loc: Loc, suffix: ReadonlyArray<string | number>, req: Requirement | undefined): boolean {
    if (!isObj(value) || typeof own(value, 'param') !== 'string') return false;
    const name = own(value, 'param') as string;
    if (!Object.hasOwn(this.view.parameters, name)) {
      if (!this.partial) {
        const hint = this.suggest(name, Object.keys(this.view.parameters));
        this.emit(
          'UNKNOWN_PARAMETER',
          loc,
          [...suffix, 'param'],
          text('noSuchParameter', { name, suggestion: hint }),
          withSuggestion({ parameter: name }, hint),
        );
      }
    } else if (req !== undefined) {
      this.paramUses.push({ name, req, usedAt: loc.prefix + pointer(...suffix) });
    }
    return true;
  }

  private checkParameterUses(): void {
    for (const use of this.paramUses) {
      const def = this.view.parameters[use.name] as unknown;
      if (!isObj(def)) continue;
      const loc = this.parameterLoc(use.name);
      const values: [ReadonlyArray<string | number>, unknown][] = [];
      if (Object.hasOwn(def, 'value')) values.push([['value'], own(def, 'value')]);
      rawArray(def, 'schedule').forEach((entry, k) => {
        if (isObj(entry) && Object.hasOwn(entry, 'value')) values.push([['schedule', k, 'value'], own(entry, 'value')]);
      });
      for (const [suffix, v] of values) {
        const why = unmet(v, use.req);
        if (why === undefined) continue;
        this.emit('PARAMETER_TYPE', loc, suffix, text('parameterType', { name: use.name, need: why }), {
          parameter: use.name,
          usedAt: use.usedAt,
          expected: use.req.text.en,
        });
      }
    }
  }

  // ── ratings ──

  private checkRatings(): void {
    const ratings = this.view.ratings as readonly unknown[];
    if (!Array.isArray(ratings) || ratings.length === 0) return;
    const link = this.origin((raw) => Array.isArray(own(raw, 'ratings')));
    const loc = this.locOf('/ratings', link);
    const ids = new Map<string, number>();
    const mins = new Map<number, number>();
    let hasZero = false;
    ratings.forEach((tier, k) => {
      if (!isObj(tier)) return;
      const id = own(tier, 'id');
      const min = own(tier, 'minPercent');
      if (typeof id === 'string') {
        const first = ids.get(id);
        if (first !== undefined) {
          this.emit('DUPLICATE_RATING', loc, [k, 'id'], text('duplicateRatingId', { id, first }), { id, first: `${loc.prefix}/${first}` });
        } else ids.set(id, k);
      }
      if (isFiniteNumber(min)) {
        if (min === 0) hasZero = true;
        const first = mins.get(min);
        if (first !== undefined) {
          this.emit('DUPLICATE_RATING', loc, [k, 'minPercent'], text('duplicateRatingThreshold', { min, first }), {
            minPercent: min,
            first: `${loc.prefix}/${first}`,
          });
        } else mins.set(min, k);
      }
    });
    if (!hasZero) {
      this.emit('RATING_GAP', loc, [], text('noTierAtZero', {}));
    }
  }

  // ── criteria ──

  private checkCriteria(): void {
    let sum = 0;
    if (this.view.criteria.length > LIMITS.criteria) {
      this.emit('INPUT_TOO_LARGE', { prefix: '/criteria', source: undefined }, [], text('tooManyCriteria', { limit: LIMITS.criteria }), {
        limit: LIMITS.criteria,
        count: this.view.criteria.length,
      });
    }
    for (const resolved of this.view.criteria as readonly unknown[]) {
      if (!isObj(resolved)) continue;
      const maxPoints = own(resolved, 'maxPoints');
      if (isFiniteNumber(maxPoints)) sum += maxPoints;
      // Every criterion with this id in the set that provides it: a duplicate (already an error) must not
      // hide the problems of the one it shadows.
      for (const [c, loc] of this.authored(own(resolved, 'id') as string)) {
        const max = own(c, 'maxPoints');
        if (own(c, 'applicableWhen') !== undefined) this.checkCondition(own(c, 'applicableWhen'), loc, ['applicableWhen']);
        const scoring = own(c, 'scoring');
        if (isObj(scoring)) this.checkScoring(scoring, isFiniteNumber(max) ? max : undefined, loc);
      }
    }

    const total = this.view.totalPoints;
    if (!this.partial && isFiniteNumber(total) && Math.abs(total - sum) > 1e-9 * Math.max(1, total)) {
      const link = this.origin((raw) => own(raw, 'totalPoints') !== undefined);
      this.emit('POINTS_MISMATCH', this.locOf('/totalPoints', link), [], text('totalPointsMismatch', { sum, total }), { totalPoints: total, sum });
    }
  }

  private checkScoring(scoring: Obj, maxPoints: number | undefined, loc: Loc): void {
    switch (own(scoring, 'type')) {
      case 'pass':
        if (own(scoring, 'when') !== undefined) this.checkCondition(own(scoring, 'when'), loc, ['scoring', 'when']);
        return;
      case 'ratio': {
        this.checkNumericFact(scoring, loc);
        const target = own(scoring, 'target');
        this.paramRef(target, loc, ['scoring', 'target'], POSITIVE);
        const floor = own(scoring, 'floor');
        if (floor !== undefined) this.paramRef(floor, loc, ['scoring', 'floor'], NUMBER);
        return;
      }
      case 'steps':
        this.checkNumericFact(scoring, loc);
        this.checkSteps(rawArray(scoring, 'steps'), maxPoints, loc);
        return;
      case 'scorer':
        this.checkScorer(scoring, loc);
        return;
      default:
        return; // the schema reports it
    }
  }

  private checkSteps(steps: readonly unknown[], maxPoints: number | undefined, loc: Loc): void {
    let previousMin: number | undefined;
    let previousPoints: number | undefined;
    steps.forEach((step, k) => {
      if (!isObj(step)) return;
      const rawMin = own(step, 'min');
      this.paramRef(rawMin, loc, ['scoring', 'steps', k, 'min'], NUMBER);
      const min = isFiniteNumber(rawMin) ? rawMin : this.constantNumber(rawMin);
      const points = own(step, 'points');
      if (min !== undefined) {
        if (previousMin !== undefined && min <= previousMin) {
          this.emit('STEPS_NOT_ORDERED', loc, ['scoring', 'steps', k, 'min'], text('stepsNotAscending', { min, previous: previousMin }), {
            min,
            previous: previousMin,
          });
        }
        previousMin = min;
      }
      if (!isFiniteNumber(points)) return;
      if (previousPoints !== undefined && points < previousPoints) {
        this.emit('STEPS_NOT_ORDERED', loc, ['scoring', 'steps', k, 'points'], text('stepPointsDecrease', { points, previous: previousPoints }), {
          points,
          previous: previousPoints,
        });
      }
      previousPoints = points;
      if (maxPoints !== undefined && points > maxPoints) {
        this.emit('POINTS_MISMATCH', loc, ['scoring', 'steps', k, 'points'], text('stepAboveMax', { points, maxPoints }), { points, maxPoints });
      } else if (maxPoints !== undefined && k === steps.length - 1 && points < maxPoints) {
        this.emit(
          'POINTS_MISMATCH',
          loc,
          ['scoring', 'steps', k, 'points'],
          text('topStepBelowMax', { points, maxPoints }),
          { points, maxPoints },
          'warning',
        );
      }
    });
  }

  /** A `{param}` whose value is a constant number (for ordering steps); schedules are not compared. */
  private constantNumber(value: unknown): number | undefined {
    if (!isObj(value) || typeof own(value, 'param') !== 'string') return undefined;
    const def = own(this.view.parameters as Obj, own(value, 'param') as string);
    const v = isObj(def) ? own(def, 'value') : undefined;
    return isFiniteNumber(v) ? v : undefined;
  }

  private checkScorer(scoring: Obj, loc: Loc): void {
    const id = own(scoring, 'scorer');
    if (typeof id !== 'string') return;
    const scorer = this.registry.scorers.get(id);
    if (scorer === undefined) {
      const hint = this.suggest(id, this.registry.scorers.keys());
      this.emit(
        'UNKNOWN_SCORER',
        loc,
        ['scoring', 'scorer'],
        text('noSuchScorer', { scorer: id, suggestion: hint }),
        withSuggestion({ scorer: id }, hint),
      );
      return;
    }
    const rawOptions = own(scoring, 'options');
    if (rawOptions !== undefined && !isObj(rawOptions)) return; // the schema reports it
    const options = rawOptions ?? {};
    if (!scorer.validateOptions(options)) {
      const base = loc.prefix + pointer('scoring', 'options');
      for (const e of (scorer.validateOptions.errors ?? []).slice(0, MAX_OPTION_PROBLEMS)) {
        const d = describeAjvError(e, base);
        this.problems.push(
          problem(
            'INVALID_SCORER_OPTIONS',
            d.path,
            text('scorerOptions', { scorer: id, problem: d.message }),
            loc.source === undefined ? { scorer: id, ...d.params } : { scorer: id, ...d.params, source: loc.source },
          ),
        );
      }
      return;
    }
    // Facts the scorer will read, pointed at the option that names them when there is one.
    let facts: readonly unknown[] = [];
    try {
      const declared = scorer.def.facts;
      facts = typeof declared === 'function' ? declared(options) : (declared ?? []);
    } catch {
      facts = [];
    }
    for (const fact of facts) {
      if (typeof fact !== 'string') continue;
      const key = Object.keys(options).find((k) => options[k] === fact);
      this.checkFactRef(fact, loc, key === undefined ? ['scoring', 'options'] : ['scoring', 'options', key]);
    }
    // By convention (the core `linear` scorer) `fact` + `path` options name a value inside an object fact.
    const path = own(options, 'path');
    if (typeof path === 'string') {
      const factId = own(options, 'fact');
      const fact = typeof factId === 'string' ? this.registry.facts.get(factId) : undefined;
      this.checkPath(fact, path, loc, ['scoring', 'options', 'path']);
    }
  }

  // ── facts, paths, conditions ──

  private checkFactRef(id: string, loc: Loc, suffix: ReadonlyArray<string | number>): Registered<FactDefinition<unknown>> | undefined {
    const fact = this.registry.facts.get(id);
    if (fact === undefined) {
      const hint = this.suggest(id, this.registry.facts.keys());
      this.emit('UNKNOWN_FACT', loc, suffix, text('noSuchFact', { fact: id, suggestion: hint }), withSuggestion({ fact: id }, hint));
      return undefined;
    }
    if (this.subjectKind !== undefined && !fact.def.subjects.includes(this.subjectKind)) {
      this.emit('FACT_NOT_FOR_SUBJECT', loc, suffix, text('factNotForSubject', { fact: id, subject: this.subjectKind }), {
        fact: id,
        subject: this.subjectKind,
        subjects: fact.def.subjects,
      });
    }
    return fact;
  }

  private unsafePath(path: string, loc: Loc, suffix: ReadonlyArray<string | number>): void {
    this.emit('UNSAFE_PATH', loc, suffix, text('unsafePath', {}), { path });
  }

  /** Check `path` on `fact`: grammar, object fact, first key among the fact's path keys. */
  private checkPath(fact: Registered<FactDefinition<unknown>> | undefined, path: string, loc: Loc, suffix: ReadonlyArray<string | number>): void {
    if (!isSafePath(path)) {
      this.unsafePath(path, loc, suffix);
      return;
    }
    if (fact === undefined) return;
    const id = fact.def.id;
    if (fact.def.type !== 'object') {
      this.emit('UNKNOWN_FACT', loc, suffix, text('pathOnNonObject', { fact: id, type: fact.def.type, path }), {
        fact: id,
        path,
        reason: 'notObject',
      });
      return;
    }
    const known = this.pathKeys(fact.def);
    if (known === undefined) return;
    const key = (path.startsWith('$.') ? path.slice(2) : path).split('.')[0]!;
    if (known.keys.includes(key)) return;
    const hint = this.suggest(key, known.keys);
    if (known.open) {
      // Datasets may declare metrics and ratios of their own, so an unknown one is only a warning.
      this.emit(
        'UNKNOWN_FACT',
        loc,
        suffix,
        text('unknownPathKeyOpen', { fact: id, key, suggestion: hint }),
        withSuggestion({ fact: id, path, key }, hint),
        'warning',
      );
      return;
    }
    this.emit(
      'UNKNOWN_FACT',
      loc,
      suffix,
      text('unknownPathKey', { fact: id, key, suggestion: hint }),
      withSuggestion({ fact: id, path, key }, hint),
    );
  }

  /**
   * The keys a path into `fact` may start with, and whether a dataset may add more (metrics and ratios);
   * undefined when they are data (levels) or not declared.
   */
  private pathKeys(fact: FactDefinition<unknown>): { readonly keys: readonly string[]; readonly open: boolean } | undefined {
    const keys = fact.pathKeys;
    if (keys === undefined) return undefined;
    if (typeof keys !== 'string') return { keys, open: false };
    const metrics = (kind?: 'activity' | 'area'): string[] =>
      [...this.registry.metrics.values()].filter((m) => kind === undefined || m.def.kind === kind).map((m) => m.def.id);
    switch (keys) {
      case 'activityMetrics':
        return { keys: metrics('activity'), open: true };
      case 'areaMetrics':
        return { keys: metrics('area'), open: true };
      case 'metrics':
        return { keys: metrics(), open: true };
      case 'ratios':
        return { keys: [...this.registry.ratios.keys()], open: true };
      case 'tasks':
        return { keys: TASKS, open: false };
      default:
        return undefined; // 'levels': levels are data, not known when authoring
    }
  }

  private checkNumericFact(scoring: Obj, loc: Loc): void {
    const id = own(scoring, 'fact');
    if (typeof id !== 'string') return;
    const fact = this.checkFactRef(id, loc, ['scoring', 'fact']);
    const path = own(scoring, 'path');
    if (typeof path === 'string') this.checkPath(fact, path, loc, ['scoring', 'path']);
    if (fact === undefined) return;
    const type = fact.def.type;
    if (type === 'number' || (type === 'object' && typeof path === 'string')) return;
    this.emit(
      'SCHEMA_VIOLATION',
      loc,
      ['scoring', 'fact'],
      type === 'object'
        ? text('objectFactNeedsPath', { fact: id })
        : text('factNotNumeric', { scoring: String(own(scoring, 'type')), fact: id, type }),
      { fact: id, type, reason: 'factNotNumeric' },
    );
  }

  private checkCondition(root: unknown, loc: Loc, rootSuffix: ReadonlyArray<string | number>): void {
    // Iterative and bounded: trees past the limits were reported by the pre-walk.
    const stack: { node: unknown; suffix: ReadonlyArray<string | number>; depth: number }[] = [{ node: root, suffix: rootSuffix, depth: 1 }];
    let nodes = 0;
    while (stack.length > 0 && nodes++ < LIMITS.conditionNodes) {
      const { node, suffix, depth } = stack.pop()!;
      if (!isObj(node) || depth > LIMITS.conditionDepth) continue;
      let group = false;
      for (const key of ['all', 'any'] as const) {
        const list = own(node, key);
        if (!Array.isArray(list)) continue;
        group = true;
        if (list.length === 0) {
          this.emit('EMPTY_GROUP', loc, [...suffix, key], text('emptyGroup', { group: key }), { group: key });
        }
        for (let i = list.length - 1; i >= 0; i--) stack.push({ node: list[i], suffix: [...suffix, key, i], depth: depth + 1 });
      }
      if (own(node, 'not') !== undefined) {
        group = true;
        stack.push({ node: own(node, 'not'), suffix: [...suffix, 'not'], depth: depth + 1 });
      }
      if (!group && typeof own(node, 'fact') === 'string') this.checkLeaf(node, loc, suffix);
    }
  }

  private checkLeaf(node: Obj, loc: Loc, suffix: ReadonlyArray<string | number>): void {
    const factId = own(node, 'fact') as string;
    const fact = this.checkFactRef(factId, loc, [...suffix, 'fact']);
    const path = own(node, 'path');
    if (typeof path === 'string') this.checkPath(fact, path, loc, [...suffix, 'path']);

    const opId = own(node, 'operator');
    if (typeof opId !== 'string') return;
    const op = this.registry.operators.get(opId)?.def;
    if (op === undefined) {
      const hint = this.suggest(opId, this.registry.operators.keys());
      this.emit(
        'UNKNOWN_OPERATOR',
        loc,
        [...suffix, 'operator'],
        text('noSuchOperator', { operator: opId, suggestion: hint }),
        withSuggestion({ operator: opId }, hint),
      );
    }
    // The fact's type is known only without a path (the values inside an object fact are not typed).
    const factType = path === undefined ? fact?.def.type : undefined;
    if (op?.factTypes !== undefined && factType !== undefined && !op.factTypes.includes(factType)) {
      this.emit(
        'SCHEMA_VIOLATION',
        loc,
        [...suffix, 'operator'],
        text('operatorFactType', { operator: opId, fact: factId, accepts: op.factTypes, type: factType }),
        { operator: opId, fact: factId, factType, expected: op.factTypes, reason: 'operatorFactType' },
      );
    }

    const value = own(node, 'value');
    const req = operatorRequirement(opId, op, this.registry.operators.get(opId)?.validateValue);
    if (this.paramRef(value, loc, [...suffix, 'value'], req) || req === undefined || value === undefined || isObj(value)) {
      return; // an object that is not {param} is a schema violation, already reported
    }
    const why = unmet(value, req);
    if (why !== undefined) {
      this.emit('SCHEMA_VIOLATION', loc, [...suffix, 'value'], text('operatorValue', { operator: opId, need: why }), {
        operator: opId,
        expected: req.text.en,
        reason: 'operatorValue',
      });
    }
  }
}
