/**
 * Polars through nodejs-polars (eager DataFrames), threads = cores (POLARS_MAX_THREADS, set by the
 * harness for this process). Data: readParquet; a task's time runs until its result DataFrame exists.
 */
import { checksumOf } from "../harness/checksum.js";
import type { Answer, CreateEngine, TaskFn } from "../harness/engine.js";
import { type TaskId, taskDef } from "../harness/tasks.js";
import { arrayLike, loadPeer, withMethods } from "./peer.js";

interface Expr {
  sum(): Expr; mean(): Expr; median(): Expr; std(): Expr; max(): Expr; min(): Expr; count(): Expr;
  minus(other: Expr): Expr;
  pow(exponent: number): Expr;
  gt(value: number): Expr;
  sort(opts: { descending: boolean }): Expr;
  head(n: number): Expr;
  alias(name: string): Expr;
}
interface Series {
  toArray(): unknown;
}
interface Frame {
  readonly height: number;
  groupBy(keys: string[]): { agg(...exprs: Expr[]): Frame };
  join(other: Frame, opts: { on: string; how: "inner" | "left" }): Frame;
  filter(predicate: Expr): Frame;
  dropNulls(column: string): Frame;
  explode(column: string): Frame;
  getColumn(name: string): Series;
}
interface Polars {
  readonly version: string;
  readParquet(path: string): Frame;
  readCSV(path: string): Frame;
  col(name: string): Expr;
  pearsonCorr(a: string, b: string): Expr;
}

function answer(task: TaskId, df: Frame): Answer {
  return {
    checksum: () => {
      const cols: Record<string, ReturnType<typeof arrayLike>> = {};
      for (const c of taskDef(task).outputs) cols[c] = arrayLike(df.getColumn(c).toArray(), `polars ${task} ${c}`);
      return checksumOf(df.height, cols);
    },
  };
}

export const createEngine: CreateEngine = async ({ files }) => {
  const pl = withMethods<Polars>(await loadPeer("nodejs-polars"), "nodejs-polars", ["readParquet", "readCSV", "col", "pearsonCorr"]);
  const c = (name: string): Expr => pl.col(name);
  let g1: Frame | null = null;
  let j1: Record<string, Frame> | null = null;
  const g = (): Frame => g1 ?? (() => { throw new Error("G1 not loaded"); })();
  const j = (name: string): Frame => j1?.[name] ?? (() => { throw new Error(`J1 ${name} not loaded`); })();
  const q = (task: TaskId, f: () => Frame): TaskFn => async () => answer(task, f());
  const by = (keys: string[], ...exprs: Expr[]) => (): Frame => g().groupBy(keys).agg(...exprs);
  const tasks: Partial<Record<TaskId, TaskFn>> = {
    "read-csv": q("read-csv", () => pl.readCSV(files.g1.csv)),
    "read-parquet": q("read-parquet", () => pl.readParquet(files.g1.parquet)),
    q1: q("q1", by(["id1"], c("v1").sum())),
    q2: q("q2", by(["id1", "id2"], c("v1").sum())),
    q3: q("q3", by(["id3"], c("v1").sum(), c("v3").mean())),
    q4: q("q4", by(["id4"], c("v1").mean(), c("v2").mean(), c("v3").mean())),
    q5: q("q5", by(["id6"], c("v1").sum(), c("v2").sum(), c("v3").sum())),
    q6: q("q6", by(["id4", "id5"], c("v3").median().alias("median_v3"), c("v3").std().alias("sd_v3"))),
    q7: q("q7", by(["id3"], c("v1").max().minus(c("v2").min()).alias("range_v1_v2"))),
    // nodejs-polars has no top_k in a group context: sort descending, keep two, explode.
    q8: q("q8", () => g().dropNulls("v3").groupBy(["id6"]).agg(c("v3").sort({ descending: true }).head(2).alias("largest2_v3")).explode("largest2_v3")),
    q9: q("q9", by(["id2", "id4"], pl.pearsonCorr("v1", "v2").pow(2).alias("r2"))),
    q10: q("q10", by(["id1", "id2", "id3", "id4", "id5", "id6"], c("v3").sum(), c("v1").count().alias("count"))),
    seed: q("seed", () => g().filter(c("v1").gt(2)).groupBy(["id1"]).agg(c("v1").count().alias("count"))),
    j1: q("j1", () => j("x").join(j("small"), { on: "id1", how: "inner" })),
    j2: q("j2", () => j("x").join(j("medium"), { on: "id2", how: "inner" })),
    j3: q("j3", () => j("x").join(j("medium"), { on: "id2", how: "left" })),
    j4: q("j4", () => j("x").join(j("medium"), { on: "id5", how: "inner" })),
    j5: q("j5", () => j("x").join(j("big"), { on: "id3", how: "inner" })),
  };
  return {
    version: pl.version,
    async load(dataset) {
      if (dataset === "G1") g1 = pl.readParquet(files.g1.parquet);
      else j1 = Object.fromEntries(Object.entries(files.j1).map(([name, p]) => [name, pl.readParquet(p.parquet)]));
    },
    async unload(dataset) {
      if (dataset === "G1") g1 = null;
      else j1 = null;
    },
    tasks,
    async close() {},
  };
};
