/**
 * Workbooks out: a template to fill for a preset, and a dataset exported so that importing it gives the
 * same dataset back. Headers are Vietnamese (or English) with the field id beside them, `Mã tổ (teamId)`;
 * coded columns get dropdowns; header rows are frozen.
 */
import ExcelJS from 'exceljs';
import { BUILTIN_METRICS, fromReportColumns, lineageRows, type Dataset, type MetricDefinition } from '@cnscd/core';
import { AFFILIATION_CODES, DEFAULT_LEVEL_TEXT, headerText, ROLE_CODES, TABLE, type FieldDef, type TableDef, type TableId } from './tables.js';

export type Lang = 'vi' | 'en';

const METRIC = new Map<string, MetricDefinition>(BUILTIN_METRICS.map((m) => [m.id, m]));

function metricHeader(id: string, lang: Lang, declared: readonly MetricDefinition[] = []): string {
  const m = declared.find((x) => x.id === id) ?? METRIC.get(id);
  return m === undefined ? id : headerText(m.label.vi, m.label.en, id, lang);
}

function sheetName(t: TableDef, lang: Lang): string {
  return lang === 'vi' ? t.vi : t.en;
}

const MAX_ROWS_VALIDATED = 5000;

/** `guide`: a line written above the header row (the import looks for the header in the first rows). */
function addTable(
  wb: ExcelJS.Workbook,
  table: TableId,
  lang: Lang,
  metricIds: readonly string[],
  declared: readonly MetricDefinition[],
  levels: readonly string[],
  guide?: string,
): ExcelJS.Worksheet {
  const t = TABLE[table];
  const top = guide === undefined ? 1 : 2;
  const ws = wb.addWorksheet(sheetName(t, lang), { views: [{ state: 'frozen', ySplit: top }] });
  const columns = [
    ...t.fields.map((fd) => ({ header: headerText(fd.vi, fd.en, fd.id, lang), key: fd.id, width: widthOf(fd) })),
    ...metricIds.map((m) => ({ header: metricHeader(m, lang, declared), key: `m:${m}`, width: 18 })),
  ];
  ws.columns = columns;
  if (guide !== undefined) {
    ws.spliceRows(1, 0, [guide]);
    ws.getRow(1).font = { italic: true };
  }
  ws.getRow(top).font = { bold: true };
  ws.getRow(top).alignment = { wrapText: true, vertical: 'top' };
  // Dropdowns over the first rows: levels, roles, months. Affiliations take several codes, so a list is
  // only a hint there (Excel's lists allow one value per cell).
  t.fields.forEach((fd, i) => {
    const list =
      fd.kind === 'level'
        ? levels
        : fd.kind === 'role'
          ? ROLE_CODES
          : fd.kind === 'bool'
            ? ['true', 'false']
            : fd.kind === 'enum'
              ? fd.values
              : undefined;
    const col = ws.getColumn(i + 1);
    if (fd.kind === 'id' || fd.kind === 'text' || fd.kind === 'list' || fd.kind === 'affiliations' || fd.kind === 'period') col.numFmt = '@';
    if (fd.kind === 'month') col.numFmt = '@';
    const letter = col.letter;
    const range = `${letter}${top + 1}:${letter}${MAX_ROWS_VALIDATED}`;
    const dv = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    if (list !== undefined) {
      dv.add(range, { type: 'list', allowBlank: !fd.required, formulae: [`"${list.join(',')}"`], showErrorMessage: true });
    } else if (fd.kind === 'month') {
      dv.add(range, {
        type: 'custom',
        allowBlank: !fd.required,
        showErrorMessage: true,
        formulae: [`OR(AND(LEN(${letter}2)=7,MID(${letter}2,5,1)="-"),AND(LEN(${letter}2)=7,MID(${letter}2,3,1)="/"))`],
        errorTitle: lang === 'vi' ? 'Tháng' : 'Month',
        error:
          lang === 'vi' ? 'Nhập tháng dạng yyyy-mm (2025-03) hoặc mm/yyyy (03/2025)' : 'Type the month as yyyy-mm (2025-03) or mm/yyyy (03/2025)',
      });
    } else if (fd.kind === 'date') {
      col.numFmt = 'dd/mm/yyyy';
    }
  });
  return ws;
}

function widthOf(fd: FieldDef): number {
  return fd.kind === 'date' ? 14 : fd.kind === 'affiliations' || fd.kind === 'text' ? 28 : 18;
}

const GUIDE: Record<Lang, string[]> = {
  vi: [
    'Hướng dẫn điền bảng tính cnscd',
    'Mỗi trang là một bảng; dòng 1 là tiêu đề: tên cột tiếng Việt, mã trường trong ngoặc. Không đổi tên trang hay tiêu đề.',
    'Đơn vị hành chính: mã, tên, cấp, mã đơn vị cấp trên, ngày hiệu lực (dd/mm/yyyy).',
    'Tổ CNSCĐ: mỗi tổ một dòng; "Mã đơn vị phục vụ" là mã ở trang Đơn vị hành chính.',
    'Thành viên: chỉ ghi MÃ thành viên (ẩn danh). KHÔNG ghi họ tên, số điện thoại, CCCD/CMND, ngày sinh, địa chỉ, email: các cột đó sẽ bị bỏ qua.',
    `Thành phần: một hay nhiều mã, cách nhau bằng dấu chấm phẩy: ${AFFILIATION_CODES.join('; ')}.`,
    'Báo cáo tháng: mỗi tổ mỗi tháng một dòng (hoặc mỗi thành viên mỗi tháng, ghi thêm Mã thành viên). Tháng dạng yyyy-mm (2025-03) hoặc 03/2025.',
    'Số liệu: nhập dạng số, không dùng dấu phân cách hàng nghìn ("1.234" bị từ chối vì có thể hiểu hai cách). Ô trống là "không có số liệu", 0 là số 0.',
    'Công thức được đọc theo giá trị Excel đã lưu, không bao giờ được tính lại.',
    'Sáp nhập - Lineage (không bắt buộc): mỗi liên kết từ đơn vị cũ sang đơn vị mới một dòng, như nghị quyết sắp xếp liệt kê; xem dòng hướng dẫn ở đầu trang.',
    'Sau khi điền: cnscd import tep.xlsx -o dataset.json, rồi cnscd evaluate --preset <mã> --data dataset.json.',
  ],
  en: [
    'How to fill in this cnscd workbook',
    'Each sheet is one table; row 1 is the header: the column name, the field id in brackets. Do not rename sheets or headers.',
    'Org units: id, name, level, parent unit id, validity dates (dd/mm/yyyy).',
    'Teams: one row per team; "Unit served" is an id from the Org units sheet.',
    'Members: member IDS only (opaque). Do NOT enter names, phone numbers, ID numbers, birth dates, addresses or emails: such columns are skipped.',
    `Affiliations: one or more codes separated by semicolons: ${AFFILIATION_CODES.join('; ')}.`,
    'Monthly reports: one row per team and month (or per member and month, with the member id). Months as yyyy-mm (2025-03) or 03/2025.',
    'Figures: type numbers without thousands separators ("1.234" is refused as it reads two ways). An empty cell is "no value"; 0 is zero.',
    'Formulas are read as the values Excel saved, never evaluated.',
    'Lineage (optional): one row per link from an old unit to a new one, as the reorganisation resolutions list them; see the guide line at the top of the sheet.',
    'When filled: cnscd import file.xlsx -o dataset.json, then cnscd evaluate --preset <id> --data dataset.json.',
  ],
};

/** The guide line above the lineage sheet's header. */
const LINEAGE_GUIDE: Record<Lang, string> = {
  vi:
    'Mỗi dòng một liên kết từ đơn vị cũ sang đơn vị mới, như nghị quyết sắp xếp liệt kê. full: toàn bộ đơn vị cũ nhập vào đơn vị mới; partial: một phần. ' +
    'Ngày hiệu lực: ngày đầu tiên của đơn vị mới (01/07/2025); đơn vị cũ kết thúc ngày hôm trước. Tỷ lệ (không bắt buộc): phần dân số, số hộ của đơn vị cũ chuyển sang (0,6).',
  en:
    'One row per link from an old unit to a new one, as the reorganisation resolutions list them. full: the whole old unit went into the new one; partial: part of it. ' +
    'Effective: the first day of the new unit (01/07/2025); the old unit ends the day before. Share (optional): the fraction of its population and households that went there (0.6).',
};

function addGuide(wb: ExcelJS.Workbook, lang: Lang, extra: readonly string[]): void {
  const ws = wb.addWorksheet('Hướng dẫn - Guide');
  ws.getColumn(1).width = 120;
  [...GUIDE[lang], ...extra].forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
}

/** What a template is made for: the metrics the criteria set reads, and a title. */
export interface TemplateOptions {
  readonly lang?: Lang;
  /** Activity metrics (one column each in the monthly reports). */
  readonly activityMetrics: readonly string[];
  /** Area metrics (one column each in the area indicators). */
  readonly areaMetrics: readonly string[];
  /** A line naming the criteria set, written on the guide sheet. */
  readonly title?: string;
  /** Level ids for the dropdowns; default: province, district, commune, village. */
  readonly levels?: readonly string[];
}

export async function templateWorkbook(options: TemplateOptions): Promise<Buffer> {
  const lang = options.lang ?? 'vi';
  const levels = options.levels ?? Object.keys(DEFAULT_LEVEL_TEXT);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cnscd';
  addGuide(wb, lang, options.title === undefined ? [] : [options.title]);
  addTable(wb, 'orgUnits', lang, [], [], levels);
  addTable(wb, 'lineage', lang, [], [], levels, LINEAGE_GUIDE[lang]);
  addTable(wb, 'teams', lang, [], [], levels);
  addTable(wb, 'members', lang, [], [], levels);
  addTable(wb, 'reports', lang, options.activityMetrics, [], levels);
  addTable(wb, 'indicators', lang, options.areaMetrics, [], levels);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const metricKeys = (rows: readonly { metrics: Readonly<Record<string, number>> }[]): string[] => {
  const s = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.metrics)) s.add(k);
  return [...s];
};

const text = (v: string | undefined): string | null => (v === undefined ? null : v);

/**
 * A dataset as a workbook. Ids, codes and periods are written as text, figures as numbers, dates and
 * months as `yyyy-mm-dd` / `yyyy-mm` text (never as serials a locale could show differently).
 * `reportColumns` are written as rows of the monthly reports, after `reports`.
 */
export async function exportWorkbook(dataset: Dataset, options: { lang?: Lang } = {}): Promise<Buffer> {
  const lang = options.lang ?? 'vi';
  const levels = (dataset.levels ?? []).map((l) => l.id);
  const levelList = levels.length > 0 ? levels : Object.keys(DEFAULT_LEVEL_TEXT);
  const declared = dataset.metrics ?? [];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cnscd';
  addGuide(wb, lang, []);
  const put = (ws: ExcelJS.Worksheet, values: readonly (string | number | boolean | null)[]): void => {
    ws.addRow([...values]);
  };
  if (dataset.name !== undefined || dataset.window !== undefined) {
    const ws = addTable(wb, 'info', lang, [], declared, levelList);
    put(ws, [text(dataset.name), text(dataset.window?.from), text(dataset.window?.to)]);
  }
  if (dataset.levels !== undefined) {
    const ws = addTable(wb, 'levels', lang, [], declared, levelList);
    for (const l of dataset.levels) put(ws, [l.id, text(l.label?.vi), text(l.label?.en)]);
  }
  const units = addTable(wb, 'orgUnits', lang, [], declared, levelList);
  for (const u of dataset.orgUnits) put(units, [u.id, u.name, u.level, u.parentId ?? null, text(u.validFrom), text(u.validTo)]);
  const links = lineageRows(dataset.orgUnits);
  if (links.length > 0) {
    const ws = addTable(wb, 'lineage', lang, [], declared, levelList, LINEAGE_GUIDE[lang]);
    for (const r of links) put(ws, [r.old_id, r.new_id, r.part, r.effective === '' ? null : r.effective, r.share ?? null]);
  }
  if (dataset.orgUnits.some((u) => u.parentHistory !== undefined)) {
    const ws = addTable(wb, 'parentHistory', lang, [], declared, levelList);
    for (const u of dataset.orgUnits) for (const h of u.parentHistory ?? []) put(ws, [u.id, h.parentId, h.until]);
  }
  const teams = addTable(wb, 'teams', lang, [], declared, levelList);
  for (const t of dataset.teams) put(teams, [t.id, t.orgUnitId, t.level, t.establishedOn, text(t.disbandedOn), t.onlineGroup ?? null]);
  if (dataset.teams.some((t) => t.orgUnitHistory !== undefined)) {
    const ws = addTable(wb, 'orgUnitHistory', lang, [], declared, levelList);
    for (const t of dataset.teams) for (const h of t.orgUnitHistory ?? []) put(ws, [t.id, h.orgUnitId, h.until]);
  }
  const members = addTable(wb, 'members', lang, [], declared, levelList);
  for (const t of dataset.teams) {
    for (const m of t.members ?? []) {
      put(members, [
        t.id,
        m.id,
        m.role,
        (m.affiliations ?? []).join(';'),
        m.birthYear ?? null,
        m.trainings === undefined ? null : m.trainings.join(';'),
        text(m.joinedOn),
        text(m.leftOn),
      ]);
    }
  }
  if (dataset.reports !== undefined || dataset.reportColumns !== undefined) {
    const all = [...(dataset.reports ?? []), ...(dataset.reportColumns ? fromReportColumns(dataset.reportColumns) : [])];
    const keys = metricKeys(all);
    const ws = addTable(wb, 'reports', lang, keys, declared, levelList);
    for (const r of all) put(ws, [r.teamId, r.memberId ?? null, r.month, ...keys.map((k) => r.metrics[k] ?? null)]);
  }
  if (dataset.indicators !== undefined) {
    const keys = metricKeys(dataset.indicators);
    const ws = addTable(wb, 'indicators', lang, keys, declared, levelList);
    for (const i of dataset.indicators) put(ws, [i.orgUnitId, i.period, ...keys.map((k) => i.metrics[k] ?? null)]);
  }
  if (dataset.metrics !== undefined) {
    const ws = addTable(wb, 'metrics', lang, [], declared, levelList);
    for (const m of dataset.metrics) put(ws, [m.id, m.label.vi, m.label.en, m.unit, m.kind, m.overTime, m.upHierarchy, m.task ?? null]);
  }
  if (dataset.ratios !== undefined) {
    const ws = addTable(wb, 'ratios', lang, [], declared, levelList);
    for (const r of dataset.ratios) put(ws, [r.id, r.label.vi, r.label.en, r.numerator, r.denominator]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
