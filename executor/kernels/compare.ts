/**
 * Comparisons `= != < <= > >= <=>` over two operands of one type (the analyzer's guarantee),
 * giving boolean. The loop is picked once per batch by element type and shape; a scalar on the
 * left is moved to the right by flipping the operator, so only column-column and column-scalar
 * loops exist. Nulls propagate, except through the null-safe `<=>`, which is never null.
 */
import type { CmpOp } from "../../planner/expr.js";
import { type Col, type Validity, isListCol, isStructCol, nullCol } from "../batch.js";
import { compareRaw, rawValueAt } from "../nested-values.js";
import { compareF64, compareNaNScalar } from "./compare-f64.js";
import { compareInt } from "./compare-int.js";
import { type CmpOp6, flipCmp } from "./compare-loops.js";
import { equalUtf8CC, equalUtf8CS, signsBigCC, signsBigCS, signsToBool, signsUtf8CC, signsUtf8CS } from "./compare-signs.js";
import { type Operand, isNullScalar, shapeOf, validOf } from "./operand.js";
import { andValid } from "./validity.js";

/**
 * @example
 * compare(">", { col: price, isScalar: false }, { col: hundred, isScalar: true }, n)
 */
export function compare(op: CmpOp, l: Operand, r: Operand, n: number): Col {
  if (op === "<=>") return nullSafeEqual(l, r, n);
  if (isNullScalar(l) || isNullScalar(r)) return nullCol("boolean", n);
  const out = new Uint8Array(n);
  compareValues(op, l, r, out, n);
  return { type: "boolean", values: out, valid: andValid(validOf(l), validOf(r), n) };
}

/** Writes `l op r` as 0/1 for every row, ignoring validity (null rows get an arbitrary 0/1). */
export function compareValues(op: CmpOp6, l: Operand, r: Operand, out: Uint8Array, n: number): void {
  const shape = shapeOf(l, r);
  const a = shape === "sc" ? r.col : l.col;
  const b = shape === "sc" ? l.col : r.col;
  const o = shape === "sc" ? flipCmp(op) : op;
  const cs = shape !== "cc";
  if (a.type === "float64" && b.type === "float64") {
    const s = b.values[0]!;
    if (!cs) compareF64[o].cc(out, a.values, b.values, n);
    else if (s !== s) compareNaNScalar(o, out, a.values, n);
    else compareF64[o].cs(out, a.values, s, n);
    return;
  }
  const ai = intValues(a);
  const bi = intValues(b);
  if (ai !== undefined && bi !== undefined) {
    if (cs) compareInt[o].cs(out, ai, bi[0]!, n);
    else compareInt[o].cc(out, ai, bi, n);
    return;
  }
  if (a.type === "utf8" && b.type === "utf8") {
    const y = b.data.subarray(b.offsets[0]!, b.offsets[1]!);
    if (o === "=" || o === "!=") {
      if (cs) equalUtf8CS(out, a, y, n);
      else equalUtf8CC(out, a, b, n);
      if (o === "!=") for (let i = 0; i < n; i++) out[i] = out[i]! ^ 1;
      return;
    }
    const signs = new Int8Array(n);
    if (cs) signsUtf8CS(signs, a, y, n);
    else signsUtf8CC(signs, a, b, n);
    signsToBool(o, out, signs, n);
    return;
  }
  if ((a.type === "int64" || a.type === "timestamp") && (b.type === "int64" || b.type === "timestamp")) {
    const signs = new Int8Array(n);
    if (cs) signsBigCS(signs, a.values, b.values[0]!, n);
    else signsBigCC(signs, a.values, b.values, n);
    signsToBool(o, out, signs, n);
    return;
  }
  if ((isListCol(a) || isStructCol(a)) && a.type === b.type) {
    // Arrays and structs: element by element, as Spark's interpreted ordering (per row, raw values).
    const signs = new Int8Array(n);
    const y0 = cs ? rawValueAt(b, 0) : null;
    for (let i = 0; i < n; i++) signs[i] = Math.sign(compareRaw(rawValueAt(a, i), cs ? y0 : rawValueAt(b, i)));
    signsToBool(o, out, signs, n);
    return;
  }
  throw new Error(`internal: ${op} between ${l.col.type} and ${r.col.type}`);
}

function intValues(c: Col): Int32Array | Uint8Array | undefined {
  switch (c.type) {
    case "int32":
    case "date":
    case "null":
    case "boolean":
      return c.values;
    default:
      return undefined;
  }
}

/** `<=>`: true when both are null, false when one is, else `=`. */
function nullSafeEqual(l: Operand, r: Operand, n: number): Col {
  const ln = isNullScalar(l);
  const rn = isNullScalar(r);
  if (ln && rn) return { type: "boolean", values: new Uint8Array(n).fill(1), valid: null };
  if (ln || rn) return { type: "boolean", values: nullFlags(validOf(ln ? r : l), n), valid: null };
  const out = new Uint8Array(n);
  compareValues("=", l, r, out, n);
  const va = validOf(l);
  const vb = validOf(r);
  if (va === null && vb === null) return { type: "boolean", values: out, valid: null };
  const x = va ?? ones(n);
  const y = vb ?? ones(n);
  for (let i = 0; i < n; i++) {
    const p = x[i]!;
    const q = y[i]!;
    out[i] = (p & q & out[i]!) | ((p | q) ^ 1);
  }
  return { type: "boolean", values: out, valid: null };
}

/** 1 where the row is null. */
export function nullFlags(v: Validity, n: number): Uint8Array {
  const out = new Uint8Array(n);
  if (v !== null) for (let i = 0; i < n; i++) out[i] = v[i]! ^ 1;
  return out;
}

function ones(n: number): Uint8Array {
  return new Uint8Array(n).fill(1);
}
