/**
 * Range partitioning for a distributed sort (Spark's RangePartitioner): sample the sort keys of
 * every partition, cut the sorted sample into `partitions` ranges, then send each row to the
 * range its keys fall in. Partition p holds rows in (bound[p-1], bound[p]]; equal keys always land
 * in the same partition, so sorting each partition and concatenating them in order sorts all.
 */
import { type Batch, type Col, takeBatch, takeCol } from "../batch.js";
import { type SortKey, compareRowsFn, sortedIndices } from "./compare-rows.js";

/**
 * An even sample of at most `max` rows of the key columns of `b` (columns in `keys` order).
 *
 * @example
 * const s = sampleRows(b, [{ index: 2, ascending: true, nullsFirst: true }], 100); // 1 column
 */
export function sampleRows(b: Batch, keys: readonly SortKey[], max: number): Batch {
  const m = Math.max(0, Math.min(max, b.length));
  const idx = new Int32Array(m);
  for (let k = 0; k < m; k++) idx[k] = Math.floor((k * b.length) / m);
  return { length: m, columns: keys.map((k) => takeCol(b.columns[k.index] as Col, idx)) };
}

/**
 * At most `partitions - 1` ascending, distinct boundary rows (key columns in `keys` order) cut
 * from `sample` (whose columns `keys` index).
 */
export function computeRangeBounds(sample: Batch, keys: readonly SortKey[], partitions: number): Batch {
  const keyCols: Batch = { length: sample.length, columns: keys.map((k) => sample.columns[k.index] as Col) };
  const local = keys.map((k, j) => ({ ...k, index: j }));
  const order = sortedIndices(keyCols, local);
  const cmp = compareRowsFn(keyCols, keyCols, local);
  const picks: number[] = [];
  const n = order.length;
  for (let p = 1; p < partitions && n > 0; p++) {
    const row = order[Math.min(n - 1, Math.floor((p * n) / partitions))] as number;
    const last = picks[picks.length - 1];
    if (last === undefined || cmp(last, row) < 0) picks.push(row);
  }
  return takeBatch(keyCols, Int32Array.from(picks));
}

/** The range partition of every row of `b`: the first bound ≥ the row (bounds.length if none). */
export function rangePartitionIds(b: Batch, keys: readonly SortKey[], bounds: Batch): Int32Array {
  const cmp = compareRowsFn(b, bounds, keys, keys.map((_, j) => j));
  const ids = new Int32Array(b.length);
  for (let i = 0; i < b.length; i++) {
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(i, mid) > 0) lo = mid + 1;
      else hi = mid;
    }
    ids[i] = lo;
  }
  return ids;
}
