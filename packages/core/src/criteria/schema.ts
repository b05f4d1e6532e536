/**
 * The criteria-set wire format as a JSON Schema (draft 2020-12).
 *
 * One schema, many uses: `validateCriteriaSet` checks documents with it (before the semantic checks),
 * the server publishes it in its OpenAPI document, and `scripts/emit-schemas.ts` writes it to
 * `schemas/criteria-set.schema.json` so that preset authors get completion from `"$schema": …`.
 *
 * It matches `CriteriaSet` in `types.ts`. Every fixed-shape object is closed (`additionalProperties:
 * false`: an unknown key is far more often a typo than an extension) and every string, array and map is
 * bounded. Some rules are deliberately *not* here and are checked in code instead, with their own codes:
 * the nesting depth and size of conditions (checked iteratively before ajv runs, so a hostile document
 * cannot exhaust the stack), the path grammar (`UNSAFE_PATH`), calendar validity of dates, order of
 * steps and schedules, and everything that needs the plugin registry.
 */
import { CRITERION_GROUPS } from './types.js';
import { MAX_PATH_LENGTH } from './path.js';
import { DATE_PATTERN } from '../model/patterns.js';

/**
 * Ids of sets, criteria, tiers, parameters.
 *
 * @example
 * ```ts
 * new RegExp(CRITERIA_ID_PATTERN).test('national-2023'); // true
 * ```
 */
export const CRITERIA_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$';
/**
 * `YYYY-MM-DD`; the shape only — impossible days such as 2025-02-30 are reported by the semantic checks.
 *
 * @example
 * ```ts
 * new RegExp(CRITERIA_DATE_PATTERN).test('2025-01-01'); // true
 * ```
 */
export const CRITERIA_DATE_PATTERN = DATE_PATTERN;
/**
 * A semantic version (semver.org's recommended expression).
 *
 * @example
 * ```ts
 * new RegExp(SEMVER_PATTERN).test('1.2.0-rc.1'); // true
 * ```
 */
export const SEMVER_PATTERN =
  '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)' +
  '(-((0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?' +
  '(\\+([0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*))?$';
/**
 * Plugin names in `requires` (the rule the registry applies to plugin names).
 *
 * @example
 * ```ts
 * new RegExp(PLUGIN_NAME_PATTERN).test('@cnscd/core'); // true
 * ```
 */
export const PLUGIN_NAME_PATTERN = '^[a-zA-Z0-9@][a-zA-Z0-9._/-]*$';

/**
 * The bounds of the format, exported so that the validator, tests and docs quote the same numbers.
 *
 * @example
 * ```ts
 * CRITERIA_SET_LIMITS.conditionDepth; // 16
 * ```
 */
export const CRITERIA_SET_LIMITS = {
  idLength: 64,
  textLength: 2_000,
  criteria: 500,
  ratings: 20,
  steps: 50,
  parameters: 200,
  schedule: 100,
  sources: 100,
  arrayValue: 1_000,
  maxPoints: 10_000,
  pathLength: MAX_PATH_LENGTH,
  /** Condition nodes on the longest root-to-leaf chain (a lone leaf is 1). */
  conditionDepth: 16,
  /** Condition nodes (groups and leaves) in one criterion's `applicableWhen` or `when`. */
  conditionNodes: 2_000,
  /**
   * Objects and arrays in the whole document; larger documents are rejected before the schema runs. The
   * largest shipped preset has about 150; 500 criteria with a dozen conditions each have about 20,000.
   */
  documentNodes: 25_000,
  /** JSON nesting of the whole document; deeper documents are rejected before the schema runs. */
  documentDepth: 64,
  /** Sets in an `extends` chain, the set itself included. */
  extendsDepth: 16,
  conditionParams: 50,
  requires: 50,
  rangeLength: 64,
  schemaUriLength: 2_048,
} as const;

const L = CRITERIA_SET_LIMITS;

/**
 * The criteria-set JSON Schema. `as const`, so its literal structure is visible to TypeScript.
 *
 * @example
 * ```ts
 * import { Ajv2020 } from 'ajv/dist/2020.js';
 * const check = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(criteriaSetSchema);
 * check({ id: 'demo', version: '1.0.0', title: { vi: 'Thử', en: 'Demo' }, subject: { kind: 'team' } }); // true
 * ```
 */
export const criteriaSetSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://cnscd.dev/schemas/criteria-set.schema.json',
  title: 'cnscd criteria set',
  description:
    'A criteria set (bộ tiêu chí) for scoring Community Digital Technology Teams (Tổ công nghệ số cộng đồng, ' +
    'Tổ CNSCĐ) or the org units they serve: criteria with points, rating tiers (xếp loại), dated ' +
    'parameters (tham số), and optionally a base set it extends.',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'title'],
  // Without a base to inherit it from, a set must say what it scores.
  if: { not: { required: ['extends'] } },
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable
  then: { required: ['subject'] },
  properties: {
    $schema: {
      type: 'string',
      maxLength: L.schemaUriLength,
      description: 'URI of this schema (lược đồ), so editors can offer completion; ignored by cnscd.',
    },
    id: {
      $ref: '#/$defs/id',
      description: 'Id of the set (mã bộ tiêu chí), e.g. "national-2023"; with `version` it names the set.',
    },
    version: {
      type: 'string',
      pattern: SEMVER_PATTERN,
      maxLength: L.idLength,
      description: 'Semantic version of the set (phiên bản), e.g. "1.2.0".',
    },
    title: { $ref: '#/$defs/localizedText', description: 'Title (tên bộ tiêu chí) in Vietnamese and English.' },
    description: { $ref: '#/$defs/localizedText', description: 'Longer description (mô tả).' },
    sources: {
      type: 'array',
      maxItems: L.sources,
      items: { $ref: '#/$defs/sourceDocument' },
      description:
        'Documents the set is derived from (căn cứ), e.g. guidance letter 793/BTTTT-THH. No national rubric for ' +
        'scoring teams exists, so a set must say what it is derived from.',
    },
    effective: {
      type: 'object',
      additionalProperties: false,
      required: ['from'],
      properties: {
        from: { $ref: '#/$defs/date', description: 'First day the set applies (áp dụng từ ngày).' },
        to: { $ref: '#/$defs/date', description: 'Last day the set applies (đến ngày), inclusive.' },
      },
      description: 'Dates the set is in force (hiệu lực); evaluating outside them gives a NOT_EFFECTIVE warning.',
    },
    subject: { $ref: '#/$defs/subject' },
    requires: {
      type: 'object',
      maxProperties: L.requires,
      propertyNames: { pattern: PLUGIN_NAME_PATTERN, maxLength: 214 },
      additionalProperties: { type: 'string', minLength: 1, maxLength: L.rangeLength },
      description: 'Plugins the set needs (plugin bắt buộc): plugin name → semver range, e.g. {"hue-s": "^1.2"}.',
    },
    parameters: {
      type: 'object',
      maxProperties: L.parameters,
      propertyNames: { $ref: '#/$defs/id' },
      additionalProperties: { $ref: '#/$defs/parameterDefinition' },
      description:
        'Named parameters (tham số) that conditions and scorings reference as {"param": name}: a constant, or a ' +
        'schedule of values that take effect on dates (e.g. a coverage target raised each year).',
    },
    criteria: {
      type: 'array',
      maxItems: L.criteria,
      items: { $ref: '#/$defs/criterion' },
      description: 'The criteria (tiêu chí). With `extends`, a criterion whose id the base has replaces it in place; others are ' + 'appended.',
    },
    ratings: {
      type: 'array',
      minItems: 1,
      maxItems: L.ratings,
      items: { $ref: '#/$defs/ratingTier' },
      description:
        'Rating tiers (xếp loại), e.g. Xuất sắc / Tốt / Khá / Trung bình / Yếu: a subject gets the best tier whose ' +
        '`minPercent` it reaches; one tier must start at 0. With `extends`, absent means the base’s.',
    },
    totalPoints: {
      type: 'number',
      minimum: 0,
      maximum: L.maxPoints * L.criteria,
      description: 'Total points (tổng điểm), e.g. 100; when given, the criteria’s `maxPoints` must add up to it.',
    },
    extends: { $ref: '#/$defs/extendsClause' },
  },
  $defs: {
    id: {
      type: 'string',
      minLength: 1,
      maxLength: L.idLength,
      pattern: CRITERIA_ID_PATTERN,
      description: 'An id: letters, digits, ".", "_" or "-", starting with a letter or digit (mã).',
    },
    date: {
      type: 'string',
      pattern: CRITERIA_DATE_PATTERN,
      description: 'A calendar date (ngày), YYYY-MM-DD.',
    },
    text: { type: 'string', minLength: 1, maxLength: L.textLength },
    localizedText: {
      type: 'object',
      additionalProperties: false,
      required: ['vi', 'en'],
      properties: {
        vi: { $ref: '#/$defs/text', description: 'Vietnamese text (tiếng Việt).' },
        en: { $ref: '#/$defs/text', description: 'English text (tiếng Anh).' },
      },
      description: 'A text in Vietnamese and English (văn bản song ngữ).',
    },
    sourceDocument: {
      type: 'object',
      additionalProperties: false,
      required: ['number'],
      properties: {
        number: {
          type: 'string',
          minLength: 1,
          maxLength: 200,
          description: 'Document number (số hiệu văn bản), e.g. "793/BTTTT-THH".',
        },
        date: { $ref: '#/$defs/date', description: 'Date the document was issued (ngày ban hành).' },
        title: { $ref: '#/$defs/localizedText', description: 'Title of the document (trích yếu).' },
        url: {
          type: 'string',
          maxLength: L.textLength,
          pattern: '^https?://',
          description: 'Where the document can be read (đường dẫn), http or https.',
        },
      },
      description: 'A document the set is derived from (văn bản căn cứ).',
    },
    subject: {
      description:
        'What the set scores (đối tượng đánh giá): teams (tổ), optionally only those at some levels, or org units ' +
        '(đơn vị hành chính) of one level. Required unless the set extends another.',
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['kind'],
          properties: {
            kind: { const: 'team', description: 'Score teams (tổ CNSCĐ).' },
            levels: {
              type: 'array',
              minItems: 1,
              maxItems: 20,
              uniqueItems: true,
              items: { $ref: '#/$defs/id' },
              description: 'Only teams working at these levels (cấp), e.g. ["village"]; levels are data, not code.',
            },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'level'],
          properties: {
            kind: { const: 'orgUnit', description: 'Score org units (đơn vị hành chính).' },
            level: { $ref: '#/$defs/id', description: 'The level of the org units scored (cấp), e.g. "commune".' },
          },
        },
      ],
    },
    extendsClause: {
      type: 'object',
      additionalProperties: false,
      required: ['id'],
      properties: {
        id: { $ref: '#/$defs/id', description: 'Id of the base set (bộ tiêu chí gốc).' },
        version: {
          type: 'string',
          minLength: 1,
          maxLength: L.rangeLength,
          description: 'A semver range of the base (phiên bản), e.g. "^1.0.0"; absent: the newest version.',
        },
        remove: {
          type: 'array',
          maxItems: L.criteria,
          uniqueItems: true,
          items: { $ref: '#/$defs/id' },
          description: 'Ids of base criteria to drop (bỏ tiêu chí).',
        },
      },
      description:
        'Build on a base set (kế thừa): base criteria first, a criterion with a base id replaces it, `remove` drops ' +
        'ids, new criteria are appended; parameters merge (this set wins).',
    },
    parameterRef: {
      type: 'object',
      additionalProperties: false,
      required: ['param'],
      properties: {
        param: { $ref: '#/$defs/id', description: 'Name of a parameter of the set (tham số).' },
      },
      description: 'A reference to a parameter (tham chiếu tham số), resolved at the evaluation date.',
    },
    scalar: {
      type: ['number', 'string', 'boolean', 'null'],
      maxLength: L.textLength,
    },
    scalarArray: {
      type: 'array',
      maxItems: L.arrayValue,
      items: { $ref: '#/$defs/scalar' },
    },
    value: {
      description: 'A value (giá trị): a number, string, boolean, null, or an array of those.',
      oneOf: [{ $ref: '#/$defs/scalar' }, { $ref: '#/$defs/scalarArray' }],
    },
    valueOrParam: {
      description: 'The value compared with the fact (giá trị so sánh): a number, string, boolean, null, an array of those, or ' + '{"param": name}.',
      oneOf: [{ $ref: '#/$defs/scalar' }, { $ref: '#/$defs/scalarArray' }, { $ref: '#/$defs/parameterRef' }],
    },
    numberOrParam: {
      description: 'A number (số) or {"param": name}.',
      oneOf: [{ type: 'number' }, { $ref: '#/$defs/parameterRef' }],
    },
    positiveNumberOrParam: {
      description: 'A number above 0 (số dương) or {"param": name}.',
      oneOf: [{ type: 'number', exclusiveMinimum: 0 }, { $ref: '#/$defs/parameterRef' }],
    },
    parameterDefinition: {
      type: 'object',
      additionalProperties: false,
      properties: {
        label: { $ref: '#/$defs/localizedText', description: 'What the parameter means (tên tham số).' },
        unit: { type: 'string', minLength: 1, maxLength: 64, description: 'Unit (đơn vị), e.g. "ratio", "members".' },
        value: { $ref: '#/$defs/value', description: 'A constant value (giá trị cố định). Give `value` or `schedule`.' },
        schedule: {
          type: 'array',
          minItems: 1,
          maxItems: L.schedule,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['from', 'value'],
            properties: {
              from: { $ref: '#/$defs/date', description: 'The day this value takes effect (áp dụng từ ngày).' },
              value: { $ref: '#/$defs/value' },
            },
          },
          description:
            'Dated values (lộ trình) in strictly ascending `from` order; the latest `from` on or before the ' +
            'evaluation date applies, and before the first there is no value. Give `value` or `schedule`.',
        },
      },
      description: 'A parameter (tham số): a constant `value` or a dated `schedule`.',
    },
    condition: {
      description:
        'A condition (điều kiện) in json-rules-engine’s format: {"all": [...]}, {"any": [...]}, {"not": ...} or a ' +
        'fact comparison {"fact", "operator", "value"}. At most 16 levels deep and 2,000 nodes per criterion.',
      oneOf: [
        { $ref: '#/$defs/allCondition' },
        { $ref: '#/$defs/anyCondition' },
        { $ref: '#/$defs/notCondition' },
        { $ref: '#/$defs/factCondition' },
      ],
    },
    allCondition: {
      type: 'object',
      additionalProperties: false,
      required: ['all'],
      properties: {
        all: {
          type: 'array',
          maxItems: L.conditionNodes,
          items: { $ref: '#/$defs/condition' },
          description: 'True when every condition holds (tất cả). Must not be empty.',
        },
      },
    },
    anyCondition: {
      type: 'object',
      additionalProperties: false,
      required: ['any'],
      properties: {
        any: {
          type: 'array',
          maxItems: L.conditionNodes,
          items: { $ref: '#/$defs/condition' },
          description: 'True when at least one condition holds (một trong các). Must not be empty.',
        },
      },
    },
    notCondition: {
      type: 'object',
      additionalProperties: false,
      required: ['not'],
      properties: {
        not: { $ref: '#/$defs/condition', description: 'True when the condition does not hold (phủ định).' },
      },
    },
    factCondition: {
      type: 'object',
      additionalProperties: false,
      required: ['fact', 'operator', 'value'],
      properties: {
        fact: {
          $ref: '#/$defs/id',
          description: 'A fact (dữ kiện) computed for the subject, e.g. "memberCount", "reportingRate", "activity".',
        },
        operator: {
          $ref: '#/$defs/id',
          description:
            'How the fact is compared (toán tử): equal, notEqual, lessThan, lessThanInclusive, greaterThan, ' +
            'greaterThanInclusive, in, notIn, contains, doesNotContain, between, or one from a plugin.',
        },
        value: { $ref: '#/$defs/valueOrParam' },
        path: {
          type: 'string',
          minLength: 1,
          maxLength: L.pathLength,
          description:
            'A dotted path into an object fact (đường dẫn), e.g. "youthUnion" or "$.publicServiceAccountsCreated". ' +
            'Plain keys only: no JSONPath filters.',
        },
        params: {
          type: 'object',
          maxProperties: L.conditionParams,
          propertyNames: { $ref: '#/$defs/id' },
          additionalProperties: { type: ['string', 'number', 'boolean'], maxLength: L.textLength },
          description: 'Parameters passed to the fact (tham số của dữ kiện).',
        },
      },
    },
    scoring: {
      description:
        'How points are awarded (cách tính điểm): "pass" (all or nothing), "ratio" (actual / target × maxPoints), ' +
        '"steps" (the highest threshold met) or "scorer" (a scorer from the core or a plugin).',
      oneOf: [{ $ref: '#/$defs/passScoring' }, { $ref: '#/$defs/ratioScoring' }, { $ref: '#/$defs/stepsScoring' }, { $ref: '#/$defs/scorerScoring' }],
    },
    passScoring: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'when'],
      properties: {
        type: { const: 'pass', description: 'Full points when `when` holds, none otherwise (đạt / không đạt).' },
        when: { $ref: '#/$defs/condition' },
      },
    },
    ratioScoring: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'fact', 'target'],
      properties: {
        type: {
          const: 'ratio',
          description: 'min(actual / target, 1) × maxPoints (tỷ lệ × điểm tối đa), the DTI shape.',
        },
        fact: { $ref: '#/$defs/id', description: 'A numeric fact (dữ kiện số), or an object fact with `path`.' },
        path: {
          type: 'string',
          minLength: 1,
          maxLength: L.pathLength,
          description: 'A dotted path into the fact (đường dẫn), e.g. "householdsVisited".',
        },
        target: { $ref: '#/$defs/positiveNumberOrParam', description: 'The value that earns full points (chỉ tiêu).' },
        floor: { $ref: '#/$defs/numberOrParam', description: 'Below this value the points are 0 (ngưỡng sàn).' },
      },
    },
    stepsScoring: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'fact', 'steps'],
      properties: {
        type: {
          const: 'steps',
          description: 'The points of the highest step whose `min` is met (bậc thang), e.g. 4/3/2/1 → 20/15/10/5.',
        },
        fact: { $ref: '#/$defs/id', description: 'A numeric fact (dữ kiện số), or an object fact with `path`.' },
        path: {
          type: 'string',
          minLength: 1,
          maxLength: L.pathLength,
          description: 'A dotted path into the fact (đường dẫn), e.g. "householdsVisited".',
        },
        steps: {
          type: 'array',
          minItems: 1,
          maxItems: L.steps,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['min', 'points'],
            properties: {
              min: { $ref: '#/$defs/numberOrParam', description: 'Threshold (ngưỡng), inclusive.' },
              points: {
                type: 'number',
                minimum: 0,
                maximum: L.maxPoints,
                description: 'Points at this step (điểm), at most the criterion’s `maxPoints`.',
              },
            },
          },
          description: 'Steps (các bậc) in strictly ascending `min`, with non-decreasing `points`; the top step should give maxPoints.',
        },
      },
    },
    scorerScoring: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'scorer'],
      properties: {
        type: { const: 'scorer', description: 'Points from a scorer (bộ tính điểm) of the core or a plugin.' },
        scorer: { $ref: '#/$defs/id', description: 'The scorer (bộ tính điểm), e.g. "linear".' },
        options: {
          type: 'object',
          maxProperties: 100,
          description: 'Options of the scorer (tùy chọn), checked against the scorer’s own schema.',
        },
      },
    },
    criterion: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'title', 'group', 'maxPoints', 'scoring'],
      properties: {
        id: { $ref: '#/$defs/id', description: 'Id of the criterion (mã tiêu chí), unique in the set.' },
        title: { $ref: '#/$defs/localizedText', description: 'Title (tên tiêu chí).' },
        description: { $ref: '#/$defs/localizedText', description: 'How it is assessed (mô tả, cách đánh giá).' },
        group: {
          enum: CRITERION_GROUPS,
          description:
            'Group (nhóm tiêu chí): organisation, reporting, training, one of the five basic tasks (publicServices, ' +
            'onlineShopping, onlinePayment, cyberSafety, localPlatforms), coverage, or other.',
        },
        maxPoints: {
          type: 'number',
          minimum: 0,
          maximum: L.maxPoints,
          description: 'Maximum points (điểm tối đa).',
        },
        applicableWhen: {
          $ref: '#/$defs/condition',
          description: 'When this is false for a subject the criterion does not apply (không áp dụng) and leaves the maximum.',
        },
        scoring: { $ref: '#/$defs/scoring' },
      },
      description: 'A criterion (tiêu chí) with its points.',
    },
    ratingTier: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'label', 'minPercent'],
      properties: {
        id: { $ref: '#/$defs/id', description: 'Id of the tier (mã xếp loại), e.g. "excellent".' },
        label: { $ref: '#/$defs/localizedText', description: 'Label (tên xếp loại), e.g. Xuất sắc / Excellent.' },
        minPercent: {
          type: 'number',
          minimum: 0,
          maximum: 100,
          description: 'Inclusive lower bound in percent of the maximum points (ngưỡng %, 0–100).',
        },
      },
      description: 'A rating tier (mức xếp loại).',
    },
  },
} as const;
