/** Small helpers the criteria-set validator's stages share: own-property reads, pointers, reporting. */
import { pointer, problem } from '../../errors.js';
import type { ErrorCode, LocalizedText, Problem, Severity } from '../../errors.js';
import type { CriteriaSet } from '../types.js';

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
/** An own property: `parameters.constructor` must not find Object's constructor. */
export function own(o: Obj, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}
export function rawObj(o: unknown, key: string): Obj | undefined {
  if (!isObj(o)) return undefined;
  const v = own(o, key);
  return isObj(v) ? v : undefined;
}
export function rawArray(o: unknown, key: string): readonly unknown[] {
  if (!isObj(o)) return [];
  const v = own(o, key);
  return Array.isArray(v) ? v : [];
}
export function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Where an item of the resolved set was authored: a pointer prefix, and the base it came from if any. */
export interface Loc {
  readonly prefix: string;
  readonly source: string | undefined;
}

export function report(
  problems: Problem[],
  code: ErrorCode,
  loc: Loc,
  suffix: ReadonlyArray<string | number>,
  message: LocalizedText,
  params?: Record<string, unknown>,
  severity?: Severity,
): void {
  const all = loc.source === undefined ? params : { ...params, source: loc.source };
  problems.push(problem(code, loc.prefix + pointer(...suffix), message, all, severity));
}

export function withSuggestion(params: Record<string, unknown>, hint: string | undefined): Record<string, unknown> {
  return hint === undefined ? params : { ...params, suggestion: hint };
}

export interface ChainLink {
  readonly raw: Obj;
  /** The document coerced to the CriteriaSet shape (malformed parts dropped), for merging. */
  readonly set: CriteriaSet;
  /** `id@version` of a base; undefined for the document being validated. */
  readonly source: string | undefined;
}

/** Problems a criteria-set validation returns in all; the rest are counted in one last problem. */
export const MAX_PROBLEMS = 1_000;
