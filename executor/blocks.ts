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
import { dictionaryEncode } from "./hash/dictionary-encode.js";

function encodeStrings(b: Batch): Batch {
  if (!b.columns.some((c) => c.type === "utf8" && !c.dict)) return b;
  return { length: b.length, columns: b.columns.map((c) => (c.type === "utf8" ? dictionaryEncode(c) : c)) };
}

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
  const batches = strings === "build" ? input.map(encodeStrings) : input;
  // A stream has one schema: a column is written encoded only when every batch has it encoded.
  const dictCols = strings === "plain" ? undefined : fields.map((f, j) => f.type === "utf8" && batches.every((b) => b.length === 0 || (b.columns[j] as StrCol).dict !== undefined));
  // Positional names inside blocks: arrow-js looks children up by name, so duplicate names (a
  // join of two tables that both have "id") would silently swap columns.
  const internal = fields.map((f, i) => ({ name: `c${i}`, type: f.type, nullable: f.nullable }));
  const writer = new RecordBatchStreamWriter();
  for (const b of batches) if (b.length > 0) writer.write(batchToArrow(b, internal, dictCols));
  writer.finish();
  const bytes = writer.toUint8Array(true);
  const sab = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(sab).set(bytes);
  return { id, sab, byteLength: bytes.byteLength, rows };
}

/** Decodes a block into executor batches (numeric buffers are views into the shared memory). */
export function decodeBlock(ref: BlockRef, types: readonly DataType[]): Batch[] {
  const reader = RecordBatchReader.from(new Uint8Array(ref.sab, 0, ref.byteLength));
  const out: Batch[] = [];
  for (const rb of reader) if (rb.numRows > 0) out.push(batchFromArrow(rb, types));
  return out;
}
