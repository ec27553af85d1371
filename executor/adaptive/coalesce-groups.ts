/**
 * Which shuffle reads of a stage adaptive execution may coalesce, and which must be coalesced
 * together (Spark's CoalesceShufflePartitions.collectCoalesceGroups).
 *
 * Reads that one task reads at the same partition index — both sides of a shuffled join or an
 * as-of join — form one group: they get the same grouping, so the sides stay co-partitioned. The
 * inputs of a union are read by different tasks, so each is a group of its own; so is the streamed
 * side of a broadcast join (the broadcast side is read whole by every task). A group is coalesced
 * only if every read in it can be:
 *
 * - a hash exchange the planner added (aggregation, distinct, join, window) or a sort's range
 *   exchange, with more than one partition;
 * - not a repartition(n, …): the user chose n (Spark's REPARTITION_BY_NUM is left alone too), nor
 *   a round robin (only repartition makes those);
 * - not beside a source (scan, local data, checkpoint) or a cached partition read at the same
 *   index: those have the partitions they have.
 */
import type { PhysNode, Sink } from "../../planner/physical-plan.js";

export type ExchangeNode = Extract<PhysNode, { op: "exchange" }>;

/** Whether the read of a parent stage with this sink may be coalesced. */
export function canCoalesce(n: ExchangeNode, sink: Sink): boolean {
  if (n.coalesced) return false;
  if (n.mode === "shuffle") return sink.kind === "hash" && sink.fixedPartitions !== true && sink.partitions > 1;
  if (n.mode === "range") return sink.kind === "range" && sink.partitions > 1;
  return false;
}

/** The groups of reads coalesced together, for a stage whose parents' sinks `sinkOf` gives. */
export function coalesceGroups(root: PhysNode, sinkOf: (stage: number) => Sink): ExchangeNode[][] {
  const groups: ExchangeNode[][] = [];
  const walk = (n: PhysNode): void => {
    switch (n.op) {
      case "scan":
      case "local":
      case "checkpoint":
        return;
      case "exchange":
        if (canCoalesce(n, sinkOf(n.stage))) groups.push([n]);
        return;
      case "union":
        for (const i of n.inputs) walk(i);
        return;
      case "hashJoin":
        if (n.broadcast) return walk(n.buildSide === "left" ? n.right : n.left);
        return together(n);
      case "asofJoin":
        return together(n);
      default:
        return walk(n.input);
    }
  };
  const together = (n: PhysNode): void => {
    const reads: ExchangeNode[] = [];
    if (coPartitioned(n, sinkOf, reads) && reads.length > 0) groups.push(reads);
  };
  walk(root);
  return groups;
}

/** Collects the reads under a co-partitioned node; false if any leaf cannot change its partitioning. */
function coPartitioned(n: PhysNode, sinkOf: (stage: number) => Sink, into: ExchangeNode[]): boolean {
  switch (n.op) {
    case "exchange":
      if (n.mode === "broadcast") return true;
      if (!canCoalesce(n, sinkOf(n.stage))) return false;
      into.push(n);
      return true;
    case "scan":
    case "local":
    case "checkpoint":
    case "union":
    case "coalesce":
      return false;
    case "hashJoin":
      if (n.broadcast) return coPartitioned(n.buildSide === "left" ? n.right : n.left, sinkOf, into);
      return coPartitioned(n.left, sinkOf, into) && coPartitioned(n.right, sinkOf, into);
    case "asofJoin":
      return coPartitioned(n.left, sinkOf, into) && coPartitioned(n.right, sinkOf, into);
    default:
      return coPartitioned(n.input, sinkOf, into);
  }
}
