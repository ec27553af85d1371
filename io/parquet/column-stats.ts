import { DataType, TimeUnit, util } from "apache-arrow";
import type { FooterColumnChunk, FooterLeaf } from "./parquet-footer.js";
import { fieldBinary, fieldBool, fieldNumber, fieldStruct } from "./thrift-compact.js";
import type { ColumnStats, ColumnType, StatValue } from "./types.js";

// Parquet physical types (parquet.thrift `Type`).
const BOOLEAN = 0;
const INT32 = 1;
const INT64 = 2;
const FLOAT = 4;
const DOUBLE = 5;
const BYTE_ARRAY = 6;
const FIXED_LEN_BYTE_ARRAY = 7;

// ConvertedType codes that change how stats decode.
const TIMESTAMP_MILLIS = 9;
const TIMESTAMP_MICROS = 10;
const UINT_8 = 11;
const UINT_64 = 14;

const MS_PER_DAY = 86_400_000;

interface StatDecoder {
  decode(b: Uint8Array): StatValue | null;
  /** The deprecated min/max fields (1, 2) were written with signed ordering: only trustworthy
   * where signed order is the type's order (never for strings or unsigned ints, PARQUET-251). */
  legacyOk: boolean;
}

/**
 * Decodes one column chunk's footer statistics into the column's ColumnType domain.
 * `arrowType` is the column's type as parquet-wasm reads it; it only breaks ties the Parquet
 * schema leaves open (parquet-rs writes second timestamps as bare INT64, unit in ARROW:schema).
 * Returns undefined when the writer stored no statistics at all.
 */
export function decodeColumnStats(
  chunk: FooterColumnChunk,
  leaf: FooterLeaf,
  type: ColumnType,
  arrowType: DataType,
): ColumnStats | undefined {
  const s = chunk.statistics;
  if (s === undefined) return undefined;
  const nullCount = fieldNumber(s, 3) ?? null;
  const decoder = decoderFor(chunk.physicalType, leaf, type, arrowType);
  let minBytes = fieldBinary(s, 6);
  let maxBytes = fieldBinary(s, 5);
  if (minBytes === undefined && maxBytes === undefined && decoder?.legacyOk === true) {
    minBytes = fieldBinary(s, 2);
    maxBytes = fieldBinary(s, 1);
  }
  // is_min/max_value_exact = false marks a truncated byte array: a bound, not the value.
  const min = decoder && minBytes && fieldBool(s, 8) !== false ? decoder.decode(minBytes) : null;
  const max = decoder && maxBytes && fieldBool(s, 7) !== false ? decoder.decode(maxBytes) : null;
  if (min === null && max === null && nullCount === null) return undefined;
  return { min, max, nullCount };
}

function decoderFor(physical: number, leaf: FooterLeaf, type: ColumnType, arrowType: DataType): StatDecoder | undefined {
  switch (type) {
    case "int32":
      return physical === INT32 ? { decode: (b) => int32(b), legacyOk: !isUnsigned(leaf) } : undefined;
    case "int64":
      if (physical === INT64) return { decode: (b) => int64(b), legacyOk: !isUnsigned(leaf) };
      // Uint32 widened to int64: stored as INT32 bits, ordered unsigned.
      if (physical === INT32) return { decode: (b) => (b.length === 4 ? BigInt(view(b).getUint32(0, true)) : null), legacyOk: false };
      return undefined;
    case "float64":
      if (physical === DOUBLE) return { decode: (b) => finite(b.length === 8 ? view(b).getFloat64(0, true) : null), legacyOk: true };
      if (physical === FLOAT) return { decode: (b) => finite(b.length === 4 ? view(b).getFloat32(0, true) : null), legacyOk: true };
      if (physical === FIXED_LEN_BYTE_ARRAY) {
        return { decode: (b) => finite(b.length === 2 ? util.uint16ToFloat64(view(b).getUint16(0, true)) : null), legacyOk: false };
      }
      return undefined;
    case "boolean":
      return physical === BOOLEAN ? { decode: (b) => (b.length >= 1 ? ((b[0] ?? 0) & 1) === 1 : null), legacyOk: true } : undefined;
    case "utf8":
      return physical === BYTE_ARRAY ? { decode: utf8OrNull, legacyOk: false } : undefined;
    case "date":
      if (physical === INT32) return { decode: (b) => int32(b), legacyOk: true };
      // Date64 stored as INT64 milliseconds; floor matches how values are normalized to days.
      if (physical === INT64) return { decode: (b) => mapBig(int64(b), (v) => Math.floor(Number(v) / MS_PER_DAY)), legacyOk: true };
      return undefined;
    case "timestamp": {
      const perMicro = physical === INT64 ? timestampScale(leaf, arrowType) : undefined;
      if (perMicro === undefined) return undefined; // INT96 has no defined sort order.
      return { decode: (b) => mapBig(int64(b), (v) => toMicros(v, perMicro)), legacyOk: true };
    }
  }
}

/** Returns [multiplier, divisor] to micro; e.g. millis → [1000n, 1n]. */
function timestampScale(leaf: FooterLeaf, arrowType: DataType): [bigint, bigint] | undefined {
  const ts = leaf.logicalType && fieldStruct(leaf.logicalType, 8);
  const unit = ts && fieldStruct(ts, 2);
  if (unit?.has(1) || leaf.convertedType === TIMESTAMP_MILLIS) return [1000n, 1n];
  if (unit?.has(2) || leaf.convertedType === TIMESTAMP_MICROS) return [1n, 1n];
  if (unit?.has(3)) return [1n, 1000n];
  // A bare INT64 is only trusted with the unit the embedded Arrow schema gives it.
  if (ts === undefined && leaf.convertedType === undefined && DataType.isTimestamp(arrowType)) {
    return ARROW_UNIT_SCALE[arrowType.unit];
  }
  return undefined;
}

const ARROW_UNIT_SCALE: Record<TimeUnit, [bigint, bigint]> = {
  [TimeUnit.SECOND]: [1_000_000n, 1n],
  [TimeUnit.MILLISECOND]: [1000n, 1n],
  [TimeUnit.MICROSECOND]: [1n, 1n],
  [TimeUnit.NANOSECOND]: [1n, 1000n],
};

function toMicros(v: bigint, [mul, div]: [bigint, bigint]): bigint {
  if (div === 1n) return v * mul;
  // Floor division, so negative nanos round the same way as the value normalization.
  const q = v / div;
  return v % div < 0n ? q - 1n : q;
}

function isUnsigned(leaf: FooterLeaf): boolean {
  const int = leaf.logicalType && fieldStruct(leaf.logicalType, 10);
  if (int !== undefined) return fieldBool(int, 2) === false;
  const c = leaf.convertedType;
  return c !== undefined && c >= UINT_8 && c <= UINT_64;
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function int32(b: Uint8Array): number | null {
  return b.length === 4 ? view(b).getInt32(0, true) : null;
}

function int64(b: Uint8Array): bigint | null {
  return b.length === 8 ? view(b).getBigInt64(0, true) : null;
}

function mapBig<T>(v: bigint | null, f: (v: bigint) => T): T | null {
  return v === null ? null : f(v);
}

function finite(v: number | null): number | null {
  // Writers that let NaN into min/max make the bounds meaningless; -0 (the spec's min for zero)
  // compares equal to 0 anyway, so report the plain 0 users expect.
  if (v === null || Number.isNaN(v)) return null;
  return v === 0 ? 0 : v;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
function utf8OrNull(b: Uint8Array): string | null {
  try {
    return strictUtf8.decode(b);
  } catch {
    return null; // Cut inside a multi-byte character: a truncated value.
  }
}
