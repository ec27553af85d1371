/**
 * The csv-parse path: any dialect csv-parse accepts (multi-character delimiter, an escape other
 * than the quote), and the reference the fast decoder is tested against. Values are parsed by
 * parse-text.ts and buffers filled by column-values.ts, both independent of the fast path.
 */
import type { RecordBatch } from "apache-arrow";
import { parse, type Options } from "csv-parse/sync";
import { makeBatch, projectColumns, projectionOutput } from "./arrow-types.js";
import { columnFromValues, type CellValue } from "./column-values.js";
import { cannotParse, fieldCountReason, malformedError, NULL_IN_NON_NULLABLE } from "./malformed.js";
import { resolveCsvOptions, type CsvDialect } from "./options.js";
import { textToBoolean, textToDate, textToFloat64, textToInt32, textToInt64, textToTimestamp } from "./parse-text.js";
import { readRange } from "./read-range.js";
import type { CsvSplit } from "./split.js";
import type { ColumnSpec, ColumnType, CsvOptions } from "./types.js";

/** Marks a quoted empty field: "" is an empty string, an unquoted empty field is null. */
const QUOTED_EMPTY = Symbol("quoted empty");
type Cell = string | typeof QUOTED_EMPTY;
interface ParsedRecord {
  record: string[];
  info: { bytes: number };
}

const FROM_TEXT: Record<ColumnType, (t: string) => CellValue> = {
  int32: textToInt32,
  int64: textToInt64,
  float64: textToFloat64,
  boolean: textToBoolean,
  utf8: (t) => t,
  date: textToDate,
  timestamp: textToTimestamp,
};

/** Same contract as readCsvSplit, through csv-parse. */
export async function readCsvSplitReference(
  split: CsvSplit,
  schema: ColumnSpec[],
  opts: CsvOptions,
  columns: string[] | null,
  batchRows = 65536,
): Promise<RecordBatch[]> {
  const dialect = resolveCsvOptions(opts);
  const proj = projectColumns(schema, columns);
  const decode = [...new Set(proj)].sort((a, b) => a - b);
  const bytes = await readRange(split.path, split.start, split.end);
  const values: CellValue[][] = decode.map(() => []);
  const rows = new RowParser(split, schema, dialect, decode, values);
  // Lines are counted from byte offsets: csv-parse's info.lines counts a CRLF inside quotes twice.
  let lf = 0;
  let pos = 0;
  let header = split.hasHeader;
  for (const { record, info } of parseBytes(bytes, dialect, split)) {
    for (; bytes[pos] === 0x0a || (bytes[pos] === 0x0d && bytes[pos + 1] === 0x0a); lf++) pos += bytes[pos] === 0x0a ? 1 : 2;
    const line = split.firstLine + lf;
    const start = pos;
    lf += countLf(bytes, pos, info.bytes);
    pos = info.bytes;
    if (header) header = false;
    else rows.add(markQuotedEmpty(record, bytes.subarray(start, pos), dialect), line);
  }
  const out = projectionOutput(schema, proj, decode);
  const batches: RecordBatch[] = [];
  for (let from = 0; from < rows.count; from += batchRows) {
    const to = Math.min(rows.count, from + batchRows);
    const data = decode.map((f, c) => columnFromValues(schema[f]!.type, values[c]!, from, to));
    batches.push(makeBatch(out.schema, out.order.map((c) => data[c]!), to - from));
  }
  return batches;
}

function countLf(bytes: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a, from); i >= 0 && i < to; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

function csvParseOptions(d: CsvDialect, bom: boolean): Options {
  return {
    delimiter: d.delimiter,
    quote: d.quote,
    escape: d.escape,
    record_delimiter: ["\r\n", "\n"],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom,
  };
}

/** Arrays with cast:false, csv-parse's fast mode; `info` gives each record's end offset. */
function parseBytes(bytes: Buffer, d: CsvDialect, split: CsvSplit): ParsedRecord[] {
  try {
    return parse(bytes, { ...csvParseOptions(d, split.start === 0), info: true }) as unknown as ParsedRecord[];
  } catch (err) {
    throw new Error(`CSV parse error in ${split.path} (range starting at line ${split.firstLine}): ${(err as Error).message}`);
  }
}

/**
 * Marks quoted empty fields. Only a record with an empty field and a quote character needs to
 * know, and only that record is parsed again with a cast function (which makes csv-parse ~15x
 * slower, so it is not used for the whole range).
 */
function markQuotedEmpty(record: string[], raw: Buffer, d: CsvDialect): Cell[] {
  if (!record.includes("") || !raw.includes(d.quote)) return record;
  const cast = (value: string, ctx: { quoting: boolean }): unknown => (ctx.quoting && value === "" ? QUOTED_EMPTY : value);
  const [again] = parse(raw, { ...csvParseOptions(d, false), cast }) as unknown as Cell[][];
  return again ?? record;
}

/** Applies the value and field-count rules to each record, in the same order as the fast path. */
class RowParser {
  count = 0;

  constructor(
    private readonly split: CsvSplit,
    private readonly schema: readonly ColumnSpec[],
    private readonly d: CsvDialect,
    private readonly decode: readonly number[],
    private readonly values: CellValue[][],
  ) {}

  add(record: Cell[], line: number): void {
    const row: CellValue[] = [];
    let drop = false;
    const bad = (f: number, reason: string, cannotNull = false): CellValue => {
      const spec = this.schema[f]!;
      if (this.d.mode === "DROPMALFORMED") drop = true;
      else if (this.d.mode === "PERMISSIVE" && !cannotNull && spec.nullable) return null;
      else {
        const why = this.d.mode === "PERMISSIVE" && !cannotNull ? `${reason}, and the column is not nullable` : reason;
        throw malformedError(this.split.path, line, spec.name, why, this.d.mode);
      }
      return null;
    };
    const nullOf = (f: number): CellValue => (this.schema[f]!.nullable ? null : bad(f, NULL_IN_NON_NULLABLE, true));
    for (const f of this.decode) {
      if (f >= record.length) break;
      const cell = record[f]!;
      const type = this.schema[f]!.type;
      if (cell === QUOTED_EMPTY) row.push(type === "utf8" ? "" : nullOf(f));
      else if (cell === "" || cell === this.d.nullValue) row.push(nullOf(f));
      else row.push(FROM_TEXT[type](cell) ?? bad(f, cannotParse(cell, type)));
    }
    const ncols = this.schema.length;
    if (record.length !== ncols) {
      const reason = fieldCountReason(record.length, ncols);
      if (this.d.mode === "FAILFAST") {
        throw malformedError(this.split.path, line, record.length < ncols ? this.schema[record.length]!.name : null, reason, "FAILFAST");
      }
      if (this.d.mode === "DROPMALFORMED") drop = true;
      for (const f of this.decode) if (f >= record.length) row.push(nullOf(f));
    }
    if (drop) return;
    row.forEach((v, c) => this.values[c]!.push(v));
    this.count++;
  }
}
