/**
 * A size estimate for choosing broadcast joins, from what the plan knows without running: file
 * sizes scaled by the share of columns read (scans and checkpoints), local data sizes, and limits.
 * Like Spark without cost-based statistics, filters and aggregates do not shrink the estimate (a
 * safe over-estimate: it can only miss a broadcast, never broadcast something huge).
 */
import type { LogicalPlan } from "../logical-plan.js";
import { outputOf } from "../analyzer/types-of.js";

const ROW_BYTES = 16;

export function estimateBytes(p: LogicalPlan): number {
  switch (p.kind) {
    case "scan": {
      const total = p.source.files.reduce((s, f) => s + f.size, 0);
      const width = Math.max(1, p.all.length);
      return (total * Math.max(1, p.output.length)) / width;
    }
    case "checkpoint": {
      const total = p.files.reduce((s, f) => s + f.bytes, 0);
      return (total * Math.max(1, p.output.length)) / Math.max(1, p.all.length);
    }
    case "local":
      return p.partitions.reduce((s, b) => s + b.byteLength, 0);
    case "limit":
      return Math.min(estimateBytes(p.input), p.n * ROW_BYTES * Math.max(1, outputOf(p).length));
    case "asofJoin":
      return estimateBytes(p.left) + estimateBytes(p.right);
    case "join":
      return p.how === "semi" || p.how === "anti" ? estimateBytes(p.left) : estimateBytes(p.left) + estimateBytes(p.right);
    case "union":
      return p.inputs.reduce((s, i) => s + estimateBytes(i), 0);
    case "expand":
      return estimateBytes(p.input) * Math.max(1, p.projections.length);
    default:
      return estimateBytes(p.input);
  }
}
