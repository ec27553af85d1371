/**
 * DataFrame intersect, intersectAll, subtract and exceptAll (Spark's semantics: by position,
 * nulls equal, ALL keeps min / difference of the copies), with 1 worker and with 4, against
 * answers counted in plain JavaScript.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalysisError, Session, type DataFrame, type Row } from "../../src/index.js";
import { expectSameRows, rng } from "../helpers/rows.js";

type R = { x: number | null; y: string | null };
const gen = (seed: number, n: number): R[] => {
  const r = rng(seed);
  return Array.from({ length: n }, () => ({ x: r() < 0.15 ? null : Math.floor(r() * 5), y: r() < 0.15 ? null : ["a", "b"][Math.floor(r() * 2)] ?? null }));
};
const left = gen(1, 400);
const right = gen(2, 300);
const key = (r: R): string => JSON.stringify([r.x, r.y]);
const counts = (rows: readonly R[]): Map<string, { row: R; n: number }> => {
  const m = new Map<string, { row: R; n: number }>();
  for (const r of rows) {
    const e = m.get(key(r)) ?? { row: r, n: 0 };
    e.n++;
    m.set(key(r), e);
  }
  return m;
};
const L = counts(left);
const Rc = counts(right);
const repeat = (row: R, n: number): R[] => Array.from({ length: Math.max(0, n) }, () => ({ ...row }));

describe.each([1, 4])("set operations with %i worker(s)", (workers) => {
  let session: Session;
  let a: DataFrame;
  let b: DataFrame;
  beforeAll(() => {
    session = new Session({ workers, shufflePartitions: workers === 1 ? 1 : 3 });
    a = session.createDataFrame(left as unknown as Row[], { partitions: 3 });
    b = session.createDataFrame(right as unknown as Row[], { partitions: 2 });
  });
  afterAll(async () => {
    await session.stop();
  });

  it("intersect: distinct rows in both", async () => {
    expectSameRows(await a.intersect(b).collect(), [...L.values()].filter((e) => Rc.has(key(e.row))).map((e) => ({ ...e.row })));
  });

  it("intersectAll: each row min(copies left, copies right) times", async () => {
    expectSameRows(await a.intersectAll(b).collect(), [...L.values()].flatMap((e) => repeat(e.row, Math.min(e.n, Rc.get(key(e.row))?.n ?? 0))));
  });

  it("subtract: distinct rows of the left not in the right", async () => {
    expectSameRows(await a.subtract(b).collect(), [...L.values()].filter((e) => !Rc.has(key(e.row))).map((e) => ({ ...e.row })));
  });

  it("exceptAll: copies left minus copies right", async () => {
    expectSameRows(await a.exceptAll(b).collect(), [...L.values()].flatMap((e) => repeat(e.row, e.n - (Rc.get(key(e.row))?.n ?? 0))));
  });

  it("widens types by position and keeps the left's names", async () => {
    const f = session.createDataFrame([{ p: 1.5, q: "a" }, { p: 2, q: "a" }]);
    const rows = await a.select("x", "y").intersect(f).collect();
    expect(rows.map((r) => Object.keys(r))).toEqual(left.some((r) => r.x === 2 && r.y === "a") ? [["x", "y"]] : []);
    expect(a.intersect(f).dtypes).toEqual([["x", "float64"], ["y", "utf8"]]);
  });

  it("needs the same number of columns", () => {
    expect(() => a.exceptAll(a.select("x"))).toThrow(AnalysisError);
    expect(() => a.exceptAll(a.select("x"))).toThrow("exceptAll needs the same number of columns: the first DataFrame has 2 (x, y), the second 1 (x).");
  });
});
