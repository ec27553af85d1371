/**
 * Math functions end to end, as DataFrame functions and as SQL, with 1 worker and with 4. Expected
 * values: JavaScript's Math over the same inputs, a BigInt decimal rounding written here for
 * round/bround (on the double's shortest decimal form, as Spark's BigDecimal), and a hand-written
 * table of Spark's documented results.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AnalysisError, Session, acos, asin, atan, atan2, bround, cbrt, ceil, col, cos, degrees, e, exp, floor, greatest, isnan, least, lit, ln, log, log10,
  log1p, log2, nanvl, pi, pmod, pow, radians, round, signum, sin, sqrt, tan, type DataFrame, type Row,
} from "../../src/index.js";
import { type FnCase, checkCases } from "../helpers/function-cases.js";

interface R {
  id: number;
  x: number | null;
  i: number | null;
  l: bigint | null;
}

const XS = [2.5, -2.5, 2.675, 1.005, 0.125, -1.5, 1e20, NaN, Infinity, -Infinity, null, 3.14159, 1234.5678, 0.5, -0.7, 1, 0.3];
const IS = [125, -125, 135, 0, 7, -7, null, 15, -15, 99];
const rows: R[] = Array.from({ length: 51 }, (_, id) => ({
  id,
  x: XS[id % XS.length]!,
  i: IS[id % IS.length]!,
  l: id % 13 === 0 ? null : BigInt((id % 9) * 50 - 175),
}));

/** HALF_UP / HALF_EVEN rounding of the decimal text of x, in BigInt. */
function decimalRound(x: number, scale: number, even: boolean): number {
  if (!Number.isFinite(x)) return x;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x))!;
  const frac = m[3] ?? "";
  const digits = BigInt(m[2]! + frac);
  const e10 = Number(m[4] ?? 0) - frac.length; // |x| = digits · 10^e10
  const shift = -scale - e10;
  if (shift <= 0) return x;
  const div = 10n ** BigInt(shift);
  let q = digits / div;
  const twice = (digits % div) * 2n;
  if (twice > div || (twice === div && (!even || q % 2n === 1n))) q += 1n;
  const r = Number(`${q}e${-scale}`);
  return m[1] === "-" ? -r || 0 : r;
}

const LONG_MAX = 9223372036854775807n;
const LONG_MIN = -9223372036854775808n;
const toLong = (v: number): bigint => (Number.isNaN(v) ? 0n : v >= 2 ** 63 ? LONG_MAX : v <= -(2 ** 63) ? LONG_MIN : BigInt(v));
const onX = <T>(f: (x: number) => T) => (r: R): T | null => (r.x === null ? null : f(r.x));
const logOf = (f: (x: number) => number, floorAt = 0) => onX((x) => (x <= floorAt ? null : f(x)));
const javaMod = (a: number, b: number): number => a % b;

const cases: FnCase<R>[] = [
  { name: "round", df: round("x"), sql: "round(x)", expect: onX((x) => decimalRound(x, 0, false)) },
  { name: "round 2", df: round("x", 2), sql: "round(x, 2)", expect: onX((x) => decimalRound(x, 2, false)) },
  { name: "round -2", df: round("x", -2), sql: "round(x, -2)", expect: onX((x) => decimalRound(x, -2, false)) },
  { name: "bround 2", df: bround("x", 2), sql: "bround(x, 2)", expect: onX((x) => decimalRound(x, 2, true)) },
  { name: "round int -1", df: round("i", -1), sql: "round(i, -1)", expect: (r) => (r.i === null ? null : decimalRound(r.i, -1, false)) },
  { name: "bround int -1", df: bround("i", -1), sql: "bround(i, -1)", expect: (r) => (r.i === null ? null : decimalRound(r.i, -1, true)) },
  { name: "round int 2 (unchanged)", df: round("i", 2), sql: "round(i, 2)", expect: (r) => r.i },
  { name: "round long -2", df: round("l", -2), sql: "round(l, -2)", expect: (r) => (r.l === null ? null : BigInt(decimalRound(Number(r.l), -2, false))) },
  { name: "floor", df: floor("x"), sql: "floor(x)", expect: onX((x) => toLong(Math.floor(x))) },
  { name: "ceil", df: ceil("x"), sql: "ceiling(x)", expect: onX((x) => toLong(Math.ceil(x))) },
  { name: "floor int", df: floor("i"), sql: "floor(i)", expect: (r) => (r.i === null ? null : BigInt(r.i)) },
  { name: "sqrt", df: sqrt("x"), sql: "sqrt(x)", expect: onX(Math.sqrt) },
  { name: "cbrt", df: cbrt("x"), sql: "cbrt(x)", expect: onX(Math.cbrt) },
  { name: "exp", df: exp("x"), sql: "exp(x)", expect: onX(Math.exp) },
  { name: "ln", df: ln("x"), sql: "ln(x)", expect: logOf(Math.log) },
  { name: "log one-argument", df: log("x"), sql: "log(x)", expect: logOf(Math.log) },
  { name: "log base 10", df: log(10, "x"), sql: "log(10, x)", expect: logOf((x) => Math.log(x) / Math.log(10)) },
  { name: "log10", df: log10("x"), sql: "log10(x)", expect: logOf(Math.log10) },
  { name: "log2", df: log2("x"), sql: "log2(x)", expect: logOf(Math.log2) },
  { name: "log1p", df: log1p("x"), sql: "log1p(x)", expect: logOf(Math.log1p, -1) },
  { name: "pow", df: pow("x", 2), sql: "power(x, 2)", expect: onX((x) => x ** 2) },
  { name: "pow column", df: pow("i", "x"), sql: "pow(i, x)", expect: (r) => (r.i === null || r.x === null ? null : Math.pow(r.i, r.x)) },
  { name: "signum", df: signum("i"), sql: "sign(i)", expect: (r) => (r.i === null ? null : Math.sign(r.i)) },
  { name: "sin", df: sin("x"), sql: "sin(x)", expect: onX(Math.sin) },
  { name: "cos", df: cos("x"), sql: "cos(x)", expect: onX(Math.cos) },
  { name: "tan", df: tan("x"), sql: "tan(x)", expect: onX(Math.tan) },
  { name: "asin", df: asin("x"), sql: "asin(x)", expect: onX(Math.asin) },
  { name: "acos", df: acos("x"), sql: "acos(x)", expect: onX(Math.acos) },
  { name: "atan", df: atan("x"), sql: "atan(x)", expect: onX(Math.atan) },
  { name: "atan2", df: atan2("x", "i"), sql: "atan2(x, i)", expect: (r) => (r.i === null || r.x === null ? null : Math.atan2(r.x, r.i)) },
  { name: "degrees", df: degrees("x"), sql: "degrees(x)", expect: onX((x) => x * 57.29577951308232) },
  { name: "radians", df: radians("x"), sql: "radians(x)", expect: onX((x) => x * 0.017453292519943295) },
  {
    name: "greatest",
    df: greatest("x", "i", lit(null)),
    sql: "greatest(x, i, NULL)",
    expect: (r) => {
      const vs = [r.x, r.i].filter((v): v is number => v !== null);
      if (vs.length === 0) return null;
      return vs.some(Number.isNaN) ? NaN : Math.max(...vs);
    },
  },
  {
    name: "least",
    df: least("x", "i"),
    sql: "least(x, i)",
    expect: (r) => {
      const vs = [r.x, r.i].filter((v): v is number => v !== null && !Number.isNaN(v));
      if (vs.length === 0) return r.x === null && r.i === null ? null : NaN;
      return Math.min(...vs);
    },
  },
  { name: "pmod", df: pmod("i", 7), sql: "pmod(i, 7)", expect: (r) => (r.i === null ? null : ((javaMod(r.i, 7) + 7) % 7)) },
  { name: "pmod negative divisor", df: pmod("i", -4), sql: "pmod(i, -4)", expect: (r) => (r.i === null ? null : javaMod(r.i, -4) < 0 ? javaMod(javaMod(r.i, -4) - 4, -4) : javaMod(r.i, -4)) },
  { name: "pmod by zero", df: pmod("i", 0), sql: "pmod(i, 0)", expect: () => null },
  { name: "pmod long", df: pmod("l", lit(7n)), sql: "pmod(l, 7L)", expect: (r) => (r.l === null ? null : ((r.l % 7n) + 7n) % 7n) },
  { name: "isnan", df: isnan("x"), sql: "isnan(x)", expect: (r) => r.x !== null && Number.isNaN(r.x) },
  { name: "nanvl", df: nanvl("x", lit(-1)), sql: "nanvl(x, -1)", expect: onX((x) => (Number.isNaN(x) ? -1 : x)) },
  { name: "nanvl null", df: nanvl("x", lit(null)), sql: "nanvl(x, NULL)", expect: onX((x) => (Number.isNaN(x) ? null : x)) },
  { name: "e", df: e(), sql: "e()", expect: () => Math.E },
  { name: "pi", df: pi(), sql: "pi()", expect: () => Math.PI },
];

describe.each([1, 4])("math functions with %i worker(s)", (workers) => {
  let session: Session;
  let df: DataFrame;
  beforeAll(() => {
    session = new Session({ workers });
    df = session.createDataFrame(rows as unknown as Row[], { partitions: 4 });
  });
  afterAll(async () => {
    await session.stop();
  });

  it("match JavaScript's Math and decimal rounding", async () => {
    await checkCases(df, rows, cases);
  });

  it("give Spark's documented results", async () => {
    const [r] = await session
      .createDataFrame([{ id: 0 }])
      .selectExpr(
        "round(2.5) AS a", "round(-2.5) AS b", "bround(2.5) AS c", "bround(3.5) AS d", "bround(-2.5) AS e", "round(2.675, 2) AS f",
        "round(1.005, 2) AS g", "bround(0.125, 2) AS h", "round(0.125, 2) AS i", "round(1234.5678, -2) AS j", "round(125, -1) AS k",
        "bround(125, -1) AS l", "round(-125, -1) AS m", "floor(-0.1) AS n", "ceil(-0.1) AS o", "log(2, 8) AS p", "ln(0) AS q",
        "log10(-1) AS r", "pmod(10, 3) AS s", "pmod(-10, 3) AS t", "greatest(10, 9, 2, 4, 3) AS u", "least(NULL, 3, 1) AS v",
        "signum(-40.5) AS w", "sqrt(-1) AS x", "round(25, -1) AS y", "bround(25, -1) AS z",
      )
      .collect();
    expect(r).toEqual({
      a: 3, b: -3, c: 2, d: 4, e: -2, f: 2.68, g: 1.01, h: 0.12, i: 0.13, j: 1200, k: 130, l: 120, m: -130, n: -1n, o: 0n, p: 3, q: null,
      r: null, s: 1, t: 2, u: 10, v: 1, w: -1, x: NaN, y: 30, z: 20,
    });
  });

  it("keep Spark's result types", () => {
    const types = Object.fromEntries(
      df.select(round("x", 1).alias("a"), round("i", -1).alias("b"), floor("x").alias("c"), ceil("i").alias("d"), sqrt("i").alias("f"), pmod("i", 3).alias("g"), greatest("i", "x").alias("h")).schema.map((f) => [f.name, f.type]),
    );
    expect(types).toEqual({ a: "float64", b: "int32", c: "int64", d: "int64", f: "float64", g: "int32", h: "float64" });
  });
});

describe("math function errors", () => {
  const session = new Session({ workers: 1 });
  const df = session.createDataFrame([{ id: 0, s: "a", b: true, d: 1.5 }]);
  afterAll(async () => {
    await session.stop();
  });
  it("name the function and argument", () => {
    expect(() => df.select(sqrt("b"))).toThrow(AnalysisError);
    expect(() => df.select(sqrt("b"))).toThrow(/sqrt\(\) argument 1 \(x\) must be a number, got b \(boolean\)/);
    expect(() => df.selectExpr("round(d, d)")).toThrow(/round\(\) argument 2 \(scale\) must be an integer literal/);
    expect(() => df.select(greatest("d"))).toThrow(/greatest\(\) takes at least 2 arguments, got 1/);
    expect(() => df.selectExpr("greatest(d)")).toThrow(/expected at least 2 arguments for greatest/);
    expect(() => df.select(greatest("d", "b"))).toThrow(/greatest\(\) mixes/);
    expect(() => df.select(col("d"), pow("s", "b"))).toThrow(/pow\(\) argument 2 \(y\)/);
  });
});
