/**
 * The specialised probe loops of KeyTable for a single key column (see key-table.ts for the slot
 * layouts and the measurements that justified them).
 */
import type { StrCol } from "../batch.js";
import type { IntKeyStore, Utf8KeyStore } from "./key-store.js";
import { hashBytes } from "./hash-columns.js";
import type { KeyTable } from "./key-table.js";

/** Id of an empty slot. */
export const EMPTY = -1;
/** 2^32 / φ: Fibonacci hashing takes a slot from the top bits of `hash * PHI`. */
export const PHI = 0x9e3779b1;

/**
 * The slot hash of an int key: murmur3's finalizer, so the caller's row hashes are not needed
 * (skipping hashColumns saved ~25% of a 100-group int32 aggregation).
 */
export function intKeyHash(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/** The id of int key `x` (inserted when absent and `insert`, else -1); slots are [id, key value]. */
export function intFindOrInsert(t: KeyTable, store: IntKeyStore, x: number, insert: boolean): number {
  const h = intKeyHash(x);
  const slots = t.slots;
  const mask = (1 << t.bits) - 1;
  let s = Math.imul(h, PHI) >>> (32 - t.bits);
  for (;;) {
    const g = slots[2 * s] as number;
    if (g === EMPTY) {
      if (!insert) return -1;
      const id = t.newId(h);
      store.values[id] = x;
      store.valid[id] = 1;
      slots[2 * s] = id;
      slots[2 * s + 1] = x;
      t.needsRehash();
      return id;
    }
    if (slots[2 * s + 1] === x) return g;
    s = (s + 1) & mask;
  }
}

/** One int-like key through the hash slots. */
export function probeInt(t: KeyTable, store: IntKeyStore, v: Int32Array | Uint8Array, cv: Uint8Array | null, n: number, out: Int32Array, insert: boolean): void {
  for (let i = 0; i < n; i++) {
    out[i] = cv !== null && cv[i] === 0 ? t.nullKeyId(store, insert) : intFindOrInsert(t, store, v[i] as number, insert);
  }
}

/**
 * A dense window of int keys: `ids[x - base]` = 1 + the id of key x (0 = not cached yet). Keys
 * from a small range (≤ 2^20 wide) skip hashing: 1e7 rows, 100 groups 103 ms → see the bench.
 */
export interface DirectWindow {
  readonly base: number;
  readonly ids: Int32Array;
}

/** One int-like key through a direct window; keys outside it go through the hash slots. Returns how many did. */
export function probeIntDirect(
  t: KeyTable,
  store: IntKeyStore,
  w: DirectWindow,
  v: Int32Array | Uint8Array,
  cv: Uint8Array | null,
  n: number,
  out: Int32Array,
  insert: boolean,
): number {
  const { ids, base } = w;
  const len = ids.length;
  let outside = 0;
  for (let i = 0; i < n; i++) {
    if (cv !== null && cv[i] === 0) {
      out[i] = t.nullKeyId(store, insert);
      continue;
    }
    const x = v[i] as number;
    const k = x - base;
    if (k < 0 || k >= len) {
      outside++;
      out[i] = intFindOrInsert(t, store, x, insert);
      continue;
    }
    const d = ids[k] as number;
    if (d !== 0) {
      out[i] = d - 1;
    } else {
      const id = intFindOrInsert(t, store, x, insert);
      out[i] = id;
      if (id >= 0) ids[k] = id + 1;
    }
  }
  return outside;
}

/**
 * The slot hash of a key of ≤ 16 bytes from its zero-padded words and length: a multiply-xorshift
 * chain whose top bits depend on every input bit (1e6 keys like "id0000001", "k1" or "user_16@x.com"
 * probe 1.46 slots on average at load 0.48, the ideal for linear probing).
 */
function shortHash(x0: number, x1: number, x2: number, x3: number, len: number): number {
  let h = Math.imul(len ^ x0, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15) ^ x1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ x2, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ x3, 0x27d4eb2f);
  return h ^ (h >>> 15);
}

/** Up to 4 bytes of `d` from `p` (`n` available) as a little-endian word, zero-padded. */
function word(d: Uint8Array, p: number, n: number): number {
  if (n >= 4) return (d[p] as number) | ((d[p + 1] as number) << 8) | ((d[p + 2] as number) << 16) | ((d[p + 3] as number) << 24);
  if (n <= 0) return 0;
  let x = d[p] as number;
  if (n > 1) x |= (d[p + 1] as number) << 8;
  if (n > 2) x |= (d[p + 2] as number) << 16;
  return x;
}

/**
 * One utf8 key: slots are [id, hash, byte length, first 16 bytes zero-padded as 4 words, 0]. The
 * table hashes the bytes itself while they are in cache (no hashColumns pass): 1e7 rows, 100
 * groups, hash + probe 450 ms → see the bench.
 */
export function probeUtf8(t: KeyTable, store: Utf8KeyStore, col: StrCol, n: number, out: Int32Array, insert: boolean): void {
  const { offsets: o, data: d, valid: cv } = col;
  let slots = t.slots;
  let shift = 32 - t.bits;
  let mask = (1 << t.bits) - 1;
  for (let i = 0; i < n; i++) {
    if (cv !== null && cv[i] === 0) {
      out[i] = t.nullKeyId(store, insert);
      continue;
    }
    const p = o[i] as number;
    const len = (o[i + 1] as number) - p;
    const x0 = word(d, p, len);
    const x1 = word(d, p + 4, len - 4);
    const x2 = word(d, p + 8, len - 8);
    const x3 = word(d, p + 12, len - 12);
    const h = len <= 16 ? shortHash(x0, x1, x2, x3, len) : hashBytes(d, p, p + len) | 0;
    let s = Math.imul(h, PHI) >>> shift;
    for (;;) {
      const b = 8 * s;
      const g = slots[b] as number;
      if (g === EMPTY) {
        if (!insert) {
          out[i] = -1;
          break;
        }
        const id = t.newId(h);
        store.pushBytes(id, d, p, len);
        slots[b] = id;
        slots[b + 1] = h;
        slots[b + 2] = len;
        slots[b + 3] = x0;
        slots[b + 4] = x1;
        slots[b + 5] = x2;
        slots[b + 6] = x3;
        out[i] = id;
        if (t.needsRehash()) {
          slots = t.slots;
          shift = 32 - t.bits;
          mask = (1 << t.bits) - 1;
        }
        break;
      }
      if (
        slots[b + 1] === h &&
        slots[b + 2] === len &&
        slots[b + 3] === x0 &&
        slots[b + 4] === x1 &&
        slots[b + 5] === x2 &&
        slots[b + 6] === x3 &&
        (len <= 16 || store.tailEquals(g, d, p, 16, len))
      ) {
        out[i] = g;
        break;
      }
      s = (s + 1) & mask;
    }
  }
}
