import { writeFile } from "node:fs/promises";
import { Table, tableToIPC, type RecordBatch, type Schema } from "apache-arrow";
import {
  Compression,
  EnabledStatistics,
  Table as WasmTable,
  WriterPropertiesBuilder,
  writeParquet,
} from "parquet-wasm";

export interface WriteParquetOptions {
  compression?: "snappy" | "zstd" | "gzip" | "none";
  /** Maximum rows per row group (default 1,048,576). */
  rowGroupSize?: number;
  /** Required when `batches` is empty, so the file still carries the schema. */
  schema?: Schema;
}

const CODECS: Record<NonNullable<WriteParquetOptions["compression"]>, Compression> = {
  snappy: Compression.SNAPPY,
  zstd: Compression.ZSTD,
  gzip: Compression.GZIP,
  none: Compression.UNCOMPRESSED,
};

export const DEFAULT_ROW_GROUP_SIZE = 1_048_576;

/**
 * Writes Arrow batches to one Parquet file with chunk-level statistics (which describeParquet
 * reads back for pruning) and returns the number of bytes written.
 *
 * @example
 * const bytes = await writeParquetFile("out/part-00000.parquet", batches, { compression: "zstd" });
 */
export async function writeParquetFile(path: string, batches: RecordBatch[], opts: WriteParquetOptions = {}): Promise<number> {
  const schema = opts.schema ?? batches[0]?.schema;
  if (schema === undefined) throw new Error(`writeParquetFile(${path}): no batches and no schema given`);
  const rowGroupSize = opts.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE;
  if (!Number.isInteger(rowGroupSize) || rowGroupSize < 1) {
    throw new Error(`writeParquetFile(${path}): rowGroupSize must be a positive integer, got ${rowGroupSize}`);
  }
  const props = new WriterPropertiesBuilder()
    .setCompression(CODECS[opts.compression ?? "snappy"])
    .setMaxRowGroupSize(rowGroupSize)
    .setStatisticsEnabled(EnabledStatistics.Chunk)
    .build();
  // The only bridge into the wasm writer is Arrow IPC; writeParquet consumes the wasm table.
  const ipc = tableToIPC(new Table(schema, batches), "stream");
  const bytes = writeParquet(WasmTable.fromIPCStream(ipc), props);
  await writeFile(path, bytes);
  return bytes.byteLength;
}
