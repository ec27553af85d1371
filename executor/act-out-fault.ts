/**
 * Acting out an injected fault inside the worker, once the task's output is computed and before
 * it is reported: the worker dies (three ways, as real workers do) or the task fails.
 */
import type { TaskFault } from "./faults.js";
import type { TaskDescription } from "./task.js";

export async function actOut(fault: TaskFault, task: TaskDescription): Promise<never> {
  const where = `stage ${task.stage.id}, task ${task.partition}, attempt ${task.attempt}`;
  switch (fault) {
    case "fail":
      throw new Error(`Injected task failure (faults.failTaskProbability; ${where})`);
    case "exit":
      process.exit(1);
    // falls through: process.exit never returns
    case "throw":
      // Outside the task's promise chain: an uncaught exception ends the thread.
      setImmediate(() => {
        throw new Error(`Injected worker crash (faults.killWorker; ${where})`);
      });
      return new Promise<never>(() => undefined);
    case "oom": {
      // Reachable memory only grows, until the heap limit (workerHeapMb) ends the thread.
      const hog: number[][] = [];
      for (;;) hog.push(new Array<number>(1 << 16).fill(hog.length + 0.5));
    }
  }
}
