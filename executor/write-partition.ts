/**
 * Writes one task's rows as part files into the job's staging folder. With partitionBy, rows are
 * grouped by the partition columns (a typed-array hash table, not per-row strings) and each group
 * goes under `key=value/` folders whose values are escaped so no path can leave the target.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { writeArrowStreamFile } from "../io/arrow/index.js";
import { writeCsvFile } from "../io/csv/index.js";
import { escapePartitionValue } from "../io/fs/index.js";
import { writeParquetFile } from "../io/parquet/index.js";
import type { OutField, Sink } from "../planner/physical-plan.js";
import { batchToArrow, arrowSchema } from "./arrow-convert.js";
import { type Batch, type Col, concatBatches, flatCol, isValid, stringAt, takeBatch } from "./batch.js";
import { hashColumns } from "./hash/hash-columns.js";
import { KeyTable } from "./hash/key-table.js";

type WriteSink = Extract<Sink, { kind: "write" }>;

/** Spark's text for a partition value in a folder name. */
function partitionText(nested: Col, i: number): string | null {
  if (!isValid(nested, i)) return null;
  const c = flatCol(nested, "partitionBy");
  switch (c.type) {
    case "utf8":
      return stringAt(c, i);
    case "boolean":
      return c.values[i] ? "true" : "false";
    case "date":
      return new Date((c.values[i] as number) * 86400000).toISOString().slice(0, 10);
    case "timestamp": {
      const us = c.values[i] as bigint;
      return new Date(Number(us / 1000n)).toISOString().replace("T", " ").replace("Z", "");
    }
    default:
      return String(c.values[i]);
  }
}

async function writeFile(path: string, batches: readonly Batch[], fields: readonly OutField[], sink: WriteSink): Promise<void> {
  if (sink.format === "arrow") {
    if (sink.partitionBy.length > 0) throw new Error("The arrow write format does not support partitionBy: it writes one file per task.");
    // Positional names, as in blocks: columns are read back by position, so duplicate names
    // (both sides of a join called "id") cannot swap.
    const positional = fields.map((f, i) => ({ name: `c${i}`, type: f.type, nullable: f.nullable }));
    await writeArrowStreamFile(path, batches.map((b) => batchToArrow(b, positional)));
    return;
  }
  const rbs = batches.map((b) => batchToArrow(b, fields));
  if (sink.format === "csv") {
    const o = sink.options;
    await writeCsvFile(path, rbs, {
      header: o["header"] !== false,
      ...(typeof o["delimiter"] === "string" ? { delimiter: o["delimiter"] } : {}),
      ...(typeof o["nullValue"] === "string" ? { nullValue: o["nullValue"] } : {}),
    });
  } else {
    const compression = (sink.options["compression"] as "snappy" | "zstd" | "gzip" | "none" | undefined) ?? "snappy";
    await writeParquetFile(path, rbs, { compression, schema: arrowSchema(fields) });
  }
}

export async function writePartition(
  batches: readonly Batch[],
  fields: readonly OutField[],
  sink: WriteSink,
  partition: number,
  job: { readonly staging: string; readonly uuid: string },
): Promise<{ files: string[]; rows: number }> {
  const rows = batches.reduce((s, b) => s + b.length, 0);
  const ext = sink.format === "csv" ? "csv" : sink.format === "parquet" ? (sink.options["compression"] === "none" ? "parquet" : `${sink.options["compression"] ?? "snappy"}.parquet`) : sink.format;
  const name = `part-${String(partition).padStart(5, "0")}-${job.uuid}.${ext}`;
  if (sink.partitionBy.length === 0) {
    // Spark writes a file even for an empty partition only when the whole job is empty; we skip empties.
    if (rows === 0) return { files: [], rows };
    await writeFile(join(job.staging, name), batches, fields, sink);
    return { files: [name], rows };
  }
  if (rows === 0) return { files: [], rows };
  const all = concatBatches(batches, fields.length);
  const keys = [...sink.partitionBy];
  const keep = fields.map((_, i) => i).filter((i) => !keys.includes(i));
  const table = new KeyTable(keys.map((k) => (fields[k] as OutField).type));
  const groups = new Int32Array(all.length);
  table.findOrInsert(all, keys, hashColumns(all, keys), groups);
  const counts = new Int32Array(table.size);
  for (let i = 0; i < all.length; i++) {
    const g = groups[i] as number;
    counts[g] = (counts[g] as number) + 1;
  }
  const starts = new Int32Array(table.size + 1);
  for (let g = 0; g < table.size; g++) starts[g + 1] = (starts[g] as number) + (counts[g] as number);
  const order = new Int32Array(all.length);
  const fill = starts.slice(0, table.size);
  for (let i = 0; i < all.length; i++) {
    const g = groups[i] as number;
    const at = fill[g] as number;
    order[at] = i;
    fill[g] = at + 1;
  }
  const keyCols = table.keyColumns();
  const files: string[] = [];
  const dataFields = keep.map((i) => fields[i] as OutField);
  for (let g = 0; g < table.size; g++) {
    const dirs = keys.map((k, j) => `${escapeName((fields[k] as OutField).name)}=${escapePartitionValue(partitionText(keyCols[j] as Col, g))}`);
    const rel = join(...dirs, name);
    await mkdir(join(job.staging, ...dirs), { recursive: true });
    const rowsOfGroup = takeBatch(all, order.subarray(starts[g], starts[g + 1]));
    const data: Batch = { length: rowsOfGroup.length, columns: keep.map((i) => rowsOfGroup.columns[i] as Col) };
    await writeFile(join(job.staging, rel), [data], dataFields, sink);
    files.push(rel);
  }
  return { files, rows };
}

/** Column names are escaped like values: a column called "../x" must not become a path. */
function escapeName(name: string): string {
  return escapePartitionValue(name);
}
