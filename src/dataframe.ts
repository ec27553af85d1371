/**
 * DataFrame: a lazy, immutable pipeline (PySpark's DataFrame, camelCase). Transformations return
 * new DataFrames and are analyzed as they are called, so a wrong column name fails right there;
 * actions are async and run the pipeline on the worker pool.
 */
import type { Table } from "apache-arrow";
import {
  buildAggregate,
  buildDrop,
  buildDropDuplicates,
  buildFilter,
  buildJoin,
  buildProject,
  buildRename,
  buildRepartition,
  buildSort,
  buildUnion,
  buildWithColumn,
} from "../planner/analyzer/builders.js";
import { buildSetOp } from "../planner/analyzer/build-set-ops.js";
import { resolveName } from "../planner/analyzer/resolve.js";
import { outputOf } from "../planner/analyzer/types-of.js";
import { AnalysisError } from "../planner/errors.js";
import type { Expr } from "../planner/expr.js";
import { planToString } from "../planner/explain.js";
import { stagesToString } from "../planner/explain-physical.js";
import type { JoinType, LogicalPlan } from "../planner/logical-plan.js";
import type { OutField } from "../planner/physical-plan.js";
import { type Field, toField } from "../planner/types.js";
import { isStructType } from "../planner/nested-types.js";
import { Column } from "./column.js";
import { col } from "./functions.js";
import { parseExpressionWith, parseSelectItemWith } from "../planner/sql/index.js";
import { GroupedData } from "./grouped-data.js";
import { type Row, blocksToTable, formatShow, tableToRows } from "./result.js";
import type { Session } from "./session.js";
import { checkpointDataFrame } from "./checkpoint.js";
import { DataFrameWriter } from "./writer.js";
import type { StageMetrics } from "../executor/scheduler.js";
import {
  type AsofOptions, type SampleOptions, DESCRIBE_STATS, buildAlias, buildAsofJoin, buildRandomSplit, buildSample, buildSummary, buildToDF, buildUnpivot, buildWithColumns,
} from "./verbs/builders.js";
import { randomSeed, sampleArgs } from "./verbs/sample.js";
import { DataFrameNaFunctions, type DropNaOptions, type NaValue, type ReplaceValue, type ToReplace } from "./verbs/na.js";

export type JoinHow = JoinType | "outer" | "full_outer" | "fullouter" | "left_outer" | "leftouter" | "right_outer" | "rightouter" | "left_semi" | "leftsemi" | "semi" | "left_anti" | "leftanti" | "anti";

const JOIN_ALIASES: Readonly<Record<string, JoinType>> = {
  inner: "inner",
  cross: "cross",
  left: "left",
  left_outer: "left",
  leftouter: "left",
  right: "right",
  right_outer: "right",
  rightouter: "right",
  full: "full",
  outer: "full",
  full_outer: "full",
  fullouter: "full",
  semi: "semi",
  left_semi: "semi",
  leftsemi: "semi",
  anti: "anti",
  left_anti: "anti",
  leftanti: "anti",
};

export interface ExplainOptions {
  /** Also print the plan after every optimizer rule that changed it. */
  readonly verbose?: boolean;
}

/** A stage's run figures for explain("analyze"). */
function stageFigures(s: StageMetrics): string {
  const parts = [`attempts=${s.attempts}`, `tasks=${s.tasksLaunched}`, `failed=${s.tasksFailed}`];
  if (s.fetchFailures) parts.push(`fetchFailures=${s.fetchFailures}`);
  parts.push(`recomputed=${s.tasksRecomputed}`);
  if (s.partitionsFromCache) parts.push(`fromCache=${s.partitionsFromCache}`);
  parts.push(`rows=${s.rows}`, `${s.durationMs.toFixed(1)} ms`);
  return parts.join(" ");
}

const toCol = (c: string | Column): Expr => (typeof c === "string" ? col(c).expr : c.expr);

export class DataFrame {
  /** @internal */
  constructor(
    readonly session: Session,
    /** @internal The analyzed logical plan. */
    readonly plan: LogicalPlan,
  ) {}

  /** @internal */
  withPlan(plan: LogicalPlan): DataFrame {
    return new DataFrame(this.session, plan);
  }

  // ---- schema ---------------------------------------------------------------------------------

  /** The output fields. @example df.schema // [{ name: "age", type: "int32", nullable: true }, …] */
  get schema(): Field[] {
    return outputOf(this.plan).map(toField);
  }

  /** The column names. @example df.columns // ["name", "age"] */
  get columns(): string[] {
    return outputOf(this.plan).map((a) => a.name);
  }

  /** [name, type] pairs, as PySpark's dtypes. @example df.dtypes // [["age", "int32"]] */
  get dtypes(): [string, string][] {
    return outputOf(this.plan).map((a) => [a.name, a.type]);
  }

  /** This DataFrame's column, for use across joins. @example a.join(b, a.col("id").eq(b.col("id"))) */
  col(name: string): Column {
    const attrs = outputOf(this.plan);
    const dot = name.indexOf(".");
    // "s.a" with no column of that name: field a of this DataFrame's struct column s (Spark's df["s.a"]).
    if (dot > 0 && !attrs.some((a) => a.name === name)) {
      const base = attrs.find((a) => a.name === name.slice(0, dot)) ?? attrs.find((a) => a.name.toLowerCase() === name.slice(0, dot).toLowerCase());
      if (base !== undefined && isStructType(base.type)) {
        let c = new Column({ kind: "ref", attr: base });
        for (const f of name.slice(dot + 1).split(".")) c = c.getField(f);
        return c;
      }
    }
    const attr = resolveName(name, undefined, attrs, { operation: "col" });
    return new Column({ kind: "ref", attr });
  }

  // ---- transformations ------------------------------------------------------------------------

  /** @example df.select("name", col("age").plus(1).alias("next")) */
  select(...cols: (string | Column | readonly (string | Column)[])[]): DataFrame {
    const flat = cols.flat() as (string | Column)[];
    return this.withPlan(buildProject(this.plan, flat.map(toCol)));
  }

  /** Select with SQL expressions. @example df.selectExpr("name", "age * 2 AS double_age") */
  selectExpr(...exprs: string[]): DataFrame {
    const udfs = this.session.udf.sqlFunctions();
    return this.withPlan(buildProject(this.plan, exprs.map((x) => parseSelectItemWith(x, udfs)), "selectExpr"));
  }

  /** Keeps rows where the condition is true. @example df.where("age > 25 AND dept = 'x'") */
  filter(condition: Column | string): DataFrame {
    const e = typeof condition === "string" ? parseExpressionWith(condition, this.session.udf.sqlFunctions()) : condition.expr;
    return this.withPlan(buildFilter(this.plan, e));
  }

  /** Same as filter. @example df.where(col("age").gt(25)) */
  where(condition: Column | string): DataFrame {
    return this.filter(condition);
  }

  /** Adds or replaces a column. @example df.withColumn("age2", col("age").multiply(2)) */
  withColumn(name: string, value: Column): DataFrame {
    return this.withPlan(buildWithColumn(this.plan, name, value.expr));
  }

  /** @example df.withColumnRenamed("age", "years") */
  withColumnRenamed(existing: string, renamed: string): DataFrame {
    return this.withPlan(buildRename(this.plan, existing, renamed));
  }

  /** Drops columns (unknown names are ignored, as Spark). @example df.drop("tmp", "debug") */
  drop(...cols: (string | Column)[]): DataFrame {
    const targets = cols.map((c) => {
      if (typeof c === "string") return c;
      if (c.expr.kind === "ref") return c.expr.attr;
      if (c.expr.kind === "col") return c.expr.name;
      throw new AnalysisError("drop() takes column names or columns.");
    });
    return this.withPlan(buildDrop(this.plan, targets));
  }

  /** @example df.groupBy("dept").agg(count("*")) */
  groupBy(...cols: (string | Column | readonly (string | Column)[])[]): GroupedData {
    const flat = cols.flat() as (string | Column)[];
    return new GroupedData(this, flat.map(toCol));
  }

  /** Same as groupBy. @example df.groupby("dept").count() */
  groupby(...cols: (string | Column)[]): GroupedData {
    return this.groupBy(...cols);
  }

  /** Aggregates over the whole DataFrame. @example df.agg(max("age")) */
  agg(...exprs: Column[]): DataFrame {
    return this.withPlan(buildAggregate(this.plan, [], exprs.map((e) => e.expr)));
  }

  /**
   * Sorts (ascending, nulls first by default; `desc()` puts nulls last, as Spark).
   * @example df.orderBy(col("age").desc(), "name")
   * @example df.orderBy("age", { ascending: false })
   */
  orderBy(...args: (string | Column | readonly (string | Column)[] | { ascending: boolean | readonly boolean[] })[]): DataFrame {
    let opts: { ascending: boolean | readonly boolean[] } | undefined;
    const last = args[args.length - 1];
    if (last && typeof last === "object" && !(last instanceof Column) && !Array.isArray(last)) {
      opts = last as { ascending: boolean | readonly boolean[] };
      args = args.slice(0, -1);
    }
    const cols = (args as (string | Column | readonly (string | Column)[])[]).flat() as (string | Column)[];
    const orders = cols.map((c, i) => {
      const e = toCol(c);
      if (!opts || e.kind === "sortOrder") return e;
      const asc = Array.isArray(opts.ascending) ? (opts.ascending[i] ?? true) : (opts.ascending as boolean);
      return { kind: "sortOrder" as const, input: e, ascending: asc, nullsFirst: asc };
    });
    return this.withPlan(buildSort(this.plan, orders));
  }

  /** Same as orderBy. @example df.sort("age") */
  sort(...args: Parameters<DataFrame["orderBy"]>): DataFrame {
    return this.orderBy(...args);
  }

  /** @example df.limit(10) */
  limit(n: number): DataFrame {
    if (!Number.isInteger(n) || n < 0) throw new AnalysisError(`limit needs a whole number ≥ 0, got ${n}.`);
    return this.withPlan({ kind: "limit", input: this.plan, n });
  }

  /**
   * Joins with another DataFrame on column names (USING: each key appears once) or a condition.
   * `how`: inner, left, right, full (outer), semi, anti, cross (and PySpark's aliases).
   * @example people.join(depts, "dept_id", "left")
   * @example a.join(b, a.col("id").eq(b.col("a_id")), "inner")
   */
  join(other: DataFrame, on?: string | readonly string[] | Column, how: JoinHow = "inner"): DataFrame {
    const kind = JOIN_ALIASES[how.toLowerCase()];
    if (!kind) throw new AnalysisError(`Unknown join type "${how}"; use one of ${Object.keys(JOIN_ALIASES).join(", ")}.`);
    const cond = on === undefined ? null : typeof on === "string" ? [on] : on instanceof Column ? on.expr : on;
    return this.withPlan(buildJoin(this.plan, other.plan, cond, kind));
  }

  /** Cartesian product. @example a.crossJoin(b) */
  crossJoin(other: DataFrame): DataFrame {
    return this.withPlan(buildJoin(this.plan, other.plan, null, "cross"));
  }

  /** Distinct rows. @example df.distinct() */
  distinct(): DataFrame {
    return this.withPlan(buildDropDuplicates(this.plan, undefined));
  }

  /** Distinct rows, or one row per distinct value of `cols`. @example df.dropDuplicates(["email"]) */
  dropDuplicates(cols?: readonly string[]): DataFrame {
    return this.withPlan(buildDropDuplicates(this.plan, cols));
  }

  /** Rows of both, by position (UNION ALL: duplicates kept, as Spark). @example a.union(b) */
  union(other: DataFrame): DataFrame {
    return this.withPlan(buildUnion(this.plan, other.plan, false));
  }

  /** Same as union. @example a.unionAll(b) */
  unionAll(other: DataFrame): DataFrame {
    return this.union(other);
  }

  /** Union matching columns by name. @example a.unionByName(b, { allowMissingColumns: true }) */
  unionByName(other: DataFrame, opts: { allowMissingColumns?: boolean } = {}): DataFrame {
    return this.withPlan(buildUnion(this.plan, other.plan, true, opts.allowMissingColumns ?? false));
  }

  /**
   * Registers this DataFrame as a temporary view for session.sql() (replacing one of the same name).
   * @example df.createOrReplaceTempView("people"); session.sql("SELECT * FROM people")
   */
  createOrReplaceTempView(name: string): void {
    this.session.views.set(name, this.plan);
  }

  // ---- set operations (SQL INTERSECT / EXCEPT); rows compare by position, nulls equal ----------

  /** Distinct rows found in both (SQL INTERSECT). @example a.intersect(b) */
  intersect(other: DataFrame): DataFrame {
    return this.withPlan(buildSetOp(this.plan, other.plan, "intersect"));
  }

  /** Rows found in both, keeping duplicates: min(copies in each) (SQL INTERSECT ALL). @example a.intersectAll(b) */
  intersectAll(other: DataFrame): DataFrame {
    return this.withPlan(buildSetOp(this.plan, other.plan, "intersectAll"));
  }

  /** Distinct rows of this one not found in `other` (SQL EXCEPT). @example a.subtract(b) */
  subtract(other: DataFrame): DataFrame {
    return this.withPlan(buildSetOp(this.plan, other.plan, "except"));
  }

  /** Rows of this one not in `other`, keeping duplicates: copies here minus copies there (SQL EXCEPT ALL). @example a.exceptAll(b) */
  exceptAll(other: DataFrame): DataFrame {
    return this.withPlan(buildSetOp(this.plan, other.plan, "exceptAll"));
  }

  /** Shuffles into n partitions, by hash of `cols` or round robin. @example df.repartition(8, "dept") */
  repartition(n: number, ...cols: (string | Column)[]): DataFrame {
    return this.withPlan(buildRepartition(this.plan, n, cols.map(toCol)));
  }

  /** Merges partitions without a shuffle. @example df.coalesce(1) */
  coalesce(n: number): DataFrame {
    if (!Number.isInteger(n) || n < 1) throw new AnalysisError(`coalesce needs a positive whole number, got ${n}.`);
    return this.withPlan({ kind: "coalesce", input: this.plan, n });
  }

  /**
   * Keeps this DataFrame's partitions in memory after the first action computes them; later
   * actions on the returned DataFrame (and anything built on it) reuse them. Use the returned
   * DataFrame: plans are immutable.
   * @example const hot = df.where("x > 0").cache(); await hot.count(); await hot.show();
   */
  cache(): DataFrame {
    if (this.plan.kind === "cache") return this;
    return this.withPlan({ kind: "cache", input: this.plan, cacheId: this.session.newCacheId() });
  }

  /** Same as cache. @example df.persist() */
  persist(): DataFrame {
    return this.cache();
  }

  /**
   * Writes this DataFrame's partitions to disk (Arrow IPC files in the session's checkpoint
   * folder) and returns a DataFrame that reads them: the lineage is cut there, so recovery never
   * recomputes past it and later plans do not re-run what came before. Eager, as Spark's default.
   * @example const cut = await df.groupBy("k").agg(sum("v")).checkpoint();
   */
  async checkpoint(): Promise<DataFrame> {
    return checkpointDataFrame(this, this.session.checkpointDir);
  }

  /** Drops cached partitions. @example cached.unpersist() */
  unpersist(): DataFrame {
    if (this.plan.kind === "cache") {
      this.session.dropCache(this.plan.cacheId);
      return this.withPlan(this.plan.input);
    }
    return this;
  }

  // ---- more verbs (columns, missing values, reshaping, sampling, statistics) ----------------------

  /** Adds or replaces several columns, all computed from this DataFrame. @example df.withColumns({ a2: col("a").multiply(2), b: lit(1) }) */
  withColumns(cols: Readonly<Record<string, Column>>): DataFrame {
    return this.withPlan(buildWithColumns(this.plan, Object.entries(cols).map(([n, c]) => [n, c.expr] as const)));
  }

  /** New names for every column, by position. @example df.toDF("id", "name") */
  toDF(...names: string[]): DataFrame {
    return this.withPlan(buildToDF(this.plan, names));
  }

  /** A table alias, for self-joins and qualified names. @example e.alias("a").join(e.alias("b"), col("a.id").eq(col("b.boss"))) */
  alias(name: string): DataFrame {
    return this.withPlan(buildAlias(this.plan, name));
  }

  /** Subtotals over the rollup (a, b), (a), () — keys left out are null; see grouping(c). @example df.rollup("country", "city").agg(sum("sales")) */
  rollup(...cols: (string | Column)[]): GroupedData {
    return new GroupedData(this, cols.map(toCol), "rollup");
  }

  /** Aggregates over every subset of the columns (the cube). @example df.cube("a", "b").agg(sum("v"), groupingId()) */
  cube(...cols: (string | Column)[]): GroupedData {
    return new GroupedData(this, cols.map(toCol), "cube");
  }

  /** Wide to long (Spark 3.4): ids, the value column's name, its value; `values` null: all non-ids. @example df.unpivot("id", ["q1", "q2"], "quarter", "sales") */
  unpivot(ids: string | readonly string[], values: string | readonly string[] | null, variableColumnName: string, valueColumnName: string): DataFrame {
    return this.withPlan(buildUnpivot(this.plan, [ids].flat(), values === null ? null : [values].flat(), variableColumnName, valueColumnName));
  }

  /** Same as unpivot. @example df.melt("id", null, "variable", "value") */
  melt(ids: string | readonly string[], values: string | readonly string[] | null, variableColumnName: string, valueColumnName: string): DataFrame {
    return this.unpivot(ids, values, variableColumnName, valueColumnName);
  }

  /**
   * A random sample, the same rows for a seed over the same partitions: Bernoulli, or Poisson with
   * replacement. Also `sample(fraction, seed?)` and `sample(withReplacement, fraction, seed?)`.
   * @example df.sample({ fraction: 0.1, seed: 42 })
   */
  sample(opts: SampleOptions | number | boolean, fractionOrSeed?: number, seed?: number): DataFrame {
    return this.withPlan(buildSample(this.plan, sampleArgs(opts, fractionOrSeed, seed)));
  }

  /** Disjoint random splits covering the rows, sized by weight (cache() a shuffled input first). @example const [train, test] = df.randomSplit([0.8, 0.2], 42) */
  randomSplit(weights: readonly number[], seed: number = randomSeed()): DataFrame[] {
    return buildRandomSplit(this.plan, weights, seed).map((p) => this.withPlan(p));
  }

  /** count, mean, stddev, min, max of numeric and string columns, as strings by statistic (lazy). @example await df.describe("age").show() */
  describe(...cols: (string | readonly string[])[]): DataFrame {
    return this.withPlan(buildSummary(this.plan, cols.flat(), DESCRIBE_STATS, "describe"));
  }

  /** describe with chosen statistics (default adds 25%, 50%, 75%; any "p%", count_distinct). @example df.summary("min", "10%", "max") */
  summary(...stats: string[]): DataFrame {
    return this.withPlan(buildSummary(this.plan, [], stats, "summary"));
  }

  /** As-of join: each left row with the nearest right row by key (backward, forward, nearest), matching `by`. @example trades.joinAsof(quotes, { on: "t", by: "sym", tolerance: 5 }) */
  joinAsof(other: DataFrame, opts: AsofOptions): DataFrame {
    return this.withPlan(buildAsofJoin(this.plan, other.plan, opts));
  }

  /** Missing-value functions (fill, drop, replace). @example df.na.fill(0) */
  get na(): DataFrameNaFunctions {
    return new DataFrameNaFunctions(this);
  }

  /** Same as na.fill. @example df.fillna({ age: 0 }) */
  fillna(value: NaValue | Readonly<Record<string, NaValue>>, subset?: string | readonly string[]): DataFrame {
    return this.na.fill(value, subset);
  }

  /** Same as na.drop. @example df.dropna({ how: "all" }) */
  dropna(opts: DropNaOptions = {}): DataFrame {
    return this.na.drop(opts);
  }

  /** Same as na.replace. @example df.replace("?", null, ["name"]) */
  replace(toReplace: ToReplace, value?: ReplaceValue | readonly ReplaceValue[], subset?: string | readonly string[]): DataFrame {
    return this.na.replace(toReplace, value, subset);
  }

  /** The writer. @example await df.write.mode("overwrite").parquet("out") */
  get write(): DataFrameWriter {
    return new DataFrameWriter(this);
  }

  // ---- actions --------------------------------------------------------------------------------

  private async execute(plan: LogicalPlan = this.plan): Promise<{ table: Table; fields: readonly OutField[] }> {
    const { graph } = this.session.plan(plan);
    const job = await this.session.run(graph);
    try {
      const blocks = job.outputs.flatMap((o) => o.blocks);
      return { table: blocksToTable(blocks, graph.output), fields: graph.output };
    } finally {
      this.session.release(job.jobId);
    }
  }

  /** The result as an apache-arrow Table. @example const t = await df.toArrow() */
  async toArrow(): Promise<Table> {
    return (await this.execute()).table;
  }

  /** All rows as plain objects (int64 as bigint, dates as Date). @example const rows = await df.collect() */
  async collect(): Promise<Row[]> {
    const { table, fields } = await this.execute();
    return tableToRows(table, fields);
  }

  /** The number of rows. @example const n = await df.count() */
  async count(): Promise<number> {
    const counted = buildAggregate(this.plan, [], [{ kind: "agg", fn: "count", input: null, distinct: false }]);
    const { table } = await this.execute(counted);
    const v = table.getChildAt(0)?.get(0) as bigint | number | undefined;
    return Number(v ?? 0);
  }

  /** The first n rows. @example await df.take(5) */
  async take(n: number): Promise<Row[]> {
    return this.limit(n).collect();
  }

  /** Same as take. @example await df.head(5) */
  async head(n = 1): Promise<Row[]> {
    return this.take(n);
  }

  /** The first row, or null. @example await df.first() */
  async first(): Promise<Row | null> {
    return (await this.take(1))[0] ?? null;
  }

  /** Prints the first n rows as a table (and returns the text). @example await df.show() */
  async show(n = 20, truncate: boolean | number = true): Promise<string> {
    const { table, fields } = await this.execute({ kind: "limit", input: this.plan, n: n + 1 });
    const rows = tableToRows(table, fields);
    const width = truncate === true ? 20 : truncate === false ? 0 : truncate;
    const text = formatShow(rows.slice(0, n), fields, rows.length > n, width);
    console.log(text);
    return text;
  }

  /**
   * Prints (and returns) the analyzed, optimized and physical plans and the stages. With
   * "analyze" it runs the query and prints each stage with its figures: attempts, tasks
   * launched, failed and recomputed, rows and time.
   * @example await df.explain()
   * @example await df.explain("analyze")
   */
  async explain(opts: ExplainOptions | boolean | "analyze" = {}): Promise<string> {
    if (opts === "analyze") return this.explainAnalyze();
    const verbose = typeof opts === "boolean" ? opts : (opts.verbose ?? false);
    const { optimized, graph, trace } = this.session.plan(this.plan);
    const parts = ["== Analyzed Logical Plan ==", planToString(this.plan)];
    if (verbose) for (const t of trace) parts.push(`== Logical Plan after ${t.rule} ==`, planToString(t.plan));
    parts.push("== Optimized Logical Plan ==", planToString(optimized), "== Physical Plan ==", stagesToString(graph));
    const text = parts.join("\n");
    console.log(text);
    return text;
  }

  /** Runs the query (the result is dropped) and prints the stages with what each one did. */
  private async explainAnalyze(): Promise<string> {
    const { optimized, graph } = this.session.plan(this.plan);
    const job = await this.session.run(graph);
    const notes = new Map(job.stages.map((s) => [s.stageId, stageFigures(s)] as const));
    const lost = job.lostPartitions.length ? `, lost ${job.lostPartitions.length} partition(s), recomputed ${job.recomputedPartitions.length}` : "";
    const parts = [
      "== Optimized Logical Plan ==",
      planToString(optimized),
      `== Physical Plan (analyzed: job ${job.jobId} ${job.status} in ${job.durationMs.toFixed(1)} ms${lost}) ==`,
      // As it ran: adaptive execution may have coalesced shuffle reads (and so changed task counts).
      stagesToString(job.finalGraph, notes),
    ];
    const text = parts.join("\n");
    console.log(text);
    return text;
  }
}
