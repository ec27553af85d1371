/**
 * group_by_nested_keys: grouping (and DISTINCT) on an array or struct column, which Cinder's key
 * tables cannot hash, groups instead on an injective text encoding of the value (`nested_key`,
 * equal exactly when the values are equal: element by element, NaN = NaN, -0.0 = 0.0, as Spark's
 * grouping) and takes the value itself back with any_value, projected under the key's own
 * attribute. The output schema is unchanged.
 *
 * ```text
 * Before:                              After:
 * Aggregate [xs] [count(1)]            Project [any_value(xs) AS xs, count(1)]
 * +- Scan parquet t [xs]               +- Aggregate [nested_key(xs)] [count(1), any_value(xs)]
 *                                         +- Scan parquet t [xs]
 * Distinct                             (as an Aggregate over every column, then as above)
 * +- Scan parquet t [id, xs]
 * ```
 */
import { type Expr, exprName } from "../expr.js";
import type { AggCall, LogicalPlan } from "../logical-plan.js";
import { namedAttr, nullableOf, outputOf, typeOf } from "../analyzer/types-of.js";
import { isNestedType } from "../nested-types.js";
import { type Attr, newAttrId } from "../types.js";
import type { Rule } from "./rule.js";

function rewrite(p: LogicalPlan): LogicalPlan {
  if (p.kind === "distinct") {
    const attrs = outputOf(p.input);
    if (!attrs.some((a) => isNestedType(a.type))) return p;
    return rewriteAggregate({ kind: "aggregate", input: p.input, keys: attrs.map((a): Expr => ({ kind: "ref", attr: a })), aggs: [] });
  }
  if (p.kind !== "aggregate") return p;
  return rewriteAggregate(p);
}

function rewriteAggregate(p: Extract<LogicalPlan, { kind: "aggregate" }>): LogicalPlan {
  if (!p.keys.some((k) => isNestedType(typeOf(k)))) return p;
  const keys: Expr[] = [];
  const firsts: AggCall[] = [];
  const top: Expr[] = [];
  for (const k of p.keys) {
    const attr = namedAttr(k);
    if (!isNestedType(attr.type)) {
      keys.push(k);
      top.push({ kind: "ref", attr });
      continue;
    }
    const value = k.kind === "alias" ? k.input : k;
    keys.push({ kind: "alias", input: { kind: "call", fn: "nested_key", args: [value] }, name: `nested_key(${exprName(value)})`, id: newAttrId() });
    const any: Attr = { id: newAttrId(), name: `any_value(${exprName(value)})`, type: attr.type, nullable: nullableOf(value) };
    firsts.push({ fn: "anyValue", input: value, distinct: false, attr: any });
    top.push({ kind: "alias", input: { kind: "ref", attr: any }, name: attr.name, id: attr.id, ...(attr.qualifier === undefined ? {} : { qualifier: attr.qualifier }) });
  }
  for (const a of p.aggs) top.push({ kind: "ref", attr: a.attr });
  return { kind: "project", input: { kind: "aggregate", input: p.input, keys, aggs: [...p.aggs, ...firsts] }, exprs: top };
}

export const groupByNestedKeys: Rule = { name: "group_by_nested_keys", rewrite };
