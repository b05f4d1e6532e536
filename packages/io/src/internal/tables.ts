/**
 * The tables of a dataset as a spreadsheet shows them: one sheet (or CSV file) per table, one column per
 * field, headers in Vietnamese with the field id beside them. Recognition is by name and by header,
 * Vietnamese or English, case- and diacritics-insensitive ({@link normalizeHeader}).
 */
import { AFFILIATION_LABELS, AFFILIATIONS, DEFAULT_LEVELS, MEMBER_ROLES, TASKS } from '@cnscd/core';

export type TableId =
  | 'info'
  | 'levels'
  | 'orgUnits'
  | 'lineage'
  | 'parentHistory'
  | 'orgUnitHistory'
  | 'teams'
  | 'members'
  | 'reports'
  | 'indicators'
  | 'metrics'
  | 'ratios';

export type FieldKind =
  | 'id'
  | 'text'
  | 'level'
  | 'date'
  | 'month'
  | 'period'
  | 'bool'
  | 'role'
  | 'affiliations'
  | 'list'
  | 'int'
  | 'enum'
  | 'fraction';

export interface FieldDef {
  readonly id: string;
  readonly vi: string;
  readonly en: string;
  readonly kind: FieldKind;
  readonly required?: boolean;
  /** More names it is known by (normalized on use). */
  readonly aliases?: readonly string[];
  /** For `enum`: the allowed values. */
  readonly values?: readonly string[];
  readonly width?: number;
}

export interface TableDef {
  readonly id: TableId;
  readonly vi: string;
  readonly en: string;
  readonly aliases: readonly string[];
  readonly fields: readonly FieldDef[];
  /** Tables whose other columns are metrics (one column each). */
  readonly metricColumns?: 'activity' | 'area';
}

const f = (id: string, vi: string, en: string, kind: FieldKind, extra: Partial<FieldDef> = {}): FieldDef => ({ id, vi, en, kind, ...extra });

export const TABLES: readonly TableDef[] = [
  {
    id: 'info',
    vi: 'Thông tin',
    en: 'Info',
    aliases: ['thong tin chung', 'dataset', 'general'],
    fields: [
      f('name', 'Tên bộ dữ liệu', 'Dataset name', 'text'),
      f('windowFrom', 'Từ tháng', 'From month', 'month'),
      f('windowTo', 'Đến tháng', 'To month', 'month'),
    ],
  },
  {
    id: 'levels',
    vi: 'Cấp hành chính',
    en: 'Levels',
    aliases: ['cap', 'cac cap'],
    fields: [
      f('id', 'Mã cấp', 'Level id', 'id', { required: true, aliases: ['cap'] }),
      f('labelVi', 'Tên tiếng Việt', 'Vietnamese label', 'text'),
      f('labelEn', 'Tên tiếng Anh', 'English label', 'text'),
    ],
  },
  {
    id: 'orgUnits',
    vi: 'Đơn vị hành chính',
    en: 'Org units',
    aliases: ['don vi', 'dia ban', 'org units', 'units', 'administrative units'],
    fields: [
      f('id', 'Mã đơn vị', 'Unit id', 'id', { required: true, aliases: ['ma dia ban', 'ma dvhc'] }),
      f('name', 'Tên đơn vị', 'Unit name', 'text', { required: true, aliases: ['ten', 'ten dia ban', 'ten dvhc'] }),
      f('level', 'Cấp', 'Level', 'level', { required: true }),
      f('parentId', 'Mã đơn vị cấp trên', 'Parent unit id', 'id', { aliases: ['don vi cap tren', 'parent'] }),
      f('validFrom', 'Hiệu lực từ ngày', 'Valid from', 'date', { aliases: ['tu ngay'] }),
      f('validTo', 'Hiệu lực đến ngày', 'Valid to', 'date', { aliases: ['den ngay'] }),
    ],
  },
  {
    // The 2025 reform as the resolutions list it: one row per link from an old unit to a new one (issue 18).
    id: 'lineage',
    vi: 'Sáp nhập - Lineage',
    en: 'Lineage',
    aliases: ['sap nhap', 'ke thua', 'sap nhap chia tach', 'successors'],
    fields: [
      f('old_id', 'Mã đơn vị cũ', 'Old unit id', 'id', { required: true, aliases: ['ma cu', 'don vi cu'] }),
      f('new_id', 'Mã đơn vị mới', 'New unit id', 'id', { required: true, aliases: ['ma moi', 'don vi moi'] }),
      f('part', 'Toàn bộ hay một phần', 'Part', 'enum', { required: true, values: ['full', 'partial'], aliases: ['phan'] }),
      f('effective', 'Ngày hiệu lực', 'Effective', 'date', { required: true, aliases: ['hieu luc'] }),
      f('share', 'Tỷ lệ (0-1)', 'Share (0-1)', 'fraction', { aliases: ['ty le'] }),
    ],
  },
  {
    // Earlier parents of units (`parentHistory`), one row per entry, oldest first.
    id: 'parentHistory',
    vi: 'Cấp trên trước đây',
    en: 'Parent history',
    aliases: ['lich su cap tren'],
    fields: [
      f('orgUnitId', 'Mã đơn vị', 'Unit id', 'id', { required: true }),
      f('parentId', 'Mã đơn vị cấp trên trước đây', 'Earlier parent id', 'id'),
      f('until', 'Đến hết ngày', 'Until', 'date', { required: true }),
    ],
  },
  {
    // Earlier units served by teams (`orgUnitHistory`), one row per entry, oldest first.
    id: 'orgUnitHistory',
    vi: 'Đơn vị trước đây của tổ',
    en: 'Team unit history',
    aliases: ['lich su don vi cua to'],
    fields: [
      f('teamId', 'Mã tổ', 'Team id', 'id', { required: true }),
      f('orgUnitId', 'Mã đơn vị phục vụ trước đây', 'Earlier unit served', 'id', { required: true }),
      f('until', 'Đến hết ngày', 'Until', 'date', { required: true }),
    ],
  },
  {
    id: 'teams',
    vi: 'Tổ CNSCĐ',
    en: 'Teams',
    aliases: ['to', 'to cong nghe so', 'to cong nghe so cong dong', 'danh sach to'],
    fields: [
      f('id', 'Mã tổ', 'Team id', 'id', { required: true, aliases: ['teamid'] }),
      f('orgUnitId', 'Mã đơn vị phục vụ', 'Unit served', 'id', { required: true, aliases: ['ma don vi', 'don vi'] }),
      f('level', 'Cấp', 'Level', 'level', { required: true }),
      f('establishedOn', 'Ngày thành lập', 'Established on', 'date', { required: true }),
      f('disbandedOn', 'Ngày giải thể', 'Disbanded on', 'date'),
      f('onlineGroup', 'Có nhóm trực tuyến (Zalo…)', 'Online group', 'bool', { aliases: ['nhom zalo', 'nhom truc tuyen'] }),
    ],
  },
  {
    id: 'members',
    vi: 'Thành viên',
    en: 'Members',
    aliases: ['thanh vien to', 'danh sach thanh vien'],
    fields: [
      f('teamId', 'Mã tổ', 'Team id', 'id', { required: true }),
      f('id', 'Mã thành viên', 'Member id', 'id', { required: true, aliases: ['memberid'] }),
      f('role', 'Vai trò', 'Role', 'role', { required: true, aliases: ['chuc vu'] }),
      f('affiliations', 'Thành phần', 'Affiliations', 'affiliations', { aliases: ['don vi cong tac'] }),
      f('birthYear', 'Năm sinh', 'Birth year', 'int'),
      f('trainings', 'Khoá tập huấn đã học', 'Trainings', 'list', { aliases: ['khoa tap huan', 'tap huan'] }),
      f('joinedOn', 'Ngày tham gia', 'Joined on', 'date'),
      f('leftOn', 'Ngày rời tổ', 'Left on', 'date'),
    ],
  },
  {
    id: 'reports',
    vi: 'Báo cáo tháng',
    en: 'Monthly reports',
    aliases: ['bao cao', 'bao cao hoat dong', 'reports', 'activity'],
    metricColumns: 'activity',
    fields: [
      f('teamId', 'Mã tổ', 'Team id', 'id', { required: true }),
      f('memberId', 'Mã thành viên', 'Member id', 'id'),
      f('month', 'Tháng', 'Month', 'month', { required: true, aliases: ['thang bao cao', 'ky bao cao'] }),
    ],
  },
  {
    id: 'indicators',
    vi: 'Chỉ tiêu địa bàn',
    en: 'Area indicators',
    aliases: ['chi tieu', 'chi so dia ban', 'indicators'],
    metricColumns: 'area',
    fields: [
      f('orgUnitId', 'Mã đơn vị', 'Unit id', 'id', { required: true }),
      f('period', 'Kỳ (năm hoặc tháng)', 'Period (year or month)', 'period', { required: true, aliases: ['ky', 'nam'] }),
    ],
  },
  {
    id: 'metrics',
    vi: 'Danh mục chỉ số',
    en: 'Metrics',
    aliases: ['chi so bo sung'],
    fields: [
      f('id', 'Mã chỉ số', 'Metric id', 'id', { required: true }),
      f('labelVi', 'Tên tiếng Việt', 'Vietnamese label', 'text', { required: true }),
      f('labelEn', 'Tên tiếng Anh', 'English label', 'text', { required: true }),
      f('unit', 'Đơn vị tính', 'Unit', 'text', { required: true }),
      f('kind', 'Loại', 'Kind', 'enum', { required: true, values: ['activity', 'area'] }),
      f('overTime', 'Gộp theo thời gian', 'Over time', 'enum', { required: true, values: ['sum', 'last', 'max', 'mean'] }),
      f('upHierarchy', 'Gộp theo cấp', 'Up the hierarchy', 'enum', { required: true, values: ['sum', 'none'] }),
      f('task', 'Nhiệm vụ', 'Task', 'enum', { values: TASKS }),
    ],
  },
  {
    id: 'ratios',
    vi: 'Tỷ lệ',
    en: 'Ratios',
    aliases: ['ti le'],
    fields: [
      f('id', 'Mã tỷ lệ', 'Ratio id', 'id', { required: true }),
      f('labelVi', 'Tên tiếng Việt', 'Vietnamese label', 'text', { required: true }),
      f('labelEn', 'Tên tiếng Anh', 'English label', 'text', { required: true }),
      f('numerator', 'Tử số', 'Numerator', 'id', { required: true }),
      f('denominator', 'Mẫu số', 'Denominator', 'id', { required: true }),
    ],
  },
];

export const TABLE = Object.fromEntries(TABLES.map((t) => [t.id, t])) as Readonly<Record<TableId, TableDef>>;

/** Lower case, no diacritics (đ → d), runs of anything else as one space. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The id written beside a header, `Mã tổ (teamId)` → `teamId`. */
export function idInHeader(text: string): string | undefined {
  return /\(([A-Za-z][A-Za-z0-9_]*)\)\s*$/.exec(text)?.[1];
}

/** The header as the template writes it. */
export function headerText(vi: string, en: string, id: string, lang: 'vi' | 'en'): string {
  return `${lang === 'vi' ? vi : en} (${id})`;
}

const squash = (s: string): string => normalizeHeader(s).replace(/ /g, '');

/** Names by which a field is known, squashed (no spaces). */
export function fieldNames(field: FieldDef): Set<string> {
  return new Set([field.id, field.vi, field.en, ...(field.aliases ?? [])].map(squash));
}

/** The table a sheet or file name names, if any. */
export function tableByName(name: string): TableDef | undefined {
  const base = name.replace(/\.[a-z0-9]+$/i, '');
  const key = squash(idInHeader(base) ?? base);
  const inner = squash(base.replace(/\s*\([^)]*\)\s*$/, ''));
  for (const t of TABLES) {
    const names = [t.id, t.vi, t.en, ...t.aliases].map(squash);
    if (names.includes(key) || names.includes(inner)) return t;
  }
  return undefined;
}

/** Which field a header names: by the id beside it, then by its whole text. */
export function matchField(table: TableDef, header: string): FieldDef | undefined {
  const id = idInHeader(header);
  if (id !== undefined) {
    const byId = table.fields.find((x) => x.id === id);
    if (byId) return byId;
  }
  const key = squash(header);
  const bare = squash(header.replace(/\s*\([^)]*\)\s*$/, ''));
  return table.fields.find((x) => {
    const n = fieldNames(x);
    return n.has(key) || n.has(bare);
  });
}

/**
 * Headers that name personal data. Their columns are never read: a warning names the header only.
 * Squashed forms (no diacritics, no spaces).
 */
const PERSONAL = new Set(
  [
    'họ tên',
    'họ và tên',
    'tên',
    'họ',
    'tên thành viên',
    'full name',
    'name',
    'first name',
    'last name',
    'surname',
    'số điện thoại',
    'điện thoại',
    'sđt',
    'sdt',
    'di động',
    'số di động',
    'phone',
    'phone number',
    'mobile',
    'telephone',
    'tel',
    'zalo',
    'cccd',
    'cmnd',
    'số cccd',
    'số cmnd',
    'căn cước',
    'căn cước công dân',
    'số căn cước',
    'số định danh',
    'số định danh cá nhân',
    'chứng minh nhân dân',
    'id number',
    'national id',
    'citizen id',
    'identity number',
    'passport',
    'ngày sinh',
    'ngày tháng năm sinh',
    'date of birth',
    'birth date',
    'birthday',
    'dob',
    'địa chỉ',
    'nơi ở',
    'chỗ ở',
    'quê quán',
    'address',
    'home address',
    'email',
    'e-mail',
    'thư điện tử',
    'gmail',
  ].map(squash),
);

/** True when a header names personal data (`Họ và tên`, `SĐT`, `CCCD`, `Ngày sinh`, `Email`...). */
export function isPersonalHeader(header: string): boolean {
  const key = squash(header);
  const bare = squash(header.replace(/\s*\([^)]*\)\s*$/, ''));
  return PERSONAL.has(key) || PERSONAL.has(bare) || /^(ho(va)?ten|sodienthoai|socccd|socmnd|ngaysinh|diachi|email)/.test(bare);
}

export const ROLE_LABELS: Readonly<Record<(typeof MEMBER_ROLES)[number], { vi: string; en: string }>> = {
  leader: { vi: 'Tổ trưởng', en: 'Leader' },
  deputy: { vi: 'Tổ phó', en: 'Deputy' },
  member: { vi: 'Thành viên', en: 'Member' },
};

/** The value a cell of a coded field names: its id, or its vi/en label. */
export function codeOf(text: string, codes: readonly string[], labels: Readonly<Record<string, { vi: string; en: string }>>): string | undefined {
  if (codes.includes(text)) return text;
  const key = squash(text);
  const inner = idInHeader(text);
  if (inner !== undefined && codes.includes(inner)) return inner;
  for (const c of codes) {
    const l = labels[c];
    if (squash(c) === key || (l && (squash(l.vi) === key || squash(l.en) === key))) return c;
  }
  return undefined;
}

export const AFFILIATION_CODES: readonly string[] = AFFILIATIONS;
export const AFFILIATION_TEXT: Readonly<Record<string, { vi: string; en: string }>> = AFFILIATION_LABELS;
export const ROLE_CODES: readonly string[] = MEMBER_ROLES;
export const DEFAULT_LEVEL_TEXT: Readonly<Record<string, { vi: string; en: string }>> = Object.fromEntries(
  DEFAULT_LEVELS.map((l) => [l.id, l.label ?? { vi: l.id, en: l.id }]),
);

/** Excel's column letter of a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
