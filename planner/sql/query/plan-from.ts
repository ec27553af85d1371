/**
 * FROM: tables (CTEs, then views, then files by path), subqueries, and joins of every kind —
 * built with the same buildJoin the DataFrame API uses.
 */
import { buildJoin, buildProject } from "../../analyzer/builders.js";
import { outputOf } from "../../analyzer/types-of.js";
import { AnalysisError } from "../../errors.js";
import type { Expr } from "../../expr.js";
import type { JoinType, LogicalPlan } from "../../logical-plan.js";
import { type Attr, newAttrId } from "../../types.js";
import { nameOf, node, str, subqueryOf, unsupported } from "./ast.js";
import type { QueryContext } from "./context.js";
import type { AstNode } from "./parse-query.js";
import type { Rel, Scope } from "./scope.js";
import { ExprTranslator } from "./translate-expr.js";

/** A path, not a name: a folder separator, a glob or a data file extension. */
const looksLikePath = (name: string): boolean => /[/\\*?]/.test(name) || /\.(csv|parquet|pq|tsv)$/i.test(name);

export function relOf(plan: LogicalPlan, qualifier: string | undefined): Rel {
  const attrs = outputOf(plan);
  return { plan, visible: attrs, quals: new Map(qualifier ? [[qualifier.toLowerCase(), attrs]] : []) };
}

/**
 * `rel` with fresh attribute ids where any collides with `avoid` (a self-join, or a subquery over
 * the same table as its outer query), so conditions between the two can tell the sides apart.
 */
export function freshen(rel: Rel, avoid: ReadonlySet<number>): Rel {
  const attrs = outputOf(rel.plan);
  if (!attrs.some((a) => avoid.has(a.id))) return rel;
  const exprs: Expr[] = attrs.map((a) => ({ kind: "alias", input: { kind: "ref", attr: a }, name: a.name, id: newAttrId() }));
  const plan: LogicalPlan = { kind: "project", input: rel.plan, exprs };
  const out = outputOf(plan);
  const map = new Map(attrs.map((a, i) => [a.id, out[i] as Attr]));
  const remap = (xs: readonly Attr[]): Attr[] => xs.map((a) => map.get(a.id) ?? a);
  return { plan, visible: remap(rel.visible), quals: new Map([...rel.quals].map(([q, xs]) => [q, remap(xs)])) };
}

/**
 * `alias (a, b, …)` after a subquery or table in FROM: the parser library hands the whole text over as the
 * alias. Returns the alias and the column names, or null for a plain alias.
 */
export function aliasColumns(alias: string): { readonly alias: string; readonly columns: string[] } | null {
  const m = /^\s*([^\s(]+)\s*\((.*)\)\s*$/s.exec(alias);
  if (!m) return null;
  const unquote = (c: string): string => (/^(["`]).*\1$/s.test(c) ? c.slice(1, -1) : c);
  return { alias: unquote(m[1] as string), columns: (m[2] as string).split(",").map((c) => unquote(c.trim())) };
}

/** A FROM item's plan with its output columns renamed as `alias (a, b, …)` names them. */
function renameColumns(plan: LogicalPlan, alias: string, columns: readonly string[]): LogicalPlan {
  const out = outputOf(plan);
  if (columns.length !== out.length || columns.some((c) => c === "")) {
    throw new AnalysisError(`FROM … AS ${alias}(${columns.join(", ")}) names ${columns.length} column${columns.length === 1 ? "" : "s"}, but its query has ${out.length}.`);
  }
  return buildProject(plan, out.map((a, i): Expr => ({ kind: "alias", input: { kind: "ref", attr: a }, name: columns[i] as string })), "FROM");
}

function tableRel(item: AstNode, ctx: QueryContext): Rel {
  const alias = str(item, "as") ?? undefined;
  const sub = subqueryOf(node(item, "expr") ?? {});
  if (sub) {
    const named = alias === undefined ? null : aliasColumns(alias);
    const plan = ctx.query(sub, ctx);
    return named ? relOf(renameColumns(plan, named.alias, named.columns), named.alias) : relOf(plan, alias);
  }
  if (node(item, "expr")) throw unsupported(`this FROM item (${JSON.stringify(item).slice(0, 60)})`);
  const table = nameOf(item["table"]);
  if (table === undefined) throw unsupported(`this FROM item (${JSON.stringify(item).slice(0, 60)})`);
  const db = nameOf(item["db"]);
  const name = db ? `${db}.${table}` : table;
  const plan = ctx.ctes.get(name.toLowerCase()) ?? ctx.tables.view(name) ?? (looksLikePath(name) ? ctx.tables.file(name) : undefined);
  if (!plan) {
    const views = ctx.tables.viewNames();
    const ctes = [...ctx.ctes.keys()];
    throw new AnalysisError(
      `Table or view "${name}" not found. ${views.length ? `Views: ${views.join(", ")}` : "No views are registered (df.createOrReplaceTempView(name))"}${ctes.length ? `; CTEs: ${ctes.join(", ")}` : ""}. Query a file by its path: FROM 'data/*.parquet'.`,
    );
  }
  const named = alias === undefined ? null : aliasColumns(alias);
  if (named) return relOf(renameColumns(plan, named.alias, named.columns), named.alias);
  return relOf(plan, alias ?? (looksLikePath(name) ? undefined : table));
}

function joinType(item: AstNode, ctx: QueryContext): JoinType {
  const special = ctx.parsed.specialJoin.get(item);
  if (special === "semi" || special === "anti") return special;
  const j = (str(item, "join") ?? "").toUpperCase();
  if (j.startsWith("LEFT")) return "left";
  if (j.startsWith("RIGHT")) return "right";
  if (j.startsWith("FULL")) return "full";
  if (j.startsWith("INNER") || j === "JOIN") return "inner";
  throw unsupported(j);
}

function merged(l: Rel, r: Rel): Map<string, readonly Attr[]> {
  const quals = new Map(l.quals);
  for (const [q, xs] of r.quals) {
    if (quals.has(q)) throw new AnalysisError(`The table name or alias "${q}" appears twice in FROM; give one of them another alias (FROM t a JOIN t b …).`);
    quals.set(q, xs);
  }
  return quals;
}

function join(left: Rel, item: AstNode, ctx: QueryContext, outer: Scope | null): Rel {
  const right = freshen(tableRel(item, ctx), new Set(outputOf(left.plan).map((a) => a.id)));
  let how = typeof item["join"] === "string" ? joinType(item, ctx) : "cross";
  const natural = ctx.parsed.specialJoin.get(item) === "natural";
  // NATURAL JOIN: USING every column name the two sides share.
  const common = left.visible.map((a) => a.name).filter((n) => right.visible.some((b) => b.name.toLowerCase() === n.toLowerCase()));
  const using = natural ? common : Array.isArray(item["using"]) ? item["using"].map(nameOf).filter((n): n is string => n !== undefined) : undefined;
  if (natural && common.length === 0) throw new AnalysisError("NATURAL JOIN: the two sides share no column name.");
  const on = node(item, "on");
  if (how === "inner" && !on && !using) how = "cross";
  let plan: LogicalPlan;
  const quals = merged(left, right);
  if (using) plan = buildJoin(left.plan, right.plan, using, how);
  else if (on) {
    const scope: Scope = { rel: { plan: left.plan, visible: [...left.visible, ...right.visible], quals }, outer, correlated: { value: false } };
    const t = new ExprTranslator({
      scope,
      parsed: ctx.parsed,
      udfs: ctx.tables.udfs,
      subquery: () => {
        throw unsupported("a subquery in a JOIN's ON condition");
      },
    });
    plan = buildJoin(left.plan, right.plan, t.expr(on), how);
  } else if (how === "cross") plan = buildJoin(left.plan, right.plan, null, "cross");
  else throw new AnalysisError(`A ${how} join needs ON or USING.`);
  if (how === "semi" || how === "anti") return { plan, visible: left.visible, quals: left.quals };
  // After USING a side's key (u.k) is not an output column; the analyzer finds the kept one by name.
  return { plan, visible: outputOf(plan), quals };
}

/** The relation of a FROM clause; `avoid` holds attribute ids of an enclosing query. */
export function planFrom(items: readonly AstNode[], ctx: QueryContext, outer: Scope | null, avoid: ReadonlySet<number> = new Set()): Rel {
  const [first, ...rest] = items;
  if (!first) return { plan: ctx.tables.oneRow(), visible: [], quals: new Map() };
  let rel = freshen(tableRel(first, ctx), avoid);
  for (const item of rest) rel = join(rel, item, ctx, outer);
  return freshen(rel, avoid);
}
