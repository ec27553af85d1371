/**
 * Session: the entry point (PySpark's SparkSession). Holds the configuration, the worker pool
 * (started on the first action and kept warm), the block store and the scheduler.
 */
import { availableParallelism } from "node:os";
import { type Table, tableToIPC } from "apache-arrow";
import { BlockStore } from "../executor/block-store.js";
import { WorkerPool } from "../executor/pool.js";
import { type JobResult, Scheduler } from "../executor/scheduler.js";
import { cinderTypeOf } from "../executor/arrow-convert.js";
import type { LogicalPlan } from "../planner/logical-plan.js";
import { optimize, type OptimizeTrace } from "../planner/optimizer.js";
import { planStages } from "../planner/physical/plan-stages.js";
import type { Sink, StageGraph } from "../planner/physical-plan.js";
import { type Attr, newAttr } from "../planner/types.js";
import { DataFrame } from "./dataframe.js";
import { DataFrameReader } from "./reader.js";
import { rowsToTable } from "./rows-to-table.js";
import type { Row } from "./result.js";

export interface SessionOptions {
  /** Worker threads. Default: the machine's available cores. */
  readonly workers?: number;
  /** Partitions of every shuffle. Default: the number of workers. */
  readonly shufflePartitions?: number;
  /** Joins broadcast a side estimated below this size. Default 10 MB (Spark's default). */
  readonly broadcastThreshold?: number;
  /** Target size of one CSV split. Default 32 MB. */
  readonly splitBytes?: number;
  /** Optimizer rules to switch off, by name (see `explain({ verbose: true })`). */
  readonly disabledRules?: readonly string[];
}

export interface ExecutedPlan {
  readonly optimized: LogicalPlan;
  readonly graph: StageGraph;
  readonly trace: readonly OptimizeTrace[];
}

let nextCacheId = 1;

export class Session {
  readonly workers: number;
  readonly shufflePartitions: number;
  readonly broadcastThreshold: number;
  readonly splitBytes: number;
  readonly disabledRules: readonly string[];
  private pool: WorkerPool | null = null;
  private readonly store = new BlockStore();
  private nextJobId = 0;
  private stopped = false;
  private last: JobResult | null = null;

  /**
   * @example
   * const session = new Session({ workers: 4 });
   */
  constructor(opts: SessionOptions = {}) {
    this.workers = Math.max(1, Math.floor(opts.workers ?? availableParallelism()));
    this.shufflePartitions = Math.max(1, Math.floor(opts.shufflePartitions ?? this.workers));
    this.broadcastThreshold = opts.broadcastThreshold ?? 10 * 1024 * 1024;
    this.splitBytes = opts.splitBytes ?? 32 * 1024 * 1024;
    this.disabledRules = opts.disabledRules ?? [];
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

  /** @internal */
  newCacheId(): number {
    return nextCacheId++;
  }

  /** @internal Optimizes and plans without running. */
  plan(plan: LogicalPlan, sink?: Sink): ExecutedPlan {
    const trace: OptimizeTrace[] = [];
    const optimized = optimize(plan, { disabledRules: this.disabledRules }, trace);
    const graph = planStages(optimized, { shufflePartitions: this.shufflePartitions, broadcastThreshold: this.broadcastThreshold }, sink);
    return { optimized, graph, trace };
  }

  /** @internal Runs a planned job on the pool. */
  async run(graph: StageGraph, write?: { staging: string; uuid: string }): Promise<JobResult> {
    if (this.stopped) throw new Error("This session was stopped; create a new Session.");
    this.pool ??= new WorkerPool({ workers: this.workers });
    const scheduler = new Scheduler(this.pool, this.store);
    const jobId = this.nextJobId++;
    const result = await scheduler.runJob(graph, write ? { jobId, write } : { jobId });
    this.last = result;
    return result;
  }

  /** @internal Frees a job's intermediate blocks once its results were read. */
  release(jobId: number): void {
    this.store.releaseJob(jobId);
  }

  /** @internal */
  dropCache(cacheId: number): void {
    this.store.dropCache(cacheId);
  }

  /** Metrics of the last job that ran. */
  lastJob(): JobResult | null {
    return this.last;
  }

  /** Stops the worker pool. @example await session.stop() */
  async stop(): Promise<void> {
    this.stopped = true;
    const pool = this.pool;
    this.pool = null;
    if (pool) await pool.close();
  }
}
