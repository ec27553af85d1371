/**
 * = != < <= > >= <=> for every type, over the full cross product of sample values that include
 * nulls and extremes (int32/int64 limits, int64 past 2^53, ±0, ±Infinity, NaN, empty and non-BMP
 * strings), as column-column, column-scalar and scalar-column. The expected order is a plain-JS
 * three-way reference (Spark's: NaN largest and equal to itself, strings by code point), itself
 * pinned by a few hand-written facts.
 */
import { describe, expect, test } from "vitest";
import type { CmpOp } from "../../../planner/expr.js";
import type { DataType, PrimitiveType } from "../../../planner/types.js";
import { evaluate } from "../../../executor/kernels/evaluate.js";
import { type Js, batch, bin, col, day, input, js, lit, micros } from "./helpers.js";

const samples: Record<Exclude<PrimitiveType, "null">, Js[]> = {
  int32: [-2147483648, -1, 0, 1, 2147483647, null],
  int64: [-9223372036854775808n, -1n, 0n, 9007199254740992n, 9007199254740993n, 9223372036854775807n, null],
  float64: [-Infinity, -1.5, -0, 0, 2.5, 1.7976931348623157e308, Infinity, NaN, null],
  boolean: [false, true, null],
  utf8: ["", "a", "ab", "b", "Z", "é", "z", "😀", "\uffff", "a\u0000", null],
  date: [day("1969-12-31"), 0, day("2024-02-29"), day("9999-12-31"), null],
  timestamp: [micros("1969-12-31T23:59:59.999Z", 999), -1n, 0n, 1n, micros("2024-02-29T12:00:00Z"), null],
};

function codePoints(s: string): number[] {
  return Array.from(s, (ch) => ch.codePointAt(0)!);
}

/** Spark's ordering of two non-null values, in plain JS. */
function order(x: Js, y: Js): number {
  if (typeof x === "number" && typeof y === "number") {
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof x === "string" && typeof y === "string") {
    const a = codePoints(x);
    const b = codePoints(y);
    for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return a[k]! < b[k]! ? -1 : 1;
    return Math.sign(a.length - b.length);
  }
  if (typeof x === "boolean" && typeof y === "boolean") return Number(x) - Number(y);
  return (x as bigint) < (y as bigint) ? -1 : (x as bigint) > (y as bigint) ? 1 : 0;
}

function ref(op: CmpOp, x: Js, y: Js): Js {
  if (op === "<=>") return x === null || y === null ? x === null && y === null : order(x, y) === 0;
  if (x === null || y === null) return null;
  const o = order(x, y);
  return op === "=" ? o === 0 : op === "!=" ? o !== 0 : op === "<" ? o < 0 : op === "<=" ? o <= 0 : op === ">" ? o > 0 : o >= 0;
}

test("the reference orders like Spark", () => {
  expect(order(NaN, Infinity)).toBe(1);
  expect(order(NaN, NaN)).toBe(0);
  expect(order(-0, 0)).toBe(0);
  expect(order("é", "z")).toBe(1);
  expect(order("😀", "\uffff")).toBe(1); // UTF-16 code units would say -1
  expect(order("", "a")).toBe(-1);
  expect(order(false, true)).toBe(-1);
  expect(order(9007199254740993n, 9007199254740992n)).toBe(1);
});

const OPS: CmpOp[] = ["=", "!=", "<", "<=", ">", ">=", "<=>"];
const types = Object.keys(samples) as (keyof typeof samples)[];

describe.each(types)("%s", (type) => {
  const xs = samples[type];
  const left = xs.flatMap((x) => xs.map(() => x));
  const right = xs.flatMap(() => xs);

  test.each(OPS)("column %s column", (op) => {
    const out = evaluate(bin(op, input(0, type), input(1, type)), batch(col(type, left), col(type, right)));
    expect(js(out)).toEqual(left.map((x, i) => ref(op, x, right[i]!)));
    if (op === "<=>") expect(out.valid).toBeNull();
  });

  test.each(OPS)("column %s scalar, scalar %s column", (op) => {
    for (const s of xs) {
      const b = batch(col(type, xs));
      expect(js(evaluate(bin(op, input(0, type), lit(s, type)), b))).toEqual(xs.map((x) => ref(op, x, s)));
      expect(js(evaluate(bin(op, lit(s, type), input(0, type)), b))).toEqual(xs.map((x) => ref(op, s, x)));
    }
  });

  test("no nulls gives no validity", () => {
    const nn = xs.filter((x) => x !== null);
    const out = evaluate(bin("<", input(0, type), input(1, type)), batch(col(type, nn), col(type, [...nn].reverse())));
    expect(out.valid).toBeNull();
  });
});

test("hand-written spot checks", () => {
  const f = batch(col("float64", [NaN, NaN, 1, -0]), col("float64", [NaN, Infinity, NaN, 0]));
  expect(js(evaluate(bin("=", input(0, "float64"), input(1, "float64")), f))).toEqual([true, false, false, true]);
  expect(js(evaluate(bin(">", input(0, "float64"), input(1, "float64")), f))).toEqual([false, true, false, false]);
  const s = batch(col("utf8", ["abc", "abd", "ab", "", null]));
  expect(js(evaluate(bin("<", input(0, "utf8"), lit("abc", "utf8")), s))).toEqual([false, false, true, true, null]);
  expect(js(evaluate(bin("<=>", input(0, "utf8"), lit(null, "utf8")), s))).toEqual([false, false, false, false, true]);
});
