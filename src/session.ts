/**
 * Session: the entry point (PySpark's SparkSession). Holds the configuration, the worker pool
 * (started on the first action and kept warm), the block store and the scheduler.
 */
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { getHeapStatistics } from "node:v8";
import { type Table, tableToIPC } from "apache-arrow";
import { BlockStore, type StoreStatus } from "../executor/block-store.js";
import { type FaultOptions, checkFaults } from "../executor/faults.js";
import { WorkerPool } from "../executor/pool.js";
import { TimeZone } from "../executor/kernels/datetime/time-zone.js";
import { type JobMetrics, type JobResult, Scheduler } from "../executor/scheduler.js";
import { cinderTypeOf } from "../executor/arrow-convert.js";
import type { LogicalPlan } from "../planner/logical-plan.js";
import { optimize, type OptimizeTrace } from "../planner/optimizer.js";
import { planStages } from "../planner/physical/plan-stages.js";
import type { Sink, StageGraph } from "../planner/physical-plan.js";
import { type Attr, newAttr } from "../planner/types.js";
import { DataFrame } from "./dataframe.js";
import { DataFrameReader } from "./reader.js";
import { rowsToTable } from "./rows-to-table.js";
import { ViewCatalog, runSql } from "./sql.js";
import type { Row } from "./result.js";
import { UdfRegistration } from "./udf.js";

export interface SessionOptions {
  /** Worker threads. Default: the machine's available cores. */
  readonly workers?: number;
  /**
   * Partitions of every shuffle as planned (Spark's spark.sql.shuffle.partitions). Default: the
   * number of workers. With `adaptive` on, small ones are coalesced at run time.
   */
  readonly shufflePartitions?: number;
  /**
   * Adaptive execution (Spark's spark.sql.adaptive.enabled with coalescePartitions.enabled): once
   * a shuffle's map tasks are done, adjacent small reduce partitions are coalesced into about
   * `advisoryPartitionSizeBytes` each — never fewer than one per worker when there is enough data —
   * so a stage planned with 200 partitions of a few kilobytes runs a few tasks. Default true.
   */
  readonly adaptive?: boolean;
  /**
   * The size adaptive execution coalesces shuffle partitions to (Spark's
   * spark.sql.adaptive.advisoryPartitionSizeInBytes). Default 64 MiB.
   */
  readonly advisoryPartitionSizeBytes?: number;
  /** Joins broadcast a side estimated below this size. Default 10 MB (Spark's default). */
  readonly broadcastThreshold?: number;
  /**
   * Largest input partition of a file scan, in bytes (Spark's spark.sql.files.maxPartitionBytes):
   * CSV byte ranges and groups of neighbouring Parquet row groups, each at most this or the
   * input's size over the number of workers, whichever is smaller (so every worker gets one).
   * Default 128 MB, as in Spark.
   */
  readonly splitBytes?: number;
  /** Optimizer rules to switch off, by name (see `explain({ verbose: true })`). */
  readonly disabledRules?: readonly string[];
  /** Attempts of one task before its job fails (Spark's spark.task.maxFailures). Default 4. */
  readonly maxTaskAttempts?: number;
  /** Submissions of one stage (the first plus resubmissions after lost inputs) before its job fails. Default 4. */
  readonly maxStageAttempts?: number;
  /**
   * Memory for cache()d partitions; beyond it the least recently used are evicted (and recomputed
   * when needed). Default 30% of the V8 heap limit (Spark's memory fraction × storage fraction).
   */
  readonly memoryBudgetBytes?: number;
  /** Heap limit of each worker thread in MB (a worker that exceeds it dies and is replaced). Default V8's. */
  readonly workerHeapMb?: number;
  /** Where checkpoint() writes (a folder per session inside it, removed by stop()). Default the OS temp folder. */
  readonly checkpointDir?: string;
  /** Fault injection: kill workers, drop outputs, fail tasks — reproducibly, from a seed. */
  readonly faults?: FaultOptions;
  /**
   * The session time zone (Spark's spark.sql.session.timeZone): an IANA id such as
   * "America/New_York" or a fixed offset such as "+05:30". Date and time functions that read local
   * time (hour, date_format, to_timestamp, date_trunc, …) use it. Default "UTC".
   */
  readonly timeZone?: string;
}

export interface ExecutedPlan {
  readonly optimized: LogicalPlan;
  readonly graph: StageGraph;
  readonly trace: readonly OptimizeTrace[];
}

let nextCacheId = 1;

/** spark.sql.adaptive.advisoryPartitionSizeInBytes's default. */
const DEFAULT_ADVISORY_PARTITION_BYTES = 64 * 2 ** 20;
/** spark.sql.adaptive.coalescePartitions.minPartitionSize's default (1 MB): see executor/adaptive/coalesce-stage.ts. */
const MIN_PARTITION_BYTES = 2 ** 20;

export class Session {
  /** User-defined functions registered for SQL expression strings (PySpark's spark.udf). */
  readonly udf = new UdfRegistration();
  readonly workers: number;
  readonly shufflePartitions: number;
  /** Adaptive coalescing of shuffle partitions (SessionOptions.adaptive). */
  readonly adaptive: boolean;
  readonly advisoryPartitionSizeBytes: number;
  readonly broadcastThreshold: number;
  readonly splitBytes: number;
  readonly disabledRules: readonly string[];
  readonly maxTaskAttempts: number;
  readonly maxStageAttempts: number;
  readonly workerHeapMb: number | undefined;
  readonly faults: FaultOptions | null;
  /** The session time zone (SessionOptions.timeZone). */
  readonly timeZone: string;
  /** This session's own checkpoint folder (inside the checkpointDir option). */
  readonly checkpointDir: string;
  private pool: WorkerPool | null = null;
  private scheduler: Scheduler | null = null;
  private readonly store: BlockStore;
  private nextJobId = 0;
  private stopped = false;
  /** @internal Temporary views for sql(). */
  readonly views = new ViewCatalog();

  /**
   * @example
   * const session = new Session({ workers: 4 });
   */
  constructor(opts: SessionOptions = {}) {
    this.workers = Math.max(1, Math.floor(opts.workers ?? availableParallelism()));
    this.shufflePartitions = Math.max(1, Math.floor(opts.shufflePartitions ?? this.workers));
    if (opts.adaptive !== undefined && typeof opts.adaptive !== "boolean") throw new Error(`adaptive must be true or false; got ${String(opts.adaptive)}.`);
    this.adaptive = opts.adaptive ?? true;
    this.advisoryPartitionSizeBytes = positiveInt(opts.advisoryPartitionSizeBytes ?? DEFAULT_ADVISORY_PARTITION_BYTES, "advisoryPartitionSizeBytes");
    this.broadcastThreshold = opts.broadcastThreshold ?? 10 * 1024 * 1024;
    this.splitBytes = opts.splitBytes ?? 128 * 1024 * 1024;
    this.disabledRules = opts.disabledRules ?? [];
    this.maxTaskAttempts = positiveInt(opts.maxTaskAttempts ?? 4, "maxTaskAttempts");
    this.maxStageAttempts = positiveInt(opts.maxStageAttempts ?? 4, "maxStageAttempts");
    if (opts.workerHeapMb !== undefined) positiveInt(opts.workerHeapMb, "workerHeapMb");
    this.workerHeapMb = opts.workerHeapMb;
    this.faults = opts.faults ? checkFaults(opts.faults, this.workers, opts.workerHeapMb) : null;
    this.timeZone = checkTimeZone(opts.timeZone ?? "UTC");
    const budget = opts.memoryBudgetBytes ?? Math.floor(0.3 * getHeapStatistics().heap_size_limit);
    if (!(typeof budget === "number" && budget >= 0)) throw new Error(`memoryBudgetBytes must be a number ≥ 0; got ${String(budget)}.`);
    this.store = new BlockStore(budget);
    this.checkpointDir = join(resolve(opts.checkpointDir ?? tmpdir()), `cinder-checkpoints-${randomUUID()}`);
  }

  /** Readers for CSV and Parquet. @example session.read.csv("people.csv", { header: true, inferSchema: true }) */
  get read(): DataFrameReader {
    return new DataFrameReader(this);
  }

  /**
   * A DataFrame from row objects or an apache-arrow Table.
   * @example session.createDataFrame([{ name: "a", age: 3 }, { name: "b", age: null }])
   */
  createDataFrame(data: readonly Row[] | Table, opts: { partitions?: number } = {}): DataFrame {
    const table = Array.isArray(data) ? rowsToTable(data as readonly Row[]) : (data as Table);
    const n = Math.max(1, Math.min(opts.partitions ?? this.workers, Math.max(1, Math.ceil(table.numRows / 1000))));
    const output: Attr[] = table.schema.fields.map((f) => {
      const t = cinderTypeOf(f.type);
      if (!t) throw new Error(`createDataFrame: column "${f.name}" has Arrow type ${String(f.type)}, which Cinder does not support yet.`);
      return newAttr(f.name, t, f.nullable);
    });
    const partitions: Uint8Array[] = [];
    const per = Math.ceil(table.numRows / n);
    for (let i = 0; i < n && i * per < table.numRows; i++) {
      const ipc = tableToIPC(table.slice(i * per, Math.min(table.numRows, (i + 1) * per)), "stream");
      // Shared memory: every worker reads the partition without a copy.
      const sab = new SharedArrayBuffer(ipc.byteLength);
      const view = new Uint8Array(sab);
      view.set(ipc);
      partitions.push(view);
    }
    const plan: LogicalPlan = { kind: "local", partitions, rows: table.numRows, output };
    return new DataFrame(this, plan);
  }

  /**
   * Runs a SQL query (Spark SQL's grammar, see README "SQL") over temporary views and files named
   * in FROM; returns a lazy DataFrame. `EXPLAIN [EXTENDED] query` returns one string column `plan`.
   * @example
   * people.createOrReplaceTempView("people");
   * await session.sql("SELECT dept, count(*) AS n FROM people WHERE age > 25 GROUP BY dept ORDER BY n DESC").show();
   * await session.sql("SELECT * FROM 'data/*.parquet' LIMIT 5").show();
   */
  sql(query: string): DataFrame {
    return runSql(this, this.views, query);
  }

  /** Drops a temporary view; true when it existed. @example session.dropTempView("people") */
  dropTempView(name: string): boolean {
    return this.views.drop(name);
  }

  /** @internal */
  newCacheId(): number {
    return nextCacheId++;
  }

  /** @internal Optimizes and plans without running. */
  plan(plan: LogicalPlan, sink?: Sink): ExecutedPlan {
    const trace: OptimizeTrace[] = [];
    const optimized = optimize(plan, { disabledRules: this.disabledRules }, trace);
    // current_date()/current_timestamp() stand for one instant per query, as in Spark.
    const nowMs = Date.now();
    const tz = TimeZone.of(this.timeZone);
    const graph = planStages(
      optimized,
      {
        shufflePartitions: this.shufflePartitions,
        broadcastThreshold: this.broadcastThreshold,
        timeZone: this.timeZone,
        currentTimestamp: BigInt(nowMs) * 1000n,
        currentDate: Math.floor((nowMs + tz.offsetMs(nowMs)) / 86_400_000),
      },
      sink,
    );
    return { optimized, graph, trace };
  }

  /** @internal Runs a planned job on the pool. */
  async run(graph: StageGraph, write?: { staging: string; uuid: string }): Promise<JobResult> {
    if (this.stopped) throw new Error("This session was stopped; create a new Session.");
    const jobId = this.nextJobId++;
    return this.executor().runJob(graph, write ? { jobId, write } : { jobId });
  }

  private executor(): Scheduler {
    if (this.scheduler) return this.scheduler;
    const store = this.store;
    this.pool = new WorkerPool({
      workers: this.workers,
      ...(this.workerHeapMb !== undefined ? { workerHeapMb: this.workerHeapMb } : {}),
      // A dead worker's blocks die with it; the jobs that need them recompute them.
      onWorkerLost: (_executor, threadId) => store.loseWorker(threadId, "executor lost"),
    });
    const adaptive = this.adaptive
      ? {
          advisoryPartitionSizeBytes: this.advisoryPartitionSizeBytes,
          minPartitionNum: this.workers,
          minPartitionSizeBytes: MIN_PARTITION_BYTES,
        }
      : null;
    this.scheduler = new Scheduler(this.pool, store, { maxTaskAttempts: this.maxTaskAttempts, maxStageAttempts: this.maxStageAttempts, faults: this.faults, adaptive });
    return this.scheduler;
  }

  /** @internal Frees a job's intermediate blocks (the scheduler does when a job ends; kept for callers). */
  release(jobId: number): void {
    this.store.closeJob(jobId);
  }

  /** @internal */
  dropCache(cacheId: number): void {
    this.store.dropCache(cacheId);
  }

  /**
   * Metrics of the last job that ended, succeeded or failed: per stage the attempts, tasks
   * launched, failed and recomputed, and the partitions lost and recomputed.
   * @example await df.count(); session.lastJob()?.stages.map((s) => s.tasksRecomputed)
   */
  lastJob(): JobMetrics | null {
    return this.scheduler?.lastJob() ?? null;
  }

  /**
   * What the block store holds now: outputs of running jobs, cached partitions and their bytes
   * against the memory budget, evictions so far, and the live worker threads.
   * @example session.storageStatus().cachedBytes
   */
  storageStatus(): StoreStatus & { readonly workerThreads: number } {
    return { ...this.store.status(), workerThreads: this.pool?.threads ?? 0 };
  }

  /** Stops the worker pool and removes this session's checkpoints. @example await session.stop() */
  async stop(): Promise<void> {
    this.stopped = true;
    const pool = this.pool;
    this.pool = null;
    if (pool) await pool.close();
    await rm(this.checkpointDir, { recursive: true, force: true });
  }
}

function positiveInt(v: unknown, name: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) throw new Error(`${name} must be a whole number ≥ 1; got ${String(v)}.`);
  return v;
}

function checkTimeZone(name: unknown): string {
  if (typeof name !== "string" || name === "") throw new Error(`timeZone must be an IANA time zone id or an offset such as "+05:30"; got ${String(name)}.`);
  try {
    TimeZone.of(name);
  } catch {
    throw new Error(`timeZone "${name}" is not a known time zone; use an IANA id such as "America/New_York" or an offset such as "+05:30".`);
  }
  return name;
}
