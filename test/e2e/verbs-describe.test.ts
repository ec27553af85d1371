/**
 * describe and summary end to end with 1 worker and with 4. Every statistic is computed in plain
 * JavaScript (two-pass standard deviation, nearest-rank percentiles by sorting) and formatted the
 * way Spark casts numbers to strings (doubles always with a fraction: "3.0").
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session, type DataFrame, type Row, type Value } from "../../src/index.js";
import { expectSameRows, rng } from "../helpers/rows.js";
import { nearestRankOf, stddevSampOf } from "../helpers/stats.js";

interface R {
  i: number | null;
  f: number | null;
  s: string | null;
  b: boolean;
  big: bigint | null;
}

const rand = rng(17);
const data: R[] = Array.from({ length: 3000 }, () => ({
  i: rand() < 0.1 ? null : Math.floor(rand() * 1000) - 300,
  f: rand() < 0.1 ? null : Math.round(rand() * 1e5) / 100,
  s: rand() < 0.1 ? null : `s${Math.floor(rand() * 50)}`,
  b: rand() < 0.5,
  big: rand() < 0.1 ? null : BigInt(Math.floor(rand() * 1e6)),
}));

/** Java's Double.toString for values in [1e-3, 1e7) (all this test produces). */
const dbl = (x: number | null): string | null => {
  if (x === null) return null;
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e7)) throw new Error(`test data out of the plain-notation range: ${x}`);
  const t = String(x);
  return t.includes(".") ? t : `${t}.0`;
};
const present = <K extends keyof R>(k: K): NonNullable<R[K]>[] => data.flatMap((r) => (r[k] === null ? [] : [r[k] as NonNullable<R[K]>]));
const numStats = (vs: readonly number[], ints: boolean, stat: string): string | null => {
  const fmt = (x: number) => (ints ? String(x) : dbl(x));
  switch (stat) {
    case "count":
      return String(vs.length);
    case "mean":
      return dbl(vs.reduce((a, b) => a + b, 0) / vs.length);
    case "stddev":
      return dbl(stddevSampOf(vs));
    case "min":
      return fmt(Math.min(...vs));
    case "max":
      return fmt(Math.max(...vs));
    default:
      return fmt(nearestRankOf(vs, Number(stat.slice(0, -1)) / 100) as number);
  }
};
const strStats = (vs: readonly string[], stat: string): string | null => {
  const sorted = [...vs].sort();
  if (stat === "count") return String(vs.length);
  if (stat === "min") return sorted[0] as string;
  if (stat === "max") return sorted[sorted.length - 1] as string;
  return null;
};
function expected(stats: readonly string[]): Record<string, Value>[] {
  const i = present("i");
  const f = present("f");
  const big = present("big").map(Number);
  const s = present("s");
  return stats.map((stat) => ({ summary: stat, i: numStats(i, true, stat), f: numStats(f, false, stat), s: strStats(s, stat), big: numStats(big, true, stat) }));
}

/** Doubles (a string with a fraction) to 12 significant digits, keeping that they had a fraction; the rest as is. */
const norm = (rows: readonly Record<string, unknown>[]): Record<string, Value>[] =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "string" && /^-?\d+\.\d+$/.test(v) ? `${Number(v).toPrecision(12)}~` : (v as Value)])));
const expectSameStats = (actual: readonly Row[], wanted: readonly Record<string, Value>[]): void => expectSameRows(norm(actual), norm(wanted));

describe.each([1, 4])("describe and summary with %i worker(s)", (workers) => {
  let session: Session;
  let df: DataFrame;
  beforeAll(() => {
    session = new Session({ workers, shufflePartitions: workers === 1 ? 1 : 3 });
    df = session.createDataFrame(data as unknown as Row[], { partitions: 3 });
  });
  afterAll(async () => {
    await session.stop();
  });

  it("describe(): count, mean, stddev, min, max of numeric and string columns, as strings", async () => {
    const out = df.describe();
    expect(out.dtypes).toEqual([["summary", "utf8"], ["i", "utf8"], ["f", "utf8"], ["s", "utf8"], ["big", "utf8"]]);
    expectSameStats(await out.collect(), expected(["count", "mean", "stddev", "min", "max"]));
  });

  it("describe(cols) keeps the named columns only", async () => {
    const rows = await df.describe("s", "i").collect();
    expectSameStats(rows, expected(["count", "mean", "stddev", "min", "max"]).map((r) => ({ summary: r.summary as Value, s: r.s as Value, i: r.i as Value })));
    expect(() => df.describe("nope")).toThrow(/"nope" does not exist in describe/);
  });

  it("summary() adds the quartiles; summary(stats) computes the ones asked for, in order", async () => {
    expectSameStats(await df.summary().collect(), expected(["count", "mean", "stddev", "min", "25%", "50%", "75%", "max"]));
    const some = await df.summary("max", "10%", "count").collect();
    expect(some.map((r) => r.summary)).toEqual(["max", "10%", "count"]);
    expectSameStats(some, expected(["max", "10%", "count"]));
    expect(() => df.summary("median")).toThrow(/unknown statistic "median"/);
  });

  it("EXPLAIN: an Expand over one global aggregate", async () => {
    const text = await df.describe("i").explain();
    expect(text).toMatch(/Expand 5 projections \[summary, i\]\n\+- Project .*\n {3}\+- Aggregate \[\] \[count\(i\), avg\(i\), stddev_samp\(i\), min\(i\), max\(i\)\]/);
  });
});
