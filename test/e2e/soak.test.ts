/**
 * Soak: 200 jobs in a row in one session, each with a random fault (seeded): a worker killed in a
 * random stage and task (three ways), an executor's outputs dropped after or during a random
 * stage, or none — plus a 2% chance of any task attempt failing. Every answer must be right, and
 * at the end nothing may be left over: no running job, no job outputs, no extra worker threads,
 * no staging or attempt folders, no memory growth beyond noise (printed).
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Session, count, desc, sum, type DataFrame, type Row, type Value } from "../../src/index.js";
import type { FaultOptions, KillWorkerFault, LoseOutputsFault } from "../../executor/faults.js";
import type { StageGraph } from "../../planner/physical-plan.js";
import { keyedRows } from "../helpers/keyed-rows.js";
import { expectRowsInOrder, expectSameRows, rng } from "../helpers/rows.js";

const RUNS = 200;
const WORKERS = 3;
const { rows: big, sumCountByK: aggRows } = keyedRows(12_000, 30);
const dim = Array.from({ length: 2400 }, (_, i) => ({ k: i, name: `n${i}` }));

interface Query {
  readonly name: string;
  readonly df: (s: Session) => DataFrame;
  readonly expected: readonly Record<string, Value>[];
  readonly ordered?: boolean;
  /** Writes instead of collecting (the rows are read back). */
  readonly write?: boolean;
}

let dir: string;
let session: Session;
const memo = new Map<Session, { b: DataFrame; d: DataFrame; cached: DataFrame }>();
const data = (s: Session) => {
  let m = memo.get(s);
  if (!m) {
    const b = s.createDataFrame(big, { partitions: 6 });
    const cached = b.groupBy("k").agg(sum("v").alias("s"), count("*").alias("n")).cache();
    memo.set(s, (m = { b, d: s.createDataFrame(dim, { partitions: 3 }), cached }));
  }
  return m;
};

const queries: Query[] = [
  { name: "aggregation", df: (s) => data(s).b.groupBy("k").agg(sum("v").alias("s"), count("*").alias("n")), expected: aggRows },
  {
    name: "broadcast join",
    df: (s) => data(s).b.join(data(s).d, "k").groupBy("name").count(),
    expected: Array.from({ length: 30 }, (_, k) => ({ name: `n${k}`, count: 400n })),
  },
  { name: "sort", df: (s) => data(s).b.orderBy(desc("v")).limit(50), expected: [...big].reverse().slice(0, 50), ordered: true },
  { name: "distinct", df: (s) => data(s).b.select("k").distinct(), expected: Array.from({ length: 30 }, (_, k) => ({ k })) },
  { name: "cached", df: (s) => data(s).cached.where("k >= 0"), expected: aggRows },
  { name: "write", df: (s) => data(s).b.groupBy("k").agg(sum("v").alias("s"), count("*").alias("n")), expected: aggRows, write: true },
];

function gc(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

interface Plan {
  readonly query: Query;
  /** The session's job number for this run (a write's read-back is the next one). */
  readonly job: number;
  readonly label: string;
}

/** Draws each run's query and fault from a seeded generator, against the queries' stage graphs. */
function drawJobs(graphs: Map<string, StageGraph>): { plans: Plan[]; faults: FaultOptions } {
  const rand = rng(2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const killWorker: KillWorkerFault[] = [];
  const loseOutputs: LoseOutputsFault[] = [];
  const plans: Plan[] = [];
  let job = 0;
  for (let run = 0; run < RUNS; run++) {
    const query = queries[run % queries.length] as Query;
    const g = graphs.get(query.name) as StageGraph;
    const kind = pick(["none", "kill", "kill", "after", "while"] as const);
    let label = "none";
    if (kind === "kill") {
      const st = pick(g.stages);
      const how = pick(["exit", "throw", "oom"] as const);
      const task = Math.floor(rand() * st.partitions);
      killWorker.push({ stage: st.id, task, how, job });
      label = `kill ${how} stage ${st.id} task ${task}`;
    } else if (kind === "after" || kind === "while") {
      const candidates = g.stages.filter((s) => (kind === "after" ? s.id !== g.resultStage : s.parents.length > 0));
      if (candidates.length > 0) {
        const st = pick(candidates);
        const worker = Math.floor(rand() * WORKERS);
        loseOutputs.push(kind === "after" ? { afterStage: st.id, worker, job } : { whileStage: st.id, worker, job });
        label = `lose ${kind} stage ${st.id} executor ${worker}`;
      }
    }
    plans.push({ query, job, label });
    job += query.write ? 2 : 1;
  }
  return { plans, faults: { seed: 5, failTaskProbability: 0.02, killWorker, loseOutputs } };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cinder-soak-"));
});
afterAll(async () => {
  await session?.stop();
  await rm(dir, { recursive: true, force: true });
});

it(`runs ${RUNS} jobs with random faults, all correct, leaving nothing behind`, { timeout: 300_000 }, async () => {
  const planning = new Session({ workers: WORKERS });
  const graphs = new Map(queries.map((q) => [q.name, planning.plan(q.df(planning).plan, q.write ? { kind: "write", format: "parquet", partitionBy: [], options: {} } : undefined).graph]));
  const { plans, faults } = drawJobs(graphs);
  session = new Session({ workers: WORKERS, workerHeapMb: 256, faults });
  const target = join(dir, "out");
  const memory: { job: number; heapUsed: number; arrayBuffers: number; rss: number }[] = [];
  const counts = { recomputed: 0, failedTasks: 0, lost: 0 };
  const tally = (): void => {
    const m = session.lastJob();
    if (!m) return;
    counts.recomputed += m.recomputedPartitions.length;
    counts.lost += m.lostPartitions.length;
    counts.failedTasks += m.stages.reduce((n, s) => n + s.tasksFailed, 0);
  };
  for (const [i, { query, job, label }] of plans.entries()) {
    const what = `run ${i}, job ${job} (${query.name}, ${label})`;
    let rows: Row[];
    if (query.write) {
      await query.df(session).write.mode("overwrite").parquet(target);
      expect(session.lastJob()?.jobId, what).toBe(job);
      tally();
      rows = await session.read.parquet(target).collect();
    } else {
      rows = await query.df(session).collect();
      expect(session.lastJob()?.jobId, what).toBe(job);
      tally();
    }
    if (query.ordered) expectRowsInOrder(rows, query.expected);
    else expectSameRows(rows, query.expected);
    expect(session.storageStatus().runningJobs, what).toBe(0);
    if (i + 1 === 20 || i + 1 === RUNS) {
      gc();
      const u = process.memoryUsage();
      memory.push({ job: i + 1, heapUsed: u.heapUsed, arrayBuffers: u.arrayBuffers, rss: u.rss });
    }
  }
  const st = session.storageStatus();
  expect(st).toMatchObject({ runningJobs: 0, jobOutputs: 0, workerThreads: WORKERS });
  expect(st.cachedPartitions).toBeLessThanOrEqual(WORKERS);
  // No staging folders beside the target, no task attempt folders inside it.
  expect(await readdir(dir)).toEqual(["out"]);
  expect((await readdir(target)).filter((n) => !n.endsWith(".parquet") && n !== "_SUCCESS")).toEqual([]);
  const [first, last] = [memory[0], memory[memory.length - 1]];
  if (!first || !last) throw new Error("no memory figures");
  const mb = (n: number): string => (n / 2 ** 20).toFixed(1);
  console.log(
    `soak: ${RUNS} runs; ${counts.lost} partitions lost, ${counts.recomputed} recomputed, ${counts.failedTasks} task attempts failed; ` +
      `main thread after run ${first.job} → ${last.job}: heap ${mb(first.heapUsed)} → ${mb(last.heapUsed)} MB, ` +
      `array buffers ${mb(first.arrayBuffers)} → ${mb(last.arrayBuffers)} MB, rss ${mb(first.rss)} → ${mb(last.rss)} MB`,
  );
  expect(counts.lost).toBeGreaterThan(50);
  expect(counts.recomputed).toBeGreaterThan(50);
  // Growth beyond noise would be a leak of blocks (array buffers) or of job state (heap).
  expect(last.arrayBuffers - first.arrayBuffers).toBeLessThan(32 * 2 ** 20);
  expect(last.heapUsed - first.heapUsed).toBeLessThan(32 * 2 ** 20);
});
