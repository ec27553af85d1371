/**
 * The H2O db-benchmark groupby dataset G1_<N>_<K>_0_0, seeded: id1, id2 ("id001"…, K values),
 * id3 ("id0000000001"…, N/K values), id4, id5 (1…K), id6 (1…N/K), v1 (1…5), v2 (1…15),
 * v3 (0…100, 6 decimals). Columns are built straight into Arrow buffers and written as Parquet
 * row groups, so generating 1e7 rows takes seconds and little memory.
 *
 *   npx tsx bench/generate-groupby.ts --rows 1e7 --out bench/data/G1_1e7_1e2_0_0.parquet
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Field, Float64, Int32, RecordBatch, Schema, Struct, Utf8, makeData } from "apache-arrow";
import { writeParquetFile } from "../io/parquet/index.js";
import { mulberry32 } from "./random.js";

const enc = new TextEncoder();

function utf8Column(values: (i: number) => string, n: number) {
  const offsets = new Int32Array(n + 1);
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const b = enc.encode(values(i));
    chunks.push(b);
    bytes += b.length;
    offsets[i + 1] = bytes;
  }
  const data = new Uint8Array(bytes);
  let p = 0;
  for (const c of chunks) {
    data.set(c, p);
    p += c.length;
  }
  return makeData({ type: new Utf8(), length: n, nullCount: 0, valueOffsets: offsets, data });
}

export const G1_SCHEMA = new Schema([
  new Field("id1", new Utf8(), false),
  new Field("id2", new Utf8(), false),
  new Field("id3", new Utf8(), false),
  new Field("id4", new Int32(), false),
  new Field("id5", new Int32(), false),
  new Field("id6", new Int32(), false),
  new Field("v1", new Int32(), false),
  new Field("v2", new Int32(), false),
  new Field("v3", new Float64(), false),
]);

/** One row group's worth of the dataset, rows [start, start + n). */
export function groupbyBatch(rnd: () => number, n: number, rows: number, k: number): RecordBatch {
  const nk = Math.max(1, Math.floor(rows / k));
  const pick = (m: number) => 1 + Math.floor(rnd() * m);
  const id1 = new Int32Array(n), id2 = new Int32Array(n), id3 = new Int32Array(n);
  const id4 = new Int32Array(n), id5 = new Int32Array(n), id6 = new Int32Array(n);
  const v1 = new Int32Array(n), v2 = new Int32Array(n), v3 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    id1[i] = pick(k); id2[i] = pick(k); id3[i] = pick(nk);
    id4[i] = pick(k); id5[i] = pick(k); id6[i] = pick(nk);
    v1[i] = pick(5); v2[i] = pick(15); v3[i] = Math.round(rnd() * 100 * 1e6) / 1e6;
  }
  const pad = (x: number, w: number) => `id${String(x).padStart(w, "0")}`;
  const int = (a: Int32Array) => makeData({ type: new Int32(), length: n, nullCount: 0, data: a });
  const children = [
    utf8Column((i) => pad(id1[i] as number, 3), n),
    utf8Column((i) => pad(id2[i] as number, 3), n),
    utf8Column((i) => pad(id3[i] as number, 10), n),
    int(id4), int(id5), int(id6), int(v1), int(v2),
    makeData({ type: new Float64(), length: n, nullCount: 0, data: v3 }),
  ];
  return new RecordBatch(G1_SCHEMA, makeData({ type: new Struct(G1_SCHEMA.fields), length: n, nullCount: 0, children }));
}

export async function writeGroupbyParquet(path: string, rows: number, k = 100, seed = 42, rowGroup = 1_000_000): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const rnd = mulberry32(seed);
  const batches: RecordBatch[] = [];
  for (let start = 0; start < rows; start += rowGroup) batches.push(groupbyBatch(rnd, Math.min(rowGroup, rows - start), rows, k));
  await writeParquetFile(path, batches, { compression: "snappy", rowGroupSize: rowGroup });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, d: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? (process.argv[i + 1] ?? d) : d;
  };
  const rows = Number(arg("rows", "1e6"));
  const out = arg("out", `bench/data/G1_${rows.toExponential().replace("+", "")}_1e2_0_0.parquet`);
  const t = performance.now();
  await writeGroupbyParquet(out, rows);
  console.log(`wrote ${rows} rows to ${out} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
