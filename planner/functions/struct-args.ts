/** struct(a, b, …) as named_struct('a', a, 'b', b, …): Spark's field names for struct's arguments. */
import { type Expr, exprName, lit } from "../expr.js";

/** A column's or alias's name (a struct field's for `s.f`), else col1, col2, … by position. */
export function structFieldName(e: Expr, i: number): string {
  if (e.kind === "col" || e.kind === "ref" || e.kind === "alias") return exprName(e);
  if (e.kind === "call" && e.fn === "get_field") return exprName(e);
  return `col${i + 1}`;
}

/** named_struct's arguments for struct(...) of these expressions (an alias names its field). */
export function structArgs(exprs: readonly Expr[]): Expr[] {
  return exprs.flatMap((e, i) => [lit(structFieldName(e, i)), e.kind === "alias" ? e.input : e]);
}
