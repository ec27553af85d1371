/**
 * Math functions (Spark's names in camelCase, Spark's result types). A JS number argument is a
 * literal; a string is a column name.
 */
import type { Expr } from "../../planner/expr.js";
import type { Column } from "../column.js";
import { type ColumnOrName, call, named, value } from "./call.js";

/** A column name, a Column, or a number literal. */
export type ColumnOrNumber = ColumnOrName | number;

const num = (c: ColumnOrNumber): Expr => (typeof c === "number" ? value(c) : named(c));

/** Rounds half away from zero (HALF_UP) to `scale` decimals (negative: tens, hundreds…); keeps the type. @example round("price", 2) */
export const round = (c: ColumnOrName, scale = 0): Column => call("round", named(c), value(scale));
/** Rounds half to even (banker's rounding). @example bround("price", 1) // 2.25 → 2.2 */
export const bround = (c: ColumnOrName, scale = 0): Column => call("bround", named(c), value(scale));
/** Largest integer ≤ x, as a bigint. @example floor("x") */
export const floor = (c: ColumnOrName): Column => call("floor", named(c));
/** Smallest integer ≥ x, as a bigint. @example ceil("x") */
export const ceil = (c: ColumnOrName): Column => call("ceil", named(c));
/** Same as ceil. @example ceiling("x") */
export const ceiling = ceil;
/** @example sqrt("area") */
export const sqrt = (c: ColumnOrName): Column => call("sqrt", named(c));
/** Cube root. @example cbrt("volume") */
export const cbrt = (c: ColumnOrName): Column => call("cbrt", named(c));
/** e^x. @example exp("x") */
export const exp = (c: ColumnOrName): Column => call("exp", named(c));
/**
 * log(x) is the natural logarithm; log(base, x) the logarithm to `base` (PySpark's argument
 * order). NULL for x ≤ 0 or base ≤ 0.
 * @example log("x"), log(10, "x")
 */
export function log(arg1: ColumnOrNumber, arg2?: ColumnOrNumber): Column {
  return arg2 === undefined ? call("ln", num(arg1)) : call("log", num(arg1), num(arg2));
}
/** Natural logarithm; NULL for x ≤ 0. @example ln("x") */
export const ln = (c: ColumnOrName): Column => call("ln", named(c));
/** @example log10("x") */
export const log10 = (c: ColumnOrName): Column => call("log10", named(c));
/** @example log2("x") */
export const log2 = (c: ColumnOrName): Column => call("log2", named(c));
/** ln(1 + x); NULL for x ≤ -1. @example log1p("x") */
export const log1p = (c: ColumnOrName): Column => call("log1p", named(c));
/** x^y, double. @example pow("x", 2) */
export const pow = (x: ColumnOrNumber, y: ColumnOrNumber): Column => call("pow", num(x), num(y));
/** Same as pow. @example power("x", 0.5) */
export const power = pow;
/** -1.0, 0.0 or 1.0 (double). @example signum("delta") */
export const signum = (c: ColumnOrName): Column => call("signum", named(c));
/** Same as signum. @example sign("delta") */
export const sign = signum;
/** @example sin("angle") */
export const sin = (c: ColumnOrName): Column => call("sin", named(c));
/** @example cos("angle") */
export const cos = (c: ColumnOrName): Column => call("cos", named(c));
/** @example tan("angle") */
export const tan = (c: ColumnOrName): Column => call("tan", named(c));
/** @example asin("x") */
export const asin = (c: ColumnOrName): Column => call("asin", named(c));
/** @example acos("x") */
export const acos = (c: ColumnOrName): Column => call("acos", named(c));
/** @example atan("x") */
export const atan = (c: ColumnOrName): Column => call("atan", named(c));
/** The angle of the point (x, y). @example atan2("y", "x") */
export const atan2 = (y: ColumnOrNumber, x: ColumnOrNumber): Column => call("atan2", num(y), num(x));
/** Radians to degrees. @example degrees("angle") */
export const degrees = (c: ColumnOrName): Column => call("degrees", named(c));
/** Degrees to radians. @example radians("angle") */
export const radians = (c: ColumnOrName): Column => call("radians", named(c));
/** The largest non-null argument (NULL only when all are null). @example greatest("a", "b", "c") */
export const greatest = (...cols: ColumnOrName[]): Column => call("greatest", ...cols.map(named));
/** The smallest non-null argument (NULL only when all are null). @example least("a", "b") */
export const least = (...cols: ColumnOrName[]): Column => call("least", ...cols.map(named));
/** The positive remainder of dividend / divisor; NULL for a zero divisor. @example pmod("x", 7) */
export const pmod = (dividend: ColumnOrNumber, divisor: ColumnOrNumber): Column => call("pmod", num(dividend), num(divisor));
/** Euler's number. @example e() */
export const e = (): Column => call("e");
/** π. @example pi() */
export const pi = (): Column => call("pi");
