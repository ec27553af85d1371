import { Message, type Schema } from "apache-arrow";

/**
 * Decodes the Arrow schema that Arrow-based writers (parquet-rs, pyarrow) embed in the footer as
 * key-value metadata "ARROW:schema": base64 of an IPC Schema message, usually behind the 8-byte
 * IPC prefix (0xFFFFFFFF, length). Throws a plain Error on anything malformed.
 *
 * Two reasons to check the bytes before arrow-js decodes them:
 * - arrow-js does not verify flatbuffers and reads out-of-range bytes as 0, so a corrupt vector
 *   length could make it loop for billions of fields;
 * - parquet-wasm refuses such a file (flatbuffers verifier), and on some corruptions arrow-rs even
 *   panics, which aborts the wasm instance and with it the worker. Rejecting the same files here,
 *   at planning time, keeps them away from the workers.
 * So this mirrors the flatbuffers verifier (bounds, alignment, UTF-8, depth, table count) and the
 * cases where arrow-rs's fb_to_schema panics (bad bit widths, units, child counts, …).
 */
export function decodeArrowSchemaHint(base64: string): Schema {
  // parquet-rs uses the strict standard alphabet with canonical padding; Buffer would skip junk.
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) throw new Error("not valid base64");
  const all = new Uint8Array(Buffer.from(base64, "base64"));
  const prefixed = all.length > 8 && all[0] === 0xff && all[1] === 0xff && all[2] === 0xff && all[3] === 0xff;
  const bytes = prefixed ? all.subarray(8) : all;
  new Verifier(bytes).message();
  const message = Message.decode(bytes);
  if (!message.isSchema()) throw new Error("not an Arrow schema message");
  return message.header();
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

// A real schema has at most thousands of fields; this bounds what arrow-js will then walk.
const MAX_TABLES = 100_000;
const MAX_DEPTH = 64;

interface Table {
  pos: number;
  vtable: number;
  vtableSize: number;
}

/** How to check one table field: a scalar's byte size, a string, a vector of scalars, or tables. */
type Slot = 1 | 2 | 4 | 8 | "string" | { scalars: 4 | 8 } | { table: Check } | { tables: Check };
type Check = (v: Verifier, t: Table, depth: number) => void;

/** Reads scalar slot `i` of a type table (`size` bytes, signed), or `fallback` when absent. */
type Scalar = (i: number, size: 1 | 2 | 4, fallback: number) => number;

interface TypeRule {
  /** Field layout of the type's table (Schema.fbs), if it has fields. */
  layout?: Slot[];
  /** arrow-rs unwraps the type table: it must be there and pass `ok`. */
  ok?: (s: Scalar) => boolean;
  /** arrow-rs unwraps `children` and panics unless there are exactly this many. */
  children?: number;
}

const oneOf = (...values: number[]) => (v: number) => values.includes(v);
const between = (lo: number, hi: number) => (v: number) => v >= lo && v <= hi;

/** The Type union members arrow-rs decodes, by id; any other id makes it panic. */
const TYPES: Record<number, TypeRule> = {
  1: {}, // Null
  2: { layout: [4, 1], ok: (s) => oneOf(8, 16, 32, 64)(s(0, 4, 0)) }, // Int (bitWidth, is_signed)
  3: { layout: [2], ok: (s) => between(0, 2)(s(0, 2, 0)) }, // FloatingPoint (precision)
  4: {}, // Binary
  5: {}, // Utf8
  6: {}, // Bool
  7: {
    // Decimal (precision, scale, bitWidth): precision must fit a u8, scale an i8
    layout: [4, 4, 4],
    ok: (s) => between(0, 255)(s(0, 4, 0)) && between(-128, 127)(s(1, 4, 0)) && oneOf(32, 64, 128, 256)(s(2, 4, 128)),
  },
  8: { layout: [2], ok: (s) => between(0, 1)(s(0, 2, 1)) }, // Date (unit)
  9: {
    // Time (unit, bitWidth): seconds and millis in 32 bits, micros and nanos in 64
    layout: [2, 4],
    ok: (s) => (s(1, 4, 32) === 32 ? between(0, 1) : between(2, 3))(s(0, 2, 1)) && oneOf(32, 64)(s(1, 4, 32)),
  },
  10: { layout: [2, "string"], ok: (s) => between(0, 3)(s(0, 2, 0)) }, // Timestamp (unit, timezone)
  11: { layout: [2], ok: (s) => between(0, 2)(s(0, 2, 0)) }, // Interval (unit)
  12: { children: 1 }, // List
  13: {}, // Struct_
  14: { layout: [2, { scalars: 4 }], ok: (s) => between(0, 1)(s(0, 2, 0)) }, // Union (mode, typeIds)
  15: { layout: [4], ok: () => true }, // FixedSizeBinary
  16: { layout: [4], ok: () => true, children: 1 }, // FixedSizeList
  17: { layout: [1], ok: () => true, children: 1 }, // Map
  18: { layout: [2], ok: (s) => between(0, 3)(s(0, 2, 1)) }, // Duration (unit)
  19: {}, // LargeBinary
  20: {}, // LargeUtf8
  21: { children: 1 }, // LargeList
  22: { children: 2 }, // RunEndEncoded
  23: {}, // BinaryView
  24: {}, // Utf8View
};

const DECIMAL = 7;
const SCHEMA_HEADER = 1; // MessageHeader.Schema
const BIG_ENDIAN = 1;

// Field layouts from Arrow's Message.fbs and Schema.fbs, in slot order.
const KEY_VALUE: Slot[] = ["string", "string"];
const KEY_VALUES: Slot = { tables: (v, t, d) => v.fields(t, KEY_VALUE, d) };
const INT: Slot[] = [4, 1];

const DICTIONARY_ENCODING: Slot[] = [
  8, // id
  { table: (v, t, d) => v.fields(t, INT, d) }, // indexType
  1, // isOrdered
  2, // dictionaryKind
];

const FIELD: Slot[] = [
  "string", // name
  1, // nullable
  1, // type_type
  { table: () => undefined }, // type: checked by fieldRules, which knows type_type
  { table: (v, t, d) => v.fields(t, DICTIONARY_ENCODING, d) },
  { tables: (v, t, d) => v.field(t, d) }, // children
  KEY_VALUES, // custom_metadata
];

const SCHEMA: Slot[] = [
  2, // endianness
  { tables: (v, t, d) => v.field(t, d) }, // fields
  KEY_VALUES, // custom_metadata
  { scalars: 8 }, // features
];

const MESSAGE: Slot[] = [
  2, // version
  1, // header_type
  { table: (v, t, d) => v.schema(t, d) }, // header, once header_type says Schema
  8, // bodyLength
  KEY_VALUES, // custom_metadata
];

class Verifier {
  private tables = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Checks the root Message table and the Schema it must carry. */
  message(): void {
    const root = this.table(this.deref(0), 0);
    if (this.scalar(root, 1, 1, 0) !== SCHEMA_HEADER) throw new Error("not an Arrow schema message");
    if (this.slot(root, 2, 4) === undefined) throw new Error("the message has no schema");
    this.fields(root, MESSAGE, 0);
  }

  schema(t: Table, depth: number): void {
    if (this.slot(t, 1, 4) === undefined) throw new Error("the schema has no field list");
    this.fields(t, SCHEMA, depth);
    if (this.scalar(t, 0, 2, 0) === BIG_ENDIAN) {
      const fields = this.deref(this.slot(t, 1, 4) as number);
      for (let k = 0; k < this.uint32(fields); k++) {
        const field = this.table(this.deref(fields + 4 + 4 * k), depth + 1);
        if (this.scalar(field, 2, 1, 0) === DECIMAL) throw new Error("big-endian decimals are not supported");
      }
    }
  }

  /** One Field: its layout, then what arrow-rs requires of its type. */
  field(t: Table, depth: number): void {
    this.fields(t, FIELD, depth);
    if (this.slot(t, 0, 4) === undefined) throw new Error("a field has no name");
    const typeId = this.scalar(t, 2, 1, 0);
    const rule = TYPES[typeId];
    if (rule === undefined) throw new Error(`a field has the unsupported type id ${typeId}`);
    const typeSlot = this.slot(t, 3, 4);
    const type = typeSlot === undefined ? undefined : this.table(this.deref(typeSlot), depth + 1);
    if (type !== undefined) this.fields(type, rule.layout ?? [], depth + 1);
    if (rule.ok !== undefined && (type === undefined || !rule.ok((i, size, fallback) => this.scalar(type, i, size, fallback)))) {
      throw new Error(`a field of type id ${typeId} has invalid parameters`);
    }
    if (rule.children !== undefined) {
      const children = this.slot(t, 5, 4);
      const count = children === undefined ? undefined : this.uint32(this.deref(children));
      if (count !== rule.children) throw new Error(`a field of type id ${typeId} has ${count ?? "no"} children`);
    }
    const dictionary = this.slot(t, 4, 4);
    if (dictionary !== undefined) {
      const encoding = this.table(this.deref(dictionary), depth + 1);
      const index = this.slot(encoding, 1, 4);
      const indexType = index === undefined ? undefined : this.table(this.deref(index), depth + 2);
      if (indexType === undefined || !oneOf(8, 16, 32, 64)(this.scalar(indexType, 0, 4, 0))) {
        throw new Error("a dictionary field has no valid index type");
      }
    }
  }

  /** Checks every field of table `t` present in its vtable against `layout`. */
  fields(t: Table, layout: Slot[], depth: number): void {
    layout.forEach((slot, i) => {
      if (typeof slot === "number") {
        this.slot(t, i, slot);
        return;
      }
      const at = this.slot(t, i, 4);
      if (at === undefined) return;
      const target = this.deref(at);
      if (slot === "string") this.string(target);
      else if ("scalars" in slot) this.vector(target, slot.scalars);
      else if ("table" in slot) slot.table(this, this.table(target, depth + 1), depth + 1);
      else {
        const n = this.vector(target, 4);
        for (let k = 0; k < n; k++) slot.tables(this, this.table(this.deref(target + 4 + 4 * k), depth + 1), depth + 1);
      }
    });
  }

  private table(pos: number, depth: number): Table {
    if (depth > MAX_DEPTH) throw new Error("nested too deeply");
    if (++this.tables > MAX_TABLES) throw new Error(`more than ${MAX_TABLES} tables`);
    const vtable = pos - this.int32(pos);
    const vtableSize = this.uint16(vtable);
    const tableSize = this.uint16(vtable + 2);
    if (vtableSize < 4 || vtableSize % 2 !== 0) throw this.corrupt(vtable);
    this.range(vtable, vtableSize);
    this.range(pos, Math.max(tableSize, 4));
    return { pos, vtable, vtableSize };
  }

  /** Position of slot `i` of `t` (checked for `size` bytes), or undefined when absent. */
  private slot(t: Table, i: number, size: number): number | undefined {
    const entry = 4 + 2 * i;
    if (entry + 2 > t.vtableSize) return undefined;
    const offset = this.uint16(t.vtable + entry);
    if (offset === 0) return undefined;
    this.aligned(t.pos + offset, size);
    this.range(t.pos + offset, size);
    return t.pos + offset;
  }

  private scalar(t: Table, i: number, size: 1 | 2 | 4, fallback: number): number {
    const at = this.slot(t, i, size);
    if (at === undefined) return fallback;
    return size === 1 ? this.view.getUint8(at) : size === 2 ? this.view.getInt16(at, true) : this.view.getInt32(at, true);
  }

  /** Follows the uoffset stored at `pos`. */
  private deref(pos: number): number {
    return pos + this.uint32(pos);
  }

  /** A flatbuffers string: length, UTF-8 bytes, then a 0 terminator (all checked by parquet-rs). */
  private string(pos: number): void {
    const len = this.uint32(pos);
    this.range(pos + 4, len + 1);
    if (this.bytes[pos + 4 + len] !== 0) throw new Error(`a string at byte ${pos} is not 0-terminated`);
    try {
      strictUtf8.decode(this.bytes.subarray(pos + 4, pos + 4 + len));
    } catch {
      throw new Error(`a string at byte ${pos} is not UTF-8`);
    }
  }

  /** Checks a vector of `size`-byte elements and returns its length. */
  private vector(pos: number, size: number): number {
    const len = this.uint32(pos);
    if (len * size > this.bytes.length) throw this.corrupt(pos);
    this.aligned(pos + 4, size); // an 8-byte element vector has its data 8-aligned
    this.range(pos + 4, len * size);
    return len;
  }

  private uint16(pos: number): number {
    this.aligned(pos, 2);
    this.range(pos, 2);
    return this.view.getUint16(pos, true);
  }

  private int32(pos: number): number {
    this.aligned(pos, 4);
    this.range(pos, 4);
    return this.view.getInt32(pos, true);
  }

  private uint32(pos: number): number {
    this.aligned(pos, 4);
    this.range(pos, 4);
    return this.view.getUint32(pos, true);
  }

  private aligned(pos: number, size: number): void {
    if (pos % size !== 0) throw this.corrupt(pos);
  }

  private range(pos: number, size: number): void {
    if (!Number.isSafeInteger(pos) || pos < 0 || pos + size > this.bytes.length) throw this.corrupt(pos);
  }

  private corrupt(pos: number): Error {
    return new Error(`bad offset or length at byte ${pos}`);
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
