import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  Binary,
  DateMillisecond,
  Dictionary,
  DurationSecond,
  Field,
  Int32,
  Int64,
  LargeUtf8,
  Message,
  Schema,
  Table,
  TimestampSecond,
  Utf8,
  makeData,
  makeVector,
  vectorFromArray,
  type DataType,
} from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeParquet, describeParquetSync, readParquetRowGroups, writeParquetFile } from "../../io/parquet/index.js";
import { requireColumnType } from "../../io/parquet/column-types.js";
import { arrowSchemaOf, openParquet } from "../../io/parquet/open-parquet.js";
import type { ColumnSpec } from "../../io/parquet/types.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cinder-pq-sync-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** What parquet-wasm makes of a file's schema: the reference describeParquetSync must agree with. */
async function wasmSchema(path: string): Promise<ColumnSpec[]> {
  const pf = await openParquet(path);
  try {
    return arrowSchemaOf(pf).fields.map((f) => ({ name: f.name, type: requireColumnType(f.type, f.name, path), nullable: f.nullable }));
  } finally {
    pf.free();
  }
}

type Outcome = { schema: ColumnSpec[] } | { error: string };

async function outcome(f: () => Promise<ColumnSpec[]> | ColumnSpec[]): Promise<Outcome> {
  try {
    return { schema: await f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

// ---------------------------------------------------------------------------------------------
// A minimal Thrift compact writer, to build footers parquet-wasm's writer never produces
// (legacy converted types, INT96, ENUM, …). Files hold only a footer: no row groups, no data.

class ThriftWriter {
  readonly out: number[] = [];
  private lastIds: number[] = [0];

  i8(id: number, v: number): this {
    this.header(id, 3);
    this.out.push(v & 0xff);
    return this;
  }
  i32(id: number, v: number): this {
    this.header(id, 5);
    this.varint(zigzag(v));
    return this;
  }
  i64(id: number, v: number): this {
    this.header(id, 6);
    this.varint(zigzag(v));
    return this;
  }
  bool(id: number, v: boolean): this {
    this.header(id, v ? 1 : 2);
    return this;
  }
  binary(id: number, v: string | Uint8Array): this {
    const bytes = typeof v === "string" ? new TextEncoder().encode(v) : v;
    this.header(id, 8);
    this.varint(bytes.length);
    this.out.push(...bytes);
    return this;
  }
  struct(id: number, body: (w: this) => void): this {
    this.header(id, 12);
    this.nested(body);
    return this;
  }
  structList(id: number, items: Array<(w: this) => void>): this {
    this.header(id, 9);
    if (items.length < 15) this.out.push((items.length << 4) | 12);
    else {
      this.out.push(0xf0 | 12);
      this.varint(items.length);
    }
    for (const item of items) this.nested(item);
    return this;
  }
  private nested(body: (w: this) => void): void {
    this.lastIds.push(0);
    body(this);
    this.out.push(0);
    this.lastIds.pop();
  }
  private header(id: number, type: number): void {
    const last = this.lastIds[this.lastIds.length - 1] ?? 0;
    const delta = id - last;
    if (delta > 0 && delta <= 15) this.out.push((delta << 4) | type);
    else {
      this.out.push(type);
      this.varint(zigzag(id));
    }
    this.lastIds[this.lastIds.length - 1] = id;
  }
  private varint(n: number): void {
    while (n >= 0x80) {
      this.out.push((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    this.out.push(n);
  }
}

function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

const REQUIRED = 0;
const OPTIONAL = 1;
const REPEATED = 2;
const [BOOLEAN, INT32, INT64, INT96, FLOAT, DOUBLE, BYTE_ARRAY, FLBA] = [0, 1, 2, 3, 4, 5, 6, 7];

/** One SchemaElement; `logical` writes the LogicalType union's single member. */
interface El {
  name: string;
  type?: number;
  length?: number;
  rep?: number;
  children?: number;
  converted?: number;
  scale?: number;
  precision?: number;
  logical?: [id: number, body?: (w: ThriftWriter) => void];
}

const unit = (u: 1 | 2 | 3) => (w: ThriftWriter) => w.struct(2, (x) => x.struct(u, () => undefined));
const L = {
  string: [1] as El["logical"],
  enum: [4] as El["logical"],
  date: [6] as El["logical"],
  json: [12] as El["logical"],
  bson: [13] as El["logical"],
  uuid: [14] as El["logical"],
  float16: [15] as El["logical"],
  unknown: [11] as El["logical"],
  decimal: [5, (w) => w.i32(1, 2).i32(2, 9)] as El["logical"],
  int: (bits: number, signed: boolean): El["logical"] => [10, (w) => w.i8(1, bits).bool(2, signed)],
  timestamp: (u: 1 | 2 | 3, utc: boolean): El["logical"] => [8, (w) => unit(u)(w.bool(1, utc))],
  time: (u: 1 | 2 | 3): El["logical"] => [7, (w) => unit(u)(w.bool(1, true))],
};

function element(el: El): (w: ThriftWriter) => void {
  return (w) => {
    if (el.type !== undefined) w.i32(1, el.type);
    if (el.length !== undefined) w.i32(2, el.length);
    if (el.rep !== undefined) w.i32(3, el.rep);
    w.binary(4, el.name);
    if (el.children !== undefined) w.i32(5, el.children);
    if (el.converted !== undefined) w.i32(6, el.converted);
    if (el.scale !== undefined) w.i32(7, el.scale);
    if (el.precision !== undefined) w.i32(8, el.precision);
    const logical = el.logical;
    if (logical !== undefined) w.struct(10, (u) => u.struct(logical[0], (b) => logical[1]?.(b)));
  };
}

/** Footer-only Parquet bytes: the given top-level elements (with their subtrees) under a root. */
function footerOnly(elements: El[], topLevel: number, arrowSchema?: string): Uint8Array {
  const w = new ThriftWriter()
    .i32(1, 1)
    .structList(2, [element({ name: "schema", children: topLevel }), ...elements.map(element)])
    .i64(3, 0)
    .structList(4, []);
  if (arrowSchema !== undefined) w.structList(5, [(kv) => kv.binary(1, "ARROW:schema").binary(2, arrowSchema)]);
  w.out.push(0);
  const footer = Uint8Array.from(w.out);
  const out = new Uint8Array(4 + footer.length + 8);
  out.set(new TextEncoder().encode("PAR1"), 0);
  out.set(footer, 4);
  new DataView(out.buffer).setUint32(4 + footer.length, footer.length, true);
  out.set(new TextEncoder().encode("PAR1"), out.length - 4);
  return out;
}

/** base64 "ARROW:schema" the way parquet-rs writes it: IPC prefix, then the Schema message. */
function arrowSchemaValue(fields: Field[], prefixed = true): string {
  const message = Message.encode(Message.from(new Schema(fields)));
  if (!prefixed) return Buffer.from(message).toString("base64");
  const out = new Uint8Array(8 + message.length);
  new DataView(out.buffer).setInt32(0, -1, true);
  new DataView(out.buffer).setUint32(4, message.length, true);
  out.set(message, 8);
  return Buffer.from(out).toString("base64");
}

let seq = 0;
async function fileOf(bytes: Uint8Array): Promise<string> {
  const path = join(dir, `crafted-${seq++}.parquet`);
  await writeFile(path, bytes);
  return path;
}

/** describeParquetSync's schema (or error) next to parquet-wasm's for the same file. */
async function bothWays(path: string): Promise<{ sync: Outcome; wasm: Outcome }> {
  return { sync: await outcome(() => describeParquetSync(path).schema), wasm: await outcome(() => wasmSchema(path)) };
}

const leaf = (name: string, type: number, extra: Partial<El> = {}): El => ({ name, type, rep: OPTIONAL, ...extra });

// Every primitive annotation parquet-rs distinguishes. `expect` is Cinder's type, or null where
// Cinder (through parquet-wasm) cannot read the column.
const PRIMITIVES: Array<[string, El, ColumnSpec["type"] | null]> = [
  ["BOOLEAN", leaf("x", BOOLEAN), "boolean"],
  ["INT32", leaf("x", INT32), "int32"],
  ["INT32 INT_8", leaf("x", INT32, { converted: 15 }), "int32"],
  ["INT32 INT_16", leaf("x", INT32, { converted: 16 }), "int32"],
  ["INT32 INT_32", leaf("x", INT32, { converted: 17 }), "int32"],
  ["INT32 UINT_8", leaf("x", INT32, { converted: 11 }), "int32"],
  ["INT32 UINT_16", leaf("x", INT32, { converted: 12 }), "int32"],
  ["INT32 UINT_32", leaf("x", INT32, { converted: 13 }), "int64"],
  ["INT32 DATE", leaf("x", INT32, { converted: 6 }), "date"],
  ["INT32 TIME_MILLIS", leaf("x", INT32, { converted: 7 }), null],
  ["INT32 DECIMAL", leaf("x", INT32, { converted: 5, scale: 2, precision: 9 }), null],
  ["INT32 Integer(8, signed)", leaf("x", INT32, { logical: L.int(8, true), converted: 15 }), "int32"],
  ["INT32 Integer(16, unsigned)", leaf("x", INT32, { logical: L.int(16, false) }), "int32"],
  ["INT32 Integer(32, unsigned)", leaf("x", INT32, { logical: L.int(32, false) }), "int64"],
  ["INT32 Date", leaf("x", INT32, { logical: L.date }), "date"],
  ["INT32 Time(ms)", leaf("x", INT32, { logical: L.time(1) }), null],
  ["INT32 Decimal", leaf("x", INT32, { logical: L.decimal }), null],
  ["INT32 Unknown (null)", leaf("x", INT32, { logical: L.unknown }), null],
  ["INT32 Timestamp (invalid)", leaf("x", INT32, { logical: L.timestamp(1, true) }), null],
  ["INT32 UTF8 (invalid)", leaf("x", INT32, { converted: 0 }), null],
  ["INT64", leaf("x", INT64), "int64"],
  ["INT64 INT_64", leaf("x", INT64, { converted: 18 }), "int64"],
  ["INT64 UINT_64", leaf("x", INT64, { converted: 14 }), null],
  ["INT64 TIMESTAMP_MILLIS", leaf("x", INT64, { converted: 9 }), "timestamp"],
  ["INT64 TIMESTAMP_MICROS", leaf("x", INT64, { converted: 10 }), "timestamp"],
  ["INT64 TIME_MICROS", leaf("x", INT64, { converted: 8 }), null],
  ["INT64 Integer(64, signed)", leaf("x", INT64, { logical: L.int(64, true) }), "int64"],
  ["INT64 Integer(64, unsigned)", leaf("x", INT64, { logical: L.int(64, false) }), null],
  ["INT64 Timestamp(ms, UTC)", leaf("x", INT64, { logical: L.timestamp(1, true) }), "timestamp"],
  ["INT64 Timestamp(us, local)", leaf("x", INT64, { logical: L.timestamp(2, false) }), "timestamp"],
  ["INT64 Timestamp(ns, UTC)", leaf("x", INT64, { logical: L.timestamp(3, true) }), "timestamp"],
  ["INT64 Time(us)", leaf("x", INT64, { logical: L.time(2) }), null],
  ["INT64 Decimal", leaf("x", INT64, { logical: L.decimal }), null],
  ["INT96", leaf("x", INT96), "timestamp"],
  ["FLOAT", leaf("x", FLOAT), "float64"],
  ["DOUBLE", leaf("x", DOUBLE), "float64"],
  ["BYTE_ARRAY", leaf("x", BYTE_ARRAY), null],
  ["BYTE_ARRAY UTF8", leaf("x", BYTE_ARRAY, { converted: 0 }), "utf8"],
  ["BYTE_ARRAY JSON", leaf("x", BYTE_ARRAY, { converted: 19 }), "utf8"],
  ["BYTE_ARRAY ENUM", leaf("x", BYTE_ARRAY, { converted: 4 }), null],
  ["BYTE_ARRAY BSON", leaf("x", BYTE_ARRAY, { converted: 20 }), null],
  ["BYTE_ARRAY DECIMAL", leaf("x", BYTE_ARRAY, { converted: 5, scale: 2, precision: 20 }), null],
  ["BYTE_ARRAY String", leaf("x", BYTE_ARRAY, { logical: L.string, converted: 0 }), "utf8"],
  ["BYTE_ARRAY Json", leaf("x", BYTE_ARRAY, { logical: L.json }), "utf8"],
  ["BYTE_ARRAY Enum", leaf("x", BYTE_ARRAY, { logical: L.enum }), null],
  ["BYTE_ARRAY Bson", leaf("x", BYTE_ARRAY, { logical: L.bson }), null],
  ["FIXED_LEN_BYTE_ARRAY(4)", leaf("x", FLBA, { length: 4 }), null],
  ["FIXED_LEN_BYTE_ARRAY(2) Float16", leaf("x", FLBA, { length: 2, logical: L.float16 }), "float64"],
  ["FIXED_LEN_BYTE_ARRAY(16) Uuid", leaf("x", FLBA, { length: 16, logical: L.uuid }), null],
  ["FIXED_LEN_BYTE_ARRAY(8) Decimal", leaf("x", FLBA, { length: 8, logical: L.decimal }), null],
  ["FIXED_LEN_BYTE_ARRAY(12) INTERVAL", leaf("x", FLBA, { length: 12, converted: 21 }), null],
];

describe("describeParquetSync agrees with parquet-wasm on hand-built footers", () => {
  it.each(PRIMITIVES)("%s", async (_label, el, expected) => {
    const path = await fileOf(footerOnly([el], 1));
    const { sync, wasm } = await bothWays(path);
    if (expected === null) {
      expect(sync, "sync").toHaveProperty("error");
      expect(wasm, "wasm").toHaveProperty("error");
      expect((sync as { error: string }).error).toMatch(new RegExp(`^(Cannot read Parquet file ${path}|column "x" in ${path} has type)`));
    } else {
      expect(sync).toEqual({ schema: [{ name: "x", type: expected, nullable: true }] });
      expect(wasm).toEqual(sync);
    }
  });

  it("takes nullability from the repetition and keeps column order", async () => {
    const path = await fileOf(footerOnly([leaf("b", INT64, { rep: REQUIRED }), leaf("a", DOUBLE), leaf("c", BOOLEAN, { rep: REQUIRED })], 3));
    const { sync, wasm } = await bothWays(path);
    expect(sync).toEqual({
      schema: [
        { name: "b", type: "int64", nullable: false },
        { name: "a", type: "float64", nullable: true },
        { name: "c", type: "boolean", nullable: false },
      ],
    });
    expect(wasm).toEqual(sync);
  });

  it("reads lists and structs (a bare repeated field as a list), rejects maps with the same message, drops groups without columns", async () => {
    const list: El[] = [
      { name: "xs", rep: OPTIONAL, children: 1, converted: 3 },
      { name: "list", rep: REPEATED, children: 1 },
      leaf("element", INT64),
    ];
    const struct: El[] = [{ name: "s", rep: OPTIONAL, children: 2 }, leaf("a", INT32), leaf("b", DOUBLE)];
    const map: El[] = [
      { name: "m", rep: OPTIONAL, children: 1, converted: 1 },
      { name: "key_value", rep: REPEATED, children: 2 },
      leaf("key", BYTE_ARRAY, { rep: REQUIRED, converted: 0 }),
      leaf("value", INT32),
    ];
    const ok = { name: "ok", type: "int32", nullable: true };
    const read: Array<[El[], ColumnSpec]> = [
      [list, { name: "xs", type: "array<int64>", nullable: true }],
      [struct, { name: "s", type: "struct<a:int32,b:float64>", nullable: true }],
      [[leaf("r", INT32, { rep: REPEATED })], { name: "r", type: "array<int32>", nullable: false }],
    ];
    for (const [elements, spec] of read) {
      const { sync, wasm } = await bothWays(await fileOf(footerOnly([leaf("ok", INT32), ...elements], 2)));
      expect(sync).toEqual({ schema: [ok, spec] });
      expect(wasm).toEqual(sync);
    }
    const { sync, wasm } = await bothWays(await fileOf(footerOnly([leaf("ok", INT32), ...map], 2)));
    expect(sync).toEqual({ error: expect.stringMatching(/column "m" in .* has type Map<\{key:Utf8, value:Int32\}>, which Cinder does not read yet/) });
    expect(wasm).toEqual(sync);
    // An empty struct has no column, so neither schema lists it.
    const empty = await bothWays(await fileOf(footerOnly([leaf("ok", INT32), { name: "e", rep: OPTIONAL, children: 0 }], 2)));
    expect(empty.sync).toEqual({ schema: [{ name: "ok", type: "int32", nullable: true }] });
    expect(empty.wasm).toEqual(empty.sync);
  });

  it("applies the embedded Arrow schema where the Parquet type leaves it open", async () => {
    const elements = [
      leaf("ts", INT64), // Arrow Timestamp(SECOND): Parquet has no seconds unit
      leaf("d", INT64), // Arrow Date64
      leaf("s", BYTE_ARRAY), // Arrow Utf8 over an unannotated BYTE_ARRAY
      leaf("l", BYTE_ARRAY, { logical: L.string }), // Arrow LargeUtf8
      leaf("k", BYTE_ARRAY, { logical: L.string }), // Arrow Dictionary<Utf8>
      leaf("plain", INT64), // no special hint: stays int64
    ];
    const fields = [
      new Field("ts", new TimestampSecond("+01:00"), true),
      new Field("d", new DateMillisecond(), true),
      new Field("s", new Utf8(), true),
      new Field("l", new LargeUtf8(), true),
      new Field("k", new Dictionary(new Utf8(), new Int32()), true),
      new Field("plain", new Int64(), true),
    ];
    const expected = { schema: ["timestamp", "date", "utf8", "utf8", "utf8", "int64"].map((type, i) => ({ name: elements[i]!.name, type, nullable: true })) };
    for (const prefixed of [true, false]) {
      const { sync, wasm } = await bothWays(await fileOf(footerOnly(elements, elements.length, arrowSchemaValue(fields, prefixed))));
      expect(sync).toEqual(expected);
      expect(wasm).toEqual(sync);
    }
    // Without the hint the same bare INT64 is just int64, and plain BYTE_ARRAY is binary.
    const bare = await bothWays(await fileOf(footerOnly([leaf("ts", INT64)], 1)));
    expect(bare.sync).toEqual({ schema: [{ name: "ts", type: "int64", nullable: true }] });
    expect(bare.wasm).toEqual(bare.sync);
  });

  it("follows the hint into types Cinder does not read (Duration, numeric dictionaries, Binary)", async () => {
    const cases: Array<[El, DataType, RegExp]> = [
      [leaf("x", INT64), new DurationSecond(), /has type Duration/],
      [leaf("x", INT32), new Dictionary(new Int32(), new Int32()), /has type Dictionary<Int32>/],
      [leaf("x", BYTE_ARRAY, { logical: L.string }), new Binary(), /has type Utf8, which/], // hint ignored: String wins
    ];
    for (const [el, hint, message] of cases) {
      const { sync, wasm } = await bothWays(await fileOf(footerOnly([el], 1, arrowSchemaValue([new Field("x", hint, true)]))));
      if (message.source.includes("Utf8, which")) {
        expect(sync).toEqual({ schema: [{ name: "x", type: "utf8", nullable: true }] });
      } else {
        expect(sync).toEqual({ error: expect.stringMatching(message) });
      }
      expect(wasm).toEqual(sync);
    }
  });

  it("refuses an embedded Arrow schema that does not match the Parquet schema, as parquet-wasm does", async () => {
    const elements = [leaf("a", INT32), leaf("b", INT64)];
    const fewer = await bothWays(await fileOf(footerOnly(elements, 2, arrowSchemaValue([new Field("a", new Int32(), true)]))));
    expect(fewer.sync).toEqual({ error: expect.stringMatching(/embedded Arrow schema .* has 1 field\(s\), the Parquet schema 2/) });
    expect(fewer.wasm).toHaveProperty("error");
    const renamed = arrowSchemaValue([new Field("a", new Int32(), true), new Field("zz", new Int64(), true)]);
    const wrongName = await bothWays(await fileOf(footerOnly(elements, 2, renamed)));
    expect(wrongName.sync).toEqual({ error: expect.stringMatching(/names field 2 "zz", the Parquet schema "b"/) });
    expect(wrongName.wasm).toHaveProperty("error");
  });
});
