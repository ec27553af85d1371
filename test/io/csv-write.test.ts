import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bool, DateDay, Field, Float64, Int32, Int64, RecordBatch, Schema, Struct, TimestampMicrosecond, Type, Utf8, makeData, vectorFromArray, type Vector } from "apache-arrow";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { readCsvSplit, writeCsvFile, type ColumnSpec } from "../../io/csv/index.js";

const dir = mkdtempSync(join(tmpdir(), "cinder-csv-write-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STRINGS = ["plain", "a,b", 'say "hi"', "two\nlines", "cr\r\nlf", "", "Zoë 🙂", null];
const N = STRINGS.length;
const DAY_MS = 86_400_000;

/** A batch of every type, with nulls, built directly with Arrow (no Cinder code). */
function sampleBatch(): RecordBatch {
  const validity = (nulls: number[]) => {
    const bits = new Uint8Array(1).fill(0xff);
    for (const i of nulls) bits[0]! &= ~(1 << i);
    return bits;
  };
  const days = Int32Array.from([0, -1, 18262, 2932896, -719162, 11016, 1, 0]);
  const micros = BigInt64Array.from([0n, -1n, 1_577_934_245_000_000n, 1_577_934_245_123_456n, 253402300799999999n, -62135596800000000n, 1n, 0n]);
  const children = [
    makeData({ type: new Int32(), length: N, nullCount: 1, nullBitmap: validity([1]), data: Int32Array.from([1, 0, -2147483648, 2147483647, 7, 8, 9, 10]) }),
    makeData({ type: new Int64(), length: N, nullCount: 1, nullBitmap: validity([2]), data: BigInt64Array.from([9223372036854775807n, -1n, 0n, -9223372036854775808n, 5n, 6n, 7n, 8n]) }),
    makeData({ type: new Float64(), length: N, nullCount: 1, nullBitmap: validity([7]), data: Float64Array.from([1.5, NaN, -0, Infinity, -Infinity, 1e-7, 0.1 + 0.2, 0]) }),
    vectorFromArray([true, false, null, true, false, true, false, true], new Bool()).data[0]!,
    makeData({ type: new DateDay(), length: N, nullCount: 1, nullBitmap: validity([7]), data: days }),
    makeData({ type: new TimestampMicrosecond("UTC"), length: N, nullCount: 1, nullBitmap: validity([7]), data: micros }),
    vectorFromArray(STRINGS, new Utf8()).data[0]!,
  ];
  const schema = new Schema(children.map((d, i) => new Field(["i", "l", "f", "b", "d", "t", "s"][i]!, d.type, true)));
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: N, nullCount: 0, children }));
}

const SPECS: ColumnSpec[] = [
  { name: "i", type: "int32", nullable: true },
  { name: "l", type: "int64", nullable: true },
  { name: "f", type: "float64", nullable: true },
  { name: "b", type: "boolean", nullable: true },
  { name: "d", type: "date", nullable: true },
  { name: "t", type: "timestamp", nullable: true },
  { name: "s", type: "utf8", nullable: true },
];

function cell(v: Vector, r: number): unknown {
  if (!v.isValid(r)) return null;
  if (v.type.typeId === Type.Date || v.type.typeId === Type.Timestamp) return (v.data[0]!.values as Int32Array | BigInt64Array)[r];
  return v.get(r);
}
const rows = (batches: RecordBatch[]) =>
  batches.flatMap((b) => Array.from({ length: b.numRows }, (_, r) => b.schema.fields.map((__, c) => cell(b.getChildAt(c)!, r))));

const isoDay = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);

describe("writeCsvFile", () => {
  it("writes text csv-parse reads back to the expected strings", async () => {
    const path = join(dir, "all.csv");
    const bytes = await writeCsvFile(path, [sampleBatch()], {});
    expect(bytes).toBe(statSync(path).size);
    const parsed = parse(readFileSync(path), { record_delimiter: ["\r\n", "\n"] });
    expect(parsed[0]).toEqual(["i", "l", "f", "b", "d", "t", "s"]);
    expect(parsed.slice(1).map((r) => r[0])).toEqual(["1", "", "-2147483648", "2147483647", "7", "8", "9", "10"]);
    expect(parsed.slice(1).map((r) => r[1])).toEqual(["9223372036854775807", "-1", "", "-9223372036854775808", "5", "6", "7", "8"]);
    expect(parsed.slice(1).map((r) => r[2])).toEqual(["1.5", "NaN", "-0", "Infinity", "-Infinity", "1e-7", "0.30000000000000004", ""]);
    expect(parsed.slice(1).map((r) => r[3])).toEqual(["true", "false", "", "true", "false", "true", "false", "true"]);
    expect(parsed.slice(1).map((r) => r[4])).toEqual(["1970-01-01", "1969-12-31", isoDay(18262), "9999-12-31", "0001-01-01", "2000-02-29", "1970-01-02", ""]);
    expect(parsed.slice(1).map((r) => r[5])).toEqual([
      "1970-01-01T00:00:00Z",
      "1969-12-31T23:59:59.999999Z",
      "2020-01-02T03:04:05Z",
      "2020-01-02T03:04:05.123456Z",
      "9999-12-31T23:59:59.999999Z",
      "0001-01-01T00:00:00Z",
      "1970-01-01T00:00:00.000001Z",
      "",
    ]);
    expect(parsed.slice(1).map((r) => r[6])).toEqual(STRINGS.map((s) => s ?? ""));
    // Quoted only where needed: the empty string is quoted to keep it apart from null.
    expect(readFileSync(path, "utf8").split("\n")[1]).toBe("1,9223372036854775807,1.5,true,1970-01-01,1970-01-01T00:00:00Z,plain");
    expect(readFileSync(path, "utf8")).toContain(',"a,b"\n');
    expect(readFileSync(path, "utf8")).toContain(',"say ""hi"""\n');
    expect(readFileSync(path, "utf8")).toContain(',""\n');
  });

  it("round-trips through readCsvSplit, including sliced and several batches", async () => {
    const batch = sampleBatch();
    const path = join(dir, "rt.csv");
    const input = [batch.slice(0, 3), batch.slice(3, 8), batch];
    await writeCsvFile(path, input, { header: true });
    const split = { path, start: 0, end: statSync(path).size, hasHeader: true, firstLine: 1 };
    const back = await readCsvSplit(split, SPECS, { header: true }, null);
    expect(rows(back)).toEqual(rows(input));
  });

  it("honours delimiter, quote, nullValue and header=false", async () => {
    const path = join(dir, "opts.csv");
    await writeCsvFile(path, [sampleBatch()], { delimiter: ";", quote: "'", nullValue: "NA", header: false });
    const text = readFileSync(path, "utf8");
    expect(text.split("\n")[0]).toBe("1;9223372036854775807;1.5;true;1970-01-01;1970-01-01T00:00:00Z;plain");
    const parsed = parse(text, { delimiter: ";", quote: "'", record_delimiter: ["\r\n", "\n"] });
    expect(parsed.map((r) => r[0])).toEqual(["1", "NA", "-2147483648", "2147483647", "7", "8", "9", "10"]);
    expect(parsed.map((r) => r[6])).toEqual(STRINGS.map((s) => s ?? "NA"));
    const split = { path, start: 0, end: statSync(path).size, hasHeader: false, firstLine: 1 };
    const back = await readCsvSplit(split, SPECS, { delimiter: ";", quote: "'", nullValue: "NA" }, null);
    expect(rows(back)).toEqual(rows([sampleBatch()]));
  });

  it("writes an empty file for no batches and a header alone for empty ones", async () => {
    const path = join(dir, "empty.csv");
    expect(await writeCsvFile(path, [], {})).toBe(0);
    expect(readFileSync(path, "utf8")).toBe("");
    expect(await writeCsvFile(path, [sampleBatch().slice(0, 0)], {})).toBe(14);
    expect(readFileSync(path, "utf8")).toBe("i,l,f,b,d,t,s\n");
  });
});
