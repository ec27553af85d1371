/**
 * Fault injection, a supported session option: kill the worker running a given task, drop an
 * executor's blocks once a stage has finished, fail task attempts at random. Every choice is a
 * pure function of the seed and the task's coordinates (and tasks are placed on executors
 * deterministically while faults are on), so a run with faults is reproducible. Without faults
 * the scheduler never calls in here and tasks carry no fault.
 */

/** How an injected kill ends the worker thread. */
export type KillHow =
  /** `process.exit(1)` inside the worker thread. */
  | "exit"
  /** An uncaught exception thrown outside the task's promise. */
  | "throw"
  /** Allocates until the thread's heap limit (the session's `workerHeapMb`) stops it. */
  | "oom";

export interface KillWorkerFault {
  readonly stage: number;
  /** The task (partition) of that stage. */
  readonly task: number;
  readonly how?: KillHow;
  /** Kill the first `times` attempts of that task (default 1, so the retry succeeds). */
  readonly times?: number;
  /** Only in this job of the session (0 = the first job); default every job. */
  readonly job?: number;
}

export interface LoseOutputsFault {
  /** Once this stage's outputs are all available… (give this or whileStage) */
  readonly afterStage?: number;
  /**
   * …or just after the first task of this stage was handed its input blocks: the tasks reading
   * the dropped blocks then fail with a fetch failure.
   */
  readonly whileStage?: number;
  /** …drop every block executor `worker` (0 … workers-1) owns: map outputs and cached partitions. */
  readonly worker: number;
  /** How many times per job (default 1: the first time the stage completes). */
  readonly times?: number;
  readonly job?: number;
}

export interface FaultOptions {
  /** Seed for every random choice (failTaskProbability). Default 0. */
  readonly seed?: number;
  /** Kill the worker running that task, mid-task: after it computed its output, before it reports it. */
  readonly killWorker?: readonly KillWorkerFault[];
  /** Drop an executor's blocks once a stage has finished, as if its local storage were lost. */
  readonly loseOutputs?: readonly LoseOutputsFault[];
  /** Probability that a task attempt fails with an ordinary error, mid-task. Default 0. */
  readonly failTaskProbability?: number;
}

/** What a task is told to do to itself, once its output is computed. */
export type TaskFault = KillHow | "fail";

/** Checks the options once, with errors that name the bad field. */
export function checkFaults(f: FaultOptions, workers: number, workerHeapMb: number | undefined): FaultOptions {
  const bad = (field: string, want: string, got: unknown): Error => new Error(`faults.${field} must be ${want}; got ${String(got)}.`);
  const int = (v: unknown, field: string, min = 0): void => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < min) throw bad(field, `an integer ≥ ${min}`, v);
  };
  const optInt = (v: unknown, field: string, min = 0): void => {
    if (v !== undefined) int(v, field, min);
  };
  optInt(f.seed, "seed", Number.MIN_SAFE_INTEGER);
  const p = f.failTaskProbability;
  if (p !== undefined && !(typeof p === "number" && p >= 0 && p <= 1)) throw bad("failTaskProbability", "a number in [0, 1]", p);
  (f.killWorker ?? []).forEach((k, i) => {
    int(k.stage, `killWorker[${i}].stage`);
    int(k.task, `killWorker[${i}].task`);
    optInt(k.times, `killWorker[${i}].times`, 1);
    optInt(k.job, `killWorker[${i}].job`);
    if (k.how !== undefined && !["exit", "throw", "oom"].includes(k.how)) throw bad(`killWorker[${i}].how`, `"exit", "throw" or "oom"`, k.how);
    if (k.how === "oom" && workerHeapMb === undefined) {
      throw new Error(`faults.killWorker[${i}].how = "oom" needs the session option workerHeapMb (the worker heap limit to run out of).`);
    }
  });
  (f.loseOutputs ?? []).forEach((l, i) => {
    if ((l.afterStage === undefined) === (l.whileStage === undefined)) {
      throw new Error(`faults.loseOutputs[${i}] needs exactly one of afterStage and whileStage.`);
    }
    optInt(l.afterStage, `loseOutputs[${i}].afterStage`);
    optInt(l.whileStage, `loseOutputs[${i}].whileStage`);
    int(l.worker, `loseOutputs[${i}].worker`);
    if (l.worker >= workers) throw bad(`loseOutputs[${i}].worker`, `an executor number below workers (${workers})`, l.worker);
    optInt(l.times, `loseOutputs[${i}].times`, 1);
    optInt(l.job, `loseOutputs[${i}].job`);
  });
  return f;
}

/** A uniform number in [0, 1) from the seed and a task attempt's coordinates (murmur3 mixing). */
export function faultRandom(seed: number, ...coords: readonly number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const c of coords) {
    let k = Math.imul(c | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** The fault (if any) for one task attempt of one job. `attempt` counts from 0. */
export function faultForTask(f: FaultOptions, job: number, stage: number, partition: number, attempt: number): TaskFault | undefined {
  for (const k of f.killWorker ?? []) {
    if (k.stage === stage && k.task === partition && attempt < (k.times ?? 1) && (k.job === undefined || k.job === job)) return k.how ?? "exit";
  }
  const p = f.failTaskProbability ?? 0;
  if (p > 0 && faultRandom(f.seed ?? 0, job, stage, partition, attempt) < p) return "fail";
  return undefined;
}

/**
 * The executors whose blocks to drop now: `event` is "after" when `stage` completed, "while"
 * when its first task was launched; `count` says for which time in this job (from 1).
 */
export function outputsToLose(f: FaultOptions, job: number, stage: number, event: "after" | "while", count: number): number[] {
  const out: number[] = [];
  for (const l of f.loseOutputs ?? []) {
    const at = event === "after" ? l.afterStage : l.whileStage;
    if (at === stage && count <= (l.times ?? 1) && (l.job === undefined || l.job === job)) out.push(l.worker);
  }
  return out;
}
