import type { OrgUnit } from '../../model/types.js';

export const NO_UNITS: readonly OrgUnit[] = [];

/** Values grouped by slot in one flat array: `items[start[s]..start[s+1]]` are slot s's. */
export interface Groups<V> {
  readonly start: Int32Array;
  readonly items: readonly V[];
}

/** Reports by team slot: `order[start[s]..start[s+1]]` are the indexes in `reports` of slot s's reports. */
export interface ReportGroups {
  readonly start: Int32Array;
  readonly order: Int32Array;
}

/** A yearly indicator (`YYYY`) counts as of December of that year. */
export function indicatorMonth(period: string): string {
  return period.length === 4 ? `${period}-12` : period;
}

/** An array as is; any other iterable copied (a non-iterable throws, as the for…of it replaces did). */
export function arrayOf<T>(items: Iterable<T>): readonly T[] {
  return Array.isArray(items) ? (items as readonly T[]) : [...items];
}

/** Groups values by their slot (a counting sort), each group then sorted by `compare` (a stable sort). */
export function groupBySlot<V>(values: readonly V[], slotOf: Int32Array, slots: number, compare: (a: V, b: V) => number): Groups<V> {
  const start = new Int32Array(slots + 1);
  for (let i = 0; i < values.length; i++) start[slotOf[i]! + 1] = start[slotOf[i]! + 1]! + 1;
  for (let s = 0; s < slots; s++) start[s + 1] = start[s + 1]! + start[s]!;
  const next = start.slice(0, slots);
  const items = new Array<V>(values.length);
  for (let i = 0; i < values.length; i++) {
    const s = slotOf[i]!;
    items[next[s]!] = values[i]!;
    next[s] = next[s]! + 1;
  }
  for (let s = 0; s < slots; s++) {
    const from = start[s]!;
    const to = start[s + 1]!;
    if (to - from < 2) continue;
    const group = items.slice(from, to).sort(compare);
    for (let k = 0; k < group.length; k++) items[from + k] = group[k]!;
  }
  return { start, items };
}

export function sortLists<V>(lists: readonly (V[] | undefined)[], compare: (a: V, b: V) => number): void {
  for (let i = 0; i < lists.length; i++) {
    const list = lists[i];
    if (list !== undefined && list.length > 1) list.sort(compare);
  }
}

export function pushAt<V>(lists: (V[] | undefined)[], slot: number, value: V): void {
  while (lists.length < slot) lists.push(undefined); // stay a packed array
  const list = lists[slot];
  if (list === undefined) lists[slot] = [value];
  else list.push(value);
}

export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function minStr(a: string, b: string): string {
  return a < b ? a : b;
}
