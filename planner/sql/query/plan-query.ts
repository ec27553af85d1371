/**
 * A whole query → a logical plan: WITH (CTEs), SELECT blocks joined by UNION / INTERSECT / EXCEPT
 * (INTERSECT binds tighter, as in Spark), then ORDER BY, LIMIT and OFFSET over the result.
 */
import { buildDropDuplicates, buildFilter, buildProject, buildSort, buildUnion } from "../../analyzer/builders.js";
import { buildSetOp } from "../../analyzer/build-set-ops.js";
import { outputOf } from "../../analyzer/types-of.js";
import { AnalysisError } from "../../errors.js";
import { type Expr, binary, lit } from "../../expr.js";
import type { LogicalPlan } from "../../logical-plan.js";
import type { Attr } from "../../types.js";
import { isNode, nameOf, node, nodes, str, subqueryOf } from "./ast.js";
import type { QueryContext, SqlTables } from "./context.js";
import { type AstNode, parseQuery } from "./parse-query.js";
import { applyRule } from "../../rules/rule.js";
import { rewritePredicateSubquery } from "../../rules/rewrite-predicate-subquery.js";
import { rewriteScalarSubquery } from "../../rules/rewrite-scalar-subquery.js";
import { relOf } from "./plan-from.js";
import { SelectPlanner } from "./plan-select.js";
import type { Scope } from "./scope.js";
import { ExprTranslator } from "./translate-expr.js";

export interface PlannedSql {
  readonly plan: LogicalPlan;
  /** Set for `EXPLAIN …`: the caller shows the plan instead of running it. */
  readonly explain: "simple" | "extended" | null;
}

const ref = (attr: Attr): Expr => ({ kind: "ref", attr });

type SetOpName = "union" | "intersect" | "except";

function combine(a: LogicalPlan, b: LogicalPlan, op: SetOpName, all: boolean): LogicalPlan {
  if (op === "union") {
    const u = buildUnion(a, b, false);
    return all ? u : buildDropDuplicates(u, undefined);
  }
  if (op === "intersect") return buildSetOp(a, b, all ? "intersectAll" : "intersect");
  return buildSetOp(a, b, all ? "exceptAll" : "except");
}

function withCtes(ast: AstNode, ctx: QueryContext): QueryContext {
  let c = ctx;
  for (const w of nodes(ast, "with")) {
    const name = nameOf(w["name"]);
    const stmt = node(w, "stmt") ?? {};
    const sub = stmt["type"] === "select" ? stmt : subqueryOf(stmt);
    if (!name || !sub) throw new AnalysisError("SQL: a WITH clause must name a SELECT query.");
    let plan = planQueryAst(sub, c);
    const cols = Array.isArray(w["columns"]) ? w["columns"].map((c: unknown) => nameOf(isNode(c) ? (c["column"] ?? c) : c)) : [];
    if (cols.length) {
      const out = outputOf(plan);
      if (cols.length !== out.length) throw new AnalysisError(`WITH ${name}(${cols.join(", ")}) names ${cols.length} columns, but its query has ${out.length}.`);
      plan = buildProject(plan, out.map((a, i): Expr => ({ kind: "alias", input: ref(a), name: cols[i] ?? a.name })), "WITH");
    }
    c = { ...c, ctes: new Map([...c.ctes, [name.toLowerCase(), plan]]) };
  }
  return c;
}

/** ORDER BY over a set operation's result: positions and output column names. */
function orderResult(plan: LogicalPlan, orderby: readonly AstNode[], ctx: QueryContext): LogicalPlan {
  const out = outputOf(plan);
  const t = new ExprTranslator({
    scope: { rel: relOf(plan, undefined), outer: null, correlated: { value: false } },
    parsed: ctx.parsed,
    udfs: ctx.tables.udfs,
    subquery: () => {
      throw new AnalysisError("SQL: a subquery in ORDER BY is not supported.");
    },
  });
  const orders = orderby.map((o) => {
    const e = node(o, "expr") ?? {};
    if (e["type"] === "number") {
      const v = Number(e["value"]);
      const a = out[v - 1];
      if (!Number.isInteger(v) || !a) throw new AnalysisError(`ORDER BY position ${String(e["value"])} is not in the select list (1 to ${out.length}).`);
      return t.sortOrder(o, ref(a));
    }
    return t.sortOrder(o);
  });
  return buildSort(plan, orders);
}

function intValue(n: AstNode | undefined, what: string): number {
  const v = Number(n?.["value"]);
  if (!Number.isInteger(v) || v < 0) throw new AnalysisError(`${what} needs a whole number ≥ 0, got ${String(n?.["value"])}.`);
  return v;
}

/** LIMIT n [OFFSET k]. OFFSET numbers the sorted rows with row_number() and keeps those past k. */
function limitOffset(plan: LogicalPlan, limit: AstNode | undefined): LogicalPlan {
  const values = nodes(limit ?? {}, "value");
  if (values.length === 0) return plan;
  const hasOffset = String(limit?.["seperator"] ?? "").toLowerCase() === "offset";
  const all = String(values[0]?.["value"]).toUpperCase() === "ALL";
  const n = (values.length === 2 || !hasOffset) && !all ? intValue(values[0], "LIMIT") : undefined;
  const k = hasOffset ? intValue(values[values.length - 1], "OFFSET") : 0;
  if (k === 0) return n === undefined ? plan : { kind: "limit", input: plan, n };
  // ORDER BY a column the select list drops: the sort sits under the projection.
  if (plan.kind === "project" && plan.input.kind === "sort") return { ...plan, input: limitOffset(plan.input, limit) };
  if (plan.kind !== "sort") throw new AnalysisError("OFFSET needs an ORDER BY (without one the rows it skips are not defined).");
  const out = outputOf(plan);
  const orderBy: Expr[] = plan.orders.map((o) => ({ kind: "sortOrder", input: o.expr, ascending: o.ascending, nullsFirst: o.nullsFirst }));
  const rn: Expr = { kind: "over", fn: { kind: "winFn", fn: "row_number", args: [], ignoreNulls: false }, partitionBy: [], orderBy, frame: null };
  const numbered = buildProject(plan, [...out.map(ref), { kind: "alias", input: rn, name: "__row" }], "OFFSET");
  const row = ref(outputOf(numbered)[out.length] as Attr);
  let p = buildSort(buildFilter(numbered, binary(">", row, lit(k))), [row]);
  if (n !== undefined) p = { kind: "limit", input: p, n };
  return buildProject(p, out.map(ref), "OFFSET");
}

/** Plans a query's AST (a select, possibly the head of a set-operation chain). */
export function planQueryAst(ast: AstNode, outerCtx: QueryContext, outer: Scope | null = null): LogicalPlan {
  const ctx = withCtes(ast, outerCtx);
  const operands: AstNode[] = [];
  const ops: { op: SetOpName; all: boolean }[] = [];
  for (let s: AstNode | undefined = ast; s; s = node(s, "_next")) {
    operands.push(s);
    const next = node(s, "_next");
    if (!next) break;
    const raw = (str(s, "set_op") ?? "").toLowerCase();
    const op = raw.split(" ")[0] as SetOpName;
    if (op !== "union" && op !== "intersect" && op !== "except") throw new AnalysisError(`SQL: the set operation ${raw.toUpperCase()} is not supported.`);
    ops.push({ op, all: raw.endsWith(" all") || ctx.parsed.setOpAll.has(s) });
  }
  const last = operands[operands.length - 1] as AstNode;
  if (operands.length === 1) return limitOffset(new SelectPlanner(ast, ctx, outer).plan(true), node(ast, "limit"));
  // INTERSECT first, then UNION / EXCEPT left to right.
  const plans: LogicalPlan[] = [new SelectPlanner(operands[0] as AstNode, ctx, outer).plan(false)];
  const rest: { op: SetOpName; all: boolean }[] = [];
  ops.forEach((o, i) => {
    const p = new SelectPlanner(operands[i + 1] as AstNode, ctx, outer).plan(false);
    if (o.op === "intersect") plans[plans.length - 1] = combine(plans[plans.length - 1] as LogicalPlan, p, o.op, o.all);
    else (plans.push(p), rest.push(o));
  });
  let plan = plans[0] as LogicalPlan;
  rest.forEach((o, i) => (plan = combine(plan, plans[i + 1] as LogicalPlan, o.op, o.all)));
  // The library hangs a chain's ORDER BY and LIMIT on its last SELECT; they apply to the whole.
  const orderby = nodes(last, "orderby");
  if (orderby.length) plan = orderResult(plan, orderby, ctx);
  return limitOffset(plan, node(last, "limit"));
}

/**
 * Plans a SQL query over the session's tables.
 * @example
 * planSql("SELECT dept, count(*) AS n FROM people GROUP BY dept", tables).plan
 */
export function planSql(text: string, tables: SqlTables): PlannedSql {
  const parsed = parseQuery(text);
  const ctx: QueryContext = { parsed, tables, ctes: new Map(), query: planQueryAst };
  const plan = planQueryAst(parsed.ast, ctx);
  // Subqueries are rewritten into joins by the optimizer's first rules; running them here too
  // reports a subquery they cannot rewrite when sql() is called, not at the first action.
  let probe = plan;
  for (let i = 0; i < 10; i++) {
    const next = applyRule(rewritePredicateSubquery, applyRule(rewriteScalarSubquery, probe));
    if (next === probe) break;
    probe = next;
  }
  return { plan, explain: parsed.explain };
}
