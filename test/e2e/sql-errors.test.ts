/**
 * session.sql() errors: syntax errors with line, column and what was expected; unknown tables
 * (naming the views), columns (with a close match) and functions; what is not supported says so.
 * All are raised while planning, before any task runs. Also EXPLAIN and the view catalog.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalysisError, Session, SqlParseError } from "../../src/index.js";

describe("session.sql errors, EXPLAIN and views", () => {
  let session: Session;
  beforeAll(() => {
    session = new Session({ workers: 1 });
    session.createDataFrame([{ name: "a", age: 3 }, { name: "b", age: null }]).createOrReplaceTempView("people");
    session.createDataFrame([{ k: 1 }]).createOrReplaceTempView("keys");
  });
  afterAll(async () => {
    await session.stop();
  });

  const error = (sql: string): Error => {
    try {
      session.sql(sql);
    } catch (e) {
      return e as Error;
    }
    throw new Error(`no error for ${sql}`);
  };

  it("a syntax error names the line, the column, what was expected and what was found", () => {
    const e = error("SELECT name\nFROM people\nWHERE age > > 1");
    expect(e).toBeInstanceOf(SqlParseError);
    const p = e as SqlParseError;
    expect([p.line, p.column]).toEqual([3, 13]);
    expect(p.message).toBe(`Syntax error at line 3, column 13 in "SELECT name\nFROM people\nWHERE age > > 1": expected an expression, found ">"`);
    const end = error("SELECT name FROM people WHERE age >") as SqlParseError;
    expect(end.message).toBe(`Syntax error at line 1, column 36 in "SELECT name FROM people WHERE age >": expected an expression, found end of input`);
  });

  it("a syntax error after a keyword lists the keywords that may follow", () => {
    const e = error("SELECT name FROM people ORDER age") as SqlParseError;
    expect([e.line, e.column]).toEqual([1, 31]);
    expect(e.message).toMatch(/^Syntax error at line 1, column 31 in ".*": expected .*"BY".*, found "age"$/);
  });

  it("a syntax error at a construct the parser library cannot read says so", () => {
    expect(error("SELECT name FROM people WHERE age <=> 3").message).toBe(
      `Syntax error at line 1, column 37 in "SELECT name FROM people WHERE age <=> 3": expected an expression, found ">" (the SQL parser does not support the <=> operator (use coalesce or IS NULL tests; <=> works in expression strings))`,
    );
    expect(error("SELECT k FROM keys WHERE k IS NOT DISTINCT FROM 1").message).toMatch(/\(the SQL parser does not support IS \[NOT\] DISTINCT FROM\)$/);
    expect(error("SELECT k FROM keys WHERE k IS DISTINCT FROM 1").message).toMatch(/\(the SQL parser does not support IS \[NOT\] DISTINCT FROM\)$/);
  });

  it("an unknown table names it and lists the views", () => {
    const e = error("SELECT * FROM peple");
    expect(e).toBeInstanceOf(AnalysisError);
    expect(e.message).toBe(`Table or view "peple" not found. Views: keys, people. Query a file by its path: FROM 'data/*.parquet'.`);
  });

  it("an unknown column names it, suggests a close one and lists the columns", () => {
    const e = error("SELECT agee FROM people");
    expect(e).toBeInstanceOf(AnalysisError);
    expect(e.message).toBe(`Column "agee" does not exist in SELECT. Did you mean "age"? Available columns: name, age.`);
  });

  it("an unknown qualifier names the tables in scope", () => {
    expect(error("SELECT q.age FROM people p").message).toBe(`Table or alias "q" (in q.age) is not in the FROM clause; tables in scope: p.`);
  });

  it("a FROM alias naming more or fewer columns than its query has says how many", () => {
    expect(error("SELECT * FROM (SELECT name, age FROM people) AS t (a)").message).toBe(
      "FROM … AS t(a) names 1 column, but its query has 2.",
    );
    expect(error("SELECT * FROM keys k2(a, b)").message).toBe("FROM … AS k2(a, b) names 2 columns, but its query has 1.");
  });

  it("an unknown function names it", () => {
    expect(error("SELECT frobnicate(age) FROM people").message).toMatch(/^Unknown function "frobnicate" in SQL; known functions: .*count/);
  });

  it("what is not supported says so", () => {
    expect(error("SELECT name FROM people OFFSET 1").message).toBe("OFFSET needs an ORDER BY (without one the rows it skips are not defined).");
    expect(error("SELECT name, (SELECT k FROM keys WHERE keys.k = people.age) FROM people").message).toBe(
      "SQL: a scalar subquery must be an aggregate without GROUP BY (one row per outer row): write max(x), first(x), … .",
    );
    expect(error("SELECT name FROM people WHERE age = 1 OR age IN (SELECT k FROM keys)").message).toBe(
      "SQL: EXISTS and IN (subquery) are supported as WHERE conditions joined by AND (optionally under NOT), not inside OR, CASE or other expressions.",
    );
    expect(error("SELECT name FROM people p WHERE EXISTS (SELECT 1 FROM keys k WHERE k.k = p.age LIMIT 1)").message).toBe(
      "SQL: an EXISTS subquery correlated to the enclosing query under LIMIT is not supported; correlate it in its WHERE clause.",
    );
    expect(error("SELECT name FROM people ORDER BY (SELECT max(k) FROM keys)").message).toBe("SQL: a scalar subquery in ORDER BY is not supported; compute it in the select list or WHERE.");
    expect(error("SELECT DISTINCT name FROM people ORDER BY age").message).toBe(
      "ORDER BY age ASC NULLS FIRST: with SELECT DISTINCT, ORDER BY can use only the result's columns (name), their positions, and the select list's expressions.",
    );
    expect(error("SELECT DISTINCT ON (age) name FROM people").message).toBe("SQL: SELECT DISTINCT ON is not supported.");
    expect(error("SELECT name INTO x FROM people").message).toBe("SQL: SELECT … INTO is not supported.");
    expect(error("SELECT name FROM people WHERE name LIKE 'a!_' ESCAPE '!'").message).toMatch(/^SQL: LIKE … ESCAPE .* is not supported\.$/);
    expect(error("SELECT lag(age) IGNORE NULLS OVER (ORDER BY name) FROM people").message).toBe("SQL: IGNORE NULLS with lag() (only first_value and last_value take it) is not supported.");
    expect(error("INSERT INTO people VALUES ('c', 1)").message).toMatch(/"INSERT" statements are not supported/);
    expect(error("SELECT 1 AS a; SELECT 2 AS b").message).toMatch(/one statement; found 2/);
    expect(error("SELECT * FROM 'data/notes.txt'").message).toMatch(/Cannot query the file "data\/notes.txt" by its extension/);
  });

  it("a parenthesized set operand, which the parser library drops, is an error, not a wrong answer", () => {
    expect(error("SELECT k FROM keys UNION (SELECT age FROM people)").message).toMatch(/did not keep every JOIN, set operation or window frame/);
  });

  it("EXPLAIN returns one string column, plan; EXPLAIN EXTENDED adds the logical plans", async () => {
    const df = session.sql("EXPLAIN SELECT name FROM people WHERE age > 1");
    expect(df.columns).toEqual(["plan"]);
    const [row] = await df.collect();
    expect(String(row?.["plan"])).toMatch(/^== Physical Plan ==\n[\s\S]*Filter \(age > 1\)/);
    const ext = String((await session.sql("EXPLAIN EXTENDED SELECT name FROM people WHERE age > 1").collect())[0]?.["plan"]);
    expect(ext).toMatch(/== Analyzed Logical Plan ==[\s\S]*== Optimized Logical Plan ==[\s\S]*== Physical Plan ==/);
  });

  it("views are case-insensitive, replaced by name and dropped", async () => {
    session.createDataFrame([{ v: 1 }, { v: 2 }]).createOrReplaceTempView("Tmp");
    expect(await session.sql("SELECT sum(v) AS s FROM tmp").collect()).toEqual([{ s: 3n }]);
    session.createDataFrame([{ v: 10 }]).createOrReplaceTempView("TMP");
    expect(await session.sql("SELECT sum(v) AS s FROM Tmp").collect()).toEqual([{ s: 10n }]);
    expect(session.dropTempView("tmp")).toBe(true);
    expect(error("SELECT * FROM tmp").message).toMatch(/Table or view "tmp" not found/);
  });
});
