import { describe, expect, it } from "vitest";
import { type Batch, concatBatches } from "../../../executor/batch.js";
import {
  type SortKey,
  compareRowsFn,
  computeRangeBounds,
  rangePartitionIds,
  sampleRows,
  sortBatch,
} from "../../../executor/operators/sort.js";
import { splitByPartition } from "../../../executor/operators/partition.js";
import type { DataType } from "../../../planner/types.js";
import { type V, batch, compareValues, pick, rng, rowsOf, showRow } from "./helpers.js";

const TYPES: DataType[] = ["int32", "utf8", "float64", "int64", "boolean", "date", "timestamp", "int32"]; // last: row number
const STRINGS = ["", "a", "B", "ab", "é", "日本", "😀", "\uffff", "abc-long-string-over-sixteen-bytes"];

function randomRows(seed: number, n: number, nulls: boolean): V[][] {
  const r = rng(seed);
  const maybe = (v: V): V => (nulls && r() < 0.15 ? null : v);
  return Array.from({ length: n }, (_, i) => [
    maybe(r() < 0.1 ? pick(r, [2147483647, -2147483648]) : Math.floor(r() * 10) - 5),
    maybe(pick(r, STRINGS)),
    maybe(pick(r, [0, -0, 1.5, -2, Number.NaN, Infinity, -Infinity, 3])),
    maybe(pick(r, [0n, -1n, 2n ** 62n, -(2n ** 63n), 2n ** 63n - 1n, 4294967296n, 4294967295n])),
    maybe(r() < 0.5),
    maybe(Math.floor(r() * 5) - 2),
    maybe(pick(r, [0n, 1700000000000000n, -5n])),
    i,
  ]);
}

/** Reference: Array.prototype.sort (stable) with a comparator written from the spec. */
function referenceSort(rows: readonly V[][], keys: readonly SortKey[]): V[][] {
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const x = a[k.index] as V;
      const y = b[k.index] as V;
      let c: number;
      if (x === null || y === null) c = x === y ? 0 : (x === null) === k.nullsFirst ? -1 : 1;
      else c = (k.ascending ? 1 : -1) * compareValues(x, y);
      if (c !== 0) return c;
    }
    return 0;
  });
}

function randomKeys(r: () => number): SortKey[] {
  const n = 1 + Math.floor(r() * 3);
  return Array.from({ length: n }, () => ({ index: Math.floor(r() * 7), ascending: r() < 0.5, nullsFirst: r() < 0.5 }));
}

describe("sortBatch", () => {
  for (const nulls of [false, true]) {
    it(`matches a stable reference sort for 40 random key lists${nulls ? ", with nulls" : ""}`, () => {
      const rows = randomRows(nulls ? 2 : 1, 700, nulls);
      const b = batch(TYPES, rows);
      const r = rng(9);
      for (let t = 0; t < 40; t++) {
        const keys = randomKeys(r);
        expect(rowsOf(sortBatch(b, keys)).map(showRow)).toEqual(referenceSort(rows, keys).map(showRow));
      }
    });
  }

  // 100 rows take the comparator sort, 300 and 5000 the radix sort (except utf8 keys)
  for (const n of [100, 300, 5000]) {
    it(`every type, each direction and null placement (${n} rows)`, () => {
      const rows = randomRows(3, n, true);
      const b = batch(TYPES, rows);
      for (let index = 0; index < 7; index++) {
        for (const ascending of [true, false]) {
          for (const nullsFirst of [true, false]) {
            const keys = [{ index, ascending, nullsFirst }, { index: (index + 3) % 7, ascending: !ascending, nullsFirst }];
            expect(rowsOf(sortBatch(b, keys)).map(showRow)).toEqual(referenceSort(rows, keys).map(showRow));
          }
        }
      }
    });
  }

  it("is stable and puts NaN (any sign) above +Infinity, -0 equal to 0", () => {
    const base: V[] = [Number.NaN, Infinity, -0, 0, null, -0, Number.NaN, -Infinity, -1.5, 2];
    for (const copies of [1, 40]) {
      const rows: V[][] = Array.from({ length: base.length * copies }, (_, i) => [base[i % base.length] as V, i]);
      const b = batch(["float64", "int32"], rows);
      // make the first NaN of each copy a negative NaN: same value for SQL
      const bits = new Uint32Array((b.columns[0] as { values: Float64Array }).values.buffer);
      for (let i = 0; i < rows.length; i += base.length) bits[2 * i + 1] = 0xfff80000;
      for (const [ascending, nullsFirst] of [[true, false], [false, true]] as const) {
        const keys = [{ index: 0, ascending, nullsFirst }];
        expect(rowsOf(sortBatch(b, keys)).map((r) => r[1])).toEqual(referenceSort(rows, keys).map((r) => r[1]));
      }
    }
    const small = sortBatch(batch(["float64", "int32"], base.map((v, i) => [v, i])), [{ index: 0, ascending: true, nullsFirst: false }]);
    expect(rowsOf(small).map((r) => r[1])).toEqual([7, 8, 2, 3, 5, 9, 1, 0, 6, 4]);
  });

  it("ignores whatever value a null slot holds (radix path, multi-key ties)", () => {
    const r = rng(17);
    const rows: V[][] = Array.from({ length: 2000 }, (_, i) => [r() < 0.3 ? null : Math.floor(r() * 4), Math.floor(r() * 50), i]);
    const b = batch(["int32", "int32", "int32"], rows);
    const first = b.columns[0] as { values: Int32Array; valid: Uint8Array };
    for (let i = 0; i < rows.length; i++) if (first.valid[i] === 0) first.values[i] = Math.floor(r() * 1e9) - 5e8;
    for (const nullsFirst of [true, false]) {
      const keys = [{ index: 0, ascending: true, nullsFirst }, { index: 1, ascending: false, nullsFirst }];
      expect(rowsOf(sortBatch(b, keys)).map((x) => x[2])).toEqual(referenceSort(rows, keys).map((x) => x[2]));
    }
  });

  it("compareRowsFn compares rows across two batches", () => {
    const a = batch(["utf8", "int32"], [["b", 1], ["a", 9]]);
    const b = batch(["int32", "utf8"], [[1, "b"], [2, "a"]]);
    const keys: SortKey[] = [{ index: 0, ascending: true, nullsFirst: true }, { index: 1, ascending: false, nullsFirst: true }];
    const cmp = compareRowsFn(a, b, keys, [1, 0]);
    expect(Math.sign(cmp(0, 0))).toBe(0);
    expect(Math.sign(cmp(0, 1))).toBe(1);
    expect(Math.sign(cmp(1, 1))).toBe(-1);
  });
});

describe("range partitioning", () => {
  function distributedSort(parts: readonly Batch[], keys: readonly SortKey[], partitions: number): { sorted: V[][]; bounds: Batch; ids: Int32Array[] } {
    const samples = parts.map((p) => sampleRows(p, keys, 60));
    const local = keys.map((k, j) => ({ ...k, index: j }));
    const bounds = computeRangeBounds(concatBatches(samples), local, partitions);
    const ids = parts.map((p) => rangePartitionIds(p, keys, bounds));
    const byPartition: Batch[][] = Array.from({ length: partitions }, () => []);
    parts.forEach((p, j) => splitByPartition(p, ids[j] as Int32Array, partitions).forEach((s, q) => s && byPartition[q]?.push(s)));
    const sorted: V[][] = [];
    for (const list of byPartition) if (list.length > 0) sorted.push(...rowsOf(sortBatch(concatBatches(list), keys)));
    return { sorted, bounds, ids };
  }

  it("sorted partitions concatenate to a globally sorted result; equal keys share a partition", () => {
    const rows = randomRows(5, 3000, true);
    const parts = [batch(TYPES, rows.slice(0, 1000)), batch(TYPES, rows.slice(1000, 1700)), batch(TYPES, rows.slice(1700))];
    const r = rng(6);
    for (let t = 0; t < 15; t++) {
      const keys = randomKeys(r);
      const { sorted, bounds, ids } = distributedSort(parts, keys, 5);
      expect(bounds.length).toBeLessThanOrEqual(4);
      expect(sorted.map(showRow)).toEqual(referenceSort(rows, keys).map(showRow));
      const seen = new Map<string, number>();
      parts.forEach((p, j) => {
        const idv = ids[j] as Int32Array;
        rowsOf(p).forEach((row, i) => {
          const key = showRow(keys.map((k) => (typeof row[k.index] === "number" && row[k.index] === 0 ? 0 : (row[k.index] as V))));
          const id = idv[i] as number;
          expect(id).toBeGreaterThanOrEqual(0);
          expect(id).toBeLessThanOrEqual(bounds.length);
          if (seen.has(key)) expect(seen.get(key)).toBe(id);
          else seen.set(key, id);
        });
      });
    }
  });

  it("bounds are strictly ascending and deduplicated; few distinct keys give few bounds", () => {
    const b = batch(["int32"], Array.from({ length: 500 }, (_, i) => [i % 3]));
    const keys: SortKey[] = [{ index: 0, ascending: true, nullsFirst: true }];
    const bounds = computeRangeBounds(sampleRows(b, keys, 100), keys, 10);
    expect(rowsOf(bounds)).toEqual([[0], [1], [2]].slice(0, bounds.length));
    expect(bounds.length).toBeLessThanOrEqual(3);
    const same = batch(["int32"], Array.from({ length: 50 }, () => [7]));
    const one = computeRangeBounds(sampleRows(same, keys, 10), keys, 4);
    expect(one.length).toBe(1);
    expect([...new Set(rangePartitionIds(same, keys, one))]).toEqual([0]);
    const none = computeRangeBounds(sampleRows(same, keys, 0), keys, 4);
    expect(none.length).toBe(0);
    expect([...rangePartitionIds(same, keys, none)]).toEqual(Array(50).fill(0));
    expect(sampleRows(b, keys, 5).length).toBe(5);
  });
});
