/**
 * Selection in a typed-array slice: after `selectKth(v, lo, hi, k)`, v[k] holds the value a sort
 * of v[lo, hi) would put there, everything in [lo, k) is ≤ it and everything in (k, hi) ≥ it.
 * Quickselect (Hoare partition, median-of-three pivot), linear on average: exact percentiles need
 * one or two order statistics per group, not the whole group sorted (q6 of db-benchmark at 1e7:
 * the per-group sorts were ~40% of the median's time).
 */
export type SelectArray = Float64Array | Int32Array;

/** Moves NaNs to the end of v[lo, hi) (where a numeric sort puts them); returns where they start. */
export function nansLast(v: SelectArray, lo: number, hi: number): number {
  let end = hi;
  for (let t = lo; t < end; ) {
    const x = v[t] as number;
    if (x !== x) {
      end--;
      v[t] = v[end] as number;
      v[end] = x;
    } else t++;
  }
  return end;
}

/** Partially orders v[lo, hi) (no NaNs) so that v[k] is its sorted value; lo ≤ k < hi. */
export function selectKth(v: SelectArray, lo: number, hi: number, k: number): void {
  let l = lo;
  let r = hi - 1;
  while (r - l >= 16) {
    const m = (l + r) >>> 1;
    // Median of three in v[m], with v[l] ≤ v[m] ≤ v[r].
    if ((v[m] as number) < (v[l] as number)) swap(v, m, l);
    if ((v[r] as number) < (v[l] as number)) swap(v, r, l);
    if ((v[r] as number) < (v[m] as number)) swap(v, r, m);
    const pivot = v[m] as number;
    let i = l;
    let j = r;
    while (i <= j) {
      while ((v[i] as number) < pivot) i++;
      while ((v[j] as number) > pivot) j--;
      if (i <= j) {
        swap(v, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return; // v[j+1, i) all equal the pivot, and k is among them
  }
  // Insertion sort of the last few.
  for (let a = l + 1; a <= r; a++) {
    const x = v[a] as number;
    let b = a - 1;
    while (b >= l && (v[b] as number) > x) {
      v[b + 1] = v[b] as number;
      b--;
    }
    v[b + 1] = x;
  }
}

/** The smallest of v[lo, hi) (hi > lo). */
export function minOf(v: SelectArray, lo: number, hi: number): number {
  let m = v[lo] as number;
  for (let t = lo + 1; t < hi; t++) if ((v[t] as number) < m) m = v[t] as number;
  return m;
}

function swap(v: SelectArray, a: number, b: number): void {
  const t = v[a] as number;
  v[a] = v[b] as number;
  v[b] = t;
}
