import type { Task } from '../../model/types.js';

/** How an activity metric combines over months, as a small integer for the hot loop. */
export const SUM = 0;
export const LAST = 1;
export const MAX = 2;
export const MEAN = 3;

/**
 * Builds an object with these keys, in this order, from values by position. Facts are objects made once
 * per team (activity totals, tasks, coverage) or unit (area), so how they are built matters: an object
 * literal is one allocation with every field inside it, ~0.1 µs here, where a spread of a template or
 * key-by-key assignment cost ~0.6 µs per object. So the catalog's shapes that are known in advance (the
 * built-in metrics and ratios, see the literals at the end of this file) use a literal, and any other
 * catalog the generic builder.
 */
export type RecordBuilder<V> = (values: ArrayLike<V>) => Record<string, V>;

export function recordBuilder<V>(keys: readonly string[], literal: RecordBuilder<V>, sample: ArrayLike<V>): RecordBuilder<V> {
  const literalKeys = Object.keys(literal(sample));
  if (literalKeys.length === keys.length && literalKeys.every((k, i) => k === keys[i])) return literal;
  return (values) => {
    const o: Record<string, V> = {};
    for (let i = 0; i < keys.length; i++) o[keys[i]!] = values[i]!;
    return o;
  };
}

/**
 * The same number, as a small integer when it is one (not -0). V8 keeps a field that only ever held
 * small integers unboxed; a number read from a Float64Array is a heap number until the code is
 * optimised, and one stored in a literal's field would box that field in every object of its shape.
 */
export function smallInt(v: number): number {
  return (v | 0) === v && (v !== 0 || 1 / v > 0) ? v | 0 : v;
}

/** A scratch array of tagged values (filled with null first, so that V8 never stores them as raw doubles). */
export function taggedScratch(n: number): unknown[] {
  return new Array<unknown>(n).fill(null);
}

// ── Literals for the built-in catalog's shapes (see recordBuilder) ────────────────────────────────────
// Keys in the order of BUILTIN_METRICS / BUILTIN_RATIOS; a catalog whose ids differ in any way is built
// by the generic builder instead (a test checks that the built-in catalog takes these).

export function builtinActivityTotals(v: ArrayLike<number>): Record<string, number> {
  return {
    householdsVisited: v[0]!,
    peopleGuided: v[1]!,
    trainingSessionsHeld: v[2]!,
    trainingAttendees: v[3]!,
    guidedPublicServices: v[4]!,
    publicServiceAccountsCreated: v[5]!,
    onlineDossiersFiled: v[6]!,
    vneidInstalls: v[7]!,
    vneidLevel2Activations: v[8]!,
    vssidInstalls: v[9]!,
    eHealthRecords: v[10]!,
    guidedOnlineShopping: v[11]!,
    ecommerceAccountsOpened: v[12]!,
    digitalStoresOpened: v[13]!,
    guidedOnlinePayment: v[14]!,
    paymentAccountsOpened: v[15]!,
    cashlessMerchantsOnboarded: v[16]!,
    guidedCyberSafety: v[17]!,
    simCardsRegistered: v[18]!,
    guidedLocalPlatforms: v[19]!,
    localPlatformAccounts: v[20]!,
  };
}

export function builtinArea(v: ArrayLike<number | undefined>): Record<string, number | undefined> {
  return {
    population: v[0],
    workingAgePopulation: v[1],
    adults: v[2],
    households: v[3],
    workingAgeOnlinePublicServiceUsers: v[4],
    adultsWithSmartphone: v[5],
    adultsUsingSmartDevice: v[6],
    adultsWithVneidLevel2: v[7],
    adultsMeetingDigitalKnowledgeStandard: v[8],
    adultsWithPaymentAccount: v[9],
    householdsWithFiveSkills: v[10],
    population15Plus: v[11],
    people15PlusWithPaymentAccount: v[12],
    workingAgeTrainedBasicDigitalSkills: v[13],
  };
}

export function builtinCoverage(v: ArrayLike<number | undefined>): Record<string, number | undefined> {
  return {
    onlinePublicServices: v[0],
    smartphone: v[1],
    smartDeviceUse: v[2],
    vneidLevel2: v[3],
    digitalKnowledge: v[4],
    paymentAccount: v[5],
    householdsFiveSkills: v[6],
    paymentAccount15Plus: v[7],
    basicDigitalSkillsTraining: v[8],
  };
}

/**
 * Tasks of built-in activity totals: named reads (one hidden class, so fast) instead of a computed read
 * per metric, added in catalog order from 0 as the general path does. Undefined when a value is not a
 * number, which the general path handles with `+=`'s own semantics.
 */
export function builtinTasks(t: Readonly<Record<string, number>>): Record<Task, number> | undefined {
  const ps1 = t['guidedPublicServices'] ?? 0;
  const ps2 = t['publicServiceAccountsCreated'] ?? 0;
  const ps3 = t['onlineDossiersFiled'] ?? 0;
  const ps4 = t['vneidInstalls'] ?? 0;
  const ps5 = t['vneidLevel2Activations'] ?? 0;
  const ps6 = t['vssidInstalls'] ?? 0;
  const ps7 = t['eHealthRecords'] ?? 0;
  const os1 = t['guidedOnlineShopping'] ?? 0;
  const os2 = t['ecommerceAccountsOpened'] ?? 0;
  const os3 = t['digitalStoresOpened'] ?? 0;
  const op1 = t['guidedOnlinePayment'] ?? 0;
  const op2 = t['paymentAccountsOpened'] ?? 0;
  const op3 = t['cashlessMerchantsOnboarded'] ?? 0;
  const cs1 = t['guidedCyberSafety'] ?? 0;
  const cs2 = t['simCardsRegistered'] ?? 0;
  const lp1 = t['guidedLocalPlatforms'] ?? 0;
  const lp2 = t['localPlatformAccounts'] ?? 0;
  if (
    typeof ps1 !== 'number' ||
    typeof ps2 !== 'number' ||
    typeof ps3 !== 'number' ||
    typeof ps4 !== 'number' ||
    typeof ps5 !== 'number' ||
    typeof ps6 !== 'number' ||
    typeof ps7 !== 'number' ||
    typeof os1 !== 'number' ||
    typeof os2 !== 'number' ||
    typeof os3 !== 'number' ||
    typeof op1 !== 'number' ||
    typeof op2 !== 'number' ||
    typeof op3 !== 'number' ||
    typeof cs1 !== 'number' ||
    typeof cs2 !== 'number' ||
    typeof lp1 !== 'number' ||
    typeof lp2 !== 'number'
  ) {
    return undefined;
  }
  return {
    publicServices: smallInt(0 + ps1 + ps2 + ps3 + ps4 + ps5 + ps6 + ps7),
    onlineShopping: smallInt(0 + os1 + os2 + os3),
    onlinePayment: smallInt(0 + op1 + op2 + op3),
    cyberSafety: smallInt(0 + cs1 + cs2),
    localPlatforms: smallInt(0 + lp1 + lp2),
  };
}
