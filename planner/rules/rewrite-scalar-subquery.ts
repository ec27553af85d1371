/**
 * rewrite_scalar_subquery: a scalar subquery in a projection or a filter becomes a join, and the
 * expression reads the joined column. Uncorrelated, it must be an aggregate without GROUP BY (one
 * row) and is cross-joined; correlated, its aggregate is grouped by the correlation keys (see
 * decorrelate.ts) and left-joined on them — a count() of no rows reads 0, not null (Spark's
 * "count bug" fix).
 *
 * ```text
 * Before:                                       After:
 * Filter (v > scalar-subquery())                Project [k, v]
 * +- Scan t        subquery:                    +- Filter (v > avg(v))
 *                  Aggregate [] [avg(v)]           +- Join left (k = k)
 *                  +- Filter (k = outer(t.k))         :- Scan t
 *                     +- Scan u                       +- Aggregate [k] [avg(v)]
 *                                                        +- Scan u
 * ```
 * It runs first, before any other rule, so no later rule or the executor sees a subquery.
 */
import { buildJoin } from "../analyzer/builders.js";
import { outputOf } from "../analyzer/types-of.js";
import { AnalysisError } from "../errors.js";
import { type Expr, andAll, exists, lit, transformUp } from "../expr.js";
import type { AggCall, LogicalPlan } from "../logical-plan.js";
import type { Attr } from "../types.js";
import { decorrelate, freshenSide, nodeExprs, remap, unouter } from "./decorrelate.js";
import type { Rule } from "./rule.js";

type Subquery = Extract<Expr, { kind: "subquery" }>;

const isScalar = (e: Expr): boolean => exists(e, (x) => x.kind === "subquery" && x.mode === "scalar");

/** The aggregate call that computes `attr` at the top of `p` (through a projection), if any. */
function aggregateOf(p: LogicalPlan, attr: Attr): { agg: Extract<LogicalPlan, { kind: "aggregate" }>; call: AggCall | undefined } | undefined {
  if (p.kind === "aggregate") return { agg: p, call: p.aggs.find((a) => a.attr.id === attr.id) };
  if (p.kind === "project" && p.input.kind === "aggregate") {
    const e = p.exprs.find((x) => (x.kind === "alias" ? x.id === attr.id : x.kind === "ref" && x.attr.id === attr.id));
    const inner = e?.kind === "alias" ? e.input : e;
    return { agg: p.input, call: inner?.kind === "ref" ? p.input.aggs.find((a) => a.attr.id === inner.attr.id) : undefined };
  }
  return undefined;
}

/** Joins `sq` into `outer`; returns the new plan and the expression for its value. */
function joinScalar(outer: LogicalPlan, sq: Subquery): { plan: LogicalPlan; value: Expr } {
  const out = outputOf(sq.plan);
  const value = out[0];
  if (out.length !== 1 || !value) throw new AnalysisError(`A scalar subquery must select exactly one column, but selects ${out.length}.`);
  const top = aggregateOf(sq.plan, value);
  const d = decorrelate(sq.plan, "a scalar subquery", true);
  if (!top || (d.conditions.length === 0 && top.agg.keys.length > 0)) {
    throw new AnalysisError("SQL: a scalar subquery must be an aggregate without GROUP BY (one row per outer row): write max(x), first(x), … .");
  }
  const side = freshenSide(d.plan, new Set(outputOf(outer).map((a) => a.id)));
  const conditions = d.conditions.map((c) => remap(unouter(c), side.map));
  const plan = conditions.length === 0 ? buildJoin(outer, side.plan, null, "cross") : buildJoin(outer, side.plan, andAll(conditions) as Expr, "left");
  const id = (side.map.get(value.id) ?? value).id;
  const joined = outputOf(plan).find((a) => a.id === id) as Attr;
  const read: Expr = { kind: "ref", attr: joined };
  const isCount = conditions.length > 0 && (top.call?.fn === "count" || top.call?.fn === "countIf");
  return { plan, value: isCount ? { kind: "call", fn: "coalesce", args: [read, (joined.type === "int64" ? { kind: "lit", value: 0n, type: "int64" } : lit(0))] } : read };
}

/** Joins every scalar subquery of `exprs` into `input`. */
function joinAll(input: LogicalPlan, exprs: readonly Expr[]): { plan: LogicalPlan; exprs: Expr[] } {
  let plan = input;
  const rewritten = exprs.map((e) =>
    transformUp(e, (x) => {
      if (x.kind !== "subquery" || x.mode !== "scalar") return x;
      const j = joinScalar(plan, x);
      plan = j.plan;
      return j.value;
    }),
  );
  return { plan, exprs: rewritten };
}

function rewrite(p: LogicalPlan): LogicalPlan {
  if (p.kind === "filter" && isScalar(p.predicate)) {
    const j = joinAll(p.input, [p.predicate]);
    const filtered: LogicalPlan = { kind: "filter", input: j.plan, predicate: j.exprs[0] as Expr };
    return { kind: "project", input: filtered, exprs: outputOf(p.input).map((a): Expr => ({ kind: "ref", attr: a })) };
  }
  if (p.kind === "project" && p.exprs.some(isScalar)) {
    const j = joinAll(p.input, p.exprs);
    return { ...p, input: j.plan, exprs: j.exprs };
  }
  if (nodeExprs(p).some(isScalar)) throw new AnalysisError(`SQL: a scalar subquery in ${p.kind === "sort" ? "ORDER BY" : p.kind === "join" ? "a JOIN's ON condition" : p.kind === "aggregate" ? "GROUP BY or an aggregate's argument" : p.kind} is not supported; compute it in the select list or WHERE.`);
  return p;
}

export const rewriteScalarSubquery: Rule = { name: "rewrite_scalar_subquery", rewrite };
