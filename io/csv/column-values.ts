/**
 * Arrow column data from an array of JS values, for the reference path: a deliberately plain
 * implementation (exact-size typed arrays, one pass) that shares nothing with batch-builder.ts.
 */
import type { Data } from "apache-arrow";
import { columnData } from "./column-data.js";
import type { ColumnType } from "./types.js";

export type CellValue = number | bigint | boolean | string | null;

/** Rows [from, to) of `values` as Arrow data of `type`'s canonical Arrow type. */
export function columnFromValues(type: ColumnType, values: readonly CellValue[], from: number, to: number): Data {
  const n = to - from;
  const bitmap = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    if (values[from + i] === null) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  const base = { length: n, nullCount, nullBitmap: bitmap };
  const at = (i: number) => values[from + i] ?? null;
  switch (type) {
    case "int32":
    case "date":
      return columnData(type, { ...base, values: Int32Array.from({ length: n }, (_, i) => Number(at(i) ?? 0)) });
    case "float64":
      return columnData(type, { ...base, values: Float64Array.from({ length: n }, (_, i) => Number(at(i) ?? 0)) });
    case "int64":
    case "timestamp":
      return columnData(type, { ...base, values: BigInt64Array.from({ length: n }, (_, i) => BigInt(at(i) ?? 0n)) });
    case "boolean": {
      const bits = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) if (at(i) === true) bits[i >> 3]! |= 1 << (i & 7);
      return columnData(type, { ...base, values: bits });
    }
    case "utf8": {
      const encoded = Array.from({ length: n }, (_, i) => Buffer.from(String(at(i) ?? ""), "utf8"));
      const valueOffsets = new Int32Array(n + 1);
      encoded.forEach((b, i) => (valueOffsets[i + 1] = valueOffsets[i]! + b.length));
      return columnData(type, { ...base, values: new Uint8Array(Buffer.concat(encoded)), valueOffsets });
    }
  }
}
