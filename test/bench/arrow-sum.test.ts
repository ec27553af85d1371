import { Float64, Int32, Int64, makeData, makeVector, Table, tableFromArrays, vectorFromArray } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { arrowSum } from "../../bench/engines/arrow-data.js";
import { sumFinite } from "../../bench/harness/checksum.js";

// The checker's sum read from Arrow buffers must equal the sum of the values a row-by-row read gives.
const rowByRow = (t: Table, c: string): (number | bigint | null)[] => [...t.getChild(c)!] as (number | bigint | null)[];
describe("arrowSum", () => {
  it("adds finite values, skipping nulls, NaN and infinities, in int32, int64 and float64 columns", () => {
    const f = vectorFromArray([1.5, null, NaN, -2.25, Infinity, 4], new Float64());
    const i = vectorFromArray([3, null, -7, 2 ** 31 - 1], new Int32());
    const l = vectorFromArray([5n, -(2n ** 40n), null, 2n ** 50n], new Int64());
    const t = new Table({ f, i, l });
    expect(arrowSum(t, "f")).toBe(1.5 - 2.25 + 4);
    expect(arrowSum(t, "i")).toBe(3 - 7 + (2 ** 31 - 1));
    expect(arrowSum(t, "l")).toBe(5 - 2 ** 40 + 2 ** 50);
    for (const c of ["f", "i", "l"]) expect(arrowSum(t, c)).toBe(sumFinite(rowByRow(t, c)));
    expect(() => arrowSum(t, "nope")).toThrow(/no column nope/);
  });

  it("reads sliced and multi-chunk columns at their offsets", () => {
    const values = Float64Array.from({ length: 1000 }, (_, k) => (k % 7 === 0 ? NaN : k * 0.5));
    const bitmap = new Uint8Array(125).fill(0xff);
    bitmap[10] = 0; // rows 80..87 null
    const whole = makeVector(makeData({ type: new Float64(), length: 1000, nullCount: 8, nullBitmap: bitmap, data: values }));
    const sliced = whole.slice(75, 930);
    const t = new Table({ x: sliced.concat(whole.slice(0, 10)) });
    let want = 0;
    for (const k of [...Array.from({ length: 855 }, (_, j) => 75 + j), ...Array.from({ length: 10 }, (_, j) => j)]) {
      if (k >= 80 && k < 88) continue;
      if (k % 7 !== 0) want += k * 0.5;
    }
    expect(arrowSum(t, "x")).toBe(want);
    expect(arrowSum(t, "x")).toBe(sumFinite(rowByRow(t, "x")));
    expect(arrowSum(tableFromArrays({ y: new Int32Array([1, 2, 3]) }), "y")).toBe(6);
  });
});
