/**
 * Resolution of `fn OVER (…)`: the function must be a window function or an aggregate, ranking and
 * offset functions need an ORDER BY, offsets and bucket counts must be literals, a RANGE frame with
 * value offsets needs exactly one numeric ORDER BY key. Errors name the function and what to fix.
 */
import { AnalysisError } from "../errors.js";
import { type Expr, exprToString, existsOutsideWindow, exists } from "../expr.js";
import { isNumeric } from "../types.js";
import type { ResolveContext } from "./resolve.js";
import { typeOf } from "./types-of.js";

type Over = Extract<Expr, { kind: "over" }>;
type WinFnExpr = Extract<Expr, { kind: "winFn" }>;
type Resolve = (e: Expr, ctx: ResolveContext) => Expr;

/** Aggregates the window operator computes over frames. */
const WINDOW_AGGS = new Set(["count", "sum", "avg", "min", "max", "first", "last", "collectList", "collectSet"]);

const NEEDS_ORDER = new Set(["row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead"]);

function positiveIntLiteral(e: Expr | undefined, what: string, fn: string): number {
  const v = e && e.kind === "lit" ? e.value : undefined;
  const n = typeof v === "bigint" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
    throw new AnalysisError(`${fn}() needs ${what} as a positive whole number literal, got ${e ? exprToString(e) : "nothing"}.`);
  }
  return n;
}

function resolveWinFn(f: WinFnExpr, resolve: Resolve, ctx: ResolveContext): Expr {
  const args = f.args.map((a) => resolve(a, ctx));
  const fn = f.fn;
  switch (fn) {
    case "ntile":
      positiveIntLiteral(args[0], "the number of buckets", fn);
      return { ...f, args };
    case "lag":
    case "lead": {
      const input = args[0];
      if (!input) throw new AnalysisError(`${fn}() needs a column.`);
      const offsetExpr = args[1];
      const v = offsetExpr?.kind === "lit" ? offsetExpr.value : undefined;
      const off = typeof v === "bigint" ? Number(v) : v;
      if (offsetExpr && (typeof off !== "number" || !Number.isInteger(off))) {
        throw new AnalysisError(`${fn}() needs its offset as a whole number literal, got ${exprToString(offsetExpr)}.`);
      }
      const t = typeOf(input);
      const dflt = args[2] ?? { kind: "lit", value: null, type: t };
      if (dflt.kind !== "lit") throw new AnalysisError(`${fn}() needs its default as a literal, got ${exprToString(dflt)}.`);
      const dt = typeOf(dflt);
      if (dt !== t && dt !== "null" && !(isNumeric(dt) && isNumeric(t))) {
        throw new AnalysisError(`Type mismatch in ${ctx.operation}: the default of ${fn}() is ${dt}, the column ${exprToString(input)} is ${t}.`);
      }
      return { ...f, args: [input, { kind: "lit", value: off ?? 1, type: "int32" }, { ...dflt, type: t }] };
    }
    case "nth_value":
      if (!args[0]) throw new AnalysisError(`nth_value() needs a column.`);
      positiveIntLiteral(args[1], "n", fn);
      return { ...f, args };
    case "first_value":
    case "last_value":
      if (!args[0]) throw new AnalysisError(`${fn}() needs a column.`);
      return { ...f, args };
    default:
      if (args.length > 0) throw new AnalysisError(`${fn}() takes no arguments, got ${args.length}.`);
      return { ...f, args };
  }
}

/** Resolves one window expression; `resolve` resolves a child against the same input. */
export function resolveOver(e: Over, resolve: Resolve, ctx: ResolveContext): Expr {
  const where = `a window in ${ctx.operation}`;
  for (const k of [...e.partitionBy, ...e.orderBy]) {
    if (exists(k, (x) => x.kind === "over" || x.kind === "agg" || x.kind === "winFn")) {
      throw new AnalysisError(`Window PARTITION BY / ORDER BY keys cannot hold aggregates or window functions: ${exprToString(k)} in ${ctx.operation}.`);
    }
  }
  const partitionBy = e.partitionBy.map((k) => resolve(k, { ...ctx, operation: where }));
  const orderBy = e.orderBy.map((k) => resolve(k.kind === "sortOrder" ? k : { kind: "sortOrder", input: k, ascending: true, nullsFirst: true }, { ...ctx, operation: where }));
  let fn: Expr;
  const f = e.fn;
  if (f.kind === "winFn") {
    if (NEEDS_ORDER.has(f.fn) && orderBy.length === 0) {
      throw new AnalysisError(`Window function ${f.fn}() needs an ordered window: add .orderBy(...) to its Window (in ${ctx.operation}).`);
    }
    fn = resolveWinFn(f, resolve, ctx);
  } else if (f.kind === "agg") {
    if (f.distinct) throw new AnalysisError(`DISTINCT aggregates are not supported over a window: ${exprToString(f)} in ${ctx.operation}.`);
    if (!WINDOW_AGGS.has(f.fn)) {
      throw new AnalysisError(`${exprToString(f)} is not supported over a window yet; over a window use ${[...WINDOW_AGGS].join(", ")} (in ${ctx.operation}).`);
    }
    if (f.input && existsOutsideWindow(f.input, (x) => x.kind === "agg")) throw new AnalysisError(`Aggregate functions cannot be nested: ${exprToString(f)}.`);
    fn = resolve(f, { ...ctx, allowAggregates: true });
  } else {
    throw new AnalysisError(`Only window functions and aggregates can be used with over(): ${exprToString(f)} in ${ctx.operation}.`);
  }
  if (exists(fn, (x) => x !== fn && x.kind === "over")) throw new AnalysisError(`Window functions cannot be nested: ${exprToString(e)}.`);
  const frame = e.frame;
  if (frame) {
    if (frame.start !== null && frame.end !== null && frame.start > frame.end) {
      throw new AnalysisError(`Window frame ${frame.type}Between(${frame.start}, ${frame.end}) starts after it ends.`);
    }
    const valueOffsets = frame.type === "range" && ((frame.start ?? 0) !== 0 || (frame.end ?? 0) !== 0);
    if (valueOffsets) {
      const key = orderBy[0];
      const kt = key ? typeOf(key) : "null";
      if (orderBy.length !== 1 || !(isNumeric(kt) || kt === "date")) {
        throw new AnalysisError(`A rangeBetween frame with value offsets needs exactly one numeric or date ORDER BY key, got ${orderBy.length === 0 ? "none" : orderBy.map(exprToString).join(", ")}.`);
      }
    }
  }
  return { ...e, fn, partitionBy, orderBy };
}
