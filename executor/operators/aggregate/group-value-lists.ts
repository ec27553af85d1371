/**
 * Every non-null value of a numeric column with its group id, appended to growable typed arrays
 * in the input's own type (int32 and date in an Int32Array, int64 and timestamp in a
 * BigInt64Array copied as 32-bit words, float64 in a Float64Array) — the state of the holistic
 * aggregates. `sortedByGroup` then lays the values out group by group (a counting sort on the
 * group id, O(rows + groups)) and sorts each group's slice with the typed array's native numeric
 * sort: no comparator, no per-row object. Measured on 6.5M float64 values in 10,000 groups:
 * appending ≈ 100 ms, the counting sort and the per-group sorts ≈ 300 ms (one sort of all the
 * values alone takes ≈ 700 ms).
 */
import type { Col } from "../../batch.js";
import type { DataType } from "../../../planner/types.js";
import { growArray } from "../../hash/grow-array.js";
import { words } from "../../hash/hash-columns.js";

export type ValueArray = Int32Array | Float64Array | BigInt64Array;

/** Values grouped and sorted: group g's values are `values[offsets[g] .. offsets[g + 1])`, ascending. */
export interface SortedGroups {
  readonly offsets: Int32Array;
  readonly values: ValueArray;
}

function emptyValues(type: DataType): ValueArray {
  switch (type) {
    case "float64":
      return new Float64Array(1024);
    case "int64":
    case "timestamp":
      return new BigInt64Array(1024);
    case "int32":
    case "date":
      return new Int32Array(1024);
    default:
      throw new Error(`cannot collect ${type} values`);
  }
}

/** Appends the valid rows of `v` with their group ids at `at`; returns the new size. */
function append32(v: Int32Array | Float64Array, valid: Uint8Array | null, gids: Int32Array, n: number, out: Int32Array | Float64Array, og: Int32Array, at: number): number {
  let k = at;
  if (valid === null) {
    for (let i = 0; i < n; i++) {
      out[k] = v[i] as number;
      og[k++] = gids[i] as number;
    }
  } else {
    for (let i = 0; i < n; i++) {
      if (valid[i] === 0) continue;
      out[k] = v[i] as number;
      og[k++] = gids[i] as number;
    }
  }
  return k;
}

/** int64 as (lo, hi) word pairs, which copies without making a BigInt per row. */
function appendWords(w: Int32Array, valid: Uint8Array | null, gids: Int32Array, n: number, out: Int32Array, og: Int32Array, at: number): number {
  let k = at;
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) continue;
    out[2 * k] = w[2 * i] as number;
    out[2 * k + 1] = w[2 * i + 1] as number;
    og[k++] = gids[i] as number;
  }
  return k;
}

export class GroupValueLists {
  private values: ValueArray;
  private gids = new Int32Array(1024);
  /** Values held so far. */
  size = 0;

  constructor(readonly type: DataType) {
    this.values = emptyValues(type);
  }

  /** Appends the non-null rows 0..n-1 of `c` to groups `gids`. */
  append(c: Col, gids: Int32Array, n: number): void {
    this.values = growArray(this.values, this.size + n);
    this.gids = growArray(this.gids, this.size + n);
    const out = this.values;
    if (out instanceof BigInt64Array) {
      if (c.type !== "int64" && c.type !== "timestamp") throw new Error(`expected int64 values, got ${c.type}`);
      this.size = appendWords(words(c.values), c.valid, gids, n, words(out), this.gids, this.size);
    } else if (out instanceof Float64Array) {
      if (c.type !== "float64") throw new Error(`expected float64 values, got ${c.type}`);
      this.size = append32(c.values, c.valid, gids, n, out, this.gids, this.size);
    } else {
      if (c.type !== "int32" && c.type !== "date") throw new Error(`expected int32 values, got ${c.type}`);
      this.size = append32(c.values, c.valid, gids, n, out, this.gids, this.size);
    }
  }

  /** The values of groups 0..groups-1, each group's slice sorted ascending (NaN last). */
  sortedByGroup(groups: number): SortedGroups {
    const out = this.byGroup(groups);
    const { offsets, values } = out;
    for (let g = 0; g < groups; g++) {
      const a = offsets[g] as number;
      const b = offsets[g + 1] as number;
      if (b - a > 1) values.subarray(a, b).sort();
    }
    return out;
  }

  /** The values of groups 0..groups-1 laid out group by group, each group's slice in input order. */
  byGroup(groups: number): SortedGroups {
    const n = this.size;
    const gids = this.gids;
    const offsets = new Int32Array(groups + 1);
    for (let k = 0; k < n; k++) {
      const at = (gids[k] as number) + 1;
      offsets[at] = (offsets[at] as number) + 1;
    }
    for (let g = 0; g < groups; g++) offsets[g + 1] = (offsets[g + 1] as number) + (offsets[g] as number);
    const next = offsets.slice(0, groups);
    const src = this.values;
    const sorted = new (src.constructor as new (n: number) => ValueArray)(n);
    if (src instanceof BigInt64Array) {
      const sw = words(src);
      const dw = words(sorted as BigInt64Array);
      for (let k = 0; k < n; k++) {
        const g = gids[k] as number;
        const p = next[g] as number;
        next[g] = p + 1;
        dw[2 * p] = sw[2 * k] as number;
        dw[2 * p + 1] = sw[2 * k + 1] as number;
      }
    } else {
      const d = sorted as Int32Array | Float64Array;
      for (let k = 0; k < n; k++) {
        const g = gids[k] as number;
        const p = next[g] as number;
        next[g] = p + 1;
        d[p] = src[k] as number;
      }
    }
    return { offsets, values: sorted };
  }
}
