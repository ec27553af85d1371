/** Typed-array growth shared by the hash tables and the aggregate states. */

export type GrowableArray = Int32Array | Uint8Array | Float64Array | BigInt64Array;

/**
 * `a` when it already holds `cap` elements, else a copy with capacity max(cap, 2 × length) and
 * the tail zeroed (doubling keeps appends amortised O(1)).
 */
export function growArray<T extends GrowableArray>(a: T, cap: number): T {
  if (a.length >= cap) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(cap, a.length * 2));
  (b as Int32Array).set(a as Int32Array);
  return b;
}
