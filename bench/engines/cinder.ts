/**
 * Cinder: `new Session()` (one worker per core), datasets read from Parquet and `cache()`d, made
 * resident by a `count()` before any timing. A task's time runs until its result is an Arrow table
 * in the driver (`toArrow()`). q6, q8 and q9 use functions being added to Cinder (median, stddev,
 * corr, Window + rowNumber); they are looked up at run time so a missing one is that task's error.
 */
import type { Table } from "apache-arrow";
import * as cinder from "../../src/index.js";
import { Column, type DataFrame, Session, col, count, desc, max, mean, min, sum } from "../../src/index.js";
import { type Checksum, checksumOf } from "../harness/checksum.js";
import type { Answer, CreateEngine, TaskFn } from "../harness/engine.js";
import { type TaskId, taskDef } from "../harness/tasks.js";
import { arrowSum } from "./arrow-data.js";
import { isObj } from "./peer.js";

/** A function of the package index that may not exist yet. */
function exported(name: string): (...args: unknown[]) => unknown {
  const f: unknown = (cinder as unknown as Record<string, unknown>)[name];
  if (typeof f !== "function") throw new Error(`cinder does not export ${name}() yet`);
  return f as (...args: unknown[]) => unknown;
}

function callColumn(name: string, ...args: unknown[]): Column {
  const out = exported(name)(...args);
  if (!(out instanceof Column)) throw new Error(`cinder ${name}() did not return a Column`);
  return out;
}

/** `Window.partitionBy(key).orderBy(order)` and `rowNumber().over(w)`, looked up at run time. */
function rowNumberOver(key: string, order: Column): Column {
  const windowApi: unknown = (cinder as unknown as Record<string, unknown>)["Window"];
  if (!isObj(windowApi) || typeof windowApi["partitionBy"] !== "function") throw new Error("cinder does not export Window yet");
  const spec: unknown = (windowApi["partitionBy"] as (k: string) => unknown)(key);
  if (!isObj(spec) || typeof spec["orderBy"] !== "function") throw new Error("cinder: Window.partitionBy() has no orderBy()");
  const ordered: unknown = (spec["orderBy"] as (o: Column) => unknown).call(spec, order);
  const rn: unknown = exported("rowNumber")();
  if (!isObj(rn) || typeof rn["over"] !== "function") throw new Error("cinder: rowNumber() has no over()");
  const out: unknown = (rn["over"] as (w: unknown) => unknown).call(rn, ordered);
  if (!(out instanceof Column)) throw new Error("cinder: over() did not return a Column");
  return out;
}

/** The answer of a query: its Arrow result, summed over the task's output columns. */
function arrowAnswer(task: TaskId, table: Table): Answer {
  return {
    checksum: (): Checksum => {
      const sums: Record<string, number> = {};
      for (const c of taskDef(task).outputs) sums[c] = arrowSum(table, c);
      return { rows: table.numRows, sums };
    },
  };
}

const query = (task: TaskId, df: () => DataFrame): TaskFn => async () => arrowAnswer(task, await df().toArrow());

export const createEngine: CreateEngine = async (ctx) => {
  const session = new Session({ workers: ctx.threads });
  const { files } = ctx;
  const cached = new Map<string, DataFrame>();
  const table = (name: string): DataFrame => {
    const df = cached.get(name);
    if (df === undefined) throw new Error(`${name} is not loaded`);
    return df;
  };
  const load = async (name: string, path: string): Promise<void> => {
    const df = session.read.parquet(path).cache();
    await df.count(); // materialises the cache: the tasks then read memory, not the file
    cached.set(name, df);
  };
  /** Reading a file into memory = a cached DataFrame of it, made resident by count(). */
  const readInto = (df: () => DataFrame): TaskFn => async () => {
    const d = df().cache();
    const rows = await d.count();
    return { checksum: () => checksumOf(rows, {}), dispose: () => void d.unpersist() };
  };
  const g = () => table("g1");
  const [x, small, medium, big] = [() => table("x"), () => table("small"), () => table("medium"), () => table("big")];
  const tasks: Partial<Record<TaskId, TaskFn>> = {
    "read-csv": readInto(() => session.read.csv(files.g1.csv, { header: true, inferSchema: true })),
    "read-parquet": readInto(() => session.read.parquet(files.g1.parquet)),
    q1: query("q1", () => g().groupBy("id1").agg(sum("v1").alias("v1"))),
    q2: query("q2", () => g().groupBy("id1", "id2").agg(sum("v1").alias("v1"))),
    q3: query("q3", () => g().groupBy("id3").agg(sum("v1").alias("v1"), mean("v3").alias("v3"))),
    q4: query("q4", () => g().groupBy("id4").agg(mean("v1").alias("v1"), mean("v2").alias("v2"), mean("v3").alias("v3"))),
    q5: query("q5", () => g().groupBy("id6").agg(sum("v1").alias("v1"), sum("v2").alias("v2"), sum("v3").alias("v3"))),
    q6: query("q6", () => g().groupBy("id4", "id5").agg(callColumn("median", "v3").alias("median_v3"), callColumn("stddev", "v3").alias("sd_v3"))),
    q7: query("q7", () => q7(g())),
    q8: query("q8", () =>
      g().select("id6", "v3").where(col("v3").isNotNull())
        .withColumn("order_v3", rowNumberOver("id6", desc("v3")))
        .where(col("order_v3").leq(2))
        .select(col("id6"), col("v3").alias("largest2_v3"))),
    q9: query("q9", () =>
      g().groupBy("id2", "id4").agg(callColumn("corr", "v1", "v2").alias("r"))
        .select(col("id2"), col("id4"), col("r").multiply(col("r")).alias("r2"))),
    q10: query("q10", () => g().groupBy("id1", "id2", "id3", "id4", "id5", "id6").agg(sum("v3").alias("v3"), count("*").alias("count"))),
    seed: query("seed", () => g().where("v1 > 2").groupBy("id1").count()),
    j1: query("j1", () => x().join(small(), "id1", "inner")),
    j2: query("j2", () => x().join(medium(), "id2", "inner")),
    j3: query("j3", () => x().join(medium(), "id2", "left")),
    j4: query("j4", () => x().join(medium(), "id5", "inner")),
    j5: query("j5", () => x().join(big(), "id3", "inner")),
  };
  return {
    version: await cinderVersion(),
    async load(dataset) {
      if (dataset === "G1") await load("g1", files.g1.parquet);
      else for (const [name, pair] of Object.entries(files.j1)) await load(name, pair.parquet);
    },
    async unload() {
      for (const df of cached.values()) df.unpersist();
      cached.clear();
    },
    tasks,
    close: () => session.stop(),
  };
};

/** q7 as db-benchmark states it, inside agg; engines that cannot aggregate an expression of aggregates do agg, then select. */
function q7(df: DataFrame): DataFrame {
  try {
    return df.groupBy("id3").agg(max("v1").minus(min("v2")).alias("range_v1_v2"));
  } catch {
    return df.groupBy("id3").agg(max("v1").alias("max_v1"), min("v2").alias("min_v2"))
      .select(col("id3"), col("max_v1").minus(col("min_v2")).alias("range_v1_v2"));
  }
}

async function cinderVersion(): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  const pkg: unknown = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8"));
  return isObj(pkg) && typeof pkg["version"] === "string" ? pkg["version"] : "?";
}
