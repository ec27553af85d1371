import { mkdtemp, rm, writeFile, readFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Decimal, Field as ArrowField, Int32, List, Table, TimeMillisecond, makeData, makeVector, vectorFromArray } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeParquet, readParquetRowGroups, writeParquetFile } from "../../io/parquet/index.js";

let dir: string;
let good: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cinder-pq-err-"));
  good = join(dir, "good.parquet");
  const t = new Table({ a: vectorFromArray([1, 2, 3, 4], new Int32()), b: vectorFromArray([5, 6, 7, 8], new Int32()) });
  await writeParquetFile(good, t.batches, { rowGroupSize: 2 });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("Parquet errors", () => {
  it("reports a missing file", async () => {
    const missing = join(dir, "nope.parquet");
    await expect(describeParquet(missing)).rejects.toThrow(`Parquet file not found: ${missing}`);
    await expect(readParquetRowGroups(missing, [0], null)).rejects.toThrow(`Parquet file not found: ${missing}`);
  });

  it("reports a file that is not Parquet", async () => {
    const garbage = join(dir, "garbage.parquet");
    await writeFile(garbage, "id,name\n1,alice\n2,bob\n".repeat(20));
    await expect(describeParquet(garbage)).rejects.toThrow(`Cannot read Parquet file ${garbage}: not a Parquet file`);
    await expect(readParquetRowGroups(garbage, [0], null)).rejects.toThrow(`Cannot read Parquet file ${garbage}:`);
    const tiny = join(dir, "tiny.parquet");
    await writeFile(tiny, "PAR1");
    await expect(describeParquet(tiny)).rejects.toThrow(/Cannot read Parquet file .*too small/);
    await mkdir(join(dir, "adir.parquet"));
    await expect(describeParquet(join(dir, "adir.parquet"))).rejects.toThrow(/directory/);
  });

  it("reports a corrupt footer", async () => {
    const bytes = new Uint8Array(await readFile(good));
    const len = new DataView(bytes.buffer).getUint32(bytes.length - 8, true);
    // Scribble over the footer body, keeping its length and magic.
    const corrupt = bytes.slice();
    corrupt.fill(0xff, bytes.length - 8 - len, bytes.length - 8);
    const path = join(dir, "corrupt.parquet");
    await writeFile(path, corrupt);
    await expect(describeParquet(path)).rejects.toThrow(`Cannot read Parquet file ${path}: corrupt footer`);
    await expect(readParquetRowGroups(path, [0], null)).rejects.toThrow(`Cannot read Parquet file ${path}:`);
    // A length pointing before the start of the file.
    const badLen = bytes.slice();
    new DataView(badLen.buffer).setUint32(bytes.length - 8, 1e9, true);
    await writeFile(path, badLen);
    await expect(describeParquet(path)).rejects.toThrow(/corrupt footer \(length 1000000000 exceeds/);
  });

  it("rejects out-of-range row groups before the wasm traps, and keeps working after", async () => {
    await expect(readParquetRowGroups(good, [99], null)).rejects.toThrow(`Row group 99 is out of range for ${good}, which has 2 row group(s)`);
    await expect(readParquetRowGroups(good, [-1], null)).rejects.toThrow(/Row group -1 is out of range/);
    await expect(readParquetRowGroups(good, [0.5], null)).rejects.toThrow(/Row group 0.5 is out of range/);
    const batches = await readParquetRowGroups(good, [1], ["b"]);
    expect(batches.map((b) => b.getChild("b")!.toArray())).toEqual([Int32Array.from([7, 8])]);
  });

  it("lists the available columns for an unknown column", async () => {
    await expect(readParquetRowGroups(good, [0], ["a", "nope"])).rejects.toThrow(
      `Column "nope" not found in ${good}; available columns: "a", "b"`,
    );
  });

  it("names file, column and type for types Cinder does not read", async () => {
    const path = join(dir, "decimal.parquet");
    const dec = makeVector(makeData({ type: new Decimal(2, 10, 128), length: 2, data: new Uint32Array(8) }));
    await writeParquetFile(path, new Table({ ok: vectorFromArray([1, 2], new Int32()), price: dec }).batches, {});
    const msg = `column "price" in ${path} has type Decimal(10,2), which Cinder does not read yet`;
    await expect(describeParquet(path)).rejects.toThrow(msg);
    await expect(readParquetRowGroups(path, [0], null)).rejects.toThrow(msg);
    // Projecting the readable columns still works.
    const [batch] = await readParquetRowGroups(path, [0], ["ok"]);
    expect(batch!.numRows).toBe(2);
    // Lists are read now, but not lists of a type Cinder does not read.
    const listPath = join(dir, "list.parquet");
    await writeParquetFile(listPath, new Table({ xs: vectorFromArray([[1, 2], [3]]) }).batches, {});
    expect((await describeParquet(listPath)).schema).toEqual([{ name: "xs", type: "array<float64>", nullable: true }]);
    const timesPath = join(dir, "times.parquet");
    const times = vectorFromArray([[1, 2], [3]], new List(new ArrowField("item", new TimeMillisecond(), true)));
    await writeParquetFile(timesPath, new Table({ ts: times }).batches, {});
    await expect(describeParquet(timesPath)).rejects.toThrow(/column "ts" in .* has type List<Time.*>, which Cinder does not read yet/);
  });
});
