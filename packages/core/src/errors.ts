/**
 * The one registry of stable problem and error codes.
 *
 * Validation problems are *data* ({@link Problem}): every check reports all it finds, each with a JSON
 * pointer to the offending field and a message in Vietnamese and English. Exceptions
 * ({@link CnscdError}) are for programmer errors and for inputs that cannot be used at all.
 *
 * Codes never change meaning once published; new codes may be added. `httpStatus` is the status the
 * scoring API answers with when a request is rejected for this code. Codes about the HTTP exchange itself
 * (malformed JSON, media type, routes, rate limits, overload) live with the server (`API_ERROR_CODES` in
 * `@cnscd/server`, which extends this registry).
 */

/** A text in Vietnamese and English. */
export interface LocalizedText {
  readonly vi: string;
  readonly en: string;
}

/** How serious a problem is: errors make the input unusable, warnings are returned alongside results. */
export type Severity = 'error' | 'warning';

/**
 * What a registry says of a code: its default severity, the HTTP status the API answers with, and the
 * English one-line summary the docs show. Other registries that extend this one (the server's HTTP codes)
 * use the same shape.
 *
 * @example
 * ```ts
 * const spec: CodeSpec = ERROR_CODES.DUPLICATE_ID; // { severity: 'error', httpStatus: 422, summary: '…' }
 * ```
 */
export interface CodeSpec {
  readonly severity: Severity;
  readonly httpStatus: number;
  readonly summary: string;
}

/**
 * Every code cnscd can report. `summary` is the English one-liner used in docs; the per-instance message
 * (with the actual values) is built where the problem is found.
 */
export const ERROR_CODES = {
  // ── wire format (JSON Schema) ───────────────────────────────────────────────
  SCHEMA_VIOLATION: { severity: 'error', httpStatus: 400, summary: 'The document does not match its JSON Schema.' },
  FORBIDDEN_KEY: { severity: 'error', httpStatus: 400, summary: 'A key such as __proto__, constructor or prototype was used.' },
  PERSONAL_DATA_FIELD: {
    severity: 'error',
    httpStatus: 400,
    summary: 'A field that carries personal data (name, phone, ID number, birth date) was supplied; only opaque ids are accepted.',
  },
  PERSONAL_DATA_VALUE: {
    severity: 'error',
    httpStatus: 400,
    summary: 'An id, a name or another value holds what looks like a phone or citizen ID number; use opaque ids and leave such numbers out.',
  },
  INPUT_TOO_LARGE: { severity: 'error', httpStatus: 413, summary: 'The input exceeds a size, count or depth bound.' },
  COLUMN_LENGTH_MISMATCH: {
    severity: 'error',
    httpStatus: 400,
    summary: 'A column of `reportColumns` does not have one value per row (as many as `teamId`).',
  },

  // ── dataset integrity ───────────────────────────────────────────────────────
  DUPLICATE_ID: { severity: 'error', httpStatus: 422, summary: 'Two records of the same kind share an id.' },
  DANGLING_REFERENCE: { severity: 'error', httpStatus: 422, summary: 'A reference points at a record that does not exist.' },
  PARENT_CYCLE: { severity: 'error', httpStatus: 422, summary: 'Org-unit parent links form a cycle.' },
  UNKNOWN_LEVEL: { severity: 'error', httpStatus: 422, summary: 'A level is not among the levels the dataset declares.' },
  LEVEL_ORDER: { severity: 'warning', httpStatus: 422, summary: 'A child org unit is not at a lower level than its parent.' },
  LINEAGE_CYCLE: {
    severity: 'error',
    httpStatus: 422,
    summary: 'Successor or earlier-parent links form a cycle: a unit is its own successor or its own ancestor through history.',
  },
  HISTORY_ORDER: {
    severity: 'error',
    httpStatus: 422,
    summary: 'The `until` dates of a `parentHistory` or `orgUnitHistory` are not in increasing order.',
  },
  SUCCESSOR_NOT_IN_FORCE: {
    severity: 'error',
    httpStatus: 422,
    summary: 'A successor does not exist on the day after its predecessor’s `validTo` (or the predecessor has no `validTo`).',
  },
  SUCCESSOR_SHARES_OVER_ONE: { severity: 'error', httpStatus: 422, summary: 'The `share`s of one ended unit’s successors add up to more than 1.' },
  TEAM_LEVEL_MISMATCH: { severity: 'error', httpStatus: 422, summary: 'A team’s level differs from the level of the org unit it serves.' },
  UNKNOWN_METRIC: { severity: 'error', httpStatus: 422, summary: 'A metric id is neither in the catalog nor declared by the dataset or a plugin.' },
  DUPLICATE_REPORT: { severity: 'error', httpStatus: 422, summary: 'Two activity reports for the same team, member and month.' },
  DUPLICATE_INDICATOR: { severity: 'error', httpStatus: 422, summary: 'Two area-indicator rows for the same org unit and period.' },
  INVALID_NUMBER: { severity: 'error', httpStatus: 422, summary: 'A metric value is NaN, infinite or negative.' },
  INVALID_DATE_RANGE: { severity: 'error', httpStatus: 422, summary: 'An end date is before its start date.' },
  REPORT_OUTSIDE_WINDOW: { severity: 'warning', httpStatus: 422, summary: 'A report falls outside the dataset window or the life of its team.' },
  MEMBER_NOT_IN_TEAM: { severity: 'error', httpStatus: 422, summary: 'A report names a member who is not in that team.' },
  COVERAGE_EXCEEDS_BASE: { severity: 'warning', httpStatus: 422, summary: 'A coverage count is larger than its denominator.' },

  // ── criteria sets (authoring time) ──────────────────────────────────────────
  DUPLICATE_CRITERION: { severity: 'error', httpStatus: 400, summary: 'Two criteria share an id.' },
  UNKNOWN_FACT: { severity: 'error', httpStatus: 400, summary: 'A condition uses a fact that no one provides.' },
  UNKNOWN_OPERATOR: { severity: 'error', httpStatus: 400, summary: 'A condition uses an operator that no one provides.' },
  UNKNOWN_PARAMETER: { severity: 'error', httpStatus: 400, summary: 'A value references a parameter the set does not declare.' },
  UNKNOWN_SCORER: { severity: 'error', httpStatus: 400, summary: 'A criterion uses a scorer that no one provides.' },
  INVALID_SCORER_OPTIONS: { severity: 'error', httpStatus: 400, summary: 'Scorer options do not match the scorer’s schema.' },
  UNSAFE_PATH: { severity: 'error', httpStatus: 400, summary: 'A condition path is outside the safe dotted grammar.' },
  FACT_NOT_FOR_SUBJECT: { severity: 'error', httpStatus: 400, summary: 'A fact is not computed for the subject kind of this set.' },
  CONDITION_TOO_DEEP: { severity: 'error', httpStatus: 400, summary: 'A condition tree is nested deeper than allowed.' },
  CONDITION_TOO_LARGE: { severity: 'error', httpStatus: 400, summary: 'A condition tree has more nodes than allowed.' },
  RATING_GAP: { severity: 'error', httpStatus: 400, summary: 'Rating tiers do not cover 0–100% without gaps.' },
  DUPLICATE_RATING: { severity: 'error', httpStatus: 400, summary: 'Two rating tiers share an id or a threshold.' },
  POINTS_MISMATCH: { severity: 'error', httpStatus: 400, summary: 'Points do not add up (total, steps or maxima).' },
  STEPS_NOT_ORDERED: { severity: 'error', httpStatus: 400, summary: 'Step thresholds are not in ascending order of threshold and points.' },
  PARAMETER_SCHEDULE: { severity: 'error', httpStatus: 400, summary: 'A dated parameter schedule is empty, unordered or has duplicate dates.' },
  PARAMETER_TYPE: { severity: 'error', httpStatus: 400, summary: 'A parameter value has the wrong type for where it is used.' },
  EXTENDS_NOT_FOUND: { severity: 'error', httpStatus: 404, summary: 'The base criteria set named in extends cannot be found.' },
  EXTENDS_CYCLE: { severity: 'error', httpStatus: 400, summary: 'Criteria sets extend each other in a cycle.' },
  REMOVE_UNKNOWN: { severity: 'error', httpStatus: 400, summary: 'extends.remove names a criterion the base does not have.' },
  EMPTY_GROUP: { severity: 'warning', httpStatus: 400, summary: 'An all/any group has no conditions (json-rules-engine treats it as true).' },
  MISSING_PLUGIN: { severity: 'error', httpStatus: 400, summary: 'The set requires a plugin that is not loaded.' },
  INCOMPATIBLE_PLUGIN: { severity: 'error', httpStatus: 400, summary: 'A loaded plugin’s version does not satisfy the set’s requirement.' },
  NOT_EFFECTIVE: { severity: 'warning', httpStatus: 400, summary: 'The evaluation date is outside the criteria set’s effective dates.' },

  // ── evaluation ──────────────────────────────────────────────────────────────
  CRITERION_FAILED: {
    severity: 'error',
    httpStatus: 500,
    summary: 'Evaluating a criterion threw; it is reported as error and the others still count.',
  },
  FACT_NOT_NUMBER: { severity: 'warning', httpStatus: 500, summary: 'A fact returned NaN or a non-number where a number is needed.' },
  MISSING_DENOMINATOR: {
    severity: 'warning',
    httpStatus: 422,
    summary: 'A ratio fact has no denominator (zero or missing), so its value is undefined.',
  },
  INVALID_PERIOD: { severity: 'error', httpStatus: 400, summary: 'The evaluation period is malformed or ends before it starts.' },
  NO_REPORTS_IN_PERIOD: {
    severity: 'warning',
    httpStatus: 422,
    summary: 'No team has an activity report in any month of the evaluation period, so every activity criterion sees zeros.',
  },
  PERIOD_OUTSIDE_DATA: {
    severity: 'warning',
    httpStatus: 422,
    summary: 'Part of the evaluation period lies outside the months the dataset covers (its window, or its first to last report).',
  },
  UNIT_PARENT_ENDED: {
    severity: 'warning',
    httpStatus: 422,
    summary:
      'In a dataset without lineage, a unit’s parent is not in force on the evaluation date: the unit is rolled up as a root. Give successors or parentHistory.',
  },
  TEAM_UNIT_ENDED: {
    severity: 'warning',
    httpStatus: 422,
    summary:
      'In a dataset without lineage, an active team’s unit is not in force on the evaluation date: the team is scored but not counted in the roll-up. Give successors or orgUnitHistory.',
  },
  TEAM_UNPLACED: {
    severity: 'warning',
    httpStatus: 422,
    summary:
      'A team cannot be placed in the hierarchy on the evaluation date (its unit or a unit above it is not in force that day and has no single full successor); it is scored and counted under an "unplaced" roll-up entry.',
  },
  UNKNOWN_ROLLUP_LEVEL: { severity: 'error', httpStatus: 400, summary: 'A level asked of the roll-up is not among the dataset’s levels.' },

  // ── programmer errors / registry ────────────────────────────────────────────
  INVALID_ARGUMENT: { severity: 'error', httpStatus: 400, summary: 'A function was called with an argument it cannot use.' },
  DATASET_INVALID: { severity: 'error', httpStatus: 400, summary: 'The dataset has errors; see problems.' },
  CRITERIA_SET_INVALID: { severity: 'error', httpStatus: 400, summary: 'The criteria set has errors; see problems.' },
  PRESET_NOT_FOUND: { severity: 'error', httpStatus: 404, summary: 'No preset with that id (and version).' },
  PLUGIN_NAME_CLASH: { severity: 'error', httpStatus: 500, summary: 'Two plugins, or a plugin and the core, define the same name.' },
  PLUGIN_INCOMPATIBLE_CORE: { severity: 'error', httpStatus: 500, summary: 'A plugin does not support this core version.' },
  PLUGIN_DEPENDENCY: { severity: 'error', httpStatus: 500, summary: 'A plugin definition depends on something missing or circular.' },
  PLUGIN_INVALID: { severity: 'error', httpStatus: 500, summary: 'A plugin definition is malformed.' },
  PLUGIN_NEEDS_CODE_GENERATION: {
    severity: 'error',
    httpStatus: 500,
    summary:
      'A plugin brings a JSON Schema (a scorer’s optionsSchema, an operator’s valueSchema), which is compiled to code, and the environment forbids generating code from strings (a Content-Security-Policy without unsafe-eval).',
  },
} as const satisfies Record<string, CodeSpec>;

/** A stable code from {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * One validation problem: data, not an exception.
 *
 * @example
 * ```ts
 * const p: Problem = {
 *   code: 'DANGLING_REFERENCE', severity: 'error', path: '/teams/3/orgUnitId',
 *   message: { vi: 'Không tìm thấy đơn vị "x9"', en: 'No org unit "x9"' },
 * };
 * ```
 */
export interface Problem {
  readonly code: ErrorCode;
  readonly severity: Severity;
  /** RFC 6901 JSON pointer to the field, relative to the document checked ("" is the whole document). */
  readonly path: string;
  readonly message: LocalizedText;
  /** Values that help a program act on the problem (the cycle, the suggestion, the limit...). */
  readonly params?: Readonly<Record<string, unknown>>;
}

/** Build a problem with the registry's severity for `code` unless one is given. */
export function problem(
  code: ErrorCode,
  path: string,
  message: LocalizedText,
  params?: Record<string, unknown>,
  severity: Severity = ERROR_CODES[code].severity,
): Problem {
  return params === undefined ? { code, severity, path, message } : { code, severity, path, message, params };
}

/** True when any problem has severity `error`. */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/**
 * The one error class cnscd throws. `code` is stable; `problems` carries validation detail when the
 * error summarises many problems.
 *
 * @example
 * ```ts
 * try { resolveCriteriaSet(doc); } catch (e) {
 *   if (e instanceof CnscdError && e.code === 'CRITERIA_SET_INVALID') console.table(e.problems);
 * }
 * ```
 */
export class CnscdError extends Error {
  override readonly name = 'CnscdError';
  readonly code: ErrorCode;
  readonly problems: readonly Problem[];
  readonly httpStatus: number;

  constructor(code: ErrorCode, message: string, options: { problems?: readonly Problem[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.problems = options.problems ?? [];
    this.httpStatus = ERROR_CODES[code].httpStatus;
  }

  toJSON(): { code: ErrorCode; message: string; problems: readonly Problem[] } {
    return { code: this.code, message: this.message, problems: this.problems };
  }
}

/** Escape one JSON-pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Join segments into a JSON pointer. */
export function pointer(...segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => '/' + pointerSegment(s)).join('');
}
