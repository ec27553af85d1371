/**
 * Functions of timestamps in the session time zone (CallInfo.timeZone): hour / minute / second,
 * date_format / from_unixtime, date_trunc and months_between. Each row converts its instant to
 * local fields with the zone's cached offsets (time-zone.ts); a pattern is compiled once per batch.
 */
import type { Col, I64Col } from "../../batch.js";
import type { Operand } from "../operand.js";
import { Utf8Writer } from "../utf8-writer.js";
import { type CallInfo, allValid, i64Of, scalarString } from "../library-args.js";
import { daysFromCivil, daysInMonth } from "../civil-date.js";
import { DatetimePattern } from "./datetime-pattern.js";
import { fromLocal, newFields, toLocal } from "./local-time.js";
import { truncDays } from "./date-functions.js";
import { TimeZone } from "./time-zone.js";

/**
 * @example
 * timeField([ts], n, { fn: "hour", timeZone: "America/New_York", … }) // 2024-07-01T12:00Z → 8
 */
export function timeField(args: readonly Operand[], n: number, info: CallInfo): Col {
  const c = args[0]!.col as I64Col;
  const tz = TimeZone.of(info.timeZone);
  const f = newFields();
  const out = new Int32Array(n);
  const x = c.values;
  const v = c.valid;
  const which = info.fn === "hour" ? 0 : info.fn === "minute" ? 1 : 2;
  for (let i = 0; i < n; i++) {
    if (v !== null && v[i] === 0) continue;
    toLocal(Number(x[i]!), tz, f);
    out[i] = which === 0 ? f.hour : which === 1 ? f.minute : f.second;
  }
  return { type: "int32", values: out, valid: v };
}

/**
 * date_format(ts, pattern) and from_unixtime(seconds[, pattern]) (default yyyy-MM-dd HH:mm:ss).
 * @example
 * formatTime([ts, lit("EEE, d MMM yyyy")], n, info) // "Thu, 29 Feb 2024"
 */
export function formatTime(args: readonly Operand[], n: number, info: CallInfo): Col {
  const seconds = info.fn === "from_unixtime";
  const c = args[0]!.col as I64Col;
  const pattern = new DatetimePattern(args[1] ? scalarString(args[1], info.fn) : "yyyy-MM-dd HH:mm:ss");
  const tz = TimeZone.of(info.timeZone);
  const f = newFields();
  const w = new Utf8Writer(n, n * 20);
  const x = c.values;
  const v = c.valid;
  for (let i = 0; i < n; i++) {
    if (v !== null && v[i] === 0) {
      w.empty();
      continue;
    }
    const us = seconds ? Number(x[i]!) * 1e6 : Number(x[i]!);
    w.text(pattern.format(f, toLocal(us, tz, f)));
  }
  return w.finish(v);
}

/**
 * date_trunc(unit, ts): the start of the local year … second (millisecond, microsecond) holding
 * the instant; the week starts on Monday. An unknown unit gives NULL, as in Spark.
 * @example
 * dateTrunc([lit("day"), ts], n, { timeZone: "America/New_York", … }) // local midnight
 */
export function dateTrunc(args: readonly Operand[], n: number, info: CallInfo): Col {
  const unit = scalarString(args[0], info.fn).toLowerCase();
  const c = args[1]!.col as I64Col;
  const out = new BigInt64Array(n);
  const x = c.values;
  const v = c.valid;
  const fixed = { second: 1e6, millisecond: 1e3, microsecond: 1 }[unit];
  if (fixed !== undefined) {
    const step = BigInt(fixed);
    for (let i = 0; i < n; i++) {
      const r = x[i]! % step;
      out[i] = x[i]! - (r < 0n ? r + step : r);
    }
    return { type: "timestamp", values: out, valid: v };
  }
  const tz = TimeZone.of(info.timeZone);
  const f = newFields();
  const days = unit === "day" || unit === "dd" || unit === "hour" || unit === "minute";
  if (!days && truncDays(0, unit) === null) return { type: "timestamp", values: out, valid: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    if (v !== null && v[i] === 0) continue;
    const offset = toLocal(Number(x[i]!), tz, f);
    if (!days) {
      const d = truncDays(daysFromCivil(f.year, f.month, f.day), unit)!;
      const probe = new Date(d * 86400000);
      f.year = probe.getUTCFullYear();
      f.month = probe.getUTCMonth() + 1;
      f.day = probe.getUTCDate();
    }
    if (unit !== "minute") f.minute = 0;
    if (unit !== "hour" && unit !== "minute") f.hour = 0;
    f.second = 0;
    f.micro = 0;
    f.offsetMs = null;
    out[i] = BigInt(fromLocal(f, tz, offset));
  }
  return { type: "timestamp", values: out, valid: v };
}

/**
 * months_between(ts1, ts2[, roundOff]): whole months when the days of month agree or both are
 * month ends, else the difference over 31-day months, rounded to 8 digits unless roundOff is false.
 * @example
 * monthsBetween([a, b], n, info) // 1997-02-28 10:30:00, 1996-10-30 → 3.94959677
 */
export function monthsBetween(args: readonly Operand[], n: number, info: CallInfo): Col {
  const a = i64Of(args[0], info.fn);
  const b = i64Of(args[1], info.fn);
  const r = args[2]?.col;
  const roundOff = r === undefined || r.type !== "boolean" || r.values[0] === 1;
  const valid = allValid(args.slice(0, 2), n);
  const tz = TimeZone.of(info.timeZone);
  const f1 = newFields();
  const f2 = newFields();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) continue;
    toLocal(Number(a.scalar ? a.values[0]! : a.values[i]!), tz, f1);
    toLocal(Number(b.scalar ? b.values[0]! : b.values[i]!), tz, f2);
    const months = (f1.year - f2.year) * 12 + (f1.month - f2.month);
    const last1 = f1.day === daysInMonth(f1.year, f1.month);
    const last2 = f2.day === daysInMonth(f2.year, f2.month);
    if (f1.day === f2.day || (last1 && last2)) {
      out[i] = months;
      continue;
    }
    const secs = (g: typeof f1): number => g.hour * 3600 + g.minute * 60 + g.second + g.micro / 1e6;
    const diff = months + ((f1.day - f2.day) * 86400 + secs(f1) - secs(f2)) / (31 * 86400);
    out[i] = roundOff ? Math.round(diff * 1e8) / 1e8 : diff;
  }
  return { type: "float64", values: out, valid };
}
