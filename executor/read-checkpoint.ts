/**
 * Reads one partition of a checkpoint: file `files[p]`, an Arrow IPC stream whose columns are named
 * by position (see write-partition.ts), converted to executor batches keeping only the projected
 * columns. Any failure — a missing file, bytes that are not an IPC stream, a schema or row count
 * that does not match the plan — is an error that names the file.
 */
import type { RecordBatch } from "apache-arrow";
import { readArrowStreamFile } from "../io/arrow/index.js";
import type { PhysNode } from "../planner/physical-plan.js";
import { arrowTypeOf, colFromArrowData } from "./arrow-convert.js";
import type { Batch, Col } from "./batch.js";

type CheckpointNode = Extract<PhysNode, { op: "checkpoint" }>;

export async function* readCheckpoint(node: CheckpointNode, partition: number): AsyncGenerator<Batch, void, undefined> {
  const path = node.files[partition];
  if (path === undefined) throw new Error(`internal: checkpoint has no file for partition ${partition}`);
  // The whole stream is decoded before the first batch is yielded, so a bad file fails before any
  // of its rows reach the operators above (numeric columns stay views into the file's bytes).
  let batches: Batch[];
  try {
    batches = decodeAll(await readArrowStreamFile(path), node);
  } catch (err) {
    if (isNotFound(err)) throw new Error(`Checkpoint file ${path} does not exist (was the checkpoint folder removed?)`, { cause: err });
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`Cannot read checkpoint file ${path}: ${why}`, { cause: err });
  }
  const rows = batches.reduce((s, b) => s + b.length, 0);
  const expected = node.rows[partition];
  if (expected !== undefined && rows !== expected) {
    throw new Error(`Cannot read checkpoint file ${path}: it holds ${rows} rows, but ${expected} were written (the file was changed or truncated).`);
  }
  yield* batches;
}

function decodeAll(batches: Iterable<RecordBatch>, node: CheckpointNode): Batch[] {
  const out: Batch[] = [];
  let checked = false;
  for (const rb of batches) {
    if (!checked) {
      checkSchema(rb, node);
      checked = true;
    }
    if (rb.numRows === 0) continue;
    const columns = node.columns.map((c, i): Col => {
      const data = rb.data.children[c];
      const field = node.output[i];
      if (!data || !field) throw new Error(`column ${c + 1} is missing from a record batch`);
      return colFromArrowData(data, field.type);
    });
    out.push({ length: rb.numRows, columns });
  }
  return out;
}

function checkSchema(rb: RecordBatch, node: CheckpointNode): void {
  const fields = rb.schema.fields;
  node.columns.forEach((c, i) => {
    const want = node.output[i];
    const got = fields[c];
    if (!want || !got) throw new Error(`it has ${fields.length} columns, but column ${c + 1} is needed`);
    const wantType = String(arrowTypeOf(want.type));
    if (String(got.type) !== wantType) throw new Error(`column ${c + 1} ("${want.name}") is ${String(got.type)}, expected ${wantType}`);
  });
}

function isNotFound(err: unknown): boolean {
  return typeof err === "object" && err !== null && "code" in err && err.code === "ENOENT";
}
