/**
 * An open-addressing hash table that maps composite keys (a row of key columns) to dense ids
 * 0..size-1 in order of first appearance. Slots live in one Int32Array, linear probing, load
 * factor ≤ 1/2; the distinct keys are copied into columnar key stores so `keyColumns()` can emit
 * them. Plain objects and Maps were ruled out: they fall off a cliff near 2^23 keys (LIBRARIES.md
 * fact 7).
 *
 * Slot layouts, chosen once per table (1e7 rows, 1e6 distinct keys, one core):
 *   - one int-like key:  [id, key]                      generic path 1.77 s → 0.73 s
 *   - one utf8 key:      [id, hash, len, 16 prefix bytes, pad]  (keys ≤ 16 bytes never touch the
 *                        key store: the random read of the store cost ~170 ns/row) 5.0 s → see bench
 *   - anything else:     [id, hash] and a per-column matcher over the key stores.
 * With a single key column a null key gets its own id outside the slots.
 *
 * The slot is taken from the top bits of `hash * φ`: rows of one hash partition share the low
 * bits of their hash (`hash % n`), so masking the low bits would cluster them.
 */
import { type Batch, type Col, type StrCol, type Utf8Dict, takeCol } from "../batch.js";
import type { DataType } from "../../planner/types.js";
import { IntKeyStore, type KeyStore, type RowMatcher, type RowPusher, Utf8KeyStore, keyStore } from "./key-store.js";
import { type DirectWindow, EMPTY, PHI, probeInt, probeIntDirect, probeUtf8 } from "./key-table-probes.js";

export interface KeyTableOptions {
  /**
   * true (default): null is a key value and nulls group together (GROUP BY).
   * false: a row with a null in any key column is never inserted nor found; its id is -1 (joins).
   */
  readonly nullsEqual?: boolean;
  /** Expected number of keys; the table grows past it as needed. */
  readonly capacity?: number;
}

/** Widest key range served by a direct window (2^20 ids: 4 MB). */
const DIRECT_SPAN = 1 << 20;

export class KeyTable {
  readonly stores: KeyStore[];
  readonly nullsEqual: boolean;
  /** Ints per slot: 2, or 8 for a single utf8 key. Slot `s` starts at `s * width`. */
  readonly width: number;
  slots: Int32Array;
  bits: number;
  n = 0;
  private keyCap = 0;
  /** Hash of every key by id, for rehashing without touching the keys. */
  private keyHash = new Int32Array(0);
  private nullId = -1;
  /** Single int-like key: a dense id window over the key range, while the range stays small. */
  private direct: DirectWindow | null = null;
  /** The last dictionary probed, with the id of each of its codes (−2: not probed yet). */
  private dictMemo: { readonly values: StrCol; readonly insert: boolean; readonly map: Int32Array } | null = null;
  private directOff = false;

  constructor(readonly types: readonly DataType[], options: KeyTableOptions = {}) {
    this.stores = types.map(keyStore);
    this.nullsEqual = options.nullsEqual ?? true;
    this.width = this.stores.length === 1 && this.stores[0] instanceof Utf8KeyStore ? 8 : 2;
    const cap = Math.max(16, options.capacity ?? 256);
    this.bits = Math.ceil(Math.log2(cap * 2));
    this.slots = new Int32Array(this.width << this.bits).fill(EMPTY);
    this.reserveKeys(cap);
  }

  /** False when the table hashes keys itself (a single int-like or utf8 key column). */
  get needsHashes(): boolean {
    const only = this.stores.length === 1 ? this.stores[0] : undefined;
    return !(only instanceof IntKeyStore || only instanceof Utf8KeyStore);
  }

  /** Number of distinct keys. */
  get size(): number {
    return this.n;
  }

  /**
   * Ids of the keys of every row of `batch` (key columns at `keys`, hashed by hashColumns over the
   * same columns), inserting unseen keys. With `nullsEqual: false`, rows with a null key get -1.
   * `hashes` may be null when `needsHashes` is false (one int-like key hashes itself).
   *
   * @example
   * const t = new KeyTable(["int32"]);
   * const ids = new Int32Array(b.length);
   * t.findOrInsert(b, [0], hashColumns(b, [0]), ids);
   */
  findOrInsert(batch: Batch, keys: readonly number[], hashes: Uint32Array | null, out: Int32Array): void {
    this.probe(batch, keys, hashes, out, true);
  }

  /** Like findOrInsert but never inserts: absent keys (and null keys when !nullsEqual) give -1. */
  find(batch: Batch, keys: readonly number[], hashes: Uint32Array | null, out: Int32Array): void {
    this.probe(batch, keys, hashes, out, false);
  }

  /** The distinct keys, one column per key type, row `id` = key `id`. */
  keyColumns(): Col[] {
    return this.stores.map((s) => s.toCol(this.n));
  }

  private probe(batch: Batch, keys: readonly number[], hashes: Uint32Array | null, out: Int32Array, insert: boolean): void {
    if (keys.length !== this.stores.length) {
      throw new Error(`KeyTable: ${keys.length} key columns given, table has ${this.stores.length}`);
    }
    const cols = keys.map((k) => batch.columns[k] as Col);
    const h32 = hashes === null ? new Int32Array(0) : new Int32Array(hashes.buffer, hashes.byteOffset, batch.length);
    const only = this.stores.length === 1 ? this.stores[0] : undefined;
    if (only instanceof IntKeyStore) {
      const c = cols[0] as Col & { values: Int32Array | Uint8Array };
      // The window's range is scanned for on the first batch and after a batch with keys outside
      // it; other batches find out-of-range keys inside the probe (the scan was as costly as the
      // probe: q4 of db-benchmark, 100 groups).
      const w = this.direct ?? this.directWindow(only, c.values, c.valid, batch.length);
      if (w === null) probeInt(this, only, c.values, c.valid, batch.length, out, insert);
      else if (probeIntDirect(this, only, w, c.values, c.valid, batch.length, out, insert) > 0) this.directWindow(only, c.values, c.valid, batch.length);
    } else if (only instanceof Utf8KeyStore) {
      const c = cols[0] as StrCol;
      if (c.dict) this.probeDict(only, c, c.dict, batch.length, out, insert);
      else probeUtf8(this, only, c, batch.length, out, insert);
    } else if (hashes === null) {
      throw new Error("KeyTable: row hashes are required unless the key is a single int-like or utf8 column");
    } else {
      this.probeGeneric(cols, batch.length, h32, out, insert);
    }
  }

  /**
   * A dictionary-encoded key: the strings its rows use are probed once each (in order of first
   * use, so ids still follow first appearance), then every row takes its code's id.
   */
  private probeDict(store: Utf8KeyStore, c: StrCol, d: Utf8Dict, n: number, out: Int32Array, insert: boolean): void {
    const codes = d.codes;
    const cv = c.valid;
    const m = d.values.offsets.length - 1;
    // Slices of one batch share its dictionary: ids found for earlier slices are remembered
    // (an aggregate reads 1M-row Parquet batches in 64k-row slices).
    const memo = this.dictMemo;
    const map = memo !== null && memo.values === d.values && memo.insert === insert ? memo.map : new Int32Array(m).fill(-2);
    this.dictMemo = { values: d.values, insert, map };
    const used: number[] = [];
    let nulls = false;
    for (let i = 0; i < n; i++) {
      if (cv !== null && cv[i] === 0) {
        nulls = true;
        continue;
      }
      const k = codes[i] as number;
      if (map[k] === -2) {
        map[k] = -1;
        used.push(k);
      }
    }
    const order = Int32Array.from(used);
    const ids = new Int32Array(order.length);
    probeUtf8(this, store, takeCol(d.values, order) as StrCol, order.length, ids, insert);
    for (let u = 0; u < order.length; u++) map[order[u] as number] = ids[u] as number;
    const nullId = nulls ? this.nullKeyId(store, insert) : -1;
    for (let i = 0; i < n; i++) out[i] = cv !== null && cv[i] === 0 ? nullId : (map[codes[i] as number] as number);
  }

  private probeGeneric(cols: readonly Col[], n: number, h32: Int32Array, out: Int32Array, insert: boolean): void {
    const eq = this.rowMatcher(cols);
    const push = insert ? this.rowPusher(cols) : null;
    const skip = this.nullsEqual ? null : nullRows(cols, n);
    let slots = this.slots;
    let shift = 32 - this.bits;
    let mask = (1 << this.bits) - 1;
    for (let i = 0; i < n; i++) {
      if (skip !== null && skip[i] === 1) {
        out[i] = -1;
        continue;
      }
      const h = h32[i] as number;
      let s = Math.imul(h, PHI) >>> shift;
      for (;;) {
        const g = slots[2 * s] as number;
        if (g === EMPTY) {
          if (push === null) {
            out[i] = -1;
            break;
          }
          const id = this.newId(h);
          push(i, id);
          slots[2 * s] = id;
          slots[2 * s + 1] = h;
          out[i] = id;
          if (this.needsRehash()) {
            slots = this.slots;
            shift = 32 - this.bits;
            mask = (1 << this.bits) - 1;
          }
          break;
        }
        if (slots[2 * s + 1] === h && eq(i, g)) {
          out[i] = g;
          break;
        }
        s = (s + 1) & mask;
      }
    }
  }

  /**
   * The direct window for a batch of int keys, (re)built to cover the batch's key range when the
   * union with the current window is at most DIRECT_SPAN wide; null once keys are too spread.
   */
  private directWindow(store: IntKeyStore, v: Int32Array | Uint8Array, cv: Uint8Array | null, n: number): DirectWindow | null {
    if (this.directOff) return null;
    let lo = 2147483647;
    let hi = -2147483648;
    for (let i = 0; i < n; i++) {
      if (cv !== null && cv[i] === 0) continue;
      const x = v[i] as number;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    if (lo > hi) return this.direct; // only nulls
    const w = this.direct;
    if (w !== null && lo >= w.base && hi < w.base + w.ids.length) return w;
    if (w !== null) {
      lo = Math.min(lo, w.base);
      hi = Math.max(hi, w.base + w.ids.length - 1);
    }
    if (hi - lo + 1 > DIRECT_SPAN) {
      this.directOff = true;
      this.direct = null;
      return null;
    }
    // Room to grow: doubling keeps rebuilds (O(keys + span)) rare when the range creeps.
    const len = Math.min(DIRECT_SPAN, Math.max(hi - lo + 1, 2 * (w?.ids.length ?? 0), 64));
    const base = Math.max(-2147483648, Math.min(lo, hi - len + 1));
    const ids = new Int32Array(len);
    for (let id = 0; id < this.n; id++) {
      if (store.valid[id] !== 1) continue;
      const x = store.values[id] as number;
      if (x >= base && x < base + len) ids[x - base] = id + 1;
    }
    this.direct = { base, ids };
    return this.direct;
  }

  /** Allocates the next id for a key of hash `h` (the caller stores the key and fills the slot). */
  newId(h: number): number {
    const id = this.n++;
    if (id === this.keyCap) this.reserveKeys(this.keyCap * 2);
    this.keyHash[id] = h;
    return id;
  }

  /** Rehashes when over the load factor; true when `slots`/`bits` changed. */
  needsRehash(): boolean {
    if (this.n * 2 <= 1 << this.bits) return false;
    this.rehash();
    return true;
  }

  /** The id of the null key of a single-column table (-1 when nulls never match, or absent on find). */
  nullKeyId(store: IntKeyStore | Utf8KeyStore, insert: boolean): number {
    if (!this.nullsEqual) return -1;
    if (this.nullId < 0 && insert) {
      this.nullId = this.newId(0);
      store.pushNull(this.nullId);
    }
    return this.nullId;
  }

  private reserveKeys(cap: number): void {
    for (const s of this.stores) s.reserve(cap);
    const kh = new Int32Array(cap);
    kh.set(this.keyHash);
    this.keyHash = kh;
    this.keyCap = cap;
  }

  /** Doubles the slot array, moving whole slots by their key's stored hash (keys are not compared). */
  private rehash(): void {
    const old = this.slots;
    const kh = this.keyHash;
    const w = this.width;
    // Generic ([id, hash]) and utf8 slots carry the hash: reading it there avoids a random read of
    // keyHash per key (rehash was ~10% of a 10M-group aggregation).
    const inSlot = w === 8 || !(this.stores.length === 1 && this.stores[0] instanceof IntKeyStore);
    this.bits++;
    const slots = new Int32Array(w << this.bits).fill(EMPTY);
    const shift = 32 - this.bits;
    const mask = (1 << this.bits) - 1;
    for (let t = 0; t < old.length; t += w) {
      const g = old[t] as number;
      if (g === EMPTY) continue;
      let s = Math.imul((inSlot ? old[t + 1] : kh[g]) as number, PHI) >>> shift;
      while (slots[s * w] !== EMPTY) s = (s + 1) & mask;
      for (let k = 0; k < w; k++) slots[s * w + k] = old[t + k] as number;
    }
    this.slots = slots;
  }

  private rowMatcher(cols: readonly Col[]): RowMatcher {
    const ms = cols.map((c, j) => (this.stores[j] as KeyStore).matcher(c));
    const [a, b] = ms;
    if (ms.length === 0) return () => true;
    if (ms.length === 1 && a) return a;
    if (ms.length === 2 && a && b) return (i, g) => a(i, g) && b(i, g);
    return (i, g) => {
      for (const m of ms) if (!m(i, g)) return false;
      return true;
    };
  }

  private rowPusher(cols: readonly Col[]): RowPusher {
    const ps = cols.map((c, j) => (this.stores[j] as KeyStore).pusher(c));
    if (ps.length === 1 && ps[0]) return ps[0];
    return (i, g) => {
      for (const p of ps) p(i, g);
    };
  }
}

/** 1 where any of `cols` is null; null when no column has nulls. */
export function nullRows(cols: readonly Col[], n: number): Uint8Array | null {
  let out: Uint8Array | null = null;
  for (const c of cols) {
    const v = c.valid;
    if (v === null) continue;
    out ??= new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) | ((v[i] as number) ^ 1);
  }
  return out;
}
