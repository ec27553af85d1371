/**
 * rewrite_predicate_subquery: a WHERE conjunct `[NOT] EXISTS (subquery)` or `x [NOT] IN (subquery)`
 * becomes a left semi (anti) join with the subquery; its correlated conditions (see decorrelate.ts)
 * join the condition. NOT IN is null-aware, as Spark: a null on either side makes `x NOT IN (…)`
 * not true unless the subquery is empty, so its anti join also matches when x or y is null.
 *
 * ```text
 * Before:                                           After:
 * Filter exists(subquery)                           Join semi (k = t.k)
 * +- Scan t            subquery:                    :- Scan t
 *                      Project [1]                  +- Project [1, k]
 *                      +- Filter (k = outer(t.k))      +- Scan u
 *                         +- Scan u
 *
 * Filter (NOT (x IN (subquery)))                    Join anti (((x = y) OR (x IS NULL)) OR (y IS NULL))
 * +- Scan t            subquery: Scan u [y]         :- Scan t
 *                                                   +- Scan u
 * ```
 * It runs first, before any other rule, so no later rule or the executor sees a subquery.
 */
import { buildJoin } from "../analyzer/builders.js";
import { resolveExpr } from "../analyzer/resolve.js";
import { nullableOf, outputOf } from "../analyzer/types-of.js";
import { AnalysisError } from "../errors.js";
import { type Expr, andAll, binary, conjuncts, exists, lit } from "../expr.js";
import type { LogicalPlan } from "../logical-plan.js";
import type { Attr } from "../types.js";
import { decorrelate, freshenSide, nodeExprs, remap, unouter } from "./decorrelate.js";
import type { Rule } from "./rule.js";

type Subquery = Extract<Expr, { kind: "subquery" }>;

/** The predicate subquery of a conjunct, and whether a NOT wraps it. */
function predicateOf(c: Expr): { sq: Subquery; negated: boolean } | undefined {
  const negated = c.kind === "not";
  const inner = c.kind === "not" ? c.input : c;
  return inner.kind === "subquery" && inner.mode !== "scalar" ? { sq: inner, negated } : undefined;
}

function joinPredicate(outer: LogicalPlan, sq: Subquery, negated: boolean): LogicalPlan {
  const how = negated ? "anti" : "semi";
  const what = sq.mode === "exists" ? "an EXISTS subquery" : "an IN subquery";
  const d = decorrelate(sq.plan, what, false);
  const side = freshenSide(d.plan, new Set(outputOf(outer).map((a) => a.id)));
  const conditions = d.conditions.map((c) => remap(unouter(c), side.map));
  if (sq.mode === "exists") {
    if (conditions.length === 0) return buildJoin(outer, { kind: "limit", input: side.plan, n: 1 }, lit(true), how);
    return buildJoin(outer, side.plan, andAll(conditions) as Expr, how);
  }
  const column = outputOf(sq.plan);
  if (column.length !== 1 || !sq.input) throw new AnalysisError(`The subquery of IN must select exactly one column, but selects ${column.length} (${column.map((a) => a.name).join(", ")}).`);
  const y: Expr = remap({ kind: "ref", attr: column[0] as Attr }, side.map);
  const both = [...outputOf(outer), ...outputOf(side.plan)];
  const x = sq.input;
  let match = resolveExpr(binary("=", x, y), both, { operation: "IN (subquery)" });
  if (negated && (nullableOf(x) || nullableOf(y))) {
    match = binary("or", binary("or", match, { kind: "isNull", input: x, negated: false }), { kind: "isNull", input: y, negated: false });
  }
  return buildJoin(outer, side.plan, andAll([match, ...conditions]) as Expr, how);
}

const isPredicate = (e: Expr): boolean => exists(e, (x) => x.kind === "subquery" && x.mode !== "scalar");

function rewrite(p: LogicalPlan): LogicalPlan {
  if (p.kind !== "filter") {
    if (nodeExprs(p).some(isPredicate)) {
      throw new AnalysisError(`SQL: EXISTS and IN (subquery) are supported in WHERE (and HAVING), not in ${p.kind === "join" ? "a JOIN's ON condition" : p.kind === "project" ? "the select list" : p.kind === "sort" ? "ORDER BY" : p.kind}.`);
    }
    return p;
  }
  const cs = conjuncts(p.predicate);
  if (!isPredicate(p.predicate)) return p;
  const rest = cs.filter((c) => !predicateOf(c));
  for (const c of rest) {
    if (isPredicate(c)) {
      throw new AnalysisError("SQL: EXISTS and IN (subquery) are supported as WHERE conditions joined by AND (optionally under NOT), not inside OR, CASE or other expressions.");
    }
  }
  const kept = andAll(rest);
  let plan: LogicalPlan = kept ? { kind: "filter", input: p.input, predicate: kept } : p.input;
  for (const c of cs) {
    const pred = predicateOf(c);
    if (pred) plan = joinPredicate(plan, pred.sq, pred.negated);
  }
  return plan;
}

export const rewritePredicateSubquery: Rule = { name: "rewrite_predicate_subquery", rewrite };
