/**
 * Parquet into an apache-arrow Table in this thread, through parquet-wasm: how the naive baseline,
 * Arquero and Danfo get the data (none of them reads Parquet itself).
 */
import { readFileSync } from "node:fs";
import { makeVector, type Table, type Vector, tableFromIPC } from "apache-arrow";
import { readParquet } from "parquet-wasm";

/** Reads a whole Parquet file. @example const t = readParquetTable("bench/data/G1_1e6_1e2_0_0.parquet") */
export function readParquetTable(path: string): Table {
  // A large batch size: the default 1,024 rows makes ~1,000 tiny batches per million (LIBRARIES.md).
  const wasm = readParquet(readFileSync(path), { batchSize: 1 << 20 });
  return tableFromIPC(wasm.intoIPCStream());
}

export type JsColumn = Int32Array | Float64Array | string[];

/** A column as one JS array: typed for numbers, strings as JS strings (no nulls in the bench data). */
export function jsColumn(table: Table, name: string): JsColumn {
  const v: Vector | null = table.getChild(name);
  if (v === null) throw new Error(`no column ${name}`);
  const a: unknown = v.toArray();
  if (a instanceof Int32Array || a instanceof Float64Array) return a;
  if (Array.isArray(a)) return a.map(String);
  throw new Error(`column ${name}: unsupported type ${String(v.type)}`);
}

/**
 * The sum of a result column's finite values (as checksum.ts's sumFinite adds them, in row order),
 * read straight from its Arrow buffers. Copying q10's 10 million rows into a JS array first (a
 * BigInt each for an int64 count) added memory of the harness's checker — not the engine's — to
 * the engine's peak.
 */
export function arrowSum(table: Table, name: string): number {
  const v = table.getChild(name);
  if (v === null) throw new Error(`result has no column ${name} (columns: ${table.schema.fields.map((f) => f.name).join(", ")})`);
  let s = 0;
  for (const d of v.data) {
    const n = d.length;
    const nulls = d.nullCount > 0;
    const vals: unknown = d.values;
    if (vals instanceof Float64Array || vals instanceof Float32Array || vals instanceof Int32Array || vals instanceof Int16Array || vals instanceof Int8Array || vals instanceof Uint32Array) {
      for (let i = 0; i < n; i++) {
        if (nulls && !d.getValid(i)) continue;
        const x = vals[i] as number;
        if (Number.isFinite(x)) s += x;
      }
    } else if (vals instanceof BigInt64Array) {
      const w = new Int32Array(vals.buffer, vals.byteOffset, 2 * vals.length); // an all-null chunk may have no values
      for (let i = 0; i < n; i++) if (!nulls || d.getValid(i)) s += (w[2 * i + 1] as number) * 4294967296 + ((w[2 * i] as number) >>> 0);
    } else {
      for (const x of makeVector(d)) {
        const y = typeof x === "bigint" ? Number(x) : x;
        if (typeof y === "number" && Number.isFinite(y)) s += y;
      }
    }
  }
  return s;
}
