/**
 * first(x) / last(x) without ignoreNulls, as Spark: the value of the first (last) row of the
 * group in input order, even when it is null. State: [value, seen]. In final mode states merge in
 * arrival order, so across partitions the answer depends on partition order (as in Spark). Rows
 * are first reduced to one row per group and batch, then copied once.
 */
import type { Col } from "../../batch.js";
import type { DataType } from "../../../planner/types.js";
import { growArray } from "../../hash/grow-array.js";
import type { Accumulator } from "./accumulator.js";
import { GroupValues } from "./group-values.js";

export class FirstLastAccumulator implements Accumulator {
  private readonly vals: GroupValues;
  private seen = new Uint8Array(0);
  /** 1 + the row picked in the current batch per group (0 = none). */
  private pick = new Int32Array(0);
  private touched = new Int32Array(0);

  constructor(
    private readonly isLast: boolean,
    type: DataType,
  ) {
    this.vals = new GroupValues(type);
  }

  resize(groups: number): void {
    this.vals.resize(groups);
    this.seen = growArray(this.seen, groups);
    this.pick = growArray(this.pick, groups);
  }

  update(input: Col | null, gids: Int32Array, n: number): void {
    if (input === null) throw new Error("first/last needs an input column");
    this.fold(input, null, gids, n);
  }

  merge(states: readonly Col[], gids: Int32Array, n: number): void {
    this.fold(states[0] as Col, states[1] as Col, gids, n);
  }

  /** Folds rows (of partial states whose `seen` is set, when given) in input order. */
  private fold(c: Col, seenCol: Col | null, gids: Int32Array, n: number): void {
    const use = seenCol === null ? null : (seenCol as { values: Uint8Array }).values;
    const useValid = seenCol === null ? null : seenCol.valid;
    const { seen, pick } = this;
    this.touched = growArray(this.touched, n);
    const touched = this.touched;
    let t = 0;
    for (let i = 0; i < n; i++) {
      if (use !== null && (use[i] === 0 || (useValid !== null && useValid[i] === 0))) continue;
      const g = gids[i] as number;
      if (this.isLast) {
        if (pick[g] === 0) touched[t++] = g;
        pick[g] = i + 1;
      } else if (seen[g] === 0 && pick[g] === 0) {
        pick[g] = i + 1;
        touched[t++] = g;
      }
    }
    const set = this.vals.setter(c);
    for (let k = 0; k < t; k++) {
      const g = touched[k] as number;
      set(g, (pick[g] as number) - 1);
      seen[g] = 1;
      pick[g] = 0;
    }
  }

  state(start: number, end: number): Col[] {
    return [this.vals.toCol(start, end), { type: "boolean", values: this.seen.slice(start, end), valid: null }];
  }

  result(start: number, end: number): Col {
    return this.vals.toCol(start, end);
  }
}
