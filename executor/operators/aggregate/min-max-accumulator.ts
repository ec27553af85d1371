/**
 * min(x) / max(x): the state is the best value so far (null = none yet), of the input type.
 * Numbers compare natively, int64 by (signed high, unsigned low) words, float64 with Spark's
 * ordering where NaN is larger than any number, booleans false < true, utf8 by UTF-8 bytes
 * (= code point order). Strings are first reduced to the best row per group within the batch, so
 * at most one copy per group and batch reaches the arena.
 */
import { type Col, type StrCol, flatCol } from "../../batch.js";
import type { DataType } from "../../../planner/types.js";
import { growArray } from "../../hash/grow-array.js";
import { words } from "../../hash/hash-columns.js";
import type { Accumulator } from "./accumulator.js";
import { GroupValues } from "./group-values.js";

/** Compares rows i and j of a utf8 column by bytes. */
function compareStrRows(o: Int32Array, d: Uint8Array, i: number, j: number): number {
  const p = o[i] as number;
  const q = o[j] as number;
  const n = (o[i + 1] as number) - p;
  const m = (o[j + 1] as number) - q;
  const k = n < m ? n : m;
  for (let t = 0; t < k; t++) {
    const x = d[p + t] as number;
    const y = d[q + t] as number;
    if (x !== y) return x - y;
  }
  return n - m;
}

export class MinMaxAccumulator implements Accumulator {
  private readonly vals: GroupValues;
  /** utf8: 1 + the batch's best row per group (0 = none). */
  private pick = new Int32Array(0);
  private touched = new Int32Array(0);

  constructor(
    private readonly isMax: boolean,
    type: DataType,
  ) {
    this.vals = new GroupValues(type);
  }

  resize(groups: number): void {
    this.vals.resize(groups);
    if (this.vals.type === "utf8") this.pick = growArray(this.pick, groups);
  }

  update(input: Col | null, gids: Int32Array, n: number): void {
    if (input === null) throw new Error("min/max needs an input column");
    input = flatCol(input, "min/max");
    switch (input.type) {
      case "float64":
        return this.updateFloats(input.values, input.valid, gids, n);
      case "int64":
      case "timestamp":
        return this.updateLongs(input.values, input.valid, gids, n);
      case "utf8":
        return this.updateStrings(input, gids, n);
      default:
        return this.updateInts(input.values, input.valid, gids, n);
    }
  }

  merge(states: readonly Col[], gids: Int32Array, n: number): void {
    this.update(states[0] as Col, gids, n);
  }

  state(start: number, end: number): Col[] {
    return [this.vals.toCol(start, end)];
  }

  result(start: number, end: number): Col {
    return this.vals.toCol(start, end);
  }

  private updateInts(v: Int32Array | Uint8Array, valid: Uint8Array | null, gids: Int32Array, n: number): void {
    const cur = this.vals.values as Int32Array;
    const has = this.vals.valid;
    const max = this.isMax;
    for (let i = 0; i < n; i++) {
      if (valid !== null && valid[i] === 0) continue;
      const g = gids[i] as number;
      const x = v[i] as number;
      const c = cur[g] as number;
      if (has[g] === 0 || (max ? x > c : x < c)) {
        cur[g] = x;
        has[g] = 1;
      }
    }
  }

  private updateFloats(v: Float64Array, valid: Uint8Array | null, gids: Int32Array, n: number): void {
    const cur = this.vals.values as Float64Array;
    const has = this.vals.valid;
    const max = this.isMax;
    for (let i = 0; i < n; i++) {
      if (valid !== null && valid[i] === 0) continue;
      const g = gids[i] as number;
      const x = v[i] as number;
      const c = cur[g] as number;
      // NaN is the largest value: max takes it, min takes anything over it.
      const better = max ? x > c || (x !== x && c === c) : x < c || (c !== c && x === x);
      if (has[g] === 0 || better) {
        cur[g] = x;
        has[g] = 1;
      }
    }
  }

  private updateLongs(v: BigInt64Array, valid: Uint8Array | null, gids: Int32Array, n: number): void {
    const w = words(v);
    const cw = this.vals.words;
    const has = this.vals.valid;
    const sign = this.isMax ? 1 : -1;
    for (let i = 0; i < n; i++) {
      if (valid !== null && valid[i] === 0) continue;
      const g = gids[i] as number;
      const xh = w[2 * i + 1] as number;
      const ch = cw[2 * g + 1] as number;
      const xl = (w[2 * i] as number) >>> 0;
      const cl = (cw[2 * g] as number) >>> 0;
      const cmp = xh !== ch ? (xh < ch ? -1 : 1) : xl !== cl ? (xl < cl ? -1 : 1) : 0;
      if (has[g] === 0 || cmp * sign > 0) {
        cw[2 * g] = xl | 0;
        cw[2 * g + 1] = xh;
        has[g] = 1;
      }
    }
  }

  private updateStrings(c: StrCol, gids: Int32Array, n: number): void {
    const { offsets: o, data: d, valid } = c;
    const pick = this.pick;
    this.touched = growArray(this.touched, n);
    const touched = this.touched;
    const sign = this.isMax ? 1 : -1;
    let t = 0;
    for (let i = 0; i < n; i++) {
      if (valid !== null && valid[i] === 0) continue;
      const g = gids[i] as number;
      const p = pick[g] as number;
      if (p === 0) {
        pick[g] = i + 1;
        touched[t++] = g;
      } else if (compareStrRows(o, d, i, p - 1) * sign > 0) {
        pick[g] = i + 1;
      }
    }
    const vals = this.vals;
    for (let k = 0; k < t; k++) {
      const g = touched[k] as number;
      const i = (pick[g] as number) - 1;
      pick[g] = 0;
      const a = o[i] as number;
      const len = (o[i + 1] as number) - a;
      if (vals.valid[g] === 0 || vals.compareBytes(d, a, len, g) * sign > 0) vals.setBytes(g, d, a, len);
    }
  }
}
