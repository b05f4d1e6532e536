/**
 * Lineage rows — `old_id, new_id, part, effective`, one per link, as the resolutions list a reform — made
 * into the model's `successors` and `validTo`. The documented way to bring a reform into a dataset
 * (docs/dataset.md, "The 2025 reform"): a spreadsheet's or CSV's "lineage" sheet, read row by row.
 */
import type { IsoDate, OrgUnit, Successor } from '../model/types.js';

/** One link of a reform: part (`partial`) or all (`full`) of `old_id` went into `new_id` on `effective`. */
export interface LineageRow {
  readonly old_id: string;
  readonly new_id: string;
  readonly part: 'full' | 'partial';
  /** The first day of the new unit (the old one's `validTo` is the day before). */
  readonly effective: IsoDate;
  /** Optional fraction of the old unit's area indicators that went into the new one. */
  readonly share?: number;
}

/** The day before a real calendar date. */
function dayBefore(date: IsoDate): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (d > 1) return `${date.slice(0, 8)}${String(d - 1).padStart(2, '0')}`;
  if (m > 1) {
    const last = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 2]!;
    return `${date.slice(0, 5)}${String(m - 1).padStart(2, '0')}-${last}`;
  }
  return `${String(y - 1).padStart(4, '0')}-12-31`;
}

/**
 * The units with each old unit's `successors` (in row order, one per new id) and, when it has none,
 * `validTo` set to the day before the earliest `effective` of its rows; new units without `validFrom` get
 * the latest `effective` of the rows naming them. Units not named keep their records (the same objects).
 * A row whose old and new ids are the same says the unit continues, and changes nothing. Rows naming
 * unknown ids are returned in `unknown` (by index), never dropped silently.
 *
 * @example
 * ```ts
 * const { orgUnits } = applyLineage(units, [
 *   { old_id: 'C1', new_id: 'N1', part: 'full', effective: '2025-07-01' },
 *   { old_id: 'C2', new_id: 'N1', part: 'partial', effective: '2025-07-01' },
 *   { old_id: 'C2', new_id: 'N2', part: 'partial', effective: '2025-07-01' },
 * ]);
 * // C1: validTo 2025-06-30, successors [{ id: 'N1', part: 'full' }]; C2: two partial successors
 * ```
 */
export function applyLineage(orgUnits: readonly OrgUnit[], rows: readonly LineageRow[]): { orgUnits: OrgUnit[]; unknown: number[] } {
  const ids = new Set(orgUnits.map((u) => u.id));
  const successors = new Map<string, Successor[]>();
  const ends = new Map<string, IsoDate>();
  const starts = new Map<string, IsoDate>();
  const unknown: number[] = [];
  rows.forEach((r, i) => {
    if (r.old_id === r.new_id && ids.has(r.old_id)) return; // the unit continues as it was
    if (!ids.has(r.old_id) || !ids.has(r.new_id)) {
      unknown.push(i);
      return;
    }
    let list = successors.get(r.old_id);
    if (list === undefined) successors.set(r.old_id, (list = []));
    if (!list.some((s) => s.id === r.new_id)) list.push({ id: r.new_id, part: r.part, ...(r.share === undefined ? {} : { share: r.share }) });
    const end = dayBefore(r.effective);
    const e = ends.get(r.old_id);
    if (e === undefined || end < e) ends.set(r.old_id, end);
    const s = starts.get(r.new_id);
    if (s === undefined || r.effective > s) starts.set(r.new_id, r.effective);
  });
  const out = orgUnits.map((u) => {
    const list = successors.get(u.id);
    const from = starts.get(u.id);
    if (list === undefined && from === undefined) return u;
    return {
      ...u,
      ...(list === undefined ? {} : { successors: list, validTo: u.validTo ?? ends.get(u.id)! }),
      ...(from === undefined || u.validFrom !== undefined ? {} : { validFrom: from }),
    };
  });
  return { orgUnits: out, unknown };
}
