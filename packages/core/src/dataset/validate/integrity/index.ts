/**
 * Pass 3 of dataset validation, integrity across records: ids, references, cycles, levels, metrics,
 * dates and duplicates, in single passes over Maps and typed arrays. With `proving`, it also proves each
 * record of the large arrays against the schema as it reads it (the fast path, `../fast-path.ts`).
 */
import { problem, type ErrorCode, type LocalizedText } from '../../../errors.js';
import { suggest } from '../../../internal/suggest.js';
import { render } from '../../../messages/define.js';
import { DATASET_MESSAGES, type DatasetMessageParams } from '../../../messages/problems-dataset.js';
import { DATASET_LIMITS } from '../../../model/dataset-schema.js';
import { checkTeamLevels } from '../../../model/level-check.js';
import { checkLineage } from '../../../model/lineage-check.js';
import { DEFAULT_LEVELS } from '../../../model/types.js';
import type { Dataset, Member, MetricDefinition, Team } from '../../../model/types.js';
import type { ProblemCollector } from '../../../problems/cap.js';
import {
  NO_ITEMS,
  isId,
  isIndicatorRecord,
  isMetricIdString,
  isMonthString,
  isOpaqueId,
  isOrgUnitRecord,
  isReportRecord,
  isTeamRecord,
  looksPersonal,
} from '../fast-path.js';
import { KEY_FORBIDDEN, KEY_PERSONAL, KEY_PERSONAL_NUMBER, classifyKey } from '../scan.js';
import type { DatasetValidationOptions } from '../index.js';
import {
  BUILTIN_COVERAGE,
  BUILTIN_METRIC_DEFS,
  BUILTIN_METRIC_SOURCES,
  BUILTIN_RATIO_DEFS,
  BUILTIN_RATIO_SOURCES,
  Layered,
  clash,
  coveragePairs,
  duplicate,
  register,
} from './catalog.js';
import { findCycles } from './cycles.js';
import { FirstIndexByKey, MONTHS_IN_10000_YEARS, PERIODS_IN_10000_YEARS, isFineRange, isRealDate, monthNumber, periodNumber } from './keys.js';

/** A message of the dataset catalogue. */
const text = <K extends keyof DatasetMessageParams>(key: K, params: DatasetMessageParams[K]): LocalizedText => render(DATASET_MESSAGES, key, params);

// ── pass 3: integrity ────────────────────────────────────────────────────────

interface TeamInfo {
  readonly index: number;
  readonly team: Team;
  readonly members: readonly Member[];
  /** Establishment month ({@link monthNumber}) if the date is real, else -Infinity. */
  readonly firstMonth: number;
  /** Disbanding month if there is one and it is real, else Infinity. */
  readonly lastMonth: number;
}

const NO_MEMBERS: readonly Member[] = [];

/** Bits of a metric id in `checkIntegrity`: a catalog metric of each kind; a key the schema and the scan accept. */
const METRIC_ACTIVITY = 1;
const METRIC_AREA = 2;
const METRIC_KEY_OK = 4;

/** The index of the first member with this id, or -1. */
function memberSlot(members: readonly Member[], id: string): number {
  for (let k = 0; k < members.length; k++) if (members[k]!.id === id) return k;
  return -1;
}

/**
 * The integrity checks, on a document the schema accepts. With `proving`, the schema is not known to
 * accept the records of the large arrays yet: each is proven as it is read (see the fast path above), and
 * the answer is false, the problems found so far meaningless, as soon as one cannot be.
 */
export function checkIntegrity(dataset: Dataset, options: DatasetValidationOptions, problems: ProblemCollector, proving: boolean): boolean {
  const add = (code: ErrorCode, path: string, message: LocalizedText, params?: Record<string, unknown>): void => {
    problems.add(problem(code, path, message, params));
  };

  /** A real calendar date? Reports the impossible ones (2025-02-30) at `path`. */
  const realDate = (value: string, path: string): boolean => {
    if (isRealDate(value)) return true;
    add('INVALID_DATE_RANGE', path, text('notACalendarDate', { value }), { value });
    return false;
  };
  /**
   * The optional start and end dates of the record at `base` (a pointer): both real, the end not before
   * the start. Callers check {@link isFineRange} first, so the pointer is built only for a fault.
   */
  const dateRange = (base: string, fromKey: string, from: string | undefined, toKey: string, to: string | undefined): void => {
    const fromOk = from !== undefined && realDate(from, `${base}/${fromKey}`);
    const toOk = to !== undefined && realDate(to, `${base}/${toKey}`);
    if (fromOk && toOk && to < from) {
      add('INVALID_DATE_RANGE', `${base}/${toKey}`, text('endBeforeStart', { from, to }), { from, to });
    }
  };

  // ── levels ──
  const levels = dataset.levels ?? DEFAULT_LEVELS;
  const levelRank = new Map<string, number>();
  levels.forEach((level, i) => {
    const first = levelRank.get(level.id);
    if (first === undefined) levelRank.set(level.id, i);
    else duplicate(add, `/levels/${i}/id`, `/levels/${first}/id`, level.id, 'level');
  });
  const levelIds = [...levelRank.keys()];
  const checkLevel = (level: string, path: () => string): number | undefined => {
    const rank = levelRank.get(level);
    if (rank !== undefined) return rank;
    const suggestion = suggest(level, levelIds);
    add(
      'UNKNOWN_LEVEL',
      path(),
      text('unknownLevel', { level, levels: levelIds, suggestion }),
      suggestion === undefined ? { level, levels: levelIds } : { level, levels: levelIds, suggestion },
    );
    return undefined;
  };

  // ── window ──
  const window = dataset.window;
  if (window !== undefined && window.to < window.from) {
    add('INVALID_DATE_RANGE', '/window/to', text('windowReversed', { from: window.from, to: window.to }), { from: window.from, to: window.to });
  }

  // ── metric and ratio catalog ──
  // The built-in maps (made once, below) under this validation's plugin and dataset definitions.
  const metricDefs = new Layered(BUILTIN_METRIC_DEFS);
  const metricSource = new Layered(BUILTIN_METRIC_SOURCES);
  for (const m of options.metrics ?? []) register(metricDefs, metricSource, m, 'plugin');
  (dataset.metrics ?? []).forEach((m, i) => {
    const source = metricSource.get(m.id);
    if (source === undefined) register(metricDefs, metricSource, m, `/metrics/${i}/id`);
    else clash(add, `/metrics/${i}/id`, m.id, source, 'metric');
  });
  const ratioDefs = new Layered(BUILTIN_RATIO_DEFS);
  const ratioSource = new Layered(BUILTIN_RATIO_SOURCES);
  for (const r of options.ratios ?? []) register(ratioDefs, ratioSource, r, 'plugin');
  (dataset.ratios ?? []).forEach((r, i) => {
    const source = ratioSource.get(r.id);
    if (source !== undefined) {
      clash(add, `/ratios/${i}/id`, r.id, source, 'ratio');
      return;
    }
    let usable = true;
    for (const side of ['numerator', 'denominator'] as const) {
      const id = r[side];
      const def = metricDefs.get(id);
      const path = `/ratios/${i}/${side}`;
      if (def === undefined) {
        usable = false;
        const suggestion = suggest(id, metricDefs.keys());
        add(
          'DANGLING_REFERENCE',
          path,
          text('noSuchMetric', { metric: id, suggestion }),
          suggestion === undefined ? { metric: id } : { metric: id, suggestion },
        );
      } else if (def.kind !== 'area') {
        usable = false;
        add('UNKNOWN_METRIC', path, text('ratioOverActivity', { metric: id }), { metric: id, kind: def.kind, expectedKind: 'area' });
      }
    }
    if (usable) register(ratioDefs, ratioSource, r, `/ratios/${i}/id`);
  });

  /**
   * Message and params of an UNKNOWN_METRIC problem, one per metric id and row kind: problems are
   * immutable, so the thousands of reports that misspell the same metric share them (and the suggestion
   * is computed once).
   */
  const metricProblems = new Map<string, { readonly message: LocalizedText; readonly params: Record<string, unknown> }>();
  const metricProblem = (id: string, kind: 'activity' | 'area', def: MetricDefinition | undefined) => {
    const cacheKey = `${kind}\u0000${id}`;
    let found = metricProblems.get(cacheKey);
    if (found === undefined) {
      if (def === undefined) {
        const suggestion = suggest(id, metricDefs.keys());
        found = {
          message: text('unknownMetric', { metric: id, suggestion }),
          params: suggestion === undefined ? { metric: id } : { metric: id, suggestion },
        };
      } else {
        found = {
          message: text('metricInWrongRow', { metric: id, kind: def.kind, row: kind }),
          params: { metric: id, kind: def.kind, expectedKind: kind },
        };
      }
      metricProblems.set(cacheKey, found);
    }
    return found;
  };
  /**
   * Metric id → METRIC_* bits: what the catalog says and whether the schema and the scan accept the id
   * as a key. Ids repeat millions of times; a document full of distinct ones cannot grow the map past
   * 10,000 entries.
   */
  const metricClasses = new Map<string, number>();
  const metricClass = (id: string): number => {
    let bits = metricClasses.get(id);
    if (bits === undefined) {
      const kind = metricDefs.get(id)?.kind;
      bits = kind === 'activity' ? METRIC_ACTIVITY : kind === 'area' ? METRIC_AREA : 0;
      if (isMetricIdString(id) && (classifyKey(id) & (KEY_FORBIDDEN | KEY_PERSONAL | KEY_PERSONAL_NUMBER)) === 0) bits |= METRIC_KEY_OK;
      if (metricClasses.size < 10_000) metricClasses.set(id, bits);
    }
    return bits;
  };
  /** A metric value that is NaN, infinite or negative, at `path`. */
  const invalidNumber = (path: string, value: unknown): void => {
    add('INVALID_NUMBER', path, text('invalidNumber', { value: String(value) }), { value: String(value) });
  };
  /** False when proving and the map does not match the schema's `metricValues` or holds an unsafe key. */
  const checkMetrics = (values: Readonly<Record<string, number>>, kind: 'activity' | 'area', row: string, index: number): boolean => {
    const kindBit = kind === 'activity' ? METRIC_ACTIVITY : METRIC_AREA;
    let count = 0;
    for (const id in values) {
      const value = values[id]!;
      const bits = metricClass(id);
      if (proving && ((bits & METRIC_KEY_OK) === 0 || typeof value !== 'number' || ++count > DATASET_LIMITS.metricsPerRow)) return false;
      if ((bits & kindBit) === 0) {
        const { message, params } = metricProblem(id, kind, metricDefs.get(id));
        add('UNKNOWN_METRIC', `/${row}/${index}/metrics/${id}`, message, params);
      }
      if (!Number.isFinite(value) || value < 0) invalidNumber(`/${row}/${index}/metrics/${id}`, value);
    }
    return true;
  };

  // ── org units ──
  // Each unit's parent index (-1 for none, -2 when the parent is unknown) and level rank (-1 when
  // unknown) are read once: lookups in a 90,000-entry Map are cache misses at national scale.
  const orgUnits = dataset.orgUnits;
  const unitIndex = new Map<string, number>();
  const unitRank = new Int32Array(orgUnits.length);
  const unitParent = new Int32Array(orgUnits.length);
  const repeated = new Uint8Array(orgUnits.length);
  // Parent links of first occurrences; cycles are found before levels are compared, so that a cycle is
  // one PARENT_CYCLE error rather than that error plus a LEVEL_ORDER warning per link.
  const parentOf = new Int32Array(orgUnits.length).fill(-1);
  for (let i = 0; i < orgUnits.length; i++) {
    const unit = orgUnits[i]!;
    if (proving && !isOrgUnitRecord(unit)) return false;
    const first = unitIndex.get(unit.id);
    if (first === undefined) unitIndex.set(unit.id, i);
    else duplicate(add, `/orgUnits/${i}/id`, `/orgUnits/${first}/id`, unit.id, 'orgUnit');
    unitRank[i] = levelRank.get(unit.level) ?? -1;
    if (first !== undefined) repeated[i] = 1;
  }
  for (let i = 0; i < orgUnits.length; i++) {
    const parentId = orgUnits[i]!.parentId;
    const parent = parentId === undefined || parentId === null ? -1 : (unitIndex.get(parentId) ?? -2);
    unitParent[i] = parent;
    if (parent >= 0 && repeated[i] === 0) parentOf[i] = parent;
  }
  const onCycle = findCycles(orgUnits, parentOf, add);
  for (let i = 0; i < orgUnits.length; i++) {
    const unit = orgUnits[i]!;
    const rank = unitRank[i] === -1 ? checkLevel(unit.level, () => `/orgUnits/${i}/level`) : unitRank[i]!;
    const parentId = unit.parentId;
    if (parentId !== undefined && parentId !== null) {
      const parent = unitParent[i]!;
      if (parent === -2) {
        add('DANGLING_REFERENCE', `/orgUnits/${i}/parentId`, text('noSuchParent', { id: parentId }), { id: parentId });
      } else if (onCycle[i] === 0) {
        const parentRank = unitRank[parent]!;
        if (rank !== undefined && parentRank !== -1 && rank <= parentRank) {
          const parentUnit = orgUnits[parent]!;
          add('LEVEL_ORDER', `/orgUnits/${i}/level`, text('levelOrder', { level: unit.level, parentLevel: parentUnit.level, parentId }), {
            level: unit.level,
            parentLevel: parentUnit.level,
            parentId,
          });
        }
      }
    }
    if (!isFineRange(unit.validFrom, unit.validTo)) dateRange(`/orgUnits/${i}`, 'validFrom', unit.validFrom, 'validTo', unit.validTo);
  }

  // ── teams and members ──
  const teams = dataset.teams;
  const teamInfo = new Map<string, TeamInfo>();
  for (let i = 0; i < teams.length; i++) {
    const team = teams[i]!;
    if (proving && !isTeamRecord(team)) return false;
    const first = teamInfo.get(team.id);
    if (first !== undefined) {
      duplicate(add, `/teams/${i}/id`, `/teams/${first.index}/id`, team.id, 'team');
    }
    if (!unitIndex.has(team.orgUnitId)) {
      add('DANGLING_REFERENCE', `/teams/${i}/orgUnitId`, text('noSuchUnit', { id: team.orgUnitId }), { id: team.orgUnitId });
    }
    if (!levelRank.has(team.level)) checkLevel(team.level, () => `/teams/${i}/level`);
    const { establishedOn, disbandedOn } = team;
    if (!isFineRange(establishedOn, disbandedOn)) dateRange(`/teams/${i}`, 'establishedOn', establishedOn, 'disbandedOn', disbandedOn);

    // At most 50 members: a linear scan beats a Map or Set per team, and allocates nothing.
    const members = team.members ?? NO_MEMBERS;
    for (let k = 1; k < members.length; k++) {
      const id = members[k]!.id;
      const firstK = memberSlot(members, id);
      if (firstK < k) {
        const path = `/teams/${i}/members/${k}/id`;
        const firstPath = `/teams/${i}/members/${firstK}/id`;
        if (looksPersonal(id)) {
          add('DUPLICATE_ID', path, text('duplicateMemberId', {}), { firstPath });
        } else {
          duplicate(add, path, firstPath, id, 'member');
        }
      }
    }
    for (let k = 0; k < members.length; k++) {
      const { joinedOn, leftOn } = members[k]!;
      if (!isFineRange(joinedOn, leftOn)) dateRange(`/teams/${i}/members/${k}`, 'joinedOn', joinedOn, 'leftOn', leftOn);
    }
    if (first === undefined) {
      teamInfo.set(team.id, {
        index: i,
        team,
        members,
        firstMonth: isRealDate(establishedOn) ? monthNumber(establishedOn) : -Infinity,
        lastMonth: disbandedOn !== undefined && isRealDate(disbandedOn) ? monthNumber(disbandedOn) : Infinity,
      });
    }
  }
  checkTeamLevels(dataset, (p) => problems.add(p), unitIndex); // model/level-check.ts
  checkLineage(dataset, (p) => problems.add(p), unitIndex, onCycle); // model/lineage-check.ts

  // ── activity reports ──
  // Objects first, then the rows of the columns: report g is reports[g], or row g - reports.length.
  const reports = dataset.reports ?? NO_ITEMS;
  const columns = dataset.reportColumns;
  const rows = columns === undefined ? 0 : columns.teamId.length;
  const windowFrom = window === undefined ? -Infinity : monthNumber(window.from);
  const windowTo = window === undefined ? Infinity : monthNumber(window.to);
  const reportKeys = new FirstIndexByKey(reports.length + rows);
  const oddReportKeys = new Map<string, number>();
  const objectCount = reports.length;
  /** Pointer to a field of report g: `/reports/7/month`, or `/reportColumns/month/7`. */
  const reportField = (g: number, field: string): string =>
    g < objectCount ? `/reports/${g}/${field}` : `/reportColumns/${field}/${g - objectCount}`;
  /** Pointer to report g as a whole: the object, or the row's `teamId` cell. */
  const reportAt = (g: number): string => (g < objectCount ? `/reports/${g}` : `/reportColumns/teamId/${g - objectCount}`);
  // Datasets list a team's reports together: one Map lookup per run of them, not per report.
  let lastTeamId: string | undefined;
  let lastTeam: TeamInfo | undefined;
  /** Everything but the metrics of report g. */
  const checkReport = (g: number, teamId: string, memberId: string | undefined, month: string): void => {
    if (teamId !== lastTeamId) {
      lastTeamId = teamId;
      lastTeam = teamInfo.get(teamId);
    }
    const team = lastTeam;
    const slot = team === undefined || memberId === undefined ? -1 : memberSlot(team.members, memberId);
    if (team === undefined) {
      add('DANGLING_REFERENCE', reportField(g, 'teamId'), text('noSuchTeam', { id: teamId }), { id: teamId });
    } else if (memberId !== undefined && slot === -1) {
      if (looksPersonal(memberId)) {
        add('MEMBER_NOT_IN_TEAM', reportField(g, 'memberId'), text('memberNotInTeam', { teamId }), { teamId });
      } else {
        add('MEMBER_NOT_IN_TEAM', reportField(g, 'memberId'), text('memberNotInTeam', { teamId, memberId }), { teamId, memberId });
      }
    }

    const monthN = monthNumber(month);
    if (window !== undefined && (monthN < windowFrom || monthN > windowTo)) {
      add('REPORT_OUTSIDE_WINDOW', reportField(g, 'month'), text('outsideWindow', { month, from: window.from, to: window.to }), {
        month,
        reason: 'window',
        from: window.from,
        to: window.to,
      });
    } else if (team !== undefined && monthN < team.firstMonth) {
      const firstMonth = team.team.establishedOn.slice(0, 7);
      add('REPORT_OUTSIDE_WINDOW', reportField(g, 'month'), text('beforeEstablished', { month, teamId, establishedMonth: firstMonth }), {
        month,
        reason: 'beforeEstablished',
        establishedMonth: firstMonth,
      });
    } else if (team !== undefined && monthN > team.lastMonth) {
      const lastMonth = team.team.disbandedOn!.slice(0, 7);
      add('REPORT_OUTSIDE_WINDOW', reportField(g, 'month'), text('afterDisbanded', { month, teamId, disbandedMonth: lastMonth }), {
        month,
        reason: 'afterDisbanded',
        disbandedMonth: lastMonth,
      });
    }

    // Duplicate detection on a number (team index, member slot, month) rather than a string: 900k
    // string keys cost more in allocation and GC than everything else here. Reports whose team or member
    // is unknown cannot have a slot; they get a string key in a map of their own (they can only clash
    // with each other).
    let first: number | undefined;
    if (team !== undefined && (memberId === undefined || slot !== -1)) {
      const key = (team.index * (DATASET_LIMITS.membersPerTeam + 1) + slot + 1) * MONTHS_IN_10000_YEARS + monthN;
      const seen = reportKeys.firstOrSet(key, g);
      if (seen !== -1) first = seen;
    } else {
      // NUL cannot occur in an id (the schema's pattern), so the key is unambiguous.
      const key = `${teamId}\u0000${memberId ?? ''}\u0000${month}`;
      first = oddReportKeys.get(key);
      if (first === undefined) oddReportKeys.set(key, g);
    }
    if (first !== undefined) {
      const quoted = memberId !== undefined && !looksPersonal(memberId);
      const firstPath = reportAt(first);
      add(
        'DUPLICATE_REPORT',
        reportAt(g),
        text('duplicateReport', { teamId, month, member: memberId === undefined ? undefined : quoted ? memberId : null }),
        { firstPath, teamId, month, ...(quoted ? { memberId } : {}) },
      );
    }
  };
  for (let i = 0; i < reports.length; i++) {
    const report = reports[i]!;
    if (proving && !isReportRecord(report)) return false;
    checkReport(i, report.teamId, report.memberId, report.month);
    if (!checkMetrics(report.metrics, 'activity', 'reports', i)) return false;
  }
  if (columns !== undefined) {
    // The schema (or rootIsClean, when proving) has checked that every column has `rows` values.
    const { teamId: teamIds, month: months, memberId: memberIds } = columns;
    for (let j = 0; j < rows; j++) {
      const teamId = teamIds[j]!;
      const month = months[j]!;
      const memberId = memberIds === undefined ? null : memberIds[j]!;
      if (proving && !(isId(teamId) && typeof month === 'string' && isMonthString(month) && (memberId === null || isOpaqueId(memberId)))) {
        return false;
      }
      checkReport(objectCount + j, teamId, memberId ?? undefined, month);
    }
    // Metrics column by column: an unknown metric is one problem for its column, not one per row.
    const values = columns.metrics;
    for (const id in values) {
      const bits = metricClass(id);
      if (proving && (bits & METRIC_KEY_OK) === 0) return false;
      const path = `/reportColumns/metrics/${id}`;
      if ((bits & METRIC_ACTIVITY) === 0) {
        const { message, params } = metricProblem(id, 'activity', metricDefs.get(id));
        add('UNKNOWN_METRIC', path, message, params);
      }
      const column = values[id]!;
      for (let j = 0; j < rows; j++) {
        const value: unknown = column[j];
        if (typeof value === 'number') {
          if (value >= 0 && value !== Infinity) continue; // false for NaN and negatives
        } else if (value === null) {
          continue;
        } else if (proving) {
          return false;
        }
        invalidNumber(`${path}/${j}`, value);
      }
    }
  }

  // ── area indicators ──
  const indicators = dataset.indicators ?? NO_ITEMS;
  const coverage = ratioDefs.added === 0 ? BUILTIN_COVERAGE : coveragePairs(ratioDefs);
  const metricLabel = (id: string): LocalizedText => metricDefs.get(id)?.label ?? { vi: id, en: id };
  // Keyed by (org unit index, period) as a number, like reports; rows of unknown units by string.
  const indicatorKeys = new FirstIndexByKey(indicators.length);
  const oddIndicatorKeys = new Map<string, number>();
  for (let i = 0; i < indicators.length; i++) {
    const row = indicators[i]!;
    if (proving && !isIndicatorRecord(row)) return false;
    const { orgUnitId, period } = row;
    const unit = unitIndex.get(orgUnitId);
    if (unit === undefined) {
      add('DANGLING_REFERENCE', `/indicators/${i}/orgUnitId`, text('noSuchUnit', { id: orgUnitId }), { id: orgUnitId });
    }
    let first: number | undefined;
    if (unit !== undefined) {
      const seen = indicatorKeys.firstOrSet(unit * PERIODS_IN_10000_YEARS + periodNumber(period), i);
      if (seen !== -1) first = seen;
    } else {
      const key = `${orgUnitId}\u0000${period}`;
      first = oddIndicatorKeys.get(key);
      if (first === undefined) oddIndicatorKeys.set(key, i);
    }
    if (first !== undefined) {
      add('DUPLICATE_INDICATOR', `/indicators/${i}`, text('duplicateIndicator', { orgUnitId, period }), {
        firstPath: `/indicators/${first}`,
        orgUnitId,
        period,
      });
    }
    const values = row.metrics;
    if (!checkMetrics(values, 'area', 'indicators', i)) return false;
    for (const pair of coverage) {
      const count = values[pair.numerator]!;
      const base = values[pair.denominator]!;
      // `Object.hasOwn` only when the values are out of order: it is a call per pair and row, and an
      // absent value compares false anyway.
      if (count > base && Object.hasOwn(values, pair.numerator) && Object.hasOwn(values, pair.denominator)) {
        add(
          'COVERAGE_EXCEEDS_BASE',
          `/indicators/${i}/metrics/${pair.numerator}`,
          text('coverageExceedsBase', {
            numerator: metricLabel(pair.numerator),
            value: count,
            denominator: metricLabel(pair.denominator),
            base,
            ratios: pair.ratios.map((r) => ratioDefs.get(r)?.label ?? { vi: r, en: r }),
          }),
          { ratios: pair.ratios, numerator: pair.numerator, denominator: pair.denominator, value: count, base },
        );
      }
    }
  }
  return true;
}
