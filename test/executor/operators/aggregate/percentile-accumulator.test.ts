/**
 * median / percentile (exact, interpolated, float64) and approxPercentile (nearest rank, the input
 * type) over int32/int64/float64/date inputs with and without nulls, against sort-based references.
 */
import { describe, expect, it } from "vitest";
import { createAccumulator } from "../../../../executor/operators/aggregate/create-accumulator.js";
import type { DataType } from "../../../../planner/types.js";
import { close, nearestRankOf, percentileOf } from "../../../helpers/stats.js";
import { rng } from "../helpers.js";
import { complete, specOf, toBatches } from "./harness.js";
import { ALL_NULL, GROUPS, NO_ROWS, ONE, statRows, valuesOf } from "./stat-rows.js";

const PS = [0, 0.001, 0.25, 0.3, 0.5, 0.9, 0.999, 1];

describe("PercentileAccumulator", () => {
  for (const type of ["int32", "int64", "float64"] as DataType[]) {
    for (const nulls of [false, true]) {
      it(`percentile and median over ${type}${nulls ? " with nulls" : ""}`, () => {
        const rows = statRows(rng(31 + Number(nulls)), type, null, nulls);
        const batches = toBatches(rows, type, null, 113);
        for (const p of PS) {
          const got = complete(specOf("percentile", type, "float64", { params: [p] }), GROUPS, batches);
          for (let g = 0; g < GROUPS; g++) {
            const want = percentileOf(valuesOf(rows, g), p);
            if (!close(got[g] as number | null, want, 1e-12)) expect.fail(`percentile(${type}, ${p}) group ${g}: got ${got[g]}, want ${want}`);
          }
          expect([got[ALL_NULL], got[NO_ROWS]]).toEqual([null, null]);
          expect(got[ONE]).toBe(Number(valuesOf(rows, ONE)[0]));
        }
        const med = complete(specOf("median", type, "float64"), GROUPS, batches);
        med.forEach((v, g) => expect(close(v as number | null, percentileOf(valuesOf(rows, g), 0.5), 1e-12)).toBe(true));
      });
    }
  }

  for (const type of ["int32", "int64", "float64", "date"] as DataType[]) {
    for (const nulls of [false, true]) {
      it(`approxPercentile over ${type}${nulls ? " with nulls" : ""}: a value of the column, by nearest rank`, () => {
        const rows = statRows(rng(41 + Number(nulls)), type, null, nulls);
        const batches = toBatches(rows, type, null, 64);
        for (const p of PS) {
          const got = complete(specOf("approxPercentile", type, type, { params: [p, 10000] }), GROUPS, batches);
          expect(got).toEqual(Array.from({ length: GROUPS }, (_, g) => nearestRankOf(valuesOf(rows, g), p)));
        }
      });
    }
  }

  it("interpolates between the middle values of an even count, and orders NaN last (as Spark)", () => {
    const rows = [1, 10, 4, 3].map((x) => ({ g: 0, x })).concat([1, Number.NaN, 3].map((x) => ({ g: 1, x })));
    expect(complete(specOf("median", "float64", "float64"), 2, toBatches(rows, "float64", null, 3))).toEqual([3.5, 3]);
    expect(complete(specOf("percentile", "float64", "float64", { params: [0.25] }), 2, toBatches(rows, "float64", null, 3))[0]).toBe(2.5);
  });

  it("keeps int64 answers exact beyond 2^53", () => {
    const xs = [2n ** 62n + 1n, 2n ** 62n + 3n, 2n ** 62n + 2n];
    const got = complete(specOf("approxPercentile", "int64", "int64", { params: [0.5, 100] }), 1, toBatches(xs.map((x) => ({ g: 0, x })), "int64", null, 2));
    expect(got).toEqual([2n ** 62n + 2n]);
  });

  it("counts each value once under DISTINCT", () => {
    const rows = [1, 1, 1, 5].map((x) => ({ g: 0, x }));
    expect(complete(specOf("median", "int32", "float64", { distinct: true }), 1, toBatches(rows, "int32", null, 4))).toEqual([3]);
  });

  it("runs in complete mode only: there is no partial state", () => {
    expect(() => createAccumulator(specOf("median", "int32", "float64"), "partial")).toThrow(/complete mode only/);
    expect(() => createAccumulator(specOf("percentile", "int32", "float64", { params: [0.5] }), "final")).toThrow(/complete mode only/);
  });
});
