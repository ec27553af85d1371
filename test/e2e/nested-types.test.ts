/**
 * Array and struct columns end to end, with 1 worker and with 4: explode against a JS flatMap,
 * collect_list / collect_set against plain JS grouping (through a shuffle), field access and the
 * array functions against values computed here, the same queries in SQL and in the DataFrame API,
 * cache() and repartition of rows that carry nested columns.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Session,
  array,
  arrayContains,
  arrayDistinct,
  col,
  collectList,
  collectSet,
  concat,
  namedStruct,
  count,
  elementAt,
  explode,
  explodeOuter,
  lit,
  posexplode,
  posexplodeOuter,
  size,
  sortArray,
  split,
  struct,
  sum,
  type DataFrame,
  type Row,
  Window,
  first,
  hash,
  lag,
  last,
  min,
  udf,
} from "../../src/index.js";
import { expectSameRows, rng } from "../helpers/rows.js";
import { planToString } from "../../planner/explain.js";

interface Rec {
  id: number;
  g: string;
  xs: (number | null)[] | null;
  tags: string | null;
  s: { a: number | null; b: string } | null;
}

const rand = rng(5);
const GROUPS = ["a", "b", "c", "d", "e", "f", "g"];
const recs: Rec[] = Array.from({ length: 3000 }, (_, id) => {
  const r = rand();
  const xs = r < 0.08 ? null : r < 0.15 ? [] : Array.from({ length: 1 + Math.floor(rand() * 5) }, () => (rand() < 0.1 ? null : Math.floor(rand() * 50) - 10));
  return {
    id,
    g: GROUPS[Math.floor(rand() * GROUPS.length)] as string,
    xs,
    tags: rand() < 0.1 ? null : Array.from({ length: Math.floor(rand() * 4) }, () => `t${Math.floor(rand() * 6)}`).join(","),
    s: rand() < 0.1 ? null : { a: rand() < 0.1 ? null : Math.floor(rand() * 100), b: `b${id % 13}` },
  };
});

const byId = (a: Row, b: Row): number => (a["id"] as number) - (b["id"] as number);

/** The optimized plan's text (planning also runs the physical planner, where key checks live). */
function optimizedPlan(d: DataFrame): string {
  return planToString(d.session.plan(d.plan).optimized);
}

describe.each([1, 4])("nested types with %i worker(s)", (workers) => {
  let session: Session;
  let df: DataFrame;
  beforeAll(() => {
    session = new Session({ workers, shufflePartitions: workers * 2 });
    df = session.createDataFrame(recs as unknown as Row[], { partitions: 6 });
    df.createOrReplaceTempView("recs");
  });
  afterAll(async () => {
    await session.stop();
  });

  it("infers nested types from JavaScript arrays and objects and gives them back as they were", async () => {
    expect(df.schema.map((f) => [f.name, f.type])).toEqual([
      ["id", "int32"],
      ["g", "utf8"],
      ["xs", "array<int32>"],
      ["tags", "utf8"],
      ["s", "struct<a:int32,b:utf8>"],
    ]);
    const rows = (await df.collect()).sort(byId);
    expect(rows).toEqual(recs);
  });

  it("explode gives one row per element (none for null or empty arrays), as a flatMap", async () => {
    const want = recs.flatMap((r) => (r.xs ?? []).map((x) => ({ id: r.id, x })));
    expectSameRows(await df.select("id", explode("xs").alias("x")).collect(), want);
    expectSameRows(await df.withColumn("x", explode("xs")).select("id", "x").collect(), want);
    expectSameRows(await session.sql("SELECT id, explode(xs) AS x FROM recs").collect(), want);
  });

  it("explode_outer keeps array-less rows with a null; posexplode numbers the elements from 0", async () => {
    const outer = recs.flatMap((r) => (r.xs && r.xs.length ? r.xs.map((x) => ({ id: r.id, col: x })) : [{ id: r.id, col: null }]));
    expectSameRows(await df.select("id", explodeOuter("xs")).collect(), outer);
    const pos = recs.flatMap((r) => (r.xs ?? []).map((x, i) => ({ id: r.id, pos: i, col: x })));
    expectSameRows(await df.select("id", posexplode("xs")).collect(), pos);
    expectSameRows(await session.sql("SELECT id, posexplode(xs) FROM recs").collect(), pos);
    const posOuter = recs.flatMap((r): { id: number; pos: number | null; col: number | null }[] => (r.xs && r.xs.length ? r.xs.map((x, i) => ({ id: r.id, pos: i, col: x })) : [{ id: r.id, pos: null, col: null }]));
    expectSameRows(await df.select("id", posexplodeOuter("xs")).collect(), posOuter);
  });

  it("filters on the other columns run before the Generate, on the generated one after it", async () => {
    const q = df.select("id", "g", explode("xs").alias("x")).where("g = 'a' AND x > 20");
    const want = recs.filter((r) => r.g === "a").flatMap((r) => (r.xs ?? []).filter((x) => x !== null && x > 20).map((x) => ({ id: r.id, g: r.g, x })));
    expectSameRows(await q.collect(), want);
    expect(optimizedPlan(q)).toMatch(/Filter \(x > 20\)\n\s+\+- Generate explode\(xs\) \[x\]\n\s+\+- Filter \(g = 'a'\)/);
  });

  it("collect_list and collect_set per group match plain JS grouping across the shuffle", async () => {
    const exploded = df.select("g", explode("xs").alias("x"));
    const rows = await exploded.groupBy("g").agg(collectList("x").alias("l"), collectSet("x").alias("st"), count("*").alias("n")).collect();
    const want = new Map<string, number[]>();
    for (const r of recs) for (const x of r.xs ?? []) {
      const l = want.get(r.g) ?? [];
      if (x !== null) l.push(x);
      want.set(r.g, l);
    }
    expect(rows.length).toBe(want.size);
    for (const r of rows) {
      const w = want.get(r["g"] as string) ?? [];
      // Order across partitions is unspecified (as in Spark): compare sorted.
      expect([...(r["l"] as number[])].sort((a, b) => a - b)).toEqual([...w].sort((a, b) => a - b));
      expect([...(r["st"] as number[])].sort((a, b) => a - b)).toEqual([...new Set(w)].sort((a, b) => a - b));
    }
    const sql = await session.sql("SELECT g, collect_list(x) AS l, collect_set(x) AS st FROM (SELECT g, explode(xs) AS x FROM recs) GROUP BY g").collect();
    expect(sql.map((r) => [r["g"], (r["l"] as number[]).length, (r["st"] as number[]).length]).sort()).toEqual(rows.map((r) => [r["g"], (r["l"] as number[]).length, (r["st"] as number[]).length]).sort());
  });

  it("collect_list keeps input order within one partition, and gives [] for a group without values", async () => {
    const one = session.createDataFrame([
      { k: 1, v: 3 }, { k: 1, v: null }, { k: 2, v: null }, { k: 1, v: 1 }, { k: 1, v: 3 },
    ], { partitions: 1 });
    const rows = await one.groupBy("k").agg(collectList("v").alias("l"), collectSet("v").alias("st")).orderBy("k").collect();
    expect(rows.map((r) => [r["k"], r["l"], [...(r["st"] as number[])].sort()])).toEqual([
      [1, [3, 1, 3], [1, 3]],
      [2, [], []],
    ]);
    // collect_list of structs, and of arrays: elements of any type.
    const nested = await df.where("id < 40").groupBy("g").agg(collectList("s").alias("ss"), collectList("xs").alias("xss"), sum("id").alias("t")).collect();
    for (const r of nested) {
      const mine = recs.filter((x) => x.id < 40 && x.g === r["g"]);
      const key = (v: unknown) => JSON.stringify(v);
      expect((r["ss"] as unknown[]).map(key).sort()).toEqual(mine.filter((x) => x.s !== null).map((x) => key(x.s)).sort());
      expect((r["xss"] as unknown[]).map(key).sort()).toEqual(mine.filter((x) => x.xs !== null).map((x) => key(x.xs)).sort());
    }
  });

  it("struct fields by s.a, getField, SQL s.a and t.s.a; arrays by getItem, xs[i] and element_at", async () => {
    const want = recs.map((r) => ({
      id: r.id,
      a: r.s === null ? null : r.s.a,
      b: r.s === null ? null : r.s.b,
      x0: r.xs === null ? null : (r.xs[0] ?? null),
      last: r.xs === null ? null : (r.xs[r.xs.length - 1] ?? null),
      n: r.xs === null ? -1 : r.xs.length,
    }));
    const dfRows = await df
      .select("id", col("s.a"), col("s").getField("b"), col("xs").getItem(0).alias("x0"), elementAt("xs", -1).alias("last"), size("xs").alias("n"))
      .collect();
    expectSameRows(dfRows, want);
    const sqlRows = await session.sql("SELECT id, s.a, r.s.b, xs[0] AS x0, element_at(xs, -1) AS last, size(xs) AS n FROM recs r").collect();
    expectSameRows(sqlRows, want);
    // A subscript on a call, not only on a column.
    const calls = await session.sql("SELECT id, array(id, id * 2)[1] AS dbl, split('a,b', ',')[1] AS b FROM recs WHERE id < 5").collect();
    expectSameRows(calls, [0, 1, 2, 3, 4].map((id) => ({ id, dbl: id * 2, b: "b" })));
    expectSameRows(await df.selectExpr("id", "s.a", "s.b", "xs[0] AS x0", "element_at(xs, -1) AS last", "size(xs) AS n").collect(), want);
    // df.col("s.a") on the DataFrame itself (a self-join can tell the sides apart with it).
    const viaDf = await df.select(df.col("id"), df.col("s.a"), df.col("s").getField("b")).collect();
    expectSameRows(viaDf, want.map((w) => ({ id: w.id, a: w.a, b: w.b })));
  });

  it("array, struct, split, array_contains, sort_array, array_distinct: DataFrame and SQL agree with JS", async () => {
    const cmp = (a: number | null, b: number | null) => (a === null ? (b === null ? 0 : -1) : b === null ? 1 : a - b);
    const want = recs.map((r) => ({
      id: r.id,
      pair: [r.id, r.id * 2],
      st: { id: r.id, g: r.g },
      parts: r.tags === null ? null : r.tags.split(","),
      has7: r.xs === null ? null : r.xs.includes(7) ? true : r.xs.includes(null) ? null : false,
      sorted: r.xs === null ? null : [...r.xs].sort(cmp),
      dsc: r.xs === null ? null : [...r.xs].sort((a, b) => cmp(b, a)),
      uniq: r.xs === null ? null : [...new Set(r.xs)],
      more: r.xs === null ? null : [...r.xs, r.id, 0],
      st2: { id: r.id, g: r.g },
    }));
    const fromDf = await df
      .select(
        "id",
        array("id", col("id").multiply(2)).alias("pair"),
        struct("id", "g").alias("st"),
        split("tags", ",").alias("parts"),
        arrayContains("xs", 7).alias("has7"),
        sortArray("xs").alias("sorted"),
        sortArray("xs", false).alias("dsc"),
        arrayDistinct("xs").alias("uniq"),
        concat("xs", array("id", lit(0))).alias("more"),
        namedStruct("id", "id", "g", col("g")).alias("st2"),
      )
      .collect();
    expectSameRows(fromDf, want);
    const fromSql = await session
      .sql(
        "SELECT id, array(id, id * 2) AS pair, struct(id, g) AS st, split(tags, ',') AS parts, array_contains(xs, 7) AS has7, sort_array(xs) AS sorted, sort_array(xs, false) AS dsc, array_distinct(xs) AS uniq, concat(xs, array(id, 0)) AS more, named_struct('id', id, 'g', g) AS st2 FROM recs",
      )
      .collect();
    expectSameRows(fromSql, want);
  });

  it("rows carrying nested columns survive repartition, a join's shuffle and cache()", async () => {
    const moved = df.repartition(5, "g").where("id % 3 = 0");
    const want = recs.filter((r) => r.id % 3 === 0);
    expect((await moved.collect()).sort(byId)).toEqual(want);
    const cached = df.repartition(7).cache();
    expect(await cached.count()).toBe(recs.length);
    expect((await cached.collect()).sort(byId)).toEqual(recs);
    const exploded = await cached.select("id", explode("xs").alias("x")).agg(sum("x").alias("t")).collect();
    const total = recs.reduce((acc, r) => acc + (r.xs ?? []).reduce<number>((s, x) => s + (x ?? 0), 0), 0);
    expect(exploded).toEqual([{ t: BigInt(total) }]);
    const saved = await df.where("id < 100").checkpoint();
    expect((await saved.collect()).sort(byId)).toEqual(recs.filter((r) => r.id < 100));
    const other = session.createDataFrame(GROUPS.map((g, i) => ({ g, rank: i })));
    const joined = await df.join(other, "g").select("id", "rank", "s", "xs").collect();
    expectSameRows(joined, recs.map((r) => ({ id: r.id, rank: GROUPS.indexOf(r.g), s: r.s, xs: r.xs })));
  });

  it("show() prints arrays and structs as Spark does; printSchema-style types on the schema", async () => {
    const small = session.createDataFrame([
      { id: 1, xs: [1, 2, null], s: { a: 1.5, b: "x" } },
      { id: 2, xs: null, s: null },
    ], { partitions: 1 });
    const text = await small.show();
    expect(text).toContain("|  1|[1, 2, null]|{1.5, x}|");
    expect(text).toContain("|  2|        NULL|    NULL|");
    expect(small.schema.map((f) => f.type)).toEqual(["int32", "array<int32>", "struct<a:float64,b:utf8>"]);
    const cast = await small.select(col("xs").cast("string").alias("t"), col("s").cast("string").alias("u")).collect();
    expect(cast).toEqual([{ t: "[1, 2, null]", u: "{1.5, x}" }, { t: null, u: null }]);
  });

  it("toArrow() hands out real Arrow List and Struct vectors", async () => {
    const t = await df.where("id < 5").select("id", "xs", "s").orderBy("id").toArrow();
    expect(String(t.schema.fields[1]?.type)).toBe("List<Int32>");
    expect(String(t.schema.fields[2]?.type)).toBe("Struct<{a:Int32, b:Utf8}>");
    const xs = t.getChild("xs");
    for (let i = 0; i < 5; i++) {
      const v = xs?.get(i);
      expect(v === null ? null : [...v]).toEqual(recs[i]?.xs);
    }
  });

  it("expression strings take casts to nested types, subscripts and field paths", async () => {
    const one = session.createDataFrame([{ id: 1, xs: [1, 2], st: { a: 1, b: "x" } }], { partitions: 1 });
    expect(
      await one.selectExpr("CAST(xs AS ARRAY<BIGINT>) AS big", "xs::array<string> AS strs", "CAST(st AS STRUCT<p: STRING, q: STRING>) AS st2", "st.a + 1 AS a1", "array(1, 2)[1] AS second").collect(),
    ).toEqual([{ big: [1n, 2n], strs: ["1", "2"], st2: { p: "1", q: "x" }, a1: 2, second: 2 }]);
    expect(await one.where("st.b = 'x' AND xs[0] = 1 AND array_contains(xs, 2)").count()).toBe(1);
    expect(await one.where("st.b = 'y' OR xs[5] IS NOT NULL").count()).toBe(0);
  });

  it("groups by arrays and structs and takes distinct rows of them (as Spark: element by element)", async () => {
    const key = (v: unknown) => JSON.stringify(v);
    const counts = new Map<string, { xs: Rec["xs"]; n: number; ids: number }>();
    for (const r of recs) {
      const k = key(r.xs);
      const c = counts.get(k) ?? { xs: r.xs, n: 0, ids: 0 };
      c.n++;
      c.ids += r.id;
      counts.set(k, c);
    }
    const rows = await df.groupBy("xs").agg(count("*").alias("n"), sum("id").alias("ids")).collect();
    expectSameRows(rows, [...counts.values()].map((c) => ({ xs: c.xs, n: BigInt(c.n), ids: BigInt(c.ids) })));
    const sqlRows = await session.sql("SELECT s, g, count(*) AS n FROM recs GROUP BY s, g").collect();
    const bySG = new Map<string, { s: Rec["s"]; g: string; n: bigint }>();
    for (const r of recs) {
      const k = key([r.s, r.g]);
      const c = bySG.get(k) ?? { s: r.s, g: r.g, n: 0n };
      c.n++;
      bySG.set(k, c);
    }
    expectSameRows(sqlRows, [...bySG.values()]);
    const distinct = await df.select("xs").distinct().collect();
    expectSameRows(distinct, [...counts.values()].map((c) => ({ xs: c.xs })));
    expect(await df.select("s").union(df.select("s")).distinct().count()).toBe(new Set(recs.map((r) => key(r.s))).size);
    expect(optimizedPlan(df.groupBy("xs").count())).toMatch(/Aggregate \[nested_key\(xs\)\] \[count\(1\), any_value\(xs\)\]/);
  });

  it("sorts by arrays and structs as Spark orders them (element by element, shorter first; nulls first inside)", async () => {
    const cmpNum = (a: number | null, b: number | null): number => (a === null ? (b === null ? 0 : -1) : b === null ? 1 : a - b);
    const cmpArr = (x: Rec["xs"], y: Rec["xs"]): number => {
      if (x === null || y === null) return x === null ? (y === null ? 0 : -1) : 1; // ASC NULLS FIRST
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = cmpNum(x[i] ?? null, y[i] ?? null);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    };
    const rows = await df.orderBy("xs", "id").select("id", "xs").collect();
    const want = [...recs].sort((a, b) => cmpArr(a.xs, b.xs) || a.id - b.id).map((r) => ({ id: r.id, xs: r.xs }));
    expect(rows).toEqual(want);
    const cmpS = (x: Rec["s"], y: Rec["s"]): number =>
      x === null || y === null ? (x === null ? (y === null ? 0 : -1) : 1) : cmpNum(x.a, y.a) || (x.b < y.b ? -1 : x.b > y.b ? 1 : 0);
    const top = await df.orderBy(col("s").desc(), "id").limit(7).select("id", "s").collect();
    expect(top).toEqual([...recs].sort((a, b) => -cmpS(a.s, b.s) || a.id - b.id).slice(0, 7).map((r) => ({ id: r.id, s: r.s })));
  });

  it("UDFs take arrays as JS arrays and structs as objects, and may return them", async () => {
    const total = udf((xs: (number | null)[] | null) => (xs === null ? null : xs.reduce<number>((a, x) => a + (x ?? 0), 0)), "int32");
    const wrap = udf((id: number, s: { a: number | null; b: string } | null) => ({ id, tags: s === null ? [] : [s.b, s.b] }), "struct<id:int,tags:array<string>>");
    const rows = await df.select("id", total("xs").alias("t"), wrap("id", "s").alias("w")).collect();
    expectSameRows(
      rows,
      recs.map((r) => ({ id: r.id, t: r.xs === null ? null : r.xs.reduce<number>((a, x) => a + (x ?? 0), 0), w: { id: r.id, tags: r.s === null ? [] : [r.s.b, r.s.b] } })),
    );
  });

  it("collect_list / collect_set over windows: running, whole-partition and sliding frames", async () => {
    const small = df.where("id < 300");
    const mine = recs.filter((r) => r.id < 300);
    const byG = new Map<string, Rec[]>();
    for (const r of mine) byG.set(r.g, [...(byG.get(r.g) ?? []), r]);
    const as = (r: Rec) => (r.s === null ? null : r.s.a);
    const w = Window.partitionBy("g").orderBy("id");
    const rows = await small
      .select(
        "id",
        collectList("s.a").over(w).alias("run"),
        collectSet(col("s.a").mod(3)).over(Window.partitionBy("g")).alias("all"),
        collectList("s.a").over(w.rowsBetween(-1, 1)).alias("near"),
        collectList("s.a").over(w.rowsBetween(0, Window.unboundedFollowing)).alias("rest"),
      )
      .collect();
    const want = mine.map((r) => {
      const g = byG.get(r.g) as Rec[];
      const k = g.indexOf(r);
      const vals = (xs: Rec[]) => xs.map(as).filter((x): x is number => x !== null);
      return {
        id: r.id,
        run: vals(g.slice(0, k + 1)),
        all: [...new Set(vals(g).map((x) => x % 3))].sort(),
        near: vals(g.slice(Math.max(0, k - 1), k + 2)),
        rest: vals(g.slice(k)),
      };
    });
    expectSameRows(
      rows.map((r) => ({ ...r, all: [...(r["all"] as number[])].sort() })),
      want,
    );
  });

  it("first, last and lag carry arrays through windows and groups", async () => {
    const w = Window.partitionBy("g").orderBy("id");
    const rows = await df.select("id", lag("xs").over(w).alias("prev")).collect();
    const prev = new Map<number, Rec["xs"]>();
    for (const g of GROUPS) {
      const mine = recs.filter((r) => r.g === g);
      mine.forEach((r, i) => prev.set(r.id, i === 0 ? null : (mine[i - 1] as Rec).xs));
    }
    expectSameRows(rows, recs.map((r) => ({ id: r.id, prev: prev.get(r.id) ?? null })));
    const one = session.createDataFrame([{ k: 1, xs: [1] }, { k: 1, xs: [2, 3] }, { k: 2, xs: null }], { partitions: 1 });
    expect(await one.groupBy("k").agg(first("xs").alias("f"), last("xs").alias("l")).orderBy("k").collect()).toEqual([
      { k: 1, f: [1], l: [2, 3] },
      { k: 2, f: null, l: null },
    ]);
  });

  it("refuses what is not supported with errors that name the column and type", () => {
    expect(() => df.select(explode("xs"), explode("xs"))).toThrow(/Only one generator allowed per select clause but found 2/i);
    expect(() => df.where(explode("xs").gt(1))).toThrow(/Generators are not supported in where/);
    expect(() => df.groupBy("g").agg(collectList(explode("xs")))).toThrow(/Generators are not supported in agg/);
    expect(() => df.select(explode("xs").plus(1))).toThrow(/nested in expressions/);
    expect(() => df.select(explode("g"))).toThrow(/explode\(\) argument 1 must be an array, got g \(utf8\)/);
    expect(() => df.select(col("s.zz"))).toThrow(/No such struct field "zz" in s/);
    expect(() => df.select(col("q.zz"))).toThrow(/Column "q.zz" does not exist/);
    expect(() => df.select(col("s").getField("zz"))).toThrow(/No such struct field "zz" in s \(struct<a:int32,b:utf8>\)/);
    expect(() => df.select(col("xs").cast("int"))).toThrow(/Cannot cast xs \(array<int32>\) to int32/);
    expect(() => df.select(elementAt("xs", 0))).toThrow(/indices start at 1/);
    expect(() => optimizedPlan(df.join(df.select(col("xs").alias("ys")), col("xs").eq(col("ys"))))).toThrow(/Cannot join on xs of type array<int32>/);
    expect(() => optimizedPlan(df.repartition(3, "s"))).toThrow(/Cannot repartition by s of type struct<a:int32,b:utf8>/);
    expect(() => df.agg(min("xs"))).toThrow(/min\(xs\) over xs \(array<int32>\) is not supported yet/);
    expect(() => df.select(hash("xs"))).toThrow(/hash\(\) of xs \(array<int32>\) is not supported yet/);
    expect(() => df.select(col("xs").plus(1))).toThrow(/cannot apply "\+" to xs \(array<int32>\)/);
    expect(() => session.sql("SELECT id, x FROM recs LATERAL VIEW explode(xs) v AS x")).toThrow(/does not support LATERAL VIEW \(write the generator in the select list/);
    expect(() => session.sql("SELECT explode(xs) AS a, explode(xs) AS b FROM recs")).toThrow(/Only one generator allowed per select clause but found 2/i);
  });
});
