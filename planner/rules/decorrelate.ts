/**
 * Shared by the subquery rules (rewrite_predicate_subquery, rewrite_scalar_subquery): lifts a
 * correlated subquery's conditions on its enclosing query — the filter conjuncts holding an
 * `outerRef` — out of its plan, so they can become the condition of the join that replaces it
 * (Spark's PullupCorrelatedPredicates). Columns the lifted conditions read are kept by the
 * projections above them; under an aggregate, each `inner = outer` condition's inner side becomes
 * a grouping key, so the aggregate yields one row per correlation value.
 *
 * ```text
 * Project [max(v)]                          Project [max(v), k]          conditions: (k = outer(t.k))
 * +- Aggregate [] [max(v)]             →    +- Aggregate [k] [max(v)]
 *    +- Filter (k = outer(t.k))                +- Scan u
 *       +- Scan u
 * ```
 */
import { outputOf } from "../analyzer/types-of.js";
import { AnalysisError } from "../errors.js";
import { type Expr, andAll, conjuncts, exists, references, transformUp } from "../expr.js";
import { type LogicalPlan, planChildren } from "../logical-plan.js";
import { type Attr, newAttrId } from "../types.js";

export interface Decorrelated {
  readonly plan: LogicalPlan;
  /** Conditions on the enclosing query, still holding their `outerRef`s. */
  readonly conditions: readonly Expr[];
}

export const hasOuter = (e: Expr): boolean => exists(e, (x) => x.kind === "outerRef");

/** `outerRef`s become plain `ref`s: the condition now sits on a join that sees both sides. */
export const unouter = (e: Expr): Expr => transformUp(e, (x) => (x.kind === "outerRef" ? { kind: "ref", attr: x.attr } : x));

const ref = (attr: Attr): Expr => ({ kind: "ref", attr });

/** The expressions a node holds. */
export function nodeExprs(p: LogicalPlan): Expr[] {
  switch (p.kind) {
    case "filter":
      return [p.predicate];
    case "project":
      return [...p.exprs];
    case "aggregate":
      return [...p.keys, ...p.aggs.flatMap((a) => [a.input, a.input2 ?? null].filter((x): x is Expr => x !== null))];
    case "join":
      return p.condition ? [p.condition] : [];
    case "sort":
      return p.orders.map((o) => o.expr);
    case "window":
      return [...p.exprs, ...p.partitionBy, ...p.orderBy.map((o) => o.expr)];
    case "repartition":
      return [...p.keys];
    case "generate":
      return [p.arg];
    default:
      return [];
  }
}

function anyOuter(p: LogicalPlan): boolean {
  return nodeExprs(p).some(hasOuter) || planChildren(p).some(anyOuter);
}

function notSupported(what: string, where: string): AnalysisError {
  return new AnalysisError(`SQL: ${what} correlated to the enclosing query ${where} is not supported; correlate it in its WHERE clause.`);
}

/**
 * Lifts the correlated conditions of `p`. `what` names the subquery for errors; an aggregate may
 * be crossed only when `groupByCorrelation` (scalar subqueries).
 */
export function decorrelate(p: LogicalPlan, what: string, groupByCorrelation: boolean): Decorrelated {
  switch (p.kind) {
    case "filter": {
      const inner = decorrelate(p.input, what, groupByCorrelation);
      const keep: Expr[] = [];
      const lift: Expr[] = [];
      for (const c of conjuncts(p.predicate)) (hasOuter(c) ? lift : keep).push(c);
      if (lift.length === 0 && inner.plan === p.input) return { plan: p, conditions: inner.conditions };
      const kept = andAll(keep);
      return { plan: kept ? { ...p, input: inner.plan, predicate: kept } : inner.plan, conditions: [...inner.conditions, ...lift] };
    }
    case "project": {
      if (p.exprs.some(hasOuter)) throw notSupported(what, "in its select list");
      const inner = decorrelate(p.input, what, groupByCorrelation);
      if (inner.conditions.length === 0) return { plan: inner.plan === p.input ? p : { ...p, input: inner.plan }, conditions: [] };
      const have = new Set(outputOf(p).map((a) => a.id));
      const used = new Set<number>();
      for (const c of inner.conditions) references(c, used);
      const keep = outputOf(inner.plan).filter((a) => used.has(a.id) && !have.has(a.id));
      return { plan: { ...p, input: inner.plan, exprs: [...p.exprs, ...keep.map(ref)] }, conditions: inner.conditions };
    }
    case "aggregate": {
      if (nodeExprs(p).some(hasOuter)) throw notSupported(what, "in an aggregate");
      const inner = decorrelate(p.input, what, groupByCorrelation);
      if (inner.conditions.length === 0) return { plan: inner.plan === p.input ? p : { ...p, input: inner.plan }, conditions: [] };
      if (!groupByCorrelation || p.keys.length > 0) throw notSupported(what, "through GROUP BY or an aggregate");
      const innerIds = new Set(outputOf(inner.plan).map((a) => a.id));
      const onlyInner = (e: Expr): boolean => !hasOuter(e) && [...references(e)].every((id) => innerIds.has(id));
      const onlyOuter = (e: Expr): boolean => hasOuter(e) && references(e).size === 0;
      const keys: Expr[] = [];
      const conditions = inner.conditions.map((c): Expr => {
        const pair = c.kind === "binary" && c.op === "=" ? (onlyInner(c.left) && onlyOuter(c.right) ? [c.left, c.right] : onlyInner(c.right) && onlyOuter(c.left) ? [c.right, c.left] : null) : null;
        if (!pair || pair[0]?.kind !== "ref") throw notSupported(what, `by anything but column = outer column equalities (here ${c.kind === "binary" ? c.op : c.kind})`);
        const key = pair[0];
        if (!keys.some((k) => k.kind === "ref" && key.kind === "ref" && k.attr.id === key.attr.id)) keys.push(key);
        return { kind: "binary", op: "=", left: key, right: pair[1] as Expr };
      });
      return { plan: { ...p, input: inner.plan, keys }, conditions };
    }
    default:
      if (anyOuter(p)) throw notSupported(what, `under ${p.kind === "distinct" ? "DISTINCT" : p.kind === "limit" ? "LIMIT" : p.kind === "union" ? "a set operation" : p.kind}`);
      return { plan: p, conditions: [] };
  }
}

/**
 * `p` with fresh attribute ids where its output collides with `avoid` (the same view on both
 * sides of the join that replaces a subquery), and the old id → new attribute map.
 */
export function freshenSide(p: LogicalPlan, avoid: ReadonlySet<number>): { plan: LogicalPlan; map: ReadonlyMap<number, Attr> } {
  const out = outputOf(p);
  if (!out.some((a) => avoid.has(a.id))) return { plan: p, map: new Map() };
  const exprs: Expr[] = out.map((a) => ({ kind: "alias", input: ref(a), name: a.name, id: newAttrId() }));
  const plan: LogicalPlan = { kind: "project", input: p, exprs };
  const fresh = outputOf(plan);
  return { plan, map: new Map(out.map((a, i) => [a.id, fresh[i] as Attr])) };
}

/** `e` with refs to the attributes in `map` replaced. */
export function remap(e: Expr, map: ReadonlyMap<number, Attr>): Expr {
  if (map.size === 0) return e;
  return transformUp(e, (x) => (x.kind === "ref" && map.has(x.attr.id) ? ref(map.get(x.attr.id) as Attr) : x));
}
