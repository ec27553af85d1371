import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { hashColumns } from "../../../executor/hash/hash-columns.js";
import { hashPartitionIds, roundRobinIds, splitByPartition } from "../../../executor/operators/partition.js";
import type { DataType } from "../../../planner/types.js";
import { type V, batch, pick, rng, rowsOf } from "./helpers.js";

const TYPES: DataType[] = ["int32", "utf8", "float64", "int64", "boolean"];
const GOLDEN_ROWS: V[][] = [
  [1, "a", 1.5, 1n, true],
  [null, "", -0, -1n, false],
  [-7, "日本😀 long string over sixteen", Number.NaN, 2n ** 62n, null],
];

describe("hashColumns / hashPartitionIds", () => {
  it("is deterministic: fixed values, and the same in another process", () => {
    const b = batch(TYPES, GOLDEN_ROWS);
    // Changing these breaks compatibility of shuffle files written by another version.
    expect([...hashColumns(b, [0, 1, 2, 3, 4])]).toEqual([1711736118, 90509893, 2127289870]);
    expect([...hashColumns(b, [1])]).toEqual([2484849571, 1704717895, 80961075]);
    expect(new Set(hashColumns(b, [])).size).toBe(1);
    const src = fileURLToPath(new URL("../../../executor/hash/hash-columns.ts", import.meta.url));
    const script = `import { hashColumns } from ${JSON.stringify(src)};
      const b = { length: 2, columns: [{ type: "utf8", offsets: Int32Array.of(0, 1, 3), data: Uint8Array.of(97, 98, 99), valid: null }] };
      console.log(JSON.stringify([...hashColumns(b, [0])]));`;
    const other = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
    expect(JSON.parse(other)).toEqual([...hashColumns(batch(["utf8"], [["a"], ["bc"]]), [0])]);
  });

  it("gives equal keys the same partition, whatever their physical layout", () => {
    // Same values, different surroundings: utf8 at other offsets, -0 vs 0, NaN payloads, garbage under nulls.
    const a = batch(["utf8", "float64", "int32"], [["x", 0, null], ["hello", Number.NaN, 5], ["", 1, 6]]);
    const nan2 = new Float64Array(new BigUint64Array([0x7ff8dead00000001n]).buffer)[0] as number;
    const shifted = batch(["utf8", "float64", "int32"], [["zzz", 9, 9], ["x", -0, null], ["hello", nan2, 5], ["", 1, 6]]);
    expect(Number.isNaN(nan2)).toBe(true);
    const idsA = hashPartitionIds(a, [0, 1, 2], 7);
    const idsB = hashPartitionIds(shifted, [0, 1, 2], 7);
    expect([...idsB.subarray(1)]).toEqual([...idsA]);
    const garbage = batch(["int32"], [[null]]);
    (garbage.columns[0] as { values: Int32Array }).values[0] = 12345;
    expect(hashColumns(garbage, [0])[0]).toBe(hashColumns(batch(["int32"], [[null]]), [0])[0]);
  });

  it("puts every row in exactly one partition, keys together, in input order", () => {
    const r = rng(1);
    const rows: V[][] = Array.from({ length: 5000 }, (_, i) => [r() < 0.1 ? null : Math.floor(r() * 300), pick(r, ["a", "b", null]), i]);
    const b = batch(["int32", "utf8", "int32"], rows);
    for (const n of [1, 2, 7, 16]) {
      const ids = hashPartitionIds(b, [0, 1], n);
      const parts = splitByPartition(b, ids, n);
      expect(parts).toHaveLength(n);
      const keyPart = new Map<string, number>();
      let total = 0;
      parts.forEach((p, q) => {
        if (p === null) return;
        expect(p.length).toBeGreaterThan(0);
        const got = rowsOf(p);
        total += got.length;
        const idx = got.map((row) => row[2] as number);
        expect(idx).toEqual([...idx].sort((x, y) => x - y)); // input order kept
        for (const row of got) {
          expect(ids[row[2] as number]).toBe(q);
          const k = JSON.stringify(row.slice(0, 2));
          expect(keyPart.get(k) ?? q).toBe(q);
          keyPart.set(k, q);
        }
      });
      expect(total).toBe(rows.length);
      if (n >= 7) expect(parts.filter((p) => p !== null).length).toBe(n); // 300 keys spread over all
    }
  });

  it("splitByPartition gives null for empty partitions", () => {
    const b = batch(["int32"], [[1], [2], [3]]);
    const parts = splitByPartition(b, Int32Array.of(2, 0, 2), 4);
    expect(parts.map((p) => (p === null ? null : rowsOf(p)))).toEqual([[[2]], null, [[1], [3]], null]);
    expect(() => hashPartitionIds(b, [0], 0)).toThrow(/partitions/);
  });

  it("roundRobinIds deals rows in turn from a start partition", () => {
    expect([...roundRobinIds(7, 3, 2)]).toEqual([2, 0, 1, 2, 0, 1, 2]);
    expect([...roundRobinIds(3, 4, 9)]).toEqual([1, 2, 3]);
    expect([...roundRobinIds(0, 4, 0)]).toEqual([]);
  });
});
