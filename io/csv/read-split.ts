/** Reads one planned CSV range into Arrow record batches. */
import { Field, Schema, Type, type RecordBatch } from "apache-arrow";
import { makeBatch, projectColumns, projectionOutput } from "./arrow-types.js";
import { decodeCsv } from "./fast-decoder.js";
import { fastPathSupports, resolveCsvOptions } from "./options.js";
import { readCsvSplitReference } from "./read-split-reference.js";
import { readRange } from "./read-range.js";
import type { CsvSplit } from "./split.js";
import type { ColumnSpec, CsvOptions } from "./types.js";

export { readCsvSplitReference };

/**
 * Decodes `split` into batches of at most `batchRows` rows holding `columns` (in that order;
 * null = every column). Returns [] when the range has no rows, never an empty batch. Unrequested
 * columns are skipped over, not parsed, so their malformed values go unnoticed (as in Spark with
 * CSV column pruning); a wrong field count is always noticed. With `encodeStrings`, utf8 columns
 * whose strings repeat come back dictionary-encoded (one dictionary per split, shared by its
 * batches; the default null and a single-byte delimiter and quote only).
 *
 * @example
 * const [split] = await planCsvSplits([{ path, size }], { header: true }, 64 << 20);
 * const batches = await readCsvSplit(split, schema, { header: true }, ["id", "name"]);
 */
export async function readCsvSplit(
  split: CsvSplit,
  schema: ColumnSpec[],
  opts: CsvOptions,
  columns: string[] | null,
  batchRows = 65536,
  encodeStrings = false,
): Promise<RecordBatch[]> {
  if (!Number.isInteger(batchRows) || batchRows < 1) throw new Error(`batchRows must be a positive integer, got ${batchRows}`);
  const dialect = resolveCsvOptions(opts);
  if (!fastPathSupports(dialect)) return readCsvSplitReference(split, schema, opts, columns, batchRows);
  const proj = projectColumns(schema, columns);
  const decode = [...new Set(proj)].sort((a, b) => a - b);
  const buffer = takeBuffer(split.end - split.start);
  let chunks;
  try {
    const bytes = await readRange(split.path, split.start, split.end, buffer);
    chunks = decodeCsv(bytes, split, schema, dialect, decode, batchRows, encodeStrings);
  } finally {
    // Every decoded value is a copy (batch-builder.ts), so the buffer is free for the next split.
    spare = buffer;
    clearTimeout(spareTimer);
    spareTimer = setTimeout(() => (spare = null), SPARE_MS).unref();
  }
  const out = projectionOutput(schema, proj, decode);
  return chunks.map((chunk) => {
    const columns = out.order.map((c) => chunk.columns[c]!);
    // Dictionary-encoded columns carry their Dictionary type in the batch's schema too; a string
    // column judged too varied for one says so in its field's metadata (DICTIONARY_DECLINED).
    const fields = out.schema.fields.map((f, i) => {
      if (columns[i]!.typeId === Type.Dictionary) return new Field(f.name, columns[i]!.type, f.nullable);
      if (chunk.declined?.[out.order[i]!] === true) return new Field(f.name, f.type, f.nullable, DECLINED_METADATA);
      return f;
    });
    return makeBatch(new Schema(fields), columns, chunk.length);
  });
}

/**
 * Field metadata of a string column the reader judged for a dictionary and decoded plain: its
 * first rows pointed to more distinct strings than a dictionary may hold. cache() takes the
 * judgement instead of hashing every string again (executor/hash/dictionary-encode.ts).
 */
export const DICTIONARY_DECLINED = "cinder.dictionary";
const DECLINED_METADATA = new Map([[DICTIONARY_DECLINED, "declined"]]);

/**
 * One read buffer kept for the next split a thread reads: a fresh buffer per split pays the
 * kernel again for every page it touches. db-benchmark's G1 CSV at 1e7 (509 MB, 32 MB splits, 2
 * workers, alternating runs): read into cache() 1.93 -> 1.50 s, CPU 3.49 -> 2.67 s. It is let
 * go SPARE_MS after the thread's last split, so an idle worker does not hold a split's size.
 */
let spare: Buffer | null = null;
let spareTimer: ReturnType<typeof setTimeout> | undefined;
const SPARE_MS = 2000;

function takeBuffer(n: number): Buffer {
  const b = spare;
  spare = null; // a split read meanwhile (tasks may interleave at awaits) gets its own
  if (b !== null && b.length >= n) return b;
  return Buffer.allocUnsafeSlow(Math.ceil(n / 2 ** 20) * 2 ** 20 + 2 ** 20);
}
