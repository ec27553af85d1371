/**
 * Every type with nulls through the engine and back (Arrow in, rows and Arrow out), int64
 * exactness, expr(), createDataFrame from an Arrow table, and the seed pipeline's plan.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromArrays, Table, vectorFromArray, Int32, Int64, DateDay, TimestampMicrosecond, makeData, makeVector } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session, col, expr, lit, max, min, sum, AnalysisError, SqlParseError } from "../../src/index.js";
import { expectSameRows } from "../helpers/rows.js";

const DAY = 86400000;
const BIG = 9007199254740993n; // 2^53 + 1: not representable as a double

function typedTable(): Table {
  const n = 6;
  const valid = [true, false, true, true, false, true];
  const bitmap = new Uint8Array([valid.reduce((b, v, i) => (v ? b | (1 << i) : b), 0)]);
  const nulls = valid.filter((v) => !v).length;
  const i64 = makeVector(makeData({ type: new Int64(), length: n, nullCount: nulls, nullBitmap: bitmap, data: new BigInt64Array([BIG, 0n, -5n, BIG, 0n, 7n]) }));
  const date = makeVector(makeData({ type: new DateDay(), length: n, nullCount: nulls, nullBitmap: bitmap, data: new Int32Array([0, 0, 19000, -1, 0, 20000]) }));
  const ts = makeVector(makeData({ type: new TimestampMicrosecond("UTC"), length: n, nullCount: nulls, nullBitmap: bitmap, data: new BigInt64Array([0n, 0n, 1_700_000_000_000_000n, 1n, 0n, -1_000_000n]) }));
  const base = tableFromArrays({ k: Int32Array.from([1, 2, 1, 2, 1, 2]) });
  return new Table({
    k: base.getChild("k")!,
    i32: vectorFromArray([1, null, -3, 2147483647, null, 0], new Int32()),
    i64,
    f64: vectorFromArray([1.5, null, Number.NaN, -0, null, 1e300]),
    b: vectorFromArray([true, null, false, true, null, false]),
    s: vectorFromArray(["a", null, "", "ü→😀", null, "z"]),
    d: date,
    t: ts,
  });
}

describe.each([1, 4])("types with %i worker(s)", (workers) => {
  let session: Session;
  let dir: string;
  beforeAll(() => {
    session = new Session({ workers });
    dir = mkdtempSync(join(tmpdir(), "cinder-types-"));
  });
  afterAll(async () => {
    await session.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("round-trips every type with nulls through a shuffle, to rows and to Arrow", async () => {
    const df = session.createDataFrame(typedTable(), { partitions: 3 });
    expect(df.dtypes.map((d) => d[1])).toEqual(["int32", "int32", "int64", "float64", "boolean", "utf8", "date", "timestamp"]);
    const rows = await df.repartition(3, "k").collect();
    const exp = [
      { k: 1, i32: 1, i64: BIG, f64: 1.5, b: true, s: "a", d: new Date(0), t: new Date(0) },
      { k: 2, i32: null, i64: null, f64: null, b: null, s: null, d: null, t: null },
      { k: 1, i32: -3, i64: -5n, f64: Number.NaN, b: false, s: "", d: new Date(19000 * DAY), t: new Date(1_700_000_000_000) },
      { k: 2, i32: 2147483647, i64: BIG, f64: -0, b: true, s: "ü→😀", d: new Date(-DAY), t: new Date(0) },
      { k: 1, i32: null, i64: null, f64: null, b: null, s: null, d: null, t: null },
      { k: 2, i32: 0, i64: 7n, f64: 1e300, b: false, s: "z", d: new Date(20000 * DAY), t: new Date(-1000) },
    ];
    expectSameRows(rows, exp);
    const t = await df.toArrow();
    expect(t.getChild("i64")?.get(0)).toBe(BIG);
    expect(t.getChild("t")?.type.toString()).toContain("Timestamp");
  });

  it("keeps int64 sums exact beyond 2^53", async () => {
    const df = session.createDataFrame(typedTable());
    const [r] = await df.agg(sum("i64").alias("s"), max("i64").alias("m"), min("d").alias("dmin")).collect();
    expect(r?.["s"]).toBe(BIG + BIG - 5n + 7n);
    expect(r?.["m"]).toBe(BIG);
    expect(r?.["dmin"]).toEqual(new Date(-DAY));
  });

  it("filters and groups on dates, timestamps, booleans and strings", async () => {
    const df = session.createDataFrame(typedTable());
    expect(await df.where("d >= DATE '2022-01-01'").count()).toBe(2);
    // 1,700,000,000 s and 1 µs after the epoch.
    expect(await df.where(col("t").gt(new Date(0))).count()).toBe(2);
    expect(await df.where("s LIKE 'ü%'").count()).toBe(1);
    expectSameRows(await df.groupBy("b").count().collect(), [
      { b: true, count: 2n },
      { b: false, count: 2n },
      { b: null, count: 2n },
    ]);
  });

  it("evaluates expr() strings and casts", async () => {
    const df = session.createDataFrame([{ x: 1, y: "2" }, { x: 5, y: "x" }]);
    const rows = await df.select(expr("x * 10 AS x10"), expr("CAST(y AS INT) + x").alias("sum"), lit("k").alias("lit")).collect();
    expect(rows).toEqual([
      { x10: 10, sum: 3, lit: "k" },
      { x10: 50, sum: null, lit: "k" },
    ]);
  });

  it("unionByName with allowMissingColumns fills nulls", async () => {
    const a = session.createDataFrame([{ x: 1, y: "a" }]);
    const b = session.createDataFrame([{ y: "b" }]);
    expectSameRows(await a.unionByName(b, { allowMissingColumns: true }).collect(), [{ x: 1, y: "a" }, { x: null, y: "b" }]);
  });

  it("writes CSV partitioned by a column and reads the key back", async () => {
    const out = join(dir, `csvpart-${workers}`);
    const df = session.createDataFrame([{ g: "a", v: 1 }, { g: "b", v: 2 }, { g: "a", v: 3 }]);
    await df.write.mode("overwrite").partitionBy("g").csv(out, { header: true });
    expectSameRows(await session.read.csv(out, { header: true, inferSchema: true }).collect(), [{ v: 1, g: "a" }, { v: 2, g: "b" }, { v: 3, g: "a" }]);
  });

  it("gives clear errors before running", () => {
    const df = session.createDataFrame([{ age: 1 }]);
    expect(() => df.select("agee")).toThrow(AnalysisError);
    expect(() => df.where("age > > 1")).toThrow(SqlParseError);
    expect(() => df.where("age > > 1")).toThrow(/line 1, column 7/);
    expect(() => df.join(df, "age", "sideways" as "inner")).toThrow(/Unknown join type "sideways"/);
  });

  it("runs the seed pipeline: filter pushed into the scan, two columns read, two stages", async () => {
    const path = join(dir, "people.csv");
    const lines = ["name,age,department"];
    const expected = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const age = 18 + (i % 40);
      const dept = ["eng", "ops", "sales"][i % 3] as string;
      lines.push(`p${i},${age},${dept}`);
      if (age > 25) expected.set(dept, (expected.get(dept) ?? 0) + 1);
    }
    writeFileSync(path, lines.join("\n") + "\n");
    const result = session.read.csv(path, { header: true, inferSchema: true }).where("age > 25").groupBy("department").count();
    const plan = await result.explain();
    const physical = plan.slice(plan.indexOf("== Physical Plan =="));
    expect(physical.match(/^Stage \d+:/gm)?.length).toBe(2);
    expect(physical).toContain("Scan csv people.csv read=[age, department] filter=(age > 25)");
    const out = join(dir, `seed-${workers}`);
    await result.write.mode("overwrite").parquet(out);
    expectSameRows(await session.read.parquet(out).collect(), [...expected].map(([department, n]) => ({ department, count: BigInt(n) })));
  });
});
