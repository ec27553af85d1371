/**
 * Value parsers over JS strings, for the csv-parse reference path and schema inference. Written
 * independently of parse-bytes.ts (regular expressions, Number, BigInt, Date) so that comparing
 * the two paths tests both.
 */
import type { ColumnType } from "./types.js";

const INT_RE = /^[+-]?\d+$/;
const FLOAT_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const BOOL_RE = /^(?:true|false)$/i;
const TS_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})?)?$/;
const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map([
  ["NaN", NaN],
  ["Inf", Infinity],
  ["+Inf", Infinity],
  ["-Inf", -Infinity],
  ["Infinity", Infinity],
  ["+Infinity", Infinity],
  ["-Infinity", -Infinity],
]);
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const MS_PER_DAY = 86_400_000;

export function textToInt32(t: string): number | null {
  if (!INT_RE.test(t)) return null;
  const v = Number(t);
  return v >= -2147483648 && v <= 2147483647 ? v | 0 : null;
}

export function textToInt64(t: string): bigint | null {
  if (!INT_RE.test(t)) return null;
  const v = BigInt(t);
  return v >= INT64_MIN && v <= INT64_MAX ? v : null;
}

export function textToFloat64(t: string): number | null {
  if (FLOAT_RE.test(t)) return Number(t);
  return SPECIAL_FLOATS.get(t) ?? null;
}

export function textToBoolean(t: string): boolean | null {
  return BOOL_RE.test(t) ? t.toLowerCase() === "true" : null;
}

/** Days since the epoch of a valid calendar date (Date.UTC maps years 0-99 to 19xx: undo that). */
function utcDays(y: number, m: number, d: number): number | null {
  const dt = new Date(Date.UTC(2000, m - 1, d));
  dt.setUTCFullYear(y);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return Math.round(dt.getTime() / MS_PER_DAY);
}

export function textToDate(t: string): number | null {
  const m = TS_RE.exec(t);
  if (m === null || m[4] !== undefined) return null;
  return utcDays(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Microseconds since the epoch, UTC unless an offset is given; a bare date is midnight. */
export function textToTimestamp(t: string): bigint | null {
  const m = TS_RE.exec(t);
  if (m === null) return null;
  const days = utcDays(Number(m[1]), Number(m[2]), Number(m[3]));
  if (days === null) return null;
  const [hh, mi, ss] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (hh > 23 || mi > 59 || ss > 59) return null;
  let offset = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== "Z") {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offset = (zone[0] === "-" ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const secs = BigInt(days) * 86400n + BigInt(hh * 3600 + mi * 60 + ss - offset);
  return secs * 1_000_000n + BigInt((m[7] ?? "").padEnd(6, "0"));
}

/** The narrowest type that parses t, checked in inference order. */
export function inferTextType(t: string): ColumnType {
  if (textToInt32(t) !== null) return "int32";
  if (textToInt64(t) !== null) return "int64";
  if (textToFloat64(t) !== null) return "float64";
  if (textToBoolean(t) !== null) return "boolean";
  if (textToDate(t) !== null) return "date";
  if (textToTimestamp(t) !== null) return "timestamp";
  return "utf8";
}

const NUMERIC_RANK: Partial<Record<ColumnType, number>> = { int32: 0, int64: 1, float64: 2 };

/** The type both a and b fit: numbers widen, a date widens to a timestamp, else utf8. */
export function widenType(a: ColumnType, b: ColumnType): ColumnType {
  if (a === b) return a;
  const ra = NUMERIC_RANK[a];
  const rb = NUMERIC_RANK[b];
  if (ra !== undefined && rb !== undefined) return ra > rb ? a : b;
  if ((a === "date" && b === "timestamp") || (a === "timestamp" && b === "date")) return "timestamp";
  return "utf8";
}
