/**
 * corr/covar accumulators over pairs of int32/int64/float64 inputs, with and without nulls in
 * either: complete mode and partial → final against two-pass textbook formulas.
 */
import { describe, expect, it } from "vitest";
import type { AggFn } from "../../../../planner/expr.js";
import type { DataType } from "../../../../planner/types.js";
import { close, corrOf, covarPopOf, covarSampOf, momentTolerance } from "../../../helpers/stats.js";
import { rng } from "../helpers.js";
import { complete, specOf, toBatches, twoPhase } from "./harness.js";
import { ALL_NULL, CONSTANT, GROUPS, NO_ROWS, ONE, pairsOf, statRows } from "./stat-rows.js";

type Pairs = readonly (readonly [number | bigint, number | bigint])[];
const FNS: [AggFn, (ps: Pairs) => number | null][] = [
  ["corr", corrOf],
  ["covarSamp", covarSampOf],
  ["covarPop", covarPopOf],
];
const TYPE_PAIRS: [DataType, DataType][] = [
  ["float64", "float64"],
  ["int32", "float64"],
  ["int64", "int32"],
  ["int32", "int32"],
  ["int64", "float64"],
];

/** Covariances can be near 0 beside large products: compare on the scale σx·σy. */
function tolerance(ps: Pairs): { rel: number; scale: number } {
  const xs = ps.map((p) => Number(p[0]));
  const ys = ps.map((p) => Number(p[1]));
  const sd = (v: number[]): number => {
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
  };
  return { rel: Math.max(momentTolerance(xs), momentTolerance(ys)), scale: ps.length < 2 ? 0 : sd(xs) * sd(ys) };
}

describe("CoMomentsAccumulator", () => {
  for (const [fn, reference] of FNS) {
    for (const [xt, yt] of TYPE_PAIRS) {
      for (const nulls of [false, true]) {
        it(`${fn}(${xt}, ${yt})${nulls ? " with nulls" : ""}`, () => {
          const rows = statRows(rng(TYPE_PAIRS.findIndex((p) => p[0] === xt && p[1] === yt) * 2 + Number(nulls) + 7), xt, yt, nulls);
          const batches = toBatches(rows, xt, yt, 89);
          const spec = specOf(fn, xt, "float64", { input2: 2, input2Type: yt });
          for (const got of [complete(spec, GROUPS, batches), twoPhase(spec, GROUPS, batches, [2, 3])]) {
            for (let g = 0; g < GROUPS; g++) {
              const ps = pairsOf(rows, g);
              const want = reference(ps);
              const { rel, scale } = fn === "corr" ? { rel: tolerance(ps).rel, scale: 0 } : tolerance(ps);
              if (!close(got[g] as number | null, want, rel, scale)) expect.fail(`${fn}(${xt}, ${yt}) group ${g}: got ${got[g]}, want ${want}`);
            }
            expect(got[ONE]).toBe(fn === "covarPop" ? 0 : null);
            expect(got[ALL_NULL]).toBe(null);
            expect(got[NO_ROWS]).toBe(null);
            if (fn === "corr") expect(got[CONSTANT]).toBe(null); // zero variance in x: Spark 3 gives NULL
          }
        });
      }
    }
  }

  it("skips rows where either input is null", () => {
    const rows = [
      { g: 0, x: 1, y: 2 },
      { g: 0, x: 2, y: null },
      { g: 0, x: null, y: 7 },
      { g: 0, x: 3, y: 6 },
      { g: 0, x: 5, y: 1 },
    ];
    const spec = specOf("covarSamp", "int32", "float64", { input2: 2, input2Type: "int32" });
    const got = complete(spec, 1, toBatches(rows, "int32", "int32", 2));
    expect(close(got[0] as number, covarSampOf([[1, 2], [3, 6], [5, 1]]))).toBe(true);
  });

  it("gives exactly ±1 for perfectly (anti-)correlated pairs, and NULL when y is constant", () => {
    const line = Array.from({ length: 50 }, (_, i) => ({ g: i % 3, x: i, y: 3 * i + 7 }));
    const anti = line.map((r) => ({ ...r, y: -r.y }));
    const flat = line.map((r) => ({ ...r, y: 4 }));
    const spec = specOf("corr", "int32", "float64", { input2: 2, input2Type: "int32" });
    for (const got of [complete(spec, 3, toBatches(line, "int32", "int32", 7))]) for (const v of got) expect(v).toBeCloseTo(1, 12);
    for (const v of twoPhase(spec, 3, toBatches(anti, "int32", "int32", 7), [3])) expect(v).toBeCloseTo(-1, 12);
    expect(complete(spec, 3, toBatches(flat, "int32", "int32", 7))).toEqual([null, null, null]);
  });
});
