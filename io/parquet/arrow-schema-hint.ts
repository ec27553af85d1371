import { Message, type Schema } from "apache-arrow";

/**
 * Decodes the Arrow schema that Arrow-based writers (parquet-rs, pyarrow) embed in the footer as
 * key-value metadata "ARROW:schema": base64 of an IPC Schema message, usually behind the 8-byte
 * IPC prefix (0xFFFFFFFF, length). Throws a plain Error on anything malformed, which is also
 * when parquet-rs (inside parquet-wasm) refuses the whole file.
 *
 * arrow-js decodes flatbuffers without verifying them, and reads out-of-range bytes as 0 instead
 * of failing, so a corrupt vector length could make it loop for billions of fields; the
 * structure is therefore checked first, in the spirit of the flatbuffers verifier parquet-rs uses.
 */
export function decodeArrowSchemaHint(base64: string): Schema {
  // parquet-rs uses the strict standard alphabet with canonical padding; Buffer would skip junk.
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) throw new Error("ARROW:schema is not valid base64");
  const all = new Uint8Array(Buffer.from(base64, "base64"));
  const prefixed = all.length > 8 && all[0] === 0xff && all[1] === 0xff && all[2] === 0xff && all[3] === 0xff;
  const bytes = prefixed ? all.subarray(8) : all;
  new Verifier(bytes).message();
  const message = Message.decode(bytes);
  if (!message.isSchema()) throw new Error("ARROW:schema is not an Arrow schema message");
  return message.header();
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

// A real schema has at most thousands of fields; this bounds what arrow-js will then walk.
const MAX_TABLES = 100_000;
const MAX_DEPTH = 64;

/** How to check one table field: a scalar's byte size, a string, a vector of scalars, or tables. */
type Slot = 1 | 2 | 4 | 8 | "string" | { scalars: 4 | 8 } | { table: TableCheck } | { tables: TableCheck };
/** Checks the table `t` found in a field of `parent`. */
type TableCheck = (v: Verifier, t: Table, depth: number, parent: Table) => void;

interface Table {
  pos: number;
  vtable: number;
  vtableSize: number;
}

// Field layouts from Arrow's Message.fbs and Schema.fbs, in slot order.
const KEY_VALUE: Slot[] = ["string", "string"];
const INT: Slot[] = [4, 1];
const DICTIONARY_ENCODING: Slot[] = [8, { table: (v, t, d) => v.fields(t, INT, d) }, 1, 2];

/** Type union member tables by Type id; those not listed (Null, Utf8, List, Struct_, …) are empty. */
const TYPE_TABLES: Record<number, Slot[]> = {
  2: INT,
  3: [2], // FloatingPoint
  7: [4, 4, 4], // Decimal
  8: [2], // Date
  9: [2, 4], // Time
  10: [2, "string"], // Timestamp (unit, timezone)
  11: [2], // Interval
  14: [2, { scalars: 4 }], // Union (mode, typeIds)
  15: [4], // FixedSizeBinary
  16: [4], // FixedSizeList
  17: [1], // Map
  18: [2], // Duration
};

const FIELD: Slot[] = [
  "string", // name
  1, // nullable
  1, // type_type
  { table: (v, t, d, field) => v.fields(t, TYPE_TABLES[v.uint8Field(field, 2) ?? 0] ?? [], d) }, // type
  { table: (v, t, d) => v.fields(t, DICTIONARY_ENCODING, d) },
  { tables: (v, t, d) => v.fields(t, FIELD, d) }, // children
  { tables: (v, t, d) => v.fields(t, KEY_VALUE, d) }, // custom_metadata
];

const SCHEMA: Slot[] = [
  2, // endianness
  { tables: (v, t, d) => v.fields(t, FIELD, d) },
  { tables: (v, t, d) => v.fields(t, KEY_VALUE, d) },
  { scalars: 8 }, // features
];

const MESSAGE: Slot[] = [
  2, // version
  1, // header_type
  { table: (v, t, d) => v.fields(t, SCHEMA, d) }, // header, once header_type says Schema
  8, // bodyLength
  { tables: (v, t, d) => v.fields(t, KEY_VALUE, d) },
];

const SCHEMA_HEADER = 1; // MessageHeader.Schema

class Verifier {
  private tables = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Checks the root Message table and the Schema it must carry. */
  message(): void {
    const root = this.table(this.deref(0), 0);
    if (this.uint8Field(root, 1) !== SCHEMA_HEADER) throw new Error("ARROW:schema is not an Arrow schema message");
    if (this.field(root, 2, 4) === undefined) throw new Error("ARROW:schema message has no header");
    this.fields(root, MESSAGE, 0);
  }

  /** Checks every field of table `t` present in its vtable against `layout`. */
  fields(t: Table, layout: Slot[], depth: number): void {
    layout.forEach((slot, i) => {
      if (typeof slot === "number") {
        this.field(t, i, slot);
        return;
      }
      const at = this.field(t, i, 4);
      if (at === undefined) return;
      const target = this.deref(at);
      if (slot === "string") this.string(target);
      else if ("scalars" in slot) this.vector(target, slot.scalars);
      else if ("table" in slot) slot.table(this, this.table(target, depth + 1), depth + 1, t);
      else {
        const n = this.vector(target, 4);
        for (let k = 0; k < n; k++) slot.tables(this, this.table(this.deref(target + 4 + 4 * k), depth + 1), depth + 1, t);
      }
    });
  }

  uint8Field(t: Table, i: number): number | undefined {
    const at = this.field(t, i, 1);
    return at === undefined ? undefined : this.view.getUint8(at);
  }

  private table(pos: number, depth: number): Table {
    if (depth > MAX_DEPTH) throw new Error("ARROW:schema is nested too deeply");
    if (++this.tables > MAX_TABLES) throw new Error(`ARROW:schema has more than ${MAX_TABLES} tables`);
    const vtable = pos - this.int32(pos);
    const vtableSize = this.uint16(vtable);
    const tableSize = this.uint16(vtable + 2);
    if (vtableSize < 4 || vtableSize % 2 !== 0) throw this.corrupt(vtable);
    this.range(vtable, vtableSize);
    this.range(pos, Math.max(tableSize, 4));
    return { pos, vtable, vtableSize };
  }

  /** Position of slot `i` of `t` (checked for `size` bytes), or undefined when absent. */
  private field(t: Table, i: number, size: number): number | undefined {
    const entry = 4 + 2 * i;
    if (entry + 2 > t.vtableSize) return undefined;
    const offset = this.uint16(t.vtable + entry);
    if (offset === 0) return undefined;
    this.aligned(t.pos + offset, size);
    this.range(t.pos + offset, size);
    return t.pos + offset;
  }

  /** Follows the uoffset stored at `pos`. */
  private deref(pos: number): number {
    return pos + this.uint32(pos);
  }

  private string(pos: number): void {
    const len = this.uint32(pos);
    this.range(pos + 4, len);
    try {
      strictUtf8.decode(this.bytes.subarray(pos + 4, pos + 4 + len));
    } catch {
      throw new Error(`ARROW:schema has a string that is not UTF-8 at byte ${pos}`); // as parquet-rs
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
    return new Error(`ARROW:schema is corrupt (bad offset or length at byte ${pos})`);
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
