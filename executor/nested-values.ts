/**
 * Row values of any column as plain JavaScript, and columns built back from them: the generic
 * (per-row, allocating) path that nested types take where no typed-array kernel exists yet —
 * CASE/coalesce over arrays, sorting and de-duplicating elements, UDF arguments, casts to string.
 *
 * Raw values keep the physical encoding: int32/date → number (days for date), int64/timestamp →
 * bigint (µs for timestamp), float64 → number, boolean → boolean, utf8 → string, array → an
 * array of element values, struct → an array of field values by position, null → null.
 */
import type { DataType } from "../planner/types.js";
import { elementType, isArrayType, isStructType, structFields } from "../planner/nested-types.js";
import { type Col, StringColBuilder, allocCol, colLength, isListCol, isStructCol, stringAt } from "./batch.js";

export type RawValue = number | bigint | boolean | string | null | readonly RawValue[];

/** Row i of `c` as a raw value. */
export function rawValueAt(c: Col, i: number): RawValue {
  if (c.valid !== null && c.valid[i] === 0) return null;
  if (isListCol(c)) {
    const out: RawValue[] = [];
    const b = c.offsets[i + 1] as number;
    for (let t = c.offsets[i] as number; t < b; t++) out.push(rawValueAt(c.child, t));
    return out;
  }
  if (isStructCol(c)) return c.fields.map((f) => rawValueAt(f, i));
  if (c.type === "utf8") return stringAt(c, i);
  if (c.type === "boolean") return c.values[i] === 1;
  if (c.type === "null") return null;
  return c.values[i] as number | bigint;
}

/** Every row of `c` as raw values. */
export function rawValues(c: Col): RawValue[] {
  const n = colLength(c);
  const out: RawValue[] = new Array<RawValue>(n);
  for (let i = 0; i < n; i++) out[i] = rawValueAt(c, i);
  return out;
}

/** A column of `type` from raw values (as `rawValueAt` gives them). */
export function colFromRaw(type: DataType, values: readonly RawValue[]): Col {
  const n = values.length;
  let valid: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (values[i] === null) {
      valid = new Uint8Array(n);
      for (let k = 0; k < n; k++) valid[k] = values[k] === null ? 0 : 1;
      break;
    }
  }
  if (isArrayType(type)) {
    const offsets = new Int32Array(n + 1);
    const elements: RawValue[] = [];
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (Array.isArray(v)) for (const x of v as RawValue[]) elements.push(x);
      offsets[i + 1] = elements.length;
    }
    return { type, offsets, child: colFromRaw(elementType(type), elements), valid };
  }
  if (isStructType(type)) {
    const fields = structFields(type).map((f, j) => colFromRaw(f.type, values.map((v) => (v === null ? null : ((v as readonly RawValue[])[j] ?? null)))));
    return { type, fields, length: n, valid };
  }
  if (type === "utf8") {
    const b = new StringColBuilder(n);
    for (const v of values) {
      if (v === null) b.appendNull();
      else b.append(String(v));
    }
    return b.finish();
  }
  const out = allocCol(type, n, valid);
  const dst = out.values;
  if (dst instanceof BigInt64Array) {
    for (let i = 0; i < n; i++) if (values[i] !== null) dst[i] = BigInt(values[i] as bigint | number);
  } else if (out.type === "boolean") {
    for (let i = 0; i < n; i++) dst[i] = values[i] === true ? 1 : 0;
  } else {
    for (let i = 0; i < n; i++) if (values[i] !== null) dst[i] = Number(values[i]);
  }
  return out;
}

/**
 * A total order on raw values of one type, as Spark orders them (nulls first; arrays element by
 * element, then the shorter first; structs field by field). NaN is the largest double, as Spark.
 */
export function compareRaw(a: RawValue, b: RawValue): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  if (Array.isArray(a)) {
    const x = a as readonly RawValue[];
    const y = b as readonly RawValue[];
    const m = Math.min(x.length, y.length);
    for (let i = 0; i < m; i++) {
      const c = compareRaw(x[i] as RawValue, y[i] as RawValue);
      if (c !== 0) return c;
    }
    return x.length - y.length;
  }
  if (typeof a === "number" && typeof b === "number") {
    if (a !== a) return b !== b ? 0 : 1;
    if (b !== b) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === "string" && typeof b === "string") {
    // Spark compares UTF-8 bytes; for strings without surrogates code-unit order agrees.
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === "boolean") return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A key equal for equal raw values (Spark's equality: NaN equals NaN, -0.0 equals 0.0). */
export function rawKey(v: RawValue): string {
  if (v === null) return "n";
  if (Array.isArray(v)) return `[${(v as readonly RawValue[]).map(rawKey).join(",")}]`;
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}`;
  if (typeof v === "number") return v === 0 ? "0" : `${v}`;
  return `${v as boolean}`;
}

/**
 * A raw value of `type` as `collect()` hands it out: arrays as arrays, structs as plain objects
 * by field name, int64 as bigint, dates and timestamps as Dates.
 */
export function jsValueOf(v: RawValue, type: DataType): unknown {
  if (v === null) return null;
  if (isArrayType(type)) {
    const et = elementType(type);
    return (v as readonly RawValue[]).map((x) => jsValueOf(x, et));
  }
  if (isStructType(type)) {
    const out: Record<string, unknown> = {};
    structFields(type).forEach((f, j) => {
      out[f.name] = jsValueOf((v as readonly RawValue[])[j] ?? null, f.type);
    });
    return out;
  }
  if (type === "date") return new Date((v as number) * 86400000);
  if (type === "timestamp") return new Date(Math.floor(Number(v as bigint) / 1000));
  return v;
}

/**
 * The reverse of jsValueOf for a value a user function returned; undefined when it does not fit
 * `type` (the caller names the value in its error).
 */
export function rawFromJs(v: unknown, type: DataType): RawValue | undefined {
  if (v === null || v === undefined) return null;
  if (isArrayType(type)) {
    if (!Array.isArray(v)) return undefined;
    const et = elementType(type);
    const out: RawValue[] = [];
    for (const x of v as unknown[]) {
      const r = rawFromJs(x, et);
      if (r === undefined) return undefined;
      out.push(r);
    }
    return out;
  }
  if (isStructType(type)) {
    if (typeof v !== "object") return undefined;
    const out: RawValue[] = [];
    for (const f of structFields(type)) {
      const r = rawFromJs((v as Record<string, unknown>)[f.name], f.type);
      if (r === undefined) return undefined;
      out.push(r);
    }
    return out;
  }
  switch (type) {
    case "int32":
      return typeof v === "number" && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 ? v : undefined;
    case "int64":
      return typeof v === "bigint" ? v : typeof v === "number" && Number.isSafeInteger(v) ? BigInt(v) : undefined;
    case "float64":
      return typeof v === "number" ? v : undefined;
    case "boolean":
      return typeof v === "boolean" ? v : undefined;
    case "utf8":
      return typeof v === "string" ? v : undefined;
    case "date":
      return v instanceof Date ? Math.floor(v.getTime() / 86400000) : undefined;
    case "timestamp":
      return v instanceof Date ? BigInt(v.getTime()) * 1000n : undefined;
    default:
      return undefined;
  }
}
