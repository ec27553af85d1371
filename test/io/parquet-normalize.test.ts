import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DateDay,
  DateMillisecond,
  Dictionary,
  Float16,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  LargeUtf8,
  Table,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint8,
  Uint16,
  Uint32,
  Utf8,
  makeData,
  makeVector,
  vectorFromArray,
  type DataType,
  type RecordBatch,
} from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeParquet, readParquetRowGroups, writeParquetFile } from "../../io/parquet/index.js";

let dir: string;
let file: string;

const DAY_MS = 86_400_000;
const days = [-400, 0, 19000, 19001];
// Raw stored values per source unit, and the same instants in microseconds.
const seconds = [-1n, 0n, 1_700_000_000n, 1_700_000_001n];
const millis = [-1500n, 0n, 1_700_000_000_123n, 1_700_000_000_124n];
const nanos = [-1_500n, 999n, 1_700_000_000_123_456_789n, 1_700_000_000_123_456_790n];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cinder-pq-norm-"));
  file = join(dir, "odd-types.parquet");
  const table = new Table({
    i8: vectorFromArray([-128, 0, 5, 127], new Int8()),
    i16: vectorFromArray([-32768, null, 7, 32767], new Int16()),
    u8: vectorFromArray([0, 1, 200, 255], new Uint8()),
    u16: vectorFromArray([0, 1, 40000, 65535], new Uint16()),
    u32: vectorFromArray([0, 1, 3_000_000_000, 4_294_967_295], new Uint32()),
    f32: vectorFromArray([-1.5, 0.25, null, 3.5], new Float32()),
    f16: vectorFromArray([-2, 0.5, 1, 65504], new Float16()),
    dict: vectorFromArray(["b", null, "a", "b"], new Dictionary(new Utf8(), new Int32())),
    large: vectorFromArray(["x", "", null, "ÿz"], new LargeUtf8()),
    d64: makeVector(makeData({ type: new DateMillisecond(), length: 4, data: BigInt64Array.from(days, (d) => BigInt(d * DAY_MS)) })),
    tsS: makeVector(makeData({ type: new TimestampSecond("+01:00"), length: 4, data: BigInt64Array.from(seconds) })),
    tsMs: makeVector(makeData({ type: new TimestampMillisecond(), length: 4, data: BigInt64Array.from(millis) })),
    tsNs: makeVector(makeData({ type: new TimestampNanosecond("America/New_York"), length: 4, data: BigInt64Array.from(nanos) })),
  });
  await writeParquetFile(file, table.batches, {});
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function column(batch: RecordBatch, name: string): { type: DataType; values: unknown[] } {
  const vec = batch.getChild(name)!;
  const data = vec.data[0]!;
  const values = Array.from({ length: data.length }, (_, i) =>
    !data.getValid(i) ? null : data.type instanceof Utf8 ? vec.get(i) : (data.values as ArrayLike<unknown>)[i],
  );
  return { type: data.type, values };
}

const floorDiv = (a: bigint, b: bigint): bigint => (a % b < 0n ? a / b - 1n : a / b);

describe("normalization of non-canonical Parquet types", () => {
  it("reads every column back in Cinder's canonical Arrow types", async () => {
    const [batch] = await readParquetRowGroups(file, [0], null);
    const expected: Array<[string, new (...a: never[]) => DataType, unknown[]]> = [
      ["i8", Int32, [-128, 0, 5, 127]],
      ["i16", Int32, [-32768, null, 7, 32767]],
      ["u8", Int32, [0, 1, 200, 255]],
      ["u16", Int32, [0, 1, 40000, 65535]],
      ["u32", Int64, [0n, 1n, 3_000_000_000n, 4_294_967_295n]],
      ["f32", Float64, [-1.5, 0.25, null, 3.5]],
      ["f16", Float64, [-2, 0.5, 1, 65504]],
      ["dict", Utf8, ["b", null, "a", "b"]],
      ["large", Utf8, ["x", "", null, "ÿz"]],
      ["d64", DateDay, days],
      ["tsS", TimestampMicrosecond, seconds.map((s) => s * 1_000_000n)],
      ["tsMs", TimestampMicrosecond, millis.map((m) => m * 1000n)],
      ["tsNs", TimestampMicrosecond, nanos.map((n) => floorDiv(n, 1000n))],
    ];
    for (const [name, ctor, values] of expected) {
      const col = column(batch!, name);
      expect(col.type, name).toBeInstanceOf(ctor);
      expect(col.values, name).toEqual(values);
      if (col.type instanceof TimestampMicrosecond) expect(col.type.timezone).toBe("UTC");
    }
  });

  it("describes the same canonical schema and decodes statistics into the canonical domain", async () => {
    const d = await describeParquet(file);
    expect(Object.fromEntries(d.schema.map((c) => [c.name, c.type]))).toEqual({
      i8: "int32", i16: "int32", u8: "int32", u16: "int32", u32: "int64", f32: "float64", f16: "float64",
      dict: "utf8", large: "utf8", d64: "date", tsS: "timestamp", tsMs: "timestamp", tsNs: "timestamp",
    });
    const s = d.rowGroups[0]!.stats;
    expect(s.i16).toEqual({ min: -32768, max: 32767, nullCount: 1 });
    expect(s.u32).toEqual({ min: 0n, max: 4_294_967_295n, nullCount: 0 });
    expect(s.f32).toEqual({ min: -1.5, max: 3.5, nullCount: 1 });
    expect(s.f16).toEqual({ min: -2, max: 65504, nullCount: 0 });
    expect(s.dict).toEqual({ min: "a", max: "b", nullCount: 1 });
    expect(s.large).toEqual({ min: "", max: "ÿz", nullCount: 1 });
    expect(s.d64).toEqual({ min: -400, max: 19001, nullCount: 0 });
    expect(s.tsS).toEqual({ min: -1_000_000n, max: 1_700_000_001_000_000n, nullCount: 0 });
    expect(s.tsMs).toEqual({ min: -1_500_000n, max: 1_700_000_000_124_000n, nullCount: 0 });
    expect(s.tsNs).toEqual({ min: -2n, max: 1_700_000_000_123_456n, nullCount: 0 });
  });

  it("keeps Float64 input as is (control)", async () => {
    const path = join(dir, "f64.parquet");
    await writeParquetFile(path, new Table({ x: vectorFromArray([1.25, -0], new Float64()) }).batches, {});
    const [batch] = await readParquetRowGroups(path, [0], ["x"]);
    expect(column(batch!, "x").values).toEqual([1.25, -0]);
  });
});
