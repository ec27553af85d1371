import { describe, expect, it } from "vitest";
import type { Batch } from "../../../executor/batch.js";
import { hashColumns } from "../../../executor/hash/hash-columns.js";
import { KeyTable } from "../../../executor/hash/key-table.js";
import type { DataType } from "../../../planner/types.js";
import { type V, batch, pick, rng, rowsOf, showRow } from "./helpers.js";

function ids(t: KeyTable, b: Batch, keys: number[], insert: boolean): number[] {
  const out = new Int32Array(b.length);
  const h = hashColumns(b, keys);
  if (insert) t.findOrInsert(b, keys, h, out);
  else t.find(b, keys, h, out);
  return [...out];
}

/** Reference: dense ids by first appearance, from a Map over the rows' text form. */
function referenceIds(rows: readonly V[][], seen = new Map<string, number>()): number[] {
  return rows.map((r) => {
    const k = showRow(r.map((v) => (v === 0 ? 0 : v)));
    if (!seen.has(k)) seen.set(k, seen.size);
    return seen.get(k) as number;
  });
}

const DOMAINS: Partial<Record<DataType, readonly V[]>> = {
  int32: [0, -1, 2147483647, -2147483648, 42],
  date: [0, 19000],
  boolean: [true, false],
  null: [null],
  int64: [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 4294967296n],
  timestamp: [0n, 1n],
  float64: [0, -0, Number.NaN, 1.5, -Infinity],
  utf8: ["", "a", "é", "same-prefix-16by-A", "same-prefix-16by-B", "same-prefix-16by", "😀"],
};

describe("KeyTable", () => {
  for (const types of [["int32"], ["int64"], ["float64"], ["utf8"], ["boolean"], ["date", "utf8"], ["int32", "float64", "timestamp"], ["null"]] as DataType[][]) {
    it(`maps ${types.join(" × ")} keys (with nulls) to dense first-appearance ids`, () => {
      const r = rng(types.length * 7 + types[0]!.length);
      const rows = Array.from({ length: 3000 }, () => types.map((t) => (r() < 0.1 ? null : pick(r, DOMAINS[t] ?? []))));
      const t = new KeyTable(types, { capacity: 4 });
      const keys = types.map((_, j) => j);
      const seen = new Map<string, number>();
      const got: number[] = [];
      for (let a = 0; a < rows.length; a += 333) got.push(...ids(t, batch(types, rows.slice(a, a + 333)), keys, true));
      expect(got).toEqual(referenceIds(rows, seen));
      expect(t.size).toBe(seen.size);
      // keyColumns: key id i is the first row with that key (-0 stored as 0)
      const keyRows = rowsOf({ length: t.size, columns: t.keyColumns() });
      expect(keyRows.map(showRow)).toEqual([...seen.keys()]);
      // find: known keys give their id, unknown give -1
      const absent = types.map((ty): V => (ty === "utf8" ? "absent" : ty === "float64" ? 99.5 : ty === "int64" || ty === "timestamp" ? 77n : 77));
      // (a "null"-typed column holds only nulls: no absent key exists)
      const probe = [...rows.slice(0, 50), types.map(() => null), ...(types.includes("null") || types.includes("boolean") ? [] : [absent])];
      const found = ids(t, batch(types, probe), keys, false);
      const want = referenceIds(probe, new Map(seen)).map((id) => (id >= seen.size ? -1 : id));
      expect(found).toEqual(want);
    });
  }

  it("int keys keep their ids while the key range creeps, jumps and spreads (direct window)", () => {
    const r = rng(77);
    const ranges: [number, number][] = [[0, 100], [50, 5000], [-3000, 4000], [4000, 900_000], [0, 10], [-2147483648, -2147483000], [0, 2_000_000], [5, 6]];
    const rows: V[][] = [];
    const parts: V[][][] = [];
    for (const [lo, hi] of ranges) {
      const part = Array.from({ length: 2000 }, () => [r() < 0.05 ? null : lo + Math.floor(r() * (hi - lo))]);
      parts.push(part);
      rows.push(...part);
    }
    const t = new KeyTable(["int32"]);
    const got: number[] = [];
    for (const part of parts) got.push(...ids(t, batch(["int32"], part), [0], true));
    const seen = new Map<string, number>();
    expect(got).toEqual(referenceIds(rows, seen));
    const probe = [[1], [2147483647], [-2147483648], [null], [899_999], [123_456_789]];
    expect(ids(t, batch(["int32"], probe), [0], false)).toEqual(referenceIds(probe, new Map(seen)).map((id) => (id >= seen.size ? -1 : id)));
    const bools = new KeyTable(["boolean"], { nullsEqual: false });
    expect(ids(bools, batch(["boolean"], [[true], [null], [false], [true]]), [0], true)).toEqual([0, -1, 1, 0]);
  });

  it("nullsEqual: false never inserts nor finds a row with a null key", () => {
    for (const types of [["int32"], ["utf8"], ["int32", "utf8"]] as DataType[][]) {
      const t = new KeyTable(types, { nullsEqual: false });
      const keys = types.map((_, j) => j);
      const b = batch(types, [types.map(() => null), types.map((ty) => (ty === "utf8" ? "x" : 1)), [null, ...types.slice(1).map(() => "x")]]);
      expect(ids(t, b, keys, true)).toEqual([-1, 0, -1]);
      expect(ids(t, b, keys, false)).toEqual([-1, 0, -1]);
      expect(t.size).toBe(1);
    }
  });

  it("grows to 1e6 distinct keys of every layout (int, utf8, generic)", () => {
    const n = 1_000_000;
    const ints = new Int32Array(n);
    for (let i = 0; i < n; i++) ints[i] = Math.imul(i, 2654435761) | 0; // distinct, scattered
    const intB: Batch = { length: n, columns: [{ type: "int32", values: ints, valid: null }] };
    const big = new BigInt64Array(n);
    for (let i = 0; i < n; i++) big[i] = BigInt(ints[i] as number) * 4294967296n + BigInt(i);
    const bigB: Batch = { length: n, columns: [{ type: "int64", values: big, valid: null }] };
    const enc = new TextEncoder();
    const offsets = new Int32Array(n + 1);
    const parts: Uint8Array[] = [];
    for (let i = 0; i < n; i++) {
      const p = enc.encode(i % 2 ? `k${i}` : `a-longer-key-with-a-shared-prefix-${i}`);
      parts.push(p);
      offsets[i + 1] = (offsets[i] as number) + p.length;
    }
    const data = new Uint8Array(offsets[n] as number);
    parts.forEach((p, i) => data.set(p, offsets[i] as number));
    const strB: Batch = { length: n, columns: [{ type: "utf8", offsets, data, valid: null }] };
    for (const [type, b] of [["int32", intB], ["int64", bigB], ["utf8", strB]] as const) {
      const t = new KeyTable([type]);
      const out = new Int32Array(n);
      t.findOrInsert(b, [0], hashColumns(b, [0]), out);
      expect(t.size).toBe(n);
      for (let i = 0; i < n; i++) if (out[i] !== i) expect.fail(`${type}: row ${i} got id ${out[i]}`);
      t.find(b, [0], hashColumns(b, [0]), out);
      for (let i = 0; i < n; i++) if (out[i] !== i) expect.fail(`${type}: find row ${i} got id ${out[i]}`);
    }
  });

  it("rejects a key count that does not match its types", () => {
    const t = new KeyTable(["int32", "utf8"]);
    expect(() => ids(t, batch(["int32"], [[1]]), [0], true)).toThrow(/1 key columns given, table has 2/);
  });
});
