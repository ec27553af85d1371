/**
 * User-defined functions end to end, with 1 worker and with 4: row-at-a-time and vectorised UDFs,
 * SQL use after session.udf.register, composition with where/groupBy, and the errors for what
 * cannot be shipped or does not fit. Expected values: plain JavaScript over the same input rows.
 */
import type { Float64, Vector } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalysisError, Session, col, expr, lit, pandasUdf, type Row, udf, vectorUdf } from "../../src/index.js";
import { expectSameRows } from "../helpers/rows.js";

interface R {
  id: number;
  x: number | null;
  s: string | null;
  b: boolean | null;
  l: bigint | null;
  t: Date | null;
}

const DAY = 86400000;
const rows: R[] = Array.from({ length: 60 }, (_, id) => ({
  id,
  x: id % 7 === 0 ? null : (id * 1.5) - 20,
  s: id % 5 === 0 ? null : `s${id % 4}`,
  b: id % 6 === 0 ? null : id % 3 === 0,
  l: id % 11 === 0 ? null : BigInt(id) * 10000000000n,
  t: id % 9 === 0 ? null : new Date(Date.UTC(2024, 0, 1) + id * DAY),
}));

describe.each([1, 4])("UDFs with %i worker(s)", (workers) => {
  let session: Session;
  beforeAll(() => {
    session = new Session({ workers });
  });
  afterAll(async () => {
    await session.stop();
  });
  const df = () => session.createDataFrame(rows as unknown as Row[], { partitions: 4 }).withColumn("d", col("t").cast("date"));

  it("row-at-a-time UDFs over int, float, string, boolean, int64 and date, with nulls", async () => {
    const plusOne = udf((x: number) => x + 1, "int32");
    const half = udf(function half(x: number | null) {
      return x === null ? null : x / 2;
    }, "double");
    const shout = udf((s: string | null, n: number) => (s === null ? "none" : s.toUpperCase() + "!".repeat(n % 3)), "string");
    const flip = udf((b: boolean | null) => (b === null ? undefined : !b), "boolean");
    const big = udf((l: bigint | null) => (l === null ? null : l * 3n + 1n), "int64");
    const nextDay = udf((d: Date | null) => (d === null ? null : new Date(d.getTime() + 86400000)), "date");
    const year = udf((d: Date | null) => (d === null ? -1 : d.getUTCFullYear() * 100 + d.getUTCMonth()), "int");
    const got = await df()
      .select(
        col("id"),
        plusOne("id").alias("a"),
        half(col("x")).alias("h"),
        shout("s", col("id")).alias("sh"),
        flip("b").alias("f"),
        big("l").alias("g"),
        nextDay("d").alias("nd"),
        year(col("t")).alias("y"),
      )
      .collect();
    const expected = rows.map((r) => {
      const d = r.t === null ? null : new Date(Math.floor(r.t.getTime() / DAY) * DAY);
      return {
        id: r.id,
        a: r.id + 1,
        h: r.x === null ? null : r.x / 2,
        sh: r.s === null ? "none" : r.s.toUpperCase() + "!".repeat(r.id % 3),
        f: r.b === null ? null : !r.b,
        g: r.l === null ? null : r.l * 3n + 1n,
        nd: d === null ? null : new Date(d.getTime() + DAY),
        y: r.t === null ? -1 : r.t.getUTCFullYear() * 100 + r.t.getUTCMonth(),
      };
    });
    expectSameRows(got, expected);
  });

  it("is called with null arguments and literal arguments", async () => {
    const scaled = udf((x: number | null, k: number) => (x === null ? k : x * k), "float64");
    const got = await df().select(col("id"), scaled("x", lit(3)).alias("v")).collect();
    expectSameRows(got, rows.map((r) => ({ id: r.id, v: r.x === null ? 3 : r.x * 3 })));
  });

  it("registered UDFs work in expr, selectExpr and where strings, session.sql, and EXPLAIN shows them", async () => {
    session.udf.register("plus_one", (x: number) => x + 1, "int32");
    const tripled = session.udf.register("triple", udf((x: number) => x * 3, "int32"));
    const got = await df().where("plus_one(id) % 4 = 0").selectExpr("id", "plus_one(id) AS p", "TRIPLE(id) AS t").collect();
    expectSameRows(got, rows.filter((r) => (r.id + 1) % 4 === 0).map((r) => ({ id: r.id, p: r.id + 1, t: r.id * 3 })));
    const viaExpr = await df().select(expr("plus_one(id) AS p"), tripled("id").alias("t3")).collect();
    expectSameRows(viaExpr, rows.map((r) => ({ p: r.id + 1, t3: r.id * 3 })));
    df().createOrReplaceTempView("udf_rows");
    const viaSql = await session.sql("SELECT id, plus_one(id) AS p FROM udf_rows WHERE triple(id) > 150").collect();
    expectSameRows(viaSql, rows.filter((r) => r.id * 3 > 150).map((r) => ({ id: r.id, p: r.id + 1 })));
    const plan = await df().selectExpr("plus_one(id) AS p").explain();
    expect(plan).toContain("plus_one(id)");
    const named = udf(function addTen(x: number) {
      return x + 10;
    }, "int32");
    expect(await df().select(named("id")).columns).toEqual(["addTen(id)"]);
  });

  it("composes with where and groupBy (a UDF as a filter and as a group key)", async () => {
    const bucket = udf((id: number) => `b${id % 3}`, "string");
    const even = udf((id: number) => id % 2 === 0, "boolean");
    const got = await df().where(even("id")).groupBy(bucket("id").alias("k")).count().collect();
    const counts = new Map<string, bigint>();
    for (const r of rows) if (r.id % 2 === 0) counts.set(`b${r.id % 3}`, (counts.get(`b${r.id % 3}`) ?? 0n) + 1n);
    expectSameRows(got, [...counts].map(([k, count]) => ({ k, count })));
  });

  it("vectorised UDFs return typed arrays, Arrow vectors or arrays", async () => {
    const twice = vectorUdf((v: Vector<Float64>) => Float64Array.from(v.toArray() as Float64Array, (x) => x * 2), "float64");
    // Imports cannot be captured, so a returned Vector is one of the inputs or made by their methods.
    const same = vectorUdf((v: Vector) => v, "int32");
    const widened = vectorUdf((v: Vector) => v.slice(0), "int64");
    const asArray = pandasUdf((s: Vector, n: Vector) => Array.from({ length: s.length }, (_, i) => (s.get(i) === null ? null : `${s.get(i)}-${n.get(i)}`)), "string");
    const got = await df().select(col("id"), twice(col("id").cast("double")).alias("w"), same("id").alias("v"), widened("id").alias("v64"), asArray("s", "id").alias("a")).collect();
    expectSameRows(
      got,
      rows.map((r) => ({ id: r.id, w: r.id * 2, v: r.id, v64: BigInt(r.id), a: r.s === null ? null : `${r.s}-${r.id}` })),
    );
  });

  it("a vectorised UDF that uses an import fails like a captured variable", async () => {
    const { vectorFromArray } = await import("apache-arrow");
    const rebuilt = vectorUdf(function rebuilt(v: Vector) {
      return vectorFromArray(v.toArray());
    }, "int32");
    await expect(df().select(rebuilt("id")).collect()).rejects.toThrow(/UDF "rebuilt" uses "\S+", which is not defined in the worker/);
  });

  it("a captured variable fails with the UDF and the identifier named", async () => {
    const factor = 3;
    const scale = udf(function scale(x: number) {
      return x * factor;
    }, "int32");
    await expect(df().select(scale("id")).collect()).rejects.toThrow(/UDF "scale" uses "factor".*cannot capture variables; pass values as arguments \(lit\(\.\.\.\)\)/);
  });

  it("a function that throws names the UDF, the arguments and the message", async () => {
    const picky = udf((id: number) => {
      if (id === 17) throw new Error("seventeen is not allowed");
      return id;
    }, "int32");
    await expect(df().select(picky("id")).collect()).rejects.toThrow(/UDF "udf" threw for arguments \(17\): seventeen is not allowed.*after 1 attempt\)/);
  });

  it("a value that does not fit the return type names the UDF and the value", async () => {
    const wrong = udf(function wrong(id: number) {
      return id === 5 ? "five" : id;
    }, "int32");
    await expect(df().select(wrong("id")).collect()).rejects.toThrow(/UDF "wrong" returned "five" \(a string\) for arguments \(5\), which does not fit its return type int32/);
  });

  it("a vectorised UDF returning the wrong length fails clearly", async () => {
    const short = vectorUdf(function short(v: Vector) {
      return new Float64Array(Math.max(0, v.length - 1));
    }, "float64");
    await expect(df().select(short("id")).collect()).rejects.toThrow(/UDF "short" returned \d+ values for a batch of \d+ rows/);
  });
});

describe("UDFs that cannot be shipped", () => {
  it("rejects native and bound functions at udf() time", () => {
    expect(() => udf(Math.sqrt, "double")).toThrow(AnalysisError);
    expect(() => udf(Math.sqrt, "double")).toThrow(/"sqrt" cannot be shipped to workers: it is a native or bound function/);
    expect(() => udf(((x: number) => x).bind(null), "int32")).toThrow(/native or bound function/);
  });

  it("rejects object methods, async functions and unknown return types", () => {
    const o = {
      m(x: number) {
        return x;
      },
    };
    expect(() => udf(o.m, "int32")).toThrow(/"m" cannot be shipped to workers: its source does not parse as a function expression/);
    expect(() => udf(async (x: number) => x, "int32")).toThrow(/AsyncFunction/);
    expect(() => udf((x: number) => x, "decimal128")).toThrow(/UDF "udf"/);
  });
});
