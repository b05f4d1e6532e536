/**
 * Lineage rows — `old_id, new_id, part, effective`, one per link, as the resolutions list a reform — made
 * into the model's `successors` and `validTo`. The documented way to bring a reform into a dataset
 * (docs/dataset.md, "The 2025 reform"): a spreadsheet's or CSV's "lineage" sheet, read row by row.
 */
import { isDate, nextDay, previousDay } from '../internal/dates.js';
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
    const end = previousDay(r.effective);
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

/**
 * The last day of a unit that ended the day before `effective`: the `validTo` a lineage row implies.
 *
 * @example
 * ```ts
 * lineageEnd('2025-07-01'); // '2025-06-30'
 * lineageEnd('2024-03-01'); // '2024-02-29'
 * ```
 */
export function lineageEnd(effective: IsoDate): IsoDate {
  return previousDay(effective);
}

/**
 * The lineage rows of a dataset's units, the inverse of {@link applyLineage}: one row per successor link,
 * in unit order then successor order, `effective` the day after the old unit's `validTo` (empty text when
 * it has no valid `validTo`, which the dataset's checks refuse as `SUCCESSOR_NOT_IN_FORCE`).
 *
 * @example
 * ```ts
 * lineageRows([{ id: 'C1', name: 'Xã cũ', level: 'commune', validTo: '2025-06-30', successors: [{ id: 'N1', part: 'full' }] }]);
 * // [{ old_id: 'C1', new_id: 'N1', part: 'full', effective: '2025-07-01' }]
 * ```
 */
export function lineageRows(orgUnits: readonly OrgUnit[]): LineageRow[] {
  const out: LineageRow[] = [];
  for (const u of orgUnits) {
    if (u.successors === undefined) continue;
    const effective = u.validTo !== undefined && isDate(u.validTo) ? nextDay(u.validTo) : '';
    for (const s of u.successors)
      out.push({ old_id: u.id, new_id: s.id, part: s.part, effective, ...(s.share === undefined ? {} : { share: s.share }) });
  }
  return out;
}
