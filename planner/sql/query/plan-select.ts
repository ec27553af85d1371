/**
 * One SELECT block → a logical plan, built with the DataFrame API's builders in the order Spark
 * evaluates the clauses: FROM, WHERE, GROUP BY / aggregates, HAVING, select list (windows),
 * DISTINCT, ORDER BY. `SELECT a, sum(b) FROM t WHERE c > 0 GROUP BY a` is built exactly as
 * `t.where("c > 0").groupBy("a").agg(sum("b"))`.
 */
import { buildAggregate, buildDropDuplicates, buildFilter, buildProject, buildSort } from "../../analyzer/builders.js";
import { outputOf } from "../../analyzer/types-of.js";
import { AnalysisError } from "../../errors.js";
import { type Expr, exprToString, existsOutsideWindow, transformUp } from "../../expr.js";
import type { LogicalPlan } from "../../logical-plan.js";
import type { Attr } from "../../types.js";
import { nameOf, node, nodes, str, unsupported } from "./ast.js";
import type { QueryContext } from "./context.js";
import type { AstNode } from "./parse-query.js";
import { planFrom } from "./plan-from.js";
import { type Rel, type Scope, starOf } from "./scope.js";
import { ExprTranslator } from "./translate-expr.js";

const ref = (attr: Attr): Expr => ({ kind: "ref", attr });
const unalias = (e: Expr): Expr => (e.kind === "alias" ? e.input : e);
const text = (e: Expr): string => exprToString(unalias(e)).toLowerCase();

function positionOf(n: AstNode, count: number, clause: string): number | undefined {
  if (n["type"] !== "number") return undefined;
  const v = Number(n["value"]);
  if (!Number.isInteger(v) || v < 1 || v > count) throw new AnalysisError(`${clause} position ${String(n["value"])} is not in the select list (1 to ${count}).`);
  return v - 1;
}

export class SelectPlanner {
  private rel: Rel;
  private readonly t: ExprTranslator;
  private items: Expr[] = [];
  private aggregated = false;
  /** The plan before the select list (for ORDER BY on columns the select list drops). */
  private beforeSelect: LogicalPlan;

  constructor(
    private readonly sel: AstNode,
    private readonly ctx: QueryContext,
    outer: Scope | null,
  ) {
    // A subquery's tables get ids apart from its enclosing queries', so a correlated condition
    // (inner.k = outer.k) can tell its two sides apart.
    const avoid = new Set<number>();
    for (let s = outer; s; s = s.outer) for (const a of outputOf(s.rel.plan)) avoid.add(a.id);
    this.rel = planFrom(nodes(sel, "from"), ctx, outer, avoid);
    const scope: Scope = { rel: this.rel, outer, correlated: { value: false } };
    this.t = new ExprTranslator({ scope, parsed: ctx.parsed, udfs: ctx.tables.udfs, subquery: (sub) => ctx.query(sub, ctx, scope) });
    this.beforeSelect = this.rel.plan;
  }

  /** The block without ORDER BY / LIMIT (a set operation's operand applies those to the whole). */
  plan(withOrder: boolean): LogicalPlan {
    // Clauses of the library's PostgreSQL grammar that Spark lacks: refuse rather than ignore them.
    const dist = String(node(this.sel, "distinct")?.["type"] ?? "DISTINCT").toUpperCase();
    if (dist !== "DISTINCT") throw unsupported(`SELECT ${dist}`);
    if (node(this.sel, "into")?.["position"]) throw unsupported("SELECT … INTO");
    this.where();
    this.items = this.selectList();
    this.beforeSelect = this.rel.plan;
    let plan = this.aggregateOrProject();
    const distinct = node(this.sel, "distinct");
    if (distinct && String(distinct["type"] ?? "").toUpperCase() === "DISTINCT") plan = buildDropDuplicates(plan, undefined);
    if (withOrder && nodes(this.sel, "orderby").length) plan = this.orderBy(plan, distinct !== undefined && distinct["type"] === "DISTINCT");
    return plan;
  }

  private where(): void {
    const where = node(this.sel, "where");
    if (where) this.rel = { ...this.rel, plan: buildFilter(this.rel.plan, this.t.expr(where)) };
  }

  private selectList(): Expr[] {
    const out: Expr[] = [];
    for (const item of nodes(this.sel, "columns")) {
      const e = node(item, "expr") ?? {};
      const alias = str(item, "as") ?? nameOf(item["as"]);
      if (e["type"] === "column_ref" && e["column"] === "*") {
        const q = nameOf(e["table"]);
        out.push(...(q ? starOf({ rel: this.rel, outer: null, correlated: { value: false } }, q) : this.rel.visible).map(ref));
        continue;
      }
      const x = this.t.expr(e);
      out.push(alias ? { kind: "alias", input: x, name: alias } : x);
    }
    return out;
  }

  private aggregateOrProject(): LogicalPlan {
    const groupBy = node(this.sel, "groupby");
    const having = node(this.sel, "having");
    const hasAgg = this.items.some((e) => existsOutsideWindow(e, (x) => x.kind === "agg"));
    if (!groupBy && !having && !hasAgg) {
      // SELECT * (every column, in order) needs no projection, as the DataFrame it reads has none.
      const input = outputOf(this.rel.plan);
      const all = this.items.length === input.length && this.items.every((e, i) => e.kind === "ref" && e.attr.id === input[i]?.id);
      return all ? this.rel.plan : buildProject(this.rel.plan, this.items, "SELECT");
    }
    this.aggregated = true;
    const keys = nodes(groupBy ?? {}, "columns").map((k) => this.groupKey(k));
    // A select item that is a grouping key (or an alias of one) reads the key's column.
    const isKey = (e: Expr): number => {
      const u = unalias(e);
      return keys.findIndex((k) => (u.kind === "ref" && k.kind === "ref" ? u.attr.id === k.attr.id : text(u) === text(k)));
    };
    const aggItems = this.items.filter((e) => isKey(e) < 0);
    const outputsOf = (agg: LogicalPlan): Expr[] => {
      const out = outputOf(agg);
      let j = keys.length;
      return this.items.map((e): Expr => {
        const k = isKey(e);
        if (k < 0) return ref(out[j++] as Attr);
        const key = ref(out[k] as Attr);
        return e.kind === "alias" ? { kind: "alias", input: key, name: e.name } : key;
      });
    };
    let agg = buildAggregate(this.rel.plan, keys, aggItems, "SELECT");
    if (having) {
      const h = this.t.expr(having);
      const wanted = outputsOf(agg).map(unalias);
      // HAVING sum(b) > 1 where the select list has sum(b): filter on that column, as df.agg(…).where(…) does.
      const reuse = transformUp(h, (x) => {
        const i = x.kind === "agg" ? this.items.findIndex((it) => text(it) === text(x)) : -1;
        return i >= 0 ? (wanted[i] as Expr) : x;
      });
      try {
        agg = buildFilter(agg, reuse);
      } catch (e) {
        if (!(e instanceof AnalysisError)) throw e;
        const withH = buildAggregate(this.rel.plan, keys, [...aggItems, { kind: "alias", input: h, name: "__having" }], "HAVING");
        const out = outputOf(withH);
        agg = buildFilter(withH, ref(out[out.length - 1] as Attr));
      }
    }
    const exprs = outputsOf(agg);
    const out = outputOf(agg);
    if (exprs.length === out.length && exprs.every((e, i) => e.kind === "ref" && e.attr.id === out[i]?.id)) return agg;
    return buildProject(agg, exprs, "SELECT");
  }

  /** A GROUP BY item: a position or an alias of the select list, or an expression. */
  private groupKey(k: AstNode): Expr {
    const pos = positionOf(k, this.items.length, "GROUP BY");
    if (pos !== undefined) return unalias(this.items[pos] as Expr);
    const e = this.t.expr(k);
    if (e.kind === "col" && e.qualifier === undefined) {
      const hit = this.items.find((it) => it.kind === "alias" && it.name.toLowerCase() === e.name.toLowerCase());
      if (hit) return unalias(hit);
    }
    return e;
  }

  private orderBy(plan: LogicalPlan, distinct: boolean): LogicalPlan {
    const out = outputOf(plan);
    const keys = nodes(this.sel, "orderby").map((o) => {
      const e = node(o, "expr") ?? {};
      const pos = positionOf(e, out.length, "ORDER BY");
      const x = pos === undefined ? this.t.expr(e) : undefined;
      const i = pos ?? (x ? this.items.findIndex((it) => text(it) === text(x)) : -1);
      return { o, i, x };
    });
    const above = keys.map(({ o, i, x }) => this.t.sortOrder(o, i >= 0 && out[i] ? ref(out[i] as Attr) : (x as Expr)));
    try {
      return buildSort(plan, above);
    } catch (err) {
      if (!(err instanceof AnalysisError)) throw err;
      if (this.aggregated || distinct) {
        throw new AnalysisError(
          `ORDER BY ${keys.map(({ o }) => exprToString(this.t.sortOrder(o))).join(", ")}: with ${distinct ? "SELECT DISTINCT" : "GROUP BY or aggregates"}, ORDER BY can use only the result's columns (${out.map((a) => a.name).join(", ")}), their positions, and the select list's expressions.`,
        );
      }
      // ORDER BY a column the select list drops: sort below the projection (aliases stand for their expressions).
      const byAlias = (x: Expr): Expr =>
        transformUp(x, (c) => {
          if (c.kind !== "col" || c.qualifier !== undefined) return c;
          const hit = this.items.find((it) => it.kind === "alias" && it.name.toLowerCase() === c.name.toLowerCase());
          return hit ? unalias(hit) : c;
        });
      const below = keys.map(({ o, i, x }) => this.t.sortOrder(o, i >= 0 ? unalias(this.items[i] as Expr) : byAlias(x as Expr)));
      return buildProject(buildSort(this.beforeSelect, below), this.items, "SELECT");
    }
  }
}
