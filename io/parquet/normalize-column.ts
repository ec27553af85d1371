import {
  Bool,
  Data,
  DataType,
  DateDay,
  DateUnit,
  Field,
  Float64,
  List,
  Struct,
  Int32,
  Int64,
  Precision,
  TimeUnit,
  TimestampMicrosecond,
  Utf8,
  makeData,
  util,
  type Vector,
} from "apache-arrow";
import type { ColumnType, FlatColumnType } from "./types.js";
import { columnTypeOf } from "./column-types.js";

/**
 * Rewrites one column chunk into Cinder's canonical Arrow type for its ColumnType (the same
 * classes as canonicalArrowType).
 * Types already in canonical layout keep their buffers (only the type object is replaced, so
 * downstream `instanceof Int32` etc. hold); widened types are copied once.
 *
 * arrow-js keeps value/offset buffers sliced to logical row 0 but the validity bitmap relative
 * to `data.offset`, so every result reuses `offset`, `nullBitmap` and `nullCount` unchanged.
 */
export function normalizeColumn(data: Data, target: ColumnType): Data {
  const type = data.type;
  const common = { offset: data.offset, length: data.length, nullCount: data.nullCount, nullBitmap: data.nullBitmap };
  if (DataType.isList(type) || DataType.isLargeList(type)) {
    // A list: its elements normalized, its offsets as Int32 (a LargeList's rebased and narrowed).
    const child = normalizeChild(data.children[0], target);
    const raw: unknown = data.valueOffsets;
    let valueOffsets: Int32Array;
    if (raw instanceof Int32Array) valueOffsets = raw;
    else if (raw instanceof BigInt64Array) {
      if ((raw[raw.length - 1] ?? 0n) > 0x7fffffffn) throw new Error("a LargeList chunk holds more than 2^31 elements");
      valueOffsets = Int32Array.from(raw, Number);
    } else throw new Error(`cannot normalize ${String(type)}`);
    return makeData({ ...common, type: new List(new Field("item", child.type, true)), valueOffsets, child });
  }
  if (DataType.isStruct(type)) {
    const children = data.children.map((c) => normalizeChild(c, target));
    const fields = type.children.map((f, i) => new Field(f.name, (children[i] as Data).type, true));
    return makeData({ ...common, type: new Struct(fields), children });
  }
  if (target.startsWith("array<") || target.startsWith("struct<")) throw new Error(`cannot normalize ${String(type)} to ${target}`);
  const flat = target as FlatColumnType;
  switch (flat) {
    case "int32":
      return makeData({ ...common, type: new Int32(), data: numericValues(data, flat) as Int32Array });
    case "int64":
      return makeData({ ...common, type: new Int64(), data: numericValues(data, flat) as BigInt64Array });
    case "float64":
      return makeData({ ...common, type: new Float64(), data: numericValues(data, flat) as Float64Array });
    case "boolean":
      return makeData({ ...common, type: new Bool(), data: data.values as Uint8Array });
    case "date":
      return makeData({ ...common, type: new DateDay(), data: dateDays(data) });
    case "timestamp":
      return makeData({ ...common, type: new TimestampMicrosecond("UTC"), data: timestampMicros(data) });
    case "utf8": {
      const { valueOffsets, bytes } = DataType.isDictionary(type) ? decodeDictionary(data) : utf8Buffers(data);
      return makeData({ ...common, type: new Utf8(), valueOffsets, data: bytes });
    }
  }
}

/** A nested column's child, normalized to the Cinder type of its own Arrow type. */
function normalizeChild(child: Data | undefined, parent: ColumnType): Data {
  const t = child === undefined ? undefined : columnTypeOf(child.type);
  if (child === undefined || t === undefined) throw new Error(`cannot normalize a child of ${parent}`);
  return normalizeColumn(child, t);
}

function numericValues(data: Data, target: "int32" | "int64" | "float64"): Int32Array | BigInt64Array | Float64Array {
  const values: unknown = data.values;
  if (target === "int32") {
    if (values instanceof Int32Array) return values;
    if (values instanceof Int8Array || values instanceof Int16Array || values instanceof Uint8Array || values instanceof Uint16Array) {
      return new Int32Array(values);
    }
  } else if (target === "int64") {
    if (values instanceof BigInt64Array) return values;
    if (values instanceof Uint32Array) {
      const out = new BigInt64Array(values.length);
      for (let i = 0; i < values.length; i++) out[i] = BigInt(values[i] ?? 0);
      return out;
    }
  } else {
    if (values instanceof Float64Array) return values;
    if (values instanceof Float32Array) return new Float64Array(values);
    if (values instanceof Uint16Array && DataType.isFloat(data.type) && data.type.precision === Precision.HALF) {
      const out = new Float64Array(values.length);
      for (let i = 0; i < values.length; i++) out[i] = util.uint16ToFloat64(values[i] ?? 0);
      return out;
    }
  }
  throw new Error(`cannot normalize ${String(data.type)} to ${target}`);
}

const MS_PER_DAY = 86_400_000;

function dateDays(data: Data): Int32Array {
  const t = data.type;
  const values: unknown = data.values;
  if (DataType.isDate(t) && t.unit === DateUnit.DAY && values instanceof Int32Array) return values;
  if (values instanceof BigInt64Array) {
    const out = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = Math.floor(Number(values[i] ?? 0n) / MS_PER_DAY);
    return out;
  }
  throw new Error(`cannot normalize ${String(t)} to date`);
}

function timestampMicros(data: Data): BigInt64Array {
  const t = data.type;
  const values: unknown = data.values;
  if (!DataType.isTimestamp(t) || !(values instanceof BigInt64Array)) {
    throw new Error(`cannot normalize ${String(t)} to timestamp`);
  }
  // Timestamp values are UTC instants whatever the zone label, so only the unit changes them.
  if (t.unit === TimeUnit.MICROSECOND) return values;
  const out = new BigInt64Array(values.length);
  if (t.unit === TimeUnit.NANOSECOND) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i] ?? 0n;
      const q = v / 1000n;
      out[i] = v % 1000n < 0n ? q - 1n : q; // floor, like the footer statistics
    }
  } else {
    const mul = t.unit === TimeUnit.MILLISECOND ? 1000n : 1_000_000n;
    for (let i = 0; i < values.length; i++) out[i] = (values[i] ?? 0n) * mul;
  }
  return out;
}

interface Utf8Buffers {
  valueOffsets: Int32Array;
  bytes: Uint8Array;
}

function utf8Buffers(data: Data): Utf8Buffers {
  const offsets: unknown = data.valueOffsets;
  const bytes = data.values as Uint8Array;
  if (offsets instanceof Int32Array) return { valueOffsets: offsets, bytes };
  if (offsets instanceof BigInt64Array) {
    // LargeUtf8: rebase the 64-bit offsets onto the chunk's own byte range.
    const base = offsets[0] ?? 0n;
    const end = offsets[offsets.length - 1] ?? 0n;
    if (end - base > 0x7fffffffn) throw new Error("a LargeUtf8 chunk holds more than 2 GiB of text");
    const out = new Int32Array(offsets.length);
    for (let i = 0; i < offsets.length; i++) out[i] = Number((offsets[i] ?? 0n) - base);
    return { valueOffsets: out, bytes: bytes.subarray(Number(base), Number(end)) };
  }
  throw new Error(`cannot normalize ${String(data.type)} to utf8`);
}

/** Materializes Dictionary<Utf8> into plain Utf8: one pass to size, one to copy. */
function decodeDictionary(data: Data): Utf8Buffers {
  const dict = flattenDictionary(data.dictionary);
  const indices = data.values as ArrayLike<number | bigint>;
  const n = data.length;
  const valueOffsets = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (isValid(data, i)) {
      const k = Number(indices[i] ?? 0);
      total += (dict.valueOffsets[k + 1] ?? 0) - (dict.valueOffsets[k] ?? 0);
    }
    valueOffsets[i + 1] = total;
  }
  const bytes = new Uint8Array(total);
  for (let i = 0; i < n; i++) {
    const start = valueOffsets[i] ?? 0;
    const end = valueOffsets[i + 1] ?? 0;
    if (end > start) {
      const k = Number(indices[i] ?? 0);
      const from = dict.valueOffsets[k] ?? 0;
      bytes.set(dict.bytes.subarray(from, from + end - start), start);
    }
  }
  return { valueOffsets, bytes };
}

function flattenDictionary(dictionary: Vector | undefined): Utf8Buffers {
  const chunks = dictionary?.data ?? [];
  const first = chunks[0];
  if (chunks.length === 1 && first !== undefined) return utf8Buffers(first);
  // Several dictionary chunks (deltas): concatenate them once.
  const parts = chunks.map(utf8Buffers);
  const total = parts.reduce((s, p) => s + (p.valueOffsets[p.valueOffsets.length - 1] ?? 0) - (p.valueOffsets[0] ?? 0), 0);
  const count = parts.reduce((s, p) => s + p.valueOffsets.length - 1, 0);
  const valueOffsets = new Int32Array(count + 1);
  const bytes = new Uint8Array(total);
  let row = 0;
  let at = 0;
  for (const p of parts) {
    const base = p.valueOffsets[0] ?? 0;
    for (let i = 1; i < p.valueOffsets.length; i++) valueOffsets[++row] = at + (p.valueOffsets[i] ?? 0) - base;
    const end = p.valueOffsets[p.valueOffsets.length - 1] ?? 0;
    bytes.set(p.bytes.subarray(base, end), at);
    at += end - base;
  }
  return { valueOffsets, bytes };
}

function isValid(data: Data, i: number): boolean {
  const bitmap = data.nullBitmap;
  if (data.nullCount === 0 || bitmap === undefined || bitmap.length === 0) return true;
  const bit = data.offset + i;
  return ((bitmap[bit >> 3] ?? 0) & (1 << (bit & 7))) !== 0;
}
