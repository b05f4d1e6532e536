/**
 * The levels of Vietnam's administrative hierarchy before and after the reform of 1 July 2025, with their
 * labels in Vietnamese and English, and the labels of the unit types within each level. Levels stay data
 * (a dataset declares its own `levels`); these are the two hierarchies a dataset is most likely to use.
 */
import type { LocalizedText } from '../errors.js';
import type { IsoDate, LevelDefinition } from './types.js';

/** The day the two-tier local government took effect (districts abolished, communes merged). */
export const REFORM_DATE: IsoDate = '2025-07-01';

const PROVINCE: LevelDefinition = { id: 'province', label: { vi: 'Tỉnh/Thành phố trực thuộc trung ương', en: 'Province or centrally-run city' } };
const VILLAGE: LevelDefinition = {
  id: 'village',
  label: { vi: 'Thôn/Xóm/Ấp/Bản/Tổ dân phố/Khu phố', en: 'Village, hamlet or residential group' },
};

/** Up to 30 June 2025: province → district → commune (xã, phường, thị trấn) → village. */
export const LEVELS_BEFORE_REFORM: readonly LevelDefinition[] = [
  PROVINCE,
  { id: 'district', label: { vi: 'Huyện/Quận/Thị xã/Thành phố thuộc tỉnh', en: 'District, urban district, town or provincial city' } },
  { id: 'commune', label: { vi: 'Xã/Phường/Thị trấn', en: 'Commune, ward or township' } },
  VILLAGE,
];

/** From 1 July 2025: province → commune (xã, phường, đặc khu) → village. */
export const LEVELS_FROM_REFORM: readonly LevelDefinition[] = [
  PROVINCE,
  { id: 'commune', label: { vi: 'Xã/Phường/Đặc khu', en: 'Commune, ward or special zone' } },
  VILLAGE,
];

/**
 * The levels in force on a date.
 *
 * @example
 * ```ts
 * levelsOn('2024-12-31').map((l) => l.id); // ['province', 'district', 'commune', 'village']
 * levelsOn('2026-01-01').map((l) => l.id); // ['province', 'commune', 'village']
 * ```
 */
export function levelsOn(date: IsoDate): readonly LevelDefinition[] {
  return date < REFORM_DATE ? LEVELS_BEFORE_REFORM : LEVELS_FROM_REFORM;
}

/** Unit types (loại đơn vị) by level, as the official lists name them, with English labels. */
export const UNIT_TYPE_LABELS: Readonly<Record<string, Readonly<Record<string, LocalizedText>>>> = {
  province: {
    tinh: { vi: 'Tỉnh', en: 'Province' },
    thanhPhoTrungUong: { vi: 'Thành phố trực thuộc trung ương', en: 'Centrally-run city' },
  },
  district: {
    huyen: { vi: 'Huyện', en: 'Rural district' },
    quan: { vi: 'Quận', en: 'Urban district' },
    thiXa: { vi: 'Thị xã', en: 'Town' },
    thanhPho: { vi: 'Thành phố thuộc tỉnh', en: 'Provincial city' },
  },
  commune: {
    xa: { vi: 'Xã', en: 'Commune' },
    phuong: { vi: 'Phường', en: 'Ward' },
    thiTran: { vi: 'Thị trấn', en: 'Township (until 30 June 2025)' },
    dacKhu: { vi: 'Đặc khu', en: 'Special zone (from 1 July 2025)' },
  },
  village: {
    thon: { vi: 'Thôn', en: 'Village' },
    xom: { vi: 'Xóm', en: 'Hamlet' },
    ap: { vi: 'Ấp', en: 'Hamlet (south)' },
    ban: { vi: 'Bản', en: 'Village (uplands)' },
    toDanPho: { vi: 'Tổ dân phố', en: 'Residential group' },
    khuPho: { vi: 'Khu phố', en: 'Urban quarter' },
  },
};
