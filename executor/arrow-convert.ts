/**
 * Arrow RecordBatch ⇄ executor Batch. Numeric value buffers are shared (no copy); validity and
 * boolean bitmaps are widened to / packed from one byte per row.
 */
import {
  Bool,
  Dictionary,
  makeVector,
  DateDay,
  Field as ArrowField,
  Float64,
  Int32,
  Int64,
  List,
  RecordBatch,
  Schema,
  Struct,
  TimestampMicrosecond,
  Type,
  Utf8,
  makeData,
  type Data,
  type Vector,
  type DataType as ArrowType,
} from "apache-arrow";
import type { DataType } from "../planner/types.js";
import { arrayOf, elementType, isArrayType, isStructType, structFields, structOf } from "../planner/nested-types.js";
import { type Batch, type Col, type StrCol, colLength, dictStrCol, isListCol, isStructCol, nullCol, takeCol as takeColLocal } from "./batch.js";

/** Arrow's name of a list's element field (what arrow-js, parquet-wasm and DuckDB write). */
const ELEMENT = "item";

export function arrowTypeOf(t: DataType): ArrowType {
  if (isArrayType(t)) return new List(new ArrowField(ELEMENT, arrowTypeOf(elementType(t)), true));
  if (isStructType(t)) return new Struct(structFields(t).map((f) => new ArrowField(f.name, arrowTypeOf(f.type), true)));
  switch (t) {
    case "int32":
    case "null":
      return new Int32();
    case "int64":
      return new Int64();
    case "float64":
      return new Float64();
    case "boolean":
      return new Bool();
    case "utf8":
      return new Utf8();
    case "date":
      return new DateDay();
    case "timestamp":
      return new TimestampMicrosecond("UTC");
  }
}

/** Cinder's type for an Arrow type, or undefined when Cinder has none. */
export function cinderTypeOf(t: ArrowType): DataType | undefined {
  switch (t.typeId) {
    case Type.Int: {
      const bw = (t as unknown as { bitWidth: number; isSigned: boolean }).bitWidth;
      const signed = (t as unknown as { isSigned: boolean }).isSigned;
      if (bw < 32 || (bw === 32 && signed)) return "int32";
      return "int64";
    }
    case Type.Float:
      return "float64";
    case Type.Bool:
      return "boolean";
    case Type.Utf8:
    case Type.LargeUtf8:
      return "utf8";
    case Type.Date:
      return "date";
    case Type.Timestamp:
      return "timestamp";
    case Type.Null:
      return "null";
    case Type.Dictionary:
      return cinderTypeOf((t as unknown as { dictionary: ArrowType }).dictionary);
    case Type.List:
    case Type.LargeList: {
      const child = t.children[0];
      const e = child ? cinderTypeOf(child.type) : undefined;
      return e === undefined ? undefined : arrayOf(e);
    }
    case Type.Struct: {
      const fields: { name: string; type: DataType }[] = [];
      for (const f of t.children) {
        const ft = cinderTypeOf(f.type);
        if (ft === undefined) return undefined;
        fields.push({ name: f.name, type: ft });
      }
      return structOf(fields);
    }
    default:
      return undefined;
  }
}

function unpackBits(bitmap: Uint8Array, offset: number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const j = i + offset;
    out[i] = ((bitmap[j >> 3] as number) >> (j & 7)) & 1;
  }
  return out;
}

function packBits(bytes: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (bytes[i]) out[i >> 3] = (out[i >> 3] as number) | (1 << (i & 7));
  return out;
}

function validityOf(d: Data): Uint8Array | null {
  if (d.nullCount === 0 || !d.nullBitmap || d.nullBitmap.length === 0) return null;
  return unpackBits(d.nullBitmap, d.offset, d.length);
}

/** Converts one Arrow column chunk (canonical Cinder types, or dictionary-encoded utf8). */
export function colFromArrowData(d: Data, type: DataType): Col {
  const n = d.length;
  const off = d.offset;
  if (d.typeId === Type.Null) return nullCol(type, n);
  const valid = validityOf(d);
  if (d.typeId === Type.Dictionary) {
    const chunks = d.dictionary?.data ?? [];
    const dict = chunks[0];
    if (!dict) throw new Error("internal: dictionary without values");
    if (type === "utf8" && chunks.length === 1 && d.values instanceof Int32Array) {
      // Kept encoded: group-bys and joins read the codes (see Utf8Dict).
      const values = dictionaryCol(dict);
      return dictStrCol(d.values.subarray(off, off + n), values, valid);
    }
    const values = colFromArrowData(dict, type);
    const codes = d.values as Int32Array;
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = valid && !valid[i] ? -1 : (codes[off + i] as number);
    return takeColLocal(values, idx);
  }
  if (isArrayType(type)) {
    const child = d.children[0];
    if (!child) throw new Error("internal: list without a child");
    const raw = d.valueOffsets as Int32Array | BigInt64Array;
    // LargeList: 64-bit offsets, narrowed (a batch's child is far below 2^31 elements).
    const offsets = raw instanceof BigInt64Array ? Int32Array.from(raw.subarray(off, off + n + 1), Number) : raw.subarray(off, off + n + 1);
    return { type, offsets, child: colFromArrowData(child, elementType(type)), valid };
  }
  if (isStructType(type)) {
    const fields = structFields(type).map((f, j) => {
      const cd = d.children[j];
      if (!cd) throw new Error(`internal: struct field ${f.name} missing`);
      // arrow-js slices a struct's children with it (Data.slice), so they already start at row 0.
      return colFromArrowData(cd, f.type);
    });
    return { type, fields, length: n, valid };
  }
  switch (type) {
    case "utf8": {
      const offsets = (d.valueOffsets as Int32Array).subarray(off, off + n + 1);
      const base = offsets[0] as number;
      if (base === 0) return { type, offsets, data: d.values as Uint8Array, valid };
      const rebased = new Int32Array(n + 1);
      for (let i = 0; i <= n; i++) rebased[i] = (offsets[i] as number) - base;
      return { type, offsets: rebased, data: (d.values as Uint8Array).subarray(base, offsets[n]), valid };
    }
    case "boolean":
      return { type, values: unpackBits(d.values as Uint8Array, off, n), valid };
    case "float64":
      return { type, values: (d.values as Float64Array).subarray(off, off + n), valid };
    case "int64":
    case "timestamp":
      return { type, values: (d.values as BigInt64Array).subarray(off, off + n), valid };
    default:
      return { type, values: (d.values as Int32Array).subarray(off, off + n), valid };
  }
}



/** Arrow batch → executor batch; `types` gives each column's Cinder type. */
export function batchFromArrow(rb: RecordBatch, types: readonly DataType[]): Batch {
  const columns: Col[] = [];
  for (let j = 0; j < rb.numCols; j++) {
    const d = rb.data.children[j];
    const t = types[j];
    if (!d || !t) throw new Error(`internal: column ${j} missing in Arrow batch`);
    columns.push(colFromArrowData(d, t));
  }
  return { length: rb.numRows, columns };
}

/** The Arrow type of a dictionary-encoded utf8 column; `id` tells its dictionaries apart in a stream. */
function dictType(id: number): Dictionary<Utf8, Int32> {
  return new Dictionary(new Utf8(), new Int32(), id);
}

/**
 * One Arrow vector per dictionary: arrow-js's IPC writer writes a dictionary batch whenever a
 * column's dictionary is a different object from the previous batch's, so batches that share a
 * dictionary (the slices of one aggregation's output, the batches of one cached partition) must
 * hand it the same object to have it written once per block rather than once per batch.
 */
const dictionaryVectors = new WeakMap<StrCol, Vector<Utf8>>();

function dictionaryVector(v: StrCol): Vector<Utf8> {
  let out = dictionaryVectors.get(v);
  if (out === undefined) {
    const m = v.offsets.length - 1;
    out = makeVector(makeData({ type: new Utf8(), length: m, nullCount: 0, valueOffsets: v.offsets, data: v.data }));
    dictionaryVectors.set(v, out);
  }
  return out;
}

/**
 * The reading side of the same: an IPC stream hands every batch until a replacement the same
 * dictionary Data, which becomes the same StrCol, so key tables map each dictionary once per
 * block (their memo is keyed on the values object), not once per batch.
 */
const dictionaryCols = new WeakMap<Data, StrCol>();

function dictionaryCol(d: Data): StrCol {
  let out = dictionaryCols.get(d);
  if (out === undefined) {
    out = colFromArrowData(d, "utf8") as StrCol;
    dictionaryCols.set(d, out);
  }
  return out;
}

/** One executor column as an Arrow Data chunk of `n` rows (`dictId` >= 0: dictionary-encoded utf8). */
export function colToArrowData(c: Col, n: number, dictId = -1): Data {
  if (dictId >= 0 && c.type === "utf8" && c.dict) {
    const nullBitmap = c.valid === null ? undefined : packBits(c.valid, n);
    let nullCount = 0;
    if (c.valid !== null) for (let i = 0; i < n; i++) nullCount += 1 - (c.valid[i] as number);
    const values = dictionaryVector(c.dict.values);
    return makeData({ type: dictType(dictId), length: n, nullCount, ...(nullBitmap ? { nullBitmap } : {}), data: c.dict.codes, dictionary: values });
  }
  const nullBitmap = c.valid === null ? undefined : packBits(c.valid, n);
  let nullCount = 0;
  if (c.valid !== null) for (let i = 0; i < n; i++) nullCount += 1 - (c.valid[i] as number);
  const common = { length: n, nullCount, ...(nullBitmap ? { nullBitmap } : {}) };
  if (isListCol(c)) {
    const base = c.offsets[0] as number;
    const end = c.offsets[n] as number;
    let offsets = c.offsets.subarray(0, n + 1);
    if (base !== 0) offsets = offsets.map((o) => o - base);
    const child = colToArrowData(takeChildRange(c.child, base, end), end - base);
    return makeData({ type: arrowTypeOf(c.type) as List, ...common, valueOffsets: offsets, child });
  }
  if (isStructCol(c)) {
    const children = c.fields.map((f) => colToArrowData(f, n));
    return makeData({ type: arrowTypeOf(c.type) as Struct, ...common, children });
  }
  switch (c.type) {
    case "utf8": {
      const s = c as StrCol;
      return makeData({ type: new Utf8(), ...common, valueOffsets: s.offsets, data: s.data });
    }
    case "boolean":
      return makeData({ type: new Bool(), ...common, data: packBits(c.values, n) });
    case "float64":
      return makeData({ type: new Float64(), ...common, data: c.values });
    case "int64":
      return makeData({ type: new Int64(), ...common, data: c.values });
    case "timestamp":
      return makeData({ type: new TimestampMicrosecond("UTC"), ...common, data: c.values });
    case "date":
      return makeData({ type: new DateDay(), ...common, data: c.values });
    default:
      return makeData({ type: new Int32(), ...common, data: c.values });
  }
}

/** Child rows [a, b) of a list's child column, as their own column. */
function takeChildRange(c: Col, a: number, b: number): Col {
  if (a === 0 && b === colLength(c)) return c;
  const idx = new Int32Array(b - a);
  for (let i = 0; i < idx.length; i++) idx[i] = a + i;
  return takeColLocal(c, idx);
}

export interface OutField {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
}

/** `dictCols[j]`: column j is written dictionary-encoded (its dictionary id is j). */
export function arrowSchema(fields: readonly OutField[], dictCols?: readonly boolean[]): Schema {
  return new Schema(fields.map((f, j) => new ArrowField(f.name, dictCols?.[j] ? dictType(j) : arrowTypeOf(f.type), f.nullable)));
}

type Span = ArrayBufferView & { readonly buffer: ArrayBufferLike };

const overlaps = (a: Span, b: Span): boolean =>
  a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;

/**
 * arrow-js's IPC writer merges a body buffer into the previous one when their byte ranges touch
 * or overlap (collapseContiguousByteRanges, meant for contiguous slices), so a buffer written
 * twice in one batch — a column repeated by `select(x, x.alias("y"))` — was written once and the
 * block came out short ("Expected to read 320 bytes for message body, but only read 168"). A
 * column whose buffers overlap one already in the batch is copied; validity and boolean bitmaps
 * are packed afresh anyway.
 */
function unshared(cols: readonly Col[]): readonly Col[] {
  const seen: Span[] = [];
  let out: Col[] | null = null;
  cols.forEach((c, j) => {
    if (isListCol(c) || isStructCol(c)) {
      // Nested: every buffer of every level; any overlap (with an earlier column or within the
      // column, as in struct(a, a)) copies the whole column.
      const spans = nestedSpans(c);
      const clash = spans.some((s, k) => seen.some((t) => overlaps(s, t)) || spans.some((t, m) => m < k && overlaps(s, t)));
      if (clash) {
        out ??= [...cols];
        const n = colLength(c);
        out[j] = takeColLocal(c, Int32Array.from({ length: n }, (_, i) => i));
      } else seen.push(...spans);
      return;
    }
    // A dictionary column's codes are its only row buffer (its values are written as a
    // dictionary batch); reading offsets/data here would materialize it.
    const spans: Span[] = c.type === "utf8" ? (c.dict ? [c.dict.codes] : [c.offsets, c.data]) : c.type === "boolean" ? [] : [c.values];
    if (spans.some((s) => seen.some((t) => overlaps(s, t)))) {
      out ??= [...cols];
      out[j] =
        c.type === "utf8"
          ? c.dict
            ? dictStrCol(c.dict.codes.slice(), c.dict.values, c.valid)
            : { type: "utf8", offsets: c.offsets.slice(), data: c.data.slice(), valid: c.valid }
          : c.type === "boolean"
            ? c
            : ({ ...c, values: c.values.slice() } as Col);
    } else seen.push(...spans);
  });
  return out ?? cols;
}

function nestedSpans(c: Col): Span[] {
  if (isListCol(c)) return [c.offsets, ...nestedSpans(c.child)];
  if (isStructCol(c)) return c.fields.flatMap(nestedSpans);
  if (c.type === "utf8") return c.dict ? [c.dict.codes] : [c.offsets, c.data];
  return c.type === "boolean" ? [] : [c.values];
}

/** Executor batch → Arrow RecordBatch with the given field names (duplicates allowed). */
export function batchToArrow(b: Batch, fields: readonly OutField[], dictCols?: readonly boolean[]): RecordBatch {
  const schema = arrowSchema(fields, dictCols);
  const children = unshared(b.columns).map((c, j) => colToArrowData(c, b.length, dictCols?.[j] ? j : -1));
  const data = makeData({ type: new Struct(schema.fields), length: b.length, nullCount: 0, children });
  return new RecordBatch(schema, data);
}
