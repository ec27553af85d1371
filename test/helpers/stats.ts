/**
 * Reference statistics in plain JS, written independently of the engine: two-pass textbook
 * formulas (mean first, then squared deviations) and sort-based percentiles. Inputs are the
 * group's values with nulls already dropped (pairs: rows where both are non-null). Results follow
 * Spark 3: null where Spark gives NULL.
 */

const num = (v: number | bigint): number => Number(v);

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Σ(x − mean)², two-pass; exactly 0 for equal values (a rounded mean of 0.1s is not 0.1). */
function sumSquares(xs: readonly number[]): number {
  if (xs.every((x) => x === xs[0])) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return s;
}

export function varPopOf(vs: readonly (number | bigint)[]): number | null {
  const xs = vs.map(num);
  return xs.length === 0 ? null : sumSquares(xs) / xs.length;
}

export function varSampOf(vs: readonly (number | bigint)[]): number | null {
  const xs = vs.map(num);
  return xs.length < 2 ? null : sumSquares(xs) / (xs.length - 1);
}

export function stddevPopOf(vs: readonly (number | bigint)[]): number | null {
  const v = varPopOf(vs);
  return v === null ? null : Math.sqrt(v);
}

export function stddevSampOf(vs: readonly (number | bigint)[]): number | null {
  const v = varSampOf(vs);
  return v === null ? null : Math.sqrt(v);
}

/** Σ(x − meanX)(y − meanY), two-pass. */
function coMoment(pairs: readonly (readonly [number, number])[]): number {
  const mx = mean(pairs.map((p) => p[0]));
  const my = mean(pairs.map((p) => p[1]));
  let s = 0;
  for (const [x, y] of pairs) s += (x - mx) * (y - my);
  return s;
}

type Pair = readonly [number | bigint, number | bigint];
const nums = (ps: readonly Pair[]): [number, number][] => ps.map(([x, y]) => [num(x), num(y)]);

export function covarPopOf(ps: readonly Pair[]): number | null {
  return ps.length === 0 ? null : coMoment(nums(ps)) / ps.length;
}

export function covarSampOf(ps: readonly Pair[]): number | null {
  return ps.length < 2 ? null : coMoment(nums(ps)) / (ps.length - 1);
}

export function corrOf(ps: readonly Pair[]): number | null {
  if (ps.length < 2) return null;
  const p = nums(ps);
  const sx = sumSquares(p.map((q) => q[0]));
  const sy = sumSquares(p.map((q) => q[1]));
  if (sx === 0 || sy === 0) return null;
  return coMoment(p) / Math.sqrt(sx * sy);
}

/** Ascending, numbers and bigints compared exactly. */
function sorted<T extends number | bigint>(vs: readonly T[]): T[] {
  return [...vs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Spark's exact percentile: the value at fractional index (n − 1)·p of the sorted values, interpolated. */
export function percentileOf(vs: readonly (number | bigint)[], p: number): number | null {
  if (vs.length === 0) return null;
  const s = sorted(vs).map(num);
  const pos = (s.length - 1) * p;
  const i = Math.floor(pos);
  const frac = pos - i;
  const lo = s[i] as number;
  if (frac === 0) return lo;
  const hi = s[i + 1] as number;
  return lo + frac * (hi - lo);
}

export const medianOf = (vs: readonly (number | bigint)[]): number | null => percentileOf(vs, 0.5);

/** Nearest rank: the smallest value whose 1-based rank r satisfies r ≥ p·n (the first value for p = 0). */
export function nearestRankOf<T extends number | bigint>(vs: readonly T[], p: number): T | null {
  if (vs.length === 0) return null;
  const s = sorted(vs);
  for (let r = 1; r <= s.length; r++) if (r >= p * s.length) return s[r - 1] as T;
  return s[s.length - 1] as T;
}

/** a and b agree to `rel` relative to max(|a|, |b|, scale, 1); nulls must match. */
export function close(a: number | null | undefined, b: number | null | undefined, rel = 1e-9, scale = 0): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return a === b;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b), scale);
}

/**
 * The relative error to allow a streaming (Welford) moment against the two-pass reference. A
 * running mean is held in a double, so each deviation x − mean is off by about eps·|mean|; over
 * the sum of squares that is a relative error of order eps·|mean|/σ — small for centred data,
 * 1e-8 for values 1e9 ± 3 (the one-pass textbook formula would be off by eps·(mean/σ)², ~100%).
 */
export function momentTolerance(vs: readonly (number | bigint)[]): number {
  const xs = vs.map(num);
  if (xs.length < 2) return 1e-9;
  const sd = Math.sqrt(sumSquares(xs) / xs.length);
  return sd === 0 ? 1e-9 : 1e-9 + 10 * Number.EPSILON * (Math.abs(mean(xs)) / sd);
}
