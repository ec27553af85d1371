/**
 * CAST between every pair of types Spark allows, hand-computed: numeric narrowing (truncation,
 * out of range and NaN → null), numeric ↔ boolean, everything → string (Java's double format,
 * ISO dates, Spark's timestamp text), string → everything (trimmed; garbage → null), date ↔
 * timestamp, timestamp ↔ seconds, and the null type → all types.
 */
import { describe, expect, test } from "vitest";
import type { DataType } from "../../../planner/types.js";
import { evaluate } from "../../../executor/kernels/evaluate.js";
import { type Js, batch, cast, col, day, input, js, lit, micros } from "./helpers.js";

const T = true;
const F = false;
const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;

const cases: [DataType, DataType, Js[], Js[]][] = [
  ["int32", "int64", [1, -2147483648, 2147483647, null], [1n, -2147483648n, 2147483647n, null]],
  ["int32", "float64", [1, -2147483648, 2147483647, null], [1, -2147483648, 2147483647, null]],
  ["int32", "boolean", [0, 5, -1, null], [F, T, T, null]],
  ["int32", "utf8", [0, -2147483648, 42, null], ["0", "-2147483648", "42", null]],
  ["int32", "timestamp", [1, -1, null], [1000000n, -1000000n, null]],
  ["int64", "int32", [2147483647n, 2147483648n, -2147483648n, -2147483649n, null, 9007199254740993n], [2147483647, null, -2147483648, null, null, null]],
  ["int64", "float64", [9007199254740993n, -1n, null], [9007199254740992, -1, null]],
  ["int64", "boolean", [0n, I64_MAX, null], [F, T, null]],
  ["int64", "utf8", [I64_MAX, I64_MIN, null], ["9223372036854775807", "-9223372036854775808", null]],
  ["int64", "timestamp", [1n, 9223372036855n, -9223372036854n, null], [1000000n, null, -9223372036854000000n, null]],
  [
    "float64",
    "int32",
    [1.9, -1.9, NaN, 2147483647.5, 2147483648, -2147483648.9, -2147483649, Infinity, -0, null],
    [1, -1, null, 2147483647, null, -2147483648, null, null, 0, null],
  ],
  [
    "float64",
    "int64",
    [1e18, -9.3e18, 9.2e18, NaN, -Infinity, 9007199254740993, -0.5, null],
    [1000000000000000000n, null, 9200000000000000000n, null, null, 9007199254740992n, 0n, null],
  ],
  ["float64", "boolean", [0, -0, NaN, 0.1, null], [F, F, T, T, null]],
  [
    "float64",
    "utf8",
    [1, 0.5, -0, 1e21, 1.5e-7, 1e-4, 1e7, 9999999, 0.001, NaN, Infinity, -Infinity, 123.456, -2.5e-300, null],
    ["1.0", "0.5", "-0.0", "1.0E21", "1.5E-7", "1.0E-4", "1.0E7", "9999999.0", "0.001", "NaN", "Infinity", "-Infinity", "123.456", "-2.5E-300", null],
  ],
  ["float64", "timestamp", [1.5, -0.000001, NaN, 1e300, null], [1500000n, -1n, null, null, null]],
  ["boolean", "int32", [T, F, null], [1, 0, null]],
  ["boolean", "int64", [T, F, null], [1n, 0n, null]],
  ["boolean", "float64", [T, F, null], [1, 0, null]],
  ["boolean", "utf8", [T, F, null], ["true", "false", null]],
  ["boolean", "timestamp", [T, F, null], [1n, 0n, null]],
  ["date", "timestamp", [0, -1, day("2024-02-29"), null], [0n, -86400000000n, micros("2024-02-29T00:00:00Z"), null]],
  [
    "date",
    "utf8",
    [0, -1, day("2024-02-29"), day("0001-01-01"), day("9999-12-31"), day("1900-03-01"), null],
    ["1970-01-01", "1969-12-31", "2024-02-29", "0001-01-01", "9999-12-31", "1900-03-01", null],
  ],
  ["date", "int32", [0, null], [null, null]],
  ["timestamp", "date", [0n, -1n, micros("2024-02-29T23:59:59.999Z", 999), micros("1900-01-01T00:00:00Z"), null], [0, -1, day("2024-02-29"), day("1900-01-01"), null]],
  [
    "timestamp",
    "utf8",
    [0n, -1n, 1500000n, micros("2024-02-29T12:34:56Z", 120), micros("1969-07-20T20:17:40Z"), null],
    ["1970-01-01 00:00:00", "1969-12-31 23:59:59.999999", "1970-01-01 00:00:01.5", "2024-02-29 12:34:56.00012", "1969-07-20 20:17:40", null],
  ],
  ["timestamp", "int64", [1500000n, -1n, -1000000n, null], [1n, -1n, -1n, null]],
  ["timestamp", "int32", [1500000n, I64_MAX, null], [1, null, null]],
  ["timestamp", "float64", [1500000n, -1n, null], [1.5, -0.000001, null]],
  ["timestamp", "boolean", [0n, 5n, null], [F, T, null]],
  [
    "utf8",
    "int32",
    [" 42 ", "-7", "+3", "1.9", "-1.9", "2147483647", "2147483648", "-2147483648", "abc", "", "1e3", "٣", null, "\t12\n", ".", "5.", "-"],
    [42, -7, 3, 1, -1, 2147483647, null, -2147483648, null, null, null, null, null, 12, null, 5, null],
  ],
  [
    "utf8",
    "int64",
    ["9223372036854775807", "9223372036854775808", "-9223372036854775808", "9007199254740993", " 1 ", "x", null, "-0", "12.99"],
    [I64_MAX, null, I64_MIN, 9007199254740993n, 1n, null, null, 0n, 12n],
  ],
  [
    "utf8",
    "float64",
    ["1.5", " -2e3 ", "NaN", "inf", "-Infinity", "1d", ".5", "5.", "abc", "", "1e400", null, "0x10", "１"],
    [1.5, -2000, NaN, Infinity, -Infinity, 1, 0.5, 5, null, null, Infinity, null, null, null],
  ],
  ["utf8", "boolean", ["true", " YES ", "t", "1", "false", "n", "0", "maybe", "", null], [T, T, T, T, F, F, F, null, null, null]],
  [
    "utf8",
    "date",
    ["2024-02-29", " 2024-2-9 ", "2023-02-29", "2024", "2024-03", "2024-01-01T10:00:00", "2024-01-01 junk", "20240101", "", "abc", null, "2024-13-01"],
    [day("2024-02-29"), day("2024-02-09"), null, day("2024-01-01"), day("2024-03-01"), day("2024-01-01"), day("2024-01-01"), null, null, null, null, null],
  ],
  [
    "utf8",
    "timestamp",
    [
      "2024-02-29 12:34:56",
      "2024-02-29T12:34:56.123456789Z",
      "2024-02-29 12:34:56.5+01:00",
      "2024-02-29",
      "1969-12-31 23:59:59.999999",
      " 2024-01-01 00:00:00 UTC ",
      "2024-01-01 25:00:00",
      "2024-01-01 10:00 Europe/Paris",
      "nope",
      null,
    ],
    [
      micros("2024-02-29T12:34:56Z"),
      micros("2024-02-29T12:34:56.123Z", 456),
      micros("2024-02-29T11:34:56.5Z"),
      micros("2024-02-29T00:00:00Z"),
      -1n,
      micros("2024-01-01T00:00:00Z"),
      null,
      null,
      null,
      null,
    ],
  ],
  ["utf8", "utf8", ["é😀", "", null], ["é😀", "", null]],
];

describe.each(cases)("%s → %s", (from, to, xs, want) => {
  test("with nulls", () => {
    expect(js(evaluate(cast(input(0, from), to), batch(col(from, xs))))).toEqual(want);
  });

  test("non-null inputs one at a time, as a folded literal", () => {
    xs.forEach((x, i) => {
      if (x === null) return;
      expect(js(evaluate(cast(lit(x, from), to), batch(col("int32", [0, 0]))))).toEqual([want[i], want[i]]);
    });
  });
});

const TYPES: DataType[] = ["int32", "int64", "float64", "boolean", "utf8", "date", "timestamp"];

test.each(TYPES)("null type → %s is all null", (to) => {
  const out = evaluate(cast(input(0, "null"), to), batch(col("null", [null, null])));
  expect(out.type).toBe(to);
  expect(js(out)).toEqual([null, null]);
});

test("no-null input that always converts keeps validity null", () => {
  expect(evaluate(cast(input(0, "int32"), "float64"), batch(col("int32", [1, 2]))).valid).toBeNull();
  expect(evaluate(cast(input(0, "float64"), "int32"), batch(col("float64", [1.5, 2]))).valid).toBeNull();
  expect(evaluate(cast(input(0, "utf8"), "int32"), batch(col("utf8", ["1", "2"]))).valid).toBeNull();
});

test("dates and timestamps survive a round trip through strings", () => {
  const days: Js[] = [];
  for (let d = -800000; d <= 3000000; d += 9973) days.push(d);
  const asText = evaluate(cast(input(0, "date"), "utf8"), batch(col("date", days)));
  expect(js(evaluate(cast(input(0, "utf8"), "date"), batch(asText)))).toEqual(days);
  const ts: Js[] = days.map((d, i) => BigInt(d as number) * 86400000000n + BigInt(i * 1234567891));
  const tsText = evaluate(cast(input(0, "timestamp"), "utf8"), batch(col("timestamp", ts)));
  expect(js(evaluate(cast(input(0, "utf8"), "timestamp"), batch(tsText)))).toEqual(ts);
});

test("a cast Spark does not allow is an internal error", () => {
  expect(() => evaluate(cast(input(0, "int32"), "date"), batch(col("int32", [1])))).toThrow(/cannot cast/);
});
