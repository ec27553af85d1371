/**
 * Column functions, named as in `pyspark.sql.functions` (camelCase).
 * @example
 * import { col, lit, sum, when } from "cinder";
 * df.groupBy("dept").agg(sum(col("salary")).alias("total"));
 */
import type { AggFn, Expr, ScalarFn, WindowFn } from "../planner/expr.js";
import { DEFAULT_PERCENTILE_ACCURACY } from "../planner/analyzer/stat-aggs.js";
import { parseExpression, parseSelectItem, parseSelectItemWith } from "../planner/sql/index.js";
import { processUdfs } from "./udf.js";
import { Column, type ColumnOrValue, toExpr } from "./column.js";

/** A column by name (`"t.x"` is column x of table alias t). @example col("age") */
export function col(name: string): Column {
  if (name === "*") return new Column({ kind: "col", name: "*" });
  const dot = name.indexOf(".");
  if (dot > 0 && !name.includes("`")) return new Column({ kind: "col", name: name.slice(dot + 1), qualifier: name.slice(0, dot) });
  return new Column({ kind: "col", name: name.replace(/^`|`$/g, "") });
}

/** Same as col. @example column("age") */
export const column = col;

/** A literal value. @example lit(42), lit("x"), lit(null), lit(10n) */
export function lit(value: ColumnOrValue): Column {
  return value instanceof Column ? value : new Column(toExpr(value));
}

/** A SQL expression string, parsed. @example expr("age * 2 AS double_age") */
export function expr(text: string): Column {
  return new Column(parseSelectItemWith(text, processUdfs()));
}

/** Parses a SQL expression (no alias). @internal */
export function sqlExpr(text: string): Expr {
  return parseExpression(text);
}

const asCol = (c: Column | string): Expr => (typeof c === "string" ? col(c).expr : c.expr);

/** Starts a CASE WHEN chain. @example when(col("age").lt(18), "minor").otherwise("adult") */
export function when(condition: Column, value: ColumnOrValue): Column {
  return new Column({ kind: "case", branches: [{ when: condition.expr, then: toExpr(value) }], otherwise: null });
}

/** The first non-null argument. @example coalesce(col("nickname"), col("name"), lit("?")) */
export function coalesce(...cols: (Column | string)[]): Column {
  return new Column({ kind: "call", fn: "coalesce", args: cols.map(asCol) });
}

function call(fn: ScalarFn, ...cols: (Column | string)[]): Column {
  return new Column({ kind: "call", fn, args: cols.map(asCol) });
}

/** @example upper("name") */
export const upper = (c: Column | string): Column => call("upper", c);
/** @example lower("name") */
export const lower = (c: Column | string): Column => call("lower", c);
/** Length in characters. @example length("name") */
export const length = (c: Column | string): Column => call("length", c);
/** @example abs("delta") */
export const abs = (c: Column | string): Column => call("abs", c);
/** @example concat("first", lit(" "), "last") */
export const concat = (...cs: (Column | string)[]): Column => call("concat", ...cs);

/** PySpark's `~`. @example not(col("active")) */
export function not(c: Column): Column {
  return c.not();
}

function agg(fn: AggFn, c: Column | string | null, distinct = false): Column {
  const input = c === null || c === "*" ? null : asCol(c);
  return new Column({ kind: "agg", fn, input, distinct });
}

/** count("*") counts rows; count(col) counts non-null values. @example count("*") */
export const count = (c: Column | string = "*"): Column => agg("count", c);
/** @example countDistinct("user_id") */
export const countDistinct = (c: Column | string): Column => agg("count", c, true);
/** @example sumDistinct("x") */
export const sumDistinct = (c: Column | string): Column => agg("sum", c, true);
/** @example sum("amount") */
export const sum = (c: Column | string): Column => agg("sum", c);
/** @example avg("amount") */
export const avg = (c: Column | string): Column => agg("avg", c);
/** Same as avg. @example mean("amount") */
export const mean = avg;
/** @example min("price") */
export const min = (c: Column | string): Column => agg("min", c);
/** @example max("price") */
export const max = (c: Column | string): Column => agg("max", c);
/** The first value in each group (order is not guaranteed across partitions, as in Spark). @example first("name") */
export const first = (c: Column | string): Column => agg("first", c);
/** @example last("name") */
export const last = (c: Column | string): Column => agg("last", c);

/**
 * Sample standard deviation, float64 (Spark's stddev_samp): NULL for a group with fewer than two
 * non-null values. Same as stddevSamp.
 * @example df.groupBy("dept").agg(stddev("salary"))
 */
export const stddev = (c: Column | string): Column => agg("stddevSamp", c);
/** Sample standard deviation; NULL for fewer than two values. @example stddevSamp("salary") */
export const stddevSamp = stddev;
/** Population standard deviation, float64: 0 for one value, NULL for none. @example stddevPop("salary") */
export const stddevPop = (c: Column | string): Column => agg("stddevPop", c);
/** Sample variance, float64; NULL for fewer than two values. Same as varSamp. @example variance("salary") */
export const variance = (c: Column | string): Column => agg("varSamp", c);
/** Sample variance; NULL for fewer than two values. @example varSamp("salary") */
export const varSamp = variance;
/** Population variance, float64: 0 for one value, NULL for none. @example varPop("salary") */
export const varPop = (c: Column | string): Column => agg("varPop", c);

function agg2(fn: AggFn, a: Column | string, b: Column | string): Column {
  return new Column({ kind: "agg", fn, input: asCol(a), input2: asCol(b), distinct: false });
}

/**
 * Pearson correlation of two numeric columns, float64. Rows where either is null are skipped;
 * NULL for fewer than two pairs or when either column has zero variance (Spark 3).
 * @example df.groupBy("id2", "id4").agg(corr("v1", "v2").multiply(corr("v1", "v2")).alias("r2"))
 */
export const corr = (a: Column | string, b: Column | string): Column => agg2("corr", a, b);
/** Sample covariance, float64; rows with a null skipped; NULL for fewer than two pairs. @example covarSamp("x", "y") */
export const covarSamp = (a: Column | string, b: Column | string): Column => agg2("covarSamp", a, b);
/** Population covariance, float64; rows with a null skipped; 0 for one pair, NULL for none. @example covarPop("x", "y") */
export const covarPop = (a: Column | string, b: Column | string): Column => agg2("covarPop", a, b);

/**
 * The exact median, float64: percentile(c, 0.5), halfway between the middle values of an even
 * count. NULL for a group without values.
 * @example df.groupBy("id4", "id5").agg(median("v3"), stddev("v3"))
 */
export const median = (c: Column | string): Column => agg("median", c);

/**
 * The exact percentile `p` (in [0, 1]) of a numeric column, float64, interpolated linearly between
 * the two nearest values as Spark's `percentile`.
 * @example df.groupBy("dept").agg(percentile("salary", 0.9).alias("p90"))
 */
export function percentile(c: Column | string, p: number): Column {
  return new Column({ kind: "agg", fn: "percentile", input: asCol(c), distinct: false, params: [p] });
}

/**
 * Spark's approx_percentile: the smallest value of the column whose rank is at least p·n, so the
 * result is one of the column's values, of its type. Cinder computes it exactly; `accuracy`
 * (default 10000) is accepted for compatibility and does not change the answer.
 * @example df.groupBy("dept").agg(approxPercentile("age", 0.5))
 */
export function approxPercentile(c: Column | string, p: number, accuracy = DEFAULT_PERCENTILE_ACCURACY): Column {
  return new Column({ kind: "agg", fn: "approxPercentile", input: asCol(c), distinct: false, params: [p, accuracy] });
}
/** Same as approxPercentile. @example percentileApprox("age", 0.25) */
export const percentileApprox = approxPercentile;

/** Rows where a boolean condition is true, int64 (0 for none). @example countIf(col("age").gt(40)) */
export const countIf = (condition: Column | string): Column => agg("countIf", condition);
/** Some value of the group (the first in input order, as first()). @example anyValue("name") */
export const anyValue = (c: Column | string): Column => agg("anyValue", c);

/** Ascending sort order. @example df.orderBy(asc("age")) */
export const asc = (c: Column | string): Column => (typeof c === "string" ? col(c) : c).asc();
/** Descending sort order. @example df.orderBy(desc("age")) */
export const desc = (c: Column | string): Column => (typeof c === "string" ? col(c) : c).desc();

function winFn(fn: WindowFn, args: Expr[] = [], ignoreNulls = false): Column {
  return new Column({ kind: "winFn", fn, args, ignoreNulls });
}

/** 1, 2, 3… within each window partition, in ORDER BY order. @example rowNumber().over(Window.partitionBy("k").orderBy("t")) */
export const rowNumber = (): Column => winFn("row_number");
/** Rank with gaps after ties (1, 1, 3). @example rank().over(Window.orderBy(desc("score"))) */
export const rank = (): Column => winFn("rank");
/** Rank without gaps (1, 1, 2). @example denseRank().over(Window.orderBy(desc("score"))) */
export const denseRank = (): Column => winFn("dense_rank");
/** (rank − 1) / (rows in partition − 1), 0 for a one-row partition. @example percentRank().over(Window.orderBy("x")) */
export const percentRank = (): Column => winFn("percent_rank");
/** Fraction of the partition's rows ordered at or before this one (peers included). @example cumeDist().over(Window.orderBy("x")) */
export const cumeDist = (): Column => winFn("cume_dist");
/** Bucket number 1…n, buckets as equal as possible (the first ones one row larger). @example ntile(4).over(Window.orderBy("x")) */
export const ntile = (n: number): Column => winFn("ntile", [toExpr(n)]);
/** The value `offset` rows before, or `defaultValue` past the partition's start. @example lag("price", 1, 0).over(Window.partitionBy("sym").orderBy("day")) */
export const lag = (c: Column | string, offset = 1, defaultValue: ColumnOrValue = null): Column => winFn("lag", [asCol(c), toExpr(offset), toExpr(defaultValue)]);
/** The value `offset` rows after, or `defaultValue` past the partition's end. @example lead("price").over(Window.partitionBy("sym").orderBy("day")) */
export const lead = (c: Column | string, offset = 1, defaultValue: ColumnOrValue = null): Column => winFn("lead", [asCol(c), toExpr(offset), toExpr(defaultValue)]);
/** The frame's first value (its first non-null one with ignoreNulls). @example firstValue("price").over(w) */
export const firstValue = (c: Column | string, ignoreNulls = false): Column => winFn("first_value", [asCol(c)], ignoreNulls);
/** The frame's last value (its last non-null one with ignoreNulls). @example lastValue("price", true).over(w) */
export const lastValue = (c: Column | string, ignoreNulls = false): Column => winFn("last_value", [asCol(c)], ignoreNulls);
/** The frame's n-th value (from 1), null when the frame is shorter. @example nthValue("price", 2).over(w) */
export const nthValue = (c: Column | string, n: number): Column => winFn("nth_value", [asCol(c), toExpr(n)]);

// ---- grouping sets (rollup / cube) ----------------------------------------------------------
/** 1 when `c` is aggregated away in this row's grouping set (a subtotal), else 0; only in rollup/cube aggregates. @example df.cube("a").agg(grouping("a")) */
export const grouping = (c: Column | string): Column => new Column({ kind: "call", fn: "grouping", args: [asCol(c)] });
/** The grouping set's id: bit i (from the left) is 1 when key i is aggregated away. @example df.rollup("a", "b").agg(groupingId()) */
export const groupingId = (): Column => new Column({ kind: "call", fn: "grouping_id", args: [] });

// The function library, by family: strings, math, dates and timestamps, conditionals and hashes.
export * from "./functions/string-functions.js";
export * from "./functions/math-functions.js";
export * from "./functions/datetime-functions.js";
export * from "./functions/conditional-functions.js";
export * from "./functions/collection-functions.js";
