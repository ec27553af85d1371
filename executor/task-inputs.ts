/**
 * Which parent outputs one task reads. A task of partition p does not always read its exchanges
 * at p: a union sends p to one input at p - offset, a coalesce runs several input partitions in
 * one task. This walk mirrors run-node's partition mapping and lists, per parent stage, the local
 * partitions read — from which the scheduler both fetches the blocks and knows which parent
 * partitions the task depends on (its lineage).
 */
import type { CoalescedRead, ExchangeMode, PhysNode } from "../planner/physical-plan.js";
import type { StageOutputs } from "./block-store.js";
import type { BlockRef } from "./blocks.js";
import type { InputBlock, TaskOutput } from "./task.js";

/** Reads of one parent stage by one task. */
export interface ParentRead {
  readonly stage: number;
  readonly mode: ExchangeMode;
  /** Local partitions at which the exchange is read (shuffle and partition modes). */
  readonly at: Set<number>;
  /** A coalesced shuffle read: local partition p reads the original reduce partitions of partitions[p]. */
  readonly coalesced?: CoalescedRead;
}

/** Key of `TaskDescription.inputs[stage]` for exchanges whose blocks do not depend on the partition. */
export const ALL_PARTITIONS = -1;

/** Parent stages a task of `partition` reads, with the local partitions it reads them at. */
export function parentReads(root: PhysNode, partition: number): Map<number, ParentRead> {
  const reads = new Map<number, ParentRead>();
  const walk = (n: PhysNode, p: number): void => {
    switch (n.op) {
      case "scan":
      case "local":
      case "checkpoint":
        return;
      case "exchange": {
        let r = reads.get(n.stage);
        if (!r) reads.set(n.stage, (r = { stage: n.stage, mode: n.mode, at: new Set(), ...(n.coalesced ? { coalesced: n.coalesced } : {}) }));
        r.at.add(p);
        return;
      }
      case "hashJoin":
      case "asofJoin":
        walk(n.left, p);
        walk(n.right, p);
        return;
      case "union": {
        let q = p;
        for (let i = 0; i < n.inputs.length; i++) {
          const count = n.counts[i] as number;
          if (q < count) return walk(n.inputs[i] as PhysNode, q);
          q -= count;
        }
        return;
      }
      case "coalesce":
        for (const q of n.groups[p] ?? []) walk(n.input, q);
        return;
      default:
        walk(n.input, p);
    }
  };
  walk(root, partition);
  return reads;
}

/**
 * Parent partitions (map outputs) a read depends on: every map task of a shuffle, broadcast or
 * range exchange; only the partitions read, for a narrow ("partition") exchange.
 */
export function dependsOn(read: ParentRead, parentPartitions: number): number[] {
  if (read.mode === "partition") return [...read.at].filter((q) => q < parentPartitions).sort((a, b) => a - b);
  return Array.from({ length: parentPartitions }, (_, i) => i);
}

/**
 * The blocks a read hands the task, keyed by local partition (ALL_PARTITIONS for broadcast and
 * range reads), each with its liveness cell. A coalesced shuffle partition gets the blocks of its
 * original reduce partitions one after the other, each in map order: the same input, in the same
 * order, as the uncoalesced tasks had one after the other. Callers check first that the
 * partitions the read depends on are all there.
 */
export function blocksFor(read: ParentRead, outputs: StageOutputs): Record<number, InputBlock[]> {
  const blocksOf = (p: number, pick: (o: TaskOutput) => readonly (BlockRef | null | undefined)[]): InputBlock[] => {
    const o = outputs.get(p);
    if (!o) return [];
    const refs: InputBlock[] = [];
    for (const ref of pick(o)) if (ref) refs.push(outputs.inputBlock(p, ref));
    return refs;
  };
  const all = (pick: (o: TaskOutput) => readonly (BlockRef | null | undefined)[]): InputBlock[] => {
    const refs: InputBlock[] = [];
    for (let p = 0; p < outputs.partitions; p++) refs.push(...blocksOf(p, pick));
    return refs;
  };
  const out: Record<number, InputBlock[]> = {};
  switch (read.mode) {
    case "shuffle":
      for (const q of read.at) {
        const group = read.coalesced?.partitions[q];
        if (!group) {
          out[q] = all((o) => [o.blocks[q]]);
          continue;
        }
        const refs: InputBlock[] = [];
        for (let r = group.start; r < group.end; r++) refs.push(...all((o) => [o.blocks[r]]));
        out[q] = refs;
      }
      break;
    case "partition":
      for (const q of read.at) out[q] = blocksOf(q, (o) => o.blocks);
      break;
    case "broadcast":
      out[ALL_PARTITIONS] = all((o) => o.blocks);
      break;
    case "range":
      out[ALL_PARTITIONS] = all((o) => [o.blocks[0]]);
      break;
  }
  return out;
}
