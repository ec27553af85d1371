import { openAsBlob } from "node:fs";
import { stat } from "node:fs/promises";
import { RecordBatchReader, type Schema } from "apache-arrow";
import { ParquetFile } from "parquet-wasm";
import { cannotRead } from "./parquet-footer.js";

/**
 * Opens a Parquet file lazily through parquet-wasm (only the byte ranges a read needs are fetched)
 * and turns its failures into Cinder's two messages. The caller must `free()` the handle.
 */
export async function openParquet(path: string): Promise<ParquetFile> {
  const info = await stat(path).catch((e: unknown) => {
    throw isNotFound(e) ? new Error(`Parquet file not found: ${path}`) : cannotRead(path, e);
  });
  if (info.isDirectory()) throw cannotRead(path, "it is a directory");
  try {
    return await ParquetFile.fromFile(await openAsBlob(path));
  } catch (e) {
    throw cannotRead(path, e);
  }
}

/** The file's Arrow schema as parquet-wasm maps it (including any embedded ARROW:schema). */
export function arrowSchemaOf(pf: ParquetFile): Schema {
  const reader = RecordBatchReader.from(pf.schema().intoIPCStream());
  reader.open();
  return reader.schema;
}

function isNotFound(e: unknown): boolean {
  return typeof e === "object" && e !== null && "code" in e && e.code === "ENOENT";
}
