/**
 * Lineage recovery in stages adaptive execution coalesced. Each query runs once clean and then
 * once per injected fault — a worker killed while it runs a coalesced task (two ways) or a map
 * task, an executor's map outputs dropped once a map stage finished (before the coalescing
 * decision) or while the coalesced stage runs (after it) — in one session whose faults target one
 * job each. Every run must give the rows computed in plain JavaScript, recompute only what was
 * lost, and run the coalesced stage with the same grouping as the clean run: map outputs are
 * deterministic, and the decision is made once per job.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Session, count, desc, sum, type DataFrame, type Row, type Value } from "../../../src/index.js";
import type { FaultOptions } from "../../../executor/faults.js";
import type { JobMetrics } from "../../../executor/scheduler.js";
import type { StageGraph } from "../../../planner/physical-plan.js";
import { expectRowsInOrder, expectSameRows } from "../../helpers/rows.js";

const WORKERS = 3;
const options = { workers: WORKERS, shufflePartitions: 30, advisoryPartitionSizeBytes: 64 * 1024, broadcastThreshold: 0 };
const big = Array.from({ length: 6000 }, (_, i) => ({ k: i % 240, g: i % 7, v: i }));
const dim = Array.from({ length: 240 }, (_, i) => ({ k: i + 60, name: `n${i + 60}` }));
const nameOf = new Map(dim.map((d) => [d.k, d.name]));

const byK = new Map<number, { t: bigint; n: bigint }>();
for (const r of big) {
  const e = byK.get(r.k) ?? { t: 0n, n: 0n };
  e.t += BigInt(r.v);
  e.n += 1n;
  byK.set(r.k, e);
}
const gs = [...new Set(big.map((r) => r.g))];

interface Case {
  readonly name: string;
  readonly build: (b: DataFrame, d: DataFrame) => DataFrame;
  readonly expected: readonly Record<string, Value>[];
  readonly ordered?: boolean;
}

const cases: Case[] = [
  { name: "aggregation", build: (b) => b.groupBy("k").agg(sum("v").alias("t"), count("*").alias("n")), expected: [...byK].map(([k, e]) => ({ k, t: e.t, n: e.n })) },
  {
    name: "shuffled join",
    build: (b, d) => b.join(d, "k"),
    expected: big.filter((r) => nameOf.has(r.k)).map((r) => ({ ...r, name: nameOf.get(r.k) as string })),
  },
  { name: "sort", build: (b) => b.orderBy(desc("v")), expected: [...big].sort((x, y) => y.v - x.v), ordered: true },
  {
    name: "union of two aggregations",
    build: (b) => b.groupBy("k").count().union(b.groupBy("g").count()),
    expected: [...[...byK].map(([k, e]) => ({ k, count: e.n })), ...gs.map((g) => ({ k: g, count: BigInt(big.filter((r) => r.g === g).length) }))],
  },
];

interface Scenario {
  readonly label: string;
  readonly job: number;
  readonly kind: "kill" | "after" | "while";
  readonly stage: number;
}

/** One job per fault, the first after the clean job 0. */
function scenarios(g: StageGraph): { list: Scenario[]; faults: FaultOptions } {
  const list: Scenario[] = [];
  const killWorker: NonNullable<FaultOptions["killWorker"]>[number][] = [];
  const loseOutputs: NonNullable<FaultOptions["loseOutputs"]>[number][] = [];
  const result = g.resultStage;
  const parents = g.stages.find((s) => s.id === result)?.parents ?? [];
  let job = 1;
  killWorker.push({ stage: result, task: 0, how: "exit", job });
  list.push({ label: "kill (exit) the worker of coalesced task 0", job: job++, kind: "kill", stage: result });
  killWorker.push({ stage: result, task: 1, how: "throw", job });
  list.push({ label: "kill (throw) the worker of coalesced task 1", job: job++, kind: "kill", stage: result });
  killWorker.push({ stage: 0, task: 1, how: "exit", job });
  list.push({ label: "kill the worker of map stage 0 task 1", job: job++, kind: "kill", stage: 0 });
  for (const p of parents) {
    // An executor that ran one of its tasks (task i runs on executor i mod WORKERS).
    const worker = Math.min(1, (g.stages.find((s) => s.id === p)?.partitions ?? 1) - 1);
    loseOutputs.push({ afterStage: p, worker, job });
    list.push({ label: `lose executor ${worker}'s outputs after map stage ${p}, before coalescing`, job: job++, kind: "after", stage: p });
  }
  loseOutputs.push({ whileStage: result, worker: 0, job });
  list.push({ label: "lose executor 0's outputs while the coalesced stage runs", job: job++, kind: "while", stage: result });
  return { list, faults: { seed: 3, killWorker, loseOutputs } };
}

const key = (stageId: number, partition: number): string => `${stageId}:${partition}`;

function checkRecovery(sc: Scenario, g: StageGraph, m: JobMetrics, clean: JobMetrics): void {
  expect(m.status, sc.label).toBe("succeeded");
  const lost = new Set(m.lostPartitions.map((l) => key(l.stageId, l.partition)));
  const recomputed = m.recomputedPartitions.map((r) => key(r.stageId, r.partition));
  // Only lost partitions are recomputed; something was lost, except when the worker of the first
  // map task dies: it holds no outputs yet.
  for (const r of recomputed) expect(lost, sc.label).toContain(r);
  if (sc.kind !== "kill" || sc.stage === g.resultStage) expect(lost.size, sc.label).toBeGreaterThan(0);
  // The coalesced stage ran with the clean run's grouping.
  const result = m.stages.find((s) => s.stageId === g.resultStage);
  const cleanResult = clean.stages.find((s) => s.stageId === g.resultStage);
  expect(result?.coalesced, sc.label).toEqual(cleanResult?.coalesced);
  expect(result?.partitions, sc.label).toBe(cleanResult?.partitions);
  const stage = m.stages.find((s) => s.stageId === sc.stage);
  if (sc.kind === "kill") expect(stage?.tasksFailed, sc.label).toBe(1);
  if (sc.kind === "after") {
    // The map stage had finished; its partitions on that executor went and were recomputed
    // before the coalesced stage started.
    expect(stage?.attempts, sc.label).toBe(2);
    expect(recomputed.filter((r) => r.startsWith(`${sc.stage}:`)).length, sc.label).toBeGreaterThan(0);
  }
  if (sc.kind === "while") {
    expect(stage?.fetchFailures, sc.label).toBeGreaterThanOrEqual(1);
    expect(stage?.attempts, sc.label).toBe(2);
  }
}

describe.each(cases)("a coalesced $name under faults", (c) => {
  const sessions: Session[] = [];
  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.stop()));
  });
  const load = (s: Session): [DataFrame, DataFrame] => [s.createDataFrame(big, { partitions: 4 }), s.createDataFrame(dim, { partitions: 2 })];

  it("gives the fault-free rows, recomputes only what was lost, and keeps the grouping", async () => {
    const planning = new Session(options);
    sessions.push(planning);
    const graph = planning.plan(c.build(...load(planning)).plan).graph;
    const { list, faults } = scenarios(graph);

    const session = new Session({ ...options, faults });
    sessions.push(session);
    const df = c.build(...load(session));
    const check = (rows: Row[]): void => (c.ordered ? expectRowsInOrder(rows, c.expected) : expectSameRows(rows, c.expected));
    check(await df.collect());
    const clean = session.lastJob();
    if (!clean) throw new Error("no job");
    expect(clean.recomputedPartitions).toEqual([]);
    const cleanResult = clean.stages.find((s) => s.stageId === graph.resultStage);
    expect(cleanResult?.coalesced?.plannedPartitions).toBeGreaterThan(cleanResult?.partitions ?? Infinity);
    for (const sc of list) {
      const rows = await df.collect();
      const m = session.lastJob();
      if (!m) throw new Error("no job");
      expect(m.jobId, sc.label).toBe(sc.job);
      check(rows);
      checkRecovery(sc, graph, m, clean);
    }
    expect(session.storageStatus()).toMatchObject({ runningJobs: 0, jobOutputs: 0, workerThreads: WORKERS });
  });
});

describe("random task failures in coalesced stages", () => {
  it("retries them and gives the right rows", async () => {
    const s = new Session({ ...options, faults: { seed: 21, failTaskProbability: 0.25 }, maxTaskAttempts: 8 });
    try {
      const [b, d] = [s.createDataFrame(big, { partitions: 4 }), s.createDataFrame(dim, { partitions: 2 })];
      let failed = 0;
      for (const c of cases) {
        const rows = await c.build(b, d).collect();
        if (c.ordered) expectRowsInOrder(rows, c.expected);
        else expectSameRows(rows, c.expected);
        const m = s.lastJob();
        expect(m?.stages[m.stages.length - 1]?.coalesced, c.name).toBeDefined();
        for (const st of m?.stages ?? []) failed += st.tasksFailed;
      }
      expect(failed).toBeGreaterThan(0);
    } finally {
      await s.stop();
    }
  });
});
