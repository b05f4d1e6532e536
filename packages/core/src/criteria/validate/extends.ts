/**
 * Step 3 of criteria-set validation: the `extends` chain. Each base is fetched with `resolveBase`,
 * checked by steps 1–2 (its problems carry `params.source: "id@version"`), and merged root first with
 * {@link mergeCriteriaSet}; removals of ids the base does not have are reported.
 */
import semver from 'semver';
import type { Problem } from '../../errors.js';
import { suggest } from '../../internal/suggest.js';
import { criteriaText as text } from '../../messages/problems-criteria.js';
import { mergeCriteriaSet } from '../resolve.js';
import { CRITERIA_SET_LIMITS } from '../schema.js';
import type { ResolvedCriteriaSet } from '../types.js';
import { checkDocument } from './document.js';
import { isObj, own, rawArray, rawObj, report, withSuggestion, type ChainLink, type Loc, type Obj } from './helpers.js';
import { shape } from './authored.js';
import type { ValidateCriteriaSetOptions } from './index.js';

const LIMITS = CRITERIA_SET_LIMITS;

/** The chain of documents, child first; whether every base was found and usable; the merged set if so. */
export interface ResolvedChain {
  readonly chain: ChainLink[];
  readonly complete: boolean;
  readonly resolved: ResolvedCriteriaSet | undefined;
}

/** Follow and merge the `extends` chain of a document that passed steps 1–2. */
export function resolveChain(input: Obj, options: ValidateCriteriaSetOptions, problems: Problem[]): ResolvedChain {
  const chain: ChainLink[] = [{ raw: input, set: shape(input), source: undefined }];
  let complete = true;
  const seen = [chain[0]!.set.id];
  for (;;) {
    const link = chain[chain.length - 1]!;
    const ext = link.set.extends;
    if (ext === undefined) break;
    const at: Loc = { prefix: '/extends', source: link.source };
    complete = false;
    if (ext.version !== undefined && semver.validRange(ext.version) === null) {
      report(problems, 'SCHEMA_VIOLATION', at, ['version'], text('notASemverRange', { range: ext.version }), { version: ext.version });
      break;
    }
    if (seen.includes(ext.id)) {
      const cycle = [...new Set(seen), ext.id];
      report(problems, 'EXTENDS_CYCLE', at, ['id'], text('extendsCycle', { cycle }), { cycle });
      break;
    }
    if (chain.length >= LIMITS.extendsDepth) {
      report(problems, 'INPUT_TOO_LARGE', at, [], text('extendsTooLong', { limit: LIMITS.extendsDepth }), { limit: LIMITS.extendsDepth });
      break;
    }
    const base =
      options.resolveBase === undefined
        ? undefined
        : ext.version === undefined
          ? options.resolveBase(ext.id)
          : options.resolveBase(ext.id, ext.version);
    if (base === undefined) {
      report(problems, 'EXTENDS_NOT_FOUND', at, ['id'], text('baseNotFound', { id: ext.id, version: ext.version }), {
        id: ext.id,
        ...(ext.version === undefined ? {} : { version: ext.version }),
        resolver: options.resolveBase !== undefined,
      });
      break;
    }
    const baseVersion = isObj(base) ? own(base, 'version') : undefined;
    if (ext.version !== undefined && (typeof baseVersion !== 'string' || !semver.satisfies(baseVersion, ext.version, { includePrerelease: true }))) {
      report(
        problems,
        'EXTENDS_NOT_FOUND',
        at,
        ['version'],
        text('baseVersionMismatch', { id: ext.id, found: String(baseVersion), range: ext.version }),
        { id: ext.id, version: ext.version, found: baseVersion },
      );
      break;
    }
    const baseSet = shape(base);
    const source = `${baseSet.id}@${baseSet.version}`;
    if (!checkDocument(base, source, problems) || !isObj(base)) break;
    seen.push(ext.id, baseSet.id); // both, in case a resolver answers with a set of another id
    chain.push({ raw: base, set: baseSet, source });
    complete = true;
  }

  // Merge root first; note removals of ids the base does not have.
  let resolved: ResolvedCriteriaSet | undefined;
  const start = complete ? chain.length - 1 : -1;
  for (let i = start; i >= 0; i--) {
    const link = chain[i]!;
    if (resolved !== undefined) {
      const baseIds = new Set(resolved.criteria.map((c) => c.id));
      const remove = rawArray(rawObj(link.raw, 'extends'), 'remove');
      remove.forEach((id, j) => {
        if (typeof id !== 'string' || baseIds.has(id)) return;
        const hint = suggest(id, baseIds);
        report(
          problems,
          'REMOVE_UNKNOWN',
          { prefix: '/extends', source: link.source },
          ['remove', j],
          text('removeUnknown', { id, suggestion: hint }),
          withSuggestion({ id }, hint),
        );
      });
    }
    resolved = mergeCriteriaSet(resolved, link.set);
  }

  return { chain, complete, resolved };
}
