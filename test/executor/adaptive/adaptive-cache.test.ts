/**
 * cache() and adaptive execution: a cache() stage keeps its planned partitions even though it
 * reads a shuffle (later jobs find its partitions by number), while the shuffles of later jobs
 * that read the cache are coalesced as usual — with the right rows, also when cached partitions
 * are lost and recomputed.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Session, count, desc, sum, type DataFrame } from "../../../src/index.js";
import type { FaultOptions } from "../../../executor/faults.js";
import type { JobMetrics, StageMetrics } from "../../../executor/scheduler.js";
import { expectRowsInOrder, expectSameRows } from "../../helpers/rows.js";
import { keyedRows } from "../../helpers/keyed-rows.js";

const PARTITIONS = 40;
const { rows, sumCountByK } = keyedRows(6000, 240);
const expected = sumCountByK.map(({ k, s, n }) => ({ k, t: s, n }));
const dim = Array.from({ length: 240 }, (_, i) => ({ k: i + 60, name: `n${i + 60}` }));
const nameOf = new Map(dim.map((d) => [d.k, d.name]));
const joined = expected.filter((r) => nameOf.has(r.k)).map((r) => ({ ...r, name: nameOf.get(r.k) as string }));
const sortedByT = [...expected].sort((a, b) => (a.t < b.t ? 1 : a.t > b.t ? -1 : 0));

const sessions: Session[] = [];
const session = (faults?: FaultOptions): Session => {
  const s = new Session({ workers: 2, shufflePartitions: PARTITIONS, advisoryPartitionSizeBytes: 64 * 1024, broadcastThreshold: 0, ...(faults ? { faults } : {}) });
  sessions.push(s);
  return s;
};
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.stop()));
});

/** The metrics of the cache() stage of `df`'s plan in job `m`. */
function cacheStage(s: Session, df: DataFrame, m: JobMetrics | null): StageMetrics {
  const id = s.plan(df.plan).graph.stages.find((st) => st.cacheId !== undefined)?.id;
  const st = m?.stages.find((x) => x.stageId === id);
  if (!st) throw new Error("no cache stage");
  return st;
}
const resultStage = (m: JobMetrics | null): StageMetrics | undefined => m?.stages[m.stages.length - 1];

describe("a cached aggregation with adaptive execution", () => {
  it("keeps its planned partitions, and later jobs read it right, coalescing their own shuffles", async () => {
    const s = session();
    const cached = s.createDataFrame(rows, { partitions: 4 }).groupBy("k").agg(sum("v").alias("t"), count("*").alias("n")).cache();
    const d = s.createDataFrame(dim, { partitions: 2 });

    // Job 0 materializes the cache: its stage reads a 40-partition shuffle and is not coalesced.
    expect(await cached.count()).toBe(240);
    let st = cacheStage(s, cached, s.lastJob());
    expect(st.coalesced).toBeUndefined();
    expect([st.partitions, st.tasksLaunched]).toEqual([PARTITIONS, PARTITIONS]);
    expect(s.storageStatus().cachedPartitions).toBe(PARTITIONS);

    // Job 1: served from the cache, all 40 partitions.
    expectSameRows(await cached.collect(), expected);
    st = cacheStage(s, cached, s.lastJob());
    expect([st.partitionsFromCache, st.tasksLaunched]).toEqual([PARTITIONS, 0]);

    // Job 2: a shuffled join of the cache: the join's shuffles are coalesced.
    const join = cached.join(d, "k");
    expectSameRows(await join.collect(), joined);
    expect(cacheStage(s, join, s.lastJob()).partitionsFromCache).toBe(PARTITIONS);
    const j = resultStage(s.lastJob());
    expect(j?.coalesced?.plannedPartitions).toBe(PARTITIONS);
    expect(j?.partitions).toBeLessThan(PARTITIONS);

    // Job 3: a sort of the cache (range exchange), coalesced, in order.
    const sorted = cached.orderBy(desc("t"));
    expectRowsInOrder(await sorted.collect(), sortedByT);
    expect(resultStage(s.lastJob())?.coalesced?.plannedPartitions).toBe(PARTITIONS);

    // Unpersisted and cached again: recomputed with the planned partitions again.
    cached.unpersist();
    const again = s.createDataFrame(rows, { partitions: 4 }).groupBy("k").agg(sum("v").alias("t"), count("*").alias("n")).cache();
    expectSameRows(await again.collect(), expected);
    st = cacheStage(s, again, s.lastJob());
    expect(st.coalesced).toBeUndefined();
    expect([st.partitions, st.tasksLaunched, st.partitionsFromCache]).toEqual([PARTITIONS, PARTITIONS, 0]);
  });

  it("recomputes lost cached partitions under their planned numbers while a later job coalesces", async () => {
    // Job 1: executor 1's blocks are dropped once the cache stage (stage 1) is loaded: its cached
    // partitions (the odd ones: task p runs on executor p mod 2 with faults on) go.
    const s = session({ loseOutputs: [{ afterStage: 1, worker: 1, job: 1 }] });
    const cached = s.createDataFrame(rows, { partitions: 4 }).groupBy("k").agg(sum("v").alias("t"), count("*").alias("n")).cache();
    const d = s.createDataFrame(dim, { partitions: 2 });
    expect(await cached.count()).toBe(240);

    const join = cached.join(d, "k");
    expect(s.plan(join.plan).graph.stages.find((st) => st.cacheId !== undefined)?.id).toBe(1);
    expectSameRows(await join.collect(), joined);
    const m = s.lastJob();
    const odd = Array.from({ length: PARTITIONS / 2 }, (_, i) => ({ stageId: 1, partition: 2 * i + 1 }));
    expect(m?.lostPartitions.filter((l) => l.stageId === 1).map((l) => ({ stageId: l.stageId, partition: l.partition }))).toEqual(odd);
    expect(m?.recomputedPartitions.filter((r) => r.stageId === 1)).toEqual(odd);
    const st = cacheStage(s, join, m);
    expect([st.partitions, st.tasksRecomputed]).toEqual([PARTITIONS, PARTITIONS / 2]);
    expect(resultStage(m)?.coalesced?.plannedPartitions).toBe(PARTITIONS);

    // The cache is whole again, and the next job reads it all from there.
    expect(s.storageStatus().cachedPartitions).toBe(PARTITIONS);
    expectSameRows(await cached.collect(), expected);
    expect(cacheStage(s, cached, s.lastJob()).partitionsFromCache).toBe(PARTITIONS);
  });
});
