/**
 * sum(x) and avg(x). State: [sum, non-null count]. Integral input sums exactly (ExactIntSums) and
 * wraps like Spark's long on overflow; avg keeps its integral sum exact too and rounds once, when
 * it emits the float64 state or the result. Float input sums in a Float64Array. A group without
 * a non-null value sums to NULL (Spark).
 */
import type { Col } from "../../batch.js";
import type { DataType } from "../../../planner/types.js";
import { growArray } from "../../hash/grow-array.js";
import { words } from "../../hash/hash-columns.js";
import { type Accumulator, setInt64FromNumber, validityOf } from "./accumulator.js";
import { addCounts, countsToCol, mergeCounts } from "./count-accumulator.js";
import { ExactIntSums } from "./exact-int-sum.js";
import { type GroupRows, NonNullCounts } from "./group-rows.js";

export class SumAccumulator implements Accumulator {
  private readonly ints: ExactIntSums | null;
  private floats = new Float64Array(0);
  private counts = new Float64Array(0);
  private has = new Uint8Array(0);
  /** Set in partial/complete mode: counts are rows − nulls, filled in before they are read. */
  private shared: NonNullCounts | null = null;

  /** `merging`: final mode, where avg's partial sums arrive as float64. */
  constructor(
    private readonly kind: "sum" | "avg",
    private readonly inputType: DataType,
    merging: boolean,
  ) {
    const integral = inputType === "int32" || inputType === "int64";
    this.ints = integral && (kind === "sum" || !merging) ? new ExactIntSums() : null;
  }

  shareRows(rows: GroupRows): boolean {
    this.shared = new NonNullCounts(rows);
    return true;
  }

  resize(groups: number): void {
    this.counts = growArray(this.counts, groups);
    this.shared?.resize(groups);
    if (this.ints !== null) this.ints.resize(groups);
    else this.floats = growArray(this.floats, groups);
  }

  update(input: Col | null, gids: Int32Array, n: number): void {
    if (input === null) throw new Error(`${this.kind} needs an input column`);
    if (this.shared !== null) this.shared.update(input.valid, gids, n);
    else addCounts(this.counts, input.valid, gids, n);
    this.addValues(input, gids, n);
  }

  merge(states: readonly Col[], gids: Int32Array, n: number): void {
    this.addValues(states[0] as Col, gids, n);
    mergeCounts(this.counts, states[1] as Col, gids, n);
  }

  private addValues(c: Col, gids: Int32Array, n: number): void {
    const ints = this.ints;
    if (ints !== null && c.type === "int64") return ints.addInt64(c.values, c.valid, gids, n);
    if (ints !== null && c.type === "int32") return ints.addInt32(c.values, c.valid, gids, n);
    if (c.type !== "float64" && c.type !== "null") throw new Error(`${this.kind} over ${c.type} (input type ${this.inputType})`);
    const v = c.values;
    const valid = c.valid;
    const s = this.floats;
    if (valid === null) for (let i = 0; i < n; i++) s[gids[i] as number] = (s[gids[i] as number] as number) + (v[i] as number);
    else for (let i = 0; i < n; i++) if (valid[i] === 1) s[gids[i] as number] = (s[gids[i] as number] as number) + (v[i] as number);
  }

  state(start: number, end: number): Col[] {
    this.shared?.fill(this.counts, start, end);
    const sum = this.kind === "avg" ? this.floatSums(start, end) : this.sums(start, end);
    return [sum, countsToCol(this.counts, start, end)];
  }

  result(start: number, end: number): Col {
    this.shared?.fill(this.counts, start, end);
    if (this.kind === "sum") return this.sums(start, end);
    const sums = this.floatSums(start, end);
    const values = sums.values as Float64Array;
    for (let g = start; g < end; g++) values[g - start] = (values[g - start] as number) / (this.counts[g] as number);
    return sums;
  }

  /** Which groups saw a non-null value. */
  private validity(start: number, end: number): Uint8Array | null {
    this.has = growArray(this.has, end);
    for (let g = start; g < end; g++) this.has[g] = (this.counts[g] as number) > 0 ? 1 : 0;
    return validityOf(this.has, start, end);
  }

  /** Sums in the natural sum type: int64 for integral input, else float64. */
  private sums(start: number, end: number): Col {
    const valid = this.validity(start, end);
    const ints = this.ints;
    if (ints === null) return { type: "float64", values: this.floats.slice(start, end), valid };
    const values = new BigInt64Array(end - start);
    if (ints.simple) {
      const w = words(values);
      for (let g = start; g < end; g++) setInt64FromNumber(w, g - start, ints.small[g] as number);
    } else {
      for (let g = start; g < end; g++) values[g - start] = ints.wrapped(g);
    }
    return { type: "int64", values, valid };
  }

  private floatSums(start: number, end: number): Col & { type: "float64" } {
    const valid = this.validity(start, end);
    const ints = this.ints;
    if (ints === null) return { type: "float64", values: this.floats.slice(start, end), valid };
    const values = new Float64Array(end - start);
    for (let g = start; g < end; g++) values[g - start] = ints.simple ? (ints.small[g] as number) : Number(ints.exact(g));
    return { type: "float64", values, valid };
  }
}
