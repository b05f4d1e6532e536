/**
 * Rows of sheets or CSV files → a dataset. Each sheet is matched to a table by its name or its header row
 * (which may sit below a title), each column to a field or a metric; every value read remembers its cell,
 * so that core's problems, which name JSON pointers, can be pointed back at the cell.
 */
import {
  BUILTIN_METRICS,
  type ActivityReport,
  type AreaIndicator,
  type Dataset,
  type LevelDefinition,
  type Member,
  type MetricDefinition,
  type OrgUnit,
  type RatioDefinition,
  type Team,
} from '@cnscd/core';
import { ioProblem, type IoProblem, type SourceLocation } from '../problems.js';
import { convertField } from './fields.js';
import { ReformRows } from './lineage.js';
import { isEmpty, toNumber, type Cell, type Converted } from './cells.js';
import {
  columnLetter,
  idInHeader,
  isPersonalHeader,
  matchField,
  normalizeHeader,
  TABLES,
  tableByName,
  type FieldDef,
  type TableDef,
  type TableId,
} from './tables.js';

/** One row of a sheet: its number as Excel shows it and its cells from column A. */
export interface RawRow {
  readonly row: number;
  readonly cells: readonly Cell[];
}

/** A sheet of a workbook or a CSV file, read row by row. */
export interface RawSheet {
  readonly file: string;
  readonly sheet?: string;
  readonly hidden?: boolean;
  readonly rows: AsyncIterable<RawRow> | Iterable<RawRow>;
}

export interface BuildOptions {
  readonly strict?: boolean;
  readonly reports?: 'objects' | 'columns';
}

/** Where a sheet's columns are: field key (`id`, `metrics/peopleGuided`) → column letter and header. */
interface SheetInfo {
  readonly file: string;
  readonly sheet?: string;
  readonly columns: Map<string, { column: string; header: string }>;
}
interface RowLoc {
  readonly info: SheetInfo;
  readonly row: number;
}

/** Where each row of a table came from, kept as two arrays (no object per row); a {@link RowLoc} on demand. */
class Locs {
  private readonly infos: SheetInfo[] = [];
  private readonly rows: number[] = [];
  push(info: SheetInfo, row: number): void {
    this.infos.push(info);
    this.rows.push(row);
  }
  get(i: number): RowLoc | undefined {
    const info = this.infos[i];
    return info === undefined ? undefined : { info, row: this.rows[i]! };
  }
}

interface Column {
  readonly index: number;
  readonly key: string;
  readonly field?: FieldDef;
  readonly metric?: string;
}

const HEADER_SEARCH_ROWS = 10;
const squash = (s: string): string => normalizeHeader(s).replace(/ /g, '');
const METRIC_BY_NAME = new Map<string, string>();
for (const m of BUILTIN_METRICS) for (const n of [m.id, m.label.vi, m.label.en]) METRIC_BY_NAME.set(squash(n), m.id);

function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return c.trim();
  if (typeof c === 'number' || typeof c === 'boolean') return String(c);
  return '';
}

/** The cell of a field in a row: file, sheet, row, and the column's letter and header when it has one. */
function cellAt(info: SheetInfo, row: number, key: string): SourceLocation {
  const c = info.columns.get(key);
  return { file: info.file, ...(info.sheet === undefined ? {} : { sheet: info.sheet }), row, ...(c ? { column: c.column, header: c.header } : {}) };
}

async function drain(rows: AsyncIterable<RawRow> | Iterable<RawRow>): Promise<void> {
  for await (const _ of rows) void _;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class DatasetBuilder {
  readonly problems: IoProblem[] = [];
  private readonly seen = new Set<TableId>();
  private info: { name?: string; windowFrom?: string; windowTo?: string } = {};
  private readonly levels: LevelDefinition[] = [];
  private readonly orgUnits: OrgUnit[] = [];
  private readonly orgUnitLocs = new Locs();
  private readonly teams: Mutable<Team>[] = [];
  private readonly teamLocs = new Locs();
  private readonly members: { teamId: string; member: Member; loc: RowLoc }[] = [];
  private readonly reports: ActivityReport[] = [];
  /** With `reports: 'columns'`, reports go straight into columns: no object per row. */
  private readonly columns = {
    teamId: [] as string[],
    month: [] as string[],
    memberId: [] as (string | null)[],
    metrics: new Map<string, (number | null)[]>(),
  };
  private readonly reportLocs = new Locs();
  private readonly indicators: AreaIndicator[] = [];
  private readonly indicatorLocs = new Locs();
  private readonly metrics: MetricDefinition[] = [];
  private readonly ratios: RatioDefinition[] = [];
  private readonly reform = new ReformRows();
  private memberLocs: RowLoc[][] = [];

  constructor(private readonly options: BuildOptions = {}) {}

  /** Read one sheet or CSV file. */
  async add(sheet: RawSheet): Promise<void> {
    const sink = this.open(sheet);
    if (sink === undefined) return drain(sheet.rows);
    for await (const row of sheet.rows) sink.push(row);
    sink.end();
  }

  /**
   * Read one sheet or CSV file row by row as a reader pushes them (`sheet.rows` is not read): undefined
   * when the sheet is to be skipped (the template's guide sheet).
   */
  open(sheet: Omit<RawSheet, 'rows'>): { push(row: RawRow): void; end(): void } | undefined {
    const name = sheet.sheet ?? sheet.file.replace(/^.*[\\/]/, '');
    // The guide sheet of a template is for people.
    if (/^(huong ?dan|guide)\b/.test(normalizeHeader(name))) return undefined;
    const named = tableByName(name);
    const head: RawRow[] = [];
    let header: { table: TableDef; row: RawRow } | undefined;
    const here: SourceLocation = sheet.sheet === undefined ? { file: sheet.file } : { file: sheet.file, sheet: sheet.sheet };
    let columns: Column[] | undefined;
    let info: SheetInfo | undefined;
    let gaveUp = false;
    return {
      push: (row: RawRow): void => {
        if (gaveUp) return; // drain: a streamed workbook moves to its next sheet only at the end of this one
        if (columns === undefined) {
          if (row.cells.every(isEmpty)) return;
          head.push(row);
          header = this.findHeader(named, row);
          if (header === undefined) {
            if (head.length >= HEADER_SEARCH_ROWS) gaveUp = true;
            return;
          }
          if (sheet.hidden) {
            this.problems.push(
              ioProblem('HIDDEN_SHEET', here, { vi: 'trang đang bị ẩn nhưng vẫn được đọc', en: 'the sheet is hidden but was read' }),
            );
          }
          this.seen.add(header.table.id);
          const mapped = this.mapColumns(header.table, row, here);
          columns = mapped;
          const map = new Map<string, { column: string; header: string }>();
          for (const c of mapped) map.set(c.key, { column: columnLetter(c.index), header: cellText(row.cells[c.index]) });
          info = { ...here, columns: map };
          return;
        }
        if (row.cells.every(isEmpty)) return;
        this.addRow(header!.table, columns, row, info!);
      },
      end: (): void => {
        if (columns === undefined) this.notRecognised(named, head, here);
      },
    };
  }

  private findHeader(named: TableDef | undefined, row: RawRow): { table: TableDef; row: RawRow } | undefined {
    const texts = row.cells.map(cellText);
    const fits = (t: TableDef): boolean => {
      const found = new Set(texts.filter((x) => x !== '').map((x) => matchField(t, x)?.id));
      found.delete(undefined);
      return found.size > 0 && t.fields.filter((x) => x.required).every((x) => found.has(x.id));
    };
    if (named) return fits(named) ? { table: named, row } : undefined;
    // Unnamed: the table whose required fields are all there, the one with most of its fields on a tie.
    let best: { table: TableDef; score: number } | undefined;
    for (const t of TABLES) {
      if (!fits(t)) continue;
      const score = texts.filter((x) => x !== '' && matchField(t, x) !== undefined).length;
      if (best === undefined || score > best.score) best = { table: t, score };
    }
    return best === undefined ? undefined : { table: best.table, row };
  }

  private notRecognised(named: TableDef | undefined, head: RawRow[], here: SourceLocation): void {
    if (head.length === 0) return; // an empty sheet
    if (named) {
      const texts = head.map((r) => r.cells.map(cellText));
      // The row most like a header: the one naming most fields.
      let bestRow = 0;
      let bestCount = -1;
      texts.forEach((t, i) => {
        const c = t.filter((x) => x !== '' && matchField(named, x) !== undefined).length;
        if (c > bestCount) [bestRow, bestCount] = [i, c];
      });
      const found = new Set(texts[bestRow]!.filter((x) => x !== '').map((x) => matchField(named, x)?.id));
      for (const fd of named.fields.filter((x) => x.required && !found.has(x.id))) {
        this.problems.push(
          ioProblem(
            'MISSING_COLUMN',
            { ...here, row: head[bestRow]!.row },
            {
              vi: `thiếu cột "${fd.vi}" (${fd.id}) trong dòng tiêu đề`,
              en: `the header row lacks the column "${fd.en}" (${fd.id})`,
            },
            { params: { field: fd.id, table: named.id } },
          ),
        );
      }
      return;
    }
    this.problems.push(
      ioProblem('TABLE_NOT_RECOGNISED', here, {
        vi: 'không nhận ra bảng (tên trang/tệp hoặc dòng tiêu đề); đã bỏ qua',
        en: 'not recognised as a table of the dataset (by its name or header row); skipped',
      }),
    );
  }

  private mapColumns(table: TableDef, row: RawRow, here: SourceLocation): Column[] {
    const out: Column[] = [];
    const taken = new Map<string, string>();
    row.cells.forEach((c, index) => {
      const header = cellText(c);
      if (header === '') return;
      const at: SourceLocation = { ...here, row: row.row, column: columnLetter(index), header };
      const field = matchField(table, header);
      let key: string | undefined;
      let metric: string | undefined;
      if (field) key = field.id;
      else if (isPersonalHeader(header)) {
        this.problems.push(
          ioProblem(
            'PERSONAL_DATA_COLUMN',
            at,
            {
              vi: 'cột chứa dữ liệu cá nhân, không được đọc (chỉ dùng mã định danh ẩn danh)',
              en: 'the column holds personal data and was not read (use opaque ids only)',
            },
            { severity: this.options.strict ? 'error' : 'warning' },
          ),
        );
        return;
      } else if (table.metricColumns) {
        metric = idInHeader(header) ?? METRIC_BY_NAME.get(squash(header)) ?? (/^[A-Za-z][A-Za-z0-9_]*$/.test(header) ? header : undefined);
        if (metric !== undefined) key = `metrics/${metric}`;
      }
      if (key === undefined) {
        this.problems.push(
          ioProblem('UNKNOWN_COLUMN', at, {
            vi: 'cột không ứng với trường hay chỉ số nào; đã bỏ qua',
            en: 'the column names no field or metric; skipped',
          }),
        );
        return;
      }
      const before = taken.get(key);
      if (before !== undefined) {
        this.problems.push(
          ioProblem(
            'DUPLICATE_COLUMN',
            at,
            { vi: `cột trùng với cột ${before}`, en: `the column repeats column ${before}` },
            { params: { field: key } },
          ),
        );
        return;
      }
      taken.set(key, columnLetter(index));
      out.push(field ? { index, key, field } : { index, key, metric: metric! });
    });
    return out;
  }

  private addRow(table: TableDef, columns: readonly Column[], row: RawRow, info: SheetInfo): void {
    const rec: Record<string, unknown> = {};
    const metrics: Record<string, number> = {};
    let ok = true;
    for (const col of columns) {
      const cell = row.cells[col.index] ?? null;
      if (isEmpty(cell)) continue;
      const r: Converted<unknown> = col.metric !== undefined ? toNumber(cell) : convertField(col.field!, cell);
      if (r.ok) {
        if (col.metric !== undefined) metrics[col.metric] = r.value as number;
        else rec[col.key] = r.value;
        continue;
      }
      ok = false;
      this.problems.push(ioProblem(r.code, cellAt(info, row.row, col.key), r.message, { params: { field: col.key } }));
    }
    if (ok) {
      for (const fd of table.fields) {
        if (fd.required && rec[fd.id] === undefined) {
          ok = false;
          this.problems.push(
            ioProblem(
              'INVALID_CELL',
              cellAt(info, row.row, fd.id),
              { vi: 'ô bắt buộc đang trống', en: 'a required cell is empty' },
              { params: { field: fd.id } },
            ),
          );
          break;
        }
      }
    }
    if (!ok) return;
    this.store(table.id, rec, metrics, info, row.row);
  }

  private store(table: TableId, rec: Record<string, unknown>, metrics: Record<string, number>, info: SheetInfo, row: number): void {
    const s = (k: string): string | undefined => rec[k] as string | undefined;
    switch (table) {
      case 'info':
        this.info = {
          ...(s('name') === undefined ? {} : { name: s('name')! }),
          ...(s('windowFrom') === undefined ? {} : { windowFrom: s('windowFrom')! }),
          ...(s('windowTo') === undefined ? {} : { windowTo: s('windowTo')! }),
        };
        return;
      case 'levels': {
        const vi = s('labelVi');
        const en = s('labelEn');
        this.levels.push(vi !== undefined || en !== undefined ? { id: s('id')!, label: { vi: vi ?? en!, en: en ?? vi! } } : { id: s('id')! });
        return;
      }
      case 'orgUnits':
        this.orgUnits.push(rec as unknown as OrgUnit);
        this.orgUnitLocs.push(info, row);
        return;
      case 'lineage':
      case 'parentHistory':
      case 'orgUnitHistory':
        this.reform.add(table, rec, (key) => cellAt(info, row, key));
        return;
      case 'teams':
        this.teams.push(rec as unknown as Mutable<Team>);
        this.teamLocs.push(info, row);
        return;
      case 'members': {
        const { teamId, ...m } = rec;
        if (m['affiliations'] === undefined) m['affiliations'] = [];
        this.members.push({ teamId: teamId as string, member: m as unknown as Member, loc: { info, row } });
        return;
      }
      case 'reports':
        if (this.options.reports === 'columns') this.addReportColumns(rec, metrics);
        else this.reports.push({ ...(rec as { teamId: string; month: string }), metrics });
        this.reportLocs.push(info, row);
        return;
      case 'indicators':
        this.indicators.push({ ...(rec as { orgUnitId: string; period: string }), metrics });
        this.indicatorLocs.push(info, row);
        return;
      case 'metrics': {
        const { labelVi, labelEn, ...m } = rec;
        this.metrics.push({ ...m, label: { vi: labelVi as string, en: labelEn as string } } as MetricDefinition);
        return;
      }
      case 'ratios': {
        const { labelVi, labelEn, ...r } = rec;
        this.ratios.push({ ...r, label: { vi: labelVi as string, en: labelEn as string } } as RatioDefinition);
      }
    }
  }

  private addReportColumns(rec: Record<string, unknown>, metrics: Record<string, number>): void {
    const c = this.columns;
    const i = c.teamId.length;
    c.teamId.push(rec['teamId'] as string);
    c.month.push(rec['month'] as string);
    c.memberId.push((rec['memberId'] as string | undefined) ?? null);
    for (const id in metrics) {
      let column = c.metrics.get(id);
      if (column === undefined) {
        column = new Array<number | null>(i).fill(null);
        c.metrics.set(id, column);
      }
      column.push(metrics[id]!);
    }
    for (const column of c.metrics.values()) if (column.length === i) column.push(null);
  }

  /** The report columns, as core's `toReportColumns` would give them from the same rows. */
  private reportColumns(): Dataset['reportColumns'] {
    const c = this.columns;
    // Metrics in the order they first hold a value, as toReportColumns orders them; none only empty.
    const first = (col: readonly (number | null)[]): number => col.findIndex((v) => v !== null);
    const ids = [...c.metrics.keys()].filter((id) => first(c.metrics.get(id)!) !== -1);
    const order = new Map(ids.map((id) => [id, first(c.metrics.get(id)!)]));
    ids.sort((a, b) => order.get(a)! - order.get(b)!);
    const metrics: Record<string, (number | null)[]> = {};
    for (const id of ids) metrics[id] = c.metrics.get(id)!;
    const members = c.memberId.some((m) => m !== null);
    return { teamId: c.teamId, month: c.month, ...(members ? { memberId: c.memberId } : {}), metrics };
  }

  /** The dataset read so far, members placed under their teams. */
  finish(): Dataset {
    const teamIndex = new Map<string, number>();
    this.teams.forEach((t, i) => {
      if (!teamIndex.has(t.id)) teamIndex.set(t.id, i);
      t.members = [];
    });
    this.memberLocs = this.teams.map(() => []);
    for (const { teamId, member, loc } of this.members) {
      const i = teamIndex.get(teamId);
      if (i === undefined) {
        const c = loc.info.columns.get('teamId');
        this.problems.push(
          ioProblem(
            'INVALID_CELL',
            {
              file: loc.info.file,
              ...(loc.info.sheet === undefined ? {} : { sheet: loc.info.sheet }),
              row: loc.row,
              ...(c ? { column: c.column, header: c.header } : {}),
            },
            {
              vi: 'mã tổ không có trong danh sách tổ',
              en: 'no team has this id in the list of teams',
            },
            { params: { field: 'teamId' } },
          ),
        );
        continue;
      }
      (this.teams[i]!.members as Member[]).push(member);
      this.memberLocs[i]!.push(loc);
    }
    this.reform.apply(this.orgUnits, this.teams, this.problems);
    const d: Record<string, unknown> = {};
    if (this.info.name !== undefined) d['name'] = this.info.name;
    if (this.info.windowFrom !== undefined && this.info.windowTo !== undefined) d['window'] = { from: this.info.windowFrom, to: this.info.windowTo };
    if (this.seen.has('levels')) d['levels'] = this.levels;
    d['orgUnits'] = this.orgUnits;
    d['teams'] = this.teams;
    if (this.seen.has('reports')) {
      if (this.options.reports === 'columns') d['reportColumns'] = this.reportColumns();
      else d['reports'] = this.reports;
    }
    if (this.seen.has('indicators')) d['indicators'] = this.indicators;
    if (this.seen.has('metrics')) d['metrics'] = this.metrics;
    if (this.seen.has('ratios')) d['ratios'] = this.ratios;
    return d as unknown as Dataset;
  }

  /** The cell a JSON pointer into the finished dataset names (objects or columns form). */
  locate(pointer: string): SourceLocation | undefined {
    const seg = pointer.split('/').slice(1);
    const fromReform = this.reform.locate(seg);
    if (fromReform !== undefined) return fromReform;
    let loc: RowLoc | undefined;
    let key: string | undefined;
    const n = (s: string | undefined): number => (s !== undefined && /^\d+$/.test(s) ? Number(s) : -1);
    switch (seg[0]) {
      case 'orgUnits':
        loc = this.orgUnitLocs.get(n(seg[1]));
        key = seg[2];
        break;
      case 'teams':
        if (seg[2] === 'members' && seg[3] !== undefined) {
          loc = this.memberLocs[n(seg[1])]?.[n(seg[3])];
          key = seg[4];
        } else {
          loc = this.teamLocs.get(n(seg[1]));
          key = seg[2];
        }
        break;
      case 'reports':
      case 'indicators':
        loc = (seg[0] === 'reports' ? this.reportLocs : this.indicatorLocs).get(n(seg[1]));
        key = seg[2] === 'metrics' && seg[3] !== undefined ? `metrics/${seg[3]}` : seg[2];
        break;
      case 'reportColumns':
        if (seg[1] === 'metrics') {
          loc = this.reportLocs.get(n(seg[3]));
          key = seg[2] === undefined ? undefined : `metrics/${seg[2]}`;
        } else {
          loc = this.reportLocs.get(n(seg[2]));
          key = seg[1];
        }
        break;
      default:
        return undefined;
    }
    if (loc === undefined) return undefined;
    const c = key === undefined ? undefined : loc.info.columns.get(key.replace(/~1/g, '/').replace(/~0/g, '~'));
    return {
      file: loc.info.file,
      ...(loc.info.sheet === undefined ? {} : { sheet: loc.info.sheet }),
      row: loc.row,
      ...(c ? { column: c.column, header: c.header } : {}),
    };
  }
}
