/**
 * Row hashes over key columns: one 32-bit murmur3-style hash per row, combining every key column.
 * Pure integer arithmetic with a fixed seed, so a row hashes the same in every thread and process
 * (hash partitions of a shuffle depend on it). Equal keys hash equal under SQL grouping equality:
 * float64 -0 and 0 hash alike, every NaN hashes alike, and a null hashes to a fixed constant.
 * The per-type loop is chosen once per column; the inner loops touch typed arrays only.
 */
import type { Batch, Col } from "../batch.js";

const SEED = 0x2a; // Spark's murmur3 seed; any fixed value works.
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
/** What a null contributes, whatever the column type. */
export const NULL_HASH = 0x6b43a9b5;
/** Bits mixed for every NaN (the canonical quiet NaN's high word). */
const NAN_HI = 0x7ff80000;

/** One murmur3 round: mixes the 32-bit word `k` into the running hash `h`. */
export function mixWord(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** murmur3's finalizer: spreads every input bit over the whole word. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** murmur3_32 over bytes [a, b) of `d` (little-endian words; no string decoding). */
export function hashBytes(d: Uint8Array, a: number, b: number): number {
  let h = SEED;
  let p = a;
  const end4 = a + ((b - a) & ~3);
  for (; p < end4; p += 4) {
    h = mixWord(h, (d[p] as number) | ((d[p + 1] as number) << 8) | ((d[p + 2] as number) << 16) | ((d[p + 3] as number) << 24));
  }
  let k = 0;
  switch (b - p) {
    case 3:
      k ^= (d[p + 2] as number) << 16;
    // falls through
    case 2:
      k ^= (d[p + 1] as number) << 8;
    // falls through
    case 1:
      k ^= d[p] as number;
      k = Math.imul(k, C1);
      k = (k << 15) | (k >>> 17);
      h ^= Math.imul(k, C2);
  }
  return fmix(h ^ (b - a));
}

/** The 32-bit words of a BigInt64Array or Float64Array (little-endian: low word first). */
export function words(v: BigInt64Array | Float64Array): Int32Array {
  return new Int32Array(v.buffer, v.byteOffset, v.length * 2);
}

function mixCol(c: Col, h: Uint32Array | Int32Array, n: number): void {
  const valid = c.valid;
  switch (c.type) {
    case "int32":
    case "date":
    case "null":
    case "boolean": {
      const v = c.values;
      if (valid === null) for (let i = 0; i < n; i++) h[i] = mixWord(h[i] as number, v[i] as number);
      else for (let i = 0; i < n; i++) h[i] = mixWord(h[i] as number, valid[i] === 1 ? (v[i] as number) : NULL_HASH);
      return;
    }
    case "int64":
    case "timestamp": {
      const w = words(c.values);
      for (let i = 0; i < n; i++) {
        if (valid !== null && valid[i] === 0) h[i] = mixWord(mixWord(h[i] as number, NULL_HASH), NULL_HASH);
        else h[i] = mixWord(mixWord(h[i] as number, w[2 * i] as number), w[2 * i + 1] as number);
      }
      return;
    }
    case "float64": {
      const v = c.values;
      const w = words(v);
      for (let i = 0; i < n; i++) {
        const x = v[i] as number;
        let lo: number;
        let hi: number;
        if (valid !== null && valid[i] === 0) lo = hi = NULL_HASH;
        else if (x === 0) lo = hi = 0; // -0 and 0 are one key
        else if (x !== x) (lo = 0), (hi = NAN_HI); // every NaN is one key
        else (lo = w[2 * i] as number), (hi = w[2 * i + 1] as number);
        h[i] = mixWord(mixWord(h[i] as number, lo), hi);
      }
      return;
    }
    case "utf8": {
      if (c.dict) {
        // Each distinct string is hashed once; rows take their code's hash.
        const values = c.dict.values;
        const vo = values.offsets;
        const vd = values.data;
        const m = vo.length - 1;
        const hv = new Int32Array(m);
        for (let k = 0; k < m; k++) hv[k] = hashBytes(vd, vo[k] as number, vo[k + 1] as number);
        const codes = c.dict.codes;
        for (let i = 0; i < n; i++) {
          const k = valid !== null && valid[i] === 0 ? NULL_HASH : (hv[codes[i] as number] as number);
          h[i] = mixWord(h[i] as number, k);
        }
        return;
      }
      const o = c.offsets;
      const d = c.data;
      for (let i = 0; i < n; i++) {
        const k = valid !== null && valid[i] === 0 ? NULL_HASH : hashBytes(d, o[i] as number, o[i + 1] as number);
        h[i] = mixWord(h[i] as number, k);
      }
      return;
    }
  }
}

/**
 * A 32-bit hash per row of `batch` over the columns at positions `keys` (in that order).
 * With no keys every row gets the same hash.
 *
 * @example
 * const h = hashColumns(batch, [0, 2]);   // h[i] = hash of (col0[i], col2[i])
 * const partition = h[i] % 8;
 */
export function hashColumns(batch: Batch, keys: readonly number[], out?: Uint32Array): Uint32Array {
  const n = batch.length;
  const h = out !== undefined && out.length >= n ? out : new Uint32Array(n);
  // Mixing in an Int32Array view keeps every intermediate a small integer (no heap numbers).
  const hi = new Int32Array(h.buffer, h.byteOffset, n);
  hi.fill(SEED);
  for (const k of keys) {
    const c = batch.columns[k];
    if (c === undefined) throw new Error(`hashColumns: no column ${k} (batch has ${batch.columns.length})`);
    mixCol(c, hi, n);
  }
  for (let i = 0; i < n; i++) hi[i] = fmix((hi[i] as number) ^ keys.length);
  return h;
}
