/**
 * Generators in a select list (Spark's ExtractGenerator): `select(explode(xs).alias("x"), a)`
 * becomes a Project over a Generate node, the generator's place in the list taken by the columns
 * it generates. One generator per select, at the top of its expression, as Spark requires.
 *
 * ```text
 * select(a, explode(xs) AS x)  →  Project [a, x]
 *                                 +- Generate explode(xs) [x]
 *                                    +- <input>
 * ```
 */
import { AnalysisError } from "../errors.js";
import { type Expr, exists, exprToString, isGeneratorCall } from "../expr.js";
import type { LogicalPlan } from "../logical-plan.js";
import { type Attr, newAttr } from "../types.js";
import { typeOf } from "./types-of.js";

export function hasGenerator(e: Expr): boolean {
  return exists(e, isGeneratorCall);
}

/** An error for a generator anywhere but the top of a select or withColumn expression. */
export function rejectGenerators(e: Expr, operation: string): void {
  if (!hasGenerator(e)) return;
  let found: Expr = e;
  exists(e, (x) => (isGeneratorCall(x) ? ((found = x), true) : false));
  throw new AnalysisError(
    `Generators are not supported in ${operation}: ${exprToString(found)}. Use it as a top-level expression of select(...) or withColumn(...), e.g. df.select(explode(col("xs")).alias("x")).`,
  );
}

/**
 * Rewrites resolved, named select expressions (`ref`s or `alias`es with ids) that contain one
 * generator into a Generate over `input` and the expressions to project over it.
 */
export function extractGenerator(input: LogicalPlan, exprs: readonly Expr[], operation: string): { plan: LogicalPlan; exprs: Expr[] } {
  const gens = exprs.filter(hasGenerator);
  if (gens.length > 1) {
    throw new AnalysisError(`Only one generator allowed per ${operation} clause but found ${gens.length}: ${gens.map(exprToString).join(", ")}.`);
  }
  const out: Expr[] = [];
  let plan = input;
  for (const e of exprs) {
    if (!hasGenerator(e)) {
      out.push(e);
      continue;
    }
    const alias = e.kind === "alias" ? e : undefined;
    const call = alias ? alias.input : e;
    if (!isGeneratorCall(call)) {
      throw new AnalysisError(`Generators are not supported when nested in expressions, in ${operation}: ${exprToString(e)}. Explode first, then compute on the exploded column.`);
    }
    const arg = call.args[0] as Expr;
    rejectGenerators(arg, operation);
    const outer = call.fn === "explode_outer" || call.fn === "posexplode_outer";
    const generated: Attr[] = [];
    // Spark names the outputs pos and col; an alias names col (a single-output generator's only column).
    if (call.fn === "posexplode" || call.fn === "posexplode_outer") generated.push(newAttr("pos", "int32", outer));
    generated.push(newAttr(alias && !alias.name.startsWith(`${call.fn}(`) ? alias.name : "col", typeOf(call), true));
    plan = { kind: "generate", input: plan, fn: call.fn, arg, outer, output: generated };
    for (const a of generated) out.push({ kind: "ref", attr: a });
  }
  return { plan, exprs: out };
}
