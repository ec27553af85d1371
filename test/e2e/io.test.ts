/**
 * Reading and writing files end to end, with 1 and 4 workers: CSV options and modes, Parquet,
 * partitionBy folders, save modes and atomic commit. Expected values come from the rows the test
 * wrote itself.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session, col, count, type Row } from "../../src/index.js";
import { expectSameRows, rng } from "../helpers/rows.js";

const rand = rng(5);
const rows = Array.from({ length: 3000 }, (_, i) => ({
  id: i,
  city: ["Oslo", "Lima", "Pune", "Kobe"][i % 4] as string,
  temp: Math.round((rand() * 60 - 20) * 10) / 10,
  note: i % 10 === 0 ? null : `say "hi", #${i}\nbye`,
}));

function csvText(): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return "id,city,temp,note\n" + rows.map((r) => `${r.id},${r.city},${r.temp},${r.note === null ? "" : q(r.note)}`).join("\n") + "\n";
}

describe.each([1, 4])("files with %i worker(s)", (workers) => {
  let dir: string;
  let session: Session;
  let csvPath: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cinder-io-"));
    csvPath = join(dir, "cities.csv");
    writeFileSync(csvPath, csvText());
    // Small splits so even this file is read by several tasks in parallel.
    session = new Session({ workers, splitBytes: 16 * 1024 });
  });
  afterAll(async () => {
    await session.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads CSV with a header and inferred types, across many splits", async () => {
    const df = session.read.csv(csvPath, { header: true, inferSchema: true });
    expect(df.dtypes).toEqual([["id", "int32"], ["city", "utf8"], ["temp", "float64"], ["note", "utf8"]]);
    expectSameRows(await df.collect(), rows);
    const ex = await df.explain();
    expect(ex).toMatch(/Scan csv cities\.csv read=\[id, city, temp, note\] \(\d+ splits\)/);
  });

  it("reads CSV without inference as strings, and with an explicit schema", async () => {
    const s = session.read.csv(csvPath, { header: true });
    expect(s.dtypes.map((d) => d[1])).toEqual(["utf8", "utf8", "utf8", "utf8"]);
    const t = session.read.csv(csvPath, { header: true, schema: "id BIGINT, city STRING, temp DOUBLE, note STRING" });
    expect(t.dtypes.map((d) => d[1])).toEqual(["int64", "utf8", "float64", "utf8"]);
    const r = await t.where("id = 7").select("id").collect();
    expect(r).toEqual([{ id: 7n }]);
  });

  it("reads only the needed columns and pushes the filter into the scan", async () => {
    const df = session.read.csv(csvPath, { header: true, inferSchema: true }).where("temp > 10").groupBy("city").count();
    const plan = await df.explain();
    expect(plan).toMatch(/Scan csv cities\.csv \[city, temp\] filters=\[\(temp > 10\.0\)\]/);
    const exp = new Map<string, number>();
    for (const r of rows) if (r.temp > 10) exp.set(r.city, (exp.get(r.city) ?? 0) + 1);
    expectSameRows(await df.collect(), [...exp].map(([city, n]) => ({ city, count: BigInt(n) })));
  });

  it("handles bad records as PERMISSIVE, DROPMALFORMED and FAILFAST", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "a,b\n1,x\n2,3\nnope,4\n5,6\n");
    const schema = "a INT, b INT";
    expect(await session.read.csv(bad, { header: true, schema }).collect()).toEqual([
      { a: 1, b: null },
      { a: 2, b: 3 },
      { a: null, b: 4 },
      { a: 5, b: 6 },
    ]);
    expect(await session.read.csv(bad, { header: true, schema, mode: "DROPMALFORMED" }).collect()).toEqual([
      { a: 2, b: 3 },
      { a: 5, b: 6 },
    ]);
    await expect(session.read.csv(bad, { header: true, schema, mode: "FAILFAST" }).collect()).rejects.toThrow(/bad\.csv line 2, column "b": cannot parse "x" as int32/);
  });

  it("reads custom delimiters and null values", async () => {
    const p = join(dir, "semi.csv");
    writeFileSync(p, "k;v\na;NA\nb;2\n");
    const df = session.read.csv(p, { header: true, inferSchema: true, sep: ";", nullValue: "NA" });
    expect(await df.collect()).toEqual([{ k: "a", v: null }, { k: "b", v: 2 }]);
  });

  it("writes Parquet and reads it back, projected and filtered", async () => {
    const out = join(dir, `pq-${workers}`);
    const df = session.read.csv(csvPath, { header: true, inferSchema: true });
    await df.write.mode("overwrite").parquet(out);
    expect(existsSync(join(out, "_SUCCESS"))).toBe(true);
    expect(readdirSync(out).filter((f) => f.startsWith("part-")).length).toBeGreaterThan(0);
    const back = session.read.parquet(out);
    expectSameRows(await back.collect(), rows);
    expectSameRows(await back.where("id >= 2990").select("id", "city").collect(), rows.filter((r) => r.id >= 2990).map((r) => ({ id: r.id, city: r.city })));
    await df.write.mode("overwrite").parquet(out, { compression: "zstd" });
    expect(readdirSync(out).some((f) => f.endsWith(".zstd.parquet"))).toBe(true);
    expect(await session.read.parquet(out).count()).toBe(rows.length);
  });

  it("writes CSV and reads it back", async () => {
    const out = join(dir, `csv-${workers}`);
    await session.read.csv(csvPath, { header: true, inferSchema: true }).write.mode("overwrite").csv(out);
    expectSameRows(await session.read.csv(out, { header: true, inferSchema: true }).collect(), rows);
  });

  it("writes partitionBy folders and brings the key back when reading", async () => {
    const out = join(dir, `part-${workers}`);
    const df = session.createDataFrame(rows.map((r) => ({ id: r.id, city: r.city, temp: r.temp })));
    await df.write.mode("overwrite").partitionBy("city").parquet(out);
    expect(readdirSync(out).filter((f) => f.startsWith("city=")).sort()).toEqual(["city=Kobe", "city=Lima", "city=Oslo", "city=Pune"]);
    const back = session.read.parquet(out);
    expect(back.columns).toEqual(["id", "temp", "city"]);
    expectSameRows(await back.collect(), rows.map((r) => ({ id: r.id, temp: r.temp, city: r.city })));
    // A filter on the partition column skips whole folders.
    expect(await back.where("city = 'Lima'").count()).toBe(rows.filter((r) => r.city === "Lima").length);
  });

  it("escapes partition values so no path leaves the target", async () => {
    const out = join(dir, `evil-${workers}`);
    const df = session.createDataFrame([{ k: "../../escape", v: 1 }, { k: "a/b", v: 2 }, { k: "..", v: 3 }]);
    await df.write.mode("overwrite").partitionBy("k").parquet(out);
    expect(existsSync(join(dir, "escape"))).toBe(false);
    const names = readdirSync(out).filter((f) => f.startsWith("k="));
    expect(names.every((n) => !n.includes("/") && n !== "k=..")).toBe(true);
    expectSameRows(await session.read.parquet(out).collect(), [{ v: 1, k: "../../escape" }, { v: 2, k: "a/b" }, { v: 3, k: ".." }]);
  });

  it("honours save modes error, ignore, append and overwrite", async () => {
    const out = join(dir, `modes-${workers}`);
    const df = session.createDataFrame([{ x: 1 }, { x: 2 }]);
    await df.write.parquet(out);
    await expect(df.write.parquet(out)).rejects.toThrow(/already exists/);
    await df.write.mode("ignore").parquet(out);
    expect(await session.read.parquet(out).count()).toBe(2);
    await df.write.mode("append").parquet(out);
    expect(await session.read.parquet(out).count()).toBe(4);
    await df.write.mode("overwrite").parquet(out);
    expect(await session.read.parquet(out).count()).toBe(2);
  });

  it("leaves no partial output when a write job fails", async () => {
    const bad = join(dir, "fails.csv");
    writeFileSync(bad, "a\n1\n2\noops\n");
    const out = join(dir, `failed-${workers}`);
    const df = session.read.csv(bad, { header: true, schema: "a INT", mode: "FAILFAST" });
    await expect(df.write.parquet(out)).rejects.toThrow(/fails\.csv line 4/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).some((f) => f.includes("cinder-staging"))).toBe(false);
    // An existing target survives a failed overwrite untouched.
    const keep = join(dir, `kept-${workers}`);
    await session.createDataFrame([{ a: 42 }]).write.parquet(keep);
    await expect(df.write.mode("overwrite").parquet(keep)).rejects.toThrow(/line 4/);
    expect(await session.read.parquet(keep).collect()).toEqual([{ a: 42 }]);
  });

  it("fails clearly on a missing file and an unreadable Parquet file", async () => {
    expect(() => session.read.csv(join(dir, "nope.csv"))).toThrow(/Path does not exist: .*nope\.csv/);
    const junk = join(dir, "junk");
    mkdirSync(junk, { recursive: true });
    writeFileSync(join(junk, "x.parquet"), "this is not parquet at all, not even close");
    expect(() => session.read.parquet(join(junk, "x.parquet"))).toThrow(/x\.parquet/);
  });

  it("reads a folder of part files and a glob", async () => {
    const d = join(dir, `parts-${workers}`);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, "a.csv"), "n\n1\n2\n");
    writeFileSync(join(d, "b.csv"), "n\n3\n");
    writeFileSync(join(d, "_ignored.csv"), "n\n100\n");
    expect(await session.read.csv(d, { header: true, inferSchema: true }).agg(count("*").alias("c")).collect()).toEqual([{ c: 3n }]);
    expect(await session.read.csv(join(d, "b*.csv"), { header: true, inferSchema: true }).select(col("n")).collect()).toEqual([{ n: 3 }]);
    void readFileSync;
  });
});

void ({} as Row);
