/**
 * withColumns, toDF, alias (self-joins) and the missing-value verbs (na.fill / na.drop /
 * na.replace) end to end with 1 worker and with 4. Expected rows are computed in plain JavaScript
 * over the same input, following Spark's typing rules by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalysisError, Session, col, lit, rowNumber, Window, type DataFrame, type Row, type Value } from "../../src/index.js";
import { expectSameRows, rng } from "../helpers/rows.js";

interface R {
  id: number;
  parent: number | null;
  name: string | null;
  score: number | null;
  big: bigint | null;
  ok: boolean | null;
}

const rand = rng(11);
const data: R[] = Array.from({ length: 300 }, (_, id) => ({
  id,
  parent: id === 0 || rand() < 0.1 ? null : Math.floor(rand() * id),
  name: rand() < 0.2 ? null : `n${Math.floor(rand() * 7)}`,
  score: rand() < 0.2 ? null : rand() < 0.1 ? Number.NaN : Math.round(rand() * 1000) / 10 + 0.5,
  big: rand() < 0.2 ? null : BigInt(Math.floor(rand() * 5)),
  ok: rand() < 0.2 ? null : rand() < 0.5,
}));
const isMissing = (v: unknown): boolean => v === null || (typeof v === "number" && Number.isNaN(v));
/** NaN does not survive JSON comparison; show it as a string in both sides. */
const showNaN = (rows: readonly Record<string, unknown>[]): Record<string, Value>[] =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" && Number.isNaN(v) ? "NaN" : (v as Value)])));

describe.each([1, 4])("column and missing-value verbs with %i worker(s)", (workers) => {
  let session: Session;
  let df: DataFrame;
  beforeAll(() => {
    session = new Session({ workers, shufflePartitions: workers === 1 ? 1 : 3 });
    df = session.createDataFrame(data as unknown as Row[], { partitions: 4 });
  });
  afterAll(async () => {
    await session.stop();
  });

  it("withColumns replaces in place and appends, all from the input", async () => {
    const out = df.withColumns({ id: col("id").plus(1), twice: col("id").multiply(2), rn: rowNumber().over(Window.orderBy("id")) });
    expect(out.columns).toEqual(["id", "parent", "name", "score", "big", "ok", "twice", "rn"]);
    const rows = await out.select("id", "twice", "rn").collect();
    expectSameRows(rows, data.map((r) => ({ id: r.id + 1, twice: r.id * 2, rn: r.id + 1 })));
    expect(() => df.withColumns({ a: col("nope") })).toThrow(/"nope" does not exist/);
    expect(() => df.withColumns({ a: lit(1), A: lit(2) })).toThrow(/given twice/);
  });

  it("toDF renames by position", async () => {
    const out = df.select("id", "name").toDF("k", "v");
    expect(out.columns).toEqual(["k", "v"]);
    expectSameRows(await out.collect(), data.map((r) => ({ k: r.id, v: r.name })));
    expect(() => df.toDF("a")).toThrow(AnalysisError);
  });

  it("alias gives qualified names for a self-join", async () => {
    const a = df.alias("a");
    const b = df.alias("b");
    const out = a.join(b, col("a.id").eq(col("b.parent"))).select(col("a.id").alias("p"), col("b.id").alias("c"), col("a.name").alias("pn"));
    const expected = data.flatMap((c) => (c.parent === null ? [] : [{ p: c.parent, c: c.id, pn: (data[c.parent] as R).name }]));
    expectSameRows(await out.collect(), expected);
    // Unqualified "id" is ambiguous after the self-join; a qualifier that does not exist fails.
    expect(() => a.join(b, col("a.id").eq(col("b.parent"))).select("id")).toThrow(/ambiguous/);
    expect(() => a.select("z.id")).toThrow(/"z.id" does not exist/);
    expect(a.where(col("a.id").lt(3)).select("a.name").columns).toEqual(["name"]);
  });

  it("na.fill with a number touches numeric columns only (NaN too), cast to each type", async () => {
    const rows = await df.na.fill(7.9).collect();
    const expected = data.map((r) => ({ ...r, parent: r.parent ?? 7, score: isMissing(r.score) ? 7.9 : r.score, big: r.big ?? 7n }));
    expectSameRows(showNaN(rows), showNaN(expected));
    const sub = await df.fillna(1, ["score", "name"]).select("score", "name", "parent").collect();
    expectSameRows(sub, data.map((r) => ({ score: isMissing(r.score) ? 1 : r.score, name: r.name, parent: r.parent })));
  });

  it("na.fill with a string or boolean touches only those columns; a map fills each column", async () => {
    const s = await df.fillna("?").select("name", "parent").collect();
    expectSameRows(s, data.map((r) => ({ name: r.name ?? "?", parent: r.parent })));
    const b = await df.na.fill(true).select("ok", "name").collect();
    expectSameRows(b, data.map((r) => ({ ok: r.ok ?? true, name: r.name })));
    const m = await df.na.fill({ name: "none", parent: -1, big: 9 }).select("name", "parent", "big", "score").collect();
    expectSameRows(showNaN(m), showNaN(data.map((r) => ({ name: r.name ?? "none", parent: r.parent ?? -1, big: r.big ?? 9n, score: r.score }))));
    expect(() => df.na.fill(0, ["nope"])).toThrow(/"nope" does not exist in na.fill/);
    expect(() => df.na.fill({ nope: 1 })).toThrow(/"nope" does not exist/);
  });

  it("na.drop: any, all, thresh and subset (NaN counts as missing)", async () => {
    const cols = ["parent", "name", "score", "big", "ok"] as const;
    const present = (r: R, cs: readonly (keyof R)[]) => cs.filter((c) => !isMissing(r[c])).length;
    const ids = async (d: DataFrame) => (await d.select("id").collect()).map((r) => r.id as number).sort((x, y) => x - y);
    expect(await ids(df.na.drop())).toEqual(data.filter((r) => present(r, cols) === cols.length).map((r) => r.id));
    expect(await ids(df.dropna({ how: "all", subset: ["name", "score"] }))).toEqual(data.filter((r) => present(r, ["name", "score"]) > 0).map((r) => r.id));
    expect(await ids(df.dropna({ thresh: 4, subset: [...cols] }))).toEqual(data.filter((r) => present(r, cols) >= 4).map((r) => r.id));
    expect(await ids(df.dropna({ subset: ["score"] }))).toEqual(data.filter((r) => !isMissing(r.score)).map((r) => r.id));
    expect(() => df.dropna({ subset: ["nope"] })).toThrow(/"nope" does not exist in na.drop/);
    expect(() => df.dropna({ how: "some" as "any" })).toThrow(/how must be/);
    expect(() => df.dropna({ thresh: 1.5 })).toThrow(/thresh/);
  });

  it("na.replace: scalars, lists and maps, only in columns of the same kind", async () => {
    const r1 = await df.replace("n1", "one").select("name").collect();
    expectSameRows(r1, data.map((r) => ({ name: r.name === "n1" ? "one" : r.name })));
    const r2 = await df.na.replace([0, 1], [10, 11], ["big", "parent", "name"]).select("big", "parent", "name").collect();
    const rep = (v: number | null) => (v === 0 ? 10 : v === 1 ? 11 : v);
    expectSameRows(r2, data.map((r) => ({ big: r.big === null ? null : BigInt(rep(Number(r.big)) as number), parent: rep(r.parent), name: r.name })));
    const r3 = await df.na.replace({ n2: null, n3: "three" }).select("name").collect();
    expectSameRows(r3, data.map((r) => ({ name: r.name === "n2" ? null : r.name === "n3" ? "three" : r.name })));
    const r4 = await df.replace(false, true).select("ok").collect();
    expectSameRows(r4, data.map((r) => ({ ok: r.ok === false ? true : r.ok })));
    expect(() => df.replace(["a", 1] as unknown as number[], 0)).toThrow(/mix/);
    expect(() => df.replace(1, "x")).toThrow(/not numeric/);
    expect(() => df.replace([1, 2], [1])).toThrow(/2 values to replace but 1/);
    expect(() => df.replace(1, 2, ["nope"])).toThrow(/"nope" does not exist in na.replace/);
  });
});
