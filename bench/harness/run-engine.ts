/**
 * Runs one engine's tasks in child processes: a fresh process per engine (separate memory and JIT
 * state), a timeout per timed section (loading a dataset, each run of a task). A process that
 * times out or dies is killed; its task is marked and a new process takes the remaining tasks.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { EngineName } from "./engine.js";
import { type ChildConfig, type ChildMessage, type TaskOutcome, isChildMessage } from "./protocol.js";
import { type TaskId, taskDef } from "./tasks.js";

export interface EngineRunOptions {
  readonly engine: EngineName;
  readonly tasks: readonly TaskId[];
  readonly runs: number;
  readonly timeoutSeconds: number;
  readonly files: ChildConfig["files"];
  readonly threads: number;
  /** A process whose resident memory passes this is killed (the machine may be shared). */
  readonly maxMemoryMb: number;
  /** Progress lines (one per finished task). */
  readonly log: (line: string) => void;
}

export interface EngineRun {
  readonly engine: EngineName;
  readonly version: string | null;
  /** The largest maxRSS any of this engine's processes reported. */
  readonly peakMb: number;
  readonly loadSeconds: Readonly<Record<string, number>>;
  readonly outcomes: readonly TaskOutcome[];
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CHILD = fileURLToPath(new URL("./engine-child.ts", import.meta.url));
/** Heap for engines that keep data as JS objects (Arquero, Danfo, the naive baseline) at 1e7 rows. */
const HEAP_MB = 12_288;

interface ProcessState {
  version: string | null;
  peakMb: number;
  current: { task: TaskId; phase: "load" | "run" } | null;
  timedOut: boolean;
  memoryExceeded: boolean;
  fatal: string | null;
}

/** Runs the tasks of one engine; never throws for the engine's own failures (they become outcomes). */
export async function runEngine(opts: EngineRunOptions): Promise<EngineRun> {
  const outcomes = new Map<TaskId, TaskOutcome>();
  const loadSeconds: Record<string, number> = {};
  let version: string | null = null;
  let peakMb = 0;
  while (outcomes.size < opts.tasks.length) {
    const remaining = opts.tasks.filter((t) => !outcomes.has(t));
    const state: ProcessState = { version: null, peakMb: 0, current: null, timedOut: false, memoryExceeded: false, fatal: null };
    const onOutcome = (o: TaskOutcome): void => {
      outcomes.set(o.task, o);
      opts.log(`${opts.engine.padEnd(8)} ${o.task.padEnd(12)} ${describe(o)}`);
    };
    const exit = await runChild(opts, remaining, state, onOutcome, loadSeconds);
    version ??= state.version;
    peakMb = Math.max(peakMb, state.peakMb);
    if (outcomes.size >= opts.tasks.length) break;
    // The process ended early: the task it was in gets the blame, or all of them if it never started.
    const reason = state.timedOut
      ? "timeout"
      : state.memoryExceeded
        ? `killed above the memory limit (${opts.maxMemoryMb} MB resident)`
        : (state.fatal ?? `process ended (${exit.trim()})`);
    if (state.current === null) {
      for (const t of remaining) if (!outcomes.has(t)) onOutcome({ task: t, status: "error", error: reason });
      break;
    }
    const { task, phase } = state.current;
    if (phase === "load") {
      // Loading the dataset failed: every remaining task on it would fail the same way.
      const ds = taskDef(task).dataset;
      for (const t of remaining) {
        if (!outcomes.has(t) && taskDef(t).dataset === ds) {
          onOutcome(state.timedOut ? { task: t, status: "timeout", error: `loading ${ds} timed out` } : { task: t, status: "error", error: `loading ${ds}: ${reason}` });
        }
      }
    } else onOutcome(state.timedOut ? { task, status: "timeout" } : { task, status: "error", error: reason });
  }
  return { engine: opts.engine, version, peakMb, loadSeconds, outcomes: opts.tasks.map((t) => outcomes.get(t) as TaskOutcome) };
}

function describe(o: TaskOutcome): string {
  if (o.status === "ok" && o.times) return `${o.times.map((t) => t.toFixed(3)).join(" ")} s`;
  return `${o.status}${o.error ? `: ${o.error}` : ""}`;
}

/** Runs one child to its end; resolves with how it ended (for error messages). */
function runChild(
  opts: EngineRunOptions,
  tasks: readonly TaskId[],
  state: ProcessState,
  onOutcome: (o: TaskOutcome) => void,
  loadSeconds: Record<string, number>,
): Promise<string> {
  const config: ChildConfig = { engine: opts.engine, tasks, runs: opts.runs, timeoutSeconds: opts.timeoutSeconds, files: opts.files, threads: opts.threads };
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, JSON.stringify(config)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: {
      ...process.env,
      // V8 flags go through NODE_OPTIONS: Cinder's worker threads inherit execArgv, which must not hold them.
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=${HEAP_MB}`.trim(),
      POLARS_MAX_THREADS: String(opts.threads),
    },
  });
  let tail = "";
  const keepTail = (b: Buffer): void => {
    tail = (tail + b.toString("utf8")).slice(-2000);
  };
  child.stdout?.on("data", keepTail);
  child.stderr?.on("data", keepTail);
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      state.timedOut = true;
      child.kill("SIGKILL");
    }, opts.timeoutSeconds * 1000);
  };
  arm(); // starting the engine counts as a timed section too
  const watchdog = setInterval(() => {
    const mb = residentMb(child.pid);
    if (mb !== null) state.peakMb = Math.max(state.peakMb, mb); // a killed process reports no maxRSS
    if (mb !== null && mb > opts.maxMemoryMb) {
      state.memoryExceeded = true;
      child.kill("SIGKILL");
    }
  }, 250);
  child.on("message", (m: unknown) => {
    if (!isChildMessage(m)) return;
    handle(m, child, state, onOutcome, loadSeconds, arm, () => clearTimeout(timer));
  });
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      clearInterval(watchdog);
      const last = tail.trim().split("\n").slice(-3).join(" | ");
      resolve(`${signal ?? `exit code ${code}`}${last ? `: ${last}` : ""}`);
    });
  });
}

/** Resident memory of a process from /proc (Linux); null where there is no /proc: no watchdog. */
function residentMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]);
    return (pages * 4096) / 2 ** 20;
  } catch {
    return null;
  }
}

function handle(
  m: ChildMessage,
  child: ChildProcess,
  state: ProcessState,
  onOutcome: (o: TaskOutcome) => void,
  loadSeconds: Record<string, number>,
  arm: () => void,
  disarm: () => void,
): void {
  switch (m.type) {
    case "ready":
      state.version = m.version;
      disarm();
      break;
    case "phase":
      state.current = { task: m.task, phase: m.phase };
      arm();
      break;
    case "loaded":
      loadSeconds[m.dataset] = m.seconds;
      break;
    case "task":
      state.current = null;
      state.peakMb = Math.max(state.peakMb, m.maxRssMb);
      disarm();
      onOutcome(m.outcome);
      break;
    case "fatal":
      state.fatal = m.error;
      break;
    case "done":
      state.peakMb = Math.max(state.peakMb, m.maxRssMb);
      // It should exit by itself; a native thread left running must not hold the benchmark.
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      break;
  }
}
