import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateDay, Type, type RecordBatch, type Vector } from "apache-arrow";
import { afterAll, describe, expect, it } from "vitest";
import { readCsvSplit, readCsvSplitReference, type ColumnSpec, type CsvOptions, type CsvSplit } from "../../io/csv/index.js";

const dir = mkdtempSync(join(tmpdir(), "cinder-csv-read-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;

/** Writes `text` to a temp file and returns the whole-file split. */
function csvFile(text: string | Buffer, header = false): CsvSplit {
  const path = join(dir, `t${fileNo++}.csv`);
  writeFileSync(path, text);
  return { path, start: 0, end: statSync(path).size, hasHeader: header, firstLine: 1 };
}

/** A cell as a plain value: dates as day numbers, timestamps and int64 as bigint. */
function cell(v: Vector, r: number): unknown {
  if (!v.isValid(r)) return null;
  if (v.type.typeId === Type.Date || v.type.typeId === Type.Timestamp) return (v.data[0]!.values as Int32Array | BigInt64Array)[r];
  return v.get(r);
}

function rows(batches: RecordBatch[]): unknown[][] {
  const out: unknown[][] = [];
  for (const b of batches) {
    expect(b.numRows).toBeGreaterThan(0);
    for (let r = 0; r < b.numRows; r++) out.push(b.schema.fields.map((_, c) => cell(b.getChildAt(c)!, r)));
  }
  return out;
}

const utf8 = (...names: string[]): ColumnSpec[] => names.map((name) => ({ name, type: "utf8", nullable: true }));
const paths = [
  ["fast", readCsvSplit],
  ["reference", readCsvSplitReference],
] as const;

describe.each(paths)("%s path", (_, read) => {
  it("reads quoted fields with delimiters, doubled quotes and line breaks, CRLF, no trailing newline", async () => {
    const split = csvFile('a,b,c\r\n1,"x, y",plain\r\n2,"say ""hi""","multi\r\nline"\n3,"LF\ninside",end');
    expect(rows(await read(split, utf8("a", "b", "c"), {}, null))).toEqual([
      ["a", "b", "c"],
      ["1", "x, y", "plain"],
      ["2", 'say "hi"', "multi\r\nline"],
      ["3", "LF\ninside", "end"],
    ]);
  });

  it("tells an empty unquoted field (null) from a quoted empty string", async () => {
    const schema: ColumnSpec[] = [...utf8("s"), { name: "n", type: "int32", nullable: true }, ...utf8("t")];
    const split = csvFile('"",,\n,"",""\n"x",1,\n');
    expect(rows(await read(split, schema, {}, null))).toEqual([
      ["", null, null],
      [null, null, ""],
      ["x", 1, null],
    ]);
  });

  it("keeps unicode bytes intact and strips a UTF-8 BOM", async () => {
    const split = csvFile("\uFEFFname,city\nZoë,Zürich\n李,\"北京, 中国\"\n🙂,\"é\"\n", true);
    expect(rows(await read(split, utf8("name", "city"), { header: true }, null))).toEqual([
      ["Zoë", "Zürich"],
      ["李", "北京, 中国"],
      ["🙂", "é"],
    ]);
  });

  it("parses every column type, with nullValue", async () => {
    const schema: ColumnSpec[] = [
      { name: "i", type: "int32", nullable: true },
      { name: "l", type: "int64", nullable: true },
      { name: "f", type: "float64", nullable: true },
      { name: "b", type: "boolean", nullable: true },
      { name: "d", type: "date", nullable: true },
      { name: "t", type: "timestamp", nullable: true },
      { name: "s", type: "utf8", nullable: true },
    ];
    const split = csvFile(
      "i,l,f,b,d,t,s\n" +
        "-5,9223372036854775807,2.5e-3,TRUE,1970-01-02,1970-01-01T00:00:01.5Z,NA\n" +
        'NA,NA,NA,NA,NA,NA,"NA"\n' +
        '"42",-1,"-0.5",false,2000-02-29,2000-02-29 12:00:00+02:00,""\n',
      true,
    );
    const batches = await read(split, schema, { header: true, nullValue: "NA" }, null);
    expect(batches[0]!.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      "i:Int32",
      "l:Int64",
      "f:Float64",
      "b:Bool",
      "d:Date32<DAY>",
      "t:Timestamp<MICROSECOND, UTC>",
      "s:Utf8",
    ]);
    expect(batches[0]!.getChildAt(4)!.type).toBeInstanceOf(DateDay);
    expect(rows(batches)).toEqual([
      [-5, 9223372036854775807n, 0.0025, true, 1, 1_500_000n, null],
      [null, null, null, null, null, null, null],
      [42, -1n, -0.5, false, 11016, BigInt(Date.UTC(2000, 1, 29, 10)) * 1000n, ""],
    ]);
  });

  it("projects, reorders and repeats columns; [] still counts rows", async () => {
    const schema: ColumnSpec[] = [...utf8("a"), { name: "b", type: "int32", nullable: true }, ...utf8("c")];
    const split = csvFile("x,1,p\ny,2,q\n");
    const batches = await read(split, schema, {}, ["c", "b", "c"]);
    expect(batches[0]!.schema.fields.map((f) => f.name)).toEqual(["c", "b", "c"]);
    expect(rows(batches)).toEqual([
      ["p", 1, "p"],
      ["q", 2, "q"],
    ]);
    const none = await read(split, schema, {}, []);
    expect(none.map((b) => [b.numRows, b.numCols])).toEqual([[2, 0]]);
    await expect(read(split, schema, {}, ["zz"])).rejects.toThrow(/Unknown CSV column "zz"/);
  });

  it("cuts batches at batchRows and never returns an empty batch", async () => {
    const split = csvFile(Array.from({ length: 10 }, (_, i) => `${i}\n`).join(""));
    const schema: ColumnSpec[] = [{ name: "n", type: "int32", nullable: true }];
    const batches = await read(split, schema, {}, null, 3);
    expect(batches.map((b) => b.numRows)).toEqual([3, 3, 3, 1]);
    expect(rows(batches).flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await read(csvFile(""), schema, {}, null)).toEqual([]);
    expect(await read(csvFile("n\r\n", true), schema, { header: true }, null)).toEqual([]);
  });

  it("skips blank lines", async () => {
    const split = csvFile("\na,1\n\r\n\nb,2\n\n");
    expect(rows(await read(split, utf8("x", "y"), {}, null))).toEqual([
      ["a", "1"],
      ["b", "2"],
    ]);
  });

  it.each<[string, CsvOptions, string, string[][]]>([
    ["semicolon", { delimiter: ";" }, 'a;"b;c"\n1;2\n', [["a", "b;c"], ["1", "2"]]],
    ["tab via sep", { sep: "\t" }, "a\tb c\n\t2\n", [["a", "b c"], [null!, "2"]]],
    ["single quote", { quote: "'" }, "'it''s',\"x\"\n", [["it's", '"x"']]],
    ["backslash escape", { escape: "\\" }, '"a\\"b",c\n"x\\\\y",d\n', [['a"b', "c"], ["x\\y", "d"]]],
    ["two-character delimiter", { delimiter: "||" }, 'a||"b||c"\n1||\n', [["a", "b||c"], ["1", null!]]],
  ])("dialect: %s", async (_, opts, text, expected) => {
    expect(rows(await read(csvFile(text), utf8("x", "y"), opts, null))).toEqual(expected);
  });
});

describe("fast and reference paths agree", () => {
  const schema: ColumnSpec[] = [
    { name: "n", type: "int32", nullable: true },
    { name: "s", type: "utf8", nullable: true },
    { name: "f", type: "float64", nullable: true },
    { name: "t", type: "timestamp", nullable: true },
  ];
  // Tricky but well-formed inputs, written with "," and '"' and rewritten per dialect below.
  const TEXT = [
    'n,s,f,t',
    '"1","a,b",2.5,2020-01-01 00:00:00',
    "  3 ,x,1e5,bad", // spaces make the int malformed
    '4,"multi\r\nline ""q""",,',
    "5,lone\rcr,-0,2020-01-01T00:00:00.000001Z",
    "6,,NaN,1999-12-31",
    '7,"",Inf,""',
    "8,NA,NA,NA",
    "9,trailing,1,2020-01-01,",
    "10",
    ",,,",
    "2147483648,big,1.7976931348623157e309,2020-13-01",
    "-2147483648,ünï,0.1,2020-02-29T23:59:59+05:30",
  ].join("\n");

  it.each<[string, CsvOptions]>([
    ["default", {}],
    ["header", { header: true }],
    ["semicolon + NA", { header: true, delimiter: ";", nullValue: "NA" }],
    ["tab + single quote", { header: true, delimiter: "\t", quote: "'" }],
    ["DROPMALFORMED", { header: true, mode: "DROPMALFORMED" }],
    ["DROPMALFORMED + pipe", { header: true, mode: "DROPMALFORMED", delimiter: "|" }],
  ])("%s", async (_, opts) => {
    const d = opts.delimiter ?? ",";
    const q = opts.quote ?? '"';
    const text = TEXT.replaceAll(",", d).replaceAll('"', q);
    const split = csvFile(text, opts.header ?? false);
    for (const columns of [null, ["t", "n"], []]) {
      for (const batchRows of [65536, 2]) {
        const fast = await readCsvSplit(split, schema, opts, columns, batchRows);
        const reference = await readCsvSplitReference(split, schema, opts, columns, batchRows);
        expect(fast.map((b) => [b.numRows, b.schema.fields.map(String)])).toEqual(
          reference.map((b) => [b.numRows, b.schema.fields.map(String)]),
        );
        expect(rows(fast)).toEqual(rows(reference));
      }
    }
  });

  it("FAILFAST fails on the same record with the same message", async () => {
    const split = csvFile(TEXT, true);
    const messages = await Promise.all(
      [readCsvSplit, readCsvSplitReference].map((read) =>
        read(split, schema, { header: true, mode: "FAILFAST" }, null).then(
          () => "no error",
          (e: Error) => e.message,
        ),
      ),
    );
    expect(messages[0]).toBe(`Malformed CSV record in ${split.path} line 3, column "n": cannot parse "  3 " as int32 (mode FAILFAST)`);
    expect(messages[1]).toBe(messages[0]);
  });
});
