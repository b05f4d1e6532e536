/**
 * Step 2 of criteria-set validation: the JSON Schema, with ajv's errors worded by the shared translator
 * (`problems/ajv.ts`); for a `oneOf` (a condition, a scoring, a subject, a value) only the errors of the
 * shape the author evidently meant are kept, so `{"fact": "x", "operator": "equal"}` says "missing value"
 * rather than listing four shapes.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { problem } from '../../errors.js';
import type { ErrorCode, LocalizedText, Problem } from '../../errors.js';
import { suggest } from '../../internal/suggest.js';
import { render } from '../../messages/define.js';
import { criteriaText as text, type UnionName } from '../../messages/problems-criteria.js';
import { SCHEMA_MESSAGES, type PatternName } from '../../messages/problems-schema.js';
import { describeAjvError as describeSchemaError } from '../../problems/ajv.js';
import { createCriteriaSetValidators } from '../../generated/criteria-set-validators.js';
import { MAX_SCHEMA_PROBLEMS, moreViolationsProblem } from '../../problems/cap.js';
import { FORBIDDEN_KEYS } from '../path.js';
import { CRITERIA_ID_PATTERN, PLUGIN_NAME_PATTERN, SEMVER_PATTERN, criteriaSetSchema } from '../schema.js';
import { isObj, own } from './helpers.js';

let schemaValidator: ValidateFunction | undefined;
export function compiledSchema(): ValidateFunction {
  // Precompiled (ajv standalone code, its options in scripts/gen-validators.ts): no code generated at run time.
  schemaValidator ??= createCriteriaSetValidators({ criteriaSet: criteriaSetSchema }).criteriaSet;
  return schemaValidator;
}

/** The shape of a oneOf the author evidently meant, judged from the data. */
interface Branch {
  /** Properties of the branch; errors under other properties come from branches not meant. */
  readonly props?: ReadonlySet<string>;
  readonly required?: ReadonlySet<string>;
  /** An array branch: errors under any index belong to it. */
  readonly items?: true;
  /** The property that selects the branch (its `const` errors come from the other branches). */
  readonly discriminator?: string;
}
type Pick = { readonly branch: Branch } | { readonly invalid: { readonly suffix: string; readonly message: LocalizedText } };
type UnionSpec = (data: unknown) => Pick;

const set = (...keys: string[]): ReadonlySet<string> => new Set(keys);
const SCALAR: Branch = { props: set() };
const ITEMS: Branch = { items: true };
const PARAM_REF: Branch = { props: set('param'), required: set('param') };
const isScalar = (v: unknown): boolean => v === null || ['number', 'string', 'boolean'].includes(typeof v);

const CONDITION_BRANCHES = {
  all: { props: set('all'), required: set('all') },
  any: { props: set('any'), required: set('any') },
  not: { props: set('not'), required: set('not') },
  fact: { props: set('fact', 'operator', 'value', 'path', 'params'), required: set('fact', 'operator', 'value') },
} as const satisfies Record<string, Branch>;

const SCORING_BRANCHES: Readonly<Record<string, Branch>> = {
  pass: { props: set('type', 'when'), required: set('type', 'when'), discriminator: 'type' },
  ratio: { props: set('type', 'fact', 'path', 'target', 'floor'), required: set('type', 'fact', 'target'), discriminator: 'type' },
  steps: { props: set('type', 'fact', 'path', 'steps'), required: set('type', 'fact', 'steps'), discriminator: 'type' },
  scorer: { props: set('type', 'scorer', 'options'), required: set('type', 'scorer'), discriminator: 'type' },
};
const SUBJECT_BRANCHES: Readonly<Record<string, Branch>> = {
  team: { props: set('kind', 'levels'), required: set('kind'), discriminator: 'kind' },
  orgUnit: { props: set('kind', 'level'), required: set('kind', 'level'), discriminator: 'kind' },
};

function discriminated(branches: Readonly<Record<string, Branch>>, key: string, union: UnionName): UnionSpec {
  const names = Object.keys(branches);
  return (data) => {
    if (!isObj(data)) {
      return { invalid: { suffix: '', message: text('unionNotObject', { union, key }) } };
    }
    const tag = own(data, key);
    if (tag === undefined) {
      return { invalid: { suffix: '/' + key, message: text('unionMissingKey', { key, names }) } };
    }
    if (typeof tag === 'string' && Object.hasOwn(branches, tag)) return { branch: branches[tag]! };
    const hint = typeof tag === 'string' ? suggest(tag, names) : undefined;
    return {
      invalid: {
        suffix: '/' + key,
        message: text('unionBadKey', { union, key, names, suggestion: hint }),
      },
    };
  };
}

/** oneOfs of the schema, keyed by the schema object that holds them (ajv reports it as `parentSchema`). */
const UNIONS = new Map<object, UnionSpec>([
  [
    criteriaSetSchema.$defs.condition,
    (data) => {
      if (!isObj(data)) {
        return {
          invalid: {
            suffix: '',
            message: text('conditionShape', {}),
          },
        };
      }
      if (Object.hasOwn(data, 'all')) return { branch: CONDITION_BRANCHES.all };
      if (Object.hasOwn(data, 'any')) return { branch: CONDITION_BRANCHES.any };
      if (Object.hasOwn(data, 'not')) return { branch: CONDITION_BRANCHES.not };
      return { branch: CONDITION_BRANCHES.fact };
    },
  ],
  [criteriaSetSchema.$defs.scoring, discriminated(SCORING_BRANCHES, 'type', 'scoring')],
  [criteriaSetSchema.$defs.subject, discriminated(SUBJECT_BRANCHES, 'kind', 'subject')],
  [
    criteriaSetSchema.$defs.value,
    (data) =>
      Array.isArray(data)
        ? { branch: ITEMS }
        : isScalar(data)
          ? { branch: SCALAR }
          : { invalid: { suffix: '', message: text('valueShape', { orParam: false }) } },
  ],
  [
    criteriaSetSchema.$defs.valueOrParam,
    (data) =>
      Array.isArray(data)
        ? { branch: ITEMS }
        : isObj(data)
          ? { branch: PARAM_REF }
          : isScalar(data)
            ? { branch: SCALAR }
            : { invalid: { suffix: '', message: text('valueShape', { orParam: true }) } },
  ],
  [criteriaSetSchema.$defs.numberOrParam, numberOrParam(false)],
  [criteriaSetSchema.$defs.positiveNumberOrParam, numberOrParam(true)],
]);

function numberOrParam(positive: boolean): UnionSpec {
  return (data) =>
    typeof data === 'number'
      ? { branch: SCALAR }
      : isObj(data)
        ? { branch: PARAM_REF }
        : { invalid: { suffix: '', message: text('numberOrParam', { positive }) } };
}

function parentPointer(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}
function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function checkSchema(doc: unknown, problems: Problem[]): void {
  const validate = compiledSchema();
  if (validate(doc)) return;
  const errors = validate.errors ?? [];

  // Union nodes that failed, and the branch the data points to.
  const unions = new Map<string, Pick>();
  for (const e of errors) {
    const spec = e.keyword === 'oneOf' ? UNIONS.get(e.parentSchema as object) : undefined;
    if (spec !== undefined) unions.set(e.instancePath, spec(e.data));
  }
  const isUnionError = (e: ErrorObject): boolean => e.keyword === 'oneOf' && unions.has(e.instancePath) && UNIONS.has(e.parentSchema as object);

  /** An error is kept when, at every enclosing union, it belongs to the branch the data points to. */
  const kept = (e: ErrorObject): boolean => {
    const at = e.instancePath;
    for (let node = at; ; node = parentPointer(node)) {
      const pick = unions.get(node);
      if (pick !== undefined && !(node === at && isUnionError(e))) {
        if ('invalid' in pick) return false; // replaced by the union's own message
        const b = pick.branch;
        if (node === at) {
          if (e.keyword === 'type') return false;
          if (e.keyword === 'required' && !b.required?.has(String(e.params.missingProperty))) return false;
          if (e.keyword === 'additionalProperties' && b.props?.has(String(e.params.additionalProperty))) return false;
        } else if (!b.items) {
          const key = unescapeSegment(at.slice(node.length + 1).split('/')[0]!);
          if (key === b.discriminator || !b.props?.has(key)) return false;
        }
      }
      if (node === '') return true;
    }
  };

  const out: Problem[] = [];
  /** Pointers with a problem at or below them. */
  const covered = new Set<string>();
  const cover = (path: string): void => {
    for (let node = path; !covered.has(node); node = parentPointer(node)) {
      covered.add(node);
      if (node === '') break;
    }
  };
  const seen = new Set<string>();
  const keptUnions: [string, Pick][] = [];
  // Violations beyond those listed are only counted: wording one (with a suggestion) costs far more
  // than finding it, and a set with 100,000 faulty conditions must be answered quickly.
  let listed = 0;
  let unlisted = 0;
  for (const e of errors) {
    if (!kept(e)) continue;
    if (isUnionError(e)) {
      keptUnions.push([e.instancePath, unions.get(e.instancePath)!]);
      continue;
    }
    const key = `${e.instancePath}\u0000${e.keyword}\u0000${JSON.stringify(e.params)}\u0000${e.propertyName ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    cover(e.instancePath);
    if (!isReported(e)) continue;
    if (codeFor(e) === 'SCHEMA_VIOLATION' && listed >= MAX_SCHEMA_PROBLEMS - 1) {
      unlisted++;
      continue;
    }
    const p = schemaProblem(e)!;
    if (p.code === 'SCHEMA_VIOLATION') listed++;
    out.push(p);
  }
  for (const [path, pick] of keptUnions) {
    if (!('invalid' in pick)) continue;
    cover(path);
    out.push(problem('SCHEMA_VIOLATION', path + pick.invalid.suffix, pick.invalid.message, { keyword: 'oneOf' }));
  }
  // A union that failed although nothing under it was reported (should not happen): say so, generically.
  for (const [path, pick] of keptUnions) {
    if ('invalid' in pick) continue;
    if (!covered.has(path)) {
      out.push(problem('SCHEMA_VIOLATION', path, render(SCHEMA_MESSAGES, 'noneOf', {}), { keyword: 'oneOf' }));
    }
  }

  let violations = 0;
  for (const p of out) {
    if (p.code === 'SCHEMA_VIOLATION' && ++violations > MAX_SCHEMA_PROBLEMS - 1) continue;
    problems.push(p);
  }
  // Those only counted came after every listed one.
  violations += unlisted;
  if (violations > MAX_SCHEMA_PROBLEMS - 1) {
    const more = violations - (MAX_SCHEMA_PROBLEMS - 1);
    problems.push(moreViolationsProblem(more));
  }
}

/** Names of the criteria schema's own patterns (the shared ones are known to the translator). */
const PATTERN_NAMES: ReadonlyMap<string, PatternName> = new Map<string, PatternName>([
  [CRITERIA_ID_PATTERN, 'criteriaId'],
  [SEMVER_PATTERN, 'semver'],
  [PLUGIN_NAME_PATTERN, 'pluginName'],
  ['^https?://', 'httpUrl'],
]);

/** Codes more specific than SCHEMA_VIOLATION for some schema rules. */
function codeFor(e: ErrorObject): ErrorCode {
  const path = e.instancePath;
  if (/^\/ratings\/\d+\/minPercent$/.test(path) && (e.keyword === 'minimum' || e.keyword === 'maximum')) return 'RATING_GAP';
  if (/^\/parameters\/[^/]+\/schedule$/.test(path) && e.keyword === 'minItems') return 'PARAMETER_SCHEDULE';
  if (/^\/parameters\/[^/]+\/schedule\/\d+\/from$/.test(path) && e.keyword === 'pattern') return 'PARAMETER_SCHEDULE';
  return 'SCHEMA_VIOLATION';
}

/** One ajv error as a problem with our own message, or undefined when another problem says it better. */
/** False for an error that another problem says better: {@link schemaProblem} gives none for it. */
function isReported(e: ErrorObject): boolean {
  if (e.keyword === 'if' || e.keyword === 'propertyNames') return false; // the inner error says what failed
  if (e.keyword === 'additionalProperties' && FORBIDDEN_KEYS.has(String(e.params.additionalProperty))) return false;
  return !(e.propertyName !== undefined && FORBIDDEN_KEYS.has(e.propertyName));
}

function schemaProblem(e: ErrorObject): Problem | undefined {
  if (!isReported(e)) return undefined;
  const described = describeAjvError(e);
  return problem(codeFor(e), described.path, described.message, described.params);
}

/**
 * An ajv error (ours or a scorer's options schema) as a pointer, a bilingual message (the shared
 * translator's) and this validator's params: the keyword, ajv's params, and a suggestion if any.
 */
export function describeAjvError(e: ErrorObject, base = ''): { path: string; message: LocalizedText; params: Record<string, unknown> } {
  const d = describeSchemaError(e, { patterns: PATTERN_NAMES });
  const params: Record<string, unknown> = { keyword: e.keyword, ...(e.params as Record<string, unknown>) };
  if (d.suggestion !== undefined && (e.keyword === 'additionalProperties' || e.keyword === 'enum')) params.suggestion = d.suggestion;
  return { path: base + d.path, message: d.message, params };
}
