/**
 * Three-valued AND / OR / NOT (SQL, as Spark): false AND null = false, true OR null = true,
 * NOT null = null. Boolean values are 0/1 bytes; a null row's value byte is arbitrary, so every
 * loop masks it with the validity. A scalar operand picks a shortcut instead of a loop
 * (x AND true = x, x AND false = false, …).
 */
import type { BoolOp } from "../../planner/expr.js";
import { type BoolCol, type Col, nullCol } from "../batch.js";
import { type Operand, isNullScalar, shapeOf } from "./operand.js";

/**
 * @example
 * logic("and", { col: p, isScalar: false }, { col: q, isScalar: false }, n)
 */
export function logic(op: BoolOp, l: Operand, r: Operand, n: number): Col {
  // Both operators are commutative: a scalar goes on the right.
  const shape = shapeOf(l, r);
  if (shape === "cs") return withScalar(op, asBool(l.col), r, n);
  if (shape === "sc") return withScalar(op, asBool(r.col), l, n);
  const a = asBool(l.col);
  const b = asBool(r.col);
  if (a.valid === null && b.valid === null) {
    const out = new Uint8Array(n);
    if (op === "and") andNoNulls(out, a.values, b.values, n);
    else orNoNulls(out, a.values, b.values, n);
    return { type: "boolean", values: out, valid: null };
  }
  const out = new Uint8Array(n);
  const valid = new Uint8Array(n);
  const va = a.valid ?? new Uint8Array(n).fill(1);
  const vb = b.valid ?? new Uint8Array(n).fill(1);
  if (op === "and") andNulls(out, valid, a.values, va, b.values, vb, n);
  else orNulls(out, valid, a.values, va, b.values, vb, n);
  return { type: "boolean", values: out, valid };
}

/** NOT: flips the value, keeps the validity (NOT null = null). */
export function not(c: Col): Col {
  const a = asBool(c);
  const n = a.values.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a.values[i]! ^ 1;
  return { type: "boolean", values: out, valid: a.valid };
}

function withScalar(op: BoolOp, a: BoolCol, s: Operand, n: number): Col {
  if (isNullScalar(s)) {
    // x AND null is false where x is false, else null; x OR null is true where x is true, else null.
    const out = new Uint8Array(n);
    const valid = new Uint8Array(n);
    const v = a.valid;
    const x = a.values;
    const want = op === "and" ? 0 : 1;
    for (let i = 0; i < n; i++) valid[i] = (v === null ? 1 : v[i]!) & (x[i] === want ? 1 : 0);
    if (op === "or") out.set(valid);
    return { type: "boolean", values: out, valid };
  }
  const t = asBool(s.col).values[0] === 1;
  if (op === "and" ? t : !t) return a;
  return { type: "boolean", values: new Uint8Array(n).fill(t ? 1 : 0), valid: null };
}

function andNoNulls(o: Uint8Array, a: Uint8Array, b: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = a[i]! & b[i]!;
}

function orNoNulls(o: Uint8Array, a: Uint8Array, b: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = a[i]! | b[i]!;
}

function andNulls(o: Uint8Array, ov: Uint8Array, a: Uint8Array, va: Uint8Array, b: Uint8Array, vb: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const p = va[i]!;
    const q = vb[i]!;
    const x = a[i]!;
    const y = b[i]!;
    // Valid when either side is a known false, or both sides are known.
    o[i] = x & y & p & q;
    ov[i] = (p & (x ^ 1)) | (q & (y ^ 1)) | (p & q);
  }
}

function orNulls(o: Uint8Array, ov: Uint8Array, a: Uint8Array, va: Uint8Array, b: Uint8Array, vb: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const p = va[i]!;
    const q = vb[i]!;
    // Valid when either side is a known true, or both sides are known.
    const t = (p & a[i]!) | (q & b[i]!);
    o[i] = t;
    ov[i] = t | (p & q);
  }
}

function asBool(c: Col): BoolCol {
  if (c.type === "null") return nullCol("boolean", c.values.length) as BoolCol;
  if (c.type !== "boolean") throw new Error(`internal: boolean operator on ${c.type}`);
  return c;
}
