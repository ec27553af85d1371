/**
 * Aggregate test fixtures: random rows over every key type, the aggregates under test, and their
 * expected values computed with plain JS (BigInt sums, Buffer.compare for strings).
 */
import { expect } from "vitest";
import type { Batch } from "../../../executor/batch.js";
import { type AggregateSpec, HashAggregator } from "../../../executor/operators/hash-aggregate.js";
import type { AggSpec } from "../../../planner/bound.js";
import type { AggFn } from "../../../planner/expr.js";
import type { DataType, PrimitiveType } from "../../../planner/types.js";
import { type V, canon, checkBatches, compareValues, pick, rowsOf, show } from "./helpers.js";

export const KEY_DOMAINS: Partial<Record<DataType, readonly V[]>> = {
  int32: [-5, 0, 7, 2147483647, -2147483648],
  int64: [0n, -1n, 2n ** 62n, -(2n ** 63n), 123456789012n],
  utf8: ["", "a", "é", "日本", "😀", "id-0000000000000001", "id-0000000000000002"],
  boolean: [true, false],
  date: [0, 19000, -1],
  float64: [0, -0, 1.5, Number.NaN, -Infinity, 1e300],
  timestamp: [0n, 1700000000000000n],
  null: [null],
};

/** Input layout: [key, i32, i64, f64, s, b, d]. */
export const VALUE_TYPES: DataType[] = ["int32", "int64", "float64", "utf8", "boolean", "date"];
const STRINGS = ["", "b", "a", "ab", "é", "z", "日本", "😀", "\uffff", "abc-long-string-over-sixteen-bytes"];

export function randomRows(r: () => number, n: number, keyType: DataType, keyNulls: boolean, valueNulls: boolean): V[][] {
  const maybe = (v: V): V => (valueNulls && r() < 0.2 ? null : v);
  const rows: V[][] = [];
  for (let i = 0; i < n; i++) {
    const key = keyNulls && r() < 0.15 ? null : pick(r, KEY_DOMAINS[keyType] ?? []);
    const i32 = r() < 0.02 ? pick(r, [2147483647, -2147483648]) : Math.floor(r() * 2001) - 1000;
    const i64 = r() < 0.05 ? pick(r, [2n ** 60n, -(2n ** 59n)]) : BigInt(Math.floor(r() * 1e12) - 5e11);
    const f64 = r() < 0.03 ? pick(r, [Number.NaN, -0, 0, Infinity]) : Math.round(r() * 1e6) / 100 - 5000;
    rows.push([key, maybe(i32), maybe(i64), maybe(f64), maybe(pick(r, STRINGS)), maybe(r() < 0.5), maybe(Math.floor(r() * 40000) - 20000)]);
  }
  return rows;
}

export interface AggCase {
  readonly spec: AggSpec;
  readonly float: boolean;
  readonly expected: (vals: readonly V[]) => V;
}

const nonNull = (vs: readonly V[]): V[] => vs.filter((v) => v !== null);
const intSum = (vs: readonly V[]): bigint => nonNull(vs).reduce<bigint>((s, v) => s + BigInt(v as number | bigint), 0n);

function best(vs: readonly V[], max: boolean): V {
  let out: V = null;
  for (const v of nonNull(vs)) if (out === null || compareValues(v, out) * (max ? 1 : -1) > 0) out = v;
  return out;
}

export function expectedAgg(fn: AggFn, inputType: DataType, vs: readonly V[]): V {
  const nn = nonNull(vs);
  switch (fn) {
    case "count":
      return BigInt(nn.length);
    case "sum":
      if (nn.length === 0) return null;
      if (inputType === "float64") return nn.reduce<number>((s, v) => s + (v as number), 0);
      return BigInt.asIntN(64, intSum(vs));
    case "avg":
      if (nn.length === 0) return null;
      if (inputType === "float64") return nn.reduce<number>((s, v) => s + (v as number), 0) / nn.length;
      return Number(intSum(vs)) / nn.length;
    case "min":
      return best(vs, false);
    case "max":
      return best(vs, true);
    case "first":
      return vs.length === 0 ? null : (vs[0] as V);
    case "last":
      return vs.length === 0 ? null : (vs[vs.length - 1] as V);
    default:
      throw new Error(`no expected value for ${fn} in this matrix (see test/executor/operators/aggregate/)`);
  }
}

function spec(fn: AggFn, input: number | null, inputType: DataType, distinct = false): AggSpec {
  const resultType: DataType =
    fn === "count" ? "int64" : fn === "avg" ? "float64" : fn === "sum" ? (inputType === "float64" ? "float64" : "int64") : inputType;
  return { fn, distinct, input, inputType, resultType };
}

export function aggCase(fn: AggFn, input: number | null, inputType: DataType, distinct = false): AggCase {
  const float = inputType === "float64" || fn === "avg";
  const expected = (vs: readonly V[]): V => {
    if (input === null) return BigInt(vs.length); // count(*): vs holds one entry per row
    if (!distinct) return expectedAgg(fn, inputType, vs);
    const seen = new Set<string>();
    const firsts: V[] = [];
    for (const v of nonNull(vs)) {
      const k = show(normKey(v));
      if (seen.has(k)) continue;
      seen.add(k);
      firsts.push(v);
    }
    return expectedAgg(fn, inputType, firsts);
  };
  return { spec: spec(fn, input, inputType, distinct), float, expected };
}

/** The aggregates of the main matrix, over the layout [key, i32, i64, f64, s, b, d]. */
export const MATRIX: AggCase[] = [
  aggCase("count", null, "int64"),
  aggCase("count", 4, "utf8"),
  aggCase("sum", 1, "int32"),
  aggCase("sum", 2, "int64"),
  aggCase("sum", 3, "float64"),
  aggCase("avg", 1, "int32"),
  aggCase("avg", 2, "int64"),
  aggCase("avg", 3, "float64"),
  ...(["min", "max"] as const).flatMap((fn) => VALUE_TYPES.map((t, j) => aggCase(fn, j + 1, t))),
  ...(["first", "last"] as const).flatMap((fn) => [aggCase(fn, 1, "int32"), aggCase(fn, 4, "utf8"), aggCase(fn, 3, "float64"), aggCase(fn, 2, "int64")]),
];

/** Grouping normalisation (Spark): -0 groups with 0, every NaN together. */
export function normKey(v: V): V {
  return typeof v === "number" && v === 0 ? 0 : v;
}

export function groupRows(rows: readonly (readonly V[])[], keyCols: number): Map<string, V[][]> {
  const groups = new Map<string, V[][]>();
  for (const r of rows) {
    const k = r.slice(0, keyCols).map((v) => show(normKey(v))).join("|");
    const g = groups.get(k);
    if (g) g.push([...r]);
    else groups.set(k, [[...r]]);
  }
  return groups;
}

/**
 * Float results agree within 1e-9 of their magnitude, where `scale` (the mean |input|) covers
 * cancellation: float sums in another order, or avg's float64 partial sums of huge int64s.
 */
export function closeTo(a: V, b: V, scale = 0): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a !== "number" || typeof b !== "number") return a === b;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b), scale);
}

function meanAbs(vs: readonly V[]): number {
  let s = 0;
  let n = 0;
  for (const v of vs) {
    if (typeof v !== "number" && typeof v !== "bigint") continue;
    const x = Math.abs(Number(v));
    if (Number.isFinite(x)) (s += x), n++;
  }
  return n === 0 ? 0 : s / n;
}

/** Checks output rows [keys…, results…] against `expected` computed per group from `rows`. */
export function expectGroups(out: readonly Batch[], rows: readonly (readonly V[])[], keyCols: number, cases: readonly AggCase[]): void {
  checkBatches(out);
  const groups = groupRows(rows, keyCols);
  const got = rowsOf(out);
  expect(canon(got.map((r) => r.slice(0, keyCols)))).toEqual(canon([...groups.values()].map((g) => (g[0] as V[]).slice(0, keyCols).map(normKey))));
  for (const r of got) {
    const g = groups.get(r.slice(0, keyCols).map((v) => show(normKey(v))).join("|")) as V[][];
    cases.forEach((c, j) => {
      const vs = g.map((row) => (c.spec.input === null ? 1 : (row[c.spec.input] as V)));
      const want = c.expected(vs);
      const have = r[keyCols + j] as V;
      if (c.float ? !closeTo(have, want, meanAbs(vs)) : have !== want) {
        expect.fail(`${c.spec.fn}(#${c.spec.input}:${c.spec.inputType}) for key ${r.slice(0, keyCols).map(show)}: got ${show(have)}, want ${show(want)}`);
      }
    });
  }
}

export function aggregate(spec: AggregateSpec, input: readonly Batch[]): Batch[] {
  const agg = new HashAggregator(spec);
  for (const b of input) agg.consume(b);
  return agg.finish();
}

/** Partial aggregation over `parts` (one aggregator each), then a final one over all their output. */
export function twoPhase(keyTypes: DataType[], aggs: readonly AggSpec[], parts: readonly (readonly Batch[])[]): Batch[] {
  const partials = parts.flatMap((p) => aggregate({ mode: "partial", keyTypes, aggs }, p));
  return aggregate({ mode: "final", keyTypes, aggs }, partials);
}
