/**
 * As-of join of one task's left and right rows (co-partitioned by the by keys). Both sides are
 * sorted by (by keys, key); then one merge pass walks each by-group of the left with two pointers
 * into the same group of the right:
 *   backward  the last right row with key ≤ the left key (the last of equal keys, in input order);
 *   forward   the first right row with key ≥ the left key;
 *   nearest   whichever of the two is closer (backward on a tie).
 * A match further than `tolerance` is dropped. Left rows with a null key or by key, or without a
 * match, get nulls. Keys are compared as float64 (int64 and timestamps exactly up to 2^53).
 * Output: the left rows in (by, key) order, then the gathered right columns.
 */
import type { AsofStrategy } from "../../planner/logical-plan.js";
import { type Batch, type Col, flatCol, takeBatch, takeCol } from "../batch.js";
import { compareRowsFn, sortedIndices } from "./compare-rows.js";

export interface AsofSpec {
  readonly leftKey: number;
  readonly rightKey: number;
  readonly leftBy: readonly number[];
  readonly rightBy: readonly number[];
  readonly strategy: AsofStrategy;
  readonly tolerance: number | null;
}

/** A key column as float64 values plus validity (one pass, chosen once per column type). */
function keyValues(nested: Col): { v: Float64Array; valid: Uint8Array | null } {
  const c = flatCol(nested, "an as-of join key");
  const n = c.type === "utf8" ? c.offsets.length - 1 : c.values.length;
  if (c.type === "float64") return { v: c.values, valid: c.valid };
  const v = new Float64Array(n);
  if (c.type === "int64" || c.type === "timestamp") {
    const src = c.values;
    for (let i = 0; i < n; i++) v[i] = Number(src[i] as bigint);
  } else if (c.type === "int32" || c.type === "date") v.set(c.values);
  else throw new Error(`internal: as-of join key of type ${c.type}`);
  return { v, valid: c.valid };
}

/** True when any by column of row i is null. */
function nullRow(b: Batch, by: readonly number[], i: number): boolean {
  for (const k of by) {
    const valid = (b.columns[k] as Col).valid;
    if (valid !== null && valid[i] === 0) return true;
  }
  return false;
}

export function asofJoin(left: Batch, right: Batch, spec: AsofSpec): Batch {
  const asc = (index: number) => ({ index, ascending: true, nullsFirst: true });
  const lOrder = sortedIndices(left, [...spec.leftBy.map(asc), asc(spec.leftKey)]);
  const rOrder = sortedIndices(right, [...spec.rightBy.map(asc), asc(spec.rightKey)]);
  const byLR = compareRowsFn(left, right, spec.leftBy.map(asc), [...spec.rightBy]);
  const byLL = compareRowsFn(left, left, spec.leftBy.map(asc));
  const lk = keyValues(left.columns[spec.leftKey] as Col);
  const rk = keyValues(right.columns[spec.rightKey] as Col);
  const tol = spec.tolerance ?? Number.POSITIVE_INFINITY;
  const { strategy } = spec;
  const match = new Int32Array(lOrder.length).fill(-1);
  const nr = rOrder.length;
  let r = 0;
  let i = 0;
  while (i < lOrder.length) {
    const first = lOrder[i] as number;
    // The left group [i, end): rows with the by keys of `first`.
    let end = i + 1;
    while (end < lOrder.length && byLL(first, lOrder[end] as number) === 0) end++;
    if (nullRow(left, spec.leftBy, first)) {
      i = end;
      continue;
    }
    // The right group [gs, ge) with the same by keys, null keys skipped (they sort first).
    while (r < nr && byLR(first, rOrder[r] as number) > 0) r++;
    let gs = r;
    let ge = r;
    while (ge < nr && byLR(first, rOrder[ge] as number) === 0) ge++;
    while (gs < ge && rk.valid !== null && rk.valid[rOrder[gs] as number] === 0) gs++;
    let back = gs; // first right row with key > left key
    let fwd = gs; // first right row with key ≥ left key
    for (let k = i; k < end; k++) {
      const row = lOrder[k] as number;
      if (lk.valid !== null && lk.valid[row] === 0) continue;
      const x = lk.v[row] as number;
      while (back < ge && (rk.v[rOrder[back] as number] as number) <= x) back++;
      while (fwd < ge && (rk.v[rOrder[fwd] as number] as number) < x) fwd++;
      const b = back > gs ? (rOrder[back - 1] as number) : -1;
      const f = fwd < ge ? (rOrder[fwd] as number) : -1;
      const db = b >= 0 ? x - (rk.v[b] as number) : Number.POSITIVE_INFINITY;
      const df = f >= 0 ? (rk.v[f] as number) - x : Number.POSITIVE_INFINITY;
      const pick = strategy === "backward" ? b : strategy === "forward" ? f : db <= df ? b : f;
      const dist = pick === b ? db : df;
      match[k] = pick >= 0 && dist <= tol ? pick : -1;
    }
    r = ge;
    i = end;
  }
  const l = takeBatch(left, lOrder);
  return { length: l.length, columns: [...l.columns, ...right.columns.map((c) => takeCol(c, match))] };
}
