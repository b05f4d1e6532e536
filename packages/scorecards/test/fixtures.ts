import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluateSync, type Dataset, type EvaluationResult } from '@cnscd/core';
import { getPreset, resolvePreset } from '@cnscd/criteria-presets';

export const XSS = '<img src=x onerror=alert(1)>';
/** A name that a spreadsheet would run as a formula. */
export const FORMULA = '=HYPERLINK("http://example.invalid","x")';

/** Bến Tre (synthetic, 830 teams) with one commune renamed to the XSS string and one village to a formula. */
export function benTre(): { dataset: Dataset; result: EvaluationResult; preset: ReturnType<typeof getPreset> } {
  const path = fileURLToPath(new URL('../../../examples/datasets/ben-tre-2023.json', import.meta.url));
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { orgUnits: { id: string; name: string; level: string }[] };
  const commune = raw.orgUnits.find((u) => u.level === 'commune')!;
  commune.name = XSS;
  const village = raw.orgUnits.find((u) => u.level === 'village')!;
  village.name = FORMULA;
  const dataset = raw as unknown as Dataset;
  const preset = getPreset('ben-tre-2023');
  const result = evaluateSync(dataset, resolvePreset('ben-tre-2023'), { period: '2023-01..2023-12' });
  return { dataset, result, preset };
}
