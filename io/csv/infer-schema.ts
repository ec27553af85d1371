/**
 * Column names and types of a CSV file, from its header and a sample of its first records. The
 * sample is a prefix of the file cut at a record boundary and parsed by csv-parse, so any dialect
 * works; the fast decoder's parsers agree with parse-text.ts by test.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { resolveCsvOptions, type CsvDialect } from "./options.js";
import { inferTextType, widenType } from "./parse-text.js";
import { makeRecordScanner } from "./record-scanner.js";
import type { ColumnSpec, ColumnType, CsvOptions } from "./types.js";

/**
 * Names come from the header (deduplicated Spark-style) or are _c0, _c1, ...; the column count
 * is the first record's. With inferSchema each column gets the narrowest type every sampled
 * non-null value parses as (int32 → int64 → float64, boolean, date → timestamp, else utf8); a
 * column with no sampled values is utf8. Every column is nullable. An empty file has no columns.
 *
 * @example
 * await inferCsvSchema("people.csv", { header: true, inferSchema: true })
 * // [{ name: "name", type: "utf8", nullable: true }, { name: "age", type: "int32", nullable: true }]
 */
export async function inferCsvSchema(path: string, opts: CsvOptions): Promise<ColumnSpec[]> {
  return inferCsvSchemaSync(path, opts);
}

/** inferCsvSchema with synchronous reads (it reads only a prefix), for the DataFrame reader. */
export function inferCsvSchemaSync(path: string, opts: CsvOptions): ColumnSpec[] {
  const d = resolveCsvOptions(opts);
  const records = sampleRecords(path, d, d.inferSchema ? d.samplingRows + (d.header ? 1 : 0) : 1);
  const first = records[0];
  if (first === undefined) return [];
  const names = d.header ? safeHeader(first, d.nullValue) : first.map((_, i) => `_c${i}`);
  const types: (ColumnType | null)[] = names.map(() => null);
  if (d.inferSchema) {
    for (const record of d.header ? records.slice(1) : records) {
      const n = Math.min(names.length, record.length);
      for (let i = 0; i < n; i++) {
        const v = record[i]!;
        const sofar = types[i]!;
        if (v === "" || v === d.nullValue || sofar === "utf8") continue; // nulls don't vote
        const t = inferTextType(v);
        types[i] = sofar === null ? t : widenType(sofar, t);
      }
    }
  }
  return names.map((name, i) => ({ name, type: types[i] ?? "utf8", nullable: true }));
}

/** Spark's makeSafeHeader: blank names become _c<i>; case-insensitive duplicates get their index appended. */
function safeHeader(row: readonly string[], nullValue: string): string[] {
  const seen = new Map<string, number>();
  for (const v of row) seen.set(v.toLowerCase(), (seen.get(v.toLowerCase()) ?? 0) + 1);
  return row.map((v, i) => {
    if (v === "" || v === nullValue) return `_c${i}`;
    return (seen.get(v.toLowerCase()) ?? 0) > 1 ? `${v}${i}` : v;
  });
}

/** The first `count` records, from a prefix of the file that doubles until it holds them. */
function sampleRecords(path: string, d: CsvDialect, count: number): string[][] {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const scanner = makeRecordScanner(d); // null: no safe cut points, so read to the end
    let data = Buffer.alloc(0);
    let boundaries = 0;
    let lastBoundary = 0;
    for (let want = 256 << 10; ; want *= 2) {
      const chunk = Buffer.allocUnsafe(Math.min(want, size - data.length));
      const n = chunk.length === 0 ? 0 : readSync(fd, chunk, 0, chunk.length, data.length);
      const off = data.length;
      data = Buffer.concat([data, chunk.subarray(0, n)]);
      if (n === 0 || data.length >= size) return parseSample(path, data, d, count);
      if (scanner === null) continue;
      scanner.setChunk(chunk.subarray(0, n));
      for (let b = scanner.nextBoundary(); b >= 0; b = scanner.nextBoundary()) {
        boundaries++;
        lastBoundary = off + b;
      }
      if (boundaries >= count) {
        const records = parseSample(path, data.subarray(0, lastBoundary), d, count);
        if (records.length >= count) return records; // else blank lines were counted: read on
      }
    }
  } finally {
    closeSync(fd);
  }
}

function parseSample(path: string, data: Buffer, d: CsvDialect, count: number): string[][] {
  try {
    return parse(data, {
      delimiter: d.delimiter,
      quote: d.quote,
      escape: d.escape,
      record_delimiter: ["\r\n", "\n"],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      bom: true,
      to: count,
    });
  } catch (err) {
    throw new Error(`CSV parse error in ${path} while inferring its schema: ${(err as Error).message}`);
  }
}
