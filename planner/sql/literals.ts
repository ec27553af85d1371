/**
 * Literal values of the SQL surface: numbers with Spark's typing rules, and the text of DATE and
 * TIMESTAMP literals. Calendar arithmetic is done by hand (proleptic Gregorian, as Spark 3+) rather
 * than with `Date`, which maps years 0–99 to 1900–1999.
 */
import { lit, type Expr } from "../expr.js";

const INT32_MIN = -2147483648n;
const INT32_MAX = 2147483647n;
const INT64_MIN = -9223372036854775808n;
const INT64_MAX = 9223372036854775807n;

const float64 = (value: number): Expr => ({ kind: "lit", value, type: "float64" });
const int64 = (value: bigint): Expr => ({ kind: "lit", value, type: "int64" });

/**
 * The literal for number token `text` (negated when it followed a unary minus), or undefined when
 * it is out of range. Integers are int32 when they fit, else int64; `L` forces int64; a fraction,
 * an exponent or a `D` suffix gives float64. An integer too big for int64 is a decimal in Spark,
 * which Cinder holds as float64.
 *
 * @example
 * numberLiteral("2147483648", true); // lit int32 -2147483648
 */
export function numberLiteral(text: string, negative: boolean): Expr | undefined {
  const sign = negative ? "-" : "";
  if (/^\d+[lL]$/.test(text)) {
    const v = BigInt(sign + text.slice(0, -1));
    return v >= INT64_MIN && v <= INT64_MAX ? int64(v) : undefined;
  }
  if (/^\d+$/.test(text)) {
    const v = BigInt(sign + text);
    if (v >= INT32_MIN && v <= INT32_MAX) return lit(Number(v));
    if (v >= INT64_MIN && v <= INT64_MAX) return int64(v);
    return float64(Number(v));
  }
  const body = /[dD]$/.test(text) ? text.slice(0, -1) : text;
  const v = Number(sign + body);
  return Number.isFinite(v) ? float64(v) : undefined;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function validDays(year: string, month: string | undefined, day: string | undefined): number | undefined {
  const y = Number(year);
  const m = month === undefined ? 1 : Number(month);
  const d = day === undefined ? 1 : Number(day);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return daysFromCivil(y, m, d);
}

/**
 * Days since the epoch of a DATE literal's text `yyyy[-[m]m[-[d]d]]`, or undefined when invalid.
 *
 * @example
 * dateLiteralDays("1970-01-02"); // 1
 */
export function dateLiteralDays(text: string): number | undefined {
  const m = /^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$/.exec(text);
  return m?.[1] === undefined ? undefined : validDays(m[1], m[2], m[3]);
}

const TIMESTAMP_RE =
  /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{1,2}(?::?\d{2})?)?\s*$/i;

/** Seconds east of UTC of `Z`, `UTC`, `+hh`, `+hh:mm` or `+hhmm`; undefined when out of range. */
function zoneOffsetSeconds(zone: string | undefined): number | undefined {
  if (zone === undefined || /^(Z|UTC)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  const h = Number(m?.[2]);
  const min = Number(m?.[3] ?? "0");
  if (!m || h > 18 || min > 59) return undefined;
  return (m[1] === "-" ? -1 : 1) * (h * 3600 + min * 60);
}

/**
 * Microseconds since the epoch (UTC) of a TIMESTAMP literal's text
 * `yyyy-mm-dd[( |T)hh:mm[:ss[.fffffffff]]][Z|UTC|±hh:mm]`, or undefined when invalid. Without a
 * zone the text is read as UTC; digits past microseconds are truncated.
 *
 * @example
 * timestampLiteralMicros("1970-01-01 00:00:01.5"); // 1500000n
 */
export function timestampLiteralMicros(text: string): bigint | undefined {
  const m = TIMESTAMP_RE.exec(text);
  if (!m?.[1]) return undefined;
  const days = validDays(m[1], m[2], m[3]);
  const [h, min, s] = [m[4], m[5], m[6]].map((v) => Number(v ?? "0")) as [number, number, number];
  const offset = zoneOffsetSeconds(m[8]);
  if (days === undefined || offset === undefined || h > 23 || min > 59 || s > 59) return undefined;
  const micros = BigInt((m[7] ?? "").slice(0, 6).padEnd(6, "0"));
  const seconds = BigInt(days) * 86400n + BigInt(h * 3600 + min * 60 + s - offset);
  return seconds * 1_000_000n + micros;
}
