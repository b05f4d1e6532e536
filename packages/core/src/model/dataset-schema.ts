/**
 * The dataset wire format as a JSON Schema (draft 2020-12).
 *
 * One schema, many uses: ajv validates input with it, the server publishes it in its OpenAPI document,
 * `scripts/emit-schemas.ts` writes it to `schemas/dataset.schema.json` for editors (`"$schema": …`), and a
 * type test checks its properties against `Dataset` in `types.ts`.
 *
 * Every object is closed (`additionalProperties: false`): the format has no place for names, phone numbers
 * or ID numbers of people, and an unknown key is more often a typo than an extension. Every string, array
 * and map is bounded so that a hostile document cannot make the validator do unbounded work.
 */
import { AFFILIATIONS, MEMBER_ROLES, TASKS } from './types.js';

export { DATE_PATTERN, ID_PATTERN, METRIC_ID_PATTERN, MONTH_PATTERN, PERIOD_PATTERN } from './patterns.js';
import { DATE_PATTERN, ID_PATTERN, METRIC_ID_PATTERN, MONTH_PATTERN, PERIOD_PATTERN } from './patterns.js';

/** The bounds the schema enforces, exported so that tests and docs quote the same numbers. */
export const DATASET_LIMITS = {
  idLength: 64,
  nameLength: 200,
  orgUnits: 200_000,
  teams: 200_000,
  membersPerTeam: 50,
  reports: 5_000_000,
  indicators: 1_000_000,
  metricsPerRow: 100,
  trainingsPerMember: 100,
  levels: 20,
  metricDefinitions: 1_000,
  ratioDefinitions: 1_000,
  unitLength: 64,
  schemaUriLength: 2_048,
  /** Entries of `successors`, `parentHistory` and `orgUnitHistory` on one record. */
  lineageEntries: 100,
} as const;

/**
 * The dataset JSON Schema. `as const`, so its literal structure is visible to TypeScript.
 *
 * @example
 * ```ts
 * import { Ajv2020 } from 'ajv/dist/2020.js';
 * const check = new Ajv2020({ allErrors: true }).compile(datasetSchema);
 * check({ orgUnits: [], teams: [] }); // true
 * ```
 */
export const datasetSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://cnscd.dev/schemas/dataset.schema.json',
  title: 'cnscd dataset',
  description:
    'The administrative hierarchy, the Community Digital Technology Teams (Tổ công nghệ số cộng đồng, Tổ CNSCĐ) ' +
    'and their monthly activity, as scored by cnscd. Members are known only by opaque ids: names, phone ' +
    'numbers, ID numbers and birth dates are not part of the format (Personal Data Protection Law, ' +
    'Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, in force since 1 Jan 2026).',
  type: 'object',
  additionalProperties: false,
  required: ['orgUnits', 'teams'],
  properties: {
    $schema: {
      type: 'string',
      maxLength: DATASET_LIMITS.schemaUriLength,
      description: 'URI of this schema, so editors can offer completion; ignored by cnscd.',
    },
    name: {
      type: 'string',
      minLength: 1,
      maxLength: DATASET_LIMITS.nameLength,
      description: 'A label for the dataset, e.g. "Thái Nguyên 2024".',
    },
    levels: {
      type: 'array',
      maxItems: DATASET_LIMITS.levels,
      items: { $ref: '#/$defs/level' },
      description:
        'Levels of the administrative hierarchy (cấp hành chính), top first. Defaults to province > district > ' +
        'commune > village; from 1 Jul 2025 local government has two tiers, so a newer dataset may declare ' +
        'province > commune > village.',
    },
    window: {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'to'],
      description: 'The months the reports cover, inclusive (kỳ báo cáo); reports outside it are flagged.',
      properties: {
        from: { $ref: '#/$defs/month', description: 'First month covered, YYYY-MM.' },
        to: { $ref: '#/$defs/month', description: 'Last month covered, YYYY-MM.' },
      },
    },
    orgUnits: {
      type: 'array',
      maxItems: DATASET_LIMITS.orgUnits,
      items: { $ref: '#/$defs/orgUnit' },
      description: 'Administrative units (đơn vị hành chính): provinces, communes, villages…',
    },
    teams: {
      type: 'array',
      maxItems: DATASET_LIMITS.teams,
      items: { $ref: '#/$defs/team' },
      description: 'Community Digital Technology Teams (Tổ CNSCĐ).',
    },
    reports: {
      type: 'array',
      maxItems: DATASET_LIMITS.reports,
      items: { $ref: '#/$defs/activityReport' },
      description: 'Monthly activity reports (báo cáo hoạt động hằng tháng) of teams or of single members.',
    },
    reportColumns: {
      $ref: '#/$defs/reportColumns',
      description: 'More activity reports, as columns (the compact form for large datasets); they count as `reports` do, after them.',
    },
    indicators: {
      type: 'array',
      maxItems: DATASET_LIMITS.indicators,
      items: { $ref: '#/$defs/areaIndicator' },
      description: 'Indicators of areas (chỉ số địa bàn): population, households, coverage counts.',
    },
    metrics: {
      type: 'array',
      maxItems: DATASET_LIMITS.metricDefinitions,
      items: { $ref: '#/$defs/metricDefinition' },
      description: 'Metrics beyond the built-in catalog; their ids must not clash with it.',
    },
    ratios: {
      type: 'array',
      maxItems: DATASET_LIMITS.ratioDefinitions,
      items: { $ref: '#/$defs/ratioDefinition' },
      description: 'Coverage ratios (tỷ lệ bao phủ) beyond the built-in catalog; their ids must not clash with it.',
    },
  },
  $defs: {
    id: {
      type: 'string',
      pattern: ID_PATTERN,
      description: 'An opaque id: letters, digits and . _ : - , starting with a letter or digit, at most 64 characters.',
    },
    metricId: {
      type: 'string',
      pattern: METRIC_ID_PATTERN,
      description: 'A metric or ratio id: a letter, then letters, digits or _, at most 64 characters (e.g. householdsVisited).',
    },
    date: {
      type: 'string',
      pattern: DATE_PATTERN,
      description: 'A calendar date, YYYY-MM-DD.',
    },
    month: {
      type: 'string',
      pattern: MONTH_PATTERN,
      description: 'A calendar month, YYYY-MM.',
    },
    localizedText: {
      type: 'object',
      additionalProperties: false,
      required: ['vi', 'en'],
      description: 'A text in Vietnamese and English.',
      properties: {
        vi: { type: 'string', minLength: 1, maxLength: DATASET_LIMITS.nameLength, description: 'Vietnamese text.' },
        en: { type: 'string', minLength: 1, maxLength: DATASET_LIMITS.nameLength, description: 'English text.' },
      },
    },
    metricValues: {
      type: 'object',
      maxProperties: DATASET_LIMITS.metricsPerRow,
      propertyNames: { pattern: METRIC_ID_PATTERN },
      additionalProperties: { type: 'number' },
      description:
        'Metric id → value. Values must be finite and not negative; that is checked with the dataset ' +
        'integrity rules, which point at the exact value.',
    },
    level: {
      type: 'object',
      additionalProperties: false,
      required: ['id'],
      description: 'A level of the administrative hierarchy.',
      properties: {
        id: { $ref: '#/$defs/id', description: 'Level id used by org units and teams, e.g. province, commune, village.' },
        label: { $ref: '#/$defs/localizedText', description: 'Display name, e.g. { "vi": "Xã/Phường", "en": "Commune" }.' },
      },
    },
    orgUnit: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name', 'level'],
      description: 'An administrative unit (đơn vị hành chính): province (tỉnh), commune (xã/phường), village (thôn/tổ dân phố)…',
      properties: {
        id: { $ref: '#/$defs/id', description: 'Unique among org units.' },
        name: {
          type: 'string',
          minLength: 1,
          maxLength: DATASET_LIMITS.nameLength,
          description: 'The official name of the unit, e.g. "Xã Tân Thành" (a place, not a person).',
        },
        level: { $ref: '#/$defs/id', description: 'One of the dataset levels.' },
        parentId: {
          type: ['string', 'null'],
          pattern: ID_PATTERN,
          description: 'The parent unit (đơn vị cấp trên); absent or null for a root.',
        },
        validFrom: { $ref: '#/$defs/date', description: 'First day the unit exists, inclusive (e.g. after a merger). Absent: always existed.' },
        validTo: { $ref: '#/$defs/date', description: 'Last day the unit exists, inclusive. Absent: still exists.' },
        successors: {
          type: 'array',
          maxItems: DATASET_LIMITS.lineageEntries,
          items: { $ref: '#/$defs/successor' },
          description:
            'Đơn vị kế thừa / successors: the units that took over this one on the day after its validTo (sáp nhập, chia tách), ' +
            'e.g. the communes formed on 1 July 2025.',
        },
        parentHistory: {
          type: 'array',
          maxItems: DATASET_LIMITS.lineageEntries,
          items: { $ref: '#/$defs/parentChange' },
          description:
            'Đơn vị cấp trên trước đây / earlier parents, oldest first, each up to and including its until date; parentId is the parent after the last until.',
        },
      },
    },
    successor: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'part'],
      description: 'Một đơn vị kế thừa / a unit that took over all (full) or part (partial) of an ended unit.',
      properties: {
        id: { $ref: '#/$defs/id', description: 'Mã đơn vị kế thừa / the successor unit.' },
        part: {
          enum: ['full', 'partial'],
          description: 'full: toàn bộ / the whole unit went into the successor; partial: một phần / part of it did.',
        },
        share: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          description:
            "Tỷ lệ / the fraction (0–1) of the unit's area indicators (population, households) that went into this successor; optional. " +
            "A roll-up re-expressed on a later date splits the figures by it; the shares of one unit's successors add up to at most 1.",
        },
      },
    },
    parentChange: {
      type: 'object',
      additionalProperties: false,
      required: ['parentId', 'until'],
      description: 'Một đơn vị cấp trên trước đây / an earlier parent, up to and including until.',
      properties: {
        parentId: {
          type: ['string', 'null'],
          pattern: ID_PATTERN,
          description: 'Đơn vị cấp trên khi đó / the parent then; null for a time the unit was a root.',
        },
        until: { $ref: '#/$defs/date', description: 'Ngày cuối / last day of this parent, inclusive.' },
      },
    },
    unitChange: {
      type: 'object',
      additionalProperties: false,
      required: ['orgUnitId', 'until'],
      description: 'Một đơn vị tổ phục vụ trước đây / an earlier unit the team served, up to and including until.',
      properties: {
        orgUnitId: { $ref: '#/$defs/id', description: 'Đơn vị khi đó / the unit served then.' },
        until: { $ref: '#/$defs/date', description: 'Ngày cuối / last day at this unit, inclusive.' },
      },
    },
    member: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'role'],
      description: 'A team member (thành viên), known only by an opaque id: no name, phone, ID number or birth date.',
      properties: {
        id: { $ref: '#/$defs/id', description: 'Unique within the team; must not be a phone or citizen ID number.' },
        role: {
          enum: MEMBER_ROLES,
          description: 'leader (tổ trưởng), deputy (tổ phó) or member (thành viên).',
        },
        affiliations: {
          type: 'array',
          maxItems: AFFILIATIONS.length,
          uniqueItems: true,
          // `type` lets ajv check uniqueness with a flat lookup instead of a recursive deep-equal.
          items: { type: 'string', enum: AFFILIATIONS },
          description:
            'Where the member comes from: villageHead (trưởng thôn), areaPolice (công an khu vực), youthUnion ' +
            '(Đoàn thanh niên), womensUnion (Hội phụ nữ), digitalBusiness, volunteer, civilServant, other.',
        },
        birthYear: {
          type: 'integer',
          minimum: 1900,
          maximum: 2100,
          description: 'Year of birth only (năm sinh), for age profiles; exact birth dates are not accepted.',
        },
        trainings: {
          type: 'array',
          maxItems: DATASET_LIMITS.trainingsPerMember,
          items: { $ref: '#/$defs/id' },
          description: 'Ids of courses completed (khóa tập huấn), e.g. OneTouch MOOC courses.',
        },
        joinedOn: { $ref: '#/$defs/date', description: 'Day the member joined the team.' },
        leftOn: { $ref: '#/$defs/date', description: 'Day the member left the team.' },
      },
    },
    team: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'orgUnitId', 'level', 'establishedOn'],
      description: 'A Community Digital Technology Team (Tổ công nghệ số cộng đồng).',
      properties: {
        id: { $ref: '#/$defs/id', description: 'Unique among teams.' },
        orgUnitId: { $ref: '#/$defs/id', description: 'The org unit the team serves.' },
        level: {
          $ref: '#/$defs/id',
          description: 'The level the team works at: that of its org unit (another level is a TEAM_LEVEL_MISMATCH error).',
        },
        establishedOn: { $ref: '#/$defs/date', description: 'Day the team was established (ngày thành lập).' },
        disbandedOn: { $ref: '#/$defs/date', description: 'Day the team was disbanded or merged (ngày giải thể), if it was.' },
        onlineGroup: {
          type: 'boolean',
          description: 'Whether the team runs a group on a messaging platform (nhóm Zalo…).',
        },
        members: {
          type: 'array',
          maxItems: DATASET_LIMITS.membersPerTeam,
          items: { $ref: '#/$defs/member' },
          description: 'The members of the team (thành viên tổ).',
        },
        orgUnitHistory: {
          type: 'array',
          maxItems: DATASET_LIMITS.lineageEntries,
          items: { $ref: '#/$defs/unitChange' },
          description:
            'Đơn vị tổ phục vụ trước đây / earlier units the team served, oldest first, each up to and including its until date; orgUnitId is the unit after the last until.',
        },
      },
    },
    activityReport: {
      type: 'object',
      additionalProperties: false,
      required: ['teamId', 'month', 'metrics'],
      description: 'The activity of a team, or of one of its members, in one month.',
      properties: {
        teamId: { $ref: '#/$defs/id', description: 'The team reporting.' },
        memberId: { $ref: '#/$defs/id', description: 'The member reporting, for per-member reports; absent for a team report.' },
        month: { $ref: '#/$defs/month', description: 'The month reported, YYYY-MM.' },
        metrics: { $ref: '#/$defs/metricValues', description: 'Activity metric id → count for the month.' },
      },
    },
    reportColumns: {
      type: 'object',
      additionalProperties: false,
      required: ['teamId', 'month', 'metrics'],
      description:
        'More activity reports, as columns: row i is the report of teamId[i] (and memberId[i], when not null) ' +
        'for month[i], with the value metrics[m][i] of each metric m whose value there is not null. Every ' +
        'column has one value per row. The compact form for large datasets: about half the text of the same ' +
        'reports as objects. These rows count exactly as `reports` do, after them.',
      properties: {
        teamId: {
          type: 'array',
          maxItems: DATASET_LIMITS.reports,
          items: { $ref: '#/$defs/id' },
          description: 'The team reporting, one per row.',
        },
        month: {
          type: 'array',
          maxItems: DATASET_LIMITS.reports,
          items: { $ref: '#/$defs/month' },
          description: 'The month reported (YYYY-MM), one per row.',
        },
        memberId: {
          type: 'array',
          maxItems: DATASET_LIMITS.reports,
          items: { type: ['string', 'null'], pattern: ID_PATTERN },
          description: 'The member reporting, for per-member reports; null for a team report. May be left out when every row is a team report.',
        },
        metrics: {
          type: 'object',
          maxProperties: DATASET_LIMITS.metricsPerRow,
          propertyNames: { pattern: METRIC_ID_PATTERN },
          additionalProperties: {
            type: 'array',
            maxItems: DATASET_LIMITS.reports,
            items: { type: ['number', 'null'] },
          },
          description:
            'Activity metric id → one value per row, null where the row has no value for the metric. Values must ' +
            'be finite and not negative; that is checked with the dataset integrity rules.',
        },
      },
    },
    areaIndicator: {
      type: 'object',
      additionalProperties: false,
      required: ['orgUnitId', 'period', 'metrics'],
      description: 'Indicators of one org unit for a month or a year.',
      properties: {
        orgUnitId: { $ref: '#/$defs/id', description: 'The org unit the indicators describe.' },
        period: {
          type: 'string',
          pattern: PERIOD_PATTERN,
          description: 'A year (YYYY) or a month (YYYY-MM).',
        },
        metrics: { $ref: '#/$defs/metricValues', description: 'Area metric id → value (population, counts).' },
      },
    },
    metricDefinition: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'label', 'unit', 'kind', 'overTime', 'upHierarchy'],
      description: 'A metric declared by the dataset, beyond the built-in catalog.',
      properties: {
        id: { $ref: '#/$defs/metricId', description: 'Unique; must not clash with a built-in or plugin metric.' },
        label: { $ref: '#/$defs/localizedText', description: 'Display name.' },
        unit: {
          type: 'string',
          minLength: 1,
          maxLength: DATASET_LIMITS.unitLength,
          description: 'What is counted, e.g. households, people, accounts.',
        },
        kind: {
          enum: ['activity', 'area'],
          description: 'activity: reported by teams monthly; area: an indicator of an org unit.',
        },
        overTime: {
          enum: ['sum', 'last', 'max', 'mean'],
          description: 'How values combine over months.',
        },
        upHierarchy: {
          enum: ['sum', 'none'],
          description: 'How values combine up the hierarchy (rates are never metrics: they are ratios of sums).',
        },
        task: {
          enum: TASKS,
          description: 'The basic digital task (nhiệm vụ cơ bản) the activity serves, if any.',
        },
      },
    },
    ratioDefinition: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'label', 'numerator', 'denominator'],
      description: 'A coverage rate declared by the dataset: numerator / denominator, summed before dividing.',
      properties: {
        id: { $ref: '#/$defs/metricId', description: 'Unique; must not clash with a built-in or plugin ratio.' },
        label: { $ref: '#/$defs/localizedText', description: 'Display name.' },
        numerator: { $ref: '#/$defs/metricId', description: 'The area metric counted (tử số).' },
        denominator: { $ref: '#/$defs/metricId', description: 'The area metric it is a share of (mẫu số).' },
      },
    },
  },
} as const;
