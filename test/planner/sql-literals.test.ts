import { describe, expect, it } from "vitest";
import { lit, type Expr } from "../../planner/expr.js";
import { parseExpression } from "../../planner/sql/index.js";

const f64 = (value: number): Expr => ({ kind: "lit", value, type: "float64" });
const i64 = (value: bigint): Expr => ({ kind: "lit", value, type: "int64" });
const date = (y: number, m: number, d: number): Expr => ({ kind: "lit", value: Date.UTC(y, m - 1, d) / 86_400_000, type: "date" });
const ts = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, micros = 0n): Expr => ({
  kind: "lit",
  value: BigInt(Date.UTC(y, mo - 1, d, h, mi, s)) * 1000n + micros,
  type: "timestamp",
});

type Case = readonly [text: string, expected: Expr];

const numbers: Case[] = [
  ["0", lit(0)],
  ["42", lit(42)],
  ["2147483647", lit(2147483647)],
  ["-2147483648", lit(-2147483648)],
  ["2147483648", i64(2147483648n)],
  ["-2147483649", i64(-2147483649n)],
  ["9223372036854775807", i64(9223372036854775807n)],
  ["-9223372036854775808", i64(-9223372036854775808n)],
  ["9223372036854775808", f64(9223372036854775808)],
  ["123L", i64(123n)],
  ["0l", i64(0n)],
  ["-9223372036854775808L", i64(-9223372036854775808n)],
  ["1.5", f64(1.5)],
  ["1.0", f64(1)],
  ["1.", f64(1)],
  [".5", f64(0.5)],
  ["-.5", f64(-0.5)],
  ["1e3", f64(1000)],
  ["1E+3", f64(1000)],
  ["2.5e-3", f64(0.0025)],
  ["3D", f64(3)],
  ["-0", lit(0)],
];

const strings: Case[] = [
  ["'abc'", lit("abc")],
  ["''", lit("")],
  ['"abc"', lit("abc")],
  ["'it''s'", lit("it's")],
  ["'it\\'s'", lit("it's")],
  ['"say ""hi"""', lit('say "hi"')],
  ['"it\'s"', lit("it's")],
  ["'a\\nb\\tc'", lit("a\nb\tc")],
  ["'back\\\\slash'", lit("back\\slash")],
  ["'100\\%'", lit("100\\%")],
  ["'\\u00e9'", lit("é")],
  ["'multi\nline'", lit("multi\nline")],
  ["'AND OR -- not a comment'", lit("AND OR -- not a comment")],
];

const dates: Case[] = [
  ["DATE '2024-01-02'", date(2024, 1, 2)],
  ["date '1970-01-01'", date(1970, 1, 1)],
  ["DATE '1969-12-31'", date(1969, 12, 31)],
  ["DATE '2024-02-29'", date(2024, 2, 29)],
  ["DATE '2000-02-29'", date(2000, 2, 29)],
  ["DATE '2024-3-7'", date(2024, 3, 7)],
  ["DATE '2024-03'", date(2024, 3, 1)],
  ["DATE '2024'", date(2024, 1, 1)],
  ["DATE '1582-10-04'", date(1582, 10, 4)],
  ["DATE '9999-12-31'", date(9999, 12, 31)],
  ["DATE \"2024-01-02\"", date(2024, 1, 2)],
];

const timestamps: Case[] = [
  ["TIMESTAMP '2024-01-02 03:04:05'", ts(2024, 1, 2, 3, 4, 5)],
  ["TIMESTAMP '2024-01-02 03:04:05.123456'", ts(2024, 1, 2, 3, 4, 5, 123456n)],
  ["TIMESTAMP '2024-01-02 03:04:05.5'", ts(2024, 1, 2, 3, 4, 5, 500000n)],
  ["TIMESTAMP '2024-01-02 03:04:05.123456789'", ts(2024, 1, 2, 3, 4, 5, 123456n)],
  ["TIMESTAMP '2024-01-02T03:04:05'", ts(2024, 1, 2, 3, 4, 5)],
  ["TIMESTAMP '2024-01-02 03:04'", ts(2024, 1, 2, 3, 4)],
  ["TIMESTAMP '2024-01-02'", ts(2024, 1, 2)],
  ["timestamp '1969-12-31 23:59:59.999999'", ts(1969, 12, 31, 23, 59, 59, 999999n)],
  ["TIMESTAMP '2024-01-02 03:04:05Z'", ts(2024, 1, 2, 3, 4, 5)],
  ["TIMESTAMP '2024-01-02 03:04:05 UTC'", ts(2024, 1, 2, 3, 4, 5)],
  ["TIMESTAMP '2024-01-02 05:34:05+02:30'", ts(2024, 1, 2, 3, 4, 5)],
  ["TIMESTAMP '2024-01-01 22:04:05-0500'", ts(2024, 1, 2, 3, 4, 5)],
];

describe("SQL literals", () => {
  const groups = { numbers, strings, dates, timestamps };
  for (const [group, table] of Object.entries(groups)) {
    it.each(table)(`${group}: %s`, (text, expected) => {
      expect(parseExpression(text)).toStrictEqual(expected);
    });
  }

  it("computes years before 100 without Date's 1900 offset", () => {
    const expected = Date.UTC(2000, 0, 1) / 86_400_000 - 1999 * 365 - Math.floor(1999 / 4) + 19 - 4;
    expect(parseExpression("DATE '0001-01-01'")).toStrictEqual({ kind: "lit", value: expected, type: "date" });
  });

  it("keeps a bare DATE or TIMESTAMP word as a column", () => {
    expect(parseExpression("date > DATE '2024-01-01'")).toStrictEqual({
      kind: "binary",
      op: ">",
      left: { kind: "col", name: "date" },
      right: date(2024, 1, 1),
    });
    expect(parseExpression("timestamp")).toStrictEqual({ kind: "col", name: "timestamp" });
  });
});
