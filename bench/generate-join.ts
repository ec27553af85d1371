/**
 * The H2O db-benchmark join dataset J1_<N>_NA_0_0, seeded, laid out as its `_data/join-datagen.R`:
 *
 * - keys: for each of n = N/1e6, N/1e3 and N, a random permutation of 1…1.1n is split into
 *   x (90% of n), l (10%) and r (10%); the left table draws from x ∪ l, the right tables from
 *   x ∪ r, so about 90% of the keys match;
 * - x (N rows): id1, id2, id3 (every key of its pool at least once, the rest drawn with
 *   replacement, shuffled), id4/id5/id6 = "id" + id1/id2/id3, v1 = uniform 0…100 (6 decimals);
 * - small (N/1e6 rows): id1, id4, v2; medium (N/1e3): id1, id2, id4, id5, v2;
 *   big (N): id1…id6, v2 — the last key column of each right table is unique.
 *
 * Written as CSV and Parquet: J1_<N>_NA_0_0, J1_<N>_<N/1e6>_0_0, J1_<N>_<N/1e3>_0_0, J1_<N>_<N>_0_0.
 */
import { mkdirSync } from "node:fs";
import { Field, Float64, Int32, RecordBatch, Schema, Struct, Utf8, makeData } from "apache-arrow";
import { writeParquetFile } from "../io/parquet/index.js";
import { type CsvColumn, CsvColumnsWriter } from "./data-gen/csv-columns-writer.js";
import { idUtf8 } from "./data-gen/id-strings.js";
import { mulberry32 } from "./random.js";

/** The name of each J1 table for N rows (db-benchmark naming). */
export function joinTableNames(rows: number): Record<JoinTable, string> {
  const [n1, n2] = joinKeyCounts(rows);
  return {
    x: `J1_${sizeLabel(rows)}_NA_0_0`,
    small: `J1_${sizeLabel(rows)}_${sizeLabel(n1)}_0_0`,
    medium: `J1_${sizeLabel(rows)}_${sizeLabel(n2)}_0_0`,
    big: `J1_${sizeLabel(rows)}_${sizeLabel(rows)}_0_0`,
  };
}

export type JoinTable = "x" | "small" | "medium" | "big";

/** 1e6 → "1e6", 20000 → "2e4", 1500 → "1.5e3" (db-benchmark's pretty_sci). */
export function sizeLabel(n: number): string {
  return n.toExponential().replace("+", "");
}

/** Distinct keys of id1, id2, id3: N/1e6, N/1e3, N (at least one each). */
function joinKeyCounts(rows: number): [number, number, number] {
  return [Math.max(1, Math.round(rows / 1e6)), Math.max(1, Math.round(rows / 1e3)), rows];
}

interface KeySplit {
  readonly x: Int32Array;
  readonly l: Int32Array;
  readonly r: Int32Array;
}

function shuffle(a: Int32Array, rnd: () => number): Int32Array {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
  return a;
}

/** split_xlr: a permutation of 1…(0.9n + 0.1n + 0.1n) cut into common, left-only, right-only keys. */
function splitKeys(n: number, rnd: () => number): KeySplit {
  const nx = Math.max(1, Math.round(n * 0.9));
  const nOnly = n - nx;
  const key = new Int32Array(nx + 2 * nOnly);
  for (let i = 0; i < key.length; i++) key[i] = i + 1;
  shuffle(key, rnd);
  return { x: key.subarray(0, nx), l: key.subarray(nx, n), r: key.subarray(n, n + nOnly) };
}

/** sample_all: every key of a ∪ b once, then draws with replacement up to `size`, shuffled. */
function sampleAll(a: Int32Array, b: Int32Array, size: number, rnd: () => number): Int32Array {
  const pool = a.length + b.length;
  if (size < pool) throw new Error(`sampleAll: ${size} rows cannot hold ${pool} keys`);
  const out = new Int32Array(size);
  out.set(a);
  out.set(b, a.length);
  for (let i = pool; i < size; i++) {
    const j = Math.floor(rnd() * pool);
    out[i] = (j < a.length ? a[j] : b[j - a.length]) as number;
  }
  return shuffle(out, rnd);
}

function values(n: number, rnd: () => number): Float64Array {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = Math.round(rnd() * 100 * 1e6) / 1e6;
  return v;
}

interface Table {
  readonly ints: readonly (readonly [string, Int32Array])[];
  readonly value: readonly [string, Float64Array];
}

/** The four J1 tables, in memory: ids as numbers, strings derived when written. */
export function joinTables(rows: number, seed = 108): Record<JoinTable, Table> {
  const rnd = mulberry32(seed);
  const [n1, n2, n3] = joinKeyCounts(rows);
  const k1 = splitKeys(n1, rnd), k2 = splitKeys(n2, rnd), k3 = splitKeys(n3, rnd);
  const x: Table = {
    ints: [["id1", sampleAll(k1.x, k1.l, rows, rnd)], ["id2", sampleAll(k2.x, k2.l, rows, rnd)], ["id3", sampleAll(k3.x, k3.l, rows, rnd)]],
    value: ["v1", values(rows, rnd)],
  };
  const small: Table = { ints: [["id1", sampleAll(k1.x, k1.r, n1, rnd)]], value: ["v2", values(n1, rnd)] };
  const medium: Table = {
    ints: [["id1", sampleAll(k1.x, k1.r, n2, rnd)], ["id2", sampleAll(k2.x, k2.r, n2, rnd)]],
    value: ["v2", values(n2, rnd)],
  };
  const big: Table = {
    ints: [["id1", sampleAll(k1.x, k1.r, n3, rnd)], ["id2", sampleAll(k2.x, k2.r, n3, rnd)], ["id3", sampleAll(k3.x, k3.r, n3, rnd)]],
    value: ["v2", values(n3, rnd)],
  };
  return { x, small, medium, big };
}

/** id1 → id4, id2 → id5, id3 → id6: the string twin of each int key. */
const STRING_TWIN: Readonly<Record<string, string>> = { id1: "id4", id2: "id5", id3: "id6" };

/** Column order of join-datagen.R: int keys, their string twins, then the value. */
function csvColumns(t: Table): CsvColumn[] {
  return [
    ...t.ints.map(([name, values]): CsvColumn => ({ name, kind: "int", values })),
    ...t.ints.map(([name, values]): CsvColumn => ({ name: STRING_TWIN[name] as string, kind: "id", values, width: 0 })),
    { name: t.value[0], kind: "float", values: t.value[1] },
  ];
}

function arrowBatch(t: Table): RecordBatch {
  const n = t.value[1].length;
  const fields = csvColumns(t).map((c) => new Field(c.name, c.kind === "id" ? new Utf8() : c.kind === "int" ? new Int32() : new Float64(), false));
  const schema = new Schema(fields);
  const children = [
    ...t.ints.map(([, values]) => makeData({ type: new Int32(), length: n, nullCount: 0, data: values })),
    ...t.ints.map(([, values]) => idUtf8(values, 0)),
    makeData({ type: new Float64(), length: n, nullCount: 0, data: t.value[1] }),
  ];
  return new RecordBatch(schema, makeData({ type: new Struct(fields), length: n, nullCount: 0, children }));
}

/** Splits a batch into row groups of at most `size` rows (slices share the buffers). */
function rowGroups(batch: RecordBatch, size: number): RecordBatch[] {
  const out: RecordBatch[] = [];
  for (let s = 0; s < batch.numRows; s += size) out.push(batch.slice(s, Math.min(batch.numRows, s + size)));
  return out;
}

/**
 * Writes the four J1 tables for N = `rows` into `dir` as `<name>.csv` and `<name>.parquet`.
 * @example await writeJoinData("bench/data", 1e6)
 */
export async function writeJoinData(dir: string, rows: number, seed = 108, rowGroup = 1_000_000): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const tables = joinTables(rows, seed);
  const names = joinTableNames(rows);
  for (const which of ["x", "small", "medium", "big"] as const) {
    const t = tables[which];
    const out = new CsvColumnsWriter(`${dir}/${names[which]}.csv`);
    out.write(csvColumns(t), t.value[1].length);
    out.close();
    await writeParquetFile(`${dir}/${names[which]}.parquet`, rowGroups(arrowBatch(t), rowGroup), { compression: "snappy", rowGroupSize: rowGroup });
  }
}
