/**
 * Column-shaping verbs that become one Project: withColumns (several columns at once, all
 * computed from the input as Spark does), toDF (rename every column by position) and alias (a
 * table alias for self-joins: `df.alias("a")` outputs fresh attributes qualified by "a").
 */
import { AnalysisError } from "../errors.js";
import type { Expr } from "../expr.js";
import type { LogicalPlan } from "../logical-plan.js";
import { type Attr, newAttrId } from "../types.js";
import { extractWindows, hasWindow } from "./build-window.js";
import { resolveExpr } from "./resolve.js";
import { outputOf } from "./types-of.js";

const refOf = (a: Attr): Expr => ({ kind: "ref", attr: a });

/** withColumns({ name: expr, … }): replaces columns in place, appends new ones in the map's order. */
export function buildWithColumns(input: LogicalPlan, entries: readonly (readonly [string, Expr])[]): LogicalPlan {
  const seen = new Set<string>();
  for (const [name] of entries) {
    const k = name.toLowerCase();
    if (seen.has(k)) throw new AnalysisError(`withColumns: column "${name}" is given twice.`);
    seen.add(k);
  }
  const attrs = outputOf(input);
  let values = entries.map(([name, e]) => resolveExpr(e, attrs, { operation: `withColumns("${name}")` }));
  let plan = input;
  if (values.some(hasWindow)) {
    const w = extractWindows(input, values);
    plan = w.plan;
    values = w.exprs;
  }
  const named = entries.map(([name], i): Expr => ({ kind: "alias", input: values[i] as Expr, name, id: newAttrId() }));
  const used = new Set<number>();
  const exprs: Expr[] = attrs.map((a) => {
    const i = entries.findIndex(([name]) => name.toLowerCase() === a.name.toLowerCase());
    if (i < 0) return refOf(a);
    used.add(i);
    return named[i] as Expr;
  });
  named.forEach((e, i) => {
    if (!used.has(i)) exprs.push(e);
  });
  return { kind: "project", input: plan, exprs };
}

/** toDF(…names): new names for every column, by position. */
export function buildToDF(input: LogicalPlan, names: readonly string[]): LogicalPlan {
  const attrs = outputOf(input);
  if (names.length !== attrs.length) {
    throw new AnalysisError(
      `toDF needs one name per column: the DataFrame has ${attrs.length} (${attrs.map((a) => a.name).join(", ")}), got ${names.length} (${names.join(", ")}).`,
    );
  }
  const exprs = attrs.map((a, i): Expr => {
    const name = names[i] as string;
    return a.name === name ? refOf(a) : { kind: "alias", input: refOf(a), name, id: newAttrId() };
  });
  return { kind: "project", input, exprs };
}

/** alias(name): the same columns under fresh attributes qualified by `name`. */
export function buildAlias(input: LogicalPlan, name: string): LogicalPlan {
  if (name.length === 0 || name.includes(".")) throw new AnalysisError(`alias needs a name without dots, got "${name}".`);
  const exprs = outputOf(input).map((a): Expr => ({ kind: "alias", input: refOf(a), name: a.name, id: newAttrId(), qualifier: name }));
  return { kind: "project", input, exprs };
}
