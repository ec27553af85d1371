/** Null and NaN handling, conditionals and hashes (Spark's names in camelCase). */
import { Column, type ColumnOrValue } from "../column.js";
import { lit } from "../../planner/expr.js";
import { type ColumnOrName, call, named, value } from "./call.js";

/** NULL when a equals b, else a. @example nullif("x", lit(0)) */
export const nullif = (a: ColumnOrName, b: ColumnOrValue): Column =>
  new Column({ kind: "case", branches: [{ when: { kind: "binary", op: "=", left: named(a), right: value(b) }, then: lit(null) }], otherwise: named(a) });
/** b when a is null, else a. @example nvl("nickname", "name") */
export const nvl = (a: ColumnOrName, b: ColumnOrName): Column => call("coalesce", named(a), named(b));
/** Same as nvl. @example ifnull("nickname", "name") */
export const ifnull = nvl;
/** b when a is not null, else c. @example nvl2("manager", lit("managed"), lit("top")) */
export const nvl2 = (a: ColumnOrName, b: ColumnOrName, c: ColumnOrName): Column =>
  new Column({ kind: "case", branches: [{ when: { kind: "isNull", input: named(a), negated: true }, then: named(b) }], otherwise: named(c) });
/** SQL's if(cond, a, b): a where cond is true, else b (also when cond is null). @example iff(col("age").ge(18), lit("adult"), lit("minor")) */
export const iff = (condition: Column, a: ColumnOrValue, b: ColumnOrValue): Column =>
  new Column({ kind: "case", branches: [{ when: condition.expr, then: value(a) }], otherwise: value(b) });
/** Whether a double is NaN (false for null). @example isnan("x") */
export const isnan = (c: ColumnOrName): Column => call("isnan", named(c));
/** b where a is NaN, else a. @example nanvl("ratio", lit(0)) */
export const nanvl = (a: ColumnOrName, b: ColumnOrName): Column => call("nanvl", named(a), named(b));

/** Spark's Murmur3 hash of the arguments (seed 42), an int that matches Spark's hash(). @example hash("id", "name") */
export const hash = (...cols: ColumnOrName[]): Column => call("hash", ...cols.map(named));
/** MD5 of the UTF-8 bytes, as 32 hex digits. @example md5("email") */
export const md5 = (c: ColumnOrName): Column => call("md5", named(c));
/** SHA-1 as hex. @example sha1("email") */
export const sha1 = (c: ColumnOrName): Column => call("sha1", named(c));
/** SHA-2 (224, 256, 384 or 512 bits; 0 means 256) as hex. @example sha2("email", 256) */
export const sha2 = (c: ColumnOrName, numBits: number): Column => call("sha2", named(c), value(numBits));
