/**
 * Nested Parquet columns: files written independently (an Arrow table built by hand, written by
 * parquet-wasm) read by Cinder; Cinder's own nested Parquet output read back by Cinder and by
 * DuckDB; and the same nested queries answered by DuckDB over the same file.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { Field, Int32, Int64, List, Struct, Table, Utf8, Float64, tableToIPC, vectorFromArray } from "apache-arrow";
import { Table as WasmTable, WriterPropertiesBuilder, writeParquet } from "parquet-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session, col, collectList, elementAt, explode, size, sortArray, split } from "../../src/index.js";
import { planToString } from "../../planner/explain.js";
import { expectSameRows, rng } from "../helpers/rows.js";

interface Rec {
  id: number;
  xs: (number | null)[] | null;
  s: { a: number | null; b: string | null } | null;
  items: { k: string; v: (bigint | null)[] | null }[] | null;
  line: string | null;
}

const rand = rng(17);
const recs: Rec[] = Array.from({ length: 2000 }, (_, id) => ({
  id,
  xs: rand() < 0.1 ? null : Array.from({ length: Math.floor(rand() * 4) }, () => (rand() < 0.1 ? null : Math.floor(rand() * 100))),
  s: rand() < 0.1 ? null : { a: rand() < 0.2 ? null : Math.floor(rand() * 1000), b: rand() < 0.2 ? null : `b${Math.floor(rand() * 7)}` },
  items:
    rand() < 0.1
      ? null
      : Array.from({ length: Math.floor(rand() * 3) }, () => ({
          k: `k${Math.floor(rand() * 5)}`,
          v: rand() < 0.2 ? null : Array.from({ length: Math.floor(rand() * 3) }, () => (rand() < 0.1 ? null : BigInt(Math.floor(rand() * 1e6)))),
        })),
  line: rand() < 0.1 ? null : Array.from({ length: 1 + Math.floor(rand() * 4) }, () => `w${Math.floor(rand() * 9)}`).join(rand() < 0.5 ? " " : "  "),
}));

const itemType = new Struct([new Field("k", new Utf8(), true), new Field("v", new List(new Field("item", new Int64(), true)), true)]);

/** The records as an Arrow table built by hand (not by Cinder), written by parquet-wasm. */
function writeIndependently(path: string): void {
  const table = new Table({
    id: vectorFromArray(recs.map((r) => r.id), new Int32()),
    xs: vectorFromArray(recs.map((r) => r.xs), new List(new Field("item", new Int32(), true))),
    s: vectorFromArray(recs.map((r) => r.s), new Struct([new Field("a", new Int32(), true), new Field("b", new Utf8(), true)])),
    items: vectorFromArray(recs.map((r) => r.items), new List(new Field("element", itemType, true))),
    line: vectorFromArray(recs.map((r) => r.line), new Utf8()),
  });
  const props = new WriterPropertiesBuilder().setMaxRowGroupSize(300).build();
  writeFileSync(path, writeParquet(WasmTable.fromIPCStream(tableToIPC(table, "stream")), props));
}

/** DuckDB values as compared: BIGINT → number, lists and structs recursively. */
function plain(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

let dir: string;
let file: string;
let duck: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cinder-nested-"));
  file = join(dir, "independent.parquet");
  writeIndependently(file);
  duck = await DuckDBInstance.create(":memory:");
  conn = await duck.connect();
});
afterAll(() => {
  conn?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

async function duckRows(sql: string): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((r) => plain(r) as Record<string, unknown>);
}

const q = (p: string): string => `'${p.replaceAll("'", "''")}'`;

describe.each([1, 4])("nested Parquet with %i worker(s)", (workers) => {
  let session: Session;
  beforeAll(() => {
    session = new Session({ workers });
  });
  afterAll(async () => {
    await session.stop();
  });

  it("reads lists, structs, lists of structs of lists exactly as written", async () => {
    const df = session.read.parquet(file);
    expect(df.schema.map((f) => [f.name, f.type])).toEqual([
      ["id", "int32"],
      ["xs", "array<int32>"],
      ["s", "struct<a:int32,b:utf8>"],
      ["items", "array<struct<k:utf8,v:array<int64>>>"],
      ["line", "utf8"],
    ]);
    const rows = await df.collect();
    expect(rows.sort((a, b) => (a["id"] as number) - (b["id"] as number))).toEqual(recs);
  });

  it("reads only the projected columns (a struct whole)", async () => {
    const df = session.read.parquet(file).select("s", "id").where("id < 10");
    const plan = planToString(df.session.plan(df.plan).optimized);
    expect(plan).toMatch(/Scan parquet independent\.parquet \[id, s\]/);
    expectSameRows(await df.collect(), recs.filter((r) => r.id < 10).map((r) => ({ s: r.s, id: r.id })));
  });

  it("writes nested columns that Cinder and DuckDB read back", async () => {
    const out = join(dir, `out-${workers}`);
    const df = session.read.parquet(file);
    await df.write.mode("overwrite").parquet(out);
    const back = (await session.read.parquet(out).collect()).sort((a, b) => (a["id"] as number) - (b["id"] as number));
    expect(back).toEqual(recs);
    const fromDuck = await duckRows(`SELECT id, xs, s, items FROM read_parquet(${q(join(out, "*.parquet"))}) ORDER BY id`);
    expect(fromDuck).toEqual(recs.map((r) => plain({ id: r.id, xs: r.xs, s: r.s, items: r.items })));
  });

  it("explode, sizes, elements and sorted arrays match DuckDB's unnest and list functions", async () => {
    const df = session.read.parquet(file);
    const exploded = await df.select("id", explode("xs").alias("x")).collect();
    expect(exploded.length).toBeGreaterThan(2000);
    expectSameRows(exploded, (await duckRows(`SELECT id, unnest(xs) AS x FROM read_parquet(${q(file)})`)) as never);
    // size: DuckDB's len is NULL for a NULL list, Spark's size -1.
    const mine = await df.select("id", size("xs").alias("n"), elementAt("xs", 1).alias("first"), elementAt("xs", -1).alias("last"), sortArray("xs").alias("sorted")).collect();
    const theirs = await duckRows(
      `SELECT id, coalesce(len(xs), -1) AS n, xs[1] AS first, xs[-1] AS last, list_sort(xs, 'ASC', 'NULLS FIRST') AS sorted FROM read_parquet(${q(file)})`,
    );
    expectSameRows(mine, theirs as never);
    const fields = await df.select("id", col("s.a"), col("s.b"), explode("items").alias("it")).select("id", "a", "b", col("it.k"), size("it.v").alias("nv")).collect();
    const duckFields = await duckRows(
      `SELECT id, s.a AS a, s.b AS b, it.k AS k, coalesce(len(it.v), -1) AS nv FROM (SELECT id, s, unnest(items) AS it FROM read_parquet(${q(file)}))`,
    );
    expectSameRows(fields, duckFields as never);
  });

  it("split and collect_list per group match DuckDB (string_split_regex, list)", async () => {
    const df = session.read.parquet(file);
    const mine = await df.select("id", split("line", "\\s+").alias("ws")).collect();
    expect(mine.filter((r) => (r["ws"] as string[] | null)?.length === 3).length).toBeGreaterThan(100);
    const theirs = await duckRows(`SELECT id, string_split_regex(line, '\\s+') AS ws FROM read_parquet(${q(file)})`);
    expectSameRows(mine, theirs as never);
    const groups = await df.groupBy(col("id").mod(10).alias("g")).agg(collectList("s.a").alias("as")).collect();
    const duckGroups = await duckRows(`SELECT id % 10 AS g, list(s.a) FILTER (WHERE s.a IS NOT NULL) AS "as" FROM read_parquet(${q(file)}) GROUP BY 1`);
    const norm = (rows: Record<string, unknown>[]) =>
      rows.map((r) => ({ g: Number(r["g"]), as: [...((r["as"] as number[] | null) ?? [])].sort((a, b) => a - b) })).sort((a, b) => a.g - b.g);
    expect(norm(groups)).toEqual(norm(duckGroups));
  });
});
