/**
 * Aggregations whose keys barely repeat: each partial aggregate gives up grouping after 2^17 rows
 * and passes rows on as states (see HashAggregator). The answers must not change — checked against
 * per-key values computed in plain JavaScript, with composite string keys (coded to ints first)
 * and two-input aggregates, on 1 and 4 workers.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Session, corr, count, first, sum, stddev, type Row } from "../../src/index.js";
import { close, corrOf, stddevSampOf } from "../helpers/stats.js";

const N = 300_000;
const rows = Array.from({ length: N }, (_, i) => ({
  a: `s${i % 7}`,
  b: i % 50_000, // with a: 350,000 combinations, so (a, b) repeats every 350,000 rows… once here
  c: i % 3 === 0 ? null : `t${i % 11}`,
  x: (i * 37) % 101,
  y: ((i * 13) % 97) / 3,
}));

describe.each([1, 4])("aggregation that does not reduce, %i worker(s)", (workers) => {
  const session = new Session({ workers });
  afterAll(async () => {
    await session.stop();
  });

  it("gives every group its count, sum, first, stddev and corr", async () => {
    const df = session.createDataFrame(rows, { partitions: 2 });
    const out = await df
      .groupBy("b", "c")
      .agg(count("*").alias("n"), sum("x").alias("s"), first("a").alias("f"), stddev("y").alias("sd"), corr("x", "y").alias("r"))
      .collect();
    const groups = new Map<string, (typeof rows)[number][]>();
    for (const r of rows) {
      const k = `${r.b}|${r.c}`;
      const g = groups.get(k);
      if (g) g.push(r);
      else groups.set(k, [r]);
    }
    expect(out.length).toBe(groups.size);
    for (const o of out as Row[]) {
      const g = groups.get(`${o.b}|${o.c}`);
      if (!g) throw new Error(`unexpected group ${o.b}|${o.c}`);
      expect(o.n).toBe(BigInt(g.length));
      expect(o.s).toBe(BigInt(g.reduce((t, r) => t + r.x, 0)));
      expect(o.f).toBe((g[0] as (typeof rows)[number]).a);
      expect(close(o.sd as number | null, stddevSampOf(g.map((r) => r.y)), 1e-9, 1e-12)).toBe(true);
      expect(close(o.r as number | null, corrOf(g.map((r) => [r.x, r.y] as const)), 1e-9, 1e-12)).toBe(true);
    }
  });
});
