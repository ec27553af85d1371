/**
 * Bytes per reduce partition of a finished shuffle, what adaptive execution coalesces by (Spark's
 * MapOutputStatistics). A hash or round-robin map task writes one block per reduce partition, so
 * the sizes are exact. A range map task writes all its rows in one block and each reducer keeps
 * its range, so there the sizes are estimated: each map task's sample rows fall into the ranges,
 * and each stands for (block bytes / sample rows) of its task's block.
 */
import type { Batch } from "../batch.js";
import type { StageOutputs } from "../block-store.js";
import { type SortKey, rangePartitionIds } from "../operators/sort.js";

/** Summed block bytes of every reduce partition q < partitions over all map outputs. */
export function shuffleBytes(outputs: StageOutputs, partitions: number): Float64Array {
  const bytes = new Float64Array(partitions);
  for (let m = 0; m < outputs.partitions; m++) {
    const blocks = outputs.get(m)?.blocks;
    if (!blocks) continue;
    for (let q = 0; q < partitions; q++) bytes[q] = (bytes[q] as number) + (blocks[q]?.byteLength ?? 0);
  }
  return bytes;
}

/** One map task's sample of sort keys (columns in key order) and the bytes of its output block. */
export interface MapSample {
  readonly sample: Batch;
  readonly bytes: number;
}

/**
 * Estimated bytes of each of `partitions` ranges cut by `bounds`. A range that can receive rows
 * (id ≤ bounds.length) is never estimated at 0: an empty estimate would let coalescing skip it,
 * and its rows with it.
 */
export function rangeBytes(samples: readonly MapSample[], keys: readonly SortKey[], bounds: Batch, partitions: number): Float64Array {
  const bytes = new Float64Array(partitions);
  const local = keys.map((k, i) => ({ ...k, index: i }));
  for (const { sample, bytes: total } of samples) {
    if (sample.length === 0) continue;
    const ids = rangePartitionIds(sample, local, bounds);
    const each = total / sample.length;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      bytes[id] = (bytes[id] as number) + each;
    }
  }
  const reachable = Math.min(partitions, bounds.length + 1);
  for (let q = 0; q < reachable; q++) bytes[q] = Math.max(1, Math.round(bytes[q] as number));
  return bytes;
}
