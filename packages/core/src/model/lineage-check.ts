/**
 * Checks of the lineage fields (`successors`, `parentHistory`, `orgUnitHistory`): what the reform of
 * 1 July 2025 adds to a dataset. Kept apart from the validator's other checks (one call from its integrity
 * pass); it reads only records the schema has accepted, so it trusts their types. A dataset without these
 * fields costs one pass over its units and teams.
 *
 * - `DANGLING_REFERENCE`: a successor, an earlier parent or an earlier unit that does not exist.
 * - `HISTORY_ORDER`: `until` dates that do not increase; `INVALID_DATE_RANGE` for one not in the calendar.
 * - `SUCCESSOR_NOT_IN_FORCE`: a successor that does not exist on the day after the unit's `validTo`, or a
 *   unit with successors and no `validTo`.
 * - `SUCCESSOR_SHARES_OVER_ONE`: the `share`s of one unit's successors add up to more than 1.
 * - `LINEAGE_CYCLE`: a unit that is its own successor or its own parent in history, or a cycle through
 *   parents (now or earlier) and successors. Several units going fully into one is the normal case, not
 *   a cycle. Cycles of the current `parentId`s alone are `PARENT_CYCLE`, reported elsewhere, not here.
 */
import { problem, type LocalizedText, type Problem } from '../errors.js';
import { isDate, nextDay } from '../internal/dates.js';
import { clean } from '../internal/numbers.js';
import { render } from '../messages/define.js';
import { lineageMessages, type LineageMessageParams } from '../messages/lineage.js';
import type { Dataset, OrgUnit } from './types.js';

const text = <K extends keyof LineageMessageParams>(key: K, params: LineageMessageParams[K]): LocalizedText => render(lineageMessages, key, params);

/**
 * Report every lineage problem of `dataset`. `unitIndex` maps each unit id to the index of its first
 * record; `onParentCycle` marks units already on a `PARENT_CYCLE` (left out of the cycle search here).
 *
 * @example
 * ```ts
 * const found: Problem[] = [];
 * const orgUnits = [{ id: 'a', name: 'A', level: 'commune', validTo: '2025-06-30', successors: [{ id: 'a', part: 'full' as const }] }];
 * checkLineage({ orgUnits, teams: [] }, (p) => found.push(p), new Map([['a', 0]]), new Uint8Array(1));
 * // found[0].code === 'LINEAGE_CYCLE', found[0].path === '/orgUnits/0/successors/0/id'
 * ```
 */
export function checkLineage(
  dataset: Dataset,
  report: (p: Problem) => void,
  unitIndex: ReadonlyMap<string, number>,
  onParentCycle: Uint8Array,
): void {
  const units = dataset.orgUnits;
  let any = false;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u.successors === undefined && u.parentHistory === undefined) continue;
    any = true;
    checkUnit(u, i, units, unitIndex, report);
  }
  const teams = dataset.teams;
  for (let i = 0; i < teams.length; i++) {
    const history = teams[i]!.orgUnitHistory;
    if (history === undefined) continue;
    let previous: string | undefined;
    for (let k = 0; k < history.length; k++) {
      const { orgUnitId, until } = history[k]!;
      const base = `/teams/${i}/orgUnitHistory/${k}`;
      if (!unitIndex.has(orgUnitId)) dangling(report, `${base}/orgUnitId`, orgUnitId);
      previous = checkUntil(report, base, until, previous);
    }
  }
  if (any) findLineageCycles(units, unitIndex, onParentCycle, report);
}

function checkUnit(u: OrgUnit, i: number, units: Dataset['orgUnits'], unitIndex: ReadonlyMap<string, number>, report: (p: Problem) => void): void {
  const successors = u.successors ?? [];
  let shares = 0;
  for (const s of successors) shares += s.share ?? 0;
  // Shares are fractions written to a few decimals: 1e-9 absorbs their binary rounding (0.7 + 0.2 + 0.1).
  if (shares > 1 + 1e-9) {
    const sum = clean(shares);
    report(
      problem('SUCCESSOR_SHARES_OVER_ONE', `/orgUnits/${i}/successors`, render(lineageMessages, 'SUCCESSOR_SHARES_OVER_ONE', { unitId: u.id, sum }), {
        unitId: u.id,
        sum,
      }),
    );
  }
  const day = u.validTo !== undefined && isDate(u.validTo) ? nextDay(u.validTo) : undefined;
  for (let k = 0; k < successors.length; k++) {
    const { id } = successors[k]!;
    const path = `/orgUnits/${i}/successors/${k}/id`;
    const s = unitIndex.get(id);
    if (s === undefined) {
      dangling(report, path, id);
      continue;
    }
    if (id === u.id) {
      report(problem('LINEAGE_CYCLE', path, text('SELF_SUCCESSOR', { id }), { cycle: [id] }));
      continue;
    }
    if (u.validTo === undefined) {
      report(problem('SUCCESSOR_NOT_IN_FORCE', path, text('SUCCESSOR_WITHOUT_END', { id }), { id, day: null }));
      continue;
    }
    if (day === undefined) continue; // an impossible validTo is INVALID_DATE_RANGE already
    const next = units[s]!;
    if ((next.validFrom !== undefined && next.validFrom > day) || (next.validTo !== undefined && next.validTo < day)) {
      report(problem('SUCCESSOR_NOT_IN_FORCE', path, text('SUCCESSOR_NOT_IN_FORCE', { id, day }), { id, day }));
    }
  }
  const history = u.parentHistory ?? [];
  let previous: string | undefined;
  for (let k = 0; k < history.length; k++) {
    const { parentId, until } = history[k]!;
    const base = `/orgUnits/${i}/parentHistory/${k}`;
    if (parentId !== null) {
      if (!unitIndex.has(parentId)) dangling(report, `${base}/parentId`, parentId);
      else if (parentId === u.id) {
        report(problem('LINEAGE_CYCLE', `${base}/parentId`, text('SELF_PARENT', { id: parentId }), { cycle: [parentId] }));
      }
    }
    previous = checkUntil(report, base, until, previous);
  }
}

/** Reports an impossible or out-of-order `until` at `base`/until; returns the date to compare the next one with. */
function checkUntil(report: (p: Problem) => void, base: string, until: string, previous: string | undefined): string | undefined {
  const path = `${base}/until`;
  if (!isDate(until)) {
    report(problem('INVALID_DATE_RANGE', path, text('UNTIL_NOT_A_DATE', { until }), { value: until }));
    return previous;
  }
  if (previous !== undefined && until <= previous) {
    report(problem('HISTORY_ORDER', path, text('HISTORY_ORDER', { until, previous }), { until, previous }));
    return previous;
  }
  return until;
}

function dangling(report: (p: Problem) => void, path: string, id: string): void {
  report(problem('DANGLING_REFERENCE', path, text('NO_SUCH_UNIT', { id }), { id }));
}

/**
 * Cycles in the graph whose edges go from each unit (first record of its id) to every parent it has or
 * had and to every successor, leaving out units on a parent cycle. One `LINEAGE_CYCLE` per cycle found,
 * at the unit of the cycle with the smallest id, listing the cycle from there. Iterative depth first.
 */
function findLineageCycles(
  units: Dataset['orgUnits'],
  unitIndex: ReadonlyMap<string, number>,
  onParentCycle: Uint8Array,
  report: (p: Problem) => void,
): void {
  const n = units.length;
  // Edges in one flat list (CSR): a national dataset has ~100,000 units, so no array or closure per unit.
  const edgeStart = new Int32Array(n + 1);
  const targets: number[] = [];
  const link = (from: string, id: string | null | undefined): void => {
    if (id == null || id === from) return;
    const j = unitIndex.get(id);
    if (j !== undefined && onParentCycle[j] === 0) targets.push(j);
  };
  for (let i = 0; i < n; i++) {
    edgeStart[i] = targets.length;
    const u = units[i]!;
    if (unitIndex.get(u.id) !== i || onParentCycle[i] === 1) continue;
    link(u.id, u.parentId);
    const history = u.parentHistory;
    if (history !== undefined) for (const h of history) link(u.id, h.parentId);
    const successors = u.successors;
    if (successors !== undefined) for (const s of successors) link(u.id, s.id);
  }
  edgeStart[n] = targets.length;
  const state = new Uint8Array(n); // 0 new, 1 on the stack, 2 done
  const stack: number[] = [];
  const cursor: number[] = [];
  for (let root = 0; root < n; root++) {
    if (state[root] !== 0) continue;
    stack.push(root);
    cursor.push(0);
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const c = cursor[cursor.length - 1]!;
      const from = edgeStart[top]!;
      if (from + c >= edgeStart[top + 1]!) {
        state[top] = 2;
        stack.pop();
        cursor.pop();
        continue;
      }
      cursor[cursor.length - 1] = c + 1;
      const next = targets[from + c]!;
      if (state[next] === 0) {
        state[next] = 1;
        stack.push(next);
        cursor.push(0);
      } else if (state[next] === 1) {
        const cycle = stack.slice(stack.indexOf(next));
        let smallest = 0;
        for (let k = 1; k < cycle.length; k++) if (units[cycle[k]!]!.id < units[cycle[smallest]!]!.id) smallest = k;
        const ids = [...cycle.slice(smallest), ...cycle.slice(0, smallest)].map((k) => units[k]!.id);
        report(problem('LINEAGE_CYCLE', `/orgUnits/${cycle[smallest]!}`, text('LINEAGE_CYCLE', { ids }), { cycle: ids }));
      }
    }
  }
}
