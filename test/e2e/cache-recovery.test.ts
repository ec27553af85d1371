/**
 * Cached partitions are blocks like any other: lost with their executor, evicted beyond the
 * memory budget (least recently used first) — and then recomputed from lineage the next time a
 * job needs them, only them, never with an error or a wrong answer.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Session, count, sum, type SessionOptions } from "../../src/index.js";
import { expectSameRows } from "../helpers/rows.js";
import { keyedRows } from "../helpers/keyed-rows.js";

const { rows, sumCountByK: expected } = keyedRows(20_000, 40);

const sessions: Session[] = [];
const session = (opts: SessionOptions): Session => {
  const s = new Session({ workers: 3, ...opts });
  sessions.push(s);
  return s;
};
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.stop()));
});

describe("a cached aggregation under faults", () => {
  // Jobs: 0 materializes the cache; in 1, executor 1's blocks are dropped once the cache stage
  // (stage 1) is loaded; 2 runs clean; in 3, the worker running stage 2 task 0 is killed.
  const faults = {
    loseOutputs: [{ afterStage: 1, worker: 1, job: 1 }],
    killWorker: [{ stage: 2, task: 0, job: 3 }],
  };

  it("recomputes only the cached partitions that were lost, and the cache is whole again", async () => {
    const s = session({ faults });
    const cached = s.createDataFrame(rows, { partitions: 6 }).groupBy("k").agg(sum("v").alias("s"), count("*").alias("n")).cache();
    expect(await cached.count()).toBe(40);
    expect(s.storageStatus().cachedPartitions).toBe(3);

    // Job 1: partition 1 of the cache (computed on executor 1) is dropped and recomputed — its
    // parent stage runs again in full (its shuffle outputs ended with job 0), the cache stage
    // recomputes one partition and takes the other two from the cache.
    expectSameRows(await cached.collect(), expected);
    let m = s.lastJob();
    expect(m?.lostPartitions).toEqual([{ stageId: 1, partition: 1, executor: 1, reason: "outputs dropped" }]);
    expect(m?.recomputedPartitions).toEqual([{ stageId: 1, partition: 1 }]);
    expect(m?.stages.map((st) => [st.tasksLaunched, st.tasksRecomputed, st.partitionsFromCache])).toEqual([
      [6, 0, 0],
      [1, 1, 2],
      [3, 0, 0],
    ]);

    // Job 2: served from the cache alone.
    expectSameRows(await cached.collect(), expected);
    m = s.lastJob();
    expect(m?.stages.map((st) => st.tasksLaunched)).toEqual([0, 0, 3]);
    expect(m?.stages[1]?.cached).toBe(true);

    // Job 3: the worker of executor 0 dies running stage 2 task 0: cached partition 0 (its own)
    // dies with it and is recomputed for the retry.
    expectSameRows(await cached.collect(), expected);
    m = s.lastJob();
    expect(m?.lostPartitions).toEqual([{ stageId: 1, partition: 0, executor: 0, reason: "executor lost" }]);
    expect(m?.recomputedPartitions).toEqual([{ stageId: 1, partition: 0 }]);
    expect(m?.stages[2]?.tasksFailed).toBe(1);
    expect(s.storageStatus()).toMatchObject({ cachedPartitions: 3, runningJobs: 0, jobOutputs: 0, workerThreads: 3 });
  });
});

describe("the cache memory budget", () => {
  const cacheOf = (s: Session, offset: number) =>
    s
      .createDataFrame(rows.map((r) => ({ k: r.k, v: r.v + offset })), { partitions: 6 })
      .where("v >= 0")
      .cache();

  it("evicts the least recently used partitions of other cached DataFrames and recomputes them when needed", async () => {
    const probe = session({});
    await cacheOf(probe, 0).count();
    const oneCache = probe.storageStatus().cachedBytes;
    expect(oneCache).toBeGreaterThan(0);

    // Room for one cached DataFrame and a half: caching the second evicts half of the first.
    const s = session({ memoryBudgetBytes: Math.floor(oneCache * 1.6) });
    const a = cacheOf(s, 0);
    const b = cacheOf(s, 1_000_000);
    expect(await a.count()).toBe(rows.length);
    expect(await b.count()).toBe(rows.length);
    let st = s.storageStatus();
    expect(st.evictions).toBe(3);
    expect(st.cachedPartitions).toBe(9);
    expect(st.cachedBytes).toBeLessThanOrEqual(st.memoryBudgetBytes);

    // Reading `a` again: three partitions from the cache, the three evicted ones recomputed.
    const back = await a.where("k = 7").agg(sum("v").alias("s")).collect();
    expect(back).toEqual([{ s: expected[7]?.s ?? 0n }]);
    const cacheStage = s.lastJob()?.stages.find((x) => x.partitionsFromCache > 0 || x.tasksRecomputed > 0);
    expect(cacheStage?.partitionsFromCache).toBe(3);
    expect(cacheStage?.tasksRecomputed).toBe(3);
    st = s.storageStatus();
    expect(st.cachedBytes).toBeLessThanOrEqual(st.memoryBudgetBytes);
  });

  it("keeps nothing when nothing fits, and still answers right", async () => {
    const s = session({ memoryBudgetBytes: 16 });
    const a = cacheOf(s, 0);
    expect(await a.count()).toBe(rows.length);
    expect(await a.count()).toBe(rows.length);
    expect(s.storageStatus()).toMatchObject({ cachedPartitions: 0, cachedBytes: 0 });
  });
});
