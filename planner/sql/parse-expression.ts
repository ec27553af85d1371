/**
 * Spark SQL expressions → the unresolved Expr IR, for `df.where("age > 25")`,
 * `selectExpr("a + 1 AS b", "*")` and `expr("sum(v) AS total")`. Errors are SqlParseError with the
 * line and column of the first problem; the grammar is in expression-parser.ts.
 */
import type { Expr } from "../expr.js";
import type { SqlFunction } from "./catalog.js";
import { ExpressionParser } from "./expression-parser.js";

/**
 * Parses one Spark SQL expression into the unresolved Expr IR. Aliases are not allowed here (see
 * parseSelectItem). Throws SqlParseError with the line and column of the first problem.
 *
 * @example
 * parseExpression("age > 25 AND dept = 'x'");
 * // binary("and", binary(">", col("age"), lit(25)), binary("=", col("dept"), lit("x")))
 */
export function parseExpression(text: string): Expr {
  return parseExpressionWith(text, undefined);
}

/** parseExpression with user-defined functions callable by name (the session's registry). */
export function parseExpressionWith(text: string, udfs: ReadonlyMap<string, SqlFunction> | undefined): Expr {
  const p = new ExpressionParser(text, udfs);
  const e = p.expression();
  p.end(p.atAlias() ? "end of input (an alias is only allowed in a select item)" : "end of input");
  return e;
}

/**
 * Parses one item of a select list: an expression with an optional `AS name` or bare alias, or a
 * `*` / `t.*` star (a col named "*", qualified for `t.*`).
 *
 * @example
 * parseSelectItem("a + 1 AS b"); // { kind: "alias", input: binary("+", col("a"), lit(1)), name: "b" }
 * parseSelectItem("t.*");        // col("*", "t")
 */
export function parseSelectItem(text: string): Expr {
  return parseSelectItemWith(text, undefined);
}

/** parseSelectItem with user-defined functions callable by name (the session's registry). */
export function parseSelectItemWith(text: string, udfs: ReadonlyMap<string, SqlFunction> | undefined): Expr {
  const p = new ExpressionParser(text, udfs);
  const star = p.star();
  if (star !== undefined) {
    p.end("end of input");
    return star;
  }
  const e = p.alias(p.expression());
  p.end(e.kind === "alias" ? "end of input" : "an operator, an alias or end of input");
  return e;
}
