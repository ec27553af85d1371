/** Where the benchmark's data lives, and generating whatever of it is missing (once per size). */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { writeGroupbyCsv, writeGroupbyParquet } from "../generate-groupby.js";
import { type JoinTable, joinTableNames, sizeLabel, writeJoinData } from "../generate-join.js";

export interface FilePair {
  readonly csv: string;
  readonly parquet: string;
}

/** The files of one benchmark size: G1 and the four J1 tables, each as CSV and Parquet. */
export interface DataFiles {
  readonly rows: number;
  readonly g1: FilePair;
  readonly j1: Readonly<Record<JoinTable, FilePair>>;
}

/** The file names for N rows in `dir` (db-benchmark naming: G1_1e6_1e2_0_0, J1_1e6_NA_0_0, …). */
export function dataFiles(dir: string, rows: number): DataFiles {
  const pair = (name: string): FilePair => ({ csv: join(dir, `${name}.csv`), parquet: join(dir, `${name}.parquet`) });
  const j = joinTableNames(rows);
  return {
    rows,
    g1: pair(`G1_${sizeLabel(rows)}_1e2_0_0`),
    j1: { x: pair(j.x), small: pair(j.small), medium: pair(j.medium), big: pair(j.big) },
  };
}

const present = (p: FilePair): boolean => existsSync(p.csv) && existsSync(p.parquet);

/**
 * Generates the files that are missing (seeded: the same bytes on every machine) and returns them.
 * @example const files = await ensureData("bench/data", 1e6, console.error)
 */
export async function ensureData(dir: string, rows: number, log: (line: string) => void): Promise<DataFiles> {
  const files = dataFiles(dir, rows);
  if (!present(files.g1)) {
    const t = performance.now();
    await writeGroupbyParquet(files.g1.parquet, rows);
    writeGroupbyCsv(files.g1.csv, rows);
    log(`generated G1 (${rows.toLocaleString("en-US")} rows, CSV + Parquet) in ${seconds(t)}`);
  }
  if (!Object.values(files.j1).every(present)) {
    const t = performance.now();
    await writeJoinData(dir, rows);
    log(`generated J1 (x, small, medium, big; CSV + Parquet) in ${seconds(t)}`);
  }
  return files;
}

const seconds = (t0: number): string => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
