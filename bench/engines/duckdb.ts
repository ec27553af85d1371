/**
 * DuckDB through @duckdb/node-api, threads = cores. Data is loaded with
 * `CREATE TABLE … AS SELECT * FROM read_parquet(…)`; each task is the db-benchmark's SQL run as
 * `CREATE TABLE ans AS …` (the answer materialised inside DuckDB, as the db-benchmark times it);
 * the checksum is a second, untimed query over `ans`.
 */
import { type Checksum, checksumOf } from "../harness/checksum.js";
import type { Answer, CreateEngine, TaskFn } from "../harness/engine.js";
import { type TaskId, taskDef } from "../harness/tasks.js";
import { isObj, loadPeer, withMethods } from "./peer.js";

interface Reader {
  getRows(): unknown[][];
}
interface Connection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<Reader>;
  closeSync(): void;
}
interface Instance {
  connect(): Promise<Connection>;
  closeSync(): void;
}
interface DuckApi {
  version(): string;
  DuckDBInstance: { create(path: string, options: Record<string, string>): Promise<Instance> };
}

const GROUPBY_SQL: Partial<Record<TaskId, string>> = {
  q1: "SELECT id1, sum(v1) AS v1 FROM g1 GROUP BY id1",
  q2: "SELECT id1, id2, sum(v1) AS v1 FROM g1 GROUP BY id1, id2",
  q3: "SELECT id3, sum(v1) AS v1, avg(v3) AS v3 FROM g1 GROUP BY id3",
  q4: "SELECT id4, avg(v1) AS v1, avg(v2) AS v2, avg(v3) AS v3 FROM g1 GROUP BY id4",
  q5: "SELECT id6, sum(v1) AS v1, sum(v2) AS v2, sum(v3) AS v3 FROM g1 GROUP BY id6",
  q6: "SELECT id4, id5, median(v3) AS median_v3, stddev(v3) AS sd_v3 FROM g1 GROUP BY id4, id5",
  q7: "SELECT id3, max(v1) - min(v2) AS range_v1_v2 FROM g1 GROUP BY id3",
  q8: "SELECT id6, v3 AS largest2_v3 FROM (SELECT id6, v3, row_number() OVER (PARTITION BY id6 ORDER BY v3 DESC) AS order_v3 FROM g1 WHERE v3 IS NOT NULL) sub_query WHERE order_v3 <= 2",
  q9: "SELECT id2, id4, pow(corr(v1, v2), 2) AS r2 FROM g1 GROUP BY id2, id4",
  q10: "SELECT id1, id2, id3, id4, id5, id6, sum(v3) AS v3, count(*) AS count FROM g1 GROUP BY id1, id2, id3, id4, id5, id6",
  seed: "SELECT id1, count(*) AS count FROM g1 WHERE v1 > 2 GROUP BY id1",
  j1: "SELECT x.*, small.id4 AS small_id4, v2 FROM x JOIN small USING (id1)",
  j2: "SELECT x.*, medium.id1 AS medium_id1, medium.id4 AS medium_id4, medium.id5 AS medium_id5, v2 FROM x JOIN medium USING (id2)",
  j3: "SELECT x.*, medium.id1 AS medium_id1, medium.id4 AS medium_id4, medium.id5 AS medium_id5, v2 FROM x LEFT JOIN medium USING (id2)",
  j4: "SELECT x.*, medium.id1 AS medium_id1, medium.id2 AS medium_id2, medium.id4 AS medium_id4, v2 FROM x JOIN medium USING (id5)",
  j5: "SELECT x.*, big.id1 AS big_id1, big.id2 AS big_id2, big.id4 AS big_id4, big.id5 AS big_id5, big.id6 AS big_id6, v2 FROM x JOIN big USING (id3)",
};

const quote = (path: string): string => `'${path.replaceAll("'", "''")}'`;

function num(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v === null) return 0; // sum() over no finite values
  throw new Error(`DuckDB checksum: unexpected value ${String(v)}`);
}

export const createEngine: CreateEngine = async ({ files, threads }) => {
  const duck = withMethods<DuckApi>(await loadPeer("@duckdb/node-api"), "@duckdb/node-api", ["version"]);
  if (!isObj(duck.DuckDBInstance)) throw new Error("@duckdb/node-api: no DuckDBInstance");
  const instance = await duck.DuckDBInstance.create(":memory:", { threads: String(threads) });
  const conn = await instance.connect();

  /** count(*) and the sum of each output column's finite values, over `ans`. */
  const checksum = async (task: TaskId): Promise<Checksum> => {
    const outputs = taskDef(task).outputs;
    const sums = outputs.map((c) => `sum(CASE WHEN isfinite("${c}"::DOUBLE) THEN "${c}"::DOUBLE END)`);
    const rows = (await conn.runAndReadAll(`SELECT count(*)::DOUBLE${sums.map((s) => `, ${s}`).join("")} FROM ans`)).getRows()[0] ?? [];
    const cols: Record<string, number[]> = {};
    outputs.forEach((c, i) => (cols[c] = [num(rows[i + 1])]));
    return checksumOf(num(rows[0]), cols);
  };
  const answer = (task: TaskId): Answer => ({ checksum: () => checksum(task), dispose: async () => void (await conn.run("DROP TABLE IF EXISTS ans")) });
  const sqlTask = (task: TaskId, sql: string): TaskFn => async () => {
    await conn.run(`CREATE OR REPLACE TABLE ans AS ${sql}`);
    return answer(task);
  };
  const tasks: Partial<Record<TaskId, TaskFn>> = {
    "read-csv": sqlTask("read-csv", `SELECT * FROM read_csv(${quote(files.g1.csv)})`),
    "read-parquet": sqlTask("read-parquet", `SELECT * FROM read_parquet(${quote(files.g1.parquet)})`),
  };
  for (const [task, sql] of Object.entries(GROUPBY_SQL) as [TaskId, string][]) tasks[task] = sqlTask(task, sql);
  const create = (name: string, path: string) => conn.run(`CREATE OR REPLACE TABLE ${name} AS SELECT * FROM read_parquet(${quote(path)})`);
  return {
    version: duck.version(),
    async load(dataset) {
      if (dataset === "G1") await create("g1", files.g1.parquet);
      else for (const [name, pair] of Object.entries(files.j1)) await create(name, pair.parquet);
    },
    async unload(dataset) {
      const names = dataset === "G1" ? ["g1"] : Object.keys(files.j1);
      for (const n of names) await conn.run(`DROP TABLE IF EXISTS ${n}`);
    },
    tasks,
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
};
