/**
 * Danfo (danfojs-node, with the pure-JS TensorFlow backend LIBRARIES.md's overrides install).
 * G1 and J1 come from Parquet through parquet-wasm as Arrow columns, copied into `new DataFrame`;
 * the CSV task uses `dfd.readCSV`. Danfo reads no Parquet, and its group-by has no median, no
 * correlation and no per-group ordering: those tasks are n/a.
 */
import { checksumOf } from "../harness/checksum.js";
import type { Answer, CreateEngine, TaskFn } from "../harness/engine.js";
import type { TaskId } from "../harness/tasks.js";
import { readParquetTable } from "./arrow-data.js";
import { arrayLike, loadPeer, peerVersion, withMethods } from "./peer.js";

interface Series {
  readonly values: unknown;
  sub(other: Series): Series;
  gt(value: number): Series;
}
interface Frame {
  readonly shape: number[];
  groupby(keys: string[]): Grouped;
  column(name: string): Series;
  query(mask: Series): Frame;
}
interface Grouped {
  col(names: string[]): { sum(): Frame; mean(): Frame; count(): Frame };
  agg(spec: Record<string, string>): Frame;
}
interface Danfo {
  DataFrame: new (data: Record<string, unknown[]>) => Frame;
  readCSV(path: string): Promise<Frame>;
  merge(opts: { left: Frame; right: Frame; on: string[]; how: "inner" | "left" }): Frame;
}

/** A result and where each checksum column is in it (Danfo names aggregates "v1_sum", …). */
function answer(df: Frame, columns: Record<string, string | Series>): Answer {
  return {
    checksum: () => {
      const cols: Record<string, ReturnType<typeof arrayLike>> = {};
      for (const [name, src] of Object.entries(columns)) {
        cols[name] = arrayLike(typeof src === "string" ? df.column(src).values : src.values, `danfo ${name}`);
      }
      return checksumOf(df.shape[0] ?? 0, cols);
    },
  };
}

function frameOf(dfd: Danfo, path: string): Frame {
  const t = readParquetTable(path);
  const data: Record<string, unknown[]> = {};
  for (const f of t.schema.fields) data[f.name] = Array.from(t.getChild(f.name) ?? []);
  return new dfd.DataFrame(data);
}

export const createEngine: CreateEngine = async ({ files }) => {
  const dfd = withMethods<Danfo>(await loadPeer("danfojs-node"), "danfojs-node", ["DataFrame", "readCSV", "merge"]);
  let g1: Frame | null = null;
  let j1: Record<string, Frame> | null = null;
  const g = (): Frame => g1 ?? (() => { throw new Error("G1 not loaded"); })();
  const j = (name: string): Frame => j1?.[name] ?? (() => { throw new Error(`J1 ${name} not loaded`); })();
  const q = (f: () => Frame, columns: Record<string, string>): TaskFn => async () => answer(f(), columns);
  const join = (right: string, on: string, how: "inner" | "left"): TaskFn =>
    q(() => dfd.merge({ left: j("x"), right: j(right), on: [on], how }), { v1: "v1", v2: "v2" });
  const tasks: Partial<Record<TaskId, TaskFn>> = {
    "read-csv": async () => answer(await dfd.readCSV(files.g1.csv), {}),
    q1: q(() => g().groupby(["id1"]).col(["v1"]).sum(), { v1: "v1_sum" }),
    q2: q(() => g().groupby(["id1", "id2"]).col(["v1"]).sum(), { v1: "v1_sum" }),
    q3: q(() => g().groupby(["id3"]).agg({ v1: "sum", v3: "mean" }), { v1: "v1_sum", v3: "v3_mean" }),
    q4: q(() => g().groupby(["id4"]).col(["v1", "v2", "v3"]).mean(), { v1: "v1_mean", v2: "v2_mean", v3: "v3_mean" }),
    q5: q(() => g().groupby(["id6"]).col(["v1", "v2", "v3"]).sum(), { v1: "v1_sum", v2: "v2_sum", v3: "v3_sum" }),
    q7: async () => {
      const r = g().groupby(["id3"]).agg({ v1: "max", v2: "min" });
      return answer(r, { range_v1_v2: r.column("v1_max").sub(r.column("v2_min")) });
    },
    q10: q(() => g().groupby(["id1", "id2", "id3", "id4", "id5", "id6"]).agg({ v3: "sum", v1: "count" }), { v3: "v3_sum", count: "v1_count" }),
    seed: q(() => { const d = g(); return d.query(d.column("v1").gt(2)).groupby(["id1"]).col(["v1"]).count(); }, { count: "v1_count" }),
    j1: join("small", "id1", "inner"),
    j2: join("medium", "id2", "inner"),
    j3: join("medium", "id2", "left"),
    j4: join("medium", "id5", "inner"),
    j5: join("big", "id3", "inner"),
  };
  return {
    version: peerVersion("danfojs-node"),
    async load(dataset) {
      if (dataset === "G1") g1 = frameOf(dfd, files.g1.parquet);
      else j1 = Object.fromEntries(Object.entries(files.j1).map(([name, p]) => [name, frameOf(dfd, p.parquet)]));
    },
    async unload(dataset) {
      if (dataset === "G1") g1 = null;
      else j1 = null;
    },
    tasks,
    async close() {},
  };
};
