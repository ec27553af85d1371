/**
 * IN (SQL three-valued: null input → null, no match + null in the list → null), CASE WHEN (first
 * TRUE branch; null conditions fall through) and coalesce, over several result types, with literal
 * and column operands.
 */
import { describe, expect, test } from "vitest";
import type { BoundExpr } from "../../../planner/bound.js";
import type { DataType } from "../../../planner/types.js";
import { evaluate } from "../../../executor/kernels/evaluate.js";
import { type Js, batch, bin, call, col, input, inList, js, lit } from "./helpers.js";

describe("IN", () => {
  const cases: { name: string; type: DataType; xs: Js[]; list: Js[]; in: Js[]; notIn: Js[] }[] = [
    { name: "int32", type: "int32", xs: [1, 2, 3, null], list: [1, 3], in: [true, false, true, null], notIn: [false, true, false, null] },
    { name: "int32, null in list", type: "int32", xs: [1, 2, null], list: [1, null], in: [true, null, null], notIn: [false, null, null] },
    { name: "int32 extremes", type: "int32", xs: [-2147483648, 2147483647, 0], list: [2147483647, -2147483648], in: [true, true, false], notIn: [false, false, true] },
    { name: "int64 past 2^53", type: "int64", xs: [9007199254740993n, 9007199254740992n, null], list: [9007199254740993n], in: [true, false, null], notIn: [false, true, null] },
    { name: "float64 NaN and -0", type: "float64", xs: [NaN, -0, 1.5, 2], list: [NaN, 0, 1.5], in: [true, true, true, false], notIn: [false, false, false, true] },
    { name: "utf8", type: "utf8", xs: ["a", "", "é", "ab", null], list: ["", "é", "b"], in: [false, true, true, false, null], notIn: [true, false, false, true, null] },
    { name: "utf8, null in list", type: "utf8", xs: ["a", "b"], list: ["a", null], in: [true, null], notIn: [false, null] },
    { name: "boolean", type: "boolean", xs: [true, false, null], list: [true], in: [true, false, null], notIn: [false, true, null] },
    { name: "date", type: "date", xs: [0, 1, null], list: [1, 5], in: [false, true, null], notIn: [true, false, null] },
    { name: "timestamp", type: "timestamp", xs: [0n, -1n], list: [-1n], in: [false, true], notIn: [true, false] },
  ];

  test.each(cases)("$name, literal list", ({ type, xs, list, in: want, notIn }) => {
    const b = batch(col(type, xs));
    const items = list.map((v) => lit(v, type));
    expect(js(evaluate(inList(input(0, type), items), b))).toEqual(want);
    expect(js(evaluate(inList(input(0, type), items, true), b))).toEqual(notIn);
  });

  test.each(cases)("$name, list of columns gives the same answer", ({ type, xs, list, in: want, notIn }) => {
    // Each list item becomes a column repeating it, so the OR-of-equalities path runs.
    const cols = list.map((v) => col(type, xs.map(() => v)));
    const b = batch(col(type, xs), ...cols);
    const items = list.map((_, k) => input(k + 1, type));
    expect(js(evaluate(inList(input(0, type), items), b))).toEqual(want);
    expect(js(evaluate(inList(input(0, type), items, true), b))).toEqual(notIn);
  });

  test("mixed list: a column and literals", () => {
    const b = batch(col("int32", [1, 2, 3, null]), col("int32", [9, 2, null, 4]));
    const e = inList(input(0, "int32"), [input(1, "int32"), lit(1, "int32")]);
    expect(js(evaluate(e, b))).toEqual([true, true, null, null]);
  });
});

const when = (cond: BoundExpr, then: BoundExpr) => ({ when: cond, then });
const caseOf = (type: DataType, branches: { when: BoundExpr; then: BoundExpr }[], otherwise: BoundExpr | null): BoundExpr => ({
  kind: "case",
  branches,
  otherwise,
  type,
});

describe("CASE WHEN", () => {
  const x = input(0, "int32");
  const xs: Js[] = [5, -3, 0, null, 7];
  const sign = (otherwise: BoundExpr | null) =>
    caseOf("utf8", [when(bin(">", x, lit(0, "int32")), lit("pos", "utf8")), when(bin("<", x, lit(0, "int32")), lit("neg", "utf8"))], otherwise);

  test("literal branches with ELSE: a null condition falls through", () => {
    expect(js(evaluate(sign(lit("zero", "utf8")), batch(col("int32", xs))))).toEqual(["pos", "neg", "zero", "zero", "pos"]);
  });

  test("no ELSE gives null", () => {
    expect(js(evaluate(sign(null), batch(col("int32", xs))))).toEqual(["pos", "neg", null, null, "pos"]);
  });

  test("first TRUE branch wins", () => {
    const e = caseOf("int32", [when(bin(">", x, lit(0, "int32")), lit(1, "int32")), when(bin(">", x, lit(3, "int32")), lit(2, "int32"))], lit(0, "int32"));
    expect(js(evaluate(e, batch(col("int32", xs))))).toEqual([1, 0, 0, 0, 1]);
  });

  test("column branches keep their own nulls; utf8 with unicode and empty strings", () => {
    const b = batch(col("boolean", [true, false, null, true]), col("utf8", ["é😀", "b", "c", null]), col("utf8", ["x", "", null, "z"]));
    const e = caseOf("utf8", [when(input(0, "boolean"), input(1, "utf8"))], input(2, "utf8"));
    expect(js(evaluate(e, b))).toEqual(["é😀", "", null, null]);
  });

  test.each<[DataType, Js[], Js[]]>([
    ["int64", [9007199254740993n, -9223372036854775808n, null], [1n, 2n, 3n]],
    ["float64", [NaN, -0, null], [1.5, 2.5, 3.5]],
    ["boolean", [true, false, null], [false, false, false]],
    ["date", [1, 2, null], [7, 8, 9]],
    ["timestamp", [1n, 2n, null], [7n, 8n, 9n]],
  ])("%s results", (type, thenVals, elseVals) => {
    const b = batch(col("boolean", [true, false, true]), col(type, thenVals), col(type, elseVals));
    const e = caseOf(type, [when(input(0, "boolean"), input(1, type))], input(2, type));
    expect(js(evaluate(e, b))).toEqual([thenVals[0], elseVals[1], thenVals[2]]);
  });

  test("constant conditions: WHEN TRUE short-circuits, WHEN NULL never fires", () => {
    const b = batch(col("int32", [1, 2]));
    expect(js(evaluate(caseOf("int32", [when(lit(null, "boolean"), lit(9, "int32")), when(lit(true, "boolean"), x)], null), b))).toEqual([1, 2]);
    expect(js(evaluate(caseOf("int32", [when(lit(null, "null"), lit(9, "int32"))], lit(0, "int32")), b))).toEqual([0, 0]);
  });
});

describe("coalesce", () => {
  test.each<[DataType, Js[], Js[], Js, Js[]]>([
    ["int32", [null, 1, null, -2147483648], [2, null, null, 5], 0, [2, 1, 0, -2147483648]],
    ["int64", [null, 9007199254740993n], [1n, 2n], 0n, [1n, 9007199254740993n]],
    ["float64", [null, NaN, null], [null, 1, -0], 7, [7, NaN, -0]],
    ["utf8", [null, "", null], ["é", "x", null], "dflt", ["é", "", "dflt"]],
    ["boolean", [null, false], [true, true], false, [true, false]],
    ["date", [null, 3], [4, null], 0, [4, 3]],
    ["timestamp", [null, 3n], [null, null], -1n, [-1n, 3n]],
  ])("%s: columns then a literal", (type, a, b, dflt, want) => {
    const e = call("coalesce", [input(0, type), input(1, type), lit(dflt, type)], type);
    expect(js(evaluate(e, batch(col(type, a), col(type, b))))).toEqual(want);
  });

  test("all null stays null; a null literal is skipped", () => {
    const e = call("coalesce", [input(0, "utf8"), lit(null, "utf8"), input(1, "utf8")], "utf8");
    const out = evaluate(e, batch(col("utf8", [null, "a"]), col("utf8", [null, "b"])));
    expect(js(out)).toEqual([null, "a"]);
  });

  test("a no-null first argument decides every row", () => {
    const out = evaluate(call("coalesce", [input(0, "int32"), input(1, "int32")], "int32"), batch(col("int32", [1, 2]), col("int32", [null, 9])));
    expect(js(out)).toEqual([1, 2]);
    expect(out.valid).toBeNull();
  });
});

test("untyped NULL branches and arguments act as nulls of the result type", () => {
  const b = batch(col("boolean", [true, false]), col("utf8", ["a", null]));
  const e = caseOf("utf8", [when(input(0, "boolean"), lit(null, "null"))], input(1, "utf8"));
  expect(js(evaluate(e, b))).toEqual([null, null]);
  expect(js(evaluate(call("coalesce", [lit(null, "null"), input(1, "utf8"), lit("z", "utf8")], "utf8"), b))).toEqual(["a", "z"]);
});
