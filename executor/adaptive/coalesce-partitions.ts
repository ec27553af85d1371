/**
 * Spark's ShufflePartitionsUtil.coalescePartitions (without its skew-join part): once a shuffle's
 * map outputs exist, the bytes of every reduce partition are known, and adjacent reduce partitions
 * are packed into coalesced partitions of about a target size, so a reduce stage planned with 200
 * partitions of a few kilobytes runs a handful of tasks.
 *
 * Shuffles read together by one task (both sides of a shuffled join) are coalesced together: the
 * sizes are summed per partition index and every shuffle gets the same grouping, so the inputs
 * stay co-partitioned.
 *
 * The target size is the advisory size, lowered to total / minPartitions so the data still spreads
 * over that many tasks when there is enough of it, and never below minPartitionBytes:
 *
 *   target = max(min(advisoryBytes, ceil(total / minPartitions)), minPartitionBytes)
 *
 * One pass packs partitions into the current group until the next would push it past the target.
 * A group that would close below minPartitionBytes is merged into the smaller of its neighbours
 * instead (Spark's [64 MB, 0.5 MB, 64 MB] case), and a group with no bytes at all is not kept —
 * an empty task is a waste — unless every partition is empty, when one group covers them all.
 */
import type { CoalescedPartition } from "../../planner/physical-plan.js";

export interface CoalesceOptions {
  /** Bytes a coalesced partition aims at (spark.sql.adaptive.advisoryPartitionSizeInBytes). */
  readonly advisoryBytes: number;
  /** Spread over at least this many partitions when the data allows (Spark: the default parallelism). */
  readonly minPartitions: number;
  /** Groups below this size merge into a neighbour (spark.sql.adaptive.coalescePartitions.minPartitionSize). */
  readonly minPartitionBytes: number;
}

/** The size coalesced partitions aim at, for `total` bytes (see the file comment). */
export function coalesceTargetBytes(total: number, opts: CoalesceOptions): number {
  const spread = Math.ceil(total / Math.max(1, opts.minPartitions));
  return Math.max(Math.min(opts.advisoryBytes, spread), opts.minPartitionBytes);
}

/**
 * Groups the reduce partitions of shuffles read together, given each one's bytes per reduce
 * partition. Returns null when nothing is coalesced: no shuffles, different partition counts (as
 * Spark, which then leaves them alone), or no fewer partitions than planned.
 *
 * @example
 * coalescePartitions([Float64Array.of(10, 0, 90, 20, 0)], { advisoryBytes: 100, minPartitions: 1, minPartitionBytes: 0 })
 * // [{ start: 0, end: 3, bytes: 100 }, { start: 3, end: 5, bytes: 20 }]
 */
export function coalescePartitions(sizes: readonly Float64Array[], opts: CoalesceOptions): CoalescedPartition[] | null {
  const first = sizes[0];
  if (!first) return null;
  const n = first.length;
  for (const s of sizes) if (s.length !== n) return null;
  const combined = new Float64Array(n);
  for (const s of sizes) for (let i = 0; i < n; i++) combined[i] = (combined[i] as number) + (s[i] as number);
  let total = 0;
  for (let i = 0; i < n; i++) total += combined[i] as number;
  const groups = pack(combined, coalesceTargetBytes(total, opts), opts.minPartitionBytes);
  // Two entries per coalesced partition.
  if (groups.length / 2 >= n) return null;
  const out: CoalescedPartition[] = [];
  for (let g = 0; g < groups.length; g += 2) {
    const start = groups[g] as number;
    const end = groups[g + 1] as number;
    let bytes = 0;
    for (let i = start; i < end; i++) bytes += combined[i] as number;
    out.push({ start, end, bytes });
  }
  return out;
}

/** The packing pass over summed sizes: [start0, end0, start1, end1, …]. */
function pack(size: Float64Array, target: number, minBytes: number): number[] {
  const n = size.length;
  const groups: number[] = [];
  let current = 0; // bytes of the open group [split, i)
  let split = 0;
  let previous = 0; // bytes of the last kept group (0: none kept since the last empty one)
  const close = (end: number, force: boolean): void => {
    if (current > 0 || force) groups.push(split, end);
  };
  for (let i = 0; i < n; i++) {
    const s = size[i] as number;
    if (i > split && current + s > target) {
      if (current < minBytes) {
        if (previous > 0 && previous < s) {
          // Too small to stand alone, and the group before is the smaller neighbour: join it.
          groups[groups.length - 1] = i;
          previous += current;
          split = i;
          current = s;
        } else {
          current += s; // … or take the next partition in.
        }
      } else {
        close(i, false);
        previous = current;
        split = i;
        current = s;
      }
    } else {
      current += s;
    }
  }
  if (current < minBytes && previous > 0) groups[groups.length - 1] = n;
  else close(n, groups.length === 0);
  return groups;
}

/**
 * Spark's split of the minimum partition count among independent groups (the inputs of a union):
 * in proportion to their bytes, at least one each.
 */
export function splitMinPartitions(minPartitions: number, groupBytes: readonly number[]): number[] {
  if (groupBytes.length === 1) return [Math.max(1, minPartitions)];
  let total = 0;
  for (const b of groupBytes) total += b;
  return groupBytes.map((b) => Math.max(1, total > 0 ? Math.round((minPartitions * b) / total) : minPartitions));
}
