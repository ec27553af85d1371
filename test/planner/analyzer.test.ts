/** The analyzer: names, types and the errors users see before any task runs. */
import { describe, expect, it } from "vitest";
import { buildAggregate, buildDropDuplicates, buildUnion, buildWithColumn } from "../../planner/analyzer/builders.js";
import { outputOf } from "../../planner/analyzer/types-of.js";
import { AnalysisError } from "../../planner/errors.js";
import { parseExpression, parseSelectItem } from "../../planner/sql/index.js";
import { groupBy, join, scan, select, where } from "../helpers/plans.js";

const people = () => scan("people.csv", { name: "utf8", age: "int32", dept: "utf8", salary: "float64" });
const types = (p: ReturnType<typeof people>) => outputOf(p).map((a) => `${a.name}:${a.type}`);

describe("name resolution", () => {
  it("names the unknown column, suggests a close one and lists what exists", () => {
    expect(() => where(people(), "agee > 3")).toThrow(AnalysisError);
    expect(() => where(people(), "agee > 3")).toThrow('Column "agee" does not exist in where. Did you mean "age"? Available columns: name, age, dept, salary.');
  });
  it("does not suggest when nothing is close", () => {
    expect(() => select(people(), "zzzzzz")).toThrow(/^Column "zzzzzz" does not exist in select\. Available columns/);
  });
  it("resolves names case-insensitively, as Spark", () => {
    expect(types(select(people(), "AGE"))).toEqual(["age:int32"]);
  });
  it("reports an ambiguous column after a join", () => {
    const other = scan("o.csv", { name: "utf8", x: "int32" });
    // In the condition, "name" exists on both sides.
    expect(() => join(people(), other, "name = x")).toThrow(/Column "name" is ambiguous in join\(inner\): 2 input columns have that name/);
    // After a join, selecting it is ambiguous too.
    const j = join(people(), other, "age = x");
    expect(() => select(j, "name")).toThrow(/Column "name" is ambiguous in select/);
    expect(outputOf(select(j, "dept", "x")).map((a) => a.name)).toEqual(["dept", "x"]);
  });
  it("keeps a USING join key once", () => {
    const other = scan("o.csv", { dept: "utf8", floor: "int32" });
    expect(outputOf(join(people(), other, ["dept"])).map((a) => a.name)).toEqual(["dept", "name", "age", "salary", "floor"]);
  });
});

describe("types", () => {
  it("follows Spark's result types", () => {
    const p = select(people(), "age + 1 AS a", "age / 2 AS b", "age * 2.5 AS c", "age > 3 AS d", "CAST(age AS BIGINT) + 1 AS e");
    expect(types(p)).toEqual(["a:int32", "b:float64", "c:float64", "d:boolean", "e:int64"]);
  });
  it("types aggregates: count int64, sum of ints int64, avg float64, min keeps the type", () => {
    const p = groupBy(people(), ["dept"], ["count(*) AS n", "sum(age) AS s", "avg(age) AS a", "min(name) AS m", "sum(salary) AS t"]);
    expect(types(p)).toEqual(["dept:utf8", "n:int64", "s:int64", "a:float64", "m:utf8", "t:float64"]);
  });
  it("rejects a comparison between unrelated types", () => {
    expect(() => where(people(), "age = true")).toThrow("Type mismatch in where: cannot compare age (int32) with true (boolean).");
  });
  it("rejects a non-boolean filter", () => {
    expect(() => where(people(), "age + 1")).toThrow(/where\/filter needs a boolean condition, but \(age \+ 1\) is int32/);
  });
  it("rejects AND over numbers", () => {
    expect(() => where(people(), "age AND true")).toThrow(/AND needs boolean operands/);
  });
  it("rejects sum over strings it cannot read as numbers? (Spark casts them to double)", () => {
    expect(types(groupBy(people(), [], ["sum(name) AS s"]))).toEqual(["s:float64"]);
  });
});

describe("aggregates", () => {
  it("refuses an aggregate in where", () => {
    expect(() => where(people(), "sum(age) > 3")).toThrow("Aggregate function sum(age) is not allowed in where; aggregates belong in groupBy(...).agg(...) or agg(...).");
  });
  it("refuses an aggregate in withColumn", () => {
    expect(() => buildWithColumn(people(), "s", parseExpression("max(age)"))).toThrow(/not allowed in withColumn\("s"\)/);
  });
  it("refuses a column that is neither grouped nor aggregated", () => {
    expect(() => groupBy(people(), ["dept"], ["name"])).toThrow(/Column "name" in name is neither grouped nor aggregated/);
  });
  it("refuses nested aggregates", () => {
    expect(() => buildAggregate(people(), [], [parseSelectItem("sum(max(age))")])).toThrow(/cannot be nested/);
  });
  it("turns a select of aggregates into a global aggregate", () => {
    expect(types(select(people(), "max(age) AS m", "count(*) AS n"))).toEqual(["m:int32", "n:int64"]);
  });
  it("computes expressions over aggregates above the aggregate", () => {
    expect(types(groupBy(people(), ["dept"], ["sum(age) / count(age) AS mean"]))).toEqual(["dept:utf8", "mean:float64"]);
  });
});

describe("unions and duplicates", () => {
  it("widens column types across a union", () => {
    const a = scan("a.csv", { x: "int32" });
    const b = scan("b.csv", { x: "float64" });
    expect(types(buildUnion(a, b, false))).toEqual(["x:float64"]);
  });
  it("refuses a union with a different number of columns", () => {
    expect(() => buildUnion(scan("a.csv", { x: "int32" }), scan("b.csv", { x: "int32", y: "int32" }), false)).toThrow(/union needs the same number of columns/);
  });
  it("unionByName matches by name and reports a missing column", () => {
    const a = scan("a.csv", { x: "int32", y: "utf8" });
    const b = scan("b.csv", { y: "utf8", x: "int32" });
    expect(types(buildUnion(a, b, true))).toEqual(["x:int32", "y:utf8"]);
    expect(() => buildUnion(a, scan("c.csv", { y: "utf8", z: "int32" }), true)).toThrow(/column "x" is missing from the second DataFrame/);
  });
  it("dropDuplicates keeps the column order", () => {
    expect(types(buildDropDuplicates(people(), ["dept"]))).toEqual(["name:utf8", "age:int32", "dept:utf8", "salary:float64"]);
  });
});
