/**
 * Subqueries in WHERE and SELECT, decorrelated into joins as the query is planned (Spark's
 * RewritePredicateSubquery and RewriteCorrelatedScalarSubquery, done here because Cinder's
 * expression IR has no subquery node):
 *
 * ```text
 * WHERE [NOT] EXISTS (SELECT … FROM u WHERE u.k = t.k AND p)   →  Join semi|anti (u.k = t.k)
 *                                                                   :- t
 *                                                                   +- Filter p (u)
 * WHERE x IN (SELECT y FROM u [WHERE u.k = t.k])               →  Join semi ((x = y) [AND u.k = t.k])
 * WHERE x NOT IN (SELECT y FROM u)   (null-aware, as Spark)     →  Join anti ((x = y) OR isnull(x) OR isnull(y))
 *                                                                  (plain (x = y) when neither can be null)
 * (SELECT max(v) FROM u)             (uncorrelated scalar)      →  Join cross with the one-row aggregate
 * (SELECT max(v) FROM u WHERE u.k = t.k)   (correlated)         →  Join left (t.k = u.k)
 *                                                                   +- Aggregate [u.k] [max(v)]
 * ```
 * A correlated scalar count() becomes coalesce(count, 0): the left join's missing group is a count of 0.
 */
import { buildAggregate, buildFilter, buildJoin } from "../../analyzer/builders.js";
import { resolveExpr } from "../../analyzer/resolve.js";
import { nullableOf, outputOf } from "../../analyzer/types-of.js";
import { AnalysisError } from "../../errors.js";
import { type Expr, andAll, binary, exists, lit, references } from "../../expr.js";
import type { LogicalPlan } from "../../logical-plan.js";
import type { Attr } from "../../types.js";
import { node, nodes, str, subqueryOf, unsupported } from "./ast.js";
import type { QueryContext } from "./context.js";
import type { AstNode } from "./parse-query.js";
import { freshen, planFrom, relOf } from "./plan-from.js";
import type { Rel, Scope } from "./scope.js";
import { ExprTranslator } from "./translate-expr.js";

/** FROM and the WHERE conjuncts of a subquery that use only its own columns; the others are returned. */
interface Core {
  readonly rel: Rel;
  readonly scope: Scope;
  readonly correlated: Expr[];
}

const ids = (p: LogicalPlan): Set<number> => new Set(outputOf(p).map((a) => a.id));

/** Splits a WHERE clause into its top-level AND conjuncts. */
export function astConjuncts(n: AstNode | undefined): AstNode[] {
  if (!n) return [];
  if (n["type"] === "binary_expr" && String(n["operator"]).toUpperCase() === "AND") {
    return [...astConjuncts(node(n, "left")), ...astConjuncts(node(n, "right"))];
  }
  return [n];
}

function noScalar(): never {
  throw unsupported("a scalar subquery inside a correlated subquery");
}

function core(sub: AstNode, outer: Scope, ctx: QueryContext): Core {
  const rel = planFrom(nodes(sub, "from"), ctx, outer, ids(outer.rel.plan));
  const scope: Scope = { rel, outer, correlated: { value: false } };
  const local: Expr[] = [];
  const correlated: Expr[] = [];
  for (const c of astConjuncts(node(sub, "where") ?? undefined)) {
    const flag = { value: false };
    const t = new ExprTranslator({ scope: { ...scope, correlated: flag }, parsed: ctx.parsed, scalar: noScalar });
    const e = t.expr(c);
    (flag.value ? correlated : local).push(e);
  }
  const where = andAll(local);
  const plan = where ? buildFilter(rel.plan, where) : rel.plan;
  return { rel: { ...rel, plan }, scope: { ...scope, rel: { ...rel, plan } }, correlated };
}

function isPlain(sub: AstNode): boolean {
  const distinct = node(sub, "distinct");
  const limit = nodes(node(sub, "limit") ?? {}, "value");
  return !sub["_next"] && !node(sub, "groupby") && !node(sub, "having") && !(distinct && distinct["type"]) && limit.length === 0 && !sub["with"];
}

/** The one select item of an IN or scalar subquery, translated in `scope`. */
function onlyItem(sub: AstNode, scope: Scope, ctx: QueryContext, what: string): Expr {
  const items = nodes(sub, "columns");
  const first = items[0];
  if (items.length !== 1 || !first) throw new AnalysisError(`${what} must select exactly one column, but selects ${items.length}.`);
  const t = new ExprTranslator({ scope, parsed: ctx.parsed, scalar: noScalar });
  return t.expr(node(first, "expr") ?? {});
}

/** An uncorrelated subquery planned whole, with ids apart from `avoid`'s. */
function whole(sub: AstNode, outerPlan: LogicalPlan, ctx: QueryContext): LogicalPlan {
  return freshen(relOf(ctx.query(sub, ctx), undefined), ids(outerPlan)).plan;
}

/**
 * A WHERE conjunct that is [NOT] EXISTS / [NOT] IN (subquery), joined into `rel`; undefined when
 * the conjunct is something else.
 */
/** `c` without its leading NOTs, and whether there was an odd number of them. */
function peel(c: AstNode): { n: AstNode; negated: boolean } {
  let negated = false;
  let n = c;
  for (;;) {
    const fnName = n["type"] === "function" ? JSON.stringify(n["name"]).toUpperCase() : "";
    const arg = nodes(node(n, "args") ?? {}, "value")[0];
    if (n["type"] === "unary_expr" && String(n["operator"]).toUpperCase() === "NOT" && node(n, "expr")) n = node(n, "expr") as AstNode;
    else if (fnName.includes('"NOT"') && arg) n = arg;
    else return { n, negated };
    negated = !negated;
  }
}

function existsSubquery(n: AstNode): AstNode | undefined {
  if (n["type"] === "unary_expr" && String(n["operator"]).toUpperCase() === "NOT EXISTS") return undefined;
  const fnName = n["type"] === "function" ? JSON.stringify(n["name"]).toUpperCase() : "";
  return fnName.includes('"EXISTS"') ? subqueryOf(nodes(node(n, "args") ?? {}, "value")[0] ?? {}) : undefined;
}

function inSubquery(n: AstNode): AstNode | undefined {
  const op = n["type"] === "binary_expr" ? String(n["operator"]).toUpperCase() : "";
  return op === "IN" || op === "NOT IN" ? subqueryOf(nodes(node(n, "right") ?? {}, "value")[0] ?? {}) : undefined;
}

/** The library reads NOT EXISTS (q) as one unary operator. */
function notExistsSubquery(n: AstNode): AstNode | undefined {
  if (n["type"] !== "unary_expr" || String(n["operator"]).toUpperCase() !== "NOT EXISTS") return undefined;
  return subqueryOf(node(n, "expr") ?? {});
}

/** Whether a WHERE conjunct is [NOT] EXISTS (subquery) or x [NOT] IN (subquery). */
export function isSubqueryPredicate(c: AstNode): boolean {
  const { n } = peel(c);
  return existsSubquery(n) !== undefined || notExistsSubquery(n) !== undefined || inSubquery(n) !== undefined;
}

/** A WHERE conjunct that is [NOT] EXISTS / [NOT] IN (subquery), joined into `rel`. */
export function subqueryPredicate(rel: Rel, c: AstNode, outer: Scope | null, ctx: QueryContext): Rel {
  const { n, negated } = peel(c);
  const scope: Scope = { rel, outer, correlated: { value: false } };
  const notEx = notExistsSubquery(n);
  if (notEx) return existsJoin(rel, notEx, scope, !negated, ctx);
  const ex = existsSubquery(n);
  if (ex) return existsJoin(rel, ex, scope, negated, ctx);
  const sub = inSubquery(n);
  if (!sub) throw new Error("internal: not a subquery predicate");
  const not = String(n["operator"]).toUpperCase() === "NOT IN";
  return inJoin(rel, node(n, "left") ?? {}, sub, scope, negated !== not, ctx);
}

function existsJoin(rel: Rel, sub: AstNode, scope: Scope, negated: boolean, ctx: QueryContext): Rel {
  const how = negated ? "anti" : "semi";
  const c = core(sub, scope, ctx);
  let plan: LogicalPlan;
  if (c.correlated.length === 0) {
    plan = buildJoin(rel.plan, { kind: "limit", input: whole(sub, rel.plan, ctx), n: 1 }, lit(true), how);
  } else {
    if (!isPlain(sub)) throw unsupported("a correlated EXISTS subquery with GROUP BY, HAVING, DISTINCT, LIMIT or a set operation");
    plan = buildJoin(rel.plan, c.rel.plan, andAll(c.correlated) as Expr, how);
  }
  return { ...rel, plan };
}

function inJoin(rel: Rel, left: AstNode, sub: AstNode, scope: Scope, negated: boolean, ctx: QueryContext): Rel {
  const t = new ExprTranslator({ scope, parsed: ctx.parsed, scalar: noScalar });
  const x = resolveExpr(t.expr(left), outputOf(rel.plan), { operation: "IN (subquery)" });
  const c = core(sub, scope, ctx);
  let inner: LogicalPlan;
  let y: Expr;
  if (c.correlated.length === 0) {
    inner = whole(sub, rel.plan, ctx);
    const out = outputOf(inner);
    if (out.length !== 1) throw new AnalysisError(`The subquery of IN must select exactly one column, but selects ${out.length} (${out.map((a) => a.name).join(", ")}).`);
    y = { kind: "ref", attr: out[0] as Attr };
  } else {
    if (!isPlain(sub)) throw unsupported("a correlated IN subquery with GROUP BY, HAVING, DISTINCT, LIMIT or a set operation");
    inner = c.rel.plan;
    y = resolveExpr(onlyItem(sub, c.scope, ctx, "The subquery of IN"), outputOf(inner), { operation: "IN (subquery)" });
  }
  let match: Expr = binary("=", x, y);
  // NOT IN is null-aware: a null on either side makes `x NOT IN (…)` null (not true), unless the subquery is empty.
  if (negated && (nullableOf(x) || nullableOf(y))) {
    match = binary("or", binary("or", match, { kind: "isNull", input: x, negated: false }), { kind: "isNull", input: y, negated: false });
  }
  const cond = andAll([match, ...c.correlated]) as Expr;
  return { ...rel, plan: buildJoin(rel.plan, inner, cond, negated ? "anti" : "semi") };
}

/** Whether a select list item holds an aggregate (outside any window). */
function isAggregateItem(e: Expr): boolean {
  return exists(e, (x) => x.kind === "agg");
}

/**
 * Joins a scalar subquery into `rel` and returns the new relation and the expression for its value.
 */
export function scalarSubquery(rel: Rel, sub: AstNode, outer: Scope | null, ctx: QueryContext): { rel: Rel; value: Expr } {
  const scope: Scope = { rel, outer, correlated: { value: false } };
  const c = core(sub, scope, ctx);
  if (c.correlated.length === 0) {
    const inner = whole(sub, rel.plan, ctx);
    const out = outputOf(inner);
    if (out.length !== 1) throw new AnalysisError(`A scalar subquery must select exactly one column, but selects ${out.length}.`);
    const item = onlyItem(sub, c.scope, ctx, "A scalar subquery");
    if (node(sub, "groupby") || !isAggregateItem(item)) {
      throw unsupported("a scalar subquery that is not an aggregate without GROUP BY (it must return one row; write max(x), first(x), …)");
    }
    return { rel: { ...rel, plan: buildJoin(rel.plan, inner, null, "cross") }, value: { kind: "ref", attr: out[0] as Attr } };
  }
  if (!isPlain(sub)) throw unsupported("a correlated scalar subquery with GROUP BY, HAVING, DISTINCT, LIMIT or a set operation");
  const item = onlyItem(sub, c.scope, ctx, "A scalar subquery");
  if (!isAggregateItem(item)) throw unsupported("a correlated scalar subquery without an aggregate (write max(x), first(x), …)");
  // Each correlated condition must be inner = outer: the inner side becomes a grouping key.
  const innerIds = ids(c.rel.plan);
  const innerKeys: Expr[] = [];
  const outerKeys: Expr[] = [];
  for (const cond of c.correlated) {
    const only = (e: Expr, inner: boolean): boolean => [...references(e)].every((id) => innerIds.has(id) === inner) && references(e).size > 0;
    if (cond.kind === "binary" && cond.op === "=" && only(cond.left, true) && only(cond.right, false)) (innerKeys.push(cond.left), outerKeys.push(cond.right));
    else if (cond.kind === "binary" && cond.op === "=" && only(cond.right, true) && only(cond.left, false)) (innerKeys.push(cond.right), outerKeys.push(cond.left));
    else throw unsupported(`the correlated condition in a scalar subquery other than inner = outer equalities`);
  }
  const agg = buildAggregate(c.rel.plan, innerKeys, [{ kind: "alias", input: item, name: str(nodes(sub, "columns")[0] ?? {}, "as") ?? "scalar" }], "scalar subquery");
  const out = outputOf(agg);
  const keyAttrs = out.slice(0, innerKeys.length);
  const value = out[out.length - 1] as Attr;
  const cond = andAll(outerKeys.map((k, i) => binary("=", k, { kind: "ref", attr: keyAttrs[i] as Attr }))) as Expr;
  const plan = buildJoin(rel.plan, agg, cond, "left");
  const isCount = item.kind === "agg" && (item.fn === "count" || item.fn === "countIf");
  const ref: Expr = { kind: "ref", attr: { ...value, nullable: true } };
  return { rel: { ...rel, plan }, value: isCount ? { kind: "call", fn: "coalesce", args: [ref, { kind: "cast", input: lit(0), to: value.type }] } : ref };
}
