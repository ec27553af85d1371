/**
 * The evaluator as a whole: constants folded and broadcast, nested expressions over many batch
 * sizes and slice offsets against a plain-JS row-at-a-time reference, and the predicate mask.
 */
import { describe, expect, test } from "vitest";
import type { BoundExpr } from "../../../planner/bound.js";
import { type Batch, sliceBatch } from "../../../executor/batch.js";
import { evaluate, evaluatePredicate } from "../../../executor/kernels/evaluate.js";
import { type Js, batch, bin, call, cast, col, day, input, isNull, js, lit, not } from "./helpers.js";

describe("constants", () => {
  const b = batch(col("int32", [1, 2, 3]));

  test.each<[string, BoundExpr, Js]>([
    ["int32 literal", lit(7, "int32"), 7],
    ["null literal", lit(null, "null"), null],
    ["utf8 literal", lit("é😀", "utf8"), "é😀"],
    ["folded arithmetic", bin("+", lit(2147483647, "int32"), lit(1, "int32")), -2147483648],
    ["folded cast", cast(lit("2024-02-29", "utf8"), "date"), day("2024-02-29")],
    ["int64 literal given as a number", lit(5, "int64"), 5n],
    ["date literal given as a string", lit("1970-01-02", "date"), 1],
  ])("%s is broadcast to every row", (_, e, want) => {
    expect(js(evaluate(e, b))).toEqual([want, want, want]);
  });

  test("column compared with a folded cast literal", () => {
    const dates = batch(col("date", [day("2024-02-28"), day("2024-02-29"), null]));
    const e = bin(">=", input(0, "date"), cast(lit("2024-02-29", "utf8"), "date"));
    expect(js(evaluate(e, dates))).toEqual([false, true, null]);
  });

  test("a constant over an empty batch is empty", () => {
    expect(js(evaluate(lit("x", "utf8"), batch(col("int32", []))))).toEqual([]);
  });
});

// A nested expression mixing most node kinds, with its row-at-a-time meaning in plain JS.
const x = input(0, "int32");
const f = input(1, "float64");
const s = input(2, "utf8");
const expr: BoundExpr = bin(
  "or",
  bin("and", bin(">", bin("+", bin("*", cast(x, "float64"), lit(2, "float64")), f), lit(100, "float64")), not(isNull(s))),
  bin("=", call("upper", [s], "utf8"), lit("AB", "utf8")),
);

const and3 = (p: Js, q: Js): Js => (p === false || q === false ? false : p === null || q === null ? null : true);
const or3 = (p: Js, q: Js): Js => (p === true || q === true ? true : p === null || q === null ? null : false);

function reference(xv: Js, fv: Js, sv: Js): Js {
  const v = xv === null || fv === null ? null : (xv as number) * 2 + (fv as number);
  const gt = v === null ? null : v > 100 || Number.isNaN(v); // NaN is above everything
  const eq = sv === null ? null : (sv as string).toUpperCase() === "AB";
  return or3(and3(gt, sv !== null), eq);
}

function rows(n: number): { xs: Js[]; fs: Js[]; ss: Js[] } {
  const xs: Js[] = [];
  const fs: Js[] = [];
  const ss: Js[] = [];
  for (let i = 0; i < n; i++) {
    xs.push(i % 9 === 4 ? null : (i * 37) % 101);
    fs.push(i % 7 === 2 ? null : i % 13 === 0 ? NaN : ((i * 7919) % 113) - 40);
    ss.push(i % 5 === 3 ? null : ["ab", "Ab", "é", "", "abc"][i % 5]!);
  }
  return { xs, fs, ss };
}

describe("nested expression over batch sizes and slices", () => {
  test("the reference is right on hand-picked rows", () => {
    expect(reference(60, 0, "q")).toBe(true);
    expect(reference(60, 0, null)).toBe(null); // (true AND false) OR null
    expect(reference(null, 0, "ab")).toBe(true);
    expect(reference(null, 0, "x")).toBe(null);
    expect(reference(1, 1, "x")).toBe(false);
    expect(reference(1, NaN, "x")).toBe(true); // NaN is greater than 100
  });

  test.each([0, 1, 2, 7, 64, 1000])("%i rows", (n) => {
    const { xs, fs, ss } = rows(n);
    const b = batch(col("int32", xs), col("float64", fs), col("utf8", ss));
    const want = xs.map((xv, i) => reference(xv, fs[i]!, ss[i]!));
    expect(js(evaluate(expr, b))).toEqual(want);
    expect([...evaluatePredicate(expr, b)]).toEqual(want.map((w) => (w === true ? 1 : 0)));
  });

  test.each([1, 7, 64, 333])("1000 rows in slices of %i", (chunk) => {
    const { xs, fs, ss } = rows(1000);
    const whole: Batch = batch(col("int32", xs), col("float64", fs), col("utf8", ss));
    const got: Js[] = [];
    for (let a = 0; a < 1000; a += chunk) got.push(...js(evaluate(expr, sliceBatch(whole, a, a + chunk))));
    expect(got).toEqual(xs.map((xv, i) => reference(xv, fs[i]!, ss[i]!)));
  });
});

test("the benchmark expression (a * 2 + b) > 100", () => {
  const e = bin(">", bin("+", bin("*", input(0, "float64"), lit(2, "float64")), input(1, "float64")), lit(100, "float64"));
  const b = batch(col("float64", [50, 50.5, null, NaN, -Infinity]), col("float64", [0, 0, 1, 0, Infinity]));
  expect(js(evaluate(e, b))).toEqual([false, true, null, true, true]); // -inf*2 + inf is NaN
  expect([...evaluatePredicate(e, b)]).toEqual([0, 1, 0, 1, 1]);
});
