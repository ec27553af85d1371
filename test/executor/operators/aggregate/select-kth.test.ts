import { describe, expect, it } from "vitest";
import { minOf, nansLast, selectKth } from "../../../../executor/operators/aggregate/select-kth.js";
import { rng } from "../helpers.js";

describe("selectKth", () => {
  const r = rng(3);
  const cases: [string, () => number][] = [
    ["distinct floats", () => r() * 1000 - 500],
    ["many ties", () => Math.floor(r() * 4)],
    ["all equal", () => 7],
  ];
  for (const [name, draw] of cases) {
    it.each([1, 2, 15, 16, 17, 100, 1001])(`${name}, %i values: every k against a sort`, (n) => {
      const base = Float64Array.from({ length: n }, draw);
      const sorted = Float64Array.from(base).sort();
      for (const k of new Set([0, n - 1, n >> 1, Math.floor(n / 3), Math.min(n - 1, 1)])) {
        // In the middle of a larger array: only [3, 3 + n) may move.
        const v = new Float64Array(n + 6).fill(-1e9);
        v.set(base, 3);
        selectKth(v, 3, 3 + n, 3 + k);
        expect(v[3 + k]).toBe(sorted[k]);
        for (let t = 3; t < 3 + k; t++) expect(v[t]).toBeLessThanOrEqual(v[3 + k] as number);
        for (let t = 3 + k + 1; t < 3 + n; t++) expect(v[t]).toBeGreaterThanOrEqual(v[3 + k] as number);
        if (k + 1 < n) expect(minOf(v, 3 + k + 1, 3 + n)).toBe(sorted[k + 1]);
        expect([...v.subarray(0, 3), ...v.subarray(3 + n)]).toEqual(new Array(6).fill(-1e9));
        expect(Float64Array.from(v.subarray(3, 3 + n)).sort()).toEqual(sorted);
      }
    });
  }

  it("moves NaNs to the end of the slice", () => {
    const v = Float64Array.from([NaN, 1, NaN, 3, 2, NaN, 0]);
    const end = nansLast(v, 1, 6); // [1, NaN, 3, 2, NaN]
    expect(end).toBe(4);
    expect([...v.subarray(1, 4)].sort()).toEqual([1, 2, 3]);
    expect(Number.isNaN(v[4] as number) && Number.isNaN(v[5] as number)).toBe(true);
    expect(Number.isNaN(v[0] as number)).toBe(true);
    expect(v[6]).toBe(0);
  });
});
