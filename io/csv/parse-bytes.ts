/**
 * Value parsers over raw bytes [s, e) for the fast decoder: no string or object per value.
 * Each agrees with its text twin in parse-text.ts (the reference path); the tests hold them to it.
 * 64-bit results are written as two uint32 halves into a view of the BigInt64Array, which avoids a
 * BigInt allocation per value (little-endian hosts only, checked at load).
 */
import { endianness } from "node:os";
import { daysFromCivil, daysInMonth } from "./civil-time.js";

if (endianness() !== "LE") throw new Error("Cinder's CSV decoder needs a little-endian host");

const MINUS = 0x2d;
const PLUS = 0x2b;
const TWO32 = 4294967296;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** Exactly representable powers of ten: one multiply or divide by these rounds correctly (Clinger). */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));


/** Writes an integer |v| < 2^53 as int64 halves at slot i. */
export function writeInt64(out: Uint32Array, i: number, v: number): void {
  const hi = Math.floor(v / TWO32);
  out[2 * i] = v - hi * TWO32;
  out[2 * i + 1] = hi >>> 0;
}

function writeBigInt64(out: Uint32Array, i: number, v: bigint): void {
  out[2 * i] = Number(v & 0xffffffffn);
  out[2 * i + 1] = Number((v >> 32n) & 0xffffffffn);
}

/** Optionally signed decimal integer in int32 range, else NaN. */
export function parseInt32Bytes(b: Buffer, s: number, e: number): number {
  let p = s;
  const c = b[p];
  const neg = c === MINUS;
  if (neg || c === PLUS) p++;
  if (p >= e) return NaN;
  let v = 0;
  for (; p < e; p++) {
    const d = b[p]! - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
    if (v > 2147483648) return NaN; // stops long digit runs early; v stays exact
  }
  if (neg) return -v | 0; // | 0: no -0
  return v === 2147483648 ? NaN : v;
}

/** Optionally signed decimal integer in int64 range into halves slot i; false when malformed. */
export function parseInt64Bytes(b: Buffer, s: number, e: number, out: Uint32Array, i: number): boolean {
  let p = s;
  const c = b[p];
  const neg = c === MINUS;
  if (neg || c === PLUS) p++;
  if (p >= e) return false;
  let v = 0;
  for (let q = p; q < e; q++) {
    const d = b[q]! - 48;
    if (d < 0 || d > 9) return false;
    v = v * 10 + d;
  }
  if (e - p <= 15) {
    writeInt64(out, i, neg ? -v : v);
    return true;
  }
  // More than 15 digits may exceed 2^53: exact arithmetic on the rare long value.
  const big = BigInt(b.toString("latin1", s, e));
  if (big < INT64_MIN || big > INT64_MAX) return false;
  writeBigInt64(out, i, big);
  return true;
}

const SPECIAL_FLOATS = new Map<string, number>([
  ["NaN", NaN],
  ["Inf", Infinity],
  ["+Inf", Infinity],
  ["-Inf", -Infinity],
  ["Infinity", Infinity],
  ["+Infinity", Infinity],
  ["-Infinity", -Infinity],
]);

/**
 * [+-](digits[.digits]|.digits)[(e|E)[+-]digits], or NaN/Inf/Infinity (Spark's and Java's spellings).
 * Short mantissas take Clinger's exact fast path; everything else uses Number(), so results always
 * equal Number(text). Returns false when malformed.
 */
export function parseFloat64Bytes(b: Buffer, s: number, e: number, out: Float64Array, i: number): boolean {
  let p = s;
  const c = b[p];
  const neg = c === MINUS;
  if (neg || c === PLUS) p++;
  let mant = 0;
  let sig = 0; // significant digits taken into mant
  let exp = 0;
  let digits = 0;
  let d = 0;
  for (; p < e && (d = b[p]! - 48) >= 0 && d <= 9; p++, digits++) {
    if (mant !== 0 || d !== 0) sig++;
    mant = mant * 10 + d;
  }
  if (p < e && b[p] === 0x2e) {
    for (p++; p < e && (d = b[p]! - 48) >= 0 && d <= 9; p++, digits++) {
      if (mant !== 0 || d !== 0) sig++;
      mant = mant * 10 + d;
      exp--;
    }
  }
  if (digits === 0) return parseSpecial(b, s, e, out, i);
  if (p < e && (b[p]! | 0x20) === 0x65) {
    p++;
    const ec = b[p];
    const eneg = ec === MINUS;
    if (eneg || ec === PLUS) p++;
    if (p >= e) return false;
    let ev = 0;
    for (; p < e; p++) {
      const ed = b[p]! - 48;
      if (ed < 0 || ed > 9) return false;
      if (ev < 100000) ev = ev * 10 + ed;
    }
    exp += eneg ? -ev : ev;
  }
  if (p !== e) return false;
  if (mant !== 0 && (sig > 15 || exp < -22 || exp > 22)) {
    out[i] = Number(b.toString("latin1", s, e));
    return true;
  }
  const v = mant === 0 ? 0 : exp >= 0 ? mant * POW10[exp]! : mant / POW10[-exp]!;
  out[i] = neg ? -v : v;
  return true;
}

function parseSpecial(b: Buffer, s: number, e: number, out: Float64Array, i: number): boolean {
  if (e - s > 9) return false;
  const v = SPECIAL_FLOATS.get(b.toString("latin1", s, e));
  if (v === undefined) return false;
  out[i] = v;
  return true;
}

/** true/false in any letter case: 1, 0, or -1 when malformed. */
export function parseBooleanBytes(b: Buffer, s: number, e: number): number {
  const n = e - s;
  if (n === 4) {
    return (b[s]! | 0x20) === 0x74 && (b[s + 1]! | 0x20) === 0x72 && (b[s + 2]! | 0x20) === 0x75 && (b[s + 3]! | 0x20) === 0x65
      ? 1
      : -1;
  }
  if (n === 5) {
    return (b[s]! | 0x20) === 0x66 &&
      (b[s + 1]! | 0x20) === 0x61 &&
      (b[s + 2]! | 0x20) === 0x6c &&
      (b[s + 3]! | 0x20) === 0x73 &&
      (b[s + 4]! | 0x20) === 0x65
      ? 0
      : -1;
  }
  return -1;
}

/** Fixed-width digits at b[p..p+n), or -1 if any byte is not a digit. */
function digitsAt(b: Buffer, p: number, n: number): number {
  let v = 0;
  for (let k = p; k < p + n; k++) {
    const d = b[k]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Days since epoch of the yyyy-MM-dd at b[s..s+10), or NaN. */
function dateAt(b: Buffer, s: number): number {
  if (b[s + 4] !== MINUS || b[s + 7] !== MINUS) return NaN;
  const y = digitsAt(b, s, 4);
  const m = digitsAt(b, s + 5, 2);
  const d = digitsAt(b, s + 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  return daysFromCivil(y, m, d);
}

/** yyyy-MM-dd as days since 1970-01-01, or NaN. */
export function parseDateBytes(b: Buffer, s: number, e: number): number {
  return e - s === 10 ? dateAt(b, s) : NaN;
}

/**
 * yyyy-MM-dd[( |T)HH:mm:ss[.f{1,6}][Z|±HH:MM]] as microseconds since the epoch (UTC unless an
 * offset is given; a bare date is midnight) into halves slot i; false when malformed.
 */
export function parseTimestampBytes(b: Buffer, s: number, e: number, out: Uint32Array, i: number): boolean {
  const n = e - s;
  if (n < 10) return false;
  const days = dateAt(b, s);
  if (days !== days) return false;
  let secs = days * 86400;
  let micros = 0;
  if (n > 10) {
    const sep = b[s + 10];
    if ((sep !== 0x20 && sep !== 0x54) || n < 19 || b[s + 13] !== 0x3a || b[s + 16] !== 0x3a) return false;
    const hh = digitsAt(b, s + 11, 2);
    const mi = digitsAt(b, s + 14, 2);
    const ss = digitsAt(b, s + 17, 2);
    if (hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 59) return false;
    secs += hh * 3600 + mi * 60 + ss;
    let p = s + 19;
    if (p < e && b[p] === 0x2e) {
      let k = 0;
      for (p++; p < e && k < 6 && b[p]! >= 48 && b[p]! <= 57; p++, k++) micros = micros * 10 + b[p]! - 48;
      if (k === 0) return false;
      for (; k < 6; k++) micros *= 10;
    }
    if (p < e) {
      const z = b[p];
      if (z === 0x5a) p++;
      else if ((z === PLUS || z === MINUS) && e - p === 6 && b[p + 3] === 0x3a) {
        const oh = digitsAt(b, p + 1, 2);
        const om = digitsAt(b, p + 4, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59) return false;
        secs -= (z === PLUS ? 1 : -1) * (oh * 3600 + om * 60);
        p += 6;
      }
      if (p !== e) return false;
    }
  }
  // |secs| < 9e9 (years ~1685..2255) keeps secs * 1e6 below 2^53; beyond that use BigInt.
  if (secs > -9e9 && secs < 9e9) writeInt64(out, i, secs * 1e6 + micros);
  else writeBigInt64(out, i, BigInt(secs) * 1000000n + BigInt(micros));
  return true;
}
