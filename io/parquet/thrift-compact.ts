/**
 * A generic reader for the Thrift compact protocol, enough to decode a Parquet footer.
 * Structs become Maps keyed by field id; callers pick the fields they know (see parquet-footer.ts).
 */
export type ThriftValue = boolean | number | Uint8Array | ThriftStruct | ThriftValue[] | ThriftMap;
export type ThriftStruct = Map<number, ThriftValue>;
export interface ThriftMap {
  kind: "map";
  entries: Array<[ThriftValue, ThriftValue]>;
}

const STOP = 0;
const TRUE = 1;
const FALSE = 2;
const BYTE = 3;
const I16 = 4;
const I32 = 5;
const I64 = 6;
const DOUBLE = 7;
const BINARY = 8;
const LIST = 9;
const SET = 10;
const MAP = 11;
const STRUCT = 12;

// Deeply nested garbage must fail cleanly instead of overflowing the stack.
const MAX_DEPTH = 64;

export class ThriftCompactReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Reads one struct starting at the current position. */
  readStruct(depth = 0): ThriftStruct {
    if (depth > MAX_DEPTH) throw new Error("Thrift structure nested too deeply");
    const out: ThriftStruct = new Map();
    let lastId = 0;
    for (;;) {
      const header = this.byte();
      const type = header & 0x0f;
      if (type === STOP) return out;
      const delta = header >> 4;
      const id = delta === 0 ? zigzag(this.varint()) : lastId + delta;
      lastId = id;
      // Booleans in struct fields live in the type nibble itself.
      out.set(id, type === TRUE ? true : type === FALSE ? false : this.value(type, depth));
    }
  }

  private value(type: number, depth: number): ThriftValue {
    switch (type) {
      case TRUE:
      case FALSE:
        // Inside collections a boolean is a whole byte.
        return this.byte() === TRUE;
      case BYTE:
        return (this.byte() << 24) >> 24;
      case I16:
      case I32:
      case I64:
        return zigzag(this.varint());
      case DOUBLE: {
        this.need(8);
        const v = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return v;
      }
      case BINARY: {
        const len = this.varint();
        this.need(len);
        const v = this.bytes.subarray(this.pos, this.pos + len);
        this.pos += len;
        return v;
      }
      case LIST:
      case SET:
        return this.list(depth);
      case MAP:
        return this.map(depth);
      case STRUCT:
        return this.readStruct(depth + 1);
      default:
        throw new Error(`unknown Thrift compact type ${type} at byte ${this.pos}`);
    }
  }

  private list(depth: number): ThriftValue[] {
    const header = this.byte();
    const size = header >> 4 === 15 ? this.varint() : header >> 4;
    const elem = header & 0x0f;
    // Each element takes at least one byte: a larger count means corruption, not a huge list.
    this.need(size);
    const out: ThriftValue[] = [];
    for (let i = 0; i < size; i++) out.push(this.value(elem, depth + 1));
    return out;
  }

  private map(depth: number): ThriftMap {
    const size = this.varint();
    const entries: Array<[ThriftValue, ThriftValue]> = [];
    if (size === 0) return { kind: "map", entries };
    const types = this.byte();
    this.need(size);
    for (let i = 0; i < size; i++) {
      entries.push([this.value(types >> 4, depth + 1), this.value(types & 0x0f, depth + 1)]);
    }
    return { kind: "map", entries };
  }

  /** Unsigned LEB128; Number arithmetic is exact up to 2^53, plenty for sizes and row counts. */
  private varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new Error(`varint too long at byte ${this.pos}`);
  }

  private byte(): number {
    const b = this.bytes[this.pos];
    if (b === undefined) throw new Error("unexpected end of Thrift data");
    this.pos++;
    return b;
  }

  private need(n: number): void {
    if (this.pos + n > this.bytes.length) throw new Error("unexpected end of Thrift data");
  }
}

function zigzag(n: number): number {
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}

// Typed accessors: a field of the wrong type reads as absent, so odd writers degrade to "unknown".
export function fieldNumber(s: ThriftStruct, id: number): number | undefined {
  const v = s.get(id);
  return typeof v === "number" ? v : undefined;
}

export function fieldBool(s: ThriftStruct, id: number): boolean | undefined {
  const v = s.get(id);
  return typeof v === "boolean" ? v : undefined;
}

export function fieldBinary(s: ThriftStruct, id: number): Uint8Array | undefined {
  const v = s.get(id);
  return v instanceof Uint8Array ? v : undefined;
}

export function fieldStruct(s: ThriftStruct, id: number): ThriftStruct | undefined {
  const v = s.get(id);
  return v instanceof Map ? v : undefined;
}

export function fieldList(s: ThriftStruct, id: number): ThriftValue[] {
  const v = s.get(id);
  return Array.isArray(v) ? v : [];
}

export function isStruct(v: ThriftValue): v is ThriftStruct {
  return v instanceof Map;
}
