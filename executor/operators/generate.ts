/**
 * Generate (Spark's GenerateExec) for explode / posexplode and their outer forms: each input row
 * repeated once per element of its array, with the element (and its 0-based position) appended.
 * Rows are gathered with one index array per batch (no per-row objects); an array-less row
 * (null or empty) gives no row, or with `outer` one row whose generated columns are null.
 */
import type { BoundExpr } from "../../planner/bound.js";
import { type Batch, type Col, isListCol, takeBatch, takeCol } from "../batch.js";
import { evaluate } from "../kernels/evaluate.js";

export interface GenerateSpec {
  readonly arg: BoundExpr;
  readonly position: boolean;
  readonly outer: boolean;
}

/** The generated batch of `b` (undefined when it has no rows). */
export function generateBatch(b: Batch, spec: GenerateSpec): Batch | undefined {
  if (b.length === 0) return undefined;
  const list = evaluate(spec.arg, b);
  const n = b.length;
  let total = 0;
  const lens = new Int32Array(n);
  const isList = isListCol(list);
  for (let i = 0; i < n; i++) {
    const ok = isList && (list.valid === null || list.valid[i] === 1);
    const len = ok ? (list.offsets[i + 1] as number) - (list.offsets[i] as number) : 0;
    lens[i] = len;
    total += len === 0 && spec.outer ? 1 : len;
  }
  if (total === 0) return undefined;
  const rows = new Int32Array(total);
  const elems = new Int32Array(total);
  const pos = new Int32Array(total);
  let posValid: Uint8Array | null = null;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const len = lens[i] as number;
    if (len === 0) {
      if (!spec.outer) continue;
      posValid ??= new Uint8Array(total).fill(1);
      posValid[k] = 0;
      rows[k] = i;
      elems[k++] = -1;
      continue;
    }
    const start = isList ? (list.offsets[i] as number) : 0;
    for (let t = 0; t < len; t++) {
      rows[k] = i;
      pos[k] = t;
      elems[k++] = start + t;
    }
  }
  const base = takeBatch(b, rows);
  const generated: Col[] = [];
  if (spec.position) generated.push({ type: "int32", values: pos, valid: posValid });
  if (isList) generated.push(takeCol(list.child, elems));
  else throw new Error(`internal: explode of a ${list.type} column`);
  return { length: total, columns: [...base.columns, ...generated] };
}
