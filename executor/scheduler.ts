/**
 * The DAG scheduler (main thread). A job is a stage graph; the scheduler runs it to the end by
 * lineage: it keeps asking which partitions the result still needs, recursively down to the
 * source files, launches a task for each one whose inputs all exist, and registers what comes
 * back in the block store. Recovery is the same question asked again:
 *
 * - a task that fails (it threw, or its worker died under it) is retried, up to maxTaskAttempts;
 * - when outputs are lost (a worker died, an injected fault dropped them), the store drops them
 *   and tells the job; the partitions are missing again, so exactly those are recomputed — and
 *   only if something still needs them — before the tasks that read them are launched;
 * - a task that reached a block lost while it ran replies with a fetch failure and waits to be
 *   launched again; a stage whose tasks hit fetch failures (or that had completed and lost
 *   outputs) is resubmitted, at most maxStageAttempts times. Losses that arrive together are
 *   handled by one resubmission, since the next launch round sees them all.
 *
 * Tasks are placed on executors deterministically while faults are injected (task p on executor
 * p mod n), so a faulty run is reproducible; otherwise an idle executor takes any ready task.
 *
 * Adaptive execution (adaptive/): a stage that reads shuffles waits, before its first task, until
 * those shuffles are complete, then coalesces their small reduce partitions with the sizes the map
 * outputs report; its partition count changes then, once, and stays for the job.
 */
import { isUdfError } from "./kernels/udf.js";
import { commitTaskFiles, removeTaskAttempts, taskAttemptDir } from "../io/fs/index.js";
import type { Stage, StageGraph } from "../planner/physical-plan.js";
import type { DataType } from "../planner/types.js";
import { type Batch, concatBatches } from "./batch.js";
import { type BlockRef, decodeBlock, encodeBlock } from "./blocks.js";
import type { BlockStore, JobOutputs, LossReason, LostOutput } from "./block-store.js";
import { type FaultOptions, faultForTask, outputsToLose } from "./faults.js";
import { computeRangeBounds } from "./operators/sort.js";
import { type ExchangeNode, coalesceGroups } from "./adaptive/coalesce-groups.js";
import { type AdaptiveConfig, type CoalescedShuffleRead, coalesceStage } from "./adaptive/coalesce-stage.js";
import { type MapSample, rangeBytes, shuffleBytes } from "./adaptive/shuffle-bytes.js";
import type { WorkerPool } from "./pool.js";
import { type ParentRead, blocksFor, dependsOn, parentReads } from "./task-inputs.js";
import type { TaskDescription, TaskOutput, TaskReply } from "./task.js";

export interface TaskAttemptMetrics {
  readonly partition: number;
  /** Attempts of this task in this job before this one. */
  readonly attempt: number;
  readonly executor: number;
  readonly status: "succeeded" | "failed" | "fetchFailed" | "cancelled";
  /** The partition had been computed before (in this job, or cached) and was lost. */
  readonly recomputed: boolean;
  readonly durationMs: number;
  readonly error?: string;
}

export interface StageMetrics {
  readonly stageId: number;
  /** Partitions (tasks) the stage ran with: the planned count, or fewer once coalesced. */
  readonly partitions: number;
  /**
   * Set when adaptive execution coalesced the shuffle partitions the stage reads: the planned
   * partition count, and per coalesced read the counts before and after and the bytes each
   * coalesced partition read.
   */
  readonly coalesced?: { readonly plannedPartitions: number; readonly reads: readonly CoalescedShuffleRead[] };
  /** Submissions of the stage: 1, plus one per resubmission after fetch failures or lost outputs. */
  readonly attempts: number;
  readonly tasksLaunched: number;
  readonly tasksSucceeded: number;
  readonly tasksFailed: number;
  readonly fetchFailures: number;
  readonly tasksRecomputed: number;
  /** Partitions served from the cache (cache() stages). */
  readonly partitionsFromCache: number;
  /** Every partition came from the cache: the stage ran no task. */
  readonly cached: boolean;
  readonly rows: number;
  readonly durationMs: number;
  readonly tasks: readonly TaskAttemptMetrics[];
}

export interface PartitionRef {
  readonly stageId: number;
  readonly partition: number;
}

export interface LostPartition extends PartitionRef {
  /** The executor that owned it (-1 if unknown). */
  readonly executor: number;
  readonly reason: LossReason;
}

export interface JobMetrics {
  readonly jobId: number;
  readonly status: "succeeded" | "failed";
  readonly error?: string;
  readonly durationMs: number;
  readonly stages: readonly StageMetrics[];
  /** Partitions computed again because their output was lost, in launch order (no repeats). */
  readonly recomputedPartitions: readonly PartitionRef[];
  /** Outputs this job lost, in the order it lost them. */
  readonly lostPartitions: readonly LostPartition[];
}

export interface JobResult extends JobMetrics {
  /** The result stage's task outputs, in partition order. */
  readonly outputs: readonly TaskOutput[];
  /** The stage graph as it ran: with adaptive execution's coalesced reads and partition counts. */
  readonly finalGraph: StageGraph;
}

export interface JobOptions {
  readonly jobId: number;
  readonly write?: { readonly staging: string; readonly uuid: string };
}

export interface SchedulerConfig {
  readonly maxTaskAttempts: number;
  readonly maxStageAttempts: number;
  /** Fault injection (null: none, and no cost). */
  readonly faults: FaultOptions | null;
  /** Adaptive coalescing of shuffle partitions (null: off, stages run as planned). */
  readonly adaptive: AdaptiveConfig | null;
}

export class Scheduler {
  private last: JobMetrics | null = null;

  constructor(
    private readonly pool: WorkerPool,
    private readonly store: BlockStore,
    private readonly config: SchedulerConfig,
  ) {}

  async runJob(graph: StageGraph, opts: JobOptions): Promise<JobResult> {
    const run = new JobRun(graph, opts, this.pool, this.store, this.config);
    try {
      const result = await run.run();
      this.last = result;
      return result;
    } catch (err) {
      this.last = run.metrics("failed", err);
      throw err;
    }
  }

  /** Metrics of the last job that ended (succeeded or failed). */
  lastJob(): JobMetrics | null {
    return this.last;
  }
}

interface StageState {
  /** The stage as it runs: the planned one, or its coalesced rewrite. */
  stage: Stage;
  readonly children: number[];
  /**
   * Groups of shuffle reads adaptive execution coalesces together, while the decision is still
   * to be made (the stage launches nothing until then); null once made, or with nothing to decide.
   */
  coalesceGroups: ExchangeNode[][] | null;
  coalesced?: StageMetrics["coalesced"];
  attempts: number;
  resubmit: boolean;
  completions: number;
  /** The stage attempt for which "while" output losses were last injected. */
  lossesWhile: number;
  launched: number;
  succeeded: number;
  failed: number;
  fetchFailures: number;
  recomputed: number;
  fromCache: number;
  firstLaunch: number;
  lastDone: number;
  readonly tasks: TaskAttemptMetrics[];
  /** Per partition: launches so far, ordinary failures so far, and whether it was ever computed. */
  launches: Int32Array;
  failures: Int32Array;
  computed: Uint8Array;
  fromCacheAt: Uint8Array;
  /** Per partition: the executor its current output came from. */
  executorOf: Int32Array;
  readonly reads: Map<number, Map<number, ParentRead>>;
}

class JobRun {
  private readonly started = performance.now();
  private readonly outputs: JobOutputs;
  private readonly states = new Map<number, StageState>();
  /** Stages by ascending id (a topological order), each as it runs (see StageState.stage). */
  private readonly order: Stage[];
  private readonly bounds = new Map<number, BlockRef | null>();
  /** Estimated bytes per range of each range exchange, for adaptive execution (with the bounds). */
  private readonly rangeSizes = new Map<number, Float64Array>();
  /** In-flight tasks by "stage:partition", and in-flight count per executor. */
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly busy: Int32Array;
  private readonly cancel = new Int32Array(new SharedArrayBuffer(4));
  private readonly recomputed: PartitionRef[] = [];
  private readonly recomputedSeen = new Set<string>();
  private readonly lost: LostPartition[] = [];
  private fatal: Error | null = null;
  private dirty = false;
  private wakeup: (() => void) | null = null;

  constructor(
    private readonly graph: StageGraph,
    private readonly opts: JobOptions,
    private readonly pool: WorkerPool,
    private readonly store: BlockStore,
    private readonly config: SchedulerConfig,
  ) {
    // Stage ids are assigned parents first, so ascending id order is a topological order.
    this.order = [...graph.stages].sort((a, b) => a.id - b.id);
    const sinkOf = (id: number): Stage["sink"] => {
      const p = graph.stages.find((x) => x.id === id);
      if (!p) throw new Error(`internal: no stage ${id}`);
      return p.sink;
    };
    // A shuffle planned with no more partitions than workers runs in one wave: read as planned.
    const wide = (g: readonly ExchangeNode[]): boolean => g.some((r) => plannedPartitions(sinkOf(r.stage)) > (config.adaptive?.minPartitionNum ?? 0));
    for (const s of this.order) {
      if (s.parents.some((p) => p >= s.id)) throw new Error(`internal: stage ${s.id} has a parent that is not before it`);
      // A cache() stage keeps its planned partitions: later jobs find its partitions by number.
      const groups = config.adaptive && s.cacheId === undefined ? coalesceGroups(s.root, sinkOf).filter(wide) : [];
      this.states.set(s.id, {
        stage: s,
        children: [],
        coalesceGroups: groups.length > 0 ? groups : null,
        attempts: 0,
        resubmit: false,
        completions: 0,
        lossesWhile: 0,
        launched: 0,
        succeeded: 0,
        failed: 0,
        fetchFailures: 0,
        recomputed: 0,
        fromCache: 0,
        firstLaunch: 0,
        lastDone: 0,
        tasks: [],
        launches: new Int32Array(s.partitions),
        failures: new Int32Array(s.partitions),
        computed: new Uint8Array(s.partitions),
        fromCacheAt: new Uint8Array(s.partitions),
        executorOf: new Int32Array(s.partitions).fill(-1),
        reads: new Map(),
      });
    }
    for (const s of this.order) for (const p of s.parents) this.state(p).children.push(s.id);
    this.busy = new Int32Array(pool.size);
    this.outputs = store.openJob(opts.jobId, graph.stages, graph.resultStage, (lost) => this.onLost(lost));
  }

  async run(): Promise<JobResult> {
    try {
      this.loadCached();
      for (;;) {
        if (this.fatal) throw this.fatal;
        if (this.outputs.stage(this.graph.resultStage).complete) break;
        this.dirty = false;
        this.launchReady();
        if (this.inflight.size === 0 && !this.dirty) {
          throw new Error("internal: the job cannot make progress (no task is running and none can be launched)");
        }
        if (!this.dirty) await new Promise<void>((resolve) => (this.wakeup = resolve));
      }
      if (this.opts.write) await removeTaskAttempts(this.opts.write.staging);
      const res = this.outputs.stage(this.graph.resultStage);
      const outputs = Array.from({ length: res.partitions }, (_, p) => res.get(p) as TaskOutput);
      const finalGraph: StageGraph = { ...this.graph, stages: this.graph.stages.map((s) => this.state(s.id).stage) };
      return { ...this.metrics("succeeded"), outputs, finalGraph };
    } catch (err) {
      Atomics.store(this.cancel, 0, 1);
      await Promise.allSettled([...this.inflight.values()]);
      throw err;
    } finally {
      this.store.closeJob(this.opts.jobId);
    }
  }

  metrics(status: "succeeded" | "failed", err?: unknown): JobMetrics {
    const stages = this.order.map((s): StageMetrics => {
      const st = this.state(s.id);
      const outs = this.outputs.stage(s.id);
      let rows = 0;
      for (let p = 0; p < s.partitions; p++) rows += outs.get(p)?.rows ?? 0;
      return {
        stageId: s.id,
        partitions: s.partitions,
        ...(st.coalesced ? { coalesced: st.coalesced } : {}),
        attempts: st.attempts,
        tasksLaunched: st.launched,
        tasksSucceeded: st.succeeded,
        tasksFailed: st.failed,
        fetchFailures: st.fetchFailures,
        tasksRecomputed: st.recomputed,
        partitionsFromCache: st.fromCache,
        cached: st.fromCache === s.partitions && st.launched === 0,
        rows,
        durationMs: st.launched === 0 ? 0 : st.lastDone - st.firstLaunch,
        tasks: st.tasks,
      };
    });
    return {
      jobId: this.opts.jobId,
      status,
      ...(err !== undefined ? { error: err instanceof Error ? err.message : String(err) } : {}),
      durationMs: performance.now() - this.started,
      stages,
      recomputedPartitions: this.recomputed,
      lostPartitions: this.lost,
    };
  }

  // ---- state ----------------------------------------------------------------------------------

  private state(id: number): StageState {
    const s = this.states.get(id);
    if (!s) throw new Error(`internal: no stage ${id}`);
    return s;
  }

  private wake(): void {
    this.dirty = true;
    const w = this.wakeup;
    this.wakeup = null;
    w?.();
  }

  /** Partitions of cache()d stages that the store still holds: this job does not compute them. */
  private loadCached(): void {
    for (const s of this.order) {
      if (s.cacheId === undefined) continue;
      const st = this.state(s.id);
      const outs = this.outputs.stage(s.id);
      for (let p = 0; p < s.partitions; p++) {
        const out = this.store.cached(s.cacheId, p);
        if (!out) continue;
        outs.put(p, out);
        st.fromCache++;
        st.fromCacheAt[p] = 1;
        st.computed[p] = 1;
        st.executorOf[p] = this.pool.executorOf(out.worker) ?? -1;
      }
      if (outs.complete) this.onStageComplete(st);
    }
  }

  /** The parent reads of task p of a stage (cached: the walk is the same every time). */
  private readsOf(st: StageState, p: number): Map<number, ParentRead> {
    let r = st.reads.get(p);
    if (!r) st.reads.set(p, (r = parentReads(st.stage.root, p)));
    return r;
  }

  /** Partitions each stage must (re)compute for the result: missing, needed, and not running. */
  private needed(): Map<number, number[]> {
    const need = new Map<number, number[]>();
    for (let i = this.order.length - 1; i >= 0; i--) {
      const s = this.order[i] as Stage;
      const st = this.state(s.id);
      const outs = this.outputs.stage(s.id);
      const wanted = new Set<number>();
      if (s.id === this.graph.resultStage) for (let p = 0; p < s.partitions; p++) wanted.add(p);
      for (const c of st.children) {
        const cs = this.state(c);
        for (const q of need.get(c) ?? []) {
          const read = this.readsOf(cs, q).get(s.id);
          if (read) for (const d of dependsOn(read, s.partitions)) wanted.add(d);
        }
      }
      const list: number[] = [];
      for (const p of [...wanted].sort((a, b) => a - b)) if (!outs.has(p) && !this.inflight.has(`${s.id}:${p}`)) list.push(p);
      need.set(s.id, list);
    }
    return need;
  }

  /** Whether every input of task p of stage st exists now. */
  private inputsReady(st: StageState, p: number): boolean {
    for (const read of this.readsOf(st, p).values()) {
      const parent = this.outputs.stage(read.stage);
      for (const d of dependsOn(read, parent.partitions)) if (!parent.has(d)) return false;
      if (read.mode === "range" && !this.bounds.has(read.stage)) return false;
    }
    return true;
  }

  // ---- launching ------------------------------------------------------------------------------

  private launchReady(): void {
    if (this.config.adaptive) this.coalesceReady(this.config.adaptive);
    const need = this.needed();
    const fixed = this.config.faults !== null;
    const n = this.pool.size;
    const ready: [StageState, number][] = [];
    for (const s of this.order) {
      const st = this.state(s.id);
      if (st.coalesceGroups) continue;
      for (const p of need.get(s.id) ?? []) if (this.inputsReady(st, p)) ready.push([st, p]);
    }
    const taken = new Set<number>();
    // Each ready task goes to its own executor (p mod n) if that one is idle …
    ready.forEach(([st, p], i) => {
      const slot = p % n;
      if (this.busy[slot] === 0 && !this.fatal) {
        taken.add(i);
        this.launch(st, p, slot);
      }
    });
    if (fixed) return;
    // … and otherwise to any idle executor: no executor idles while work is ready.
    ready.forEach(([st, p], i) => {
      if (taken.has(i) || this.fatal) return;
      const slot = this.busy.findIndex((b) => b === 0);
      if (slot >= 0) this.launch(st, p, slot);
    });
  }

  /**
   * Coalesces the shuffle reads of every stage still waiting to decide whose shuffles are now all
   * complete (and, for a sort, have their bounds). Runs before anything is launched in a round, so
   * no task of such a stage ever ran with the planned partitions.
   */
  private coalesceReady(config: AdaptiveConfig): void {
    for (const s of this.order) {
      const st = this.state(s.id);
      const groups = st.coalesceGroups;
      if (!groups) continue;
      const reads = groups.flat();
      if (!reads.every((r) => this.outputs.stage(r.stage).complete && (r.mode !== "range" || this.bounds.has(r.stage)))) continue;
      st.coalesceGroups = null;
      const done = coalesceStage(s, groups, (r) => this.shuffleSizes(r), config);
      if (!done) continue;
      st.coalesced = { plannedPartitions: s.partitions, reads: done.reads };
      this.replan(st, done.stage);
    }
  }

  /** Bytes per reduce partition of a complete shuffle a stage reads. */
  private shuffleSizes(read: ExchangeNode): Float64Array {
    const n = plannedPartitions(this.state(read.stage).stage.sink);
    if (read.mode === "range") return this.rangeSizes.get(read.stage) ?? new Float64Array(n);
    return shuffleBytes(this.outputs.stage(read.stage), n);
  }

  /** A stage that has not launched yet runs as `next` (its coalesced rewrite) from now on. */
  private replan(st: StageState, next: Stage): void {
    const n = next.partitions;
    st.stage = next;
    this.order[this.order.findIndex((s) => s.id === next.id)] = next;
    st.launches = new Int32Array(n);
    st.failures = new Int32Array(n);
    st.computed = new Uint8Array(n);
    st.fromCacheAt = new Uint8Array(n);
    st.executorOf = new Int32Array(n).fill(-1);
    st.reads.clear();
    this.outputs.resize(next.id, n);
  }

  private launch(st: StageState, p: number, slot: number): void {
    const s = st.stage;
    // Outputs can be lost between finding a task ready and launching it (an injected loss
    // during this round): a task is never handed an incomplete input.
    if (!this.inputsReady(st, p)) return;
    if (st.resubmit || st.attempts === 0) {
      if (st.attempts >= this.config.maxStageAttempts) {
        this.fail(stageAttemptsError(s.id, this.config.maxStageAttempts, this.lost));
        return;
      }
      st.attempts++;
      st.resubmit = false;
    }
    const attempt = st.launches[p] as number;
    st.launches[p] = attempt + 1;
    const recompute = st.computed[p] === 1 || (s.cacheId !== undefined && this.store.wasCached(s.cacheId, p));
    if (recompute) {
      st.recomputed++;
      const key = `${s.id}:${p}`;
      if (!this.recomputedSeen.has(key)) {
        this.recomputedSeen.add(key);
        this.recomputed.push({ stageId: s.id, partition: p });
      }
    }
    const inputs: Record<number, Record<number, ReturnType<typeof blocksFor>[number]>> = {};
    const taskBounds: Record<number, BlockRef | null> = {};
    for (const read of this.readsOf(st, p).values()) {
      inputs[read.stage] = blocksFor(read, this.outputs.stage(read.stage));
      if (read.mode === "range") taskBounds[read.stage] = this.bounds.get(read.stage) ?? null;
    }
    const fault = this.config.faults ? faultForTask(this.config.faults, this.opts.jobId, s.id, p, attempt) : undefined;
    const task: TaskDescription = {
      jobId: this.opts.jobId,
      stage: s,
      partition: p,
      attempt,
      inputs,
      bounds: taskBounds,
      cancel: this.cancel,
      ...(this.opts.write && s.id === this.graph.resultStage ? { write: this.opts.write } : {}),
      ...(fault ? { fault } : {}),
    };
    st.launched++;
    if (st.launched === 1) st.firstLaunch = performance.now();
    // Injected loss while the stage runs: this task already holds handles to the dropped blocks.
    if (this.config.faults && st.attempts > st.lossesWhile) {
      st.lossesWhile = st.attempts;
      this.dropOutputs(outputsToLose(this.config.faults, this.opts.jobId, s.id, "while", st.attempts));
    }
    this.busy[slot] = (this.busy[slot] as number) + 1;
    const key = `${s.id}:${p}`;
    const began = performance.now();
    const stageAttempt = st.attempts;
    const done = this.pool
      .run(slot, task)
      .then(
        (reply) => this.onReply(st, p, attempt, slot, began, recompute, stageAttempt, reply),
        (err: unknown) => this.onFailure(st, p, attempt, slot, began, recompute, toError(err)),
      )
      .catch((err: unknown) => this.fail(toError(err)))
      .finally(() => {
        this.busy[slot] = (this.busy[slot] as number) - 1;
        this.inflight.delete(key);
        st.lastDone = performance.now();
        this.wake();
      });
    this.inflight.set(key, done);
  }

  // ---- task outcomes --------------------------------------------------------------------------

  private record(st: StageState, m: TaskAttemptMetrics): void {
    st.tasks.push(m);
  }

  private async onReply(
    st: StageState,
    p: number,
    attempt: number,
    slot: number,
    began: number,
    recomputed: boolean,
    stageAttempt: number,
    reply: TaskReply,
  ): Promise<void> {
    const base = { partition: p, attempt, executor: slot, recomputed, durationMs: performance.now() - began };
    switch (reply.kind) {
      case "done":
        return this.onDone(st, p, reply.output, base);
      case "fetchFailed":
        st.fetchFailures++;
        // A fetch failure from an attempt older than the current one was already answered by
        // the resubmission that started the current one (Spark ignores those too).
        if (stageAttempt === st.attempts) st.resubmit = true;
        this.record(st, { ...base, status: "fetchFailed", error: `fetch failed: stage ${reply.stage}, map partition ${reply.map}` });
        return;
      case "cancelled":
        this.record(st, { ...base, status: "cancelled" });
        return;
      case "failed": {
        const err = new Error(reply.message);
        err.name = reply.name;
        err.stack = reply.stack;
        return this.onFailure(st, p, attempt, slot, began, recomputed, err);
      }
    }
  }

  private async onDone(st: StageState, p: number, out: TaskOutput, base: Omit<TaskAttemptMetrics, "status">): Promise<void> {
    const s = st.stage;
    const outs = this.outputs.stage(s.id);
    if (this.opts.write && s.id === this.graph.resultStage) {
      const dir = taskAttemptDir(this.opts.write.staging, p, base.attempt);
      await commitTaskFiles(this.opts.write.staging, dir, out.files ?? []);
    }
    st.succeeded++;
    this.record(st, { ...base, status: "succeeded" });
    st.computed[p] = 1;
    if (!outs.driverOwned && this.pool.executorOf(out.worker) === undefined) {
      // Its worker died between replying and now: the blocks went with it.
      this.lost.push({ stageId: s.id, partition: p, executor: base.executor, reason: "executor lost" });
      return;
    }
    outs.put(p, out);
    st.executorOf[p] = base.executor;
    if (s.cacheId !== undefined) this.store.putCache(s.cacheId, p, out);
    if (outs.complete) this.onStageComplete(st);
  }

  private onFailure(st: StageState, p: number, attempt: number, slot: number, began: number, recomputed: boolean, err: Error): void {
    st.failed++;
    const failures = (st.failures[p] as number) + 1;
    st.failures[p] = failures;
    this.record(st, { partition: p, attempt, executor: slot, status: "failed", recomputed, durationMs: performance.now() - began, error: err.message });
    // A UDF's error is deterministic (the same rows fail again): the job fails at once.
    if (failures >= this.config.maxTaskAttempts || isUdfError(err)) this.fail(taskError(err, st.stage.id, p, failures));
  }

  private onStageComplete(st: StageState): void {
    const s = st.stage;
    st.completions++;
    if (s.sink.kind === "range" && !this.bounds.has(s.id)) this.bounds.set(s.id, this.rangeBounds(s));
    const faults = this.config.faults;
    if (!faults || s.id === this.graph.resultStage) return;
    this.dropOutputs(outputsToLose(faults, this.opts.jobId, s.id, "after", st.completions));
  }

  /** Injected output loss: every block the executors own goes, as if their local storage were wiped. */
  private dropOutputs(executors: readonly number[]): void {
    for (const executor of executors) {
      const thread = this.pool.threadOf(executor);
      if (thread !== null) this.store.loseWorker(thread, "outputs dropped");
    }
  }

  /** The store dropped outputs of this job: they are missing again; complete stages are resubmitted. */
  private onLost(lost: readonly LostOutput[]): void {
    const perStage = new Map<number, number>();
    for (const l of lost) {
      const st = this.state(l.stageId);
      this.lost.push({ stageId: l.stageId, partition: l.partition, executor: st.executorOf[l.partition] ?? -1, reason: l.reason });
      st.executorOf[l.partition] = -1;
      // Loaded from the cache but lost before use: it was not served from the cache after all.
      if (st.fromCacheAt[l.partition] === 1) (st.fromCacheAt[l.partition] = 0), st.fromCache--;
      perStage.set(l.stageId, (perStage.get(l.stageId) ?? 0) + 1);
    }
    for (const [id, n] of perStage) {
      const outs = this.outputs.stage(id);
      let have = 0;
      for (let p = 0; p < outs.partitions; p++) if (outs.has(p)) have++;
      if (have + n === outs.partitions) this.state(id).resubmit = true;
    }
    this.wake();
  }

  private fail(err: Error): void {
    this.fatal ??= err;
    Atomics.store(this.cancel, 0, 1);
    this.wake();
  }

  /** Bounds for a range exchange from the samples of all map tasks (on the main thread: they are small). */
  private rangeBounds(stage: Stage): BlockRef | null {
    if (stage.sink.kind !== "range") return null;
    const keys = stage.sink.keys;
    const fields = keys.map((k) => stage.root.output[k.index] as (typeof stage.root.output)[number]);
    const types: DataType[] = fields.map((f) => f.type);
    const samples: Batch[] = [];
    const perMap: MapSample[] = [];
    const outs = this.outputs.stage(stage.id);
    for (let p = 0; p < stage.partitions; p++) {
      const out = outs.get(p);
      if (!out?.sample) continue;
      const decoded = decodeBlock(out.sample, types);
      samples.push(...decoded);
      if (decoded.length > 0) perMap.push({ sample: concatBatches(decoded, keys.length), bytes: out.blocks[0]?.byteLength ?? 0 });
    }
    const n = stage.sink.partitions;
    if (samples.length === 0) {
      if (this.config.adaptive) this.rangeSizes.set(stage.id, new Float64Array(n));
      return null;
    }
    const sample = concatBatches(samples, keys.length);
    const b = computeRangeBounds(sample, keys.map((k, i) => ({ ...k, index: i })), n);
    if (this.config.adaptive) this.rangeSizes.set(stage.id, rangeBytes(perMap, keys, b, n));
    return encodeBlock(`job${this.opts.jobId}/stage${stage.id}/bounds`, [b], fields);
  }
}

/** Reduce partitions of a shuffle's map stage's sink (1 for result sinks). */
function plannedPartitions(sink: Stage["sink"]): number {
  return sink.kind === "hash" || sink.kind === "range" || sink.kind === "roundRobin" ? sink.partitions : 1;
}

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** Wraps a task failure so the message names the stage and partition, keeping the cause and its stack. */
function taskError(cause: Error, stage: number, partition: number, attempts: number): Error {
  const tries = `after ${attempts} attempt${attempts === 1 ? "" : "s"}`;
  const e = new Error(`${cause.message} (stage ${stage}, partition ${partition}, ${tries})`, { cause });
  e.name = cause.name === "Error" ? "CinderJobError" : cause.name;
  if (cause.stack) e.stack = `${e.name}: ${e.message}\n${cause.stack.split("\n").slice(1).join("\n")}`;
  return e;
}

function stageAttemptsError(stage: number, max: number, lost: readonly LostPartition[]): Error {
  const last = lost[lost.length - 1];
  const why = last ? `; the last loss: stage ${last.stageId}, partition ${last.partition} (${last.reason}, executor ${last.executor})` : "";
  const e = new Error(`Stage ${stage} failed ${max} times (maxStageAttempts ${max}): its inputs kept being lost${why}`);
  e.name = "CinderJobError";
  return e;
}
