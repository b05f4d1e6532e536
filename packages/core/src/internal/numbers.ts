/** 10^0 … 10^22, each exactly representable as a double (parsed from decimal text, so exact). */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * Round a result to 12 significant digits: removes binary floating-point noise (0.1 + 0.2) from scores
 * and rates while staying within 1e-11 (relative) of the exact value, whatever its magnitude.
 *
 * Exactly `Number(x.toPrecision(12))` for every double, except that integers below 1e12 (and -0) are
 * returned as they are, and several times faster for everyday values: with `n = 11 − floor(log10 |x|)`,
 * `t = |x| × 10^n` lies in [1e11, 1e12) and is computed with one rounding (error ≤ 6.2e-5, as 10^n is
 * exact), so `Math.round(t)` is the correctly rounded 12-digit mantissa unless `t` is within 1e-3 of a tie
 * or of the range's ends; `k / 10^n` is then the double nearest to that decimal (one correctly rounded
 * division of two exact values), which is what parsing the `toPrecision` text gives. Ties, huge, tiny
 * and non-finite values take `toPrecision` itself. `test/numbers.test.ts` checks the equality on random
 * and adversarial doubles.
 */
export function clean(x: number): number {
  if (Number.isInteger(x)) {
    if (x < 1e12 && x > -1e12) return x; // unchanged by 12 significant digits
  } else if (Number.isFinite(x)) {
    const a = x < 0 ? -x : x;
    if (a >= 1e-9 && a < 1e11) {
      // n = 11 − floor(log10 a), found by comparing with exact powers (Math.log10 is slower here).
      let n = 11;
      if (a >= 1) while (a >= POW10[12 - n]!) n--;
      else while (a * POW10[n]! < 1e11) n++;
      const t = a * POW10[n]!;
      if (t >= 1e11 + 1 && t < 1e12 - 1) {
        const k = Math.round(t);
        const frac = t - Math.floor(t);
        if (frac < 0.499 || frac > 0.501) return (x < 0 ? -k : k) / POW10[n]!;
      }
    }
  } else {
    return x; // NaN, ±Infinity
  }
  return Number(x.toPrecision(12));
}

const ZEROS = ['', '0', '00', '000'];

/**
 * `String(Math.round(x * 10000) / 10000)` for a finite `x` (reasons show numbers to 4 decimals), without
 * the double-to-shortest-text conversion for everyday values. With `k = Math.round(x × 10^4)` and
 * `|k| < 10^15`, the decimal k × 10^-4 has at most 15 significant digits, so it is the shortest text that
 * reads back as the double `k / 10^4` (two decimals of ≤ 15 digits never round to the same double), and
 * `String` writes such a value without an exponent: the digits of `k` with the point put back and
 * trailing zeros dropped are that text. Larger values take `String` itself. `test/numbers.test.ts` checks
 * the equality on random and adversarial doubles.
 */
export function decimal4(x: number): string {
  const k = Math.round(x * 10000);
  if (!(k < 1e15 && k > -1e15)) return String(k / 10000);
  if (k === 0) return '0'; // also -0, which String writes as "0"
  const a = k < 0 ? -k : k;
  const whole = Math.floor(a / 10000); // exact: a < 10^15, so a / 10^4 is never rounded up to an integer
  let frac = a - whole * 10000;
  const sign = k < 0 ? '-' : '';
  if (frac === 0) return `${sign}${whole}`;
  let digits = 4;
  while (frac % 10 === 0) {
    frac /= 10;
    digits--;
  }
  const text = `${frac}`;
  return `${sign}${whole}.${ZEROS[digits - text.length]!}${text}`;
}
