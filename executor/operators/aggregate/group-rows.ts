/**
 * Rows per group, counted once per batch by the hash aggregate and shared by the accumulators
 * that need a per-group count (count, sum's "any value" test, avg's divisor). Each of those then
 * counts only its input's nulls, and only in batches that have any: over null-free input, q4 of
 * db-benchmark (three means) did three count passes of random writes per row, now one.
 */
import { growArray } from "../../hash/grow-array.js";
import { addCounts } from "./count-accumulator.js";

export class GroupRows {
  counts = new Float64Array(0);

  resize(groups: number): void {
    this.counts = growArray(this.counts, groups);
  }

  add(gids: Int32Array, n: number): void {
    addCounts(this.counts, null, gids, n);
  }
}

/** Per-group non-null counts of one input as rows − nulls, nulls counted only where there are any. */
export class NonNullCounts {
  private nulls = new Float64Array(0);
  private anyNulls = false;

  constructor(private readonly rows: GroupRows) {}

  resize(groups: number): void {
    this.nulls = growArray(this.nulls, groups);
  }

  /** Counts the nulls of a batch (`valid` null: none). Rows are counted by GroupRows. */
  update(valid: Uint8Array | null, gids: Int32Array, n: number): void {
    if (valid === null) return;
    this.anyNulls = true;
    const z = this.nulls;
    for (let i = 0; i < n; i++) z[gids[i] as number] = (z[gids[i] as number] as number) + 1 - (valid[i] as number);
  }

  /** Counts of groups [start, end) written into `out` at their group index (out may be larger). */
  fill(out: Float64Array, start: number, end: number): Float64Array {
    const rows = this.rows.counts;
    const z = this.nulls;
    if (this.anyNulls) for (let g = start; g < end; g++) out[g] = (rows[g] as number) - (z[g] as number);
    else for (let g = start; g < end; g++) out[g] = rows[g] as number;
    return out;
  }
}
