/**
 * rollup and cube, planned as Spark plans grouping sets: an Expand emits each input row once per
 * grouping set, with copies of the grouping keys (the keys a set leaves out are null) and a
 * grouping id, then one Aggregate keyed on the key copies and the grouping id. Aggregates read the
 * original columns, so `cube("a").agg(sum("a"))` sums the real values. `grouping(c)` and
 * `groupingId()` become expressions over the grouping id. Bit i of the id (counting from the left
 * of the keys, as Spark) is 1 when key i is left out of the set.
 *
 * ```text
 * df.rollup("a", "b").agg(sum("v"))
 *
 * Project [a, b, sum(v)]
 * +- Aggregate [a, b, spark_grouping_id] [sum(v)]
 *    +- Expand 3 projections [a, b, v, a, b, spark_grouping_id]
 *       +- …input
 * ```
 */
import { AnalysisError } from "../errors.js";
import { type Expr, children, exprName, exprToString, transformUp, withChildren } from "../expr.js";
import type { LogicalPlan } from "../logical-plan.js";
import { type Attr, newAttr } from "../types.js";
import { buildAggregate } from "./builders.js";
import { resolveExpr } from "./resolve.js";
import { outputOf, typeOf } from "./types-of.js";

export type GroupingKind = "rollup" | "cube";

const refOf = (a: Attr): Expr => ({ kind: "ref", attr: a });

/** The grouping sets, each a list of key positions: rollup (a,b) → (a,b), (a), (); cube → every subset. */
export function groupingSets(kind: GroupingKind, n: number): number[][] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (kind === "rollup") return Array.from({ length: n + 1 }, (_, k) => all.slice(0, n - k));
  const sets: number[][] = [];
  for (let mask = 0; mask < 1 << n; mask++) sets.push(all.filter((i) => (mask & (1 << (n - 1 - i))) === 0));
  return sets;
}

/** Spark's grouping id of a set: bit (n-1-i) is set when key i is not in the set. */
function groupingIdOf(set: readonly number[], n: number): number {
  let id = 0;
  for (let i = 0; i < n; i++) if (!set.includes(i)) id |= 1 << (n - 1 - i);
  return id;
}

/** Replaces refs outside aggregate calls (they must name grouping keys, now the key copies). */
function mapOutsideAggs(e: Expr, f: (a: Attr) => Attr): Expr {
  if (e.kind === "agg") return e;
  if (e.kind === "ref") {
    const to = f(e.attr);
    return to === e.attr ? e : refOf(to);
  }
  const kids = children(e);
  const next = kids.map((k) => mapOutsideAggs(k, f));
  return next.every((k, i) => k === kids[i]) ? e : withChildren(e, next);
}

export function buildGroupingSets(input: LogicalPlan, kind: GroupingKind, keys: readonly Expr[], aggExprs: readonly Expr[]): LogicalPlan {
  const attrs = outputOf(input);
  const n = keys.length;
  if (n > 30) throw new AnalysisError(`${kind} supports at most 30 grouping columns, got ${n}.`);
  const resolvedKeys = keys.map((k) => resolveExpr(k, attrs, { operation: kind }));
  const keyText = resolvedKeys.map(exprToString);
  const copies = resolvedKeys.map((k, i) => newAttr(exprName(keys[i] as Expr), typeOf(k), true));
  const gid = newAttr("spark_grouping_id", "int64", false);
  const sets = groupingSets(kind, n);
  const ids = sets.map((s) => groupingIdOf(s, n));
  const projections = sets.map((set, s): Expr[] => [
    ...attrs.map(refOf),
    ...resolvedKeys.map((k, i): Expr => (set.includes(i) ? k : { kind: "lit", value: null, type: typeOf(k) })),
    { kind: "lit", value: BigInt(ids[s] as number), type: "int64" },
  ]);
  const expand: LogicalPlan = { kind: "expand", input, projections, output: [...attrs, ...copies, gid] };

  const scope = [...attrs, gid];
  const outputs = aggExprs.map((original) => {
    const rewritten = transformUp(original, (x) => {
      if (x.kind !== "call" || (x.fn !== "grouping" && x.fn !== "grouping_id")) return x;
      if (x.fn === "grouping_id") return refOf(gid);
      const arg = resolveExpr(x.args[0] as Expr, attrs, { operation: "grouping" });
      const k = keyText.indexOf(exprToString(arg));
      if (k < 0) throw new AnalysisError(`grouping(${exprToString(arg)}): not a grouping column of this ${kind} (columns: ${keyText.join(", ")}).`);
      const bit = 1 << (n - 1 - k);
      const list = ids.filter((id) => (id & bit) !== 0).map((id): Expr => ({ kind: "lit", value: BigInt(id), type: "int64" }));
      const one: Expr = { kind: "lit", value: 1, type: "int32" };
      const zero: Expr = { kind: "lit", value: 0, type: "int32" };
      if (list.length === 0) return zero;
      return { kind: "case", branches: [{ when: { kind: "in", input: refOf(gid), list, negated: false }, then: one }], otherwise: zero };
    });
    const resolved = resolveExpr(rewritten, scope, { operation: `${kind}.agg`, allowAggregates: true });
    const mapped = mapOutsideAggs(resolved, (a) => {
      const k = keyText.indexOf(exprToString(refOf(a)));
      return k >= 0 ? (copies[k] as Attr) : a;
    });
    if (mapped.kind === "alias" || rewritten === original) return mapped;
    return { kind: "alias" as const, input: mapped, name: exprName(original) };
  });
  const agg = buildAggregate(expand, [...copies, gid].map(refOf), outputs, `${kind}.agg`);
  return { kind: "project", input: agg, exprs: outputOf(agg).filter((a) => a.id !== gid.id).map(refOf) };
}
