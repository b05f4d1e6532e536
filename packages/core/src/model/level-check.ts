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
import { DEFAULT_LEVELS, type Dataset } from './types.js';

/**
 * Report a `TEAM_LEVEL_MISMATCH` error at `/teams/<i>/level` for each team whose level is a declared level
 * and differs from the declared level of the org unit it serves (the first unit with that id). Unknown
 * levels and missing units are left to `UNKNOWN_LEVEL` and `DANGLING_REFERENCE`, which already name them.
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
export function checkTeamLevels(dataset: Dataset, report: (p: Problem) => void): void {
  const declared = new Set<string>();
  for (const l of dataset.levels ?? DEFAULT_LEVELS) declared.add(l.id);
  // Unit id → level, first record of each id (as the evaluation indexes them).
  const levelOf = new Map<string, string>();
  const units = dataset.orgUnits;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (!levelOf.has(u.id)) levelOf.set(u.id, u.level);
  }
  const teams = dataset.teams;
  for (let i = 0; i < teams.length; i++) {
    const { level, orgUnitId } = teams[i]!;
    const unitLevel = levelOf.get(orgUnitId);
    if (unitLevel === undefined || unitLevel === level || !declared.has(level) || !declared.has(unitLevel)) continue;
    report(
      problem(
        'TEAM_LEVEL_MISMATCH',
        `/teams/${i}/level`,
        {
          vi: `Cấp "${level}" của tổ khác cấp "${unitLevel}" của đơn vị "${orgUnitId}" mà tổ phục vụ`,
          en: `Level "${level}" differs from level "${unitLevel}" of the org unit "${orgUnitId}" the team serves`,
        },
        { level, unitLevel, orgUnitId },
      ),
    );
  }
}
