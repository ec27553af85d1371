/**
 * The worker thread's entry (loaded by piscina). It loads executor/ and io/ only — never the
 * DataFrame API — and receives plain task descriptions.
 */
import { threadId } from "node:worker_threads";
import { runTask } from "./run-task.js";
import type { TaskDescription, TaskReply } from "./task.js";

export default async function handle(task: TaskDescription): Promise<TaskReply> {
  return runTask(task);
}

/** Start-up check: proves the module loaded (piscina hangs later tasks if it did not). */
export function ping(): number {
  return threadId;
}
