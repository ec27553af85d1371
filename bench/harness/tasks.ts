/**
 * The benchmark's tasks: the db-benchmark groupby questions q1–q10 on G1, its join questions
 * q1–q5 on J1 (ids j1–j5 here), reading G1 from CSV and from Parquet, and the seed pipeline.
 */

export type TaskId =
  | "read-csv" | "read-parquet"
  | "q1" | "q2" | "q3" | "q4" | "q5" | "q6" | "q7" | "q8" | "q9" | "q10"
  | "seed"
  | "j1" | "j2" | "j3" | "j4" | "j5";

/** The data a task queries in memory (loaded once per engine process); null: it reads files itself. */
export type Dataset = "G1" | "J1";

export type TaskGroup = "read" | "groupby" | "seed" | "join";

export interface TaskDef {
  readonly id: TaskId;
  readonly group: TaskGroup;
  readonly dataset: Dataset | null;
  /** What it computes, as the db-benchmark words it. */
  readonly title: string;
  /** The numeric result columns its checksum sums (besides the row count). */
  readonly outputs: readonly string[];
}

const t = (id: TaskId, group: TaskGroup, dataset: Dataset | null, title: string, outputs: readonly string[]): TaskDef =>
  ({ id, group, dataset, title, outputs });

/** Every task, in the order they run (files first, then G1 in memory, then J1 in memory). */
export const TASKS: readonly TaskDef[] = [
  t("read-csv", "read", null, "read G1 CSV into an in-memory table, count rows", []),
  t("read-parquet", "read", null, "read G1 Parquet into an in-memory table, count rows", []),
  t("q1", "groupby", "G1", "sum v1 by id1", ["v1"]),
  t("q2", "groupby", "G1", "sum v1 by id1:id2", ["v1"]),
  t("q3", "groupby", "G1", "sum v1 mean v3 by id3", ["v1", "v3"]),
  t("q4", "groupby", "G1", "mean v1:v3 by id4", ["v1", "v2", "v3"]),
  t("q5", "groupby", "G1", "sum v1:v3 by id6", ["v1", "v2", "v3"]),
  t("q6", "groupby", "G1", "median v3 sd v3 by id4 id5", ["median_v3", "sd_v3"]),
  t("q7", "groupby", "G1", "max v1 - min v2 by id3", ["range_v1_v2"]),
  t("q8", "groupby", "G1", "largest two v3 by id6", ["largest2_v3"]),
  t("q9", "groupby", "G1", "regression v1 v2 by id2 id4", ["r2"]),
  t("q10", "groupby", "G1", "sum v3 count by id1:id6", ["v3", "count"]),
  t("seed", "seed", "G1", "filter v1 > 2, count by id1 (the seed pipeline)", ["count"]),
  t("j1", "join", "J1", "small inner on int (id1)", ["v1", "v2"]),
  t("j2", "join", "J1", "medium inner on int (id2)", ["v1", "v2"]),
  t("j3", "join", "J1", "medium outer on int (left join on id2)", ["v1", "v2"]),
  t("j4", "join", "J1", "medium inner on factor (id5)", ["v1", "v2"]),
  t("j5", "join", "J1", "big inner on int (id3)", ["v1", "v2"]),
];

/** The definition of a task id. */
export function taskDef(id: TaskId): TaskDef {
  const def = TASKS.find((d) => d.id === id);
  if (def === undefined) throw new Error(`unknown task ${id}`);
  return def;
}

/**
 * The tasks a `--tasks` list names, in run order: ids (q1, j3, read-csv, seed), group names
 * (read, groupby, join) and `all`.
 * @example selectTasks("q1,q2,join") // q1, q2, j1…j5
 */
export function selectTasks(spec: string): TaskId[] {
  const wanted = new Set<TaskId>();
  for (const raw of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const matches = TASKS.filter((d) => raw === "all" || d.id === raw || d.group === raw);
    if (matches.length === 0) throw new Error(`unknown task "${raw}"; use ${TASKS.map((d) => d.id).join(", ")}, read, groupby, join or all`);
    for (const d of matches) wanted.add(d.id);
  }
  return TASKS.filter((d) => wanted.has(d.id)).map((d) => d.id);
}
