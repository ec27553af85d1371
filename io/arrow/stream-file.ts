/**
 * Arrow IPC stream files: what a checkpoint writes, one file per task, and reads back. The bytes
 * are read into a buffer of their own (offset 0), so every body buffer keeps the 8-byte alignment
 * the stream format pads to and arrow-js can view numeric columns in place instead of failing on a
 * misaligned typed-array view.
 */
import { open, writeFile } from "node:fs/promises";
import { type RecordBatch, RecordBatchReader, RecordBatchStreamWriter } from "apache-arrow";

/** Writes `batches` (all with one schema, at least one) as one IPC stream; returns the bytes written. */
export async function writeArrowStreamFile(path: string, batches: readonly RecordBatch[]): Promise<number> {
  const writer = new RecordBatchStreamWriter();
  for (const b of batches) if (b.numRows > 0) writer.write(b);
  writer.finish();
  const bytes = writer.toUint8Array(true);
  await writeFile(path, bytes);
  return bytes.byteLength;
}

/** Reads a whole IPC stream file; the reader is synchronous over the bytes in memory. */
export async function readArrowStreamFile(path: string): Promise<RecordBatchReader> {
  const fh = await open(path, "r");
  try {
    const { size } = await fh.stat();
    const bytes = new Uint8Array(new ArrayBuffer(size));
    for (let at = 0; at < size; ) {
      const { bytesRead } = await fh.read(bytes, at, size - at, at);
      if (bytesRead === 0) throw new Error(`file ended after ${at} of ${size} bytes`);
      at += bytesRead;
    }
    return RecordBatchReader.from(bytes);
  } finally {
    await fh.close();
  }
}
