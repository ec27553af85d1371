/**
 * Statistical and holistic aggregates end to end, through a shuffle, with 1 worker and with 4:
 * every answer is computed independently in plain JavaScript (two-pass formulas, sorting) over the
 * same rows. Includes the db-benchmark shapes q6 (median and stddev by two keys) and q9 (corr²).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AnalysisError, Session, anyValue, approxPercentile, col, corr, count, countDistinct, countIf, covarPop, covarSamp, expr, median,
  percentile, stddev, stddevPop, stddevSamp, varPop, varSamp, variance, type DataFrame, type Row, type Value,
} from "../../src/index.js";
import { rng, rowKey } from "../helpers/rows.js";
import { close, corrOf, covarPopOf, covarSampOf, medianOf, nearestRankOf, percentileOf, stddevPopOf, stddevSampOf, varPopOf, varSampOf } from "../helpers/stats.js";

interface X {
  id2: string;
  id4: number;
  id5: number;
  v1: number | null;
  v2: bigint | null;
  v3: number | null;
}

const rand = rng(23);
const maybe = <T>(v: T): T | null => (rand() < 0.1 ? null : v);
const xs: X[] = Array.from({ length: 5000 }, () => ({
  id2: `id${1 + Math.floor(rand() * 4)}`,
  id4: Math.floor(rand() * 10),
  id5: Math.floor(rand() * 5),
  v1: maybe(1 + Math.floor(rand() * 5)),
  v2: maybe(BigInt(1 + Math.floor(rand() * 15))),
  v3: maybe(Math.round(rand() * 1e4) / 100),
}));
// A group with one row, and one whose values are all null.
xs.push({ id2: "solo", id4: 100, id5: 0, v1: 3, v2: 7n, v3: 2.5 });
for (let i = 0; i < 3; i++) xs.push({ id2: "none", id4: 101, id5: 0, v1: null, v2: null, v3: null });

function groupJs<K>(key: (r: X) => K): Map<K, X[]> {
  const m = new Map<K, X[]>();
  for (const r of xs) {
    const k = key(r);
    const g = m.get(k);
    if (g) g.push(r);
    else m.set(k, [r]);
  }
  return m;
}

const present = <T>(vs: readonly (T | null)[]): T[] => vs.filter((v): v is T => v !== null);
const pairs = (g: readonly X[], a: (r: X) => number | bigint | null, b: (r: X) => number | bigint | null) =>
  g.flatMap((r) => {
    const x = a(r);
    const y = b(r);
    return x === null || y === null ? [] : [[x, y] as const];
  });

/** Same rows in any order: keys and non-float values exactly, floats to 1e-9 relative. */
function expectCloseRows(actual: readonly Row[], expected: readonly Record<string, Value>[], keys: readonly string[]): void {
  const keyOf = (r: Readonly<Record<string, unknown>>) => rowKey(Object.fromEntries(keys.map((k) => [k, r[k]])));
  expect(actual.map(keyOf).sort()).toEqual(expected.map(keyOf).sort());
  const byKey = new Map(expected.map((r) => [keyOf(r), r]));
  for (const a of actual) {
    const e = byKey.get(keyOf(a)) as Record<string, Value>;
    expect(Object.keys(a)).toEqual(Object.keys(e));
    for (const [name, want] of Object.entries(e)) {
      const got = a[name];
      const ok = typeof want === "number" && !Number.isInteger(want) ? close(got as number | null, want) : Object.is(got, want) || got === want;
      if (!ok) expect.fail(`${keyOf(a)} ${name}: got ${String(got)}, want ${String(want)}`);
    }
  }
}

describe.each([1, 4])("statistical aggregates with %i worker(s)", (workers) => {
  let session: Session;
  let df: DataFrame;
  beforeAll(() => {
    session = new Session({ workers });
    df = session.createDataFrame(xs as unknown as Row[], { partitions: 5 });
  });
  afterAll(async () => {
    await session.stop();
  });

  it("computes the moments per group, over int32, int64 and float64, nulls skipped", async () => {
    const rows = await df
      .groupBy("id4")
      .agg(
        stddev("v3").alias("sd"), stddevSamp("v1").alias("sd1"), stddevPop("v2").alias("sdp"), variance("v1").alias("var1"),
        varSamp("v2").alias("var2"), varPop("v3").alias("varp"), corr("v1", "v3").alias("r"), covarSamp("v2", "v3").alias("cs"), covarPop("v1", "v2").alias("cp"),
      )
      .collect();
    const expected = [...groupJs((r) => r.id4)].map(([id4, g]) => ({
      id4,
      sd: stddevSampOf(present(g.map((r) => r.v3))),
      sd1: stddevSampOf(present(g.map((r) => r.v1))),
      sdp: stddevPopOf(present(g.map((r) => r.v2))),
      var1: varSampOf(present(g.map((r) => r.v1))),
      var2: varSampOf(present(g.map((r) => r.v2))),
      varp: varPopOf(present(g.map((r) => r.v3))),
      r: corrOf(pairs(g, (r) => r.v1, (r) => r.v3)),
      cs: covarSampOf(pairs(g, (r) => r.v2, (r) => r.v3)),
      cp: covarPopOf(pairs(g, (r) => r.v1, (r) => r.v2)),
    }));
    expectCloseRows(rows, expected, ["id4"]);
    // Spark 3: one value → NULL for the sample variants, 0 for the population ones; no values → NULL.
    const solo = rows.find((r) => r["id4"] === 100);
    expect([solo?.["sd"], solo?.["sdp"], solo?.["varp"], solo?.["r"], solo?.["cs"], solo?.["cp"]]).toEqual([null, 0, 0, null, null, 0]);
    expect(Object.values(rows.find((r) => r["id4"] === 101) ?? {}).slice(1)).toEqual(Array(9).fill(null));
  });

  it("q6: median and stddev of one column by two keys (holistic and algebraic together)", async () => {
    const rows = await df.groupBy("id4", "id5").agg(median("v3").alias("median_v3"), stddev("v3").alias("sd_v3")).collect();
    const expected = [...groupJs((r) => `${r.id4}|${r.id5}`)].map(([, g]) => {
      const v = present(g.map((r) => r.v3));
      return { id4: g[0]?.id4 as number, id5: g[0]?.id5 as number, median_v3: medianOf(v), sd_v3: stddevSampOf(v) };
    });
    expectCloseRows(rows, expected, ["id4", "id5"]);
  });

  it("q9: corr squared, on the aggregate and in a select after it", async () => {
    const r2 = await df.groupBy("id2", "id4").agg(corr("v1", "v2").multiply(corr("v1", "v2")).alias("r2")).collect();
    const after = await df.groupBy("id2", "id4").agg(corr("v1", "v2").alias("r")).select("id2", "id4", col("r").multiply(col("r")).alias("r2")).collect();
    const expected = [...groupJs((r) => `${r.id2}|${r.id4}`)].map(([, g]) => {
      const c = corrOf(pairs(g, (r) => r.v1, (r) => r.v2));
      return { id2: g[0]?.id2 as string, id4: g[0]?.id4 as number, r2: c === null ? null : c * c };
    });
    expectCloseRows(r2, expected, ["id2", "id4"]);
    expectCloseRows(after, expected, ["id2", "id4"]);
  });

  it("computes exact percentiles (float64) and nearest-rank approxPercentile (the input type)", async () => {
    const rows = await df
      .groupBy("id5")
      .agg(
        percentile("v3", 0.9).alias("p90"), percentile("v2", 0.25).alias("p25"), median("v1").alias("m1"),
        approxPercentile("v1", 0.5).alias("a1"), approxPercentile("v2", 0.75, 100).alias("a2"), approxPercentile("v3", 0.1).alias("a3"),
        countDistinct("v1").alias("d1"),
      )
      .collect();
    const expected = [...groupJs((r) => r.id5)].map(([id5, g]) => ({
      id5,
      p90: percentileOf(present(g.map((r) => r.v3)), 0.9),
      p25: percentileOf(present(g.map((r) => r.v2)), 0.25),
      m1: medianOf(present(g.map((r) => r.v1))),
      a1: nearestRankOf(present(g.map((r) => r.v1)), 0.5),
      a2: nearestRankOf(present(g.map((r) => r.v2)), 0.75),
      a3: nearestRankOf(present(g.map((r) => r.v3)), 0.1),
      d1: BigInt(new Set(present(g.map((r) => r.v1))).size),
    }));
    expectCloseRows(rows, expected, ["id5"]);
    expect(typeof rows[0]?.["a2"]).toBe("bigint"); // approxPercentile keeps int64
  });

  it("aggregates globally, with SQL strings too, and over no rows", async () => {
    const v3 = present(xs.map((r) => r.v3));
    const v1 = present(xs.map((r) => r.v1));
    const want = {
      sd: stddevSampOf(v3),
      p: percentileOf(v1, 0.3),
      a: nearestRankOf(v3, 0.5),
      r: corrOf(pairs(xs, (r) => r.v1, (r) => r.v3)),
      n: BigInt(xs.filter((r) => r.v1 !== null && r.v1 > 2).length),
    };
    const viaSql = await df.selectExpr("stddev(v3) AS sd", "percentile(v1, 0.3) AS p", "approx_percentile(v3, 0.5, 1000) AS a", "corr(v1, v3) AS r", "count_if(v1 > 2) AS n").collect();
    const viaFns = await df.agg(stddev("v3").alias("sd"), percentile("v1", 0.3).alias("p"), approxPercentile("v3", 0.5, 1000).alias("a"), corr("v1", "v3").alias("r"), countIf(col("v1").gt(2)).alias("n")).collect();
    for (const rows of [viaSql, viaFns]) expectCloseRows(rows, [want], []);
    const [empty] = await df.where("v1 > 100").agg(stddev("v3").alias("sd"), median("v3").alias("m"), covarPop("v1", "v2").alias("c"), countIf(col("v1").gt(2)).alias("n")).collect();
    expect(empty).toEqual({ sd: null, m: null, c: null, n: 0n });
    expect(await df.where("v1 > 100").groupBy("id4").agg(median("v3")).collect()).toEqual([]);
  });

  it("takes expr() strings and PySpark's dict form in groupBy().agg", async () => {
    const viaExpr = await df.groupBy("id2").agg(expr("var_pop(v3) AS vp"), expr("median(v2) AS m"), count("*").alias("n")).collect();
    const viaDict = await df.groupBy("id2").agg({ v3: "var_pop", v2: "median" }).collect();
    const groups = [...groupJs((r) => r.id2)];
    expectCloseRows(viaExpr, groups.map(([id2, g]) => ({ id2, vp: varPopOf(present(g.map((r) => r.v3))), m: medianOf(present(g.map((r) => r.v2))), n: BigInt(g.length) })), ["id2"]);
    expectCloseRows(viaDict, groups.map(([id2, g]) => ({ id2, "var_pop(v3)": varPopOf(present(g.map((r) => r.v3))), "median(v2)": medianOf(present(g.map((r) => r.v2))) })), ["id2"]);
    expect(() => df.groupBy("id2").agg({ v3: "percentile" })).toThrow(AnalysisError);
  });

  it("countIf counts true rows and anyValue takes a value of the group", async () => {
    const rows = await df.groupBy("id4").agg(countIf(col("v3").gt(50)).alias("n"), anyValue("id2").alias("any"), anyValue("v1").alias("v")).collect();
    const groups = groupJs((r) => r.id4);
    expect(rows.length).toBe(groups.size);
    for (const r of rows) {
      const g = groups.get(r["id4"] as number) as X[];
      expect(r["n"]).toBe(BigInt(g.filter((x) => x.v3 !== null && x.v3 > 50).length));
      expect(g.map((x) => x.id2)).toContain(r["any"]);
      expect(g.map((x) => x.v1)).toContain(r["v"]);
    }
  });

  it("reads a column repeated in one block (global aggregates on one input; select x, x)", async () => {
    const [r] = await df.agg(countDistinct("v1").alias("d"), median("v1").alias("m"), stddev("v1").alias("s")).collect();
    const v1 = present(xs.map((x) => x.v1));
    expectCloseRows(r ? [r] : [], [{ d: BigInt(new Set(v1).size), m: medianOf(v1), s: stddevSampOf(v1) }], []);
    const twice = await df.coalesce(1).select(col("v3"), col("v3").alias("w")).limit(5).collect();
    for (const row of twice) expect(row["w"]).toBe(row["v3"]);
  });

  it("reports analysis errors before running: a string column, a percentage outside [0, 1]", () => {
    expect(() => df.groupBy("id4").agg(stddev("id2"))).toThrow("Type mismatch in agg: stddev_samp needs a numeric column, got id2 (utf8).");
    expect(() => df.agg(percentile("v3", 1.5))).toThrow(/must be between 0\.0 and 1\.0, got 1\.5/);
    expect(() => df.selectExpr("percentile(v3, 2)")).toThrow(AnalysisError);
  });
});
