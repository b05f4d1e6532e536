/** PARENT_CYCLE: cycles in the org-unit hierarchy, found without recursion. */
import { render } from '../../../messages/define.js';
import { DATASET_MESSAGES } from '../../../messages/problems-dataset.js';
import type { Dataset } from '../../../model/types.js';
import type { Add } from './catalog.js';

/**
 * Parent cycles, by following parent links from each unit with a colour per unit (0 new, 1 on the current
 * walk, 2 done): O(n), no recursion. Returns 1 for each unit on a cycle. Each cycle is reported once, listed from its smallest id in parent
 * order, at the `parentId` of that unit, so the report does not depend on the order of `orgUnits`.
 */
export function findCycles(orgUnits: Dataset['orgUnits'], parentOf: Int32Array, add: Add): Uint8Array {
  const state = new Uint8Array(orgUnits.length);
  const onCycle = new Uint8Array(orgUnits.length);
  const walk: number[] = [];
  for (let start = 0; start < orgUnits.length; start++) {
    if (state[start] !== 0) continue;
    walk.length = 0;
    let current = start;
    while (current !== -1 && state[current] === 0) {
      state[current] = 1;
      walk.push(current);
      current = parentOf[current]!;
    }
    if (current !== -1 && state[current] === 1) {
      const cycle = walk.slice(walk.indexOf(current));
      for (const k of cycle) onCycle[k] = 1;
      let smallest = 0;
      for (let k = 1; k < cycle.length; k++) {
        if (orgUnits[cycle[k]!]!.id < orgUnits[cycle[smallest]!]!.id) smallest = k;
      }
      const ordered = [...cycle.slice(smallest), ...cycle.slice(0, smallest)];
      const ids = ordered.map((k) => orgUnits[k]!.id);
      add('PARENT_CYCLE', `/orgUnits/${ordered[0]!}/parentId`, render(DATASET_MESSAGES, 'parentCycle', { ids }), { cycle: ids });
    }
    for (const k of walk) state[k] = 2;
  }
  return onCycle;
}
