/**
 * A share as a percentage with at most one decimal (95.2, 100), or undefined without a base.
 * Rounding never claims 100 when something is missing, nor 0 when something is there.
 */
export function percent(part: number, whole: number): number | undefined {
  if (whole <= 0) return undefined;
  const v = Math.round((part / whole) * 1000) / 10;
  if (v >= 100 && part < whole) return 99.9;
  if (v <= 0 && part > 0) return 0.1;
  return v;
}

/** A rate 0..1 as a percentage with the same rounding guards as `percent`. */
export function percentOfRate(rate: number): number {
  const v = Math.round(rate * 1000) / 10;
  if (v >= 100 && rate < 1) return 99.9;
  if (v <= 0 && rate > 0) return 0.1;
  return v;
}

/** An average with at most one decimal, or undefined without a base. */
export function average(total: number, count: number): number | undefined {
  return count > 0 ? Math.round((total / count) * 10) / 10 : undefined;
}
