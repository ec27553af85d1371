/**
 * A stable LSD radix sort of row indices for sort keys of fixed-width types (every type but
 * utf8). Each key is turned into unsigned words whose order is the key's order (sign bit flipped;
 * float64 bits flipped by sign with -0 → 0 and NaN → the largest value; all bits inverted for
 * descending), then sorted byte by byte from the last key's lowest byte to the first key's highest,
 * skipping bytes every row shares; nulls are moved first or last per key by a stable partition.
 * Row indices of 1e6 rows by one key, busy machine: int32 ~600 ms → 75 ms, float64 ~700 ms → 102 ms
 * against the comparator sort (which utf8 keys still use: ~860 ms).
 */
import { type Batch, type Col, isListCol, isStructCol } from "../batch.js";
import { words } from "../hash/hash-columns.js";
import type { SortKey } from "./compare-rows.js";

/** Below this many rows the comparator sort is as fast. */
export const RADIX_MIN_ROWS = 256;

/** The key's order-preserving words for rows idx[0..n) (index 0 = least significant). */
function keyWords(c: Col, idx: Int32Array, ascending: boolean): Uint32Array[] {
  const n = idx.length;
  const flip = ascending ? 0 : 0xffffffff;
  switch (c.type) {
    case "int32":
    case "date":
    case "boolean": {
      const v = c.values;
      const w = new Uint32Array(n);
      const bias = c.type === "boolean" ? 0 : 0x80000000;
      for (let i = 0; i < n; i++) w[i] = ((v[idx[i] as number] as number) ^ bias ^ flip) >>> 0;
      return [w];
    }
    case "int64":
    case "timestamp": {
      const x = words(c.values);
      const lo = new Uint32Array(n);
      const hi = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const j = idx[i] as number;
        lo[i] = ((x[2 * j] as number) ^ flip) >>> 0;
        hi[i] = ((x[2 * j + 1] as number) ^ 0x80000000 ^ flip) >>> 0;
      }
      return [lo, hi];
    }
    case "float64": {
      const v = c.values;
      const x = words(v);
      const lo = new Uint32Array(n);
      const hi = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const j = idx[i] as number;
        const f = v[j] as number;
        let l = x[2 * j] as number;
        let h = x[2 * j + 1] as number;
        if (f === 0) l = h = 0; // -0 sorts with 0
        else if (f !== f) (l = 0), (h = 0x7ff80000); // every NaN: one value, above +Infinity
        if (h < 0) (l = ~l), (h = ~h); // negative: reverse the magnitude order
        else h ^= 0x80000000; // positive: above every negative
        lo[i] = (l ^ flip) >>> 0;
        hi[i] = (h ^ flip) >>> 0;
      }
      return [lo, hi];
    }
    default:
      return []; // the null type: every row is null
  }
}

/** One stable counting-sort pass by byte `shift` of `ws[0]`, carrying idx and the other words. */
function pass(idx: Int32Array, ws: Uint32Array[], shift: number, count: Int32Array): [Int32Array, Uint32Array[]] {
  const n = idx.length;
  const key = ws[0] as Uint32Array;
  count.fill(0);
  for (let i = 0; i < n; i++) {
    const d = ((key[i] as number) >>> shift) & 255;
    count[d] = (count[d] as number) + 1;
  }
  for (let b = 0; b < 256; b++) if (count[b] === n) return [idx, ws]; // every row shares this byte
  for (let b = 0, sum = 0; b < 256; b++) {
    const c = count[b] as number;
    count[b] = sum;
    sum += c;
  }
  const out = new Int32Array(n);
  const outWs = ws.map(() => new Uint32Array(n));
  for (let i = 0; i < n; i++) {
    const d = ((key[i] as number) >>> shift) & 255;
    const at = count[d] as number;
    count[d] = at + 1;
    out[at] = idx[i] as number;
    for (let k = 0; k < ws.length; k++) (outWs[k] as Uint32Array)[at] = (ws[k] as Uint32Array)[i] as number;
  }
  return [out, outWs];
}

/** Sets the words of null rows to 0 so that a null's hidden value never reorders rows. */
function zeroNulls(ws: Uint32Array[], idx: Int32Array, valid: Uint8Array): void {
  for (let i = 0; i < idx.length; i++) {
    if (valid[idx[i] as number] === 0) for (const w of ws) w[i] = 0;
  }
}

/** Moves rows whose key is null first or last, keeping order otherwise. */
function placeNulls(idx: Int32Array, valid: Uint8Array, nullsFirst: boolean): Int32Array {
  const n = idx.length;
  let nulls = 0;
  for (let i = 0; i < n; i++) if (valid[idx[i] as number] === 0) nulls++;
  if (nulls === 0 || nulls === n) return idx;
  const out = new Int32Array(n);
  let a = nullsFirst ? 0 : n - nulls; // next null slot
  let b = nullsFirst ? nulls : 0; // next value slot
  for (let i = 0; i < n; i++) {
    const j = idx[i] as number;
    if (valid[j] === 0) out[a++] = j;
    else out[b++] = j;
  }
  return out;
}

/** Sorted row numbers of `b` by `keys`, stable; null when a key is utf8 (use the comparator sort). */
export function radixSortedIndices(b: Batch, keys: readonly SortKey[]): Int32Array | null {
  const cols = keys.map((k) => b.columns[k.index] as Col);
  if (cols.some((c) => c === undefined || c.type === "utf8" || isListCol(c) || isStructCol(c))) return null;
  let idx: Int32Array = new Int32Array(b.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  const count = new Int32Array(256);
  for (let k = keys.length - 1; k >= 0; k--) {
    const key = keys[k] as SortKey;
    const c = cols[k] as Col;
    let ws = keyWords(c, idx, key.ascending);
    if (c.valid !== null) zeroNulls(ws, idx, c.valid); // null slots may hold any value: keep ties stable
    while (ws.length > 0) {
      for (let shift = 0; shift < 32; shift += 8) [idx, ws] = pass(idx, ws, shift, count);
      ws = ws.slice(1);
    }
    if (c.valid !== null) idx = placeNulls(idx, c.valid, key.nullsFirst);
  }
  return idx;
}
