/**
 * stddev/variance accumulators, table-driven over int32/int64/float64 inputs with and without
 * nulls: complete mode and partial → final (Chan's merge) against two-pass textbook formulas.
 */
import { describe, expect, it } from "vitest";
import type { AggFn } from "../../../../planner/expr.js";
import type { DataType } from "../../../../planner/types.js";
import { close, momentTolerance, stddevPopOf, stddevSampOf, varPopOf, varSampOf } from "../../../helpers/stats.js";
import { rng } from "../helpers.js";
import { complete, specOf, toBatches, twoPhase } from "./harness.js";
import { ALL_NULL, CONSTANT, GROUPS, NO_ROWS, ONE, statRows, valuesOf } from "./stat-rows.js";

const FNS: [AggFn, (vs: readonly (number | bigint)[]) => number | null][] = [
  ["stddevSamp", stddevSampOf],
  ["stddevPop", stddevPopOf],
  ["varSamp", varSampOf],
  ["varPop", varPopOf],
];
const TYPES: DataType[] = ["int32", "int64", "float64"];

describe("MomentsAccumulator", () => {
  for (const [fn, reference] of FNS) {
    for (const type of TYPES) {
      for (const nulls of [false, true]) {
        it(`${fn} over ${type}${nulls ? " with nulls" : ""}`, () => {
          const rows = statRows(rng(TYPES.indexOf(type) * 2 + Number(nulls) + 1), type, null, nulls);
          const batches = toBatches(rows, type, null, 97);
          const spec = specOf(fn, type, "float64");
          const want = Array.from({ length: GROUPS }, (_, g) => reference(valuesOf(rows, g)));
          for (const got of [complete(spec, GROUPS, batches), twoPhase(spec, GROUPS, batches, [1, 3])]) {
            got.forEach((v, g) => {
              if (!close(v as number | null, want[g], momentTolerance(valuesOf(rows, g)))) expect.fail(`${fn}(${type}) group ${g}: got ${v}, want ${want[g]}`);
            });
            const pop = fn.endsWith("Pop");
            expect(got[ONE]).toBe(pop ? 0 : null); // Spark 3: the sample variants of one value are NULL
            expect(got[ALL_NULL]).toBe(null);
            expect(got[NO_ROWS]).toBe(null);
            expect(got[CONSTANT]).toBe(0); // Welford keeps a constant's deviation exactly 0
          }
        });
      }
    }
  }

  it("is numerically stable where the one-pass textbook formula cancels", () => {
    // 1e9 + {4, 7, 13, 16}: variance 30; Σx² − (Σx)²/n in doubles loses every digit here.
    const xs = [4, 7, 13, 16].map((d) => 1e9 + d);
    const rows = xs.map((x) => ({ g: 0, x }));
    const batches = toBatches(rows, "float64", null, 1);
    expect(complete(specOf("varSamp", "float64", "float64"), 1, batches)[0]).toBeCloseTo(30, 6);
    expect(twoPhase(specOf("varPop", "float64", "float64"), 1, batches, [1, 2, 3])[0]).toBeCloseTo(22.5, 6);
    const naive = (xs.reduce((s, x) => s + x * x, 0) - xs.reduce((s, x) => s + x, 0) ** 2 / 4) / 3;
    expect(Math.abs(naive - 30)).toBeGreaterThan(1); // the formula the accumulator avoids
  });

  it("merges partial states that are empty, one-valued or full in any order", () => {
    const rows = [{ g: 0, x: 1 }, { g: 0, x: 2 }, { g: 0, x: 4 }, { g: 0, x: 8 }];
    const batches = toBatches(rows, "int32", null, 1);
    const spec = specOf("stddevSamp", "int32", "float64");
    for (const cuts of [[0], [4], [1], [0, 0, 3], [1, 2, 3]]) {
      expect(close(twoPhase(spec, 1, batches, cuts)[0] as number, stddevSampOf([1, 2, 4, 8]))).toBe(true);
    }
  });

  it("reads int64 beyond 2^53 as the nearest double, as Spark's cast to double", () => {
    const xs = [2n ** 62n + 1n, 2n ** 62n + 3n, -(2n ** 63n)];
    const got = complete(specOf("varPop", "int64", "float64"), 1, toBatches(xs.map((x) => ({ g: 0, x })), "int64", null, 2));
    expect(close(got[0] as number, varPopOf(xs.map(Number)))).toBe(true);
  });

  it("gives NaN, not NULL, when an input is NaN or infinite (as Spark)", () => {
    const got = complete(specOf("stddevPop", "float64", "float64"), 2, toBatches([{ g: 0, x: 1 }, { g: 0, x: Number.NaN }, { g: 1, x: Number.POSITIVE_INFINITY }, { g: 1, x: 1 }], "float64", null, 4));
    expect(got).toEqual([Number.NaN, Number.NaN]);
  });
});
