/**
 * One task: run a stage's pipeline for one partition and deliver its output to the stage's sink —
 * shuffle blocks per reduce partition, one result block, or files for a write.
 */
import { mkdir } from "node:fs/promises";
import { threadId } from "node:worker_threads";
import { taskAttemptDir } from "../io/fs/index.js";
import type { Sink, Stage } from "../planner/physical-plan.js";
import { type Batch, concatBatches } from "./batch.js";
import { type BlockRef, encodeBlock } from "./blocks.js";
import { hashPartitionIds, roundRobinIds, splitByPartition } from "./operators/partition.js";
import { sampleRows } from "./operators/sort.js";
import { runNode } from "./run-node.js";
import { actOut } from "./act-out-fault.js";
import { FetchFailedError, TaskCancelledError } from "./task-signals.js";
import type { TaskDescription, TaskOutput, TaskReply } from "./task.js";
import { writePartition } from "./write-partition.js";

const SAMPLE_ROWS_PER_TASK = 2000;

function blockId(task: TaskDescription, reduce: number): string {
  return `job${task.jobId}/stage${task.stage.id}/map${task.partition}/part${reduce}/attempt${task.attempt}`;
}

async function partitioned(task: TaskDescription, sink: Extract<Sink, { kind: "hash" | "roundRobin" }>): Promise<{ blocks: (BlockRef | null)[]; rows: number }> {
  const n = sink.partitions;
  const buckets: Batch[][] = Array.from({ length: n }, () => []);
  let rows = 0;
  let start = task.partition;
  for await (const b of runNode(task.stage.root, task.partition, task)) {
    rows += b.length;
    let ids: Int32Array;
    if (sink.kind === "hash") ids = n === 1 ? new Int32Array(b.length) : hashPartitionIds(b, [...sink.keys], n);
    else {
      ids = roundRobinIds(b.length, n, start);
      start += b.length;
    }
    const parts = splitByPartition(b, ids, n);
    parts.forEach((p, i) => {
      if (p && p.length > 0) buckets[i]?.push(p);
    });
  }
  const fields = task.stage.root.output;
  return { blocks: buckets.map((bs, i) => encodeBlock(blockId(task, i), bs, fields, "keep")), rows };
}

async function collectAll(task: TaskDescription): Promise<Batch[]> {
  const out: Batch[] = [];
  for await (const b of runNode(task.stage.root, task.partition, task)) out.push(b);
  return out;
}

/**
 * Runs a task and reports how it ended. Errors become plain data (a cloned Error loses its name
 * and fields); a lost input block and a cancelled job are replies of their own, so the scheduler
 * can tell them from failures.
 */
export async function runTask(task: TaskDescription): Promise<TaskReply> {
  try {
    const output = await computeTask(task);
    if (task.fault) await actOut(task.fault, task);
    return { kind: "done", output };
  } catch (err) {
    if (err instanceof FetchFailedError) return { kind: "fetchFailed", stage: err.stage, map: err.map };
    if (err instanceof TaskCancelledError) return { kind: "cancelled" };
    const e = err instanceof Error ? err : new Error(String(err));
    return { kind: "failed", name: e.name, message: e.message, stack: e.stack ?? "" };
  }
}

async function computeTask(task: TaskDescription): Promise<TaskOutput> {
  const started = performance.now();
  const stage: Stage = task.stage;
  const sink = stage.sink;
  const fields = stage.root.output;
  const done = (o: Omit<TaskOutput, "worker" | "durationMs">): TaskOutput => ({ ...o, worker: threadId, durationMs: performance.now() - started });
  switch (sink.kind) {
    case "hash":
    case "roundRobin":
      return done(await partitioned(task, sink));
    case "result": {
      const batches = await collectAll(task);
      const rows = batches.reduce((s, b) => s + b.length, 0);
      // cache() partitions are read by every later job: their strings are dictionary-encoded.
      return done({ blocks: [encodeBlock(blockId(task, 0), batches, fields, stage.cacheId !== undefined ? "build" : "plain")], rows });
    }
    case "range": {
      const batches = await collectAll(task);
      const rows = batches.reduce((s, b) => s + b.length, 0);
      let sample: BlockRef | null = null;
      if (rows > 0) {
        const all = concatBatches(batches, fields.length);
        const keysOnly: Batch = { length: all.length, columns: sink.keys.map((k) => all.columns[k.index] as Batch["columns"][number]) };
        const keyFields = sink.keys.map((k) => fields[k.index] as (typeof fields)[number]);
        const s = sampleRows(keysOnly, sink.keys.map((k, i) => ({ ...k, index: i })), SAMPLE_ROWS_PER_TASK);
        sample = encodeBlock(`${blockId(task, 0)}/sample`, [s], keyFields);
      }
      return done({ blocks: [encodeBlock(blockId(task, 0), batches, fields, "keep")], sample, rows });
    }
    case "write": {
      if (!task.write) throw new Error("internal: write task without a staging folder");
      const batches = await collectAll(task);
      const dir = taskAttemptDir(task.write.staging, task.partition, task.attempt);
      await mkdir(dir, { recursive: true });
      const { files, rows } = await writePartition(batches, fields, sink, task.partition, { staging: dir, uuid: task.write.uuid });
      return done({ blocks: [], files, rows });
    }
  }
}
