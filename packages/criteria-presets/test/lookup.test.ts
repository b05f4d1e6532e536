/**
 * The one preset lookup (`presetMatches`, `selectPreset`), used by this package's registry and by the
 * server's catalog of bundled and local presets (packages/server/test/preset-lookup.test.ts).
 */
import type { CriteriaSet } from '@cnscd/core';
import { describe, expect, it } from 'vitest';
import { getPreset, presetMatches, selectPreset } from '../src/index.js';

const base = getPreset('national-2024');
const version = (v: string, effective?: CriteriaSet['effective']): CriteriaSet =>
  effective === undefined ? { ...base, version: v } : { ...base, version: v, effective };

describe('presetMatches', () => {
  it('takes an exact version, a range, or nothing', () => {
    expect(presetMatches(version('2.0.0'))).toBe(true);
    expect(presetMatches(version('2.0.0'), { version: '2.0.0' })).toBe(true);
    expect(presetMatches(version('2.0.0'), { version: '^2' })).toBe(true);
    expect(presetMatches(version('2.0.0'), { version: '^1' })).toBe(false);
  });

  it('lets a prerelease match a range, as core does for extends and plugin ranges', () => {
    expect(presetMatches(version('2.1.0-rc.1'), { version: '^2' })).toBe(true);
    expect(presetMatches(version('2.1.0-rc.1'), { version: '2.1.0-rc.1' })).toBe(true);
  });

  it('matches an invalid range only by equality, never throws', () => {
    expect(presetMatches(version('2.0.0'), { version: 'not a range' })).toBe(false);
    expect(presetMatches(version('not a range'), { version: 'not a range' })).toBe(true);
  });

  it('checks the effective dates against asOf', () => {
    const set = version('2.0.0', { from: '2025-01-01', to: '2025-12-31' });
    expect(presetMatches(set, { asOf: '2025-06-30' })).toBe(true);
    expect(presetMatches(set, { asOf: '2026-01-01' })).toBe(false);
    expect(presetMatches(set, { asOf: '2024-12-31' })).toBe(false);
  });
});

describe('selectPreset', () => {
  const entries = [
    { set: version('1.0.0'), tag: 'a' },
    { set: version('2.1.0-rc.1'), tag: 'b' },
    { set: version('2.0.0'), tag: 'c' },
    { set: version('2.0.0'), tag: 'd' },
  ];

  it('picks the newest match, whatever the order given; the first of equal versions', () => {
    expect(selectPreset(entries)?.tag).toBe('b');
    expect(selectPreset(entries, { version: '^1' })?.tag).toBe('a');
    expect(selectPreset(entries, { version: '2.0.0' })?.tag).toBe('c');
    expect(selectPreset([...entries].reverse(), { version: '2.0.0' })?.tag).toBe('d');
    expect(selectPreset(entries, { version: '^3' })).toBeUndefined();
  });
});
