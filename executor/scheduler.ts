/**
 * The DAG scheduler (main thread). Runs every stage whose parents are done — one task per
 * partition on the pool — registers outputs in the block store, computes sort bounds from the
 * samples of range stages, and hands each task exactly the blocks its exchanges read.
 */
import type { Stage, StageGraph } from "../planner/physical-plan.js";
import type { DataType } from "../planner/types.js";
import { type Batch, concatBatches } from "./batch.js";
import { type BlockRef, decodeBlock, encodeBlock } from "./blocks.js";
import type { BlockStore } from "./block-store.js";
import { computeRangeBounds } from "./operators/sort.js";
import type { WorkerPool } from "./pool.js";
import { blocksFor, parentReads } from "./task-inputs.js";
import type { TaskDescription, TaskOutput } from "./task.js";

export interface StageMetrics {
  readonly stageId: number;
  readonly tasks: number;
  readonly rows: number;
  readonly durationMs: number;
  readonly cached: boolean;
}

export interface JobResult {
  readonly jobId: number;
  /** The result stage's task outputs, in partition order. */
  readonly outputs: readonly TaskOutput[];
  readonly stages: readonly StageMetrics[];
  readonly durationMs: number;
}

export interface JobOptions {
  readonly jobId: number;
  readonly write?: { readonly staging: string; readonly uuid: string };
}

export class Scheduler {
  constructor(
    private readonly pool: WorkerPool,
    private readonly store: BlockStore,
  ) {}

  async runJob(graph: StageGraph, opts: JobOptions): Promise<JobResult> {
    const started = performance.now();
    const outputs = new Map<number, TaskOutput[]>();
    const bounds = new Map<number, BlockRef | null>();
    const metrics: StageMetrics[] = [];
    const abort = new AbortController();
    const pending = new Set(graph.stages);
    const running = new Map<number, Promise<void>>();
    try {
      while (pending.size > 0 || running.size > 0) {
        for (const s of [...pending]) {
          if (!s.parents.every((p) => outputs.has(p))) continue;
          pending.delete(s);
          const run = this.runStage(s, graph, outputs, bounds, opts, abort.signal).then((m) => {
            metrics.push(m);
            running.delete(s.id);
          });
          running.set(s.id, run);
        }
        if (running.size === 0) throw new Error("internal: stage graph has a cycle or a missing parent");
        await Promise.race(running.values());
      }
    } catch (err) {
      abort.abort();
      await Promise.allSettled(running.values());
      this.store.releaseJob(opts.jobId);
      throw err;
    }
    const result = outputs.get(graph.resultStage) ?? [];
    metrics.sort((a, b) => a.stageId - b.stageId);
    return { jobId: opts.jobId, outputs: result, stages: metrics, durationMs: performance.now() - started };
  }

  /** Releases a finished job's intermediate blocks. */
  finishJob(jobId: number): void {
    this.store.releaseJob(jobId);
  }

  private async runStage(
    stage: Stage,
    graph: StageGraph,
    outputs: Map<number, TaskOutput[]>,
    bounds: Map<number, BlockRef | null>,
    opts: JobOptions,
    signal: AbortSignal,
  ): Promise<StageMetrics> {
    const started = performance.now();
    if (stage.cacheId !== undefined) {
      const cached = this.store.getCache(stage.cacheId);
      if (cached && cached.length === stage.partitions) {
        outputs.set(stage.id, cached);
        return { stageId: stage.id, tasks: 0, rows: cached.reduce((s, o) => s + o.rows, 0), durationMs: 0, cached: true };
      }
    }
    const tasks: Promise<TaskOutput>[] = [];
    for (let p = 0; p < stage.partitions; p++) {
      const inputs: Record<number, Record<number, BlockRef[]>> = {};
      const taskBounds: Record<number, BlockRef | null> = {};
      for (const read of parentReads(stage.root, p).values()) {
        inputs[read.stage] = blocksFor(read, outputs.get(read.stage) ?? []);
        if (read.mode === "range") taskBounds[read.stage] = bounds.get(read.stage) ?? null;
      }
      const task: TaskDescription = {
        jobId: opts.jobId,
        stage,
        partition: p,
        attempt: 0,
        inputs,
        bounds: taskBounds,
        ...(opts.write && stage.id === graph.resultStage ? { write: opts.write } : {}),
      };
      tasks.push(
        this.pool.run(task, signal).catch((err: unknown) => {
          throw taskError(err, stage.id, p);
        }),
      );
    }
    const outs = await Promise.all(tasks);
    outs.forEach((o, p) => this.store.register(opts.jobId, stage.id, p, o));
    if (stage.sink.kind === "range") bounds.set(stage.id, this.rangeBounds(stage, outs));
    if (stage.cacheId !== undefined) this.store.putCache(stage.cacheId, outs);
    outputs.set(stage.id, outs);
    return { stageId: stage.id, tasks: outs.length, rows: outs.reduce((s, o) => s + o.rows, 0), durationMs: performance.now() - started, cached: false };
  }

  /** Bounds for a range exchange from the samples of all map tasks (on the main thread: they are small). */
  private rangeBounds(stage: Stage, outs: readonly TaskOutput[]): BlockRef | null {
    if (stage.sink.kind !== "range") return null;
    const keys = stage.sink.keys;
    const fields = keys.map((k) => stage.root.output[k.index] as (typeof stage.root.output)[number]);
    const types: DataType[] = fields.map((f) => f.type);
    const samples: Batch[] = [];
    for (const o of outs) if (o.sample) samples.push(...decodeBlock(o.sample, types));
    if (samples.length === 0) return null;
    const sample = concatBatches(samples, keys.length);
    const b = computeRangeBounds(sample, keys.map((k, i) => ({ ...k, index: i })), stage.sink.partitions);
    return encodeBlock(`stage${stage.id}/bounds`, [b], fields);
  }
}

/** Wraps a task failure so the message names the stage and partition, keeping the cause. */
function taskError(err: unknown, stage: number, partition: number): Error {
  const cause = err instanceof Error ? err : new Error(String(err));
  const e = new Error(`${cause.message} (stage ${stage}, partition ${partition})`, { cause });
  e.name = cause.name === "Error" ? "CinderJobError" : cause.name;
  if (cause.stack) e.stack = `${e.name}: ${e.message}\n${cause.stack.split("\n").slice(1).join("\n")}`;
  return e;
}
