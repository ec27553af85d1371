/** What crosses between the scheduler and a worker: plain, structured-cloneable data only. */
import type { Stage } from "../planner/physical-plan.js";
import type { BlockRef } from "./blocks.js";
import type { TaskFault } from "./faults.js";

/**
 * A block a task reads, with the cell that says whether it still exists. Blocks live in shared
 * memory, but a block whose executor died (or whose output was dropped) is gone as far as the
 * engine is concerned: the block store clears the cell, and a task that reaches the block after
 * that fails with a fetch failure instead of reading it — as a Spark reducer fails to fetch from
 * a lost executor.
 */
export interface InputBlock {
  readonly ref: BlockRef;
  /** The map partition that produced it. */
  readonly map: number;
  /** One Int32 per map partition of the producing stage, in shared memory (the job's liveness cells). */
  readonly live: Int32Array;
  /** The block is readable while `live[map] === gen`. */
  readonly gen: number;
}

export interface TaskDescription {
  readonly jobId: number;
  readonly stage: Stage;
  readonly partition: number;
  /** Attempts of this task in this job before this one (0 for the first). */
  readonly attempt: number;
  /**
   * Blocks each exchange reads: by parent stage id, then by the local partition the exchange is
   * read at (ALL_PARTITIONS for broadcast and range reads; see task-inputs.ts).
   */
  readonly inputs: Readonly<Record<number, Readonly<Record<number, readonly InputBlock[]>>>>;
  /** Range bounds (sort key columns, IPC) for range exchanges, by parent stage id. */
  readonly bounds: Readonly<Record<number, BlockRef | null>>;
  /** For write sinks: where to stage files, and the job's unique file-name part. */
  readonly write?: { readonly staging: string; readonly uuid: string };
  /** The job's cancel cell (shared memory): non-zero once the job failed; tasks stop at the next batch. */
  readonly cancel: Int32Array;
  /** An injected fault to act out once the output is computed (fault injection only). */
  readonly fault?: TaskFault;
}

export interface TaskOutput {
  /** One entry per output partition of the sink (hash / range / round robin), or one for result sinks. */
  readonly blocks: readonly (BlockRef | null)[];
  /** Range sinks: a sample of the sort keys for computing bounds. */
  readonly sample?: BlockRef | null;
  /** Write sinks: files written, relative to the task attempt's folder (see io/fs taskAttemptDir). */
  readonly files?: readonly string[];
  readonly rows: number;
  /** The worker thread that ran the task (its blocks' owner). */
  readonly worker: number;
  readonly durationMs: number;
}

/** How a task ended, as the worker reports it (a dead worker reports nothing: its run rejects). */
export type TaskReply =
  | { readonly kind: "done"; readonly output: TaskOutput }
  /** An input block was gone when the task reached it. */
  | { readonly kind: "fetchFailed"; readonly stage: number; readonly map: number }
  /** The job was cancelled while the task ran. */
  | { readonly kind: "cancelled" }
  /** The task threw; the error as plain data (names and stacks survive, unlike a cloned Error). */
  | { readonly kind: "failed"; readonly name: string; readonly message: string; readonly stack: string };
