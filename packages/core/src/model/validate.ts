/**
 * Dataset validation in three passes, all reporting {@link Problem}s as data:
 *
 * 1. a safety scan of the raw input (`scan.ts`), iterative so that no nesting depth can overflow the stack: depth,
 *    forbidden keys (`__proto__`…) and personal data (names, phone numbers, ID numbers);
 * 2. the JSON Schema (`dataset-schema.ts`), run in pieces by `schema-check.ts`, its errors worded in Vietnamese and English;
 * 3. integrity across records (ids, references, cycles, levels, metrics, dates, duplicates), in single
 *    passes over Maps and typed arrays.
 *
 * Pass 2 is skipped when pass 1 finds the input unsafe; pass 3 runs only on a document that matches the
 * schema, so it can trust every type.
 *
 * Most documents are clean, and for them passes 1 and 2 are replaced by a proof made during pass 3 (see
 * "fast path" below): the integrity pass checks each record of the large arrays against the schema by
 * hand as it reads it, and only when that proof fails do the three passes run in turn and explain what
 * is wrong. The answer is the same either way; the tests compare the two paths on thousands of mutated
 * datasets. A national dataset (75k teams, 350k members, 700k reports) then takes about 1 s of CPU on a
 * loaded 2-core machine instead of 3.3 s, most of it reading each object once (metric maps come in tens
 * of thousands of shapes, so each costs a few cache misses however it is read).
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { pointerSegment, problem, type ErrorCode, type LocalizedText, type Problem } from '../errors.js';
import { daysInMonth } from '../internal/dates.js';
import { suggest } from '../internal/suggest.js';
import { describeAjvError } from '../problems/ajv.js';
import { MAX_SCHEMA_PROBLEMS, ProblemCollector, listProblems, schemaStoppedProblem } from '../problems/cap.js';
import { BUILTIN_METRICS, BUILTIN_RATIOS } from './catalog.js';
import { DATASET_LIMITS } from './dataset-schema.js';
import { personalNumberIn, redactPersonalNumbers } from './personal-data.js';
import { ID_NUMBER_RE, KEY_FORBIDDEN, KEY_PERSONAL, KEY_PERSONAL_NUMBER, PHONE_RE, classifyKey, MAX_NODES, scanInput } from './scan.js';
import { forEachSchemaError, rootMatchesSchema } from './schema-check.js';
import { AFFILIATIONS, DEFAULT_LEVELS, MEMBER_ROLES } from './types.js';
import type { Dataset, Member, MetricDefinition, RatioDefinition, Team } from './types.js';
import { checkTeamLevels } from './level-check.js';
import { checkLineage } from './lineage-check.js';

/** The outcome of {@link validateDataset}. */
export interface DatasetValidation {
  /** True when no problem has severity `error` (warnings may remain). */
  readonly valid: boolean;
  /** Every problem found, sorted by path, then code. */
  readonly problems: readonly Problem[];
  /** The input, typed, when it matches the schema, even if integrity errors were found. */
  readonly dataset?: Dataset;
}

/** Metrics and ratios contributed by plugins, on top of the built-in catalog. */
export interface DatasetValidationOptions {
  readonly metrics?: readonly MetricDefinition[];
  readonly ratios?: readonly RatioDefinition[];
}

export { MAX_DATASET_DEPTH } from './scan.js';
/** Re-exported from `problems/cap.ts`, where the capping rule lives. */
export { MAX_PROBLEMS_PER_CODE, MAX_SCHEMA_PROBLEMS, ProblemCollector, comparePaths, listProblems } from '../problems/cap.js';

const msg = (vi: string, en: string): LocalizedText => ({ vi, en });
const q = (value: unknown): string => JSON.stringify(value);

/**
 * Validate a dataset: the JSON Schema, then the integrity of references, hierarchy, metrics and dates.
 * Every problem is reported at once, each with a JSON pointer and a Vietnamese and English message.
 *
 * `options.metrics` / `options.ratios` are those added by plugins; the built-in catalog and the
 * dataset's own `metrics` / `ratios` are always known.
 *
 * @example
 * ```ts
 * const { valid, problems, dataset } = validateDataset(JSON.parse(body));
 * if (!valid) return reply.code(422).send({ problems });
 * // dataset is typed as Dataset here (warnings, if any, are in problems)
 * ```
 */
export function validateDataset(input: unknown, options: DatasetValidationOptions = {}): DatasetValidation {
  return validateFast(input, options) ?? validateSlow(input, options);
}

/**
 * The answer of {@link validateSlow}, when the input can be proven to pass the scan and the schema while
 * the integrity pass runs (see "fast path" below); undefined when it cannot, and the caller must ask
 * {@link validateSlow}. @internal exported for the differential tests, not part of the public API.
 */
export function validateFast(input: unknown, options: DatasetValidationOptions): DatasetValidation | undefined {
  if (!rootIsClean(input)) return undefined;
  const collected = new ProblemCollector([]);
  // Gives up, its problems meaningless, at the first record it cannot prove.
  if (!checkIntegrity(input as unknown as Dataset, options, collected, true)) return undefined;
  return finish(collected.problems, input as unknown as Dataset, collected.omitted);
}

/** The three passes in turn. @internal exported for the differential tests, not part of the public API. */
export function validateSlow(input: unknown, options: DatasetValidationOptions): DatasetValidation {
  const scan = scanInput(input);
  if (scan.unsafe) return finish(scan.problems, undefined);

  const problems = scan.problems;
  const schema = schemaProblems(input, new Set(problems.map((p) => p.path)));
  if (!schema.matches) {
    problems.push(...schema.problems);
    return finish(problems, undefined);
  }
  const dataset = input as Dataset;
  const lengths = columnLengthProblems(dataset.reportColumns);
  if (lengths.length > 0) {
    problems.push(...lengths);
    return finish(problems, undefined);
  }
  const tooMany = reportRowsProblem(dataset);
  if (tooMany !== undefined) {
    problems.push(tooMany);
    return finish(problems, undefined);
  }
  const collected = new ProblemCollector(problems);
  checkIntegrity(dataset, options, collected, false);
  return finish(collected.problems, dataset, collected.omitted);
}

const NONE_OMITTED: ReadonlyMap<string, number> = new Map();

function finish(problems: Problem[], dataset: Dataset | undefined, omitted = NONE_OMITTED): DatasetValidation {
  const sorted = listProblems(problems, omitted).map(withoutPersonalNumbers);
  const valid = !sorted.some((p) => p.severity === 'error');
  return dataset === undefined ? { valid, problems: sorted } : { valid, problems: sorted, dataset };
}

/**
 * The problem with every phone or citizen ID number in its path, messages and string params masked: many
 * messages quote an id or a name, and a value that holds such a number (reported on its own as
 * PERSONAL_DATA_VALUE) must not be echoed by them.
 */
function withoutPersonalNumbers(p: Problem): Problem {
  // The same value back when nothing in it is masked, so an unchanged param is recognised by identity.
  const mask = (value: unknown): unknown => {
    if (typeof value === 'string') return redactPersonalNumbers(value);
    if (!Array.isArray(value)) return value;
    const masked = value.map(mask);
    return masked.some((v, i) => v !== value[i]) ? masked : value;
  };
  const vi = redactPersonalNumbers(p.message.vi);
  const en = redactPersonalNumbers(p.message.en);
  let params = p.params;
  for (const [key, value] of Object.entries(params ?? {})) {
    const masked = mask(value);
    if (masked !== value) params = { ...params, [key]: masked };
  }
  // A key that holds a number is part of the pointers to it: those are masked too.
  const path = redactPersonalNumbers(p.path);
  if (vi === p.message.vi && en === p.message.en && params === p.params && path === p.path) return p;
  return { ...p, path, message: { vi, en }, ...(params === undefined ? {} : { params }) };
}

// ── fast path: proving that passes 1 and 2 would find nothing ────────────────
//
// The scan and ajv cost two thirds of a national validation, mostly in allocation and in visiting every
// object twice more: ajv builds an options object and a path string per array item and calls
// `Object.keys` on every metric map. When `validateDataset` can prove that both would find nothing, it
// skips them and lets the integrity pass check each record of the four large arrays as it reads it (the
// predicates below, and `checkMetrics` for metric maps). The predicates make the reads ajv's generated
// code makes (`for…in` over keys, `record.key` for values, `undefined` for a missing property) and
// answer true only when the record matches the schema exactly; the rest of the root (levels, window,
// metrics, ratios: a few thousand objects at most) is checked by the scan and ajv themselves. Anything
// the proof cannot establish (an invalid record, a long name with surrogate pairs, an id that looks like
// a phone number) sends the whole document down the slow path, which finds and words the problems.

/**
 * Character classes of the id patterns, by char code (all ASCII): bit 1 may start an id, 2 may continue
 * one; 4 may start a metric id, 8 may continue one.
 */
const CHAR_CLASS = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    if (/[A-Za-z0-9]/.test(ch)) table[c]! |= 1;
    if (/[A-Za-z0-9._:-]/.test(ch)) table[c]! |= 2;
    if (/[A-Za-z]/.test(ch)) table[c]! |= 4;
    if (/[A-Za-z0-9_]/.test(ch)) table[c]! |= 8;
  }
  return table;
})();

/** The id patterns as a loop over char codes: measurably faster than the regex over millions of ids. */
function matchesIdPattern(s: string, start: number, part: number): boolean {
  const n = s.length;
  if (n === 0 || n > 64) return false;
  const c0 = s.charCodeAt(0);
  if (c0 >= 128 || (CHAR_CLASS[c0]! & start) === 0) return false;
  for (let i = 1; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || (CHAR_CLASS[c]! & part) === 0) return false;
  }
  return true;
}

/** Exactly `ID_PATTERN`. @internal exported for the tests. */
export const isIdString = (s: string): boolean => matchesIdPattern(s, 1, 2);
/** Exactly `METRIC_ID_PATTERN`. @internal exported for the tests. */
export const isMetricIdString = (s: string): boolean => matchesIdPattern(s, 4, 8);

const isDigitAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** `[0-9]{4}-(0[1-9]|1[0-2])` at the start of `s`. */
function startsWithMonth(s: string): boolean {
  if (!isDigitAt(s, 0) || !isDigitAt(s, 1) || !isDigitAt(s, 2) || !isDigitAt(s, 3) || s.charCodeAt(4) !== 45) return false;
  const m1 = s.charCodeAt(5);
  const m2 = s.charCodeAt(6);
  return m1 === 48 ? m2 >= 49 && m2 <= 57 : m1 === 49 && m2 >= 48 && m2 <= 50;
}

/** Exactly `MONTH_PATTERN`. @internal exported for the tests. */
export const isMonthString = (s: string): boolean => s.length === 7 && startsWithMonth(s);

/** Exactly `DATE_PATTERN`: the shape only, 2025-02-30 matches. @internal exported for the tests. */
export function isDateString(s: string): boolean {
  if (s.length !== 10 || !startsWithMonth(s) || s.charCodeAt(7) !== 45) return false;
  const d1 = s.charCodeAt(8);
  const d2 = s.charCodeAt(9);
  if (d1 === 48) return d2 >= 49 && d2 <= 57;
  if (d1 === 49 || d1 === 50) return d2 >= 48 && d2 <= 57;
  return d1 === 51 && (d2 === 48 || d2 === 49);
}

/** Exactly `PERIOD_PATTERN`. @internal exported for the tests. */
export const isPeriodString = (s: string): boolean =>
  s.length === 4 ? isDigitAt(s, 0) && isDigitAt(s, 1) && isDigitAt(s, 2) && isDigitAt(s, 3) : isMonthString(s);

/** ajv's `type: 'object'`. */
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An id the scan accepts: the id pattern, and no phone or citizen ID number inside. */
const isId = (value: unknown): boolean => typeof value === 'string' && isIdString(value) && personalNumberIn(value) === undefined;
const isOptionalDate = (value: unknown): boolean => value === undefined || (typeof value === 'string' && isDateString(value));

/** An id the scan would not flag as personal data: only those starting with a digit can be. */
const isOpaqueId = (value: unknown): boolean =>
  isId(value) && (!isDigitAt(value as string, 0) || (!PHONE_RE.test(value as string) && !ID_NUMBER_RE.test(value as string)));

/**
 * A member id (matching the id pattern) that the scan flags as a phone or citizen ID number. Integrity
 * problems never quote such an id back: the scan's PERSONAL_DATA_VALUE at the same place says what is wrong.
 */
const looksPersonal = (id: string): boolean => isDigitAt(id, 0) && (PHONE_RE.test(id) || ID_NUMBER_RE.test(id));

const ROLES: ReadonlySet<unknown> = new Set(MEMBER_ROLES);
const AFFILIATION_SET: ReadonlySet<unknown> = new Set(AFFILIATIONS);

/** The root arrays whose records the integrity pass checks by hand, with their `maxItems`. */
const LARGE_ARRAYS = [
  ['orgUnits', DATASET_LIMITS.orgUnits],
  ['teams', DATASET_LIMITS.teams],
  ['reports', DATASET_LIMITS.reports],
  ['indicators', DATASET_LIMITS.indicators],
] as const;
const NO_ITEMS: readonly never[] = [];

/**
 * The first half of the proof: the root is a plain object, the large arrays are arrays within their
 * bounds, and everything else passes the scan and the schema (checked on a copy of the root whose large
 * arrays are empty; the scan is belt and braces, as those parts are closed objects whose keys it accepts).
 * It also bounds the number of objects: at most `MAX_NODES` even if every team had 50 members each with
 * both arrays, so the scan could not have stopped on the count; and the records the predicates accept
 * nest at most 5 deep, far from `MAX_DATASET_DEPTH`.
 */
function rootIsClean(input: unknown): input is Record<string, unknown> {
  if (!isRecord(input) || Object.getPrototypeOf(input) !== Object.prototype) return false;
  const skeleton: Record<string, unknown> = { ...input };
  let nodes = 10_000; // the root, and the most that levels, window, metrics and ratios can hold
  for (const [key, limit] of LARGE_ARRAYS) {
    const items = input[key];
    if (items === undefined) continue;
    if (!Array.isArray(items) || items.length > limit) return false;
    nodes += items.length * (key === 'teams' ? 2 + 3 * DATASET_LIMITS.membersPerTeam : 2);
    skeleton[key] = NO_ITEMS;
  }
  if (input.reportColumns !== undefined) {
    const shape = columnsSkeleton(input.reportColumns);
    if (shape === undefined) return false;
    skeleton.reportColumns = shape;
    nodes += 3 + DATASET_LIMITS.metricsPerRow; // the columns are arrays of primitives
    // Both forms together are bounded as one of them is; validateSlow reports the excess.
    if (reportRowsProblem(input as unknown as Dataset) !== undefined) return false;
  }
  return nodes <= MAX_NODES && scanInput(skeleton).problems.length === 0 && rootMatchesSchema(skeleton);
}

const COLUMN_KEYS: ReadonlySet<string> = new Set(['teamId', 'month', 'memberId', 'metrics']);

/**
 * `reportColumns` with every column emptied, for the scan and ajv to check (keys, metric ids), when the
 * columns are a plain object of arrays within their bounds, all of one length; else undefined. Their
 * values are proven by the integrity pass, cell by cell.
 */
function columnsSkeleton(columns: unknown): Record<string, unknown> | undefined {
  if (!isRecord(columns) || Object.getPrototypeOf(columns) !== Object.prototype) return undefined;
  for (const key in columns) if (!COLUMN_KEYS.has(key)) return undefined;
  const { teamId, month, memberId, metrics } = columns;
  if (!Array.isArray(teamId) || teamId.length > DATASET_LIMITS.reports) return undefined;
  const rows = teamId.length;
  if (!Array.isArray(month) || month.length !== rows) return undefined;
  if (memberId !== undefined && !(Array.isArray(memberId) && memberId.length === rows)) return undefined;
  if (!isRecord(metrics) || Object.getPrototypeOf(metrics) !== Object.prototype) return undefined;
  const emptied: Record<string, unknown> = {};
  let count = 0;
  for (const id in metrics) {
    const column = metrics[id];
    if (++count > DATASET_LIMITS.metricsPerRow || !Array.isArray(column) || column.length !== rows) return undefined;
    emptied[id] = NO_ITEMS;
  }
  return memberId === undefined
    ? { teamId: NO_ITEMS, month: NO_ITEMS, metrics: emptied }
    : { teamId: NO_ITEMS, month: NO_ITEMS, memberId: NO_ITEMS, metrics: emptied };
}

/**
 * COLUMN_LENGTH_MISMATCH problems of a `reportColumns` the schema accepts: each column that has not as
 * many values as `teamId`. Such columns cannot be read as rows, so the dataset is not checked further.
 */
function columnLengthProblems(columns: Dataset['reportColumns']): Problem[] {
  if (columns === undefined) return [];
  const rows = columns.teamId.length;
  const out: Problem[] = [];
  const check = (path: string, length: number): void => {
    if (length === rows) return;
    out.push(
      problem(
        'COLUMN_LENGTH_MISMATCH',
        path,
        msg(
          `Cột có ${length} giá trị nhưng reportColumns có ${rows} dòng (bằng số giá trị của cột teamId)`,
          `The column has ${length} values, but reportColumns has ${rows} rows (the length of teamId)`,
        ),
        { length, rows },
      ),
    );
  };
  check('/reportColumns/month', columns.month.length);
  if (columns.memberId !== undefined) check('/reportColumns/memberId', columns.memberId.length);
  for (const id of Object.keys(columns.metrics)) check(`/reportColumns/metrics/${pointerSegment(id)}`, columns.metrics[id]!.length);
  return out;
}

/**
 * INPUT_TOO_LARGE when `reports` and `reportColumns` hold more rows together than one of them may hold
 * alone ({@link DATASET_LIMITS}.reports): the schema bounds each form, and the index holds every row of
 * both. Pointed at the columns' `teamId`, whose rows count after the objects.
 */
function reportRowsProblem(dataset: Dataset): Problem | undefined {
  const objects = dataset.reports?.length ?? 0;
  const rows = objects + (dataset.reportColumns?.teamId.length ?? 0);
  if (rows <= DATASET_LIMITS.reports) return undefined;
  const limit = DATASET_LIMITS.reports;
  return problem(
    'INPUT_TOO_LARGE',
    '/reportColumns/teamId',
    msg(
      `reports và reportColumns có tổng cộng ${rows} dòng báo cáo; tối đa là ${limit}`,
      `reports and reportColumns hold ${rows} report rows together; at most ${limit} are allowed`,
    ),
    { limit, rows, reports: objects },
  );
}

/*
 * The record predicates. Keys: every record is closed, and none of the keys allowed here is forbidden
 * or personal, so the scan can only object to keys inside metric maps (see `checkMetrics`), to strings
 * with a phone or citizen ID number inside (`isId`, and names), and to member ids that are such a
 * number (`isOpaqueId`). Dates, months and periods have too few digits to hold one.
 */

function isOrgUnitRecord(unit: unknown): boolean {
  if (!isRecord(unit)) return false;
  for (const key in unit) {
    switch (key) {
      case 'id': case 'name': case 'level': case 'parentId': case 'validFrom': case 'validTo': case 'successors': case 'parentHistory':
        continue;
      default:
        return false;
    }
  }
  const name = unit.name;
  const parentId = unit.parentId;
  return (
    isId(unit.id) &&
    // ajv counts code points; UTF-16 units are never fewer, so this bound is never looser.
    typeof name === 'string' && name.length >= 1 && name.length <= DATASET_LIMITS.nameLength && personalNumberIn(name) === undefined &&
    isId(unit.level) &&
    (parentId === undefined || parentId === null || isId(parentId)) &&
    isOptionalDate(unit.validFrom) &&
    isOptionalDate(unit.validTo) &&
    isOptionalList(unit.successors, isSuccessorRecord) &&
    isOptionalList(unit.parentHistory, isParentChangeRecord)
  );
}

/** Absent, or an array of at most `lineageEntries` items that each pass `item`. */
function isOptionalList(list: unknown, item: (value: unknown) => boolean): boolean {
  if (list === undefined) return true;
  if (!Array.isArray(list) || list.length > DATASET_LIMITS.lineageEntries) return false;
  for (let k = 0; k < list.length; k++) if (!item(list[k])) return false;
  return true;
}

function isSuccessorRecord(entry: unknown): boolean {
  if (!isRecord(entry)) return false;
  for (const key in entry) {
    switch (key) {
      case 'id': case 'part': case 'share':
        continue;
      default:
        return false;
    }
  }
  const share = entry.share;
  return (
    isId(entry.id) &&
    (entry.part === 'full' || entry.part === 'partial') &&
    (share === undefined || (typeof share === 'number' && share >= 0 && share <= 1))
  );
}

function isParentChangeRecord(entry: unknown): boolean {
  if (!isRecord(entry)) return false;
  for (const key in entry) {
    switch (key) {
      case 'parentId': case 'until':
        continue;
      default:
        return false;
    }
  }
  const { parentId, until } = entry;
  return (parentId === null || isId(parentId)) && typeof until === 'string' && isDateString(until);
}

function isUnitChangeRecord(entry: unknown): boolean {
  if (!isRecord(entry)) return false;
  for (const key in entry) {
    switch (key) {
      case 'orgUnitId': case 'until':
        continue;
      default:
        return false;
    }
  }
  const until = entry.until;
  return isId(entry.orgUnitId) && typeof until === 'string' && isDateString(until);
}

function isTeamRecord(team: unknown): boolean {
  if (!isRecord(team)) return false;
  for (const key in team) {
    switch (key) {
      case 'id': case 'orgUnitId': case 'level': case 'establishedOn': case 'disbandedOn': case 'onlineGroup': case 'members':
      case 'orgUnitHistory':
        continue;
      default:
        return false;
    }
  }
  const establishedOn = team.establishedOn;
  const onlineGroup = team.onlineGroup;
  if (
    !isId(team.id) ||
    !isId(team.orgUnitId) ||
    !isId(team.level) ||
    typeof establishedOn !== 'string' || !isDateString(establishedOn) ||
    !isOptionalDate(team.disbandedOn) ||
    !(onlineGroup === undefined || typeof onlineGroup === 'boolean') ||
    !isOptionalList(team.orgUnitHistory, isUnitChangeRecord)
  ) {
    return false;
  }
  const members = team.members;
  if (members === undefined) return true;
  if (!Array.isArray(members) || members.length > DATASET_LIMITS.membersPerTeam) return false;
  for (let k = 0; k < members.length; k++) if (!isMemberRecord(members[k])) return false;
  return true;
}

function isMemberRecord(member: unknown): boolean {
  if (!isRecord(member)) return false;
  for (const key in member) {
    switch (key) {
      case 'id': case 'role': case 'affiliations': case 'birthYear': case 'trainings': case 'joinedOn': case 'leftOn':
        continue;
      default:
        return false;
    }
  }
  if (!isOpaqueId(member.id) || !ROLES.has(member.role) || !isOptionalDate(member.joinedOn) || !isOptionalDate(member.leftOn)) return false;
  const birthYear = member.birthYear;
  if (birthYear !== undefined && !(typeof birthYear === 'number' && Number.isInteger(birthYear) && birthYear >= 1900 && birthYear <= 2100)) {
    return false;
  }
  const affiliations = member.affiliations;
  if (affiliations !== undefined) {
    if (!Array.isArray(affiliations) || affiliations.length > AFFILIATIONS.length) return false;
    for (let a = 0; a < affiliations.length; a++) {
      const affiliation: unknown = affiliations[a];
      if (!AFFILIATION_SET.has(affiliation)) return false;
      for (let b = 0; b < a; b++) if (affiliations[b] === affiliation) return false;
    }
  }
  const trainings = member.trainings;
  if (trainings !== undefined) {
    if (!Array.isArray(trainings) || trainings.length > DATASET_LIMITS.trainingsPerMember) return false;
    for (let t = 0; t < trainings.length; t++) if (!isId(trainings[t])) return false;
  }
  return true;
}

/** A report, except the entries of its metric map (`checkMetrics` checks those as it reads them). */
function isReportRecord(report: unknown): boolean {
  if (!isRecord(report)) return false;
  for (const key in report) {
    switch (key) {
      case 'teamId': case 'memberId': case 'month': case 'metrics':
        continue;
      default:
        return false;
    }
  }
  const month = report.month;
  const memberId = report.memberId;
  return (
    isId(report.teamId) &&
    (memberId === undefined || isOpaqueId(memberId)) &&
    typeof month === 'string' && isMonthString(month) &&
    isRecord(report.metrics)
  );
}

/** An indicator row, except the entries of its metric map. */
function isIndicatorRecord(row: unknown): boolean {
  if (!isRecord(row)) return false;
  for (const key in row) {
    switch (key) {
      case 'orgUnitId': case 'period': case 'metrics':
        continue;
      default:
        return false;
    }
  }
  const period = row.period;
  return isId(row.orgUnitId) && typeof period === 'string' && isPeriodString(period) && isRecord(row.metrics);
}

// ── pass 2: JSON Schema ──────────────────────────────────────────────────────
/**
 * The schema's problems, in linear time (see `schema-check.ts`): one per location, none where the scan
 * already reported, at most {@link MAX_SCHEMA_PROBLEMS}. When there would be more, the schema stops and
 * the last one listed says so, so that nothing is dropped silently.
 */
function schemaProblems(input: unknown, scanPaths: ReadonlySet<string>): { readonly matches: boolean; readonly problems: Problem[] } {
  const out: Problem[] = [];
  const seen = new Set<string>();
  let stopped = false;
  const matches = forEachSchemaError(input, (error) => {
    const p = schemaProblem(error);
    if (p === undefined || seen.has(p.path) || coveredBy(p.path, scanPaths)) return true;
    if (out.length === MAX_SCHEMA_PROBLEMS - 1) {
      stopped = true;
      return false;
    }
    // One problem per location: '' fails both minLength and pattern, and the first says it best.
    seen.add(p.path);
    out.push(p);
    return true;
  });
  if (stopped) {
    const listed = MAX_SCHEMA_PROBLEMS - 1;
    out.push(schemaStoppedProblem(listed));
  }
  return { matches, problems: out };
}

/** True when the scan already reported this path or one above it (e.g. a member's `name`). */
function coveredBy(path: string, scanPaths: ReadonlySet<string>): boolean {
  if (scanPaths.size === 0) return false;
  for (let end = path.length; end > 0; end = path.lastIndexOf('/', end - 1)) {
    if (scanPaths.has(path.slice(0, end))) return true;
  }
  return false;
}

/**
 * An ajv error as a problem: the path and message from the shared translator; the code and the params
 * this validator publishes (count bounds are INPUT_TOO_LARGE, HTTP 413; a repeated item is pointed at).
 */
function schemaProblem(error: ErrorObject): Problem | undefined {
  if (error.keyword === 'propertyNames') return undefined; // reported through the inner error, at the key
  const params = error.params as Record<string, unknown>;
  const d = describeAjvError(error);
  const violation = (extra?: Record<string, unknown>, path = d.path): Problem =>
    problem('SCHEMA_VIOLATION', path, d.message, { keyword: error.keyword, ...extra });
  if (error.propertyName !== undefined) return violation();
  switch (error.keyword) {
    case 'required':
      return violation({ property: String(params.missingProperty) });
    case 'additionalProperties': {
      const extra = { property: String(params.additionalProperty), allowed: d.allowedFields ?? [] };
      return violation(d.suggestion === undefined ? extra : { ...extra, suggestion: d.suggestion });
    }
    case 'type':
      return violation({ expected: params.type });
    case 'pattern':
      return violation({ pattern: String(params.pattern) });
    case 'enum': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [];
      return violation(d.suggestion === undefined ? { allowed } : { allowed, suggestion: d.suggestion });
    }
    case 'minimum':
    case 'maximum':
    case 'minLength':
    case 'maxLength':
      return violation({ limit: params.limit });
    case 'maxItems':
    case 'maxProperties':
      return problem('INPUT_TOO_LARGE', d.path, d.message, { limit: params.limit });
    case 'uniqueItems': {
      const { first, second } = d.repeated!;
      return violation({ firstPath: `${error.instancePath}/${first}` }, `${error.instancePath}/${second}`);
    }
    default:
      return violation();
  }
}

// ── pass 3: integrity ────────────────────────────────────────────────────────

function withSuggestion(text: LocalizedText, suggestion: string | undefined): LocalizedText {
  return suggestion === undefined
    ? text
    : msg(`${text.vi}; có phải ý bạn là ${q(suggestion)}?`, `${text.en}; did you mean ${q(suggestion)}?`);
}

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

const MONTHS_IN_10000_YEARS = 120_000;
/** Distinct values of {@link periodNumber}. */
const PERIODS_IN_10000_YEARS = 130_000;

/**
 * An insert-once map from integer keys in [0, 2^53) to non-negative indices, by open addressing on a
 * typed array: no allocation per entry. A Map would box every key above 2^30 as a heap number, and with
 * 900k reports that boxing and the garbage it leaves cost more than all the other checks together.
 *
 * Keys that differ only in their last 4 bits (the month, in a report key) land next to each other, and
 * each key sits beside its index: a team's reports, which datasets list together, then touch a few cache
 * lines instead of one random line each. On the national reports that is 15% faster than one table of
 * keys and one of indices, in two thirds of the memory (16 MB).
 */
class FirstIndexByKey {
  /** Key at 2·slot, index at 2·slot + 1; a key of -1 marks an empty slot. */
  private readonly slots: Float64Array;
  private readonly mask: number;

  constructor(expected: number) {
    let capacity = 4; // 8 doubles fit in the object itself; a larger typed array gets its own backing store
    while (capacity < expected * 1.25) capacity *= 2;
    this.slots = new Float64Array(2 * capacity).fill(-1);
    this.mask = capacity - 1;
  }

  /** The index stored for `key`; if there is none, stores `index` and returns -1. */
  firstOrSet(key: number, index: number): number {
    const group = Math.floor(key / 16);
    const low = group >>> 0;
    const high = (group / 4_294_967_296) >>> 0;
    let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let slot = (h + (key - group * 16)) & this.mask;
    for (;;) {
      const stored = this.slots[2 * slot]!;
      if (stored === -1) {
        this.slots[2 * slot] = key;
        this.slots[2 * slot + 1] = index;
        return -1;
      }
      if (stored === key) return this.slots[2 * slot + 1]!;
      slot = (slot + 1) & this.mask;
    }
  }
}

/**
 * `YYYY-MM`, or the month of a `YYYY-MM-DD` (already matched by the schema) → months since year 0,
 * without allocating substrings. Orders months as their strings do.
 */
function monthNumber(month: string): number {
  const year = (month.charCodeAt(0) - 48) * 1000 + (month.charCodeAt(1) - 48) * 100 + (month.charCodeAt(2) - 48) * 10 + month.charCodeAt(3) - 48;
  return year * 12 + (month.charCodeAt(5) - 48) * 10 + month.charCodeAt(6) - 48 - 1;
}

/** `YYYY` or `YYYY-MM` (already matched by the schema) → a number, distinct for each period. */
function periodNumber(period: string): number {
  const year = (period.charCodeAt(0) - 48) * 1000 + (period.charCodeAt(1) - 48) * 100 + (period.charCodeAt(2) - 48) * 10 + period.charCodeAt(3) - 48;
  return year * 13 + (period.length === 4 ? 0 : (period.charCodeAt(5) - 48) * 10 + period.charCodeAt(6) - 48);
}

/**
 * Is a `YYYY-MM-DD` (already matched by the schema) a real calendar date? The same answer as `isDate`,
 * without its regex and allocations: most days are at most 28. @internal exported for the tests.
 */
export function isRealDate(date: string): boolean {
  const day = (date.charCodeAt(8) - 48) * 10 + date.charCodeAt(9) - 48;
  if (day <= 28) return true;
  const month = (date.charCodeAt(5) - 48) * 10 + date.charCodeAt(6) - 48;
  const year = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + date.charCodeAt(3) - 48;
  return day <= daysInMonth(year, month);
}

/** An optional start and end date that are both real, the end not before the start. */
const isFineRange = (from: string | undefined, to: string | undefined): boolean =>
  (from === undefined || isRealDate(from)) && (to === undefined || isRealDate(to)) && (from === undefined || to === undefined || to >= from);

const KIND_TEXT = {
  activity: msg('chỉ số hoạt động', 'an activity metric'),
  area: msg('chỉ số địa bàn', 'an area metric'),
} as const;
const ROW_TEXT = {
  activity: msg('báo cáo hoạt động', 'an activity report'),
  area: msg('chỉ số địa bàn của đơn vị', 'an area indicator row'),
} as const;

/** Quote an id; ids match the schema's patterns, so nothing needs escaping. */
const qid = (id: string): string => `"${id}"`;

/**
 * The integrity checks, on a document the schema accepts. With `proving`, the schema is not known to
 * accept the records of the large arrays yet: each is proven as it is read (see the fast path above), and
 * the answer is false, the problems found so far meaningless, as soon as one cannot be.
 */
function checkIntegrity(
  dataset: Dataset,
  options: DatasetValidationOptions,
  problems: ProblemCollector,
  proving: boolean,
): boolean {
  const add = (code: ErrorCode, path: string, message: LocalizedText, params?: Record<string, unknown>): void => {
    problems.add(problem(code, path, message, params));
  };

  /** A real calendar date? Reports the impossible ones (2025-02-30) at `path`. */
  const realDate = (value: string, path: string): boolean => {
    if (isRealDate(value)) return true;
    add('INVALID_DATE_RANGE', path, msg(`Ngày ${value} không có trong lịch`, `${value} is not a real calendar date`), { value });
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
      add('INVALID_DATE_RANGE', `${base}/${toKey}`, msg(`${to} ở trước ${fromKey} (${from})`, `${to} is before ${fromKey} (${from})`), { from, to });
    }
  };

  // ── levels ──
  const levels = dataset.levels ?? DEFAULT_LEVELS;
  const levelRank = new Map<string, number>();
  levels.forEach((level, i) => {
    const first = levelRank.get(level.id);
    if (first === undefined) levelRank.set(level.id, i);
    else duplicate(add, `/levels/${i}/id`, `/levels/${first}/id`, level.id, msg('cấp', 'level'));
  });
  const levelIds = [...levelRank.keys()];
  const checkLevel = (level: string, path: () => string): number | undefined => {
    const rank = levelRank.get(level);
    if (rank !== undefined) return rank;
    const suggestion = suggest(level, levelIds);
    add(
      'UNKNOWN_LEVEL',
      path(),
      withSuggestion(
        msg(`Cấp ${qid(level)} không có trong danh sách cấp: ${levelIds.join(', ')}`, `Unknown level ${qid(level)}; the levels are: ${levelIds.join(', ')}`),
        suggestion,
      ),
      suggestion === undefined ? { level, levels: levelIds } : { level, levels: levelIds, suggestion },
    );
    return undefined;
  };

  // ── window ──
  const window = dataset.window;
  if (window !== undefined && window.to < window.from) {
    add(
      'INVALID_DATE_RANGE',
      '/window/to',
      msg(`${window.to} ở trước window.from (${window.from})`, `${window.to} is before window.from (${window.from})`),
      { from: window.from, to: window.to },
    );
  }

  // ── metric and ratio catalog ──
  // The built-in maps (made once, below) under this validation's plugin and dataset definitions.
  const metricDefs = new Layered(BUILTIN_METRIC_DEFS);
  const metricSource = new Layered(BUILTIN_METRIC_SOURCES);
  for (const m of options.metrics ?? []) register(metricDefs, metricSource, m, 'plugin');
  (dataset.metrics ?? []).forEach((m, i) => {
    const source = metricSource.get(m.id);
    if (source === undefined) register(metricDefs, metricSource, m, `/metrics/${i}/id`);
    else clash(add, `/metrics/${i}/id`, m.id, source, msg('chỉ số', 'metric'));
  });
  const ratioDefs = new Layered(BUILTIN_RATIO_DEFS);
  const ratioSource = new Layered(BUILTIN_RATIO_SOURCES);
  for (const r of options.ratios ?? []) register(ratioDefs, ratioSource, r, 'plugin');
  (dataset.ratios ?? []).forEach((r, i) => {
    const source = ratioSource.get(r.id);
    if (source !== undefined) {
      clash(add, `/ratios/${i}/id`, r.id, source, msg('tỷ lệ', 'ratio'));
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
          withSuggestion(msg(`Không tìm thấy chỉ số ${qid(id)}`, `No metric ${qid(id)}`), suggestion),
          suggestion === undefined ? { metric: id } : { metric: id, suggestion },
        );
      } else if (def.kind !== 'area') {
        usable = false;
        add(
          'UNKNOWN_METRIC',
          path,
          msg(`${qid(id)} là ${KIND_TEXT.activity.vi}; tỷ lệ bao phủ chỉ dùng chỉ số địa bàn`, `${qid(id)} is ${KIND_TEXT.activity.en}; coverage ratios use area metrics only`),
          { metric: id, kind: def.kind, expectedKind: 'area' },
        );
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
          message: withSuggestion(
            msg(`Chỉ số ${qid(id)} không có trong danh mục, trong dataset hay trong plugin`, `Unknown metric ${qid(id)}: not in the catalog, the dataset or a plugin`),
            suggestion,
          ),
          params: suggestion === undefined ? { metric: id } : { metric: id, suggestion },
        };
      } else {
        found = {
          message: msg(`${qid(id)} là ${KIND_TEXT[def.kind].vi}, không dùng trong ${ROW_TEXT[kind].vi}`, `${qid(id)} is ${KIND_TEXT[def.kind].en} and cannot appear in ${ROW_TEXT[kind].en}`),
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
    add(
      'INVALID_NUMBER',
      path,
      msg(`Giá trị phải là số hữu hạn và không âm (đang là ${String(value)})`, `Must be a finite number, not negative (got ${String(value)})`),
      { value: String(value) },
    );
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
    else duplicate(add, `/orgUnits/${i}/id`, `/orgUnits/${first}/id`, unit.id, msg('đơn vị', 'org unit'));
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
        add(
          'DANGLING_REFERENCE',
          `/orgUnits/${i}/parentId`,
          msg(`Không tìm thấy đơn vị cấp trên ${qid(parentId)}`, `No org unit ${qid(parentId)} (parent)`),
          { id: parentId },
        );
      } else if (onCycle[i] === 0) {
        const parentRank = unitRank[parent]!;
        if (rank !== undefined && parentRank !== -1 && rank <= parentRank) {
          const parentUnit = orgUnits[parent]!;
          add(
            'LEVEL_ORDER',
            `/orgUnits/${i}/level`,
            msg(
              `Cấp ${qid(unit.level)} không thấp hơn cấp ${qid(parentUnit.level)} của đơn vị cấp trên ${qid(parentId)}`,
              `Level ${qid(unit.level)} is not below level ${qid(parentUnit.level)} of the parent ${qid(parentId)}`,
            ),
            { level: unit.level, parentLevel: parentUnit.level, parentId },
          );
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
      duplicate(add, `/teams/${i}/id`, `/teams/${first.index}/id`, team.id, msg('tổ', 'team'));
    }
    if (!unitIndex.has(team.orgUnitId)) {
      add(
        'DANGLING_REFERENCE',
        `/teams/${i}/orgUnitId`,
        msg(`Không tìm thấy đơn vị ${qid(team.orgUnitId)}`, `No org unit ${qid(team.orgUnitId)}`),
        { id: team.orgUnitId },
      );
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
          add('DUPLICATE_ID', path, msg(`Mã thành viên bị trùng (đã dùng ở ${firstPath})`, `Duplicate member id (first used at ${firstPath})`), { firstPath });
        } else {
          duplicate(add, path, firstPath, id, msg('thành viên', 'member'));
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
      add('DANGLING_REFERENCE', reportField(g, 'teamId'), msg(`Không tìm thấy tổ ${qid(teamId)}`, `No team ${qid(teamId)}`), { id: teamId });
    } else if (memberId !== undefined && slot === -1) {
      if (looksPersonal(memberId)) {
        add('MEMBER_NOT_IN_TEAM', reportField(g, 'memberId'), msg(`Tổ ${qid(teamId)} không có thành viên này`, `Team ${qid(teamId)} has no such member`), { teamId });
      } else {
        add(
          'MEMBER_NOT_IN_TEAM',
          reportField(g, 'memberId'),
          msg(`Tổ ${qid(teamId)} không có thành viên ${qid(memberId)}`, `Team ${qid(teamId)} has no member ${qid(memberId)}`),
          { teamId, memberId },
        );
      }
    }

    const monthN = monthNumber(month);
    if (window !== undefined && (monthN < windowFrom || monthN > windowTo)) {
      add(
        'REPORT_OUTSIDE_WINDOW',
        reportField(g, 'month'),
        msg(`Tháng ${month} nằm ngoài kỳ báo cáo ${window.from}–${window.to}`, `${month} is outside the window ${window.from}–${window.to}`),
        { month, reason: 'window', from: window.from, to: window.to },
      );
    } else if (team !== undefined && monthN < team.firstMonth) {
      const firstMonth = team.team.establishedOn.slice(0, 7);
      add(
        'REPORT_OUTSIDE_WINDOW',
        reportField(g, 'month'),
        msg(`Tháng ${month} ở trước khi tổ ${qid(teamId)} được thành lập (${firstMonth})`, `${month} is before team ${qid(teamId)} was established (${firstMonth})`),
        { month, reason: 'beforeEstablished', establishedMonth: firstMonth },
      );
    } else if (team !== undefined && monthN > team.lastMonth) {
      const lastMonth = team.team.disbandedOn!.slice(0, 7);
      add(
        'REPORT_OUTSIDE_WINDOW',
        reportField(g, 'month'),
        msg(`Tháng ${month} ở sau khi tổ ${qid(teamId)} giải thể (${lastMonth})`, `${month} is after team ${qid(teamId)} was disbanded (${lastMonth})`),
        { month, reason: 'afterDisbanded', disbandedMonth: lastMonth },
      );
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
      const who = memberId === undefined ? msg('', '') : quoted ? msg(`, thành viên ${qid(memberId)}`, `, member ${qid(memberId)}`) : msg(', một thành viên', ', a member');
      const firstPath = reportAt(first);
      add(
        'DUPLICATE_REPORT',
        reportAt(g),
        msg(
          `Trùng báo cáo của tổ ${qid(teamId)}${who.vi}, tháng ${month} (đã có ở ${firstPath})`,
          `Second report for team ${qid(teamId)}${who.en}, month ${month} (first at ${firstPath})`,
        ),
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
  // Keyed by (org unit index, period) as a number, like reports; rows of unknown units by string.
  const indicatorKeys = new FirstIndexByKey(indicators.length);
  const oddIndicatorKeys = new Map<string, number>();
  for (let i = 0; i < indicators.length; i++) {
    const row = indicators[i]!;
    if (proving && !isIndicatorRecord(row)) return false;
    const { orgUnitId, period } = row;
    const unit = unitIndex.get(orgUnitId);
    if (unit === undefined) {
      add(
        'DANGLING_REFERENCE',
        `/indicators/${i}/orgUnitId`,
        msg(`Không tìm thấy đơn vị ${qid(orgUnitId)}`, `No org unit ${qid(orgUnitId)}`),
        { id: orgUnitId },
      );
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
      add(
        'DUPLICATE_INDICATOR',
        `/indicators/${i}`,
        msg(
          `Trùng chỉ số của đơn vị ${qid(orgUnitId)}, kỳ ${period} (đã có ở /indicators/${first})`,
          `Second indicator row for org unit ${qid(orgUnitId)}, period ${period} (first at /indicators/${first})`,
        ),
        { firstPath: `/indicators/${first}`, orgUnitId, period },
      );
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
          msg(
            `${pair.numerator} (${count}) lớn hơn mẫu số ${pair.denominator} (${base}) của tỷ lệ ${pair.ratios.join(', ')}`,
            `${pair.numerator} (${count}) is larger than its base ${pair.denominator} (${base}) for ${pair.ratios.join(', ')}`,
          ),
          { ratios: pair.ratios, numerator: pair.numerator, denominator: pair.denominator, value: count, base },
        );
      }
    }
  }
  return true;
}

function register<D extends { readonly id: string }>(defs: Layered<D>, sources: Layered<string>, def: D, source: string): void {
  if (defs.has(def.id)) return; // plugin clashes with the catalog are the registry's to report
  defs.set(def.id, def);
  sources.set(def.id, source);
}

type Add = (code: ErrorCode, path: string, message: LocalizedText, params?: Record<string, unknown>) => void;

function duplicate(add: Add, path: string, firstPath: string, id: string, what: LocalizedText): void {
  add(
    'DUPLICATE_ID',
    path,
    msg(`Mã ${what.vi} ${qid(id)} bị trùng (đã dùng ở ${firstPath})`, `Duplicate ${what.en} id ${qid(id)} (first used at ${firstPath})`),
    { id, firstPath },
  );
}

function clash(add: Add, path: string, id: string, source: string, what: LocalizedText): void {
  if (source.startsWith('/')) {
    duplicate(add, path, source, id, what);
    return;
  }
  const where = source === 'builtin' ? msg('danh mục có sẵn', 'the built-in catalog') : msg('một plugin', 'a plugin');
  add(
    'DUPLICATE_ID',
    path,
    msg(`Mã ${what.vi} ${qid(id)} đã có trong ${where.vi}`, `The ${what.en} id ${qid(id)} is already defined by ${where.en}`),
    { id, clashesWith: source },
  );
}

interface CoveragePair {
  readonly numerator: string;
  readonly denominator: string;
  readonly ratios: readonly string[];
}

/**
 * A map made once (the built-in catalog) under a map of one validation's additions: building the catalog
 * metric by metric, or copying a Map (`new Map(map)` walks it through the iterator protocol), was a fifth
 * of validating a one-team dataset. Additions never shadow the base (ids already there are not set).
 */
class Layered<V> {
  private readonly own = new Map<string, V>();

  constructor(private readonly base: ReadonlyMap<string, V>) {}

  get(id: string): V | undefined {
    return this.base.get(id) ?? this.own.get(id);
  }

  has(id: string): boolean {
    return this.base.has(id) || this.own.has(id);
  }

  set(id: string, value: V): void {
    if (!this.base.has(id)) this.own.set(id, value);
  }

  /** Entries added on top of the base. */
  get added(): number {
    return this.own.size;
  }

  *keys(): IterableIterator<string> {
    yield* this.base.keys();
    yield* this.own.keys();
  }

  *values(): IterableIterator<V> {
    yield* this.base.values();
    yield* this.own.values();
  }
}

// The built-in catalog as maps, made once (see Layered).
const BUILTIN_METRIC_DEFS: ReadonlyMap<string, MetricDefinition> = new Map(BUILTIN_METRICS.map((m) => [m.id, m]));
const BUILTIN_METRIC_SOURCES: ReadonlyMap<string, string> = new Map(BUILTIN_METRICS.map((m) => [m.id, 'builtin']));
const BUILTIN_RATIO_DEFS: ReadonlyMap<string, RatioDefinition> = new Map(BUILTIN_RATIOS.map((r) => [r.id, r]));
const BUILTIN_RATIO_SOURCES: ReadonlyMap<string, string> = new Map(BUILTIN_RATIOS.map((r) => [r.id, 'builtin']));
/** The coverage pairs of the built-in ratios alone (what a validation uses when nothing adds a ratio). */
const BUILTIN_COVERAGE: readonly CoveragePair[] = coveragePairs(BUILTIN_RATIO_DEFS);

/** Distinct numerator/denominator pairs, so two ratios over the same pair warn once. */
function coveragePairs(ratios: { values(): Iterable<RatioDefinition> }): CoveragePair[] {
  const pairs = new Map<string, { numerator: string; denominator: string; ratios: string[] }>();
  for (const r of ratios.values()) {
    const key = `${r.numerator}\u0000${r.denominator}`;
    const pair = pairs.get(key);
    if (pair === undefined) pairs.set(key, { numerator: r.numerator, denominator: r.denominator, ratios: [r.id] });
    else pair.ratios.push(r.id);
  }
  return [...pairs.values()];
}

/**
 * Parent cycles, by following parent links from each unit with a colour per unit (0 new, 1 on the current
 * walk, 2 done): O(n), no recursion. Returns 1 for each unit on a cycle. Each cycle is reported once, listed from its smallest id in parent
 * order, at the `parentId` of that unit, so the report does not depend on the order of `orgUnits`.
 */
function findCycles(orgUnits: Dataset['orgUnits'], parentOf: Int32Array, add: Add): Uint8Array {
  const state = new Uint8Array(orgUnits.length);
  const onCycle = new Uint8Array(orgUnits.length);
  const walk: number[] = [];
  for (let start = 0; start < orgUnits.length; start++) {
    if (state[start] !== 0) continue;
    walk.length = 0;
    let current = start;
    while (current !== -1 && state[current] === 0) {
      state[current] = 1;
      walk.push(current);
      current = parentOf[current]!;
    }
    if (current !== -1 && state[current] === 1) {
      const cycle = walk.slice(walk.indexOf(current));
      for (const k of cycle) onCycle[k] = 1;
      let smallest = 0;
      for (let k = 1; k < cycle.length; k++) {
        if (orgUnits[cycle[k]!]!.id < orgUnits[cycle[smallest]!]!.id) smallest = k;
      }
      const ordered = [...cycle.slice(smallest), ...cycle.slice(0, smallest)];
      const ids = ordered.map((k) => orgUnits[k]!.id);
      const chain = [...ids, ids[0]!].map((id) => qid(id)).join(' → ');
      add(
        'PARENT_CYCLE',
        `/orgUnits/${ordered[0]!}/parentId`,
        msg(`Quan hệ đơn vị cấp trên tạo thành vòng lặp: ${chain}`, `Parent links form a cycle: ${chain}`),
        { cycle: ids },
      );
    }
    for (const k of walk) state[k] = 2;
  }
  return onCycle;
}

// ── ordering ─────────────────────────────────────────────────────────────────

/** Sort by path (runs of digits, i.e. array indices, numerically), then code, then English message. */
