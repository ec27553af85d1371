import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  Bool,
  DataType,
  DateDay,
  Field,
  Float64,
  Int32,
  Int64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMicrosecond,
  Utf8,
  makeData,
  vectorFromArray,
  type Data,
} from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeParquet, readParquetRowGroups, writeParquetFile } from "../../io/parquet/index.js";

type Value = number | bigint | string | boolean | null;

// Deterministic generator (mulberry32) so failures reproduce.
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = 2500;
const ROW_GROUP = 1000;
const WORDS = ["", "a", "zebra", "Äpfel", "日本語", "emoji 😀", "tab\tnew\nline", "ｆｕｌｌ"];

function generate(): Record<string, Value[]> {
  const r = rng(42);
  const maybe = <T>(every: number, i: number, v: T): T | null => (i % every === 3 ? null : v);
  const cols: Record<string, Value[]> = { id: [], i32: [], i64: [], f64: [], b: [], s: [], d: [], ts: [], sparse: [] };
  for (let i = 0; i < N; i++) {
    cols.id!.push(i);
    cols.i32!.push(maybe(7, i, Math.floor(r() * 2e6) - 1e6));
    cols.i64!.push(maybe(5, i, BigInt(Math.floor(r() * 2 ** 40)) * (i % 2 ? 1n : -1n) * 1000003n));
    cols.f64!.push(i === 1500 ? NaN : maybe(6, i, (r() - 0.5) * 1e6));
    cols.b!.push(maybe(4, i, r() < 0.5));
    cols.s!.push(maybe(9, i, `${WORDS[i % WORDS.length]}${Math.floor(r() * 100)}`));
    cols.d!.push(maybe(8, i, Math.floor(r() * 40000) - 10000));
    cols.ts!.push(maybe(10, i, BigInt(Math.floor((r() - 0.3) * 2e15))));
    // Entirely null in the first row group: its stats carry only the null count.
    cols.sparse!.push(i < ROW_GROUP ? null : i);
  }
  return cols;
}

const TYPES: Record<string, [DataType, boolean]> = {
  id: [new Int32(), false],
  i32: [new Int32(), true],
  i64: [new Int64(), true],
  f64: [new Float64(), true],
  b: [new Bool(), true],
  s: [new Utf8(), true],
  d: [new DateDay(), true],
  ts: [new TimestampMicrosecond("UTC"), true],
  sparse: [new Int32(), true],
};

function column(type: DataType, values: Value[]): Data {
  const valid = values.map((v) => v !== null);
  if (type instanceof Utf8) return vectorFromArray(values as (string | null)[], new Utf8()).data[0]!;
  if (type instanceof Bool) return vectorFromArray(values as (boolean | null)[], new Bool()).data[0]!;
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  valid.forEach((ok, i) => ok && (bitmap[i >> 3]! |= 1 << (i & 7)));
  const nullCount = valid.filter((ok) => !ok).length;
  const common = { length: values.length, nullCount, nullBitmap: bitmap };
  if (type instanceof Int64 || type instanceof TimestampMicrosecond) {
    const data = BigInt64Array.from(values, (v) => (v as bigint | null) ?? 0n);
    return type instanceof Int64 ? makeData({ ...common, type, data }) : makeData({ ...common, type, data });
  }
  if (type instanceof Float64) return makeData({ ...common, type, data: Float64Array.from(values, (v) => (v as number | null) ?? 0) });
  const data = Int32Array.from(values, (v) => (v as number | null) ?? 0);
  return type instanceof DateDay ? makeData({ ...common, type, data }) : makeData({ ...common, type: new Int32(), data });
}

function toBatch(cols: Record<string, Value[]>, from: number, to: number): RecordBatch {
  const names = Object.keys(TYPES);
  const fields = names.map((n) => new Field(n, TYPES[n]![0], TYPES[n]![1]));
  const children = names.map((n) => column(TYPES[n]![0], cols[n]!.slice(from, to)));
  return new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: to - from, children }));
}

/** Raw values of a column across batches: typed-array values + validity, strings/bools via get(). */
function valuesOf(batches: RecordBatch[], name: string): Value[] {
  const out: Value[] = [];
  for (const b of batches) {
    const vec = b.getChild(name)!;
    for (const data of vec.data) {
      for (let i = 0; i < data.length; i++) {
        if (!data.getValid(i)) out.push(null);
        else if (data.type instanceof Utf8 || data.type instanceof Bool) out.push(vec.get(i) as string | boolean);
        else out.push((data.values as ArrayLike<number | bigint>)[i]!);
      }
    }
  }
  return out;
}

function utf8Compare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function expectedStats(values: Value[]): { min: Value; max: Value; nullCount: number } {
  const present = values.filter((v) => v !== null && !(typeof v === "number" && Number.isNaN(v)));
  const cmp = (a: Value, b: Value): number =>
    typeof a === "string" ? utf8Compare(a, b as string) : a! < b! ? -1 : a! > b! ? 1 : 0;
  const sorted = [...present].sort(cmp);
  return { min: sorted[0] ?? null, max: sorted[sorted.length - 1] ?? null, nullCount: values.filter((v) => v === null).length };
}

let dir: string;
let file: string;
const cols = generate();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cinder-pq-"));
  file = join(dir, "gen.parquet");
  // Several input batches that do not line up with row groups.
  const batches = [toBatch(cols, 0, 700), toBatch(cols, 700, 1900), toBatch(cols, 1900, N)];
  await writeParquetFile(file, batches, { rowGroupSize: ROW_GROUP });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("write then read a generated table", () => {
  it("reads every column back equal, in canonical types", async () => {
    const batches = await readParquetRowGroups(file, [0, 1, 2], null);
    expect(batches.map((b) => b.numRows)).toEqual([1000, 1000, 500]);
    const f = batches[0]!.schema.fields;
    expect(f.map((x) => x.name)).toEqual(Object.keys(TYPES));
    expect(f.map((x) => x.nullable)).toEqual(Object.values(TYPES).map(([, n]) => n));
    expect(f[0]!.type).toBeInstanceOf(Int32);
    expect(f.find((x) => x.name === "ts")!.type).toBeInstanceOf(TimestampMicrosecond);
    expect((f.find((x) => x.name === "ts")!.type as TimestampMicrosecond).timezone).toBe("UTC");
    for (const name of Object.keys(TYPES)) expect(valuesOf(batches, name), name).toEqual(cols[name]);
  });

  it("projects columns in the requested order", async () => {
    const batches = await readParquetRowGroups(file, [0, 1, 2], ["ts", "s", "i32"]);
    expect(batches[0]!.schema.fields.map((x) => x.name)).toEqual(["ts", "s", "i32"]);
    expect(batches[0]!.numCols).toBe(3);
    for (const name of ["ts", "s", "i32"]) expect(valuesOf(batches, name)).toEqual(cols[name]);
  });

  it("reads only the selected row groups, in the order given", async () => {
    const batches = await readParquetRowGroups(file, [2, 0], ["id", "d"]);
    expect(batches.map((b) => b.numRows)).toEqual([500, 1000]);
    expect(valuesOf(batches, "id")).toEqual([...cols.id!.slice(2000), ...cols.id!.slice(0, 1000)]);
    expect(valuesOf(batches, "d")).toEqual([...cols.d!.slice(2000), ...cols.d!.slice(0, 1000)]);
  });

  it("returns zero-column batches with row counts for an empty projection, and nothing for no row groups", async () => {
    const batches = await readParquetRowGroups(file, [1, 2], []);
    expect(batches.map((b) => [b.numRows, b.numCols])).toEqual([[1000, 0], [500, 0]]);
    expect(await readParquetRowGroups(file, [], null)).toEqual([]);
  });
});

describe("describeParquet", () => {
  it("reports schema, sizes and per-row-group statistics equal to the generated data", async () => {
    const d = await describeParquet(file);
    expect(d.numRows).toBe(N);
    expect(d.schema).toEqual(Object.entries(TYPES).map(([name, [t, nullable]]) => ({
      name,
      nullable,
      type: { Int32: "int32", Int64: "int64", Float64: "float64", Bool: "boolean", Utf8: "utf8", DateDay: "date", TimestampMicrosecond: "timestamp" }[t.constructor.name],
    })));
    expect(d.rowGroups.map((rg) => rg.numRows)).toEqual([1000, 1000, 500]);
    for (const rg of d.rowGroups) {
      expect(rg.bytes).toBeGreaterThan(0);
      const from = rg.index * ROW_GROUP;
      for (const name of Object.keys(TYPES)) {
        expect(rg.stats[name], `${name} in row group ${rg.index}`).toEqual(expectedStats(cols[name]!.slice(from, from + rg.numRows)));
      }
    }
    // The sum of row-group bytes cannot exceed the file.
    expect(d.rowGroups.reduce((s, rg) => s + rg.bytes, 0)).toBeLessThan(d.size);
  });

  it("keeps only exact string statistics (parquet-rs truncates long values to 64 bytes)", async () => {
    const long = join(dir, "long.parquet");
    const values = ["m".repeat(30), "a".repeat(100), "z".repeat(100) + "!"];
    await writeParquetFile(long, new Table({ s: vectorFromArray(values, new Utf8()) }).batches, {});
    const [rg] = (await describeParquet(long)).rowGroups;
    expect(rg!.stats.s).toEqual({ min: null, max: null, nullCount: 0 });
    const short = join(dir, "short.parquet");
    await writeParquetFile(short, new Table({ s: vectorFromArray(["pear", "apple", "Zed", "ápple"], new Utf8()) }).batches, {});
    expect((await describeParquet(short)).rowGroups[0]!.stats.s).toEqual({ min: "Zed", max: "ápple", nullCount: 0 });
  });
});

describe("writeParquetFile options", () => {
  it.each(["snappy", "zstd", "gzip", "none"] as const)("round-trips with %s compression", async (compression) => {
    const path = join(dir, `c-${compression}.parquet`);
    const bytes = await writeParquetFile(path, [toBatch(cols, 0, 300)], { compression });
    expect(bytes).toBe((await describeParquet(path)).size);
    expect(valuesOf(await readParquetRowGroups(path, [0], ["s", "i64"]), "i64")).toEqual(cols.i64!.slice(0, 300));
  });

  it("writes a valid empty file from a schema when there are no batches", async () => {
    const path = join(dir, "empty.parquet");
    const schema = toBatch(cols, 0, 1).schema;
    await writeParquetFile(path, [], { schema });
    const d = await describeParquet(path);
    expect(d.numRows).toBe(0);
    expect(d.rowGroups).toEqual([]);
    expect(d.schema.map((c) => c.name)).toEqual(Object.keys(TYPES));
    await expect(writeParquetFile(path, [], {})).rejects.toThrow(/no batches and no schema/);
  });
});
