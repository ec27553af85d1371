/**
 * Date and timestamp functions (Spark's names in camelCase). Local times are in the session time
 * zone (SessionOptions.timeZone, default UTC). Formats are Spark datetime patterns such as
 * "yyyy-MM-dd HH:mm:ss" (see the README for the letters supported).
 */
import type { Expr } from "../../planner/expr.js";
import type { Column, ColumnOrValue } from "../column.js";
import { type ColumnOrName, call, named, value } from "./call.js";

const withFormat = (fn: "to_date" | "to_timestamp" | "unix_timestamp", c: ColumnOrName, format?: string): Column =>
  format === undefined ? call(fn, named(c)) : call(fn, named(c), value(format));

/** A date: a string parsed with `format` (NULL when it does not parse) or as CAST, or a timestamp's local date. @example toDate("s", "dd/MM/yyyy") */
export const toDate = (c: ColumnOrName, format?: string): Column => withFormat("to_date", c, format);
/** A timestamp: a string parsed with `format` in the session time zone (NULL when it does not parse), or a date's local midnight. @example toTimestamp("s", "yyyy-MM-dd HH:mm") */
export const toTimestamp = (c: ColumnOrName, format?: string): Column => withFormat("to_timestamp", c, format);
/** A date or timestamp as text in the session time zone. @example dateFormat("ts", "EEE, d MMM yyyy HH:mm") */
export const dateFormat = (c: ColumnOrName, format: string): Column => call("date_format", named(c), value(format));

/** @example year("d") */
export const year = (c: ColumnOrName): Column => call("year", named(c));
/** 1–4. @example quarter("d") */
export const quarter = (c: ColumnOrName): Column => call("quarter", named(c));
/** 1–12. @example month("d") */
export const month = (c: ColumnOrName): Column => call("month", named(c));
/** Day of the month, 1–31. @example dayofmonth("d") */
export const dayofmonth = (c: ColumnOrName): Column => call("dayofmonth", named(c));
/** Same as dayofmonth. @example day("d") */
export const day = dayofmonth;
/** 1 = Sunday … 7 = Saturday. @example dayofweek("d") */
export const dayofweek = (c: ColumnOrName): Column => call("dayofweek", named(c));
/** 1–366. @example dayofyear("d") */
export const dayofyear = (c: ColumnOrName): Column => call("dayofyear", named(c));
/** ISO-8601 week number (weeks start on Monday). @example weekofyear("d") */
export const weekofyear = (c: ColumnOrName): Column => call("weekofyear", named(c));
/** Hour of the local time, 0–23. @example hour("ts") */
export const hour = (c: ColumnOrName): Column => call("hour", named(c));
/** @example minute("ts") */
export const minute = (c: ColumnOrName): Column => call("minute", named(c));
/** @example second("ts") */
export const second = (c: ColumnOrName): Column => call("second", named(c));

/** The date `days` days later. @example dateAdd("d", 7) */
export const dateAdd = (start: ColumnOrName, days: ColumnOrValue): Column => call("date_add", named(start), value(days));
/** The date `days` days earlier. @example dateSub("d", 1) */
export const dateSub = (start: ColumnOrName, days: ColumnOrValue): Column => call("date_sub", named(start), value(days));
/** Days from `start` to `end`. @example dateDiff("shipped", "ordered") */
export const dateDiff = (end: ColumnOrName, start: ColumnOrName): Column => call("datediff", named(end), named(start));
/** Same as dateDiff. @example datediff("shipped", "ordered") */
export const datediff = dateDiff;
/** The date `months` months later, the day clamped to the month's end. @example addMonths("d", 1) // 2024-01-31 → 2024-02-29 */
export const addMonths = (start: ColumnOrName, months: ColumnOrValue): Column => call("add_months", named(start), value(months));
/** Months between two timestamps (fractional over 31-day months, rounded to 8 digits unless roundOff is false). @example monthsBetween("end", "start") */
export const monthsBetween = (date1: ColumnOrName, date2: ColumnOrName, roundOff = true): Column =>
  call("months_between", named(date1), named(date2), value(roundOff));
/** The last day of the date's month. @example lastDay("d") */
export const lastDay = (c: ColumnOrName): Column => call("last_day", named(c));
/**
 * A timestamp truncated to `unit` in local time: year, quarter, month, week, day, hour, minute,
 * second, millisecond, microsecond (PySpark's argument order: unit first).
 * @example dateTrunc("hour", "ts")
 */
export const dateTrunc = (unit: string, ts: ColumnOrName): Column => call("date_trunc", value(unit), named(ts));
/** A date truncated to year, quarter, month or week. @example trunc("d", "month") */
export const trunc = (c: ColumnOrName, unit: string): Column => call("trunc", named(c), value(unit));
/** Today in the session time zone, fixed for the whole query. @example df.withColumn("today", currentDate()) */
export const currentDate = (): Column => call("current_date");
/** The query's start time, fixed for the whole query. @example currentTimestamp() */
export const currentTimestamp = (): Column => call("current_timestamp");
/** Same as currentTimestamp. @example now() */
export const now = currentTimestamp;
/**
 * Seconds since the epoch (bigint): of a string parsed with `format` (default
 * "yyyy-MM-dd HH:mm:ss"), a date or a timestamp; of now with no argument.
 * @example unixTimestamp("s", "yyyy/MM/dd")
 */
export function unixTimestamp(c?: ColumnOrName, format?: string): Column {
  if (c === undefined) return call("unix_timestamp", { kind: "call", fn: "current_timestamp", args: [] } as Expr);
  return withFormat("unix_timestamp", c, format);
}
/** Seconds since the epoch as text in the session time zone (default "yyyy-MM-dd HH:mm:ss"). @example fromUnixtime("epoch") */
export const fromUnixtime = (c: ColumnOrName, format?: string): Column =>
  format === undefined ? call("from_unixtime", named(c)) : call("from_unixtime", named(c), value(format));
/** A date from year, month and day; NULL when it does not exist. @example makeDate("y", "m", "d") */
export const makeDate = (y: ColumnOrName, m: ColumnOrName, d: ColumnOrName): Column => call("make_date", named(y), named(m), named(d));
