/**
 * Lineage-based recovery under injected faults. Each multi-stage query runs once without faults
 * and then once per fault — a worker killed in each stage (three ways), an executor's outputs
 * dropped after each stage, and while each stage runs — all in one session whose faults target
 * one job each. Every run must give the rows computed independently in plain JavaScript, and
 * recompute exactly the partitions that were lost: with faults on, task p runs on executor
 * p mod 3, so the test knows which partitions an executor owned without asking the engine.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Session, type SessionOptions, count, desc, sum, type DataFrame, type Row, type Value } from "../../src/index.js";
import type { FaultOptions } from "../../executor/faults.js";
import type { JobMetrics } from "../../executor/scheduler.js";
import { stagesToString } from "../../planner/explain-physical.js";
import type { StageGraph } from "../../planner/physical-plan.js";
import { expectRowsInOrder, expectSameRows } from "../helpers/rows.js";
import { sumCountBy } from "../helpers/keyed-rows.js";

const WORKERS = 3;
const N = 30_000;
const big = Array.from({ length: N }, (_, i) => ({ k: i % 50, g: i % 7, v: i }));
const dim = Array.from({ length: 3000 }, (_, i) => ({ k: i, name: `n${i}` }));

const byK = sumCountBy(big, (r) => r.k);
const byG = sumCountBy(big, (r) => r.g);
const aggRows = [...byK].map(([k, e]) => ({ k, s: e.s, n: e.n }));
const joinRows = big.filter((r) => r.k < dim.length).map((r) => ({ k: r.k, g: r.g, v: r.v, name: `n${r.k}` }));
const sortRows = [...big].sort((a, b) => b.v - a.v);
const distinctRows = [...new Set(big.map((r) => `${r.k}|${r.g}`))].map((s) => {
  const [k, g] = s.split("|").map(Number);
  return { k: k as number, g: g as number };
});
const unionRows = [...[...byK].map(([key, e]) => ({ key, count: e.n })), ...[...byG].map(([key, e]) => ({ key, count: e.n }))];

interface Case {
  readonly name: string;
  readonly options?: SessionOptions;
  /** Builds the query; may run jobs first (a checkpoint) and says how many. */
  readonly build: (s: Session) => Promise<{ df: DataFrame; jobsBefore: number }>;
  readonly expected: readonly Record<string, Value>[];
  readonly ordered?: boolean;
  /**
   * Each task of the result stage reads only one of its parents (a union): a fault during that
   * stage can hit while another parent is still running, so only the part of the executor's
   * share that had finished is lost — a subset, decided by timing.
   */
  readonly partialReads?: boolean;
}

const load = (s: Session): { b: DataFrame; d: DataFrame } => ({
  b: s.createDataFrame(big, { partitions: 6 }),
  d: s.createDataFrame(dim, { partitions: 3 }),
});

const cases: Case[] = [
  {
    name: "aggregation",
    build: async (s) => ({ df: load(s).b.groupBy("k").agg(sum("v").alias("s"), count("*").alias("n")), jobsBefore: 0 }),
    expected: aggRows,
  },
  {
    name: "shuffled join",
    options: { broadcastThreshold: 0 },
    build: async (s) => {
      const { b, d } = load(s);
      return { df: b.join(d, "k"), jobsBefore: 0 };
    },
    expected: joinRows,
  },
  {
    name: "broadcast join",
    build: async (s) => {
      const { b, d } = load(s);
      return { df: b.join(d, "k"), jobsBefore: 0 };
    },
    expected: joinRows,
  },
  {
    name: "sort",
    build: async (s) => ({ df: load(s).b.orderBy(desc("v")), jobsBefore: 0 }),
    expected: sortRows,
    ordered: true,
  },
  {
    name: "distinct",
    build: async (s) => ({ df: load(s).b.select("k", "g").distinct(), jobsBefore: 0 }),
    expected: distinctRows,
  },
  {
    name: "union of two aggregations",
    build: async (s) => {
      const { b } = load(s);
      const byKey = b.groupBy("k").count().withColumnRenamed("k", "key");
      const byGroup = b.groupBy("g").count().withColumnRenamed("g", "key");
      return { df: byKey.union(byGroup), jobsBefore: 0 };
    },
    expected: unionRows,
    partialReads: true,
  },
  {
    name: "a checkpointed aggregation, joined and re-aggregated",
    options: { broadcastThreshold: 0 },
    build: async (s) => {
      const { b, d } = load(s);
      const cp = await b.groupBy("k").agg(sum("v").alias("s"), count("*").alias("n")).checkpoint();
      return { df: cp.join(d, "k").groupBy("k").agg(sum("s").alias("s"), sum("n").alias("n")), jobsBefore: 1 };
    },
    expected: aggRows,
  },
];

interface Scenario {
  readonly label: string;
  readonly job: number;
  readonly kind: "kill" | "after" | "while";
  readonly stage: number;
  /** The executor whose blocks go (the killed worker's, or the one whose outputs are dropped). */
  readonly executor: number;
}

const HOWS = ["exit", "throw", "oom"] as const;

/** One scenario per stage and fault kind, each in its own job. */
function scenarios(g: StageGraph, firstJob: number): { list: Scenario[]; faults: FaultOptions } {
  const list: Scenario[] = [];
  const killWorker: NonNullable<FaultOptions["killWorker"]>[number][] = [];
  const loseOutputs: NonNullable<FaultOptions["loseOutputs"]>[number][] = [];
  let job = firstJob;
  for (const s of g.stages) {
    const task = Math.min(1, s.partitions - 1);
    const how = HOWS[s.id % HOWS.length] as (typeof HOWS)[number];
    killWorker.push({ stage: s.id, task, how, job });
    list.push({ label: `kill (${how}) the worker of stage ${s.id} task ${task}`, job: job++, kind: "kill", stage: s.id, executor: task % WORKERS });
    if (s.id !== g.resultStage) {
      const worker = (s.id + 1) % Math.min(WORKERS, s.partitions);
      loseOutputs.push({ afterStage: s.id, worker, job });
      list.push({ label: `lose executor ${worker}'s outputs after stage ${s.id}`, job: job++, kind: "after", stage: s.id, executor: worker });
    }
    if (s.parents.length > 0) {
      loseOutputs.push({ whileStage: s.id, worker: 0, job });
      list.push({ label: `lose executor 0's outputs while stage ${s.id} runs`, job: job++, kind: "while", stage: s.id, executor: 0 });
    }
  }
  return { list, faults: { seed: 7, killWorker, loseOutputs } };
}

const key = (stageId: number, partition: number): string => `${stageId}:${partition}`;
const ownedBy = (stageId: number, partitions: number, executor: number): string[] =>
  Array.from({ length: partitions }, (_, p) => p)
    .filter((p) => p % WORKERS === executor)
    .map((p) => key(stageId, p));
const inStage = (keys: Iterable<string>, stageId: number): string[] => [...keys].filter((k) => k.startsWith(`${stageId}:`)).sort();

/** The checks every faulty run must pass, beyond the rows. */
function checkRecovery(sc: Scenario, g: StageGraph, m: JobMetrics, partialReads: boolean): void {
  expect(m.status).toBe("succeeded");
  const lost = new Set(m.lostPartitions.map((l) => key(l.stageId, l.partition)));
  const recomputed = new Set(m.recomputedPartitions.map((r) => key(r.stageId, r.partition)));
  // Only lost partitions are recomputed, and each lost one that was still needed is: here every
  // lost output is needed, since the stages reading it had not finished.
  expect([...recomputed].sort()).toEqual([...lost].sort());
  // Everything lost was owned by the executor the fault hit.
  for (const l of m.lostPartitions) expect(l.partition % WORKERS).toBe(sc.executor);
  for (const st of m.stages) expect(st.tasksRecomputed).toBe(inStage(recomputed, st.stageId).length);
  const stage = g.stages[sc.stage];
  if (!stage) throw new Error("no stage");
  const metrics = m.stages.find((s) => s.stageId === sc.stage);
  if (sc.kind === "after") {
    // The stage had finished: exactly its partitions on that executor are recomputed — not zero,
    // not the whole stage.
    expect(inStage(recomputed, sc.stage)).toEqual(ownedBy(sc.stage, stage.partitions, sc.executor).sort());
    expect(metrics?.attempts).toBe(2);
  } else {
    // The stage's parents had all finished; the executor's share of each is gone and recomputed.
    // (With partial reads, only what had finished of that share: a non-empty part of it.)
    for (const parent of stage.parents) {
      const p = g.stages[parent];
      if (!p) continue;
      const share = ownedBy(parent, p.partitions, sc.executor).sort();
      if (partialReads) for (const k of inStage(recomputed, parent)) expect(share, sc.label).toContain(k);
      else expect(inStage(recomputed, parent), sc.label).toEqual(share);
    }
    if (partialReads && stage.parents.length > 0) expect(recomputed.size, sc.label).toBeGreaterThan(0);
    if (sc.kind === "kill") expect(metrics?.tasksFailed).toBe(1);
    if (sc.kind === "while") {
      expect(metrics?.fetchFailures).toBeGreaterThanOrEqual(1);
      expect(metrics?.attempts).toBe(2);
    }
  }
}

describe.each(cases)("under faults: $name", (c) => {
  const sessions: Session[] = [];
  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.stop()));
  });

  it("gives the fault-free rows and recomputes exactly what was lost, for every fault at every stage", async () => {
    // The stage graph, planned (and, for a checkpoint, prepared) in a session without faults.
    const planning = new Session({ workers: WORKERS, ...c.options });
    sessions.push(planning);
    const planned = await c.build(planning);
    const graph = planning.plan(planned.df.plan).graph;
    // A checkpointed query's lineage stops at the checkpoint files: the original rows are no leaf.
    if (c.name.startsWith("a checkpointed")) {
      expect(stagesToString(graph)).toContain("Checkpoint read=");
      expect(stagesToString(graph)).not.toMatch(/LocalData \[[^\]]*\bv\b/);
    }
    const { list, faults } = scenarios(graph, planned.jobsBefore + 1);
    expect(list.length).toBeGreaterThanOrEqual(3);

    const session = new Session({ workers: WORKERS, workerHeapMb: 256, faults, ...c.options });
    sessions.push(session);
    const { df } = await c.build(session);
    const check = (rows: Row[]): void => (c.ordered ? expectRowsInOrder(rows, c.expected) : expectSameRows(rows, c.expected));
    const clean = await df.collect();
    check(clean);
    expect(session.lastJob()?.recomputedPartitions).toEqual([]);
    for (const sc of list) {
      const rows = await df.collect();
      const m = session.lastJob();
      if (!m) throw new Error("no job");
      expect(m.jobId, sc.label).toBe(sc.job);
      check(rows);
      expect(rows).toEqual(clean);
      checkRecovery(sc, graph, m, c.partialReads === true);
    }
    expect(session.storageStatus()).toMatchObject({ runningJobs: 0, jobOutputs: 0, workerThreads: WORKERS });
  });
});
