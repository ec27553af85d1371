import { describe, expect, it } from "vitest";
import type { Batch, Col } from "../../../executor/batch.js";
import { HashAggregator } from "../../../executor/operators/hash-aggregate.js";
import type { DataType } from "../../../planner/types.js";
import { aggCase, aggregate, expectGroups, twoPhase } from "./agg-fixtures.js";
import { type V, batches, checkBatches, compareUtf8, pick, rng, rowsOf } from "./helpers.js";

const wrap = (x: bigint): bigint => BigInt.asIntN(64, x);

describe("HashAggregator: exact integer sums", () => {
  const sum64 = aggCase("sum", 1, "int64");
  const avg64 = aggCase("avg", 1, "int64");
  const count = aggCase("count", null, "int64");

  it("sums int64 values near 2^62 exactly, wrapping like Spark's long", () => {
    const big = 2n ** 62n;
    const rows: V[][] = [
      [1, big - 1n], [1, big - 3n], [1, 5n], // 2^63 - 4 + 5 → wraps to -2^63 + 1
      [2, -big], [2, -big], [2, -big], // -3·2^62 → wraps to 2^62
      [3, big + 12345n], [3, -big], [3, 7n], // mixed big/small: 12352
      [4, 9007199254740993n], [4, 1n], // 2^53 + 2: not representable in float64 on the way
    ];
    const input = batches(["int32", "int64"], rows, 2);
    const out = aggregate({ mode: "complete", keyTypes: ["int32"], aggs: [sum64.spec, avg64.spec] }, input);
    const got = new Map(rowsOf(out).map((r) => [r[0], r.slice(1)]));
    expect(got.get(1)).toEqual([wrap(2n * big - 4n + 5n), Number(2n * big + 1n) / 3]);
    expect(got.get(1)?.[0]).toBe(-(2n ** 63n) + 1n);
    expect(got.get(2)).toEqual([2n ** 62n, Number(-3n * big) / 3]);
    expect(got.get(3)).toEqual([12352n, 12352 / 3]);
    expect(got.get(4)?.[0]).toBe(9007199254740994n);
    // two-phase: sums stay exact through the int64 state
    const two = twoPhase(["int32"], [sum64.spec], [input.slice(0, 3), input.slice(3)]);
    expect(new Map(rowsOf(two).map((r) => [r[0], r[1]]))).toEqual(new Map([[1, wrap(2n * big + 1n)], [2, 2n ** 62n], [3, 12352n], [4, 9007199254740994n]]));
  });

  it("stays exact over many batches of large values (fold and split-word paths)", () => {
    const r = rng(42);
    const rows: V[][] = [];
    for (let i = 0; i < 40 * 16384; i++) {
      const g = Math.floor(r() * 50);
      // mostly ~2^35 (float path with periodic folds), some ~2^61 (split-word path)
      const v = r() < 0.001 ? BigInt(Math.floor(r() * 2 ** 30)) * 2n ** 31n : BigInt(Math.floor(r() * 2 ** 36) - 2 ** 35);
      rows.push([g, r() < 0.05 ? null : v]);
    }
    const input = batches(["int32", "int64"], rows, 16384);
    const want = new Map<number, bigint>();
    for (const [g, v] of rows) if (v !== null) want.set(g as number, (want.get(g as number) ?? 0n) + (v as bigint));
    const out = aggregate({ mode: "complete", keyTypes: ["int32"], aggs: [sum64.spec, count.spec] }, input);
    checkBatches(out);
    for (const [g, s] of rowsOf(out)) expect(s).toBe(wrap(want.get(g as number) ?? 0n));
  });

  it("sums int32 extremes exactly past 2^53 (4.2M rows of ±2^31)", () => {
    const n = 1 << 21;
    const mk = (x: number): Batch => ({
      length: n,
      columns: [{ type: "int32", values: new Int32Array(n), valid: null }, { type: "int32", values: new Int32Array(n).fill(x), valid: null }],
    });
    const agg = new HashAggregator({ mode: "complete", keyTypes: ["int32"], aggs: [aggCase("sum", 1, "int32").spec, aggCase("avg", 1, "int32").spec] });
    for (let k = 0; k < 3; k++) agg.consume(mk(2147483647));
    agg.consume(mk(-2147483648));
    agg.consume(mk(5));
    const total = BigInt(n) * (3n * 2147483647n - 2147483648n + 5n);
    expect(rowsOf(agg.finish())).toEqual([[0, total, Number(total) / (5 * n)]]);
  });
});

describe("HashAggregator: DISTINCT", () => {
  it("count/sum/avg(DISTINCT) per group with nulls and duplicates across batches", () => {
    const r = rng(3);
    const rows: V[][] = [];
    for (let i = 0; i < 3000; i++) {
      rows.push([
        r() < 0.1 ? null : pick(r, ["x", "y", "z", "w"]),
        r() < 0.2 ? null : Math.floor(r() * 20) - 10,
        r() < 0.2 ? null : pick(r, ["a", "b", "é", "", "long-string-with-more-than-16-bytes"]),
        r() < 0.2 ? null : pick(r, [0, -0, 1.5, Number.NaN, 2.25]),
        r() < 0.2 ? null : BigInt(Math.floor(r() * 5)) * 2n ** 61n,
      ]);
    }
    const types: DataType[] = ["utf8", "int32", "utf8", "float64", "int64"];
    const cases = [
      aggCase("count", 1, "int32", true),
      aggCase("sum", 1, "int32", true),
      aggCase("avg", 1, "int32", true),
      aggCase("count", 2, "utf8", true),
      aggCase("count", 3, "float64", true), // -0 = 0, NaN = NaN
      aggCase("sum", 3, "float64", true),
      aggCase("sum", 4, "int64", true),
      aggCase("min", 2, "utf8", true),
      aggCase("count", 1, "int32"),
    ];
    const out = aggregate({ mode: "complete", keyTypes: ["utf8"], aggs: cases.map((c) => c.spec) }, batches(types, rows, 128));
    expectGroups(out, rows, 1, cases);
    const global = aggregate({ mode: "complete", keyTypes: [], aggs: [cases[0]!.spec, cases[3]!.spec] }, batches(types, rows, 1000));
    const distinct = (j: number): bigint => BigInt(new Set(rows.filter((row) => row[j] !== null).map((row) => row[j])).size);
    expect(rowsOf(global)).toEqual([[distinct(1), distinct(2)]]);
  });
});

describe("HashAggregator: many groups", () => {
  it("1e6 int32 groups: sum and count match a Map", () => {
    const n = 2_000_000;
    const r = rng(11);
    const out: Batch[] = [];
    const want = new Map<number, [number, number]>();
    const agg = new HashAggregator({ mode: "complete", keyTypes: ["int32"], aggs: [aggCase("sum", 1, "int32").spec, aggCase("count", null, "int64").spec] });
    for (let a = 0; a < n; a += 65536) {
      const m = Math.min(65536, n - a);
      const k = new Int32Array(m);
      const v = new Int32Array(m);
      for (let i = 0; i < m; i++) {
        k[i] = a + i < 1_000_000 ? a + i : Math.floor(r() * 1_000_000); // every key at least once
        v[i] = Math.floor(r() * 1000);
        const w = want.get(k[i] as number);
        if (w) (w[0] += v[i] as number), w[1]++;
        else want.set(k[i] as number, [v[i] as number, 1]);
      }
      agg.consume({ length: m, columns: [{ type: "int32", values: k, valid: null }, { type: "int32", values: v, valid: null }] });
    }
    out.push(...agg.finish());
    checkBatches(out);
    expect(out.reduce((s, b) => s + b.length, 0)).toBe(1_000_000);
    for (const b of out) {
      const [k, s, c] = b.columns as [Col & { values: Int32Array }, Col & { values: BigInt64Array }, Col & { values: BigInt64Array }];
      for (let i = 0; i < b.length; i++) {
        const w = want.get(k.values[i] as number) as [number, number];
        if (s.values[i] !== BigInt(w[0]) || c.values[i] !== BigInt(w[1])) expect.fail(`key ${k.values[i]}`);
      }
    }
  });

  it("2e5 utf8 groups, long and short keys, min/max/first/last of strings", () => {
    const r = rng(12);
    const rows: V[][] = [];
    for (let i = 0; i < 400_000; i++) {
      const g = Math.floor(r() * 200_000);
      rows.push([g % 3 === 0 ? `k${g}` : `a-much-longer-key-with-the-same-prefix-${g}`, `v${Math.floor(r() * 1e6)}`]);
    }
    const cases = [aggCase("min", 1, "utf8"), aggCase("max", 1, "utf8"), aggCase("first", 1, "utf8"), aggCase("last", 1, "utf8")];
    const input = batches(["utf8", "utf8"], rows, 65536);
    expectGroups(aggregate({ mode: "complete", keyTypes: ["utf8"], aggs: cases.map((c) => c.spec) }, input), rows, 1, cases);
  });

  it("max over ever-growing strings in one group compacts the string arena", () => {
    const rows: V[][] = [];
    for (let i = 0; i < 20_000; i++) rows.push([1, `${String(i).padStart(6, "0")}-${"x".repeat(i % 200)}`]);
    const out = aggregate({ mode: "complete", keyTypes: ["int32"], aggs: [aggCase("max", 1, "utf8").spec, aggCase("min", 1, "utf8").spec] }, batches(["int32", "utf8"], rows, 7));
    const sorted = rows.map((x) => x[1] as string).sort(compareUtf8);
    expect(rowsOf(out)).toEqual([[1, sorted[sorted.length - 1], sorted[0]]]);
  });
});
