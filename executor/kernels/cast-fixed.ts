/**
 * Casts between the fixed-width types (int32, int64, float64, boolean, date, timestamp), one loop
 * per pair. Narrowing casts that cannot represent a value give null instead of wrapping:
 * float → int truncates toward zero, and NaN, ±Infinity or anything out of range is null (Spark's
 * `try_cast` answer; legacy Spark would wrap or saturate). A row's validity array is only
 * allocated when the first unrepresentable value shows up.
 * Timestamps ↔ numbers are seconds since the epoch (floor division), boolean → timestamp is 0/1 µs
 * and date → number/boolean is null, all as Spark's non-ANSI Cast.
 */
import type { PrimitiveType } from "../../planner/types.js";
import { type BoolCol, type Col, type F64Col, type I32Col, type I64Col, type Validity, nullCol } from "../batch.js";
import { MICROS_PER_DAY, microsToDays } from "./civil-date.js";
import { writableValid } from "./validity.js";

export type FixedType = Exclude<PrimitiveType, "utf8" | "null">;

const I32_MIN = -2147483648;
const I32_MAX = 2147483647;
const TWO_63 = 9223372036854775808; // 2^63, exact as a double
const MICROS = 1_000_000n;
const MAX_SECONDS = 9223372036854n; // largest |seconds| whose micros fit in int64

/**
 * @example
 * castFixed(f64Col, "int32") // [1.9, -1.9, NaN, 3e9] → [1, -1, null, null]
 */
export function castFixed(c: I32Col | F64Col | I64Col | BoolCol, to: FixedType): Col {
  if (c.type === to) return c;
  const n = c.values.length;
  switch (c.type) {
    case "int32":
      if (to === "int64") return { type: to, values: i32ToBig(c.values, 1n), valid: c.valid };
      if (to === "timestamp") return { type: to, values: i32ToBig(c.values, MICROS), valid: c.valid };
      if (to === "float64") return { type: to, values: Float64Array.from(c.values), valid: c.valid };
      if (to === "boolean") return { type: to, values: numToBool(c.values), valid: c.valid };
      break;
    case "float64":
      if (to === "int32") return f64ToI32(c.values, c.valid);
      if (to === "int64") return f64ToBig(c.values, c.valid, 1, "int64");
      if (to === "timestamp") return f64ToBig(c.values, c.valid, 1e6, "timestamp");
      if (to === "boolean") return { type: to, values: numToBool(c.values), valid: c.valid };
      break;
    case "boolean":
      if (to === "int32") return { type: to, values: Int32Array.from(c.values), valid: c.valid };
      if (to === "float64") return { type: to, values: Float64Array.from(c.values), valid: c.valid };
      if (to === "int64" || to === "timestamp") return { type: to, values: boolToBig(c.values), valid: c.valid };
      break;
    case "date":
      if (to === "timestamp") return { type: to, values: i32ToBig(c.values, MICROS_PER_DAY), valid: c.valid };
      if (to === "int32" || to === "int64" || to === "float64" || to === "boolean") return nullCol(to, n);
      break;
    case "int64":
    case "timestamp":
      return fromBig(c, to);
    case "null":
      return nullCol(to, n);
  }
  throw new Error(`internal: cannot cast ${c.type} to ${to}`);
}

function fromBig(c: I64Col, to: FixedType): Col {
  const ts = c.type === "timestamp";
  switch (to) {
    case "int32":
      return bigToI32(ts ? bigFloorDiv(c.values, MICROS) : c.values, c.valid);
    case "int64":
      return { type: to, values: ts ? bigFloorDiv(c.values, MICROS) : c.values, valid: c.valid };
    case "float64":
      // Seconds keep their fraction: divide the microseconds, not the floored seconds.
      return { type: to, values: bigToF64(c.values, ts ? 1e6 : 1), valid: c.valid };
    case "boolean":
      return { type: to, values: bigToBool(c.values), valid: c.valid };
    case "timestamp":
      return int64ToTimestamp(c.values, c.valid);
    case "date":
      if (ts) return { type: to, values: timestampToDate(c.values), valid: c.valid };
  }
  throw new Error(`internal: cannot cast ${c.type} to ${to}`);
}

function i32ToBig(a: Int32Array, scale: bigint): BigInt64Array {
  const out = new BigInt64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = BigInt(a[i]!) * scale;
  return out;
}

function boolToBig(a: Uint8Array): BigInt64Array {
  const out = new BigInt64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] === 1 ? 1n : 0n;
  return out;
}

/** x ≠ 0; NaN is true, as Java's `d != 0`. */
function numToBool(a: Int32Array | Float64Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] !== 0 ? 1 : 0;
  return out;
}

function bigToBool(a: BigInt64Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] !== 0n ? 1 : 0;
  return out;
}

function bigToF64(a: BigInt64Array, div: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Number(a[i]!) / div;
  return out;
}

function bigFloorDiv(a: BigInt64Array, d: bigint): BigInt64Array {
  const out = new BigInt64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const q = x / d;
    out[i] = x % d < 0n ? q - 1n : q;
  }
  return out;
}

function timestampToDate(a: BigInt64Array): Int32Array {
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = microsToDays(a[i]!);
  return out;
}

function f64ToI32(a: Float64Array, valid: Validity): Col {
  const n = a.length;
  const out = new Int32Array(n);
  let v: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const t = Math.trunc(a[i]!);
    if (t >= I32_MIN && t <= I32_MAX) out[i] = t;
    else (v ??= writableValid(valid, n))[i] = 0; // NaN fails both tests
  }
  return { type: "int32", values: out, valid: v ?? valid };
}

function f64ToBig(a: Float64Array, valid: Validity, scale: number, to: "int64" | "timestamp"): Col {
  const n = a.length;
  const out = new BigInt64Array(n);
  let v: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const t = Math.trunc(a[i]! * scale);
    if (t >= -TWO_63 && t < TWO_63) out[i] = BigInt(t);
    else (v ??= writableValid(valid, n))[i] = 0;
  }
  return { type: to, values: out, valid: v ?? valid };
}

function bigToI32(a: BigInt64Array, valid: Validity): Col {
  const n = a.length;
  const out = new Int32Array(n);
  let v: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    if (x >= -2147483648n && x <= 2147483647n) out[i] = Number(x);
    else (v ??= writableValid(valid, n))[i] = 0;
  }
  return { type: "int32", values: out, valid: v ?? valid };
}

function int64ToTimestamp(a: BigInt64Array, valid: Validity): Col {
  const n = a.length;
  const out = new BigInt64Array(n);
  let v: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    if (x >= -MAX_SECONDS && x <= MAX_SECONDS) out[i] = x * MICROS;
    else (v ??= writableValid(valid, n))[i] = 0;
  }
  return { type: "timestamp", values: out, valid: v ?? valid };
}
