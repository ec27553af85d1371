/**
 * Growable column buffers for one batch of the fast decoder. Storage is struct-of-arrays: one
 * array per physical kind, indexed by column, with an empty placeholder where a column has another
 * kind, so every load in the decoder's inner loop is monomorphic. Rows are written in place at a
 * row index, so dropping a malformed record is just not advancing it (plus `dropRow`).
 */
import { Dictionary, Int32, Utf8, makeData, makeVector, type Data } from "apache-arrow";
import { columnData, countNulls } from "./column-data.js";
import { estimateDistinct, MAX_DICTIONARY, StringDictionary, fnv1a } from "./string-dictionary.js";
import type { ColumnType } from "./types.js";

export const K_INT32 = 0;
export const K_INT64 = 1;
export const K_FLOAT64 = 2;
export const K_BOOLEAN = 3;
export const K_UTF8 = 4;
export const K_DATE = 5;
export const K_TIMESTAMP = 6;
/** A utf8 column being dictionary-encoded: codes in `i32`, strings in `dicts` (string-dictionary.ts). */
export const K_DICT = 7;

const KIND: Record<ColumnType, number> = {
  int32: K_INT32,
  int64: K_INT64,
  float64: K_FLOAT64,
  boolean: K_BOOLEAN,
  utf8: K_UTF8,
  date: K_DATE,
  timestamp: K_TIMESTAMP,
};

const NO_I32 = new Int32Array(0);
const NO_F64 = new Float64Array(0);
const NO_I64 = new BigInt64Array(0);
const NO_U32 = new Uint32Array(0);
const NO_U8 = new Uint8Array(0);

/** Copying short fields byte by byte beats set(subarray()), which allocates a view per field. */
const SHORT_COPY = 16;

export class BatchBuilder {
  readonly kinds: number[];
  cap = 0;
  i32: Int32Array[] = [];
  f64: Float64Array[] = [];
  i64: BigInt64Array[] = [];
  /** uint32 halves over i64, written without a BigInt per value (see parse-bytes.ts). */
  u32: Uint32Array[] = [];
  bits: Uint8Array[] = [];
  offsets: Int32Array[] = [];
  bytes: Uint8Array[] = [];
  byteLen: number[] = [];
  /** Validity bitmaps, allocated (all valid) at a column's first null; empty until then. */
  valid: Uint8Array[] = [];
  /** The dictionary of each K_DICT column (shared by every batch of the split). */
  readonly dicts: (StringDictionary | null)[];
  /** Per column, how many finished batches hold codes (a prefix: a column gives its dictionary up once). */
  private readonly dictBatches: number[];

  constructor(
    readonly types: readonly ColumnType[],
    cap: number,
    private readonly bytesHint: number,
    encodeStrings = false,
  ) {
    this.kinds = types.map((t) => (encodeStrings && t === "utf8" ? K_DICT : KIND[t]));
    this.dicts = this.kinds.map((k) => (k === K_DICT ? new StringDictionary() : null));
    this.dictBatches = this.kinds.map(() => 0);
    this.allocate(cap);
  }

  private allocate(cap: number): void {
    this.cap = cap;
    const k = this.kinds;
    const has = (...ks: number[]) => (c: number) => ks.includes(k[c]!);
    const cols = k.map((_, c) => c);
    this.i32 = cols.map((c) => (has(K_INT32, K_DATE, K_DICT)(c) ? new Int32Array(cap) : NO_I32));
    this.f64 = cols.map((c) => (has(K_FLOAT64)(c) ? new Float64Array(cap) : NO_F64));
    this.i64 = cols.map((c) => (has(K_INT64, K_TIMESTAMP)(c) ? new BigInt64Array(cap) : NO_I64));
    this.u32 = this.i64.map((a) => (a.length > 0 ? new Uint32Array(a.buffer) : NO_U32));
    this.bits = cols.map((c) => (has(K_BOOLEAN)(c) ? new Uint8Array((cap + 7) >> 3) : NO_U8));
    this.offsets = cols.map((c) => (has(K_UTF8)(c) ? new Int32Array(cap + 1) : NO_I32));
    this.bytes = cols.map((c) => (has(K_UTF8)(c) ? new Uint8Array(Math.max(1024, this.bytesHint)) : NO_U8));
    this.byteLen = cols.map(() => 0);
    this.valid = cols.map(() => NO_U8);
  }

  /** Doubles row capacity (up to max), keeping rows [0, rows). */
  grow(max: number): void {
    const cap = Math.min(max, this.cap * 2);
    const grown = <T extends Int32Array | Float64Array | BigInt64Array | Uint8Array>(a: T, make: (n: number) => T, n: number): T => {
      if (a.length === 0) return a;
      const b = make(n);
      b.set(a as never);
      return b;
    };
    this.i32 = this.i32.map((a) => grown(a, (n) => new Int32Array(n), cap));
    this.f64 = this.f64.map((a) => grown(a, (n) => new Float64Array(n), cap));
    this.i64 = this.i64.map((a) => grown(a, (n) => new BigInt64Array(n), cap));
    this.u32 = this.i64.map((a) => (a.length > 0 ? new Uint32Array(a.buffer) : NO_U32));
    this.bits = this.bits.map((a) => grown(a, (n) => new Uint8Array(n), (cap + 7) >> 3));
    this.offsets = this.offsets.map((a) => grown(a, (n) => new Int32Array(n), cap + 1));
    this.valid = this.valid.map((a) => (a.length === 0 ? a : grown(a, (n) => new Uint8Array(n).fill(0xff), (cap + 7) >> 3)));
    this.cap = cap;
  }

  setNull(c: number, row: number): void {
    let v = this.valid[c]!;
    if (v.length === 0) v = this.valid[c] = new Uint8Array((this.cap + 7) >> 3).fill(0xff);
    v[row >> 3]! &= ~(1 << (row & 7));
    switch (this.kinds[c]) {
      case K_UTF8: {
        const o = this.offsets[c]!;
        o[row + 1] = o[row]!;
        break;
      }
      case K_BOOLEAN:
        this.bits[c]![row >> 3]! &= ~(1 << (row & 7));
        break;
      case K_FLOAT64:
        this.f64[c]![row] = 0;
        break;
      case K_INT64:
      case K_TIMESTAMP:
        this.i64[c]![row] = 0n;
        break;
      default:
        this.i32[c]![row] = 0;
    }
  }

  /** Appends src[s, e) as row `row` of utf8 column c. */
  setUtf8(c: number, row: number, src: Uint8Array, s: number, e: number): void {
    const n = e - s;
    let at = this.byteLen[c]!;
    let dst = this.bytes[c]!;
    if (at + n > dst.length) dst = this.growBytes(c, at + n);
    if (n <= SHORT_COPY) for (let k = s; k < e; k++) dst[at++] = src[k]!;
    else {
      dst.set(src.subarray(s, e), at);
      at += n;
    }
    this.byteLen[c] = at;
    this.offsets[c]![row + 1] = at;
  }

  /** Sets row `row` of K_DICT column c to the string src[s, e), giving the dictionary up if it is full. */
  setCode(c: number, row: number, src: Uint8Array, s: number, e: number): void {
    const code = this.dicts[c]!.intern(src, s, e, fnv1a(src, s, e));
    if (code >= 0) {
      this.i32[c]![row] = code;
      return;
    }
    this.giveUpDictionary(c, row);
    this.setUtf8(c, row, src, s, e);
  }

  /** Gives up the dictionary of every K_DICT column whose first `seen` rows point to more strings than it may hold. */
  judgeDictionaries(row: number, seen: number): void {
    this.dicts.forEach((d, c) => {
      if (d !== null && this.kinds[c] === K_DICT && estimateDistinct(seen, d.size) > MAX_DICTIONARY) this.giveUpDictionary(c, row);
    });
  }

  /** Turns K_DICT column c into plain utf8: rows [0, row) of this batch decoded from their codes. */
  giveUpDictionary(c: number, row: number): void {
    const valid = this.valid[c]!;
    const offsets = new Int32Array(this.cap + 1);
    const { bytes, length } = decodeStrings(this.dicts[c]!, this.i32[c]!, valid.length > 0 ? valid : undefined, row, offsets, Math.max(1024, this.bytesHint));
    this.kinds[c] = K_UTF8;
    this.i32[c] = NO_I32;
    this.offsets[c] = offsets;
    this.bytes[c] = bytes;
    this.byteLen[c] = length;
  }

  growBytes(c: number, need: number): Uint8Array {
    const old = this.bytes[c]!;
    const next = new Uint8Array(Math.max(need, old.length * 2));
    next.set(old.subarray(0, this.byteLen[c]));
    this.bytes[c] = next;
    return next;
  }

  /** Forgets whatever a dropped record wrote at `row` (its bytes and null bits). */
  dropRow(row: number): void {
    for (let c = 0; c < this.kinds.length; c++) {
      const v = this.valid[c]!;
      if (v.length > 0) v[row >> 3]! |= 1 << (row & 7);
      if (this.kinds[c] === K_UTF8) this.byteLen[c] = this.offsets[c]![row]!;
    }
  }

  /** How many finished batches of column c hold dictionary codes. */
  codedBatches(c: number): number {
    return this.dictBatches[c]!;
  }

  /** Arrow Data for rows [0, n), then fresh buffers for the next batch. */
  finish(n: number, nextCap: number): Data[] {
    const out = this.types.map((type, c) => {
      const bitmap = this.valid[c]!;
      const nullCount = bitmap.length > 0 ? countNulls(bitmap, n) : 0;
      const nullBitmap = nullCount > 0 ? trim(bitmap, (n + 7) >> 3) : undefined;
      switch (this.kinds[c]) {
        case K_DICT:
          this.dictBatches[c]!++;
          // Codes for now; complete() gives them the dictionary once the split is decoded.
          return columnData("int32", { length: n, nullCount, nullBitmap, values: trim(this.i32[c]!, n) });
        case K_INT32:
        case K_DATE:
          return columnData(type, { length: n, nullCount, nullBitmap, values: trim(this.i32[c]!, n) });
        case K_FLOAT64:
          return columnData(type, { length: n, nullCount, nullBitmap, values: trim(this.f64[c]!, n) });
        case K_INT64:
        case K_TIMESTAMP:
          return columnData(type, { length: n, nullCount, nullBitmap, values: trim(this.i64[c]!, n) });
        case K_BOOLEAN:
          return columnData(type, { length: n, nullCount, nullBitmap, values: trim(this.bits[c]!, (n + 7) >> 3) });
        default:
          return columnData(type, {
            length: n,
            nullCount,
            nullBitmap,
            values: trim(this.bytes[c]!, this.byteLen[c]!),
            valueOffsets: trim(this.offsets[c]!, n + 1),
          });
      }
    });
    this.allocate(nextCap);
    return out;
  }
}

/**
 * Gives the finished batches' code columns their dictionary: one Arrow dictionary for the split,
 * shared by its batches — or, for a column that gave its dictionary up part-way, or whose
 * dictionary holds over half as many strings as it has rows, plain utf8 decoded from the codes.
 * Returns, per column, whether it was a dictionary candidate that came out plain (declined).
 */
export function completeDictionaries(b: BatchBuilder, batches: { length: number; columns: Data[] }[]): boolean[] {
  return b.dicts.map((dict, c) => {
    if (dict === null) return false;
    const coded = b.codedBatches(c);
    let rows = 0;
    for (let i = 0; i < coded; i++) rows += batches[i]!.length;
    const keep = b.kinds[c] === K_DICT && dict.size > 0 && dict.size * 2 <= rows;
    if (keep) {
      const type = new Dictionary(new Utf8(), new Int32());
      const dictionary = makeVector(
        makeData({ type: new Utf8(), length: dict.size, nullCount: 0, data: dict.bytes.subarray(0, dict.byteLen), valueOffsets: dict.offsets.subarray(0, dict.size + 1) }),
      );
      for (let i = 0; i < coded; i++) {
        const d = batches[i]!.columns[c]!;
        batches[i]!.columns[c] = makeData({
          type,
          length: d.length,
          nullCount: d.nullCount,
          nullBitmap: d.nullCount > 0 ? d.nullBitmap : undefined,
          data: d.values as Int32Array,
          dictionary,
        });
      }
    } else {
      for (let i = 0; i < coded; i++) {
        const d = batches[i]!.columns[c]!;
        const bitmap = d.nullCount > 0 ? d.nullBitmap : undefined;
        const offsets = new Int32Array(d.length + 1);
        const { bytes, length } = decodeStrings(dict, d.values as Int32Array, bitmap, d.length, offsets, 1024);
        batches[i]!.columns[c] = columnData("utf8", { length: d.length, nullCount: d.nullCount, nullBitmap: bitmap, values: trim(bytes, length), valueOffsets: offsets });
      }
    }
    return !keep;
  });
}

/**
 * The strings of codes[0, n) written back to back (null rows empty, per `bitmap`; undefined = all
 * valid), their ends in offsets[1..n], into a byte buffer of `initialBytes` grown as needed.
 */
function decodeStrings(
  dict: StringDictionary,
  codes: Int32Array,
  bitmap: Uint8Array | undefined,
  n: number,
  offsets: Int32Array,
  initialBytes: number,
): { bytes: Uint8Array; length: number } {
  let bytes = new Uint8Array(initialBytes);
  let at = 0;
  for (let r = 0; r < n; r++) {
    if (bitmap === undefined || (bitmap[r >> 3]! >> (r & 7)) & 1) {
      const code = codes[r]!;
      const s = dict.offsets[code]!;
      const e = dict.offsets[code + 1]!;
      if (at + e - s > bytes.length) {
        const next = new Uint8Array(Math.max(at + e - s, bytes.length * 2));
        next.set(bytes.subarray(0, at));
        bytes = next;
      }
      for (let k = s; k < e; k++) bytes[at++] = dict.bytes[k]!;
    }
    offsets[r + 1] = at;
  }
  return { bytes, length: at };
}

/** A view when most of the buffer is used, else a compact copy so a short batch frees the rest. */
function trim<T extends Int32Array | Float64Array | BigInt64Array | Uint8Array>(a: T, n: number): T {
  if (n === a.length) return a;
  return (n * 2 >= a.length ? a.subarray(0, n) : a.slice(0, n)) as T;
}
