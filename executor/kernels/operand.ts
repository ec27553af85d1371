/**
 * What a kernel receives for each input: a whole column, or a scalar (a constant subtree such as a
 * literal or `CAST(lit AS …)`, folded once into a 1-row column). Kernels pick a column ⊕ scalar
 * loop for scalars instead of materializing them, and a scalar that is null short-circuits the
 * whole node to an all-null column.
 */
import type { BoundExpr } from "../../planner/bound.js";
import { type Col, type Validity, isListCol, isStructCol, takeCol } from "../batch.js";

export interface Operand {
  /** Length n for a column; length 1 for a scalar. */
  readonly col: Col;
  readonly isScalar: boolean;
}

/** Which loop a binary kernel runs. Two scalars only meet inside a 1-row constant fold: "cc". */
export type Shape = "cc" | "cs" | "sc";

export function shapeOf(l: Operand, r: Operand): Shape {
  if (r.isScalar && !l.isScalar) return "cs";
  if (l.isScalar && !r.isScalar) return "sc";
  return "cc";
}

/** True for a scalar whose single value is null. */
export function isNullScalar(o: Operand): boolean {
  return o.isScalar && o.col.valid !== null && o.col.valid[0] === 0;
}

/** An operand's validity as seen by an n-row result (a non-null scalar is always valid). */
export function validOf(o: Operand): Validity {
  return o.isScalar ? null : o.col.valid;
}

export function children(e: BoundExpr): readonly BoundExpr[] {
  switch (e.kind) {
    case "input":
    case "lit":
      return [];
    case "binary":
      return [e.left, e.right];
    case "not":
    case "neg":
    case "isNull":
    case "cast":
      return [e.input];
    case "case": {
      const out: BoundExpr[] = [];
      for (const b of e.branches) out.push(b.when, b.then);
      if (e.otherwise) out.push(e.otherwise);
      return out;
    }
    case "in":
      return [e.input, ...e.list];
    case "call":
    case "udf":
      return e.args;
  }
}

const constantMemo = new WeakMap<BoundExpr, boolean>();

/** True when `e` reads no input column: it is evaluated once on one row and broadcast. */
export function isConstant(e: BoundExpr): boolean {
  if (e.kind === "input") return false;
  if (e.kind === "lit") return true;
  const known = constantMemo.get(e);
  if (known !== undefined) return known;
  const c = children(e).every(isConstant);
  constantMemo.set(e, c);
  return c;
}

/** Repeats row 0 of `c` n times. */
export function broadcast(c: Col, n: number): Col {
  if (isListCol(c) || isStructCol(c)) return takeCol(c, new Int32Array(n));
  const valid = c.valid !== null && c.valid[0] === 0 ? new Uint8Array(n) : null;
  if (c.type === "utf8") {
    const a = c.offsets[0]!;
    const len = c.offsets[1]! - a;
    const offsets = new Int32Array(n + 1);
    const data = new Uint8Array(valid ? 0 : len * n);
    if (!valid) {
      const src = c.data.subarray(a, a + len);
      for (let i = 0; i < n; i++) {
        data.set(src, i * len);
        offsets[i + 1] = (i + 1) * len;
      }
    }
    return { type: "utf8", offsets, data, valid };
  }
  switch (c.type) {
    case "float64":
      return { type: c.type, values: new Float64Array(n).fill(c.values[0]!), valid };
    case "int64":
    case "timestamp":
      return { type: c.type, values: new BigInt64Array(n).fill(c.values[0]!), valid };
    case "boolean":
      return { type: c.type, values: new Uint8Array(n).fill(c.values[0]!), valid };
    default:
      return { type: c.type, values: new Int32Array(n).fill(c.values[0]!), valid };
  }
}
