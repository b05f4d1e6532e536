/**
 * Authoring-time validation of criteria sets, one file per step here: `prewalk.ts` (1), `shape.ts` (2),
 * `extends.ts` (3), `semantic/` (4); `authored.ts` checks each document as written.
 *
 * Everything is reported together, each problem with a JSON pointer into the document *as authored*:
 *
 * 1. an iterative pre-walk (never recursion, so a 10,000-deep condition cannot exhaust the stack): condition
 *    depth and size per criterion, forbidden keys anywhere, and the nesting of the whole document — a
 *    document deeper than {@link CRITERIA_SET_LIMITS}.documentDepth (or an object graph with a cycle, from
 *    code) stops here, before ajv, which recurses;
 * 2. the JSON Schema, with ajv's errors rewritten into our own bilingual messages: for a `oneOf` (a
 *    condition, a scoring, a subject, a value) only the errors of the shape the author evidently meant are
 *    kept, so `{"fact": "x", "operator": "equal"}` says "missing value" rather than listing four shapes;
 * 3. the `extends` chain: each base is fetched with `resolveBase`, checked by steps 1–2 (its problems carry
 *    `params.source: "id@version"`), and merged with {@link mergeCriteriaSet};
 * 4. semantic checks on the resolved set, against the plugin registry. A problem in a criterion, parameter,
 *    rating list... points into the set that the resolved item came from: into the document itself when
 *    it is its own, otherwise into the base with `params.source`.
 *
 * Path problems: a path outside the grammar (or with a forbidden segment) is `UNSAFE_PATH`; a well-formed
 * path that cannot name anything — on a fact that is not an object, or whose first key is not one of the
 * fact's `pathKeys` — is `UNKNOWN_FACT` (with `params.path`, `params.key` and a suggestion). When the keys
 * are metrics or ratios, which a dataset may declare beyond the catalog and the plugins, an unknown key is
 * a warning, not an error.
 *
 * Other choices: a `ratio`/`steps` fact that is not numeric (nor an object fact with a `path`), an operator
 * applied to a fact of a type it does not take, and a literal value of the wrong type for its operator
 * (`in` needs an array, `between` a `[min, max]` pair) are `SCHEMA_VIOLATION` with `params.reason`; the
 * same mismatch through a `{param}` is `PARAMETER_TYPE`, pointing at the parameter's value (each scheduled
 * value is checked) with `params.usedAt`. An `extends` chain longer than 16 sets is `INPUT_TOO_LARGE`. A
 * set without `ratings` is valid (it reports points and percent, no tier). When a base cannot be found,
 * checks that need it (parameters it may declare, totals, removals) are skipped. At most 1,000 problems
 * are returned; the last then counts the rest.
 */
import { hasErrors, type Problem } from '../../errors.js';
import { coreRegistry, type Registry } from '../../plugin/registry.js';
import { capTotal } from '../../problems/cap.js';
import { mergeCriteriaSet } from '../resolve.js';
import type { CriteriaSet, ResolvedCriteriaSet } from '../types.js';
import { checkAuthored } from './authored.js';
import { checkDocument } from './document.js';
import { resolveChain } from './extends.js';
import { MAX_PROBLEMS, isObj } from './helpers.js';
import { SemanticChecker } from './semantic/index.js';

/**
 * Finds a base criteria set by id and (optional) semver range; `undefined` when there is none. The range
 * is passed only when `extends.version` gives one; the set returned must satisfy it.
 *
 * @example
 * ```ts
 * const resolveBase: ResolveBase = (id, range) =>
 *   presets.filter((p) => p.id === id && semver.satisfies(p.version, range ?? '*'))
 *     .sort((a, b) => semver.rcompare(a.version, b.version))[0];
 * ```
 */
export type ResolveBase = (id: string, versionRange?: string) => CriteriaSet | undefined;

/**
 * Options of {@link validateCriteriaSet}.
 *
 * @example
 * ```ts
 * const options: ValidateCriteriaSetOptions = { registry: createRegistry([hueS]), resolveBase };
 * ```
 */
export interface ValidateCriteriaSetOptions {
  /** The registry facts, operators, scorers and plugins are checked against; default {@link coreRegistry}. */
  readonly registry?: Registry;
  /** Finds base sets named in `extends`; without it, a set with `extends` gets `EXTENDS_NOT_FOUND`. */
  readonly resolveBase?: ResolveBase;
}

/**
 * The outcome of {@link validateCriteriaSet}.
 *
 * @example
 * ```ts
 * const v: CriteriaSetValidation = validateCriteriaSet(doc);
 * if (v.valid) console.log(v.criteriaSet!.lineage); else console.table(v.problems);
 * ```
 */
export interface CriteriaSetValidation {
  /** True when no problem has severity `error` (warnings may remain). */
  readonly valid: boolean;
  readonly problems: readonly Problem[];
  /** The resolved set (with `extends` applied), present when `valid`. */
  readonly criteriaSet?: ResolvedCriteriaSet;
}

/**
 * Check a criteria set as authored: shape, safety bounds, `extends`, and everything the registry can tell
 * (facts, operators, scorers, plugins), reporting every problem found. When there are no errors the result
 * carries the resolved set.
 *
 * @example
 * ```ts
 * const { valid, problems, criteriaSet } = validateCriteriaSet(JSON.parse(text), { registry });
 * if (!valid) for (const p of problems) console.log(p.code, p.path, p.message.vi);
 * // UNKNOWN_FACT /criteria/0/scoring/when/all/0/fact Không có dữ kiện "memberCout"; có phải "memberCount"?
 * ```
 */
export function validateCriteriaSet(input: unknown, options: ValidateCriteriaSetOptions = {}): CriteriaSetValidation {
  const registry = options.registry ?? coreRegistry();
  const problems: Problem[] = [];

  // 1–2: the document itself.
  if (!checkDocument(input, undefined, problems) || !isObj(input)) return finish(problems, undefined);

  // 3: the extends chain, child first.
  const { chain, complete, resolved } = resolveChain(input, options, problems);

  // 4: semantic checks. Without the whole chain, checks that need the base are skipped.
  for (const link of chain) checkAuthored(link, problems);
  const view = complete && resolved !== undefined ? resolved : mergeCriteriaSet(undefined, chain[0]!.set);
  new SemanticChecker(registry, chain, view, !complete, problems).run();

  return finish(problems, complete ? resolved : undefined);
}

function finish(problems: Problem[], resolved: ResolvedCriteriaSet | undefined): CriteriaSetValidation {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.code}\u0000${p.path}\u0000${p.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const valid = !hasErrors(unique);
  capTotal(unique, MAX_PROBLEMS, 'INPUT_TOO_LARGE', !valid);
  return valid && resolved !== undefined ? { valid, problems: unique, criteriaSet: resolved } : { valid, problems: unique };
}
