/**
 * Reading a library kernel's operands: each argument is a column or a scalar (a folded constant),
 * and a kernel reads a scalar's value once, before its loop. `Param` keeps both shapes behind one
 * `at(i)`-free form: `scalar ? values[0] : values[i]`, a branch the loop predicts perfectly.
 */
import type { Col, F64Col, I32Col, I64Col, StrCol, Validity } from "../batch.js";
import { type Operand, validOf } from "./operand.js";
import { andValid } from "./validity.js";

export interface CallInfo {
  readonly fn: string;
  readonly type: Col["type"];
  readonly timeZone: string;
}

export function strOf(o: Operand | undefined, fn: string): StrCol {
  if (o === undefined || o.col.type !== "utf8") throw new Error(`internal: ${fn} expects a string argument, got ${o?.col.type ?? "none"}`);
  return o.col;
}

export interface I32Param {
  readonly values: Int32Array;
  readonly scalar: boolean;
}

export function i32Of(o: Operand | undefined, fn: string): I32Param {
  const c = o?.col;
  if (c === undefined || !(c.type === "int32" || c.type === "date")) throw new Error(`internal: ${fn} expects an int32/date argument, got ${c?.type ?? "none"}`);
  return { values: (c as I32Col).values, scalar: o!.isScalar };
}

export interface F64Param {
  readonly values: Float64Array;
  readonly scalar: boolean;
}

export function f64Of(o: Operand | undefined, fn: string): F64Param {
  const c = o?.col;
  if (c === undefined || c.type !== "float64") throw new Error(`internal: ${fn} expects a float64 argument, got ${c?.type ?? "none"}`);
  return { values: (c as F64Col).values, scalar: o!.isScalar };
}

export interface I64Param {
  readonly values: BigInt64Array;
  readonly scalar: boolean;
}

export function i64Of(o: Operand | undefined, fn: string): I64Param {
  const c = o?.col;
  if (c === undefined || !(c.type === "int64" || c.type === "timestamp")) throw new Error(`internal: ${fn} expects an int64/timestamp argument, got ${c?.type ?? "none"}`);
  return { values: (c as I64Col).values, scalar: o!.isScalar };
}

/** Rows where every column argument is valid (scalars are non-null by the time a kernel runs). */
export function allValid(args: readonly Operand[], n: number): Validity {
  let v: Validity = null;
  for (const a of args) v = andValid(v, validOf(a), n);
  return v;
}

/** The scalar string of a literal argument (patterns, formats). */
export function scalarString(o: Operand | undefined, fn: string): string {
  const s = strOf(o, fn);
  if (!o!.isScalar) throw new Error(`internal: ${fn} expects a literal string argument`);
  return new TextDecoder().decode(s.data.subarray(s.offsets[0]!, s.offsets[1]!));
}
