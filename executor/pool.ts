/**
 * The worker pool: piscina threads running executor/worker. Started lazily on the first job and
 * kept warm between jobs. Guards against piscina's load-failure trap (LIBRARIES.md fact 5): an
 * 'error' listener, and a ping at start-up so a broken worker module fails the first job clearly
 * instead of hanging every later task.
 */
import { Piscina } from "piscina";
import type { TaskDescription, TaskOutput } from "./task.js";

function workerFile(): { filename: string; execArgv: string[] } {
  const self = import.meta.url;
  const ts = self.endsWith(".ts");
  const filename = new URL(ts ? "./worker.ts" : "./worker.js", self).href;
  const execArgv = [...process.execArgv];
  // Running from TypeScript source: workers need the same loader as this thread.
  if (ts && !execArgv.some((a) => a.includes("tsx"))) execArgv.push("--import", "tsx");
  return { filename, execArgv };
}

export interface PoolOptions {
  readonly workers: number;
}

export class WorkerPool {
  private readonly pool: Piscina;
  private ready: Promise<void> | null = null;
  private failure: Error | null = null;

  constructor(readonly opts: PoolOptions) {
    const { filename, execArgv } = workerFile();
    this.pool = new Piscina({
      filename,
      execArgv,
      minThreads: opts.workers,
      maxThreads: opts.workers,
      idleTimeout: 60_000,
      // Tasks queue here, not in the workers: every worker runs one task at a time.
      concurrentTasksPerWorker: 1,
    });
    this.pool.on("error", (err: unknown) => {
      this.failure = err instanceof Error ? err : new Error(String(err));
    });
  }

  /** Resolves once a worker has loaded the module (or rejects with why it could not). */
  start(): Promise<void> {
    this.ready ??= (this.pool.run(null, { name: "ping" }) as Promise<number>).then(
      () => undefined,
      (err: unknown) => {
        throw new Error(`Cinder's worker threads failed to start: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
    return this.ready;
  }

  async run(task: TaskDescription, signal?: AbortSignal): Promise<TaskOutput> {
    if (this.failure) throw this.failure;
    await this.start();
    return (await this.pool.run(task, signal ? { signal } : {})) as TaskOutput;
  }

  get threads(): number {
    return this.pool.threads.length;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
