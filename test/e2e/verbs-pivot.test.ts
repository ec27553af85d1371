/**
 * pivot (with values, and without: the eager job that finds them) and unpivot / melt, end to end
 * with 1 worker and with 4. Expected rows are built in plain JavaScript: nested maps for pivot, a
 * loop over columns for unpivot.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalysisError, Session, avg, count, sum, type DataFrame, type Row, type Value } from "../../src/index.js";
import { expectSameRows, rng } from "../helpers/rows.js";

interface R {
  k: string;
  p: number | null;
  v: number | null;
  w: number;
}

const rand = rng(9);
const data: R[] = Array.from({ length: 500 }, () => ({
  k: `k${Math.floor(rand() * 5)}`,
  p: rand() < 0.05 ? null : Math.floor(rand() * 3),
  v: rand() < 0.2 ? null : Math.floor(rand() * 50),
  w: Math.round(rand() * 100) / 4,
}));
// A key that lacks some pivot values entirely.
data.push({ k: "lone", p: 1, v: 5, w: 1 });

function pivotJs(values: readonly (number | null)[], cell: (rows: R[]) => Record<string, Value>): Record<string, Value>[] {
  const keys = [...new Set(data.map((r) => r.k))];
  return keys.map((k) => {
    const row: Record<string, Value> = { k };
    for (const p of values) {
      const rows = data.filter((r) => r.k === k && r.p === p);
      for (const [name, v] of Object.entries(cell(rows))) row[name.replace("$", String(p))] = rows.length ? v : null;
    }
    return row;
  });
}
const sumOf = (rows: R[]): bigint | null => {
  const vs = rows.flatMap((r) => (r.v === null ? [] : [r.v]));
  return vs.length ? BigInt(vs.reduce((a, b) => a + b, 0)) : null;
};

describe.each([1, 4])("pivot and unpivot with %i worker(s)", (workers) => {
  let session: Session;
  let df: DataFrame;
  beforeAll(() => {
    session = new Session({ workers, shufflePartitions: workers === 1 ? 1 : 3 });
    df = session.createDataFrame(data as unknown as Row[], { partitions: 4 });
  });
  afterAll(async () => {
    await session.stop();
  });

  it("pivot with given values: one column per value, null where a key lacks the value", async () => {
    const out = df.groupBy("k").pivot("p", [0, 1, 2]).agg(sum("v"));
    expect(out.columns).toEqual(["k", "0", "1", "2"]);
    expectSameRows(await out.collect(), pivotJs([0, 1, 2], (rows) => ({ $: sumOf(rows) })));
  });

  it("pivot with several aggregates names columns value_aggregate", async () => {
    const out = df.groupBy("k").pivot("p", [2, 0]).agg(sum("v").alias("s"), count("*").alias("n"));
    expect(out.columns).toEqual(["k", "2_s", "2_n", "0_s", "0_n"]);
    expectSameRows(await out.collect(), pivotJs([2, 0], (rows) => ({ $_s: sumOf(rows), $_n: BigInt(rows.length) })));
  });

  it("pivot without values runs a job for the sorted distinct values (null included)", async () => {
    const pivoted = await df.groupBy("k").pivot("p");
    expect(pivoted.values).toEqual([null, 0, 1, 2]);
    const out = pivoted.count();
    expect(out.columns).toEqual(["k", "null", "0", "1", "2"]);
    expectSameRows(await out.collect(), pivotJs([null, 0, 1, 2], (rows) => ({ $: BigInt(rows.length) })));
    const avgs = await (await df.groupBy("k").pivot("p")).agg(avg("w")).collect();
    expectSameRows(avgs, pivotJs([null, 0, 1, 2], (rows) => ({ $: rows.reduce((a, r) => a + r.w, 0) / rows.length })));
  });

  it("pivot errors", async () => {
    expect(() => df.groupBy("k").pivot("nope", [1]).agg(sum("v"))).toThrow(/"nope" does not exist/);
    expect(() => df.groupBy("k").pivot("p", []).agg(sum("v"))).toThrow(/at least one value/);
    await expect(df.groupBy("k").pivot("nope")).rejects.toThrow(AnalysisError);
  });

  it("unpivot / melt: one row per row and value column, values widened to a common type", async () => {
    const out = df.unpivot("k", ["v", "w"], "var", "val");
    expect(out.dtypes).toEqual([["k", "utf8"], ["var", "utf8"], ["val", "float64"]]);
    const expected = data.flatMap((r) => [{ k: r.k, var: "v", val: r.v }, { k: r.k, var: "w", val: r.w }]);
    expectSameRows(await out.collect(), expected);
    const all = await df.select("k", "p", "v").melt(["k"], null, "c", "x").collect();
    expectSameRows(all, data.flatMap((r) => [{ k: r.k, c: "p", x: r.p }, { k: r.k, c: "v", x: r.v }]));
    expect(await df.unpivot("k", ["v", "w"], "var", "val").explain()).toMatch(/Expand 2 projections \[k, var, val\]/);
  });

  it("unpivot errors", () => {
    expect(() => df.unpivot("k", ["v", "nope"], "a", "b")).toThrow(/"nope" does not exist in unpivot/);
    expect(() => df.withColumn("flag", df.col("v").isNull()).unpivot("k", ["v", "flag"], "a", "b")).toThrow(/common type/);
    expect(() => df.select("k").unpivot("k", null, "a", "b")).toThrow(/at least one value column/);
  });
});
