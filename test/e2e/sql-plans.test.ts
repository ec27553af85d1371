/**
 * The same query written as SQL and as DataFrame calls gives the same optimized plan: the SQL
 * planner builds with the DataFrame API's builders. Plans are compared as EXPLAIN text (names, not
 * attribute ids, so the two sides need not share ids).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session, Window, col, count, desc, expr, rowNumber, sum, type DataFrame } from "../../src/index.js";
import { planToString } from "../../planner/explain.js";

describe("SQL and DataFrame calls plan alike", () => {
  let session: Session;
  let people: DataFrame;
  let depts: DataFrame;
  const optimized = (df: DataFrame): string => planToString(session.plan(df.plan).optimized);
  const same = (sql: string, df: () => DataFrame): void => {
    expect(optimized(session.sql(sql))).toBe(optimized(df()));
  };

  beforeAll(() => {
    session = new Session({ workers: 1 });
    people = session.createDataFrame([
      { name: "a", age: 31, dept: "x", salary: 10.5 },
      { name: "b", age: null, dept: "y", salary: 20.25 },
      { name: "c", age: 45, dept: null, salary: null },
    ]);
    depts = session.createDataFrame([
      { dept: "x", budget: 100 },
      { dept: "z", budget: 300 },
    ]);
    people.createOrReplaceTempView("people");
    depts.createOrReplaceTempView("depts");
  });
  afterAll(async () => {
    await session.stop();
  });

  it("filter and projection", () => {
    same("SELECT name, age FROM people WHERE age > 25", () => people.where("age > 25").select("name", "age"));
  });

  it("expressions with aliases", () => {
    same("SELECT name, age + 1 AS next, CASE WHEN age > 40 THEN 'old' ELSE 'young' END AS band FROM people", () =>
      people.selectExpr("name", "age + 1 AS next", "CASE WHEN age > 40 THEN 'old' ELSE 'young' END AS band"),
    );
  });

  it("group by with an aliased count", () => {
    same("SELECT dept, count(*) AS n FROM people GROUP BY dept", () => people.groupBy("dept").agg(count("*").alias("n")));
  });

  it("where, then group by", () => {
    same("SELECT dept, sum(salary) FROM people WHERE age > 30 GROUP BY dept", () => people.where("age > 30").groupBy("dept").agg(sum("salary")));
  });

  it("HAVING on an alias is a filter over the aggregate", () => {
    same("SELECT dept, count(*) AS n FROM people GROUP BY dept HAVING n > 1", () => people.groupBy("dept").agg(count("*").alias("n")).where("n > 1"));
  });

  it("ORDER BY … DESC LIMIT", () => {
    same("SELECT name, age FROM people ORDER BY age DESC LIMIT 10", () => people.select("name", "age").orderBy(desc("age")).limit(10));
  });

  it("DISTINCT", () => {
    same("SELECT DISTINCT dept FROM people", () => people.select("dept").distinct());
  });

  it("JOIN USING", () => {
    same("SELECT * FROM people JOIN depts USING (dept)", () => people.join(depts, "dept"));
  });

  it("LEFT JOIN ON with qualified columns", () => {
    same("SELECT p.name, d.budget FROM people p LEFT JOIN depts d ON p.dept = d.dept", () =>
      people.join(depts, people.col("dept").eq(depts.col("dept")), "left").select(people.col("name"), depts.col("budget")),
    );
  });

  it("LEFT SEMI and LEFT ANTI JOIN", () => {
    same("SELECT * FROM people LEFT SEMI JOIN depts ON people.dept = depts.dept", () => people.join(depts, people.col("dept").eq(depts.col("dept")), "semi"));
    same("SELECT * FROM people LEFT ANTI JOIN depts USING (dept)", () => people.join(depts, "dept", "anti"));
  });

  it("UNION ALL, INTERSECT, EXCEPT ALL", () => {
    same("SELECT dept FROM people UNION ALL SELECT dept FROM depts", () => people.select("dept").union(depts.select("dept")));
    same("SELECT dept FROM people INTERSECT SELECT dept FROM depts", () => people.select("dept").intersect(depts.select("dept")));
    same("SELECT dept FROM people EXCEPT ALL SELECT dept FROM depts", () => people.select("dept").exceptAll(depts.select("dept")));
    same("SELECT dept FROM people EXCEPT SELECT dept FROM depts", () => people.select("dept").subtract(depts.select("dept")));
  });

  it("a window function", () => {
    same("SELECT name, row_number() OVER (PARTITION BY dept ORDER BY age) AS rn FROM people", () =>
      people.select("name", rowNumber().over(Window.partitionBy("dept").orderBy("age")).alias("rn")),
    );
  });

  it("a CTE is its query inlined", () => {
    same("WITH old AS (SELECT * FROM people WHERE age > 40) SELECT name FROM old WHERE salary IS NOT NULL", () =>
      people.where("age > 40").where("salary IS NOT NULL").select("name"),
    );
  });

  it("IN (subquery) is a left semi join", () => {
    const big = depts.where("budget > 50").select("dept");
    same("SELECT name FROM people WHERE dept IN (SELECT dept FROM depts WHERE budget > 50)", () =>
      people.join(big, people.col("dept").eq(big.col("dept")), "semi").select("name"),
    );
  });

  it("CAST, LIKE and BETWEEN read as the expression parser reads them", () => {
    same("SELECT CAST(age AS STRING) AS s FROM people WHERE name LIKE 'a%' AND age BETWEEN 1 AND 50", () =>
      people.where(expr("name LIKE 'a%' AND age BETWEEN 1 AND 50")).selectExpr("CAST(age AS STRING) AS s"),
    );
  });

  it("ORDER BY position and alias", () => {
    same("SELECT dept, sum(salary) AS total FROM people GROUP BY dept ORDER BY 2 DESC, dept", () =>
      people.groupBy("dept").agg(sum("salary").alias("total")).orderBy(col("total").desc(), "dept"),
    );
  });
});
