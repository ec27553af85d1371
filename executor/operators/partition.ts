/**
 * Hash and round-robin partitioning of a batch for a shuffle. Hash partitions use hashColumns,
 * which is deterministic across threads and processes, so every writer sends a key to the same
 * partition.
 */
import { type Batch, takeBatch } from "../batch.js";
import { hashColumns } from "../hash/hash-columns.js";

/**
 * The partition (hash % n) of every row of `b` by the key columns `keys`.
 *
 * @example
 * const ids = hashPartitionIds(b, [0], 8);
 * const parts = splitByPartition(b, ids, 8);
 */
export function hashPartitionIds(b: Batch, keys: readonly number[], n: number): Int32Array {
  if (!(n >= 1)) throw new Error(`hashPartitionIds: ${n} partitions`);
  const h = hashColumns(b, keys);
  const ids = new Int32Array(b.length);
  for (let i = 0; i < b.length; i++) ids[i] = (h[i] as number) % n;
  return ids;
}

/** Partition ids for `n` rows dealt in turn over `partitions`, starting at partition `start`. */
export function roundRobinIds(n: number, partitions: number, start: number): Int32Array {
  const ids = new Int32Array(n);
  let p = ((start % partitions) + partitions) % partitions;
  for (let i = 0; i < n; i++) {
    ids[i] = p;
    if (++p === partitions) p = 0;
  }
  return ids;
}

/** The rows of each partition 0..n-1, in input order; null for a partition without rows. */
export function splitByPartition(b: Batch, ids: Int32Array, n: number): (Batch | null)[] {
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < b.length; i++) counts[(ids[i] as number) + 1] = (counts[(ids[i] as number) + 1] as number) + 1;
  for (let p = 0; p < n; p++) counts[p + 1] = (counts[p + 1] as number) + (counts[p] as number);
  const order = new Int32Array(b.length);
  const fill = counts.slice(0, n);
  for (let i = 0; i < b.length; i++) {
    const p = ids[i] as number;
    const at = fill[p] as number;
    order[at] = i;
    fill[p] = at + 1;
  }
  const out: (Batch | null)[] = [];
  for (let p = 0; p < n; p++) {
    const a = counts[p] as number;
    const e = counts[p + 1] as number;
    if (a === e) out.push(null);
    else if (e - a === b.length) out.push(b);
    else out.push(takeBatch(b, order.subarray(a, e)));
  }
  return out;
}
