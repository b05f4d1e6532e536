/**
 * The 2025 reform's sheets (issue 18). The lineage sheet ("Sáp nhập - Lineage", or a CSV file
 * `lineage.csv`, `sap-nhap.csv`): the documented way to bring a reform in, one row per link
 * `old_id, new_id, part, effective[, share]` as the resolutions list them. Read rows become the old units'
 * `successors`, and their `validTo` (the day before `effective`) where the units sheet gives none; export
 * writes the rows back from the `successors`. Two history sheets carry `parentHistory` ("Cấp trên trước
 * đây": orgUnitId, parentId, until) and `orgUnitHistory` ("Đơn vị trước đây của tổ": teamId, orgUnitId,
 * until), one row per entry, in order.
 *
 * Every row that cannot be applied is a problem at its cell, never dropped: an id that is no unit's (or
 * team's), a link given twice, an `effective` that disagrees with the old unit's `validTo` or with
 * another row of the same old unit. The dataset's own checks of the fields are pointed back at the rows.
 */
import { lineageEnd, type IsoDate, type OrgUnit, type ParentChange, type Successor, type UnitChange } from '@cnscd/core';
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

/** A history row: the record it belongs to, the earlier parent or unit, and its last day. */
interface HistoryRow {
  readonly owner: string;
  readonly ref: string | null;
  readonly until: IsoDate;
  readonly at: CellOf;
}

/** The tables this file reads. */
export type ReformTable = 'lineage' | 'parentHistory' | 'orgUnitHistory';

/** Lineage and history rows read from sheets, applied to the units and teams once every sheet is read. */
export class ReformRows {
  private readonly rows: Row[] = [];
  private readonly parentRows: HistoryRow[] = [];
  private readonly teamRows: HistoryRow[] = [];
  /** Per unit or team position: the cells of its history entries. */
  private readonly parentCells = new Map<number, CellOf[]>();
  private readonly teamCells = new Map<number, CellOf[]>();
  /** Per unit position: the cell of each successor (`…/successors/<k>`), and of the effective date that set `validTo`. */
  private readonly successorCells = new Map<number, CellOf[]>();
  private readonly validToCells = new Map<number, SourceLocation>();

  /** One row of a table, its cells already converted (required fields present). */
  add(table: ReformTable, rec: Readonly<Record<string, unknown>>, at: CellOf): void {
    if (table === 'parentHistory') {
      this.parentRows.push({
        owner: rec['orgUnitId'] as string,
        ref: (rec['parentId'] as string | undefined) ?? null,
        until: rec['until'] as IsoDate,
        at,
      });
      return;
    }
    if (table === 'orgUnitHistory') {
      this.teamRows.push({ owner: rec['teamId'] as string, ref: rec['orgUnitId'] as string, until: rec['until'] as IsoDate, at });
      return;
    }
    this.rows.push({
      old: rec['old_id'] as string,
      next: rec['new_id'] as string,
      part: rec['part'] as 'full' | 'partial',
      effective: rec['effective'] as IsoDate,
      share: rec['share'] as number | undefined,
      at,
    });
  }

  /**
   * Set the units' `successors`, missing `validTo`s and `parentHistory` (in place: `units[i]` replaced) and
   * the teams' `orgUnitHistory` (set on the team records); problems appended.
   */
  apply(units: OrgUnit[], teams: { orgUnitHistory?: readonly UnitChange[]; readonly id: string }[], problems: IoProblem[]): void {
    this.applyLineage(units, problems);
    const unitAt = firstPositions(units);
    const parents = this.history(this.parentRows, unitAt, 'orgUnitId', problems, this.parentCells);
    for (const [i, list] of parents) units[i] = { ...units[i]!, parentHistory: list.map((h): ParentChange => ({ parentId: h.ref, until: h.until })) };
    const teamAt = firstPositions(teams);
    const moves = this.history(this.teamRows, teamAt, 'teamId', problems, this.teamCells);
    for (const [i, list] of moves) teams[i]!.orgUnitHistory = list.map((h): UnitChange => ({ orgUnitId: h.ref!, until: h.until }));
  }

  /** History rows grouped by the position of their record, in row order; rows naming no record reported. */
  private history(
    rows: readonly HistoryRow[],
    at: ReadonlyMap<string, number>,
    field: string,
    problems: IoProblem[],
    cells: Map<number, CellOf[]>,
  ): Map<number, HistoryRow[]> {
    const out = new Map<number, HistoryRow[]>();
    for (const r of rows) {
      const i = at.get(r.owner);
      if (i === undefined) {
        const what = field === 'teamId' ? ['tổ', 'team', 'Tổ CNSCĐ', 'teams'] : ['đơn vị', 'unit', 'Đơn vị hành chính', 'org units'];
        problems.push(
          ioProblem(
            'INVALID_CELL',
            r.at(field),
            { vi: `không có ${what[0]} nào mã "${r.owner}" ở trang ${what[2]}`, en: `no ${what[1]} has the id "${r.owner}" in the ${what[3]} sheet` },
            { params: { field } },
          ),
        );
        continue;
      }
      const list = out.get(i);
      if (list === undefined) out.set(i, [r]);
      else list.push(r);
    }
    for (const [i, list] of out)
      cells.set(
        i,
        list.map((r) => r.at),
      );
    return out;
  }

  private applyLineage(units: OrgUnit[], problems: IoProblem[]): void {
    if (this.rows.length === 0) return;
    const position = firstPositions(units);
    const links = new Map<number, { successors: Successor[]; rows: Row[]; effective: IsoDate; rowOfEffective: Row }>();
    const problem = (at: SourceLocation, vi: string, en: string, field: string): void => {
      problems.push(ioProblem('INVALID_CELL', at, { vi, en }, { params: { field } }));
    };
    for (const r of this.rows) {
      const o = position.get(r.old);
      const n = position.get(r.next);
      if (o === undefined)
        problem(
          r.at('old_id'),
          `không có đơn vị nào mã "${r.old}" ở trang Đơn vị hành chính`,
          `no unit has the id "${r.old}" in the org units sheet`,
          'old_id',
        );
      if (n === undefined)
        problem(
          r.at('new_id'),
          `không có đơn vị nào mã "${r.next}" ở trang Đơn vị hành chính`,
          `no unit has the id "${r.next}" in the org units sheet`,
          'new_id',
        );
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
      this.successorCells.set(
        o,
        l.rows.map((r) => r.at),
      );
      if (u.validTo === undefined) this.validToCells.set(o, l.rowOfEffective.at('effective'));
    }
  }

  /**
   * The cell behind a pointer (its segments, `['orgUnits', '3', 'successors', '0', 'id']`) into a field these
   * rows set: `successors/<k>[/id|part|share]` → the lineage row's cell (`id` is `new_id`), a `validTo` set
   * from a row → its `effective`, `parentHistory/<k>/…` and `orgUnitHistory/<k>/…` → the history row's
   * cell. Undefined for anything else.
   */
  locate(seg: readonly string[]): SourceLocation | undefined {
    const i = seg[1] !== undefined && /^\d+$/.test(seg[1]) ? Number(seg[1]) : -1;
    const k = seg[3] !== undefined && /^\d+$/.test(seg[3]) ? Number(seg[3]) : 0;
    if (seg[0] === 'teams' && seg[2] === 'orgUnitHistory') return this.teamCells.get(i)?.[k]?.(seg[4] === 'until' ? 'until' : 'orgUnitId');
    if (seg[0] !== 'orgUnits') return undefined;
    if (seg[2] === 'parentHistory')
      return this.parentCells.get(i)?.[k]?.(seg[4] === 'until' ? 'until' : seg[4] === 'parentId' ? 'parentId' : 'orgUnitId');
    return this.lineageCell(i, seg.slice(2));
  }

  private lineageCell(unit: number, rest: readonly string[]): SourceLocation | undefined {
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

/** Each id's first position (later duplicates are the dataset's DUPLICATE_ID). */
function firstPositions(records: readonly { readonly id: string }[]): Map<string, number> {
  const out = new Map<string, number>();
  records.forEach((r, i) => {
    if (!out.has(r.id)) out.set(r.id, i);
  });
  return out;
}
