/**
 * Adapter to `@cnscd/criteria-presets`: every bundled preset document, all versions.
 */
import { getPreset, listPresets } from '@cnscd/criteria-presets';
import type { CriteriaSet } from '@cnscd/core';

let cache: readonly CriteriaSet[] | undefined;

/** Every bundled preset document (each version once). */
export function bundledPresetDocuments(): readonly CriteriaSet[] {
  if (cache !== undefined) return cache;
  const out: CriteriaSet[] = [];
  const seen = new Set<string>();
  for (const p of listPresets()) {
    const versions: readonly string[] = (p as { versions?: readonly string[] }).versions ?? [p.version];
    for (const version of versions) {
      const key = `${p.id}@${version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(getPreset(p.id, { version }) as CriteriaSet);
    }
  }
  cache = out;
  return out;
}
