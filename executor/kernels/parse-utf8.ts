/**
 * CAST(string AS int/bigint/double/boolean/date/timestamp), Spark's non-ANSI rules: the string is
 * trimmed (bytes ≤ 0x20 at both ends) and an unparseable value is null. Integers are parsed from
 * the bytes without decoding; like Spark's UTF8String.toInt, a fractional part is accepted and
 * dropped ("1.9" → 1) and overflow is null. Doubles follow Java's parseDouble plus Spark's special
 * literals ("inf", "-infinity", "nan", any case); dates take "yyyy[-m[m][-d[d]]]" with anything
 * after a ' ' or 'T'; timestamps take a date, an optional "[ T]h[h][:m[m][:s[s][.ffffff]]]" and an
 * optional zone (Z, UTC, GMT, ±hh[:mm]); without a zone they are UTC. Named zones are null.
 */
import type { Col, StrCol } from "../batch.js";
import { daysFromCivil, daysInMonth } from "./civil-date.js";
import type { FixedType } from "./cast-fixed.js";
import { writableValid } from "./validity.js";

/**
 * @example
 * parseUtf8(strCol, "int32") // [" 42 ", "1.9", "x", "99999999999"] → [42, 1, null, null]
 */
export function parseUtf8(c: StrCol, to: FixedType): Col {
  switch (to) {
    case "int32":
      return parseInt32s(c);
    case "int64":
      return parseInt64s(c);
    case "boolean":
      return parseBooleans(c);
    case "float64":
      return parseDoubles(c);
    case "date":
      return parseDates(c);
    case "timestamp":
      return parseTimestamps(c);
  }
}

// One loop per target type, so no loop asks per row which type it is writing. A failed row gets
// the (lazily allocated) validity cleared.

function parseInt32s(c: StrCol): Col {
  const n = c.offsets.length - 1;
  const cv = c.valid;
  const o = c.offsets;
  const d = c.data;
  const out = new Int32Array(n);
  let v: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (cv !== null && cv[i] === 0) continue;
    const x = parseIntegerBytes(d, o[i]!, o[i + 1]!);
    if (typeof x === "number" && x >= -2147483648 && x <= 2147483647) out[i] = x;
    else (v ??= writableValid(cv, n))[i] = 0;
  }
  return { type: "int32", values: out, valid: v ?? cv };
}

function parseInt64s(c: StrCol): Col {
  const n = c.offsets.length - 1;
  const cv = c.valid;
  const o = c.offsets;
  const d = c.data;
  const out = new BigInt64Array(n);
  let v: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (cv !== null && cv[i] === 0) continue;
    const x = parseIntegerBytes(d, o[i]!, o[i + 1]!);
    if (x !== null) out[i] = BigInt(x);
    else (v ??= writableValid(cv, n))[i] = 0;
  }
  return { type: "int64", values: out, valid: v ?? cv };
}

function parseBooleans(c: StrCol): Col {
  const n = c.offsets.length - 1;
  const cv = c.valid;
  const out = new Uint8Array(n);
  let v: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (cv !== null && cv[i] === 0) continue;
    const x = parseBoolean(trimmedAscii(c, i));
    if (x !== null) out[i] = x;
    else (v ??= writableValid(cv, n))[i] = 0;
  }
  return { type: "boolean", values: out, valid: v ?? cv };
}

function parseDoubles(c: StrCol): Col {
  const n = c.offsets.length - 1;
  const cv = c.valid;
  const out = new Float64Array(n);
  let v: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (cv !== null && cv[i] === 0) continue;
    const x = parseDouble(trimmedAscii(c, i));
    if (x !== null) out[i] = x;
    else (v ??= writableValid(cv, n))[i] = 0;
  }
  return { type: "float64", values: out, valid: v ?? cv };
}

function parseDates(c: StrCol): Col {
  const n = c.offsets.length - 1;
  const cv = c.valid;
  const out = new Int32Array(n);
  let v: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (cv !== null && cv[i] === 0) continue;
    const x = parseDate(trimmedAscii(c, i));
    if (x !== null) out[i] = x;
    else (v ??= writableValid(cv, n))[i] = 0;
  }
  return { type: "date", values: out, valid: v ?? cv };
}

function parseTimestamps(c: StrCol): Col {
  const n = c.offsets.length - 1;
  const cv = c.valid;
  const out = new BigInt64Array(n);
  let v: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (cv !== null && cv[i] === 0) continue;
    const x = parseTimestamp(trimmedAscii(c, i));
    if (x !== null) out[i] = x;
    else (v ??= writableValid(cv, n))[i] = 0;
  }
  return { type: "timestamp", values: out, valid: v ?? cv };
}

/**
 * The integer part of "[+-]digits[.digits]" in bytes [a, b), trimmed: a number when exact (≤ 15 digits), a
 * bigint when it needs more and fits int64, null when malformed or out of int64 range.
 */
export function parseIntegerBytes(d: Uint8Array, a: number, b: number): number | bigint | null {
  while (a < b && d[a]! <= 0x20) a++;
  while (b > a && d[b - 1]! <= 0x20) b--;
  let p = a;
  const neg = p < b && d[p] === 0x2d;
  if (p < b && (d[p] === 0x2d || d[p] === 0x2b)) p++;
  const start = p;
  while (p < b && d[p]! >= 0x30 && d[p]! <= 0x39) p++;
  const end = p;
  let fracDigits = 0;
  if (p < b && d[p] === 0x2e) {
    p++;
    while (p < b && d[p]! >= 0x30 && d[p]! <= 0x39) {
      p++;
      fracDigits++;
    }
  }
  if (p !== b || end - start + fracDigits === 0) return null;
  if (end - start <= 15) {
    let x = 0;
    for (let k = start; k < end; k++) x = x * 10 + (d[k]! - 0x30);
    return neg ? -x : x;
  }
  let x = 0n;
  for (let k = start; k < end; k++) x = x * 10n + BigInt(d[k]! - 0x30);
  if (neg) x = -x;
  return x >= -9223372036854775808n && x <= 9223372036854775807n ? x : null;
}

/** The trimmed bytes as a string, or null when not ASCII (no valid value of these types is). */
function trimmedAscii(c: StrCol, i: number): string | null {
  const d = c.data;
  let a = c.offsets[i]!;
  let b = c.offsets[i + 1]!;
  while (a < b && d[a]! <= 0x20) a++;
  while (b > a && d[b - 1]! <= 0x20) b--;
  let s = "";
  for (let k = a; k < b; k++) {
    const x = d[k]!;
    if (x >= 0x80) return null;
    s += String.fromCharCode(x);
  }
  return s;
}

const TRUE_STRINGS = new Set(["t", "true", "y", "yes", "1"]);
const FALSE_STRINGS = new Set(["f", "false", "n", "no", "0"]);

function parseBoolean(s: string | null): number | null {
  if (s === null) return null;
  const l = s.toLowerCase();
  return TRUE_STRINGS.has(l) ? 1 : FALSE_STRINGS.has(l) ? 0 : null;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[dDfF]?$/;
const SPECIAL: ReadonlyMap<string, number> = new Map([
  ["inf", Infinity],
  ["+inf", Infinity],
  ["infinity", Infinity],
  ["+infinity", Infinity],
  ["-inf", -Infinity],
  ["-infinity", -Infinity],
  ["nan", NaN],
  ["+nan", NaN],
  ["-nan", NaN],
]);

function parseDouble(s: string | null): number | null {
  if (s === null) return null;
  if (DECIMAL.test(s)) return Number(/[dDfF]$/.test(s) ? s.slice(0, -1) : s);
  return SPECIAL.get(s.toLowerCase()) ?? null;
}

const DATE = /^([+-]?\d{4,7})(?:-(\d{1,2})(?:-(\d{1,2})(?:[ T].*)?)?)?$/s;

function parseDate(s: string | null): number | null {
  if (s === null) return null;
  const m = DATE.exec(s);
  if (!m) return null;
  return toDays(m[1]!, m[2], m[3]);
}

function toDays(ys: string, ms: string | undefined, ds: string | undefined): number | null {
  const y = Number(ys);
  const mo = ms === undefined ? 1 : Number(ms);
  const day = ds === undefined ? 1 : Number(ds);
  if (mo < 1 || mo > 12 || day < 1 || day > daysInMonth(y, mo)) return null;
  return daysFromCivil(y, mo, day);
}

const TIMESTAMP =
  /^([+-]?\d{4,7})(?:-(\d{1,2})(?:-(\d{1,2})(?:[ T](\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?)?)?)?)?\s*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?$/i;

function parseTimestamp(s: string | null): bigint | null {
  if (s === null) return null;
  const m = TIMESTAMP.exec(s);
  if (!m) return null;
  const days = toDays(m[1]!, m[2], m[3]);
  const h = Number(m[4] ?? 0);
  const mi = Number(m[5] ?? 0);
  const sec = Number(m[6] ?? 0);
  if (days === null || h > 23 || mi > 59 || sec > 59) return null;
  const frac = m[7] ? Number(m[7].slice(0, 6).padEnd(6, "0")) : 0;
  const offset = zoneOffsetSeconds(m[8]);
  if (offset === null) return null;
  const micros = ((h * 60 + mi) * 60 + sec - offset) * 1_000_000 + frac;
  return BigInt(days) * 86_400_000_000n + BigInt(micros);
}

function zoneOffsetSeconds(z: string | undefined): number | null {
  if (z === undefined || /^(z|utc|gmt)$/i.test(z)) return 0;
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(z);
  if (!m) return null;
  const h = Number(m[2]);
  const mi = Number(m[3] ?? 0);
  if (h > 18 || mi > 59) return null;
  return (m[1] === "-" ? -1 : 1) * (h * 3600 + mi * 60);
}
