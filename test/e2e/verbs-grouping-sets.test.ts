/**
 * rollup and cube with grouping() and groupingId(), end to end with 1 worker and with 4. The
 * expected rows enumerate the grouping sets by hand in plain JavaScript: for each set, group the
 * rows by the kept keys, null the others, and sum/count the real values.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalysisError, Session, col, count, expr, grouping, groupingId, sum, type DataFrame, type Row, type Value } from "../../src/index.js";
import { expectSameRows, rng } from "../helpers/rows.js";

interface R {
  a: string | null;
  b: number | null;
  v: number | null;
}

const rand = rng(3);
const data: R[] = Array.from({ length: 400 }, () => ({
  a: rand() < 0.1 ? null : `a${Math.floor(rand() * 3)}`,
  b: rand() < 0.1 ? null : Math.floor(rand() * 4),
  v: rand() < 0.2 ? null : Math.floor(rand() * 100),
}));

/** One output row per (set, group): kept keys from the rows, the others null. */
function bySets(sets: readonly (readonly ("a" | "b")[])[]): Record<string, Value>[] {
  const out: Record<string, Value>[] = [];
  for (const set of sets) {
    const groups = new Map<string, R[]>();
    for (const r of data) {
      const k = JSON.stringify(set.map((c) => r[c]));
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    for (const rows of groups.values()) {
      const first = rows[0] as R;
      const vs = rows.flatMap((r) => (r.v === null ? [] : [r.v]));
      const ga = set.includes("a") ? 0 : 1;
      const gb = set.includes("b") ? 0 : 1;
      out.push({
        a: set.includes("a") ? first.a : null,
        b: set.includes("b") ? first.b : null,
        s: vs.length ? BigInt(vs.reduce((x, y) => x + y, 0)) : null,
        n: BigInt(rows.length),
        ga,
        gb,
        gid: BigInt(ga * 2 + gb),
      });
    }
  }
  return out;
}

describe.each([1, 4])("rollup and cube with %i worker(s)", (workers) => {
  let session: Session;
  let df: DataFrame;
  beforeAll(() => {
    session = new Session({ workers, shufflePartitions: workers === 1 ? 1 : 3 });
    df = session.createDataFrame(data as unknown as Row[], { partitions: 4 });
  });
  afterAll(async () => {
    await session.stop();
  });

  const aggs = () => [sum("v").alias("s"), count("*").alias("n"), grouping("a").alias("ga"), grouping("b").alias("gb"), groupingId().alias("gid")];

  it("rollup(a, b) gives (a, b), (a) and the grand total", async () => {
    const out = df.rollup("a", "b").agg(...aggs());
    expect(out.columns).toEqual(["a", "b", "s", "n", "ga", "gb", "gid"]);
    expectSameRows(await out.collect(), bySets([["a", "b"], ["a"], []]));
  });

  it("cube(a, b) gives every subset", async () => {
    const rows = await df.cube("a", "b").agg(...aggs()).collect();
    expectSameRows(rows, bySets([["a", "b"], ["a"], ["b"], []]));
  });

  it("aggregates read the real key values; names default as Spark's", async () => {
    const out = df.cube(col("b")).agg(sum("b"), grouping("b"), groupingId());
    expect(out.columns).toEqual(["b", "sum(b)", "grouping(b)", "grouping_id()"]);
    const total = data.reduce((s, r) => s + (r.b ?? 0), 0);
    const rows = await out.where("`grouping(b)` = 1").collect();
    expect(rows).toEqual([{ b: null, "sum(b)": BigInt(total), "grouping(b)": 1, "grouping_id()": 1n }]);
    // The SQL names work through expr().
    const viaSql = await df.cube("b").agg(expr("grouping(b) AS g"), expr("grouping_id() AS id"), sum("b").alias("s")).where("g = 1").collect();
    expect(viaSql).toEqual([{ b: null, g: 1, id: 1n, s: BigInt(total) }]);
    const counts = await df.rollup("a").count().collect();
    expect(counts.length).toBe(new Set(data.map((r) => r.a)).size + 1);
  });

  it("EXPLAIN shows the Expand and the aggregate on keys + grouping id", async () => {
    const text = await df.rollup("a", "b").agg(sum("v")).explain();
    expect(text).toMatch(/Aggregate \[a, b, spark_grouping_id\] \[sum\(v\)\]\n\s+\+- Expand 3 projections \[v, a, b, spark_grouping_id\]/);
    expect(text).toMatch(/Expand 3 projections \[v, a, b, spark_grouping_id\]/);
    expect(text).toMatch(/HashAggregate\[partial\]: keys=\[a, b, spark_grouping_id\]/);
  });

  it("errors: grouping outside rollup/cube, of a non-key, non-grouped columns", () => {
    expect(() => df.groupBy("a").agg(grouping("a"))).toThrow(/grouping\(\) can only be used in rollup/);
    expect(() => df.select(groupingId())).toThrow(AnalysisError);
    expect(() => df.rollup("a").agg(grouping("b"))).toThrow(/grouping\(b\): not a grouping column/);
    expect(() => df.cube("a").agg(col("v"))).toThrow(/neither grouped nor aggregated/);
    expect(() => df.cube("nope")).not.toThrow();
    expect(() => df.cube("nope").count()).toThrow(/"nope" does not exist/);
  });
});
