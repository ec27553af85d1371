import { Field, RecordBatch, Schema, Struct, makeData, tableFromIPC, type Data, type DataType } from "apache-arrow";
import type { ParquetFile } from "parquet-wasm";
import { canonicalArrowOf, requireColumnType } from "./column-types.js";
import { normalizeColumn } from "./normalize-column.js";
import { arrowSchemaOf, openParquet } from "./open-parquet.js";
import { cannotRead } from "./parquet-footer.js";
import type { ColumnType } from "./types.js";

interface Projected {
  name: string;
  type: ColumnType;
  /** The canonical Arrow type of the column in Cinder's batches. */
  arrowType: DataType;
  nullable: boolean;
}

/**
 * Reads the given row groups and columns of a Parquet file as canonical Arrow RecordBatches
 * (one or more per row group, never empty), columns in the requested order.
 * `columns: null` reads every column; `[]` yields zero-column batches that still carry row counts.
 *
 * @example
 * const batches = await readParquetRowGroups("t.parquet", [0, 2], ["id", "name"]);
 */
export async function readParquetRowGroups(
  path: string,
  rowGroups: number[],
  columns: string[] | null,
): Promise<RecordBatch[]> {
  const pf = await openParquet(path);
  try {
    const rowCounts = validRowGroups(pf, rowGroups, path);
    const projected = project(pf, columns, path);
    const schema = new Schema(projected.map((c) => new Field(c.name, c.arrowType, c.nullable)));
    const selected = rowGroups.filter((_, i) => (rowCounts[i] ?? 0) > 0);
    if (selected.length === 0) return [];
    if (projected.length === 0) return rowCounts.filter((n) => n > 0).map((n) => assemble(schema, n, []));
    return await readBatches(pf, selected, Math.max(...rowCounts), projected, schema, path);
  } finally {
    pf.free();
  }
}

/** An out-of-range index makes the wasm trap with `unreachable`, so check before reading. */
function validRowGroups(pf: ParquetFile, rowGroups: number[], path: string): number[] {
  const meta = pf.metadata();
  const count = meta.numRowGroups();
  return rowGroups.map((i) => {
    if (!Number.isInteger(i) || i < 0 || i >= count) {
      throw new Error(`Row group ${i} is out of range for ${path}, which has ${count} row group(s)`);
    }
    return meta.rowGroup(i).numRows();
  });
}

function project(pf: ParquetFile, columns: string[] | null, path: string): Projected[] {
  const fields = arrowSchemaOf(pf).fields;
  const byName = new Map(fields.map((f) => [f.name, f]));
  const names = columns ?? fields.map((f) => f.name);
  return names.map((name) => {
    const f = byName.get(name);
    if (f === undefined) {
      const available = fields.map((x) => `"${x.name}"`).join(", ");
      throw new Error(`Column "${name}" not found in ${path}; available columns: ${available}`);
    }
    return { name, type: requireColumnType(f.type, name, path), arrowType: canonicalArrowOf(f.type), nullable: f.nullable };
  });
}

async function readBatches(
  pf: ParquetFile,
  rowGroups: number[],
  batchSize: number,
  projected: Projected[],
  schema: Schema,
  path: string,
): Promise<RecordBatch[]> {
  const unique = [...new Set(projected.map((c) => c.name))];
  let ipc: Uint8Array;
  try {
    // batchSize = the largest selected row group: one batch per row group (parquet-rs never lets a
    // batch span row groups), and the reader pre-allocates batchSize rows, so no bigger.
    const table = await pf.read({ rowGroups, columns: unique, batchSize });
    ipc = table.intoIPCStream();
  } catch (e) {
    throw cannotRead(path, e);
  }
  const out: RecordBatch[] = [];
  for (const batch of tableFromIPC(ipc).batches) {
    if (batch.numRows === 0) continue;
    // parquet-wasm returns columns in file order; re-order (and repeat) as requested.
    const children = projected.map((c) => {
      const i = batch.schema.fields.findIndex((f) => f.name === c.name);
      const data = batch.data.children[i];
      if (data === undefined) throw cannotRead(path, `column "${c.name}" missing from the decoded batch`);
      return normalizeColumn(data, c.type);
    });
    out.push(assemble(schema, batch.numRows, children));
  }
  return out;
}

function assemble(schema: Schema, numRows: number, children: Data[]): RecordBatch {
  const data = makeData({ type: new Struct(schema.fields), length: numRows, nullCount: 0, children });
  return new RecordBatch(schema, data);
}
