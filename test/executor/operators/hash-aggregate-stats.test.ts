/**
 * The HashAggregator with statistical aggregates behind a real key table: holistic and algebraic
 * aggregates together in complete mode (as the planner runs db-benchmark q6), and the algebraic
 * ones partial → final.
 */
import { describe, expect, it } from "vitest";
import type { AggSpec } from "../../../planner/bound.js";
import type { DataType } from "../../../planner/types.js";
import { close, corrOf, medianOf, momentTolerance, nearestRankOf, stddevSampOf, varPopOf } from "../../helpers/stats.js";
import { aggregate, twoPhase } from "./agg-fixtures.js";
import { type V, batches, rng, rowsOf } from "./helpers.js";

// Layout: [key utf8, i32, i64, f64, flag boolean]
const TYPES: DataType[] = ["utf8", "int32", "int64", "float64", "boolean"];
const r = rng(77);
const KEYS = ["a", "b", "c", "d", "solo"];
const rows: V[][] = Array.from({ length: 3000 }, () => {
  const maybe = (v: V): V => (r() < 0.15 ? null : v);
  return [KEYS[Math.floor(r() * 4)] as string, maybe(Math.floor(r() * 200) - 100), maybe(BigInt(Math.floor(r() * 1e6))), maybe(r() * 50), maybe(r() < 0.3)];
});
rows.push(["solo", 5, 9n, 1.5, true]);

const spec = (fn: AggSpec["fn"], input: number, inputType: DataType, resultType: DataType, extra: Partial<AggSpec> = {}): AggSpec => ({ fn, distinct: false, input, inputType, resultType, ...extra });

function byKey(out: ReturnType<typeof aggregate>): Map<V, V[]> {
  return new Map(rowsOf(out).map((row) => [row[0] as V, row.slice(1)]));
}
const column = (key: string, j: number): (number | bigint)[] => rows.filter((row) => row[0] === key && row[j] !== null).map((row) => row[j] as number | bigint);

describe("HashAggregator with statistical aggregates", () => {
  it("runs holistic and algebraic aggregates together in complete mode", () => {
    const aggs = [
      spec("median", 3, "float64", "float64"),
      spec("stddevSamp", 3, "float64", "float64"),
      spec("corr", 1, "int32", "float64", { input2: 3, input2Type: "float64" }),
      spec("approxPercentile", 2, "int64", "int64", { params: [0.5, 10000] }),
      spec("countIf", 4, "boolean", "int64"),
    ];
    const got = byKey(aggregate({ mode: "complete", keyTypes: ["utf8"], aggs }, batches(TYPES, rows, 250)));
    expect([...got.keys()].sort()).toEqual([...KEYS].sort());
    for (const k of KEYS) {
      const [med, sd, c, approx, n] = got.get(k) as V[];
      const pairs = rows.filter((row) => row[0] === k && row[1] !== null && row[3] !== null).map((row) => [row[1] as number, row[3] as number] as const);
      expect(close(med as number | null, medianOf(column(k, 3)), 1e-12)).toBe(true);
      expect(close(sd as number | null, stddevSampOf(column(k, 3)), momentTolerance(column(k, 3)))).toBe(true);
      expect(close(c as number | null, corrOf(pairs))).toBe(true);
      expect(approx).toBe(nearestRankOf(column(k, 2), 0.5));
      expect(n).toBe(BigInt(rows.filter((row) => row[0] === k && row[4] === true).length));
    }
    expect(got.get("solo")?.slice(0, 3)).toEqual([1.5, null, null]);
  });

  it("merges moment states from several partial aggregators", () => {
    const aggs = [spec("varPop", 2, "int64", "float64"), spec("corr", 1, "int32", "float64", { input2: 2, input2Type: "int64" }), spec("countIf", 4, "boolean", "int64")];
    const input = batches(TYPES, rows, 300);
    const got = byKey(twoPhase(["utf8"], aggs, [input.slice(0, 3), input.slice(3, 4), input.slice(4)]));
    for (const k of KEYS) {
      const [vp, c, n] = got.get(k) as V[];
      const pairs = rows.filter((row) => row[0] === k && row[1] !== null && row[2] !== null).map((row) => [row[1] as number, row[2] as bigint] as const);
      expect(close(vp as number | null, varPopOf(column(k, 2)), momentTolerance(column(k, 2)))).toBe(true);
      expect(close(c as number | null, corrOf(pairs))).toBe(true);
      expect(n).toBe(BigInt(rows.filter((row) => row[0] === k && row[4] === true).length));
    }
  });
});
