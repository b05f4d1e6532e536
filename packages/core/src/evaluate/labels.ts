/**
 * What a reason shows in place of identifiers, for one compiled criteria set: a fact's name with its path
 * read through the catalog ("Số thành viên theo lực lượng (Đoàn thanh niên)", not "› youthUnion"), a
 * parameter's label from the set, and how a fact's values are written (shares as percentages, levels by
 * their labels, yes/no). Made once per compiled set; the pieces it gives are cached per fact and path.
 */
import type { LocalizedText } from '../errors.js';
import type { ResolvedCriteriaSet } from '../criteria/types.js';
import { parsePath } from '../criteria/path.js';
import type { Lang } from '../messages/define.js';
import { formatBoolean, formatNumber, formatPercent } from '../messages/format.js';
import { levelLabel, TASK_LABELS } from '../messages/labels.js';
import { AFFILIATION_LABELS, type Task } from '../model/types.js';
import type { Registry } from '../plugin/registry.js';
import type { FactDefinition } from '../plugin/types.js';

/** Writes a fact's value in one language. */
export type ValueWriter = (value: unknown, lang: Lang) => string;

/** The core fact whose values are level ids. */
const LEVEL_FACT = 'level';

/** A value as a Vietnamese or English reader expects it; `percent` for shares (0–1). */
function write(v: unknown, lang: Lang, percent: boolean, labelOf?: (s: string) => LocalizedText | undefined): string {
  switch (typeof v) {
    case 'number':
      return percent ? formatPercent(v, lang) : formatNumber(v, lang);
    case 'boolean':
      return formatBoolean(v, lang);
    case 'string': {
      const l = labelOf?.(v);
      return l === undefined ? `"${v}"` : l[lang];
    }
    case 'undefined':
      return lang === 'vi' ? 'không có số liệu' : 'no data';
    default:
      if (v === null) return lang === 'vi' ? 'không có số liệu' : 'no data';
      if (Array.isArray(v)) return `[${v.map((x) => write(x, lang, percent, labelOf)).join(lang === 'vi' ? '; ' : ', ')}]`;
      return JSON.stringify(v);
  }
}

export const plainWriter: ValueWriter = (v, lang) => write(v, lang, false);
const percentWriter: ValueWriter = (v, lang) => write(v, lang, true);

/** The labels of one compiled set's facts, parameters and values (see the top of this file). */
export class ReasonLabels {
  private readonly names = new Map<string, LocalizedText>();
  private readonly levelWriter: ValueWriter;

  constructor(
    readonly registry: Registry,
    private readonly set: Pick<ResolvedCriteriaSet, 'parameters'>,
    private readonly asOf: string,
  ) {
    this.levelWriter = (v, lang) => write(v, lang, false, (id) => levelLabel(id, this.asOf));
  }

  /** A fact's name with its path: the path's key by its catalog label. */
  factName(fact: string, path: string | undefined): LocalizedText {
    const key = path === undefined ? fact : `${fact}\u0000${path}`;
    let name = this.names.get(key);
    if (name === undefined) {
      name = this.makeName(fact, path);
      this.names.set(key, name);
    }
    return name;
  }

  private makeName(fact: string, path: string | undefined): LocalizedText {
    const def = this.registry.facts.get(fact)?.def;
    const label = def?.label ?? { vi: fact, en: fact };
    if (path === undefined) return label;
    const segments = parsePath(path);
    const keyLabel = segments.length === 1 ? this.pathKeyLabel(def, segments[0]!) : undefined;
    if (keyLabel === undefined) return { vi: `${label.vi} › ${path}`, en: `${label.en} › ${path}` };
    // A metric or ratio is named in full by its own label ("Lượt cài đặt VNeID"); an affiliation, task or
    // level is a breakdown of the fact ("Số thành viên theo lực lượng (Đoàn thanh niên)").
    const k = def?.pathKeys;
    if (k === 'metrics' || k === 'activityMetrics' || k === 'areaMetrics' || k === 'ratios') return keyLabel;
    return { vi: `${label.vi} (${keyLabel.vi})`, en: `${label.en} (${keyLabel.en})` };
  }

  /** The label of a path's key, from what the fact's `pathKeys` say it ranges over. */
  private pathKeyLabel(def: FactDefinition<unknown> | undefined, key: string): LocalizedText | undefined {
    if (def === undefined) return undefined;
    const own = def.pathLabels?.[key];
    if (own !== undefined) return own;
    switch (def.pathKeys) {
      case 'metrics':
      case 'activityMetrics':
      case 'areaMetrics':
        return this.registry.metrics.get(key)?.def.label;
      case 'ratios':
        return this.registry.ratios.get(key)?.def.label;
      case 'tasks':
        return Object.hasOwn(TASK_LABELS, key) ? TASK_LABELS[key as Task] : undefined;
      case 'levels':
        return levelLabel(key, this.asOf);
      default:
        return Object.hasOwn(AFFILIATION_LABELS, key) ? AFFILIATION_LABELS[key as keyof typeof AFFILIATION_LABELS] : undefined;
    }
  }

  /** A parameter's label from the set; undefined when the set gives none (the reason then shows only the value). */
  paramLabel(param: string | undefined): LocalizedText | undefined {
    return param === undefined || !Object.hasOwn(this.set.parameters, param) ? undefined : this.set.parameters[param]!.label;
  }

  /** True when a fact is a share (unit `ratio`, 0–1): its values read as percentages. */
  isShare(fact: string): boolean {
    return this.registry.facts.get(fact)?.def.unit === 'ratio';
  }

  /** How a fact's values are written: shares (unit `ratio`) as percentages, levels by their labels. */
  writer(fact: string): ValueWriter {
    const def = this.registry.facts.get(fact)?.def;
    if (fact === LEVEL_FACT && def !== undefined && this.registry.facts.get(fact)?.plugin === '@cnscd/core') return this.levelWriter;
    return def?.unit === 'ratio' ? percentWriter : plainWriter;
  }

  /** A list of alternatives (`in`, `notIn`): "Xã/Phường/Thị trấn hoặc Thôn/…" ("… or …"). */
  static alternatives(writer: ValueWriter, values: readonly unknown[]): LocalizedText {
    return { vi: values.map((x) => writer(x, 'vi')).join(' hoặc '), en: values.map((x) => writer(x, 'en')).join(' or ') };
  }

  /** A value in both languages. */
  static both(writer: ValueWriter, v: unknown): LocalizedText {
    return { vi: writer(v, 'vi'), en: writer(v, 'en') };
  }
}
