/**
 * Pulls window expressions out of a projection into Window nodes (Spark's
 * ExtractWindowExpressions): computed PARTITION BY / ORDER BY keys and function inputs are projected
 * first, windows sharing a PARTITION BY and ORDER BY become one Window node, and the projection above
 * refers to the window columns.
 *
 * ```text
 * select(id6, v3, row_number() OVER (PARTITION BY id6 ORDER BY v3 DESC) AS r)
 *
 * Project [id6, v3, r]
 * +- Window [row_number() OVER (…) AS r] partitionBy=[id6] orderBy=[v3 DESC NULLS LAST]
 *    +- …input
 * ```
 */
import { type Expr, children, exprToString, exists, transformUp } from "../expr.js";
import type { LogicalPlan, SortOrder } from "../logical-plan.js";
import { type Attr, newAttrId } from "../types.js";
import { namedAttr, outputOf } from "./types-of.js";

type Over = Extract<Expr, { kind: "over" }>;

export const hasWindow = (e: Expr): boolean => exists(e, (x) => x.kind === "over");

/** The `over` nodes of `e`, outermost first (a window's arguments hold none). */
function oversOf(e: Expr, into: Over[]): Over[] {
  if (e.kind === "over") into.push(e);
  else for (const c of children(e)) oversOf(c, into);
  return into;
}

/**
 * Rewrites resolved `exprs` over `input`: returns a plan holding the window columns and the exprs
 * with every `over` replaced by a reference to its column.
 */
export function extractWindows(input: LogicalPlan, exprs: readonly Expr[]): { plan: LogicalPlan; exprs: Expr[] } {
  const overs: Over[] = [];
  for (const e of exprs) oversOf(e, overs);
  const base = outputOf(input);
  // 1. Computed keys and inputs become columns of a projection below the windows.
  const extra = new Map<string, Expr>();
  const asRef = (e: Expr): Expr => {
    if (e.kind === "ref" || e.kind === "lit") return e;
    const text = exprToString(e);
    let a = extra.get(text);
    if (!a) extra.set(text, (a = { kind: "alias", input: e, name: text, id: newAttrId() }));
    return { kind: "ref", attr: namedAttr(a) };
  };
  const simple = overs.map((o): Over => {
    const fn = o.fn.kind === "agg" ? { ...o.fn, input: o.fn.input ? asRef(o.fn.input) : null } : o.fn.kind === "winFn" ? { ...o.fn, args: o.fn.args.map(asRef) } : o.fn;
    const orderBy = o.orderBy.map((k) => (k.kind === "sortOrder" ? { ...k, input: asRef(k.input) } : asRef(k)));
    return { ...o, fn, partitionBy: o.partitionBy.map(asRef), orderBy };
  });
  let plan: LogicalPlan = input;
  if (extra.size > 0) {
    plan = { kind: "project", input, exprs: [...base.map((a): Expr => ({ kind: "ref", attr: a })), ...extra.values()] };
  }
  // 2. One Window node per (PARTITION BY, ORDER BY); identical windows share a column.
  const groups = new Map<string, { partitionBy: readonly Expr[]; orderBy: SortOrder[]; exprs: Expr[] }>();
  const columnOf = new Map<string, Attr>();
  simple.forEach((o) => {
    const text = exprToString(o);
    if (columnOf.has(text)) return;
    const spec = `${o.partitionBy.map(exprToString).join(",")}|${o.orderBy.map(exprToString).join(",")}`;
    let g = groups.get(spec);
    if (!g) {
      const orderBy = o.orderBy.map((k): SortOrder => (k.kind === "sortOrder" ? { expr: k.input, ascending: k.ascending, nullsFirst: k.nullsFirst } : { expr: k, ascending: true, nullsFirst: true }));
      groups.set(spec, (g = { partitionBy: o.partitionBy, orderBy, exprs: [] }));
    }
    const alias: Expr = { kind: "alias", input: o, name: text, id: newAttrId() };
    g.exprs.push(alias);
    columnOf.set(text, namedAttr(alias));
  });
  for (const g of groups.values()) plan = { kind: "window", input: plan, exprs: g.exprs, partitionBy: g.partitionBy, orderBy: g.orderBy };
  // 3. The projection refers to the window columns.
  const byOriginal = new Map<Over, Attr>(overs.map((o, i) => [o, columnOf.get(exprToString(simple[i] as Over)) as Attr]));
  const rewritten = exprs.map((e) => transformUp(e, (x) => (x.kind === "over" ? { kind: "ref", attr: byOriginal.get(x) ?? (columnOf.get(exprToString(x)) as Attr) } : x)));
  return { plan, exprs: rewritten };
}
