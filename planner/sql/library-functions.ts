/**
 * SQL names of the function library (planner/functions/): each LibraryFn under its Spark name,
 * plus Spark's aliases and the shorthands that desugar into other nodes (left, ilike, nvl2, iff).
 */
import { type Expr, type LibraryFn, lit } from "../expr.js";
import { maxArgs, minArgs, signatureOf } from "../functions/index.js";
import type { SqlFunction } from "./catalog.js";
import { structArgs } from "../functions/struct-args.js";

function library(fn: LibraryFn): SqlFunction {
  const s = signatureOf(fn);
  if (s === undefined) throw new Error(`internal: no signature for ${fn}`);
  return { aggregate: false, minArgs: minArgs(s), maxArgs: maxArgs(s), build: (args) => ({ kind: "call", fn, args }) };
}

function sugar(minArgs: number, maxArgs: number, build: (args: readonly Expr[]) => Expr): SqlFunction {
  return { aggregate: false, minArgs, maxArgs, build };
}

const at = (args: readonly Expr[], i: number): Expr => {
  const a = args[i];
  if (a === undefined) throw new Error(`internal: missing argument ${i}`);
  return a;
};

/** `ilike(s, p)` is `lower(s) LIKE lower(p)`, as Spark plans it; a literal pattern is lowered here. */
export function ilikeOf(s: Expr, p: Expr): Expr {
  const pattern: Expr = p.kind === "lit" && typeof p.value === "string" ? lit(p.value.toLowerCase()) : { kind: "call", fn: "lower", args: [p] };
  return { kind: "call", fn: "like", args: [{ kind: "call", fn: "lower", args: [s] }, pattern] };
}

/** The field names EXTRACT(field FROM x) takes, and the function each one is. */
export const EXTRACT_FIELDS: ReadonlyMap<string, LibraryFn> = new Map<string, LibraryFn>([
  ["year", "year"], ["years", "year"], ["y", "year"], ["yr", "year"], ["yrs", "year"],
  ["quarter", "quarter"], ["qtr", "quarter"],
  ["month", "month"], ["months", "month"], ["mon", "month"], ["mons", "month"],
  ["week", "weekofyear"], ["weeks", "weekofyear"], ["w", "weekofyear"],
  ["day", "dayofmonth"], ["days", "dayofmonth"], ["d", "dayofmonth"],
  ["dayofweek", "dayofweek"], ["dow", "dayofweek"], ["doy", "dayofyear"],
  ["hour", "hour"], ["hours", "hour"], ["h", "hour"], ["hr", "hour"], ["hrs", "hour"],
  ["minute", "minute"], ["minutes", "minute"], ["m", "minute"], ["min", "minute"], ["mins", "minute"],
  ["second", "second"], ["seconds", "second"], ["s", "second"], ["sec", "second"], ["secs", "second"],
]);

const NAMES: readonly LibraryFn[] = [
  "trim", "ltrim", "rtrim", "substring", "right", "concat_ws", "lpad", "rpad", "startswith", "endswith", "contains",
  "instr", "locate", "reverse", "repeat", "initcap", "replace", "translate", "regexp_extract", "regexp_replace",
  "rlike", "ascii", "octet_length", "bit_length",
  "round", "bround", "floor", "ceil", "sqrt", "cbrt", "exp", "ln", "log10", "log2", "log1p", "pow", "signum",
  "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "degrees", "radians", "greatest", "least", "pmod", "e", "pi",
  "to_date", "to_timestamp", "date_format", "year", "quarter", "month", "dayofmonth", "dayofweek", "dayofyear",
  "weekofyear", "hour", "minute", "second", "date_add", "date_sub", "datediff", "add_months", "months_between",
  "last_day", "date_trunc", "trunc", "current_date", "current_timestamp", "unix_timestamp", "from_unixtime", "make_date",
  "isnan", "nanvl", "hash", "md5", "sha1", "sha2",
  "array", "named_struct", "split", "size", "element_at", "array_contains", "sort_array", "array_distinct",
  "explode", "explode_outer", "posexplode", "posexplode_outer",
];

const ALIASES: ReadonlyArray<readonly [string, LibraryFn]> = [
  ["substr", "substring"], ["regexp", "rlike"], ["regexp_like", "rlike"], ["position", "locate"],
  ["ceiling", "ceil"], ["power", "pow"], ["sign", "signum"], ["day", "dayofmonth"], ["date_diff", "datediff"],
  ["now", "current_timestamp"], ["curdate", "current_date"], ["sha", "sha1"],
  ["cardinality", "size"],
];

/** Function names (lower case) → definitions, merged into SQL_FUNCTIONS. */
export const LIBRARY_SQL_FUNCTIONS: ReadonlyArray<readonly [string, SqlFunction]> = [
  ...NAMES.map((n) => [n, library(n)] as const),
  ...ALIASES.map(([alias, fn]) => [alias, library(fn)] as const),
  // log(x) is the natural logarithm; log(base, x) the logarithm to a base.
  ["log", sugar(1, 2, (a) => (a.length === 1 ? { kind: "call", fn: "ln", args: a } : { kind: "call", fn: "log", args: a }))],
  ["left", sugar(2, 2, (a) => ({ kind: "call", fn: "substring", args: [at(a, 0), lit(1), at(a, 1)] }))],
  ["ilike", sugar(2, 2, (a) => ilikeOf(at(a, 0), at(a, 1)))],
  ["nvl2", sugar(3, 3, (a) => ({ kind: "case", branches: [{ when: { kind: "isNull", input: at(a, 0), negated: true }, then: at(a, 1) }], otherwise: at(a, 2) }))],
  ["iff", sugar(3, 3, (a) => ({ kind: "case", branches: [{ when: at(a, 0), then: at(a, 1) }], otherwise: at(a, 2) }))],
  // struct(a, b): fields named after the columns, as Spark.
  ["struct", sugar(1, Infinity, (a) => ({ kind: "call", fn: "named_struct", args: structArgs(a) }))],
];
