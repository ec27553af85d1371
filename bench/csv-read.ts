/**
 * CSV decode throughput: generates a ~50 MB, 9-column file (db-benchmark groupby shape: 3 string
 * ids, 5 ints, 1 float; ~2% quoted fields with commas, quotes and newlines), then times the fast
 * decoder (all columns, 2 columns) against the csv-parse reference path. Run: npx tsx <this file>
 */
import { createWriteStream, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inferCsvSchema, planCsvSplits, readCsvSplit, readCsvSplitReference } from "../io/csv/index.js";

const path = join(tmpdir(), "cinder-csv-bench.csv");
const out = createWriteStream(path);
let seed = 42;
const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const id = (n: number, w: number) => `id${String(Math.floor(rnd() * n) + 1).padStart(w, "0")}`;
let buf = "id1,id2,id3,id4,id5,id6,v1,v2,v3\n";
for (let i = 0; i < 1_000_000; i++) {
  const id3 = rnd() < 0.02 ? `"${id(1e4, 10)}, ""q""\nx"` : id(1e4, 10);
  const ints = [100, 100, 1e4, 5, 15].map((n) => Math.floor(rnd() * n) + 1).join(",");
  buf += `${id(100, 3)},${id(100, 3)},${id3},${ints},${(rnd() * 100).toFixed(6)}\n`;
  if (buf.length > 1 << 20) {
    if (!out.write(buf)) await once(out, "drain");
    buf = "";
  }
}
out.end(buf);
await once(out, "finish");

const size = statSync(path).size;
const opts = { header: true, inferSchema: true };
const schema = await inferCsvSchema(path, opts);
const [split] = await planCsvSplits([{ path, size }], opts, Infinity);
const mbps = (ms: number) => `${(size / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
async function time(label: string, runs: number, f: () => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  console.log(`${label}: best ${mbps(Math.min(...times))}, first ${mbps(times[0]!)}`);
}
console.log(`file ${(size / 1e6).toFixed(1)} MB, schema ${schema.map((c) => `${c.name}:${c.type}`).join(" ")}`);
await time("fast decoder, 9 columns", 6, () => readCsvSplit(split!, schema, opts, null));
await time("fast decoder, 2 columns", 4, () => readCsvSplit(split!, schema, opts, ["id4", "v3"]));
await time("csv-parse reference, 9 columns", 1, () => readCsvSplitReference(split!, schema, opts, null));
const t0 = performance.now();
const splits = await planCsvSplits([{ path, size }], opts, 4 << 20);
console.log(`split planning: ${splits.length} ranges at ${mbps(performance.now() - t0)}`);
