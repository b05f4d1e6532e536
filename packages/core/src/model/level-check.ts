/**
 * A team's level against the level of the org unit it serves (`TEAM_LEVEL_MISMATCH`).
 *
 * Why an error and not a warning: in every source a team's level *is* the level of the unit it serves —
 * Bến Tre's "9 tổ … cấp huyện, 157 tổ … cấp xã và 664 tổ … ấp, khu phố" (district, commune and hamlet
 * teams), Điện Biên's "19 Tổ công nghệ số cấp xã và 177 Tổ công nghệ số ở khối, bản", Thái Nguyên's "mỗi
 * thôn, xóm, bản, tổ dân phố … có ít nhất 1 tổ". None describes a team of one level attached to a unit of
 * another, so a difference is a wrong `orgUnitId` or a wrong `level`, and either makes the answer wrong: a
 * preset picks its subjects by the team's level (`subject.levels`), while the roll-up counts the team
 * under its unit. Docs: docs/dataset.md, "Checks across records".
 *
 * Kept apart from the validator's other checks (one call from its integrity pass) so that either can change
 * without the other; it reads only records the schema has accepted, so it trusts their types.
 */
import { problem, type Problem } from '../errors.js';
import { render } from '../messages/define.js';
import { DATASET_MESSAGES } from '../messages/problems-dataset.js';
import { DEFAULT_LEVELS, type Dataset } from './types.js';

/**
 * Report a `TEAM_LEVEL_MISMATCH` error at `/teams/<i>/level` for each team whose level is a declared level
 * and differs from the declared level of the org unit it serves (the first unit with that id). Unknown
 * levels and missing units are left to `UNKNOWN_LEVEL` and `DANGLING_REFERENCE`, which already name them.
 * `unitIndex`, when given, maps each unit id to the index of its first record in `dataset.orgUnits`.
 *
 * @example
 * ```ts
 * const found: Problem[] = [];
 * checkTeamLevels(
 *   { orgUnits: [{ id: 'x-1', name: 'Xã 1', level: 'commune' }], teams: [{ id: 't', orgUnitId: 'x-1', level: 'village', establishedOn: '2024-01-01' }] },
 *   (p) => found.push(p),
 * );
 * // found[0].path === '/teams/0/level', found[0].params → { level: 'village', orgUnitId: 'x-1', unitLevel: 'commune' }
 * ```
 */
export function checkTeamLevels(dataset: Dataset, report: (p: Problem) => void, unitIndex?: ReadonlyMap<string, number>): void {
  const declared = new Set<string>();
  for (const l of dataset.levels ?? DEFAULT_LEVELS) declared.add(l.id);
  const units = dataset.orgUnits;
  // Unit id → index of its first record (as the evaluation indexes them). The validator passes the map it
  // has already built: building another costs ~20 ms on a national dataset, 5% of its validation.
  let first = unitIndex;
  if (first === undefined) {
    const built = new Map<string, number>();
    for (let i = 0; i < units.length; i++) if (!built.has(units[i]!.id)) built.set(units[i]!.id, i);
    first = built;
  }
  const teams = dataset.teams;
  for (let i = 0; i < teams.length; i++) {
    const { level, orgUnitId } = teams[i]!;
    const u = first.get(orgUnitId);
    const unitLevel = u === undefined ? undefined : units[u]!.level;
    if (unitLevel === undefined || unitLevel === level || !declared.has(level) || !declared.has(unitLevel)) continue;
    report(
      problem('TEAM_LEVEL_MISMATCH', `/teams/${i}/level`, render(DATASET_MESSAGES, 'teamLevelMismatch', { level, unitLevel, orgUnitId }), {
        level,
        unitLevel,
        orgUnitId,
      }),
    );
  }
}
