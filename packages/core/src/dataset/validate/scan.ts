/**
 * Pass 1 of dataset validation: a safety scan of the raw input, iterative so that no nesting depth can
 * overflow the stack — depth and size, forbidden keys (`__proto__`…), and personal data (fields that name
 * it, phone and citizen ID numbers inside any string or key). See validate.ts for the passes together.
 */
import { pointer, problem, type LocalizedText, type Problem } from '../../errors.js';
import { personalNumberIn, type PersonalNumberKind } from '../../model/personal-data.js';
import { MAX_SCHEMA_PROBLEMS } from '../../problems/cap.js';
import { render } from '../../messages/define.js';
import { DATASET_MESSAGES } from '../../messages/problems-dataset.js';

/** At most this many problems from the scan: the schema's bound. */
const MAX_SCAN_PROBLEMS = MAX_SCHEMA_PROBLEMS;

/** Deepest nesting accepted; the schema itself needs 6. */
export const MAX_DATASET_DEPTH = 32;
/**
 * Objects and arrays the scan visits at most. A dataset at every schema bound has about 45 million; only a
 * TypeScript caller passing shared or cyclic objects can go beyond (JSON cannot), and this stops it.
 */
export const MAX_NODES = 50_000_000;

/** The message of PERSONAL_DATA_VALUE: a member id that is such a number, or any value that holds one. */
const personalValueText = (kind: PersonalNumberKind, memberId: boolean): LocalizedText =>
  render(DATASET_MESSAGES, 'personalValue', { kind, memberId });

export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Keys (lower-cased, without `_`, `-`, `.` or spaces) that carry personal data wherever they appear. */
const PERSONAL_KEYS = new Set([
  'fullname',
  'firstname',
  'lastname',
  'givenname',
  'familyname',
  'middlename',
  'phone',
  'phonenumber',
  'mobile',
  'mobilephone',
  'telephone',
  'email',
  'emailaddress',
  'idnumber',
  'citizenid',
  'cccd',
  'cmnd',
  'nationalid',
  'passport',
  'passportnumber',
  'birthdate',
  'dateofbirth',
  'dob',
  'address',
  'homeaddress',
  // Vietnamese keys seen in spreadsheets: họ tên, số điện thoại, SĐT, địa chỉ, ngày sinh, số CCCD.
  'hoten',
  'hovaten',
  'sodienthoai',
  'sdt',
  'diachi',
  'ngaysinh',
  'socccd',
  'socmnd',
]);
/** Keys that are personal on a member; org units and the dataset legitimately have a `name`. */
const MEMBER_PERSONAL_KEYS = new Set(['name', 'ten']);

export const PHONE_RE = /^(\+?84|0)[0-9]{9,10}$/;
export const ID_NUMBER_RE = /^[0-9]{9}$|^[0-9]{12}$/;

const IN_OTHER = 0;
const IN_ROOT = 1;
const IN_TEAMS = 2;
const IN_TEAM = 3;
const IN_MEMBERS = 4;
const IN_MEMBER = 5;
const IN_REPORTS = 6;
const IN_REPORT = 7;
const IN_REPORT_COLUMNS = 8;
/** `reportColumns.memberId`: its strings are member ids. */
const IN_MEMBER_COLUMN = 9;

function childWhere(where: number, key: string | number): number {
  switch (where) {
    case IN_ROOT:
      return key === 'teams' ? IN_TEAMS : key === 'reports' ? IN_REPORTS : key === 'reportColumns' ? IN_REPORT_COLUMNS : IN_OTHER;
    case IN_REPORT_COLUMNS:
      return key === 'memberId' ? IN_MEMBER_COLUMN : IN_OTHER;
    case IN_TEAMS:
      return IN_TEAM;
    case IN_TEAM:
      return key === 'members' ? IN_MEMBERS : IN_OTHER;
    case IN_MEMBERS:
      return IN_MEMBER;
    case IN_REPORTS:
      return IN_REPORT;
    default:
      return IN_OTHER;
  }
}

export const KEY_FORBIDDEN = 1;
export const KEY_PERSONAL = 2;
const KEY_PERSONAL_ON_MEMBER = 4;
/** A key with a phone or citizen ID number in it (a metric id such as `a0912345678`). */
export const KEY_PERSONAL_NUMBER = 8;

/** Key → KEY_* flags. Keys repeat (a few dozen distinct ones in millions of objects), so one lookup each. */
const keyClassCache = new Map<string, number>();

export function classifyKey(key: string): number {
  let flags = keyClassCache.get(key);
  if (flags === undefined) {
    flags = 0;
    if (FORBIDDEN_KEYS.has(key)) flags |= KEY_FORBIDDEN;
    if (PERSONAL_KEYS.has(key.toLowerCase().replace(/[\s_.-]/g, ''))) flags |= KEY_PERSONAL;
    if (MEMBER_PERSONAL_KEYS.has(key.toLowerCase())) flags |= KEY_PERSONAL_ON_MEMBER;
    if (personalNumberIn(key) !== undefined) flags |= KEY_PERSONAL_NUMBER;
    // Bounded, so that a document full of random keys cannot grow it.
    if (keyClassCache.size < 10_000) keyClassCache.set(key, flags);
  }
  return flags;
}

export interface ScanResult {
  readonly problems: Problem[];
  /** Too deep, too many nodes, or a forbidden key: the schema and integrity passes are not run. */
  readonly unsafe: boolean;
}

/**
 * Depth-first with an explicit stack of parallel arrays: no recursion, and no allocation per node (keys
 * are read with `for…in`, not `Object.keys`), which matters when the input has millions of objects.
 * An array keeps a cursor and hands out one element at a time, so 900k reports never sit on the stack
 * together; an object pushes its (few) container children at once. A container stays on the stack below
 * its children until they are done, so the path of a problem is read off the parent links only when
 * one is found.
 */
export function scanInput(input: unknown): ScanResult {
  const problems: Problem[] = [];
  if (input === null || typeof input !== 'object') return { problems, unsafe: false };
  let unsafe = false;
  let nodes = 0;
  const add = (p: Problem): void => {
    if (problems.length < MAX_SCAN_PROBLEMS) problems.push(p);
  };

  const OBJECT_NEW = -1;
  const OBJECT_DONE = -2;
  const values: object[] = [input];
  const keys: Array<string | number> = [''];
  const parents: number[] = [-1];
  const depths: number[] = [0];
  const wheres: number[] = [IN_ROOT];
  /** For an array, the index of the next element to look at; for an object, OBJECT_NEW or OBJECT_DONE. */
  const states: number[] = [Array.isArray(input) ? 0 : OBJECT_NEW];
  let top = 0;

  const pathTo = (slot: number, last: string | number): string => {
    const segments: Array<string | number> = [last];
    for (let s = slot; s > 0; s = parents[s]!) segments.push(keys[s]!);
    segments.reverse();
    return pointer(...segments);
  };

  /** Push a child container; false when the input is too deep or too large to go on. */
  const push = (parent: number, key: string | number, child: object): boolean => {
    const depth = depths[parent]! + 1;
    if (depth > MAX_DATASET_DEPTH || ++nodes > MAX_NODES) {
      const tooDeep = depth > MAX_DATASET_DEPTH;
      add(
        problem(
          'INPUT_TOO_LARGE',
          pathTo(parent, key),
          tooDeep
            ? render(DATASET_MESSAGES, 'tooDeep', { maxDepth: MAX_DATASET_DEPTH })
            : render(DATASET_MESSAGES, 'tooManyNodes', { maxNodes: MAX_NODES }),
          tooDeep ? { maxDepth: MAX_DATASET_DEPTH } : { maxNodes: MAX_NODES },
        ),
      );
      return false;
    }
    top++;
    values[top] = child;
    keys[top] = key;
    parents[top] = parent;
    depths[top] = depth;
    wheres[top] = childWhere(wheres[parent]!, key);
    states[top] = Array.isArray(child) ? 0 : OBJECT_NEW;
    return true;
  };

  /**
   * A string with a phone or citizen ID number in it, anywhere in the document; `memberId` (a member's
   * id, a report's memberId) also when it is nothing but a number of either kind, with or without `+84`.
   * The value itself is never echoed: repeating a phone number in an error log would spread it further.
   */
  const checkPersonalValue = (slot: number, key: string | number, value: unknown, memberId: boolean): void => {
    if (typeof value !== 'string') return;
    const exact = memberId ? (PHONE_RE.test(value) ? 'phone' : ID_NUMBER_RE.test(value) ? 'idNumber' : undefined) : undefined;
    const kind = exact ?? personalNumberIn(value);
    if (kind === undefined) return;
    add(problem('PERSONAL_DATA_VALUE', pathTo(slot, key), personalValueText(kind, memberId), { kind }));
  };

  while (top >= 0) {
    const slot = top;
    const state = states[slot]!;
    const value = values[slot]!;
    if (state >= 0) {
      const array = value as readonly unknown[];
      let i = state;
      if (i === 0) {
        const memberIds = wheres[slot] === IN_MEMBER_COLUMN;
        for (let k = 0; k < array.length; k++) if (typeof array[k] === 'string') checkPersonalValue(slot, k, array[k], memberIds);
      }
      while (i < array.length && (array[i] === null || typeof array[i] !== 'object')) i++;
      if (i >= array.length) {
        top--;
        continue;
      }
      states[slot] = i + 1;
      if (!push(slot, i, array[i] as object)) return { problems, unsafe: true };
      continue;
    }
    if (state === OBJECT_DONE) {
      top--;
      continue;
    }
    states[slot] = OBJECT_DONE;
    const where = wheres[slot]!;
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const flags = classifyKey(key);
      if (flags !== 0) {
        if ((flags & KEY_FORBIDDEN) !== 0) {
          unsafe = true;
          add(problem('FORBIDDEN_KEY', pathTo(slot, key), render(DATASET_MESSAGES, 'forbiddenKey', { key }), { key }));
          continue;
        }
        if ((flags & KEY_PERSONAL) !== 0 || (where === IN_MEMBER && (flags & KEY_PERSONAL_ON_MEMBER) !== 0)) {
          add(problem('PERSONAL_DATA_FIELD', pathTo(slot, key), render(DATASET_MESSAGES, 'personalField', { key }), { key }));
          continue;
        }
        if ((flags & KEY_PERSONAL_NUMBER) !== 0) {
          add(problem('PERSONAL_DATA_VALUE', pathTo(slot, key), personalValueText(personalNumberIn(key)!, false), { kind: personalNumberIn(key)! }));
          continue;
        }
      }
      const child = record[key];
      if (typeof child === 'string')
        checkPersonalValue(slot, key, child, (where === IN_MEMBER && key === 'id') || (where === IN_REPORT && key === 'memberId'));
      if (child !== null && typeof child === 'object' && !push(slot, key, child)) return { problems, unsafe: true };
    }
  }
  return { problems, unsafe };
}
