/**
 * The fast path of dataset validation: predicates that prove, record by record, that the safety scan
 * and the JSON Schema would find nothing, so that the integrity pass can skip them (see the notes below).
 */
import { DATASET_LIMITS } from '../../model/dataset-schema.js';
import { personalNumberIn } from '../../model/personal-data.js';
import { AFFILIATIONS, MEMBER_ROLES } from '../../model/types.js';
import { ID_NUMBER_RE, MAX_NODES, PHONE_RE, scanInput } from './scan.js';
import { rootMatchesSchema } from './schema-check.js';
import { reportRowsProblem } from './shape.js';
import type { Dataset } from '../../model/types.js';

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

export const isDigitAt = (s: string, i: number): boolean => {
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
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An id the scan accepts: the id pattern, and no phone or citizen ID number inside. */
export const isId = (value: unknown): boolean => typeof value === 'string' && isIdString(value) && personalNumberIn(value) === undefined;
export const isOptionalDate = (value: unknown): boolean => value === undefined || (typeof value === 'string' && isDateString(value));

/** An id the scan would not flag as personal data: only those starting with a digit can be. */
export const isOpaqueId = (value: unknown): boolean =>
  isId(value) && (!isDigitAt(value as string, 0) || (!PHONE_RE.test(value as string) && !ID_NUMBER_RE.test(value as string)));

/**
 * A member id (matching the id pattern) that the scan flags as a phone or citizen ID number. Integrity
 * problems never quote such an id back: the scan's PERSONAL_DATA_VALUE at the same place says what is wrong.
 */
export const looksPersonal = (id: string): boolean => isDigitAt(id, 0) && (PHONE_RE.test(id) || ID_NUMBER_RE.test(id));

const ROLES: ReadonlySet<unknown> = new Set(MEMBER_ROLES);
const AFFILIATION_SET: ReadonlySet<unknown> = new Set(AFFILIATIONS);

/** The root arrays whose records the integrity pass checks by hand, with their `maxItems`. */
const LARGE_ARRAYS = [
  ['orgUnits', DATASET_LIMITS.orgUnits],
  ['teams', DATASET_LIMITS.teams],
  ['reports', DATASET_LIMITS.reports],
  ['indicators', DATASET_LIMITS.indicators],
] as const;
export const NO_ITEMS: readonly never[] = [];

/**
 * The first half of the proof: the root is a plain object, the large arrays are arrays within their
 * bounds, and everything else passes the scan and the schema (checked on a copy of the root whose large
 * arrays are empty; the scan is belt and braces, as those parts are closed objects whose keys it accepts).
 * It also bounds the number of objects: at most `MAX_NODES` even if every team had 50 members each with
 * both arrays, so the scan could not have stopped on the count; and the records the predicates accept
 * nest at most 5 deep, far from `MAX_DATASET_DEPTH`.
 */
export function rootIsClean(input: unknown): input is Record<string, unknown> {
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

/*
 * The record predicates. Keys: every record is closed, and none of the keys allowed here is forbidden
 * or personal, so the scan can only object to keys inside metric maps (see `checkMetrics`), to strings
 * with a phone or citizen ID number inside (`isId`, and names), and to member ids that are such a
 * number (`isOpaqueId`). Dates, months and periods have too few digits to hold one.
 */

export function isOrgUnitRecord(unit: unknown): boolean {
  if (!isRecord(unit)) return false;
  for (const key in unit) {
    switch (key) {
      case 'id':
      case 'name':
      case 'level':
      case 'parentId':
      case 'validFrom':
      case 'validTo':
      case 'successors':
      case 'parentHistory':
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
    typeof name === 'string' &&
    name.length >= 1 &&
    name.length <= DATASET_LIMITS.nameLength &&
    personalNumberIn(name) === undefined &&
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
      case 'id':
      case 'part':
      case 'share':
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
      case 'parentId':
      case 'until':
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
      case 'orgUnitId':
      case 'until':
        continue;
      default:
        return false;
    }
  }
  const until = entry.until;
  return isId(entry.orgUnitId) && typeof until === 'string' && isDateString(until);
}

export function isTeamRecord(team: unknown): boolean {
  if (!isRecord(team)) return false;
  for (const key in team) {
    switch (key) {
      case 'id':
      case 'orgUnitId':
      case 'level':
      case 'establishedOn':
      case 'disbandedOn':
      case 'onlineGroup':
      case 'members':
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
    typeof establishedOn !== 'string' ||
    !isDateString(establishedOn) ||
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

export function isMemberRecord(member: unknown): boolean {
  if (!isRecord(member)) return false;
  for (const key in member) {
    switch (key) {
      case 'id':
      case 'role':
      case 'affiliations':
      case 'birthYear':
      case 'trainings':
      case 'joinedOn':
      case 'leftOn':
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
export function isReportRecord(report: unknown): boolean {
  if (!isRecord(report)) return false;
  for (const key in report) {
    switch (key) {
      case 'teamId':
      case 'memberId':
      case 'month':
      case 'metrics':
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
    typeof month === 'string' &&
    isMonthString(month) &&
    isRecord(report.metrics)
  );
}

/** An indicator row, except the entries of its metric map. */
export function isIndicatorRecord(row: unknown): boolean {
  if (!isRecord(row)) return false;
  for (const key in row) {
    switch (key) {
      case 'orgUnitId':
      case 'period':
      case 'metrics':
        continue;
      default:
        return false;
    }
  }
  const period = row.period;
  return isId(row.orgUnitId) && typeof period === 'string' && isPeriodString(period) && isRecord(row.metrics);
}
