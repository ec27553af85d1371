/**
 * The expression IR. One union serves the user's unresolved expressions (`col` by name) and the
 * analyzer's resolved ones (`ref` to an attribute); `BoundExpr` (planner/bound.ts) is what the
 * executor evaluates. Nodes are immutable plain objects so they print, compare and serialize.
 */
import type { LogicalPlan } from "./logical-plan.js";
import type { Attr, DataType } from "./types.js";

export type LitValue = number | bigint | string | boolean | null;

export type ArithOp = "+" | "-" | "*" | "/" | "%";
export type CmpOp = "=" | "!=" | "<" | "<=" | ">" | ">=" | "<=>";
export type BoolOp = "and" | "or";
export type BinaryOp = ArithOp | CmpOp | BoolOp;

/**
 * Scalar functions known to the engine, by Spark's SQL name (what output column names print). The
 * signatures of all but the first few live in planner/functions/.
 */
export type ScalarFn = "coalesce" | "like" | "abs" | "upper" | "lower" | "length" | "concat" | LibraryFn | GroupingFn;

/** The function library: planner/functions/ has each one's signature, executor/kernels/ its kernel. */
export type LibraryFn = StringFn | MathFn | DatetimeFn | MiscFn | CollectionFn;

/**
 * Arrays and structs. `get_item` is `xs[i]` (0-based), `get_field` is `s.name` (its second
 * argument the field name as a string literal); `named_struct` takes name, value pairs.
 */
export type CollectionFn =
  | "array" | "named_struct" | "split" | "size" | "element_at" | "get_item" | "get_field"
  | "array_contains" | "sort_array" | "array_distinct" | "nested_key" | GeneratorFn;

/**
 * Table-generating functions (Spark's generators): legal only as a top-level select (or
 * withColumn) expression, where the builder turns them into a Generate plan node.
 */
export type GeneratorFn = "explode" | "explode_outer" | "posexplode" | "posexplode_outer";

export const GENERATOR_FNS: ReadonlySet<string> = new Set<GeneratorFn>(["explode", "explode_outer", "posexplode", "posexplode_outer"]);

export function isGeneratorCall(e: Expr): e is Extract<Expr, { kind: "call" }> & { readonly fn: GeneratorFn } {
  return e.kind === "call" && GENERATOR_FNS.has(e.fn);
}

export type StringFn =
  | "trim" | "ltrim" | "rtrim" | "substring" | "right" | "concat_ws" | "lpad" | "rpad"
  | "startswith" | "endswith" | "contains" | "instr" | "locate" | "reverse" | "repeat" | "initcap"
  | "replace" | "translate" | "regexp_extract" | "regexp_replace" | "rlike" | "ascii" | "octet_length" | "bit_length";

export type MathFn =
  | "round" | "bround" | "floor" | "ceil" | "sqrt" | "cbrt" | "exp" | "log" | "ln" | "log10" | "log2" | "log1p"
  | "pow" | "signum" | "sin" | "cos" | "tan" | "asin" | "acos" | "atan" | "atan2" | "degrees" | "radians"
  | "greatest" | "least" | "pmod" | "e" | "pi";

export type DatetimeFn =
  | "to_date" | "to_timestamp" | "date_format" | "year" | "quarter" | "month" | "dayofmonth" | "dayofweek"
  | "dayofyear" | "weekofyear" | "hour" | "minute" | "second" | "date_add" | "date_sub" | "datediff"
  | "add_months" | "months_between" | "last_day" | "date_trunc" | "trunc" | "current_date" | "current_timestamp"
  | "unix_timestamp" | "from_unixtime" | "make_date";

export type MiscFn = "isnan" | "nanvl" | "hash" | "md5" | "sha1" | "sha2";

/** Markers only legal in rollup/cube aggregates, where the analyzer rewrites them over the grouping id. */
export type GroupingFn = "grouping" | "grouping_id";

export type AggFn =
  | "count" | "sum" | "avg" | "min" | "max" | "first" | "last"
  | "stddevSamp" | "stddevPop" | "varSamp" | "varPop" | "corr" | "covarSamp" | "covarPop"
  | "median" | "percentile" | "approxPercentile" | "countIf" | "anyValue" | "collectList" | "collectSet";

/** Spark's SQL name of each aggregate: what output column names and EXPLAIN print. */
export const AGG_SQL_NAMES: Readonly<Record<AggFn, string>> = {
  count: "count", sum: "sum", avg: "avg", min: "min", max: "max", first: "first", last: "last",
  stddevSamp: "stddev_samp", stddevPop: "stddev_pop", varSamp: "var_samp", varPop: "var_pop",
  corr: "corr", covarSamp: "covar_samp", covarPop: "covar_pop",
  median: "median", percentile: "percentile", approxPercentile: "approx_percentile", countIf: "count_if", anyValue: "any_value",
  collectList: "collect_list", collectSet: "collect_set",
};

/** Functions that only exist over a window (Spark's ranking and offset functions). */
export type WindowFn =
  | "row_number"
  | "rank"
  | "dense_rank"
  | "percent_rank"
  | "cume_dist"
  | "ntile"
  | "lag"
  | "lead"
  | "first_value"
  | "last_value"
  | "nth_value";

/**
 * A window frame. `start`/`end` are row offsets (rows) or value offsets of the single ORDER BY
 * key (range) relative to the current row: negative = preceding, 0 = current row, positive =
 * following; null = unbounded (preceding for start, following for end).
 */
export interface WindowFrame {
  readonly type: "rows" | "range";
  readonly start: number | null;
  readonly end: number | null;
}

export interface CaseBranch {
  readonly when: Expr;
  readonly then: Expr;
}

export type Expr =
  /** A column by name, unresolved; `name` "*" is a star. */
  | { readonly kind: "col"; readonly name: string; readonly qualifier?: string }
  /** A resolved column: the attribute of an input. */
  | { readonly kind: "ref"; readonly attr: Attr }
  | { readonly kind: "lit"; readonly value: LitValue; readonly type: DataType }
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "not"; readonly input: Expr }
  | { readonly kind: "neg"; readonly input: Expr }
  | { readonly kind: "isNull"; readonly input: Expr; readonly negated: boolean }
  | { readonly kind: "cast"; readonly input: Expr; readonly to: DataType }
  /**
   * `id` is assigned by the analyzer: the attribute id of the output column. `qualifier`: the
   * output's table alias (`df.alias("a")`), so `col("a.x")` finds it.
   */
  | { readonly kind: "alias"; readonly input: Expr; readonly name: string; readonly id?: number; readonly qualifier?: string }
  | { readonly kind: "case"; readonly branches: readonly CaseBranch[]; readonly otherwise: Expr | null }
  | { readonly kind: "in"; readonly input: Expr; readonly list: readonly Expr[]; readonly negated: boolean }
  | { readonly kind: "call"; readonly fn: ScalarFn; readonly args: readonly Expr[] }
  /**
   * `input` null means count(*). `input2`: the second column of corr/covar. `params`: literal
   * arguments — percentile's and approxPercentile's percentage, then approxPercentile's accuracy.
   */
  | {
      readonly kind: "agg";
      readonly fn: AggFn;
      readonly input: Expr | null;
      readonly distinct: boolean;
      readonly input2?: Expr;
      readonly params?: readonly number[];
    }
  /**
   * A window-only function (only legal as the function of an `over`). args: lag/lead (input,
   * offset literal, default), ntile (n literal), nth_value (input, n literal), first/last_value (input).
   */
  | { readonly kind: "winFn"; readonly fn: WindowFn; readonly args: readonly Expr[]; readonly ignoreNulls: boolean }
  /**
   * `fn OVER (PARTITION BY … ORDER BY … frame)`; fn is a winFn or an agg. `frame` null means
   * Spark's default: the whole partition without ORDER BY, else RANGE UNBOUNDED PRECEDING to
   * CURRENT ROW (peers included).
   */
  | {
      readonly kind: "over";
      readonly fn: Expr;
      readonly partitionBy: readonly Expr[];
      /** `sortOrder` expressions. */
      readonly orderBy: readonly Expr[];
      readonly frame: WindowFrame | null;
    }
  /** A sort key; only legal directly inside orderBy. */
  | { readonly kind: "sortOrder"; readonly input: Expr; readonly ascending: boolean; readonly nullsFirst: boolean }
  /**
   * A subquery in an expression (from SQL): `scalar` is its one column's value, `exists` whether
   * it has rows, `in` whether `input` equals a value of its one column. The optimizer's first
   * rules (rewrite_predicate_subquery, rewrite_scalar_subquery) turn each into a join; no later
   * rule, nor the executor, sees one.
   */
  | { readonly kind: "subquery"; readonly mode: "scalar" | "exists" | "in"; readonly plan: LogicalPlan; readonly input?: Expr }
  /** A column of the enclosing query, inside a correlated subquery's plan. */
  | { readonly kind: "outerRef"; readonly attr: Attr }
  /** A user-defined function (src/udf.ts): plain data, so it crosses to workers as it is. */
  | ({ readonly kind: "udf"; readonly args: readonly Expr[] } & UdfSpec);

/**
 * A user-defined function as the plan carries it: its source text (compiled in each worker, see
 * executor/kernels/udf.ts), never a closure. `vectorized`: called once per batch with Arrow vectors
 * instead of once per row with JavaScript values.
 */
export interface UdfSpec {
  readonly name: string;
  readonly source: string;
  readonly returnType: DataType;
  readonly vectorized: boolean;
}

export const col = (name: string, qualifier?: string): Expr =>
  qualifier === undefined ? { kind: "col", name } : { kind: "col", name, qualifier };

export const ref = (attr: Attr): Expr => ({ kind: "ref", attr });

/** A literal with its natural type: integers that fit in int32 are int32 (as in Spark). */
export function lit(value: LitValue): Expr {
  if (value === null) return { kind: "lit", value, type: "null" };
  if (typeof value === "boolean") return { kind: "lit", value, type: "boolean" };
  if (typeof value === "string") return { kind: "lit", value, type: "utf8" };
  if (typeof value === "bigint") return { kind: "lit", value, type: "int64" };
  if (Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 && !Object.is(value, -0)) {
    return { kind: "lit", value, type: "int32" };
  }
  if (Number.isSafeInteger(value)) return { kind: "lit", value: BigInt(value), type: "int64" };
  return { kind: "lit", value, type: "float64" };
}

export const binary = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: "binary", op, left, right });

/** Children of a node, in order. */
export function children(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case "col":
    case "ref":
    case "lit":
    case "outerRef":
      return [];
    case "subquery":
      return e.input ? [e.input] : [];
    case "binary":
      return [e.left, e.right];
    case "not":
    case "neg":
    case "isNull":
    case "cast":
    case "alias":
    case "sortOrder":
      return [e.input];
    case "case": {
      const out: Expr[] = [];
      for (const b of e.branches) out.push(b.when, b.then);
      if (e.otherwise) out.push(e.otherwise);
      return out;
    }
    case "in":
      return [e.input, ...e.list];
    case "call":
    case "udf":
      return e.args;
    case "agg":
      if (!e.input) return [];
      return e.input2 ? [e.input, e.input2] : [e.input];
    case "winFn":
      return e.args;
    case "over":
      return [e.fn, ...e.partitionBy, ...e.orderBy];
  }
}

/**
 * Rebuilds `e` with `f` applied bottom-up. Returns the same object when nothing changed, so
 * callers (optimizer rules) can detect "unchanged" by identity.
 */
export function transformUp(e: Expr, f: (e: Expr) => Expr): Expr {
  const kids = children(e);
  let changed = false;
  const next = kids.map((k) => {
    const n = transformUp(k, f);
    if (n !== k) changed = true;
    return n;
  });
  return f(changed ? withChildren(e, next) : e);
}

/** A copy of `e` with its children replaced (same order as `children`). */
export function withChildren(e: Expr, kids: readonly Expr[]): Expr {
  const k = (i: number): Expr => {
    const c = kids[i];
    if (c === undefined) throw new Error(`internal: missing child ${i} of ${e.kind}`);
    return c;
  };
  switch (e.kind) {
    case "col":
    case "ref":
    case "lit":
    case "outerRef":
      return e;
    case "subquery":
      return e.input ? { ...e, input: k(0) } : e;
    case "binary":
      return { ...e, left: k(0), right: k(1) };
    case "not":
    case "neg":
    case "isNull":
    case "cast":
    case "alias":
    case "sortOrder":
      return { ...e, input: k(0) };
    case "case": {
      const branches: CaseBranch[] = e.branches.map((_, i) => ({ when: k(2 * i), then: k(2 * i + 1) }));
      return { ...e, branches, otherwise: e.otherwise ? k(2 * e.branches.length) : null };
    }
    case "in":
      return { ...e, input: k(0), list: kids.slice(1) };
    case "call":
    case "udf":
      return { ...e, args: kids };
    case "agg":
      if (!e.input) return e;
      return e.input2 ? { ...e, input: k(0), input2: k(1) } : { ...e, input: k(0) };
    case "winFn":
      return { ...e, args: kids };
    case "over": {
      const np = e.partitionBy.length;
      return { ...e, fn: k(0), partitionBy: kids.slice(1, 1 + np), orderBy: kids.slice(1 + np) };
    }
  }
}

/** True when any node of `e` satisfies `p`. */
export function exists(e: Expr, p: (e: Expr) => boolean): boolean {
  if (p(e)) return true;
  return children(e).some((c) => exists(c, p));
}

/** Attribute ids referenced by `e`. */
export function references(e: Expr, into: Set<number> = new Set()): Set<number> {
  if (e.kind === "ref") into.add(e.attr.id);
  for (const c of children(e)) references(c, into);
  return into;
}

/** Splits `a AND b AND c` into its conjuncts. */
export function conjuncts(e: Expr): Expr[] {
  if (e.kind === "binary" && e.op === "and") return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}

/** Joins predicates with AND; undefined for none. */
export function andAll(preds: readonly Expr[]): Expr | undefined {
  let out: Expr | undefined;
  for (const p of preds) out = out ? binary("and", out, p) : p;
  return out;
}

/** Spark's rendering of a call: `f(a, b)`, and `s.a`, `xs[0]`, `struct(a, b)` for nested access. */
function callToString(e: Extract<Expr, { kind: "call" }>): string {
  const args = e.args;
  if (e.fn === "get_field" && args[1]?.kind === "lit") return `${exprToString(args[0]!)}.${String(args[1].value)}`;
  if (e.fn === "get_item" && args.length === 2) return `${exprToString(args[0]!)}[${exprToString(args[1]!)}]`;
  if (e.fn === "named_struct") {
    // struct(a, b) builds named_struct('a', a, 'b', b); Spark prints it as struct(a, b).
    const values = args.filter((_, i) => i % 2 === 1);
    const byName = args.every((a, i) => i % 2 === 1 || (a.kind === "lit" && a.value === exprName(args[i + 1]!)));
    if (byName) return `struct(${values.map(exprToString).join(", ")})`;
  }
  return `${e.fn}(${args.map(exprToString).join(", ")})`;
}

/** The name Spark gives an unaliased expression's output column. */
export function exprName(e: Expr): string {
  switch (e.kind) {
    case "call":
      // A struct field is named after the field, as Spark names `s.a` "a".
      if (e.fn === "get_field" && e.args[1]?.kind === "lit") return String(e.args[1].value);
      return exprToString(e);
    case "col":
      return e.name;
    case "ref":
      return e.attr.name;
    case "alias":
      return e.name;
    case "cast":
      return `CAST(${exprName(e.input)} AS ${e.to.toUpperCase()})`;
    default:
      return exprToString(e);
  }
}

function litToString(value: LitValue, type: DataType): string {
  if (value === null) return "NULL";
  if (typeof value === "string") return `'${value.replace(/'/g, "\\'")}'`;
  if (type === "date" && typeof value === "number") return `DATE '${new Date(value * 86400000).toISOString().slice(0, 10)}'`;
  if (type === "timestamp" && typeof value === "bigint") {
    return `TIMESTAMP '${new Date(Number(value / 1000n)).toISOString()}'`;
  }
  if (typeof value === "bigint") return `${value}L`;
  if (type === "float64" && typeof value === "number" && Number.isInteger(value)) return `${value}.0`;
  return String(value);
}

/** One-line rendering in Spark's style, e.g. `(age > 25)`, `sum(x)`, `count(1)`. */
export function exprToString(e: Expr): string {
  switch (e.kind) {
    case "col":
      return e.qualifier ? `${e.qualifier}.${e.name}` : e.name;
    case "ref":
      return e.attr.name;
    case "lit":
      return litToString(e.value, e.type);
    case "binary": {
      const op = e.op === "and" ? "AND" : e.op === "or" ? "OR" : e.op;
      return `(${exprToString(e.left)} ${op} ${exprToString(e.right)})`;
    }
    case "not":
      return `(NOT ${exprToString(e.input)})`;
    case "neg":
      return `(- ${exprToString(e.input)})`;
    case "isNull":
      return `(${exprToString(e.input)} IS ${e.negated ? "NOT " : ""}NULL)`;
    case "cast":
      return `CAST(${exprToString(e.input)} AS ${e.to.toUpperCase()})`;
    case "alias":
      return `${exprToString(e.input)} AS ${e.name}`;
    case "case": {
      const parts = e.branches.map((b) => `WHEN ${exprToString(b.when)} THEN ${exprToString(b.then)}`);
      const other = e.otherwise ? ` ELSE ${exprToString(e.otherwise)}` : "";
      return `CASE ${parts.join(" ")}${other} END`;
    }
    case "in":
      return `(${exprToString(e.input)} ${e.negated ? "NOT " : ""}IN (${e.list.map(exprToString).join(", ")}))`;
    case "call":
      return callToString(e);
    case "udf":
      return `${e.name}(${e.args.map(exprToString).join(", ")})`;
    case "agg": {
      const args = [e.input ? exprToString(e.input) : "1", ...(e.input2 ? [exprToString(e.input2)] : []), ...(e.params ?? []).map(String)];
      return `${AGG_SQL_NAMES[e.fn]}(${e.distinct ? "DISTINCT " : ""}${args.join(", ")})`;
    }
    case "sortOrder":
      return `${exprToString(e.input)} ${e.ascending ? "ASC" : "DESC"} NULLS ${e.nullsFirst ? "FIRST" : "LAST"}`;
    case "winFn":
      return `${e.fn}(${e.args.map(exprToString).join(", ")})${e.ignoreNulls ? " IGNORE NULLS" : ""}`;
    case "over":
      return `${exprToString(e.fn)} OVER (${windowSpecToString(e)})`;
    case "outerRef":
      return `outer(${e.attr.name})`;
    case "subquery":
      return e.mode === "in" && e.input ? `(${exprToString(e.input)} IN (subquery))` : e.mode === "exists" ? "exists(subquery)" : "scalar-subquery()";
  }
}

function boundToString(b: number | null, unbounded: string): string {
  if (b === null) return unbounded;
  if (b === 0) return "CURRENT ROW";
  return b < 0 ? `${-b} PRECEDING` : `${b} FOLLOWING`;
}

/** The part inside OVER (…): `PARTITION BY a ORDER BY b DESC NULLS LAST ROWS BETWEEN …`. */
export function windowSpecToString(e: Extract<Expr, { kind: "over" }>): string {
  const parts: string[] = [];
  if (e.partitionBy.length) parts.push(`PARTITION BY ${e.partitionBy.map(exprToString).join(", ")}`);
  if (e.orderBy.length) parts.push(`ORDER BY ${e.orderBy.map(exprToString).join(", ")}`);
  const f = e.frame;
  if (f) parts.push(`${f.type.toUpperCase()} BETWEEN ${boundToString(f.start, "UNBOUNDED PRECEDING")} AND ${boundToString(f.end, "UNBOUNDED FOLLOWING")}`);
  return parts.join(" ");
}

/** True when `p` holds somewhere in `e` outside any window (`over`) subtree. */
export function existsOutsideWindow(e: Expr, p: (e: Expr) => boolean): boolean {
  if (e.kind === "over") return false;
  if (p(e)) return true;
  return children(e).some((c) => existsOutsideWindow(c, p));
}
