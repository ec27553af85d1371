/**
 * push_down_filter: moves predicates towards the data — through projections (substituting
 * aliases), sorts, repartitions, distinct, unions, aggregates (conjuncts on grouping keys only),
 * windows (conjuncts on PARTITION BY columns only: they keep or drop whole window partitions),
 * into the sides of joins (as join semantics allow), and finally into scans, where readers apply
 * them while decoding and Parquet skips row groups whose statistics cannot match.
 *
 * ```text
 * Before:                                       After:
 * Filter (age > 25)                             Project [name, age]
 * +- Project [name, age]                        +- Scan csv people.csv [name, age] filters=[(age > 25)]
 *    +- Scan csv people.csv [name, age]
 *
 * Filter ((l.a = 1) AND (r.b = 2))              Join inner (a = id)
 * +- Join inner (a = id)                        :- Scan … filters=[(a = 1)]
 *    :- Scan …                                  +- Scan … filters=[(b = 2)]
 *    +- Scan …
 * ```
 */
import { type Expr, andAll, conjuncts, references, transformUp } from "../expr.js";
import type { LogicalPlan } from "../logical-plan.js";
import { outputOf } from "../analyzer/types-of.js";
import type { Rule } from "./rule.js";

const refsWithin = (e: Expr, ids: ReadonlySet<number>): boolean => [...references(e)].every((id) => ids.has(id));
const idsOf = (p: LogicalPlan): Set<number> => new Set(outputOf(p).map((a) => a.id));

function filterOn(input: LogicalPlan, preds: readonly Expr[]): LogicalPlan {
  const pred = andAll(preds);
  return pred ? { kind: "filter", input, predicate: pred } : input;
}

/** Replaces references to attributes by expressions (alias substitution). */
function substitute(e: Expr, map: ReadonlyMap<number, Expr>): Expr {
  return transformUp(e, (x) => (x.kind === "ref" ? (map.get(x.attr.id) ?? x) : x));
}

function throughProject(p: Extract<LogicalPlan, { kind: "filter" }>, proj: Extract<LogicalPlan, { kind: "project" }>): LogicalPlan {
  const map = new Map<number, Expr>();
  for (const e of proj.exprs) if (e.kind === "alias" && e.id !== undefined) map.set(e.id, e.input);
  return { ...proj, input: { kind: "filter", input: proj.input, predicate: substitute(p.predicate, map) } };
}

function throughUnion(p: Extract<LogicalPlan, { kind: "filter" }>, u: Extract<LogicalPlan, { kind: "union" }>): LogicalPlan {
  const top = outputOf(u);
  const inputs = u.inputs.map((child, k) => {
    if (k === 0) return filterOn(child, [p.predicate]);
    const attrs = outputOf(child);
    const map = new Map<number, Expr>(top.map((a, i) => [a.id, { kind: "ref", attr: attrs[i] ?? a }]));
    return filterOn(child, [substitute(p.predicate, map)]);
  });
  return { ...u, inputs };
}

function throughAggregate(p: Extract<LogicalPlan, { kind: "filter" }>, agg: Extract<LogicalPlan, { kind: "aggregate" }>): LogicalPlan {
  const keyMap = new Map<number, Expr>();
  for (const k of agg.keys) {
    if (k.kind === "ref") keyMap.set(k.attr.id, k);
    else if (k.kind === "alias" && k.id !== undefined) keyMap.set(k.id, k.input);
  }
  const keyIds = new Set(keyMap.keys());
  const down: Expr[] = [];
  const stay: Expr[] = [];
  for (const c of conjuncts(p.predicate)) {
    if (refsWithin(c, keyIds)) down.push(substitute(c, keyMap));
    else stay.push(c);
  }
  if (down.length === 0) return p;
  return filterOn({ ...agg, input: filterOn(agg.input, down) }, stay);
}

/** Splits predicates over a join into the parts each side can take. */
function intoJoin(join: Extract<LogicalPlan, { kind: "join" }>, above: readonly Expr[]): LogicalPlan | null {
  const l = idsOf(join.left);
  const r = idsOf(join.right);
  const { how } = join;
  const leftOk = how === "inner" || how === "cross" || how === "left" || how === "semi" || how === "anti";
  const rightOk = how === "inner" || how === "cross" || how === "right";
  const toLeft: Expr[] = [];
  const toRight: Expr[] = [];
  const toCond: Expr[] = [];
  const stay: Expr[] = [];
  for (const c of above) {
    if (leftOk && refsWithin(c, l)) toLeft.push(c);
    else if (rightOk && refsWithin(c, r)) toRight.push(c);
    else if (how === "inner" || how === "cross") toCond.push(c);
    else stay.push(c);
  }
  // Conjuncts of the join condition that touch one side only can filter that side first.
  const condKeep: Expr[] = [];
  for (const c of join.condition ? conjuncts(join.condition) : []) {
    const condLeftOk = how === "inner" || how === "right" || how === "semi";
    const condRightOk = how === "inner" || how === "left" || how === "semi" || how === "anti";
    if (condLeftOk && refsWithin(c, l) && references(c).size > 0) toLeft.push(c);
    else if (condRightOk && refsWithin(c, r) && references(c).size > 0) toRight.push(c);
    else condKeep.push(c);
  }
  if (toLeft.length === 0 && toRight.length === 0 && toCond.length === 0) return null;
  const condition = andAll([...condKeep, ...toCond]) ?? null;
  const next: LogicalPlan = {
    ...join,
    how: how === "cross" && condition ? "inner" : how,
    left: filterOn(join.left, toLeft),
    right: filterOn(join.right, toRight),
    condition,
  };
  return filterOn(next, stay);
}

function throughWindow(p: Extract<LogicalPlan, { kind: "filter" }>, w: Extract<LogicalPlan, { kind: "window" }>): LogicalPlan {
  const keys = new Set<number>();
  for (const k of w.partitionBy) references(k, keys);
  const down: Expr[] = [];
  const stay: Expr[] = [];
  for (const c of conjuncts(p.predicate)) (references(c).size > 0 && refsWithin(c, keys) ? down : stay).push(c);
  if (down.length === 0) return p;
  return filterOn({ ...w, input: filterOn(w.input, down) }, stay);
}

/** Conjuncts that read none of the generated columns run before the Generate (Spark's rule). */
function throughGenerate(p: Extract<LogicalPlan, { kind: "filter" }>, g: Extract<LogicalPlan, { kind: "generate" }>): LogicalPlan {
  const generated = new Set(g.output.map((a) => a.id));
  const down: Expr[] = [];
  const stay: Expr[] = [];
  for (const c of conjuncts(p.predicate)) ([...references(c)].some((id) => generated.has(id)) ? stay : down).push(c);
  if (down.length === 0) return p;
  return filterOn({ ...g, input: filterOn(g.input, down) }, stay);
}

function rewrite(p: LogicalPlan): LogicalPlan {
  if (p.kind === "join") return intoJoin(p, []) ?? p;
  if (p.kind !== "filter") return p;
  const input = p.input;
  switch (input.kind) {
    case "project":
      return throughProject(p, input);
    case "sort":
    case "repartition":
    case "coalesce":
    case "distinct":
      return { ...input, input: { kind: "filter", input: input.input, predicate: p.predicate } };
    case "union":
      return throughUnion(p, input);
    case "aggregate":
      return throughAggregate(p, input);
    case "window":
      return throughWindow(p, input);
    case "generate":
      return throughGenerate(p, input);
    case "join":
      return intoJoin(input, conjuncts(p.predicate)) ?? p;
    case "scan":
      return { ...input, filters: [...input.filters, ...conjuncts(p.predicate)] };
    default:
      return p;
  }
}

export const pushDownFilter: Rule = { name: "push_down_filter", rewrite };
