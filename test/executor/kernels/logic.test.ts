/**
 * Three-valued AND / OR / NOT and IS [NOT] NULL. The truth tables are written out by hand; AND and
 * OR run over all nine pairs as columns (with and without validity) and with either side a scalar.
 */
import { describe, expect, test } from "vitest";
import type { DataType } from "../../../planner/types.js";
import { evaluate, evaluatePredicate } from "../../../executor/kernels/evaluate.js";
import { type Js, batch, bin, col, input, isNull, js, lit, not } from "./helpers.js";

const T = true;
const F = false;
const N = null;
const VALUES: Js[] = [T, F, N];

// Row k is (VALUES[k / 3], VALUES[k % 3]).
const A: Js[] = [T, T, T, F, F, F, N, N, N];
const B: Js[] = [T, F, N, T, F, N, T, F, N];
const AND: Js[] = [T, F, N, F, F, F, N, F, N];
const OR: Js[] = [T, T, T, T, F, N, T, N, N];

describe.each([
  ["and", AND],
  ["or", OR],
] as const)("%s", (op, want) => {
  test("column with column, every pair", () => {
    const out = evaluate(bin(op, input(0, "boolean"), input(1, "boolean")), batch(col("boolean", A), col("boolean", B)));
    expect(js(out)).toEqual(want);
  });

  test("no nulls: no validity", () => {
    const keep = A.map((a, i) => a !== null && B[i] !== null);
    const a = A.filter((_, i) => keep[i]);
    const b = B.filter((_, i) => keep[i]);
    const out = evaluate(bin(op, input(0, "boolean"), input(1, "boolean")), batch(col("boolean", a), col("boolean", b)));
    expect(out.valid).toBeNull();
    expect(js(out)).toEqual(want.filter((_, i) => keep[i]));
  });

  test.each(VALUES)("with scalar %s on either side", (s) => {
    const byPair = (x: Js, y: Js): Js => want[VALUES.indexOf(x) * 3 + VALUES.indexOf(y)]!;
    const b = batch(col("boolean", VALUES));
    expect(js(evaluate(bin(op, input(0, "boolean"), lit(s, "boolean")), b))).toEqual(VALUES.map((x) => byPair(x, s)));
    expect(js(evaluate(bin(op, lit(s, "boolean"), input(0, "boolean")), b))).toEqual(VALUES.map((x) => byPair(s, x)));
  });

  test("an untyped NULL literal acts as boolean null", () => {
    const out = evaluate(bin(op, input(0, "boolean"), lit(null, "null")), batch(col("boolean", VALUES)));
    expect(js(out)).toEqual(op === "and" ? [N, F, N] : [T, N, N]);
  });
});

test("NOT", () => {
  expect(js(evaluate(not(input(0, "boolean")), batch(col("boolean", [T, F, N]))))).toEqual([F, T, N]);
  expect(js(evaluate(not(not(input(0, "boolean"))), batch(col("boolean", [T, F]))))).toEqual([T, F]);
});

test("predicate mask: only TRUE passes", () => {
  const b = batch(col("boolean", A), col("boolean", B));
  expect([...evaluatePredicate(bin("or", input(0, "boolean"), input(1, "boolean")), b)]).toEqual(OR.map((x) => (x === T ? 1 : 0)));
  // A bare boolean column comes back as a copy, never the input's own buffer.
  const c = col("boolean", [T, F, T]);
  const mask = evaluatePredicate(input(0, "boolean"), batch(c));
  expect([...mask]).toEqual([1, 0, 1]);
  expect(mask).not.toBe((c as { values: Uint8Array }).values);
});

const samples: [DataType, Js[]][] = [
  ["int32", [1, null, -2147483648]],
  ["int64", [null, 9007199254740993n]],
  ["float64", [NaN, null, 0]],
  ["boolean", [false, null]],
  ["utf8", ["", null, "x"]],
  ["date", [null, 0]],
  ["timestamp", [0n, null]],
  ["null", [null, null]],
];

describe.each(samples)("IS [NOT] NULL on %s", (type, xs) => {
  test("with nulls", () => {
    const b = batch(col(type, xs));
    const isN = evaluate(isNull(input(0, type)), b);
    expect(js(isN)).toEqual(xs.map((x) => x === null));
    expect(isN.valid).toBeNull();
    expect(js(evaluate(isNull(input(0, type), true), b))).toEqual(xs.map((x) => x !== null));
  });

  test("without nulls", () => {
    const nn = xs.filter((x) => x !== null);
    const b = batch(col(type, nn));
    expect(js(evaluate(isNull(input(0, type)), b))).toEqual(nn.map(() => false));
    expect(js(evaluate(isNull(input(0, type), true), b))).toEqual(nn.map(() => true));
  });
});
