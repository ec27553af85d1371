/**
 * Composite int keys packed into one or two int32 words: each key column takes a bit field holding
 * `value − lo + 1` (0 for null). In one word the group table sees a single int key and takes its
 * fastest path (a direct id window over a small range, no row hashes); in two, it compares two
 * columns instead of all of them (q10 of db-benchmark: six keys, 62 bits, ~5M distinct per task,
 * where each key column compared was a cache miss). The layout widens as batches show wider
 * ranges; past two words the caller falls back to the composite table.
 *
 * db-benchmark q2 (id1, id2 as string codes: 100 × 100) and q9 (id2, id4): the composite table's
 * per-row hashing and probing was ~1.2 s of a worker's ~3 s over three runs of q9 at 1e7.
 */
import type { DataType } from "../../../planner/types.js";
import type { I32Col } from "../../batch.js";

const MAX_BITS = 31;
const MAX_WORDS = 2;

export interface PackedLayout {
  /** 1 or 2 int32 words per key. */
  readonly words: number;
  readonly lo: readonly number[];
  readonly width: readonly number[];
  /** The word each column's field lives in, and its shift there. */
  readonly word: readonly number[];
  readonly shift: readonly number[];
}

/** Bits to hold 0..m−1. */
const bitsFor = (m: number): number => Math.max(1, Math.ceil(Math.log2(m)));

/** Fields of `width` bits placed into the fewest 31-bit words (widest first), or null past MAX_WORDS. */
function place(width: readonly number[]): { words: number; word: number[]; shift: number[] } | null {
  const order = width.map((_, j) => j).sort((a, b) => (width[b] as number) - (width[a] as number));
  const used: number[] = [];
  const word: number[] = new Array<number>(width.length).fill(0);
  const shift: number[] = new Array<number>(width.length).fill(0);
  for (const j of order) {
    const w = width[j] as number;
    let k = used.findIndex((u) => u + w <= MAX_BITS);
    if (k < 0) {
      if (used.length === MAX_WORDS) return null;
      used.push(0);
      k = used.length - 1;
    }
    word[j] = k;
    shift[j] = used[k] as number;
    used[k] = (used[k] as number) + w;
  }
  return { words: used.length, word, shift };
}

export class PackedKeys {
  private layoutNow: PackedLayout | null = null;
  /** The range of valid values seen per column (lo > hi: none yet). */
  private readonly seenLo: number[];
  private readonly seenHi: number[];

  constructor(readonly types: readonly DataType[]) {
    this.seenLo = types.map(() => 2147483647);
    this.seenHi = types.map(() => -2147483648);
  }

  /** Two or more int32-like key columns (after strings became codes). */
  static applies(types: readonly DataType[]): boolean {
    return types.length >= 2 && types.every((t) => t === "int32" || t === "date");
  }

  get layout(): PackedLayout | null {
    return this.layoutNow;
  }

  /**
   * Makes the layout cover the keys of rows [0, n): "same" when it already did, "changed" when it
   * widened (packed keys made before must be repacked), "overflow" when they need more than two
   * 31-bit words.
   */
  fit(cols: readonly I32Col[], n: number): "same" | "changed" | "overflow" {
    let grew = this.layoutNow === null;
    for (let j = 0; j < cols.length; j++) {
      const c = cols[j] as I32Col;
      const v = c.values;
      const cv = c.valid;
      let lo = this.seenLo[j] as number;
      let hi = this.seenHi[j] as number;
      if (cv === null) {
        for (let i = 0; i < n; i++) {
          const x = v[i] as number;
          if (x < lo) lo = x;
          if (x > hi) hi = x;
        }
      } else {
        for (let i = 0; i < n; i++) {
          if (cv[i] === 0) continue;
          const x = v[i] as number;
          if (x < lo) lo = x;
          if (x > hi) hi = x;
        }
      }
      this.seenLo[j] = lo;
      this.seenHi[j] = hi;
      const l = this.layoutNow;
      if (l !== null && lo <= hi && (lo < (l.lo[j] as number) || hi - (l.lo[j] as number) + 1 > 2 ** (l.width[j] as number) - 1)) grew = true;
    }
    if (!grew) return "same";
    const need = this.types.map((_, j) => {
      const lo = this.seenLo[j] as number;
      const hi = this.seenHi[j] as number;
      return lo <= hi ? bitsFor(hi - lo + 2) : 1;
    });
    // One spare bit per column where they still fit, so a range that creeps up does not repack each time.
    const spared = need.map((w) => w + 1);
    let width = spared;
    let placed = place(spared);
    const tight = place(need);
    if (placed === null || (tight !== null && tight.words < placed.words)) {
      width = need;
      placed = tight;
    }
    if (placed === null) return "overflow";
    const lo = this.types.map((_, j) => ((this.seenLo[j] as number) <= (this.seenHi[j] as number) ? (this.seenLo[j] as number) : 0));
    this.layoutNow = { words: placed.words, lo, width, word: placed.word, shift: placed.shift };
    return "changed";
  }

  /** Packs rows [0, n) of `cols` with `layout` (default: the current one) into `out` (one array per word). */
  pack(cols: readonly I32Col[], n: number, out: readonly Int32Array[], layout: PackedLayout | null = this.layoutNow): void {
    if (layout === null) throw new Error("internal: packing before any layout");
    for (let w = 0; w < layout.words; w++) (out[w] as Int32Array).fill(0, 0, n);
    for (let j = 0; j < cols.length; j++) {
      const c = cols[j] as I32Col;
      const v = c.values;
      const cv = c.valid;
      const base = (layout.lo[j] as number) - 1;
      const sh = layout.shift[j] as number;
      const o = out[layout.word[j] as number] as Int32Array;
      if (cv === null) for (let i = 0; i < n; i++) o[i] = (o[i] as number) | (((v[i] as number) - base) << sh);
      else for (let i = 0; i < n; i++) if (cv[i] === 1) o[i] = (o[i] as number) | (((v[i] as number) - base) << sh);
    }
  }

  /** The key columns of packed keys `p` (one array per word, n keys) made with `layout` (default: the current one). */
  unpack(p: readonly Int32Array[], n: number, layout: PackedLayout | null = this.layoutNow): I32Col[] {
    if (layout === null) {
      // No batch with rows was seen (an empty partition): no keys to unpack.
      if (n === 0) return this.types.map((type) => ({ type: type as "int32" | "date", values: new Int32Array(0), valid: null }));
      throw new Error("internal: unpacking before any layout");
    }
    return this.types.map((type, j) => {
      const sh = layout.shift[j] as number;
      const mask = 2 ** (layout.width[j] as number) - 1;
      const base = (layout.lo[j] as number) - 1;
      const src = p[layout.word[j] as number] as Int32Array;
      const values = new Int32Array(n);
      let valid: Uint8Array | null = null;
      for (let i = 0; i < n; i++) {
        const f = ((src[i] as number) >>> sh) & mask;
        if (f === 0) {
          valid ??= new Uint8Array(n).fill(1);
          valid[i] = 0;
        } else values[i] = f + base;
      }
      return { type: type as "int32" | "date", values, valid };
    });
  }
}
