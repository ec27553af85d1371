/** What crosses between the scheduler and a worker: plain, structured-cloneable data only. */
import type { Stage } from "../planner/physical-plan.js";
import type { BlockRef } from "./blocks.js";

export interface TaskDescription {
  readonly jobId: number;
  readonly stage: Stage;
  readonly partition: number;
  readonly attempt: number;
  /**
   * Blocks each exchange reads: by parent stage id, then by the local partition the exchange is
   * read at (ALL_PARTITIONS for broadcast and range reads; see task-inputs.ts).
   */
  readonly inputs: Readonly<Record<number, Readonly<Record<number, readonly BlockRef[]>>>>;
  /** Range bounds (sort key columns, IPC) for range exchanges, by parent stage id. */
  readonly bounds: Readonly<Record<number, BlockRef | null>>;
  /** For write sinks: where to stage files, and the job's unique file-name part. */
  readonly write?: { readonly staging: string; readonly uuid: string };
}

export interface TaskOutput {
  /** One entry per output partition of the sink (hash / range / round robin), or one for result sinks. */
  readonly blocks: readonly (BlockRef | null)[];
  /** Range sinks: a sample of the sort keys for computing bounds. */
  readonly sample?: BlockRef | null;
  /** Write sinks: files written (paths relative to the staging folder) and rows. */
  readonly files?: readonly string[];
  readonly rows: number;
  /** The worker thread that ran the task (its blocks' owner). */
  readonly worker: number;
  readonly durationMs: number;
}
