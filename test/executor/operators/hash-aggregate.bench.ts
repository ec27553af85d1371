/**
 * Throughput of HashAggregator (complete mode): sum(int32) + count(*) over 1e7 rows in 64k-row
 * batches, int32 and utf8 keys, 100 and 1e6 groups, beside a naive baseline (a JS Map of
 * accumulators). Not part of the test suite: `npx tsx test/executor/operators/hash-aggregate.bench.ts`.
 */
import { type Batch, type Col, StringColBuilder } from "../../../executor/batch.js";
import { HashAggregator } from "../../../executor/operators/hash-aggregate.js";

const N = Number(process.env.ROWS ?? 1e7);
const B = 65536;

function makeBatches(groups: number, utf8: boolean, nulls: boolean): Batch[] {
  const out: Batch[] = [];
  let seed = 12345;
  for (let s = 0; s < N; s += B) {
    const n = Math.min(B, N - s);
    const keys = new Int32Array(n);
    const vals = new Int32Array(n);
    const valid = nulls ? new Uint8Array(n) : null;
    for (let i = 0; i < n; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      keys[i] = seed % groups;
      vals[i] = (seed >>> 8) % 1000;
      if (valid) valid[i] = seed % 10 === 0 ? 0 : 1;
    }
    let key: Col = { type: "int32", values: keys, valid: null };
    if (utf8) {
      const sb = new StringColBuilder(n, n * 10);
      for (let i = 0; i < n; i++) sb.append(`id${String(keys[i]).padStart(7, "0")}`);
      key = sb.finish();
    }
    out.push({ length: n, columns: [key, { type: "int32", values: vals, valid }] });
  }
  return out;
}

function runCinder(batches: Batch[], utf8: boolean): { ms: number; groups: number } {
  const t0 = performance.now();
  const agg = new HashAggregator({
    mode: "complete",
    keyTypes: [utf8 ? "utf8" : "int32"],
    aggs: [
      { fn: "sum", distinct: false, input: 1, inputType: "int32", resultType: "int64" },
      { fn: "count", distinct: false, input: null, inputType: "int64", resultType: "int64" },
    ],
  });
  for (const b of batches) agg.consume(b);
  let groups = 0;
  for (const b of agg.finish()) groups += b.length;
  return { ms: performance.now() - t0, groups };
}

/** Naive baseline: a Map from key to [sum, count], int32 keys only. */
function runNaive(batches: Batch[]): number {
  const t0 = performance.now();
  const m = new Map<number, [number, number]>();
  for (const b of batches) {
    const k = (b.columns[0] as { values: Int32Array }).values;
    const v = (b.columns[1] as { values: Int32Array }).values;
    for (let i = 0; i < b.length; i++) {
      const acc = m.get(k[i] as number);
      if (acc) {
        acc[0] += v[i] as number;
        acc[1]++;
      } else m.set(k[i] as number, [v[i] as number, 1]);
    }
  }
  return performance.now() - t0;
}

const fmt = (ms: number): string => `${ms.toFixed(0).padStart(6)} ms  ${((N / ms) * 1e3 / 1e6).toFixed(1).padStart(5)} M rows/s`;
for (const groups of [100, 1e6]) {
  for (const utf8 of [false, true]) {
    for (const nulls of [false, true]) {
      const batches = makeBatches(groups, utf8, nulls);
      const runs = [runCinder(batches, utf8), runCinder(batches, utf8), runCinder(batches, utf8)];
      const best = runs.reduce((a, b) => (a.ms < b.ms ? a : b));
      const label = `${utf8 ? "utf8 " : "int32"} keys, ${String(groups).padStart(7)} groups${nulls ? ", 10% null values" : ""}`;
      console.log(`cinder  ${label.padEnd(45)} ${fmt(best.ms)}  (${best.groups} groups)`);
      if (!utf8 && !nulls) console.log(`naive   ${"Map<number, [sum, count]>".padEnd(45)} ${fmt(Math.min(runNaive(batches), runNaive(batches)))}`);
    }
  }
}
