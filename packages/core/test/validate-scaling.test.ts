import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { FAULTS, faultyDataset } from '../../../bench/validate-data.js';
import { validateDataset } from '../src/model/validate.js';

/**
 * Validation is linear in the dataset for every kind of invalid input: doubling the teams must not much
 * more than double the time. A quadratic validator (as ajv with allErrors was, when every team had the
 * same fault) gives 4× and more. The check is a ratio of two CPU times measured in the same run: 4× the
 * teams against 1×, interleaved, after a full collection, the fastest of several rounds, and measured
 * again before failing; the growth per doubling is the square root of that ratio. A busy machine slows
 * both sides alike, and only a real change of growth fails three attempts. The absolute figures are
 * `npm run bench:validate`'s.
 */

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const SMALL = 5_000;
const ROUNDS = 5;
const ATTEMPTS = 3;
const LIMIT = 2.5;

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function fastest(inputs: readonly string[]): number[] {
  const best = inputs.map(() => Infinity);
  for (let round = 0; round < ROUNDS; round++) {
    inputs.forEach((text, k) => {
      const input: unknown = JSON.parse(text);
      gc();
      const t0 = cpuMs();
      validateDataset(input);
      best[k] = Math.min(best[k]!, cpuMs() - t0);
    });
  }
  return best;
}

describe('validation time grows linearly with the teams', () => {
  it.each(Object.keys(FAULTS))('%s: each doubling of the teams takes at most 2.5× the time', (kind) => {
    const fault = FAULTS[kind]!;
    const inputs = [JSON.stringify(faultyDataset(SMALL, fault)), JSON.stringify(faultyDataset(4 * SMALL, fault))];
    let perDoubling = Infinity;
    for (let attempt = 0; attempt < ATTEMPTS && perDoubling > LIMIT; attempt++) {
      const [small, large] = fastest(inputs);
      perDoubling = Math.sqrt(large! / Math.max(small!, 0.5));
    }
    expect(perDoubling).toBeLessThanOrEqual(LIMIT);
  });
});
