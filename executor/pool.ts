/**
 * The worker pool: one executor per worker thread, each a one-thread piscina pool running
 * executor/worker. One pool per executor (rather than one pool of n threads) is what gives an
 * executor an identity: the scheduler places each task on a chosen executor, knows which executor
 * owns every block, and hears when an executor's thread dies — piscina then starts a replacement
 * in the same slot, and the block store drops what the dead thread owned.
 *
 * Started lazily on the first job and kept warm between jobs. Guards against piscina's
 * load-failure trap (LIBRARIES.md fact 5): an 'error' listener, and a ping to every executor at
 * start-up, so a broken worker module fails the first job clearly instead of hanging it.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { Piscina } from "piscina";
import type { TaskDescription, TaskReply } from "./task.js";

function workerFile(): { filename: string; execArgv: string[] } {
  const self = import.meta.url;
  if (!self.endsWith(".ts")) return { filename: new URL("./worker.js", self).href, execArgv: workerFlags(process.execArgv) };
  // From source: the executor bundled into one ES module (see workerBundle), so a worker thread
  // loads plain JavaScript instead of compiling ~250 TypeScript files through tsx's loader.
  const execArgv = workerFlags(withoutTsx(process.execArgv));
  if (!execArgv.includes("--enable-source-maps")) execArgv.push("--enable-source-maps");
  return { filename: workerBundle(), execArgv };
}

const PROBE_SENTINEL = "--expose-gc";
let flagsChecked: { readonly argv: string; readonly kept: string[] } | null = null;

/**
 * The process's flags a worker thread accepts. Node refuses V8 and process-wide options in a
 * worker's execArgv (`node --max-old-space-size=8192 job.js` or `--expose-gc` would otherwise make
 * every job fail with ERR_WORKER_INVALID_EXEC_ARGV); they apply to the whole process anyway. Node
 * names the refused flags in its error, which it throws before the thread starts, so one probe with
 * a flag it always refuses (V8's --expose-gc) lists them without starting a thread.
 */
export function workerFlags(argv: readonly string[]): string[] {
  if (argv.length === 0) return [];
  const key = JSON.stringify(argv);
  if (flagsChecked !== null && flagsChecked.argv === key) return [...flagsChecked.kept];
  let kept = [...argv];
  for (let attempt = 0; attempt < 3; attempt++) {
    const refused = refusedFlags(kept);
    if (refused.size === 0) break;
    const next: string[] = [];
    for (let i = 0; i < kept.length; i++) {
      const a = kept[i] as string;
      if (!refused.has(a)) {
        next.push(a);
        continue;
      }
      // `--stack-size 900`: the value goes with its flag.
      const v = kept[i + 1];
      if (!a.includes("=") && v !== undefined && !v.startsWith("-")) i++;
    }
    kept = next;
  }
  flagsChecked = { argv: key, kept };
  return [...kept];
}

function refusedFlags(argv: readonly string[]): Set<string> {
  try {
    const w = new Worker("", { eval: true, execArgv: [...argv, PROBE_SENTINEL] });
    void w.terminate(); // a Node that accepts the sentinel started a thread: stop it
    return new Set();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const m = e instanceof Error ? /flags: (.*)$/.exec(e.message) : null;
    if (code !== "ERR_WORKER_INVALID_EXEC_ARGV" || m === null) return new Set();
    const refused = new Set((m[1] as string).split(", "));
    if (!argv.includes(PROBE_SENTINEL)) refused.delete(PROBE_SENTINEL);
    return refused;
  }
}

/** execArgv minus tsx's loader flags: the bundle is plain JavaScript, and each loader costs a thread. */
function withoutTsx(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const next = argv[i + 1];
    if ((a === "--require" || a === "--import" || a === "-r") && next !== undefined && /[\\/]tsx[\\/]|^tsx$/.test(next)) {
      i++;
      continue;
    }
    if (/^--(require|import)=.*tsx/.test(a)) continue;
    out.push(a);
  }
  return out;
}

let bundle: string | null = null;

/**
 * executor/worker.ts and everything it imports as one ES module, built by esbuild (the compiler
 * tsx runs on) once per process and written under node_modules/.cache/cinder/ by content hash
 * (so packages resolve from there, and concurrent processes write the same bytes by rename).
 * Worker start-up from source: ~4 s of the seed pipeline's first job on 2 workers through tsx.
 */
function workerBundle(): string {
  if (bundle !== null) return bundle;
  const require = createRequire(import.meta.url);
  const esbuild = require("esbuild") as typeof import("esbuild");
  const result = esbuild.buildSync({
    entryPoints: [fileURLToPath(new URL("./worker.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    write: false,
    logLevel: "silent",
    // Stack traces from a worker name the TypeScript files and lines, as they did under tsx.
    sourcemap: "inline",
    sourcesContent: false,
  });
  const code = (result.outputFiles[0] as { contents: Uint8Array }).contents;
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const dir = join(fileURLToPath(new URL("..", import.meta.url)), "node_modules", ".cache", "cinder");
  const file = join(dir, `worker-${hash}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
    dropStaleBundles(dir, file);
  }
  bundle = pathToFileURL(file).href;
  return bundle;
}

/**
 * Each edit of the executor makes a new bundle; older ones go once untouched for an hour (a process
 * still running older source may restart a worker from its file, so not at once).
 */
function dropStaleBundles(dir: string, keep: string): void {
  const cutoff = Date.now() - 3_600_000;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (path === keep || !/^worker-[0-9a-f]+\.mjs$/.test(name)) continue;
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

export interface PoolOptions {
  readonly workers: number;
  /** Heap limit of each worker thread (its old generation), in MB; default V8's. */
  readonly workerHeapMb?: number;
  /** Called when an executor's thread died (`threadId` is the dead thread's). */
  readonly onWorkerLost?: (executor: number, threadId: number) => void;
}

class Executor {
  readonly pool: Piscina;
  /** The live thread's id, once it started. */
  threadId: number | null = null;
  failure: Error | null = null;

  constructor(
    readonly slot: number,
    opts: PoolOptions,
    closing: () => boolean,
  ) {
    const { filename, execArgv } = workerFile();
    this.pool = new Piscina({
      filename,
      execArgv,
      minThreads: 1,
      maxThreads: 1,
      idleTimeout: Number.POSITIVE_INFINITY,
      concurrentTasksPerWorker: 1,
      ...(opts.workerHeapMb !== undefined ? { resourceLimits: { maxOldGenerationSizeMb: opts.workerHeapMb } } : {}),
    });
    this.pool.on("workerCreate", (w: { id: number }) => {
      this.threadId = w.id;
    });
    this.pool.on("workerDestroy", (w: { id: number }) => {
      // After the thread exited its Worker reports threadId -1; the one we recorded is the dead
      // thread's (the replacement is announced by workerCreate only once it is ready).
      const dead = this.threadId ?? w.id;
      this.threadId = null;
      if (!closing() && dead >= 0) opts.onWorkerLost?.(slot, dead);
    });
    this.pool.on("error", (err: unknown) => {
      this.failure = err instanceof Error ? err : new Error(String(err));
    });
  }
}

export class WorkerPool {
  private readonly executors: Executor[];
  private ready: Promise<void> | null = null;
  private closing = false;

  constructor(readonly opts: PoolOptions) {
    this.executors = Array.from({ length: opts.workers }, (_, i) => new Executor(i, opts, () => this.closing));
  }

  get size(): number {
    return this.executors.length;
  }

  /** Resolves once every executor has loaded the module (or rejects with why one could not). */
  start(): Promise<void> {
    this.ready ??= Promise.all(
      this.executors.map(async (e) => {
        e.threadId = (await e.pool.run(null, { name: "ping" })) as number;
      }),
    ).then(
      () => undefined,
      (err: unknown) => {
        throw new Error(`Cinder's worker threads failed to start: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
    return this.ready;
  }

  /** Runs a task on executor `slot`; rejects if the executor's thread dies while running it. */
  async run(slot: number, task: TaskDescription): Promise<TaskReply> {
    const e = this.executors[slot];
    if (!e) throw new Error(`internal: no executor ${slot}`);
    if (e.failure) throw e.failure;
    await this.start();
    return (await e.pool.run(task)) as TaskReply;
  }

  /** The executor whose live thread is `threadId`, or undefined (a thread that died). */
  executorOf(threadId: number): number | undefined {
    return this.executors.find((e) => e.threadId === threadId)?.slot;
  }

  /** The live thread of executor `slot` (null while it is being replaced). */
  threadOf(slot: number): number | null {
    return this.executors[slot]?.threadId ?? null;
  }

  /** Live worker threads (for leak checks). */
  get threads(): number {
    return this.executors.reduce((n, e) => n + e.pool.threads.length, 0);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.executors.map((e) => e.pool.destroy()));
  }
}
