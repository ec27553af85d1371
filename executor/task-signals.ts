/**
 * Worker-side checks a running task makes between batches: is this input block still there (a
 * fetch), and has the job been cancelled. Both are one Atomics.load on shared memory the
 * scheduler writes; they are thrown as these errors and turned into replies by run-task.
 */
import type { InputBlock, TaskDescription } from "./task.js";

/** An input block was lost before the task could read it (Spark's FetchFailed). */
export class FetchFailedError extends Error {
  constructor(
    readonly stage: number,
    readonly map: number,
  ) {
    super(`Block of stage ${stage}, map partition ${map} is gone (its executor was lost)`);
    this.name = "FetchFailedError";
  }
}

export class TaskCancelledError extends Error {
  constructor() {
    super("Task cancelled: its job failed");
    this.name = "TaskCancelledError";
  }
}

/** Throws a FetchFailedError unless `block` is still live. */
export function fetchBlock(stage: number, block: InputBlock): void {
  if (Atomics.load(block.live, block.map) !== block.gen) throw new FetchFailedError(stage, block.map);
}

/** Throws a TaskCancelledError once the task's job was cancelled. */
export function checkCancelled(task: TaskDescription): void {
  if (Atomics.load(task.cancel, 0) !== 0) throw new TaskCancelledError();
}
