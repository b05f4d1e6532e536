/**
 * The one capping rule of validation problems: however many problems an input has, the answer is
 * bounded, and nothing is dropped silently — what is not listed is counted in a last problem that says so
 * (messages in `messages/problems-schema.ts`, `CAP_MESSAGES`).
 *
 * - Per code ({@link listProblems}, {@link ProblemCollector}): at most {@link MAX_PROBLEMS_PER_CODE} of each
 *   code, in path order, then one problem of that code counting the rest (the dataset validator).
 * - In all ({@link capTotal}): at most a number of problems, the last counting the rest (the criteria-set
 *   validator, the server's request validation).
 * - Schema violations are bounded where they are found (100 per document), with {@link schemaStoppedProblem}
 *   or {@link moreViolationsProblem} as the last.
 */
import { problem, type ErrorCode, type Problem } from '../errors.js';
import { render } from '../messages/define.js';
import { CAP_MESSAGES } from '../messages/problems-schema.js';

/** At most this many schema problems per document (and per pass of the dataset's safety scan). */
export const MAX_SCHEMA_PROBLEMS = 100;

/**
 * Integrity problems held before the list is cut down to those that will be listed (see
 * {@link ProblemCollector}): a dataset at its bounds can have millions, each a few hundred bytes.
 */
const COMPACT_EVERY = 100_000;

/**
 * At most this many problems of one code are listed (in path order); the rest are counted in one summary
 * problem of that code, so a dataset whose 900,000 reports are all wrong yields a readable, bounded answer.
 */
export const MAX_PROBLEMS_PER_CODE = 1000;

/**
 * The problems as listed: in path order, at most {@link MAX_PROBLEMS_PER_CODE} of each code, then one
 * summary per code that has more. `omitted` counts, per code, problems already dropped by a
 * {@link ProblemCollector} (so never among the first listed). @internal exported for tests.
 */
export function listProblems(problems: readonly Problem[], omitted: ReadonlyMap<string, number>): Problem[] {
  return capPerCode(sortProblems(problems), omitted);
}

/**
 * Collects problems in bounded memory. Every `every` problems, the list is cut down to the first
 * {@link MAX_PROBLEMS_PER_CODE} of each code in listing order, the others counted in `omitted`; from then
 * on, a problem of a code that has that many, and that comes after the last of them, is only counted.
 * `listProblems(problems, omitted)` gives what it gives for every problem added: those it lists are the
 * first of their code among all, and those are never dropped. So a dataset with millions of wrong rows
 * is checked in bounded memory. @internal exported for tests.
 */
export class ProblemCollector {
  /** Per code, how many problems were dropped. */
  readonly omitted = new Map<string, number>();
  /** Per code that has MAX_PROBLEMS_PER_CODE kept: the last of them (problems after it are dropped). */
  private readonly bars = new Map<string, Problem>();
  private cutAt: number;

  constructor(
    readonly problems: Problem[],
    private readonly every = COMPACT_EVERY,
  ) {
    this.cutAt = problems.length + every;
  }

  add(p: Problem): void {
    const bar = this.bars.get(p.code);
    // Same code, so listing order is path, then English message; an equal one comes after the bar too.
    if (bar !== undefined && compareProblems(p, bar) >= 0) {
      this.omitted.set(p.code, (this.omitted.get(p.code) ?? 0) + 1);
      return;
    }
    this.problems.push(p);
    if (this.problems.length >= this.cutAt) this.cut();
  }

  private cut(): void {
    const { kept, last } = firstOfEachCode(sortProblems(this.problems), this.omitted);
    this.problems.length = 0;
    for (const p of kept) this.problems.push(p);
    for (const [code, p] of last) this.bars.set(code, p);
    this.cutAt = this.problems.length + this.every;
  }
}

/**
 * The first {@link MAX_PROBLEMS_PER_CODE} problems of each code of `sorted`, in order (`kept`), with how
 * many each code has there (`listed`) and, for codes that reach the bound, the last of them (`last`); the
 * others are added to `omitted`.
 */
function firstOfEachCode(
  sorted: readonly Problem[],
  omitted: Map<string, number>,
): { kept: Problem[]; listed: Map<string, number>; last: Map<string, Problem> } {
  const kept: Problem[] = [];
  const listed = new Map<string, number>();
  const last = new Map<string, Problem>();
  for (const p of sorted) {
    const n = (listed.get(p.code) ?? 0) + 1;
    if (n > MAX_PROBLEMS_PER_CODE) {
      omitted.set(p.code, (omitted.get(p.code) ?? 0) + 1);
      continue;
    }
    listed.set(p.code, n);
    kept.push(p);
    if (n === MAX_PROBLEMS_PER_CODE) last.set(p.code, p);
  }
  return { kept, listed, last };
}

function capPerCode(sorted: readonly Problem[], alreadyOmitted: ReadonlyMap<string, number>): Problem[] {
  const omitted = new Map(alreadyOmitted);
  const { kept: out, listed } = firstOfEachCode(sorted, omitted);
  // A code with omitted problems kept its first MAX_PROBLEMS_PER_CODE, so it is in `listed`.
  for (const [code, shown] of listed) {
    const n = shown + (omitted.get(code) ?? 0);
    if (n <= MAX_PROBLEMS_PER_CODE) continue;
    const first = sorted.find((p) => p.code === code)!;
    const more = n - MAX_PROBLEMS_PER_CODE;
    out.push(
      problem(first.code, '', render(CAP_MESSAGES, 'moreOfCode', { more, max: MAX_PROBLEMS_PER_CODE }), { omitted: more, total: n }, first.severity),
    );
  }
  return out;
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(compareProblems);
}

/** Listing order: path (natural), code, English message; a stable sort keeps equal ones in order. */
export function compareProblems(a: Problem, b: Problem): number {
  const byPath = comparePaths(a.path, b.path);
  if (byPath !== 0) return byPath;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message.en < b.message.en ? -1 : a.message.en > b.message.en ? 1 : 0;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Natural order of two JSON pointers without allocating: a run of digits compares by length, then digit
 * by digit, so `/reports/9` < `/reports/10`; anything else compares by UTF-16 code unit. Splitting each
 * path into segments instead allocated an array per problem, which dominated with 900k problems.
 *
 * @example
 * ```ts
 * ['/reports/10', '/reports/9/month', '/orgUnits/2'].sort(comparePaths);
 * // ['/orgUnits/2', '/reports/9/month', '/reports/10']
 * ```
 */
export function comparePaths(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let endA = i;
      while (endA < a.length && isDigit(a.charCodeAt(endA))) endA++;
      let endB = j;
      while (endB < b.length && isDigit(b.charCodeAt(endB))) endB++;
      if (endA - i !== endB - j) return endA - i - (endB - j);
      for (; i < endA; i++, j++) {
        const d = a.charCodeAt(i) - b.charCodeAt(j);
        if (d !== 0) return d;
      }
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}

/**
 * The first `max - 1` problems and one `code` problem counting the rest, when there are more than `max`;
 * the problems themselves otherwise. The summary is an error when `asError` (so that cutting never makes
 * an invalid input look valid), else a warning.
 *
 * @example
 * ```ts
 * capTotal(problems, 1000, 'INPUT_TOO_LARGE', !valid); // at most 1,000, the last "And 3 more problems"
 * ```
 */
export function capTotal(problems: Problem[], max: number, code: ErrorCode, asError: boolean): Problem[] {
  if (problems.length <= max) return problems;
  const omitted = problems.length - (max - 1);
  problems.splice(
    max - 1,
    Infinity,
    problem(code, '', render(CAP_MESSAGES, 'moreProblems', { more: omitted }), { omitted }, asError ? 'error' : 'warning'),
  );
  return problems;
}

/** The last schema problem when the schema check stopped after `listed` problems. */
export function schemaStoppedProblem(listed: number): Problem {
  return problem('SCHEMA_VIOLATION', '', render(CAP_MESSAGES, 'schemaStopped', { listed }), { keyword: 'maxProblems', listed });
}

/** The last schema problem when `more` schema violations were found but not listed. */
export function moreViolationsProblem(more: number): Problem {
  return problem('SCHEMA_VIOLATION', '', render(CAP_MESSAGES, 'moreViolations', { more }), { omitted: more });
}
