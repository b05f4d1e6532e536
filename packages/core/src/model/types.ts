import type { LocalizedText } from '../errors.js';

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** A calendar month, `YYYY-MM`. */
export type YearMonth = string;

/**
 * A level of the administrative hierarchy. Levels are data, not code: a 2024 dataset has
 * province > district > commune > village, a 2026 one province > commune > village.
 */
export interface LevelDefinition {
  /** Level id used by org units and teams, e.g. `province`, `district`, `commune`, `village`. */
  readonly id: string;
  readonly label?: LocalizedText;
}

/** The levels cnscd assumes when a dataset declares none (top first). */
export const DEFAULT_LEVELS: readonly LevelDefinition[] = [
  { id: 'province', label: { vi: 'Tỉnh/Thành phố', en: 'Province' } },
  { id: 'district', label: { vi: 'Huyện', en: 'District' } },
  { id: 'commune', label: { vi: 'Xã/Phường', en: 'Commune' } },
  { id: 'village', label: { vi: 'Thôn/Tổ dân phố', en: 'Village' } },
];

/** An administrative unit (province, commune, village...). */
export interface OrgUnit {
  readonly id: string;
  readonly name: string;
  readonly level: string;
  /** Absent or null for a root. */
  readonly parentId?: string | null;
  /** First day the unit exists (inclusive). Absent: always existed. */
  readonly validFrom?: IsoDate;
  /** Last day the unit exists (inclusive). Absent: still exists. */
  readonly validTo?: IsoDate;
  /**
   * The units that took over this one on the day after its `validTo` (a merger or a split, such as the
   * reform of 1 July 2025). See {@link Successor}.
   */
  readonly successors?: readonly Successor[];
  /**
   * Earlier parents, oldest first: each was the parent up to and including its `until` date; `parentId`
   * is the parent after the last `until`. A village that moved from an old commune to a new one on
   * 1 July 2025 has `parentHistory: [{ parentId: 'old-commune', until: '2025-06-30' }]`.
   */
  readonly parentHistory?: readonly ParentChange[];
}

/** Whether the whole of a unit went into a successor (`full`) or only part of it (`partial`). */
export type SuccessionPart = 'full' | 'partial';

/** A unit that took over (all or part of) an ended unit. */
export interface Successor {
  readonly id: string;
  readonly part: SuccessionPart;
  /**
   * The fraction (0–1) of the ended unit's area indicators (population, households) that went into this
   * successor; lets a roll-up re-expressed on later units split them. Optional.
   */
  readonly share?: number;
}

/** An earlier parent of a unit, up to and including `until`; `null` for a time it was a root. */
export interface ParentChange {
  readonly parentId: string | null;
  readonly until: IsoDate;
}

/** An earlier unit served by a team, up to and including `until`. */
export interface UnitChange {
  readonly orgUnitId: string;
  readonly until: IsoDate;
}

/** Roles within a team. */
export const MEMBER_ROLES = ['leader', 'deputy', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Where a member comes from; several may apply. */
export const AFFILIATIONS = [
  'villageHead',
  'areaPolice',
  'youthUnion',
  'womensUnion',
  'digitalBusiness',
  'volunteer',
  'civilServant',
  'other',
] as const;
export type Affiliation = (typeof AFFILIATIONS)[number];

export const AFFILIATION_LABELS: Readonly<Record<Affiliation, LocalizedText>> = {
  villageHead: { vi: 'Trưởng thôn/tổ dân phố', en: 'Village or residential-group head' },
  areaPolice: { vi: 'Công an khu vực', en: 'Area police' },
  youthUnion: { vi: 'Đoàn thanh niên', en: 'Youth Union' },
  womensUnion: { vi: 'Hội phụ nữ', en: "Women's Union" },
  digitalBusiness: { vi: 'Doanh nghiệp công nghệ số', en: 'Digital-technology business' },
  volunteer: { vi: 'Tình nguyện viên', en: 'Volunteer' },
  civilServant: { vi: 'Công chức', en: 'Civil servant' },
  other: { vi: 'Khác', en: 'Other' },
};

/**
 * A team member, known only by an opaque id. Names, phone numbers, ID numbers and exact birth dates are
 * rejected (Vietnam's Personal Data Protection Law, in force since 1 Jan 2026).
 */
export interface Member {
  readonly id: string;
  readonly role: MemberRole;
  readonly affiliations?: readonly Affiliation[];
  readonly birthYear?: number;
  /** Ids of courses completed. */
  readonly trainings?: readonly string[];
  readonly joinedOn?: IsoDate;
  readonly leftOn?: IsoDate;
}

/** A Community Digital Technology Team (Tổ CNSCĐ). */
export interface Team {
  readonly id: string;
  /** The org unit the team serves. */
  readonly orgUnitId: string;
  /** The level the team works at: the level of its org unit (another level is a `TEAM_LEVEL_MISMATCH` error). */
  readonly level: string;
  readonly establishedOn: IsoDate;
  readonly disbandedOn?: IsoDate;
  /** Whether the team runs a group on a messaging platform (Zalo...). */
  readonly onlineGroup?: boolean;
  readonly members?: readonly Member[];
  /**
   * Earlier units the team served, oldest first, each up to and including its `until` date; `orgUnitId`
   * is the unit after the last `until`.
   */
  readonly orgUnitHistory?: readonly UnitChange[];
}

/** Monthly activity of a team, or of one member of it. */
export interface ActivityReport {
  readonly teamId: string;
  readonly memberId?: string;
  readonly month: YearMonth;
  /** Metric id → non-negative finite number. */
  readonly metrics: Readonly<Record<string, number>>;
}

/**
 * Activity reports as columns: the compact form of {@link Dataset.reports} for large datasets (a national
 * export, a spreadsheet). Row `i` is the report
 * `{ teamId: teamId[i], memberId: memberId?.[i] ?? undefined, month: month[i], metrics }`, where `metrics`
 * holds each metric whose column has a number (not `null`) at `i`. Every column has one value per row.
 *
 * The text is about half that of the same reports as objects, and cnscd reads it column by column instead
 * of key by key. {@link toReportColumns} and {@link fromReportColumns} convert between the two forms.
 *
 * @example
 * ```ts
 * const reportColumns: ReportColumns = {
 *   teamId: ['t1', 't1', 't2'],
 *   month: ['2025-01', '2025-02', '2025-01'],
 *   metrics: { householdsVisited: [12, null, 7], peopleGuided: [30, 25, null] },
 * };
 * // the same as reports: [
 * //   { teamId: 't1', month: '2025-01', metrics: { householdsVisited: 12, peopleGuided: 30 } },
 * //   { teamId: 't1', month: '2025-02', metrics: { peopleGuided: 25 } },
 * //   { teamId: 't2', month: '2025-01', metrics: { householdsVisited: 7 } },
 * // ]
 * ```
 */
export interface ReportColumns {
  readonly teamId: readonly string[];
  readonly month: readonly YearMonth[];
  /** The member reporting, for per-member reports; `null` (or no column at all) for a team report. */
  readonly memberId?: readonly (string | null)[];
  /** Activity metric id → one value per row; `null` where the row has no value for the metric. */
  readonly metrics: Readonly<Record<string, readonly (number | null)[]>>;
}

/** Indicators of an area (population, coverage counts) for a month (`YYYY-MM`) or a year (`YYYY`). */
export interface AreaIndicator {
  readonly orgUnitId: string;
  readonly period: string;
  readonly metrics: Readonly<Record<string, number>>;
}

/** How a metric combines over months. */
export type TimeAggregation = 'sum' | 'last' | 'max' | 'mean';
/** How a metric combines up the hierarchy; rates are never metrics, they are ratios of sums. */
export type HierarchyAggregation = 'sum' | 'none';

/** The five basic digital tasks (5 nhiệm vụ / kỹ năng số cơ bản) plus work not tied to one task. */
export const TASKS = ['publicServices', 'onlineShopping', 'onlinePayment', 'cyberSafety', 'localPlatforms'] as const;
export type Task = (typeof TASKS)[number];

/** A metric: something counted in activity reports or area indicators. */
export interface MetricDefinition {
  readonly id: string;
  readonly label: LocalizedText;
  readonly unit: string;
  /** `activity`: reported by teams monthly; `area`: an indicator of an org unit. */
  readonly kind: 'activity' | 'area';
  readonly overTime: TimeAggregation;
  readonly upHierarchy: HierarchyAggregation;
  /** The basic task this activity serves, if any. */
  readonly task?: Task;
}

/** A coverage rate: the ratio of two area metrics, summed before dividing when rolled up. */
export interface RatioDefinition {
  readonly id: string;
  readonly label: LocalizedText;
  readonly numerator: string;
  readonly denominator: string;
}

/**
 * A dataset: the hierarchy, the teams and their activity. Only `orgUnits` and `teams` are required; an
 * empty dataset is valid.
 */
export interface Dataset {
  readonly $schema?: string;
  readonly name?: string;
  /** Levels top first; defaults to {@link DEFAULT_LEVELS}. */
  readonly levels?: readonly LevelDefinition[];
  /** The months the reports cover (inclusive); reports outside it are flagged. */
  readonly window?: { readonly from: YearMonth; readonly to: YearMonth };
  readonly orgUnits: readonly OrgUnit[];
  readonly teams: readonly Team[];
  readonly reports?: readonly ActivityReport[];
  /**
   * More reports, as columns (see {@link ReportColumns}); they count exactly as `reports` do, after them.
   * Code that reads a dataset's raw reports should read both (or use {@link fromReportColumns}).
   */
  readonly reportColumns?: ReportColumns;
  readonly indicators?: readonly AreaIndicator[];
  /** Metrics beyond the built-in catalog. */
  readonly metrics?: readonly MetricDefinition[];
  /** Coverage ratios beyond the built-in catalog. */
  readonly ratios?: readonly RatioDefinition[];
}
