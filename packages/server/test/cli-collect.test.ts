import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../src/cli/collect.js';

describe('collectGarbage', () => {
  it('frees an object nothing refers to any more, and can be called again', async () => {
    const ref = ((): WeakRef<object> => new WeakRef({ rows: Array.from({ length: 1000 }, (_, i) => ({ i })) }))();
    // A WeakRef's target is kept until the current job ends.
    await new Promise<void>((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
    expect(() => collectGarbage()).not.toThrow();
  });
});
