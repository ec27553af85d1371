/**
 * `npm start`: generates sample data (if missing) and runs the seed pipeline — read CSV, filter,
 * group, count, write Parquet, show — printing the plans, the result and the time.
 *
 *   npm start                 # 300,000 people
 *   npm start -- --rows 2e6   # more
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Session } from "../src/index.js";
import { writePeopleCsv } from "./generate-people.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const rows = Number(arg("rows", "3e5"));
const dataDir = join(import.meta.dirname, "data");
const input = join(dataDir, `people-${rows}.csv`);
const output = join(dataDir, "results");

if (!existsSync(input)) {
  const t = performance.now();
  await writePeopleCsv(input, rows);
  console.log(`Generated ${rows.toLocaleString()} rows into ${input} in ${((performance.now() - t) / 1000).toFixed(2)} s`);
}

const session = new Session();
try {
  const t0 = performance.now();
  const people = session.read.csv(input, { header: true, inferSchema: true });
  const result = people.where("age > 25").groupBy("department").count();
  await result.explain();
  const t1 = performance.now();
  await result.write.mode("overwrite").parquet(output);
  const t2 = performance.now();
  await session.read.parquet(output).orderBy("department").show();
  const t3 = performance.now();
  console.log(`schema inference + planning ${((t1 - t0) / 1000).toFixed(3)} s`);
  console.log(`pipeline (read CSV, filter, group, count, write Parquet) ${((t2 - t1) / 1000).toFixed(3)} s on ${session.workers} workers`);
  console.log(`read back and show ${((t3 - t2) / 1000).toFixed(3)} s`);
} finally {
  await session.stop();
}
