/**
 * Expand (Spark's ExpandExec): each input batch once per projection. Grouping sets use it to emit
 * every row once per set (keys outside the set null, a grouping id), unpivot once per value column.
 * Columns are evaluated by the compiled kernels, a whole batch per projection: no per-row work here.
 */
import type { BoundExpr } from "../../planner/bound.js";
import type { Batch } from "../batch.js";
import { evaluate } from "../kernels/evaluate.js";

/** The batches of `b` under each projection (none for an empty batch). */
export function* expandBatch(b: Batch, projections: readonly (readonly BoundExpr[])[]): Generator<Batch> {
  if (b.length === 0) return;
  for (const row of projections) yield { length: b.length, columns: row.map((e) => evaluate(e, b)) };
}
