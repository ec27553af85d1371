/**
 * The H2O db-benchmark groupby dataset G1_<N>_<K>_0_0, seeded: id1, id2 ("id001"…, K values),
 * id3 ("id0000000001"…, N/K values), id4, id5 (1…K), id6 (1…N/K), v1 (1…5), v2 (1…15),
 * v3 (0…100, 6 decimals). Columns are built as typed arrays and written as Parquet row groups or
 * CSV bytes straight from them, so generating 1e7 rows takes seconds and little memory. The same
 * seed gives the same rows in both formats.
 *
 *   npx tsx bench/generate-groupby.ts --rows 1e7 --out bench/data/G1_1e7_1e2_0_0.parquet
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Field, Float64, Int32, RecordBatch, Schema, Struct, Utf8, makeData } from "apache-arrow";
import { writeParquetFile } from "../io/parquet/index.js";
import { type CsvColumn, CsvColumnsWriter } from "./data-gen/csv-columns-writer.js";
import { idUtf8 } from "./data-gen/id-strings.js";
import { mulberry32 } from "./random.js";

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

/** The numbers behind n rows (id1…id3 are the numbers of their "id" strings). */
export interface GroupbyColumns {
  readonly id1: Int32Array; readonly id2: Int32Array; readonly id3: Int32Array;
  readonly id4: Int32Array; readonly id5: Int32Array; readonly id6: Int32Array;
  readonly v1: Int32Array; readonly v2: Int32Array; readonly v3: Float64Array;
}

/** The next n rows of a dataset of `rows` rows with K = `k`, drawn from `rnd`. */
export function groupbyColumns(rnd: () => number, n: number, rows: number, k: number): GroupbyColumns {
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
  return { id1, id2, id3, id4, id5, id6, v1, v2, v3 };
}

/** One row group's worth of the dataset: the next n rows. */
export function groupbyBatch(rnd: () => number, n: number, rows: number, k: number): RecordBatch {
  const c = groupbyColumns(rnd, n, rows, k);
  const int = (a: Int32Array) => makeData({ type: new Int32(), length: n, nullCount: 0, data: a });
  const children = [
    idUtf8(c.id1, 3), idUtf8(c.id2, 3), idUtf8(c.id3, 10),
    int(c.id4), int(c.id5), int(c.id6), int(c.v1), int(c.v2),
    makeData({ type: new Float64(), length: n, nullCount: 0, data: c.v3 }),
  ];
  return new RecordBatch(G1_SCHEMA, makeData({ type: new Struct(G1_SCHEMA.fields), length: n, nullCount: 0, children }));
}

/** Writes G1 as one Parquet file (snappy, one row group per `rowGroup` rows). */
export async function writeGroupbyParquet(path: string, rows: number, k = 100, seed = 42, rowGroup = 1_000_000): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const rnd = mulberry32(seed);
  const batches: RecordBatch[] = [];
  for (let start = 0; start < rows; start += rowGroup) batches.push(groupbyBatch(rnd, Math.min(rowGroup, rows - start), rows, k));
  await writeParquetFile(path, batches, { compression: "snappy", rowGroupSize: rowGroup });
}

/** Writes G1 as CSV with a header: the same rows as writeGroupbyParquet with the same seed. */
export function writeGroupbyCsv(path: string, rows: number, k = 100, seed = 42, chunk = 1_000_000): void {
  mkdirSync(dirname(path), { recursive: true });
  const rnd = mulberry32(seed);
  const out = new CsvColumnsWriter(path);
  try {
    for (let start = 0; start < rows; start += chunk) {
      const n = Math.min(chunk, rows - start);
      const c = groupbyColumns(rnd, n, rows, k);
      const cols: CsvColumn[] = [
        { name: "id1", kind: "id", values: c.id1, width: 3 },
        { name: "id2", kind: "id", values: c.id2, width: 3 },
        { name: "id3", kind: "id", values: c.id3, width: 10 },
        { name: "id4", kind: "int", values: c.id4 },
        { name: "id5", kind: "int", values: c.id5 },
        { name: "id6", kind: "int", values: c.id6 },
        { name: "v1", kind: "int", values: c.v1 },
        { name: "v2", kind: "int", values: c.v2 },
        { name: "v3", kind: "float", values: c.v3 },
      ];
      out.write(cols, n);
    }
  } finally {
    out.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, d: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? (process.argv[i + 1] ?? d) : d;
  };
  const rows = Number(arg("rows", "1e6"));
  const out = arg("out", `bench/data/G1_${rows.toExponential().replace("+", "")}_1e2_0_0.parquet`);
  const t = performance.now();
  if (out.endsWith(".csv")) writeGroupbyCsv(out, rows);
  else await writeGroupbyParquet(out, rows);
  console.log(`wrote ${rows} rows to ${out} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
