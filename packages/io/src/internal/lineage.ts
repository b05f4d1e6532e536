/**
 * The lineage sheet ("Sáp nhập - Lineage", or a CSV file `lineage.csv`, `sap-nhap.csv`): the documented
 * way to bring a reform in, one row per link `old_id, new_id, part, effective[, share]` as the resolutions
 * list them. Read rows become the old units' `successors`, and their `validTo` (the day before
 * `effective`) where the units sheet gives none; export writes the rows back from the `successors`.
 *
 * Every row that cannot be applied is a problem at its cell, never dropped: an id that is no unit's, a
 * link given twice, an `effective` that disagrees with the old unit's `validTo` or with another row of
 * the same old unit.
 */
import { lineageEnd, type IsoDate, type OrgUnit, type Successor } from '@cnscd/core';
import { ioProblem, type IoProblem, type SourceLocation } from '../problems.js';

/** Where a field of a row is, by field id (`old_id`, `new_id`, `part`, `effective`, `share`). */
type CellOf = (field: string) => SourceLocation;

interface Row {
  readonly old: string;
  readonly next: string;
  readonly part: 'full' | 'partial';
  readonly effective: IsoDate;
  readonly share: number | undefined;
  readonly at: CellOf;
}

/** Lineage rows read from a sheet, applied to the units once every sheet is read. */
export class LineageRows {
  private readonly rows: Row[] = [];
  /** Per unit position: the cell of each successor (`…/successors/<k>`), and of the effective date that set `validTo`. */
  private readonly successorCells = new Map<number, CellOf[]>();
  private readonly validToCells = new Map<number, SourceLocation>();

  /** One row, its cells already converted (required fields present). */
  add(rec: Readonly<Record<string, unknown>>, at: CellOf): void {
    this.rows.push({
      old: rec['old_id'] as string,
      next: rec['new_id'] as string,
      part: rec['part'] as 'full' | 'partial',
      effective: rec['effective'] as IsoDate,
      share: rec['share'] as number | undefined,
      at,
    });
  }

  /** Set the units' `successors` and missing `validTo`s (in place: `units[i]` replaced); problems appended. */
  apply(units: OrgUnit[], problems: IoProblem[]): void {
    if (this.rows.length === 0) return;
    const position = new Map<string, number>();
    units.forEach((u, i) => {
      if (!position.has(u.id)) position.set(u.id, i);
    });
    const links = new Map<number, { successors: Successor[]; rows: Row[]; effective: IsoDate; rowOfEffective: Row }>();
    const problem = (at: SourceLocation, vi: string, en: string, field: string): void => {
      problems.push(ioProblem('INVALID_CELL', at, { vi, en }, { params: { field } }));
    };
    for (const r of this.rows) {
      const o = position.get(r.old);
      const n = position.get(r.next);
      if (o === undefined) problem(r.at('old_id'), `không có đơn vị nào mã "${r.old}" ở trang Đơn vị hành chính`, `no unit has the id "${r.old}" in the org units sheet`, 'old_id');
      if (n === undefined) problem(r.at('new_id'), `không có đơn vị nào mã "${r.next}" ở trang Đơn vị hành chính`, `no unit has the id "${r.next}" in the org units sheet`, 'new_id');
      if (o === undefined || n === undefined) continue;
      if (r.old === r.next) continue; // the unit continues as it was: nothing to record
      let l = links.get(o);
      if (l !== undefined && l.effective !== r.effective) {
        problem(
          r.at('effective'),
          `ngày hiệu lực ${r.effective} khác ngày ${l.effective} ở dòng ${l.rowOfEffective.at('effective').row ?? '?'} của cùng đơn vị cũ "${r.old}"`,
          `effective ${r.effective} differs from ${l.effective} on row ${l.rowOfEffective.at('effective').row ?? '?'} for the same old unit "${r.old}"`,
          'effective',
        );
        continue;
      }
      const end = lineageEnd(r.effective);
      const own = units[o]!.validTo;
      if (l === undefined && own !== undefined && own !== end) {
        problem(
          r.at('effective'),
          `đơn vị "${r.old}" có ngày kết thúc (validTo) ${own}, nên ngày hiệu lực phải là ngày hôm sau, không phải ${r.effective}`,
          `unit "${r.old}" ends (validTo) on ${own}, so the effective date must be the day after, not ${r.effective}`,
          'effective',
        );
        continue;
      }
      const before = l?.rows.find((x) => x.next === r.next);
      if (before !== undefined) {
        problem(
          r.at('new_id'),
          `liên kết "${r.old}" → "${r.next}" đã có ở dòng ${before.at('new_id').row ?? '?'}`,
          `the link "${r.old}" → "${r.next}" is already on row ${before.at('new_id').row ?? '?'}`,
          'new_id',
        );
        continue;
      }
      if (l === undefined) links.set(o, (l = { successors: [], rows: [], effective: r.effective, rowOfEffective: r }));
      l.successors.push({ id: r.next, part: r.part, ...(r.share === undefined ? {} : { share: r.share }) });
      l.rows.push(r);
    }
    for (const [o, l] of links) {
      const u = units[o]!;
      units[o] = { ...u, successors: l.successors, ...(u.validTo === undefined ? { validTo: lineageEnd(l.effective) } : {}) };
      this.successorCells.set(o, l.rows.map((r) => r.at));
      if (u.validTo === undefined) this.validToCells.set(o, l.rowOfEffective.at('effective'));
    }
  }

  /**
   * The cell behind a pointer into a unit the rows changed: `successors/<k>[/id|part|share]` → the row's
   * cell (`id` is `new_id`), `validTo` set from a row → its `effective`. Undefined for anything else.
   */
  locate(unit: number, rest: readonly string[]): SourceLocation | undefined {
    if (rest[0] === 'validTo') return this.validToCells.get(unit);
    if (rest[0] !== 'successors') return undefined;
    const cells = this.successorCells.get(unit);
    if (cells === undefined) return undefined;
    const k = rest[1] !== undefined && /^\d+$/.test(rest[1]) ? Number(rest[1]) : 0;
    const at = cells[k];
    if (at === undefined) return undefined;
    const field = rest[2] === 'id' ? 'new_id' : rest[2] === 'part' || rest[2] === 'share' ? rest[2] : 'old_id';
    return at(field);
  }
}
