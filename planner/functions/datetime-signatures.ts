/**
 * Signatures of the date and timestamp functions. Those marked `timeZone` read the session time
 * zone (SessionOptions.timeZone), which the binder hands to the kernel as plain data.
 */
import { AnalysisError } from "../errors.js";
import type { DatetimeFn, Expr } from "../expr.js";
import { typeOf } from "../analyzer/types-of.js";
import { checkDatetimePattern } from "./datetime-pattern-check.js";
import { type FnSignature, argError, castTo, sig, stringLiteral } from "./signature.js";

const TZ = { timeZone: true } as const;

/** A literal datetime pattern argument at `index` must use supported letters. */
const pattern = (index: number) => (args: readonly Expr[], fn: string): void => {
  const p = stringLiteral(args[index]);
  if (p !== null) checkDatetimePattern(fn, p);
};

/** to_date/to_timestamp/unix_timestamp: a string (parsed with the pattern), a date or a timestamp. */
function parsable(args: readonly Expr[], fn: string, op: string): readonly Expr[] {
  const [v, fmt] = args;
  // unix_timestamp() is the current time's.
  if (v === undefined) return [{ kind: "call", fn: "current_timestamp", args: [] }];
  const t = typeOf(v);
  if (t !== "utf8" && t !== "date" && t !== "timestamp" && t !== "null") {
    throw argError(fn, 0, { name: "col", kind: "any" }, v, "a string, date or timestamp", op);
  }
  if (fmt === undefined) return [t === "null" ? castTo(v, "utf8") : v];
  if (stringLiteral(fmt) === null && !(fmt.kind === "lit" && fmt.value === null)) {
    throw argError(fn, 1, { name: "format", kind: "strLit" }, fmt, "a string literal", op);
  }
  return [t === "utf8" ? v : castTo(v, "utf8"), castTo(fmt, "utf8")];
}

const TRUNC_UNITS = ["year", "yyyy", "yy", "quarter", "month", "mon", "mm", "week"];
const DATE_TRUNC_UNITS = [...TRUNC_UNITS, "day", "dd", "hour", "minute", "second", "millisecond", "microsecond"];

const unit = (index: number, units: readonly string[]) => (args: readonly Expr[], fn: string): void => {
  const u = stringLiteral(args[index]);
  if (u !== null && !units.includes(u.toLowerCase())) {
    throw new AnalysisError(`${fn}(): unknown unit '${u}'; use one of ${units.join(", ")}.`);
  }
};

export const DATETIME_SIGNATURES: Readonly<Record<DatetimeFn, FnSignature>> = {
  to_date: sig(["col:any", "format:strLit?"], "date", { ...TZ, nulls: "may", coerce: parsable, check: pattern(1) }),
  to_timestamp: sig(["col:any", "format:strLit?"], "timestamp", { ...TZ, nulls: "may", coerce: parsable, check: pattern(1) }),
  date_format: sig(["ts:ts", "format:strLit"], "utf8", { ...TZ, check: pattern(1) }),
  year: sig(["date:date"], "int32"),
  quarter: sig(["date:date"], "int32"),
  month: sig(["date:date"], "int32"),
  dayofmonth: sig(["date:date"], "int32"),
  dayofweek: sig(["date:date"], "int32"),
  dayofyear: sig(["date:date"], "int32"),
  weekofyear: sig(["date:date"], "int32"),
  hour: sig(["ts:ts"], "int32", TZ),
  minute: sig(["ts:ts"], "int32", TZ),
  second: sig(["ts:ts"], "int32", TZ),
  date_add: sig(["start:date", "days:int"], "date"),
  date_sub: sig(["start:date", "days:int"], "date"),
  datediff: sig(["end:date", "start:date"], "int32"),
  add_months: sig(["start:date", "months:int"], "date"),
  months_between: sig(["ts1:ts", "ts2:ts", "roundOff:bool?"], "float64", TZ),
  last_day: sig(["date:date"], "date"),
  date_trunc: sig(["unit:strLit", "ts:ts"], "timestamp", { ...TZ, check: unit(0, DATE_TRUNC_UNITS) }),
  trunc: sig(["date:date", "unit:strLit"], "date", { check: unit(1, TRUNC_UNITS) }),
  current_date: sig([], "date", { ...TZ, nulls: "never" }),
  current_timestamp: sig([], "timestamp", { ...TZ, nulls: "never" }),
  unix_timestamp: sig(["col:any?", "format:strLit?"], "int64", { ...TZ, nulls: "may", coerce: parsable, check: pattern(1) }),
  from_unixtime: sig(["seconds:long", "format:strLit?"], "utf8", { ...TZ, check: pattern(1) }),
  make_date: sig(["year:int", "month:int", "day:int"], "date", { nulls: "may" }),
};
