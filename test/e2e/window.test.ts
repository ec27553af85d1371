/**
 * Window functions end to end, with 1 worker and with 4. Every expected value is computed by
 * brute force in the test (for each row, scan its whole partition), a different method from the
 * engine's sorted single pass. Ordering keys are unique where the function depends on the order
 * among ties (row_number, lag, lead, rows frames); tie-invariant functions (rank, dense_rank,
 * percent_rank, cume_dist, range frames) run over a key with many ties.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Session, Window, avg, col, count, cumeDist, denseRank, desc, firstValue, lag, lastValue, lead, max, min, nthValue, ntile,
  percentRank, rank, rowNumber, sum, type DataFrame, type Row, type Value,
} from "../../src/index.js";
import { planToString } from "../../planner/explain.js";
import { expectSameRows, rng } from "../helpers/rows.js";

interface R {
  id: number;
  k: string | null;
  t: number;
  g: number;
  v: number | null;
  w: number;
}

const rand = rng(5);
const data: R[] = Array.from({ length: 1500 }, (_, id) => ({
  id,
  k: rand() < 0.04 ? null : `k${Math.floor(rand() * 12)}`,
  t: (id * 7919) % 1500, // unique, not in id order
  g: Math.floor(rand() * 8),
  v: rand() < 0.15 ? null : Math.floor(rand() * 100) - 20,
  w: Math.round(rand() * 1e4) / 100,
}));

const partOf = (r: R): R[] => data.filter((x) => x.k === r.k);
const nonNull = (xs: R[]): number[] => xs.flatMap((x) => (x.v === null ? [] : [x.v]));
const sumOrNull = (xs: number[]): bigint | null => (xs.length ? BigInt(xs.reduce((a, b) => a + b, 0)) : null);
const byT = (xs: R[]): R[] => [...xs].sort((a, b) => a.t - b.t);

describe.each([1, 4])("window functions with %i worker(s)", (workers) => {
  let session: Session;
  let df: DataFrame;
  beforeAll(() => {
    session = new Session({ workers, shufflePartitions: workers === 1 ? 1 : 3 });
    df = session.createDataFrame(data as unknown as Row[], { partitions: 4 });
  });
  afterAll(async () => {
    await session.stop();
  });

  it("ranks: row_number (asc and desc), rank, dense_rank, percent_rank, cume_dist, ntile", async () => {
    const wt = Window.partitionBy("k").orderBy("t");
    const wg = Window.partitionBy("k").orderBy("g");
    const rows = await df
      .select(
        "id",
        rowNumber().over(wt).alias("rn"),
        rowNumber().over(Window.partitionBy("k").orderBy(desc("t"))).alias("rnd"),
        rank().over(wg).alias("rk"),
        denseRank().over(wg).alias("dr"),
        percentRank().over(wg).alias("pr"),
        cumeDist().over(wg).alias("cd"),
        ntile(3).over(wt).alias("nt"),
      )
      .collect();
    const expected = data.map((r) => {
      const p = partOf(r);
      const rk = 1 + p.filter((x) => x.g < r.g).length;
      const sorted = byT(p);
      const pos = sorted.indexOf(r);
      // ntile by walking bucket sizes: the first (size mod 3) buckets get one extra row.
      let bucket = 0;
      for (let b = 0, start = 0; b < 3; b++) {
        const size = Math.floor(p.length / 3) + (b < p.length % 3 ? 1 : 0);
        if (pos >= start && pos < start + size) bucket = b + 1;
        start += size;
      }
      return {
        id: r.id,
        rn: pos + 1,
        rnd: 1 + p.filter((x) => x.t > r.t).length,
        rk,
        dr: 1 + new Set(p.filter((x) => x.g < r.g).map((x) => x.g)).size,
        pr: p.length > 1 ? (rk - 1) / (p.length - 1) : 0,
        cd: p.filter((x) => x.g <= r.g).length / p.length,
        nt: bucket,
      };
    });
    expectSameRows(rows, expected);
  });

  it("offsets: lag with a null default, lead with a default, nth_value, first/last value ignoring nulls", async () => {
    const wt = Window.partitionBy("k").orderBy("t");
    const all = wt.rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing);
    const rows = await df
      .select(
        "id",
        lag("v", 2).over(wt).alias("lag2"),
        lead("v", 1, -1).over(wt).alias("lead1"),
        nthValue("w", 2).over(all).alias("second"),
        lastValue("v", true).over(wt).alias("lastSeen"),
        firstValue("v").over(all).alias("first"),
      )
      .collect();
    const expected = data.map((r) => {
      const s = byT(partOf(r));
      const i = s.indexOf(r);
      const seen = s.slice(0, i + 1).filter((x) => x.v !== null);
      return {
        id: r.id,
        lag2: i >= 2 ? (s[i - 2] as R).v : null,
        lead1: i + 1 < s.length ? (s[i + 1] as R).v : -1,
        second: s.length >= 2 ? (s[1] as R).w : null,
        lastSeen: seen.length ? (seen[seen.length - 1] as R).v : null,
        first: (s[0] as R).v,
      };
    });
    expectSameRows(rows, expected);
  });

  it("aggregates over frames: running, sliding rows, whole partition, range with ties and value offsets", async () => {
    const wt = Window.partitionBy("k").orderBy("t");
    const wg = Window.partitionBy("k").orderBy("g");
    const rows = await df
      .select(
        "id",
        sum("v").over(wt).alias("running"),
        avg("w").over(wt.rowsBetween(-2, 1)).alias("moving"),
        max("v").over(wt.rowsBetween(1, Window.unboundedFollowing)).alias("maxAfter"),
        min("w").over(Window.partitionBy("k")).alias("minAll"),
        count("v").over(wg).alias("upToG"),
        sum("v").over(wg.rangeBetween(-1, 1)).alias("near"),
        count("*").over(Window.orderBy(desc("g")).rangeBetween(0, 2)).alias("global"),
      )
      .collect();
    const expected = data.map((r) => {
      const p = partOf(r);
      const s = byT(p);
      const i = s.indexOf(r);
      const mov = s.slice(Math.max(0, i - 2), i + 2).map((x) => x.w);
      const after = nonNull(s.slice(i + 1));
      return {
        id: r.id,
        running: sumOrNull(nonNull(s.slice(0, i + 1))),
        moving: mov.reduce((a, b) => a + b, 0) / mov.length,
        maxAfter: after.length ? Math.max(...after) : null,
        minAll: Math.min(...p.map((x) => x.w)),
        upToG: BigInt(nonNull(p.filter((x) => x.g <= r.g)).length),
        near: sumOrNull(nonNull(p.filter((x) => Math.abs(x.g - r.g) <= 1))),
        // Descending order: "0 to 2 following" are the values g, g-1, g-2, over the whole table.
        global: BigInt(data.filter((x) => x.g <= r.g && x.g >= r.g - 2).length),
      };
    });
    expectSameRows(rows, expected);
  });

  it("keeps the largest two per group (db-benchmark q8), with the filter above the window", async () => {
    const w = Window.partitionBy("k").orderBy(desc("w"));
    const top = df.where(col("v").isNotNull()).select("k", "w", rowNumber().over(w).alias("r")).where(col("r").leq(2)).select("k", "w");
    const expected: Record<string, Value>[] = [];
    const keys = new Set(data.filter((r) => r.v !== null).map((r) => r.k));
    for (const k of keys) {
      const ws = data.filter((r) => r.k === k && r.v !== null).map((r) => r.w).sort((a, b) => b - a);
      for (const x of ws.slice(0, 2)) expected.push({ k, w: x });
    }
    expectSameRows(await top.collect(), expected);
    // Each task keeps its own top two per group before the shuffle (window_group_limit).
    const plan = await top.explain();
    expect(plan).toMatch(/groupLimit=2/);
    expect(plan).toMatch(/WindowGroupLimit partitionBy=\[#\d+\] limit=2/);
  });

  it("keeps the first rows per group by an int key with ties, and by a key with nulls", async () => {
    // g (int32, 8 values) ascending: the insertion path over key values; v (nulls) descending,
    // nulls last as Spark sorts them: the comparator path. Ties make the rows' ids ambiguous, so
    // the per-group multisets of keys are compared.
    const lowest3 = await df.select("k", "g", rowNumber().over(Window.partitionBy("k").orderBy("g")).alias("r")).where("r <= 3").select("k", "g").collect();
    const highest2 = await df.select("k", "v", rowNumber().over(Window.partitionBy("k").orderBy(desc("v"))).alias("r")).where("r <= 2").select("k", "v").collect();
    const wantLow: Record<string, Value>[] = [];
    const wantHigh: Record<string, Value>[] = [];
    for (const k of new Set(data.map((r) => r.k))) {
      const rs = data.filter((r) => r.k === k);
      for (const g of rs.map((r) => r.g).sort((a, b) => a - b).slice(0, 3)) wantLow.push({ k, g });
      const vs = rs.map((r) => r.v).sort((a, b) => (a === null ? 1 : b === null ? -1 : b - a));
      for (const v of vs.slice(0, 2)) wantHigh.push({ k, v: v === null ? null : v });
    }
    expectSameRows(lowest3, wantLow);
    expectSameRows(highest2, wantHigh);
  });

  it("limits groups early only when every window function is row_number", async () => {
    const w = Window.partitionBy("k").orderBy(desc("w"), "id");
    const first = await df.select("k", "id", rowNumber().over(w).alias("r")).where("r < 2").select("k", "id").collect();
    const best = new Map<string | null, R>();
    for (const r of data) {
      const b = best.get(r.k);
      if (!b || r.w > b.w || (r.w === b.w && r.id < b.id)) best.set(r.k, r);
    }
    expectSameRows(first, [...best.values()].map((r) => ({ k: r.k, id: r.id })));
    // A limit above the insertion path's (8): each task sorts instead.
    const ten = await df.select("k", "id", rowNumber().over(w).alias("r")).where("r <= 10").select("k", "id").collect();
    const tops: { k: string | null; id: number }[] = [];
    for (const k of new Set(data.map((r) => r.k))) {
      const rs = data.filter((r) => r.k === k).sort((a, b) => b.w - a.w || a.id - b.id);
      for (const r of rs.slice(0, 10)) tops.push({ k, id: r.id });
    }
    expectSameRows(ten, tops);
    // With count(*) over the same window, the rows past the limit still count: no early limit.
    const mixed = df.select("k", rowNumber().over(w).alias("r"), count("*").over(Window.partitionBy("k").orderBy(desc("w"), "id").rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)).alias("n")).where("r = 1");
    expect(await mixed.explain()).not.toMatch(/groupLimit/);
    const sizes = new Map<string | null, number>();
    for (const r of data) sizes.set(r.k, (sizes.get(r.k) ?? 0) + 1);
    expectSameRows(await mixed.collect(), [...sizes].map(([k, n]) => ({ k, r: 1, n: BigInt(n) })));
  });

  it("accepts SQL OVER clauses in expression strings", async () => {
    const rows = await df
      .selectExpr(
        "id",
        "row_number() OVER (PARTITION BY k ORDER BY t DESC) AS rn",
        "sum(v) OVER (PARTITION BY k ORDER BY t ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS pair",
      )
      .collect();
    const expected = data.map((r) => {
      const s = byT(partOf(r));
      const i = s.indexOf(r);
      return { id: r.id, rn: s.length - i, pair: sumOrNull(nonNull(s.slice(Math.max(0, i - 1), i + 1))) };
    });
    expectSameRows(rows, expected);
  });
});

describe("window functions: analysis", () => {
  const session = new Session({ workers: 1 });
  const df = session.createDataFrame([{ k: "a", t: 1, s: "x" }]);
  afterAll(async () => {
    await session.stop();
  });

  it("rejects what Spark rejects, naming the function and the fix", () => {
    expect(() => df.select(rowNumber())).toThrow(/row_number\(\) is a window function: it needs a window/);
    expect(() => df.select(rank().over(Window.partitionBy("k")))).toThrow(/needs an ordered window/);
    expect(() => df.select(sum("t").over(Window.orderBy("t").rowsBetween(2, 1)))).toThrow(/starts after it ends/);
    expect(() => df.select(sum("t").over(Window.orderBy("s").rangeBetween(-1, 1)))).toThrow(/one numeric or date ORDER BY key/);
    expect(() => df.select(ntile(0).over(Window.orderBy("t")))).toThrow(/positive whole number/);
    expect(() => df.groupBy("k").agg(rowNumber().over(Window.orderBy("t")))).toThrow(/cannot be mixed with aggregation/);
    expect(() => df.select(col("t").over(Window.orderBy("t")))).toThrow(/Only window functions and aggregates/);
    expect(() => df.select(rowNumber().over(Window.orderBy("nope")))).toThrow(/Column "nope" does not exist/);
  });

  it("plans one exchange and sort per window spec, pushes filters on partition keys below it and prunes unread windows", () => {
    const w = Window.partitionBy("k").orderBy("t");
    const q = df.select("k", "t", rowNumber().over(w).alias("r"), sum("t").over(w).alias("s")).where("k = 'a' AND r = 1").select("k", "r");
    const text = planToString(session.plan(q.plan).optimized);
    // r = 1 stays above the window; k = 'a' keeps or drops whole window partitions, so it goes below.
    expect(text).toMatch(/Filter \(row_number\(\)[^\n]*= 1\)\n\s*\+- Window \[row_number\(\)[^\]]*\] partitionBy=\[k\]/);
    expect(text).toMatch(/Window [^\n]*\n\s*\+- Filter \(k = 'a'\)/);
    // sum(t) is never read: pruned.
    expect(text).not.toContain("sum(t) OVER");
  });
});
