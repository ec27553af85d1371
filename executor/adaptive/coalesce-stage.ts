/**
 * Adaptive execution's one decision (Spark's CoalesceShufflePartitions), made once per stage and
 * job, just before the stage's first task: with the sizes of the shuffles it reads now known, each
 * group of reads coalesced together gets one grouping, and the stage is rewritten to read them so.
 * The grouping is then fixed for the job — a map output lost and recomputed later changes nothing
 * about which reduce partitions a coalesced task reads (map tasks are deterministic).
 */
import type { CoalescedRead, Stage } from "../../planner/physical-plan.js";
import type { ExchangeNode } from "./coalesce-groups.js";
import { coalescePartitions, coalesceTargetBytes, splitMinPartitions } from "./coalesce-partitions.js";
import { withCoalescedReads } from "./with-coalesced-reads.js";

export interface AdaptiveConfig {
  /** spark.sql.adaptive.advisoryPartitionSizeInBytes (Session option advisoryPartitionSizeBytes). */
  readonly advisoryPartitionSizeBytes: number;
  /**
   * The number of workers: a shuffle planned with no more partitions is read as planned (its
   * tasks fit in one wave), and coalescing aims at no fewer (Spark's coalescePartitions.minPartitionNum).
   */
  readonly minPartitionNum: number;
  /**
   * Coalesced partitions smaller than this, or than a fifth of the target, are merged into a
   * neighbour (spark.sql.adaptive.coalescePartitions.minPartitionSize, 1 MB).
   */
  readonly minPartitionSizeBytes: number;
}

/** What was coalesced for one read, for job metrics. */
export interface CoalescedShuffleRead {
  /** The parent (map) stage. */
  readonly stageId: number;
  readonly from: number;
  readonly to: number;
  /** The bytes each coalesced partition reads (with the reads coalesced together with it). */
  readonly bytes: readonly number[];
  /** The size the grouping aimed at. */
  readonly targetBytes: number;
}

export interface CoalescedStage {
  readonly stage: Stage;
  readonly reads: readonly CoalescedShuffleRead[];
}

/**
 * The stage with its groups of reads coalesced, given each read's bytes per reduce partition;
 * null when no group gets fewer partitions.
 */
export function coalesceStage(
  stage: Stage,
  groups: readonly (readonly ExchangeNode[])[],
  bytesOf: (read: ExchangeNode) => Float64Array,
  config: AdaptiveConfig,
): CoalescedStage | null {
  const sizes = groups.map((g) => g.map(bytesOf));
  const totals = sizes.map((g) => g.reduce((t, s) => t + s.reduce((a, b) => a + b, 0), 0));
  const minParts = splitMinPartitions(config.minPartitionNum, totals);
  const coalesced = new Map<number, CoalescedRead>();
  const reads: CoalescedShuffleRead[] = [];
  groups.forEach((group, i) => {
    const advisoryBytes = config.advisoryPartitionSizeBytes;
    const minPartitions = minParts[i] as number;
    // Crumbs — groups under a fifth of the target (and Spark's 1 MB) — join a neighbour; the
    // target itself is not raised to that floor, so the data keeps one partition per worker.
    const targetBytes = coalesceTargetBytes(totals[i] as number, { advisoryBytes, minPartitions, minPartitionBytes: 0 });
    const opts = { advisoryBytes, minPartitions, minPartitionBytes: Math.min(config.minPartitionSizeBytes, Math.floor(targetBytes / 5)) };
    const parts = coalescePartitions(sizes[i] as Float64Array[], opts);
    if (!parts) return;
    for (const [j, read] of group.entries()) {
      const from = (sizes[i]?.[j] as Float64Array).length;
      coalesced.set(read.stage, { from, partitions: parts });
      reads.push({ stageId: read.stage, from, to: parts.length, bytes: parts.map((p) => p.bytes), targetBytes });
    }
  });
  if (coalesced.size === 0) return null;
  return { stage: withCoalescedReads(stage, coalesced), reads };
}
