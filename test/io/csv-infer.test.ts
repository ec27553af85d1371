import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inferCsvSchema, inferCsvSchemaSync, type CsvOptions } from "../../io/csv/index.js";

const dir = mkdtempSync(join(tmpdir(), "cinder-csv-infer-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function infer(text: string, opts: CsvOptions = { header: true, inferSchema: true }): Promise<string[]> {
  const path = join(dir, `i${n++}.csv`);
  writeFileSync(path, text);
  const specs = await inferCsvSchema(path, opts);
  expect(inferCsvSchemaSync(path, opts)).toEqual(specs);
  for (const s of specs) expect(s.nullable).toBe(true);
  return specs.map((s) => `${s.name}:${s.type}`);
}

/** One column per case: header `c`, then the values. */
const column = (...values: string[]) => ["c", ...values].join("\n") + "\n";

describe("inferCsvSchema", () => {
  it.each([
    ["int32", ["1", "-2147483648", "+5"]],
    ["int64", ["1", "2147483648"]],
    ["int64", ["-9223372036854775808", "7"]],
    ["float64", ["1", "2.5"]],
    ["float64", ["9223372036854775808"]],
    ["float64", ["1e3", "NaN", "-Inf"]],
    ["float64", ["2147483648", "0.5"]],
    ["boolean", ["true", "FALSE", "True"]],
    ["date", ["2020-01-01", "1999-12-31"]],
    ["timestamp", ["2020-01-01T10:00:00", "2020-01-01 10:00:00.123Z"]],
    ["timestamp", ["2020-01-01", "2020-01-02T03:04:05+01:00"]],
    ["utf8", ["1", "true"]],
    ["utf8", ["2020-01-01", "7"]],
    ["utf8", ["2020-02-30"]],
    ["utf8", ["1", "x"]],
    ["utf8", ["", ""]],
  ])("%s from %j", async (type, values) => {
    expect(await infer(column(...values))).toEqual([`c:${type}`]);
  });

  it("does not let nulls vote (empty, quoted empty, nullValue)", async () => {
    expect(await infer(column("", "1", '""', "2"))).toEqual(["c:int32"]);
    expect(await infer(column("NA", "1.5", "NA"), { header: true, inferSchema: true, nullValue: "NA" })).toEqual(["c:float64"]);
    expect(await infer(column("NA", "1.5"))).toEqual(["c:utf8"]);
  });

  it("infers several columns at once, over quoted multi-line values", async () => {
    const text = 'id,when,note,score\r\n1,2024-05-01,"a, b",1.5\r\n2,2024-05-02,"line\r\nbreak",\r\n3,,"",7\r\n';
    expect(await infer(text)).toEqual(["id:int32", "when:date", "note:utf8", "score:float64"]);
  });

  it("looks only at samplingRows records", async () => {
    const text = column(...Array.from({ length: 50 }, (_, i) => String(i)), "oops");
    expect(await infer(text, { header: true, inferSchema: true, samplingRows: 50 })).toEqual(["c:int32"]);
    expect(await infer(text, { header: true, inferSchema: true, samplingRows: 51 })).toEqual(["c:utf8"]);
  });

  it("samples past the first read of a large file", async () => {
    const wide = "x".repeat(1000);
    const text = "a,b\n" + Array.from({ length: 2000 }, (_, i) => `${wide},${i < 1500 ? i : i + 0.5}`).join("\n");
    expect(await infer(text, { header: true, inferSchema: true, samplingRows: 1600 })).toEqual(["a:utf8", "b:float64"]);
    expect(await infer(text, { header: true, inferSchema: true, samplingRows: 1000 })).toEqual(["a:utf8", "b:int32"]);
  });

  it("names columns _c0.. without a header and types everything utf8 without inferSchema", async () => {
    expect(await infer("1,x,2.5\n2,y,3\n", { inferSchema: true })).toEqual(["_c0:int32", "_c1:utf8", "_c2:float64"]);
    expect(await infer("1,x,2.5\n", {})).toEqual(["_c0:utf8", "_c1:utf8", "_c2:utf8"]);
    expect(await infer("id,n\n1,2\n", { header: true })).toEqual(["id:utf8", "n:utf8"]);
  });

  it("deduplicates header names Spark-style and names blank ones by position", async () => {
    expect(await infer("a,A,b,,a\n1,2,3,4,5\n")).toEqual(["a0:int32", "A1:int32", "b:int32", "_c3:int32", "a4:int32"]);
  });

  it("handles a BOM, another delimiter, and empty or header-only files", async () => {
    expect(await infer("\uFEFFx;y\n1;2\n", { header: true, inferSchema: true, delimiter: ";" })).toEqual(["x:int32", "y:int32"]);
    expect(await infer("")).toEqual([]);
    expect(await infer("p,q\n")).toEqual(["p:utf8", "q:utf8"]);
  });
});
