/**
 * Drives one accumulator without a hash table: rows carry their group id directly. `complete` folds
 * every batch into one accumulator; `twoPhase` folds slices of the batches into separate partial
 * accumulators and merges their states (one row per group) in a final one, as a shuffle would.
 */
import type { Col } from "../../../../executor/batch.js";
import { createAccumulator } from "../../../../executor/operators/aggregate/create-accumulator.js";
import type { AggSpec } from "../../../../planner/bound.js";
import type { AggFn } from "../../../../planner/expr.js";
import type { DataType } from "../../../../planner/types.js";
import { type V, col, valueAt } from "../helpers.js";

/** One row: its group and its input value(s). */
export interface GRow {
  readonly g: number;
  readonly x: V;
  readonly y?: V;
}

export interface InBatch {
  readonly gids: Int32Array;
  readonly x: Col;
  readonly y?: Col;
}

export function toBatches(rows: readonly GRow[], xType: DataType, yType: DataType | null, size: number): InBatch[] {
  const out: InBatch[] = [];
  for (let a = 0; a < rows.length; a += size) {
    const part = rows.slice(a, a + size);
    const gids = Int32Array.from(part, (r) => r.g);
    const x = col(xType, part.map((r) => r.x));
    out.push(yType === null ? { gids, x } : { gids, x, y: col(yType, part.map((r) => r.y ?? null)) });
  }
  return out;
}

export function specOf(fn: AggFn, xType: DataType, resultType: DataType, extra: Partial<AggSpec> = {}): AggSpec {
  return { fn, distinct: false, input: 1, inputType: xType, resultType, ...extra };
}

function valuesOf(c: Col, n: number): V[] {
  return Array.from({ length: n }, (_, i) => valueAt(c, i));
}

/** Complete mode: every batch into one accumulator; one result per group 0..groups-1. */
export function complete(spec: AggSpec, groups: number, batches: readonly InBatch[]): V[] {
  const acc = createAccumulator(spec, "complete");
  acc.resize(groups);
  for (const b of batches) acc.update(b.x, b.gids, b.gids.length, b.y);
  return valuesOf(acc.result(0, groups), groups);
}

/** Partial accumulators over `cuts` slices of the batches, then a final one merging their states. */
export function twoPhase(spec: AggSpec, groups: number, batches: readonly InBatch[], cuts: readonly number[]): V[] {
  const bounds = [0, ...cuts, batches.length];
  const fin = createAccumulator(spec, "final");
  fin.resize(groups);
  const all = Int32Array.from({ length: groups }, (_, g) => g);
  for (let p = 0; p + 1 < bounds.length; p++) {
    const part = createAccumulator(spec, "partial");
    part.resize(groups);
    for (const b of batches.slice(bounds[p], bounds[p + 1])) part.update(b.x, b.gids, b.gids.length, b.y);
    // Merge in two halves: a final aggregate sees states in several batches.
    const half = groups >> 1;
    fin.merge(part.state(0, half), all, half);
    fin.merge(part.state(half, groups), all.subarray(half), groups - half);
  }
  return valuesOf(fin.result(0, groups), groups);
}
