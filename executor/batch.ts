/**
 * The executor's in-memory batch: a few typed arrays per column. Operators and kernels work on
 * this, never on row objects. Conversion to and from Arrow happens at the edges (readers, blocks,
 * results); numeric buffers are shared with Arrow without a copy, while Arrow's validity bitmaps
 * and boolean bitmaps are widened to one byte per row, which keeps every inner loop branch-light
 * (`valid[i]` instead of bit arithmetic).
 */
import type { ArrayType, DataType, PrimitiveType, StructType } from "../planner/types.js";
import { elementType, isArrayType, isStructType, structFields } from "../planner/nested-types.js";

/** Validity: one byte per row, 1 = valid; null means "no nulls". */
export type Validity = Uint8Array | null;

export type Col =
  | { readonly type: "int32" | "date" | "null"; readonly values: Int32Array; readonly valid: Validity }
  | { readonly type: "float64"; readonly values: Float64Array; readonly valid: Validity }
  | { readonly type: "int64" | "timestamp"; readonly values: BigInt64Array; readonly valid: Validity }
  | { readonly type: "boolean"; readonly values: Uint8Array; readonly valid: Validity }
  | {
      readonly type: "utf8";
      readonly offsets: Int32Array;
      readonly data: Uint8Array;
      readonly valid: Validity;
      readonly dict?: Utf8Dict;
      /** The CSV reader judged these strings too varied for a dictionary: cache() leaves them plain. */
      readonly declined?: true;
    }
  /**
   * Row i's elements are child rows [offsets[i], offsets[i+1]) (offsets need not start at 0; a
   * null row's range is ignored, and usually empty). The child may extend past the last offset.
   */
  | { readonly type: ArrayType; readonly offsets: Int32Array; readonly child: Col; readonly valid: Validity }
  /** One column per field, each `length` rows long; a null row's fields hold anything. */
  | { readonly type: StructType; readonly fields: readonly Col[]; readonly length: number; readonly valid: Validity };

/**
 * A utf8 column's dictionary encoding: valid row i is `values[codes[i]]`. Operators that know it
 * (group-by and join key tables, hashing, gathers and slices) work on the codes and touch each
 * distinct string once; anything else reads `offsets`/`data`, which are then built once, lazily.
 */
export interface Utf8Dict {
  readonly codes: Int32Array;
  /** The distinct strings (no nulls are referenced by valid rows). */
  readonly values: Extract<Col, { type: "utf8" }>;
}

export type I32Col = Extract<Col, { values: Int32Array }>;
export type F64Col = Extract<Col, { values: Float64Array }>;
export type I64Col = Extract<Col, { values: BigInt64Array }>;
export type BoolCol = Extract<Col, { type: "boolean" }>;
export type StrCol = Extract<Col, { type: "utf8" }>;
export type ListCol = Extract<Col, { child: Col }>;
export type StructCol = Extract<Col, { fields: readonly Col[] }>;
/** The columns with one flat `values` array. */
export type FlatCol = Extract<Col, { values: unknown }>;

export function isListCol(c: Col): c is ListCol {
  return "child" in c;
}

export function isStructCol(c: Col): c is StructCol {
  return "fields" in c;
}

/** `c` as a flat column; a nested one here is a bug (the analyzer refuses nested types there). */
export function flatCol(c: Col, where: string): Exclude<Col, ListCol | StructCol> {
  if (isListCol(c) || isStructCol(c)) throw new Error(`internal: ${where} got a ${c.type} column`);
  return c;
}

export interface Batch {
  readonly length: number;
  readonly columns: readonly Col[];
}

export function colLength(c: Col): number {
  if (c.type === "utf8") return c.dict ? c.dict.codes.length : c.offsets.length - 1;
  if (isListCol(c)) return c.offsets.length - 1;
  if (isStructCol(c)) return c.length;
  return c.values.length;
}

/**
 * A dictionary-encoded utf8 column. Its `offsets` and `data` are materialized on first use only
 * (db-benchmark's id3 as plain bytes is 12 bytes a row; as codes, 4 — and the group-by never
 * needs the bytes).
 */
export function dictStrCol(codes: Int32Array, values: StrCol, valid: Validity): StrCol {
  let plain: StrCol | null = null;
  const materialize = (): StrCol => {
    plain ??= takeCol({ type: "utf8", offsets: values.offsets, data: values.data, valid: null }, codes) as StrCol;
    return plain;
  };
  return {
    type: "utf8",
    valid,
    dict: { codes, values },
    get offsets(): Int32Array {
      return materialize().offsets;
    },
    get data(): Uint8Array {
      return materialize().data;
    },
  };
}


export function isValid(c: Col, i: number): boolean {
  return c.valid === null || c.valid[i] === 1;
}

/** An all-null column of `type` and length `n`. */
export function nullCol(type: DataType, n: number): Col {
  const valid = new Uint8Array(n);
  if (isArrayType(type)) return { type, offsets: new Int32Array(n + 1), child: nullCol(elementType(type), 0), valid };
  if (isStructType(type)) return { type, fields: structFields(type).map((f) => nullCol(f.type, n)), length: n, valid };
  switch (type) {
    case "float64":
      return { type, values: new Float64Array(n), valid };
    case "int64":
    case "timestamp":
      return { type, values: new BigInt64Array(n), valid };
    case "boolean":
      return { type, values: new Uint8Array(n), valid };
    case "utf8":
      return { type, offsets: new Int32Array(n + 1), data: new Uint8Array(0), valid };
    default:
      return { type, values: new Int32Array(n), valid };
  }
}

/** Allocates a column of `type` with `n` zeroed slots (not for utf8). */
export function allocCol(type: Exclude<PrimitiveType, "utf8">, n: number, valid: Validity): FlatCol {
  switch (type) {
    case "float64":
      return { type, values: new Float64Array(n), valid };
    case "int64":
    case "timestamp":
      return { type, values: new BigInt64Array(n), valid };
    case "boolean":
      return { type, values: new Uint8Array(n), valid };
    default:
      return { type, values: new Int32Array(n), valid };
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function stringAt(c: StrCol, i: number): string {
  const a = c.offsets[i] as number;
  const b = c.offsets[i + 1] as number;
  return decoder.decode(c.data.subarray(a, b));
}

/** Grows UTF-8 bytes for a utf8 column being built. */
export class StringColBuilder {
  private data: Uint8Array;
  private offsets: Int32Array;
  private valid: Uint8Array;
  private n = 0;
  private bytes = 0;
  private hasNull = false;

  constructor(capacity = 1024, byteCapacity = capacity * 8) {
    this.data = new Uint8Array(Math.max(16, byteCapacity));
    this.offsets = new Int32Array(Math.max(1, capacity) + 1);
    this.valid = new Uint8Array(Math.max(1, capacity));
  }

  private ensureRows(): void {
    if (this.n + 1 >= this.offsets.length - 1) {
      const o = new Int32Array(this.offsets.length * 2);
      o.set(this.offsets);
      this.offsets = o;
      const v = new Uint8Array(this.valid.length * 2);
      v.set(this.valid);
      this.valid = v;
    }
  }

  private ensureBytes(extra: number): void {
    if (this.bytes + extra > this.data.length) {
      const d = new Uint8Array(Math.max(this.data.length * 2, this.bytes + extra));
      d.set(this.data.subarray(0, this.bytes));
      this.data = d;
    }
  }

  /** Appends raw UTF-8 bytes [a, b) of `src`. */
  appendBytes(src: Uint8Array, a: number, b: number): void {
    this.ensureRows();
    this.ensureBytes(b - a);
    this.data.set(src.subarray(a, b), this.bytes);
    this.bytes += b - a;
    this.valid[this.n] = 1;
    this.n++;
    this.offsets[this.n] = this.bytes;
  }

  append(s: string): void {
    const enc = encoder.encode(s);
    this.appendBytes(enc, 0, enc.length);
  }

  appendNull(): void {
    this.ensureRows();
    this.valid[this.n] = 0;
    this.hasNull = true;
    this.n++;
    this.offsets[this.n] = this.bytes;
  }

  /** Appends row `i` of `c` (null stays null). */
  appendFrom(c: StrCol, i: number): void {
    if (c.valid !== null && c.valid[i] === 0) this.appendNull();
    else this.appendBytes(c.data, c.offsets[i] as number, c.offsets[i + 1] as number);
  }

  get length(): number {
    return this.n;
  }

  finish(): StrCol {
    return {
      type: "utf8",
      offsets: this.offsets.slice(0, this.n + 1),
      data: this.data.slice(0, this.bytes),
      valid: this.hasNull ? this.valid.slice(0, this.n) : null,
    };
  }
}

/** Gathers rows `idx` of `c` (idx[k] = -1 gives null, used by outer joins). */
export function takeCol(c: Col, idx: Int32Array): Col {
  const n = idx.length;
  if (c.type === "utf8" && c.dict) return takeDict(c, c.dict, idx);
  let valid: Uint8Array | null = null;
  let anyMissing = false;
  for (let k = 0; k < n; k++) {
    if ((idx[k] as number) < 0) {
      anyMissing = true;
      break;
    }
  }
  if (c.valid !== null || anyMissing) {
    valid = new Uint8Array(n);
    const cv = c.valid;
    for (let k = 0; k < n; k++) {
      const j = idx[k] as number;
      valid[k] = j < 0 ? 0 : cv === null ? 1 : (cv[j] as number);
    }
  }
  if (isListCol(c)) return takeList(c, idx, valid);
  if (isStructCol(c)) return { type: c.type, fields: c.fields.map((f) => takeCol(f, idx)), length: n, valid };
  if (c.type === "utf8") {
    let bytes = 0;
    for (let k = 0; k < n; k++) {
      const j = idx[k] as number;
      if (j >= 0) bytes += (c.offsets[j + 1] as number) - (c.offsets[j] as number);
    }
    const offsets = new Int32Array(n + 1);
    const data = new Uint8Array(bytes);
    const src = c.data;
    const so = c.offsets;
    let p = 0;
    for (let k = 0; k < n; k++) {
      const j = idx[k] as number;
      if (j >= 0) {
        const a = so[j] as number;
        const b = so[j + 1] as number;
        // Short strings: a byte loop. A subarray view per row cost more than the copy itself
        // (takeCol was 18% of a 10M-group aggregation's profile).
        if (b - a <= 32) for (let t = a; t < b; t++) data[p++] = src[t] as number;
        else {
          data.set(src.subarray(a, b), p);
          p += b - a;
        }
      }
      offsets[k + 1] = p;
    }
    return { type: "utf8", offsets, data, valid };
  }
  const src = c.values;
  // One loop per array kind keeps each monomorphic; int64 moves as two int32 words, since
  // reading a BigInt64Array element allocates a BigInt (takeCol was 15% of a 10M-group
  // aggregation whose partial counts are int64).
  if (src instanceof BigInt64Array) {
    const out = new BigInt64Array(n);
    takeWords(new Int32Array(src.buffer, src.byteOffset, 2 * src.length), new Int32Array(out.buffer), idx);
    return { ...c, values: out, valid } as Col;
  }
  if (src instanceof Float64Array) {
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const j = idx[k] as number;
      out[k] = j >= 0 ? (src[j] as number) : 0;
    }
    return { ...c, values: out, valid } as Col;
  }
  if (src instanceof Int32Array) {
    const out = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const j = idx[k] as number;
      out[k] = j >= 0 ? (src[j] as number) : 0;
    }
    return { ...c, values: out, valid } as Col;
  }
  const out = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const j = idx[k] as number;
    out[k] = j >= 0 ? (src[j] as number) : 0;
  }
  return { ...c, values: out, valid } as Col;
}

/** Gathers the element ranges of rows `idx` (a missing or null row gets an empty range). */
function takeList(c: ListCol, idx: Int32Array, valid: Validity): ListCol {
  const n = idx.length;
  const so = c.offsets;
  const offsets = new Int32Array(n + 1);
  let total = 0;
  for (let k = 0; k < n; k++) {
    const j = idx[k] as number;
    if (j >= 0 && (valid === null || valid[k] === 1)) total += (so[j + 1] as number) - (so[j] as number);
    offsets[k + 1] = total;
  }
  const childIdx = new Int32Array(total);
  let p = 0;
  for (let k = 0; k < n; k++) {
    const j = idx[k] as number;
    if (j < 0 || (valid !== null && valid[k] === 0)) continue;
    const b = so[j + 1] as number;
    for (let t = so[j] as number; t < b; t++) childIdx[p++] = t;
  }
  return { type: c.type, offsets, child: takeCol(c.child, childIdx), valid };
}

/** Gathers 64-bit values as word pairs: out[2k], out[2k+1] = src[2j], src[2j+1] (0 for j < 0). */
function takeWords(src: Int32Array, out: Int32Array, idx: Int32Array): void {
  for (let k = 0; k < idx.length; k++) {
    const j = idx[k] as number;
    if (j < 0) continue;
    out[2 * k] = src[2 * j] as number;
    out[2 * k + 1] = src[2 * j + 1] as number;
  }
}

/** Gathers the codes only; a missing row (idx −1) is null with code 0. */
function takeDict(c: StrCol, d: Utf8Dict, idx: Int32Array): Col {
  const n = idx.length;
  const codes = new Int32Array(n);
  const cv = c.valid;
  let valid: Uint8Array | null = null;
  let missing = false;
  for (let k = 0; k < n; k++) if ((idx[k] as number) < 0) missing = true;
  if (cv !== null || missing) valid = new Uint8Array(n);
  const src = d.codes;
  for (let k = 0; k < n; k++) {
    const j = idx[k] as number;
    if (j < 0) continue;
    codes[k] = src[j] as number;
    if (valid !== null) valid[k] = cv === null ? 1 : (cv[j] as number);
  }
  return dictStrCol(codes, d.values, valid);
}

export function takeBatch(b: Batch, idx: Int32Array): Batch {
  return { length: idx.length, columns: b.columns.map((c) => takeCol(c, idx)) };
}

/** Rows where mask[i] === 1 (a null predicate is 0 in the mask: SQL's WHERE drops unknowns). */
export function filterBatch(b: Batch, mask: Uint8Array): Batch {
  let count = 0;
  for (let i = 0; i < b.length; i++) count += mask[i] as number;
  if (count === b.length) return b;
  const idx = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < b.length; i++) if (mask[i] === 1) idx[k++] = i;
  return takeBatch(b, idx);
}

export function sliceCol(c: Col, start: number, end: number): Col {
  const valid = c.valid === null ? null : c.valid.subarray(start, end);
  if (isListCol(c)) return { type: c.type, offsets: c.offsets.subarray(start, end + 1), child: c.child, valid };
  if (isStructCol(c)) return { type: c.type, fields: c.fields.map((f) => sliceCol(f, start, end)), length: end - start, valid };
  if (c.type === "utf8" && c.dict) return dictStrCol(c.dict.codes.subarray(start, end), c.dict.values, valid);
  if (c.type === "utf8") {
    const offsets = c.offsets.subarray(start, end + 1);
    const base = offsets[0] as number;
    if (base === 0) return { type: "utf8", offsets, data: c.data, valid };
    const rebased = new Int32Array(offsets.length);
    for (let i = 0; i < offsets.length; i++) rebased[i] = (offsets[i] as number) - base;
    return { type: "utf8", offsets: rebased, data: c.data.subarray(base, offsets[offsets.length - 1]), valid };
  }
  return { ...c, values: c.values.subarray(start, end), valid } as Col;
}

export function sliceBatch(b: Batch, start: number, end: number): Batch {
  const e = Math.min(end, b.length);
  if (start === 0 && e === b.length) return b;
  return { length: Math.max(0, e - start), columns: b.columns.map((c) => sliceCol(c, start, e)) };
}

/** The offsets of offset-addressed columns (strings, lists) laid end to end: each run rebased to where its values land. */
function concatOffsets(all: readonly Int32Array[], n: number): Int32Array {
  const offsets = new Int32Array(n + 1);
  let row = 0;
  let p = 0;
  for (const o of all) {
    const len = o.length - 1;
    const base = o[0] as number;
    for (let i = 1; i <= len; i++) offsets[row + i] = (o[i] as number) - base + p;
    row += len;
    p += (o[len] as number) - base;
  }
  return offsets;
}

/** Concatenates columns of one type. */
export function concatCols(cols: readonly Col[]): Col {
  const first = cols[0];
  if (first === undefined) throw new Error("internal: concat of no columns");
  if (cols.length === 1) return first;
  let n = 0;
  let anyNull = false;
  for (const c of cols) {
    n += colLength(c);
    if (c.valid !== null) anyNull = true;
  }
  let valid: Uint8Array | null = null;
  if (anyNull) {
    valid = new Uint8Array(n);
    let p = 0;
    for (const c of cols) {
      const len = colLength(c);
      if (c.valid === null) valid.fill(1, p, p + len);
      else valid.set(c.valid, p);
      p += len;
    }
  }
  if (isListCol(first)) {
    const lists = cols as readonly ListCol[];
    const children = lists.map((l) => sliceCol(l.child, l.offsets[0] as number, l.offsets[l.offsets.length - 1] as number));
    return { type: first.type, offsets: concatOffsets(lists.map((l) => l.offsets), n), child: concatCols(children), valid };
  }
  if (isStructCol(first)) {
    const fields = first.fields.map((_, j) => concatCols(cols.map((c) => (c as StructCol).fields[j] as Col)));
    return { type: first.type, fields, length: n, valid };
  }
  if (first.type === "utf8") {
    const strs = cols as readonly StrCol[];
    const offsets = concatOffsets(strs.map((s) => s.offsets), n);
    const data = new Uint8Array(offsets[n] as number);
    let p = 0;
    for (const s of strs) {
      const base = s.offsets[0] as number;
      const end = s.offsets[s.offsets.length - 1] as number;
      data.set(s.data.subarray(base, end), p);
      p += end - base;
    }
    return { type: "utf8", offsets, data, valid };
  }
  const src = first.values;
  const out = new (src.constructor as new (n: number) => typeof src)(n);
  let p = 0;
  for (const c of cols) {
    const v = (c as I32Col).values;
    (out as Int32Array).set(v, p);
    p += v.length;
  }
  return { ...first, values: out, valid } as Col;
}

export function concatBatches(batches: readonly Batch[], width?: number): Batch {
  if (batches.length === 1 && batches[0]) return batches[0];
  const w = width ?? batches[0]?.columns.length ?? 0;
  let length = 0;
  for (const b of batches) length += b.length;
  const columns: Col[] = [];
  for (let j = 0; j < w; j++) columns.push(concatCols(batches.map((b) => b.columns[j] as Col)));
  return { length, columns };
}

/** Encodes a JS string as UTF-8 (shared encoder). */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}
