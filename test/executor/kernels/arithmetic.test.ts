/**
 * + - * / % and unary minus / abs for int32, int64 and float64: hand-computed tables (wrap-around,
 * zero divisors, sign of %, NaN/Infinity, nulls), then every table re-run column ⊕ scalar and
 * scalar ⊕ column against a plain-JS reference that the hand table has just validated.
 */
import { describe, expect, test } from "vitest";
import type { ArithOp } from "../../../planner/expr.js";
import { evaluate } from "../../../executor/kernels/evaluate.js";
import { type Js, batch, bin, call, col, input, js, lit, neg } from "./helpers.js";

type NumType = "int32" | "int64" | "float64";

interface Case {
  readonly type: NumType;
  readonly op: ArithOp;
  readonly a: Js[];
  readonly b: Js[];
  readonly want: Js[];
}

const I32_MAX = 2147483647;
const I32_MIN = -2147483648;
const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;

const cases: Case[] = [
  { type: "int32", op: "+", a: [1, I32_MAX, I32_MIN, null, 0, -5], b: [2, 1, -1, 3, null, 5], want: [3, I32_MIN, I32_MAX, null, null, 0] },
  { type: "int32", op: "-", a: [5, I32_MIN, I32_MAX, null], b: [7, 1, -1, 1], want: [-2, I32_MAX, I32_MIN, null] },
  {
    type: "int32",
    op: "*",
    a: [6, 65536, I32_MAX, I32_MIN, null, 46341],
    b: [7, 65536, 2, -1, 2, 46341],
    want: [42, 0, -2, I32_MIN, null, -2147479015],
  },
  {
    type: "int32",
    op: "%",
    a: [7, -7, 7, -7, 5, I32_MIN, null, 3, 0],
    b: [3, 3, -3, -3, 0, -1, 1, null, 5],
    want: [1, -1, 1, -1, null, 0, null, null, 0],
  },
  {
    type: "int64",
    op: "+",
    a: [9007199254740993n, I64_MAX, I64_MIN, null],
    b: [1n, 1n, -1n, 1n],
    want: [9007199254740994n, I64_MIN, I64_MAX, null],
  },
  { type: "int64", op: "-", a: [I64_MIN, 10n, null], b: [1n, 20n, null], want: [I64_MAX, -10n, null] },
  {
    type: "int64",
    op: "*",
    a: [4294967296n, I64_MAX, 3037000500n, null, -3n],
    b: [4294967296n, 2n, 3037000500n, 5n, 9007199254740993n],
    want: [0n, -2n, -9223372036709301616n, null, -27021597764222979n],
  },
  {
    type: "int64",
    op: "%",
    a: [7n, -7n, 5n, I64_MIN, null, 9007199254740993n, 7n],
    b: [3n, 3n, 0n, -1n, 2n, 2n, -3n],
    want: [1n, -1n, null, 0n, null, 1n, 1n],
  },
  {
    type: "float64",
    op: "+",
    a: [0.1, 1e308, NaN, Infinity, null, -0],
    b: [0.2, 1e308, 1, -Infinity, 1, -0],
    want: [0.30000000000000004, Infinity, NaN, NaN, null, -0],
  },
  { type: "float64", op: "-", a: [1, Infinity, 0, null], b: [0.5, Infinity, 0, 2], want: [0.5, NaN, 0, null] },
  { type: "float64", op: "*", a: [1.5, -0, 1e200, NaN, null], b: [2, 5, 1e200, 0, 1], want: [3, -0, Infinity, NaN, null] },
  {
    type: "float64",
    op: "/",
    a: [1, -1, 0, 1, NaN, 1, null, 7, 1],
    b: [2, 0, 0, -0, 0, Infinity, 2, NaN, null],
    want: [0.5, null, null, null, null, 0, null, NaN, null],
  },
  {
    type: "float64",
    op: "%",
    a: [7.5, -7.5, 7.5, 1, NaN, null, -1],
    b: [2, 2, 0, Infinity, 2, 1, 1],
    want: [1.5, -1.5, null, 1, NaN, null, -0],
  },
];

/** Plain-JS reference (Java semantics) for one pair of non-null values. */
function ref(type: NumType, op: ArithOp, x: Js, y: Js): Js {
  if (x === null || y === null) return null;
  if (type === "int64") {
    const p = x as bigint;
    const q = y as bigint;
    if (op === "%" || op === "/") return q === 0n ? null : BigInt.asIntN(64, op === "%" ? p % q : p / q);
    return BigInt.asIntN(64, op === "+" ? p + q : op === "-" ? p - q : p * q);
  }
  const p = x as number;
  const q = y as number;
  if (type === "int32") {
    if (op === "%") return q === 0 ? null : (p % q) | 0;
    return op === "+" ? (p + q) | 0 : op === "-" ? (p - q) | 0 : Math.imul(p, q);
  }
  if ((op === "/" || op === "%") && q === 0) return null;
  return op === "+" ? p + q : op === "-" ? p - q : op === "*" ? p * q : op === "/" ? p / q : p % q;
}

describe.each(cases)("$type $op", ({ type, op, a, b, want }) => {
  test("hand-computed column ⊕ column", () => {
    const e = bin(op, input(0, type), input(1, type));
    expect(js(evaluate(e, batch(col(type, a), col(type, b))))).toEqual(want);
    // The reference agrees with the hand table, so it may judge the scalar shapes below.
    expect(a.map((x, i) => ref(type, op, x, b[i]!))).toEqual(want);
  });

  test("no nulls takes the validity-free path", () => {
    const keep = a.map((x, i) => x !== null && b[i] !== null && want[i] !== null);
    const a2 = a.filter((_, i) => keep[i]);
    const b2 = b.filter((_, i) => keep[i]);
    const out = evaluate(bin(op, input(0, type), input(1, type)), batch(col(type, a2), col(type, b2)));
    expect(out.valid).toBeNull();
    expect(js(out)).toEqual(want.filter((_, i) => keep[i]));
  });

  test.each([...new Set([...b, null])])("column ⊕ scalar %s", (s) => {
    const out = evaluate(bin(op, input(0, type), lit(s, type)), batch(col(type, a)));
    expect(js(out)).toEqual(a.map((x) => ref(type, op, x, s)));
  });

  test.each([...new Set([...a, null])])("scalar %s ⊕ column", (s) => {
    const out = evaluate(bin(op, lit(s, type), input(0, type)), batch(col(type, b)));
    expect(js(out)).toEqual(b.map((y) => ref(type, op, s, y)));
  });
});

describe("unary minus and abs", () => {
  const table: { type: NumType; xs: Js[]; neg: Js[]; abs: Js[] }[] = [
    { type: "int32", xs: [1, I32_MIN, null, 0, -7], neg: [-1, I32_MIN, null, 0, 7], abs: [1, I32_MIN, null, 0, 7] },
    { type: "int64", xs: [I64_MIN, 5n, null, -9007199254740993n], neg: [I64_MIN, -5n, null, 9007199254740993n], abs: [I64_MIN, 5n, null, 9007199254740993n] },
    { type: "float64", xs: [1.5, -0, NaN, -Infinity, null], neg: [-1.5, 0, NaN, Infinity, null], abs: [1.5, 0, NaN, Infinity, null] },
  ];
  test.each(table)("$type", ({ type, xs, neg: wantNeg, abs: wantAbs }) => {
    const b = batch(col(type, xs));
    expect(js(evaluate(neg(input(0, type)), b))).toEqual(wantNeg);
    expect(js(evaluate(call("abs", [input(0, type)], type), b))).toEqual(wantAbs);
  });
});

describe("batch sizes", () => {
  test.each([0, 1, 7, 1000])("%i rows of int32, int64 and float64 with nulls", (n) => {
    const ints: Js[] = Array.from({ length: n }, (_, i) => (i % 11 === 3 ? null : ((i * 2654435761) | 0) >> (i % 7)));
    const divs: Js[] = Array.from({ length: n }, (_, i) => (i % 13 === 5 ? null : (i % 5) - 2));
    for (const op of ["+", "-", "*", "%"] as const) {
      const got = evaluate(bin(op, input(0, "int32"), input(1, "int32")), batch(col("int32", ints), col("int32", divs)));
      expect(js(got)).toEqual(ints.map((x, i) => ref("int32", op, x, divs[i]!)));
      const big = (x: Js): Js => (x === null ? null : BigInt(x as number) * 4294967297n);
      const b64 = batch(col("int64", ints.map(big)), col("int64", divs.map((x) => (x === null ? null : BigInt(x as number)))));
      const got64 = evaluate(bin(op, input(0, "int64"), input(1, "int64")), b64);
      expect(js(got64)).toEqual(ints.map((x, i) => ref("int64", op, big(x), divs[i] === null ? null : BigInt(divs[i] as number))));
    }
    const fs = ints.map((x) => (x === null ? null : (x as number) / 7));
    const got = evaluate(bin("/", input(0, "float64"), input(1, "float64")), batch(col("float64", fs), col("float64", divs)));
    expect(js(got)).toEqual(fs.map((x, i) => ref("float64", "/", x, divs[i]!)));
  });
});
