/**
 * Exact per-group sums of int32/int64 values without a BigInt per row.
 *
 * Values are added into `small` (Float64Array), which is exact while every partial sum stays
 * within ±2^53. A global bound `mass` (Σ over batches of rows × max |value|) caps every group's
 * partial sum; before a batch would push it past 2^53 the partial sums are folded into the
 * BigInt64Array `big` (O(groups), rare: with |values| < 2^31 it takes ≥ 2^22 rows of extreme
 * values). A batch holding an int64 value beyond ±2^53 / rows is added as two words instead: the
 * unsigned low words into `small`, the signed high words into `high` (value = high·2^32 + small).
 * `exact` reads a sum back exactly; `wrapped` gives Spark's long arithmetic (wraps mod 2^64).
 */
import { growArray } from "../../hash/grow-array.js";
import { words } from "../../hash/hash-columns.js";

const LIMIT = 2 ** 53;
const CHUNK = 1 << 20; // rows per split-word pass: 2^20 · 2^32 ≤ 2^53

export class ExactIntSums {
  small = new Float64Array(0);
  private high = new Float64Array(0);
  private big = new BigInt64Array(0);
  /** Multiples of 2^64 that `big` wrapped past (so `exact` stays exact beyond the long range). */
  private wraps = new Float64Array(0);
  private mass = 0;
  private highMass = 0;
  /** False until a fold or a split-word batch: then `small` alone no longer holds the sums. */
  private spilled = false;

  resize(groups: number): void {
    this.small = growArray(this.small, groups);
    if (this.spilled) {
      this.high = growArray(this.high, groups);
      this.big = growArray(this.big, groups);
      this.wraps = growArray(this.wraps, groups);
    }
  }

  /** Adds valid values of an int32 column. */
  addInt32(v: Int32Array, valid: Uint8Array | null, gids: Int32Array, n: number): void {
    for (let a = 0; a < n; a += CHUNK) this.addInt32Chunk(v, valid, gids, a, Math.min(n, a + CHUNK));
  }

  private addInt32Chunk(v: Int32Array, valid: Uint8Array | null, gids: Int32Array, from: number, to: number): void {
    let maxAbs = 0;
    for (let i = from; i < to; i++) {
      const x = v[i] as number;
      const a = x < 0 ? -x : x;
      if (a > maxAbs) maxAbs = a;
    }
    this.reserveMass(maxAbs * (to - from));
    const s = this.small;
    if (valid === null) for (let i = from; i < to; i++) s[gids[i] as number] = (s[gids[i] as number] as number) + (v[i] as number);
    else for (let i = from; i < to; i++) if (valid[i] === 1) s[gids[i] as number] = (s[gids[i] as number] as number) + (v[i] as number);
  }

  /** Adds valid values of an int64 column. */
  addInt64(v: BigInt64Array, valid: Uint8Array | null, gids: Int32Array, n: number): void {
    const w = words(v);
    let maxAbs = 0;
    for (let i = 0; i < n; i++) {
      const x = (w[2 * i + 1] as number) * 4294967296 + ((w[2 * i] as number) >>> 0);
      const a = x < 0 ? -x : x;
      if (a > maxAbs) maxAbs = a;
    }
    if (maxAbs * n <= LIMIT / 2) {
      this.reserveMass(maxAbs * n);
      const s = this.small;
      for (let i = 0; i < n; i++) {
        if (valid !== null && valid[i] === 0) continue;
        s[gids[i] as number] = (s[gids[i] as number] as number) + ((w[2 * i + 1] as number) * 4294967296 + ((w[2 * i] as number) >>> 0));
      }
      return;
    }
    for (let a = 0; a < n; a += CHUNK) this.addWords(w, valid, gids, a, Math.min(n, a + CHUNK));
  }

  private addWords(w: Int32Array, valid: Uint8Array | null, gids: Int32Array, from: number, to: number): void {
    this.spill();
    const rows = to - from;
    if (this.highMass + rows * 2 ** 31 > LIMIT) this.fold();
    this.reserveMass(rows * 4294967296);
    this.highMass += rows * 2 ** 31;
    const s = this.small;
    const h = this.high;
    for (let i = from; i < to; i++) {
      if (valid !== null && valid[i] === 0) continue;
      const g = gids[i] as number;
      s[g] = (s[g] as number) + ((w[2 * i] as number) >>> 0);
      h[g] = (h[g] as number) + (w[2 * i + 1] as number);
    }
  }

  /** The exact sum of group `g` (no wrapping). */
  exact(g: number): bigint {
    const s = this.small[g] as number;
    if (!this.spilled) return BigInt(s);
    const carry = BigInt(this.wraps[g] as number) << 64n;
    return carry + (this.big[g] as bigint) + (BigInt(this.high[g] as number) << 32n) + BigInt(s);
  }

  /** The sum of group `g` as Spark's long arithmetic gives it (wrapping mod 2^64). */
  wrapped(g: number): bigint {
    return BigInt.asIntN(64, this.exact(g));
  }

  /** Whether `small` alone holds every sum (then `small[g]` is the exact sum). */
  get simple(): boolean {
    return !this.spilled;
  }

  private reserveMass(m: number): void {
    if (this.mass + m > LIMIT) this.fold();
    this.mass += m;
  }

  private spill(): void {
    if (this.spilled) return;
    this.spilled = true;
    this.high = growArray(this.high, this.small.length);
    this.big = growArray(this.big, this.small.length);
    this.wraps = growArray(this.wraps, this.small.length);
  }

  /** Moves every partial sum into `big` (wrapping mod 2^64 as Spark's long does). */
  private fold(): void {
    this.spill();
    const { small: s, high: h, big: b, wraps } = this;
    for (let g = 0; g < s.length; g++) {
      const x = s[g] as number;
      const y = h[g] as number;
      if (x === 0 && y === 0) continue;
      const t = (b[g] as bigint) + (BigInt(y) << 32n) + BigInt(x);
      const wrapped = BigInt.asIntN(64, t);
      b[g] = wrapped;
      if (t !== wrapped) wraps[g] = (wraps[g] as number) + Number((t - wrapped) >> 64n);
      s[g] = 0;
      h[g] = 0;
    }
    this.mass = 0;
    this.highMass = 0;
  }
}
