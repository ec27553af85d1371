/**
 * Arquero (single-threaded JavaScript). G1 and J1 come from Parquet through parquet-wasm as Arrow
 * tables, handed to `aq.fromArrow`; the CSV task uses `aq.loadCSV`. Expressions are strings, as
 * Arquero parses them itself. Results are materialised (`reify`) before the clock stops.
 */
import { checksumOf } from "../harness/checksum.js";
import type { Answer, CreateEngine, TaskFn } from "../harness/engine.js";
import { type TaskId, taskDef } from "../harness/tasks.js";
import { readParquetTable } from "./arrow-data.js";
import { arrayLike, loadPeer, peerVersion, withMethods } from "./peer.js";

interface AqTable {
  numRows(): number;
  groupby(...keys: string[]): AqTable;
  rollup(values: Record<string, string>): AqTable;
  count(opts?: { as: string }): AqTable;
  filter(predicate: string): AqTable;
  orderby(...keys: unknown[]): AqTable;
  derive(values: Record<string, string>): AqTable;
  select(...names: string[]): AqTable;
  join(other: AqTable, on: string): AqTable;
  join_left(other: AqTable, on: string): AqTable;
  reify(): AqTable;
  array(name: string): unknown;
}
interface Arquero {
  fromArrow(table: unknown): AqTable;
  loadCSV(path: string): Promise<AqTable>;
  desc(name: string): unknown;
}

function answer(task: TaskId, t: AqTable): Answer {
  return {
    checksum: () => {
      const cols: Record<string, ReturnType<typeof arrayLike>> = {};
      for (const c of taskDef(task).outputs) {
        const a = t.array(c);
        cols[c] = arrayLike(ArrayBuffer.isView(a) || Array.isArray(a) ? a : Array.from(a as Iterable<number>), `arquero ${task} ${c}`);
      }
      return checksumOf(t.numRows(), cols);
    },
  };
}

const sum = (c: string): string => `d => op.sum(d.${c})`;
const mean = (c: string): string => `d => op.mean(d.${c})`;

export const createEngine: CreateEngine = async ({ files }) => {
  const aq = withMethods<Arquero>(await loadPeer("arquero"), "arquero", ["fromArrow", "loadCSV", "desc"]);
  let g1: AqTable | null = null;
  let j1: Record<string, AqTable> | null = null;
  const g = (): AqTable => g1 ?? (() => { throw new Error("G1 not loaded"); })();
  const j = (name: string): AqTable => j1?.[name] ?? (() => { throw new Error(`J1 ${name} not loaded`); })();
  const q = (task: TaskId, f: () => AqTable): TaskFn => async () => answer(task, f().reify());
  const by = (keys: string[], values: Record<string, string>) => (): AqTable => g().groupby(...keys).rollup(values);
  const tasks: Partial<Record<TaskId, TaskFn>> = {
    "read-csv": async () => answer("read-csv", await aq.loadCSV(files.g1.csv)),
    "read-parquet": q("read-parquet", () => aq.fromArrow(readParquetTable(files.g1.parquet))),
    q1: q("q1", by(["id1"], { v1: sum("v1") })),
    q2: q("q2", by(["id1", "id2"], { v1: sum("v1") })),
    q3: q("q3", by(["id3"], { v1: sum("v1"), v3: mean("v3") })),
    q4: q("q4", by(["id4"], { v1: mean("v1"), v2: mean("v2"), v3: mean("v3") })),
    q5: q("q5", by(["id6"], { v1: sum("v1"), v2: sum("v2"), v3: sum("v3") })),
    q6: q("q6", by(["id4", "id5"], { median_v3: "d => op.median(d.v3)", sd_v3: "d => op.stdev(d.v3)" })),
    q7: q("q7", by(["id3"], { range_v1_v2: "d => op.max(d.v1) - op.min(d.v2)" })),
    q8: q("q8", () =>
      g().filter("d => d.v3 != null").groupby("id6").orderby(aq.desc("v3"))
        .derive({ order_v3: "() => op.row_number()" }).filter("d => d.order_v3 <= 2")
        .derive({ largest2_v3: "d => d.v3" }).select("id6", "largest2_v3")),
    q9: q("q9", by(["id2", "id4"], { r2: "d => op.corr(d.v1, d.v2) ** 2" })),
    q10: q("q10", by(["id1", "id2", "id3", "id4", "id5", "id6"], { v3: sum("v3"), count: "() => op.count()" })),
    seed: q("seed", () => g().filter("d => d.v1 > 2").groupby("id1").count({ as: "count" })),
    j1: q("j1", () => j("x").join(j("small"), "id1")),
    j2: q("j2", () => j("x").join(j("medium"), "id2")),
    j3: q("j3", () => j("x").join_left(j("medium"), "id2")),
    j4: q("j4", () => j("x").join(j("medium"), "id5")),
    j5: q("j5", () => j("x").join(j("big"), "id3")),
  };
  return {
    version: peerVersion("arquero"),
    async load(dataset) {
      if (dataset === "G1") g1 = aq.fromArrow(readParquetTable(files.g1.parquet));
      else j1 = Object.fromEntries(Object.entries(files.j1).map(([name, p]) => [name, aq.fromArrow(readParquetTable(p.parquet))]));
    },
    async unload(dataset) {
      if (dataset === "G1") g1 = null;
      else j1 = null;
    },
    tasks,
    async close() {},
  };
};
