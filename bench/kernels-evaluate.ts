/**
 * Micro benchmark (not part of the test suite): `(a * 2 + b) > 100` over 1e7 float64 rows in
 * 65,536-row batches. Prints the vectorized evaluator beside a hand-fused typed-array loop (the
 * ceiling), a naive row-object filter (the baseline) and a with-nulls variant.
 * Run: npx tsx test/executor/kernels/bench-evaluate.ts
 */
import type { BoundExpr } from "../planner/bound.js";
import type { Batch } from "../executor/batch.js";
import { evaluate, evaluatePredicate } from "../executor/kernels/evaluate.js";

const ROWS = 10_000_000;
const BATCH = 65_536;
const RUNS = 11;

const a = { kind: "input", index: 0, type: "float64" } as const;
const b = { kind: "input", index: 1, type: "float64" } as const;
const lit = (value: number): BoundExpr => ({ kind: "lit", value, type: "float64" });
const expr: BoundExpr = {
  kind: "binary",
  op: ">",
  type: "boolean",
  left: {
    kind: "binary",
    op: "+",
    type: "float64",
    left: { kind: "binary", op: "*", left: a, right: lit(2), type: "float64" },
    right: b,
  },
  right: lit(100),
};

function makeBatches(nullEvery: number): Batch[] {
  const out: Batch[] = [];
  let seed = 42;
  const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 100;
  for (let start = 0; start < ROWS; start += BATCH) {
    const n = Math.min(BATCH, ROWS - start);
    const av = new Float64Array(n);
    const bv = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      av[i] = rnd();
      bv[i] = rnd();
    }
    let valid: Uint8Array | null = null;
    if (nullEvery > 0) {
      valid = new Uint8Array(n).fill(1);
      for (let i = 0; i < n; i += nullEvery) valid[i] = 0;
    }
    out.push({
      length: n,
      columns: [
        { type: "float64", values: av, valid },
        { type: "float64", values: bv, valid: null },
      ],
    });
  }
  return out;
}

function time(name: string, f: () => number): void {
  const rates: number[] = [];
  let check = f(); // warm-up: let the JIT settle before timing
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    check = f();
    const ms = performance.now() - t0;
    rates.push(ROWS / (ms / 1000));
  }
  rates.sort((x, y) => x - y);
  const median = rates[Math.floor(RUNS / 2)]!;
  console.log(`${name.padEnd(44)} ${(median / 1e6).toFixed(0).padStart(6)} M rows/s  (best ${(rates[RUNS - 1]! / 1e6).toFixed(0)}; ${check} true)`);
}

const plain = makeBatches(0);
const nulls = makeBatches(10);

time("evaluate → boolean column", () => {
  let t = 0;
  for (const batch of plain) {
    const c = evaluate(expr, batch);
    if (c.type === "boolean") t += c.values[0]!;
  }
  return t;
});
time("evaluatePredicate → mask", () => {
  let t = 0;
  for (const batch of plain) t += evaluatePredicate(expr, batch)[0]!;
  return t;
});
time("evaluatePredicate → mask, 10% nulls in a", () => {
  let t = 0;
  for (const batch of nulls) t += evaluatePredicate(expr, batch)[0]!;
  return t;
});
time("ceiling: hand-fused typed-array loop", () => {
  let t = 0;
  for (const batch of plain) {
    const ca = batch.columns[0]!;
    const cb = batch.columns[1]!;
    if (ca.type !== "float64" || cb.type !== "float64") throw new Error("float64 expected");
    const x = ca.values;
    const y = cb.values;
    const m = new Uint8Array(batch.length);
    for (let i = 0; i < batch.length; i++) m[i] = x[i]! * 2 + y[i]! > 100 ? 1 : 0;
    t += m[0]!;
  }
  return t;
});
const objects = plain.slice(0, 16).map((batch) => {
  const ca = batch.columns[0]!;
  const cb = batch.columns[1]!;
  if (ca.type !== "float64" || cb.type !== "float64") throw new Error("float64 expected");
  return Array.from(ca.values, (v, i) => ({ a: v, b: cb.values[i]! }));
});
time("baseline: row objects + filter closure", () => {
  let t = 0;
  for (let k = 0; k < plain.length; k++) t += objects[k % objects.length]!.filter((r) => r.a * 2 + r.b > 100).length > 0 ? 1 : 0;
  return t;
});
