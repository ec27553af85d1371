/** Wraps finished buffers as Arrow Data of a ColumnType's canonical Arrow type, without copying. */
import { Bool, DateDay, Float64, Int32, Int64, TimestampMicrosecond, Utf8, makeData, type Data } from "apache-arrow";
import type { ColumnType } from "./types.js";

export interface ColumnBuffers {
  length: number;
  nullCount: number;
  /** LSB-first validity bits (1 = valid); omitted when there are no nulls. */
  nullBitmap?: Uint8Array;
  /** Int32Array (int32, date), BigInt64Array (int64, timestamp), Float64Array, bit-packed Uint8Array (boolean), UTF-8 bytes (utf8). */
  values: Int32Array | BigInt64Array | Float64Array | Uint8Array;
  /** utf8 only: length + 1 offsets into values. */
  valueOffsets?: Int32Array;
}

export function columnData(type: ColumnType, b: ColumnBuffers): Data {
  const base = { length: b.length, nullCount: b.nullCount, nullBitmap: b.nullCount > 0 ? b.nullBitmap : undefined };
  switch (type) {
    case "int32":
      return makeData({ ...base, type: new Int32(), data: b.values as Int32Array });
    case "int64":
      return makeData({ ...base, type: new Int64(), data: b.values as BigInt64Array });
    case "float64":
      return makeData({ ...base, type: new Float64(), data: b.values as Float64Array });
    case "boolean":
      return makeData({ ...base, type: new Bool(), data: b.values as Uint8Array });
    case "utf8":
      if (b.valueOffsets === undefined) throw new Error("utf8 column data needs valueOffsets");
      return makeData({ ...base, type: new Utf8(), data: b.values as Uint8Array, valueOffsets: b.valueOffsets });
    case "date":
      return makeData({ ...base, type: new DateDay(), data: b.values as Int32Array });
    case "timestamp":
      return makeData({ ...base, type: new TimestampMicrosecond("UTC"), data: b.values as BigInt64Array });
  }
}

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, i) => {
  let n = 0;
  for (let v = i; v > 0; v >>= 1) n += v & 1;
  return n;
});

/** Number of zero (null) bits among the first `length` bits. */
export function countNulls(bitmap: Uint8Array, length: number): number {
  const full = length >> 3;
  let valid = 0;
  for (let i = 0; i < full; i++) valid += POPCOUNT[bitmap[i]!]!;
  for (let i = full << 3; i < length; i++) valid += (bitmap[i >> 3]! >> (i & 7)) & 1;
  return length - valid;
}
