/**
 * A stage rewritten to read some of its shuffles coalesced (Spark's AQEShuffleReadExec in place
 * of the shuffle read): the exchanges carry their grouping, and what counted their partitions
 * follows — a union's per-input counts, a user's coalesce(n) (its groups are cut again from the
 * new count; it disappears if the read already has no more than n partitions), and the stage's
 * own partition count.
 */
import type { CoalescedRead, PhysNode, Stage } from "../../planner/physical-plan.js";

interface Rewritten {
  readonly node: PhysNode;
  /** The subtree's partition count, when the rewrite changed it. */
  readonly partitions?: number;
}

/**
 * `stage` with the reads of the parent stages in `reads` coalesced; the same object if none is
 * read. Reads that one task reads together must have been given the same grouping.
 */
export function withCoalescedReads(stage: Stage, reads: ReadonlyMap<number, CoalescedRead>): Stage {
  const r = rewrite(stage.root, reads);
  if (r.node === stage.root) return stage;
  return { ...stage, root: r.node, partitions: r.partitions ?? stage.partitions };
}

function rewrite(n: PhysNode, reads: ReadonlyMap<number, CoalescedRead>): Rewritten {
  switch (n.op) {
    case "scan":
    case "local":
    case "checkpoint":
      return { node: n };
    case "exchange": {
      const c = reads.get(n.stage);
      return c ? { node: { ...n, coalesced: c }, partitions: c.partitions.length } : { node: n };
    }
    case "union": {
      const inputs = n.inputs.map((i) => rewrite(i, reads));
      if (inputs.every((r, i) => r.node === n.inputs[i])) return { node: n };
      const counts = inputs.map((r, i) => r.partitions ?? (n.counts[i] as number));
      return { node: { ...n, inputs: inputs.map((r) => r.node), counts }, partitions: counts.reduce((a, b) => a + b, 0) };
    }
    case "coalesce": {
      const r = rewrite(n.input, reads);
      if (r.node === n.input) return { node: n };
      if (r.partitions === undefined) return { node: { ...n, input: r.node } };
      const want = n.groups.length;
      if (want >= r.partitions) return r;
      // The planner's cut (plan-stages.ts), from the new input count.
      const groups: number[][] = Array.from({ length: want }, () => []);
      for (let i = 0; i < r.partitions; i++) groups[Math.floor((i * want) / r.partitions)]?.push(i);
      return { node: { ...n, input: r.node, groups }, partitions: want };
    }
    case "hashJoin":
    case "asofJoin": {
      const left = rewrite(n.left, reads);
      const right = rewrite(n.right, reads);
      if (left.node === n.left && right.node === n.right) return { node: n };
      const coPartitioned = n.op === "asofJoin" || !n.broadcast;
      if (coPartitioned && left.partitions !== right.partitions) {
        throw new Error(`internal: the two sides of a join were coalesced into ${left.partitions ?? "the planned"} and ${right.partitions ?? "the planned"} partitions`);
      }
      const partitions = left.partitions ?? right.partitions;
      const node = { ...n, left: left.node, right: right.node };
      return partitions === undefined ? { node } : { node, partitions };
    }
    default: {
      const r = rewrite(n.input, reads);
      if (r.node === n.input) return { node: n };
      const node = { ...n, input: r.node } as PhysNode;
      return r.partitions === undefined ? { node } : { node, partitions: r.partitions };
    }
  }
}
