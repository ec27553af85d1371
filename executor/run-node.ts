/**
 * Runs one partition of a stage's operator tree inside a worker: a pull pipeline of async
 * generators, one record batch at a time. Blocking operators (aggregate, join build, sort) keep
 * their local state and emit when their input is done.
 */
import type { PhysNode } from "../planner/physical-plan.js";
import type { DataType } from "../planner/types.js";
import { type Batch, concatBatches, filterBatch, nullCol, sliceBatch } from "./batch.js";
import { asofJoin } from "./operators/asof-join.js";
import { decodeBlock } from "./blocks.js";
import { evaluate, evaluatePredicate } from "./kernels/evaluate.js";
import { HashAggregator, MAX_BATCH_ROWS } from "./operators/hash-aggregate.js";
import { HashJoin } from "./operators/hash-join.js";
import { expandBatch } from "./operators/expand.js";
import { generateBatch } from "./operators/generate.js";
import { Sampler } from "./operators/sample.js";
import { sortBatch, rangePartitionIds } from "./operators/sort.js";
import { computeWindow, groupLimit } from "./operators/window/index.js";
import { readCheckpoint } from "./read-checkpoint.js";
import { scanSplit } from "./scan.js";
import { ALL_PARTITIONS } from "./task-inputs.js";
import { checkCancelled, fetchBlock } from "./task-signals.js";
import type { TaskDescription } from "./task.js";

const typesOf = (n: PhysNode): DataType[] => n.output.map((f) => f.type);

export type BatchStream = AsyncGenerator<Batch, void, undefined>;

export async function* runNode(n: PhysNode, partition: number, task: TaskDescription): BatchStream {
  switch (n.op) {
    case "scan": {
      const split = n.splits[partition];
      if (!split) throw new Error(`internal: scan has no split ${partition}`);
      for await (const b of scanSplit(n, split)) {
        checkCancelled(task);
        yield b;
      }
      return;
    }
    case "local": {
      const bytes = n.partitions[partition];
      if (!bytes || bytes.byteLength === 0) return;
      const sab = bytes.buffer as SharedArrayBuffer;
      yield* decodeBlock({ id: "local", sab, byteLength: bytes.byteLength, rows: 0 }, typesOf(n));
      return;
    }
    case "checkpoint":
      for await (const b of readCheckpoint(n, partition)) {
        checkCancelled(task);
        yield b;
      }
      return;
    case "exchange":
      yield* readExchange(n, partition, task);
      return;
    case "filter":
      for await (const b of runNode(n.input, partition, task)) {
        const out = filterBatch(b, evaluatePredicate(n.predicate, b));
        if (out.length > 0) yield out;
      }
      return;
    case "project":
      for await (const b of runNode(n.input, partition, task)) {
        yield { length: b.length, columns: n.exprs.map((e) => evaluate(e, b)) };
      }
      return;
    case "hashAggregate": {
      const expectedRows = n.mode === "final" && n.input.op === "exchange" ? exchangeRows(n.input, partition, task) : undefined;
      const agg = new HashAggregator({ mode: n.mode, keyTypes: [...n.keyTypes], aggs: [...n.aggs], ...(expectedRows === undefined ? {} : { expectedRows }) });
      for await (const b of runNode(n.input, partition, task)) {
        agg.consume(b);
        for (const ready of agg.takeReady()) yield ready;
      }
      for (const b of agg.finish()) if (b.length > 0) yield b;
      return;
    }
    case "hashJoin":
      yield* runJoin(n, partition, task);
      return;
    case "asofJoin": {
      const left = await collectAll(n.left, partition, task);
      const right = await collectAll(n.right, partition, task);
      const out = asofJoin(left, right, n);
      for (let i = 0; i < out.length; i += MAX_BATCH_ROWS) yield sliceBatch(out, i, i + MAX_BATCH_ROWS);
      return;
    }
    case "sort":
      yield* wholePartition(n.input, partition, task, (all) => {
        const sorted = sortBatch(all, [...n.keys]);
        return n.limit === null ? sorted : sliceBatch(sorted, 0, n.limit);
      });
      return;
    case "windowGroupLimit":
      yield* wholePartition(n.input, partition, task, (all) => groupLimit(all, n.partitionKeys, n.orderKeys, n.limit));
      return;
    case "window":
      yield* wholePartition(n.input, partition, task, (all) => computeWindow(all, n.partitionKeys, n.orderKeys, n.funcs));
      return;
    case "sample": {
      const sampler = new Sampler(n, partition);
      for await (const b of runNode(n.input, partition, task)) {
        const out = sampler.sample(b);
        if (out.length > 0) yield out;
      }
      return;
    }
    case "expand":
      for await (const b of runNode(n.input, partition, task)) yield* expandBatch(b, n.projections);
      return;
    case "generate":
      for await (const b of runNode(n.input, partition, task)) {
        const g = generateBatch(b, n);
        if (g !== undefined) yield g;
      }
      return;
    case "limit": {
      let left = n.n;
      if (left <= 0) return;
      for await (const b of runNode(n.input, partition, task)) {
        const out = b.length <= left ? b : sliceBatch(b, 0, left);
        left -= out.length;
        if (out.length > 0) yield out;
        if (left <= 0) return;
      }
      return;
    }
    case "union": {
      let p = partition;
      for (let i = 0; i < n.inputs.length; i++) {
        const count = n.counts[i] as number;
        if (p < count) {
          yield* runNode(n.inputs[i] as PhysNode, p, task);
          return;
        }
        p -= count;
      }
      throw new Error(`internal: union has no partition ${partition}`);
    }
    case "coalesce":
      for (const p of n.groups[partition] ?? []) yield* runNode(n.input, p, task);
      return;
  }
}

/** The task's whole input as one batch (an empty batch of the right width for none). */
async function collectAll(input: PhysNode, partition: number, task: TaskDescription): Promise<Batch> {
  const all: Batch[] = [];
  for await (const b of runNode(input, partition, task)) all.push(b);
  return all.length ? concatBatches(all, input.output.length) : { length: 0, columns: input.output.map((f) => nullCol(f.type, 0)) };
}

/**
 * A blocking operator over the task's whole input as one batch (sort, window): nothing for no
 * input, and the result in batches of at most MAX_BATCH_ROWS.
 */
async function* wholePartition(input: PhysNode, partition: number, task: TaskDescription, f: (all: Batch) => Batch): BatchStream {
  const all: Batch[] = [];
  for await (const b of runNode(input, partition, task)) all.push(b);
  if (all.length === 0) return;
  const out = f(concatBatches(all, input.output.length));
  for (let i = 0; i < out.length; i += MAX_BATCH_ROWS) yield sliceBatch(out, i, i + MAX_BATCH_ROWS);
}

/** Rows this partition will read from a shuffle (the sum over its input blocks). */
function exchangeRows(n: Extract<PhysNode, { op: "exchange" }>, partition: number, task: TaskDescription): number | undefined {
  if (n.mode !== "shuffle") return undefined;
  let rows = 0;
  for (const block of task.inputs[n.stage]?.[partition] ?? []) rows += block.ref.rows;
  return rows;
}

async function* readExchange(n: Extract<PhysNode, { op: "exchange" }>, partition: number, task: TaskDescription): BatchStream {
  const byPartition = task.inputs[n.stage];
  const blocks = byPartition?.[n.mode === "broadcast" || n.mode === "range" ? ALL_PARTITIONS : partition] ?? [];
  const types = typesOf(n);
  if (n.mode !== "range") {
    for (const block of blocks) {
      checkCancelled(task);
      fetchBlock(n.stage, block);
      yield* decodeBlock(block.ref, types);
    }
    return;
  }
  const boundsRef = task.bounds[n.stage];
  const keys = n.keys ?? [];
  const bounds = boundsRef ? decodeBlock(boundsRef, keys.map((k) => types[k.index] as DataType)) : [];
  const boundBatch = bounds.length ? concatBatches(bounds, keys.length) : null;
  // This task's ranges: one, or a coalesced run of adjacent ones (the rows stay in range order).
  const group = n.coalesced?.partitions[partition];
  const lo = group ? group.start : partition;
  const hi = group ? group.end : partition + 1;
  for (const block of blocks) {
    checkCancelled(task);
    fetchBlock(n.stage, block);
    for (const b of decodeBlock(block.ref, types)) {
      if (!boundBatch) {
        if (lo === 0) yield b;
        continue;
      }
      const ids = rangePartitionIds(b, [...keys], boundBatch);
      const mask = new Uint8Array(b.length);
      for (let i = 0; i < b.length; i++) {
        const id = ids[i] as number;
        mask[i] = id >= lo && id < hi ? 1 : 0;
      }
      const out = filterBatch(b, mask);
      if (out.length > 0) yield out;
    }
  }
}

async function* runJoin(n: Extract<PhysNode, { op: "hashJoin" }>, partition: number, task: TaskDescription): BatchStream {
  const residual = n.residual;
  const join = new HashJoin({
    how: n.how,
    buildSide: n.buildSide,
    leftKeys: [...n.leftKeys],
    rightKeys: [...n.rightKeys],
    leftTypes: typesOf(n.left),
    rightTypes: typesOf(n.right),
    ...(residual ? { residual: (b: Batch) => evaluatePredicate(residual, b) } : {}),
  });
  // A broadcast build side is the whole of its stage's output: every task reads all of it.
  const buildNode = n.buildSide === "left" ? n.left : n.right;
  const probeNode = n.buildSide === "left" ? n.right : n.left;
  for await (const b of runNode(buildNode, partition, task)) join.build(b);
  for await (const b of runNode(probeNode, partition, task)) {
    for (const out of join.probe(b)) if (out.length > 0) yield out;
  }
  for (const out of join.finish()) if (out.length > 0) yield out;
}
