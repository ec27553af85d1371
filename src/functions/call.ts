/** Shared helpers of the function library's DataFrame API. */
import type { Expr, ScalarFn } from "../../planner/expr.js";
import { Column, type ColumnOrValue, toExpr } from "../column.js";
import { col } from "../functions.js";

/** A column argument: a Column, or a column name. */
export type ColumnOrName = Column | string;

export const named = (c: ColumnOrName): Expr => (typeof c === "string" ? col(c).expr : c.expr);

/** A value argument: a Column, or a literal (a string is the text itself, not a column name). */
export const value = (v: ColumnOrValue): Expr => toExpr(v);

export function call(fn: ScalarFn, ...args: Expr[]): Column {
  return new Column({ kind: "call", fn, args });
}
