/**
 * Adaptive execution end to end: queries over shuffles planned with many small partitions give
 * the rows computed independently in plain JavaScript, the same rows as with `adaptive: false`,
 * and — with adaptive execution on — run their reduce stage with fewer tasks than planned (job
 * metrics and explain("analyze") say so); with it off, with the planned count.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Session, Window, count, desc, rowNumber, sum, type DataFrame, type Row, type Value } from "../../../src/index.js";
import type { JobMetrics, StageMetrics } from "../../../executor/scheduler.js";
import { expectRowsInOrder, expectSameRows } from "../../helpers/rows.js";
import { sumCountBy } from "../../helpers/keyed-rows.js";

const N = 6000;
const big = Array.from({ length: N }, (_, i) => ({ k: i % 240, g: i % 7, v: i, s: `s${i % 13}` }));
// Keys 60…299: b's keys 0…59 find no match, dim's keys 240…299 neither.
const dim = Array.from({ length: 240 }, (_, i) => ({ k: i + 60, name: `n${i + 60}` }));
const nameOf = new Map(dim.map((d) => [d.k, d.name]));

const byK = sumCountBy(big, (r) => r.k);
const byG = sumCountBy(big, (r) => r.g);

const expected = {
  agg: [...byK].map(([k, e]) => ({ k, t: e.s, n: e.n })),
  join: big.filter((r) => nameOf.has(r.k)).map((r) => ({ ...r, name: nameOf.get(r.k) as string })),
  fullJoin: [
    ...big.map((r) => ({ ...r, name: nameOf.get(r.k) ?? null })),
    ...dim.filter((d) => !byK.has(d.k)).map((d) => ({ k: d.k, g: null, v: null, s: null, name: d.name })),
  ],
  union: [...[...byK].map(([k, e]) => ({ k, count: e.n })), ...[...byG].map(([g, e]) => ({ k: g, count: e.n }))],
  sort: [...big].sort((a, b) => b.v - a.v),
  distinct: [...new Set(big.map((r) => `${r.k}|${r.s}`))].map((x) => {
    const [k, s] = x.split("|");
    return { k: Number(k), s: s as string };
  }),
  // The row with the largest v of each k.
  window: [...byK.keys()].map((k) => {
    const top = big.filter((r) => r.k === k).reduce((a, b) => (b.v > a.v ? b : a));
    return { ...top, rn: 1 };
  }),
  // Sum per k joined to dim, then the joined sums re-aggregated by name length.
  aggJoinAgg: (() => {
    const m = new Map<number, bigint>();
    for (const [k, e] of byK) {
      const name = nameOf.get(k);
      if (name !== undefined) m.set(name.length, (m.get(name.length) ?? 0n) + e.s);
    }
    return [...m].map(([len, t]) => ({ len, t }));
  })(),
};

interface Case {
  readonly name: string;
  readonly build: (b: DataFrame, d: DataFrame) => DataFrame;
  readonly expected: readonly Record<string, Value>[];
  readonly ordered?: boolean;
  /** The result stage's planned partitions, for shufflePartitions p. */
  readonly planned: (p: number) => number;
}

const cases: Case[] = [
  { name: "groupBy/agg", build: (b) => b.groupBy("k").agg(sum("v").alias("t"), count("*").alias("n")), expected: expected.agg, planned: (p) => p },
  { name: "shuffled inner join", build: (b, d) => b.join(d, "k"), expected: expected.join, planned: (p) => p },
  { name: "shuffled full outer join", build: (b, d) => b.join(d, "k", "full"), expected: expected.fullJoin, planned: (p) => p },
  {
    name: "union of two aggregations",
    build: (b) => b.groupBy("k").count().union(b.groupBy("g").count()),
    expected: expected.union,
    planned: (p) => 2 * p,
  },
  { name: "orderBy (range exchange)", build: (b) => b.orderBy(desc("v")), expected: expected.sort, ordered: true, planned: (p) => p },
  { name: "distinct", build: (b) => b.select("k", "s").distinct(), expected: expected.distinct, planned: (p) => p },
  {
    name: "window",
    build: (b) => b.withColumn("rn", rowNumber().over(Window.partitionBy("k").orderBy(desc("v")))).where("rn = 1"),
    expected: expected.window,
    planned: (p) => p,
  },
  {
    name: "aggregation joined and re-aggregated",
    build: (b, d) =>
      b
        .groupBy("k")
        .agg(sum("v").alias("t"))
        .join(d, "k")
        .selectExpr("length(name) AS len", "t")
        .groupBy("len")
        .agg(sum("t").alias("t")),
    expected: expected.aggJoinAgg,
    planned: (p) => p,
  },
];

const resultStage = (m: JobMetrics | null): StageMetrics => {
  const st = m?.stages[m.stages.length - 1];
  if (!st) throw new Error("no job metrics");
  return st;
};

describe.each([
  { workers: 1, shufflePartitions: 50 },
  { workers: 3, shufflePartitions: 200 },
])("adaptive execution, $workers worker(s), shufflePartitions $shufflePartitions", ({ workers, shufflePartitions }) => {
  const base = { workers, shufflePartitions, advisoryPartitionSizeBytes: 64 * 1024, broadcastThreshold: 0 };
  let on: Session;
  let off: Session;
  beforeAll(() => {
    on = new Session(base);
    off = new Session({ ...base, adaptive: false });
  });
  afterAll(async () => {
    await Promise.all([on.stop(), off.stop()]);
  });
  const load = (s: Session): [DataFrame, DataFrame] => [s.createDataFrame(big, { partitions: 4 }), s.createDataFrame(dim, { partitions: 2 })];

  it.each(cases)("$name: the independently computed rows, the same as without, in fewer tasks", async (c) => {
    const check = (rows: Row[]): void => (c.ordered ? expectRowsInOrder(rows, c.expected) : expectSameRows(rows, c.expected));
    const planned = c.planned(shufflePartitions);

    const adaptiveRows = await c.build(...load(on)).collect();
    check(adaptiveRows);
    const coalesced = resultStage(on.lastJob());
    expect(coalesced.coalesced?.plannedPartitions).toBe(planned);
    expect(coalesced.partitions).toBeLessThan(planned);
    expect(coalesced.tasksLaunched).toBe(coalesced.partitions);
    // Every coalesced read went from its planned count to fewer, and its partitions hold its bytes.
    for (const r of coalesced.coalesced?.reads ?? []) {
      expect(r.to).toBeLessThan(r.from);
      expect(r.bytes).toHaveLength(r.to);
    }

    const plainRows = await c.build(...load(off)).collect();
    check(plainRows);
    const plain = resultStage(off.lastJob());
    expect(plain.coalesced).toBeUndefined();
    expect(plain.partitions).toBe(planned);
    expect(plain.tasksLaunched).toBe(planned);

    if (c.ordered) expectRowsInOrder(adaptiveRows, plainRows);
    else expectSameRows(adaptiveRows, plainRows);
  });

  it("explain('analyze') shows the coalesced read and the stage's task count as it ran", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const query = (s: Session): DataFrame => load(s)[0].groupBy("k").agg(sum("v").alias("t"));
      const text = await query(on).explain("analyze");
      const tasks = resultStage(on.lastJob()).partitions;
      expect(tasks).toBeLessThan(shufflePartitions);
      expect(text).toContain(`Exchange[shuffle] from stage 0 coalesced ${shufflePartitions} → ${tasks} partition`);
      expect(text).toMatch(new RegExp(`Stage 1: ${tasks} tasks? → result  \\[attempts=1 tasks=${tasks} `));
      const plainText = await query(off).explain("analyze");
      expect(plainText).not.toContain("coalesced");
      expect(plainText).toContain(`Stage 1: ${shufflePartitions} tasks → result`);
    } finally {
      log.mockRestore();
    }
  });

  it("keeps the count of repartition(n, col): the user chose it", async () => {
    const rows = await load(on)[0].repartition(50, "k").collect();
    expectSameRows(rows, big);
    const st = resultStage(on.lastJob());
    expect(st.coalesced).toBeUndefined();
    expect(st.partitions).toBe(50);
  });

  it("re-cuts a user's coalesce(n) from the coalesced count", async () => {
    const df = load(on)[0].groupBy("k").agg(sum("v").alias("t"), count("*").alias("n")).coalesce(shufflePartitions / 2);
    expectSameRows(await df.collect(), expected.agg);
    const st = resultStage(on.lastJob());
    expect(st.coalesced?.plannedPartitions).toBe(shufflePartitions / 2);
    expect(st.partitions).toBeLessThan(shufflePartitions / 2);
  });
});

describe("when adaptive execution leaves a shuffle as planned", () => {
  const sessions: Session[] = [];
  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.stop()));
  });

  it("does not coalesce shuffles planned with no more partitions than workers (the default count)", async () => {
    const s = new Session({ workers: 3, advisoryPartitionSizeBytes: 64 * 1024 });
    sessions.push(s);
    expect(s.shufflePartitions).toBe(3);
    expectSameRows(await s.createDataFrame(big, { partitions: 4 }).groupBy("k").agg(sum("v").alias("t"), count("*").alias("n")).collect(), expected.agg);
    const st = resultStage(s.lastJob());
    expect(st.coalesced).toBeUndefined();
    expect(st.partitions).toBe(3);
  });

  it("does not coalesce partitions already at the advisory size", async () => {
    // 6000 keys over 50 partitions against a 100-byte target: every partition is past it (and
    // none is empty, which would be merged into a neighbour rather than run as an empty task).
    const s = new Session({ workers: 2, shufflePartitions: 50, advisoryPartitionSizeBytes: 100 });
    sessions.push(s);
    expectSameRows(await s.createDataFrame(big, { partitions: 4 }).groupBy("v").count().collect(), big.map((r) => ({ v: r.v, count: 1n })));
    const st = resultStage(s.lastJob());
    expect(st.coalesced).toBeUndefined();
    expect(st.partitions).toBe(50);
  });

  it("checks the options", () => {
    expect(new Session({ workers: 1 }).adaptive).toBe(true);
    expect(new Session({ workers: 1 }).advisoryPartitionSizeBytes).toBe(64 * 2 ** 20);
    expect(() => new Session({ workers: 1, advisoryPartitionSizeBytes: 0 })).toThrow(/advisoryPartitionSizeBytes must be a whole number ≥ 1; got 0/);
    expect(() => new Session({ workers: 1, adaptive: "yes" as unknown as boolean })).toThrow(/adaptive must be true or false; got yes/);
  });
});

describe("adaptive execution over shuffles with no rows", () => {
  let s: Session;
  beforeAll(() => {
    s = new Session({ workers: 2, shufflePartitions: 40, advisoryPartitionSizeBytes: 64 * 1024, broadcastThreshold: 0 });
  });
  afterAll(async () => {
    await s.stop();
  });
  const none = (): DataFrame => s.createDataFrame(big, { partitions: 4 }).where("v < 0");

  it("runs one task for an all-empty shuffle (an aggregation, a sort)", async () => {
    for (const df of [none().groupBy("k").agg(sum("v").alias("t")), none().orderBy(desc("v"))]) {
      expect(await df.collect()).toEqual([]);
      const st = resultStage(s.lastJob());
      expect(st.coalesced?.plannedPartitions).toBe(40);
      expect([st.partitions, st.tasksLaunched]).toEqual([1, 1]);
    }
  });

  it("keeps the rows of the side that has them when the other side of a join is empty", async () => {
    const rows = await none().join(s.createDataFrame(dim, { partitions: 2 }), "k", "right").collect();
    expectSameRows(rows, dim.map((d) => ({ k: d.k, g: null, v: null, s: null, name: d.name })));
    const st = resultStage(s.lastJob());
    expect(st.coalesced?.plannedPartitions).toBe(40);
    expect(st.partitions).toBeLessThan(40);
  });
});
