/**
 * The block store (main thread): every task output of every running job, with the worker thread
 * that owns it, and the partitions of cache()d DataFrames under a memory budget. That record is
 * the lineage the scheduler recomputes from: the stage graph says how each partition is made, the
 * store says which partitions exist.
 *
 * Blocks live in shared memory, but ownership is what counts: when a worker dies, every block it
 * owned is dropped here, as an executor's shuffle files and cached blocks die with it in Spark,
 * and the liveness cell of each dropped output is cleared so that a task still holding its handle
 * fails with a fetch failure rather than reading it. Outputs of a job's result stage belong to the
 * driver (they were returned to it) and are never lost.
 *
 * Cached partitions outlive jobs. When storing one would exceed `memoryBudgetBytes`, the least
 * recently used partitions of *other* cached DataFrames are evicted (never those of the one being
 * stored, as Spark's MemoryStore does), and a partition that still does not fit is not kept. Either
 * way the next job that needs it recomputes it from lineage.
 */
import type { Stage } from "../planner/physical-plan.js";
import type { BlockRef } from "./blocks.js";
import type { InputBlock, TaskOutput } from "./task.js";

export type LossReason = "executor lost" | "outputs dropped";

export interface LostOutput {
  readonly stageId: number;
  readonly partition: number;
  /** The worker thread that owned it. */
  readonly worker: number;
  readonly reason: LossReason;
}

export function outputBytes(out: TaskOutput): number {
  let n = out.sample?.byteLength ?? 0;
  for (const b of out.blocks) n += b?.byteLength ?? 0;
  return n;
}

/** One stage's outputs within one job, with the liveness cells its readers check. */
export class StageOutputs {
  /** Shared memory: cell p holds the generation of partition p's live output, 0 when it has none. */
  readonly live: Int32Array;
  private readonly outs: (TaskOutput | undefined)[];
  private gen = 0;
  private count = 0;

  constructor(
    readonly stageId: number,
    readonly partitions: number,
    /** Outputs returned to the driver (the result stage): never lost with a worker. */
    readonly driverOwned: boolean,
  ) {
    this.live = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, partitions)));
    this.outs = new Array<TaskOutput | undefined>(partitions).fill(undefined);
  }

  get(p: number): TaskOutput | undefined {
    return this.outs[p];
  }

  has(p: number): boolean {
    return this.outs[p] !== undefined;
  }

  get complete(): boolean {
    return this.count === this.partitions;
  }

  put(p: number, out: TaskOutput): void {
    if (this.outs[p] === undefined) this.count++;
    this.outs[p] = out;
    Atomics.store(this.live, p, ++this.gen);
  }

  drop(p: number): void {
    if (this.outs[p] === undefined) return;
    this.outs[p] = undefined;
    this.count--;
    Atomics.store(this.live, p, 0);
  }

  /** The handle a reading task gets for block `ref` of partition p's output. */
  inputBlock(p: number, ref: BlockRef): InputBlock {
    return { ref, map: p, live: this.live, gen: Atomics.load(this.live, p) };
  }

  /** Drops the outputs `worker` owns; returns their partitions. */
  dropOwnedBy(worker: number): number[] {
    if (this.driverOwned) return [];
    const lost: number[] = [];
    this.outs.forEach((o, p) => {
      if (o && o.worker === worker) lost.push(p);
    });
    for (const p of lost) this.drop(p);
    return lost;
  }

  get bytes(): number {
    let n = 0;
    for (const o of this.outs) if (o) n += outputBytes(o);
    return n;
  }
}

/** A running job's outputs, stage by stage. */
export class JobOutputs {
  readonly stages = new Map<number, StageOutputs>();

  constructor(
    readonly jobId: number,
    stages: readonly Stage[],
    resultStage: number,
    /** Told what this job lost, synchronously, whenever the store drops its outputs. */
    readonly onLost: (lost: readonly LostOutput[]) => void,
  ) {
    for (const s of stages) this.stages.set(s.id, new StageOutputs(s.id, s.partitions, s.id === resultStage));
  }

  stage(id: number): StageOutputs {
    const s = this.stages.get(id);
    if (!s) throw new Error(`internal: job ${this.jobId} has no stage ${id}`);
    return s;
  }

  /** A stage that has not produced anything yet gets a new partition count (adaptive execution). */
  resize(id: number, partitions: number): void {
    const old = this.stage(id);
    for (let p = 0; p < old.partitions; p++) if (old.has(p)) throw new Error(`internal: stage ${id} changed its partitions after producing partition ${p}`);
    this.stages.set(id, new StageOutputs(id, partitions, old.driverOwned));
  }
}

interface CachedPartition {
  readonly out: TaskOutput;
  readonly bytes: number;
  lastUsed: number;
}

interface CacheEntry {
  readonly partitions: Map<number, CachedPartition>;
  /** Partitions ever stored (so computing one again is a recomputation). */
  readonly stored: Set<number>;
}

export interface StoreStatus {
  /** Jobs running now (their map outputs are held until they end). */
  readonly runningJobs: number;
  /** Task outputs held for running jobs. */
  readonly jobOutputs: number;
  readonly cachedPartitions: number;
  readonly cachedBytes: number;
  readonly memoryBudgetBytes: number;
  /** Cached partitions evicted for memory since the session started. */
  readonly evictions: number;
}

export class BlockStore {
  private readonly jobs = new Map<number, JobOutputs>();
  private readonly caches = new Map<number, CacheEntry>();
  private clock = 0;
  private cachedBytes = 0;
  private evictions = 0;

  constructor(readonly memoryBudgetBytes: number) {}

  openJob(jobId: number, stages: readonly Stage[], resultStage: number, onLost: (lost: readonly LostOutput[]) => void): JobOutputs {
    const job = new JobOutputs(jobId, stages, resultStage, onLost);
    this.jobs.set(jobId, job);
    return job;
  }

  /** Forgets a finished job's outputs (the shared memory is freed once nothing references it). */
  closeJob(jobId: number): void {
    this.jobs.delete(jobId);
  }

  /** Keeps a cached DataFrame's partition if the budget allows; true when kept. */
  putCache(cacheId: number, partition: number, out: TaskOutput): boolean {
    let entry = this.caches.get(cacheId);
    if (!entry) this.caches.set(cacheId, (entry = { partitions: new Map(), stored: new Set() }));
    const old = entry.partitions.get(partition);
    if (old) {
      entry.partitions.delete(partition);
      this.cachedBytes -= old.bytes;
    }
    const bytes = outputBytes(out);
    if (bytes > this.memoryBudgetBytes) return false;
    while (this.cachedBytes + bytes > this.memoryBudgetBytes) {
      if (!this.evictOne(cacheId)) return false;
    }
    entry.partitions.set(partition, { out, bytes, lastUsed: ++this.clock });
    entry.stored.add(partition);
    this.cachedBytes += bytes;
    return true;
  }

  /** A cached partition, marked as just used. */
  cached(cacheId: number, partition: number): TaskOutput | undefined {
    const p = this.caches.get(cacheId)?.partitions.get(partition);
    if (p) p.lastUsed = ++this.clock;
    return p?.out;
  }

  /** Whether the partition was stored once (and so computing it now is a recomputation). */
  wasCached(cacheId: number, partition: number): boolean {
    return this.caches.get(cacheId)?.stored.has(partition) ?? false;
  }

  dropCache(cacheId: number): void {
    const entry = this.caches.get(cacheId);
    if (!entry) return;
    for (const p of entry.partitions.values()) this.cachedBytes -= p.bytes;
    this.caches.delete(cacheId);
  }

  /**
   * Drops every block `worker` (a thread id) owns, in every running job and every cache, and tells
   * each job what it lost. Used when a worker died and for injected output loss.
   */
  loseWorker(worker: number, reason: LossReason): void {
    for (const entry of this.caches.values()) {
      for (const [partition, p] of entry.partitions) {
        if (p.out.worker !== worker) continue;
        entry.partitions.delete(partition);
        this.cachedBytes -= p.bytes;
      }
    }
    for (const job of this.jobs.values()) {
      const lost: LostOutput[] = [];
      for (const s of job.stages.values()) {
        for (const partition of s.dropOwnedBy(worker)) lost.push({ stageId: s.stageId, partition, worker, reason });
      }
      if (lost.length > 0) job.onLost(lost);
    }
  }

  status(): StoreStatus {
    let jobOutputs = 0;
    for (const job of this.jobs.values()) for (const s of job.stages.values()) for (let p = 0; p < s.partitions; p++) if (s.has(p)) jobOutputs++;
    let cachedPartitions = 0;
    for (const e of this.caches.values()) cachedPartitions += e.partitions.size;
    return {
      runningJobs: this.jobs.size,
      jobOutputs,
      cachedPartitions,
      cachedBytes: this.cachedBytes,
      memoryBudgetBytes: this.memoryBudgetBytes,
      evictions: this.evictions,
    };
  }

  /** Evicts the least recently used partition of a cache other than `keep`; false if none. */
  private evictOne(keep: number): boolean {
    let victim: { entry: CacheEntry; partition: number; p: CachedPartition } | null = null;
    for (const [cacheId, entry] of this.caches) {
      if (cacheId === keep) continue;
      for (const [partition, p] of entry.partitions) if (!victim || p.lastUsed < victim.p.lastUsed) victim = { entry, partition, p };
    }
    if (!victim) return false;
    victim.entry.partitions.delete(victim.partition);
    this.cachedBytes -= victim.p.bytes;
    this.evictions++;
    return true;
  }
}
