/**
 * to_timestamp / to_date / unix_timestamp: a string parsed with a Spark pattern (compiled once
 * per batch; an unparseable string is NULL, Spark's non-ANSI mode), a string without a pattern read
 * as CAST does, a date (local midnight) or a timestamp. Local times are in the session time zone
 * unless the text carries an offset.
 */
import type { Col, I32Col, I64Col, StrCol } from "../../batch.js";
import type { Operand } from "../operand.js";
import { parseUtf8 } from "../parse-utf8.js";
import { type CallInfo, scalarString } from "../library-args.js";
import { writableValid } from "../validity.js";
import { DatetimePattern } from "./datetime-pattern.js";
import { fromLocal, localDays, newFields, startOfDay } from "./local-time.js";
import { TimeZone } from "./time-zone.js";

const decoder = new TextDecoder();
const DEFAULT_UNIX_PATTERN = "yyyy-MM-dd HH:mm:ss";

/** A string CAST reads as carrying its own zone: a time part ending in Z, UTC, GMT or ±hh[:mm]. */
const HAS_ZONE = /[T :]\d.*?(Z|UTC|GMT|\d[+-]\d{1,2}(:?\d{2})?)\s*$/i;

/**
 * Instants (µs, as Numbers) of the first argument with per-row validity; null when a row does not
 * parse.
 */
function instants(args: readonly Operand[], info: CallInfo, n: number, defaultPattern: string | null): { us: Float64Array; valid: Uint8Array | null } {
  const c = args[0]!.col;
  const tz = TimeZone.of(info.timeZone);
  const us = new Float64Array(n);
  if (c.type === "timestamp") {
    for (let i = 0; i < n; i++) us[i] = Number(c.values[i]!);
    return { us, valid: c.valid };
  }
  if (c.type === "date") {
    for (let i = 0; i < n; i++) if (c.valid === null || c.valid[i] === 1) us[i] = startOfDay(c.values[i]!, tz);
    return { us, valid: c.valid };
  }
  if (c.type !== "utf8") throw new Error(`internal: ${info.fn} of ${c.type}`);
  const pattern = args[1] ? scalarString(args[1], info.fn) : defaultPattern;
  return pattern === null ? castInstants(c, tz, us, n) : parseInstants(c, new DatetimePattern(pattern), tz, us, n);
}

function parseInstants(c: StrCol, p: DatetimePattern, tz: TimeZone, us: Float64Array, n: number): { us: Float64Array; valid: Uint8Array | null } {
  const f = newFields();
  const valid = writableValid(c.valid, n);
  const o = c.offsets;
  for (let i = 0; i < n; i++) {
    if (valid[i] === 0) continue;
    if (p.parse(decoder.decode(c.data.subarray(o[i]!, o[i + 1]!)), f)) us[i] = fromLocal(f, tz);
    else valid[i] = 0;
  }
  return { us, valid };
}

/** CAST(str AS TIMESTAMP), then zone-less values re-read as local time in `tz`. */
function castInstants(c: StrCol, tz: TimeZone, us: Float64Array, n: number): { us: Float64Array; valid: Uint8Array | null } {
  const cast = parseUtf8(c, "timestamp") as I64Col;
  const utc = tz.isUtc;
  const o = c.offsets;
  for (let i = 0; i < n; i++) {
    if (cast.valid !== null && cast.valid[i] === 0) continue;
    const v = Number(cast.values[i]!);
    if (utc || HAS_ZONE.test(decoder.decode(c.data.subarray(o[i]!, o[i + 1]!)).trim())) us[i] = v;
    else {
      const ms = Math.floor(v / 1000);
      us[i] = tz.localToUtcMs(ms) * 1000 + (v - ms * 1000);
    }
  }
  return { us, valid: cast.valid };
}

/**
 * @example
 * toTimestamp([s, lit("dd/MM/yyyy HH:mm")], n, info) // "29/02/2024 13:05" → 2024-02-29T13:05Z (UTC session)
 */
export function toTimestamp(args: readonly Operand[], n: number, info: CallInfo): Col {
  const { us, valid } = instants(args, info, n, null);
  const out = new BigInt64Array(n);
  for (let i = 0; i < n; i++) if (valid === null || valid[i] === 1) out[i] = BigInt(us[i]!);
  return { type: "timestamp", values: out, valid };
}

/**
 * @example
 * toDate([s, lit("MM/dd/yyyy")], n, info) // "02/29/2024" → 2024-02-29; "02/30/2024" → null
 */
export function toDate(args: readonly Operand[], n: number, info: CallInfo): Col {
  const c = args[0]!.col;
  if (c.type === "date") return c as I32Col;
  if (c.type === "utf8" && !args[1]) return parseUtf8(c, "date");
  const { us, valid } = instants(args, info, n, null);
  const tz = TimeZone.of(info.timeZone);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) if (valid === null || valid[i] === 1) out[i] = localDays(us[i]!, tz);
  return { type: "date", values: out, valid };
}

/**
 * unix_timestamp(str[, pattern]) (default yyyy-MM-dd HH:mm:ss), of a date or of a timestamp:
 * whole seconds since the epoch, rounded down.
 * @example
 * unixTimestamp([s], n, info) // "1970-01-02 00:00:00" → 86400n (UTC session)
 */
export function unixTimestamp(args: readonly Operand[], n: number, info: CallInfo): Col {
  const { us, valid } = instants(args, info, n, DEFAULT_UNIX_PATTERN);
  const out = new BigInt64Array(n);
  for (let i = 0; i < n; i++) if (valid === null || valid[i] === 1) out[i] = BigInt(Math.floor(us[i]! / 1e6));
  return { type: "int64", values: out, valid };
}
