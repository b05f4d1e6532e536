/**
 * "Did you mean…?" for ids typed by people: the closest candidate by Levenshtein distance.
 *
 * Shared by the dataset and criteria-set validators, so it knows nothing about either.
 */

/** Inputs longer than this are not compared: nobody mistypes a 200-character id, and the cost is quadratic. */
const MAX_INPUT_LENGTH = 128;

/**
 * The candidate closest to `input`, compared case-insensitively, or `undefined` when none is within
 * `max(2, ⌊input.length / 3⌋)` edits. Ties go to the alphabetically first candidate, so the answer does not
 * depend on the order of `candidates`.
 *
 * @example
 * ```ts
 * suggest('householdVisited', ['householdsVisited', 'peopleGuided']); // 'householdsVisited'
 * suggest('XYZ', ['householdsVisited']); // undefined
 * ```
 */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  if (input.length === 0 || input.length > MAX_INPUT_LENGTH) return undefined;
  const needle = input.toLowerCase();
  const maxDistance = Math.max(2, Math.floor(needle.length / 3));
  let best: string | undefined;
  let bestDistance = maxDistance;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - needle.length) > bestDistance) continue;
    // The limit is one past the best so far, so an exact tie is told apart from "worse".
    const d = levenshtein(needle, candidate.toLowerCase(), bestDistance + 1);
    if (d > bestDistance) continue;
    if (best === undefined || d < bestDistance || candidate < best) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Edit distance (insertions, deletions, substitutions) between `a` and `b`; any result ≥ `limit` may be
 * returned as `limit` (the row minimum only grows, so the loop stops early).
 */
export function levenshtein(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (a.length === 0) return Math.min(b.length, limit);
  if (b.length === 0) return Math.min(a.length, limit);
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin >= limit) return limit;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length]!, limit);
}
