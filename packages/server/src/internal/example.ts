/**
 * The example request shown (and runnable) in Swagger UI: the bundled small example dataset against a
 * bundled preset, over the dataset's own window.
 */
import type { PresetCatalog } from '../presets.js';
import { SMALL_DATASET } from './small-dataset.js';

/** The preferred preset for the example, if bundled; otherwise the first one listed. */
const PREFERRED = ['national-2024', 'national-2023'];

export function exampleRequest(catalog: PresetCatalog): Record<string, unknown> | undefined {
  const presets = catalog.list();
  const preset = PREFERRED.find((id) => presets.some((p) => p.id === id)) ?? presets[0]?.id;
  if (preset === undefined) return undefined;
  const window = (SMALL_DATASET as { window?: { from: string; to: string } }).window;
  return {
    dataset: SMALL_DATASET,
    preset,
    period: window === undefined ? '2025-01..2025-12' : `${window.from}..${window.to}`,
    options: { explain: true, rollup: true },
  };
}
