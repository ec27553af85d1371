/**
 * The scan operator: reads one split through io/, appends `key=value` partition columns as
 * constants, applies the pushed-down filter and keeps the output columns.
 */
import type { RecordBatch } from "apache-arrow";
import { DICTIONARY_DECLINED, readCsvSplit } from "../io/csv/index.js";
import { readParquetRowGroups } from "../io/parquet/index.js";
import type { ScanSplit } from "../planner/logical-plan.js";
import type { PhysNode } from "../planner/physical-plan.js";
import { isNestedType } from "../planner/nested-types.js";
import { batchFromArrow } from "./arrow-convert.js";
import type { Batch, Col } from "./batch.js";
import { constantCol } from "./constant-col.js";
import { filterBatch } from "./batch.js";
import { evaluatePredicate } from "./kernels/evaluate.js";

type ScanNode = Extract<PhysNode, { op: "scan" }>;

async function readSplit(n: ScanNode, split: ScanSplit): Promise<RecordBatch[]> {
  const file = n.files[split.file];
  if (!file) throw new Error(`internal: scan split names file ${split.file}`);
  const columns = n.readColumns.map((c) => c.name);
  if (split.kind === "parquet") return readParquetRowGroups(file.path, [...split.rowGroups], columns);
  const csv = n.csv;
  if (!csv) throw new Error("internal: CSV scan without options");
  const schema = n.dataSchema.map((c) => {
    if (c.type === "null" || isNestedType(c.type)) throw new Error(`internal: CSV column ${c.name} of type ${c.type}`);
    return { name: c.name, type: c.type, nullable: true };
  });
  return readCsvSplit(
    { path: file.path, start: split.start, end: split.end, hasHeader: split.hasHeader, firstLine: split.firstLine },
    schema,
    { header: csv.header, delimiter: csv.delimiter, quote: csv.quote, escape: csv.escape, nullValue: csv.nullValue, mode: csv.mode },
    columns,
    65536,
    true, // strings dictionary-encoded from the reader on, where they repeat
  );
}

export async function* scanSplit(n: ScanNode, split: ScanSplit): AsyncGenerator<Batch, void, undefined> {
  const file = n.files[split.file];
  const readTypes = n.readColumns.map((c) => c.type);
  for (const rb of await readSplit(n, split)) {
    if (rb.numRows === 0) continue;
    let data = batchFromArrow(rb, readTypes);
    if (rb.schema.fields.some((f) => f.metadata.has(DICTIONARY_DECLINED))) data = markDeclined(data, rb);
    const parts: Col[] = n.partitionColumns.map((c) => constantCol(file?.partitionValues[c.name] ?? null, c.type, rb.numRows));
    let b: Batch = parts.length ? { length: data.length, columns: [...data.columns, ...parts] } : data;
    if (n.filter) b = filterBatch(b, evaluatePredicate(n.filter, b));
    if (b.length === 0) continue;
    yield { length: b.length, columns: n.project.map((i) => b.columns[i] as Col) };
  }
}

/** Carries the CSV reader's "too varied for a dictionary" judgement onto the executor's columns. */
function markDeclined(b: Batch, rb: RecordBatch): Batch {
  const columns = b.columns.map((c, i) => (c.type === "utf8" && c.dict === undefined && rb.schema.fields[i]?.metadata.has(DICTIONARY_DECLINED) ? { ...c, declined: true as const } : c));
  return { length: b.length, columns };
}
