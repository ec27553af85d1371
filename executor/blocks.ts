/**
 * Blocks: task outputs as Arrow IPC stream bytes in a SharedArrayBuffer, readable by every worker
 * without a copy (LIBRARIES.md fact 4: the SAB starts at offset 0, so every body buffer is 8-byte
 * aligned and arrow-js makes views instead of copies).
 */
import { RecordBatchReader, RecordBatchStreamWriter } from "apache-arrow";
import type { DataType } from "../planner/types.js";
import type { OutField } from "../planner/physical-plan.js";
import { batchFromArrow, batchToArrow } from "./arrow-convert.js";
import type { Batch, StrCol } from "./batch.js";
import { encodeBlockStrings } from "./hash/dictionary-encode.js";

export interface BlockRef {
  readonly id: string;
  readonly sab: SharedArrayBuffer;
  readonly byteLength: number;
  readonly rows: number;
}

/**
 * How utf8 columns are written: "plain" strings (results handed to the user), "keep" the
 * dictionary encoding of columns that have one in every batch (shuffles), or "build" one where
 * strings repeat (cache() partitions, read many times).
 */
export type StringEncoding = "plain" | "keep" | "build";

/** Encodes batches into one shared block; null when there are no rows (no empty blocks). */
export function encodeBlock(id: string, input: readonly Batch[], fields: readonly OutField[], strings: StringEncoding = "plain"): BlockRef | null {
  let rows = 0;
  for (const b of input) rows += b.length;
  if (rows === 0) return null;
  const batches = strings === "build" ? encodeBlockStrings(input.filter((b) => b.length > 0)) : input;
  // A stream has one schema: a column is written encoded only when every batch has it encoded,
  // and only when its dictionaries (each written once per block) are smaller than its rows.
  const dictCols = strings === "plain" ? undefined : fields.map((f, j) => f.type === "utf8" && keepsDictionary(batches, j, rows));
  // Positional names inside blocks: arrow-js looks children up by name, so duplicate names (a
  // join of two tables that both have "id") would silently swap columns.
  const internal = fields.map((f, i) => ({ name: `c${i}`, type: f.type, nullable: f.nullable }));
  const writer = new RecordBatchStreamWriter();
  for (const b of batches) if (b.length > 0) writer.write(batchToArrow(b, internal, dictCols));
  writer.finish();
  const { sab, byteLength } = toShared(writer);
  return { id, sab, byteLength, rows };
}

function keepsDictionary(batches: readonly Batch[], j: number, rows: number): boolean {
  const seen = new Set<StrCol>();
  let dictRows = 0;
  for (const b of batches) {
    if (b.length === 0) continue;
    const d = (b.columns[j] as StrCol).dict;
    if (d === undefined) return false;
    if (!seen.has(d.values)) {
      seen.add(d.values);
      dictRows += d.values.offsets.length - 1;
    }
  }
  return dictRows <= rows;
}

/**
 * The writer's output copied once, straight into shared memory. `toUint8Array(true)` would join
 * the chunks into a fresh buffer first: a second copy of every shuffled byte (q10 of db-benchmark
 * at 1e7 rows: ~1.4 s of memcpy per worker).
 */
function toShared(writer: RecordBatchStreamWriter): { sab: SharedArrayBuffer; byteLength: number } {
  const chunks = (writer as unknown as { _sink?: { _values?: unknown } })._sink?._values;
  const parts: readonly Uint8Array[] =
    Array.isArray(chunks) && chunks.every((c) => c instanceof Uint8Array) ? (chunks as Uint8Array[]) : [writer.toUint8Array(true)];
  let byteLength = 0;
  for (const c of parts) byteLength += c.byteLength;
  const sab = new SharedArrayBuffer(byteLength);
  const out = new Uint8Array(sab);
  let at = 0;
  for (const c of parts) {
    out.set(c, at);
    at += c.byteLength;
  }
  return { sab, byteLength };
}

/** Decodes a block into executor batches (numeric buffers are views into the shared memory). */
export function decodeBlock(ref: BlockRef, types: readonly DataType[]): Batch[] {
  const reader = RecordBatchReader.from(new Uint8Array(ref.sab, 0, ref.byteLength));
  const out: Batch[] = [];
  for (const rb of reader) if (rb.numRows > 0) out.push(batchFromArrow(rb, types));
  return out;
}
