/**
 * Round a result to 12 significant digits: removes binary floating-point noise (0.1 + 0.2) from scores
 * and rates while staying within 1e-11 (relative) of the exact value, whatever its magnitude.
 */
export function clean(x: number): number {
  if (Number.isInteger(x) && x < 1e12 && x > -1e12) return x; // unchanged by 12 significant digits
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : x;
}
