/**
 * The DataFrame API end to end, with 1 worker and with 4: every answer is computed independently
 * in plain JavaScript over the same rows, and both pool sizes must agree with it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session, avg, col, count, countDistinct, first, last, lit, max, min, sum, when, coalesce, type DataFrame, type Row, type Value } from "../../src/index.js";
import { expectRowsInOrder, expectSameRows, rng } from "../helpers/rows.js";

interface Emp {
  id: number;
  name: string;
  dept: string | null;
  age: number | null;
  salary: number;
  active: boolean;
}

const DEPTS = ["eng", "ops", "sales", "hr", "legal"];
const rand = rng(11);
const emps: Emp[] = Array.from({ length: 5000 }, (_, id) => ({
  id,
  name: `n${id}`,
  dept: rand() < 0.05 ? null : (DEPTS[Math.floor(rand() * DEPTS.length)] as string),
  age: rand() < 0.1 ? null : 20 + Math.floor(rand() * 45),
  salary: Math.round(rand() * 100000) / 100,
  active: rand() < 0.5,
}));
const depts = [
  { dept: "eng", floor: 3 },
  { dept: "ops", floor: 1 },
  { dept: "sales", floor: 2 },
  { dept: "marketing", floor: 5 },
];

function groupJs<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const g = m.get(k);
    if (g) g.push(r);
    else m.set(k, [r]);
  }
  return m;
}

describe.each([1, 4])("DataFrame API with %i worker(s)", (workers) => {
  let session: Session;
  let df: DataFrame;
  let dd: DataFrame;
  beforeAll(() => {
    session = new Session({ workers });
    df = session.createDataFrame(emps as unknown as Row[], { partitions: 5 });
    dd = session.createDataFrame(depts);
  });
  afterAll(async () => {
    await session.stop();
  });

  it("knows its schema and columns", () => {
    expect(df.columns).toEqual(["id", "name", "dept", "age", "salary", "active"]);
    expect(df.schema.map((f) => f.type)).toEqual(["int32", "utf8", "utf8", "int32", "float64", "boolean"]);
  });

  it("counts, and filters with a SQL string and with Columns", async () => {
    expect(await df.count()).toBe(5000);
    const n1 = emps.filter((e) => e.age !== null && e.age > 40 && e.dept === "eng").length;
    expect(await df.where("age > 40 AND dept = 'eng'").count()).toBe(n1);
    expect(await df.filter(col("age").gt(40).and(col("dept").eq("eng"))).count()).toBe(n1);
    const n2 = emps.filter((e) => e.dept === null || e.age === null).length;
    expect(await df.where(col("dept").isNull().or(col("age").isNull())).count()).toBe(n2);
    expect(await df.where(col("dept").isin("hr", "legal")).count()).toBe(emps.filter((e) => e.dept === "hr" || e.dept === "legal").length);
    expect(await df.where(col("age").between(30, 35)).count()).toBe(emps.filter((e) => e.age !== null && e.age >= 30 && e.age <= 35).length);
    expect(await df.where(col("active").not()).count()).toBe(emps.filter((e) => !e.active).length);
  });

  it("selects, computes and renames columns", async () => {
    const rows = await df
      .where("id < 50")
      .select("id", col("salary").multiply(2).alias("double"), col("age").plus(1).as("next"))
      .withColumn("band", when(col("next").lt(30), "young").when(col("next").lt(50), "mid").otherwise("senior"))
      .withColumnRenamed("double", "twice")
      .drop("next")
      .collect();
    const expected = emps.filter((e) => e.id < 50).map((e) => {
      const next = e.age === null ? null : e.age + 1;
      return { id: e.id, twice: e.salary * 2, band: next === null ? "senior" : next < 30 ? "young" : next < 50 ? "mid" : "senior" };
    });
    expectSameRows(rows, expected);
  });

  it("selectExpr with SQL expressions and aliases", async () => {
    const rows = await df.where("id < 20").selectExpr("id", "CAST(age AS BIGINT) * 2 AS a2", "coalesce(dept, 'none') AS d").collect();
    expectSameRows(rows, emps.filter((e) => e.id < 20).map((e) => ({ id: e.id, a2: e.age === null ? null : BigInt(e.age * 2), d: e.dept ?? "none" })));
  });

  it("groups with agg and every aggregate function", async () => {
    const rows = await df
      .groupBy("dept")
      .agg(count("*").alias("n"), count("age").alias("n_age"), sum("age").alias("s"), avg("salary").alias("a"), min("age").alias("lo"), max("name").alias("hi"), countDistinct("age").alias("ages"))
      .collect();
    const expected = [...groupJs(emps, (e) => e.dept)].map(([dept, g]) => {
      const ages = g.flatMap((e) => (e.age === null ? [] : [e.age]));
      return {
        dept,
        n: BigInt(g.length),
        n_age: BigInt(ages.length),
        s: ages.length ? BigInt(ages.reduce((a, b) => a + b, 0)) : null,
        a: g.reduce((a, e) => a + e.salary, 0) / g.length,
        lo: ages.length ? Math.min(...ages) : null,
        hi: g.map((e) => e.name).sort().at(-1) as string,
        ages: BigInt(new Set(ages).size),
      };
    });
    expectSameRows(rows, expected);
  });

  it("groups with the count/sum/avg/min/max shortcuts", async () => {
    expectSameRows(await df.groupBy("active").count().collect(), [...groupJs(emps, (e) => e.active)].map(([active, g]) => ({ active, count: BigInt(g.length) })));
    const byDept = [...groupJs(emps, (e) => e.dept)];
    expectSameRows(await df.groupBy("dept").max("age").collect(), byDept.map(([dept, g]) => {
      const a = g.flatMap((e) => (e.age === null ? [] : [e.age]));
      return { dept, "max(age)": a.length ? Math.max(...a) : null };
    }));
    expectSameRows(await df.groupBy("dept").sum("salary").collect(), byDept.map(([dept, g]) => ({ dept, "sum(salary)": g.reduce((s, e) => s + e.salary, 0) })));
  });

  it("aggregates globally, also over no rows", async () => {
    const [r] = await df.agg(max("salary").alias("m"), count("*").alias("n"), first("id").alias("f")).collect();
    expect(r?.["m"]).toBe(Math.max(...emps.map((e) => e.salary)));
    expect(r?.["n"]).toBe(5000n);
    expect(typeof r?.["f"]).toBe("number");
    const [empty] = await df.where("id < 0").agg(count("*").alias("n"), sum("age").alias("s")).collect();
    expect(empty).toEqual({ n: 0n, s: null });
  });

  it("sorts ascending and descending with nulls first and last", async () => {
    const cmp = (a: number | null, b: number | null, asc: boolean, nullsFirst: boolean) => {
      if (a === null || b === null) return a === b ? 0 : (a === null) === nullsFirst ? -1 : 1;
      return asc ? a - b : b - a;
    };
    const expectOrder = async (d: DataFrame, asc: boolean, nullsFirst: boolean) => {
      const rows = await d.select("age", "id").collect();
      const exp = [...emps].sort((a, b) => cmp(a.age, b.age, asc, nullsFirst) || a.id - b.id).map((e) => ({ age: e.age, id: e.id }));
      expectRowsInOrder(rows, exp);
    };
    await expectOrder(df.orderBy("age", "id"), true, true);
    await expectOrder(df.orderBy(col("age").desc(), "id"), false, false);
    await expectOrder(df.orderBy(col("age").ascNullsLast(), col("id")), true, false);
    await expectOrder(df.sort(col("age").descNullsFirst(), "id"), false, true);
  });

  it("takes a limit, the first rows, and a top-k", async () => {
    expect(await df.limit(7).count()).toBe(7);
    expect((await df.take(3)).length).toBe(3);
    const top = await df.orderBy(col("salary").desc()).limit(5).select("salary").collect();
    expectRowsInOrder(top, [...emps].sort((a, b) => b.salary - a.salary).slice(0, 5).map((e) => ({ salary: e.salary })));
    const firstRow = await df.orderBy("id").first();
    expect(firstRow?.["id"]).toBe(0);
  });

  it("joins every way", async () => {
    const floorOf = new Map(depts.map((d) => [d.dept, d.floor]));
    const small = df.where("id < 300").select("id", "dept");
    const sm = emps.filter((e) => e.id < 300);
    expectSameRows(await small.join(dd, "dept", "inner").collect(), sm.filter((e) => e.dept !== null && floorOf.has(e.dept)).map((e) => ({ dept: e.dept, id: e.id, floor: floorOf.get(e.dept as string) as number })));
    expectSameRows(await small.join(dd, "dept", "left").collect(), sm.map((e) => ({ dept: e.dept, id: e.id, floor: e.dept !== null ? (floorOf.get(e.dept) ?? null) : null })));
    const right = await small.join(dd, "dept", "right").collect();
    const expRight = depts.flatMap((d): Record<string, Value>[] => {
      const m = sm.filter((e) => e.dept === d.dept);
      return m.length ? m.map((e) => ({ dept: d.dept, id: e.id, floor: d.floor })) : [{ dept: d.dept, id: null, floor: d.floor }];
    });
    expectSameRows(right, expRight);
    const full = await small.join(dd, "dept", "full").collect();
    const expFull: Record<string, Value>[] = [
      ...sm.map((e) => ({ dept: e.dept, id: e.id, floor: e.dept !== null ? (floorOf.get(e.dept) ?? null) : null })),
      ...depts.filter((d) => !sm.some((e) => e.dept === d.dept)).map((d) => ({ dept: d.dept, id: null, floor: d.floor })),
    ];
    expectSameRows(full, expFull);
    expectSameRows(await small.join(dd, "dept", "semi").collect(), sm.filter((e) => e.dept !== null && floorOf.has(e.dept)).map((e) => ({ id: e.id, dept: e.dept })));
    expectSameRows(await small.join(dd, "dept", "anti").collect(), sm.filter((e) => e.dept === null || !floorOf.has(e.dept)).map((e) => ({ id: e.id, dept: e.dept })));
    const cross = await df.where("id < 3").select("id").crossJoin(dd.select("floor")).collect();
    expectSameRows(cross, [0, 1, 2].flatMap((id) => depts.map((d) => ({ id, floor: d.floor }))));
  });

  it("joins on a condition between columns of two DataFrames, shuffled", async () => {
    const s = new Session({ workers, broadcastThreshold: 0 });
    try {
      const a = s.createDataFrame(emps.filter((e) => e.id < 400).map((e) => ({ id: e.id, age: e.age })) as unknown as Row[]);
      const b = s.createDataFrame(emps.filter((e) => e.id % 2 === 0).map((e) => ({ eid: e.id, sal: e.salary })) as unknown as Row[]);
      const rows = await a.join(b, a.col("id").eq(b.col("eid")).and(b.col("sal").gt(500)), "left").collect();
      const exp = emps.filter((e) => e.id < 400).map((e) => {
        const hit = e.id % 2 === 0 && e.salary > 500;
        return { id: e.id, age: e.age, eid: hit ? e.id : null, sal: hit ? e.salary : null };
      });
      expectSameRows(rows, exp);
      expect(await a.join(b, a.col("id").eq(b.col("eid"))).explain()).toMatch(/HashJoin inner keys/);
    } finally {
      await s.stop();
    }
  });

  it("distinct, dropDuplicates, union and unionByName", async () => {
    const distinctDepts = new Set(emps.map((e) => e.dept));
    expect(await df.select("dept").distinct().count()).toBe(distinctDepts.size);
    const dd2 = await df.dropDuplicates(["dept"]).collect();
    expect(dd2.length).toBe(distinctDepts.size);
    expect(new Set(dd2.map((r) => r["dept"]))).toEqual(distinctDepts);
    for (const r of dd2) expect(emps.some((e) => e.id === r["id"] && e.dept === r["dept"])).toBe(true);
    const a = df.where("id < 10").select("id", "name");
    const b = df.where("id >= 4990").select("name", "id");
    expect(await a.union(a).count()).toBe(20);
    const byName = await a.unionByName(b).collect();
    expectSameRows(byName, emps.filter((e) => e.id < 10 || e.id >= 4990).map((e) => ({ id: e.id, name: e.name })));
  });

  it("repartitions, coalesces and caches without changing answers", async () => {
    const total = emps.reduce((s, e) => s + (e.age ?? 0), 0);
    const sumOf = async (d: DataFrame) => (await d.agg(sum("age").alias("s")).collect())[0]?.["s"];
    expect(await sumOf(df.repartition(7))).toBe(BigInt(total));
    expect(await sumOf(df.repartition(3, "dept"))).toBe(BigInt(total));
    expect(await sumOf(df.coalesce(1))).toBe(BigInt(total));
    const cached = df.where("age > 30").cache();
    const n = emps.filter((e) => e.age !== null && e.age > 30).length;
    expect(await cached.count()).toBe(n);
    expect(await cached.count()).toBe(n);
    expect(session.lastJob()?.stages.some((s) => s.cached)).toBe(true);
    expect(await cached.groupBy("dept").count().count()).toBe(new Set(emps.filter((e) => e.age !== null && e.age > 30).map((e) => e.dept)).size);
    cached.unpersist();
  });

  it("coalesces and unions after a shuffle and over a cache: each partition reads its own blocks", async () => {
    const byDept = [...groupJs(emps, (e) => e.dept)].map(([dept, g]) => ({ dept, count: BigInt(g.length) }));
    // coalesce(1) over the final aggregation: one task runs every shuffle partition
    expectSameRows(await df.groupBy("dept").count().coalesce(1).collect(), byDept);
    expectSameRows(await df.groupBy("dept").count().coalesce(2).collect(), byDept);
    // a union of two aggregations, then coalesced: partitions map to inputs at an offset
    const twice = await df.groupBy("dept").count().union(df.groupBy("dept").count()).coalesce(3).collect();
    expectSameRows(twice, [...byDept, ...byDept]);
    // a cached DataFrame read narrowly under a union and a coalesce
    const cached = df.select("id", "dept").cache();
    await cached.count();
    const ids = (await cached.union(df.select("id", "dept").where("id < 100")).coalesce(2).collect()).map((r) => r["id"] as number);
    expect(ids.sort((x, y) => x - y)).toEqual([...emps.map((e) => e.id), ...emps.filter((e) => e.id < 100).map((e) => e.id)].sort((x, y) => x - y));
    cached.unpersist();
  });

  it("hands out a real Arrow table and shows an aligned text table", async () => {
    const t = await df.where("id < 5").select("id", "name").toArrow();
    expect(t.numRows).toBe(5);
    expect(t.schema.fields.map((f) => f.name)).toEqual(["id", "name"]);
    expect([...(t.getChild("id")?.toArray() ?? [])].sort()).toEqual([0, 1, 2, 3, 4]);
    const text = await df.orderBy("id").select("id", "name", "dept").show(2);
    const lines = text.split("\n");
    expect(lines[0]).toBe("+---+----+" + "-".repeat(Math.max(4, String(emps[0]?.dept ?? "NULL").length, String(emps[1]?.dept ?? "NULL").length)) + "+");
    expect(lines[1]).toMatch(/^\| id\|name\|\s*dept\|$/);
    expect(lines[3]).toContain("|  0|  n0|");
    expect(lines.at(-1)).toBe("only showing top 2 rows");
  });

  it("computes with literals, coalesce and casts", async () => {
    const rows = await df.where("id < 30").select(col("id"), lit(1).plus(col("id")).alias("k"), coalesce(col("age"), lit(-1)).alias("a"), col("salary").cast("int").alias("si")).collect();
    expectSameRows(rows, emps.filter((e) => e.id < 30).map((e) => ({ id: e.id, k: e.id + 1, a: e.age ?? -1, si: Math.trunc(e.salary) })));
  });

  it("first and last per group come from that group", async () => {
    const rows = await df.groupBy("dept").agg(first("name").alias("f"), last("name").alias("l")).collect();
    for (const r of rows) {
      expect(emps.some((e) => e.dept === r["dept"] && e.name === r["f"])).toBe(true);
      expect(emps.some((e) => e.dept === r["dept"] && e.name === r["l"])).toBe(true);
    }
  });
});
