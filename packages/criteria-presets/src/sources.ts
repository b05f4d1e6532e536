import type { CriteriaSet, LocalizedText } from '@cnscd/core';

/**
 * Where one of a preset's numbers comes from: read from a document (`source`), worked out between two
 * documented values (`interpolated`), or picked by the preset's authors (`chosen`).
 *
 * @example
 * ```ts
 * const o: SourceOrigin = 'chosen';
 * ```
 */
export type SourceOrigin = 'source' | 'interpolated' | 'chosen';

/**
 * One row of a preset's "derived vs chosen" table (`presets/<id>/sources.json`).
 *
 * `refs` are pointers into `preset.json` written with ids rather than array indexes — criteria and rating
 * tiers by `id`, schedule entries by `from` — e.g. `/parameters/minMembers`,
 * `/criteria/team-size/maxPoints`, `/criteria/reporting/scoring/steps`, `/ratings/tot/minPercent`,
 * `/parameters/onlinePublicServicesMilestone/schedule/2025-01-01`. A ref covers every number at or below it.
 * `basis` is the document, date and line for `source`, the method for `interpolated`, the reason for
 * `chosen`.
 *
 * @example
 * ```ts
 * const row: SourceRow = {
 *   refs: ['/parameters/minMembers', '/parameters/maxMembers'],
 *   what: { vi: 'Quy mô tổ', en: 'Team size' }, value: '4–9', origin: 'source',
 *   basis: { vi: 'Đánh giá của Bộ TT&TT (Báo Thanh tra, 29/06/2023): "từ 4 đến 9 thành viên"',
 *            en: 'MIC assessment (Thanh tra, 29 Jun 2023): "4 to 9 members"' },
 * };
 * ```
 */
export interface SourceRow {
  readonly refs: readonly string[];
  readonly what: LocalizedText;
  /** The number(s) as a reader sees them, e.g. `"4–9"`, `"70% (2025)"`; `{vi, en}` when words are needed. */
  readonly value: string | LocalizedText;
  readonly origin: SourceOrigin;
  readonly basis: LocalizedText;
}

/**
 * A preset's "derived vs chosen" table as stored in `presets/<id>/sources.json`.
 *
 * @example
 * ```ts
 * const t: PresetSources = { rows: [] };
 * ```
 */
export interface PresetSources {
  readonly rows: readonly SourceRow[];
}

/**
 * A row as {@link presetSources} returns it: `from` is the preset that wrote it (the preset itself, or a
 * base it extends, for the criteria and parameters it inherits unchanged).
 *
 * @example
 * ```ts
 * const r: SourceRowFrom = { from: 'national-2023', refs: ['/criteria/team-size/maxPoints'],
 *   what: { vi: 'Điểm', en: 'Points' }, value: '15', origin: 'chosen', basis: { vi: '…', en: '…' } };
 * ```
 */
export interface SourceRowFrom extends SourceRow {
  readonly from: string;
  /** True when an inherited row applies only to some of the fields it was written for (the others are replaced). */
  readonly partial?: boolean;
}

/** Keys under which an array's elements are named by a field rather than by their index. */
const NAMED_ARRAYS: Readonly<Record<string, string>> = { criteria: 'id', ratings: 'id', schedule: 'from' };
/** Top-level fields that hold no scoring number. */
const SKIPPED = new Set(['$schema', 'id', 'version', 'title', 'description', 'sources', 'effective', 'subject', 'requires', 'extends']);

const escPointer = (s: string | number): string => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every number a criteria set writes itself (points, thresholds, targets, steps, tiers, parameter values),
 * as the id-based pointers that {@link SourceRow.refs} use. Inherited numbers are not included.
 *
 * @example
 * ```ts
 * numberPointers(getPreset('dti-team-density'));
 * // ['/parameters/membersPer100ResidentsTarget/value', '/criteria/members-per-100-residents/maxPoints', …]
 * ```
 */
export function numberPointers(set: CriteriaSet): string[] {
  return pointers(set).numbers;
}

/** The id-based pointers of every node of a set (`nodes`) and of its numbers (`numbers`). */
function pointers(set: CriteriaSet): { numbers: string[]; nodes: Set<string> } {
  const out: string[] = [];
  const nodes = new Set<string>();
  const walk = (value: unknown, pointer: string, key: string | undefined): void => {
    nodes.add(pointer);
    if (typeof value === 'number') {
      out.push(pointer);
      return;
    }
    if (Array.isArray(value)) {
      const naming = key === undefined ? undefined : NAMED_ARRAYS[key];
      value.forEach((item, i) => {
        const name = naming !== undefined && item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[naming] : undefined;
        walk(item, `${pointer}/${escPointer(typeof name === 'string' ? name : i)}`, undefined);
      });
      return;
    }
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, `${pointer}/${escPointer(k)}`, k);
    }
  };
  for (const [k, v] of Object.entries(set as unknown as Record<string, unknown>)) {
    if (!SKIPPED.has(k)) walk(v, `/${escPointer(k)}`, k);
  }
  return { numbers: out, nodes };
}

/** True when `ref` is `pointer` or one of its ancestors. */
export const refCovers = (ref: string, pointer: string): boolean => pointer === ref || pointer.startsWith(ref.endsWith('/') ? ref : `${ref}/`);

/**
 * What is wrong with a preset's table: numbers no row covers, rows without a known origin or a bilingual
 * basis, and refs that name nothing in the set (stale rows). A ref may name a node without numbers (a
 * criterion's rule, e.g. `/criteria/online-group/scoring`) to say where the rule comes from. Empty when the
 * table is complete.
 *
 * @example
 * ```ts
 * checkSources(getPreset('national-2023'), { rows: [] });
 * // ['/parameters/minMembers/value: no row of sources.json covers this number', …]
 * ```
 */
export function checkSources(set: CriteriaSet, sources: PresetSources | undefined): string[] {
  if (sources === undefined || !Array.isArray(sources.rows)) return ['no sources.json (or it has no "rows" array)'];
  const problems: string[] = [];
  const { numbers, nodes } = pointers(set);
  // The table is hand-written JSON: check its shape instead of trusting the type.
  const refsOf = (row: SourceRow): readonly string[] => (Array.isArray(row.refs) ? row.refs : []);
  const filled = (t: LocalizedText | undefined): boolean =>
    typeof t?.vi === 'string' && t.vi.trim() !== '' && typeof t.en === 'string' && t.en.trim() !== '';
  sources.rows.forEach((row, i) => {
    const at = `rows/${i}`;
    if (!['source', 'interpolated', 'chosen'].includes(row.origin)) problems.push(`${at}: origin must be "source", "interpolated" or "chosen"`);
    if (!filled(row.basis)) problems.push(`${at}: a row needs its source (document, date, line) or its reason, in vi and en ("basis")`);
    if (!filled(row.what)) problems.push(`${at}: "what" must be given in vi and en`);
    const valueOk = typeof row.value === 'string' ? row.value.trim() !== '' : filled(row.value);
    if (!valueOk) problems.push(`${at}: "value" must say the number(s), as a string or in vi and en`);
    if (!Array.isArray(row.refs) || row.refs.length === 0) problems.push(`${at}: "refs" must list the preset's fields it explains`);
    for (const ref of refsOf(row)) {
      if (!nodes.has(ref)) problems.push(`${at}: ref ${ref} names nothing in preset.json`);
    }
  });
  for (const p of numbers) {
    if (!sources.rows.some((row) => refsOf(row).some((ref) => refCovers(ref, p)))) problems.push(`${p}: no row of sources.json covers this number`);
  }
  return problems;
}

/**
 * The rows of a preset's table once `extends` is applied: the base's rows for what the preset inherits
 * unchanged (criteria it neither replaces nor removes, parameters it does not override, the base's
 * tiers and total when it gives none), then its own rows.
 *
 * @example
 * ```ts
 * resolveSourceRows(set, ownRows, (id, range) => ({ set: base, rows: baseRows }));
 * ```
 */
export function resolveSourceRows(
  set: CriteriaSet,
  own: PresetSources | undefined,
  base: ((id: string, range?: string) => { set: CriteriaSet; rows: readonly SourceRowFrom[] } | undefined) | undefined,
): SourceRowFrom[] {
  const mine: SourceRowFrom[] = (own?.rows ?? []).map((r) => ({ ...r, from: set.id }));
  if (set.extends === undefined || base === undefined) return mine;
  const found = base(set.extends.id, set.extends.version);
  if (found === undefined) return mine;
  const replaced = new Set([...(set.criteria ?? []).map((c) => c.id), ...(set.extends.remove ?? [])]);
  const params = new Set(Object.keys(set.parameters ?? {}));
  const shadowed = (ref: string): boolean => {
    const [, top, name] = ref.split('/');
    if (top === 'criteria') return name !== undefined && replaced.has(name);
    if (top === 'parameters') return name !== undefined && params.has(name);
    if (top === 'ratings') return set.ratings !== undefined;
    if (top === 'totalPoints') return set.totalPoints !== undefined;
    return false;
  };
  const inherited = found.rows
    .map((r): SourceRowFrom => {
      const refs = r.refs.filter((ref) => !shadowed(ref));
      return refs.length === r.refs.length ? r : { ...r, refs, partial: true };
    })
    .filter((r) => r.refs.length > 0);
  return [...inherited, ...mine];
}

const ORIGIN: Readonly<Record<SourceOrigin, LocalizedText>> = {
  source: { vi: 'theo văn bản', en: 'from the source' },
  interpolated: { vi: 'nội suy', en: 'interpolated' },
  chosen: { vi: 'do bộ này chọn', en: 'chosen here' },
};

const cell = (s: string): string => s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

/**
 * A preset's table as Markdown, in one language: what, value, origin, basis and the fields it explains.
 * Inherited rows say which preset wrote them. The README of each preset holds this table (vi and en).
 *
 * @example
 * ```ts
 * import { formatSourcesTable, presetSources } from '@cnscd/criteria-presets';
 * console.log(formatSourcesTable(presetSources('thai-nguyen-2025'), 'vi', 'thai-nguyen-2025'));
 * ```
 */
export function formatSourcesTable(rows: readonly SourceRowFrom[], lang: 'vi' | 'en', id?: string): string {
  const head =
    lang === 'vi'
      ? ['Nội dung', 'Giá trị', 'Nguồn gốc', 'Căn cứ (văn bản, ngày, dòng) hoặc lý do', 'Trường trong preset.json']
      : ['What', 'Value', 'Origin', 'Basis (document, date, line) or reason', 'Fields in preset.json'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const only = r.partial === true ? (lang === 'vi' ? '; chỉ các trường liệt kê' : '; only the fields listed') : '';
    const inherited =
      id !== undefined && r.from !== id ? (lang === 'vi' ? ` (kế thừa \`${r.from}\`${only})` : ` (inherited from \`${r.from}\`${only})`) : '';
    const refs = r.refs.map((ref) => `\`${ref.slice(1)}\``).join(', ');
    const value = typeof r.value === 'string' ? r.value : r.value[lang];
    lines.push(`| ${cell(r.what[lang])} | ${cell(value)} | ${ORIGIN[r.origin][lang]}${inherited} | ${cell(r.basis[lang])} | ${cell(refs)} |`);
  }
  return lines.join('\n') + '\n';
}
