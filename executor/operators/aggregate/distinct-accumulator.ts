/**
 * count/sum/avg(DISTINCT x), complete mode only: a KeyTable over (group id, value) remembers
 * which values each group has seen; only the first occurrence of a (group, value) pair reaches the
 * wrapped accumulator. Nulls never reach it (the distinct aggregates ignore them).
 */
import { type Col, takeCol } from "../../batch.js";
import type { DataType } from "../../../planner/types.js";
import { hashColumns } from "../../hash/hash-columns.js";
import { KeyTable } from "../../hash/key-table.js";
import type { Accumulator } from "./accumulator.js";

const PAIR = [0, 1] as const;

export class DistinctAccumulator implements Accumulator {
  private readonly seen: KeyTable;

  constructor(
    private readonly inner: Accumulator,
    inputType: DataType,
  ) {
    this.seen = new KeyTable(["int32", inputType]);
  }

  resize(groups: number): void {
    this.inner.resize(groups);
  }

  update(input: Col | null, gids: Int32Array, n: number): void {
    if (input === null) throw new Error("DISTINCT needs an input column");
    const pairs = { length: n, columns: [{ type: "int32", values: gids.subarray(0, n), valid: null } as Col, input] };
    const ids = new Int32Array(n);
    const before = this.seen.size;
    this.seen.findOrInsert(pairs, PAIR, hashColumns(pairs, PAIR), ids);
    // New pairs get ids before, before+1, … in row order: the first row with each is the one kept.
    let next = before;
    let m = 0;
    const keep = new Int32Array(this.seen.size - before);
    const valid = input.valid;
    for (let i = 0; i < n; i++) {
      if (ids[i] !== next) continue;
      next++;
      if (valid === null || valid[i] === 1) keep[m++] = i;
    }
    const rows = keep.subarray(0, m);
    const firstGids = new Int32Array(m);
    for (let k = 0; k < m; k++) firstGids[k] = gids[rows[k] as number] as number;
    this.inner.update(takeCol(input, rows), firstGids, m);
  }

  merge(): void {
    throw new Error("DISTINCT aggregates run in complete mode only");
  }

  state(): Col[] {
    throw new Error("DISTINCT aggregates run in complete mode only");
  }

  result(start: number, end: number): Col {
    return this.inner.result(start, end);
  }
}
