/**
 * Checkpoints end to end, with 1 worker and with 4: a DataFrame's partitions written as Arrow IPC
 * files and read back by a leaf that cuts the lineage. Expected answers are computed in plain
 * JavaScript over the same rows.
 */
import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateDay, Int32, Int64, Table, TimestampMicrosecond, makeData, makeVector, vectorFromArray } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Session, col, count, sum, type DataFrame, type Row } from "../../src/index.js";
import { checkpointDataFrame } from "../../src/checkpoint.js";
import type { LogicalPlan } from "../../planner/logical-plan.js";
import { expectSameRows, rng } from "../helpers/rows.js";

interface Emp {
  id: number;
  dept: string | null;
  age: number | null;
  salary: number;
}

const DEPTS = ["eng", "ops", "sales", "hr"];
const rand = rng(7);
const emps: Emp[] = Array.from({ length: 3000 }, (_, id) => ({
  id,
  dept: rand() < 0.05 ? null : (DEPTS[Math.floor(rand() * DEPTS.length)] as string),
  age: rand() < 0.1 ? null : 20 + Math.floor(rand() * 45),
  salary: Math.round(rand() * 100000) / 100,
}));

const DAY = 86400000;
const BIG = 9007199254740993n; // 2^53 + 1: not representable as a double

function typedTable(): Table {
  const n = 6;
  const valid = [true, false, true, true, false, true];
  const bitmap = new Uint8Array([valid.reduce((b, v, i) => (v ? b | (1 << i) : b), 0)]);
  const nulls = valid.filter((v) => !v).length;
  const i64 = makeVector(makeData({ type: new Int64(), length: n, nullCount: nulls, nullBitmap: bitmap, data: new BigInt64Array([BIG, 0n, -5n, -BIG, 0n, 7n]) }));
  const date = makeVector(makeData({ type: new DateDay(), length: n, nullCount: nulls, nullBitmap: bitmap, data: new Int32Array([0, 0, 19000, -1, 0, 20000]) }));
  const ts = makeVector(makeData({ type: new TimestampMicrosecond("UTC"), length: n, nullCount: nulls, nullBitmap: bitmap, data: new BigInt64Array([0n, 0n, 1_700_000_000_000_000n, 1000n, 0n, -1_000_000n]) }));
  return new Table({
    k: vectorFromArray([1, 2, 3, 4, 5, 6], new Int32()),
    i32: vectorFromArray([1, null, -3, 2147483647, null, 0], new Int32()),
    i64,
    f64: vectorFromArray([1.5, null, Number.NaN, -0, null, 1e300]),
    b: vectorFromArray([true, null, false, true, null, false]),
    s: vectorFromArray(["a", null, "", "ü→😀", null, "z"]),
    d: date,
    t: ts,
  });
}

const typedRows = [
  { k: 1, i32: 1, i64: BIG, f64: 1.5, b: true, s: "a", d: new Date(0), t: new Date(0) },
  { k: 2, i32: null, i64: null, f64: null, b: null, s: null, d: null, t: null },
  { k: 3, i32: -3, i64: -5n, f64: Number.NaN, b: false, s: "", d: new Date(19000 * DAY), t: new Date(1_700_000_000_000) },
  { k: 4, i32: 2147483647, i64: -BIG, f64: -0, b: true, s: "ü→😀", d: new Date(-DAY), t: new Date(1) },
  { k: 5, i32: null, i64: null, f64: null, b: null, s: null, d: null, t: null },
  { k: 6, i32: 0, i64: 7n, f64: 1e300, b: false, s: "z", d: new Date(20000 * DAY), t: new Date(-1000) },
];

function checkpointFiles(df: DataFrame): string[] {
  const p: LogicalPlan = df.plan;
  if (p.kind !== "checkpoint") throw new Error(`expected a checkpoint plan, got ${p.kind}`);
  return p.files.map((f) => f.path);
}

async function quietExplain(df: DataFrame): Promise<string> {
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  try {
    return await df.explain();
  } finally {
    log.mockRestore();
  }
}

describe.each([1, 4])("checkpoint with %i worker(s)", (workers) => {
  let session: Session;
  let dir: string;
  let df: DataFrame;
  beforeAll(() => {
    session = new Session({ workers });
    dir = mkdtempSync(join(tmpdir(), "cinder-checkpoint-"));
    df = session.createDataFrame(emps as unknown as Row[], { partitions: 3 });
  });
  afterAll(async () => {
    await session.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes one Arrow file per non-empty partition and reads back the same rows", async () => {
    const derived = df.withColumn("bonus", col("salary").multiply(2)).where("id % 3 <> 0");
    const cp = await checkpointDataFrame(derived, dir);
    expect(cp.columns).toEqual(["id", "dept", "age", "salary", "bonus"]);
    expect(cp.schema).toEqual(derived.schema);
    const files = checkpointFiles(cp);
    expect(files.length).toBe(3);
    for (const [i, f] of files.entries()) expect(f).toMatch(new RegExp(`cp-[0-9a-f-]+/part-0000${i}-[0-9a-f-]+\\.arrow$`));
    const expected = emps.filter((e) => e.id % 3 !== 0).map((e) => ({ ...e, bonus: e.salary * 2 }));
    expectSameRows(await cp.collect(), expected);
    expect(await cp.count()).toBe(expected.length);
  });

  it("round-trips every type with nulls, int64 exactly, written from a shuffle", async () => {
    const cp = await checkpointDataFrame(session.createDataFrame(typedTable()).repartition(3, "k"), dir);
    expect(cp.dtypes.map((d) => d[1])).toEqual(["int32", "int32", "int64", "float64", "boolean", "utf8", "date", "timestamp"]);
    expectSameRows(await cp.collect(), typedRows);
    const t = await cp.toArrow();
    expect(t.getChild("i64")?.get(0)).toBe(BIG);
    expect(t.getChild("i64")?.get(3)).toBe(-BIG);
    expect(await cp.where("b").count()).toBe(2);
    expect(await cp.where("s IS NULL").count()).toBe(2);
  });

  it("keeps duplicate column names apart by position, and columns of the original DataFrames resolve", async () => {
    const a = session.createDataFrame(emps.slice(0, 200).map((e) => ({ id: e.id, k: e.id % 7 })), { partitions: 2 });
    const b = session.createDataFrame(Array.from({ length: 7 }, (_, j) => ({ id: 1000 + j, k: j, tag: `t${j}` })));
    const joined = a.join(b, a.col("k").eq(b.col("k")));
    const cp = await checkpointDataFrame(joined, dir);
    expect(cp.columns).toEqual(["id", "k", "id", "k", "tag"]);
    const t = await cp.toArrow();
    const got = Array.from({ length: t.numRows }, (_, i) => ({ aid: t.getChildAt(0)?.get(i) as number, bid: t.getChildAt(2)?.get(i) as number, tag: t.getChildAt(4)?.get(i) as string }));
    const expected = emps.slice(0, 200).map((e) => ({ aid: e.id, bid: 1000 + (e.id % 7), tag: `t${e.id % 7}` }));
    expectSameRows(got as unknown as Row[], expected);
    // References made from `a` and `b` before the checkpoint still pick the right "id".
    const picked = await cp.select(a.col("id").alias("aid"), b.col("id").alias("bid"), b.col("tag")).collect();
    expectSameRows(picked, expected);
  });

  it("runs filters, projections and aggregates on top, with the lineage cut and columns pruned", async () => {
    const cp = await checkpointDataFrame(df.where("salary > 100"), dir);
    const grouped = cp.where(col("age").gt(30)).groupBy("dept").agg(count("*").alias("n"), sum("salary").alias("total"));
    const expected = new Map<string | null, { dept: string | null; n: bigint; total: number }>();
    for (const e of emps) {
      if (e.salary <= 100 || e.age === null || e.age <= 30) continue;
      const g = expected.get(e.dept) ?? { dept: e.dept, n: 0n, total: 0 };
      g.n += 1n;
      g.total += e.salary;
      expected.set(e.dept, g);
    }
    expectSameRows(await grouped.collect(), [...expected.values()]);

    const text = await quietExplain(grouped);
    expect(text).toMatch(/Checkpoint \S+cp-[0-9a-f-]+ \[id, dept, age, salary\] \(3 files\)/);
    // Pruned: the optimized leaf and the physical read list only the columns the query uses.
    expect(text).toMatch(/Checkpoint \S+ \[dept, age, salary\] \(3 files\)/);
    expect(text).toContain("Checkpoint read=[dept, age, salary] (3 files)");
    // Lineage cut: nothing below the checkpoint, so no local data, scan or filter on salary.
    expect(text).not.toMatch(/LocalRelation|LocalData|Scan /);
    expect(text).not.toContain("salary > 100");

    const names = await cp.select("dept").where("dept = 'eng'").count();
    expect(names).toBe(emps.filter((e) => e.salary > 100 && e.dept === "eng").length);
  });

  it("keeps working after its source files are gone", async () => {
    const csvDir = mkdtempSync(join(dir, "src-"));
    const csv = join(csvDir, "people.csv");
    writeFileSync(csv, ["id,age", ...emps.slice(0, 50).map((e) => `${e.id},${e.age ?? ""}`)].join("\n") + "\n");
    const cp = await checkpointDataFrame(session.read.csv(csv, { header: true, inferSchema: true }), dir);
    rmSync(csvDir, { recursive: true, force: true });
    expectSameRows(await cp.collect(), emps.slice(0, 50).map((e) => ({ id: e.id, age: e.age })));
  });

  it("checkpoints an empty DataFrame: no files, same schema, no rows", async () => {
    const empty = df.where("id < 0");
    const cp = await checkpointDataFrame(empty, dir);
    expect(checkpointFiles(cp)).toEqual([]);
    expect(cp.schema).toEqual(empty.schema);
    expect(await cp.collect()).toEqual([]);
    expect(await cp.count()).toBe(0);
    expect(await cp.groupBy("dept").count().collect()).toEqual([]);
    const plan = cp.plan;
    if (plan.kind !== "checkpoint") throw new Error("expected a checkpoint plan");
    expect(readdirSync(plan.dir)).toEqual(["_SUCCESS"]);
  });

  it("fails with an error naming a missing checkpoint file", async () => {
    const cp = await checkpointDataFrame(df, dir);
    const [first] = checkpointFiles(cp);
    rmSync(first as string);
    await expect(cp.collect()).rejects.toThrow(`Checkpoint file ${first} does not exist`);
  });

  it("fails with an error naming a truncated or corrupt checkpoint file", async () => {
    const cp = await checkpointDataFrame(df, dir);
    const files = checkpointFiles(cp);
    truncateSync(files[1] as string, 100);
    await expect(cp.count()).rejects.toThrow(`Cannot read checkpoint file ${files[1]}`);
    writeFileSync(files[1] as string, "not an arrow stream");
    await expect(cp.count()).rejects.toThrow(`Cannot read checkpoint file ${files[1]}`);
  });
});

describe("df.checkpoint()", () => {
  it("writes into the session's own checkpoint folder, which stop() removes", async () => {
    const base = mkdtempSync(join(tmpdir(), "cinder-cpdir-"));
    try {
      const s = new Session({ workers: 2, checkpointDir: base });
      const df = s.createDataFrame(emps as unknown as Row[], { partitions: 3 });
      const cut = await df.where("salary > 500").checkpoint();
      expectSameRows(await cut.select("id").collect(), emps.filter((e) => e.salary > 500).map((e) => ({ id: e.id })));
      const [own] = readdirSync(base);
      expect(own).toMatch(/^cinder-checkpoints-/);
      expect(readdirSync(join(base, own as string)).length).toBe(1);
      expect(await cut.explain()).toContain("Checkpoint read=");
      await s.stop();
      expect(readdirSync(base)).toEqual([]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
