/**
 * Sort: a stable sort of a batch's rows by sort keys (row indices sorted with comparators built
 * once per key and type, then one gather), plus the pieces of a distributed sort — row
 * comparators and range partitioning — re-exported here.
 */
import { type Batch, takeBatch } from "../batch.js";
import { type SortKey, sortedIndices } from "./compare-rows.js";

export { type RowComparator, type SortKey, compareRowsFn, sortedIndices } from "./compare-rows.js";
export { computeRangeBounds, rangePartitionIds, sampleRows } from "./range-partition.js";

/**
 * `b` with its rows sorted by `keys`; rows with equal keys keep their input order.
 *
 * @example
 * sortBatch(b, [{ index: 1, ascending: false, nullsFirst: false }, { index: 0, ascending: true, nullsFirst: true }])
 */
export function sortBatch(b: Batch, keys: readonly SortKey[]): Batch {
  if (b.length < 2 || keys.length === 0) return b;
  return takeBatch(b, sortedIndices(b, keys));
}
