/**
 * `+ - * / %` over two operands of the node's numeric type (the analyzer guarantees both sides
 * already have it; `/` is always float64). The loop — element type × column/scalar shape — is
 * picked once here; values are computed for every row, null rows included (their slots are
 * garbage that validity hides), so the loops stay branch-free. Rows with a zero divisor become
 * null in a second pass that only runs when the loop counted one.
 */
import type { ArithOp } from "../../planner/expr.js";
import type { DataType } from "../../planner/types.js";
import { type Col, type Validity, nullCol } from "../batch.js";
import { arithF64 } from "./arith-f64.js";
import { arithI32 } from "./arith-i32.js";
import { arithI64 } from "./arith-i64.js";
import type { ArithLoops } from "./arith-loops.js";
import { type Operand, type Shape, isNullScalar, shapeOf, validOf } from "./operand.js";
import { andValid, writableValid } from "./validity.js";

/**
 * @example
 * arithmetic("+", { col: a, isScalar: false }, { col: one, isScalar: true }, "int32", n)
 */
export function arithmetic(op: ArithOp, l: Operand, r: Operand, type: DataType, n: number): Col {
  if (type === "null" || isNullScalar(l) || isNullScalar(r)) return nullCol(type, n);
  const shape = shapeOf(l, r);
  const divLike = op === "/" || op === "%";
  let valid = andValid(validOf(l), validOf(r), n);
  const a = l.col;
  const b = r.col;
  if (type === "float64" && a.type === "float64" && b.type === "float64") {
    if (divLike && shape === "cs" && b.values[0] === 0) return nullCol(type, n);
    const out = new Float64Array(n);
    const zeros = run(arithF64[op], shape, out, a.values, b.values, a.values[0]!, b.values[0]!, n);
    if (zeros > 0) valid = nullWhereZero(valid, b.values, n);
    return { type, values: out, valid };
  }
  if (op === "/") throw new Error(`internal: '/' on ${type} (the analyzer casts its operands to float64)`);
  if (type === "int32" && a.type === "int32" && b.type === "int32") {
    if (divLike && shape === "cs" && b.values[0] === 0) return nullCol(type, n);
    const out = new Int32Array(n);
    const zeros = run(arithI32[op], shape, out, a.values, b.values, a.values[0]!, b.values[0]!, n);
    if (zeros > 0) valid = nullWhereZero(valid, b.values, n);
    return { type, values: out, valid };
  }
  if (type === "int64" && a.type === "int64" && b.type === "int64") {
    if (divLike && shape === "cs" && b.values[0] === 0n) return nullCol(type, n);
    const out = new BigInt64Array(n);
    const zeros = run(arithI64[op], shape, out, a.values, b.values, a.values[0]!, b.values[0]!, n);
    if (zeros > 0) valid = nullWhereZeroBig(valid, b.values, n);
    return { type, values: out, valid };
  }
  throw new Error(`internal: ${op} on ${a.type} and ${b.type} giving ${type}`);
}

function run<A, S>(loops: ArithLoops<A, S>, shape: Shape, o: A, a: A, b: A, sa: S, sb: S, n: number): number {
  switch (shape) {
    case "cc":
      return loops.cc(o, a, b, n);
    case "cs":
      return loops.cs(o, a, sb, n);
    case "sc":
      return loops.sc(o, sa, b, n);
  }
}

function nullWhereZero(valid: Validity, d: Float64Array | Int32Array, n: number): Uint8Array {
  const v = writableValid(valid, n);
  for (let i = 0; i < n; i++) if (d[i] === 0) v[i] = 0;
  return v;
}

function nullWhereZeroBig(valid: Validity, d: BigInt64Array, n: number): Uint8Array {
  const v = writableValid(valid, n);
  for (let i = 0; i < n; i++) if (d[i] === 0n) v[i] = 0;
  return v;
}
