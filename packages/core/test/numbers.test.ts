import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean, decimal4 } from '../src/internal/numbers.js';

/** The definition `clean` must match exactly (Object.is: -0 and NaN included); integers are kept as they are. */
const reference = (x: number): number => (Number.isInteger(x) && Math.abs(x) < 1e12 ? x : Number.isFinite(x) ? Number(x.toPrecision(12)) : x);

const same = (x: number): void => {
  const got = clean(x);
  const want = reference(x);
  if (!Object.is(got, want)) expect({ x, got }).toEqual({ x, got: want });
};

describe('clean: 12 significant digits, exactly Number(x.toPrecision(12)) (integers kept, -0 included)', () => {
  it('worked examples', () => {
    expect(clean(0.1 + 0.2)).toBe(0.3);
    expect(clean((50 / 7) * 1)).toBe(7.14285714286);
    expect(clean((10 / 12 / 0.9) * 10)).toBe(9.25925925926);
    expect(clean(58.00000000000001)).toBe(58);
    expect(clean(-2.675)).toBe(-2.675);
    expect(clean(123456789012.5)).toBe(123456789013);
    expect(clean(1e-12 / 3)).toBe(3.33333333333e-13);
    expect(Object.is(clean(-0), -0)).toBe(true);
    expect(clean(Number.NaN)).toBeNaN();
    expect(clean(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it('any double', () => {
    fc.assert(
      fc.property(fc.double(), (x) => same(x)),
      { numRuns: 20_000 },
    );
  });

  it('everyday magnitudes: quotients of counts, scaled to points and percents', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom(1, 4, 7, 8, 10, 12, 100, 0.9, 0.7, 60),
        (a, b, m) => {
          same(a / b);
          same((a / b) * m);
          same((a / b / m) * 12);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('ties and near-ties at the 12th digit, and values next to powers of ten', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100_000_000_000, max: 999_999_999_999 }),
        fc.integer({ min: -9, max: 10 }),
        fc.integer({ min: -3, max: 3 }),
        (k, e, ulps) => {
          // k.5 × 10^(e-11): a decimal tie, then the doubles a few ulps either side of it.
          let x = (k + 0.5) * 10 ** (e - 11);
          for (let i = 0; i < Math.abs(ulps); i++) x = nextAfter(x, ulps > 0);
          same(x);
          same(-x);
          const p = 10 ** e;
          same(p);
          same(nextAfter(p, true));
          same(nextAfter(p, false));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});

describe('decimal4: exactly String(Math.round(x * 10000) / 10000)', () => {
  const sameText = (x: number): void => {
    const want = String(Math.round(x * 10000) / 10000);
    if (decimal4(x) !== want) expect({ x, got: decimal4(x) }).toEqual({ x, got: want });
  };

  it('worked examples', () => {
    expect(decimal4(0.7)).toBe('0.7');
    expect(decimal4(2 / 3)).toBe('0.6667');
    expect(decimal4(0.05)).toBe('0.05');
    expect(decimal4(0.00004)).toBe('0');
    expect(decimal4(-0.00004)).toBe('0');
    expect(decimal4(-12.30005)).toBe('-12.3');
    expect(decimal4(1234567.00015)).toBe('1234567.0002');
    // biome-ignore lint/correctness/noPrecisionLoss: the nearest double is the point of the test
    expect(decimal4(99999999999.99999)).toBe('100000000000');
    expect(decimal4(1e17 + 0.5)).toBe('100000000000000000');
  });

  it('any finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => sameText(x)),
      { numRuns: 20_000 },
    );
  });

  it('everyday magnitudes, ties at the 4th decimal, and the edge of the fast path', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }),
        fc.integer({ min: -3, max: 3 }),
        (a, b, k, ulps) => {
          sameText(a / b);
          sameText((a / b) * 7.5);
          let x = (k + 0.5) / 10000;
          for (let i = 0; i < Math.abs(ulps); i++) x = x > 0 ? nextAfter(x, ulps > 0) : -nextAfter(-x, ulps > 0);
          sameText(x);
          sameText(k / 10000);
          sameText(k);
        },
      ),
      { numRuns: 20_000 },
    );
  });
});

/** The adjacent double above (or below) a positive finite x. */
function nextAfter(x: number, up: boolean): number {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  buf.setBigUint64(0, buf.getBigUint64(0) + (up ? 1n : -1n));
  return buf.getFloat64(0);
}
