/**
 * The names the SQL surface knows: functions (aggregates, scalar functions and the Spark
 * shorthands that desugar into existing IR nodes) and the type names CAST accepts.
 */
import { DEFAULT_PERCENTILE_ACCURACY } from "../analyzer/stat-aggs.js";
import { AnalysisError } from "../errors.js";
import { binary, exprToString, lit, type AggFn, type Expr, type ScalarFn, type WindowFn } from "../expr.js";
import type { DataType } from "../types.js";
import { LIBRARY_SQL_FUNCTIONS } from "./library-functions.js";

export interface SqlFunction {
  /** Only aggregates take DISTINCT. */
  readonly aggregate: boolean;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Builds the node; `args.length` is within [minArgs, maxArgs]. */
  readonly build: (args: readonly Expr[], distinct: boolean) => Expr;
}

/** "1 argument", "at least 1 argument", "2 to 3 arguments". */
export function arityText(fn: SqlFunction): string {
  const { minArgs: lo, maxArgs: hi } = fn;
  if (lo === hi) return `${lo} argument${lo === 1 ? "" : "s"}`;
  return hi === Infinity ? `at least ${lo} argument${lo === 1 ? "" : "s"}` : `${lo} to ${hi} arguments`;
}

function arg(args: readonly Expr[], i: number): Expr {
  const a = args[i];
  if (a === undefined) throw new Error(`internal: missing argument ${i}`);
  return a;
}

function aggregate(fn: AggFn): SqlFunction {
  return {
    aggregate: true,
    minArgs: 1,
    maxArgs: 1,
    build: (args, distinct) => {
      const input = arg(args, 0);
      // count(1) counts rows, like count(*): Spark plans both the same way.
      const star = fn === "count" && !distinct && input.kind === "lit" && input.value !== null;
      return { kind: "agg", fn, input: star ? null : input, distinct };
    },
  };
}

/** The number a literal argument holds (a percentage, an accuracy). */
function numberArg(e: Expr, fn: string, what: string): number {
  const inner = e.kind === "neg" ? e.input : e;
  const v = inner.kind === "lit" && (typeof inner.value === "number" || typeof inner.value === "bigint") ? Number(inner.value) : undefined;
  if (v === undefined) throw new AnalysisError(`${fn}(): the ${what} must be a numeric literal, got ${exprToString(e)}.`);
  return e.kind === "neg" ? -v : v;
}

/** An aggregate of two columns: corr, covar_samp, covar_pop. */
function aggregate2(fn: AggFn): SqlFunction {
  return { aggregate: true, minArgs: 2, maxArgs: 2, build: (args, distinct) => ({ kind: "agg", fn, input: arg(args, 0), input2: arg(args, 1), distinct }) };
}

/** percentile(x, p) and approx_percentile(x, p[, accuracy]): literal parameters after the column. */
function percentileOf(fn: "percentile" | "approxPercentile", name: string): SqlFunction {
  const maxArgs = fn === "percentile" ? 2 : 3;
  return {
    aggregate: true,
    minArgs: 2,
    maxArgs,
    build: (args, distinct) => {
      const params = [numberArg(arg(args, 1), name, "percentage")];
      if (fn === "approxPercentile") params.push(args[2] ? numberArg(args[2], name, "accuracy") : DEFAULT_PERCENTILE_ACCURACY);
      return { kind: "agg", fn, input: arg(args, 0), distinct, params };
    },
  };
}

function scalar(fn: ScalarFn, minArgs: number, maxArgs = minArgs): SqlFunction {
  return { aggregate: false, minArgs, maxArgs, build: (args) => ({ kind: "call", fn, args }) };
}

function sugar(arity: number, build: (args: readonly Expr[]) => Expr): SqlFunction {
  return { aggregate: false, minArgs: arity, maxArgs: arity, build };
}

/** A window-only function; `OVER (…)` must follow. `first_value(x, true)` ignores nulls. */
function windowFn(fn: WindowFn, minArgs: number, maxArgs = minArgs): SqlFunction {
  return {
    aggregate: false,
    minArgs,
    maxArgs,
    build: (args) => {
      const flag = args[1];
      const ignoreNulls = (fn === "first_value" || fn === "last_value") && flag?.kind === "lit" && flag.value === true;
      return { kind: "winFn", fn, args: fn === "first_value" || fn === "last_value" ? args.slice(0, 1) : args, ignoreNulls };
    },
  };
}

/** Function names (lower case) → definitions. */
export const SQL_FUNCTIONS: ReadonlyMap<string, SqlFunction> = new Map<string, SqlFunction>([
  ["count", aggregate("count")],
  ["sum", aggregate("sum")],
  ["avg", aggregate("avg")],
  ["mean", aggregate("avg")],
  ["min", aggregate("min")],
  ["max", aggregate("max")],
  ["first", aggregate("first")],
  ["last", aggregate("last")],
  ["row_number", windowFn("row_number", 0)],
  ["rank", windowFn("rank", 0)],
  ["dense_rank", windowFn("dense_rank", 0)],
  ["percent_rank", windowFn("percent_rank", 0)],
  ["cume_dist", windowFn("cume_dist", 0)],
  ["ntile", windowFn("ntile", 1)],
  ["lag", windowFn("lag", 1, 3)],
  ["lead", windowFn("lead", 1, 3)],
  ["first_value", windowFn("first_value", 1, 2)],
  ["last_value", windowFn("last_value", 1, 2)],
  ["nth_value", windowFn("nth_value", 2)],
  ["stddev", aggregate("stddevSamp")],
  ["std", aggregate("stddevSamp")],
  ["stddev_samp", aggregate("stddevSamp")],
  ["stddev_pop", aggregate("stddevPop")],
  ["variance", aggregate("varSamp")],
  ["var_samp", aggregate("varSamp")],
  ["var_pop", aggregate("varPop")],
  ["corr", aggregate2("corr")],
  ["covar_samp", aggregate2("covarSamp")],
  ["covar_pop", aggregate2("covarPop")],
  ["median", aggregate("median")],
  ["percentile", percentileOf("percentile", "percentile")],
  ["approx_percentile", percentileOf("approxPercentile", "approx_percentile")],
  ["percentile_approx", percentileOf("approxPercentile", "percentile_approx")],
  ["count_if", aggregate("countIf")],
  ["any_value", aggregate("anyValue")],
  ["collect_list", aggregate("collectList")],
  ["array_agg", aggregate("collectList")],
  ["collect_set", aggregate("collectSet")],
  ["coalesce", scalar("coalesce", 1, Infinity)],
  ["concat", scalar("concat", 1, Infinity)],
  ["abs", scalar("abs", 1)],
  ["upper", scalar("upper", 1)],
  ["ucase", scalar("upper", 1)],
  ["lower", scalar("lower", 1)],
  ["lcase", scalar("lower", 1)],
  ["length", scalar("length", 1)],
  ["char_length", scalar("length", 1)],
  ["character_length", scalar("length", 1)],
  ["like", scalar("like", 2)],
  ["grouping", scalar("grouping", 1)],
  ["grouping_id", scalar("grouping_id", 0)],
  ["isnull", sugar(1, (a) => ({ kind: "isNull", input: arg(a, 0), negated: false }))],
  ["isnotnull", sugar(1, (a) => ({ kind: "isNull", input: arg(a, 0), negated: true }))],
  ["nvl", sugar(2, (a) => ({ kind: "call", fn: "coalesce", args: a }))],
  ["ifnull", sugar(2, (a) => ({ kind: "call", fn: "coalesce", args: a }))],
  ["if", sugar(3, (a) => ({ kind: "case", branches: [{ when: arg(a, 0), then: arg(a, 1) }], otherwise: arg(a, 2) }))],
  [
    "nullif",
    sugar(2, (a) => ({ kind: "case", branches: [{ when: binary("=", arg(a, 0), arg(a, 1)), then: lit(null) }], otherwise: arg(a, 0) })),
  ],
  // The function library: strings, math, dates and timestamps, NaN tests, hashes.
  ...LIBRARY_SQL_FUNCTIONS,
]);

export interface SqlType {
  readonly type: DataType;
  /** How many `(n, ...)` parameters the name may take, as in `varchar(10)` or `decimal(10, 2)`. */
  readonly maxParams: number;
}

/** CAST type names (lower case). Spark's narrow integers widen to int32 and decimals to float64. */
export const SQL_TYPES: ReadonlyMap<string, SqlType> = new Map<string, SqlType>([
  ...(["int", "integer", "smallint", "short", "tinyint", "byte"] as const).map((n) => [n, { type: "int32", maxParams: 0 }] as const),
  ...(["bigint", "long"] as const).map((n) => [n, { type: "int64", maxParams: 0 }] as const),
  ...(["double", "float", "real"] as const).map((n) => [n, { type: "float64", maxParams: 0 }] as const),
  ...(["decimal", "dec", "numeric"] as const).map((n) => [n, { type: "float64", maxParams: 2 }] as const),
  ...(["boolean", "bool"] as const).map((n) => [n, { type: "boolean", maxParams: 0 }] as const),
  ["string", { type: "utf8", maxParams: 0 }],
  ...(["varchar", "char"] as const).map((n) => [n, { type: "utf8", maxParams: 1 }] as const),
  ["date", { type: "date", maxParams: 0 }],
  ["timestamp", { type: "timestamp", maxParams: 0 }],
]);
