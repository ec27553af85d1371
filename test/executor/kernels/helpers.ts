/**
 * Test helpers for the expression kernels: JS arrays (null = SQL null) ⇄ Col, and a tiny builder
 * for BoundExprs. Nothing here calls the kernels, so expected values stay independent of them.
 */
import type { BoundExpr } from "../../../planner/bound.js";
import type { BinaryOp, LitValue, ScalarFn } from "../../../planner/expr.js";
import type { DataType, PrimitiveType } from "../../../planner/types.js";
import { type Batch, type Col, colLength, flatCol } from "../../../executor/batch.js";

export type Js = number | bigint | string | boolean | null;

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A column of `type` from JS values; null entries are null rows (their slot holds junk, as real data may). */
export function col(type: DataType, xs: readonly Js[]): Col {
  const n = xs.length;
  const anyNull = xs.some((x) => x === null);
  const valid = anyNull ? Uint8Array.from(xs, (x) => (x === null ? 0 : 1)) : null;
  switch (type) {
    case "utf8": {
      const parts = xs.map((x) => enc.encode(x === null ? "junk" : String(x)));
      const offsets = new Int32Array(n + 1);
      parts.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.length));
      const data = new Uint8Array(offsets[n]!);
      parts.forEach((p, i) => data.set(p, offsets[i]!));
      return { type, offsets, data, valid };
    }
    case "float64":
      return { type, values: Float64Array.from(xs, (x) => (x === null ? 12345 : Number(x))), valid };
    case "int64":
    case "timestamp":
      return { type, values: BigInt64Array.from(xs, (x) => (x === null ? 12345n : BigInt(x as bigint | number))), valid };
    case "boolean":
      return { type, values: Uint8Array.from(xs, (x) => (x === null ? 1 : x ? 1 : 0)), valid };
    case "null":
      return { type, values: new Int32Array(n), valid: new Uint8Array(n) };
    default:
      return { type, values: Int32Array.from(xs, (x) => (x === null ? 12345 : Number(x))), valid } as Col;
  }
}

/** The JS values of a column (booleans as true/false, int64/timestamp as bigint). */
export function js(nested: Col): Js[] {
  const c = flatCol(nested, "js");
  const n = c.type === "utf8" ? c.offsets.length - 1 : c.values.length;
  const out: Js[] = [];
  for (let i = 0; i < n; i++) {
    if (c.valid !== null && c.valid[i] === 0) out.push(null);
    else if (c.type === "utf8") out.push(dec.decode(c.data.subarray(c.offsets[i], c.offsets[i + 1])));
    else if (c.type === "boolean") out.push(c.values[i] === 1);
    else out.push(c.values[i]!);
  }
  return out;
}

export function batch(...cols: Col[]): Batch {
  const length = cols[0] === undefined ? 0 : colLength(cols[0]);
  return { length, columns: cols };
}

export const input = (index: number, type: DataType): BoundExpr => ({ kind: "input", index, type });
export const lit = (value: LitValue, type: DataType): BoundExpr => ({ kind: "lit", value, type });

const CMP_OR_BOOL = new Set(["=", "!=", "<", "<=", ">", ">=", "<=>", "and", "or"]);

export function bin(op: BinaryOp, left: BoundExpr, right: BoundExpr): BoundExpr {
  return { kind: "binary", op, left, right, type: CMP_OR_BOOL.has(op) ? "boolean" : left.type };
}

export const not = (input: BoundExpr): BoundExpr => ({ kind: "not", input, type: "boolean" });
export const neg = (input: BoundExpr): BoundExpr => ({ kind: "neg", input, type: input.type });
export const isNull = (input: BoundExpr, negated = false): BoundExpr => ({ kind: "isNull", input, negated, type: "boolean" });
export const cast = (input: BoundExpr, type: DataType): BoundExpr => ({ kind: "cast", input, type });
export const call = (fn: ScalarFn, args: BoundExpr[], type: DataType): BoundExpr => ({ kind: "call", fn, args, type });
export const inList = (input: BoundExpr, list: BoundExpr[], negated = false): BoundExpr => ({
  kind: "in",
  input,
  list,
  negated,
  type: "boolean",
});

/** Days since the epoch of a "yyyy-mm-dd" (via JS Date, independent of the kernels' calendar code). */
export function day(s: string): number {
  const d = new Date(0);
  d.setUTCFullYear(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return d.getTime() / 86400000;
}

/** Microseconds since the epoch of an ISO string with zone (via Date.parse) plus extra micros. */
export function micros(iso: string, extra = 0): bigint {
  return BigInt(Date.parse(iso)) * 1000n + BigInt(extra);
}
