import { describe, expect, it } from "vitest";
import type { Batch } from "../../../executor/batch.js";
import { HashAggregator, aggStateTypes } from "../../../executor/operators/hash-aggregate.js";
import type { DataType } from "../../../planner/types.js";
import { KEY_DOMAINS, MATRIX, VALUE_TYPES, aggCase, aggregate, expectGroups, randomRows, twoPhase } from "./agg-fixtures.js";
import { batch, batches, checkBatches, col, rng, rowsOf } from "./helpers.js";

const KEY_TYPES = Object.keys(KEY_DOMAINS) as DataType[];
const LAYOUT = (k: DataType): DataType[] => [k, ...VALUE_TYPES];
const aggs = MATRIX.map((c) => c.spec);

describe("HashAggregator: every aggregate × key type × nulls", () => {
  for (const keyType of KEY_TYPES) {
    for (const keyNulls of [false, true]) {
      for (const valueNulls of [false, true]) {
        const name = `${keyType} keys${keyNulls ? " with nulls" : ""}, values${valueNulls ? " with nulls" : " without nulls"}`;
        it(name, () => {
          const r = rng(KEY_TYPES.indexOf(keyType) * 4 + Number(keyNulls) * 2 + Number(valueNulls) + 1);
          const rows = randomRows(r, 1500, keyType, keyNulls, valueNulls);
          const input = batches(LAYOUT(keyType), rows, 257);
          const complete = aggregate({ mode: "complete", keyTypes: [keyType], aggs }, input);
          expectGroups(complete, rows, 1, MATRIX);
          // partial → final over three partial aggregators equals complete
          const parts = [input.slice(0, 2), input.slice(2, 3), input.slice(3)];
          const final = twoPhase([keyType], aggs, parts);
          expectGroups(final, rows, 1, MATRIX);
        });
      }
    }
  }

  it("composite keys (utf8, int32, boolean) with nulls", () => {
    const r = rng(99);
    const rows = randomRows(r, 2000, "utf8", true, true).map((row) => [row[0] ?? null, r() < 0.1 ? null : Math.floor(r() * 3), r() < 0.5, ...row.slice(1)]);
    const types: DataType[] = ["utf8", "int32", "boolean", ...VALUE_TYPES];
    const cases = MATRIX.map((c) => aggCase(c.spec.fn, c.spec.input === null ? null : c.spec.input + 2, c.spec.inputType));
    const input = batches(types, rows, 500);
    const keyTypes: DataType[] = ["utf8", "int32", "boolean"];
    expectGroups(aggregate({ mode: "complete", keyTypes, aggs: cases.map((c) => c.spec) }, input), rows, 3, cases);
    expectGroups(twoPhase(keyTypes, cases.map((c) => c.spec), [input.slice(0, 1), input.slice(1)]), rows, 3, cases);
  });

  it("partial output has the schema aggStateTypes describes", () => {
    const rows = randomRows(rng(5), 100, "int32", true, true);
    const out = aggregate({ mode: "partial", keyTypes: ["int32"], aggs }, batches(LAYOUT("int32"), rows, 64));
    const want = ["int32", ...aggs.flatMap(aggStateTypes)];
    for (const b of out) expect(b.columns.map((c) => c.type)).toEqual(want);
    expect(aggStateTypes(aggCase("sum", 1, "int32").spec)).toEqual(["int64", "int64"]);
    expect(aggStateTypes(aggCase("sum", 3, "float64").spec)).toEqual(["float64", "int64"]);
    expect(aggStateTypes(aggCase("avg", 1, "int32").spec)).toEqual(["float64", "int64"]);
    expect(aggStateTypes(aggCase("first", 4, "utf8").spec)).toEqual(["utf8", "boolean"]);
  });
});

describe("HashAggregator: partial pass-through when grouping does not reduce", () => {
  it("passes rows on as states once groups ≈ rows, and the final aggregate still gets every group right", () => {
    const r = rng(17);
    // 300,000 rows, ~97% distinct keys: the partial aggregate switches to pass-through after 2^17 rows.
    const rows = randomRows(r, 300_000, "int32", true, true).map((row, i) => [r() < 0.03 ? i % 1000 : 1000 + i, ...row.slice(1)]);
    const input = batches(LAYOUT("int32"), rows, 8192);
    const partial = new HashAggregator({ mode: "partial", keyTypes: ["int32"], aggs });
    const states: Batch[] = [];
    for (const b of input) {
      partial.consume(b);
      states.push(...partial.takeReady());
    }
    // Everything after the switch went out early, row by row.
    expect(states.reduce((n, x) => n + x.length, 0)).toBeGreaterThan(100_000);
    states.push(...partial.finish());
    const final = aggregate({ mode: "final", keyTypes: ["int32"], aggs }, states);
    expectGroups(final, rows, 1, MATRIX);
  });
});

describe("HashAggregator: global and empty", () => {
  const globalAggs = [
    aggCase("count", null, "int64"),
    aggCase("count", 1, "int32"),
    aggCase("sum", 1, "int32"),
    aggCase("sum", 3, "float64"),
    aggCase("avg", 1, "int32"),
    aggCase("min", 4, "utf8"),
    aggCase("max", 3, "float64"),
    aggCase("first", 1, "int32"),
  ];
  const specs = globalAggs.map((c) => c.spec);
  const layout: DataType[] = ["int32", ...VALUE_TYPES];

  it("global aggregation of no rows gives one row: count 0, others null", () => {
    for (const mode of ["complete", "partial"] as const) {
      const out = aggregate({ mode, keyTypes: [], aggs: specs }, []);
      checkBatches(out);
      expect(out).toHaveLength(1);
      const result = mode === "complete" ? out : aggregate({ mode: "final", keyTypes: [], aggs: specs }, out);
      expect(rowsOf(result)).toEqual([[0n, 0n, null, null, null, null, null, null]]);
    }
    // empty batches are ignored
    const withEmpty = aggregate({ mode: "complete", keyTypes: [], aggs: specs }, batches(layout, [], 10));
    expect(rowsOf(withEmpty)).toHaveLength(1);
  });

  it("global aggregation over rows, complete and two-phase", () => {
    const rows = randomRows(rng(7), 999, "int32", false, true);
    const input = batches(layout, rows, 100);
    // expectGroups wants key columns first: give the single global row a constant null key.
    const keyed = (out: Batch[]): Batch[] => out.map((b) => ({ length: b.length, columns: [col("null", [null]), ...b.columns] }));
    const all = rows.map((r) => [null, ...r.slice(1)]);
    const complete = aggregate({ mode: "complete", keyTypes: [], aggs: specs }, input);
    expect(complete).toHaveLength(1);
    expectGroups(keyed(complete), all, 1, globalAggs);
    expectGroups(keyed(twoPhase([], specs, [input.slice(0, 5), input.slice(5)])), all, 1, globalAggs);
  });

  it("grouped aggregation of no rows gives no batch", () => {
    expect(aggregate({ mode: "complete", keyTypes: ["int32"], aggs: specs }, [])).toEqual([]);
    expect(aggregate({ mode: "partial", keyTypes: ["utf8"], aggs: specs }, batches(["utf8", ...VALUE_TYPES], [], 1))).toEqual([]);
  });

  it("splits output into batches of at most 65536 rows", () => {
    const n = 150_000;
    const keys = new Int32Array(n);
    for (let i = 0; i < n; i++) keys[i] = i * 7;
    const agg = new HashAggregator({ mode: "complete", keyTypes: ["int32"], aggs: [aggCase("count", null, "int64").spec] });
    agg.consume({ length: n, columns: [{ type: "int32", values: keys, valid: null }] });
    const out = agg.finish();
    checkBatches(out);
    expect(out.map((b) => b.length)).toEqual([65536, 65536, n - 131072]);
    expect(String(agg)).toBe("HashAggregate[complete]: keys=[#0], aggs=[count(*)]");
  });

  it("rejects DISTINCT outside complete mode and a mismatched result type", () => {
    const d = aggCase("count", 1, "int32", true).spec;
    expect(() => new HashAggregator({ mode: "partial", keyTypes: [], aggs: [d] })).toThrow(/complete mode/);
    expect(() => new HashAggregator({ mode: "complete", keyTypes: [], aggs: [{ ...d, distinct: false, fn: "sum", resultType: "int32" }] })).toThrow(/int64/);
    expect(() => new HashAggregator({ mode: "complete", keyTypes: [], aggs: [{ ...aggCase("sum", 1, "utf8").spec }] })).toThrow(/utf8/);
  });
});

describe("HashAggregator: counts shared across aggregates", () => {
  // Batch 1 has no nulls, batch 2 only nulls in v (group "n" is seen only there), batch 3 mixes;
  // v is int32, w float64 without nulls. Worked by hand below.
  const types: DataType[] = ["utf8", "int32", "float64"];
  const input = [
    batch(types, [["a", 1, 1.5], ["b", 2, 2.5], ["a", 3, 0.5]]),
    batch(types, [["n", null, 4], ["a", null, 1], ["b", null, 1]]),
    batch(types, [["b", 5, 1], ["n", null, 2], ["a", 7, 1]]),
  ];
  const specs = [
    aggCase("sum", 1, "int32").spec,
    aggCase("avg", 1, "int32").spec,
    aggCase("count", 1, "int32").spec,
    aggCase("count", null, "int32").spec,
    aggCase("avg", 2, "float64").spec,
  ];
  // key: sum(v), avg(v), count(v), count(*), avg(w)
  const want = [
    ["a", 11n, 11 / 3, 3n, 4n, 4 / 4],
    ["b", 7n, 7 / 2, 2n, 3n, 4.5 / 3],
    ["n", null, null, 0n, 2n, 6 / 2],
  ];
  const sorted = (bs: readonly Batch[]) => rowsOf(bs).sort((x, y) => String(x[0]).localeCompare(String(y[0])));

  it("complete mode", () => {
    expect(sorted(aggregate({ mode: "complete", keyTypes: ["utf8"], aggs: specs }, input))).toEqual(want);
  });

  it("partial (over batches with and without nulls) then final", () => {
    expect(sorted(twoPhase(["utf8"], specs, [input.slice(0, 2), input.slice(2)]))).toEqual(want);
    expect(sorted(twoPhase(["utf8"], specs, [input.slice(0, 1), input.slice(1)]))).toEqual(want);
  });
});

describe("HashAggregator: composite int keys packed into int32 words", () => {
  // (a, b, c) int32 keys with nulls. Batches 1-2 fit one packed word, batch 3 widens it (negative
  // and larger values: the keys so far are repacked), batch 4 needs two words (b spans ~2^30),
  // batch 5 more than two (c spans ~2^30 too: the keys so far move to the composite table).
  // Group ids must survive every move.
  const types: DataType[] = ["int32", "int32", "int32", "int32"];
  const r = rng(17);
  const wide = () => (r() < 0.1 ? null : Math.floor(r() * 2 ** 30) * (r() < 0.5 ? -1 : 1));
  const small = () => (r() < 0.1 ? null : Math.floor(r() * 5));
  const mk = (n: number, a: () => number | null, b: () => number | null, c: () => number | null) =>
    Array.from({ length: n }, () => [a(), b(), c(), Math.floor(r() * 10)] as (number | null)[]);
  const rows = [
    ...mk(200, small, small, small),
    ...mk(200, small, small, small),
    ...mk(300, () => (r() < 0.1 ? null : Math.floor(r() * 40) - 20), small, small),
    ...mk(300, small, wide, small),
    ...mk(300, small, small, wide),
    ...mk(200, small, small, small),
  ];
  const bounds = [0, 200, 400, 700, 1000, 1300];
  const spec = aggCase("sum", 3, "int32").spec;
  const keyTypes: DataType[] = ["int32", "int32", "int32"];
  const expected = new Map<string, bigint>();
  for (const [a, b, c, v] of rows) expected.set(`${a}|${b}|${c}`, (expected.get(`${a}|${b}|${c}`) ?? 0n) + BigInt(v as number));
  const want = [...expected].map(([k, s]) => [...k.split("|").map((x) => (x === "null" ? null : Number(x))), s]);
  const byKey = (x: unknown[], y: unknown[]) => [0, 1, 2].map((j) => String(x[j]).localeCompare(String(y[j]))).find((d) => d !== 0) ?? 0;
  const input = bounds.map((at, i) => batch(types, rows.slice(at, bounds[i + 1] ?? rows.length)));

  it("keeps every group through a repack, a second word and a move to the composite table", () => {
    const out = rowsOf(aggregate({ mode: "complete", keyTypes, aggs: [spec] }, input));
    expect(out.sort(byKey)).toEqual(want.sort(byKey));
    const final = rowsOf(twoPhase(keyTypes, [spec], [input.slice(0, 3), input.slice(3)]));
    expect(final.sort(byKey)).toEqual(want.sort(byKey));
  });

  it("keeps every group when the keys need two words and never more", () => {
    const two = input.slice(0, 4);
    const rows4 = rows.slice(0, 1000);
    const exp = new Map<string, bigint>();
    for (const [a, b, c, v] of rows4) exp.set(`${a}|${b}|${c}`, (exp.get(`${a}|${b}|${c}`) ?? 0n) + BigInt(v as number));
    const want4 = [...exp].map(([k, s]) => [...k.split("|").map((x) => (x === "null" ? null : Number(x))), s]);
    expect(rowsOf(aggregate({ mode: "complete", keyTypes, aggs: [spec] }, two)).sort(byKey)).toEqual(want4.sort(byKey));
  });
});

describe("HashAggregator: composite keys over an empty input", () => {
  // An empty partition (TPC-H Q1 with more shuffle partitions than groups): no batch ever fixes a
  // packed layout, and finishing must still give zero groups, not an internal error.
  const spec = aggCase("sum", 2, "int32").spec;
  for (const keyTypes of [["int32", "int32"], ["utf8", "utf8"], ["utf8", "date"]] as DataType[][]) {
    it(`${keyTypes.join(", ")} keys, no batches or an empty batch`, () => {
      expect(rowsOf(aggregate({ mode: "complete", keyTypes, aggs: [spec] }, []))).toEqual([]);
      expect(rowsOf(aggregate({ mode: "complete", keyTypes, aggs: [spec] }, [batch([...keyTypes, "int32"], [])]))).toEqual([]);
      expect(rowsOf(twoPhase(keyTypes, [spec], [[], []]))).toEqual([]);
    });
  }
});
