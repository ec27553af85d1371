/**
 * Validity helpers. `null` means "no nulls" and is the common case: every helper returns an input
 * array unchanged (or null) when it can, so the no-null path allocates nothing. Validity arrays are
 * treated as immutable and may be shared between columns.
 */
import type { Validity } from "../batch.js";

/** Rows valid in both. */
export function andValid(a: Validity, b: Validity, n: number): Validity {
  if (a === null) return b;
  if (b === null) return a;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i]! & b[i]!;
  return out;
}

/** A fresh, writable copy of `v` (all ones for null). */
export function writableValid(v: Validity, n: number): Uint8Array {
  return v === null ? new Uint8Array(n).fill(1) : v.slice(0, n);
}

/** `v`, or null when it marks no row null (so later kernels take the no-null path). */
export function compactValid(v: Uint8Array, n: number): Validity {
  for (let i = 0; i < n; i++) if (v[i] === 0) return v;
  return null;
}
