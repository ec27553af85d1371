/**
 * Where recovery stops, and what it leaves behind: retries bounded by maxTaskAttempts and
 * maxStageAttempts with the original error; a write whose worker is killed mid-write leaves
 * nothing at the target and reruns cleanly; seeded random failures are reproducible; round-robin
 * repartitioning recomputes the same rows into the same partitions.
 */
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session, count, sum, type SessionOptions } from "../../src/index.js";
import { expectRowsInOrder, expectSameRows } from "../helpers/rows.js";
import { keyedRows } from "../helpers/keyed-rows.js";

const { rows, sumCountByK: expected } = keyedRows(20_000, 40);

let dir: string;
const sessions: Session[] = [];
const session = (opts: SessionOptions): Session => {
  const s = new Session({ workers: 3, ...opts });
  sessions.push(s);
  return s;
};
const agg = (s: Session) => s.createDataFrame(rows, { partitions: 6 }).groupBy("k").agg(sum("v").alias("s"), count("*").alias("n"));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cinder-faults-"));
});
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.stop()));
  await rm(dir, { recursive: true, force: true });
});

describe("retry limits", () => {
  it("fails after maxTaskAttempts kills of one task, with the original error naming stage and partition", async () => {
    const s = session({ faults: { killWorker: [{ stage: 1, task: 2, times: 99 }] } });
    const err = await agg(s).collect().catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe("worker exited with code: 1 (stage 1, partition 2, after 4 attempts)");
    expect((err as Error).cause).toBeInstanceOf(Error);
    const m = s.lastJob();
    expect(m?.status).toBe("failed");
    expect(m?.error).toBe((err as Error).message);
    const stage1 = m?.stages.find((x) => x.stageId === 1);
    expect(stage1?.tasksFailed).toBe(4);
    expect(stage1?.tasks.filter((t) => t.partition === 2).map((t) => t.status)).toEqual(["failed", "failed", "failed", "failed"]);
    // The session is still usable: the killed workers were replaced.
    const again = session({});
    expectSameRows(await agg(again).collect(), expected);
    expect(s.storageStatus()).toMatchObject({ runningJobs: 0, jobOutputs: 0, workerThreads: 3 });
  });

  it("honours a lower maxTaskAttempts, and a task failure keeps the worker's stack", async () => {
    const s = session({ maxTaskAttempts: 2, faults: { failTaskProbability: 1 } });
    const err = (await agg(s).collect().catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/^Injected task failure \(faults\.failTaskProbability; stage 0, task \d, attempt 1\) \(stage 0, partition \d, after 2 attempts\)$/);
    // The stack comes from the worker thread that threw.
    expect(err.stack).toContain("act-out-fault");
    expect(s.lastJob()?.stages[0]?.tasksFailed).toBeGreaterThanOrEqual(2);
  });

  it("retries an ordinary failure (a malformed CSV under FAILFAST) and fails with its message", async () => {
    const path = join(dir, "bad.csv");
    await writeFile(path, "a,b\n1,2\n3,x\n");
    const s = session({ maxTaskAttempts: 3 });
    const df = s.read.csv(path, { header: true, schema: "a INT, b INT", mode: "FAILFAST" });
    const err = (await df.collect().catch((e: unknown) => e)) as Error;
    expect(err.message).toBe(`Malformed CSV record in ${path} line 3, column "b": cannot parse "x" as int32 (mode FAILFAST) (stage 0, partition 0, after 3 attempts)`);
    expect(s.lastJob()?.stages[0]?.tasksFailed).toBe(3);
  });

  it("fails after maxStageAttempts when a stage's outputs keep being lost", async () => {
    const s = session({ maxStageAttempts: 3, faults: { loseOutputs: [{ afterStage: 0, worker: 1, times: 99 }] } });
    const err = (await agg(s).collect().catch((e: unknown) => e)) as Error;
    expect(err.message).toBe("Stage 0 failed 3 times (maxStageAttempts 3): its inputs kept being lost; the last loss: stage 0, partition 4 (outputs dropped, executor 1)");
    const stage0 = s.lastJob()?.stages[0];
    expect(stage0?.attempts).toBe(3);
    // Each resubmission recomputed only executor 1's partitions (1 and 4), never the stage.
    expect(stage0?.tasksLaunched).toBe(6 + 2 * 2);
    expect(stage0?.tasksRecomputed).toBe(4);
  });

  it("rejects bad fault options with the field at fault", () => {
    expect(() => new Session({ workers: 2, faults: { failTaskProbability: 2 } })).toThrow("faults.failTaskProbability must be a number in [0, 1]; got 2.");
    expect(() => new Session({ workers: 2, faults: { loseOutputs: [{ afterStage: 0, worker: 2 }] } })).toThrow("faults.loseOutputs[0].worker must be an executor number below workers (2); got 2.");
    expect(() => new Session({ workers: 2, faults: { killWorker: [{ stage: 0, task: 0, how: "oom" }] } })).toThrow("needs the session option workerHeapMb");
    expect(() => new Session({ workers: 2, faults: { loseOutputs: [{ worker: 0 }] } })).toThrow("needs exactly one of afterStage and whileStage");
    expect(() => new Session({ maxTaskAttempts: 0 })).toThrow("maxTaskAttempts must be a whole number ≥ 1; got 0.");
  });
});

describe("random task failures", () => {
  it("are retried to the right answer, and the same seed fails the same attempts", async () => {
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const s = session({ faults: { seed: 1234, failTaskProbability: 0.3 } });
      expectSameRows(await agg(s).collect(), expected);
      const m = s.lastJob();
      runs.push(m?.stages.map((st) => st.tasks.map((t) => `${t.partition}/${t.attempt}/${t.status}`).sort()));
    }
    expect(runs[0]).toEqual(runs[1]);
    const failed = (runs[0] ?? []).flat().filter((t) => t.endsWith("/failed"));
    expect(failed.length).toBeGreaterThan(0);
    // A different seed fails different attempts.
    const other = session({ faults: { seed: 99, failTaskProbability: 0.3 } });
    expectSameRows(await agg(other).collect(), expected);
    expect(other.lastJob()?.stages.map((st) => st.tasks.map((t) => `${t.partition}/${t.attempt}/${t.status}`).sort())).not.toEqual(runs[0]);
  });
});

describe("concurrent jobs", () => {
  it("both recover when a worker dies under one of them (its blocks held outputs of both)", async () => {
    const s = session({ faults: { killWorker: [{ stage: 1, task: 1, job: 0 }] } });
    const b = s.createDataFrame(rows, { partitions: 6 });
    const [first, second] = await Promise.all([
      b.groupBy("k").agg(sum("v").alias("s"), count("*").alias("n")).collect(),
      b.groupBy("k").agg(sum("v").alias("s"), count("*").alias("n")).orderBy("k").collect(),
    ]);
    expectSameRows(first, expected);
    expectRowsInOrder(second, expected);
    expect(s.storageStatus()).toMatchObject({ runningJobs: 0, jobOutputs: 0, workerThreads: 3 });
  });
});

describe("round-robin repartition is deterministic", () => {
  it("recomputes the same rows into the same partitions after a loss", async () => {
    // Stage 0 deals rows round robin into 4 partitions; stage 1 returns them in partition order.
    const q = (s: Session) => s.createDataFrame(rows, { partitions: 6 }).repartition(4);
    const clean = await q(session({})).collect();
    expect(clean.length).toBe(rows.length);
    const s = session({ faults: { loseOutputs: [{ afterStage: 0, worker: 2 }] } });
    const faulty = await q(s).collect();
    expect(s.lastJob()?.recomputedPartitions).toEqual([
      { stageId: 0, partition: 2 },
      { stageId: 0, partition: 5 },
    ]);
    expectRowsInOrder(faulty, clean);
  });
});

describe("a write whose worker is killed", () => {
  it("leaves nothing at the target when every attempt dies, then a clean rerun writes it", async () => {
    const target = join(dir, "out-killed");
    const s = session({ faults: { killWorker: [{ stage: 1, task: 1, times: 99 }] } });
    const err = (await agg(s).write.parquet(target).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain("(stage 1, partition 1, after 4 attempts)");
    // Neither the target nor a staging folder beside it.
    expect((await readdir(dir)).filter((n) => n.includes("out-killed"))).toEqual([]);
    const clean = session({});
    await agg(clean).write.parquet(target);
    expectSameRows(await clean.read.parquet(target).collect(), expected);
    const files = (await readdir(target)).sort();
    expect(files.filter((f) => f.endsWith(".parquet")).length).toBe(3);
    expect(files).toContain("_SUCCESS");
  });

  it("commits only the successful attempt when one attempt dies mid-write", async () => {
    const target = join(dir, "out-retried");
    const s = session({ faults: { killWorker: [{ stage: 1, task: 0 }] } });
    await agg(s).write.partitionBy("k").csv(target);
    expect(s.lastJob()?.stages[1]?.tasksFailed).toBe(1);
    const back = await s.read.csv(target, { header: true, inferSchema: true }).collect();
    expectSameRows(
      back.map((r) => ({ k: r["k"] as number, s: BigInt(r["s"] as number), n: BigInt(r["n"] as number) })),
      expected,
    );
    // One file per (task, key): the killed attempt's files were never published.
    const dirs = (await readdir(target)).filter((n) => n.startsWith("k="));
    expect(dirs.length).toBe(40);
    for (const d of dirs) expect((await readdir(join(target, d))).length).toBe(1);
    expect((await readdir(target)).filter((n) => n.startsWith("_temporary"))).toEqual([]);
  });
});
