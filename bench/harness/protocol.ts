/** The messages between the harness and an engine's child process (plain data over IPC). */
import type { Checksum } from "./checksum.js";
import type { DataFiles } from "./data-files.js";
import type { EngineName } from "./engine.js";
import type { TaskId } from "./tasks.js";

export interface ChildConfig {
  readonly engine: EngineName;
  readonly tasks: readonly TaskId[];
  readonly runs: number;
  /** The harness kills a timed section after this long; the child uses it to spot slow tasks. */
  readonly timeoutSeconds: number;
  readonly files: DataFiles;
  readonly threads: number;
}

export type TaskStatus = "ok" | "error" | "timeout" | "n/a";

export interface TaskOutcome {
  readonly task: TaskId;
  readonly status: TaskStatus;
  /** Seconds of each timed run (the warm-up run excluded). */
  readonly times?: readonly number[];
  readonly checksum?: Checksum;
  readonly error?: string;
}

export type ChildMessage =
  | { readonly type: "ready"; readonly version: string }
  /** A timed section starts: the harness's per-task timeout clock restarts. */
  | { readonly type: "phase"; readonly task: TaskId; readonly phase: "load" | "run"; readonly run?: number }
  | { readonly type: "loaded"; readonly dataset: string; readonly seconds: number }
  | { readonly type: "task"; readonly outcome: TaskOutcome; readonly maxRssMb: number }
  | { readonly type: "done"; readonly maxRssMb: number }
  /** The engine could not start (a peer not installed, …): every remaining task fails with this. */
  | { readonly type: "fatal"; readonly error: string };

const TYPES = new Set(["ready", "phase", "loaded", "task", "done", "fatal"]);

/** Narrows an IPC message (the child is ours, so its shape is trusted once the tag is known). */
export function isChildMessage(m: unknown): m is ChildMessage {
  return typeof m === "object" && m !== null && "type" in m && typeof m.type === "string" && TYPES.has(m.type);
}
