/**
 * Reads the digital-family preset and its golden cases from disk. The case format is the one
 * `@cnscd/criteria-presets` uses, so a plugin's presets can be checked by the same generic runner.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CriteriaSet, CriterionStatus, Dataset, LocalizedText } from '@cnscd/core';

/** The package root (`examples/custom-plugin`). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PRESET_DIR = join(PACKAGE_ROOT, 'presets', 'digital-family');

/** What a golden case expects of one subject. */
export interface ExpectedSubject {
  readonly id: string;
  readonly score: number;
  readonly maxScore: number;
  readonly percent: number;
  readonly rating: string | null;
  readonly criteria?: Readonly<Record<string, { readonly points?: number; readonly status?: CriterionStatus }>>;
}

/** A golden case: a dataset, a period and the result worked out by hand (see `workings`). */
export interface GoldenCase {
  readonly description: LocalizedText;
  readonly workings?: string | readonly string[];
  readonly period: string;
  readonly asOf?: string;
  readonly dataset: Dataset;
  readonly expected: { readonly subjects: readonly ExpectedSubject[] };
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** A fresh copy of the preset on every call, so no test can change another's. */
export function loadPreset(): CriteriaSet {
  return readJson(join(PRESET_DIR, 'preset.json')) as CriteriaSet;
}

/** The golden cases, by file name without `.json`, sorted. */
export function loadCases(): { readonly name: string; readonly goldenCase: GoldenCase }[] {
  const dir = join(PRESET_DIR, 'cases');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), goldenCase: readJson(join(dir, f)) as GoldenCase }));
}
