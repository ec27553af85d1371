/**
 * A 10-million-row groupBy over a generated Parquet file: time and peak memory, beside the data's
 * Arrow size. (The full benchmark against DuckDB, Polars, Arquero and Danfo is its own issue.)
 *
 *   npm run bench:groupby -- --rows 1e7
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Session, avg, col, corr, count, median, stddev, sum } from "../src/index.js";
import { writeGroupbyParquet } from "./generate-groupby.js";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? d) : d;
};
const rows = Number(arg("rows", "1e7"));
const file = join(import.meta.dirname, "data", `G1_${rows}_1e2.parquet`);
if (!existsSync(file)) {
  const t = performance.now();
  await writeGroupbyParquet(file, rows);
  console.log(`generated ${rows.toLocaleString()} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const timer = setInterval(sample, 20);
const base = process.memoryUsage().rss;

// Arrow size of the columns the queries read: 3 strings of 5, 5 and 12 bytes, 5 int32, 1 float64.
const arrowBytes = rows * (3 * 4 + 5 + 5 + 12 + 5 * 4 + 8);
const session = new Session();
try {
  const df = session.read.parquet(file);
  const queries: [string, () => Promise<unknown>][] = [
    ["q1 sum(v1) by id1", () => df.groupBy("id1").agg(sum("v1")).collect()],
    ["q3 sum(v1), mean(v3) by id3", () => df.groupBy("id3").agg(sum("v1"), avg("v3")).collect()],
    ["q5 sum(v1,v2,v3) by id6", () => df.groupBy("id6").agg(sum("v1"), sum("v2"), sum("v3")).collect()],
    ["q10-like count by id4, id5", () => df.groupBy("id4", "id5").agg(count("*")).collect()],
    ["q6 median(v3), sd(v3) by id4, id5", () => df.groupBy("id4", "id5").agg(median("v3"), stddev("v3")).collect()],
    ["q9 corr(v1, v2)^2 by id2, id4", () => df.groupBy("id2", "id4").agg(corr("v1", "v2").alias("r")).select("id2", "id4", col("r").multiply(col("r")).alias("r2")).collect()],
  ];
  for (const [name, q] of queries) {
    const t = performance.now();
    const out = (await q()) as unknown[];
    console.log(`${name.padEnd(30)} ${((performance.now() - t) / 1000).toFixed(2)} s  ${out.length} groups`);
  }
} finally {
  await session.stop();
  clearInterval(timer);
  sample();
}
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
console.log(`rows ${rows.toLocaleString()}, Arrow size of the columns read ≈ ${mb(arrowBytes)}`);
console.log(`peak RSS ${mb(peak)} (process at start ${mb(base)}; growth ${mb(peak - base)} = ${((peak - base) / arrowBytes).toFixed(2)}× the Arrow size)`);
