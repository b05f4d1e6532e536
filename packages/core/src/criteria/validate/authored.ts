/** Checks of each authored document that the merge would hide, and the coercion the merge works on. */
import type { Problem } from '../../errors.js';
import { isDate } from '../../internal/dates.js';
import { criteriaText as text } from '../../messages/problems-criteria.js';
import { CRITERIA_DATE_PATTERN } from '../schema.js';
import type { CriteriaSet } from '../types.js';
import { isObj, own, rawArray, rawObj, report, type ChainLink } from './helpers.js';

/**
 * Coerce a possibly malformed document to the `CriteriaSet` shape so that the merge and the semantic
 * checks can run next to schema violations. Items the merge cannot place (criteria without a string id)
 * are dropped; everything inside is still `unknown` to the checks.
 */
export function shape(raw: unknown): CriteriaSet {
  const o = isObj(raw) ? raw : {};
  const out: Record<string, unknown> = {};
  const id = own(o, 'id');
  const version = own(o, 'version');
  out.id = typeof id === 'string' ? id : '';
  out.version = typeof version === 'string' ? version : '';
  out.title = own(o, 'title') ?? { vi: '', en: '' };
  for (const key of ['description', 'effective', 'subject', 'requires', 'parameters'] as const) {
    if (isObj(own(o, key))) out[key] = own(o, key);
  }
  if (typeof own(o, 'totalPoints') === 'number') out.totalPoints = own(o, 'totalPoints');
  if (Array.isArray(own(o, 'ratings'))) out.ratings = own(o, 'ratings');
  const sources = rawArray(o, 'sources').filter((s) => isObj(s) && typeof own(s, 'number') === 'string');
  if (sources.length > 0) out.sources = sources;
  if (Array.isArray(own(o, 'criteria'))) {
    out.criteria = rawArray(o, 'criteria').filter((c) => isObj(c) && typeof own(c, 'id') === 'string');
  }
  const ext = rawObj(o, 'extends');
  if (ext !== undefined && typeof own(ext, 'id') === 'string') {
    const clause: Record<string, unknown> = { id: own(ext, 'id') };
    if (typeof own(ext, 'version') === 'string') clause.version = own(ext, 'version');
    clause.remove = rawArray(ext, 'remove').filter((r) => typeof r === 'string');
    out.extends = clause;
  }
  return out as unknown as CriteriaSet;
}

/** Checks of one authored document that the merge would hide: repeated criterion ids, and its dates. */
export function checkAuthored(link: ChainLink, problems: Problem[]): void {
  checkDates(link, problems);
  const first = new Map<string, number>();
  rawArray(link.raw, 'criteria').forEach((c, i) => {
    const id = isObj(c) ? own(c, 'id') : undefined;
    if (typeof id !== 'string') return;
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, i);
      return;
    }
    report(problems, 'DUPLICATE_CRITERION', { prefix: `/criteria/${i}`, source: link.source }, ['id'], text('duplicateCriterion', { id, earlier }), {
      id,
      first: `/criteria/${earlier}`,
    });
  });
}

export const DATE_SHAPE = new RegExp(CRITERIA_DATE_PATTERN);

/** Calendar validity of `effective` and source dates (the schema checks only their shape), and from ≤ to. */
function checkDates(link: ChainLink, problems: Problem[]): void {
  const calendar = (value: unknown, path: ReadonlyArray<string | number>): value is string => {
    if (typeof value !== 'string' || !DATE_SHAPE.test(value)) return false; // the schema says so
    if (isDate(value)) return true;
    report(problems, 'SCHEMA_VIOLATION', { prefix: '', source: link.source }, path, text('notACalendarDate', { value }), { date: value });
    return false;
  };
  const effective = rawObj(link.raw, 'effective');
  if (effective !== undefined) {
    const from = own(effective, 'from');
    const to = own(effective, 'to');
    if (calendar(from, ['effective', 'from']) && calendar(to, ['effective', 'to']) && to < from) {
      report(problems, 'INVALID_DATE_RANGE', { prefix: '/effective', source: link.source }, ['to'], text('endBeforeStart', { from, to }), {
        from,
        to,
      });
    }
  }
  rawArray(link.raw, 'sources').forEach((source, i) => {
    if (isObj(source)) calendar(own(source, 'date'), ['sources', i, 'date']);
  });
}
