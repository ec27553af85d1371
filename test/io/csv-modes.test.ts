import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RecordBatch } from "apache-arrow";
import { afterAll, describe, expect, it } from "vitest";
import { planCsvSplits, readCsvSplit, readCsvSplitReference, type ColumnSpec, type CsvSplit } from "../../io/csv/index.js";

const dir = mkdtempSync(join(tmpdir(), "cinder-csv-modes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csvFile(name: string, text: string): CsvSplit {
  const path = join(dir, name);
  writeFileSync(path, text);
  return { path, start: 0, end: statSync(path).size, hasHeader: true, firstLine: 1 };
}

const rows = (batches: RecordBatch[]) => batches.flatMap((b) => b.toArray().map((r) => Object.values(r.toJSON())));

const SCHEMA: ColumnSpec[] = [
  { name: "id", type: "int32", nullable: true },
  { name: "age", type: "int32", nullable: true },
  { name: "name", type: "utf8", nullable: true },
];
const TEXT = [
  "id,age,name", // line 1
  "1,30,ann",
  '2,abc,"bob', // line 3: unparseable age, a record over two lines
  'smith"',
  "3,40", // line 5: a field short
  "4,50,dan,extra", // line 6: a field too many
  "5,,eve", // line 7: null age
  "6,99999999999,fay", // line 8: beyond int32
  "",
].join("\n");

describe.each([
  ["fast", readCsvSplit],
  ["reference", readCsvSplitReference],
] as const)("%s path", (_, read) => {
  const split = csvFile("people.csv", TEXT);

  it("PERMISSIVE nulls bad values and missing fields, ignores extra fields", async () => {
    expect(rows(await read(split, SCHEMA, { header: true }, null))).toEqual([
      [1, 30, "ann"],
      [2, null, "bob\nsmith"],
      [3, 40, null],
      [4, 50, "dan"],
      [5, null, "eve"],
      [6, null, "fay"],
    ]);
  });

  it("DROPMALFORMED drops records with a bad value or the wrong field count", async () => {
    expect(rows(await read(split, SCHEMA, { header: true, mode: "DROPMALFORMED" }, null))).toEqual([
      [1, 30, "ann"],
      [5, null, "eve"],
    ]);
    // Unrequested columns are not parsed (Spark's CSV column pruning); field counts still count.
    expect(rows(await read(split, SCHEMA, { header: true, mode: "DROPMALFORMED" }, ["id"]))).toEqual([[1], [2], [5], [6]]);
  });

  it("FAILFAST names the file, line, column and value", async () => {
    await expect(read(split, SCHEMA, { header: true, mode: "FAILFAST" }, null)).rejects.toThrow(
      `Malformed CSV record in ${split.path} line 3, column "age": cannot parse "abc" as int32 (mode FAILFAST)`,
    );
    await expect(read(split, SCHEMA, { header: true, mode: "FAILFAST" }, ["name", "id"])).rejects.toThrow(
      `Malformed CSV record in ${split.path} line 5, column "name": record has 2 fields, expected 3 (mode FAILFAST)`,
    );
    const long = csvFile("long.csv", "id,age,name\r\n1,2,x,y\r\n");
    await expect(read(long, SCHEMA, { header: true, mode: "FAILFAST" }, null)).rejects.toThrow(
      `Malformed CSV record in ${long.path} line 2: record has 4 fields, expected 3 (mode FAILFAST)`,
    );
    const big = csvFile("big.csv", "id,age,name\n\n\n7,99999999999,x\n");
    await expect(read(big, SCHEMA, { header: true, mode: "FAILFAST" }, null)).rejects.toThrow(
      `line 4, column "age": cannot parse "99999999999" as int32`,
    );
  });

  it("rejects nulls in a non-nullable column unless dropping", async () => {
    const strict = SCHEMA.map((c) => (c.name === "age" ? { ...c, nullable: false } : c));
    expect(rows(await read(split, strict, { header: true, mode: "DROPMALFORMED" }, null))).toEqual([[1, 30, "ann"]]);
    await expect(read(split, strict, { header: true }, null)).rejects.toThrow(
      `line 3, column "age": cannot parse "abc" as int32, and the column is not nullable (mode PERMISSIVE)`,
    );
    const onlyNull = csvFile("null.csv", "id,age,name\n5,,eve\n");
    await expect(read(onlyNull, strict, { header: true, mode: "FAILFAST" }, null)).rejects.toThrow(
      `line 2, column "age": null value in a non-nullable column (mode FAILFAST)`,
    );
    const batches = await read(csvFile("ok.csv", "id,age,name\n1,2,x\n"), strict, { header: true }, null);
    expect(batches[0]!.schema.fields.map((f) => f.nullable)).toEqual([true, false, true]);
  });

  it("names the absolute line of a bad value in a later range", async () => {
    const lines = ["n,s"];
    for (let i = 0; i < 200; i++) lines.push(`${i === 150 ? "x150" : i},"two\r\nlines ${i}"`);
    const file = csvFile("ranges.csv", lines.join("\r\n"));
    const schema: ColumnSpec[] = [
      { name: "n", type: "int32", nullable: true },
      { name: "s", type: "utf8", nullable: true },
    ];
    const splits = await planCsvSplits([{ path: file.path, size: file.end }], { header: true }, 500);
    expect(splits.length).toBeGreaterThan(5);
    const results = await Promise.allSettled(splits.map((sp) => read(sp, schema, { header: true, mode: "FAILFAST" }, null)));
    const errors = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as Error).message] : []));
    // Record i starts on line 2 + 2i: the header is line 1 and each record spans two lines.
    expect(errors).toEqual([`Malformed CSV record in ${file.path} line 302, column "n": cannot parse "x150" as int32 (mode FAILFAST)`]);
  });
});
