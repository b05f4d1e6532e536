/**
 * Phone and citizen ID numbers inside text: ids, names, labels. The dataset knows people only by opaque
 * ids (Personal Data Protection Law 91/2025/QH15, in force since 1 Jan 2026), and a number can hide in
 * any value: `m-0912345678`, `tel:+84 912 345 678`, `Thôn 3 (0912.345.678)`.
 *
 * A candidate is a run of digit groups joined by at most two separators (space, `.`, `-`, `(`, `)`)
 * between groups, starting and ending at group edges, so a number inside a longer number is not one:
 * - a Vietnamese mobile number, `0` + 3/5/7/8/9 + 8 digits, or with the country code `84` instead of `0`;
 * - a landline number, `02` + 9 digits (area code and subscriber), or `842` + 9 digits;
 * - a citizen ID number (CCCD), 12 digits starting with a province code 001–096.
 * Old 9-digit ID card numbers (CMND, no longer valid since 2025) are not looked for inside text: too
 * many codes have 9 digits. A value that is nothing but such a number is still refused as a member id.
 */

/** What a personal number found in text looks like. */
export type PersonalNumberKind = 'phone' | 'idNumber';

const MOBILE = /^(0|84)[35789][0-9]{8}$/;
const LANDLINE = /^(0|84)2[0-9]{9}$/;
const CITIZEN_ID = /^0(0[1-9]|[1-8][0-9]|9[0-6])[0-9]{9}$/;
/** The longest candidate, in digits. */
const MAX_DIGITS = 12;
/** The shortest: a local mobile number. */
const MIN_DIGITS = 10;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** space . - ( ) */
const isSeparator = (c: number): boolean => c === 32 || c === 46 || c === 45 || c === 40 || c === 41;

function kindOf(digits: string): PersonalNumberKind | undefined {
  if (MOBILE.test(digits) || LANDLINE.test(digits)) return 'phone';
  if (CITIZEN_ID.test(digits)) return 'idNumber';
  return undefined;
}

/** A personal number found in text: where it is (UTF-16 offsets, end exclusive) and what it looks like. */
export interface PersonalNumberMatch {
  readonly start: number;
  readonly end: number;
  readonly kind: PersonalNumberKind;
}

/**
 * The phone and citizen ID numbers in `text`, left to right, not overlapping.
 *
 * @example
 * ```ts
 * findPersonalNumbers('tel:0912.345.678'); // [{ start: 4, end: 16, kind: 'phone' }]
 * findPersonalNumbers('thon-2024-03'); // []
 * ```
 */
export function findPersonalNumbers(text: string): PersonalNumberMatch[] {
  if (!hasEnoughDigits(text)) return [];
  // Digit groups: [start, end) of each maximal run of digits, and whether it joins the one before.
  const starts: number[] = [];
  const ends: number[] = [];
  const joined: boolean[] = [];
  for (let i = 0; i < text.length; ) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    const previousEnd = ends.length === 0 ? -10 : ends[ends.length - 1]!;
    let gap = start - previousEnd <= 2;
    for (let k = previousEnd; gap && k < start; k++) gap = isSeparator(text.charCodeAt(k));
    starts.push(start);
    ends.push(i);
    joined.push(ends.length > 1 && gap);
  }
  const out: PersonalNumberMatch[] = [];
  for (let first = 0; first < starts.length; first++) {
    let digits = '';
    for (let last = first; last < starts.length && (last === first || joined[last]!); last++) {
      digits += text.slice(starts[last], ends[last]);
      if (digits.length > MAX_DIGITS) break;
      if (digits.length < MIN_DIGITS) continue;
      const kind = kindOf(digits);
      if (kind !== undefined) {
        out.push({ start: starts[first]!, end: ends[last]!, kind });
        first = last; // the next candidate starts after this one
        break;
      }
    }
  }
  return out;
}

/**
 * What the first personal number in `text` looks like, or undefined when there is none. Cheap for text
 * with fewer than ten digits, which is almost every id and name.
 *
 * @example
 * ```ts
 * personalNumberIn('m-0912345678'); // 'phone'
 * personalNumberIn('079203012345'); // 'idNumber'
 * personalNumberIn('to-thon-12'); // undefined
 * ```
 */
export function personalNumberIn(text: string): PersonalNumberKind | undefined {
  return hasEnoughDigits(text) ? findPersonalNumbers(text)[0]?.kind : undefined;
}

/**
 * `text` with each personal number replaced by `***`, for messages that quote a value.
 *
 * @example
 * ```ts
 * redactPersonalNumbers('No team "to-0912345678"'); // 'No team "to-***"'
 * ```
 */
export function redactPersonalNumbers(text: string): string {
  const found = findPersonalNumbers(text);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const m of found) {
    out += text.slice(at, m.start) + '***';
    at = m.end;
  }
  return out + text.slice(at);
}

function hasEnoughDigits(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) if (isDigit(text.charCodeAt(i)) && ++digits >= MIN_DIGITS) return true;
  return false;
}
