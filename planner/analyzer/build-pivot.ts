/**
 * pivot and unpivot.
 *
 * pivot, as Spark's PivotFirst plan: aggregate by (keys, pivot column), then group by the keys and
 * put each pivot value's result in its own column — `max(CASE WHEN p <=> v THEN result END)`, as
 * each (keys, v) group has one row. A combination that never occurs is null (as Spark and Polars,
 * even for count). Columns are named by the value, or `value_aggregate` with several aggregates.
 *
 * ```text
 * df.groupBy("k").pivot("p", [1, 2]).agg(sum("v"))
 *
 * Aggregate [k] [max(CASE WHEN (p <=> 1) THEN sum(v) END) AS 1, max(… 2 …) AS 2]
 * +- Aggregate [k, p] [sum(v)]
 * ```
 *
 * unpivot (Spark 3.4's unpivot / melt) is an Expand with one projection per value column:
 * the id columns, the column's name, its value cast to the values' common type.
 */
import { AnalysisError } from "../errors.js";
import { type Expr, type LitValue, lit } from "../expr.js";
import type { LogicalPlan } from "../logical-plan.js";
import { type Attr, type DataType, commonType, newAttr } from "../types.js";
import { buildAggregate } from "./builders.js";
import { cast, resolveExpr, resolveName } from "./resolve.js";
import { outputOf } from "./types-of.js";

const refOf = (a: Attr): Expr => ({ kind: "ref", attr: a });

/** Spark's column name for a pivot value. */
export function pivotValueName(v: LitValue): string {
  return v === null ? "null" : String(v);
}

export function buildPivot(input: LogicalPlan, keys: readonly Expr[], pivot: Expr, values: readonly LitValue[], aggExprs: readonly Expr[]): LogicalPlan {
  if (aggExprs.length === 0) throw new AnalysisError("pivot(...).agg() needs at least one aggregate expression.");
  if (values.length === 0) throw new AnalysisError("pivot needs at least one value.");
  const first = buildAggregate(input, [...keys, pivot], aggExprs, "pivot.agg");
  const out = outputOf(first);
  const keyAttrs = out.slice(0, keys.length);
  const p = out[keys.length] as Attr;
  const results = out.slice(keys.length + 1);
  const multi = results.length > 1;
  const exprs: Expr[] = [];
  for (const v of values) {
    const when = resolveExpr({ kind: "binary", op: "<=>", left: refOf(p), right: lit(v) }, [p], { operation: `pivot value ${pivotValueName(v)}` });
    for (const r of results) {
      const picked: Expr = { kind: "case", branches: [{ when, then: refOf(r) }], otherwise: null };
      const name = multi ? `${pivotValueName(v)}_${r.name}` : pivotValueName(v);
      exprs.push({ kind: "alias", input: { kind: "agg", fn: "max", input: picked, distinct: false }, name });
    }
  }
  return buildAggregate(first, keyAttrs.map(refOf), exprs, "pivot.agg");
}

export function buildUnpivot(input: LogicalPlan, ids: readonly string[], values: readonly string[] | null, variableName: string, valueName: string): LogicalPlan {
  const operation = "unpivot";
  const attrs = outputOf(input);
  const idAttrs = ids.map((n) => resolveName(n, undefined, attrs, { operation }));
  const idSet = new Set(idAttrs.map((a) => a.id));
  const valueAttrs = values === null ? attrs.filter((a) => !idSet.has(a.id)) : values.map((n) => resolveName(n, undefined, attrs, { operation }));
  if (valueAttrs.length === 0) throw new AnalysisError(`${operation} needs at least one value column (ids: ${ids.join(", ")}; columns: ${attrs.map((a) => a.name).join(", ")}).`);
  let t: DataType = "null";
  for (const a of valueAttrs) {
    const next = commonType(t, a.type);
    if (next === undefined) {
      throw new AnalysisError(`${operation}: value columns need a common type, but "${a.name}" is ${a.type} and the others ${t} (${valueAttrs.map((x) => `${x.name}: ${x.type}`).join(", ")}).`);
    }
    t = next;
  }
  const variable = newAttr(variableName, "utf8", false);
  const value = newAttr(valueName, t, valueAttrs.some((a) => a.nullable || a.type !== t));
  const projections = valueAttrs.map((a): Expr[] => [...idAttrs.map(refOf), { kind: "lit", value: a.name, type: "utf8" }, cast(refOf(a), t)]);
  return { kind: "expand", input, projections, output: [...idAttrs, variable, value] };
}
