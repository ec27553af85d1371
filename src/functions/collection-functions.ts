/**
 * Array and struct functions, collect_list / collect_set and the generators (Spark's names in
 * camelCase). Column arguments take a Column or a column name; values (an element to look for)
 * given as JS values are literals.
 */
import { structArgs } from "../../planner/functions/struct-args.js";
import { lit } from "../../planner/expr.js";
import { AnalysisError } from "../../planner/errors.js";
import { Column, type ColumnOrValue } from "../column.js";
import { type ColumnOrName, call, named, value } from "./call.js";

/** An array of the arguments' values, of their common type (never null). @example array("a", "b", col("c").plus(1)) */
export const array = (...cols: ColumnOrName[]): Column => call("array", ...cols.map(named));

/**
 * A struct of the arguments; fields are named after the columns (or their aliases), as Spark.
 * @example struct("name", col("age").alias("years")) // struct<name:utf8,years:int32>
 */
export const struct = (...cols: ColumnOrName[]): Column => call("named_struct", ...structArgs(cols.map(named)));

/**
 * A struct with the given field names: name, value, name, value, … (SQL's named_struct).
 * @example namedStruct("city", col("addr.city"), "n", lit(1))
 */
export function namedStruct(...pairs: (string | Column)[]): Column {
  const args = pairs.map((p, i) => {
    if (i % 2 === 0) {
      if (typeof p !== "string") throw new AnalysisError(`namedStruct() takes name, value pairs; argument ${i + 1} must be a field name string.`);
      return lit(p);
    }
    return named(p);
  });
  return call("named_struct", ...args);
}

/** Splits a string around matches of a regular expression (Java's split rules; limit > 0 caps the parts). @example split("tags", ",\\s*") */
export const split = (c: ColumnOrName, pattern: string, limit?: number): Column =>
  limit === undefined ? call("split", named(c), value(pattern)) : call("split", named(c), value(pattern), value(limit));

/** The number of elements; -1 for a null array (Spark's default, spark.sql.legacy.sizeOfNull). @example size("xs") */
export const size = (c: ColumnOrName): Column => call("size", named(c));
/** Same as size. @example cardinality("xs") */
export const cardinality = size;

/** The element at 1-based `index` (negative: from the end); null out of range. @example elementAt("xs", -1) // last */
export const elementAt = (c: ColumnOrName, index: ColumnOrValue): Column => call("element_at", named(c), value(index));

/** Whether the array holds `v` (null when it does not but holds a null, as Spark). @example arrayContains("tags", "sale") */
export const arrayContains = (c: ColumnOrName, v: ColumnOrValue): Column => call("array_contains", named(c), value(v));

/** The elements sorted; nulls first ascending, last descending. @example sortArray("xs", false) */
export const sortArray = (c: ColumnOrName, asc = true): Column => call("sort_array", named(c), value(asc));

/** The elements without duplicates, first occurrences in order. @example arrayDistinct("xs") */
export const arrayDistinct = (c: ColumnOrName): Column => call("array_distinct", named(c));

/** One row per element (none for a null or empty array), the other columns repeated. @example df.select("id", explode("xs").alias("x")) */
export const explode = (c: ColumnOrName): Column => call("explode", named(c));
/** As explode, but a null or empty array gives one row with null. @example explodeOuter("xs") */
export const explodeOuter = (c: ColumnOrName): Column => call("explode_outer", named(c));
/** As explode, with the 0-based position first: columns `pos` and `col`. @example df.select(posexplode("xs")) */
export const posexplode = (c: ColumnOrName): Column => call("posexplode", named(c));
/** As posexplode, with one null row for a null or empty array. @example posexplodeOuter("xs") */
export const posexplodeOuter = (c: ColumnOrName): Column => call("posexplode_outer", named(c));

const aggOf = (fn: "collectList" | "collectSet", c: ColumnOrName): Column => new Column({ kind: "agg", fn, input: named(c), distinct: false });

/** The group's non-null values as an array, in input order (empty, not null, for none). @example groupBy("k").agg(collectList("v")) */
export const collectList = (c: ColumnOrName): Column => aggOf("collectList", c);
/** The group's distinct non-null values as an array (order unspecified). @example groupBy("k").agg(collectSet("v")) */
export const collectSet = (c: ColumnOrName): Column => aggOf("collectSet", c);
/** Same as collectList (SQL's array_agg). @example arrayAgg("v") */
export const arrayAgg = collectList;
